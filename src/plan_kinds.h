/* plan_kinds.h — the plan layer's one row per kind (plan_kinds.c).
 *
 * Everything the plan does differently for each kind is a member of its
 * row: the physical-name rule and length, the IAM grant rows, the role
 * statements a function triggered by the kind needs, how a trigger on the
 * kind is lowered, and the planner that builds the kind's plan entry. A member that does not apply to a kind is
 * NULL with the matching `no_...` string saying why; tests/unit/
 * test_tables.c fails on a NULL member without a reason, naming the
 * kind, so adding a kind without its plan row fails `make check`.
 */
#ifndef STACKC_PLAN_KINDS_H
#define STACKC_PLAN_KINDS_H

#include <stddef.h>

#include "kinds.h"
#include "plan_internal.h"

/* Which ARN of the target a grant row's actions apply to. */
typedef enum GrantScope {
  SCOPE_BUCKET,        /* the bucket ARN: listing */
  SCOPE_OBJECTS,       /* the objects: the bucket ARN followed by "/" and any key */
  SCOPE_TABLE,         /* the table ARN */
  SCOPE_TABLE_INDEXES, /* the table ARN and the ARNs of its indexes ("/index/" + any) */
  SCOPE_ARN,           /* the target's own ARN: topic, queue, stream, firehose, function */
} GrantScope;

/* One IAM statement of `can ACCESS target`; an access may have several
 * (a bucket's objects and the bucket itself). A kind's rows end with a
 * NULL sid_suffix. */
typedef struct GrantRow {
  Access access;
  GrantScope scope;
  const char *sid_suffix;      /* "Objects", "Bucket", "Items", "Queue", ... */
  const char *actions[12];     /* sorted, NULL-terminated */
} GrantRow;

/* When a kind's planner runs: functions and APIs before triggers (trigger
 * lowering adds to their roles and routes), the others after (a queue's
 * timeout and a topic's key read the functions' plans). */
typedef enum PlanPhase { PLAN_BEFORE_TRIGGERS, PLAN_AFTER_TRIGGERS } PlanPhase;

typedef struct PlanKind {
  /* The physical name (IrRes.physical_name), at most kind_specs[].name_max characters. */
  Value *(*physical_name)(Planner *p, IrRes *r);
  const char *no_physical_name;
  /* The statements of `can ACCESS r`: rows for every access the kind allows. */
  const GrantRow *grants;
  const char *no_grants;
  /* What a function's role needs for Lambda to deliver records here (an
   * on_failure / on_success destination); NULL: not a destination AWS has. */
  const GrantRow *destination;
  /* Lowers a trigger whose source is of this kind (a permission, a mapping,
   * a subscription, a route, a rule...). */
  void (*lower_trigger)(Planner *p, IrTrigger *t);
  const char *no_lower_trigger;
  /* What the role of a function this kind triggers needs (a poller's reads). */
  void (*trigger_statements)(Planner *p, PlanFunction *pf, const IrTrigger *t);
  const char *no_trigger_statements;
  /* Builds the kind's plan entry (plan_function, plan_queue, ...). */
  void (*plan)(Planner *p, IrRes *r);
  PlanPhase phase;
  const char *no_plan;
} PlanKind;

extern const PlanKind plan_kinds[RES_KIND_COUNT];

/* A member is complete when it is set or NULL with a non-empty reason (not
 * both): what tests/unit/test_tables.c asserts of every row, and what
 * the plan checks before it dispatches, reporting an internal error. */
bool plan_member_complete(bool set, const char *no_reason);

/* ---- the members (plan.c, plan_services.c, plan_triggers.c) ---- */
Value *plan_prefixed_name(Planner *p, IrRes *r);   /* "<prefix>-<name>" */
Value *plan_bucket_name(Planner *p, IrRes *bucket);  /* given, derived when it must be known, else NULL */
void plan_table_stream_statements(Planner *p, PlanFunction *pf, const IrTrigger *t);
void plan_queue_poller_statement(Planner *p, PlanFunction *pf, const IrTrigger *t);
void plan_stream_poller_statement(Planner *p, PlanFunction *pf, const IrTrigger *t);
void plan_function_one(Planner *p, IrRes *fn);
void plan_destination_statements(Planner *p, PlanFunction *pf, IrRes *dest);
/* plan_triggers.c */
void plan_bucket_trigger(Planner *p, IrTrigger *t);   /* an S3 notification and its permission */
void plan_mapping(Planner *p, IrTrigger *t);          /* a poller's event source mapping */
void plan_topic_trigger(Planner *p, IrTrigger *t);    /* an SNS subscription and its permission */
void plan_http_trigger(Planner *p, IrTrigger *t);     /* a route, its integration and permission */
void plan_bus_trigger(Planner *p, IrTrigger *t);      /* an EventBridge rule on the bus and its permission */
void plan_api_one(Planner *p, IrRes *api);
void plan_queue_one(Planner *p, IrRes *q);
void plan_topic_one(Planner *p, IrRes *topic);
void plan_firehose_one(Planner *p, IrRes *fh);
void plan_cdn_one(Planner *p, IrRes *cdn);
void plan_alarm_one(Planner *p, IrRes *alarm);

#endif
