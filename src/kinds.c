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
#include <strings.h>

#include "util.h"

#define MS_SECOND INT64_C(1000)
#define MS_MINUTE (60 * MS_SECOND)
#define MS_DAY (24 * 60 * MS_MINUTE)
#define MS_HOUR (60 * MS_MINUTE)
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

const Type ty_metric = {.kind = T_METRIC, .name = "metric"};
static const Type ty_bucket_res = {.kind = T_RESOURCE, .res_kind = RES_BUCKET, .name = "bucket"};
static const Type ty_function_res = {.kind = T_RESOURCE, .res_kind = RES_FUNCTION, .name = "function"};
static const Type ty_topic_res = {.kind = T_RESOURCE, .res_kind = RES_TOPIC, .name = "topic"};
static const Type ty_api_res = {.kind = T_RESOURCE, .res_kind = RES_API, .name = "api"};
static const Type ty_api_map = {.kind = T_MAP, .elem = &ty_api_res, .name = "{api}"};

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

static const char *const api_method_vals[] = {"GET", "PUT", "POST", "DELETE", "PATCH", "HEAD",
                                               "OPTIONS", "*", NULL};
static const Type ty_api_method = {.kind = T_ENUM, .enum_vals = api_method_vals, .name = "HTTP method"};
static const Type ty_api_method_list = {.kind = T_LIST, .elem = &ty_api_method, .name = "[HTTP method]"};

const FieldSpec api_cors_fields[] = {
  [ACORS_ORIGINS] = {"origins", &ty_string_list, true, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_NONE,
                     "allowed origins, e.g. [\"https://example.com\"] or [\"*\"]"},
  [ACORS_METHODS] = {"methods", &ty_api_method_list, false, DEF_ENUM_LIST, 0, "*", NO_RANGE, 0,
                     RULE_NONE, "allowed methods (default [\"*\"]: all)"},
  [ACORS_HEADERS] = {"headers", &ty_string_list, false, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_NONE,
                     "allowed request headers"},
  [ACORS_MAX_AGE] = {"max_age", &ty_duration, false, DEF_NONE, 0, NULL, 0, 86400 * MS_SECOND,
                     MS_SECOND, RULE_NONE, "how long browsers cache the answer, whole seconds"},
  [ACORS_FIELD_COUNT] = {0},
};
static const Type ty_api_cors = {.kind = T_RECORD, .fields = api_cors_fields, .name = "cors record"};

static const FieldSpec topic_attrs[] = {
  [TP_FIFO] = {"fifo", &ty_bool, false, DEF_BOOL, 0, NULL, NO_RANGE, 0, RULE_NONE,
               "first-in-first-out topic (default false); FIFO topics deliver only to FIFO queues"},
  [TP_ATTR_COUNT] = {0},
};

static const FieldSpec queue_attrs[] = {
  [QU_FIFO] = {"fifo", &ty_bool, false, DEF_BOOL, 0, NULL, NO_RANGE, 0, RULE_NONE,
               "first-in-first-out queue (default false)"},
  [QU_RETRIES] = {"retries", &ty_int, false, DEF_NONE, 0, NULL, 0, 999, 0, RULE_NONE,
                  "receives before a message moves to a dead-letter queue, minus one (default: none)"},
  [QU_VISIBILITY_TIMEOUT] = {"visibility_timeout", &ty_duration, false, DEF_NONE, 0, NULL, 0,
                             43200 * MS_SECOND, MS_SECOND, RULE_NONE,
                             "0s-12h, whole seconds (default: derived from its consumer)"},
  [QU_RETENTION] = {"retention", &ty_duration, false, DEF_INT, 4 * MS_DAY, NULL, 60 * MS_SECOND,
                    14 * MS_DAY, MS_SECOND, RULE_NONE, "1m-14d, whole seconds (default 4d)"},
  [QU_DELAY] = {"delay", &ty_duration, false, DEF_INT, 0, NULL, 0, 900 * MS_SECOND, MS_SECOND,
                RULE_NONE, "0s-900s, whole seconds (default 0s)"},
  [QU_RETAIN] = {"retain", &ty_bool, false, DEF_BOOL, 1, NULL, NO_RANGE, 0, RULE_NONE,
                 "keep the queue when the stack is deleted or it is replaced (default true)"},
  [QU_ATTR_COUNT] = {0},
};

static const FieldSpec stream_attrs[] = {
  [SM_SHARDS] = {"shards", &ty_int, false, DEF_NONE, 0, NULL, 1, 1000, 0, RULE_NONE,
                 "provisioned shards (default: on-demand capacity)"},
  [SM_RETENTION] = {"retention", &ty_duration, false, DEF_INT, 24 * MS_HOUR, NULL, 24 * MS_HOUR,
                    8760 * MS_HOUR, MS_HOUR, RULE_NONE, "24h-8760h, whole hours (default 24h)"},
  [SM_RETAIN] = {"retain", &ty_bool, false, DEF_BOOL, 1, NULL, NO_RANGE, 0, RULE_NONE,
                 "keep the stream when the stack is deleted or it is replaced (default true)"},
  [SM_ATTR_COUNT] = {0},
};

static const char *const compression_vals[] = {"none", "gzip", "snappy", "zip", "hadoop_snappy", NULL};
static const Type ty_compression = {.kind = T_ENUM, .enum_vals = compression_vals, .name = "compression"};

static const FieldSpec firehose_attrs[] = {
  [FH_TO] = {"to", &ty_bucket_res, true, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_NONE,
             "the destination bucket"},
  [FH_TRANSFORM] = {"transform", &ty_function_res, false, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_NONE,
                    "a function that transforms each batch of records (timeout at most 5m)"},
  [FH_PREFIX] = {"prefix", &ty_string, false, DEF_NONE, 0, NULL, 0, 1024, 0, RULE_PATH_PREFIX,
                 "object key prefix in the bucket"},
  [FH_BUFFER_SIZE] = {"buffer_size", &ty_size, false, DEF_INT, 5 * MB, NULL, MB, 128 * MB, MB,
                      RULE_NONE, "1MB-128MB, whole MB (default 5MB)"},
  [FH_BUFFER_INTERVAL] = {"buffer_interval", &ty_duration, false, DEF_INT, 300 * MS_SECOND, NULL, 0,
                          900 * MS_SECOND, MS_SECOND, RULE_NONE, "0s-900s, whole seconds (default 300s)"},
  [FH_COMPRESSION] = {"compression", &ty_compression, false, DEF_ENUM, 0, "none", NO_RANGE, 0,
                      RULE_NONE, "none, gzip, snappy, zip or hadoop_snappy (default none)"},
  [FH_ATTR_COUNT] = {0},
};

static const FieldSpec api_attrs[] = {
  [AP_CORS] = {"cors", &ty_api_cors, false, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_NONE,
               "CORS: { origins, methods, headers, max_age }"},
  [AP_STAGE] = {"stage", &ty_string, false, DEF_NONE, 0, NULL, 1, 128, 0, RULE_NONE,
                "stage name (default $default; a cdn route under /PREFIX/* names it PREFIX)"},
  [AP_ACCESS_LOGS] = {"access_logs", &ty_bool, false, DEF_BOOL, 0, NULL, NO_RANGE, 0, RULE_NONE,
                      "write access logs to a log group (default false)"},
  [AP_ATTR_COUNT] = {0},
};

static const char *const price_vals[] = {"price_100", "price_200", "price_all", NULL};
static const Type ty_price = {.kind = T_ENUM, .enum_vals = price_vals, .name = "price class"};

static const FieldSpec cdn_attrs[] = {
  [CD_ORIGIN] = {"origin", &ty_bucket_res, false, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_NONE,
                 "the bucket served by default (through origin access control)"},
  [CD_ROUTES] = {"routes", &ty_api_map, false, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_NONE,
                 "{ \"/PREFIX/*\" = api }: paths served by an HTTP API"},
  [CD_DEFAULT_ROOT] = {"default_root", &ty_string, false, DEF_NONE, 0, NULL, 1, 255, 0, RULE_OBJECT_KEY,
                       "object served for / (e.g. \"index.html\")"},
  [CD_PRICE_CLASS] = {"price_class", &ty_price, false, DEF_ENUM, 0, "price_100", NO_RANGE, 0,
                      RULE_NONE, "price_100, price_200 or price_all (default price_100)"},
  [CD_ALIASES] = {"aliases", &ty_string_list, false, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_NONE,
                  "alternate domain names (need a certificate)"},
  [CD_CERTIFICATE] = {"certificate", &ty_string, false, DEF_NONE, 0, NULL, NO_RANGE, 0,
                      RULE_CERTIFICATE, "ACM certificate ARN in us-east-1"},
  [CD_ATTR_COUNT] = {0},
};

static const char *const comparison_vals[] = {">=", ">", "<", "<=", NULL};
static const Type ty_comparison = {.kind = T_ENUM, .enum_vals = comparison_vals, .name = "comparison"};

static const FieldSpec alarm_attrs[] = {
  [AL_METRIC] = {"metric", &ty_metric, true, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_NONE,
                 "what to watch: FUNCTION.errors|throttles|duration, QUEUE.age|depth"},
  [AL_THRESHOLD] = {"threshold", &ty_number, true, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_NONE,
                    "the value compared with the metric (duration: milliseconds; age: seconds)"},
  [AL_PERIOD] = {"period", &ty_duration, false, DEF_INT, 60 * MS_SECOND, NULL, 10 * MS_SECOND,
                 MS_DAY, MS_SECOND, RULE_ALARM_PERIOD, "10s, 30s or a multiple of 60s (default 1m)"},
  [AL_EVALUATION_PERIODS] = {"evaluation_periods", &ty_int, false, DEF_INT, 1, NULL, 1, 100, 0,
                             RULE_NONE, "periods to evaluate, 1-100 (default 1)"},
  [AL_COMPARISON] = {"comparison", &ty_comparison, false, DEF_ENUM, 0, ">=", NO_RANGE, 0, RULE_NONE,
                     "\">=\", \">\", \"<\" or \"<=\" (default \">=\")"},
  [AL_NOTIFY] = {"notify", &ty_topic_res, false, DEF_NONE, 0, NULL, NO_RANGE, 0, RULE_NONE,
                 "a topic told when the alarm fires and recovers"},
  [AL_ATTR_COUNT] = {0},
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
  {"name", REF_NAME, &ty_name}, {"arn", REF_ARN, &ty_arn}, {"errors", REF_ERRORS, &ty_metric},
  {"throttles", REF_THROTTLES, &ty_metric}, {"duration", REF_DURATION, &ty_metric}, {NULL, 0, NULL}};
static const RefSpec bucket_refs[] = {
  {"name", REF_NAME, &ty_name}, {"arn", REF_ARN, &ty_arn}, {"domain", REF_DOMAIN, &ty_string},
  {NULL, 0, NULL}};
static const RefSpec table_refs[] = {
  {"name", REF_NAME, &ty_name}, {"arn", REF_ARN, &ty_arn},
  {"stream_arn", REF_STREAM_ARN, &ty_arn}, {NULL, 0, NULL}};
static const RefSpec name_arn_refs[] = {
  {"name", REF_NAME, &ty_name}, {"arn", REF_ARN, &ty_arn}, {NULL, 0, NULL}};
static const RefSpec queue_refs[] = {
  {"name", REF_NAME, &ty_name}, {"arn", REF_ARN, &ty_arn}, {"url", REF_URL, &ty_url},
  {"age", REF_AGE, &ty_metric}, {"depth", REF_DEPTH, &ty_metric}, {NULL, 0, NULL}};
static const RefSpec api_refs[] = {{"id", REF_ID, &ty_string}, {"url", REF_URL, &ty_url}, {NULL, 0, NULL}};
static const RefSpec cdn_refs[] = {
  {"id", REF_ID, &ty_string}, {"domain", REF_DOMAIN, &ty_string}, {"url", REF_URL, &ty_url},
  {NULL, 0, NULL}};

#define BIT(x) (1u << (x))

const KindSpec kind_specs[RES_KIND_COUNT] = {
  [RES_FUNCTION] = {RES_FUNCTION, "function", true, false, function_attrs, FN_ATTR_COUNT,
                    function_refs, BIT(ACC_INVOKE), 0},
  [RES_BUCKET] = {RES_BUCKET, "bucket", true, true, bucket_attrs, BK_ATTR_COUNT, bucket_refs,
                  BIT(ACC_READ) | BIT(ACC_WRITE) | BIT(ACC_READ_WRITE) | BIT(ACC_DELETE),
                  BIT(EV_CREATED) | BIT(EV_REMOVED)},
  [RES_TABLE] = {RES_TABLE, "table", true, true, table_attrs, TB_ATTR_COUNT, table_refs,
                 BIT(ACC_READ) | BIT(ACC_WRITE) | BIT(ACC_READ_WRITE) | BIT(ACC_DELETE),
                 BIT(EV_STREAM)},
  [RES_TOPIC] = {RES_TOPIC, "topic", true, false, topic_attrs, TP_ATTR_COUNT, name_arn_refs,
                 BIT(ACC_PUBLISH), BIT(EV_MESSAGE)},
  [RES_QUEUE] = {RES_QUEUE, "queue", true, true, queue_attrs, QU_ATTR_COUNT, queue_refs,
                 BIT(ACC_SEND) | BIT(ACC_CONSUME), BIT(EV_MESSAGE)},
  [RES_STREAM] = {RES_STREAM, "stream", true, true, stream_attrs, SM_ATTR_COUNT, name_arn_refs,
                  BIT(ACC_PUT) | BIT(ACC_READ), BIT(EV_MESSAGE)},
  [RES_FIREHOSE] = {RES_FIREHOSE, "firehose", true, false, firehose_attrs, FH_ATTR_COUNT,
                    name_arn_refs, BIT(ACC_PUT), 0},
  [RES_API] = {RES_API, "api", true, false, api_attrs, AP_ATTR_COUNT, api_refs, 0,
               BIT(EV_GET) | BIT(EV_POST) | BIT(EV_PUT) | BIT(EV_DELETE) | BIT(EV_PATCH) | BIT(EV_ANY)},
  [RES_CDN] = {RES_CDN, "cdn", true, false, cdn_attrs, CD_ATTR_COUNT, cdn_refs, 0, 0},
  [RES_ALARM] = {RES_ALARM, "alarm", true, false, alarm_attrs, AL_ATTR_COUNT, name_arn_refs, 0, 0},
};

const char *const access_names[ACC_COUNT] = {"read", "write", "read_write", "delete", "publish",
                                             "send", "consume", "put", "invoke"};
const char *const event_names[EV_COUNT] = {"created", "removed", "stream", "message", "get", "post",
                                           "put", "delete", "patch", "any", "schedule"};

const KindSpec *kind_lookup(const char *name) {
  for (int k = 0; k < RES_KIND_COUNT; k++)
    if (str_eq(kind_specs[k].name, name)) return &kind_specs[k];
  return NULL;
}

#define ALIAS(n, k) {.name = n, .kind = k}
#define SCHEDULE(n) {.name = n, .schedule = true}
static const KindAlias kind_aliases[] = {
  ALIAS("lambda", RES_FUNCTION), ALIAS("lambda_function", RES_FUNCTION),
  ALIAS("aws_lambda_function", RES_FUNCTION), ALIAS("AWS::Lambda::Function", RES_FUNCTION),
  ALIAS("AWS::Serverless::Function", RES_FUNCTION),
  ALIAS("s3", RES_BUCKET), ALIAS("s3_bucket", RES_BUCKET), ALIAS("aws_s3_bucket", RES_BUCKET),
  ALIAS("AWS::S3::Bucket", RES_BUCKET),
  ALIAS("dynamodb", RES_TABLE), ALIAS("dynamo", RES_TABLE), ALIAS("ddb", RES_TABLE),
  ALIAS("dynamodb_table", RES_TABLE), ALIAS("aws_dynamodb_table", RES_TABLE),
  ALIAS("AWS::DynamoDB::Table", RES_TABLE), ALIAS("AWS::Serverless::SimpleTable", RES_TABLE),
  ALIAS("sns", RES_TOPIC), ALIAS("sns_topic", RES_TOPIC), ALIAS("aws_sns_topic", RES_TOPIC),
  ALIAS("AWS::SNS::Topic", RES_TOPIC),
  ALIAS("sqs", RES_QUEUE), ALIAS("sqs_queue", RES_QUEUE), ALIAS("aws_sqs_queue", RES_QUEUE),
  ALIAS("AWS::SQS::Queue", RES_QUEUE),
  ALIAS("kinesis", RES_STREAM), ALIAS("kinesis_stream", RES_STREAM),
  ALIAS("aws_kinesis_stream", RES_STREAM), ALIAS("AWS::Kinesis::Stream", RES_STREAM),
  ALIAS("kinesis_firehose", RES_FIREHOSE), ALIAS("delivery_stream", RES_FIREHOSE),
  ALIAS("aws_kinesis_firehose_delivery_stream", RES_FIREHOSE),
  ALIAS("AWS::KinesisFirehose::DeliveryStream", RES_FIREHOSE),
  ALIAS("apigateway", RES_API), ALIAS("api_gateway", RES_API), ALIAS("apigw", RES_API),
  ALIAS("http_api", RES_API), ALIAS("aws_apigatewayv2_api", RES_API),
  ALIAS("aws_api_gateway_rest_api", RES_API), ALIAS("AWS::ApiGatewayV2::Api", RES_API),
  ALIAS("AWS::ApiGateway::RestApi", RES_API), ALIAS("AWS::Serverless::HttpApi", RES_API),
  ALIAS("AWS::Serverless::Api", RES_API),
  ALIAS("cloudfront", RES_CDN), ALIAS("distribution", RES_CDN),
  ALIAS("aws_cloudfront_distribution", RES_CDN), ALIAS("AWS::CloudFront::Distribution", RES_CDN),
  ALIAS("cloudwatch", RES_ALARM), ALIAS("cloudwatch_alarm", RES_ALARM),
  ALIAS("metric_alarm", RES_ALARM), ALIAS("aws_cloudwatch_metric_alarm", RES_ALARM),
  ALIAS("AWS::CloudWatch::Alarm", RES_ALARM),
  SCHEDULE("eventbridge"), SCHEDULE("events"), SCHEDULE("event_rule"), SCHEDULE("rule"),
  SCHEDULE("scheduler"), SCHEDULE("schedule"), SCHEDULE("aws_cloudwatch_event_rule"),
  SCHEDULE("aws_scheduler_schedule"), SCHEDULE("AWS::Events::Rule"),
  SCHEDULE("AWS::Scheduler::Schedule"), SCHEDULE("AWS::Serverless::Schedule"),
};
#undef ALIAS
#undef SCHEDULE

const KindAlias *kind_alias_lookup(const char *name) {
  for (size_t i = 0; i < sizeof kind_aliases / sizeof kind_aliases[0]; i++)
    if (strcasecmp(kind_aliases[i].name, name) == 0) return &kind_aliases[i];
  return NULL;
}

static const struct { const char *word; EventKind event; } event_aliases[] = {
  {.word = "uploaded", .event = EV_CREATED}, {.word = "upload", .event = EV_CREATED},
  {.word = "put", .event = EV_CREATED}, {.word = "ObjectCreated", .event = EV_CREATED},
  {.word = "deleted", .event = EV_REMOVED}, {.word = "delete", .event = EV_REMOVED},
  {.word = "ObjectRemoved", .event = EV_REMOVED},
  {.word = "changes", .event = EV_STREAM}, {.word = "changed", .event = EV_STREAM},
  {.word = "updated", .event = EV_STREAM}, {.word = "records", .event = EV_STREAM},
};

EventKind event_alias_lookup(const char *word, uint32_t events) {
  for (size_t i = 0; i < sizeof event_aliases / sizeof event_aliases[0]; i++)
    if ((events & (1u << event_aliases[i].event)) && strcasecmp(event_aliases[i].word, word) == 0)
      return event_aliases[i].event;
  return EV_COUNT;
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

const Type *kind_type(ResKind kind) {
  static const Type types[RES_KIND_COUNT] = {
#define X(e, n, s) [e] = {.kind = T_RESOURCE, .res_kind = e, .name = n},
    RES_KINDS(X)
#undef X
  };
  return &types[kind];
}
