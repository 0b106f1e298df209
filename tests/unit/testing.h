/* testing.h — the assertion macro and summary line every unit test uses.
 * A failed assertion prints where it failed and the test goes on, so one
 * run shows every failure; test_summary() prints "N passed, M failed"
 * (the closing line CI reads) and gives the exit status. */
#ifndef STACKC_TESTING_H
#define STACKC_TESTING_H

#include <stdio.h>

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

static inline int test_summary(void) {
  printf("%d passed, %d failed\n", test_passed, test_failed);
  return test_failed ? 1 : 0;
}

#endif
