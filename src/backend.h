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
} BackendOptions;

struct Compilation;

/* CloudFormation template (JSON structure; YAML is the same tree emitted as YAML). */
cJSON *backend_cfn(struct Compilation *c, const IrProgram *ir, const Plan *plan,
                   const BackendOptions *opt);
/* Terraform JSON configuration (main.tf.json). */
cJSON *backend_tf(struct Compilation *c, const IrProgram *ir, const Plan *plan,
                  const BackendOptions *opt);

#endif
