/* plan_internal.h — what the plan_*.c files share: the planner state and
 * the value and statement helpers. Not part of the plan.h contract. */
#ifndef STACKC_PLAN_INTERNAL_H
#define STACKC_PLAN_INTERNAL_H

#include "compile.h"
#include "names.h"
#include "plan.h"

typedef struct Planner {
  Compilation *c;
  IrProgram *ir;
  Plan *plan;
  PtrVec api_prefixes;   /* ApiPrefix* (plan_services.c): the prefix each cdn-routed api is served under */
} Planner;

#define NO_SPAN ((Span){0, 0, 0})

/* ---- values (plan.c) ---- */
Value *plan_lit(Planner *p, const char *s);
Value *plan_join(Planner *p, Value **parts, uint32_t n);
/* arn:PARTITION:SERVICE:REGION:ACCOUNT:REST (region and account empty unless regional). */
Value *plan_arn(Planner *p, const char *service, bool regional, Value *rest);
/* arn:PARTITION:SERVICE::ACCOUNT:REST (global services with an account: CloudFront). */
Value *plan_account_arn(Planner *p, const char *service, Value *rest);
Value *plan_suffixed(Planner *p, const Value *base, const char *suffix);
/* The ARN of a resource: its known value when the template knows it, else a reference. */
Value *plan_target_arn(Planner *p, IrRes *target);
/* "ID.execute-api.REGION.URL_SUFFIX": an HTTP API's endpoint host. */
Value *plan_api_host(Planner *p, IrRes *api);
/* "<prefix>-<name><suffix>", reported at `origin` when it can be longer than `limit`. */
Value *plan_prefixed(Planner *p, const IrRes *res, const char *suffix, size_t limit, Span origin,
                     const char *what);

/* ---- statements (plan.c) ---- */
PlanStatement *plan_statement_new(Planner *p, const char *what, const char *sid, const char *const *actions);
/* Adds `s` to `role` unless an equal statement (same `what`) is there; makes its Sid unique. */
void plan_statement_add(Planner *p, PlanRole *role, PlanStatement *s);

/* ---- stages ---- */
/* Records `entry` as the plan entry of `res` (see plan_function & co); returns it. */
void *plan_entry(Planner *p, const IrRes *res, void *entry);

/* Each kind's own planner is a member of its plan_kinds row (plan_kinds.h). */
void plan_triggers(Planner *p);        /* plan_triggers.c */
void plan_api_stages(Planner *p);      /* plan_services.c: stages and URLs, after the cdns */

#endif
