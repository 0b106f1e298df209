/* test_kinds.c -- the tables of src/kinds.c are complete and every row sits at
 * the index its enum gives it.
 *
 * The tables are written with designated initializers ([FN_RUNTIME] = {...}),
 * so a row cannot drift from its enum, but a row left out is silently an
 * all-zero row (a NULL name that ends the table early) and a row keyed with
 * the wrong enum puts an attribute where a backend reads another. So:
 *   - every attribute table has exactly its *_COUNT named rows, then the NULL
 *     terminator, with distinct names, a type, a range or NO_RANGE (min = max
 *     = 0 is a row that forgot to say which) and a default whose kind and
 *     value agree;
 *   - every attribute enum names its row: FN_LOG_RETENTION is "log_retention"
 *     (the enum's name after its prefix, in lower case), and so are the
 *     fields of the cors and index records, access_names and event_names;
 *   - kind_specs[k] is the row of kind k, named and flagged as RES_KINDS says. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "kinds.h"
#include "testing.h"

/* A table of attributes, what it is called in messages and its enum's count. */
typedef struct Table {
  const char *label;
  const FieldSpec *fields;
  uint32_t count;
} Table;

static Table kind_table(ResKind k) {
  const KindSpec *spec = &kind_specs[k];
  return (Table){.label = spec->name ? spec->name : "(kind without a row)", .fields = spec->attrs,
                 .count = spec->nattrs};
}

static const Table record_tables[] = {
  {.label = "stack", .fields = stack_attrs, .count = ST_ATTR_COUNT},
  {.label = "cors", .fields = cors_fields, .count = CORS_FIELD_COUNT},
  {.label = "index", .fields = index_fields, .count = IX_FIELD_COUNT},
  {.label = "api_cors", .fields = api_cors_fields, .count = ACORS_FIELD_COUNT},
};

/* The default is one kind with the matching value member, nothing else. */
static bool default_consistent(const FieldSpec *f) {
  switch (f->def_kind) {
  case DEF_NONE: return f->def_int == 0 && f->def_str == NULL;
  case DEF_INT: return f->def_str == NULL;
  case DEF_BOOL: return f->def_str == NULL && (f->def_int == 0 || f->def_int == 1);
  case DEF_ENUM: return f->def_int == 0 && f->def_str && f->type->kind == T_ENUM;
  case DEF_ENUM_LIST:
    return f->def_int == 0 && f->def_str && f->type->kind == T_LIST &&
           f->type->elem->kind == T_ENUM;
  }
  return false;
}

static void check_row(const Table *t, uint32_t i) {
  const FieldSpec *f = &t->fields[i];
  ASSERT(f->name != NULL);
  if (!f->name) {
    fprintf(stderr, "  [%s] row %u of %u is missing\n", t->label, i, t->count);
    return;
  }
  ASSERT(f->type != NULL);
  bool forgot_range = f->min == 0 && f->max == 0;
  ASSERT(!forgot_range);
  if (forgot_range) fprintf(stderr, "  [%s] %s: range 0..0 (write NO_RANGE)\n", t->label, f->name);
  ASSERT(f->step >= 0);
  bool def_ok = f->type && default_consistent(f);
  ASSERT(def_ok);
  if (!def_ok) fprintf(stderr, "  [%s] %s: default kind and value disagree\n", t->label, f->name);
  for (uint32_t j = 0; j < i; j++) {
    bool dup = t->fields[j].name && strcmp(t->fields[j].name, f->name) == 0;
    ASSERT(!dup);
    if (dup) fprintf(stderr, "  [%s] '%s' is rows %u and %u\n", t->label, f->name, j, i);
  }
}

static void check_table(const Table *t) {
  ASSERT(t->fields != NULL);
  if (!t->fields) return;
  for (uint32_t i = 0; i < t->count; i++) check_row(t, i);
  ASSERT(t->fields[t->count].name == NULL);
  if (t->fields[t->count].name)
    fprintf(stderr, "  [%s] a row after the last (%u) one: '%s'\n", t->label, t->count,
            t->fields[t->count].name);
}

/* "FN_LOG_RETENTION" -> "log_retention": the enum's name after its prefix. */
static void enum_word(const char *ident, char *out, size_t cap) {
  const char *p = strchr(ident, '_');
  p = p ? p + 1 : ident;
  size_t n = 0;
  for (; *p && n + 1 < cap; p++) out[n++] = (char)tolower((unsigned char)*p);
  out[n] = '\0';
}

static void check_name(const char *label, const char *ident, const char *name) {
  char want[64];
  enum_word(ident, want, sizeof want);
  bool ok = name && strcmp(name, want) == 0;
  ASSERT(ok);
  if (!ok)
    fprintf(stderr, "  [%s] %s names '%s', want '%s'\n", label, ident, name ? name : "(none)",
            want);
}

#define PIN(table, e) check_name((table).label, #e, (table).fields ? (table).fields[e].name : NULL)

static void check_attribute_enums(void) {
  Table fn = kind_table(RES_FUNCTION), bk = kind_table(RES_BUCKET), tb = kind_table(RES_TABLE),
        tp = kind_table(RES_TOPIC), qu = kind_table(RES_QUEUE), sm = kind_table(RES_STREAM),
        fh = kind_table(RES_FIREHOSE), ap = kind_table(RES_API), cd = kind_table(RES_CDN),
        al = kind_table(RES_ALARM);
  const Table *st = &record_tables[0], *cors = &record_tables[1], *ix = &record_tables[2],
              *acors = &record_tables[3];
  PIN(fn, FN_RUNTIME); PIN(fn, FN_HANDLER); PIN(fn, FN_CODE); PIN(fn, FN_EXCLUDE);
  PIN(fn, FN_MEMORY); PIN(fn, FN_TIMEOUT); PIN(fn, FN_ENV); PIN(fn, FN_ARCH);
  PIN(fn, FN_CONCURRENCY); PIN(fn, FN_LOG_RETENTION); PIN(fn, FN_TMP); PIN(fn, FN_DESCRIPTION);
  PIN(bk, BK_NAME); PIN(bk, BK_VERSIONING); PIN(bk, BK_EXPIRE_AFTER); PIN(bk, BK_CORS);
  PIN(bk, BK_PUBLIC); PIN(bk, BK_RETAIN);
  PIN(tb, TB_KEY); PIN(tb, TB_BILLING); PIN(tb, TB_READ); PIN(tb, TB_WRITE); PIN(tb, TB_STREAM);
  PIN(tb, TB_TTL); PIN(tb, TB_INDEXES); PIN(tb, TB_RETAIN);
  PIN(tp, TP_FIFO);
  PIN(qu, QU_FIFO); PIN(qu, QU_RETRIES); PIN(qu, QU_VISIBILITY_TIMEOUT); PIN(qu, QU_RETENTION);
  PIN(qu, QU_DELAY); PIN(qu, QU_RETAIN);
  PIN(sm, SM_SHARDS); PIN(sm, SM_RETENTION); PIN(sm, SM_RETAIN);
  PIN(fh, FH_TO); PIN(fh, FH_TRANSFORM); PIN(fh, FH_PREFIX); PIN(fh, FH_BUFFER_SIZE);
  PIN(fh, FH_BUFFER_INTERVAL); PIN(fh, FH_COMPRESSION);
  PIN(ap, AP_CORS); PIN(ap, AP_STAGE); PIN(ap, AP_ACCESS_LOGS);
  PIN(cd, CD_ORIGIN); PIN(cd, CD_ROUTES); PIN(cd, CD_DEFAULT_ROOT); PIN(cd, CD_PRICE_CLASS);
  PIN(cd, CD_ALIASES); PIN(cd, CD_CERTIFICATE);
  PIN(al, AL_METRIC); PIN(al, AL_THRESHOLD); PIN(al, AL_PERIOD); PIN(al, AL_EVALUATION_PERIODS);
  PIN(al, AL_COMPARISON); PIN(al, AL_NOTIFY);
  PIN(*st, ST_DESCRIPTION); PIN(*st, ST_REGION); PIN(*st, ST_TAGS); PIN(*st, ST_NAME_PREFIX);
  PIN(*cors, CORS_ORIGINS); PIN(*cors, CORS_METHODS); PIN(*cors, CORS_HEADERS);
  PIN(*cors, CORS_MAX_AGE);
  PIN(*ix, IX_NAME); PIN(*ix, IX_KEY);
  PIN(*acors, ACORS_ORIGINS); PIN(*acors, ACORS_METHODS); PIN(*acors, ACORS_HEADERS);
  PIN(*acors, ACORS_MAX_AGE);
}

#define PIN_ACCESS(e) check_name("access_names", #e, access_names[e])
#define PIN_EVENT(e) check_name("event_names", #e, event_names[e])

static void check_access_and_event_names(void) {
  PIN_ACCESS(ACC_READ); PIN_ACCESS(ACC_WRITE); PIN_ACCESS(ACC_READ_WRITE); PIN_ACCESS(ACC_DELETE);
  PIN_ACCESS(ACC_PUBLISH); PIN_ACCESS(ACC_SEND); PIN_ACCESS(ACC_CONSUME); PIN_ACCESS(ACC_PUT);
  PIN_ACCESS(ACC_INVOKE);
  PIN_EVENT(EV_CREATED); PIN_EVENT(EV_REMOVED); PIN_EVENT(EV_STREAM); PIN_EVENT(EV_MESSAGE);
  PIN_EVENT(EV_GET); PIN_EVENT(EV_POST); PIN_EVENT(EV_PUT); PIN_EVENT(EV_DELETE);
  PIN_EVENT(EV_PATCH); PIN_EVENT(EV_ANY); PIN_EVENT(EV_SCHEDULE);
  /* A value added to an enum without a name is NULL here. */
  for (int a = 0; a < ACC_COUNT; a++) ASSERT(access_names[a] != NULL);
  for (int e = 0; e < EV_COUNT; e++) ASSERT(event_names[e] != NULL);
}

static void check_kind_rows(void) {
  static const struct { const char *name; bool supported; } kinds[RES_KIND_COUNT] = {
#define X(e, n, s) [e] = {.name = n, .supported = s},
    RES_KINDS(X)
#undef X
  };
  for (int k = 0; k < RES_KIND_COUNT; k++) {
    const KindSpec *spec = &kind_specs[k];
    bool same = spec->kind == (ResKind)k && spec->name && strcmp(spec->name, kinds[k].name) == 0 &&
                spec->supported == kinds[k].supported;
    ASSERT(same);
    if (!same) fprintf(stderr, "  kind_specs[%d] is not the row of '%s'\n", k, kinds[k].name);
    ASSERT(spec->refs != NULL);
    /* the checker bounds a reference's text by it; the plan, a physical name */
    ASSERT(spec->name_max > 0);
    if (spec->name_max == 0) fprintf(stderr, "  kind '%s' has no name_max\n", kinds[k].name);
    Table t = kind_table((ResKind)k);
    check_table(&t);
  }
}

int main(void) {
  check_kind_rows();
  for (size_t i = 0; i < sizeof record_tables / sizeof record_tables[0]; i++)
    check_table(&record_tables[i]);
  check_attribute_enums();
  check_access_and_event_names();
  return test_summary();
}
