/* cfn_kinds.h — the CloudFormation backend's one row per kind (cfn_kinds.c).
 *
 * Everything the backend does differently per kind is a member of its row:
 * the type of the kind's resource and the emitter that writes it (both
 * always set), how each reference to it is written (Ref, GetAtt of an
 * attribute, or a composite value the row's expander builds). A member that
 * does not apply is NULL with its no_* reason; tests/unit/test_tables.c
 * fails on a supported kind whose row is incomplete, naming the kind and
 * the layer, and the backend reports an internal error (backend_row_has)
 * should it meet one anyway.
 */
#ifndef STACKC_CFN_KINDS_H
#define STACKC_CFN_KINDS_H

#include "backend.h"
#include "cfn_internal.h"

/* How a reference to (kind, attr) is written. */
typedef enum CfnRefHow {
  CFN_NOT_A_VALUE,   /* not a value: no such reference, the whole resource, a metric */
  CFN_BY_REF,        /* {"Ref": id} */
  CFN_BY_GETATT,     /* {"Fn::GetAtt": [id, getatt]} */
  CFN_COMPOSITE,     /* a value built of others by the row's expand (an api's or a cdn's url) */
} CfnRefHow;

typedef struct CfnRef {
  CfnRefHow how;
  const char *getatt;   /* CFN_BY_GETATT */
} CfnRef;

typedef struct CfnKind {
  const char *type;              /* "AWS::SNS::Topic": the resource declared for the kind */
  CfnRef refs[REF_ATTR_COUNT];   /* indexed by RefAttr */
  /* The value a CFN_COMPOSITE reference stands for. */
  const Value *(*expand)(Cfn *cf, const Value *ref);
  const char *no_expand;
  /* Writes the kind's resource and what belongs to it (a function's role and log group...). */
  void (*emit)(Cfn *cf, const IrRes *res);
} CfnKind;

extern const CfnKind cfn_kinds[RES_KIND_COUNT];

/* Adds Resources.<res's id> of its kind's type (cfn_add_resource). */
cJSON *cfn_add_kind_resource(Cfn *cf, const IrRes *res, bool retain);

/* ---- the members ---- */
/* backend_cfn.c */
void cfn_emit_function_group(Cfn *cf, const IrRes *fn);
void cfn_emit_bucket(Cfn *cf, const IrRes *bucket);
void cfn_emit_table(Cfn *cf, const IrRes *table);
/* cfn_messaging.c */
void cfn_emit_topic(Cfn *cf, const IrRes *topic);
void cfn_emit_queue(Cfn *cf, const IrRes *queue);
void cfn_emit_stream(Cfn *cf, const IrRes *stream);
void cfn_emit_firehose(Cfn *cf, const IrRes *firehose);
void cfn_emit_bus(Cfn *cf, const IrRes *bus);
/* cfn_web.c */
void cfn_emit_api(Cfn *cf, const IrRes *api);
const Value *cfn_api_url(Cfn *cf, const Value *ref);
void cfn_emit_cdn(Cfn *cf, const IrRes *cdn);
const Value *cfn_cdn_url(Cfn *cf, const Value *ref);
void cfn_emit_alarm(Cfn *cf, const IrRes *alarm);

#endif
