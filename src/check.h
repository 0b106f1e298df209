/* check.h — names, types and AWS rules; turns the AST into the IR.
 *
 * The checker resolves every name, converts every expression to a typed
 * Value against the kinds table, enforces ranges and the extra rules of
 * check_rules.c, and builds the provider-neutral IrProgram. It knows
 * nothing about CloudFormation or Terraform. */
#ifndef STACKC_CHECK_H
#define STACKC_CHECK_H

#include "ast.h"
#include "compile.h"
#include "ir.h"

/* `source_dir` is the stack file's directory (code paths are relative to
 * it); `default_name` names the stack when it has no `stack` declaration.
 * Returns the program; errors are in c->diag (the caller checks nerrors). */
IrProgram *check_program(Compilation *c, const Ast *ast, const char *source_dir,
                         const char *default_name);

/* The unit `word` spells (a unit, or a common spelling of one: "seconds"
 * → "s", "mb" → "MB"), or NULL. The lexer uses it to spot `256 MB`. */
const char *unit_canonical(const char *word);

#endif
