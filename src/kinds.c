/* kinds.c — the attribute tables of every resource kind.
 *
 * Ranges are in each type's unit: milliseconds for durations, bytes for
 * sizes. The checker enforces type, range and step, then the extra rule;
 * docs/language.md lists the same rows (tests/unit/test_docs.c compares them).
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "kinds.h"

#include <stddef.h>
#include <string.h>

#include "util.h"

#define MS_SECOND INT64_C(1000)
#define MS_MINUTE (60 * MS_SECOND)
#define MS_DAY (24 * 60 * MS_MINUTE)
#define MB (INT64_C(1024) * 1024)
#define NO_RANGE 1, 0   /* min > max: the attribute has no range */

const Type ty_error = {.kind = T_ERROR, .name = "<error>"};
const Type ty_string = {.kind = T_STRING, .name = "string"};
const Type ty_int = {.kind = T_INT, .name = "int"};
const Type ty_number = {.kind = T_NUMBER, .name = "number"};
const Type ty_bool = {.kind = T_BOOL, .name = "bool"};
const Type ty_duration = {.kind = T_DURATION, .name = "duration"};
const Type ty_size = {.kind = T_SIZE, .name = "size"};
const Type ty_name = {.kind = T_NAME, .name = "name"};
const Type ty_arn = {.kind = T_ARN, .name = "arn"};
const Type ty_url = {.kind = T_URL, .name = "url"};
const Type ty_key_schema = {.kind = T_KEY_SCHEMA, .name = "key schema"};
const Type ty_string_list = {.kind = T_LIST, .elem = &ty_string, .name = "[string]"};
const Type ty_string_map = {.kind = T_MAP, .elem = &ty_string, .name = "{string}"};

static const char *const arch_vals[] = {"x86_64", "arm64", NULL};
static const Type ty_arch = {.kind = T_ENUM, .enum_vals = arch_vals, .name = "architecture"};
static const char *const billing_vals[] = {"on_demand", "provisioned", NULL};
static const Type ty_billing = {.kind = T_ENUM, .enum_vals = billing_vals, .name = "billing mode"};
static const char *const stream_vals[] = {"keys_only", "new", "old", "new_and_old", NULL};
static const Type ty_stream_view = {.kind = T_ENUM, .enum_vals = stream_vals, .name = "stream view"};
static const char *const method_vals[] = {"GET", "PUT", "POST", "DELETE", "HEAD", NULL};
static const Type ty_method = {.kind = T_ENUM, .enum_vals = method_vals, .name = "HTTP method"};
static const Type ty_method_list = {.kind = T_LIST, .elem = &ty_method, .name = "[HTTP method]"};

const FieldSpec cors_fields[] = {
  [CORS_ORIGINS] = {"origins", &ty_string_list, true, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_NONE,
                    "allowed origins, e.g. [\"https://example.com\"] or [\"*\"]"},
  [CORS_METHODS] = {"methods", &ty_method_list, false, DEF_ENUM_LIST, 0, "GET HEAD", NO_RANGE, 0,
                    RULE_NONE, "allowed methods (default [GET, HEAD])"},
  [CORS_HEADERS] = {"headers", &ty_string_list, false, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_NONE,
                    "allowed request headers"},
  [CORS_MAX_AGE] = {"max_age", &ty_duration, false, DEF_NONE, 0, NULL, 0, 86400 * MS_SECOND,
                    MS_SECOND, RULE_NONE, "how long browsers cache the answer, whole seconds"},
  [CORS_FIELD_COUNT] = {0},
};
static const Type ty_cors = {.kind = T_RECORD, .fields = cors_fields, .name = "cors record"};

const FieldSpec index_fields[] = {
  [IX_NAME] = {"name", &ty_string, true, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_ATTR_NAME,
               "index name (3-255 characters: letters, digits, _ - .)"},
  [IX_KEY] = {"key", &ty_key_schema, true, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_NONE,
              "partition key and optional sort key of the index"},
  [IX_FIELD_COUNT] = {0},
};
static const Type ty_index = {.kind = T_RECORD, .fields = index_fields, .name = "index record"};
static const Type ty_index_list = {.kind = T_LIST, .elem = &ty_index, .name = "[index record]"};

static const FieldSpec function_attrs[] = {
  [FN_RUNTIME] = {"runtime", &ty_string, true, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_RUNTIME,
                  "Lambda runtime, e.g. \"nodejs22.x\", \"python3.12\""},
  [FN_HANDLER] = {"handler", &ty_string, true, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_HANDLER,
                  "entry point, e.g. \"index.handler\""},
  [FN_CODE] = {"code", &ty_string, true, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_CODE_DIR,
               "code directory, relative to the stack file"},
  [FN_MEMORY] = {"memory", &ty_size, false, DEF_INT, 128 * MB, NULL, 128 * MB, 10240 * MB, MB,
                 RULE_NONE, "memory, 128MB-10240MB in whole MB (default 128MB)"},
  [FN_TIMEOUT] = {"timeout", &ty_duration, false, DEF_INT, 3 * MS_SECOND, NULL, MS_SECOND,
                  900 * MS_SECOND, MS_SECOND, RULE_NONE, "timeout, 1s-900s in whole seconds (default 3s)"},
  [FN_ENV] = {"env", &ty_string_map, false, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_ENV,
              "environment variables; at most 4 KB in all"},
  [FN_ARCH] = {"arch", &ty_arch, false, DEF_ENUM, 0, "x86_64", NO_RANGE, 0, RULE_NONE,
               "x86_64 or arm64 (default x86_64)"},
  [FN_CONCURRENCY] = {"concurrency", &ty_int, false, DEF_NONE, 0, NULL, 0, 1000000, 0, RULE_NONE,
                      "reserved concurrent executions"},
  [FN_LOG_RETENTION] = {"log_retention", &ty_duration, false, DEF_INT, 14 * MS_DAY, NULL, MS_DAY,
                        3653 * MS_DAY, MS_DAY, RULE_LOG_RETENTION,
                        "log retention in days, one of CloudWatch's values (default 14d)"},
  [FN_TMP] = {"tmp", &ty_size, false, DEF_INT, 512 * MB, NULL, 512 * MB, 10240 * MB, MB, RULE_NONE,
              "/tmp storage, 512MB-10240MB in whole MB (default 512MB)"},
  [FN_DESCRIPTION] = {"description", &ty_string, false, DEF_NONE, 0, NULL, 0, 256, 0,
                      RULE_NONE, "at most 256 characters"},
  [FN_ATTR_COUNT] = {0},
};

static const FieldSpec bucket_attrs[] = {
  [BK_NAME] = {"name", &ty_string, false, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_BUCKET_NAME,
               "physical bucket name (default: derived, see Names)"},
  [BK_VERSIONING] = {"versioning", &ty_bool, false, DEF_BOOL, 0, NULL, NO_RANGE, 0, RULE_NONE,
                     "keep every version of every object (default false)"},
  [BK_EXPIRE_AFTER] = {"expire_after", &ty_duration, false, DEF_NONE, 0, NULL, MS_DAY,
                       INT64_C(36500) * MS_DAY, MS_DAY, RULE_NONE,
                       "delete objects this many whole days after creation"},
  [BK_CORS] = {"cors", &ty_cors, false, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_NONE,
               "CORS rule: { origins, methods, headers, max_age }"},
  [BK_PUBLIC] = {"public", &ty_bool, false, DEF_BOOL, 0, NULL, NO_RANGE, 0, RULE_NONE,
                 "anyone may read objects (default false: public access blocked)"},
  [BK_RETAIN] = {"retain", &ty_bool, false, DEF_BOOL, 1, NULL, NO_RANGE, 0, RULE_NONE,
                 "keep the bucket when the stack is deleted or it is replaced (default true)"},
  [BK_ATTR_COUNT] = {0},
};

static const FieldSpec table_attrs[] = {
  [TB_KEY] = {"key", &ty_key_schema, true, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_NONE,
              "{ partition: type [, sort: type] } with types string, number, binary"},
  [TB_BILLING] = {"billing", &ty_billing, false, DEF_ENUM, 0, "on_demand", NO_RANGE, 0, RULE_NONE,
                  "on_demand or provisioned (default on_demand)"},
  [TB_READ] = {"read", &ty_int, false, DEF_NONE, 0, NULL, 1, 40000, 0, RULE_NONE,
               "read capacity units (provisioned only, required there)"},
  [TB_WRITE] = {"write", &ty_int, false, DEF_NONE, 0, NULL, 1, 40000, 0, RULE_NONE,
                "write capacity units (provisioned only, required there)"},
  [TB_STREAM] = {"stream", &ty_stream_view, false, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_NONE,
                 "keys_only, new, old or new_and_old (default: no stream)"},
  [TB_TTL] = {"ttl", &ty_string, false, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_ATTR_NAME,
              "name of the attribute holding the expiry time"},
  [TB_INDEXES] = {"indexes", &ty_index_list, false, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_INDEXES,
                  "global secondary indexes: [{ name = \"...\", key = { ... } }]"},
  [TB_RETAIN] = {"retain", &ty_bool, false, DEF_BOOL, 1, NULL, NO_RANGE, 0, RULE_NONE,
                 "keep the table when the stack is deleted or it is replaced (default true)"},
  [TB_ATTR_COUNT] = {0},
};

const FieldSpec stack_attrs[] = {
  [ST_DESCRIPTION] = {"description", &ty_string, false, DEF_NONE, 0, NULL, 0, 1024, 0,
                      RULE_NONE, "template description (at most 1024 characters)"},
  [ST_REGION] = {"region", &ty_string, false, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_REGION,
                 "the region the stack belongs to"},
  [ST_TAGS] = {"tags", &ty_string_map, false, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_TAGS,
               "tags applied to every taggable resource"},
  [ST_NAME_PREFIX] = {"name_prefix", &ty_string, false, DEF_NONE, 0, NULL, NO_RANGE, 0,
                      RULE_NAME_PREFIX, "prefix of physical names (default: the stack name)"},
  [ST_ATTR_COUNT] = {0},
};

static const RefSpec function_refs[] = {
  {"name", REF_NAME, &ty_name}, {"arn", REF_ARN, &ty_arn}, {NULL, 0, NULL}};
static const RefSpec bucket_refs[] = {
  {"name", REF_NAME, &ty_name}, {"arn", REF_ARN, &ty_arn}, {"domain", REF_DOMAIN, &ty_string},
  {NULL, 0, NULL}};
static const RefSpec table_refs[] = {
  {"name", REF_NAME, &ty_name}, {"arn", REF_ARN, &ty_arn},
  {"stream_arn", REF_STREAM_ARN, &ty_arn}, {NULL, 0, NULL}};
static const RefSpec no_refs[] = {{NULL, 0, NULL}};
static const FieldSpec no_attrs[] = {{0}};

#define BIT(x) (1u << (x))

const KindSpec kind_specs[RES_KIND_COUNT] = {
  [RES_FUNCTION] = {RES_FUNCTION, "function", true, false, function_attrs, FN_ATTR_COUNT,
                    function_refs, 0, 0},
  [RES_BUCKET] = {RES_BUCKET, "bucket", true, true, bucket_attrs, BK_ATTR_COUNT, bucket_refs,
                  BIT(ACC_READ) | BIT(ACC_WRITE) | BIT(ACC_READ_WRITE) | BIT(ACC_DELETE),
                  BIT(EV_CREATED) | BIT(EV_REMOVED)},
  [RES_TABLE] = {RES_TABLE, "table", true, true, table_attrs, TB_ATTR_COUNT, table_refs,
                 BIT(ACC_READ) | BIT(ACC_WRITE) | BIT(ACC_READ_WRITE) | BIT(ACC_DELETE),
                 BIT(EV_STREAM)},
  [RES_TOPIC] = {RES_TOPIC, "topic", false, false, no_attrs, 0, no_refs, 0, 0},
  [RES_QUEUE] = {RES_QUEUE, "queue", false, true, no_attrs, 0, no_refs, 0, 0},
  [RES_STREAM] = {RES_STREAM, "stream", false, true, no_attrs, 0, no_refs, 0, 0},
  [RES_FIREHOSE] = {RES_FIREHOSE, "firehose", false, false, no_attrs, 0, no_refs, 0, 0},
  [RES_API] = {RES_API, "api", false, false, no_attrs, 0, no_refs, 0, 0},
  [RES_CDN] = {RES_CDN, "cdn", false, false, no_attrs, 0, no_refs, 0, 0},
  [RES_ALARM] = {RES_ALARM, "alarm", false, false, no_attrs, 0, no_refs, 0, 0},
};

const char *const access_names[ACC_COUNT] = {"read", "write", "read_write", "delete"};
const char *const event_names[EV_COUNT] = {"created", "removed", "stream"};

const KindSpec *kind_lookup(const char *name) {
  for (int k = 0; k < RES_KIND_COUNT; k++)
    if (str_eq(kind_specs[k].name, name)) return &kind_specs[k];
  return NULL;
}

const FieldSpec *field_lookup(const FieldSpec *fields, const char *name, uint32_t *index) {
  for (uint32_t i = 0; fields[i].name; i++)
    if (str_eq(fields[i].name, name)) {
      if (index) *index = i;
      return &fields[i];
    }
  return NULL;
}

const RefSpec *ref_lookup(const KindSpec *k, const char *name) {
  for (const RefSpec *r = k->refs; r->name; r++)
    if (str_eq(r->name, name)) return r;
  return NULL;
}

void field_names(const FieldSpec *fields, const char **out, uint32_t cap) {
  uint32_t i = 0;
  for (; fields[i].name && i + 1 < cap; i++) out[i] = fields[i].name;
  out[i] = NULL;
}

const char *type_name(const Type *t) {
  if (t->kind == T_RESOURCE) return kind_specs[t->res_kind].name;
  return t->name;
}
