/* compile.c — setting up and tearing down one compilation. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "compile.h"

#include "codedir.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* "Today" decides which Lambda runtimes are deprecated or blocked. It comes
 * from SOURCE_DATE_EPOCH when set, so builds and golden tests reproduce. */
static int64_t compilation_today(void) {
  const char *env = getenv("SOURCE_DATE_EPOCH");
  if (env && *env) {
    char *end;
    errno = 0;
    long long v = strtoll(env, &end, 10);
    if (errno == 0 && *end == '\0' && v >= 0) return (int64_t)v;
  }
  return (int64_t)time(NULL);
}

void compilation_init(Compilation *c) {
  memset(c, 0, sizeof *c);
  c->diag.arena = &c->arena;
  c->diag.sm = &c->sources;
  c->diag.max_errors = 20;
  c->today = compilation_today();
}

void compilation_free(Compilation *c) {
  code_dirs_free(c);
  source_map_free(&c->sources);
  arena_free(&c->arena);
}
