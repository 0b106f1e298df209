/* plan.c — deriving what both backends need from the checked program.
 *
 * Pipeline position: check → [plan] → backend_cfn / backend_tf.
 *
 * This file: physical names and the per-function IAM statements (exact
 * actions on exact resources: see grant_rows below, the one table of
 * actions, documented in docs/language.md); the S3 key of each function's
 * code is the driver's (driver.c), as only CloudFormation needs it. plan_triggers.c lowers triggers (permissions,
 * mappings, subscriptions, routes, schedules, bucket notifications);
 * plan_services.c plans queues, topics, firehoses, APIs, CDNs and alarms;
 * plan_names.c claims every logical ID and Terraform name an output will
 * hold, so collisions are reported before any backend runs.
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
#include "plan_internal.h"
#include "sha256.h"

/* Longest region name and account ID, for the length of derived bucket names. */
#define REGION_MAX_LEN 14
#define ACCOUNT_LEN 12

/* Each resource's plan entry is found by its index, in constant time, so
 * planning and the backends stay linear in the number of resources. */
#define ENTRY(T, res, KIND) \
  return (T *)((res) && (res)->kind == (KIND) && plan->entry ? plan->entry[(res)->index] : NULL)

void *plan_entry(Planner *p, const IrRes *res, void *entry) {
  p->plan->entry[res->index] = entry;
  return entry;
}

/* ---- the grant table ---------------------------------------------------- */

/* Which ARN of the target a row's actions apply to. */
typedef enum Scope {
  SCOPE_BUCKET,        /* the bucket ARN: listing */
  SCOPE_OBJECTS,       /* the objects: the bucket ARN followed by "/" and any key */
  SCOPE_TABLE,         /* the table ARN */
  SCOPE_TABLE_INDEXES, /* the table ARN and the ARNs of its indexes ("/index/" + any) */
  SCOPE_ARN,           /* the target's own ARN: topic, queue, stream, firehose, function */
} Scope;

typedef struct GrantRow {
  ResKind kind;
  Access access;
  Scope scope;
  const char *sid_suffix;      /* "Objects", "Bucket", "Items", "Queue", ... */
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
  {RES_TOPIC, ACC_PUBLISH, SCOPE_ARN, "Topic", {"sns:Publish"}},
  {RES_QUEUE, ACC_SEND, SCOPE_ARN, "Queue", {"sqs:GetQueueAttributes", "sqs:SendMessage"}},
  {RES_QUEUE, ACC_CONSUME, SCOPE_ARN, "Queue",
   {"sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"}},
  {RES_STREAM, ACC_PUT, SCOPE_ARN, "Stream",
   {"kinesis:DescribeStreamSummary", "kinesis:PutRecord", "kinesis:PutRecords"}},
  {RES_STREAM, ACC_READ, SCOPE_ARN, "Stream",
   {"kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords",
    "kinesis:GetShardIterator", "kinesis:ListShards"}},
  {RES_FIREHOSE, ACC_PUT, SCOPE_ARN, "Firehose", {"firehose:PutRecord", "firehose:PutRecordBatch"}},
  {RES_FUNCTION, ACC_INVOKE, SCOPE_ARN, "Function", {"lambda:InvokeFunction"}},
};
#define NGRANT_ROWS (sizeof grant_rows / sizeof grant_rows[0])

/* Trigger needs: a DynamoDB stream poller reads exactly its table's stream;
 * ListStreams takes no stream ARN, so it is scoped to the table's "/stream/" ARNs.
 * A queue poller needs the queue's consume actions, a Kinesis poller the
 * stream's read actions (plan_grant_actions of those rows). */
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

Value *plan_lit(Planner *p, const char *s) { return ir_str(p->c, s, NO_SPAN); }

Value *plan_join(Planner *p, Value **parts, uint32_t n) { return ir_join(p->c, parts, n, NO_SPAN); }

Value *plan_arn(Planner *p, const char *service, bool regional, Value *rest) {
  Value *parts[] = {
    plan_lit(p, "arn:"), ir_pseudo(p->c, PSEUDO_PARTITION), plan_lit(p, arena_printf(&p->c->arena, ":%s:", service)),
    regional ? ir_pseudo(p->c, PSEUDO_REGION) : plan_lit(p, ""), plan_lit(p, ":"),
    regional ? ir_pseudo(p->c, PSEUDO_ACCOUNT) : plan_lit(p, ""), plan_lit(p, ":"), rest};
  return plan_join(p, parts, sizeof parts / sizeof parts[0]);
}

Value *plan_account_arn(Planner *p, const char *service, Value *rest) {
  Value *parts[] = {plan_lit(p, "arn:"), ir_pseudo(p->c, PSEUDO_PARTITION),
                    plan_lit(p, arena_printf(&p->c->arena, ":%s::", service)), ir_pseudo(p->c, PSEUDO_ACCOUNT),
                    plan_lit(p, ":"), rest};
  return plan_join(p, parts, sizeof parts / sizeof parts[0]);
}

Value *plan_suffixed(Planner *p, const Value *base, const char *suffix) {
  Value *parts[] = {(Value *)base, plan_lit(p, suffix)};
  return plan_join(p, parts, 2);
}

Value *plan_target_arn(Planner *p, IrRes *target) {
  Value *ref = ir_ref(p->c, target, REF_ARN, target->origin);
  const Value *known = ir_ref_known(p->c, ref);
  return known ? (Value *)known : ref;
}

Value *plan_api_host(Planner *p, IrRes *api) {
  Value *parts[] = {ir_ref(p->c, api, REF_ID, api->origin), plan_lit(p, ".execute-api."),
                    ir_pseudo(p->c, PSEUDO_REGION), plan_lit(p, "."), ir_pseudo(p->c, PSEUDO_URL_SUFFIX)};
  return plan_join(p, parts, sizeof parts / sizeof parts[0]);
}

Value *plan_prefixed(Planner *p, const IrRes *res, const char *suffix, size_t limit, Span origin,
                     const char *what) {
  Value *parts[] = {p->ir->name_prefix, plan_lit(p, "-"), plan_lit(p, res->name), plan_lit(p, suffix)};
  Value *v = plan_join(p, parts, 4);
  size_t len = ir_value_max_len(v);
  if (len > limit)
    diag_error(&p->c->diag, origin, "%s can be %zu characters, over the limit of %zu", what, len, limit);
  return v;
}

const char *plan_describe(Planner *p, const char *what, const IrRes *r) {
  return arena_printf(&p->c->arena, "%s%s '%s'", what, r->spec->name, r->name);
}

/* Local shorthands. */
#define lit(p, s) plan_lit(p, s)
#define join(p, parts, n) plan_join(p, parts, n)
#define suffixed(p, base, sfx) plan_suffixed(p, base, sfx)

/* ---- physical names ------------------------------------------------------- */

static bool needs_known_name(const IrRes *bucket) {
  return bucket->triggers.n > 0 || bucket->attrs[BK_NAME];
}

/* A bucket a firehose writes or a cdn serves: the firehose role's policy
 * names its ARN, the distribution its regional domain, as known strings. */
static bool bucket_is_destination(const IrProgram *ir, const IrRes *bucket) {
  for (uint32_t i = 0; i < ir->resources.n; i++) {
    const IrRes *r = ir->resources.items[i];
    const Value *v = r->kind == RES_FIREHOSE ? r->attrs[FH_TO] : r->kind == RES_CDN ? r->attrs[CD_ORIGIN] : NULL;
    if (v && v->kind == V_REF && v->res == bucket) return true;
  }
  return false;
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
  return plan_prefixed(p, res, "", limit, res->origin,
                       arena_printf(&p->c->arena, "the name of %s '%s'", res->spec->name, res->name));
}

/* Functions and tables as before. Streams, firehoses, APIs and alarms get
 * "<prefix>-<name>" too: Terraform requires their name, and both targets
 * say the same thing. Topics and queues keep AWS-chosen names (a FIFO
 * name must end in ".fifo"; queues and topics are referenced, not named). */
static void assign_physical_names(Planner *p) {
  for (uint32_t i = 0; i < p->ir->resources.n; i++) {
    IrRes *r = p->ir->resources.items[i];
    switch (r->kind) {
    case RES_FUNCTION: r->physical_name = prefixed_name(p, r, 64); break;
    case RES_TABLE: r->physical_name = prefixed_name(p, r, 255); break;
    case RES_STREAM: r->physical_name = prefixed_name(p, r, 128); break;
    case RES_FIREHOSE: r->physical_name = prefixed_name(p, r, 64); break;
    case RES_API: r->physical_name = prefixed_name(p, r, 128); break;
    case RES_ALARM: r->physical_name = prefixed_name(p, r, 255); break;
    case RES_BUCKET:
      if (r->attrs[BK_NAME]) r->physical_name = r->attrs[BK_NAME];
      else if (needs_known_name(r) || bucket_is_granted(p->ir, r) || bucket_is_destination(p->ir, r))
        r->physical_name = derived_bucket_name(p, r);
      break;
    default: break;
    }
  }
}

/* ---- IAM statements ------------------------------------------------------ */

/* `what` identifies the statement (two grants of the same access to the
 * same target make one statement); `sid` is its readable Sid, made unique
 * by statement_add when two different statements would share it. */
PlanStatement *plan_statement_new(Planner *p, const char *what, const char *sid,
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

static bool sid_taken(const PlanRole *role, const char *sid) {
  for (uint32_t i = 0; i < role->statements.n; i++)
    if (strcmp(((PlanStatement *)role->statements.items[i])->sid, sid) == 0) return true;
  return false;
}

/* Adds `s` unless the role already has the same statement (the same
 * grant written twice, or a poller's needs equal to a grant); a Sid already used by a different statement gets a
 * number ("ReadWriteDocsObjects2"). */
void plan_statement_add(Planner *p, PlanRole *role, PlanStatement *s) {
  for (uint32_t i = 0; i < role->statements.n; i++)
    if (strcmp(((PlanStatement *)role->statements.items[i])->what, s->what) == 0) return;
  const char *base = s->sid;
  for (unsigned n = 2; sid_taken(role, s->sid); n++) s->sid = arena_printf(&p->c->arena, "%s%u", base, n);
  vec_push(&p->c->arena, &role->statements, s);
}

#define statement_new plan_statement_new
#define statement_add plan_statement_add
#define target_arn plan_target_arn

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
    case SCOPE_BUCKET: case SCOPE_TABLE: case SCOPE_ARN: s->resources[s->nresources++] = base; break;
    case SCOPE_OBJECTS: s->resources[s->nresources++] = suffixed(p, base, "/*"); break;
    case SCOPE_TABLE_INDEXES:
      s->resources[s->nresources++] = base;
      s->resources[s->nresources++] = suffixed(p, base, "/index/*");
      break;
    }
    statement_add(p, &pf->role, s);
  }
}

static void add_stream_statements(Planner *p, PlanFunction *pf, const IrTrigger *t) {
  const char *table = names_camel(p->c, t->source->name);
  const char *sid = arena_printf(&p->c->arena, "Poll%sStream", table);
  PlanStatement *read = statement_new(p, sid, sid, stream_read_actions);
  read->resources[read->nresources++] = ir_ref(p->c, t->source, REF_STREAM_ARN, t->origin);
  statement_add(p, &pf->role, read);
  sid = arena_printf(&p->c->arena, "List%sStreams", table);
  PlanStatement *list = statement_new(p, sid, sid, stream_list_actions);
  list->resources[list->nresources++] = suffixed(p, target_arn(p, t->source), "/stream/*");
  statement_add(p, &pf->role, list);
}

/* A queue or Kinesis poller: the consume (queue) or read (stream) actions on
 * exactly its source. `what` equals the grant's, so `can consume jobs` plus
 * `on jobs run f` is one statement. */
static void add_poller_statement(Planner *p, PlanFunction *pf, const IrTrigger *t) {
  bool queue = t->kind == TRIG_QUEUE;
  Access access = queue ? ACC_CONSUME : ACC_READ;
  const char *word = queue ? "Queue" : "Stream";
  const char *what = arena_printf(&p->c->arena, "%s %s %s", access_names[access], t->source->name, word);
  const char *sid = arena_printf(&p->c->arena, "Poll%s%s", names_camel(p->c, t->source->name), word);
  PlanStatement *s = statement_new(p, what, sid, plan_grant_actions(t->source->kind, access));
  s->resources[s->nresources++] = ir_ref(p->c, t->source, REF_ARN, t->origin);
  statement_add(p, &pf->role, s);
}

/* secret("NAME") in env: GetSecretValue on exactly those secrets. Secrets
 * Manager ARNs end in "-" and six random characters, which AWS documents
 * matching with "-??????" (six single-character matches, not a wildcard). */
static void add_secret_statement(Planner *p, PlanFunction *pf) {
  static const char *const actions[] = {"secretsmanager:GetSecretValue", NULL};
  const PtrVec *names = &pf->fn->secrets;
  PlanStatement *s = statement_new(p, "secrets", "ReadSecrets", actions);
  s->resources = arena_alloc(&p->c->arena, names->n * sizeof *s->resources);
  for (uint32_t i = 0; i < names->n; i++) {
    bool dup = false;
    for (uint32_t j = 0; j < i; j++) dup = dup || str_eq(names->items[j], names->items[i]);
    if (dup) continue;
    const char *rest = arena_printf(&p->c->arena, "secret:%s-??????", (const char *)names->items[i]);
    s->resources[s->nresources++] = plan_arn(p, "secretsmanager", true, lit(p, rest));
  }
  statement_add(p, &pf->role, s);
}

static PlanFunction *plan_one_function(Planner *p, IrRes *fn) {
  PlanFunction *pf = ARENA_NEW(&p->c->arena, PlanFunction);
  pf->fn = fn;
  pf->name = fn->physical_name;
  Value *lg[] = {lit(p, "/aws/lambda/"), fn->physical_name};
  pf->log_group_name = join(p, lg, 2);
  pf->role.principal = "lambda.amazonaws.com";
  pf->role.cfn_id = arena_printf(&p->c->arena, "%sRole", fn->cfn_id);
  pf->role.tf_name = fn->tf_name;
  pf->log_cfn_id = arena_printf(&p->c->arena, "%sLogGroup", fn->cfn_id);
  PlanStatement *logs = statement_new(p, "logs", "WriteLogs", log_actions);
  Value *lg_arn_rest[] = {lit(p, "log-group:"), pf->log_group_name, lit(p, ":*")};
  logs->resources[logs->nresources++] = plan_arn(p, "logs", true, join(p, lg_arn_rest, 3));
  statement_add(p, &pf->role, logs);
  for (uint32_t i = 0; i < fn->grants.n; i++) add_grant_statements(p, pf, fn->grants.items[i]);
  for (uint32_t i = 0; i < fn->triggers.n; i++) {
    const IrTrigger *t = fn->triggers.items[i];
    if (t->kind == TRIG_TABLE_STREAM) add_stream_statements(p, pf, t);
    else if (t->kind == TRIG_QUEUE || t->kind == TRIG_KINESIS) add_poller_statement(p, pf, t);
  }
  if (fn->secrets.n) add_secret_statement(p, pf);
  return pf;
}

PlanFunction *plan_function(const Plan *plan, const IrRes *fn) { ENTRY(PlanFunction, fn, RES_FUNCTION); }

/* CloudFormation: at most 500 resources, 200 parameters, 200 outputs. A
 * warning each (the stack may be built for Terraform), kept in the plan. */
static void warn_cfn_limits(Compilation *c, const IrProgram *ir, Plan *plan) {
  struct { uint32_t count, limit; const char *what; } limits[] = {
    {plan->cfn_resource_count, 500, "resources"},
    {ir->params.n + (plan->functions.n > 0), 200, "parameters"},
    {ir->outputs.n, 200, "outputs"}};
  for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
    if (limits[i].count <= limits[i].limit) continue;
    Diag *g = diag_warning(&c->diag, NO_SPAN, "the CloudFormation template would hold %u %s, over its limit of "
                           "%u: only the Terraform target can build this stack", limits[i].count, limits[i].what,
                           limits[i].limit);
    vec_push(&c->arena, &plan->cfn_limit_warnings, g);
  }
}

bool plan_cfn_limits(Compilation *c, const Plan *plan) {
  for (uint32_t i = 0; i < plan->cfn_limit_warnings.n; i++)
    diag_make_error(&c->diag, plan->cfn_limit_warnings.items[i]);
  return plan->cfn_limit_warnings.n == 0;
}

Plan *plan_build(Compilation *c, IrProgram *ir) {
  Planner p = {c, ir, ARENA_NEW(&c->arena, Plan), {0}};
  p.plan->entry = arena_alloc(&c->arena, (ir->resources.n ? ir->resources.n : 1) * sizeof *p.plan->entry);
  unsigned before = c->diag.nerrors;
  assign_physical_names(&p);
  rules_check_cycles(c, ir);
  for (uint32_t i = 0; i < ir->resources.n; i++) {
    IrRes *r = ir->resources.items[i];
    if (r->kind == RES_FUNCTION) vec_push(&c->arena, &p.plan->functions, plan_entry(&p, r, plan_one_function(&p, r)));
  }
  plan_apis_init(&p);
  plan_triggers(&p);
  plan_services(&p);
  plan_claim_names(&p);
  warn_cfn_limits(c, ir, p.plan);
  return c->diag.nerrors == before ? p.plan : NULL;
}

/* ---- accessors ------------------------------------------------------------------ */


PlanApi *plan_api(const Plan *plan, const IrRes *api) { ENTRY(PlanApi, api, RES_API); }
PlanQueue *plan_queue(const Plan *plan, const IrRes *queue) { ENTRY(PlanQueue, queue, RES_QUEUE); }
PlanTopic *plan_topic(const Plan *plan, const IrRes *topic) { ENTRY(PlanTopic, topic, RES_TOPIC); }
PlanFirehose *plan_firehose(const Plan *plan, const IrRes *fh) { ENTRY(PlanFirehose, fh, RES_FIREHOSE); }
PlanCdn *plan_cdn(const Plan *plan, const IrRes *cdn) { ENTRY(PlanCdn, cdn, RES_CDN); }
PlanAlarm *plan_alarm(const Plan *plan, const IrRes *alarm) { ENTRY(PlanAlarm, alarm, RES_ALARM); }
