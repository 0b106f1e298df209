/* test_runtimes.c -- runtimes.c: lookup of known and unknown ids, the civil-date to
 * epoch conversion (against known values and a day-by-day walk), status transitions
 * around nodejs20.x's deprecation, a long-blocked runtime (go1.x), and the shape of
 * the table itself (well-formed, ordered dates; unique ids; lookup finds every id). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "runtimes.h"
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>



#define DAY INT64_C(86400)
#define TODAY INT64_C(1795824000) /* 2026-11-28 00:00 UTC, the date this table was checked */

static void test_lookup(void) {
  const Runtime *r = runtime_lookup("nodejs22.x");
  ASSERT(r != NULL);
  ASSERT(r && strcmp(r->id, "nodejs22.x") == 0);
  ASSERT(r && strcmp(r->family, "nodejs") == 0);

  ASSERT(runtime_lookup("python3.12") && strcmp(runtime_lookup("python3.12")->family, "python") == 0);
  ASSERT(runtime_lookup("java21") && strcmp(runtime_lookup("java21")->family, "java") == 0);
  ASSERT(runtime_lookup("dotnet8") && strcmp(runtime_lookup("dotnet8")->family, "dotnet") == 0);
  ASSERT(runtime_lookup("ruby3.4") && strcmp(runtime_lookup("ruby3.4")->family, "ruby") == 0);
  ASSERT(runtime_lookup("provided.al2023") &&
         strcmp(runtime_lookup("provided.al2023")->family, "provided") == 0);
  ASSERT(runtime_lookup("nodejs24.x") != NULL);
  ASSERT(runtime_lookup("python3.14") != NULL);
  ASSERT(runtime_lookup("java25") != NULL);
  ASSERT(runtime_lookup("provided.al2") != NULL);
  ASSERT(runtime_lookup("go1.x") != NULL);

  /* deprecated ones users still write are known, so they warn rather than "unknown" */
  static const char *const old[] = {"nodejs18.x", "nodejs16.x", "nodejs14.x", "python3.9",
                                    "python3.8",  "python3.7",  "java8",      "dotnet6",
                                    "dotnetcore3.1", "ruby2.7", "ruby3.2",    "provided"};
  for (size_t i = 0; i < sizeof old / sizeof old[0]; i++) {
    const Runtime *o = runtime_lookup(old[i]);
    ASSERT(o != NULL);
    ASSERT(o && o->deprecated != NULL);
    if (!o)
      fprintf(stderr, "  missing: %s\n", old[i]);
  }

  /* currently supported ones have no deprecation in the past of 2026-11-28 */
  ASSERT(runtime_lookup("nodejs22.x")->deprecated &&
         strcmp(runtime_lookup("nodejs22.x")->deprecated, "2027-04-30") == 0);

  ASSERT(runtime_lookup(NULL) == NULL);
  ASSERT(runtime_lookup("") == NULL);
  ASSERT(runtime_lookup("nodejs") == NULL);          /* retired, not listed */
  ASSERT(runtime_lookup("node22") == NULL);
  ASSERT(runtime_lookup("NODEJS22.X") == NULL);      /* exact match, like Lambda */
  ASSERT(runtime_lookup("nodejs22.x ") == NULL);
  ASSERT(runtime_lookup("python3.1") == NULL);       /* not a prefix match */
  ASSERT(runtime_lookup("dotnet9") == NULL);         /* container-image only */
}

static void test_dates(void) {
  ASSERT(runtime_date_epoch("1970-01-01") == 0);
  ASSERT(runtime_date_epoch("1970-01-02") == DAY);
  ASSERT(runtime_date_epoch("1969-12-31") == -DAY);
  ASSERT(runtime_date_epoch("2026-04-30") == INT64_C(1777507200));
  ASSERT(runtime_date_epoch("2000-01-01") == INT64_C(946684800));
  ASSERT(runtime_date_epoch("2038-01-19") == INT64_C(2147472000));  /* the day 32-bit time_t runs out */
  ASSERT(runtime_date_epoch("2038-01-20") == INT64_C(2147558400));  /* and the day after: past INT32_MAX */
  ASSERT(runtime_date_epoch("2026-11-28") == TODAY);
  ASSERT(runtime_date_epoch("9999-12-31") == INT64_C(253402214400));
  ASSERT(runtime_date_epoch("0000-03-01") == INT64_C(-62162035200));

  /* leap years: divisible by 4, except centuries, except every 400 years */
  ASSERT(runtime_date_epoch("2024-02-29") != RUNTIME_DATE_INVALID);
  ASSERT(runtime_date_epoch("2024-03-01") - runtime_date_epoch("2024-02-28") == 2 * DAY);
  ASSERT(runtime_date_epoch("2023-03-01") - runtime_date_epoch("2023-02-28") == DAY);
  ASSERT(runtime_date_epoch("2000-02-29") != RUNTIME_DATE_INVALID);   /* 400: leap */
  ASSERT(runtime_date_epoch("2000-03-01") - runtime_date_epoch("2000-02-28") == 2 * DAY);
  ASSERT(runtime_date_epoch("1900-02-29") == RUNTIME_DATE_INVALID);   /* 100: not leap */
  ASSERT(runtime_date_epoch("2100-02-29") == RUNTIME_DATE_INVALID);
  ASSERT(runtime_date_epoch("2100-03-01") - runtime_date_epoch("2100-02-28") == DAY);
  ASSERT(runtime_date_epoch("2026-02-29") == RUNTIME_DATE_INVALID);
  ASSERT(runtime_date_epoch("2028-01-01") - runtime_date_epoch("2027-01-01") == 365 * DAY);
  ASSERT(runtime_date_epoch("2029-01-01") - runtime_date_epoch("2028-01-01") == 366 * DAY);

  /* malformed */
  static const char *const bad[] = {NULL,         "",           "2026-4-30",   "2026-04-3",
                                    "2026/04/30", "2026-04-30 ", "2026-00-10", "2026-13-01",
                                    "2026-04-00", "2026-04-31",  "2026-06-31", "20a6-04-30",
                                    "+026-04-30", "2026-04-3x",  "2026-0430-", "Apr 30, 2026"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    int ok = runtime_date_epoch(bad[i]) == RUNTIME_DATE_INVALID;
    ASSERT(ok);
    if (!ok)
      fprintf(stderr, "  accepted: \"%s\"\n", bad[i]);
  }

  /* a day-by-day walk from 1899-01-01 to 2101-12-31: every date one day after the last */
  static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int64_t prev = runtime_date_epoch("1898-12-31");
  int walk_ok = prev != RUNTIME_DATE_INVALID;
  for (int y = 1899; y <= 2101 && walk_ok; y++) {
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    for (int m = 1; m <= 12 && walk_ok; m++) {
      int nd = mdays[m - 1] + (m == 2 && leap);
      for (int d = 1; d <= nd; d++) {
        char buf[40];
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        int64_t t = runtime_date_epoch(buf);
        if (t != prev + DAY) {
          fprintf(stderr, "  walk broke at %s\n", buf);
          walk_ok = 0;
          break;
        }
        prev = t;
      }
      char past[40];
      snprintf(past, sizeof past, "%04d-%02d-%02d", y, m, nd + 1);
      if (runtime_date_epoch(past) != RUNTIME_DATE_INVALID) {
        fprintf(stderr, "  accepted %s\n", past);
        walk_ok = 0;
      }
    }
  }
  ASSERT(walk_ok);
}

static void test_status(void) {
  const Runtime *n20 = runtime_lookup("nodejs20.x");
  ASSERT(n20 != NULL);
  if (!n20)
    return;
  ASSERT(n20->deprecated && strcmp(n20->deprecated, "2026-04-30") == 0);
  int64_t dep = runtime_date_epoch("2026-04-30");
  ASSERT(runtime_status(n20, 0) == RUNTIME_OK);
  ASSERT(runtime_status(n20, dep - DAY) == RUNTIME_OK);
  ASSERT(runtime_status(n20, dep - 1) == RUNTIME_OK);                 /* 2026-04-29 23:59:59 */
  ASSERT(runtime_status(n20, dep) == RUNTIME_DEPRECATED);             /* 2026-04-30 00:00:00 */
  ASSERT(runtime_status(n20, dep + DAY - 1) == RUNTIME_DEPRECATED);
  ASSERT(runtime_status(n20, TODAY) == RUNTIME_DEPRECATED);
  ASSERT(n20->block_create != NULL);
  if (n20->block_create) {
    int64_t blk = runtime_date_epoch(n20->block_create);
    ASSERT(runtime_status(n20, blk - 1) == RUNTIME_DEPRECATED);
    ASSERT(runtime_status(n20, blk) == RUNTIME_BLOCKED);
  }
  ASSERT(runtime_status(n20, INT64_C(4102444800)) == RUNTIME_BLOCKED); /* 2100-01-01 */

  /* go1.x: create blocked since 2024; blocked on "today" 2026-11-28 and long before */
  const Runtime *go = runtime_lookup("go1.x");
  ASSERT(go != NULL);
  if (go) {
    ASSERT(runtime_status(go, TODAY) == RUNTIME_BLOCKED);
    ASSERT(runtime_status(go, runtime_date_epoch("2024-02-08")) == RUNTIME_BLOCKED);
    ASSERT(runtime_status(go, runtime_date_epoch("2024-02-07")) == RUNTIME_DEPRECATED);
    ASSERT(runtime_status(go, runtime_date_epoch("2023-12-31")) == RUNTIME_OK);
  }

  /* supported with nothing scheduled before 2027 */
  ASSERT(runtime_status(runtime_lookup("nodejs24.x"), TODAY) == RUNTIME_OK);
  ASSERT(runtime_status(runtime_lookup("python3.13"), TODAY) == RUNTIME_OK);
  ASSERT(runtime_status(runtime_lookup("provided.al2023"), TODAY) == RUNTIME_OK);

  /* no block_create known: blocked only from block_update */
  static const Runtime synthetic = {"x", "x", "2020-01-01", NULL, "2020-03-01"};
  ASSERT(runtime_status(&synthetic, runtime_date_epoch("2019-12-31")) == RUNTIME_OK);
  ASSERT(runtime_status(&synthetic, runtime_date_epoch("2020-02-29")) == RUNTIME_DEPRECATED);
  ASSERT(runtime_status(&synthetic, runtime_date_epoch("2020-03-01")) == RUNTIME_BLOCKED);
  static const Runtime none = {"y", "y", NULL, NULL, NULL};
  ASSERT(runtime_status(&none, INT64_C(4102444800)) == RUNTIME_OK);
  ASSERT(runtime_status(NULL, 0) == RUNTIME_OK);
}

static int well_formed(const char *s) {
  return s == NULL || runtime_date_epoch(s) != RUNTIME_DATE_INVALID;
}

static void test_table(void) {
  size_t n = 0;
  const char *const *ids = runtime_ids(&n);
  ASSERT(ids != NULL);
  ASSERT(n >= 30);
  ASSERT(runtime_ids(NULL) == ids);
  static const char *const families[] = {"nodejs", "python", "java", "dotnet", "ruby", "provided", "go"};
  for (size_t i = 0; i < n; i++) {
    const Runtime *r = runtime_lookup(ids[i]);
    ASSERT(r != NULL);
    if (!r)
      continue;
    ASSERT(r->id == ids[i] || strcmp(r->id, ids[i]) == 0);
    ASSERT(r->family != NULL);

    int fam_ok = 0;
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++)
      if (r->family && strcmp(r->family, families[f]) == 0)
        fam_ok = 1;
    ASSERT(fam_ok);
    ASSERT(r->family && strncmp(r->id, r->family, strlen(r->family)) == 0);

    int ok = well_formed(r->deprecated) && well_formed(r->block_create) && well_formed(r->block_update);
    ASSERT(ok);
    if (!ok)
      fprintf(stderr, "  %s: malformed date\n", r->id);

    /* deprecated <= block_create <= block_update, for whichever are given; a block
     * date implies a deprecation date */
    int64_t d = r->deprecated ? runtime_date_epoch(r->deprecated) : INT64_MIN;
    int64_t c = r->block_create ? runtime_date_epoch(r->block_create) : INT64_MIN;
    int64_t u = r->block_update ? runtime_date_epoch(r->block_update) : INT64_MIN;
    int ordered = 1;
    if ((r->block_create || r->block_update) && !r->deprecated)
      ordered = 0;
    if (r->deprecated && r->block_create && d > c)
      ordered = 0;
    if (r->block_create && r->block_update && c > u)
      ordered = 0;
    if (r->deprecated && r->block_update && d > u)
      ordered = 0;
    ASSERT(ordered);
    if (!ordered)
      fprintf(stderr, "  %s: dates out of order\n", r->id);

    for (size_t j = i + 1; j < n; j++) {
      int uniq = strcmp(ids[i], ids[j]) != 0;
      ASSERT(uniq);
      if (!uniq)
        fprintf(stderr, "  duplicate id: %s\n", ids[i]);
    }
  }
}

/* The lists "unknown runtime" prints: generated from the table, for a date. */
static void test_current(void) {
  int64_t day = runtime_date_epoch("2026-01-01");
  const char *ids[64];
  size_t n = runtime_current_ids("python", day, ids, 64);
  ASSERT(n >= 1 && strcmp(ids[0], "python3.14") == 0);   /* newest first */
  for (size_t i = 0; i < n; i++) {
    const Runtime *r = runtime_lookup(ids[i]);
    ASSERT(r && strcmp(r->family, "python") == 0 && runtime_status(r, day) == RUNTIME_OK);
  }
  n = runtime_current_ids(NULL, day, ids, 64);   /* the newest of each family */
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++)
      ASSERT(strcmp(runtime_lookup(ids[i])->family, runtime_lookup(ids[j])->family) != 0);
  ASSERT(n >= 5 && strcmp(ids[0], "nodejs24.x") == 0);
  ASSERT(runtime_family_named("python") && strcmp(runtime_family_named("python"), "python") == 0);
  ASSERT(runtime_family_named("python3.15") && strcmp(runtime_family_named("python3.15"), "python") == 0);
  ASSERT(runtime_family_named("node") && strcmp(runtime_family_named("node"), "nodejs") == 0);
  ASSERT(runtime_family_named("no") == NULL);
  ASSERT(runtime_family_named("cobol") == NULL);
  ASSERT(runtime_family_named("pythonic") == NULL);
}

int main(void) {
  test_lookup();
  test_current();
  test_dates();
  test_status();
  test_table();
  return test_summary();
}
