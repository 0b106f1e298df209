/* backend.h — IR + plan → a cJSON document for one target.
 * Backends map; they never check (the checker did) and never see the AST. */
#ifndef STACKC_BACKEND_H
#define STACKC_BACKEND_H

#include <cjson/cJSON.h>

#include "ir.h"
#include "plan.h"

typedef struct BackendOptions {
  /* Terraform: path from the output file's directory to the stack file's
   * directory, "" when they are the same (stdout counts as the stack's
   * directory). Code directories become "${path.module}/<prefix><dir>". */
  const char *code_prefix;
  /* `stackc check` (and every build, first) runs both backends in memory,
   * so that every name collision and cap either target meets is reported
   * whatever the target. CloudFormation: when set, each cap the stack
   * exceeds is a warning, its Diag* pushed here (a CloudFormation build
   * makes it an error: one diagnostic either way); when NULL, caps are not
   * checked again. Code keys may be unset: the template then names "". */
  PtrVec *cfn_caps;
  /* CloudFormation, when set: [IrRes.index] counts the resources of each
   * declaration's group (a function with its role, log group, permissions,
   * mappings, subscriptions and schedules; an api with its stage, access
   * logs, integrations and routes; a queue with its dead-letter queue...),
   * [resources.n] those of the stack itself (the topic key). The caller
   * zeroes resources.n + 1 counters. */
  uint32_t *cfn_groups;
} BackendOptions;

struct Compilation;

/* RefAttr has no count of its own (kinds.h): the length of each backend's
 * per-kind reference map (cfn_kinds.h, tf_kinds.h), indexed by RefAttr. */
#define REF_ATTR_COUNT (REF_DEPTH + 1)

/* True when `res` has a known kind and its row in `layer`'s table has the
 * member the backend is about to use (`member_set`); else an internal error
 * naming the layer, the kind and the member (a kind added without its
 * backend row: exit 2, no output), and false. */
bool backend_row_has(struct Compilation *c, const char *layer, const IrRes *res, bool member_set,
                     const char *member);

/* CloudFormation template (JSON structure; YAML is the same tree emitted as YAML). */
cJSON *backend_cfn(struct Compilation *c, const IrProgram *ir, const Plan *plan,
                   const BackendOptions *opt);
/* Terraform JSON configuration (main.tf.json). */
cJSON *backend_tf(struct Compilation *c, const IrProgram *ir, const Plan *plan,
                  const BackendOptions *opt);

#endif
