/* plan_triggers.c — lowering trigger edges.
 *
 * Push sources (S3, SNS, API Gateway, EventBridge) need a resource policy
 * on the function (PlanPermission, one per function and source); pollers
 * (DynamoDB and Kinesis streams, SQS queues) an event source mapping, whose
 * role statements plan.c adds. Bucket triggers are grouped per bucket
 * (PlanNotification), topic triggers become subscriptions, API triggers
 * routes with one integration per (api, function), schedules and bus
 * triggers EventBridge rules with a known name. Each source kind's row
 * (plan_kinds.c) names the function here that lowers its triggers.
 * Nothing here knows template syntax.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "plan_internal.h"
#include "plan_kinds.h"

/* ---- permissions --------------------------------------------------------------- */

static PlanPermission *find_permission(Planner *p, const IrRes *fn, const IrRes *source) {
  for (uint32_t i = 0; i < p->plan->permissions.n; i++) {
    PlanPermission *pp = p->plan->permissions.items[i];
    if (pp->fn == fn && pp->source == source && source) return pp;
  }
  return NULL;
}

/* A new permission for `t->fn` to be run by `t->source` (NULL: a schedule). */
static PlanPermission *permission_new(Planner *p, const IrTrigger *t, const char *principal, Value *source_arn) {
  PlanPermission *pp = ARENA_NEW(&p->c->arena, PlanPermission);
  pp->fn = t->fn;
  pp->source = t->source;
  pp->principal = principal;
  pp->source_arn = source_arn;
  vec_push(&p->c->arena, &p->plan->permissions, pp);
  return pp;
}

/* ---- S3 ---------------------------------------------------------------------------- */

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
void plan_bucket_trigger(Planner *p, IrTrigger *t) {
  PlanNotification *n = notification_for(p, t->source);
  vec_push(&p->c->arena, &n->triggers, t);
  if (find_permission(p, t->fn, t->source)) return;
  PlanPermission *pp = permission_new(p, t, "s3.amazonaws.com", plan_target_arn(p, t->source));
  pp->source_account = true;
  vec_push(&p->c->arena, &n->permissions, pp);
}

/* ---- pollers ------------------------------------------------------------------------- */

void plan_mapping(Planner *p, IrTrigger *t) {
  PlanMapping *m = ARENA_NEW(&p->c->arena, PlanMapping);
  m->trig = t;
  RefAttr ref = t->kind == TRIG_TABLE_STREAM ? REF_STREAM_ARN : REF_ARN;
  m->event_source_arn = ir_ref(p->c, t->source, ref, t->origin);
  vec_push(&p->c->arena, &p->plan->mappings, m);
}

/* ---- SNS -------------------------------------------------------------------------------- */

void plan_topic_trigger(Planner *p, IrTrigger *t) {
  PlanSubscription *s = ARENA_NEW(&p->c->arena, PlanSubscription);
  s->trig = t;
  vec_push(&p->c->arena, &p->plan->subscriptions, s);
  if (!find_permission(p, t->fn, t->source))
    permission_new(p, t, "sns.amazonaws.com", ir_ref(p->c, t->source, REF_ARN, t->origin));
}

/* ---- HTTP APIs -------------------------------------------------------------------------- */

static PlanIntegration *integration_for(Planner *p, PlanApi *pa, IrRes *fn) {
  for (uint32_t i = 0; i < pa->integrations.n; i++) {
    PlanIntegration *in = pa->integrations.items[i];
    if (in->fn == fn) return in;
  }
  PlanIntegration *in = ARENA_NEW(&p->c->arena, PlanIntegration);
  in->api = pa->api;
  in->fn = fn;
  vec_push(&p->c->arena, &pa->integrations, in);
  return in;
}

/* The method and path words of route `r` with its number: routes whose
 * words are equal ("/photos-id" and "/photos/{id}") are numbered, so both
 * targets' names, which derive from those words, stay apart. */
static const char *route_words(Planner *p, const PlanRoute *r) {
  const char *camel, *snake;
  names_path_words(p->c, trig_str(r->trig, ARG_PATH), &camel, &snake);
  return arena_printf(&p->c->arena, "%s%s%s", names_camel(p->c, names_kebab(p->c, ir_route_method(r->trig))), camel,
                      names_number(p->c, r->number));
}

static bool route_words_taken(Planner *p, const PlanApi *pa, const char *words) {
  for (uint32_t i = 0; i < pa->routes.n; i++)
    if (strcmp(route_words(p, pa->routes.items[i]), words) == 0) return true;
  return false;
}

void plan_http_trigger(Planner *p, IrTrigger *t) {
  PlanApi *pa = plan_api(p->plan, t->source);
  if (!pa) return;
  PlanRoute *r = ARENA_NEW(&p->c->arena, PlanRoute);
  r->trig = t;
  const char *method = ir_route_method(t), *path = trig_str(t, ARG_PATH);
  r->route_key = arena_printf(&p->c->arena, "%s %s", method, path);
  r->integration = integration_for(p, pa, t->fn);
  /* "/photos-id" and "/photos/{id}" share words: the later one is numbered. */
  for (unsigned n = 2; route_words_taken(p, pa, route_words(p, r)); n++) r->number = n;
  vec_push(&p->c->arena, &pa->routes, r);
  if (find_permission(p, t->fn, t->source)) return;
  /* arn:PARTITION:execute-api:REGION:ACCOUNT:API_ID/STAGE/METHOD-AND-PATH: any stage, any route. */
  Value *rest[] = {ir_ref(p->c, t->source, REF_ID, t->origin), plan_lit(p, "/*/*")};
  permission_new(p, t, "apigateway.amazonaws.com", plan_arn(p, "execute-api", true, plan_join(p, rest, 2)));
}

/* ---- schedules ---------------------------------------------------------------------------- */

#define EVENT_TARGET_ID_MAX 64

/* An EventBridge target's Id: the function's CamelCase name when it fits. */
static const char *event_target_id(Planner *p, const IrRes *fn) {
  const char *words = names_camel(p->c, fn->name);
  return strlen(words) <= EVENT_TARGET_ID_MAX ? words : "Function";
}

static unsigned schedules_of(const Planner *p, const IrRes *fn) {
  unsigned n = 0;
  for (uint32_t i = 0; i < p->plan->schedules.n; i++)
    if (((PlanSchedule *)p->plan->schedules.items[i])->trig->fn == fn) n++;
  return n;
}

/* EventBridge rule "<prefix>-<fn>-schedule[N]" (64 characters at most): its
 * name is known, so the permission's SourceArn names the rule exactly. */
static void plan_schedule(Planner *p, IrTrigger *t) {
  PlanSchedule *s = ARENA_NEW(&p->c->arena, PlanSchedule);
  s->trig = t;
  s->number = schedules_of(p, t->fn) + 1;
  const char *num = names_number(p->c, s->number);
  s->target_id = event_target_id(p, t->fn);
  s->rule_name = plan_prefixed(p, t->fn, arena_printf(&p->c->arena, "-schedule%s", num), 64, t->origin,
                               arena_printf(&p->c->arena, "the EventBridge rule name of this schedule of "
                                            "function '%s'", t->fn->name));
  vec_push(&p->c->arena, &p->plan->schedules, s);
  Value *rest[] = {plan_lit(p, "rule/"), s->rule_name};
  PlanPermission *pp = permission_new(p, t, "events.amazonaws.com",
                                      plan_arn(p, "events", true, plan_join(p, rest, 2)));
  pp->schedule = s;
}

/* ---- buses --------------------------------------------------------------------------------- */

/* The rule's pattern: given whole, or {"source": [...], "detail-type": [...]}. */
static Value *bus_rule_pattern(Planner *p, const IrTrigger *t) {
  Value *given = (Value *)ir_arg(t, ARG_PATTERN);
  if (given) return given;
  static const struct { uint32_t arg; const char *key; } fields[] = {
    {.arg = ARG_SOURCE, .key = "source"}, {.arg = ARG_DETAIL_TYPE, .key = "detail-type"}};
  Value *v = ARENA_NEW(&p->c->arena, Value);
  v->kind = V_MAP;
  v->origin = t->origin;
  v->keys = arena_alloc(&p->c->arena, 2 * sizeof *v->keys);
  v->key_origins = arena_alloc(&p->c->arena, 2 * sizeof *v->key_origins);
  v->items = arena_alloc(&p->c->arena, 2 * sizeof *v->items);
  for (size_t i = 0; i < 2; i++) {
    Value *values = (Value *)ir_arg(t, fields[i].arg);
    if (!values) continue;
    v->keys[v->n] = fields[i].key;
    v->key_origins[v->n] = values->origin;
    v->items[v->n++] = values;
  }
  return v;
}

/* EventBridge rule "<prefix>-<bus>-<fn>" (64 characters at most) on the
 * bus; its ARN on a custom bus is rule/BUS/RULE, which the permission's
 * SourceArn names exactly. */
void plan_bus_trigger(Planner *p, IrTrigger *t) {
  PlanBusRule *r = ARENA_NEW(&p->c->arena, PlanBusRule);
  r->trig = t;
  r->rule_name = plan_prefixed(p, t->source, arena_printf(&p->c->arena, "-%s", t->fn->name), 64, t->origin,
                               arena_printf(&p->c->arena, "the EventBridge rule name of bus '%s' for function "
                                            "'%s'", t->source->name, t->fn->name));
  r->pattern = bus_rule_pattern(p, t);
  r->target_id = event_target_id(p, t->fn);
  vec_push(&p->c->arena, &p->plan->bus_rules, r);
  Value *rest[] = {plan_lit(p, "rule/"), t->source->physical_name, plan_lit(p, "/"), r->rule_name};
  permission_new(p, t, "events.amazonaws.com", plan_arn(p, "events", true, plan_join(p, rest, 4)));
}

/* A schedule has no source; every other trigger is lowered by its source
 * kind's row (plan_kinds[].lower_trigger). */
void plan_triggers(Planner *p) {
  for (uint32_t i = 0; i < p->ir->triggers.n; i++) {
    IrTrigger *t = p->ir->triggers.items[i];
    if (!t->source) {
      plan_schedule(p, t);
      continue;
    }
    const PlanKind *row = &plan_kinds[t->source->kind];
    if (row->lower_trigger)
      row->lower_trigger(p, t);
    else   /* the checker built a trigger on a kind whose row lowers none */
      diag_internal_error(&p->c->diag, t->origin, "plan_kinds[%s] has no lower_trigger for a trigger on it",
                          t->source->spec->name);
  }
}
