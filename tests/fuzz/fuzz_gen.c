/* fuzz_gen.c — bytes → a syntactically valid stack program, for the
 * structure-aware harness (fuzz_structured.c) and `replay --structured`.
 *
 * The bytes are read as a stream of choices. Every choice's 0 is the
 * ordinary case (a required attribute present, a value of the right type,
 * in range), so a short or empty input still yields a sensible program,
 * and the fuzzer's mutations move single choices towards the rarer ones:
 * wrong types, values out of range, unknown names, misspelled attributes.
 *
 * Resource kinds, attributes, their types, ranges, steps, enum values,
 * record fields, readable attributes (NAME.ATTR), accesses and events all
 * come from the table in src/kinds.c, and triggers' arguments from the
 * checker's rows (check_kinds[], src/check_kinds.c), so a new kind,
 * attribute or trigger argument is generated without touching this file.
 * What is written out here: value pools for S3 key affixes and route
 * paths, the rate(...) and cron(...) schedules, and the pieces of event
 * patterns (a bus trigger's `pattern`).
 *
 * Components are planned before any text is written, like the resources:
 * each has a few resources of its own, parameters that stand for some of
 * their attributes (a value type, a list, or a resource kind: the parameter
 * `runtime` feeds the attribute `runtime`, so the argument is generated
 * for that attribute and usually checks), defaults, outputs (whole
 * resources and values) and now and then a `use` of another component.
 * An instance's outputs join the names the rest of the program may use
 * (`i0.queue` as a resource, `i0.url` as a string), so triggers, grants,
 * whole-resource attributes and NAME.ATTR reach them. `secret("NAME")` is
 * mostly a function's env value (a literal name, a constant or a component
 * parameter holding one) and now and then where it is an error:
 * interpolated, an output, another attribute, a component argument.
 * Imports need files and are not generated (components in the same file
 * go through the same expansion).
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_kinds.h"
#include "fuzz.h"
#include "kinds.h"
#include "util.h"

#define MAX_RES 14          /* resources declared at the top level */
#define MAX_SCOPE_RES 40    /* names in scope: declared, instance outputs, component parameters */
#define MAX_SYMS 24
#define MAX_DEPTH 3
#define MAX_COMPS 3
#define MAX_CRES 3          /* resources of one component */
#define MAX_CPARAMS 8
#define MAX_COUTS 6
#define MAX_INSTS 3

typedef struct GenRes {
  char name[64];   /* as declared, or INSTANCE.OUTPUT */
  int kind;        /* ResKind, or -1 for an unknown kind */
  bool virt;       /* not declared here: an instance's output or a component's parameter */
} GenRes;

/* A parameter, let or value output, with the type a use of it has. */
typedef struct GenSym {
  char name[64];
  TypeKind type;   /* T_STRING, T_INT, T_NUMBER, T_BOOL, T_DURATION, T_SIZE, T_METRIC */
  bool secret;     /* a let holding secret(...): only a function's env value may use it */
} GenSym;

/* A component parameter: it stands for one attribute (field) of the
 * component's resources, or is free (a string or int used in strings, or
 * the name of a secret). */
typedef struct GenCParam {
  char name[24];
  const FieldSpec *field;   /* NULL: free */
  TypeKind type;            /* free ones: T_STRING or T_INT */
  bool secret_name;         /* a free string the body writes as secret(NAME) */
  bool has_default;
} GenCParam;

/* A component output: a whole resource (kind >= 0) or a value of `type`. */
typedef struct GenCOut {
  char name[24];
  char expr[48];            /* what the component writes after `output NAME =` */
  int kind;
  TypeKind type;
} GenCOut;

typedef struct GenComp {
  char name[16];
  GenRes res[MAX_CRES];     /* its own resources */
  int nres;
  GenCParam params[MAX_CPARAMS];
  int nparams;
  GenCOut outs[MAX_COUTS];
  int nouts;
  int nested;               /* the component it uses (as instance `n0`), or -1 */
} GenComp;

typedef struct GenInst {
  char name[32];
  int comp;                 /* index in comps; -1: an unknown component */
} GenInst;

/* What a component body sees, saved while one is written. */
typedef struct GenScope {
  GenRes res[MAX_SCOPE_RES];
  int nres;
  GenSym params[MAX_SYMS];
  int nparams;
  GenSym lets[MAX_SYMS];
  int nlets;
} GenScope;

typedef struct Gen {
  const uint8_t *p;          /* the choices */
  size_t n, i;               /* how many, next one */
  StrBuf out;                /* the program */
  GenScope scope;            /* names in scope; resources declared first, then virtual ones */
  int depth;                 /* nesting of generated values */
  GenComp comps[MAX_COMPS];
  int ncomps;
  GenInst insts[MAX_INSTS];  /* top-level uses */
  int ninsts;
  const GenComp *comp;       /* the component whose body is being written, or NULL */
  const char *comp_suffix;   /* appended to a component's name: "_alone" for its unused copy */
  bool mute;                 /* take choices but write nothing (the copy's parameter defaults) */
  const char *let_prefix;    /* "l" at the top level, "cl" in a component */
} Gen;

/* ---- choices ------------------------------------------------------------ */

static unsigned take(Gen *g) { return g->i < g->n ? g->p[g->i++] : 0; }

/* 0..n-1; 0 once the bytes run out. */
static unsigned pick(Gen *g, unsigned n) {
  if (n <= 1) return 0;
  unsigned v = take(g);
  if (n > 256) v = (v << 8) | take(g);
  return v % n;
}

/* True with probability 1/k; false once the bytes run out. */
static bool rare(Gen *g, unsigned k) { return pick(g, k) == k - 1; }

/* True with probability (k-1)/k; true once the bytes run out. */
static bool usually(Gen *g, unsigned k) { return !rare(g, k); }

#define PICK(g, arr) ((arr)[pick((g), (unsigned)(sizeof(arr) / sizeof((arr)[0])))])

static void put(Gen *g, const char *s) {
  if (!g->mute) sb_puts(&g->out, s);
}

static void putf(Gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(Gen *g, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  put(g, buf);
}

/* Whitespace between tokens: usually one space, sometimes a newline, a
 * comment, a tab or CRLF. */
static void ws(Gen *g) {
  switch (pick(g, 16)) {
  case 13: put(g, "\n  "); break;
  case 14: put(g, " # note\n"); break;
  case 15: put(g, rare(g, 2) ? "\r\n" : "\t"); break;
  default: put(g, " "); break;
  }
}

/* ---- names -------------------------------------------------------------- */

/* A resource of kind k (-1: any), or NULL; plain: not INSTANCE.OUTPUT. */
static const GenRes *find_res_in(Gen *g, int k, bool plain) {
  int idx[MAX_SCOPE_RES], n = 0;
  for (int i = 0; i < g->scope.nres; i++)
    if ((k < 0 || g->scope.res[i].kind == k) && !(plain && strchr(g->scope.res[i].name, '.'))) idx[n++] = i;
  return n ? &g->scope.res[idx[pick(g, (unsigned)n)]] : NULL;
}

static const GenRes *find_res(Gen *g, int k) { return find_res_in(g, k, false); }

/* The name of a resource of kind k; sometimes one of another kind or an
 * undefined one. plain: a bare identifier (a trigger's run list). */
static void res_name_in(Gen *g, int k, bool plain) {
  const GenRes *r = NULL;
  switch (pick(g, 16)) {
  case 14: r = find_res_in(g, -1, plain); break;
  case 15:
    if (!plain && g->ninsts && g->insts[0].comp >= 0 && rare(g, 6)) {   /* a resource of the instance, not an output */
      putf(g, "%s.%s", g->insts[0].name, g->comps[g->insts[0].comp].res[0].name);
      return;
    }
    put(g, PICK(g, ((const char *const[]){"nothing", "rate", "stack", "fn0", "Bucket"})));
    return;
  default: r = find_res_in(g, k, plain); if (!r) r = find_res_in(g, -1, plain); break;
  }
  put(g, r ? r->name : "missing");
}

static void res_name(Gen *g, int k) { res_name_in(g, k, false); }

static const GenSym *find_sym(Gen *g, TypeKind t) {
  const GenSym *c[2 * MAX_SYMS];
  int n = 0;
  for (int i = 0; i < g->scope.nparams; i++)
    if (g->scope.params[i].type == t && !g->scope.params[i].secret) c[n++] = &g->scope.params[i];
  for (int i = 0; i < g->scope.nlets; i++)
    if (g->scope.lets[i].type == t && !g->scope.lets[i].secret) c[n++] = &g->scope.lets[i];
  return n ? c[pick(g, (unsigned)n)] : NULL;
}

/* A let holding secret(...), or NULL. */
static const GenSym *find_secret_let(Gen *g) {
  const GenSym *c[MAX_SYMS];
  int n = 0;
  for (int i = 0; i < g->scope.nlets; i++)
    if (g->scope.lets[i].secret) c[n++] = &g->scope.lets[i];
  return n ? c[pick(g, (unsigned)n)] : NULL;
}

/* The component parameter that stands for field f, or NULL. */
static const GenCParam *bound_param(const Gen *g, const FieldSpec *f) {
  if (!g->comp) return NULL;
  for (int i = 0; i < g->comp->nparams; i++)
    if (g->comp->params[i].field == f) return &g->comp->params[i];
  return NULL;
}

/* ---- secrets ---------------------------------------------------------------- */

static const char *const secret_names[] = {
  "chat/webhook", "db/password", "chat/webhook", "prod/api-key", "a", "x+y=z.@-_/1", "token-a1B2c3",
  "Name.With@Dots", "db/password"};

/* secret(...): usually a valid name (a literal, a constant or component
 * parameter holding one), sometimes one that is not. */
static void gen_secret(Gen *g) {
  switch (pick(g, 12)) {
  case 6: {
    const GenSym *s = find_secret_let(g);
    if (s) {
      put(g, s->name);
      return;
    }
    break;
  }
  case 7:
    if (g->comp)
      for (int i = 0; i < g->comp->nparams; i++)
        if (g->comp->params[i].secret_name) {
          putf(g, "secret(%s)", g->comp->params[i].name);
          return;
        }
    break;
  case 8: {   /* a constant: a literal string works, anything else is not known when compiling */
    const GenSym *s = find_sym(g, T_STRING);
    if (s) {
      putf(g, "secret(%s)", s->name);
      return;
    }
    break;
  }
  case 9:
    put(g, PICK(g, ((const char *const[]){"secret(\"bad name!\")", "secret(\"\")", "secret()",
                                          "secret(\"a\", \"b\")", "secret(name = \"x\")", "secret(5)",
                                          "secret(\"${x}\")", "secret(chat)", "Secret(\"x\")",
                                          "secrets(\"x\")", "secret(\"a b\")"})));
    return;
  case 10:
    if (rare(g, 2)) {   /* 512 characters is the longest name, 513 one too many */
      int len = 512 + (int)pick(g, 2);
      put(g, "secret(\"");
      for (int i = 0; i < len && !g->mute; i++) sb_putc(&g->out, (char)('a' + i % 26));
      put(g, "\")");
      return;
    }
    break;
  default: break;
  }
  putf(g, "secret(\"%s\")", PICK(g, secret_names));
}

/* NAME.ATTR of any resource, from the kind's readable attributes. */
static void ref_expr(Gen *g) {
  const GenRes *r = find_res(g, -1);
  if (!r || r->kind < 0) {
    put(g, r ? r->name : "missing");
    put(g, ".name");
    return;
  }
  const RefSpec *refs = kind_specs[r->kind].refs;
  unsigned n = 0;
  while (refs[n].name) n++;
  putf(g, "%s.%s", r->name, rare(g, 16) ? "nope" : refs[pick(g, n)].name);
}


/* The kind a T_RESOURCE value names: its one kind, or one of its res_kinds
 * (an on_failure destination: a queue, topic or bucket). */
static int res_kind_of(Gen *g, const Type *t) {
  if (!t->res_kinds) return t->res_kind;
  int kinds[RES_KIND_COUNT], n = 0;
  for (int k = 0; k < RES_KIND_COUNT; k++)
    if (t->res_kinds >> k & 1u) kinds[n++] = k;
  return kinds[pick(g, (unsigned)n)];
}

/* ---- values --------------------------------------------------------------- */

static void gen_value(Gen *g, const FieldSpec *f, const Type *t);

static const char *const plain_texts[] = {
  "hello", "", "hello world", "a/b/c", "yes", "no", "on", "off", "null", "~", "true", "1e3",
  "012", "0x1F", ".inf", "1:20", "2026-01-01", "key: value", "# hash", "- dash", "*star",
  "&amp", "!Ref X", "{a: 1}", "  padded  ", "100%", "%{ if }", "$5", "caf\\u{e9}",
  "\\u{1F600}", "quote \\\"q\\\"", "back\\\\slash", "line\\nbreak", "tab\\there", "cr\\r",
  "$${literal}", "a $ b", "\\$", "M\\u{fc}nchen", "\\u{4e2d}\\u{6587}",
};

/* A string literal, sometimes interpolated. */
static void gen_string(Gen *g) {
  unsigned parts = g->depth < MAX_DEPTH && rare(g, 4) ? 1 + pick(g, 3) : 0;
  put(g, "\"");
  put(g, PICK(g, plain_texts));
  g->depth++;
  for (unsigned i = 0; i < parts; i++) {
    put(g, "${");
    switch (pick(g, 5)) {
    case 0: ref_expr(g); break;
    case 1: {
      const GenSym *s = find_sym(g, (TypeKind)PICK(g, ((const int[]){T_STRING, T_INT, T_BOOL, T_NUMBER})));
      put(g, s ? s->name : "undefined_name");
      break;
    }
    case 2: gen_string(g); break;
    case 3: putf(g, "%u", pick(g, 100)); break;
    default: if (rare(g, 8)) gen_secret(g); else ref_expr(g); break;   /* a secret here is an error */
    }
    put(g, "}");
    put(g, PICK(g, plain_texts));
  }
  g->depth--;
  put(g, "\"");
}

/* A value of some other type, for type errors. */
static void gen_wrong(Gen *g) {
  switch (pick(g, 12)) {
  case 0: putf(g, "%d", (int)pick(g, 2000) - 10); break;
  case 1: gen_string(g); break;
  case 2: put(g, rare(g, 2) ? "true" : "false"); break;
  case 3: putf(g, "%u%s", pick(g, 600), PICK(g, ((const char *const[]){"s", "m", "MB", "GB", "KB", "h", "d", "ms", "min", "xyz"}))); break;
  case 4: put(g, "[]"); break;
  case 5: put(g, "{}"); break;
  case 6: ref_expr(g); break;
  case 7: res_name(g, -1); break;
  case 8: put(g, PICK(g, ((const char *const[]){"1.5", "-1", "0", "99999999999999999999", "1.25MB", "0.5s"}))); break;
  case 9: put(g, "[1, \"two\", true]"); break;
  case 10: gen_secret(g); break;   /* a secret outside an env value */
  default: put(g, "{ a = 1, b: \"x\" }"); break;
  }
}

/* Strings for attributes with an extra rule. */
static void gen_rule_string(Gen *g, AttrRule rule) {
  const char *s;
  switch (rule) {
  case RULE_RUNTIME:
    s = PICK(g, ((const char *const[]){"nodejs22.x", "python3.12", "nodejs24.x", "python3.13", "java21",
                                       "provided.al2023", "ruby3.3", "dotnet8", "nodejs20.x", "nodejs16.x",
                                       "python3.8", "go1.x", "nodejs", "pyhton3.12", "nodejs22.X"}));
    break;
  case RULE_HANDLER:
    s = PICK(g, ((const char *const[]){"index.handler", "app.handler", "main", "a.b.c", "bad handler", "",
                                       " index.handler", "x\\ty"}));
    break;
  case RULE_CODE_DIR:
    s = PICK(g, ((const char *const[]){"src/fn", "src/node", "src/python", "src/missing", "/abs/dir",
                                       "src/fn/index.js", ".", "src", "src//fn", "src/fn/"}));
    break;
  case RULE_BUCKET_NAME:
    s = PICK(g, ((const char *const[]){"my-bucket-123", "stackc-fuzz-bucket", "Bad_Bucket", "ab",
                                       "xn--bad", "a..b", "192.168.1.1", "bucket-s3alias", "-dash",
                                       "a-very-long-bucket-name-that-goes-on-and-on-past-the-limit-of-s3"}));
    break;
  case RULE_ATTR_NAME:
    s = PICK(g, ((const char *const[]){"expires_at", "by_kind", "ab", "a", "", "has space", "x.y-z"}));
    break;
  case RULE_REGION:
    s = PICK(g, ((const char *const[]){"eu-west-1", "us-east-1", "us-east-2", "ap-southeast-2",
                                       "eu-wset-1", "mars-1"}));
    break;
  case RULE_NAME_PREFIX:
    if (rare(g, 3)) {
      const GenSym *p = find_sym(g, T_STRING);
      putf(g, "\"app-${%s}\"", p ? p->name : "stage");
      return;
    }
    s = PICK(g, ((const char *const[]){"app", "my-app", "UPPER", "a b", "", "x_y", "verylongprefixverylongprefixverylongprefix"}));
    break;
  case RULE_CERTIFICATE:
    s = PICK(g, ((const char *const[]){
        "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012",
        "arn:aws:acm:eu-west-1:123456789012:certificate/abc", "not-an-arn"}));
    break;
  case RULE_PATH_PREFIX:
    s = PICK(g, ((const char *const[]){"events/", "logs/${x}/", "/abs/", "", "a"}));
    break;
  default:
    gen_string(g);
    return;
  }
  putf(g, "\"%s\"", s);
}

/* An integer quantity in the type's unit (ms or bytes), written with a unit that divides it. */
static void put_quantity(Gen *g, TypeKind t, int64_t v) {
  static const struct { const char *u; int64_t f; } dur[] = {
    {"d", 86400000}, {"h", 3600000}, {"m", 60000}, {"s", 1000}, {"ms", 1}};
  static const struct { const char *u; int64_t f; } size[] = {
    {"GB", INT64_C(1) << 30}, {"MB", INT64_C(1) << 20}, {"KB", 1024}};
  if (t == T_DURATION) {
    size_t i = pick(g, 5);
    while (i < 4 && v % dur[i].f != 0) i++;
    if (v % dur[i].f != 0) i = 4;
    putf(g, "%" PRId64 "%s", v / dur[i].f, dur[i].u);
  } else {
    size_t i = pick(g, 3);
    while (i < 2 && v % size[i].f != 0) i++;
    if (v % size[i].f != 0) {
      putf(g, "%" PRId64 "KB", v / 1024 ? v / 1024 : 1);
      return;
    }
    putf(g, "%" PRId64 "%s", v / size[i].f, size[i].u);
  }
}

/* A number for an int, duration or size field: in range, at the edges, or just outside. */
static int64_t gen_in_range(Gen *g, const FieldSpec *f, int64_t unit) {
  int64_t lo = 0, hi = 100 * unit;
  if (f && f->min <= f->max) lo = f->min, hi = f->max;
  int64_t step = f && f->step ? f->step : unit;
  if (step <= 0) step = 1;
  switch (pick(g, 10)) {
  case 0: case 1: case 2: {
    int64_t span = (hi - lo) / step;
    return lo + (span > 0 ? (int64_t)(pick(g, 1000) % (uint64_t)(span + 1)) : 0) * step;
  }
  case 3: return lo;
  case 4: return hi;
  case 5: return f && f->def_kind == DEF_INT ? f->def_int : lo;
  case 6: return hi + step;
  case 7: return lo - step;
  case 8: return lo + step / 2 + 1;   /* off the step */
  default: return lo + step;
  }
}

static void gen_int(Gen *g, const FieldSpec *f) { putf(g, "%" PRId64, gen_in_range(g, f, 1)); }

static void gen_enum(Gen *g, const Type *t) {
  unsigned n = 0;
  while (t->enum_vals[n]) n++;
  const char *v = t->enum_vals[pick(g, n)];
  bool ident = (v[0] >= 'a' && v[0] <= 'z') || (v[0] >= 'A' && v[0] <= 'Z') || v[0] == '_';
  for (const char *p = v; *p && ident; p++)
    ident = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_';
  switch (pick(g, 12)) {
  case 10: putf(g, "\"%s\"", v); return;
  case 11: putf(g, "%sx", ident ? v : "bad"); return;   /* misspelled */
  default: break;
  }
  if (ident) put(g, v);
  else putf(g, "\"%s\"", v);
}

static void gen_list(Gen *g, const Type *elem) {
  unsigned n = g->depth < MAX_DEPTH ? pick(g, 4) : 0;
  if (n == 0 && usually(g, 4)) n = 1;
  put(g, "[");
  g->depth++;
  for (unsigned i = 0; i < n; i++) {
    if (i) put(g, ", ");
    gen_value(g, NULL, elem);
  }
  g->depth--;
  if (n && rare(g, 4)) put(g, ",");
  put(g, "]");
}

static void gen_map(Gen *g, const FieldSpec *f, const Type *t) {
  static const char *const env_keys[] = {"TABLE", "BUCKET", "STAGE", "MODE", "URL", "QUEUE_URL",
                                         "AWS_REGION", "1BAD", "_HANDLER", "LABEL"};
  static const char *const tag_keys[] = {"team", "owner", "\"cost-center\"", "stage", "\"aws:bad\"",
                                         "\"odd key:/=+-@\"", "env"};
  static const char *const route_keys[] = {"\"/api/*\"", "\"/hooks/*\"", "\"/v1/*\"", "\"/*\"",
                                           "\"api\"", "\"/a/b/*\""};
  unsigned n = g->depth < MAX_DEPTH ? pick(g, 5) : 0;
  if (n == 0 && usually(g, 3)) n = 1;
  bool env = f && f->rule == RULE_ENV, tags = f && f->rule == RULE_TAGS;
  bool routes = t->elem && t->elem->kind == T_RESOURCE;
  put(g, "{");
  g->depth++;
  for (unsigned i = 0; i < n; i++) {
    put(g, i && usually(g, 2) ? ", " : " ");
    if (env) putf(g, "%s%s", PICK(g, env_keys), rare(g, 3) ? "" : (i ? "_X" : ""));
    else if (tags) put(g, PICK(g, tag_keys));
    else if (routes) put(g, PICK(g, route_keys));
    else putf(g, "key%u", pick(g, 4));
    put(g, rare(g, 16) ? ": " : " = ");
    if (env && usually(g, 2)) {
      /* environment values: references, parameters, interpolations, secrets */
      switch (pick(g, 5)) {
      case 0: ref_expr(g); break;
      case 1: { const GenSym *s = find_sym(g, T_STRING); if (s) put(g, s->name); else gen_string(g); break; }
      case 2: gen_secret(g); break;
      default: gen_string(g); break;
      }
    } else {
      gen_value(g, NULL, t->elem);
    }
  }
  g->depth--;
  put(g, rare(g, 4) ? ", }" : " }");
}

static void gen_record(Gen *g, const Type *t) {
  put(g, "{");
  g->depth++;
  bool first = true;
  for (const FieldSpec *fs = t->fields; fs->name; fs++) {
    if (fs->required ? rare(g, 16) : bound_param(g, fs) ? rare(g, 4) : usually(g, 2)) continue;
    put(g, first ? " " : (usually(g, 2) ? ", " : " "));
    first = false;
    putf(g, "%s = ", rare(g, 32) ? "unknown_field" : fs->name);
    const GenCParam *cp = bound_param(g, fs);
    if (cp && usually(g, 5)) put(g, cp->name);
    else gen_value(g, fs, fs->type);
  }
  g->depth--;
  put(g, " }");
}

static void gen_key_schema(Gen *g) {
  static const char *const names[] = {"id", "at", "pk", "sk", "kind", "\"quoted\"", "id"};
  static const char *const types[] = {"string", "number", "binary", "string", "bool", "\"string\""};
  unsigned n = 1 + pick(g, 2);
  if (rare(g, 16)) n = rare(g, 2) ? 0 : 3;
  put(g, "{");
  for (unsigned i = 0; i < n; i++) {
    putf(g, "%s%s%s%s", i ? ", " : " ", i ? PICK(g, names) : (rare(g, 8) ? PICK(g, names) : "id"),
         rare(g, 16) ? " = " : ": ", PICK(g, types));
  }
  put(g, " }");
}

/* NAME.METRIC: a function's errors/throttles/duration or a queue's age/depth. */
static void gen_metric(Gen *g) {
  const GenRes *r = NULL;
  if (!rare(g, 8)) r = find_res(g, usually(g, 3) ? RES_FUNCTION : RES_QUEUE);
  if (!r) r = find_res(g, -1);
  if (!r) {
    put(g, "missing.errors");
    return;
  }
  static const char *const fn_metrics[] = {"errors", "throttles", "duration"};
  static const char *const q_metrics[] = {"age", "depth"};
  const char *m = r->kind == RES_QUEUE ? PICK(g, q_metrics) : PICK(g, fn_metrics);
  if (rare(g, 16)) m = "name";
  putf(g, "%s.%s", r->name, m);
}

/* A value for field f (NULL for list elements and map values) of type t. */
/* A pattern leaf: a string, a number or a boolean. */
static void gen_pattern_scalar(Gen *g) {
  put(g, PICK(g, ((const char *const[]){"\"shop\"", "\"OrderPlaced\"", "100", "1.5", "true", "\"\"",
                                        "\"a${x}\"", "orders.name"})));
}

/* An operator record, EventBridge's JSON as written: [{ numeric = [">", 100] }]. */
static void gen_pattern_operator(Gen *g) {
  static const char *const ops[] = {
    "{ numeric = [\">\", 100] }", "{ prefix = \"fraud\" }", "{ \"anything-but\" = { prefix = \"x\" } }",
    "{ exists = true }", "{ \"equals-ignore-case\" = \"Shop\" }", "{ numeric = [\">=\", 0, \"<\", 1.5] }",
    "{ \"anything-but\" = [\"a\", 1] }", "{ wildcard = \"*.png\" }", "{}"};
  put(g, PICK(g, ops));
}

/* An event pattern: nested records (a bare record is a field), leaves a
 * value or a list of values and operator records; now and then what is
 * an error (an operator outside a list, a list in a list, an empty pattern). */
static void gen_pattern(Gen *g, unsigned depth) {
  static const char *const keys[] = {"source", "\"detail-type\"", "detail", "total", "region", "account",
                                     "numeric", "\"a b\""};
  put(g, "{");
  unsigned n = depth == 0 ? 1 + pick(g, 3) : pick(g, 3);
  for (unsigned i = 0; i < n; i++) {
    putf(g, " %s = ", PICK(g, keys));
    switch (pick(g, 6)) {
    case 0: case 1: {
      put(g, "[");
      unsigned m = pick(g, 3);
      for (unsigned j = 0; j <= m; j++) {
        if (j) put(g, ", ");
        if (rare(g, 3)) gen_pattern_operator(g);
        else if (rare(g, 24)) put(g, "[1]");
        else gen_pattern_scalar(g);
      }
      put(g, "]");
      break;
    }
    case 2: if (depth < 3) { gen_pattern(g, depth + 1); break; } /* fall through */
    case 3: gen_pattern_scalar(g); break;
    case 4: gen_pattern_operator(g); break;   /* a bare record: a nested field */
    default: put(g, "[]"); break;
    }
  }
  put(g, " }");
}

/* A list of a vpc's ids: mostly well-formed ones (so the plan and the
 * backends see VPC functions), at times past Lambda's limit, malformed, or a
 * parameter (a list one when gen_param made it so). */
static void gen_vpc_ids(Gen *g, const char *prefix, unsigned max) {
  if (rare(g, 6) && g->scope.nparams) {
    put(g, g->scope.params[pick(g, (unsigned)g->scope.nparams)].name);
    return;
  }
  unsigned n = rare(g, 10) ? max + 1 : 1 + pick(g, 3);
  put(g, "[");
  for (unsigned i = 0; i < n; i++) {   /* distinct ids, of both lengths EC2 issues */
    putf(g, "%s\"%s", i ? ", " : "", prefix);
    if (rare(g, 12)) putf(g, "%s\"", PICK(g, ((const char *const[]){"123", "0123ABCD", ""})));
    else putf(g, i % 2 ? "0123456789abcde%02x\"" : "0123ab%02x\"", i);
  }
  put(g, "]");
}

static void gen_vpc(Gen *g) {
  put(g, "{ subnets = ");
  gen_vpc_ids(g, "subnet-", VPC_MAX_SUBNETS);
  put(g, ", security_groups = ");
  gen_vpc_ids(g, "sg-", VPC_MAX_SECURITY_GROUPS);
  if (usually(g, 2)) put(g, ", egress = true");
  put(g, " }");
}

static void gen_value(Gen *g, const FieldSpec *f, const Type *t) {
  if (rare(g, 20)) {
    gen_wrong(g);
    return;
  }
  /* a parameter or let of the right type */
  if (rare(g, 8)) {
    const GenSym *s = find_sym(g, t->kind == T_ENUM ? T_STRING : t->kind);
    if (s) {
      put(g, s->name);
      return;
    }
  }
  switch (t->kind) {
  case T_STRING:
    if (f && f->rule != RULE_NONE) gen_rule_string(g, f->rule);
    else if (f && f->min <= f->max && f->max > 0 && rare(g, 8)) {
      /* at the length limit, or one past it */
      int64_t len = f->max + (int64_t)pick(g, 2);
      put(g, "\"");
      for (int64_t i = 0; i < len && i < 5000 && !g->mute; i++) sb_putc(&g->out, (char)('a' + i % 26));
      put(g, "\"");
    } else gen_string(g);
    break;
  case T_INT: gen_int(g, f); break;
  case T_NUMBER:
    put(g, PICK(g, ((const char *const[]){"1", "5", "0.5", "1500.5", "300", "-2", "0", "1e3"})));
    break;
  case T_BOOL: put(g, usually(g, 2) ? "true" : "false"); break;
  case T_DURATION: {
    int64_t v = gen_in_range(g, f, 1000);
    if (v < 0) {
      putf(g, "%" PRId64 "ms", v);
    } else {
      put_quantity(g, T_DURATION, v);
    }
    break;
  }
  case T_SIZE: {
    int64_t v = gen_in_range(g, f, INT64_C(1) << 20);
    if (v <= 0) putf(g, "%" PRId64 "MB", v / (INT64_C(1) << 20));
    else put_quantity(g, T_SIZE, v);
    break;
  }
  case T_ENUM: gen_enum(g, t); break;
  case T_LIST: gen_list(g, t->elem); break;
  case T_MAP: gen_map(g, f, t); break;
  case T_RECORD:
    if (t->fields == vpc_fields) gen_vpc(g);
    else gen_record(g, t);
    break;
  case T_KEY_SCHEMA: gen_key_schema(g); break;
  case T_RESOURCE: res_name(g, res_kind_of(g, t)); break;
  case T_METRIC: gen_metric(g); break;
  case T_NAME: case T_ARN: case T_URL: ref_expr(g); break;
  case T_STRINGS:
    if (usually(g, 2)) gen_string(g);
    else gen_list(g, &ty_string);
    break;
  case T_PATTERN: gen_pattern(g, 0); break;
  default: gen_wrong(g); break;
  }
}

/* `name = value` lines for a table of fields; required ones almost always. */
static void gen_attrs(Gen *g, const FieldSpec *fields) {
  for (const FieldSpec *f = fields; f->name; f++) {
    const GenCParam *cp = bound_param(g, f);          /* in a component: the parameter for it */
    if (f->required ? rare(g, 24) : cp ? rare(g, 4) : usually(g, 3)) continue;
    ws(g);
    switch (pick(g, 48)) {
    case 46: putf(g, "%sx", f->name); break;          /* unknown attribute, with a suggestion */
    case 47: put(g, "colour"); break;                 /* unknown attribute */
    default: put(g, f->name); break;
    }
    put(g, " = ");
    if (cp && usually(g, 5)) put(g, cp->name);
    else gen_value(g, f, f->type);
    if (rare(g, 48)) {                                /* set twice */
      putf(g, "\n  %s = ", f->name);
      gen_value(g, f, f->type);
    }
    put(g, "\n");
  }
}

/* ---- declarations --------------------------------------------------------- */

static void gen_grants(Gen *g) {
  unsigned n = pick(g, 4);
  for (unsigned i = 0; i < n; i++) {
    const GenRes *r = find_res(g, -1);
    const char *access = access_names[pick(g, ACC_COUNT)];
    if (r && r->kind >= 0 && usually(g, 8)) {
      uint32_t bits = kind_specs[r->kind].accesses;
      if (bits) {
        unsigned k = pick(g, 32);
        while (!(bits & (1u << (k % ACC_COUNT)))) k++;
        access = access_names[k % ACC_COUNT];
      }
    }
    putf(g, "  can %s %s", rare(g, 32) ? "fly" : access, r ? r->name : "missing");
    unsigned more = pick(g, 4) == 3 ? 1 + pick(g, 2) : 0;
    for (unsigned j = 0; j < more; j++) {
      put(g, ", ");
      res_name(g, r && r->kind >= 0 ? r->kind : -1);
    }
    put(g, "\n");
  }
}

static void gen_resource(Gen *g, const GenRes *r) {
  if (r->kind < 0) {
    putf(g, "%s %s {\n  size = 1\n}\n\n", rare(g, 2) ? "lambda" : "bucke", r->name);
    return;
  }
  const KindSpec *k = &kind_specs[r->kind];
  putf(g, "%s %s {", k->name, r->name);
  if (usually(g, 16)) put(g, "\n");
  gen_attrs(g, k->attrs);
  if (r->kind == RES_FUNCTION || rare(g, 32)) gen_grants(g);
  put(g, "}\n\n");
}

static void gen_stack(Gen *g) {
  putf(g, "stack %s {", PICK(g, ((const char *const[]){"fuzz", "my_app", "photo_pipeline", "x", "Bad-Name"})));
  gen_attrs(g, stack_attrs);
  put(g, "}\n\n");
}

static void gen_param(Gen *g, int i) {
  static const TypeKind types[] = {T_STRING, T_INT, T_BOOL, T_NUMBER};
  static const char *const type_names[] = {"string", "int", "bool", "number"};
  unsigned t = pick(g, 4);
  GenSym *s = &g->scope.params[g->scope.nparams++];
  snprintf(s->name, sizeof s->name, "p%d", i);
  s->type = types[t];
  putf(g, "param %s: %s", s->name, rare(g, 16) ? PICK(g, ((const char *const[]){"[string]", "size", "strin"})) : type_names[t]);
  static const char *const str_vals[] = {"\"dev\"", "\"prod\"", "\"staging\"", "\"x y\""};
  static const char *const int_vals[] = {"50", "1", "0", "-5"};
  static const char *const num_vals[] = {"1.5", "2", "0.25"};
  const char *def = NULL;
  switch (s->type) {
  case T_STRING: def = PICK(g, str_vals); break;
  case T_INT: def = PICK(g, int_vals); break;
  case T_NUMBER: def = PICK(g, num_vals); break;
  default: def = usually(g, 2) ? "false" : "true"; break;
  }
  if (usually(g, 3)) putf(g, " = %s", rare(g, 16) ? "\"wrong\"" : def);
  if (rare(g, 2)) {
    put(g, " {");
    if (usually(g, 2)) {
      putf(g, " allowed = [%s", def);
      if (s->type == T_STRING) put(g, ", \"other\"");
      if (s->type == T_INT) put(g, ", 100");
      put(g, rare(g, 8) ? ", true]" : "]");
    }
    if (usually(g, 2)) put(g, " description = \"A parameter\"");
    put(g, " }");
  }
  put(g, "\n");
}

static void gen_let(Gen *g, int i) {
  if (g->scope.nlets >= MAX_SYMS) return;
  GenSym *s = &g->scope.lets[g->scope.nlets];
  snprintf(s->name, sizeof s->name, "%s%d", g->let_prefix ? g->let_prefix : "l", i);
  s->secret = false;
  putf(g, "let %s = ", s->name);
  switch (pick(g, 7)) {
  case 6: s->type = T_STRING; s->secret = true; gen_secret(g); break;   /* usable as an env value */
  case 0: s->type = T_STRING; gen_string(g); break;
  case 1: s->type = T_INT; putf(g, "%u", 1 + pick(g, 64)); break;
  case 2: s->type = T_SIZE; putf(g, "%uMB", 128 * (1 + pick(g, 8))); break;
  case 3: s->type = T_DURATION; putf(g, "%us", 1 + pick(g, 120)); break;
  case 4: s->type = T_STRING; ref_expr(g); break;
  default: {
    s->type = T_STRING;
    const GenSym *p = find_sym(g, T_STRING);
    if (p) putf(g, "\"%s-${%s}\"", "pre", p->name);
    else gen_string(g);
    break;
  }
  }
  g->scope.nlets++;   /* after the value: a let does not see itself (except through lets below) */
  put(g, "\n");
}

/* The run list: one or two functions. */
static void run_list(Gen *g) {
  put(g, " run ");
  res_name_in(g, RES_FUNCTION, true);   /* the grammar takes identifiers here, not i0.function */
  if (rare(g, 4)) {
    put(g, ", ");
    res_name_in(g, RES_FUNCTION, true);
  }
  put(g, "\n");
}

/* `.EVENT` for a source of kind `kind` (-1: not a resource): one of its
 * events (kind_specs[]), now and then none, AWS's word for one, or a name
 * it does not have. The kinds whose one event is written without a name
 * rarely get one. */
static void gen_event(Gen *g, int kind) {
  uint32_t events = kind >= 0 ? kind_specs[kind].events : 0;
  if (events & (1u << EV_MESSAGE)) {
    if (rare(g, 16)) put(g, ".message");
    return;
  }
  if (!events || rare(g, 8)) {
    if (rare(g, 2)) put(g, PICK(g, ((const char *const[]){".created", ".deleted", ".changes", ".head"})));
    return;
  }
  unsigned k = pick(g, 32);
  while (!(events & (1u << (k % EV_COUNT)))) k++;
  putf(g, ".%s", event_names[k % EV_COUNT]);
}

/* A value for trigger argument `f`: S3 key affixes that overlap one
 * another now and then (for the overlap rule), else what its type calls for. */
static void gen_trigger_arg(Gen *g, const FieldSpec *f) {
  if (f->type->kind == T_STRING && usually(g, 4))
    putf(g, "\"%s\"", PICK(g, ((const char *const[]){"images/", "a/", "", "videos/", "images/x/", ".jpg", ".png",
                                                    ".csv"})));
  else
    gen_value(g, f, f->type);
}

/* `(name = value, ...)` from a trigger's argument table (check_kinds[]):
 * some of its arguments, now and then a misspelled one or one it does not
 * take; now and then a positional one. */
static void gen_named_args(Gen *g, const CheckTrigger *trig) {
  bool any = false;
  put(g, "(");
  for (const FieldSpec *f = trig->args; f->name; f++) {
    if (rare(g, 2)) continue;
    putf(g, "%s%s%s = ", any ? ", " : "", f->name, rare(g, 32) ? "x" : "");
    gen_trigger_arg(g, f);
    any = true;
  }
  if (rare(g, 16)) putf(g, "%sprefix = \"x\"", any ? ", " : "");   /* a bucket's, elsewhere an unknown one */
  if (rare(g, 32)) putf(g, "%s\"x\"", any ? ", " : "");         /* positional */
  put(g, ")");
}

/* A route's one positional path, valid or not. */
static void gen_route_path(Gen *g) {
  static const char *const paths[] = {"/items", "/items/{id}", "/", "/files/{proxy+}", "/items-id",
                                      "/a/{b}/c", "items", "/x//y", "/{proxy+}/x", "/a b", "/{}"};
  putf(g, "(\"%s\")", PICK(g, paths));
}

static void gen_schedule(Gen *g) {
  if (usually(g, 2)) {
    static const char *const rates[] = {"5m", "1h", "1d", "90m", "2d", "1m", "30s", "0m", "61s",
                                        "1 minute", "\"5m\"", "60000ms", "7d"};
    putf(g, "rate(%s)", PICK(g, rates));
    return;
  }
  static const char *const crons[] = {
    "0 12 * * ? *", "0/15 8-17 ? * MON-FRI *", "0 0 1 * ? *", "30 2 ? * 1#2 *", "0 0 L * ? *",
    "0 8 15W * ? 2030", "0 12 * * * *", "0 12 ? * ? *", "60 12 * * ? *", "0 24 * * ? *",
    "0 0 32 * ? *", "0 0 ? 13 * *", "0 0 ? * 8 *", "0 0 1 * ? 1969", "0 0 1 * ? 2200",
    "0 12 * *", "0 12 * * ? * *", "", "a b c d e f", "0/0 * * * ? *", "0 12 * * ? *  "};
  putf(g, "cron(\"%s\")", PICK(g, crons));
}

/* `on SOURCE[.EVENT][(ARGS)] run ...`: the source's event and arguments
 * come from its kind's rows (kind_specs[], check_kinds[]); now and then
 * they are another kind's, or the source is one that cannot trigger. */
static void gen_trigger(Gen *g) {
  put(g, "on ");
  if (rare(g, 5)) {
    gen_schedule(g);
    run_list(g);
    return;
  }
  int sources[RES_KIND_COUNT];   /* the kinds with a trigger */
  unsigned nsources = 0;
  for (int k = 0; k < RES_KIND_COUNT; k++)
    if (check_kinds[k].trigger) sources[nsources++] = k;
  const GenRes *src = usually(g, 5) ? find_res(g, sources[pick(g, nsources)]) : NULL;
  if (!src) src = find_res(g, -1);   /* any resource: sometimes one that cannot trigger */
  put(g, src ? src->name : "missing");
  int kind = src ? src->kind : -1;
  if (rare(g, 12)) kind = (int)pick(g, RES_KIND_COUNT);   /* the form of another kind */
  gen_event(g, kind);
  const CheckTrigger *trig = kind >= 0 ? check_kinds[kind].trigger : NULL;
  if (trig && trig->kind == TRIG_HTTP) gen_route_path(g);
  else if (trig && usually(g, 2)) gen_named_args(g, trig);
  run_list(g);
}

static void gen_output(Gen *g, int i) {
  putf(g, "output o%d = ", rare(g, 16) ? 0 : i);
  switch (pick(g, 6)) {
  case 0: case 1: ref_expr(g); break;
  case 2: gen_string(g); break;
  case 3: {
    const GenSym *s = find_sym(g, (TypeKind)PICK(g, ((const int[]){T_STRING, T_INT, T_BOOL})));
    if (s) put(g, s->name);
    else ref_expr(g);
    break;
  }
  case 4: putf(g, "%u", pick(g, 10)); break;
  default: if (rare(g, 8)) gen_secret(g); else res_name(g, -1); break;   /* neither is a string */
  }
  put(g, "\n");
}

/* ---- components ------------------------------------------------------------- */

/* snprintf(dst, size, "%s", src) for a name that may live in the same Gen. */
static void set_name(char *dst, size_t size, const char *src) {
  size_t i = 0;
  for (; src[i] && i + 1 < size; i++) dst[i] = src[i];
  dst[i] = '\0';
}

/* How a parameter standing for field f is declared, or NULL when no
 * parameter type fits the field (maps, records, key schemas, metrics,
 * references). */
static const char *param_type_for(const FieldSpec *f) {
  const Type *t = f->type;
  switch (t->kind) {
  case T_STRING: case T_ENUM: return "string";   /* an enum is passed as its quoted value */
  case T_INT: return "int";
  case T_NUMBER: return "number";
  case T_BOOL: return "bool";
  case T_DURATION: return "duration";
  case T_SIZE: return "size";
  case T_RESOURCE: return t->res_kinds ? NULL : kind_specs[t->res_kind].name;
  case T_LIST: return t->elem->kind == T_STRING || t->elem->kind == T_ENUM ? "[string]" : NULL;
  default: return NULL;
  }
}

/* A name a component declares twice (parameters and outputs share the
 * instance's namespace). */
static bool comp_name_taken(const GenComp *c, const char *name) {
  for (int i = 0; i < c->nparams; i++)
    if (strcmp(c->params[i].name, name) == 0) return true;
  for (int i = 0; i < c->nouts; i++)
    if (strcmp(c->outs[i].name, name) == 0) return true;
  return false;
}

/* `base`, or base2, base3, ... when taken. */
static void comp_unique_name(const GenComp *c, char *out, size_t size, const char *base) {
  snprintf(out, size, "%s", base);
  for (int k = 2; comp_name_taken(c, out) && k < 20; k++) snprintf(out, size, "%s%d", base, k);
}

static void add_field_param(Gen *g, GenComp *c, const FieldSpec *f) {
  if (c->nparams >= MAX_CPARAMS - 2 || !param_type_for(f)) return;
  for (int i = 0; i < c->nparams; i++)
    if (c->params[i].field == f) return;
  if (f->required ? rare(g, 3) : usually(g, 4)) return;
  GenCParam *p = &c->params[c->nparams];
  char base[24];
  snprintf(base, sizeof base, "%s%s", rare(g, 16) ? "p_" : "", f->name);   /* usually the attribute's own name */
  comp_unique_name(c, p->name, sizeof p->name, base);
  p->field = f;
  p->type = f->type->kind;
  p->secret_name = false;
  p->has_default = f->required ? rare(g, 8) : usually(g, 2);
  c->nparams++;
}

static void add_free_param(GenComp *c, const char *base, TypeKind type, bool secret_name, bool has_default) {
  if (c->nparams >= MAX_CPARAMS) return;
  GenCParam *p = &c->params[c->nparams];
  comp_unique_name(c, p->name, sizeof p->name, base);
  p->field = NULL;
  p->type = type;
  p->secret_name = secret_name;
  p->has_default = has_default;
  c->nparams++;
}

static GenCOut *add_out(GenComp *c, const char *base) {
  if (c->nouts >= MAX_COUTS) return NULL;
  GenCOut *o = &c->outs[c->nouts];
  comp_unique_name(c, o->name, sizeof o->name, base);
  o->kind = -1;
  o->type = T_STRING;
  c->nouts++;
  return o;
}

/* What a value of reference type r reads as: a string, or a metric. */
static TypeKind ref_sym_type(const RefSpec *r) { return r->type->kind == T_METRIC ? T_METRIC : T_STRING; }

/* A component's resources, parameters and outputs, and the component it uses. */
static void plan_component(Gen *g, int ci) {
  static const char *const names[] = {"worker", "site", "etl", "alerting", "pipeline"};
  GenComp *c = &g->comps[ci];
  snprintf(c->name, sizeof c->name, "%s%d", PICK(g, names), ci);
  c->nres = 1 + (int)pick(g, MAX_CRES);
  bool has_fn = false;
  for (int i = 0; i < c->nres; i++) {
    GenRes *r = &c->res[i];
    r->kind = usually(g, 3) ? (int)pick(g, RES_KIND_COUNT) : RES_FUNCTION;
    r->virt = false;
    snprintf(r->name, sizeof r->name, "c%.3s%d", kind_specs[r->kind].name, i);
    has_fn = has_fn || r->kind == RES_FUNCTION;
  }
  /* parameters for some attributes (and record fields) of its resources */
  for (int i = 0; i < c->nres; i++)
    for (const FieldSpec *f = kind_specs[c->res[i].kind].attrs; f->name; f++) {
      if (f->type->kind == T_RECORD)
        for (const FieldSpec *fs = f->type->fields; fs->name; fs++) add_field_param(g, c, fs);
      else
        add_field_param(g, c, f);
    }
  if (rare(g, 4)) add_free_param(c, "label", T_STRING, false, usually(g, 2));
  if (rare(g, 6)) add_free_param(c, "count", T_INT, false, usually(g, 2));
  if (has_fn && rare(g, 3)) add_free_param(c, "secret_name", T_STRING, true, rare(g, 4));
  if (rare(g, 24) && c->nparams && c->nparams < MAX_CPARAMS) {   /* a parameter declared twice */
    add_free_param(c, "again", T_STRING, false, true);
    memcpy(c->params[c->nparams - 1].name, c->params[0].name, sizeof c->params[0].name);
  }

  /* usually an earlier component (so no cycle), now and then itself or a later one */
  c->nested = -1;
  if (rare(g, 3)) {
    if (ci > 0 && usually(g, 8)) c->nested = (int)pick(g, (unsigned)ci);
    else if (rare(g, 2)) c->nested = ci < g->ncomps - 1 ? ci + 1 : ci;
  }

  /* outputs: whole resources and values, a nested instance's, a parameter's */
  for (int i = 0; i < c->nres; i++) {
    const GenRes *r = &c->res[i];
    unsigned what = pick(g, 4);
    GenCOut *o;
    if ((what & 1) && (o = add_out(c, kind_specs[r->kind].name))) {
      snprintf(o->expr, sizeof o->expr, "%s", r->name);
      o->kind = r->kind;
    }
    if (what & 2) {
      const RefSpec *refs = kind_specs[r->kind].refs;
      unsigned n = 0;
      while (refs[n].name) n++;
      const RefSpec *ref = &refs[pick(g, n)];
      if ((o = add_out(c, ref->name))) {
        snprintf(o->expr, sizeof o->expr, "%s.%s", r->name, ref->name);
        o->type = ref_sym_type(ref);
      }
    }
  }
  if (c->nested >= 0 && c->nested < ci && g->comps[c->nested].nouts && usually(g, 2)) {
    const GenCOut *in = &g->comps[c->nested].outs[pick(g, (unsigned)g->comps[c->nested].nouts)];
    char base[24];
    snprintf(base, sizeof base, "inner_%s", in->name);
    GenCOut *o = add_out(c, base);
    if (o) {
      snprintf(base, sizeof base, "n0.%s", in->name);
      set_name(o->expr, sizeof o->expr, base);
      o->kind = in->kind;
      o->type = in->type;
    }
  }
  if (rare(g, 4)) {
    for (int i = 0; i < c->nparams; i++) {
      const GenCParam *p = &c->params[i];
      TypeKind t = p->type;
      if (p->secret_name || !(t == T_STRING || t == T_INT || t == T_BOOL || t == T_NUMBER || t == T_DURATION ||
                              t == T_SIZE))
        continue;
      char base[24];
      snprintf(base, sizeof base, "o_%s", p->name);
      GenCOut *o = add_out(c, base);
      if (o) {
        set_name(o->expr, sizeof o->expr, p->name);
        o->type = t;
      }
      break;
    }
  }
  if (rare(g, 16)) {   /* an output nobody may read as a value: a secret (an env value may), or an undefined name */
    GenCOut *o = add_out(c, "token");
    if (o) snprintf(o->expr, sizeof o->expr, "%s", rare(g, 3) ? "nothing_here" : "secret(\"chat/token\")");
  }
}

/* INSTANCE.OUTPUT for every output of c, as names in the current scope. */
static void add_instance_names(Gen *g, const char *instance, const GenComp *c) {
  char inst[32];   /* a copy: the name may live in g, like the names written below */
  snprintf(inst, sizeof inst, "%s", instance);
  for (int i = 0; i < c->nouts; i++) {
    const GenCOut *o = &c->outs[i];
    if (o->kind >= 0) {
      if (g->scope.nres >= MAX_SCOPE_RES) continue;
      GenRes *r = &g->scope.res[g->scope.nres++];
      snprintf(r->name, sizeof r->name, "%s.%s", inst, o->name);
      r->kind = o->kind;
      r->virt = true;
    } else {
      if (g->scope.nlets >= MAX_SYMS) continue;
      GenSym *s = &g->scope.lets[g->scope.nlets++];
      snprintf(s->name, sizeof s->name, "%s.%s", inst, o->name);
      s->type = o->type;
      s->secret = strncmp(o->expr, "secret(", 7) == 0;
    }
  }
}

/* The scope of c's body: its resources, its resource parameters, its nested
 * instance's outputs and the top-level resources; its value parameters next
 * to the stack's; the top-level constants. */
static void enter_component(Gen *g, const GenComp *c, GenScope *saved) {
  *saved = g->scope;
  g->scope.nres = 0;
  for (int i = 0; i < c->nres; i++) g->scope.res[g->scope.nres++] = c->res[i];
  for (int i = 0; i < c->nparams && g->scope.nparams < MAX_SYMS; i++) {
    const GenCParam *p = &c->params[i];
    if (p->field && p->field->type->kind == T_RESOURCE) {
      GenRes *r = &g->scope.res[g->scope.nres++];
      set_name(r->name, sizeof r->name, p->name);
      r->kind = p->field->type->res_kind;
      r->virt = true;
    } else if (!p->field || (p->type != T_ENUM && p->type != T_LIST)) {
      GenSym *s = &g->scope.params[g->scope.nparams++];
      set_name(s->name, sizeof s->name, p->name);
      s->type = p->type;
      s->secret = false;
    }
  }
  if (c->nested >= 0) add_instance_names(g, "n0", &g->comps[c->nested]);
  for (int i = 0; i < saved->nres && g->scope.nres < MAX_SCOPE_RES; i++)
    if (!saved->res[i].virt) g->scope.res[g->scope.nres++] = saved->res[i];
  g->comp = c;
  g->let_prefix = "cl";
}

static void leave_component(Gen *g, const GenScope *saved) {
  g->scope = *saved;
  g->comp = NULL;
  g->let_prefix = NULL;
}

/* An enum value as an argument: quoted (a bare word would be read as a name). */
static void gen_enum_arg(Gen *g, const Type *t) {
  unsigned n = 0;
  while (t->enum_vals[n]) n++;
  const char *v = t->enum_vals[pick(g, n)];
  if (rare(g, 16) && v[0] >= 'a' && v[0] <= 'z') put(g, v);   /* undefined name */
  else putf(g, "\"%s\"", v);
}

/* The argument (or default, pass == false) for parameter p. */
static void gen_arg(Gen *g, const GenCParam *p, bool pass) {
  if (rare(g, 40)) {   /* of a wrong type */
    gen_wrong(g);
    return;
  }
  if (pass && g->comp && usually(g, 3))   /* inside a component: pass its own parameter on */
    for (int i = 0; i < g->comp->nparams; i++) {
      const GenCParam *q = &g->comp->params[i];
      if ((p->field && q->field == p->field) || (p->secret_name && q->secret_name)) {
        put(g, q->name);
        return;
      }
    }
  if (p->secret_name) {   /* the name; the secret itself is an error here */
    if (rare(g, 12)) gen_secret(g);
    else putf(g, "\"%s\"", PICK(g, secret_names));
    return;
  }
  if (!p->field) {
    if (p->type == T_INT) putf(g, "%u", pick(g, 10));
    else gen_string(g);
    return;
  }
  const Type *t = p->field->type;
  if (t->kind == T_STRING && p->field->rule != RULE_NONE) {
    gen_rule_string(g, p->field->rule);   /* runtime, handler, code, ...: the attribute's own strings */
  } else if (t->kind == T_ENUM) {
    gen_enum_arg(g, t);
  } else if (t->kind == T_LIST && t->elem->kind == T_ENUM) {
    unsigned n = 1 + pick(g, 3);
    put(g, "[");
    for (unsigned i = 0; i < n; i++) {
      if (i) put(g, ", ");
      gen_enum_arg(g, t->elem);
    }
    put(g, "]");
  } else {
    gen_value(g, p->field, t);
  }
}

/* `use COMPONENT INSTANCE { ARGS }`; ci < 0: a component nobody declared. */
static void gen_use(Gen *g, const char *inst, int ci) {
  const GenComp *c = ci >= 0 ? &g->comps[ci] : NULL;
  put(g, "use ");
  if (!c) put(g, PICK(g, ((const char *const[]){"worker", "queue_worker", "static_site", "site0x"})));
  else if (rare(g, 40)) putf(g, "%sx", c->name);   /* misspelled, with a suggestion */
  else put(g, c->name);
  putf(g, " %s {", inst);
  bool lines = usually(g, 3);
  for (int i = 0; c && i < c->nparams; i++) {
    const GenCParam *p = &c->params[i];
    if (p->has_default ? usually(g, 2) : rare(g, 48)) continue;   /* a default, or (rarely) a missing argument */
    put(g, lines ? "\n  " : " ");
    switch (pick(g, 48)) {
    case 46: putf(g, "%sx", p->name); break;   /* unknown argument, with a suggestion */
    case 47: put(g, "colour"); break;          /* unknown argument */
    default: put(g, p->name); break;
    }
    put(g, " = ");
    gen_arg(g, p, true);
    if (rare(g, 64)) {   /* given twice */
      putf(g, " %s = ", p->name);
      gen_arg(g, p, true);
    }
  }
  put(g, lines ? "\n}\n\n" : " }\n\n");
}

static void gen_component(Gen *g, int ci) {
  const GenComp *c = &g->comps[ci];
  GenScope saved;
  enter_component(g, c, &saved);
  putf(g, "component %s%s(", c->name, g->comp_suffix ? g->comp_suffix : "");
  int nsyms = g->scope.nparams;
  g->scope.nparams = saved.nparams;   /* a default sees the parameters before it (not itself: a cycle) */
  for (int i = 0; i < c->nparams; i++) {
    const GenCParam *p = &c->params[i];
    if (i && g->scope.nparams < nsyms && strcmp(g->scope.params[g->scope.nparams].name, c->params[i - 1].name) == 0) g->scope.nparams++;
    if (i) put(g, usually(g, 4) ? ", " : ",\n  ");
    const char *type = p->field ? param_type_for(p->field) : p->type == T_INT ? "int" : "string";
    if (rare(g, 32))
      type = PICK(g, ((const char *const[]){"map", "compression", "secret", "strng", "[map]", "[[string]]",
                                            "int", "topic", "metric"}));
    putf(g, "%s: %s", p->name, type);
    if (p->has_default) {   /* the unused copy takes the same choices, without writing them */
      g->mute = g->comp_suffix != NULL;
      put(g, " = ");
      gen_arg(g, p, false);
      g->mute = false;
    }
  }
  g->scope.nparams = nsyms;
  put(g, ") {\n");
  int nl = rare(g, 3) ? 1 + (int)pick(g, 2) : 0;
  for (int i = 0; i < nl; i++) gen_let(g, i);
  for (int i = 0; i < c->nres; i++) gen_resource(g, &c->res[i]);
  if (c->nested >= 0) gen_use(g, "n0", c->nested);
  int nt = (int)pick(g, 3);
  for (int i = 0; i < nt; i++) gen_trigger(g);
  if (rare(g, 32))   /* not allowed in a component */
    put(g, PICK(g, ((const char *const[]){"param stage: string = \"dev\"\n", "stack inner {}\n",
                                          "component inner() {}\n"})));
  for (int i = 0; i < c->nouts; i++) putf(g, "output %s = %s\n", c->outs[i].name, c->outs[i].expr);
  put(g, "}\n\n");
  leave_component(g, &saved);
}

/* Writes component ci, first saving the generator as it stands, so that its
 * unused copy can be written later from the same state and choices. */
static void gen_component_saved(Gen *g, int ci, Gen *saved) {
  if (saved) saved[ci] = *g;
  gen_component(g, ci);
}

/* Each component again, as `NAME_alone` with no parameter defaults: the
 * same body, which nothing uses (see fuzz.h). */
static void gen_alone_copies(Gen *g, const Gen *saved) {
  for (int ci = 0; ci < g->ncomps; ci++) {
    Gen copy = saved[ci];
    copy.out = g->out;
    copy.comp_suffix = "_alone";
    gen_component(&copy, ci);
    g->out = copy.out;
  }
}

static char *generate(const uint8_t *data, size_t size, size_t *len, bool alone_copies) {
  Gen g = {.p = data, .n = size};
  Gen *saved = alone_copies ? calloc(MAX_COMPS, sizeof *saved) : NULL;

  /* Decide the resources first, so references may point forward. */
  g.scope.nres = 1 + (int)pick(&g, MAX_RES);
  int counts[RES_KIND_COUNT] = {0};
  for (int i = 0; i < g.scope.nres; i++) {
    GenRes *r = &g.scope.res[i];
    r->kind = rare(&g, 40) ? -1 : (int)pick(&g, RES_KIND_COUNT);
    const char *kn = r->kind >= 0 ? kind_specs[r->kind].name : "thing";
    snprintf(r->name, sizeof r->name, "%.3s%d", kn, counts[r->kind >= 0 ? r->kind : 0]++);
    if (rare(&g, 40) && i > 0) set_name(r->name, sizeof r->name, g.scope.res[pick(&g, (unsigned)i)].name);
    if (rare(&g, 60)) snprintf(r->name, sizeof r->name, "%s", PICK(&g, ((const char *const[]){"rate", "cron", "output", "a_rather_long_function_name_for_lambda_x"})));
  }

  int ndecl = g.scope.nres;

  /* Components and their instances, also before any text: an instance's
   * outputs are names like the resources'. */
  g.ncomps = (int)pick(&g, MAX_COMPS + 1);
  for (int i = 0; i < g.ncomps; i++) plan_component(&g, i);
  g.ninsts = g.ncomps ? (int)pick(&g, MAX_INSTS + 1) : rare(&g, 24);
  for (int i = 0; i < g.ninsts; i++) {
    GenInst *in = &g.insts[i];
    in->comp = g.ncomps && usually(&g, 32) ? (int)pick(&g, (unsigned)g.ncomps) : -1;
    snprintf(in->name, sizeof in->name, "i%d", i);
    if (rare(&g, 40))   /* the name of another instance or of a resource */
      set_name(in->name, sizeof in->name, i && usually(&g, 2) ? g.insts[pick(&g, (unsigned)i)].name : g.scope.res[0].name);
    if (in->comp >= 0) add_instance_names(&g, in->name, &g.comps[in->comp]);
  }
  if (g.ninsts && g.insts[0].comp >= 0 && rare(&g, 48)) {   /* a resource with a name an instance makes */
    char made[32];
    snprintf(made, sizeof made, "%.20s_%s", g.insts[0].name, g.comps[g.insts[0].comp].res[0].name);
    memcpy(g.scope.res[ndecl - 1].name, made, sizeof made);
  }

  if (usually(&g, 4)) gen_stack(&g);
  int np = (int)pick(&g, 4), nl = (int)pick(&g, 4);
  for (int i = 0; i < np; i++) gen_param(&g, i);
  for (int i = 0; i < nl; i++) gen_let(&g, i);
  if (np || nl) put(&g, "\n");
  bool comps_first = usually(&g, 2);   /* a component may be declared before or after its uses */
  for (int i = 0; comps_first && i < g.ncomps; i++) gen_component_saved(&g, i, saved);
  for (int i = 0; i < ndecl; i++) gen_resource(&g, &g.scope.res[i]);
  for (int i = 0; i < g.ninsts; i++) gen_use(&g, g.insts[i].name, g.insts[i].comp);
  int nt = (int)pick(&g, 9);
  for (int i = 0; i < nt; i++) gen_trigger(&g);
  int no = (int)pick(&g, 5);
  for (int i = 0; i < no; i++) gen_output(&g, i);
  for (int i = 0; !comps_first && i < g.ncomps; i++) gen_component_saved(&g, i, saved);
  if (saved) gen_alone_copies(&g, saved);
  free(saved);
  if (!g.out.data) sb_puts(&g.out, "");
  *len = g.out.len;
  return g.out.data;
}

char *fuzz_generate(const uint8_t *data, size_t size, size_t *len) { return generate(data, size, len, false); }

char *fuzz_generate_alone_copies(const uint8_t *data, size_t size, size_t *len) {
  return generate(data, size, len, true);
}
