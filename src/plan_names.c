/* plan_names.c — claiming every name a template will hold.
 *
 * CloudFormation logical IDs share one namespace ("cfn"); Terraform names
 * are unique per resource type, so each claim names its type (a kind's own
 * resource is claimed under the kind's name, which stands for its one
 * Terraform type; derived resources of that type claim the same space).
 * Two claims of one name are an error naming both. This file also counts
 * the resources a CloudFormation template will hold.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <string.h>

#include "plan_internal.h"

typedef struct Claims {
  Planner *p;
  uint32_t count;   /* CloudFormation resources */
} Claims;

/* A CloudFormation resource: claims its logical ID and counts it. */
static void cfn(Claims *k, const char *id, Span origin, const char *what) {
  names_claim(k->p->c, &k->p->names, "cfn", id, origin, what);
  k->count++;
}

static void tf(Claims *k, const char *type, const char *name, Span origin, const char *what) {
  names_claim(k->p->c, &k->p->names, type, name, origin, what);
}

/* Claims Terraform names that go together (a role, its policy and policy
 * documents share one name): after the first collision the rest would only
 * repeat it, so they are not claimed. */
typedef struct TfName {
  const char *type, *name, *what;
} TfName;

static void tf_group(Claims *k, const TfName *names, size_t n, Span origin) {
  unsigned before = k->p->c->diag.nerrors;
  for (size_t i = 0; i < n && k->p->c->diag.nerrors == before; i++)
    tf(k, names[i].type, names[i].name, origin, names[i].what);
}

/* The role of `r` in CloudFormation, and in Terraform: aws_iam_role,
 * aws_iam_role_policy and the two policy documents (trust
 * "<name>_assume", permissions "<name>"). */
static void claim_role(Claims *k, const PlanRole *role, const IrRes *r) {
  Planner *p = k->p;
  const char *what = plan_describe(p, "the role of ", r);
  cfn(k, role->cfn_id, r->origin, what);
  TfName names[] = {
    {"aws_iam_role", role->tf_name, what},
    {"aws_iam_role_policy", role->tf_name, plan_describe(p, "the role policy of ", r)},
    {"aws_iam_policy_document", arena_printf(&p->c->arena, "%s_assume", role->tf_name),
     plan_describe(p, "the trust policy of ", r)},
    {"aws_iam_policy_document", role->tf_name, plan_describe(p, "the policy of ", r)},
  };
  tf_group(k, names, sizeof names / sizeof names[0], r->origin);
}

static void claim_resources(Claims *k) {
  Planner *p = k->p;
  for (uint32_t i = 0; i < p->ir->resources.n; i++) {
    IrRes *r = p->ir->resources.items[i];
    cfn(k, r->cfn_id, r->origin, plan_describe(p, "", r));
    tf(k, r->spec->name, r->tf_name, r->origin, plan_describe(p, "", r));
    switch (r->kind) {
    case RES_FUNCTION: {
      PlanFunction *pf = plan_function(p->plan, r);
      claim_role(k, &pf->role, r);   /* the policy is inline in the role */
      cfn(k, pf->log_cfn_id, r->origin, plan_describe(p, "the log group of ", r));
      tf(k, "aws_cloudwatch_log_group", r->tf_name, r->origin, plan_describe(p, "the log group of ", r));
      break;
    }
    case RES_BUCKET:
      if (r->attrs[BK_PUBLIC] && r->attrs[BK_PUBLIC]->b) {
        const char *what = plan_describe(p, "the public-read policy of ", r);
        cfn(k, arena_printf(&p->c->arena, "%sPolicy", r->cfn_id), r->origin, what);
        tf(k, "aws_s3_bucket_policy", r->tf_name, r->origin, what);
        tf(k, "aws_iam_policy_document", arena_printf(&p->c->arena, "%s_public", r->tf_name), r->origin, what);
      }
      break;
    case RES_QUEUE: {
      PlanQueue *pq = plan_queue(p->plan, r);
      if (pq && pq->dlq_cfn_id) {
        const char *what = plan_describe(p, "the dead-letter queue of ", r);
        cfn(k, pq->dlq_cfn_id, r->origin, what);
        tf(k, "queue", pq->dlq_tf_name, r->origin, what);
      }
      break;
    }
    case RES_FIREHOSE: {
      PlanFirehose *pf = plan_firehose(p->plan, r);
      claim_role(k, &pf->role, r);
      cfn(k, pf->policy_cfn_id, r->origin, plan_describe(p, "the role policy of ", r));
      break;
    }
    case RES_API: {
      PlanApi *pa = plan_api(p->plan, r);
      const char *what = plan_describe(p, "the stage of ", r);
      cfn(k, pa->stage_cfn_id, r->origin, what);
      tf(k, "aws_apigatewayv2_stage", r->tf_name, r->origin, what);
      if (pa->log_cfn_id) {
        what = plan_describe(p, "the access log group of ", r);
        cfn(k, pa->log_cfn_id, r->origin, what);
        tf(k, "aws_cloudwatch_log_group", pa->log_tf_name, r->origin, what);
      }
      for (uint32_t j = 0; j < pa->integrations.n; j++) {
        PlanIntegration *in = pa->integrations.items[j];
        what = arena_printf(&p->c->arena, "the integration of api '%s' with function '%s'", r->name, in->fn->name);
        cfn(k, in->cfn_id, r->origin, what);
        tf(k, "aws_apigatewayv2_integration", in->tf_name, r->origin, what);
      }
      for (uint32_t j = 0; j < pa->routes.n; j++) {
        PlanRoute *rt = pa->routes.items[j];
        what = arena_printf(&p->c->arena, "the route '%s' of api '%s'", rt->route_key, r->name);
        cfn(k, rt->cfn_id, rt->trig->origin, what);
        tf(k, "aws_apigatewayv2_route", rt->tf_name, rt->trig->origin, what);
      }
      break;
    }
    case RES_CDN: {
      PlanCdn *pc = plan_cdn(p->plan, r);
      if (pc->oac_cfn_id) {
        const char *what = plan_describe(p, "the origin access control of ", r);
        cfn(k, pc->oac_cfn_id, r->origin, what);
        tf(k, "aws_cloudfront_origin_access_control", r->tf_name, r->origin, what);
      }
      if (pc->bucket_policy_cfn_id) {
        const char *what = plan_describe(p, "the origin bucket policy of ", r);
        cfn(k, pc->bucket_policy_cfn_id, r->origin, what);
        TfName names[] = {{"aws_s3_bucket_policy", pc->bucket_policy_tf_name, what},
                          {"aws_iam_policy_document", pc->bucket_policy_tf_name, what}};
        tf_group(k, names, 2, r->origin);
      }
      break;
    }
    default: break;
    }
  }
}

static void claim_triggers(Claims *k) {
  Planner *p = k->p;
  Compilation *c = p->c;
  for (uint32_t i = 0; i < p->plan->permissions.n; i++) {
    PlanPermission *pp = p->plan->permissions.items[i];
    const char *what = pp->source ? arena_printf(&c->arena, "the permission of %s '%s' to run '%s'",
                                                 pp->source->spec->name, pp->source->name, pp->fn->name)
                                  : arena_printf(&c->arena, "the permission of a schedule to run '%s'", pp->fn->name);
    cfn(k, pp->cfn_id, pp->fn->origin, what);
    tf(k, "aws_lambda_permission", pp->tf_name, pp->fn->origin, what);
  }
  for (uint32_t i = 0; i < p->plan->mappings.n; i++) {
    PlanMapping *m = p->plan->mappings.items[i];
    const char *what = arena_printf(&c->arena, "the mapping from %s '%s' to '%s'", m->trig->source->spec->name,
                                    m->trig->source->name, m->trig->fn->name);
    cfn(k, m->cfn_id, m->trig->origin, what);
    tf(k, "aws_lambda_event_source_mapping", m->tf_name, m->trig->origin, what);
  }
  for (uint32_t i = 0; i < p->plan->subscriptions.n; i++) {
    PlanSubscription *s = p->plan->subscriptions.items[i];
    const char *what = arena_printf(&c->arena, "the subscription of '%s' to topic '%s'", s->trig->fn->name,
                                    s->trig->source->name);
    cfn(k, s->cfn_id, s->trig->origin, what);
    tf(k, "aws_sns_topic_subscription", s->tf_name, s->trig->origin, what);
  }
  for (uint32_t i = 0; i < p->plan->schedules.n; i++) {
    PlanSchedule *s = p->plan->schedules.items[i];
    const char *what = arena_printf(&c->arena, "the schedule of '%s' (%s)", s->trig->fn->name, trig_str(s->trig, ARG_SCHEDULE));
    cfn(k, s->cfn_id, s->trig->origin, what);   /* the target is inline in the rule */
    TfName names[] = {{"aws_cloudwatch_event_rule", s->tf_name, what},
                      {"aws_cloudwatch_event_target", s->tf_name, what}};
    tf_group(k, names, 2, s->trig->origin);
  }
  for (uint32_t i = 0; i < p->plan->bus_rules.n; i++) {
    PlanBusRule *r = p->plan->bus_rules.items[i];
    const char *what = arena_printf(&c->arena, "the rule of bus '%s' running '%s'", r->trig->source->name,
                                    r->trig->fn->name);
    cfn(k, r->cfn_id, r->trig->origin, what);   /* the target is inline in the rule */
    TfName names[] = {{"aws_cloudwatch_event_rule", r->tf_name, what},
                      {"aws_cloudwatch_event_target", r->tf_name, what}};
    tf_group(k, names, 2, r->trig->origin);
  }
}

void plan_claim_names(Planner *p) {
  Claims k = {p, 0};
  Compilation *c = p->c;
  for (uint32_t i = 0; i < p->ir->params.n; i++) {
    IrParam *prm = p->ir->params.items[i];
    names_claim(c, &p->names, "cfn", prm->cfn_id, prm->origin, arena_printf(&c->arena, "parameter '%s'", prm->name));
  }
  if (p->plan->functions.n > 0) names_claim(c, &p->names, "cfn", "CodeBucket", NO_SPAN, "the CodeBucket parameter");
  if (p->plan->topic_key) {
    const char *what = "the KMS key of topics that alarms notify";
    cfn(&k, p->plan->topic_key->cfn_id, NO_SPAN, what);
    TfName names[] = {{"aws_kms_key", p->plan->topic_key->tf_name, what},
                      {"aws_iam_policy_document", p->plan->topic_key->tf_name, what}};
    tf_group(&k, names, 2, NO_SPAN);
  }
  claim_resources(&k);
  claim_triggers(&k);
  p->plan->cfn_resource_count = k.count;
}
