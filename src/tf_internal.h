/* tf_internal.h — what the files of the Terraform backend share.
 *
 * backend_tf.c holds the entry point, value rendering and the first kinds
 * (functions, buckets, tables, their triggers); tf_messaging.c topics,
 * queues, Kinesis streams and firehoses; tf_web.c HTTP APIs and CDNs;
 * tf_events.c schedules and alarms. All of them add to one Tf state with
 * the helpers declared here (defined in backend_tf.c), making every node
 * through json_build.h. What differs per kind (its type, emitter and
 * reference map) is its row in tf_kinds.c (tf_kinds.h). Not part of any
 * interface outside the Terraform backend.
 */
#ifndef STACKC_TF_INTERNAL_H
#define STACKC_TF_INTERNAL_H

#include <cjson/cJSON.h>
#include <stdbool.h>

#include "backend.h"
#include "compile.h"
#include "json_build.h"
#include "names.h"
#include "plan.h"
#include "util.h"

/* State of one translation. */
typedef struct Tf {
  Compilation *c;
  const IrProgram *ir;
  const Plan *plan;
  const BackendOptions *opt;
  cJSON *data;              /* data sources, except the pseudo ones */
  cJSON *resource;          /* resource.TYPE.NAME */
  bool pseudo_used[PSEUDO_COUNT];   /* indexed by Pseudo: declare the data source */
  NameRegistry names;       /* the names claimed so far, per type, as emitted */
} Tf;

/* ---- tree helpers (backend_tf.c) ---- */

/* section[type][name] = {}, creating section[type] when needed. */
cJSON *tf_block(cJSON *section, const char *type, const char *name);

/* tf_names.c: resource names from source names and roles, and their claims. */
/* Claims `name` among the names of `type` for `what`, declared at `origin`;
 * false after a collision (reported naming both). */
bool tf_claim(Tf *t, const char *type, const char *name, Span origin, const char *what);
/* Names that go together (a role, its policy and policy documents share one
 * name): after the first collision the rest would only repeat it. */
typedef struct TfClaim {
  const char *type, *name, *what;
} TfClaim;
void tf_claim_group(Tf *t, const TfClaim *claims, size_t n, Span origin);
#define TF_TOPIC_KEY_NAME "topic_key"   /* the plan's topic_key: aws_kms_key and its policy document */
const char *tf_name(Tf *t, const IrRes *res);   /* "photo_uploads" */
const char *tf_role_name(Tf *t, const IrRes *owner);   /* a function's "resize", a firehose's "archive_firehose" */
const char *tf_dead_letter_name(Tf *t, const IrRes *queue);   /* "jobs_dead_letter" */
const char *tf_cdn_policy_name(Tf *t, const IrRes *bucket);   /* a cdn origin's: "site_cdn" */
const char *tf_schedule_name(Tf *t, const PlanSchedule *s);   /* "cleanup_schedule", "cleanup_schedule2" */
const char *tf_permission_name(Tf *t, const PlanPermission *pp);   /* "resize_uploads" */
const char *tf_statement_id(Tf *t, const PlanPermission *pp);   /* "ResizeUploadsPermission" */
const char *tf_mapping_name(Tf *t, const PlanMapping *m);     /* "index_photos" */
const char *tf_subscription_name(Tf *t, const PlanSubscription *s);   /* "notify_alerts" */
const char *tf_bus_rule_name(Tf *t, const PlanBusRule *r);    /* "ship_orders": the rule and its target */
const char *tf_integration_name(Tf *t, const PlanIntegration *in);    /* "web_serve" */
const char *tf_route_name(Tf *t, const PlanRoute *r);         /* "web_get_photos_id" */
/* A string "${<printf result>}". */
cJSON *tf_expr(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* obj[key] = "${TYPE.NAME.ATTR}". */
void tf_add_expr_ref(cJSON *obj, const char *key, const char *type, const char *name,
                     const char *attr);
/* Appends "TYPE.NAME" to a depends_on list. */
void tf_depend(cJSON *list, const char *type, const char *name);
cJSON *tf_string_array(const char *const *items, uint32_t n);
/* lifecycle { prevent_destroy = true } */
void tf_prevent_destroy(cJSON *res);
/* A new object appended to the array obj[key], created when absent: one
 * more instance of a repeatable nested block (statement, origin, ...). */
cJSON *tf_add_block_item(cJSON *obj, const char *key);

/* ---- values (backend_tf.c) ---- */

/* Literal text in a template: "${" → "$${", "%{" → "%%{". */
void tf_tmpl_lit(StrBuf *sb, const char *s);
/* Appends v as part of a string template. */
void tf_tmpl_value(Tf *t, StrBuf *sb, const Value *v);
/* v as a string template. */
cJSON *tf_string(Tf *t, const Value *v);
/* Any value: numbers and bools as JSON, lists and maps as arrays and objects. */
cJSON *tf_value(Tf *t, const Value *v);
/* A number attribute: v->i divided by `unit` (bytes → MB, ms → s). */
cJSON *tf_scaled(Tf *t, const Value *v, int64_t unit);
/* v as an HCL literal inside an expression: "text" (escaped), 3, true. */
void tf_hcl_literal(StrBuf *sb, const Value *v);
/* The string template of attribute `ref` of `res` (a reference as the user would write it). */
cJSON *tf_res_ref(Tf *t, const IrRes *res, RefAttr ref);
/* The plan's physical name of res, "<prefix>-<name>" (streams, firehoses,
 * alarms and APIs, whose names Terraform requires). */
cJSON *tf_physical_name(Tf *t, const IrRes *res);

/* ---- IAM (backend_tf.c) ---- */

/* data.aws_iam_policy_document.<role>_assume, data.aws_iam_policy_document.<role>,
 * aws_iam_role.<role> and aws_iam_role_policy.<role>. */
/* The role of `owner` (a function or firehose), named tf_role_name(owner). */
void tf_role(Tf *t, const PlanRole *role, const IrRes *owner);
cJSON *tf_statement(Tf *t, const PlanStatement *ps);
/* principals { type, identifiers } appended to statement st. */
void tf_principal(cJSON *st, const char *type, const char *const *ids, uint32_t n);

/* ---- what the plan adds beside the kinds' resources; each kind's own
 * emitter is in its row, tf_kinds.h ---- */

/* tf_messaging.c */
void tf_topic_key(Tf *t, const PlanKey *key);
void tf_subscription(Tf *t, const PlanSubscription *s);
void tf_mapping(Tf *t, const PlanMapping *m);
/* tf_events.c */
void tf_schedule(Tf *t, const PlanSchedule *s);

#endif
