/* tf_names.c — Terraform resource names.
 *
 * A resource's name is its declaration's source name; a resource the
 * declaration brings (its role, log group, dead-letter queue,
 * permission...) is named after it, with a suffix where it shares a type
 * with the declaration's own. Terraform names are unique per type, so
 * several resources of different types share one name. The IR and the
 * plan carry the names and roles; this file is the only place that spells
 * them as Terraform does.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "names.h"
#include "plan.h"
#include "tf_internal.h"

bool tf_claim(Tf *t, const char *type, const char *name, Span origin, const char *what) {
  return names_claim(t->c, &t->names, type, name, origin, what);
}

void tf_claim_group(Tf *t, const TfClaim *claims, size_t n, Span origin) {
  for (size_t i = 0; i < n && tf_claim(t, claims[i].type, claims[i].name, origin, claims[i].what); i++) continue;
}

const char *tf_name(Tf *t, const IrRes *res) {
  return res->dead_letter_of ? tf_dead_letter_name(t, res->dead_letter_of) : res->name;
}

/* A function's role is named like the function; a firehose's "<name>_firehose". */
const char *tf_role_name(Tf *t, const IrRes *owner) {
  return owner->kind == RES_FUNCTION ? owner->name : arena_printf(&t->c->arena, "%s_firehose", owner->name);
}

const char *tf_dead_letter_name(Tf *t, const IrRes *queue) {
  return arena_printf(&t->c->arena, "%s_dead_letter", queue->name);
}

const char *tf_cdn_policy_name(Tf *t, const IrRes *bucket) {
  return arena_printf(&t->c->arena, "%s_cdn", bucket->name);
}

/* "<fn>_<source>": a trigger's resource, named by both ends. */
static const char *edge_name(Tf *t, const IrRes *fn, const IrRes *source) {
  return arena_printf(&t->c->arena, "%s_%s", fn->name, source->name);
}

/* "<fn>_schedule", "<fn>_schedule2"... */
const char *tf_schedule_name(Tf *t, const PlanSchedule *s) {
  return arena_printf(&t->c->arena, "%s_schedule%s", s->trig->fn->name, names_number(t->c, s->number));
}

/* A source's permission is named by both ends; a schedule's like its rule. */
const char *tf_permission_name(Tf *t, const PlanPermission *pp) {
  return pp->source ? edge_name(t, pp->fn, pp->source) : tf_schedule_name(t, pp->schedule);
}

/* The permission's statement ID in the function's policy: the CamelCase of
 * both ends, "<Fn><Source>Permission", or "<Fn>Schedule[N]Permission". */
const char *tf_statement_id(Tf *t, const PlanPermission *pp) {
  const char *fn = names_camel(t->c, pp->fn->name);
  if (!pp->source)
    return arena_printf(&t->c->arena, "%sSchedule%sPermission", fn, names_number(t->c, pp->schedule->number));
  return arena_printf(&t->c->arena, "%s%sPermission", fn, names_camel(t->c, pp->source->name));
}

const char *tf_mapping_name(Tf *t, const PlanMapping *m) { return edge_name(t, m->trig->fn, m->trig->source); }
const char *tf_subscription_name(Tf *t, const PlanSubscription *s) {
  return edge_name(t, s->trig->fn, s->trig->source);
}
const char *tf_bus_rule_name(Tf *t, const PlanBusRule *r) { return edge_name(t, r->trig->fn, r->trig->source); }
const char *tf_integration_name(Tf *t, const PlanIntegration *in) { return edge_name(t, in->api, in->fn); }

/* "<api>_<method>_<path_words>[N]": "web_get_photos_id". */
const char *tf_route_name(Tf *t, const PlanRoute *r) {
  const char *camel, *snake;
  names_path_words(t->c, trig_str(r->trig, ARG_PATH), &camel, &snake);
  return arena_printf(&t->c->arena, "%s_%s_%s%s", r->trig->source->name, names_kebab(t->c, ir_route_method(r->trig)),
                      snake, names_number(t->c, r->number));
}
