/* fuzz_compile.c — libFuzzer harness: any bytes through the whole pipeline
 * (lexer, parser, checker, plan, both backends, both emitters).
 * Build: ./configure CC=clang --enable-fuzzing && make fuzz (tests/fuzz/README.md). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* The stack file as read from disk: a NUL-terminated copy. */
  char *text = malloc(size + 1);
  if (!text) return 0;
  if (size) memcpy(text, data, size);
  text[size] = '\0';
  fuzz_pipeline(text, size);
  free(text);
  return 0;
}
