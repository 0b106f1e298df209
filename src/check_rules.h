/* check_rules.h — the AWS rules an attribute or a whole program must obey
 * beyond its type and range: runtimes, handlers, code directories,
 * environment variables, log retention, bucket names, regions, tags,
 * DynamoDB attribute names and indexes; S3 notification overlaps and
 * dependency cycles across the program. Each rule names the AWS limit it
 * enforces. */
#ifndef STACKC_CHECK_RULES_H
#define STACKC_CHECK_RULES_H

#include "compile.h"
#include "ir.h"

typedef struct RuleContext {
  const char *source_dir;   /* the stack file's directory */
  IrRes *res;               /* the resource being checked, or NULL (stack) */
} RuleContext;

/* Applies field `f`'s rule to its converted value `v` written at `span`. */
void rules_check_attr(Compilation *c, const FieldSpec *f, Value *v, Span span,
                      const RuleContext *ctx);

/* Rules across resources, once every declaration is checked. They run
 * after errors too, so one run reports all it can; values that failed to
 * convert are NULL and are skipped. */
void rules_check_program(Compilation *c, IrProgram *ir);

/* Reference cycles between resources, which CloudFormation and Terraform
 * reject. Run once physical names are assigned (plan.c): a reference whose
 * value the template knows (ir_ref_known) is not an edge. */
void rules_check_cycles(Compilation *c, const IrProgram *ir);

/* CloudWatch Logs' allowed retention periods in days, ascending. */
const int *log_retention_days(size_t *n);

/* NULL when `name` obeys S3's bucket naming rules, else why not. */
const char *bucket_name_problem(const char *name);

#endif
