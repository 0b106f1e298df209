/* resolve.h — imports and component instances.
 *
 * Pipeline position: parser → [resolve] → check. The resolver reads every
 * imported file once, collects the components of all files, and replaces
 * each `use COMPONENT INSTANCE { ARGS }` by the component's declarations,
 * renamed for the instance (`site` in instance `www` becomes `www_site`),
 * with each parameter turned into a typed constant holding its argument and
 * each component output into a constant that `INSTANCE.OUTPUT` reads. The
 * checker then sees one flat program and never meets a component.
 */
#ifndef STACKC_RESOLVE_H
#define STACKC_RESOLVE_H

#include "ast.h"
#include "compile.h"

/* `path` is the main file's path as given ("-" for stdin). Returns the
 * expanded program; errors go to c->diag. */
Ast *resolve_program(Compilation *c, Ast *main_ast, const char *path);

/* Where `import "std/NAME"` looks, in order: the -I directories,
 * STACKC_PATH (colon-separated), the installed standard library, then the
 * source tree's stdlib/ (for a stackc run from its build tree). */
const char *resolve_find_import(Compilation *c, const char *name, const char *importer_dir);

#endif
