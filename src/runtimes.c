/* runtimes.c -- the table of AWS Lambda runtime identifiers and their lifecycle
 * dates (deprecation, block function create, block function update), for the
 * checker's "unknown / deprecated / can no longer create" diagnostics. See runtimes.h.
 *
 * THIS LIST CHANGES EVERY FEW MONTHS. AWS adds runtimes (nodejs24.x, python3.14,
 * java25 appeared in Nov 2025; dotnet10 in Jan 2026; ruby4.0 in Apr 2026; java*.al2023
 * in Jul 2026) and it moves dates, usually later: in 2025 and again in 2026 it pushed
 * the "block function create/update" dates of most deprecated runtimes back.
 *
 * Last checked: 2026-11-28 (the project's "today" when this was written).
 *
 * Where it came from. The authority is AWS's own page, "Lambda runtimes"
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html), tables
 * "Supported runtimes" and "Deprecated runtimes", columns Deprecation date / Block
 * function create / Block function update. Its table could not be read directly when
 * this was written, so the dates were taken from sources that copied it, each with
 * its own date; the tag after each row says which:
 *
 *   [EOL]   endoflife.date, products/aws-lambda.md, a version from after 2026-07-31
 *           (it lists java*.al2023, released that day). Its data is scraped from the
 *           AWS page: eoas = deprecation date, eol = block function update. It does
 *           not carry block function create.
 *   [CFN]   cfn-lint issue #4531 and PR #4532 (2026-06-02), quoting the AWS page:
 *           nodejs20.x create blocked 2027-02-01; "many create-block/update-block
 *           dates pushed to 2027-02-01/2027-03-03"; python3.8's create block "moved
 *           to future"; java11/java17/java8.al2/python3.11 got a year's extension.
 *   [CFN25] cfn-lint src/cfnlint/data/AdditionalSpecs/LmbdRuntimeLifecycle.json as
 *           of late 2025 (dates of runtimes whose create block had already passed).
 *   [RFDK]  aws/aws-rfdk PR #1703 (2026-07-08), quoting the AWS page for nodejs18.x.
 *   [PL]    pocketlantern.dev briefs "as of 2026-04", quoting the AWS page for
 *           nodejs22.x and python3.11 (and python3.9, since superseded).
 *   [GO]    AWS "Building Lambda functions with Go" page (copy of 2025-2026):
 *           provided.al2023 deprecated 2029-06-30, create 2029-07-31, update 2029-08-31.
 *   [INF]   inferred, not read: the block-create date of a runtime that shares its
 *           deprecation and update dates with a runtime whose create date is sourced
 *           (AWS schedules such cohorts together). Treat as provisional.
 *
 * Disagreements, resolved in favour of the latest copy of AWS's page:
 *   - nodejs20.x / nodejs18.x block update: 2027-03-03 per [CFN]/[RFDK] (June-July
 *     2026), 2027-08-31 per [EOL] (after 2026-07-31). [EOL] is later: 2027-08-31.
 *     The same later extension to 2027-08-31 shows for every deprecated runtime in
 *     [EOL], so the create dates of that cohort may also have moved since [CFN]; no
 *     copy seen says to what.
 *   - python3.9: [PL] (2026-04) had create 2026-08-31 / update 2026-09-30; replaced
 *     by the 2027 extension ([CFN], and [EOL] for update).
 *   - dotnet6 deprecation: 2024-11-12 in [CFN25], 2024-12-20 in [EOL]: 2024-12-20.
 * A NULL block_create means no copy seen gives one; runtime_status then blocks only
 * from block_update. Never invent a date to fill a NULL.
 *
 * Not listed: dotnet9 (container image only: no managed runtime identifier for a .zip
 * function), dotnet7 and dotnet5.0 (container only too), nodejs4.3-edge (AWS's own
 * dates for it are out of order), and runtimes retired before 2020 (nodejs, nodejs4.3,
 * nodejs6.10, nodejs8.10, dotnetcore1.0, dotnetcore2.0): an id not here gets "unknown
 * runtime" with a suggestion, which is right for those too.
 *
 * How to update: open the AWS page above (and the per-language pages it links, e.g.
 * lambda-nodejs.html, which repeat the same three columns). For each row, write the
 * identifier and the three dates as YYYY-MM-DD ("Not scheduled" = NULL). Add new
 * runtimes at the top of their family; keep deprecated ones users may still write.
 * Replace the "Last checked" date and the source tags above. Then run
 * tests/unit/test_runtimes, which checks every date is well formed and ordered
 * (deprecated <= block_create <= block_update) and that ids are unique; adjust its
 * nodejs20.x/go1.x expectations only if AWS moved those dates. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "runtimes.h"

#include <string.h>

/* X(id, family, deprecated, block_create, block_update). One list, expanded twice:
 * into the table and into the id array runtime_ids() returns. */
#define RUNTIME_TABLE(X)                                                                  \
  /* Node.js */                                                                           \
  X("nodejs24.x", "nodejs", "2028-04-30", NULL, "2028-07-01")                /* [EOL] */  \
  X("nodejs22.x", "nodejs", "2027-04-30", "2027-06-01", "2027-07-01")       /* [PL][EOL] */ \
  X("nodejs20.x", "nodejs", "2026-04-30", "2027-02-01", "2027-08-31")       /* [CFN][EOL] */ \
  X("nodejs18.x", "nodejs", "2025-09-01", "2027-02-01", "2027-08-31")       /* [RFDK][EOL] */ \
  X("nodejs16.x", "nodejs", "2024-06-12", "2027-02-01", "2027-08-31")       /* [INF][EOL] */ \
  X("nodejs14.x", "nodejs", "2023-12-04", "2024-07-09", "2027-08-31")       /* [CFN25][EOL] */ \
  X("nodejs12.x", "nodejs", "2023-03-31", "2023-03-31", "2023-04-30")       /* [CFN25][EOL] */ \
  X("nodejs10.x", "nodejs", "2021-07-30", "2021-07-30", "2022-02-14")       /* [CFN25][EOL] */ \
  /* Python */                                                                            \
  X("python3.14", "python", "2029-06-30", "2029-07-31", "2029-08-31")       /* [EOL][INF] */ \
  X("python3.13", "python", "2029-06-30", "2029-07-31", "2029-08-31")       /* [EOL][INF] */ \
  X("python3.12", "python", "2028-10-31", NULL, "2029-01-10")                /* [EOL] */  \
  X("python3.11", "python", "2027-06-30", "2027-07-31", "2027-08-31")       /* [PL][EOL] */ \
  X("python3.10", "python", "2026-10-31", NULL, "2027-08-31")                /* [EOL] */  \
  X("python3.9", "python", "2025-12-15", "2027-02-01", "2027-08-31")        /* [CFN][EOL] */ \
  X("python3.8", "python", "2024-10-14", "2027-02-01", "2027-08-31")        /* [CFN][INF][EOL] */ \
  X("python3.7", "python", "2023-12-04", "2024-01-09", "2027-08-31")        /* [CFN25][EOL] */ \
  X("python3.6", "python", "2022-07-18", "2022-07-18", "2022-08-29")        /* [CFN25][EOL] */ \
  X("python2.7", "python", "2021-07-15", "2021-07-15", "2022-05-30")        /* [CFN25][EOL] */ \
  /* Java */                                                                              \
  X("java25", "java", "2029-06-30", "2029-07-31", "2029-08-31")             /* [EOL][INF] */ \
  X("java21", "java", "2029-06-30", "2029-07-31", "2029-08-31")             /* [EOL][INF] */ \
  X("java17.al2023", "java", "2029-06-30", "2029-07-31", "2029-08-31")      /* [EOL][INF] */ \
  X("java11.al2023", "java", "2029-06-30", "2029-07-31", "2029-08-31")      /* [EOL][INF] */ \
  X("java8.al2023", "java", "2029-06-30", "2029-07-31", "2029-08-31")       /* [EOL][INF] */ \
  X("java17", "java", "2027-06-30", "2027-07-31", "2027-08-31")             /* [EOL][CFN][INF] */ \
  X("java11", "java", "2027-06-30", "2027-07-31", "2027-08-31")             /* [EOL][CFN][INF] */ \
  X("java8.al2", "java", "2027-06-30", "2027-07-31", "2027-08-31")          /* [EOL][CFN][INF] */ \
  X("java8", "java", "2024-01-08", "2024-02-08", "2027-08-31")              /* [CFN25][EOL] */ \
  /* .NET */                                                                              \
  X("dotnet10", "dotnet", "2028-11-14", NULL, "2029-01-15")                  /* [EOL] */  \
  X("dotnet8", "dotnet", "2026-11-10", NULL, "2027-08-31")                   /* [EOL] */  \
  X("dotnet6", "dotnet", "2024-12-20", "2027-02-01", "2027-08-31")          /* [EOL][INF] */ \
  X("dotnetcore3.1", "dotnet", "2023-04-03", "2023-04-03", "2023-05-03")    /* [CFN25][EOL] */ \
  X("dotnetcore2.1", "dotnet", "2022-01-05", "2022-01-05", "2022-04-13")    /* [CFN25][EOL] */ \
  /* Ruby */                                                                              \
  X("ruby4.0", "ruby", "2029-03-31", NULL, "2029-05-31")                     /* [EOL] */  \
  X("ruby3.4", "ruby", "2028-03-31", NULL, "2028-05-31")                     /* [EOL] */  \
  X("ruby3.3", "ruby", "2027-03-31", NULL, "2027-08-31")                     /* [EOL] */  \
  X("ruby3.2", "ruby", "2026-03-31", "2027-02-01", "2027-08-31")            /* [EOL][INF] */ \
  X("ruby2.7", "ruby", "2023-12-07", "2024-01-09", "2027-08-31")            /* [CFN25][EOL] */ \
  X("ruby2.5", "ruby", "2021-07-30", "2021-07-30", "2022-03-31")            /* [CFN25][EOL] */ \
  /* OS-only ("custom") runtimes: Go, Rust, ... */                                        \
  X("provided.al2023", "provided", "2029-06-30", "2029-07-31", "2029-08-31") /* [GO][EOL] */ \
  X("provided.al2", "provided", "2026-07-31", NULL, "2027-08-31")            /* [EOL] */  \
  X("provided", "provided", "2024-01-08", "2024-02-08", "2027-08-31")       /* [CFN25][EOL] */ \
  /* Go managed runtime (Amazon Linux 1): use provided.al2023 instead */                   \
  X("go1.x", "go", "2024-01-08", "2024-02-08", "2027-08-31")                /* [CFN25][EOL] */

#define RUNTIME_ROW(id_, fam, dep, cre, upd) \
  {.id = id_, .family = fam, .deprecated = dep, .block_create = cre, .block_update = upd},
#define RUNTIME_ID(id, fam, dep, cre, upd) id,

static const Runtime table[] = {RUNTIME_TABLE(RUNTIME_ROW)};
static const char *const ids[] = {RUNTIME_TABLE(RUNTIME_ID)};

#define NRUNTIMES (sizeof table / sizeof table[0])

const Runtime *runtime_lookup(const char *id) {
  if (!id)
    return NULL;
  for (size_t i = 0; i < NRUNTIMES; i++)
    if (strcmp(table[i].id, id) == 0)
      return &table[i];
  return NULL;
}

const char *const *runtime_ids(size_t *n) {
  if (n)
    *n = NRUNTIMES;
  return ids;
}

size_t runtime_current_ids(const char *family, int64_t today, const char **out, size_t cap) {
  size_t n = 0;
  const char *last_family = "";   /* of the last id stored: families are contiguous */
  for (size_t i = 0; i < NRUNTIMES && n < cap; i++) {
    if (runtime_status(&table[i], today) != RUNTIME_OK) continue;
    int take = family ? strcmp(table[i].family, family) == 0 : strcmp(table[i].family, last_family) != 0;
    if (!take) continue;
    out[n++] = table[i].id;
    last_family = table[i].family;
  }
  return n;
}

const char *runtime_family_named(const char *word) {
  size_t len = strlen(word);
  for (size_t i = 0; i < NRUNTIMES; i++) {
    const char *fam = table[i].family;
    size_t flen = strlen(fam);
    if (len >= 3 && len <= flen && strncmp(fam, word, len) == 0) return fam;
    if (len > flen && strncmp(fam, word, flen) == 0 && strspn(word + flen, "0123456789.") == len - flen)
      return fam;
  }
  return NULL;
}

/* Value of the ASCII digits s[0..len), or -1 if any is not a digit. */
static int digits(const char *s, int len) {
  int v = 0;
  for (int i = 0; i < len; i++) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

static int is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). Counting years from March
 * puts the leap day last, so the day of the year no longer depends on leap years;
 * the 400-year cycle (146097 days) keeps the arithmetic on non-negative numbers. */
static int64_t days_since_epoch(int64_t y, int m, int d) {
  if (m <= 2)
    y -= 1;                                        /* Jan, Feb belong to the previous March-year */
  int64_t cycle = (y >= 0 ? y : y - 399) / 400;    /* floor(y / 400) */
  int64_t yoc = y - cycle * 400;                   /* year of cycle, 0..399 */
  int mar = (m + 9) % 12;                          /* Mar = 0 ... Feb = 11 */
  int64_t doy = (153 * mar + 2) / 5 + d - 1;       /* day of the March-year, 0..365 */
  int64_t doc = yoc * 365 + yoc / 4 - yoc / 100 + doy; /* day of cycle, 0..146096 */
  return cycle * 146097 + doc - 719468;            /* 719468 = days from 0000-03-01 to 1970-01-01 */
}

int64_t runtime_date_epoch(const char *s) {
  static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
    return RUNTIME_DATE_INVALID;
  int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1)
    return RUNTIME_DATE_INVALID;
  int maxd = mdays[m - 1] + (m == 2 && is_leap(y));
  if (d > maxd)
    return RUNTIME_DATE_INVALID;
  return days_since_epoch(y, m, d) * 86400;
}

/* Has the date s (NULL = never) been reached at `today`? */
static int reached(const char *s, int64_t today) {
  if (!s)
    return 0;
  int64_t t = runtime_date_epoch(s);
  return t != RUNTIME_DATE_INVALID && today >= t;
}

RuntimeStatus runtime_status(const Runtime *r, int64_t today) {
  if (!r)
    return RUNTIME_OK;
  if (reached(r->block_create, today) || (!r->block_create && reached(r->block_update, today)))
    return RUNTIME_BLOCKED;
  if (reached(r->deprecated, today))
    return RUNTIME_DEPRECATED;
  return RUNTIME_OK;
}
