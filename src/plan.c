/* plan.c — deriving what both backends need from the checked program.
 *
 * Pipeline position: check → [plan] → backend_cfn / backend_tf.
 *
 * Physical names, the S3 key of each function's code, per-function IAM
 * statements (exact actions on exact resources: see grant_rows below, the
 * one table of actions, documented in docs/language.md), invoke
 * permissions for push sources, event source mappings for pollers, and the
 * notifications of each bucket. Every logical ID and Terraform name an
 * output will hold is claimed here, so collisions are reported before any
 * backend runs.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "plan.h"

#include <stdlib.h>
#include <string.h>

#include "check_rules.h"
#include "compile.h"
#include "names.h"
#include "sha256.h"
#include "zip.h"

/* Longest region name and account ID, for the length of derived bucket names. */
#define REGION_MAX_LEN 14
#define ACCOUNT_LEN 12

typedef struct Planner {
  Compilation *c;
  IrProgram *ir;
  Plan *plan;
  NameRegistry names;
} Planner;

/* ---- the grant table ---------------------------------------------------- */

/* Which ARN of the target a row's actions apply to. */
typedef enum Scope {
  SCOPE_BUCKET,        /* the bucket ARN: listing */
  SCOPE_OBJECTS,       /* the objects: the bucket ARN followed by "/" and any key */
  SCOPE_TABLE,         /* the table ARN */
  SCOPE_TABLE_INDEXES, /* the table ARN and the ARNs of its indexes ("/index/" + any) */
} Scope;

typedef struct GrantRow {
  ResKind kind;
  Access access;
  Scope scope;
  const char *sid_suffix;      /* "Objects", "Bucket", "Items" */
  const char *actions[12];      /* sorted, NULL-terminated */
} GrantRow;

static const GrantRow grant_rows[] = {
  {RES_BUCKET, ACC_READ, SCOPE_OBJECTS, "Objects", {"s3:GetObject"}},
  {RES_BUCKET, ACC_READ, SCOPE_BUCKET, "Bucket", {"s3:ListBucket"}},
  {RES_BUCKET, ACC_WRITE, SCOPE_OBJECTS, "Objects", {"s3:AbortMultipartUpload", "s3:PutObject"}},
  {RES_BUCKET, ACC_READ_WRITE, SCOPE_OBJECTS, "Objects",
   {"s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"}},
  {RES_BUCKET, ACC_READ_WRITE, SCOPE_BUCKET, "Bucket", {"s3:ListBucket"}},
  {RES_BUCKET, ACC_DELETE, SCOPE_OBJECTS, "Objects", {"s3:DeleteObject"}},
  {RES_TABLE, ACC_READ, SCOPE_TABLE_INDEXES, "Items",
   {"dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable",
    "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"}},
  {RES_TABLE, ACC_WRITE, SCOPE_TABLE, "Items",
   {"dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable",
    "dynamodb:PutItem", "dynamodb:UpdateItem"}},
  {RES_TABLE, ACC_READ_WRITE, SCOPE_TABLE_INDEXES, "Items",
   {"dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
    "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query",
    "dynamodb:Scan", "dynamodb:UpdateItem"}},
  {RES_TABLE, ACC_DELETE, SCOPE_TABLE, "Items", {"dynamodb:BatchWriteItem", "dynamodb:DeleteItem"}},
};
#define NGRANT_ROWS (sizeof grant_rows / sizeof grant_rows[0])

/* Trigger needs: a DynamoDB stream poller reads exactly its table's stream;
 * ListStreams takes no stream ARN, so it is scoped to the table's "/stream/" ARNs. */
static const char *const stream_read_actions[] = {
  "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", NULL};
static const char *const stream_list_actions[] = {"dynamodb:ListStreams", NULL};
static const char *const log_actions[] = {"logs:CreateLogStream", "logs:PutLogEvents", NULL};

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char *const *plan_grant_actions(ResKind kind, Access access) {
  /* The union over the rows of (kind, access), sorted: built once, kept. */
  static const char *cache[RES_KIND_COUNT][ACC_COUNT][24];
  static bool built[RES_KIND_COUNT][ACC_COUNT];
  const char **out = cache[kind][access];
  if (built[kind][access]) return out;
  size_t n = 0;
  for (size_t r = 0; r < NGRANT_ROWS; r++) {
    if (grant_rows[r].kind != kind || grant_rows[r].access != access) continue;
    for (const char *const *a = grant_rows[r].actions; *a; a++) {
      bool seen = false;
      for (size_t i = 0; i < n; i++) seen = seen || strcmp(out[i], *a) == 0;
      if (!seen && n < 23) out[n++] = *a;
    }
  }
  qsort(out, n, sizeof *out, cmp_str);
  out[n] = NULL;
  built[kind][access] = true;
  return out;
}

/* ---- values ------------------------------------------------------------- */

static Value *lit(Planner *p, const char *s) { return ir_str(p->c, s, (Span){0, 0, 0}); }

static Value *join(Planner *p, Value **parts, uint32_t n) {
  return ir_join(p->c, parts, n, (Span){0, 0, 0});
}

/* arn:PARTITION:SERVICE:REGION:ACCOUNT:REST (region/account may be empty for S3). */
static Value *arn(Planner *p, const char *service, bool regional, Value *rest) {
  Value *parts[] = {
    lit(p, "arn:"), ir_pseudo(p->c, PSEUDO_PARTITION), lit(p, arena_printf(&p->c->arena, ":%s:", service)),
    regional ? ir_pseudo(p->c, PSEUDO_REGION) : lit(p, ""), lit(p, ":"),
    regional ? ir_pseudo(p->c, PSEUDO_ACCOUNT) : lit(p, ""), lit(p, ":"), rest};
  return join(p, parts, sizeof parts / sizeof parts[0]);
}

static Value *suffixed(Planner *p, const Value *base, const char *suffix) {
  Value *parts[] = {(Value *)base, lit(p, suffix)};
  return join(p, parts, 2);
}

/* ---- physical names ------------------------------------------------------- */

static bool needs_known_name(const IrRes *bucket) {
  return bucket->triggers.n > 0 || bucket->attrs[BK_NAME];
}

static bool bucket_is_granted(const IrProgram *ir, const IrRes *bucket) {
  for (uint32_t i = 0; i < ir->resources.n; i++) {
    const IrRes *fn = ir->resources.items[i];
    for (uint32_t g = 0; g < fn->grants.n; g++)
      if (((IrGrant *)fn->grants.items[g])->target == bucket) return true;
  }
  return false;
}

/* Reports a parameter value that would put uppercase into a bucket name. */
static void check_lowercase_param(Planner *p, const IrParam *param, const IrRes *bucket) {
  for (uint32_t j = 0; param->allowed && j < param->allowed->n; j++) {
    const char *s = ir_literal(param->allowed->items[j]);
    if (!s || strcmp(s, names_kebab(p->c, s)) == 0) continue;
    Diag *d = diag_error(&p->c->diag, param->allowed->items[j]->origin,
                         "'%s' would make an invalid bucket name: S3 names are lowercase", s);
    diag_note(&p->c->diag, d, bucket->origin, "bucket '%s' takes its name from name_prefix", bucket->name);
  }
}

/* The name prefix in lowercase for S3 (a new value: the prefix itself stays
 * as written for other names). A parameter in it must only allow lowercase
 * values, since templates cannot lowercase at deploy time. */
static Value *lower_prefix(Planner *p, const IrRes *bucket) {
  Value *prefix = p->ir->name_prefix;
  Value *const *parts = prefix->kind == V_JOIN ? prefix->items : &prefix;
  uint32_t n = prefix->kind == V_JOIN ? prefix->n : 1;
  Value **lowered = arena_alloc(&p->c->arena, n * sizeof *lowered);
  for (uint32_t i = 0; i < n; i++) {
    lowered[i] = parts[i];
    if (parts[i]->kind == V_STR) lowered[i] = lit(p, names_kebab(p->c, parts[i]->s));
    if (parts[i]->kind == V_PARAM) check_lowercase_param(p, parts[i]->param, bucket);
  }
  return join(p, lowered, n);
}

/* "<prefix>-<name>-<account>-<region>", lowercase, at most 63 characters:
 * the name part is cut and given a short hash when it would not fit. */
static Value *derived_bucket_name(Planner *p, IrRes *bucket) {
  Value *prefix = lower_prefix(p, bucket);
  size_t fixed = ir_value_max_len(prefix) + 3 + ACCOUNT_LEN + REGION_MAX_LEN;
  const char *name = names_kebab(p->c, bucket->name);
  if (fixed + strlen(name) > 63) {
    if (fixed + 9 > 63) {
      diag_error(&p->c->diag, bucket->origin, "name_prefix is too long to derive a name for bucket '%s' "
                 "(S3 allows 63 characters); give the bucket a 'name'", bucket->name);
      return NULL;
    }
    uint8_t digest[32];
    char hex[65];
    sha256(bucket->name, strlen(bucket->name), digest);
    sha256_hex(digest, hex);
    size_t keep = 63 - fixed - 8;
    name = arena_printf(&p->c->arena, "%.*s-%.7s", (int)keep, name, hex);
  }
  Value *parts[] = {prefix, lit(p, "-"), lit(p, name), lit(p, "-"), ir_pseudo(p->c, PSEUDO_ACCOUNT),
                    lit(p, "-"), ir_pseudo(p->c, PSEUDO_REGION)};
  return join(p, parts, sizeof parts / sizeof parts[0]);
}

/* "<prefix>-<name>", checked against the service's length limit. */
static Value *prefixed_name(Planner *p, const IrRes *res, size_t limit) {
  Value *parts[] = {p->ir->name_prefix, lit(p, "-"), lit(p, res->name)};
  Value *v = join(p, parts, 3);
  size_t len = ir_value_max_len(v);
  if (len > limit)
    diag_error(&p->c->diag, res->origin, "the name of %s '%s' can be %zu characters, over the limit of %zu",
               res->spec->name, res->name, len, limit);
  return v;
}

static void assign_physical_names(Planner *p) {
  for (uint32_t i = 0; i < p->ir->resources.n; i++) {
    IrRes *r = p->ir->resources.items[i];
    if (r->kind == RES_FUNCTION) r->physical_name = prefixed_name(p, r, 64);
    else if (r->kind == RES_TABLE) r->physical_name = prefixed_name(p, r, 255);
    else if (r->kind == RES_BUCKET && r->attrs[BK_NAME]) r->physical_name = r->attrs[BK_NAME];
    else if (r->kind == RES_BUCKET && (needs_known_name(r) || bucket_is_granted(p->ir, r)))
      r->physical_name = derived_bucket_name(p, r);
  }
}

/* ---- code ------------------------------------------------------------------ */

/* The S3 key of a function's code is "<name>-<sha256 of its zip>.zip":
 * the zip is deterministic, so the key, and thus the template, changes
 * exactly when the code does. */
static void assign_code_key(Planner *p, IrRes *fn) {
  unsigned char *zip = NULL;
  size_t len = 0;
  char err[512];
  if (zip_directory(fn->code_path, &zip, &len, err, sizeof err) != 0) {
    diag_error(&p->c->diag, fn->attrs[FN_CODE]->origin, "cannot read code directory '%s': %s", fn->code_dir, err);
    return;
  }
  uint8_t digest[32];
  char hex[65];
  sha256(zip, len, digest);
  sha256_hex(digest, hex);
  free(zip);
  fn->code_key = arena_printf(&p->c->arena, "%s-%s.zip", fn->name, hex);
}

/* ---- IAM statements ------------------------------------------------------ */

/* `what` identifies the statement (two grants of the same access to the
 * same target make one statement); `sid` is its readable Sid, made unique
 * by statement_add when two different statements would share it. */
static PlanStatement *statement_new(Planner *p, const char *what, const char *sid,
                                    const char *const *actions) {
  PlanStatement *s = ARENA_NEW(&p->c->arena, PlanStatement);
  s->what = what;
  s->sid = sid;
  while (actions[s->nactions]) s->nactions++;
  s->actions = arena_alloc(&p->c->arena, s->nactions * sizeof *s->actions);
  memcpy(s->actions, actions, s->nactions * sizeof *s->actions);
  s->resources = arena_alloc(&p->c->arena, 2 * sizeof *s->resources);
  return s;
}

static bool sid_taken(const PlanFunction *pf, const char *sid) {
  for (uint32_t i = 0; i < pf->statements.n; i++)
    if (strcmp(((PlanStatement *)pf->statements.items[i])->sid, sid) == 0) return true;
  return false;
}

/* Adds `s` unless the function already has the same statement (the same
 * grant written twice); a Sid already used by a different statement gets a
 * number ("ReadWriteDocsObjects2"). */
static void statement_add(Planner *p, PlanFunction *pf, PlanStatement *s) {
  for (uint32_t i = 0; i < pf->statements.n; i++)
    if (strcmp(((PlanStatement *)pf->statements.items[i])->what, s->what) == 0) return;
  const char *base = s->sid;
  for (unsigned n = 2; sid_taken(pf, s->sid); n++) s->sid = arena_printf(&p->c->arena, "%s%u", base, n);
  vec_push(&p->c->arena, &pf->statements, s);
}

static Value *target_arn(Planner *p, IrRes *target) {
  Value *ref = ir_ref(p->c, target, REF_ARN, target->origin);
  const Value *known = ir_ref_known(p->c, ref);
  return known ? (Value *)known : ref;
}

static void add_grant_statements(Planner *p, PlanFunction *pf, const IrGrant *g) {
  const char *target = names_camel(p->c, g->target->name);
  const char *access = names_camel(p->c, access_names[g->access]);
  for (size_t r = 0; r < NGRANT_ROWS; r++) {
    const GrantRow *row = &grant_rows[r];
    if (row->kind != g->target->kind || row->access != g->access) continue;
    const char *what = arena_printf(&p->c->arena, "%s %s %s", access_names[g->access], g->target->name,
                                    row->sid_suffix);
    PlanStatement *s = statement_new(p, what, arena_printf(&p->c->arena, "%s%s%s", access, target, row->sid_suffix),
                                     row->actions);
    Value *base = target_arn(p, g->target);
    switch (row->scope) {
    case SCOPE_BUCKET: case SCOPE_TABLE: s->resources[s->nresources++] = base; break;
    case SCOPE_OBJECTS: s->resources[s->nresources++] = suffixed(p, base, "/*"); break;
    case SCOPE_TABLE_INDEXES:
      s->resources[s->nresources++] = base;
      s->resources[s->nresources++] = suffixed(p, base, "/index/*");
      break;
    }
    statement_add(p, pf, s);
  }
}

static void add_stream_statements(Planner *p, PlanFunction *pf, const IrTrigger *t) {
  const char *table = names_camel(p->c, t->source->name);
  const char *sid = arena_printf(&p->c->arena, "Poll%sStream", table);
  PlanStatement *read = statement_new(p, sid, sid, stream_read_actions);
  read->resources[read->nresources++] = ir_ref(p->c, t->source, REF_STREAM_ARN, t->origin);
  statement_add(p, pf, read);
  sid = arena_printf(&p->c->arena, "List%sStreams", table);
  PlanStatement *list = statement_new(p, sid, sid, stream_list_actions);
  list->resources[list->nresources++] = suffixed(p, target_arn(p, t->source), "/stream/*");
  statement_add(p, pf, list);
}

static PlanFunction *plan_one_function(Planner *p, IrRes *fn) {
  PlanFunction *pf = ARENA_NEW(&p->c->arena, PlanFunction);
  pf->fn = fn;
  pf->name = fn->physical_name;
  Value *lg[] = {lit(p, "/aws/lambda/"), fn->physical_name};
  pf->log_group_name = join(p, lg, 2);
  pf->role_cfn_id = arena_printf(&p->c->arena, "%sRole", fn->cfn_id);
  pf->log_cfn_id = arena_printf(&p->c->arena, "%sLogGroup", fn->cfn_id);
  PlanStatement *logs = statement_new(p, "logs", "WriteLogs", log_actions);
  Value *lg_arn_rest[] = {lit(p, "log-group:"), pf->log_group_name, lit(p, ":*")};
  logs->resources[logs->nresources++] = arn(p, "logs", true, join(p, lg_arn_rest, 3));
  statement_add(p, pf, logs);
  for (uint32_t i = 0; i < fn->grants.n; i++) add_grant_statements(p, pf, fn->grants.items[i]);
  for (uint32_t i = 0; i < fn->triggers.n; i++) {
    const IrTrigger *t = fn->triggers.items[i];
    if (t->kind == TRIG_TABLE_STREAM) add_stream_statements(p, pf, t);
  }
  assign_code_key(p, fn);
  return pf;
}

PlanFunction *plan_function(const Plan *plan, const IrRes *fn) {
  for (uint32_t i = 0; i < plan->functions.n; i++) {
    PlanFunction *pf = plan->functions.items[i];
    if (pf->fn == fn) return pf;
  }
  return NULL;
}

/* ---- triggers --------------------------------------------------------------- */

static PlanNotification *notification_for(Planner *p, IrRes *bucket) {
  for (uint32_t i = 0; i < p->plan->notifications.n; i++) {
    PlanNotification *n = p->plan->notifications.items[i];
    if (n->bucket == bucket) return n;
  }
  PlanNotification *n = ARENA_NEW(&p->c->arena, PlanNotification);
  n->bucket = bucket;
  vec_push(&p->c->arena, &p->plan->notifications, n);
  return n;
}

/* One permission per (function, bucket), however many events it runs on. */
static PlanPermission *bucket_permission(Planner *p, IrTrigger *t) {
  for (uint32_t i = 0; i < p->plan->permissions.n; i++) {
    PlanPermission *pp = p->plan->permissions.items[i];
    if (pp->fn == t->fn && pp->source == t->source) return NULL;
  }
  PlanPermission *pp = ARENA_NEW(&p->c->arena, PlanPermission);
  pp->fn = t->fn;
  pp->source = t->source;
  pp->principal = "s3.amazonaws.com";
  pp->source_arn = target_arn(p, t->source);
  pp->source_account = true;
  pp->cfn_id = arena_printf(&p->c->arena, "%s%sPermission", t->fn->cfn_id, t->source->cfn_id);
  pp->tf_name = arena_printf(&p->c->arena, "%s_%s", t->fn->tf_name, t->source->tf_name);
  vec_push(&p->c->arena, &p->plan->permissions, pp);
  return pp;
}

static void plan_triggers(Planner *p) {
  for (uint32_t i = 0; i < p->ir->triggers.n; i++) {
    IrTrigger *t = p->ir->triggers.items[i];
    if (t->kind == TRIG_BUCKET) {
      PlanNotification *n = notification_for(p, t->source);
      vec_push(&p->c->arena, &n->triggers, t);
      PlanPermission *pp = bucket_permission(p, t);
      if (pp) vec_push(&p->c->arena, &n->permissions, pp);
    } else {
      PlanMapping *m = ARENA_NEW(&p->c->arena, PlanMapping);
      m->trig = t;
      m->event_source_arn = ir_ref(p->c, t->source, REF_STREAM_ARN, t->origin);
      m->cfn_id = arena_printf(&p->c->arena, "%s%sMapping", t->fn->cfn_id, t->source->cfn_id);
      m->tf_name = arena_printf(&p->c->arena, "%s_%s", t->fn->tf_name, t->source->tf_name);
      vec_push(&p->c->arena, &p->plan->mappings, m);
    }
  }
}

/* ---- names and limits --------------------------------------------------------- */

static const char *describe(Planner *p, const char *what, const IrRes *r) {
  return arena_printf(&p->c->arena, "%s%s '%s'", what, r->spec->name, r->name);
}

/* Claims every name a template will hold; counts CloudFormation resources. */
static void claim_names(Planner *p) {
  Compilation *c = p->c;
  NameRegistry *reg = &p->names;
  uint32_t count = 0;
  bool has_functions = p->plan->functions.n > 0;
  for (uint32_t i = 0; i < p->ir->params.n; i++) {
    IrParam *prm = p->ir->params.items[i];
    const char *what = arena_printf(&c->arena, "parameter '%s'", prm->name);
    names_claim(c, reg, "cfn", prm->cfn_id, prm->origin, what);
  }
  if (has_functions) names_claim(c, reg, "cfn", "CodeBucket", (Span){0, 0, 0}, "the CodeBucket parameter");
  for (uint32_t i = 0; i < p->ir->resources.n; i++) {
    IrRes *r = p->ir->resources.items[i];
    names_claim(c, reg, "cfn", r->cfn_id, r->origin, describe(p, "", r));
    names_claim(c, reg, r->spec->name, r->tf_name, r->origin, describe(p, "", r));
    count++;
    if (r->kind == RES_FUNCTION) {
      PlanFunction *pf = plan_function(p->plan, r);
      names_claim(c, reg, "cfn", pf->role_cfn_id, r->origin, describe(p, "the role of ", r));
      names_claim(c, reg, "cfn", pf->log_cfn_id, r->origin, describe(p, "the log group of ", r));
      names_claim(c, reg, "aws_iam_policy_document", arena_printf(&c->arena, "%s_assume", r->tf_name),
                  r->origin, describe(p, "the trust policy of ", r));
      names_claim(c, reg, "aws_iam_policy_document", r->tf_name, r->origin, describe(p, "the policy of ", r));
      count += 2;
    }
    if (r->kind == RES_BUCKET && r->attrs[BK_PUBLIC] && r->attrs[BK_PUBLIC]->b) {
      const char *what = describe(p, "the public-read policy of ", r);
      names_claim(c, reg, "cfn", arena_printf(&c->arena, "%sPolicy", r->cfn_id), r->origin, what);
      names_claim(c, reg, "aws_iam_policy_document", arena_printf(&c->arena, "%s_public", r->tf_name),
                  r->origin, what);
      count++;
    }
  }
  for (uint32_t i = 0; i < p->plan->permissions.n; i++) {
    PlanPermission *pp = p->plan->permissions.items[i];
    const char *what = arena_printf(&c->arena, "the permission of %s '%s' to run '%s'", pp->source->spec->name,
                                    pp->source->name, pp->fn->name);
    names_claim(c, reg, "cfn", pp->cfn_id, pp->fn->origin, what);
    names_claim(c, reg, "aws_lambda_permission", pp->tf_name, pp->fn->origin, what);
    count++;
  }
  for (uint32_t i = 0; i < p->plan->mappings.n; i++) {
    PlanMapping *m = p->plan->mappings.items[i];
    const char *what = arena_printf(&c->arena, "the mapping from %s '%s' to '%s'", m->trig->source->spec->name,
                                    m->trig->source->name, m->trig->fn->name);
    names_claim(c, reg, "cfn", m->cfn_id, m->trig->origin, what);
    names_claim(c, reg, "aws_lambda_event_source_mapping", m->tf_name, m->trig->origin, what);
    count++;
  }
  p->plan->cfn_resource_count = count;
}

/* CloudFormation: at most 500 resources, 200 parameters, 200 outputs. */
static void check_limits(Planner *p) {
  if (p->plan->cfn_resource_count > 500)
    diag_error(&p->c->diag, (Span){0, 0, 0}, "the CloudFormation template would hold %u resources; the limit is 500",
               p->plan->cfn_resource_count);
  uint32_t params = p->ir->params.n + (p->plan->functions.n > 0);
  if (params > 200)
    diag_error(&p->c->diag, (Span){0, 0, 0}, "the CloudFormation template would hold %u parameters; the limit is 200",
               params);
  if (p->ir->outputs.n > 200)
    diag_error(&p->c->diag, (Span){0, 0, 0}, "the CloudFormation template would hold %u outputs; the limit is 200",
               p->ir->outputs.n);
}

Plan *plan_build(Compilation *c, IrProgram *ir) {
  Planner p = {c, ir, ARENA_NEW(&c->arena, Plan), {0}};
  unsigned before = c->diag.nerrors;
  assign_physical_names(&p);
  rules_check_cycles(c, ir);
  for (uint32_t i = 0; i < ir->resources.n; i++) {
    IrRes *r = ir->resources.items[i];
    if (r->kind == RES_FUNCTION) vec_push(&c->arena, &p.plan->functions, plan_one_function(&p, r));
  }
  plan_triggers(&p);
  claim_names(&p);
  check_limits(&p);
  return c->diag.nerrors == before ? p.plan : NULL;
}
