/* plan_services.c — planning queues, topics, firehoses, HTTP APIs, CDNs and
 * alarms: the derived values and extra resources each needs to deploy. Each
 * kind's planner here is a member of its row in plan_kinds.c.
 *
 * - Queues: the visibility timeout (given, or derived from the consumers)
 *   and the dead-letter queue when `retries` is set.
 * - Topics: those an alarm notifies are encrypted with the stack's KMS key
 *   (the AWS-managed SNS key does not admit CloudWatch).
 * - Firehoses: a role trusted by Firehose that writes exactly its bucket and
 *   invokes exactly its transform.
 * - APIs: the stage (the user's, else the prefix a cdn routes it under, else
 *   "$default"), the invoke URL and the access-log group.
 * - CDNs: origin access control, the origin bucket's policy scoped to the
 *   distribution's ARN, and one origin per routed API.
 * - Alarms: the CloudWatch namespace, metric, statistic and dimension.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <string.h>

#include "plan_internal.h"
#include "plan_kinds.h"


/* ---- queues ------------------------------------------------------------------- */

/* Lambda's guidance: a queue's visibility timeout at least six times its
 * consumer's timeout plus the batching window, and SQS's default 30s at least. */
void plan_queue_one(Planner *p, IrRes *q) {
  PlanQueue *pq = ARENA_NEW(&p->c->arena, PlanQueue);
  pq->queue = q;
  const Value *given = q->attrs[QU_VISIBILITY_TIMEOUT];
  if (given) {
    pq->visibility_ms = given->i;
  } else {
    int64_t v = 30 * MS_PER_SECOND;
    for (uint32_t i = 0; i < p->ir->triggers.n; i++) {
      const IrTrigger *t = p->ir->triggers.items[i];
      if (t->kind != TRIG_QUEUE || t->source != q) continue;
      const Value *timeout = t->fn->attrs[FN_TIMEOUT];
      int64_t need = 6 * (timeout ? timeout->i : 3 * MS_PER_SECOND) + trig_int(t, ARG_WINDOW);
      if (need > v) v = need;
    }
    pq->visibility_ms = v;
    pq->visibility_derived = true;
  }
  const Value *retries = q->attrs[QU_RETRIES];
  if (retries) {
    pq->max_receive_count = retries->i + 1;
    pq->dead_letter = true;
  }
  vec_push(&p->c->arena, &p->plan->queues, plan_entry(p, pq->queue, pq));
}

/* ---- topics and their key ------------------------------------------------------- */

/* What the account root keeps on the key (so the key can never become
 * unmanageable), spelled out: no "kms:*" and no "kms:Get*". */
static const char *const key_admin_actions[] = {
  "kms:CancelKeyDeletion", "kms:CreateAlias", "kms:CreateGrant", "kms:Decrypt", "kms:DeleteAlias",
  "kms:DescribeKey", "kms:DisableKey", "kms:DisableKeyRotation", "kms:EnableKey",
  "kms:EnableKeyRotation", "kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext",
  "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListGrants", "kms:ListKeyPolicies",
  "kms:ListKeyRotations", "kms:ListResourceTags", "kms:PutKeyPolicy", "kms:ReEncryptFrom",
  "kms:ReEncryptTo", "kms:RetireGrant", "kms:RevokeGrant", "kms:RotateKeyOnDemand",
  "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource", "kms:UpdateAlias",
  "kms:UpdateKeyDescription",
};
/* What a service publishing to an encrypted topic needs on its key. */
static const char *const key_service_actions[] = {"kms:Decrypt", "kms:GenerateDataKey"};
static const char *const key_services[] = {"cloudwatch.amazonaws.com"};

#define COUNT(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))

/* The `notify` of the first alarm that notifies `topic`, or NULL. */
static const Value *topic_notified(const Planner *p, const IrRes *topic) {
  for (uint32_t i = 0; i < p->ir->resources.n; i++) {
    const IrRes *r = p->ir->resources.items[i];
    const Value *v = r->kind == RES_ALARM ? r->attrs[AL_NOTIFY] : NULL;
    if (v && v->kind == V_REF && v->res == topic) return v;
  }
  return NULL;
}

static const char *const key_publisher_actions[] = {"kms:Decrypt", "kms:GenerateDataKey", NULL};

/* A function publishing to a topic encrypted with the stack key needs
 * kms:GenerateDataKey and kms:Decrypt on exactly that key (SNS asks KMS on
 * the publisher's behalf). */
/* Whether `fn` publishes to `topic`: a grant, a trigger whose failed
 * records Lambda publishes there with the function's role, or an
 * asynchronous-invocation destination. */
static bool publishes_to(const IrRes *fn, const IrRes *topic) {
  if (fn_async_destination(fn, FN_ON_FAILURE) == topic || fn_async_destination(fn, FN_ON_SUCCESS) == topic)
    return true;
  for (uint32_t g = 0; g < fn->grants.n; g++) {
    const IrGrant *gr = fn->grants.items[g];
    if (gr->target == topic && gr->access == ACC_PUBLISH) return true;
  }
  for (uint32_t i = 0; i < fn->triggers.n; i++) {
    if (trig_failure_destination(fn->triggers.items[i]) == topic) return true;
  }
  return false;
}

static void grant_key_to_publishers(Planner *p, const IrRes *topic) {
  for (uint32_t i = 0; i < p->ir->resources.n; i++) {
    const IrRes *fn = p->ir->resources.items[i];
    if (fn->kind == RES_FUNCTION && publishes_to(fn, topic)) {
      PlanStatement *s = plan_statement_new(p, "topic key", "UseTopicKey", key_publisher_actions);
      Value *arn = ARENA_NEW(&p->c->arena, Value);
      arn->kind = V_DERIVED;
      arn->derived = DERIVED_TOPIC_KEY_ARN;
      s->resources[s->nresources++] = arn;
      plan_statement_add(p, &plan_function(p->plan, fn)->role, s);
    }
  }
}

void plan_topic_one(Planner *p, IrRes *topic) {
  PlanTopic *pt = ARENA_NEW(&p->c->arena, PlanTopic);
  pt->topic = topic;
  const Value *notify = topic_notified(p, topic);
  pt->stack_key = notify != NULL;
  vec_push(&p->c->arena, &p->plan->topics, plan_entry(p, pt->topic, pt));
  if (notify) grant_key_to_publishers(p, topic);
  if (!pt->stack_key || p->plan->topic_key) return;
  PlanKey *k = ARENA_NEW(&p->c->arena, PlanKey);
  k->services = (const char **)key_services;
  k->nservices = COUNT(key_services);
  k->service_actions = (const char **)key_service_actions;
  k->nservice_actions = COUNT(key_service_actions);
  k->admin_actions = (const char **)key_admin_actions;
  k->nadmin_actions = COUNT(key_admin_actions);
  p->plan->topic_key = k;
}

/* ---- firehoses ------------------------------------------------------------------ */

static const char *const firehose_s3_actions[] = {
  "s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket",
  "s3:ListBucketMultipartUploads", "s3:PutObject", NULL};
static const char *const firehose_lambda_actions[] = {
  "lambda:GetFunctionConfiguration", "lambda:InvokeFunction", NULL};

void plan_firehose_one(Planner *p, IrRes *fh) {
  PlanFirehose *pf = ARENA_NEW(&p->c->arena, PlanFirehose);
  pf->firehose = fh;
  pf->role.principal = "firehose.amazonaws.com";
  const Value *to = fh->attrs[FH_TO];
  if (to && to->kind == V_REF) {
    const char *sid = arena_printf(&p->c->arena, "Write%sBucket", names_camel(p->c, to->res->name));
    PlanStatement *s = plan_statement_new(p, sid, sid, firehose_s3_actions);
    Value *bucket = plan_target_arn(p, to->res);
    s->resources[s->nresources++] = bucket;
    s->resources[s->nresources++] = plan_suffixed(p, bucket, "/*");
    plan_statement_add(p, &pf->role, s);
  }
  const Value *tr = fh->attrs[FH_TRANSFORM];
  if (tr && tr->kind == V_REF) {
    const char *sid = arena_printf(&p->c->arena, "Invoke%sTransform", names_camel(p->c, tr->res->name));
    PlanStatement *s = plan_statement_new(p, sid, sid, firehose_lambda_actions);
    s->resources[s->nresources++] = plan_target_arn(p, tr->res);
    plan_statement_add(p, &pf->role, s);
  }
  vec_push(&p->c->arena, &p->plan->firehoses, plan_entry(p, pf->firehose, pf));
}

/* ---- APIs ------------------------------------------------------------------------- */

/* The stage and URL come later (plan_api_stages), once the cdns have said
 * which prefix each api is routed under. */
void plan_api_one(Planner *p, IrRes *api) {
  PlanApi *pa = ARENA_NEW(&p->c->arena, PlanApi);
  pa->api = api;
  const Value *logs = api->attrs[AP_ACCESS_LOGS];
  if (logs && logs->b) {
    Value *parts[] = {plan_lit(p, "/aws/apigateway/"), p->ir->name_prefix, plan_lit(p, "-"),
                      plan_lit(p, api->name)};
    pa->log_group_name = plan_join(p, parts, 4);
  }
  vec_push(&p->c->arena, &p->plan->apis, plan_entry(p, pa->api, pa));
}

/* The stage an api gets from the cdn routes under "/PREFIX/" + "*": CloudFront
 * forwards "/PREFIX/visits" unchanged, and API Gateway strips a stage named
 * PREFIX before matching the route "GET /visits". */
typedef struct ApiPrefix {
  const IrRes *api;
  const char *prefix;
  Span origin;
} ApiPrefix;

static ApiPrefix *prefix_of(PtrVec *seen, const IrRes *api) {
  for (uint32_t i = 0; i < seen->n; i++)
    if (((ApiPrefix *)seen->items[i])->api == api) return seen->items[i];
  return NULL;
}

static bool stage_chars_ok(const char *s) {
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-' ||
          *s == '_'))
      return false;
  return true;
}

/* Checks one cdn route against the api's stage and its other routes. */
static void route_prefix(Planner *p, PtrVec *seen, const IrRes *api, const char *pattern, Span at) {
  size_t n = strlen(pattern);
  if (n < 4) return;   /* the checker reported it */
  const char *prefix = arena_strndup(&p->c->arena, pattern + 1, n - 3);
  const Value *stage = api->attrs[AP_STAGE];
  if (stage && stage->kind == V_STR && strcmp(stage->s, prefix) != 0) {
    Diag *d = diag_error(&p->c->diag, at, "api '%s' is routed under \"/%s/*\", so its stage must be '%s' "
                         "(CloudFront forwards the prefix and API Gateway strips the stage)",
                         api->name, prefix, prefix);
    diag_note(&p->c->diag, d, stage->origin, "stage set to '%s' here", stage->s);
    return;
  }
  ApiPrefix *old = prefix_of(seen, api);
  if (old) {
    if (strcmp(old->prefix, prefix) != 0) {
      Diag *d = diag_error(&p->c->diag, at, "api '%s' is routed under both \"/%s/*\" and \"/%s/*\"; its one "
                           "stage can match only one prefix", api->name, old->prefix, prefix);
      diag_note(&p->c->diag, d, old->origin, "first routed here");
    }
    return;
  }
  if (!stage_chars_ok(prefix)) {
    diag_error(&p->c->diag, at, "the prefix '%s' names the stage of api '%s'; stage names use letters, digits, "
               "'-' and '_'", prefix, api->name);
    return;
  }
  ApiPrefix *ap = ARENA_NEW(&p->c->arena, ApiPrefix);
  ap->api = api;
  ap->prefix = prefix;
  ap->origin = at;
  vec_push(&p->c->arena, seen, ap);
}

void plan_api_stages(Planner *p) {
  PtrVec *seen = &p->api_prefixes;
  for (uint32_t i = 0; i < p->plan->apis.n; i++) {
    PlanApi *pa = p->plan->apis.items[i];
    const Value *stage = pa->api->attrs[AP_STAGE];
    if (stage && stage->kind != V_STR)
      diag_error(&p->c->diag, stage->origin, "the stage of api '%s' must be written as text: its URL and the "
                 "paths a cdn forwards depend on it", pa->api->name);
    ApiPrefix *ap = prefix_of(seen, pa->api);
    pa->stage = stage && stage->kind == V_STR ? stage->s : ap ? ap->prefix : "$default";
    bool named = strcmp(pa->stage, "$default") != 0;
    Value *parts[] = {plan_lit(p, "https://"), plan_api_host(p, pa->api), plan_lit(p, "/"),
                      plan_lit(p, named ? arena_printf(&p->c->arena, "%s/", pa->stage) : "")};
    pa->url = plan_join(p, parts, 4);
  }
}

/* ---- CDNs ------------------------------------------------------------------------- */

static const IrRes *other_cdn_with_origin(const Planner *p, const IrRes *bucket) {
  for (uint32_t i = 0; i < p->plan->cdns.n; i++) {
    const PlanCdn *pc = p->plan->cdns.items[i];
    const Value *o = pc->cdn->attrs[CD_ORIGIN];
    if (o && o->kind == V_REF && o->res == bucket) return pc->cdn;
  }
  return NULL;
}

void plan_cdn_one(Planner *p, IrRes *cdn) {
  PlanCdn *pc = ARENA_NEW(&p->c->arena, PlanCdn);
  pc->cdn = cdn;
  Value *rest[] = {plan_lit(p, "distribution/"), ir_ref(p->c, cdn, REF_ID, cdn->origin)};
  pc->arn = plan_account_arn(p, "cloudfront", plan_join(p, rest, 2));
  const Value *origin = cdn->attrs[CD_ORIGIN];
  if (origin && origin->kind == V_REF) {
    const IrRes *bucket = origin->res;
    const IrRes *other = other_cdn_with_origin(p, bucket);
    if (other) {
      Diag *d = diag_error(&p->c->diag, origin->origin, "bucket '%s' is already the origin of cdn '%s'; S3 keeps "
                           "one bucket policy per bucket, so a bucket can be the origin of one cdn",
                           bucket->name, other->name);
      diag_note(&p->c->diag, d, other->attrs[CD_ORIGIN]->origin, "origin of cdn '%s' here", other->name);
    }
    pc->oac_name = plan_prefixed(p, cdn, "", 64, cdn->origin,
                                 arena_printf(&p->c->arena, "the origin access control name of cdn '%s'", cdn->name));
  }
  const Value *routes = cdn->attrs[CD_ROUTES];
  for (uint32_t i = 0; routes && routes->kind == V_MAP && i < routes->n; i++) {
    const Value *target = routes->items[i];
    if (!target || target->kind != V_REF) continue;
    PlanCdnRoute *r = ARENA_NEW(&p->c->arena, PlanCdnRoute);
    r->pattern = routes->keys[i];
    r->api = target->res;
    r->origin_id = arena_printf(&p->c->arena, "api-%s", target->res->name);
    r->domain = plan_api_host(p, target->res);
    vec_push(&p->c->arena, &pc->routes, r);
    route_prefix(p, &p->api_prefixes, target->res, r->pattern, routes->key_origins ? routes->key_origins[i] : target->origin);
  }
  vec_push(&p->c->arena, &p->plan->cdns, plan_entry(p, pc->cdn, pc));
}

/* ---- alarms ------------------------------------------------------------------------- */

typedef struct MetricRow {
  RefAttr ref;
  const char *ns, *name, *statistic, *dimension;
} MetricRow;

static const MetricRow metric_rows[] = {
  {REF_ERRORS, "AWS/Lambda", "Errors", "Sum", "FunctionName"},
  {REF_THROTTLES, "AWS/Lambda", "Throttles", "Sum", "FunctionName"},
  {REF_DURATION, "AWS/Lambda", "Duration", "Average", "FunctionName"},
  {REF_AGE, "AWS/SQS", "ApproximateAgeOfOldestMessage", "Maximum", "QueueName"},
  {REF_DEPTH, "AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum", "QueueName"},
};

static const char *comparison_operator(const char *op) {
  if (strcmp(op, ">") == 0) return "GreaterThanThreshold";
  if (strcmp(op, "<") == 0) return "LessThanThreshold";
  if (strcmp(op, "<=") == 0) return "LessThanOrEqualToThreshold";
  return "GreaterThanOrEqualToThreshold";
}

void plan_alarm_one(Planner *p, IrRes *alarm) {
  PlanAlarm *pa = ARENA_NEW(&p->c->arena, PlanAlarm);
  pa->alarm = alarm;
  const Value *m = alarm->attrs[AL_METRIC];
  for (size_t i = 0; m && m->kind == V_REF && i < sizeof metric_rows / sizeof metric_rows[0]; i++) {
    const MetricRow *row = &metric_rows[i];
    if (row->ref != m->ref) continue;
    pa->metric_namespace = row->ns;
    pa->metric_name = row->name;
    pa->statistic = row->statistic;
    pa->dimension = row->dimension;
    Value *name = ir_ref(p->c, m->res, REF_NAME, m->origin);
    const Value *known = ir_ref_known(p->c, name);
    pa->dimension_value = known ? (Value *)known : name;
  }
  if (!pa->metric_name)
    diag_error(&p->c->diag, m ? m->origin : alarm->origin, "alarm '%s' has no metric this compiler can watch",
               alarm->name);
  const Value *cmp = alarm->attrs[AL_COMPARISON];
  pa->comparison = comparison_operator(cmp && cmp->s ? cmp->s : ">=");
  vec_push(&p->c->arena, &p->plan->alarms, plan_entry(p, pa->alarm, pa));
}

/* ---- AWS facts shared by both backends ------------------------------------------ */

/* API Gateway fills in the $context variables. */
const char plan_api_log_format[] =
    "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
    "\"requestTime\":\"$context.requestTime\",\"httpMethod\":\"$context.httpMethod\","
    "\"routeKey\":\"$context.routeKey\",\"path\":\"$context.path\",\"status\":\"$context.status\","
    "\"protocol\":\"$context.protocol\",\"responseLength\":\"$context.responseLength\","
    "\"integrationError\":\"$context.integrationErrorMessage\"}";

const char *const cloudfront_all_methods[7] = {"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"};
const char *const cloudfront_read_methods[2] = {"GET", "HEAD"};
