/* compile.h — one compilation: its arena, its files and its diagnostics.
 * Every stage receives the Compilation and allocates into its arena. */
#ifndef STACKC_COMPILE_H
#define STACKC_COMPILE_H

#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "source.h"

typedef struct Compilation {
  Arena arena;          /* everything below lives here */
  SourceMap sources;    /* files read so far */
  DiagEngine diag;      /* diagnostics of every stage */
  int64_t today;        /* "now" in seconds since 1970: SOURCE_DATE_EPOCH or time() */
  const char *const *include_dirs;   /* -I directories searched for imports, in order */
  uint32_t ninclude_dirs;
} Compilation;

void compilation_init(Compilation *c);
void compilation_free(Compilation *c);

#endif
