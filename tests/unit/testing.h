/* testing.h — the assertion macro and summary line every unit test uses.
 * A failed assertion prints where it failed and the test goes on, so one
 * run shows every failure; test_summary() prints "N passed, M failed"
 * (the closing line CI reads) and gives the exit status. */
#ifndef STACKC_TESTING_H
#define STACKC_TESTING_H

#include <stdio.h>
#include <stdlib.h>

#include "fileio.h"

static int test_passed, test_failed;

#define ASSERT(cond)                                                               \
  do {                                                                             \
    if (cond) {                                                                    \
      test_passed++;                                                               \
    } else {                                                                       \
      test_failed++;                                                               \
      fprintf(stderr, "%s:%d: assertion failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                              \
  } while (0)

/* docs/language.md of the source tree ($top_srcdir), malloc'd; NULL after
 * saying why. For the tests that keep the documentation honest. */
static inline char *test_read_doc(void) {
  const char *top = getenv("top_srcdir");
  char path[4096], err[512];
  snprintf(path, sizeof path, "%s/docs/language.md", top && *top ? top : ".");
  char *text = NULL;
  size_t len = 0;
  if (read_file(path, &text, &len, err, sizeof err) != 0) {
    fprintf(stderr, "%s\n", err);
    return NULL;
  }
  return text;
}

static inline int test_summary(void) {
  printf("%d passed, %d failed\n", test_passed, test_failed);
  return test_failed ? 1 : 0;
}

#endif
