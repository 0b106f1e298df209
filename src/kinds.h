/* kinds.h — the one table of resource kinds.
 *
 * Every kind lists its attributes (type, default, range, extra rule) and the
 * attributes other declarations may read from it (NAME.ATTR). The checker
 * validates against this table, the documentation is checked against it,
 * and both backends index IrRes.attrs with the enums declared here, so
 * adding an attribute is one line below plus its use in each backend's
 * emitter; adding a kind is a row here and one per layer table (README,
 * "Inside"; tests/unit/test_tables.c checks every layer has it).
 */
#ifndef STACKC_KINDS_H
#define STACKC_KINDS_H

#include <stdbool.h>
#include <stdint.h>

/* ---- types ------------------------------------------------------------ */

typedef enum TypeKind {
  T_ERROR,      /* poison: an expression that already failed; never reported again */
  T_STRING,
  T_INT,
  T_NUMBER,     /* int or decimal */
  T_BOOL,
  T_DURATION,   /* value in milliseconds */
  T_SIZE,       /* value in bytes */
  T_ENUM,       /* one of enum_vals, written as a bare identifier or a string */
  T_LIST,       /* [elem] */
  T_MAP,        /* { key = elem, ... } with free keys */
  T_RECORD,     /* { field = value, ... } with the fields in `fields` */
  T_KEY_SCHEMA, /* { attr: string|number|binary, ... }: DynamoDB key attributes in order */
  T_NAME,       /* a resource's name: converts to string */
  T_ARN,        /* a resource's ARN: converts to string */
  T_URL,        /* a URL: converts to string */
  T_RESOURCE,   /* a whole resource of kind res_kind */
  T_METRIC,     /* a CloudWatch metric of a resource: resize.errors, jobs.age */
  T_STRINGS,    /* a string or a list of strings: a single value stands for a one-element list */
  T_PATTERN,    /* an EventBridge event pattern: nested records of literal leaves (check_values.c) */
} TypeKind;

typedef struct FieldSpec FieldSpec;

/* The units of T_DURATION (milliseconds) and T_SIZE (bytes), for ranges here
 * and for conversions to the units AWS and Terraform take. */
#define MS_PER_SECOND INT64_C(1000)
#define MS_PER_MINUTE (60 * MS_PER_SECOND)
#define MS_PER_HOUR (60 * MS_PER_MINUTE)
#define MS_PER_DAY (24 * MS_PER_HOUR)
#define BYTES_PER_MB (INT64_C(1024) * 1024)

typedef struct Type {
  TypeKind kind;
  const struct Type *elem;           /* T_LIST, T_MAP */
  const char *const *enum_vals;      /* T_ENUM: NULL-terminated */
  const FieldSpec *fields;           /* T_RECORD: terminated by a NULL name */
  int res_kind;                      /* T_RESOURCE: a ResKind */
  unsigned res_kinds;                /* T_RESOURCE: when not 0, the ResKinds accepted (bit per kind) instead */
  const char *name;                  /* how messages spell the type */
} Type;

extern const Type ty_error, ty_string, ty_int, ty_number, ty_bool, ty_duration,
    ty_size, ty_name, ty_arn, ty_url, ty_key_schema, ty_string_list, ty_string_map, ty_metric,
    ty_strings, ty_pattern;

/* Extra checks an attribute needs beyond type and range (check_rules.c). */
typedef enum AttrRule {
  RULE_NONE,
  RULE_RUNTIME,        /* a Lambda runtime, checked against runtimes.c */
  RULE_HANDLER,        /* a Lambda handler string */
  RULE_CODE_DIR,       /* a directory relative to the stack file, inside the project root */
  RULE_EXCLUDE,        /* glob patterns relative to the code directory */
  RULE_ENV,            /* Lambda environment: names, reserved names, 4 KB in all */
  RULE_LOG_RETENTION,  /* one of CloudWatch Logs' allowed retention days */
  RULE_BUCKET_NAME,    /* S3 bucket naming rules */
  RULE_ATTR_NAME,      /* a DynamoDB attribute name */
  RULE_REGION,         /* an AWS region name */
  RULE_NAME_PREFIX,    /* prefix for physical names */
  RULE_TAGS,           /* tag keys/values within AWS limits */
  RULE_INDEXES,        /* DynamoDB global secondary indexes */
  RULE_ALARM_PERIOD,   /* CloudWatch: 10s, 30s or a multiple of 60s */
  RULE_CERTIFICATE,    /* an ACM certificate ARN in us-east-1 (CloudFront) */
  RULE_PATH_PREFIX,    /* an S3 key prefix */
  RULE_OBJECT_KEY,     /* an S3 object key (CloudFront default root) */
  RULE_VPC,            /* a function's vpc: subnet and security group IDs in form and number */
} AttrRule;

/* Value of an attribute when the source leaves it out. */
typedef enum DefaultKind {
  DEF_NONE, DEF_INT, DEF_BOOL, DEF_ENUM,
  DEF_ENUM_LIST,   /* def_str: enum values separated by spaces */
} DefaultKind;

typedef struct FieldSpec {
  const char *name;
  const Type *type;
  bool required;
  DefaultKind def_kind;
  int64_t def_int;          /* DEF_INT: int, milliseconds or bytes; DEF_BOOL: 0/1 */
  const char *def_str;      /* DEF_ENUM */
  int64_t min, max;         /* inclusive range in the type's unit (strings: length in
                             * characters); min > max = no range (kinds.c: NO_RANGE) */
  int64_t step;             /* granularity in the type's unit (1000 = whole seconds); 0 = any */
  AttrRule rule;   /* an attribute's description lives in docs/language.md only */
  bool list_param;          /* a [string] list: a list parameter may stand for all of it (a vpc's ids) */
} FieldSpec;

/* Pieces of a FieldSpec row. A range is inclusive, in the type's unit; a row
 * without one says NO_RANGE (min > max), since min = max = 0 would be the range
 * 0..0. A default names its kind and its value together. */
#define RANGE(lo, hi) .min = (lo), .max = (hi)
#define NO_RANGE .min = 1, .max = 0
#define DEFAULT_INT(v) .def_kind = DEF_INT, .def_int = (v)
#define DEFAULT_BOOL(b) .def_kind = DEF_BOOL, .def_int = (b)
#define DEFAULT_ENUM(s) .def_kind = DEF_ENUM, .def_str = (s)
#define DEFAULT_ENUM_LIST(s) .def_kind = DEF_ENUM_LIST, .def_str = (s)

/* ---- kinds -------------------------------------------------------------- */

/* X(ENUM, "name", supported-in-this-version) */
#define RES_KINDS(X)                \
  X(RES_FUNCTION, "function", true) \
  X(RES_BUCKET, "bucket", true)     \
  X(RES_TABLE, "table", true)       \
  X(RES_TOPIC, "topic", true)       \
  X(RES_QUEUE, "queue", true)       \
  X(RES_STREAM, "stream", true)     \
  X(RES_FIREHOSE, "firehose", true) \
  X(RES_API, "api", true)           \
  X(RES_CDN, "cdn", true)           \
  X(RES_ALARM, "alarm", true)       \
  X(RES_BUS, "bus", true)

typedef enum ResKind {
#define X(e, n, s) e,
  RES_KINDS(X)
#undef X
  RES_KIND_COUNT
} ResKind;

/* Attribute indexes: each kind's FieldSpec table in kinds.c is written
 * [FN_RUNTIME] = {...}, so a row sits at its index whatever the order;
 * tests/unit/test_kinds.c fails on a missing row. */
enum FunctionAttr {
  FN_RUNTIME, FN_HANDLER, FN_CODE, FN_EXCLUDE, FN_MEMORY, FN_TIMEOUT, FN_ENV, FN_ARCH,
  FN_CONCURRENCY, FN_LOG_RETENTION, FN_TMP, FN_DESCRIPTION,
  FN_ON_FAILURE, FN_ON_SUCCESS, FN_ASYNC_RETRIES, FN_MAX_EVENT_AGE,   /* asynchronous invocations */
  FN_TRACING, FN_VPC, FN_ATTR_COUNT
};
enum BucketAttr {
  BK_NAME, BK_VERSIONING, BK_EXPIRE_AFTER, BK_CORS, BK_PUBLIC, BK_RETAIN, BK_ATTR_COUNT
};
enum TableAttr {
  TB_KEY, TB_BILLING, TB_READ, TB_WRITE, TB_STREAM, TB_TTL, TB_INDEXES, TB_RETAIN,
  TB_ATTR_COUNT
};
enum TopicAttr { TP_FIFO, TP_ATTR_COUNT };
enum QueueAttr {
  QU_FIFO, QU_RETRIES, QU_VISIBILITY_TIMEOUT, QU_RETENTION, QU_DELAY, QU_RETAIN, QU_ATTR_COUNT
};
enum StreamAttr { SM_SHARDS, SM_RETENTION, SM_RETAIN, SM_ATTR_COUNT };
enum FirehoseAttr {
  FH_TO, FH_TRANSFORM, FH_PREFIX, FH_BUFFER_SIZE, FH_BUFFER_INTERVAL, FH_COMPRESSION, FH_ATTR_COUNT
};
enum ApiAttr { AP_CORS, AP_STAGE, AP_ACCESS_LOGS, AP_ATTR_COUNT };
enum CdnAttr {
  CD_ORIGIN, CD_ROUTES, CD_DEFAULT_ROOT, CD_PRICE_CLASS, CD_ALIASES, CD_CERTIFICATE, CD_ATTR_COUNT
};
enum AlarmAttr {
  AL_METRIC, AL_THRESHOLD, AL_PERIOD, AL_EVALUATION_PERIODS, AL_COMPARISON, AL_NOTIFY, AL_ATTR_COUNT
};
enum BusAttr { BU_ATTR_COUNT };
enum StackAttr { ST_DESCRIPTION, ST_REGION, ST_TAGS, ST_NAME_PREFIX, ST_ATTR_COUNT };

/* IrRes.rejected keeps one bit per attribute of a kind. */
#define MAX_KIND_ATTRS 64
_Static_assert(FN_ATTR_COUNT <= MAX_KIND_ATTRS && BK_ATTR_COUNT <= MAX_KIND_ATTRS &&
               TB_ATTR_COUNT <= MAX_KIND_ATTRS && QU_ATTR_COUNT <= MAX_KIND_ATTRS &&
               FH_ATTR_COUNT <= MAX_KIND_ATTRS && CD_ATTR_COUNT <= MAX_KIND_ATTRS &&
               AL_ATTR_COUNT <= MAX_KIND_ATTRS, "a kind has more attributes than IrRes.rejected has bits");
/* Fields of a bucket's `cors` record. */
enum CorsField { CORS_ORIGINS, CORS_METHODS, CORS_HEADERS, CORS_MAX_AGE, CORS_FIELD_COUNT };
/* Fields of a function's `vpc` record. Lambda takes at most 16 subnets and 5
 * security groups (VpcConfig). */
enum VpcField { VPC_SUBNETS, VPC_SECURITY_GROUPS, VPC_EGRESS, VPC_FIELD_COUNT };
#define VPC_MAX_SUBNETS 16
#define VPC_MAX_SECURITY_GROUPS 5
/* Fields of one entry of a table's `indexes` list. */
enum IndexField { IX_NAME, IX_KEY, IX_FIELD_COUNT };
/* Fields of an api's `cors` record (HTTP APIs allow more methods than S3). */
enum ApiCorsField {
  ACORS_ORIGINS, ACORS_METHODS, ACORS_HEADERS, ACORS_MAX_AGE, ACORS_FIELD_COUNT
};

/* What NAME.ATTR may read. Each is one typed value; backends map
 * (kind, RefAttr) to Ref/GetAtt or a Terraform attribute. */
typedef enum RefAttr {
  REF_NAME, REF_ARN, REF_URL, REF_STREAM_ARN, REF_ID, REF_DOMAIN,
  REF_SELF,                                   /* the whole resource (notify = alerts) */
  REF_ERRORS, REF_THROTTLES, REF_DURATION,    /* function metrics (T_METRIC) */
  REF_AGE, REF_DEPTH,                         /* queue metrics: oldest message age, visible messages */
} RefAttr;

typedef struct RefSpec {
  const char *name;   /* as written after the dot */
  RefAttr attr;
  const Type *type;
} RefSpec;

/* Grant accesses (`can ACCESS target`). */
typedef enum Access {
  ACC_READ, ACC_WRITE, ACC_READ_WRITE, ACC_DELETE,
  ACC_PUBLISH,   /* topic, bus */
  ACC_SEND,      /* queue */
  ACC_CONSUME,   /* queue */
  ACC_PUT,       /* stream, firehose */
  ACC_INVOKE,    /* function */
  ACC_COUNT
} Access;

/* Trigger events a kind can be the source of (`on NAME.EVENT(...)`). */
typedef enum EventKind {
  EV_CREATED, EV_REMOVED,      /* bucket */
  EV_STREAM,                   /* table */
  EV_MESSAGE,                  /* topic, queue, stream, bus: the default event, written without a name */
  EV_GET, EV_POST, EV_PUT, EV_DELETE, EV_PATCH, EV_ANY,   /* api routes */
  EV_SCHEDULE,                 /* rate(...) and cron(...) */
  EV_COUNT
} EventKind;

typedef struct KindSpec {
  ResKind kind;
  const char *name;             /* "function" */
  bool supported;               /* false: parsed, then rejected as not yet implemented */
  bool stateful;                /* retained on delete and replace unless retain = false */
  const FieldSpec *attrs;       /* attribute table, terminated by a NULL name */
  uint32_t nattrs;
  const RefSpec *refs;          /* terminated by a NULL name */
  uint32_t accesses;            /* bit set of Access this kind may be granted */
  uint32_t events;              /* bit set of EventKind this kind can trigger */
  uint32_t name_max;            /* the longest name (or id) AWS gives or allows this kind */
} KindSpec;

extern const KindSpec kind_specs[RES_KIND_COUNT];
extern const FieldSpec stack_attrs[];
extern const FieldSpec cors_fields[];
extern const FieldSpec index_fields[];
extern const FieldSpec vpc_fields[];
extern const FieldSpec api_cors_fields[];
extern const char *const access_names[ACC_COUNT];   /* "read", ... */
extern const char *const event_names[EV_COUNT];     /* "created", ... */

const KindSpec *kind_lookup(const char *name);       /* NULL when unknown */

/* What a user coming from AWS writes for a kind: service names, Terraform
 * resource types and CloudFormation type names (`sqs`, `aws_sqs_queue`,
 * `AWS::SQS::Queue` all mean a queue). `schedule` marks the names that
 * also (or only, when kind is RES_KIND_COUNT) mean what stackc writes as a
 * trigger, `on rate(...)`: "eventbridge" is a bus or a schedule. */
typedef struct KindAlias {
  const char *name;   /* as AWS spells it; compared ignoring case */
  ResKind kind;       /* RES_KIND_COUNT: no kind, only a schedule */
  bool schedule;
} KindAlias;

const KindAlias *kind_alias_lookup(const char *name);   /* NULL when unknown */

/* The event of the bit set `events` that AWS's word for it means (S3's
 * "uploaded" or "ObjectRemoved", DynamoDB's "changes"), or EV_COUNT. */
EventKind event_alias_lookup(const char *word, uint32_t events);
const FieldSpec *field_lookup(const FieldSpec *fields, const char *name, uint32_t *index);
const RefSpec *ref_lookup(const KindSpec *k, const char *name);
/* NULL-terminated list of field names, for "did you mean". Static storage. */
void field_names(const FieldSpec *fields, const char **out, uint32_t cap);
const char *type_name(const Type *t);   /* "string", "[string]", "bucket", ... */
/* Whether a T_RESOURCE type takes a resource of `kind` (its res_kinds, else res_kind). */
static inline bool type_takes_kind(const Type *t, int kind) {
  return t->kind == T_RESOURCE && (t->res_kinds ? (t->res_kinds >> kind & 1u) != 0 : t->res_kind == kind);
}
/* The type of a whole resource of `kind` (T_RESOURCE). */
const Type *kind_type(ResKind kind);

#endif
