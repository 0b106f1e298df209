/* check_values.c — expressions to typed values, and attribute blocks.
 *
 * Part of the check stage (check.c drives it): chk_conv() turns one
 * expression into a Value of the type its place expects (literals, units,
 * lists, records, names of constants, parameters and resources, member
 * references, interpolation, secret(...), a component parameter checked on
 * its own) or reports why not, once; chk_attrs() converts a block of
 * `name = value` items against a field table, with ranges, steps and the
 * per-attribute rules of check_rules.c.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "check_internal.h"
#include "check_rules.h"

/* ---- formatting values for messages --------------------------------------- */

const char *chk_fmt_duration(Checker *ck, int64_t ms) {
  static const struct { const char *unit; int64_t ms; } units[] = {
    {"d", MS_PER_DAY}, {"h", MS_PER_HOUR}, {"m", MS_PER_MINUTE}, {"s", MS_PER_SECOND}, {"ms", 1}};
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
    if (ms != 0 && ms % units[i].ms == 0)
      return arena_printf(&ck->c->arena, "%" PRId64 "%s", ms / units[i].ms, units[i].unit);
  return arena_printf(&ck->c->arena, "%" PRId64 "ms", ms);
}

static const char *fmt_size(Checker *ck, int64_t bytes) {
  static const struct { const char *unit; int64_t b; } units[] = {
    {"GB", INT64_C(1) << 30}, {"MB", INT64_C(1) << 20}, {"KB", INT64_C(1) << 10}};
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
    if (bytes != 0 && bytes % units[i].b == 0)
      return arena_printf(&ck->c->arena, "%" PRId64 "%s", bytes / units[i].b, units[i].unit);
  return arena_printf(&ck->c->arena, "%" PRId64 " bytes", bytes);
}

static const char *fmt_scalar(Checker *ck, const Type *t, int64_t v) {
  if (t->kind == T_DURATION) return chk_fmt_duration(ck, v);
  if (t->kind == T_SIZE) return fmt_size(ck, v);
  return arena_printf(&ck->c->arena, "%" PRId64, v);
}

/* How an expression reads in "expected X, got Y". */
static const char *node_desc(const Node *e) {
  switch (e->kind) {
  case N_STR: case N_INTERP: return "a string";
  case N_INT: return "an integer";
  case N_NUMBER: return "a decimal number";
  case N_BOOL: return "a boolean";
  case N_QUANTITY: return "a quantity";
  case N_LIST: return "a list";
  case N_RECORD: return "a record";
  case N_CALL: return "a call";
  default: return "a reference";
  }
}

const char *chk_node_text(Checker *ck, const Node *e) {
  const SourceFile *f = source_file(&ck->c->sources, e->span.file);
  if (!f || e->span.hi <= e->span.lo || e->span.hi > f->len) return "";
  return arena_strndup(&ck->c->arena, f->text + e->span.lo, e->span.hi - e->span.lo);
}

/* ---- expression conversion -------------------------------------------- */

static Value *value_new(Checker *ck, ValueKind kind, const Node *e) {
  Value *v = ARENA_NEW(&ck->c->arena, Value);
  v->kind = kind;
  v->origin = e->span;
  return v;
}

static Value *mismatch(Checker *ck, const Node *e, const Type *want) {
  Diag *d = diag_error(&ck->c->diag, e->span, "expected %s, got %s", type_name(want), node_desc(e));
  if (want->kind == T_STRING && (e->kind == N_INT || e->kind == N_BOOL || e->kind == N_NUMBER))
    diag_note(&ck->c->diag, d, e->span, "write it as a string: \"%s\"", chk_node_text(ck, e));
  return NULL;
}

static Value *conv_enum(Checker *ck, const Node *e, const char *word, const Type *want) {
  for (const char *const *v = want->enum_vals; *v; v++)
    if (str_eq(*v, word)) {
      Value *val = value_new(ck, V_ENUM, e);
      val->s = *v;
      return val;
    }
  size_t n = 0;
  while (want->enum_vals[n]) n++;
  const char *guess = did_you_mean(word, want->enum_vals, n);
  if (guess)
    diag_error(&ck->c->diag, e->span, "unknown %s '%s'; did you mean '%s'?", type_name(want), word, guess);
  else
    diag_error(&ck->c->diag, e->span, "unknown %s '%s'; expected one of: %s", type_name(want), word,
               str_join(&ck->c->arena, want->enum_vals, n));
  return NULL;
}

/* Durations in milliseconds and sizes in bytes, by unit as written. */
static const struct { const char *unit; TypeKind type; int64_t factor; } units[] = {
  {"ms", T_DURATION, 1}, {"s", T_DURATION, MS_PER_SECOND}, {"m", T_DURATION, MS_PER_MINUTE},
  {"h", T_DURATION, MS_PER_HOUR}, {"d", T_DURATION, MS_PER_DAY},
  {"KB", T_SIZE, INT64_C(1) << 10}, {"MB", T_SIZE, INT64_C(1) << 20}, {"GB", T_SIZE, INT64_C(1) << 30},
};
#define NUNITS (sizeof units / sizeof units[0])

/* Common spellings of the units (5min means m). */
static const struct { const char *alias, *unit; } unit_aliases[] = {
  {"min", "m"}, {"mins", "m"}, {"minute", "m"}, {"minutes", "m"}, {"sec", "s"}, {"secs", "s"},
  {"second", "s"}, {"seconds", "s"}, {"hr", "h"}, {"hrs", "h"}, {"hour", "h"}, {"hours", "h"},
  {"day", "d"}, {"days", "d"}, {"kb", "KB"}, {"mb", "MB"}, {"gb", "GB"}, {"Mb", "MB"},
  {"Gb", "GB"}, {"MiB", "MB"}, {"GiB", "GB"}, {"KiB", "KB"}, {"M", "MB"}, {"G", "GB"}};

static const char *unit_alias(const char *word) {
  for (size_t i = 0; i < sizeof unit_aliases / sizeof unit_aliases[0]; i++)
    if (str_eq(unit_aliases[i].alias, word)) return unit_aliases[i].unit;
  return NULL;
}

const char *unit_canonical(const char *word) {
  for (size_t i = 0; i < NUNITS; i++)
    if (str_eq(units[i].unit, word)) return units[i].unit;
  return unit_alias(word);
}

/* The unit a user probably meant: common spellings first, then the
 * closest known unit. */
static const char *unit_suggestion(const char *unit) {
  if (unit_alias(unit)) return unit_alias(unit);
  const char *names[NUNITS];
  for (size_t i = 0; i < NUNITS; i++) names[i] = units[i].unit;
  return did_you_mean(unit, names, NUNITS);
}

/* Durations and sizes above this many milliseconds or bytes are refused: a
 * template's numbers are exact only below 2^53. */
#define QUANTITY_MAX INT64_C(9000000000000000)

typedef enum Scaled { SCALED_OK, SCALED_NOT_WHOLE, SCALED_TOO_LARGE } Scaled;

/* The number written as the first `len` bytes of `text` ("-12", "1.5"),
 * times `factor`, in *out. Exact: the digits are multiplied as decimal text,
 * so "1.0000000000000000001" GB is not a whole number of bytes (through a
 * double it was 1GB). */
static Scaled scale_decimal(Arena *a, const char *text, size_t len, int64_t factor, int64_t *out) {
  bool neg = len > 0 && text[0] == '-';
  char *digits = arena_alloc(a, len + 1);
  size_t n = 0, fraction = 0;   /* digits in all, of them after the point */
  for (size_t i = neg; i < len; i++) {
    if (text[i] == '.') fraction = len - i - 1;
    else digits[n++] = text[i];
  }
  for (; fraction > 0 && digits[n - 1] == '0'; fraction--) n--;   /* 1.50 is 1.5 */
  /* product = digits x factor, least significant digit first */
  unsigned char *product = arena_alloc(a, n + 20);
  size_t np = 0;
  uint64_t carry = 0;
  for (size_t i = n; i-- > 0;) {
    carry += (uint64_t)(digits[i] - '0') * (uint64_t)factor;
    product[np++] = (unsigned char)(carry % 10);
    carry /= 10;
  }
  for (; carry; carry /= 10) product[np++] = (unsigned char)(carry % 10);
  uint64_t whole = 0;
  for (size_t i = np; i-- > fraction;) {
    whole = whole * 10 + product[i];
    if (whole >= (uint64_t)QUANTITY_MAX) return SCALED_TOO_LARGE;
  }
  for (size_t i = 0; i < fraction && i < np; i++)
    if (product[i]) return SCALED_NOT_WHOLE;
  *out = neg ? -(int64_t)whole : (int64_t)whole;
  return SCALED_OK;
}

static Value *conv_quantity(Checker *ck, const Node *e, const Type *want) {
  size_t u = 0;
  while (u < NUNITS && !str_eq(units[u].unit, e->str)) u++;
  if (u == NUNITS) {
    const char *guess = unit_suggestion(e->str);
    Diag *d = diag_error(&ck->c->diag, e->span, "unknown unit '%s' in '%s'%s", e->str, e->text,
                         did_you_mean_text(&ck->c->arena, guess));
    diag_note(&ck->c->diag, d, e->span, "durations use ms, s, m, h, d; sizes use KB, MB, GB");
    return NULL;
  }
  if (want->kind != T_DURATION && want->kind != T_SIZE) return mismatch(ck, e, want);
  if (units[u].type != want->kind) {
    diag_error(&ck->c->diag, e->span, "expected a %s, got %s '%s'", type_name(want),
               units[u].type == T_DURATION ? "a duration" : "a size", e->text);
    return NULL;
  }
  int64_t scaled = 0;
  switch (scale_decimal(&ck->c->arena, e->text, strlen(e->text) - strlen(e->str), units[u].factor, &scaled)) {
  case SCALED_OK: break;
  case SCALED_TOO_LARGE:
    diag_error(&ck->c->diag, e->span, "'%s' is too large", e->text);
    return NULL;
  case SCALED_NOT_WHOLE:
    diag_error(&ck->c->diag, e->span, "'%s' is not a whole number of %s", e->text,
               want->kind == T_DURATION ? "milliseconds" : "bytes");
    return NULL;
  }
  Value *v = value_new(ck, want->kind == T_DURATION ? V_DURATION : V_SIZE, e);
  v->i = scaled;
  return v;
}

static Value *conv_list(Checker *ck, const Node *e, const Type *want) {
  if (want->kind != T_LIST) return mismatch(ck, e, want);
  Value *v = value_new(ck, V_LIST, e);
  v->n = ast_list_len(e->kids);
  v->items = arena_alloc(&ck->c->arena, v->n * sizeof *v->items);
  uint32_t i = 0;
  bool ok = true;
  for (const Node *k = e->kids; k; k = k->next) {
    v->items[i] = chk_conv(ck, k, want->elem);
    ok = ok && v->items[i];
    i++;
  }
  return ok ? v : NULL;
}

/* Finds an earlier field of the same record with the same key. */
static const Node *find_earlier_key(const Node *first, const Node *field) {
  for (const Node *k = first; k && k != field; k = k->next)
    if (str_eq(k->name, field->name)) return k;
  return NULL;
}

static bool duplicate_key(Checker *ck, const Node *first, const Node *field, const char *what) {
  const Node *old = find_earlier_key(first, field);
  if (!old) return false;
  Diag *d = diag_error(&ck->c->diag, field->name_span, "duplicate %s '%s'", what, field->name);
  diag_note(&ck->c->diag, d, old->name_span, "first set here");
  return true;
}

static Value *map_new(Checker *ck, const Node *e, uint32_t cap) {
  Value *v = value_new(ck, V_MAP, e);
  v->keys = arena_alloc(&ck->c->arena, (cap ? cap : 1) * sizeof *v->keys);
  v->key_origins = arena_alloc(&ck->c->arena, (cap ? cap : 1) * sizeof *v->key_origins);
  v->items = arena_alloc(&ck->c->arena, (cap ? cap : 1) * sizeof *v->items);
  return v;
}

/* A map with free keys: env, tags. */
static Value *conv_map(Checker *ck, const Node *e, const Type *want) {
  Value *v = map_new(ck, e, ast_list_len(e->kids));
  bool ok = true;
  for (const Node *f = e->kids; f; f = f->next) {
    if (duplicate_key(ck, e->kids, f, "key")) {
      ok = false;
      continue;
    }
    if (f->colon) {
      diag_error(&ck->c->diag, f->name_span, "write '%s = value' here, not '%s: value'", f->name, f->name);
      ok = false;
      continue;
    }
    Value *item = chk_conv(ck, f->rhs, want->elem);
    ok = ok && item;
    v->keys[v->n] = f->name;
    v->key_origins[v->n] = f->name_span;
    v->items[v->n++] = item;
  }
  return ok ? v : NULL;
}

static bool check_field_value(Checker *ck, const FieldSpec *f, Value *v, Span span,
                              const RuleContext *rctx);
static Value *conv_attr(Checker *ck, const FieldSpec *f, const Node *e);

/* A record with the fields of `want->fields`; V_MAP keyed by field name in
 * the order of the field table, with defaults filled in. */
static Value *conv_record(Checker *ck, const Node *e, const Type *want) {
  const FieldSpec *fields = want->fields;
  uint32_t nfields = 0;
  while (fields[nfields].name) nfields++;
  Value **by_field = arena_alloc(&ck->c->arena, (nfields ? nfields : 1) * sizeof *by_field);
  Span *where = arena_alloc(&ck->c->arena, (nfields ? nfields : 1) * sizeof *where);
  bool ok = true;
  for (const Node *f = e->kids; f; f = f->next) {
    uint32_t idx;
    const FieldSpec *spec = field_lookup(fields, f->name, &idx);
    if (!spec) {
      const char *names[32];
      field_names(fields, names, 32);
      const char *guess = did_you_mean(f->name, names, nfields);
      diag_error(&ck->c->diag, f->name_span, "unknown field '%s' in %s%s", f->name, type_name(want),
                 did_you_mean_text(&ck->c->arena, guess));
      ok = false;
      continue;
    }
    if (duplicate_key(ck, e->kids, f, "field")) {
      ok = false;
      continue;
    }
    RuleContext rctx = {ck->source_dir, NULL};
    Value *v = conv_attr(ck, spec, f->rhs);
    if (v && !check_field_value(ck, spec, v, f->rhs->span, &rctx)) v = NULL;
    ok = ok && v;
    by_field[idx] = v;
    where[idx] = f->name_span;
  }
  Value *rec = map_new(ck, e, nfields);
  for (uint32_t i = 0; i < nfields; i++) {
    if (!by_field[i] && fields[i].required && ok) {
      diag_error(&ck->c->diag, e->span, "%s is missing required field '%s'", type_name(want),
                 fields[i].name);
      ok = false;
    }
    if (!by_field[i]) by_field[i] = chk_default_value(ck, &fields[i], e->span);
    if (!by_field[i]) continue;
    rec->keys[rec->n] = fields[i].name;
    rec->key_origins[rec->n] = where[i];
    rec->items[rec->n++] = by_field[i];
  }
  return ok ? rec : NULL;
}

/* { id: string, taken_at: number }: DynamoDB's key types S, N, B. */
static Value *conv_key_schema(Checker *ck, const Node *e) {
  static const char *const key_types[] = {"string", "number", "binary", NULL};
  static const Type ty_key_type = {.kind = T_ENUM, .enum_vals = key_types, .name = "key type"};
  uint32_t n = ast_list_len(e->kids);
  if (n < 1 || n > 2) {
    diag_error(&ck->c->diag, e->span,
               "a key has a partition attribute and at most one sort attribute, got %u", n);
    return NULL;
  }
  Value *v = map_new(ck, e, n);
  bool ok = true;
  for (const Node *f = e->kids; f; f = f->next) {
    if (duplicate_key(ck, e->kids, f, "key attribute")) {
      ok = false;
      continue;
    }
    if (!f->colon) {
      diag_error(&ck->c->diag, f->name_span, "key attributes are written '%s: string|number|binary'",
                 f->name);
      ok = false;
      continue;
    }
    const char *word = f->rhs->kind == N_IDENT ? f->rhs->name : f->rhs->kind == N_STR ? f->rhs->str : NULL;
    Value *t = word ? conv_enum(ck, f->rhs, word, &ty_key_type) : mismatch(ck, f->rhs, &ty_key_type);
    ok = ok && t;
    v->keys[v->n] = f->name;
    v->key_origins[v->n] = f->name_span;
    v->items[v->n++] = t;
  }
  return ok ? v : NULL;
}

static Value *conv_record_like(Checker *ck, const Node *e, const Type *want) {
  switch (want->kind) {
  case T_MAP: return conv_map(ck, e, want);
  case T_RECORD: return conv_record(ck, e, want);
  case T_KEY_SCHEMA: return conv_key_schema(ck, e);
  default: return mismatch(ck, e, want);
  }
}

/* Whether a value of type `have` may stand where `want` is expected: a
 * name, ARN or URL converts to string, never the reverse. */
static bool assignable(const Type *have, const Type *want) {
  if (have->kind == T_RESOURCE || want->kind == T_RESOURCE)
    return have->kind == want->kind && type_takes_kind(want, have->res_kind);
  if (have->kind == want->kind) return true;
  if (want->kind == T_STRING)
    return have->kind == T_NAME || have->kind == T_ARN || have->kind == T_URL;
  return false;
}

void chk_let_cycle(Checker *ck, Symbol *s, const Node *use) {
  Diag *d = diag_error(&ck->c->diag, use->span, "constant '%s' depends on itself", s->name);
  diag_note(&ck->c->diag, d, s->decl->name_span, "'%s' declared here", s->name);
  s->let_failed = true;
}

static Value *conv_let(Checker *ck, Symbol *s, const Node *use, const Type *want) {
  if (s->let_failed) return NULL;
  if (s->let_state == LET_VISITING) {
    chk_let_cycle(ck, s, use);
    return NULL;
  }
  s->let_state = LET_VISITING;
  unsigned before = ck->c->diag.nerrors;
  Diag *last = ck->c->diag.last;
  Value *v = chk_conv(ck, s->decl->rhs, want);
  s->let_state = LET_DONE;
  if (!v && ck->c->diag.nerrors > before) {
    s->let_failed = true;
    if (ck->c->diag.last != last && ck->c->diag.last != ck->too_deep)   /* not one note per constant */
      diag_note(&ck->c->diag, ck->c->diag.last, use->span, "'%s' is used here, where %s is expected",
                s->name, type_name(want));
  }
  return v;
}

/* Where a parameter of a component checked on its own fits: where a value
 * of its type would, and where its value might (a string may hold an enum
 * value, an int is a number); the instance's argument is checked there. */
static bool abstract_fits(const Type *have, const Type *want) {
  if (want->kind == T_STRINGS) return abstract_fits(have, &ty_string) || abstract_fits(have, &ty_string_list);
  if (have->kind == T_LIST && want->kind == T_LIST) return abstract_fits(have->elem, want->elem);
  if (have->kind == T_STRING && want->kind == T_ENUM) return true;
  if (have->kind == T_INT && want->kind == T_NUMBER) return true;
  return assignable(have, want);
}

/* A parameter of a component checked on its own (resolve.c, N_ABSTRACT):
 * any value of its declared type. */
static Value *conv_abstract(Checker *ck, const Node *e, const Type *want) {
  const Type *have = chk_component_param_type(ck, e->type);
  if (!have) return NULL;
  if (!abstract_fits(have, want)) {
    diag_error(&ck->c->diag, e->span, "expected %s, got parameter '%s' of type %s", type_name(want), e->name,
               type_name(have));
    return NULL;
  }
  return value_new(ck, V_ABSTRACT, e);
}

static Value *conv_param(Checker *ck, Symbol *s, const Node *e, const Type *want) {
  if (!s->param) return NULL;   /* its declaration failed and was reported */
  bool list = s->param->type->kind == T_LIST;
  if (list != (want->kind == T_LIST) && (want->kind == T_STRING || want->kind == T_LIST)) {
    Diag *d = diag_error(&ck->c->diag, e->span, list ? "parameter '%s' is a list: it cannot stand for one string"
                                                     : "parameter '%s' is one string, but %s is a list",
                         s->name, type_name(want));
    diag_note(&ck->c->diag, d, s->decl->name_span, "parameter declared here");
    return NULL;
  }
  if (list && !ck->list_param_ok) {
    Diag *d = diag_error(&ck->c->diag, e->span, "list parameter '%s' can only give a vpc's subnets or security "
                         "groups; %s must be known when compiling", s->name,
                         ck->attr_name ? arena_printf(&ck->c->arena, "'%s'", ck->attr_name) : type_name(want));
    diag_note(&ck->c->diag, d, s->decl->name_span, "parameter declared here");
    return NULL;
  }
  if (want->kind != T_STRING && !list) {
    Diag *d = diag_error(&ck->c->diag, e->span,
                         "parameter '%s' is only known at deploy time, but %s must be known when "
                         "compiling", s->name,
                         ck->attr_name ? arena_printf(&ck->c->arena, "'%s'", ck->attr_name)
                                       : type_name(want));
    diag_note(&ck->c->diag, d, s->decl->name_span, "parameter declared here");
    return NULL;
  }
  Value *v = value_new(ck, V_PARAM, e);
  v->param = s->param;
  return v;
}

/* `name` (written at `at`) is not declared; `whole` is the expression it
 * starts, quoted in the hint when text was probably meant (nodejs22.x).
 * `want` is NULL where a resource is expected. */
Value *chk_undefined_name(Checker *ck, const Node *at, const Node *whole, const char *name,
                             const Type *want) {
  static const char *const bools[] = {"true", "false"};
  const char *guess = want && want->kind == T_BOOL ? did_you_mean(name, bools, 2) : NULL;
  if (!guess) guess = chk_suggest_symbol(ck, name);
  Diag *d = diag_error(&ck->c->diag, at->name_span, "undefined name '%s'%s", name,
                       did_you_mean_text(&ck->c->arena, guess));
  if (want && want->kind == T_STRING && !guess) {
    diag_note(&ck->c->diag, d, whole->span, "to write text, quote it: \"%s\"", chk_node_text(ck, whole));
    ck->unquoted = whole;
  }
  return NULL;
}

/* yes/no/on/off for a bool: YAML habits, answered with the spelling meant. */
static const char *bool_spelling(const char *word) {
  static const char *const yes[] = {"yes", "on", "True", "TRUE", "Yes", "y", NULL};
  static const char *const no[] = {"no", "off", "False", "FALSE", "No", "n", NULL};
  for (int i = 0; yes[i]; i++)
    if (str_eq(word, yes[i])) return "true";
  for (int i = 0; no[i]; i++)
    if (str_eq(word, no[i])) return "false";
  return NULL;
}

static Value *conv_ident(Checker *ck, const Node *e, const Type *want) {
  if (want->kind == T_ENUM) {
    /* A bare word is an enum value, unless it names a constant (a component
     * parameter holding "price_200", say): then it is that constant. */
    Symbol *s = chk_lookup(ck, e->name);
    if (s && s->kind == SYM_LET) {
      s->used = true;
      return conv_let(ck, s, e, want);
    }
    return conv_enum(ck, e, e->name, want);
  }
  if (want->kind == T_BOOL && bool_spelling(e->name) && !chk_lookup(ck, e->name)) {
    diag_error(&ck->c->diag, e->span, "expected bool, got '%s'; did you mean '%s'?", e->name,
               bool_spelling(e->name));
    return NULL;
  }
  Symbol *s = chk_lookup(ck, e->name);
  if (!s) return chk_undefined_name(ck, e, e, e->name, want);
  s->used = true;
  if (s->kind == SYM_LET) return conv_let(ck, s, e, want);
  if (s->kind == SYM_PARAM) return conv_param(ck, s, e, want);
  if (!s->res) return NULL;   /* a resource of an unknown or unsupported kind: reported */
  if (type_takes_kind(want, (int)s->res->kind))
    return ir_ref(ck->c, s->res, REF_SELF, e->span);
  const RefSpec *first = s->res->spec->refs;
  Diag *d = diag_error(&ck->c->diag, e->span, "'%s' is a %s, not a %s", e->name, s->res->spec->name,
                       type_name(want));
  if (first && first->name && want->kind != T_RESOURCE)
    diag_note(&ck->c->diag, d, e->span, "use one of its attributes, such as %s.%s", e->name,
              first->name);
  return NULL;
}

/* The dead-letter queue `NAME.dead_letter` names (e: that N_MEMBER), made
 * on first use; NULL after reporting. Whether the queue has one (its
 * `retries`) is checked once all attributes are known (rules_queue). */
IrRes *chk_dead_letter(Checker *ck, const Node *e) {
  IrRes *queue = NULL;
  if (e->lhs->kind == N_IDENT) {
    Symbol *s = chk_lookup(ck, e->lhs->name);
    if (!s) return chk_undefined_name(ck, e->lhs, e, e->lhs->name, NULL), NULL;
    s->used = true;
    s = chk_follow(ck, s);
    queue = s->kind == SYM_RESOURCE ? s->res : NULL;
  }
  if (!queue || queue->kind != RES_QUEUE || queue->abstract) {
    diag_error(&ck->c->diag, e->span, "only a queue of the stack has a dead_letter queue");
    return NULL;
  }
  if (!queue->dead_letter) {
    IrRes *dlq = ARENA_NEW(&ck->c->arena, IrRes);
    *dlq = *queue;
    /* Its own attributes: the queue's (FIFO, retention), but SQS's default
     * visibility timeout and no dead-letter queue of its own. */
    if (queue->attrs) {
      dlq->attrs = arena_alloc(&ck->c->arena, queue->spec->nattrs * sizeof *dlq->attrs);
      memcpy(dlq->attrs, queue->attrs, queue->spec->nattrs * sizeof *dlq->attrs);
      dlq->attrs[QU_VISIBILITY_TIMEOUT] = dlq->attrs[QU_RETRIES] = NULL;
    }
    memset(&dlq->grants, 0, sizeof dlq->grants);
    memset(&dlq->triggers, 0, sizeof dlq->triggers);
    dlq->name = arena_printf(&ck->c->arena, "%s_dead_letter", queue->name);
    dlq->physical_name = NULL;
    dlq->dead_letter_of = queue;
    queue->dead_letter = dlq;
    queue->dead_letter_use = e->span;
  }
  return queue->dead_letter;
}

bool chk_is_dead_letter(const Node *e) { return e->kind == N_MEMBER && str_eq(e->name, "dead_letter"); }

/* The attribute NAME.ATTRIBUTE reads, its resource in *res; NULL after
 * reporting (`want`, or NULL, shapes the hint for an undefined name). */
static const RefSpec *member_ref(Checker *ck, const Node *e, const Type *want, IrRes **res) {
  if (chk_is_dead_letter(e->lhs)) {   /* q.dead_letter.arn */
    IrRes *dlq = chk_dead_letter(ck, e->lhs);
    const RefSpec *r = dlq ? ref_lookup(dlq->spec, e->name) : NULL;
    if (dlq && !r) diag_error(&ck->c->diag, e->name_span, "a dead-letter queue has no attribute '%s'", e->name);
    *res = dlq;
    return r;
  }
  if (e->lhs->kind != N_IDENT) {
    diag_error(&ck->c->diag, e->span, "expected NAME.ATTRIBUTE");
    return NULL;
  }
  Symbol *s = chk_lookup(ck, e->lhs->name);
  if (!s) return chk_undefined_name(ck, e->lhs, e, e->lhs->name, want), NULL;
  s->used = true;
  s = chk_follow(ck, s);
  if (s->kind != SYM_RESOURCE) {
    diag_error(&ck->c->diag, e->span, "%s '%s' has no attributes", chk_sym_kind_word(s), s->name);
    return NULL;
  }
  if (!s->res) return NULL;
  const RefSpec *r = ref_lookup(s->res->spec, e->name);
  if (!r) {
    const char *names[16];
    uint32_t n = 0;
    for (const RefSpec *x = s->res->spec->refs; x->name && n < 16; x++) names[n++] = x->name;
    const char *guess = did_you_mean(e->name, names, n);
    Diag *d = diag_error(&ck->c->diag, e->name_span, "%s '%s' has no attribute '%s'%s", s->res->spec->name,
                         s->name, e->name, did_you_mean_text(&ck->c->arena, guess));
    diag_note(&ck->c->diag, d, e->name_span, "attributes of %s '%s': %s", s->res->spec->name, s->name,
              str_join(&ck->c->arena, names, n));
    return NULL;
  }
  *res = s->res;
  return r;
}

static Value *conv_member(Checker *ck, const Node *e, const Type *want) {
  if (chk_is_dead_letter(e)) {   /* q.dead_letter: the queue itself */
    IrRes *dlq = chk_dead_letter(ck, e);
    if (!dlq) return NULL;
    if (type_takes_kind(want, RES_QUEUE)) return ir_ref(ck->c, dlq, REF_SELF, e->span);
    diag_error(&ck->c->diag, e->span, "'%s' is a queue, not a %s", chk_node_text(ck, e), type_name(want));
    return NULL;
  }
  IrRes *res = NULL;
  const RefSpec *r = member_ref(ck, e, want, &res);
  if (!r) return NULL;
  if (!assignable(r->type, want)) {
    diag_error(&ck->c->diag, e->span, "expected %s, got %s.%s of type %s", type_name(want), res->name,
               r->name, type_name(r->type));
    return NULL;
  }
  return ir_ref(ck->c, res, r->attr, e->span);
}

void chk_unread_value(Checker *ck, const Node *e) {
  IrRes *res;
  Symbol *s;
  switch (e->kind) {
  case N_IDENT:
    if ((s = chk_lookup(ck, e->name))) s->used = true;
    else chk_undefined_name(ck, e, e, e->name, NULL);
    return;
  case N_MEMBER: member_ref(ck, e, NULL, &res); return;
  case N_STR: case N_INTERP: case N_CALL: chk_conv(ck, e, &ty_string); return;
  default: return;   /* literals, lists, records: their type is the reader's to fix */
  }
}

/* secret("NAME"): a Secrets Manager secret, allowed only as a function's
 * env value. It becomes the secret's ARN (without the random suffix:
 * GetSecretValue takes it) and the function gets GetSecretValue on exactly
 * that secret; the value itself never reaches a template, Lambda's
 * configuration or Terraform state. */
static Value *conv_secret(Checker *ck, const Node *e) {
  const Node *arg = e->kids;
  IrRes *owner = ck->secret_owner;
  ck->secret_owner = NULL;
  const Value *named = arg && !arg->next && arg->kind != N_ATTR ? chk_conv(ck, arg, &ty_string) : NULL;
  ck->secret_owner = owner;
  bool any_name = named && named->kind == V_ABSTRACT;   /* a component checked on its own */
  const char *name = ir_literal(named);
  if (!name && !any_name) {   /* a literal, or a constant or component parameter holding one */
    if (!arg || arg->next || named)
      diag_error(&ck->c->diag, e->span, "a secret is written secret(\"NAME\"), with a name known when compiling");
    return NULL;
  }
  size_t n = name ? strlen(name) : 1;
  bool ok = n >= 1 && n <= 512;
  for (const char *p = name; p && *p && ok; p++) ok = isalnum((unsigned char)*p) || strchr("/_+=.@-", *p);
  if (!ok) {
    diag_error(&ck->c->diag, arg->span, "a secret name has 1 to 512 characters: letters, digits and / _ + = . @ -");
    return NULL;
  }
  if (!ck->secret_owner) {
    diag_error(&ck->c->diag, e->span, "a secret can only be the value of a function's env variable; it cannot "
               "be written into a string, an output or another attribute, where its value would be exposed");
    return NULL;
  }
  if (any_name) return (Value *)named;   /* each instance's secret is checked and granted */
  vec_push(&ck->c->arena, &ck->secret_owner->secrets, (void *)name);
  Value *parts[] = {ir_str(ck->c, "arn:", e->span), ir_pseudo(ck->c, PSEUDO_PARTITION),
                    ir_str(ck->c, ":secretsmanager:", e->span), ir_pseudo(ck->c, PSEUDO_REGION),
                    ir_str(ck->c, ":", e->span), ir_pseudo(ck->c, PSEUDO_ACCOUNT),
                    ir_str(ck->c, arena_printf(&ck->c->arena, ":secret:%s", name), e->span)};
  return ir_join(ck->c, parts, sizeof parts / sizeof parts[0], e->span);
}

static Value *conv_interp(Checker *ck, const Node *e, const Type *want) {
  if (want->kind != T_STRING) return mismatch(ck, e, want);
  uint32_t n = ast_list_len(e->kids), i = 0;
  Value **parts = arena_alloc(&ck->c->arena, (n ? n : 1) * sizeof *parts);
  bool ok = true;
  IrRes *owner = ck->secret_owner;   /* a secret is never part of a longer string */
  ck->secret_owner = NULL;
  for (const Node *k = e->kids; k; k = k->next) {
    parts[i] = chk_conv(ck, k, &ty_string);
    ok = ok && parts[i];
    i++;
  }
  ck->secret_owner = owner;
  return ok ? ir_join(ck->c, parts, n, e->span) : NULL;
}

/* ---- event patterns (T_PATTERN) and string-or-list (T_STRINGS) ---------- */

/* EventBridge's comparison operators. A record holding one is an operator
 * record only as a list element (total = [{ numeric = [">", 100] }]); a
 * bare record is always a nested field, so `total = { numeric = ... }`
 * matches a field named "numeric" (with a warning: the operator was likely meant). */
static const char *const pattern_operators[] = {
  "anything-but", "cidr", "equals-ignore-case", "exists", "numeric", "prefix", "suffix", "wildcard",
};

static bool pattern_operator(const char *key) {
  for (size_t i = 0; i < sizeof pattern_operators / sizeof pattern_operators[0]; i++)
    if (str_eq(pattern_operators[i], key)) return true;
  return false;
}

/* Where a value sits in a pattern: a record's fields, a list element (a
 * record there is an operator record), or inside an operator record (any
 * JSON: [">", 100], { prefix = "x" }). */
typedef enum PatternPos { PAT_FIELDS, PAT_ELEMENT, PAT_OPERAND } PatternPos;

static Value *pattern_value(Checker *ck, const Node *e, PatternPos pos);

/* [one], where a single value stands for a one-element list; NULL stays NULL. */
static Value *one_element_list(Checker *ck, const Node *e, Value *one) {
  if (!one) return NULL;
  Value *list = value_new(ck, V_LIST, e);
  list->items = arena_alloc(&ck->c->arena, sizeof *list->items);
  list->items[list->n++] = one;
  return list;
}

/* A literal string, number or boolean: a pattern holds no references. */
static Value *pattern_scalar(Checker *ck, const Node *e) {
  switch (e->kind) {
  case N_STR: return chk_conv(ck, e, &ty_string);
  case N_INT: case N_NUMBER: return chk_conv(ck, e, &ty_number);
  case N_BOOL: return chk_conv(ck, e, &ty_bool);
  default:
    diag_error(&ck->c->diag, e->span, "a pattern holds literal strings, numbers and booleans, got %s",
               node_desc(e));
    return NULL;
  }
}

static Value *pattern_list(Checker *ck, const Node *e, PatternPos item_pos) {
  if (!e->kids && item_pos == PAT_ELEMENT) {
    diag_error(&ck->c->diag, e->span, "an empty list in a pattern matches nothing: give at least one value");
    return NULL;
  }
  Value *v = value_new(ck, V_LIST, e);
  v->n = ast_list_len(e->kids);
  v->items = arena_alloc(&ck->c->arena, (v->n ? v->n : 1) * sizeof *v->items);
  bool ok = true;
  uint32_t i = 0;
  for (const Node *k = e->kids; k; k = k->next) {
    v->items[i] = pattern_value(ck, k, item_pos);
    ok = ok && v->items[i++];
  }
  return ok ? v : NULL;
}

/* Keys are kept as written (quoted where EventBridge's are not identifiers:
 * "detail-type"). */
static Value *pattern_record(Checker *ck, const Node *e, PatternPos pos) {
  if (!e->kids) {
    diag_error(&ck->c->diag, e->span, "an empty record in a pattern matches nothing: an EventBridge rule must "
               "match something");
    return NULL;
  }
  Value *v = map_new(ck, e, ast_list_len(e->kids));
  bool ok = true;
  for (const Node *f = e->kids; f; f = f->next) {
    if (duplicate_key(ck, e->kids, f, "key") || f->colon) {
      if (f->colon) diag_error(&ck->c->diag, f->name_span, "write '%s = value' here, not '%s: value'", f->name, f->name);
      ok = false;
      continue;
    }
    /* The contract: a bare record is always a nested field. A field spelled like an operator
     * is kept as one, and the likely slip (the operator meant) is pointed out. */
    if (pos == PAT_FIELDS && pattern_operator(f->name) && f->rhs->kind != N_RECORD)
      diag_warning(&ck->c->diag, f->name_span, "'%s' is an EventBridge operator, but a bare record is a nested "
                   "field: this matches a field named '%s'; for the operator write FIELD = [{ %s = ... }]",
                   f->name, f->name, f->name);
    Value *item = pattern_value(ck, f->rhs, pos == PAT_FIELDS ? PAT_FIELDS : PAT_OPERAND);
    ok = ok && item;
    v->keys[v->n] = f->name;
    v->key_origins[v->n] = f->name_span;
    v->items[v->n++] = item;
  }
  return ok ? v : NULL;
}

/* A field's value: a nested record, a list, or a single value standing for
 * a one-element list. */
static Value *pattern_value(Checker *ck, const Node *e, PatternPos pos) {
  if (e->kind == N_RECORD) return pattern_record(ck, e, pos == PAT_ELEMENT ? PAT_OPERAND : pos);
  if (e->kind == N_LIST) {
    if (pos == PAT_ELEMENT) {
      diag_error(&ck->c->diag, e->span, "a pattern list holds values and operator records, not lists");
      return NULL;
    }
    return pattern_list(ck, e, pos == PAT_FIELDS ? PAT_ELEMENT : PAT_OPERAND);
  }
  Value *one = pattern_scalar(ck, e);
  return pos == PAT_FIELDS ? one_element_list(ck, e, one) : one;
}

/* A string, or a list of strings, as written: "shop" is ["shop"]. A name
 * (a constant, a component parameter) is converted as what it holds. */
static Value *conv_strings(Checker *ck, const Node *e) {
  if (e->kind == N_LIST) return conv_list(ck, e, &ty_string_list);
  return one_element_list(ck, e, chk_conv(ck, e, &ty_string));
}

static bool strings_as_written(const Node *e) {
  return e->kind == N_LIST || e->kind == N_STR || e->kind == N_INTERP;
}

static Value *conv_node(Checker *ck, const Node *e, const Type *want) {
  Value *v;
  if (want->kind == T_STRINGS && strings_as_written(e)) return conv_strings(ck, e);
  if (want->kind == T_PATTERN && e->kind == N_RECORD) return pattern_record(ck, e, PAT_FIELDS);
  switch (e->kind) {
  case N_STR:
    if (want->kind == T_ENUM) return conv_enum(ck, e, e->str, want);
    if (want->kind != T_STRING) return mismatch(ck, e, want);
    return ir_str(ck->c, e->str, e->span);
  case N_INTERP: return conv_interp(ck, e, want);
  case N_INT:
    if (want->kind == T_DURATION || want->kind == T_SIZE) {
      diag_error(&ck->c->diag, e->span, "'%" PRId64 "' needs a unit: write %" PRId64 "%s", e->ival,
                 e->ival, want->kind == T_DURATION ? "s" : "MB");
      return NULL;
    }
    if (want->kind != T_INT && want->kind != T_NUMBER) return mismatch(ck, e, want);
    v = value_new(ck, V_INT, e);
    v->i = e->ival;
    return v;
  case N_NUMBER:
    if (want->kind != T_NUMBER) return mismatch(ck, e, want);
    v = value_new(ck, V_NUM, e);
    v->num = e->num;
    return v;
  case N_BOOL:
    if (want->kind != T_BOOL) return mismatch(ck, e, want);
    v = value_new(ck, V_BOOL, e);
    v->b = e->bval;
    return v;
  case N_QUANTITY: return conv_quantity(ck, e, want);
  case N_ABSTRACT: return conv_abstract(ck, e, want);
  case N_LIST: return conv_list(ck, e, want);
  case N_RECORD: return conv_record_like(ck, e, want);
  case N_IDENT: return conv_ident(ck, e, want);
  case N_MEMBER: return conv_member(ck, e, want);
  case N_CALL:
    if (e->lhs->kind == N_IDENT && str_eq(e->lhs->name, "secret"))
      return want->kind == T_STRING ? conv_secret(ck, e) : mismatch(ck, e, want);   /* env = secret(...) */
    diag_error(&ck->c->diag, e->span, "calls are not allowed in values");
    return NULL;
  default:
    diag_error(&ck->c->diag, e->span, "expected a value");
    return NULL;
  }
}

/* Each bracket or interpolation of a value is one level of conversion, and a
 * constant's value is converted where it is read: constants reading
 * constants nest without the parser's limit (256 per expression), so the
 * levels are counted here, and the C stack never runs out. */
Value *chk_conv(Checker *ck, const Node *e, const Type *want) {
  if (ck->conv_depth >= CHK_MAX_CONV_DEPTH) {
    if (!ck->too_deep)
      ck->too_deep = diag_error(&ck->c->diag, e->span, "nesting too deep through constants (limit %d)",
                                CHK_MAX_CONV_DEPTH);
    return NULL;
  }
  ck->conv_depth++;
  Value *v = conv_node(ck, e, want);
  ck->conv_depth--;
  return v;
}

/* ---- attributes ------------------------------------------------------- */

/* "whole MB", "whole seconds": how a granularity reads in a message. */
static const char *step_words(const FieldSpec *f) {
  static const struct { TypeKind type; int64_t step; const char *words; } names[] = {
    {T_SIZE, INT64_C(1) << 20, "whole MB"}, {T_DURATION, MS_PER_SECOND, "whole seconds"},
    {T_DURATION, MS_PER_MINUTE, "whole minutes"}, {T_DURATION, MS_PER_DAY, "whole days"}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (names[i].type == f->type->kind && names[i].step == f->step) return names[i].words;
  return "whole units";
}

/* Range and granularity of an int, duration or size (values quoted as
 * written), the length of a literal string, then the field's rule. */
static bool check_field_value(Checker *ck, const FieldSpec *f, Value *v, Span span,
                              const RuleContext *rctx) {
  bool scalar = v->kind == V_INT || v->kind == V_DURATION || v->kind == V_SIZE;
  bool ranged = f->min <= f->max;
  Node written = {.span = span};
  const char *as_written = chk_node_text(ck, &written);
  if (scalar && !isdigit((unsigned char)as_written[0]))   /* a name: show its value */
    as_written = fmt_scalar(ck, f->type, v->i);
  if (scalar && ranged && (v->i < f->min || v->i > f->max)) {
    diag_error(&ck->c->diag, span, "%s %s is out of range: %s to %s", f->name, as_written,
               fmt_scalar(ck, f->type, f->min), fmt_scalar(ck, f->type, f->max));
    return false;
  }
  if (scalar && f->step > 1 && v->i % f->step != 0) {
    diag_error(&ck->c->diag, span, "%s must be in %s, got %s", f->name, step_words(f), as_written);
    return false;
  }
  if (v->kind == V_STR && ranged) {
    size_t n = 0;   /* characters, not bytes */
    for (const char *p = v->s; *p; p++) n += ((unsigned char)*p & 0xC0) != 0x80;
    if ((int64_t)n < f->min || (int64_t)n > f->max) {
      if (f->min == 0)
        diag_error(&ck->c->diag, span, "%s has %zu characters; at most %" PRId64 " are allowed", f->name,
                   n, f->max);
      else
        diag_error(&ck->c->diag, span, "%s has %zu characters; it must have %" PRId64 " to %" PRId64,
                   f->name, n, f->min, f->max);
      return false;
    }
  }
  if (f->rule != RULE_NONE && rctx) {
    unsigned before = ck->c->diag.nerrors;
    rules_check_attr(ck->c, f, v, span, rctx);
    return ck->c->diag.nerrors == before;
  }
  return true;
}

/* Converts the value of attribute or field `f`, naming it in messages. */
static Value *conv_attr(Checker *ck, const FieldSpec *f, const Node *e) {
  const char *outer = ck->attr_name;
  IrRes *outer_owner = ck->secret_owner;
  bool outer_list_ok = ck->list_param_ok;
  ck->attr_name = f->name;
  ck->list_param_ok = f->list_param;
  ck->secret_owner = f->rule == RULE_ENV ? ck->secret_scope : NULL;   /* secrets: env values only */
  Value *v = chk_conv(ck, e, f->type);
  ck->attr_name = outer;
  ck->secret_owner = outer_owner;
  ck->list_param_ok = outer_list_ok;
  return v;
}

Value *chk_default_value(Checker *ck, const FieldSpec *f, Span origin) {
  Value *v = ARENA_NEW(&ck->c->arena, Value);
  v->origin = origin;
  switch (f->def_kind) {
  case DEF_INT:
    v->kind = f->type->kind == T_DURATION ? V_DURATION : f->type->kind == T_SIZE ? V_SIZE : V_INT;
    v->i = f->def_int;
    return v;
  case DEF_BOOL:
    v->kind = V_BOOL;
    v->b = f->def_int != 0;
    return v;
  case DEF_ENUM:
    v->kind = V_ENUM;
    v->s = f->def_str;
    return v;
  case DEF_ENUM_LIST: {
    v->kind = V_LIST;
    v->items = arena_alloc(&ck->c->arena, 8 * sizeof *v->items);
    for (const char *p = f->def_str; *p && v->n < 8;) {
      size_t n = strcspn(p, " ");
      v->items[v->n] = ARENA_NEW(&ck->c->arena, Value);
      v->items[v->n]->kind = V_ENUM;
      v->items[v->n]->origin = origin;
      v->items[v->n++]->s = arena_strndup(&ck->c->arena, p, n);
      p += n + (p[n] == ' ');
    }
    return v;
  }
  case DEF_NONE: break;
  }
  return NULL;
}

void chk_unknown_attribute(Checker *ck, const Node *attr, const FieldSpec *fields,
                              const char *owner) {
  const char *names[64];
  field_names(fields, names, 64);
  size_t n = 0;
  while (names[n]) n++;
  const char *guess = did_you_mean(attr->name, names, n);
  if (!ck->args_of) {
    diag_error(&ck->c->diag, attr->name_span, "unknown attribute '%s' in %s%s", attr->name, owner,
               did_you_mean_text(&ck->c->arena, guess));
    return;
  }
  Diag *d = diag_error(&ck->c->diag, attr->name_span, "unknown argument '%s' in %s%s", attr->name,
                       ck->args_of, did_you_mean_text(&ck->c->arena, guess));
  diag_note(&ck->c->diag, d, attr->name_span, "%s accepts: %s", ck->args_of,
            n ? str_join(&ck->c->arena, names, n) : "no arguments");
}

/* Where the rules on an attribute's value report: at the value as written,
 * unless that is in a library (std/) and the value came from the file given
 * on the command line, an argument of the user's `use`: there the user can
 * fix it. */
static Span rule_span(const Checker *ck, const Node *rhs, const Value *v) {
  if (ck->use && rhs->span.file != ck->main_file && v->origin.file == ck->main_file) return v->origin;
  return rhs->span;
}

/* Range, granularity and rule of a written value (check_field_value), at
 * rule_span(); when that is the argument of a `use`, a note shows the
 * component's line that passes it on. */
static bool check_written_value(Checker *ck, const FieldSpec *f, Value *v, const Node *rhs,
                                const char *owner, const RuleContext *rctx) {
  Span at = rule_span(ck, rhs, v);
  Diag *last = ck->c->diag.last;
  bool ok = check_field_value(ck, f, v, at, rctx);
  if (at.file != rhs->span.file && ck->c->diag.last != last)
    diag_note(&ck->c->diag, ck->c->diag.last, rhs->span, "the argument is used here, as '%s' of %s", f->name,
              owner);
  return ok;
}

/* `runtime = python`, told "quote it": the attribute's rule checks the text
 * as if quoted, so the same run says what the quoted text still lacks
 * (unknown Lambda runtime 'python'; did you mean 'python3.14'?). */
static void check_as_quoted(Checker *ck, const FieldSpec *f, const Node *rhs, const char *owner,
                            const RuleContext *rctx) {
  if (ck->unquoted != rhs || f->rule == RULE_NONE) return;
  Value text = {.kind = V_STR, .s = chk_node_text(ck, rhs), .origin = rhs->span};
  check_written_value(ck, f, &text, rhs, owner, rctx);
}

/* Converts the attributes of one block against `fields`; returns one value
 * per field (NULL where absent and without default). Grants are skipped:
 * check_grants() reads them. */
Value **chk_attrs(Checker *ck, const Node *items, const FieldSpec *fields, const char *owner,
                  Span owner_span, const RuleContext *rctx, uint64_t *rejected) {
  uint32_t n = 0;
  while (fields[n].name) n++;
  if (rejected) *rejected = 0;
  Value **vals = arena_alloc(&ck->c->arena, (n ? n : 1) * sizeof *vals);
  const Node **where = arena_alloc(&ck->c->arena, (n ? n : 1) * sizeof *where);
  for (const Node *a = items; a; a = a->next) {
    if (a->kind != N_ATTR) continue;
    uint32_t idx;
    const FieldSpec *f = field_lookup(fields, a->name, &idx);
    if (!f) {
      chk_unknown_attribute(ck, a, fields, owner);
      continue;
    }
    if (where[idx]) {
      Diag *d = diag_error(&ck->c->diag, a->name_span, "attribute '%s' is set twice", a->name);
      diag_note(&ck->c->diag, d, where[idx]->name_span, "first set here");
      continue;
    }
    where[idx] = a;
    Value *v = conv_attr(ck, f, a->rhs);
    if (v && check_written_value(ck, f, v, a->rhs, owner, rctx)) {
      vals[idx] = v;
      continue;
    }
    if (!v) check_as_quoted(ck, f, a->rhs, owner, rctx);
    if (rejected && idx < MAX_KIND_ATTRS) *rejected |= UINT64_C(1) << idx;
  }
  for (uint32_t i = 0; i < n; i++) {
    if (where[i]) continue;
    if (fields[i].required)
      diag_error(&ck->c->diag, owner_span, "%s is missing required attribute '%s'", owner, fields[i].name);
    else
      vals[i] = chk_default_value(ck, &fields[i], owner_span);
  }
  return vals;
}

