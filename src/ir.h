/* ir.h — the checked, provider-neutral program: a resource graph.
 *
 * The checker builds it from the AST; plan.c derives IAM, permissions and
 * log groups from it; the backends read only this and the plan, never the
 * AST. Every value is typed and already validated: a backend only maps.
 * Lists keep declaration order, so output order is deterministic.
 */
#ifndef STACKC_IR_H
#define STACKC_IR_H

#include <stdbool.h>
#include <stdint.h>

#include "kinds.h"
#include "source.h"
#include "util.h"

/* V_DURATION is in milliseconds and V_SIZE in bytes: kinds.h MS_PER_SECOND, BYTES_PER_MB... */

typedef struct IrRes IrRes;
typedef struct IrParam IrParam;

typedef enum ValueKind {
  V_STR,       /* s: literal text (may contain "${": backends escape it) */
  V_INT,       /* i */
  V_NUM,       /* num (a decimal) */
  V_BOOL,      /* b */
  V_DURATION,  /* i: milliseconds */
  V_SIZE,      /* i: bytes */
  V_ENUM,      /* s: the enum value as the language spells it ("on_demand") */
  V_LIST,      /* items[0..n-1] */
  V_MAP,       /* keys[i] = items[i], in source order (records, env, tags, key schemas) */
  V_REF,       /* res + ref: a reference to another resource's attribute */
  V_PARAM,     /* param: a deploy-time parameter */
  V_PSEUDO,    /* pseudo: the partition, region or account the stack is deployed to */
  V_JOIN,      /* items[0..n-1] concatenated as strings (interpolation, ARNs) */
  V_DERIVED,   /* derived: an attribute of a resource the plan adds (the topic key's ARN) */
  V_ABSTRACT,  /* any value of its type: a parameter of a component checked on its own;
                * never reaches the plan (check.c drops those declarations) */
} ValueKind;

/* An attribute of a resource that exists only in the plan; each backend
 * names the resource and spells the attribute. */
typedef enum DerivedRef {
  DERIVED_TOPIC_KEY_ARN,   /* the ARN of the plan's topic_key */
} DerivedRef;

typedef enum Pseudo {
  PSEUDO_PARTITION, PSEUDO_REGION, PSEUDO_ACCOUNT,
  PSEUDO_URL_SUFFIX,   /* "amazonaws.com" (or ".com.cn" ...): the partition's domain */
  PSEUDO_COUNT
} Pseudo;

typedef struct Value Value;
struct Value {
  ValueKind kind;
  Span origin;             /* where it was written, for later diagnostics */
  const char *s;           /* V_STR, V_ENUM */
  int64_t i;               /* V_INT, V_DURATION, V_SIZE */
  double num;              /* V_NUM */
  bool b;                  /* V_BOOL */
  Value **items;           /* V_LIST, V_MAP, V_JOIN */
  const char **keys;       /* V_MAP */
  Span *key_origins;       /* V_MAP: where each key was written (for diagnostics) */
  uint32_t n;              /* items (and keys) */
  IrRes *res;              /* V_REF */
  RefAttr ref;             /* V_REF */
  IrParam *param;          /* V_PARAM */
  Pseudo pseudo;           /* V_PSEUDO */
  DerivedRef derived;      /* V_DERIVED */
};

/* A deploy-time parameter: CloudFormation Parameter, Terraform variable. */
struct IrParam {
  const char *name;          /* source name: "stage" */
  const Type *type;          /* ty_string, ty_int, ty_number or ty_bool */
  Value *def;                /* default, or NULL */
  Value *allowed;            /* V_LIST of allowed values, or NULL */
  const char *description;   /* or NULL */
  Span origin;
};

/* A grant `can ACCESS target` inside function `fn`. */
typedef struct IrGrant {
  IrRes *fn;
  Access access;
  IrRes *target;
  Span origin;
} IrGrant;

typedef enum TriggerKind {
  TRIG_BUCKET,        /* S3 notification: event created/removed, prefix, suffix */
  TRIG_TABLE_STREAM,  /* DynamoDB stream event source mapping: batch, start */
  TRIG_TOPIC,         /* SNS subscription: filter */
  TRIG_QUEUE,         /* SQS event source mapping: batch, window, partial_failures */
  TRIG_KINESIS,       /* Kinesis event source mapping: batch, start, window, parallelism */
  TRIG_HTTP,          /* HTTP API route: method, path */
  TRIG_SCHEDULE,      /* EventBridge rule: schedule */
  TRIG_BUS,           /* EventBridge rule on a custom bus: source, detail_type or pattern */
} TriggerKind;

/* Trigger argument indexes, in the order of each trigger's argument table
 * (the CheckTrigger rows in check_triggers.c, reached through check_kinds[]):
 * IrTrigger.args[i] holds argument i, as IrRes.attrs[i] holds attribute i. */
enum BucketTriggerArg { ARG_PREFIX, ARG_SUFFIX, BUCKET_ARG_COUNT };   /* S3 key filters */
/* Pollers: every poller has the first four (a queue's on_failure is an
 * error that points to its retries: slot kept so the message can say so);
 * then a queue has max_concurrency, a table stream or Kinesis stream the
 * stream arguments from ARG_START (the two share indexes: read them only
 * for their trigger kinds). ARG_ON_FAILURE holds a V_REF (REF_SELF) to a
 * queue, topic or bucket. */
enum PollerArg {
  ARG_BATCH, ARG_WINDOW, ARG_PARTIAL, ARG_ON_FAILURE, POLLER_ARG_COUNT,
  ARG_MAX_CONCURRENCY = POLLER_ARG_COUNT, QUEUE_ARG_COUNT,
  ARG_START = POLLER_ARG_COUNT, ARG_PARALLELISM, ARG_MAX_RETRIES, ARG_MAX_AGE, ARG_SPLIT, STREAM_ARG_COUNT
};
enum TopicTriggerArg { ARG_FILTER, TOPIC_ARG_COUNT };   /* the SNS filter policy */
/* A bus rule's event pattern: source and detail_type (V_LIST of V_STR), or
 * the whole pattern (V_MAP, keys as EventBridge spells them). */
enum BusTriggerArg { ARG_SOURCE, ARG_DETAIL_TYPE, ARG_PATTERN, BUS_ARG_COUNT };
/* Routes and schedules take one positional argument, written without a
 * name (`api.get("/items")`, `rate(5m)`), kept in slot 0 like a named one.
 * A route's method is its event (EV_GET ... EV_ANY), not an argument: the
 * event name is how it is written, and keeping it once cannot disagree. */
enum RouteTriggerArg { ARG_PATH, ROUTE_ARG_COUNT };            /* V_STR "/photos/{id}" */
enum ScheduleTriggerArg { ARG_SCHEDULE, SCHEDULE_ARG_COUNT };  /* V_STR "rate(1 day)", "cron(0 12 * * ? *)" */

/* One trigger edge: source → one function (`run f, g` makes two). */
typedef struct IrTrigger {
  TriggerKind kind;
  IrRes *source;         /* the bucket, table, topic, queue, stream, api or bus; NULL for schedules */
  IrRes *fn;             /* the function it runs */
  EventKind event;       /* EV_CREATED, EV_REMOVED, EV_STREAM, EV_MESSAGE, a route's method, EV_SCHEDULE */
  Value **args;          /* [nargs] by the enums above; defaults filled in; NULL = absent, no default */
  uint32_t nargs;
  Span origin;
} IrTrigger;

struct IrRes {
  const KindSpec *spec;      /* kind_specs[kind] */
  ResKind kind;
  const char *name;          /* source name: "photo_uploads"; each backend derives its names from it */
  Value **attrs;             /* [spec->nattrs]; defaults filled in; NULL = absent, no default */
  uint64_t rejected;         /* bit i: attribute i was written but rejected (reported) */
  bool abstract;             /* any resource of its kind: a resource parameter of a component
                              * checked on its own; attrs hold defaults only */
  Value *physical_name;      /* set when the template must know the name; NULL = AWS picks */
  bool retain;               /* stateful and not `retain = false` */
  PtrVec grants;             /* function: IrGrant* it holds, in source order */
  PtrVec triggers;           /* function: IrTrigger* that run it; bucket/table: those it sources */
  PtrVec secrets;            /* function: names of the secrets its env holds (secret("...")) */
  const char *code_dir;      /* function: code directory as written, relative to the stack file */
  const char *code_path;     /* function: the directory resolved (realpath), inside the project root */
  struct CodeDir *code;      /* function: its scanned code directory (codedir.h), or NULL */
  const char *code_key;      /* function: "<name>-<sha256 of the zipped code>.zip" (cfn) */
  Span origin;               /* the declaration's name */
  uint32_t index;            /* position in IrProgram.resources */
  /* `q.dead_letter`: a queue's dead-letter queue is an IrRes of kind queue
   * that is not in IrProgram.resources (its queue's backend emits it);
   * dead_letter_of is that queue, and the queue's dead_letter this one,
   * made when first named (dead_letter_use: where). */
  IrRes *dead_letter_of;
  IrRes *dead_letter;
  Span dead_letter_use;
};

typedef struct IrOutput {
  const char *name;          /* source name */
  Value *value;              /* a string-typed value (refs, params, joins, literals) */
  Span origin;
} IrOutput;

typedef struct IrProgram {
  const char *stack_name;     /* from `stack NAME`, else the file's base name */
  const char *description;    /* or NULL */
  const char *region;         /* or NULL */
  Value *tags;                /* V_MAP or NULL; applied to every taggable resource */
  Value *name_prefix;         /* string-typed value used in physical names */
  PtrVec params;              /* IrParam*, declaration order */
  PtrVec resources;           /* IrRes*, declaration order */
  PtrVec triggers;            /* IrTrigger*, declaration order */
  PtrVec outputs;             /* IrOutput*, declaration order */
  const char *source_dir;     /* directory of the stack file ("." for stdin) */
} IrProgram;

struct Compilation;

/* Value constructors (arena). */
Value *ir_str(struct Compilation *c, const char *s, Span origin);
Value *ir_ref(struct Compilation *c, IrRes *res, RefAttr ref, Span origin);
Value *ir_pseudo(struct Compilation *c, Pseudo p);
/* A V_JOIN of the given parts; adjacent V_STR parts are merged, nested joins flattened. */
Value *ir_join(struct Compilation *c, Value *const *parts, uint32_t n, Span origin);

/* When a reference's value is known to the template without asking AWS —
 * the name and ARN of a function, or of a bucket with a physical name — the equivalent
 * string-typed value (a V_JOIN or V_STR); else NULL. Backends render this
 * instead of Ref/GetAtt: that is what breaks the bucket → notification →
 * permission → function → role → bucket cycle in CloudFormation, and it
 * keeps both targets saying the same thing. */
const Value *ir_ref_known(struct Compilation *c, const Value *ref);

/* The longest text `v` can stand for at deploy time: references count at
 * their longest possible length, parameters at their longest allowed value. */
size_t ir_value_max_len(const Value *v);

/* The value under `key` of a V_MAP (records, env, tags), or NULL. */
const Value *ir_map_get(const Value *map, const char *key);
/* The literal text of a V_STR, else NULL (a param, a join, ...). */
const char *ir_literal(const Value *v);
/* Whether a value is, or holds, a V_ABSTRACT: rules about its text or
 * size wait for the instances. */
bool ir_has_abstract(const Value *v);

/* The value of attribute `index` of `res`, or NULL. */
static inline const Value *ir_attr(const IrRes *res, uint32_t index) {
  return res->attrs[index];
}

/* Whether boolean attribute `index` of `res` is set and true. */
static inline bool ir_attr_true(const IrRes *res, uint32_t index) {
  const Value *v = res->attrs[index];
  return v && v->kind == V_BOOL && v->b;
}

/* Whether attribute `index` of `res` was written (or defaulted), even if its
 * value was rejected: rules about a missing attribute stay quiet when the
 * user did write it and has already been told what is wrong with it. */
static inline bool ir_attr_given(const IrRes *res, uint32_t index) {
  return res->abstract || res->attrs[index] || (index < MAX_KIND_ATTRS && (res->rejected >> index & 1));
}

/* Argument `index` of trigger `t` (the enums above), or NULL when absent
 * or when its kind has no such argument. */
static inline const Value *ir_arg(const IrTrigger *t, uint32_t index) {
  return index < t->nargs ? t->args[index] : NULL;
}
/* An int, duration (ms) or bool argument; 0 when absent. */
static inline int64_t trig_int(const IrTrigger *t, uint32_t index) {
  const Value *v = ir_arg(t, index);
  return v ? v->i : 0;
}
static inline bool trig_bool(const IrTrigger *t, uint32_t index) {
  const Value *v = ir_arg(t, index);
  return v && v->b;
}
/* A string or enum argument's text; NULL when absent. */
static inline const char *trig_str(const IrTrigger *t, uint32_t index) {
  const Value *v = ir_arg(t, index);
  return v && (v->kind == V_STR || v->kind == V_ENUM) ? v->s : NULL;
}
/* A stream or table-stream trigger's on_failure destination (a queue,
 * topic or bucket), or NULL (never on a queue trigger, whose slot is reported). */
static inline IrRes *trig_failure_destination(const IrTrigger *t) {
  const Value *v = t->kind == TRIG_KINESIS || t->kind == TRIG_TABLE_STREAM ? ir_arg(t, ARG_ON_FAILURE) : NULL;
  return v && v->kind == V_REF ? v->res : NULL;
}
/* A function's asynchronous-invocation destination (FN_ON_FAILURE or
 * FN_ON_SUCCESS), or NULL. */
static inline IrRes *fn_async_destination(const IrRes *fn, uint32_t attr) {
  const Value *v = fn->attrs ? fn->attrs[attr] : NULL;
  return v && v->kind == V_REF ? v->res : NULL;
}
/* A route's HTTP method as API Gateway spells it ("GET", ..., "ANY"), from its event. */
const char *ir_route_method(const IrTrigger *t);

#endif
