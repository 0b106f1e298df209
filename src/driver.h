/* driver.h — runs the pipeline stages in order for one stack file.
 * Each stage runs only when the ones before it found no error, so a user
 * sees every error of the earliest failing stage and no cascade. */
#ifndef STACKC_DRIVER_H
#define STACKC_DRIVER_H

#include <stddef.h>

#include "compile.h"
#include "ir.h"
#include "plan.h"

typedef enum Target { TARGET_CFN, TARGET_CFN_YAML, TARGET_TF } Target;

/* A checked and planned program. */
typedef struct Checked {
  IrProgram *ir;
  Plan *plan;         /* NULL for a library */
  bool library;       /* the file declares components and no resources: nothing to build */
  PtrVec cfn_caps;    /* Diag*: the warning for each CloudFormation cap the stack exceeds */
} Checked;

/* Parses, checks and plans `text` (the contents of `path`; "-" is stdin),
 * then runs both backends in memory (no zips, no output), so that every
 * name collision and cap of either target is reported. Returns false when
 * any stage reported an error (see c->diag). */
bool driver_check(Compilation *c, const char *path, const char *text, size_t len, Checked *out);

/* Lowers a checked program to the target's text (malloc'd); NULL after an
 * error (a limit of the target, or an internal error: c->diag.ninternal).
 * `code_prefix` is the path from the output's directory to the stack file's
 * directory ("" or ending in '/'), used by Terraform's archive_file paths. */
char *driver_render(Compilation *c, const Checked *prog, Target target, const char *code_prefix);

/* Writes each function's deterministic code zip into `dir` under the S3
 * key the CloudFormation template names (each code directory zipped once).
 * Returns 0, or -1 with err set (I/O, or a file that changed since the
 * check). */
int driver_package(Compilation *c, const Checked *prog, const char *dir, char *err, size_t errlen);

/* "photo-pipeline" for "dir/photo-pipeline.stack": the stack's name when it
 * has no `stack` declaration. Arena text. */
const char *driver_default_stack_name(Compilation *c, const char *path);

#endif
