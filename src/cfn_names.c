/* cfn_names.c — CloudFormation logical IDs.
 *
 * Every logical ID derives from source names only — CamelCase of the
 * declaration's name, plus a fixed suffix naming the role of a resource
 * the declaration brings (its role, log group, dead-letter queue,
 * permission...) — so IDs are stable across edits. The IR and the plan
 * carry the names and roles; this file is the only place that spells
 * them as CloudFormation does.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "cfn_internal.h"
#include "names.h"

static const char *camel_with(Cfn *cf, const char *name, const char *suffix) {
  return arena_printf(&cf->c->arena, "%s%s", names_camel(cf->c, name), suffix);
}

const char *cfn_id(Cfn *cf, const IrRes *res) {
  return res->dead_letter_of ? cfn_dead_letter_id(cf, res->dead_letter_of) : names_camel(cf->c, res->name);
}
const char *cfn_param_id(Cfn *cf, const IrParam *prm) { return names_camel(cf->c, prm->name); }
const char *cfn_output_id(Cfn *cf, const IrOutput *out) { return names_camel(cf->c, out->name); }

const char *cfn_role_id(Cfn *cf, const IrRes *owner) { return camel_with(cf, owner->name, "Role"); }
const char *cfn_role_policy_id(Cfn *cf, const IrRes *owner) { return camel_with(cf, owner->name, "RolePolicy"); }
const char *cfn_inline_policy_name(Cfn *cf, const IrRes *fn) { return camel_with(cf, fn->name, "Policy"); }
const char *cfn_log_group_id(Cfn *cf, const IrRes *fn) { return camel_with(cf, fn->name, "LogGroup"); }
const char *cfn_invoke_config_id(Cfn *cf, const IrRes *fn) { return camel_with(cf, fn->name, "InvokeConfig"); }
const char *cfn_dead_letter_id(Cfn *cf, const IrRes *queue) { return camel_with(cf, queue->name, "DeadLetter"); }
const char *cfn_public_policy_id(Cfn *cf, const IrRes *bucket) { return camel_with(cf, bucket->name, "Policy"); }
const char *cfn_stage_id(Cfn *cf, const IrRes *api) { return camel_with(cf, api->name, "Stage"); }
const char *cfn_access_logs_id(Cfn *cf, const IrRes *api) { return camel_with(cf, api->name, "AccessLogs"); }
const char *cfn_origin_access_id(Cfn *cf, const IrRes *cdn) { return camel_with(cf, cdn->name, "OriginAccess"); }
const char *cfn_cdn_policy_id(Cfn *cf, const IrRes *bucket) { return camel_with(cf, bucket->name, "CdnPolicy"); }

/* "<Fn><Source><what>": a trigger's resource, named by both ends. */
static const char *edge_id(Cfn *cf, const IrRes *fn, const IrRes *source, const char *what) {
  return arena_printf(&cf->c->arena, "%s%s%s", cfn_id(cf, fn), cfn_id(cf, source), what);
}

/* "<Fn>Schedule", "<Fn>Schedule2"... */
const char *cfn_schedule_id(Cfn *cf, const PlanSchedule *s) {
  return arena_printf(&cf->c->arena, "%sSchedule%s", cfn_id(cf, s->trig->fn), names_number(cf->c, s->number));
}

/* A source's permission is named by both ends; a schedule's after its rule. */
const char *cfn_permission_id(Cfn *cf, const PlanPermission *pp) {
  if (!pp->source) return arena_printf(&cf->c->arena, "%sPermission", cfn_schedule_id(cf, pp->schedule));
  return edge_id(cf, pp->fn, pp->source, "Permission");
}

const char *cfn_mapping_id(Cfn *cf, const PlanMapping *m) {
  return edge_id(cf, m->trig->fn, m->trig->source, "Mapping");
}

const char *cfn_subscription_id(Cfn *cf, const PlanSubscription *s) {
  return edge_id(cf, s->trig->fn, s->trig->source, "Subscription");
}

/* "<Fn><Bus>Rule": "ShipOrdersRule". */
const char *cfn_bus_rule_id(Cfn *cf, const PlanBusRule *r) {
  return edge_id(cf, r->trig->fn, r->trig->source, "Rule");
}

/* "<Api><Fn>Integration" (the api first). */
const char *cfn_integration_id(Cfn *cf, const PlanIntegration *in) {
  return edge_id(cf, in->api, in->fn, "Integration");
}

/* "<Api><Method><PathWords>[N]Route": "WebGetPhotosIdRoute". */
const char *cfn_route_id(Cfn *cf, const PlanRoute *r) {
  const char *camel, *snake;
  names_path_words(cf->c, trig_str(r->trig, ARG_PATH), &camel, &snake);
  return arena_printf(&cf->c->arena, "%s%s%s%sRoute", cfn_id(cf, r->trig->source),
                      names_camel(cf->c, names_kebab(cf->c, ir_route_method(r->trig))), camel,
                      names_number(cf->c, r->number));
}
