/* fuzz_structured.c — libFuzzer harness, structure-aware: the fuzzer's
 * bytes choose a syntactically valid stack program (fuzz_gen.c) from every
 * resource kind, attribute, grant, trigger, parameter, let and output, so
 * that mutations reach the checker, the plan and both backends instead of
 * stopping at the parser. `replay --structured --print FILE` shows the
 * program an input stands for. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdlib.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t len = 0;
  char *text = fuzz_generate(data, size, &len);
  FuzzResult r = fuzz_pipeline(text, len);
  free(text);
  fuzz_check_alone_copies(data, size, r);
  return 0;
}
