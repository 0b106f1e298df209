/* plan.c — deriving what both backends need from the checked program.
 *
 * Pipeline position: check → [plan] → backend_cfn / backend_tf.
 *
 * plan_kinds.c holds each kind's row (its name rule, grant rows, trigger
 * statements and planner), through which the stages below dispatch.
 * This file: physical names and the per-function IAM statements (exact
 * actions on exact resources: the grant rows, the one table of actions,
 * documented in docs/language.md); the S3 key of each function's
 * code is the driver's (driver.c), as only CloudFormation needs it. plan_triggers.c lowers triggers (permissions,
 * mappings, subscriptions, routes, schedules, bucket notifications);
 * plan_services.c plans queues, topics, firehoses, APIs, CDNs and alarms.
 * The plan names no template resource: each backend names, claims and
 * counts what it emits (cfn_names.c, tf_names.c), and `stackc check` runs
 * both backends, so their collisions and caps are reported there too.
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
#include "plan_kinds.h"
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

/* Trigger needs: a DynamoDB stream poller reads exactly its table's stream;
 * ListStreams takes no stream ARN, so it is scoped to the table's "/stream/" ARNs.
 * A queue poller needs the queue's consume actions, a Kinesis poller the
 * stream's read actions (plan_grant_actions of those rows). */
static const char *const stream_read_actions[] = {
  "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", NULL};
static const char *const stream_list_actions[] = {"dynamodb:ListStreams", NULL};
static const char *const log_actions[] = {"logs:CreateLogStream", "logs:PutLogEvents", NULL};

/* One row per line, `{.action = "...", .resource_types = ""}`: tests/lib.sh reads
 * the actions from these lines. Sources: the Service Authorization Reference's
 * pages for AWS X-Ray and Amazon EC2, column "Resource types". */
const NoResourceAction plan_no_resource_actions[] = {
  {.action = "ec2:DescribeNetworkInterfaces", .resource_types = ""},
  {.action = "ec2:DescribeSubnets", .resource_types = ""},
  {.action = "xray:PutTelemetryRecords", .resource_types = ""},
  {.action = "xray:PutTraceSegments", .resource_types = ""},
  {.action = NULL},
};

bool plan_action_without_resource(const char *action) {
  for (const NoResourceAction *row = plan_no_resource_actions; row->action; row++)
    if (strcmp(row->action, action) == 0) return true;
  return false;
}

/* X-Ray active tracing: the function sends segments and telemetry, actions
 * without resource types (plan_no_resource_actions). */
static const char *const tracing_actions[] = {"xray:PutTelemetryRecords", "xray:PutTraceSegments", NULL};

/* A function in a VPC: Lambda describes, creates and deletes its network
 * interfaces (the actions of AWSLambdaVPCAccessExecutionRole). The Describe
 * actions have no resource types; the others act on network interfaces whose
 * ids AWS generates (network-interface/ followed by any id), and creating one also names its
 * subnet and security groups. */
static const char *const vpc_describe_actions[] = {"ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", NULL};
static const char *const vpc_interface_actions[] = {"ec2:AssignPrivateIpAddresses", "ec2:CreateNetworkInterface",
                                                    "ec2:DeleteNetworkInterface", "ec2:UnassignPrivateIpAddresses",
                                                    NULL};
static const char *const vpc_create_actions[] = {"ec2:CreateNetworkInterface", NULL};

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
  for (const GrantRow *row = plan_kinds[kind].grants; row && row->sid_suffix; row++) {
    if (row->access != access) continue;
    for (const char *const *a = row->actions; *a; a++) {
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

const char plan_topic_key_describe[] = "the KMS key of topics that alarms notify";

const char *plan_permission_describe(Compilation *c, const PlanPermission *pp) {
  if (!pp->source) return arena_printf(&c->arena, "the permission of a schedule to run '%s'", pp->fn->name);
  return arena_printf(&c->arena, "the permission of %s '%s' to run '%s'", pp->source->spec->name, pp->source->name,
                      pp->fn->name);
}

const char *plan_mapping_describe(Compilation *c, const PlanMapping *m) {
  return arena_printf(&c->arena, "the mapping from %s '%s' to '%s'", m->trig->source->spec->name,
                      m->trig->source->name, m->trig->fn->name);
}

const char *plan_subscription_describe(Compilation *c, const PlanSubscription *s) {
  return arena_printf(&c->arena, "the subscription of '%s' to topic '%s'", s->trig->fn->name, s->trig->source->name);
}

const char *plan_schedule_describe(Compilation *c, const PlanSchedule *s) {
  return arena_printf(&c->arena, "the schedule of '%s' (%s)", s->trig->fn->name, trig_str(s->trig, ARG_SCHEDULE));
}

const char *plan_bus_rule_describe(Compilation *c, const PlanBusRule *r) {
  return arena_printf(&c->arena, "the rule of bus '%s' running '%s'", r->trig->source->name, r->trig->fn->name);
}

const char *plan_integration_describe(Compilation *c, const PlanIntegration *in) {
  return arena_printf(&c->arena, "the integration of api '%s' with function '%s'", in->api->name, in->fn->name);
}

const char *plan_route_describe(Compilation *c, const PlanRoute *r) {
  return arena_printf(&c->arena, "the route '%s' of api '%s'", r->route_key, r->trig->source->name);
}

/* Local shorthands. */
#define lit(p, s) plan_lit(p, s)
#define join(p, parts, n) plan_join(p, parts, n)
#define suffixed(p, base, sfx) plan_suffixed(p, base, sfx)

/* ---- physical names ------------------------------------------------------- */

static bool needs_known_name(const IrRes *bucket) {
  return bucket->triggers.n > 0 || bucket->attrs[BK_NAME];
}

/* A bucket another declaration takes as an attribute (a firehose's `to`, a
 * cdn's `origin`): the firehose role's policy names its ARN, the
 * distribution its regional domain, as known strings. */
static bool bucket_is_destination(const IrProgram *ir, const IrRes *bucket) {
  for (uint32_t i = 0; i < ir->resources.n; i++) {
    const IrRes *r = ir->resources.items[i];
    for (uint32_t a = 0; a < r->spec->nattrs; a++) {
      const Type *t = r->spec->attrs[a].type;
      const Value *v = r->attrs[a];
      if (t->kind == T_RESOURCE && t->res_kind == RES_BUCKET && v && v->kind == V_REF && v->res == bucket)
        return true;
    }
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

/* "<prefix>-<name>-<account>-<region>", lowercase, at most S3's 63 characters:
 * the name part is cut and given a short hash when it would not fit. */
static Value *derived_bucket_name(Planner *p, IrRes *bucket) {
  const size_t limit = kind_specs[RES_BUCKET].name_max;
  Value *prefix = lower_prefix(p, bucket);
  size_t fixed = ir_value_max_len(prefix) + 3 + ACCOUNT_LEN + REGION_MAX_LEN;
  const char *name = names_kebab(p->c, bucket->name);
  if (fixed + strlen(name) > limit) {
    if (fixed + 9 > limit) {
      diag_error(&p->c->diag, bucket->origin, "name_prefix is too long to derive a name for bucket '%s' "
                 "(S3 allows %zu characters); give the bucket a 'name'", bucket->name, limit);
      return NULL;
    }
    uint8_t digest[32];
    char hex[65];
    sha256(bucket->name, strlen(bucket->name), digest);
    sha256_hex(digest, hex);
    size_t keep = limit - fixed - 8;
    name = arena_printf(&p->c->arena, "%.*s-%.7s", (int)keep, name, hex);
  }
  Value *parts[] = {prefix, lit(p, "-"), lit(p, name), lit(p, "-"), ir_pseudo(p->c, PSEUDO_ACCOUNT),
                    lit(p, "-"), ir_pseudo(p->c, PSEUDO_REGION)};
  return join(p, parts, sizeof parts / sizeof parts[0]);
}

/* "<prefix>-<name>", checked against the service's length limit. */
Value *plan_prefixed_name(Planner *p, IrRes *r) {
  return plan_prefixed(p, r, "", kind_specs[r->kind].name_max, r->origin,
                       arena_printf(&p->c->arena, "the name of %s '%s'", r->spec->name, r->name));
}

/* A bucket's own `name`, else a derived one where a template must know it. */
Value *plan_bucket_name(Planner *p, IrRes *bucket) {
  if (bucket->attrs[BK_NAME]) return bucket->attrs[BK_NAME];
  if (needs_known_name(bucket) || bucket_is_granted(p->ir, bucket) || bucket_is_destination(p->ir, bucket))
    return derived_bucket_name(p, bucket);
  return NULL;
}

/* False, after an internal error naming the member, when `r`'s kind has a
 * NULL member with no reason: a kind added without its plan row. */
static bool member_ok(Planner *p, const IrRes *r, bool set, const char *no_reason, const char *member) {
  if (plan_member_complete(set, no_reason)) return true;
  diag_internal_error(&p->c->diag, r->origin, "the plan's row for %s has no '%s' and no reason (plan_kinds.c)",
                      r->spec->name, member);
  return false;
}

static void assign_physical_names(Planner *p) {
  for (uint32_t i = 0; i < p->ir->resources.n; i++) {
    IrRes *r = p->ir->resources.items[i];
    const PlanKind *k = &plan_kinds[r->kind];
    if (member_ok(p, r, k->physical_name, k->no_physical_name, "physical_name") && k->physical_name)
      r->physical_name = k->physical_name(p, r);
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

/* What a grant row's statement is about: "consume jobs Queue". A poller's
 * statement says the same, so `can consume jobs` plus `on jobs run f` is one. */
static const char *grant_what(Planner *p, Access access, const IrRes *target, const GrantRow *row) {
  return arena_printf(&p->c->arena, "%s %s %s", access_names[access], target->name, row->sid_suffix);
}

/* The resources a row's statement names on `target`, by the row's scope. */
static void row_resources(Planner *p, PlanStatement *s, const GrantRow *row, IrRes *target) {
  Value *base = target_arn(p, target);
  switch (row->scope) {
  case SCOPE_BUCKET: case SCOPE_TABLE: case SCOPE_ARN: s->resources[s->nresources++] = base; break;
  case SCOPE_OBJECTS: s->resources[s->nresources++] = suffixed(p, base, "/*"); break;
  case SCOPE_TABLE_INDEXES:
    s->resources[s->nresources++] = base;
    s->resources[s->nresources++] = suffixed(p, base, "/index/*");
    break;
  }
}

static void add_grant_statements(Planner *p, PlanFunction *pf, const IrGrant *g) {
  const char *target = names_camel(p->c, g->target->name);
  const char *access = names_camel(p->c, access_names[g->access]);
  for (const GrantRow *row = plan_kinds[g->target->kind].grants; row && row->sid_suffix; row++) {
    if (row->access != g->access) continue;
    const char *what = grant_what(p, g->access, g->target, row);
    PlanStatement *s = statement_new(p, what, arena_printf(&p->c->arena, "%s%s%s", access, target, row->sid_suffix),
                                     row->actions);
    row_resources(p, s, row, g->target);
    statement_add(p, &pf->role, s);
  }
}

/* A destination of failed (or, for part of the async config, succeeded)
 * records: Lambda sends them with the function's role, so the role gets
 * exactly the delivery action on exactly the destination (the rows of
 * plan_kinds[].destination; docs/language.md "Failure handling"). */
void plan_destination_statements(Planner *p, PlanFunction *pf, IrRes *dest) {
  const char *target = names_camel(p->c, dest->name);
  for (const GrantRow *row = plan_kinds[dest->kind].destination; row && row->sid_suffix; row++) {
    const char *what = arena_printf(&p->c->arena, "deliver to %s %s", dest->name, row->sid_suffix);
    PlanStatement *s = statement_new(p, what, arena_printf(&p->c->arena, "DeliverTo%s%s", target, row->sid_suffix),
                                     row->actions);
    row_resources(p, s, row, dest);
    statement_add(p, &pf->role, s);
  }
}

void plan_table_stream_statements(Planner *p, PlanFunction *pf, const IrTrigger *t) {
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

/* A poller: the actions of `access` (a queue's consume, a Kinesis stream's
 * read) on exactly its source, as the grant of that access words them. */
static void add_poller_statement(Planner *p, PlanFunction *pf, const IrTrigger *t, Access access) {
  const GrantRow *row = plan_kinds[t->source->kind].grants;
  while (row && row->sid_suffix && row->access != access) row++;
  if (!row || !row->sid_suffix) {   /* test_tables checks every access has its rows */
    diag_internal_error(&p->c->diag, t->origin, "%s '%s' has no grant row for '%s'", t->source->spec->name,
                        t->source->name, access_names[access]);
    return;
  }
  const char *sid = arena_printf(&p->c->arena, "Poll%s%s", names_camel(p->c, t->source->name), row->sid_suffix);
  PlanStatement *s = statement_new(p, grant_what(p, access, t->source, row), sid,
                                   plan_grant_actions(t->source->kind, access));
  s->resources[s->nresources++] = ir_ref(p->c, t->source, REF_ARN, t->origin);
  statement_add(p, &pf->role, s);
}

void plan_queue_poller_statement(Planner *p, PlanFunction *pf, const IrTrigger *t) {
  add_poller_statement(p, pf, t, ACC_CONSUME);
}

void plan_stream_poller_statement(Planner *p, PlanFunction *pf, const IrTrigger *t) {
  add_poller_statement(p, pf, t, ACC_READ);
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

/* A statement of actions that have no resource types: Resource "*", the only
 * form AWS accepts for them; refused for any action not in the table. */
static void add_any_resource_statement(Planner *p, PlanFunction *pf, const char *what, const char *sid,
                                       const char *const *actions) {
  for (const char *const *a = actions; *a; a++)
    if (!plan_action_without_resource(*a)) {
      diag_internal_error(&p->c->diag, pf->fn->origin, "'%s' has resource types: it cannot take \"*\"", *a);
      return;
    }
  PlanStatement *s = statement_new(p, what, sid, actions);
  s->resources[s->nresources++] = plan_lit(p, "*");
  statement_add(p, &pf->role, s);
}

/* The EC2 ARNs of a vpc list: one per literal id, or, for a list parameter
 * (whose ids a template cannot map to ARNs on both targets), every one of
 * that type in the stack's account and region. */
static void add_ec2_arns(Planner *p, PlanStatement *s, const Value *ids, const char *type) {
  if (!ids) return;
  if (ids->kind == V_PARAM) {
    s->resources[s->nresources++] = plan_arn(p, "ec2", true, plan_lit(p, arena_printf(&p->c->arena, "%s/*", type)));
    return;
  }
  for (uint32_t i = 0; i < ids->n; i++)
    s->resources[s->nresources++] =
        plan_arn(p, "ec2", true, plan_lit(p, arena_printf(&p->c->arena, "%s/%s", type, ids->items[i]->s)));
}

/* What of AWS a function calls at run time, "its grants, secrets, X-Ray"; NULL: nothing. */
static const char *aws_services_used(Planner *p, const IrRes *fn) {
  const char *used[3];
  size_t n = 0;
  if (fn->grants.n) used[n++] = "its grants";
  if (fn->secrets.n) used[n++] = "secrets";
  if (ir_attr_true(fn, FN_TRACING)) used[n++] = "X-Ray";
  const char *text = n ? used[0] : NULL;
  for (size_t i = 1; i < n; i++) text = arena_printf(&p->c->arena, "%s, %s", text, used[i]);
  return text;
}

static void add_vpc_statements(Planner *p, PlanFunction *pf, const Value *vpc) {
  add_any_resource_statement(p, pf, "vpc describe", "DescribeNetworkInterfaces", vpc_describe_actions);
  PlanStatement *eni = statement_new(p, "vpc interfaces", "ManageNetworkInterfaces", vpc_interface_actions);
  eni->resources[eni->nresources++] = plan_arn(p, "ec2", true, plan_lit(p, "network-interface/*"));
  statement_add(p, &pf->role, eni);
  PlanStatement *create = statement_new(p, "vpc create", "CreateNetworkInterfacesInVpc", vpc_create_actions);
  create->resources = arena_alloc(&p->c->arena, (VPC_MAX_SUBNETS + VPC_MAX_SECURITY_GROUPS) * sizeof *create->resources);
  add_ec2_arns(p, create, ir_map_get(vpc, vpc_fields[VPC_SUBNETS].name), "subnet");
  add_ec2_arns(p, create, ir_map_get(vpc, vpc_fields[VPC_SECURITY_GROUPS].name), "security-group");
  statement_add(p, &pf->role, create);
  /* A VPC has no route to AWS's public endpoints of its own. */
  const Value *egress = ir_map_get(vpc, vpc_fields[VPC_EGRESS].name);
  const char *services = aws_services_used(p, pf->fn);
  if (services && !(egress && egress->b))
    diag_warning(&p->c->diag, vpc->origin,
                 "function '%s' runs in a VPC and uses AWS services (%s): without a NAT gateway or VPC "
                 "endpoints in its subnets it cannot reach them; once they are there, say 'egress = true' in vpc",
                 pf->fn->name, services);
}

void plan_function_one(Planner *p, IrRes *fn) {
  PlanFunction *pf = ARENA_NEW(&p->c->arena, PlanFunction);
  pf->fn = fn;
  pf->name = fn->physical_name;
  Value *lg[] = {lit(p, "/aws/lambda/"), fn->physical_name};
  pf->log_group_name = join(p, lg, 2);
  pf->role.principal = "lambda.amazonaws.com";
  PlanStatement *logs = statement_new(p, "logs", "WriteLogs", log_actions);
  Value *lg_arn_rest[] = {lit(p, "log-group:"), pf->log_group_name, lit(p, ":*")};
  logs->resources[logs->nresources++] = plan_arn(p, "logs", true, join(p, lg_arn_rest, 3));
  statement_add(p, &pf->role, logs);
  for (uint32_t i = 0; i < fn->grants.n; i++) add_grant_statements(p, pf, fn->grants.items[i]);
  for (uint32_t i = 0; i < fn->triggers.n; i++) {
    const IrTrigger *t = fn->triggers.items[i];   /* a schedule has no source */
    if (t->source && plan_kinds[t->source->kind].trigger_statements)
      plan_kinds[t->source->kind].trigger_statements(p, pf, t);
    IrRes *dest = trig_failure_destination(t);
    if (dest) plan_destination_statements(p, pf, dest);
  }
  static const uint32_t async_destinations[] = {FN_ON_FAILURE, FN_ON_SUCCESS};
  for (size_t i = 0; i < sizeof async_destinations / sizeof async_destinations[0]; i++) {
    IrRes *dest = fn_async_destination(fn, async_destinations[i]);
    if (dest) plan_destination_statements(p, pf, dest);
  }
  if (fn->secrets.n) add_secret_statement(p, pf);
  if (ir_attr_true(fn, FN_TRACING)) add_any_resource_statement(p, pf, "tracing", "WriteTraces", tracing_actions);
  if (ir_attr(fn, FN_VPC)) add_vpc_statements(p, pf, ir_attr(fn, FN_VPC));
  vec_push(&p->c->arena, &p->plan->functions, plan_entry(p, fn, pf));
}

PlanFunction *plan_function(const Plan *plan, const IrRes *fn) { ENTRY(PlanFunction, fn, RES_FUNCTION); }

/* Each resource's planner of `phase`, in source order. */
static void plan_kinds_in_phase(Planner *p, PlanPhase phase) {
  for (uint32_t i = 0; i < p->ir->resources.n; i++) {
    IrRes *r = p->ir->resources.items[i];
    const PlanKind *k = &plan_kinds[r->kind];
    if (phase == PLAN_BEFORE_TRIGGERS && !member_ok(p, r, k->plan, k->no_plan, "plan")) continue;
    if (k->plan && k->phase == phase) k->plan(p, r);
  }
}

Plan *plan_build(Compilation *c, IrProgram *ir) {
  Planner p = {.c = c, .ir = ir, .plan = ARENA_NEW(&c->arena, Plan)};
  p.plan->entry = arena_alloc(&c->arena, (ir->resources.n ? ir->resources.n : 1) * sizeof *p.plan->entry);
  unsigned before = c->diag.nerrors;
  assign_physical_names(&p);
  rules_check_cycles(c, ir);
  plan_kinds_in_phase(&p, PLAN_BEFORE_TRIGGERS);
  plan_triggers(&p);
  plan_kinds_in_phase(&p, PLAN_AFTER_TRIGGERS);
  plan_api_stages(&p);
  return c->diag.nerrors == before ? p.plan : NULL;
}

/* ---- accessors ------------------------------------------------------------------ */


PlanApi *plan_api(const Plan *plan, const IrRes *api) { ENTRY(PlanApi, api, RES_API); }
PlanQueue *plan_queue(const Plan *plan, const IrRes *queue) { ENTRY(PlanQueue, queue, RES_QUEUE); }
PlanTopic *plan_topic(const Plan *plan, const IrRes *topic) { ENTRY(PlanTopic, topic, RES_TOPIC); }
PlanFirehose *plan_firehose(const Plan *plan, const IrRes *fh) { ENTRY(PlanFirehose, fh, RES_FIREHOSE); }
PlanCdn *plan_cdn(const Plan *plan, const IrRes *cdn) { ENTRY(PlanCdn, cdn, RES_CDN); }
PlanAlarm *plan_alarm(const Plan *plan, const IrRes *alarm) { ENTRY(PlanAlarm, alarm, RES_ALARM); }
