/* compile.h — one compilation: its arena, its files and its diagnostics.
 * Every stage receives the Compilation and allocates into its arena. */
#ifndef STACKC_COMPILE_H
#define STACKC_COMPILE_H

#include <stdbool.h>
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
  /* Code directories must lie inside the project root (nothing outside it may enter a zip). The
   * command line sets root_dir for --root (root_given); driver_check defaults it to the stack
   * file's directory and resolves it into `root` (realpath), which the checker reads. Messages
   * name root_dir. */
  const char *root_dir;
  bool root_given;
  const char *root;
  /* This run's output: the -o file of `build`, or the directory of `package` (output_is_dir);
   * NULL for standard output. It never enters a zip (codedir.c). */
  const char *output;
  bool output_is_dir;
  struct CodeDirs *code_dirs;   /* every code directory scanned so far, each once (codedir.c) */
} Compilation;

void compilation_init(Compilation *c);
void compilation_free(Compilation *c);

#endif
