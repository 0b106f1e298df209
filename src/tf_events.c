/* tf_events.c — Terraform for schedules, buses and alarms.
 *
 *   schedule  aws_cloudwatch_event_rule + aws_cloudwatch_event_target (the
 *             invoke permission is one of the plan's permissions)
 *   bus       aws_cloudwatch_event_bus, and per function it runs an
 *             aws_cloudwatch_event_rule + aws_cloudwatch_event_target on it
 *   alarm     aws_cloudwatch_metric_alarm, telling its topic when it fires and recovers
 *
 * Part of the Terraform backend (backend_tf.c, tf_internal.h).
 */
#include <string.h>

#include "tf_internal.h"
#include "tf_kinds.h"

/* The rule's one target, the function, with Id `id` (the plan's: at most
 * 64 characters); on a custom bus it names the bus too. */
static void rule_target(Tf *t, const char *name, const IrRes *bus, const IrRes *fn, const char *id) {
  cJSON *target = tf_block(t->resource, "aws_cloudwatch_event_target", name);
  tf_add_expr_ref(target, "rule", "aws_cloudwatch_event_rule", name, "name");
  if (bus) put(target, "event_bus_name", tf_res_ref(t, bus, REF_NAME));
  put_str(target, "target_id", id);
  tf_add_expr_ref(target, "arn", tf_kinds[RES_FUNCTION].type, tf_name(t, fn), "arn");
}

/* An EventBridge rule named `rule_name`, described "Runs FN on WHEN"; it
 * and its target claim `name` for `what` (declared at `origin`). */
static cJSON *rule_block(Tf *t, const char *name, const Value *rule_name, const IrRes *fn, const char *when,
                         Span origin, const char *what) {
  TfClaim claims[] = {{"aws_cloudwatch_event_rule", name, what}, {"aws_cloudwatch_event_target", name, what}};
  tf_claim_group(t, claims, 2, origin);
  cJSON *rule = tf_block(t->resource, "aws_cloudwatch_event_rule", name);
  put(rule, "name", tf_string(t, rule_name));
  StrBuf desc = {0};
  sb_puts(&desc, "Runs ");
  tf_tmpl_lit(&desc, fn->name);
  sb_puts(&desc, " on ");
  tf_tmpl_lit(&desc, when);
  put_str(rule, "description", desc.data);
  sb_free(&desc);
  return rule;
}

void tf_schedule(Tf *t, const PlanSchedule *s) {
  const IrTrigger *trig = s->trig;
  const char *name = tf_schedule_name(t, s);
  cJSON *rule = rule_block(t, name, s->rule_name, trig->fn, trig_str(trig, ARG_SCHEDULE), trig->origin,
                           plan_schedule_describe(t->c, s));
  StrBuf expr = {0};
  sb_puts(&expr, "");
  tf_tmpl_lit(&expr, trig_str(trig, ARG_SCHEDULE));
  put_str(rule, "schedule_expression", expr.data);
  sb_free(&expr);
  rule_target(t, name, NULL, trig->fn, s->target_id);
}

/* ---- buses ---------------------------------------------------------------- */

/* The pattern as the JSON text event_pattern takes, escaped as a template. */
static cJSON *tf_event_pattern(Tf *t, const Value *pattern) {
  cJSON *tree = tf_value(t, pattern);
  char *text = json_text(tree);
  cJSON_Delete(tree);
  if (!text) return NULL;   /* the build has failed: put() adds nothing */
  StrBuf sb = {0};
  sb_puts(&sb, "");
  tf_tmpl_lit(&sb, text);
  cJSON_free(text);
  cJSON *s = jstr(sb.data);
  sb_free(&sb);
  return s;
}

/* The bus, then its rules (one per function it runs); the rule and its
 * target both name the bus, or EventBridge would look on the default one. */
void tf_bus(Tf *t, const IrRes *res) {
  cJSON *bus = tf_kind_block(t, res);
  put(bus, "name", tf_physical_name(t, res));
  for (uint32_t i = 0; i < t->plan->bus_rules.n; i++) {
    const PlanBusRule *br = t->plan->bus_rules.items[i];
    const IrTrigger *trig = br->trig;
    if (trig->source != res) continue;
    const char *name = tf_bus_rule_name(t, br);
    cJSON *rule = rule_block(t, name, br->rule_name, trig->fn, arena_printf(&t->c->arena, "events of bus %s", res->name),
                             trig->origin, plan_bus_rule_describe(t->c, br));
    put(rule, "event_bus_name", tf_res_ref(t, res, REF_NAME));
    put(rule, "event_pattern", tf_event_pattern(t, br->pattern));
    rule_target(t, name, res, trig->fn, br->target_id);
  }
}

/* "worker.errors >= 1": the alarm as the source says it. */
static cJSON *tf_alarm_description(Tf *t, const IrRes *res) {
  const Value *metric = ir_attr(res, AL_METRIC), *comparison = ir_attr(res, AL_COMPARISON);
  const char *what = "?";
  for (const RefSpec *r = metric->res->spec->refs; r->name; r++)
    if (r->attr == metric->ref) what = r->name;
  StrBuf sb = {0};
  tf_tmpl_lit(&sb, metric->res->name);
  sb_printf(&sb, ".%s %s ", what, comparison ? comparison->s : ">=");
  tf_tmpl_value(t, &sb, ir_attr(res, AL_THRESHOLD));
  cJSON *s = jstr(sb.data);
  sb_free(&sb);
  return s;
}

void tf_alarm(Tf *t, const IrRes *res) {
  const PlanAlarm *pa = plan_alarm(t->plan, res);
  if (!pa) {
    diag_internal_error(&t->c->diag, res->origin, "no plan for alarm '%s'", res->name);
    return;
  }
  cJSON *a = tf_kind_block(t, res);
  put(a, "alarm_name", tf_physical_name(t, res));
  put(a, "alarm_description", tf_alarm_description(t, res));
  put_str(a, "namespace", pa->metric_namespace);
  put_str(a, "metric_name", pa->metric_name);
  cJSON *dims = put_obj(a, "dimensions");
  put(dims, pa->dimension, tf_string(t, pa->dimension_value));
  put_str(a, "statistic", pa->statistic);
  put(a, "period", tf_scaled(t, ir_attr(res, AL_PERIOD), MS_PER_SECOND));
  put(a, "evaluation_periods", tf_value(t, ir_attr(res, AL_EVALUATION_PERIODS)));
  put(a, "threshold", tf_value(t, ir_attr(res, AL_THRESHOLD)));
  put_str(a, "comparison_operator", pa->comparison);
  put_str(a, "treat_missing_data", "notBreaching");
  const Value *notify = ir_attr(res, AL_NOTIFY);
  if (notify && notify->kind == V_REF) {
    push(put_arr(a, "alarm_actions"),
                         tf_res_ref(t, notify->res, REF_ARN));
    push(put_arr(a, "ok_actions"), tf_res_ref(t, notify->res, REF_ARN));
  }
}
