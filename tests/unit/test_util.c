/* test_util.c -- NameMap (util.c): lookups through growth, colliding keys,
 * first value kept on a repeated key; and did_you_mean's threshold. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "testing.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

#define NKEYS 5000

static void test_map_growth(Arena *a) {
  static char keys[NKEYS][16];
  static int vals[NKEYS];
  NameMap m = {0};
  ASSERT(map_get(&m, "absent") == NULL);   /* empty map, no storage yet */
  int added = 0;
  for (int i = 0; i < NKEYS; i++) {
    snprintf(keys[i], sizeof keys[i], "name%d", i);
    vals[i] = i;
    added += map_put(a, &m, keys[i], &vals[i]) == NULL;
  }
  ASSERT(added == NKEYS);
  ASSERT(m.n == NKEYS);
  ASSERT(m.cap >= 2 * NKEYS);   /* at most half full */
  int found = 0;
  for (int i = 0; i < NKEYS; i++) {
    char probe[16];   /* a different pointer with the same text */
    snprintf(probe, sizeof probe, "name%d", i);
    int *v = map_get(&m, probe);
    found += v && *v == i;
  }
  ASSERT(found == NKEYS);
  ASSERT(map_get(&m, "name5000") == NULL);
  ASSERT(map_get(&m, "") == NULL);
}

static void test_map_repeated_key(Arena *a) {
  NameMap m = {0};
  int first = 1, second = 2;
  ASSERT(map_put(a, &m, "jobs", &first) == NULL);
  ASSERT(map_put(a, &m, "jobs", &second) == &first);   /* reports the one already there */
  ASSERT(map_get(&m, "jobs") == &first);
  ASSERT(m.n == 1);
}

static void test_did_you_mean(void) {
  static const char *const names[] = {"handler", "runtime", "memory"};
  ASSERT(did_you_mean("handlr", names, 3) && strcmp(did_you_mean("handlr", names, 3), "handler") == 0);
  ASSERT(did_you_mean("xyz", names, 3) == NULL);   /* farther than 2 edits */
}

/* Without a near spelling: whole words (snake_case, CamelCase), the last
 * matching word first, then a prefix of a candidate or a word of one. */
static void test_did_you_mean_words(void) {
  static const char *const args[] = {"batch", "window", "partial_failures"};
  static const char *const outs[] = {"queue", "url", "function"};
  static const char *const ids[] = {"nodejs24.x", "python3.14", "python3.13"};
  static const char *const attrs[] = {"retries", "visibility_timeout", "delay"};
  const char *g;
  g = did_you_mean("batch_size", args, 3);
  ASSERT(g && strcmp(g, "batch") == 0);
  g = did_you_mean("BatchSize", args, 3);
  ASSERT(g && strcmp(g, "batch") == 0);
  g = did_you_mean("MaximumBatchingWindowInSeconds", args, 3);
  ASSERT(g && strcmp(g, "window") == 0);
  g = did_you_mean("queue_url", outs, 3);   /* a queue_url is a url */
  ASSERT(g && strcmp(g, "url") == 0);
  g = did_you_mean("python", ids, 3);       /* the first, newest, of the family */
  ASSERT(g && strcmp(g, "python3.14") == 0);
  g = did_you_mean("visibility", attrs, 3);
  ASSERT(g && strcmp(g, "visibility_timeout") == 0);
  ASSERT(did_you_mean("events", args, 3) == NULL);
  ASSERT(did_you_mean("ab", outs, 3) == NULL);        /* too short to match a word */
  ASSERT(did_you_mean("my_id_x", outs, 3) == NULL);   /* no word in common */
}

int main(void) {
  Arena a = {0};
  test_map_growth(&a);
  test_map_repeated_key(&a);
  test_did_you_mean();
  test_did_you_mean_words();
  arena_free(&a);
  return test_summary();
}
