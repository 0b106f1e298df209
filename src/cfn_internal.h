/* cfn_internal.h — what the CloudFormation backend's files share.
 *
 * backend_cfn.c holds the template sections, value rendering and the
 * function, bucket, table, permission and mapping resources; cfn_messaging.c
 * topics, queues, Kinesis streams, firehoses, the topic key, subscriptions
 * and schedules; cfn_web.c HTTP APIs, distributions and alarms. They build
 * one cJSON tree through json_build.h and the helpers below. Not part of
 * the backend's API (backend.h is).
 */
#ifndef STACKC_CFN_INTERNAL_H
#define STACKC_CFN_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "compile.h"
#include "ir.h"
#include "json_build.h"
#include "plan.h"
#include "backend.h"
#include "names.h"

#define POLICY_VERSION "2012-10-17"

typedef struct Cfn {
  Compilation *c;
  const IrProgram *ir;
  const Plan *plan;
  const BackendOptions *opt;
  cJSON *resources;   /* the template's Resources object */
  NameRegistry names; /* the logical IDs claimed so far: parameters, then resources as emitted */
  uint32_t nresources;   /* resources emitted so far (CloudFormation caps a stack at 500) */
} Cfn;

/* ---- cJSON helpers (json_build.h: every node belongs to the returned
 * tree; a failed allocation fails the whole build) ---------------------- */

static inline cJSON *jref(const char *id) {
  cJSON *o = jobj();
  put(o, "Ref", jstr(id));
  return o;
}

static inline cJSON *jgetatt(const char *id, const char *attr) {
  cJSON *o = jobj();
  cJSON *a = put(o, "Fn::GetAtt", jarr());
  push(a, jstr(id));
  push(a, jstr(attr));
  return o;
}

/* A one-element array holding a string. */
static inline cJSON *jstr_list(const char *s) {
  cJSON *a = jarr();
  push(a, jstr(s));
  return a;
}

/* An attribute that is a non-empty V_MAP or V_LIST, else NULL. */
static inline const Value *nonempty(const Value *v) { return v && v->n > 0 ? v : NULL; }

/* ---- shared by the backend's files (backend_cfn.c) -------------------- */

/* Reports an internal error (a plan entry the backend needs is missing) at
 * `res` (or the whole input when NULL), through diag_internal_error: the
 * caller leaves the resource out and goes on, and the driver then writes no
 * template, so a resource is never silently left out of one. */
void cfn_internal_error(Cfn *cf, const char *what, const IrRes *res);

/* cfn_names.c: logical IDs from source names and roles. */
#define CFN_TOPIC_KEY_ID "TopicKey"   /* the plan's topic_key */
const char *cfn_id(Cfn *cf, const IrRes *res);   /* "PhotoUploads" */
const char *cfn_param_id(Cfn *cf, const IrParam *prm);
const char *cfn_output_id(Cfn *cf, const IrOutput *out);
const char *cfn_role_id(Cfn *cf, const IrRes *owner);          /* a function's or firehose's: "ResizeRole" */
const char *cfn_role_policy_id(Cfn *cf, const IrRes *owner);   /* a firehose's: "ArchiveRolePolicy" */
const char *cfn_inline_policy_name(Cfn *cf, const IrRes *fn);  /* in a function's role: "ResizePolicy" */
const char *cfn_log_group_id(Cfn *cf, const IrRes *fn);
const char *cfn_invoke_config_id(Cfn *cf, const IrRes *fn);   /* "ResizeInvokeConfig" */        /* "ResizeLogGroup" */
const char *cfn_dead_letter_id(Cfn *cf, const IrRes *queue);   /* "JobsDeadLetter" */
const char *cfn_public_policy_id(Cfn *cf, const IrRes *bucket);   /* "SitePolicy" */
const char *cfn_stage_id(Cfn *cf, const IrRes *api);           /* "WebStage" */
const char *cfn_access_logs_id(Cfn *cf, const IrRes *api);     /* "WebAccessLogs" */
const char *cfn_origin_access_id(Cfn *cf, const IrRes *cdn);   /* "WwwOriginAccess" */
const char *cfn_cdn_policy_id(Cfn *cf, const IrRes *bucket);   /* a cdn origin's: "SiteCdnPolicy" */
const char *cfn_schedule_id(Cfn *cf, const PlanSchedule *s);   /* "CleanupSchedule", "CleanupSchedule2" */
const char *cfn_permission_id(Cfn *cf, const PlanPermission *pp);   /* "ResizeUploadsPermission" */
const char *cfn_mapping_id(Cfn *cf, const PlanMapping *m);     /* "IndexPhotosMapping" */
const char *cfn_subscription_id(Cfn *cf, const PlanSubscription *s);   /* "NotifyAlertsSubscription" */
const char *cfn_bus_rule_id(Cfn *cf, const PlanBusRule *r);    /* "ShipOrdersRule" */
const char *cfn_integration_id(Cfn *cf, const PlanIntegration *in);    /* "WebServeIntegration" */
const char *cfn_route_id(Cfn *cf, const PlanRoute *r);         /* "WebGetPhotosIdRoute" */

/* Any IR value: literals, lists, maps, params, pseudos, joins (Fn::Sub) and
 * references (a known name/ARN first, then Ref/GetAtt). */
cJSON *cfn_render(Cfn *cf, const Value *v);
/* Like cfn_render, but scalars become strings (environment and tag values). */
cJSON *cfn_render_string(Cfn *cf, const Value *v);
/* Ref or GetAtt of a resource's attribute, without asking ir_ref_known:
 * structural references that must carry the dependency. */
cJSON *cfn_res_ref(Cfn *cf, const IrRes *res, RefAttr attr);
/* A string-typed join of `n` parts rendered like any value (arena-allocated). */
cJSON *cfn_render_parts(Cfn *cf, Value *const *parts, uint32_t n);

/* Adds Resources.<id> with its Type and, for kept resources, the Retain policies. */
cJSON *cfn_add_resource(Cfn *cf, const char *id, const char *type, bool retain, const IrRes *group, Span origin,
                        const char *what);
/* The stack's tags as [{Key, Value}] on a taggable resource; none when empty. */
void cfn_put_tags(Cfn *cf, cJSON *props);
/* The stack's tags as a {Key: Value} map (API Gateway V2); none when empty. */
void cfn_put_tag_map(Cfn *cf, cJSON *props);

/* IAM: a trust policy for one service, one policy statement, a whole policy document. */
cJSON *cfn_assume_role_document(const char *service);
cJSON *cfn_policy_statement(Cfn *cf, const PlanStatement *ps);
cJSON *cfn_policy_document(Cfn *cf, const PlanRole *role);

/* ---- what the plan adds beside the kinds' resources (cfn_messaging.c);
 * each kind's own emitter is in its row, cfn_kinds.h ---- */
void cfn_emit_topic_key(Cfn *cf, const PlanKey *key);
void cfn_emit_subscription(Cfn *cf, const PlanSubscription *ps);
void cfn_emit_schedule(Cfn *cf, const PlanSchedule *sc);

#endif
