/* runtimes.h -- the AWS Lambda runtime identifiers stackc knows, with their
 * deprecation dates, kept as data for the checker:
 *
 *   unknown id                      -> error, with a "did you mean" from runtime_ids()
 *   today >= deprecated             -> warning naming the date
 *   today >= block_create (or, when
 *   block_create is unknown,
 *   today >= block_update)          -> error naming the date
 *
 * THE LIST GOES STALE. AWS adds a runtime, or moves a deprecation date, every few
 * months (in 2025-2026 it pushed most "block" dates back more than once). The table
 * itself lives in runtimes.c, with the sources and how to update it at its top.
 *
 * Nothing here reads the clock or the time zone: "today" is passed in by the caller
 * (seconds since 1970-01-01 00:00 UTC, normally from SOURCE_DATE_EPOCH), so output is
 * reproducible. */
#ifndef STACKC_RUNTIMES_H
#define STACKC_RUNTIMES_H

#include <stddef.h>
#include <stdint.h>

typedef struct Runtime {
  const char *id;            /* "nodejs22.x" */
  const char *family;        /* "nodejs", "python", "java", "dotnet", "ruby", "provided", "go" */
  const char *deprecated;    /* "YYYY-MM-DD" or NULL: from then on, a warning */
  const char *block_create;  /* "YYYY-MM-DD" or NULL: from then on, creating a function is an error */
  const char *block_update;  /* "YYYY-MM-DD" or NULL: from then on, updating a function is refused */
} Runtime;

/* The entry for a runtime identifier (exact, case-sensitive match, as Lambda
 * compares them); NULL when id is NULL or unknown. */
const Runtime *runtime_lookup(const char *id);

/* Every known identifier, in table order, for "did you mean" suggestions. *n is set
 * to the count. The array is static; do not free it. */
const char *const *runtime_ids(size_t *n);

/* For "unknown runtime" messages. The ids not deprecated at `today`, in table
 * order (newest first): those of `family`, or when family is NULL the newest
 * of each family. At most cap are stored in out; returns how many. */
size_t runtime_current_ids(const char *family, int64_t today, const char **out, size_t cap);

/* The family a word names: "python", "python3", "node" (a prefix of
 * "nodejs", at least 3 letters) or a family followed by digits and dots;
 * NULL for any other word. */
const char *runtime_family_named(const char *word);

/* Returned by runtime_date_epoch for a malformed date. */
#define RUNTIME_DATE_INVALID INT64_MIN

/* Seconds since 1970-01-01 00:00 UTC at 00:00 UTC on the given "YYYY-MM-DD"
 * (proleptic Gregorian calendar, computed arithmetically: no timegm, no TZ).
 * Exactly 10 characters, zero-padded, a real calendar day (2026-02-29 is rejected);
 * otherwise, or for NULL, RUNTIME_DATE_INVALID. */
int64_t runtime_date_epoch(const char *yyyy_mm_dd);

typedef enum RuntimeStatus { RUNTIME_OK, RUNTIME_DEPRECATED, RUNTIME_BLOCKED } RuntimeStatus;

/* Where r stands at `today` (seconds since 1970, UTC). Dates take effect at 00:00 UTC
 * on the day given. RUNTIME_BLOCKED from block_create on -- or from block_update on,
 * for an entry whose block_create is unknown (NULL) -- else RUNTIME_DEPRECATED from
 * deprecated on, else RUNTIME_OK. A NULL r is RUNTIME_OK (unknown runtimes are the
 * caller's business: runtime_lookup returns NULL for them). */
RuntimeStatus runtime_status(const Runtime *r, int64_t today);

#endif
