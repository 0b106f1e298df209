/* plan.h — what every backend needs beyond the IR, derived once.
 *
 * plan.c turns grants and triggers into per-function IAM statements with
 * exact actions on exact resources, invoke permissions for push sources,
 * event source mappings for pollers, log groups, and the S3 notifications
 * of each bucket grouped together (CloudFormation puts them on the bucket,
 * Terraform allows one aws_s3_bucket_notification per bucket). It also
 * names every derived resource and reports logical-ID collisions.
 * Nothing here knows CloudFormation or Terraform syntax.
 */
#ifndef STACKC_PLAN_H
#define STACKC_PLAN_H

#include "ir.h"

/* One IAM policy statement: Effect Allow, exact actions, exact resources. */
typedef struct PlanStatement {
  const char *sid;             /* alphanumeric, unique in its policy: "ReadUploadsObjects" */
  const char *what;            /* what it grants, "read uploads objects": equal means same statement */
  const char **actions;        /* sorted, unique: "s3:GetObject" */
  uint32_t nactions;
  Value **resources;           /* ARNs as string-typed values (joins of literals, pseudos, refs) */
  uint32_t nresources;
} PlanStatement;

typedef struct PlanFunction {
  IrRes *fn;
  Value *name;                 /* the function's physical name "<prefix>-<name>" */
  Value *log_group_name;       /* "/aws/lambda/<physical name>" */
  const char *role_cfn_id;     /* "ResizeRole" */
  const char *log_cfn_id;      /* "ResizeLogGroup" */
  PtrVec statements;           /* PlanStatement*: logs first, then grants, then triggers */
} PlanFunction;

/* A resource policy letting a push source invoke a function. */
typedef struct PlanPermission {
  IrRes *fn;
  IrRes *source;
  const char *principal;       /* "s3.amazonaws.com" */
  Value *source_arn;           /* exact ARN of the source */
  bool source_account;         /* also pin SourceAccount to the stack's account (S3 ARNs carry none) */
  const char *cfn_id;          /* "ResizeUploadsPermission" */
  const char *tf_name;         /* "resize_uploads" */
} PlanPermission;

/* An event source mapping from a poller (table stream, ...) to a function. */
typedef struct PlanMapping {
  IrTrigger *trig;
  Value *event_source_arn;     /* e.g. the table's stream ARN */
  const char *cfn_id;          /* "IndexPhotosMapping" */
  const char *tf_name;         /* "index_photos" */
} PlanMapping;

/* All S3 → Lambda notifications of one bucket. */
typedef struct PlanNotification {
  IrRes *bucket;
  PtrVec triggers;             /* IrTrigger* of this bucket, in source order */
  PtrVec permissions;          /* PlanPermission* the bucket must wait for */
} PlanNotification;

typedef struct Plan {
  PtrVec functions;            /* PlanFunction*, in IR order */
  PtrVec permissions;          /* PlanPermission*, in trigger order */
  PtrVec mappings;             /* PlanMapping*, in trigger order */
  PtrVec notifications;        /* PlanNotification*, in bucket order */
  uint32_t cfn_resource_count; /* resources a CloudFormation template will hold */
} Plan;

struct Compilation;

/* Derives the plan; reports collisions and limits to c->diag. NULL on error. */
Plan *plan_build(struct Compilation *c, IrProgram *ir);
/* The PlanFunction of a function resource. */
PlanFunction *plan_function(const Plan *plan, const IrRes *fn);

/* The exact IAM actions of one (kind, access) grant, NULL-terminated; the
 * table is documented in docs/language.md and tested against it. */
const char *const *plan_grant_actions(ResKind kind, Access access);

#endif
