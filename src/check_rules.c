/* check_rules.c — AWS rules beyond types and ranges.
 *
 * Each rule states the limit it enforces. Attribute rules run as soon as an
 * attribute is converted; program rules run once every declaration is
 * checked and no error was found (they assume a complete graph).
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "check_rules.h"
#include "check_kinds.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "codedir.h"
#include "glob.h"
#include "runtimes.h"
#include "util.h"

/* ---- helpers -------------------------------------------------------------- */

/* The literal text of a rule's value, or NULL after reporting that the rule
 * needs a value known at compile time. */
static const char *need_literal(Compilation *c, const FieldSpec *f, const Value *v, Span span) {
  const char *s = ir_literal(v);
  if (!s)
    diag_error(&c->diag, span, "'%s' must be a literal string: stackc checks it when compiling", f->name);
  return s;
}

static bool all_chars_n(const char *s, size_t n, const char *extra) {
  for (size_t i = 0; i < n; i++)
    if (!isalnum((unsigned char)s[i]) && !strchr(extra, s[i])) return false;
  return true;
}

static bool all_chars(const char *s, const char *extra) { return all_chars_n(s, strlen(s), extra); }

/* ---- runtime and handler ------------------------------------------------- */

/* "unknown Lambda runtime": a misspelling gets the closest id, a family's
 * name (python, node) its newest runtime; the note lists the family's
 * runtimes Lambda supports today, or the newest of each family. */
static void unknown_runtime(Compilation *c, const char *id, Span span) {
  const char *family = runtime_family_named(id);
  size_t n;
  const char *const *ids = runtime_ids(&n);
  const char *guess = family && !strpbrk(id, "0123456789") ? NULL : did_you_mean(id, ids, n);
  if (guess) family = runtime_lookup(guess)->family;
  const char *current[64];
  size_t ncurrent = family ? runtime_current_ids(family, c->today, current, 64) : 0;
  if (!guess && ncurrent) guess = current[0];
  Diag *d = diag_error(&c->diag, span, "unknown Lambda runtime '%s'%s", id, did_you_mean_text(&c->arena, guess));
  if (ncurrent)
    diag_note(&c->diag, d, span, "the %s runtimes Lambda supports: %s", family,
              str_join(&c->arena, current, ncurrent));
  else
    diag_note(&c->diag, d, span, "the newest runtime of each family: %s",
              str_join(&c->arena, current, runtime_current_ids(NULL, c->today, current, 64)));
}

/* Lambda runtimes change every few months: the list is data (runtimes.c),
 * and "today" comes from SOURCE_DATE_EPOCH so a build reproduces. */
static void rule_runtime(Compilation *c, const char *id, Span span) {
  const Runtime *r = runtime_lookup(id);
  if (!r) {
    unknown_runtime(c, id, span);
    return;
  }
  switch (runtime_status(r, c->today)) {
  case RUNTIME_BLOCKED:
    diag_error(&c->diag, span, "Lambda runtime '%s' can no longer be used to create functions (since %s)",
               id, r->block_create ? r->block_create : r->block_update);
    break;
  case RUNTIME_DEPRECATED:
    diag_warning(&c->diag, span, "Lambda runtime '%s' is deprecated since %s%s%s", id, r->deprecated,
                 r->block_create ? "; creating functions with it is blocked from " : "",
                 r->block_create ? r->block_create : "");
    break;
  case RUNTIME_OK: break;
  }
}

/* Lambda: handler at most 128 characters, no whitespace. */
static void rule_handler(Compilation *c, const char *h, Span span) {
  size_t n = strlen(h);
  if (n == 0 || n > 128) {
    diag_error(&c->diag, span, "a handler has 1 to 128 characters, got %zu", n);
    return;
  }
  for (const char *p = h; *p; p++)
    if (isspace((unsigned char)*p)) {
      diag_error(&c->diag, span, "a handler cannot contain whitespace");
      return;
    }
}

/* The code directory must exist beside the stack file: it is zipped for
 * CloudFormation (stackc package) and by Terraform's archive_file. After
 * following every symlink (realpath) it must lie inside the project root,
 * so that no stack file can put files from elsewhere on the machine (/etc,
 * a CI runner's credentials) into an artifact. Sets the function's
 * code_path to that resolved directory. */
static void rule_code_dir(Compilation *c, const char *dir, Span span, const RuleContext *ctx) {
  if (dir[0] == '\0') {
    diag_error(&c->diag, span, "code directory is empty: name a directory relative to the stack file "
               "(\".\" is the stack file's own directory)");
    return;
  }
  if (dir[0] == '/') {
    diag_error(&c->diag, span, "code directory must be relative to the stack file, got '%s'", dir);
    return;
  }
  char *path = arena_printf(&c->arena, "%s/%s", ctx->source_dir, dir);
  struct stat st;
  char real[PATH_MAX];
  if (stat(path, &st) != 0) {
    diag_error(&c->diag, span, "code directory '%s' does not exist", dir);
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    diag_error(&c->diag, span, "code '%s' is not a directory", dir);
    return;
  }
  if (!realpath(path, real)) {
    diag_error(&c->diag, span, "cannot resolve code directory '%s': %s", dir, strerror(errno));
    return;
  }
  if (c->root && !path_below(real, c->root)) {
    Diag *d = diag_error(&c->diag, span, "code directory '%s' is outside the project root '%s'", dir,
                         c->root_dir);
    if (!strstr(dir, ".."))   /* no ".." climbs out: a symlink on the way does */
      diag_note(&c->diag, d, span, "'%s' resolves to '%s'", dir, real);
    diag_note(&c->diag, d, span, "%s; a wider root (a monorepo's top) is given with --root DIR, "
              "e.g. --root ..", c->root_given ? "the project root comes from --root"
                                              : "the project root is the stack file's directory");
    return;
  }
  if (ctx->res) ctx->res->code_path = arena_strdup(&c->arena, real);
}

/* Where a pattern could match nothing, or reach outside the code
 * directory, or mean something else to Terraform. Returns NULL, or why. */
static const char *exclude_problem(const char *pattern) {
  if (!*pattern) return "an empty pattern matches nothing";
  if (pattern[0] == '/') return "patterns are relative to the code directory: remove the leading '/'";
  for (const char *seg = pattern; seg;) {
    size_t n = strcspn(seg, "/");
    if (n == 2 && seg[0] == '.' && seg[1] == '.') return "a pattern cannot climb out of the code directory ('..')";
    if (n == 1 && seg[0] == '.') return "a '.' segment matches nothing: patterns are relative to the code "
                                        "directory, without './'";
    seg = seg[n] ? seg + n + 1 : NULL;
  }
  if (!glob_valid(pattern))
    return "not a well-formed glob: an unclosed '[' or '{', an empty '[]', or a '\\' at the end "
           "(escape a literal '[' as '\\[')";
  return NULL;
}

/* A function's `exclude`: each pattern is checked where it is written. */
static void rule_exclude(Compilation *c, const FieldSpec *f, const Value *list, Span span) {
  for (uint32_t i = 0; i < list->n; i++) {
    const Value *item = list->items[i];
    Span at = item ? item->origin : span;
    const char *pattern = item ? need_literal(c, f, item, at) : NULL;
    const char *why = pattern ? exclude_problem(pattern) : NULL;
    if (why) diag_error(&c->diag, at, "invalid exclude pattern '%s': %s", pattern, why);
  }
}

/* ---- environment ------------------------------------------------------- */

/* Names Lambda sets itself and refuses in a function's configuration. */
static const char *const reserved_env[] = {
  "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_DEFAULT_REGION",
  "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_LAMBDA_RUNTIME_API", "AWS_REGION", "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN", "LAMBDA_RUNTIME_DIR", "LAMBDA_TASK_ROOT", NULL};

/* Lambda: variable names [a-zA-Z][a-zA-Z0-9_]*, no reserved names, and at
 * most 4 KB for all names and values together. */
static void rule_env(Compilation *c, const Value *env, Span span) {
  size_t total = 0;
  for (uint32_t i = 0; i < env->n; i++) {
    const char *k = env->keys[i];
    Span at = env->key_origins ? env->key_origins[i] : span;
    if (!isalpha((unsigned char)k[0]) || !k[1] || !all_chars(k, "_"))
      diag_error(&c->diag, at, "environment variable name '%s' must have at least 2 characters, start with "
                 "a letter and contain only letters, digits and '_'", k);
    for (const char *const *r = reserved_env; *r; r++)
      if (str_eq(*r, k)) diag_error(&c->diag, at, "environment variable '%s' is reserved by Lambda", k);
    total += strlen(k) + (env->items[i] ? ir_value_max_len(env->items[i]) : 0);
  }
  if (total > 4096)
    diag_error(&c->diag, span, "environment variables take up to %zu bytes, over Lambda's 4 KB limit "
               "(references count at their longest possible length)", total);
}

/* ---- logs, buckets, tables ---------------------------------------------- */

static const int retention_days[] = {1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
                                     731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};

const int *log_retention_days(size_t *n) {
  *n = sizeof retention_days / sizeof retention_days[0];
  return retention_days;
}

static void rule_log_retention(Compilation *c, const Value *v, Span span) {
  int64_t days = v->i / MS_PER_DAY;
  size_t n;
  const int *ok = log_retention_days(&n);
  for (size_t i = 0; i < n; i++)
    if (ok[i] == days) return;
  int64_t below = 0, above = 0;
  for (size_t i = 0; i < n; i++) {
    if (ok[i] < days) below = ok[i];
    if (ok[i] > days && !above) above = ok[i];
  }
  Diag *d = diag_error(&c->diag, span, "log retention of %lld days is not one CloudWatch Logs allows",
                       (long long)days);
  if (below && above)
    diag_note(&c->diag, d, span, "the nearest allowed values are %lldd and %lldd", (long long)below,
              (long long)above);
}

const char *bucket_name_problem(const char *name) {
  static const char *const bad_prefixes[] = {"xn--", "sthree-", "amzn-s3-demo-", NULL};
  static const char *const bad_suffixes[] = {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3", NULL};
  size_t n = strlen(name);
  if (n < 3 || n > 63) return "a bucket name has 3 to 63 characters";
  if (!all_chars(name, ".-")) return "a bucket name may contain only lowercase letters, digits, '.' and '-'";
  for (const char *p = name; *p; p++)
    if (isupper((unsigned char)*p)) return "a bucket name may contain only lowercase letters, digits, '.' and '-'";
  if (!isalnum((unsigned char)name[0]) || !isalnum((unsigned char)name[n - 1]))
    return "a bucket name must begin and end with a letter or digit";
  if (strstr(name, "..")) return "a bucket name cannot contain two adjacent periods";
  int dots = 0, digits_only = 1;
  for (const char *p = name; *p; p++) {
    if (*p == '.') dots++;
    else if (!isdigit((unsigned char)*p)) digits_only = 0;
  }
  if (dots == 3 && digits_only) return "a bucket name cannot look like an IP address";
  for (const char *const *p = bad_prefixes; *p; p++)
    if (str_has_prefix(name, *p)) return "a bucket name cannot start with a prefix S3 reserves (xn--, sthree-, amzn-s3-demo-)";
  for (const char *const *s = bad_suffixes; *s; s++)
    if (str_has_suffix(name, *s)) return "a bucket name cannot end with a suffix S3 reserves (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)";
  return NULL;
}

/* DynamoDB: attribute names 1-255 bytes; index names 3-255 of [a-zA-Z0-9_.-]. */
static void rule_ddb_name(Compilation *c, const FieldSpec *f, const char *s, Span span) {
  size_t n = strlen(s);
  bool index = str_eq(f->name, "name");
  if (index && (n < 3 || n > 255 || !all_chars(s, "_.-")))
    diag_error(&c->diag, span, "an index name has 3 to 255 characters: letters, digits, '_', '.' and '-'");
  else if (!index && (n < 1 || n > 255))
    diag_error(&c->diag, span, "an attribute name has 1 to 255 bytes");
}

/* ---- stack-level ------------------------------------------------------ */

static const char *const known_regions[] = {
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-east-2",
  "ap-south-1", "ap-south-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
  "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
  "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2",
  "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1", "il-central-1",
  "me-south-1", "me-central-1", "mx-central-1", "sa-east-1", "us-gov-east-1", "us-gov-west-1",
  "cn-north-1", "cn-northwest-1", NULL};

static void rule_region(Compilation *c, const char *region, Span span) {
  size_t n = 0;
  while (known_regions[n]) n++;
  for (size_t i = 0; i < n; i++)
    if (str_eq(known_regions[i], region)) return;
  const char *guess = did_you_mean(region, known_regions, n);
  diag_error(&c->diag, span, "unknown AWS region '%s'%s", region, did_you_mean_text(&c->arena, guess));
}

/* Physical names are "<prefix>-<name>": the prefix may use only characters
 * every service accepts in a name, and a parameter in it must list its
 * allowed values so the names can be checked now. */
static void rule_name_prefix(Compilation *c, const Value *v, Span span) {
  Value *const *parts = v->kind == V_JOIN ? v->items : (Value *const *)&v;
  uint32_t n = v->kind == V_JOIN ? v->n : 1;
  for (uint32_t i = 0; i < n; i++) {
    const Value *p = parts[i];
    if (p->kind == V_STR && !all_chars(p->s, "-"))
      diag_error(&c->diag, p->origin, "name_prefix may contain only letters, digits and '-'");
    else if (p->kind == V_PARAM && !p->param->allowed)
      diag_error(&c->diag, p->origin, "parameter '%s' in name_prefix needs 'allowed' values, so that "
                 "physical names can be checked", p->param->name);
    else if (p->kind == V_PARAM)
      for (uint32_t j = 0; j < p->param->allowed->n; j++) {
        const char *s = ir_literal(p->param->allowed->items[j]);
        if (s && !all_chars(s, "-"))
          diag_error(&c->diag, p->param->allowed->items[j]->origin,
                     "'%s' may be used in name_prefix, which allows only letters, digits and '-'", s);
      }
    else if (p->kind != V_STR)
      diag_error(&c->diag, p->origin, "name_prefix may use only text and parameters");
  }
  (void)span;
}

/* AWS tag keys and values: Unicode letters, digits, spaces and _ . : / = + - @
 * (non-ASCII bytes are taken as letters). */
static bool tag_chars_ok(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s < 0x80 && !isalnum((unsigned char)*s) && !strchr(" _.:/=+-@", *s)) return false;
  return true;
}

/* Tags: at most 50; keys 1-128 characters not starting with "aws:"; values up to 256. */
static void rule_tags(Compilation *c, const Value *tags, Span span) {
  if (tags->n > 50) diag_error(&c->diag, span, "at most 50 tags, got %u", tags->n);
  for (uint32_t i = 0; i < tags->n; i++) {
    size_t klen = strlen(tags->keys[i]);
    Span at = tags->key_origins ? tags->key_origins[i] : span;
    if (klen == 0 || klen > 128)
      diag_error(&c->diag, at, "a tag key has 1 to 128 characters, got %zu", klen);
    if (!tag_chars_ok(tags->keys[i]))
      diag_error(&c->diag, at, "tag key '%s' may contain only letters, digits, spaces and _ . : / = + - @",
                 tags->keys[i]);
    const char *value = ir_literal(tags->items[i]);
    if (value && !tag_chars_ok(value))
      diag_error(&c->diag, tags->items[i]->origin,
                 "tag value may contain only letters, digits, spaces and _ . : / = + - @");
    if (str_has_prefix(tags->keys[i], "aws:"))
      diag_error(&c->diag, at, "tag key '%s' starts with 'aws:', which AWS reserves", tags->keys[i]);
    if (tags->items[i] && ir_value_max_len(tags->items[i]) > 256)
      diag_error(&c->diag, tags->items[i]->origin, "the value of tag '%s' can be longer than 256 characters",
                 tags->keys[i]);
  }
}

/* An EC2 id: PREFIX then 8 or 17 lowercase hex digits (subnet-0123abcd,
 * sg-0123456789abcdef0), the two forms EC2 has issued. */
static bool ec2_id_ok(const char *s, const char *prefix) {
  if (!str_has_prefix(s, prefix)) return false;
  size_t n = 0;
  for (const char *p = s + strlen(prefix); *p; p++, n++)
    if (!isdigit((unsigned char)*p) && !(*p >= 'a' && *p <= 'f')) return false;
  return n == 8 || n == 17;
}

/* One list of a vpc record: literal ids in form and at most `max`, or a list parameter. */
static void rule_vpc_ids(Compilation *c, const Value *ids, const char *what, const char *one, const char *prefix,
                         uint32_t max) {
  if (ids && ids->kind == V_PARAM) ids = ids->param->def;   /* a parameter's default is checked; its value, at deploy */
  if (!ids) return;   /* missing: reported as required */
  if (ids->n == 0) diag_error(&c->diag, ids->origin, "a vpc needs at least one of its %s", what);
  if (ids->n > max)
    diag_error(&c->diag, ids->origin, "Lambda takes at most %u %s, got %u", max, what, ids->n);
  for (uint32_t i = 0; i < ids->n; i++) {
    const Value *id = ids->items[i];
    if (id->kind != V_STR) {
      diag_error(&c->diag, id->origin, "%s are literal ids (%s...) or one list parameter for the whole list", what,
                 prefix);
    } else if (!ec2_id_ok(id->s, prefix)) {
      diag_error(&c->diag, id->origin, "'%s' is not a %s id: expected '%s' and 8 or 17 hex digits", id->s, one,
                 prefix);
    }
    for (uint32_t j = 0; j < i; j++)
      if (id->kind == V_STR && ids->items[j]->kind == V_STR && str_eq(ids->items[j]->s, id->s))
        diag_error(&c->diag, id->origin, "'%s' is listed twice", id->s);
  }
}

static void rule_vpc(Compilation *c, const Value *vpc) {
  rule_vpc_ids(c, ir_map_get(vpc, vpc_fields[VPC_SUBNETS].name), "subnets", "subnet", "subnet-", VPC_MAX_SUBNETS);
  rule_vpc_ids(c, ir_map_get(vpc, vpc_fields[VPC_SECURITY_GROUPS].name), "security groups", "security group", "sg-",
               VPC_MAX_SECURITY_GROUPS);
}

/* ---- dispatch ----------------------------------------------------------- */

static void rule_on_literal(Compilation *c, const FieldSpec *f, const Value *v, Span span,
                            const RuleContext *ctx) {
  const char *s = need_literal(c, f, v, span);
  if (!s) return;
  const char *why;
  switch (f->rule) {
  case RULE_RUNTIME: rule_runtime(c, s, span); break;
  case RULE_HANDLER: rule_handler(c, s, span); break;
  case RULE_CODE_DIR: rule_code_dir(c, s, span, ctx); break;
  case RULE_BUCKET_NAME:
    if ((why = bucket_name_problem(s))) diag_error(&c->diag, span, "invalid bucket name '%s': %s", s, why);
    break;
  case RULE_ATTR_NAME: rule_ddb_name(c, f, s, span); break;
  case RULE_REGION: rule_region(c, s, span); break;
  case RULE_CERTIFICATE:
    /* CloudFront uses certificates from ACM in us-east-1 only. */
    if (!str_has_prefix(s, "arn:aws:acm:us-east-1:") || !strstr(s, ":certificate/"))
      diag_error(&c->diag, span, "a CloudFront certificate is an ACM certificate ARN in us-east-1 "
                 "(arn:aws:acm:us-east-1:ACCOUNT:certificate/ID)");
    break;
  case RULE_PATH_PREFIX:
    if (s[0] == '/') diag_error(&c->diag, span, "an S3 key prefix does not start with '/'");
    /* Firehose expressions (!{timestamp:...}) need an error prefix, which
     * stackc does not write yet. */
    if (strstr(s, "!{"))
      diag_error(&c->diag, span, "firehose prefix expressions (!{...}) are not supported yet; use a fixed prefix");
    break;
  case RULE_OBJECT_KEY:
    if (s[0] == '/') diag_error(&c->diag, span, "default_root is an object key: it does not start with '/'");
    break;
  default: break;
  }
}

void rules_check_attr(Compilation *c, const FieldSpec *f, Value *v, Span span,
                      const RuleContext *ctx) {
  /* A parameter of a component checked on its own: its instances' values
   * are checked. Env and tags still have their keys checked. */
  if (f->rule != RULE_ENV && f->rule != RULE_TAGS && ir_has_abstract(v)) return;
  switch (f->rule) {
  case RULE_NONE: case RULE_INDEXES: break;   /* indexes: rules_check_program, once the key is known */
  case RULE_ENV: rule_env(c, v, span); break;
  case RULE_EXCLUDE: rule_exclude(c, f, v, span); break;
  case RULE_LOG_RETENTION: rule_log_retention(c, v, span); break;
  case RULE_NAME_PREFIX: rule_name_prefix(c, v, span); break;
  case RULE_TAGS: rule_tags(c, v, span); break;
  case RULE_VPC: rule_vpc(c, v); break;
  case RULE_ALARM_PERIOD:
    /* CloudWatch: 10 s, 30 s (high resolution) or a multiple of 60 s; the
     * Lambda and SQS metrics are published once a minute, so a shorter
     * period mostly sees no data and the alarm would not fire. */
    if (v->i != 10000 && v->i != 30000 && v->i % MS_PER_MINUTE != 0)
      diag_error(&c->diag, span, "an alarm period is 10s, 30s or a multiple of 1m");
    else if (v->i < MS_PER_MINUTE)
      diag_warning(&c->diag, span, "Lambda and SQS publish these metrics once a minute: an alarm with a "
                   "period under 1m mostly sees no data and may never fire");
    break;
  default: rule_on_literal(c, f, v, span, ctx); break;
  }
}

/* ---- program rules ---------------------------------------------------------- */

/* DynamoDB: provisioned tables need both capacities, on-demand tables take
 * none; an attribute used by the table key and an index key has one type;
 * index names are unique; at most 20 global secondary indexes. */
static void rule_table(Compilation *c, const IrRes *t) {
  const Value *billing = t->attrs[TB_BILLING], *key = t->attrs[TB_KEY];
  bool provisioned = billing && str_eq(billing->s, "provisioned");
  static const struct { int attr; const char *name; } caps[] = {{TB_READ, "read"}, {TB_WRITE, "write"}};
  for (size_t i = 0; billing && i < 2; i++) {   /* no billing: its error is reported already */
    const Value *cap = t->attrs[caps[i].attr];
    if (provisioned && !cap)
      diag_error(&c->diag, billing->origin, "table '%s' uses provisioned billing and needs '%s' capacity",
                 t->name, caps[i].name);
    if (!provisioned && cap)
      diag_error(&c->diag, cap->origin, "'%s' capacity is set only for 'billing = provisioned' tables",
                 caps[i].name);
  }
  const Value *indexes = t->attrs[TB_INDEXES];
  if (!indexes || !key) return;
  if (indexes->n > 20) diag_error(&c->diag, indexes->origin, "a table has at most 20 global secondary indexes");
  for (uint32_t i = 0; i < indexes->n; i++) {
    const Value *ix = indexes->items[i], *ikey = ir_map_get(ix, "key");
    const Value *iname = ir_map_get(ix, "name");
    for (uint32_t j = 0; j < i; j++)
      if (str_eq(ir_map_get(indexes->items[j], "name")->s, iname->s))
        diag_error(&c->diag, iname->origin, "index '%s' is declared twice", iname->s);
    for (uint32_t k = 0; ikey && k < ikey->n; k++) {
      const Value *tk = ir_map_get(key, ikey->keys[k]);
      if (tk && !str_eq(tk->s, ikey->items[k]->s))
        diag_error(&c->diag, ikey->items[k]->origin, "attribute '%s' is a %s in the table key but a %s here",
                   ikey->keys[k], tk->s, ikey->items[k]->s);
    }
  }
}

/* Two filters overlap when one prefix starts the other (or either is
 * absent) and one suffix ends the other (or either is absent). */
static bool affix_overlap(const char *a, const char *b, bool suffix) {
  if (!a || !b) return true;
  return suffix ? str_has_suffix(a, b) || str_has_suffix(b, a) : str_has_prefix(a, b) || str_has_prefix(b, a);
}

/* S3 rejects a notification configuration where two rules for the same
 * event type have overlapping filters ("Configurations overlap"). */
void rules_bucket(Compilation *c, const IrRes *bucket) {
  for (uint32_t i = 0; i < bucket->triggers.n; i++) {
    const IrTrigger *t = bucket->triggers.items[i];
    for (uint32_t j = 0; j < i; j++) {
      const IrTrigger *u = bucket->triggers.items[j];
      if (t->event != u->event || !affix_overlap(trig_str(t, ARG_PREFIX), trig_str(u, ARG_PREFIX), false) ||
          !affix_overlap(trig_str(t, ARG_SUFFIX), trig_str(u, ARG_SUFFIX), true))
        continue;
      Diag *d = t->fn == u->fn && t->origin.lo == u->origin.lo
          ? diag_error(&c->diag, t->origin, "function '%s' is listed twice", t->fn->name)
          : diag_error(&c->diag, t->origin, "S3 notifications on bucket '%s' overlap: both run on '%s' "
                       "for keys that match both filters", bucket->name, event_names[t->event]);
      diag_note(&c->diag, d, u->origin, "the other notification is here");
      break;
    }
  }
}

/* A stream, queue or topic feeding the same function twice would deliver
 * each record twice (and Lambda refuses a second identical mapping):
 * reported as a duplicate trigger. */
void rules_duplicate_trigger(Compilation *c, const IrRes *source) {
  for (uint32_t i = 0; i < source->triggers.n; i++) {
    const IrTrigger *t = source->triggers.items[i];
    for (uint32_t j = 0; j < i; j++) {
      const IrTrigger *u = source->triggers.items[j];
      if (u->fn != t->fn) continue;
      Diag *d = diag_error(&c->diag, t->origin, "%s '%s' already triggers function '%s'", source->spec->name,
                           source->name, t->fn->name);
      diag_note(&c->diag, d, u->origin, "first trigger here");
      break;
    }
  }
}

/* A queue's triggers, and `q.dead_letter` only where `retries` makes one. */
void rules_queue(Compilation *c, const IrRes *queue) {
  rules_duplicate_trigger(c, queue);
  if (queue->dead_letter && !ir_attr_given(queue, QU_RETRIES)) {
    Diag *d = diag_error(&c->diag, queue->dead_letter_use, "queue '%s' has no dead-letter queue: set 'retries' "
                         "(the receives before a message moves there) to give it one", queue->name);
    diag_note(&c->diag, d, queue->origin, "queue '%s' declared here", queue->name);
  }
}

/* Firehose: a transform function may run at most 5 minutes. */
void rules_firehose(Compilation *c, const IrRes *fh) {
  const Value *tr = fh->attrs[FH_TRANSFORM];
  if (!tr) return;
  const Value *timeout = tr->res->attrs ? tr->res->attrs[FN_TIMEOUT] : NULL;
  if (timeout && timeout->i > 300000) {
    Diag *d = diag_error(&c->diag, tr->origin, "function '%s' transforms records for firehose '%s', so its "
                         "timeout may be at most 5m", tr->res->name, fh->name);
    diag_note(&c->diag, d, timeout->origin, "timeout set here");
  }
}

/* A cdn route pattern: "/", one segment of letters, digits, '-', '_' or
 * '.', then "/" and "*" (the API's stage is named after the segment, see
 * plan.c). */
static bool cdn_pattern_ok(const char *pat) {
  size_t n = strlen(pat);
  return n >= 4 && pat[0] == '/' && str_has_suffix(pat, "/*") && all_chars_n(pat + 1, n - 3, "-_.");
}

/* CloudFront: something to serve; route patterns as above; aliases need a
 * certificate; an origin bucket stays private (origin access control
 * reads it). */
void rules_cdn(Compilation *c, const IrRes *cdn) {
  const Value *origin = cdn->attrs[CD_ORIGIN], *routes = cdn->attrs[CD_ROUTES];
  if (!origin && (!routes || routes->n == 0))
    diag_error(&c->diag, cdn->origin, "cdn '%s' needs an 'origin' bucket or 'routes' to serve", cdn->name);
  for (uint32_t i = 0; routes && i < routes->n; i++) {
    const char *pat = routes->keys[i];
    if (!cdn_pattern_ok(pat))
      diag_error(&c->diag, routes->key_origins ? routes->key_origins[i] : routes->origin,
                 "a cdn route is written \"/PREFIX/*\" with one path segment, got \"%s\"", pat);
  }
  if (cdn->attrs[CD_ALIASES] && cdn->attrs[CD_ALIASES]->n > 0 && !ir_attr_given(cdn, CD_CERTIFICATE))
    diag_error(&c->diag, cdn->attrs[CD_ALIASES]->origin, "aliases need a 'certificate' (an ACM certificate "
               "in us-east-1 covering them)");
  const Value *pub = origin && origin->res->attrs ? origin->res->attrs[BK_PUBLIC] : NULL;
  if (pub && pub->b) {
    Diag *d = diag_error(&c->diag, origin->origin, "bucket '%s' is public; a cdn origin stays private and is "
                         "read through origin access control", origin->res->name);
    diag_note(&c->diag, d, pub->origin, "made public here");
  }
}

/* API Gateway stage names: letters, digits, '-' and '_' (or "$default"). */
void rules_api(Compilation *c, const IrRes *api) {
  const Value *stage = api->attrs[AP_STAGE];
  const char *s = ir_literal(stage);
  if (stage && !s)
    diag_error(&c->diag, stage->origin, "an api's stage must be a literal string");
  else if (s && !str_eq(s, "$default") && !all_chars(s, "-_"))
    diag_error(&c->diag, stage->origin, "a stage name uses letters, digits, '-' and '_' (or is \"$default\")");
}

/* CloudWatch alarms publish without a message group, so a FIFO topic
 * cannot receive them. */
/* ---- asynchronous invocations ----------------------------------------------- */

/* Lambda invokes a function asynchronously for S3, SNS and EventBridge
 * (schedules and buses); pollers and HTTP APIs invoke it synchronously. */
static bool invoked_async(const IrRes *fn) {
  for (uint32_t i = 0; i < fn->triggers.n; i++) {
    const IrTrigger *t = fn->triggers.items[i];
    switch (t->kind) {
    case TRIG_BUCKET: case TRIG_TOPIC: case TRIG_SCHEDULE: case TRIG_BUS: return true;
    case TRIG_TABLE_STREAM: case TRIG_QUEUE: case TRIG_KINESIS: case TRIG_HTTP: break;
    }
  }
  return false;
}

/* The asynchronous-invocation attributes (on_failure, on_success,
 * async_retries, max_event_age): a warning when no trigger invokes the
 * function asynchronously (they would never apply); a FIFO queue
 * destination is an error (Lambda refuses it). */
void rules_function(Compilation *c, const IrRes *fn) {
  static const uint32_t async_attrs[] = {FN_ON_FAILURE, FN_ON_SUCCESS, FN_ASYNC_RETRIES, FN_MAX_EVENT_AGE};
  if (fn->abstract) return;   /* a component checked on its own: each instance's triggers are checked */
  const Value *first = NULL;
  for (size_t i = 0; i < sizeof async_attrs / sizeof async_attrs[0]; i++) {
    const Value *v = fn->attrs[async_attrs[i]];
    if (!first) first = v;
    /* a dead-letter queue is FIFO when its queue is */
    const IrRes *q = v && v->kind == V_REF && v->res->kind == RES_QUEUE ? v->res : NULL;
    if (q && q->dead_letter_of) q = q->dead_letter_of;
    const Value *fifo = q && q->attrs ? q->attrs[QU_FIFO] : NULL;
    if (fifo && fifo->b) {
      Diag *d = diag_error(&c->diag, v->origin, "FIFO queue '%s' cannot be a destination of function '%s': "
                           "Lambda sends to standard queues only", v->res->name, fn->name);
      diag_note(&c->diag, d, fifo->origin, "made FIFO here");
    }
  }
  if (first && !invoked_async(fn))
    diag_warning(&c->diag, first->origin, "nothing invokes function '%s' asynchronously (a bucket, topic, "
                 "schedule or bus trigger), so its asynchronous settings never apply", fn->name);
}

void rules_alarm(Compilation *c, const IrRes *alarm) {
  const Value *notify = alarm->attrs[AL_NOTIFY];
  const Value *fifo = notify && notify->res->attrs ? notify->res->attrs[TP_FIFO] : NULL;
  if (fifo && fifo->b) {
    Diag *d = diag_error(&c->diag, notify->origin, "alarm '%s' cannot notify FIFO topic '%s': CloudWatch "
                         "publishes without a message group", alarm->name, notify->res->name);
    diag_note(&c->diag, d, fifo->origin, "made FIFO here");
  }
}

/* ---- dependency cycles ------------------------------------------------------ */

typedef enum Mark { MARK_NONE, MARK_ACTIVE, MARK_DONE } Mark;

typedef struct CycleSearch {
  Compilation *c;
  const IrProgram *ir;
  Mark *mark;            /* per resource index */
  const IrRes **path;    /* resources on the current DFS path */
  uint32_t depth;
  bool reported;
} CycleSearch;

static void visit_res(CycleSearch *cs, const IrRes *r);

/* Follows every reference inside a value. A reference whose value the
 * template spells out (ir_ref_known) is not an edge, nor is a whole bucket
 * or function, or a function's metric, when its name is known: firehoses,
 * distributions and alarms write its known name, ARN or domain. */
static bool is_edge(CycleSearch *cs, const Value *v) {
  if (v->kind != V_REF || ir_ref_known(cs->c, v)) return false;
  bool known_name = v->res->physical_name && (v->res->kind == RES_BUCKET || v->res->kind == RES_FUNCTION);
  bool whole_or_metric = v->ref == REF_SELF || v->ref == REF_ERRORS || v->ref == REF_THROTTLES ||
                         v->ref == REF_DURATION;
  return !(known_name && whole_or_metric);   /* written with the known name or ARN */
}

static void visit_value(CycleSearch *cs, const Value *v) {
  if (!v || cs->reported) return;
  if (is_edge(cs, v)) visit_res(cs, v->res);
  for (uint32_t i = 0; (v->kind == V_LIST || v->kind == V_MAP || v->kind == V_JOIN) && i < v->n; i++)
    visit_value(cs, v->items[i]);
}

static void report_cycle(CycleSearch *cs, const IrRes *r) {
  StrBuf path = {0};
  uint32_t start = 0;
  while (start < cs->depth && cs->path[start] != r) start++;
  for (uint32_t i = start; i < cs->depth; i++) sb_printf(&path, "%s -> ", cs->path[i]->name);
  sb_puts(&path, r->name);
  diag_error(&cs->c->diag, r->origin, "dependency cycle: %s", path.data);
  sb_free(&path);
  cs->reported = true;
}

static void visit_res(CycleSearch *cs, const IrRes *r) {
  uint32_t i = r->index;
  if (cs->mark[i] == MARK_DONE || cs->reported) return;
  if (cs->mark[i] == MARK_ACTIVE) {
    report_cycle(cs, r);
    return;
  }
  cs->mark[i] = MARK_ACTIVE;
  cs->path[cs->depth++] = r;
  for (uint32_t a = 0; a < r->spec->nattrs; a++) visit_value(cs, r->attrs[a]);
  for (uint32_t t = 0; r->kind == RES_BUCKET && t < r->triggers.n && !cs->reported; t++)
    visit_res(cs, ((const IrTrigger *)r->triggers.items[t])->fn);   /* its notifications name them */
  cs->depth--;
  cs->mark[i] = MARK_DONE;
}

void rules_check_cycles(Compilation *c, const IrProgram *ir) {
  CycleSearch cs = {c, ir, NULL, NULL, 0, false};
  uint32_t n = ir->resources.n ? ir->resources.n : 1;
  cs.mark = arena_alloc(&c->arena, n * sizeof *cs.mark);
  cs.path = arena_alloc(&c->arena, n * sizeof *cs.path);
  for (uint32_t i = 0; i < ir->resources.n && !cs.reported; i++) visit_res(&cs, ir->resources.items[i]);
}

void rules_table(Compilation *c, const IrRes *table) {
  rule_table(c, table);
  rules_duplicate_trigger(c, table);
}

void rules_check_program(Compilation *c, IrProgram *ir) {
  for (uint32_t i = 0; i < ir->resources.n; i++) {
    const IrRes *r = ir->resources.items[i];
    const CheckKind *ck = &check_kinds[r->kind];
    if (ck->rules) ck->rules(c, r);
    else if (!ck->no_rules)
      diag_internal_error(&c->diag, r->origin, "check_kinds[%s] has no rules and no reason", r->spec->name);
  }
}
