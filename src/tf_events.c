/* tf_events.c — Terraform for schedules and alarms.
 *
 *   schedule  aws_cloudwatch_event_rule + aws_cloudwatch_event_target (the
 *             invoke permission is one of the plan's permissions)
 *   alarm     aws_cloudwatch_metric_alarm, telling its topic when it fires and recovers
 *
 * Part of the Terraform backend (backend_tf.c, tf_internal.h).
 */
#include <string.h>

#include "tf_internal.h"
#include "tf_kinds.h"

void tf_schedule(Tf *t, const PlanSchedule *s) {
  const IrTrigger *trig = s->trig;
  const char *what = plan_schedule_describe(t->c, s);
  TfClaim claims[] = {{"aws_cloudwatch_event_rule", tf_schedule_name(t, s), what},
                      {"aws_cloudwatch_event_target", tf_schedule_name(t, s), what}};
  tf_claim_group(t, claims, 2, trig->origin);
  cJSON *rule = tf_block(t->resource, "aws_cloudwatch_event_rule", tf_schedule_name(t, s));
  put(rule, "name", tf_string(t, s->rule_name));
  StrBuf desc = {0};
  sb_puts(&desc, "Runs ");
  tf_tmpl_lit(&desc, trig->fn->name);
  sb_puts(&desc, " on ");
  tf_tmpl_lit(&desc, trig_str(trig, ARG_SCHEDULE));
  put_str(rule, "description", desc.data);
  sb_free(&desc);
  StrBuf expr = {0};
  sb_puts(&expr, "");
  tf_tmpl_lit(&expr, trig_str(trig, ARG_SCHEDULE));
  put_str(rule, "schedule_expression", expr.data);
  sb_free(&expr);
  cJSON *target = tf_block(t->resource, "aws_cloudwatch_event_target", tf_schedule_name(t, s));
  tf_add_expr_ref(target, "rule", "aws_cloudwatch_event_rule", tf_schedule_name(t, s), "name");
  /* EventBridge target IDs have at most 64 characters. */
  put_str(target, "target_id", s->target_id);
  tf_add_expr_ref(target, "arn", tf_kinds[RES_FUNCTION].type, tf_name(t, trig->fn), "arn");
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
