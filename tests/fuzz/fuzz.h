/* fuzz.h — the pieces shared by the libFuzzer harnesses (fuzz_compile.c,
 * fuzz_structured.c) and replay.c, which feeds files to the same code.
 *
 *   bytes ──► fuzz_compile.c ──────────────────────────┐
 *   bytes ──► fuzz_structured.c ─► fuzz_generate() ─────┴─► fuzz_pipeline()
 *                                                           (check, plan, 3 renders)
 *
 * See tests/fuzz/README.md for building and running them. */
#ifndef STACKC_FUZZ_H
#define STACKC_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* libFuzzer's entry point; each harness defines it. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* How far one input got through the pipeline. */
typedef enum FuzzResult {
  FUZZ_SKIPPED,      /* not run: the input could make the code-directory zip walk the file system */
  FUZZ_REJECTED,     /* driver_check reported errors (diagnostics flushed to /dev/null) */
  FUZZ_RENDERED,     /* checked, planned, and rendered for cfn, cfn-yaml and tf */
} FuzzResult;

/* Runs `text` (len bytes, text[len] == '\0') through compilation_init,
 * driver_check, diag_flush and, when it checks, driver_render for every
 * target, then frees everything. The stack file's path is a fixed fake
 * path in a scratch directory made once, holding the code directories the
 * tests and examples use (src/fn, src/node, ...), so `code = "src/fn"`
 * checks. Aborts (a finding) when a render returns NULL or text that is not
 * well-formed JSON or YAML. */
FuzzResult fuzz_pipeline(const char *text, size_t len);

/* Turns the fuzzer's bytes into a syntactically valid stack program built
 * from the language's constructs (fuzz_gen.c). Returns malloc'd text,
 * NUL-terminated, its length in *len. */
char *fuzz_generate(const uint8_t *data, size_t size, size_t *len);

/* The same program with a copy of each component, `NAME_alone`, that
 * nothing uses and whose parameters have no defaults. Such a copy is
 * checked on its own, its parameters standing for any value, so it must
 * not add an error: when fuzz_generate's program checks cleanly, this one
 * must too (fuzz_check_alone_copies). */
char *fuzz_generate_alone_copies(const uint8_t *data, size_t size, size_t *len);

/* When the program of `data` rendered (`first`), checks its version with
 * the unused copies; aborts with both programs if that one has errors. */
void fuzz_check_alone_copies(const uint8_t *data, size_t size, FuzzResult first);

#endif
