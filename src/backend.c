/* backend.c — what the two backends share about their per-kind tables
 * (cfn_kinds.h, tf_kinds.h). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "backend.h"

#include "compile.h"

bool backend_row_has(struct Compilation *c, const char *layer, const IrRes *res, bool member_set,
                     const char *member) {
  if (res->kind < RES_KIND_COUNT && member_set) return true;
  diag_internal_error(&c->diag, res->origin, "the %s row of kind %s has no %s, for '%s'", layer,
                      res->spec ? res->spec->name : "?", member, res->name);
  return false;
}
