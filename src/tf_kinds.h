/* tf_kinds.h — the Terraform backend's one row per kind (tf_kinds.c).
 *
 * Everything the backend does differently per kind is a member of its row:
 * the type of the kind's resource and the emitter that writes it (both
 * always set), the attribute of it each reference reads (or a composite
 * value the row's expander writes). A member that does not apply is NULL
 * with its no_* reason; tests/unit/test_tables.c fails on a supported kind
 * whose row is incomplete, naming the kind and the layer, and the backend
 * reports an internal error (backend_row_has) should it meet one anyway.
 */
#ifndef STACKC_TF_KINDS_H
#define STACKC_TF_KINDS_H

#include "tf_internal.h"

/* How a reference to (kind, attr) is written: ${TYPE.NAME.attr}, or, when
 * composite, by the row's expand; neither when it is not a value (no such
 * reference, the whole resource, a metric: read by what takes them). */
typedef struct TfRef {
  const char *attr;
  bool composite;
} TfRef;

typedef struct TfKind {
  const char *type;              /* "aws_sns_topic": the resource declared for the kind */
  TfRef refs[REF_ATTR_COUNT];    /* indexed by RefAttr */
  /* Appends the template of a composite reference (an api's or a cdn's url). */
  void (*expand)(Tf *t, StrBuf *sb, const Value *ref);
  const char *no_expand;
  /* Writes the kind's resource and what belongs to it (a function's role and log group...). */
  void (*emit)(Tf *t, const IrRes *res);
} TfKind;

extern const TfKind tf_kinds[RES_KIND_COUNT];

/* resource.<kind's type>.<res's name> = {}. */
cJSON *tf_kind_block(Tf *t, const IrRes *res);

/* ---- the members ---- */
/* backend_tf.c */
void tf_function(Tf *t, const IrRes *fn);
void tf_bucket(Tf *t, const IrRes *res);
void tf_table(Tf *t, const IrRes *res);
/* tf_messaging.c */
void tf_topic(Tf *t, const IrRes *res);
void tf_queue(Tf *t, const IrRes *res);
void tf_stream(Tf *t, const IrRes *res);
void tf_firehose(Tf *t, const IrRes *res);
/* tf_web.c */
void tf_api(Tf *t, const IrRes *res);
void tf_api_url(Tf *t, StrBuf *sb, const Value *ref);
void tf_cdn(Tf *t, const IrRes *res);
void tf_cdn_url(Tf *t, StrBuf *sb, const Value *ref);
/* tf_events.c */
void tf_alarm(Tf *t, const IrRes *res);
void tf_bus(Tf *t, const IrRes *res);

#endif
