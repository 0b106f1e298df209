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
const Type ty_strings = {.kind = T_STRINGS, .name = "string or [string]"};
const Type ty_pattern = {.kind = T_PATTERN, .name = "pattern"};
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
  [CORS_ORIGINS] = {.name = "origins", .type = &ty_string_list, .required = true, NO_RANGE},
  [CORS_METHODS] = {.name = "methods", .type = &ty_method_list, DEFAULT_ENUM_LIST("GET HEAD"),
                    NO_RANGE},
  [CORS_HEADERS] = {.name = "headers", .type = &ty_string_list, NO_RANGE},
  [CORS_MAX_AGE] = {.name = "max_age", .type = &ty_duration, RANGE(0, 86400 * MS_PER_SECOND),
                    .step = MS_PER_SECOND},
  [CORS_FIELD_COUNT] = {0},
};
static const Type ty_cors = {.kind = T_RECORD, .fields = cors_fields, .name = "cors record"};

const FieldSpec index_fields[] = {
  [IX_NAME] = {.name = "name", .type = &ty_string, .required = true, NO_RANGE,
               .rule = RULE_ATTR_NAME},
  [IX_KEY] = {.name = "key", .type = &ty_key_schema, .required = true, NO_RANGE},
  [IX_FIELD_COUNT] = {0},
};
static const Type ty_index = {.kind = T_RECORD, .fields = index_fields, .name = "index record"};
static const Type ty_index_list = {.kind = T_LIST, .elem = &ty_index, .name = "[index record]"};

const FieldSpec vpc_fields[] = {
  [VPC_SUBNETS] = {.name = "subnets", .type = &ty_string_list, .required = true, NO_RANGE, .list_param = true},
  [VPC_SECURITY_GROUPS] = {.name = "security_groups", .type = &ty_string_list, .required = true, NO_RANGE,
                           .list_param = true},
  [VPC_EGRESS] = {.name = "egress", .type = &ty_bool, DEFAULT_BOOL(false), NO_RANGE},
  [VPC_FIELD_COUNT] = {0},
};
static const Type ty_vpc = {.kind = T_RECORD, .fields = vpc_fields, .name = "vpc record"};

/* Lambda destinations of asynchronous invocations: a queue, topic, bus or
 * function, and for failures also a bucket (AWS::Lambda::EventInvokeConfig
 * DestinationConfig). */
static const Type ty_async_failure_destination = {
  .kind = T_RESOURCE, .name = "queue, topic, bus, function or bucket",
  .res_kinds = 1u << RES_QUEUE | 1u << RES_TOPIC | 1u << RES_BUS | 1u << RES_FUNCTION | 1u << RES_BUCKET};
static const Type ty_async_success_destination = {
  .kind = T_RESOURCE, .name = "queue, topic, bus or function",
  .res_kinds = 1u << RES_QUEUE | 1u << RES_TOPIC | 1u << RES_BUS | 1u << RES_FUNCTION};

static const FieldSpec function_attrs[] = {
  [FN_RUNTIME] = {.name = "runtime", .type = &ty_string, .required = true, NO_RANGE,
                  .rule = RULE_RUNTIME},
  [FN_HANDLER] = {.name = "handler", .type = &ty_string, .required = true, NO_RANGE,
                  .rule = RULE_HANDLER},
  [FN_CODE] = {.name = "code", .type = &ty_string, .required = true, NO_RANGE,
               .rule = RULE_CODE_DIR},
  [FN_EXCLUDE] = {.name = "exclude", .type = &ty_string_list, NO_RANGE, .rule = RULE_EXCLUDE},
  [FN_MEMORY] = {.name = "memory", .type = &ty_size, DEFAULT_INT(128 * BYTES_PER_MB),
                 RANGE(128 * BYTES_PER_MB, 10240 * BYTES_PER_MB), .step = BYTES_PER_MB},
  [FN_TIMEOUT] = {.name = "timeout", .type = &ty_duration, DEFAULT_INT(3 * MS_PER_SECOND),
                  RANGE(MS_PER_SECOND, 900 * MS_PER_SECOND), .step = MS_PER_SECOND},
  [FN_ENV] = {.name = "env", .type = &ty_string_map, NO_RANGE, .rule = RULE_ENV},
  [FN_ARCH] = {.name = "arch", .type = &ty_arch, DEFAULT_ENUM("x86_64"), NO_RANGE},
  [FN_CONCURRENCY] = {.name = "concurrency", .type = &ty_int, RANGE(0, 1000000)},
  [FN_LOG_RETENTION] = {.name = "log_retention", .type = &ty_duration, DEFAULT_INT(14 * MS_PER_DAY),
                        RANGE(MS_PER_DAY, 3653 * MS_PER_DAY), .step = MS_PER_DAY, .rule = RULE_LOG_RETENTION},
  [FN_TMP] = {.name = "tmp", .type = &ty_size, DEFAULT_INT(512 * BYTES_PER_MB), RANGE(512 * BYTES_PER_MB, 10240 * BYTES_PER_MB),
              .step = BYTES_PER_MB},
  [FN_DESCRIPTION] = {.name = "description", .type = &ty_string, RANGE(0, 256)},
  [FN_ON_FAILURE] = {.name = "on_failure", .type = &ty_async_failure_destination, NO_RANGE},
  [FN_ON_SUCCESS] = {.name = "on_success", .type = &ty_async_success_destination, NO_RANGE},
  [FN_ASYNC_RETRIES] = {.name = "async_retries", .type = &ty_int, RANGE(0, 2)},
  [FN_MAX_EVENT_AGE] = {.name = "max_event_age", .type = &ty_duration, RANGE(60 * MS_PER_SECOND, 6 * MS_PER_HOUR),
                        .step = MS_PER_SECOND},
  [FN_TRACING] = {.name = "tracing", .type = &ty_bool, DEFAULT_BOOL(false), NO_RANGE},
  [FN_VPC] = {.name = "vpc", .type = &ty_vpc, NO_RANGE, .rule = RULE_VPC},
  [FN_ATTR_COUNT] = {0},
};

static const FieldSpec bucket_attrs[] = {
  [BK_NAME] = {.name = "name", .type = &ty_string, NO_RANGE, .rule = RULE_BUCKET_NAME},
  [BK_VERSIONING] = {.name = "versioning", .type = &ty_bool, DEFAULT_BOOL(false), NO_RANGE},
  [BK_EXPIRE_AFTER] = {.name = "expire_after", .type = &ty_duration,
                       RANGE(MS_PER_DAY, INT64_C(36500) * MS_PER_DAY), .step = MS_PER_DAY},
  [BK_CORS] = {.name = "cors", .type = &ty_cors, NO_RANGE},
  [BK_PUBLIC] = {.name = "public", .type = &ty_bool, DEFAULT_BOOL(false), NO_RANGE},
  [BK_RETAIN] = {.name = "retain", .type = &ty_bool, DEFAULT_BOOL(true), NO_RANGE},
  [BK_ATTR_COUNT] = {0},
};

static const FieldSpec table_attrs[] = {
  [TB_KEY] = {.name = "key", .type = &ty_key_schema, .required = true, NO_RANGE},
  [TB_BILLING] = {.name = "billing", .type = &ty_billing, DEFAULT_ENUM("on_demand"), NO_RANGE},
  [TB_READ] = {.name = "read", .type = &ty_int, RANGE(1, 40000)},
  [TB_WRITE] = {.name = "write", .type = &ty_int, RANGE(1, 40000)},
  [TB_STREAM] = {.name = "stream", .type = &ty_stream_view, NO_RANGE},
  [TB_TTL] = {.name = "ttl", .type = &ty_string, NO_RANGE, .rule = RULE_ATTR_NAME},
  [TB_INDEXES] = {.name = "indexes", .type = &ty_index_list, NO_RANGE, .rule = RULE_INDEXES},
  [TB_RETAIN] = {.name = "retain", .type = &ty_bool, DEFAULT_BOOL(true), NO_RANGE},
  [TB_ATTR_COUNT] = {0},
};

static const char *const api_method_vals[] = {"GET", "PUT", "POST", "DELETE", "PATCH", "HEAD",
                                               "OPTIONS", "*", NULL};
static const Type ty_api_method = {.kind = T_ENUM, .enum_vals = api_method_vals, .name = "HTTP method"};
static const Type ty_api_method_list = {.kind = T_LIST, .elem = &ty_api_method, .name = "[HTTP method]"};

const FieldSpec api_cors_fields[] = {
  [ACORS_ORIGINS] = {.name = "origins", .type = &ty_string_list, .required = true, NO_RANGE},
  [ACORS_METHODS] = {.name = "methods", .type = &ty_api_method_list, DEFAULT_ENUM_LIST("*"),
                     NO_RANGE},
  [ACORS_HEADERS] = {.name = "headers", .type = &ty_string_list, NO_RANGE},
  [ACORS_MAX_AGE] = {.name = "max_age", .type = &ty_duration, RANGE(0, 86400 * MS_PER_SECOND),
                     .step = MS_PER_SECOND},
  [ACORS_FIELD_COUNT] = {0},
};
static const Type ty_api_cors = {.kind = T_RECORD, .fields = api_cors_fields, .name = "cors record"};

static const FieldSpec topic_attrs[] = {
  [TP_FIFO] = {.name = "fifo", .type = &ty_bool, DEFAULT_BOOL(false), NO_RANGE},
  [TP_ATTR_COUNT] = {0},
};

static const FieldSpec queue_attrs[] = {
  [QU_FIFO] = {.name = "fifo", .type = &ty_bool, DEFAULT_BOOL(false), NO_RANGE},
  [QU_RETRIES] = {.name = "retries", .type = &ty_int, RANGE(0, 999)},
  [QU_VISIBILITY_TIMEOUT] = {.name = "visibility_timeout", .type = &ty_duration,
                             RANGE(0, 43200 * MS_PER_SECOND), .step = MS_PER_SECOND},
  [QU_RETENTION] = {.name = "retention", .type = &ty_duration, DEFAULT_INT(4 * MS_PER_DAY),
                    RANGE(60 * MS_PER_SECOND, 14 * MS_PER_DAY), .step = MS_PER_SECOND},
  [QU_DELAY] = {.name = "delay", .type = &ty_duration, DEFAULT_INT(0), RANGE(0, 900 * MS_PER_SECOND),
                .step = MS_PER_SECOND},
  [QU_RETAIN] = {.name = "retain", .type = &ty_bool, DEFAULT_BOOL(true), NO_RANGE},
  [QU_ATTR_COUNT] = {0},
};

static const FieldSpec stream_attrs[] = {
  [SM_SHARDS] = {.name = "shards", .type = &ty_int, RANGE(1, 1000)},
  [SM_RETENTION] = {.name = "retention", .type = &ty_duration, DEFAULT_INT(24 * MS_PER_HOUR),
                    RANGE(24 * MS_PER_HOUR, 8760 * MS_PER_HOUR), .step = MS_PER_HOUR},
  [SM_RETAIN] = {.name = "retain", .type = &ty_bool, DEFAULT_BOOL(true), NO_RANGE},
  [SM_ATTR_COUNT] = {0},
};

static const char *const compression_vals[] = {"none", "gzip", "snappy", "zip", "hadoop_snappy", NULL};
static const Type ty_compression = {.kind = T_ENUM, .enum_vals = compression_vals, .name = "compression"};

static const FieldSpec firehose_attrs[] = {
  [FH_TO] = {.name = "to", .type = &ty_bucket_res, .required = true, NO_RANGE},
  [FH_TRANSFORM] = {.name = "transform", .type = &ty_function_res, NO_RANGE},
  [FH_PREFIX] = {.name = "prefix", .type = &ty_string, RANGE(0, 1024), .rule = RULE_PATH_PREFIX},
  [FH_BUFFER_SIZE] = {.name = "buffer_size", .type = &ty_size, DEFAULT_INT(5 * BYTES_PER_MB),
                      RANGE(BYTES_PER_MB, 128 * BYTES_PER_MB), .step = BYTES_PER_MB},
  [FH_BUFFER_INTERVAL] = {.name = "buffer_interval", .type = &ty_duration,
                          DEFAULT_INT(300 * MS_PER_SECOND), RANGE(0, 900 * MS_PER_SECOND),
                          .step = MS_PER_SECOND},
  [FH_COMPRESSION] = {.name = "compression", .type = &ty_compression, DEFAULT_ENUM("none"),
                      NO_RANGE},
  [FH_ATTR_COUNT] = {0},
};

static const FieldSpec api_attrs[] = {
  [AP_CORS] = {.name = "cors", .type = &ty_api_cors, NO_RANGE},
  [AP_STAGE] = {.name = "stage", .type = &ty_string, RANGE(1, 128)},
  [AP_ACCESS_LOGS] = {.name = "access_logs", .type = &ty_bool, DEFAULT_BOOL(false), NO_RANGE},
  [AP_ATTR_COUNT] = {0},
};

static const char *const price_vals[] = {"price_100", "price_200", "price_all", NULL};
static const Type ty_price = {.kind = T_ENUM, .enum_vals = price_vals, .name = "price class"};

static const FieldSpec cdn_attrs[] = {
  [CD_ORIGIN] = {.name = "origin", .type = &ty_bucket_res, NO_RANGE},
  [CD_ROUTES] = {.name = "routes", .type = &ty_api_map, NO_RANGE},
  [CD_DEFAULT_ROOT] = {.name = "default_root", .type = &ty_string, RANGE(1, 255),
                       .rule = RULE_OBJECT_KEY},
  [CD_PRICE_CLASS] = {.name = "price_class", .type = &ty_price, DEFAULT_ENUM("price_100"),
                      NO_RANGE},
  [CD_ALIASES] = {.name = "aliases", .type = &ty_string_list, NO_RANGE},
  [CD_CERTIFICATE] = {.name = "certificate", .type = &ty_string, NO_RANGE,
                      .rule = RULE_CERTIFICATE},
  [CD_ATTR_COUNT] = {0},
};

static const char *const comparison_vals[] = {">=", ">", "<", "<=", NULL};
static const Type ty_comparison = {.kind = T_ENUM, .enum_vals = comparison_vals, .name = "comparison"};

static const FieldSpec alarm_attrs[] = {
  [AL_METRIC] = {.name = "metric", .type = &ty_metric, .required = true, NO_RANGE},
  [AL_THRESHOLD] = {.name = "threshold", .type = &ty_number, .required = true, NO_RANGE},
  [AL_PERIOD] = {.name = "period", .type = &ty_duration, DEFAULT_INT(60 * MS_PER_SECOND),
                 RANGE(10 * MS_PER_SECOND, MS_PER_DAY), .step = MS_PER_SECOND, .rule = RULE_ALARM_PERIOD},
  [AL_EVALUATION_PERIODS] = {.name = "evaluation_periods", .type = &ty_int, DEFAULT_INT(1),
                             RANGE(1, 100)},
  [AL_COMPARISON] = {.name = "comparison", .type = &ty_comparison, DEFAULT_ENUM(">="), NO_RANGE},
  [AL_NOTIFY] = {.name = "notify", .type = &ty_topic_res, NO_RANGE},
  [AL_ATTR_COUNT] = {0},
};

/* A bus has nothing to set: its name is "<prefix>-<name>", its rules are its triggers. */
static const FieldSpec bus_attrs[] = {
  [BU_ATTR_COUNT] = {0},
};

const FieldSpec stack_attrs[] = {
  [ST_DESCRIPTION] = {.name = "description", .type = &ty_string, RANGE(0, 1024)},
  [ST_REGION] = {.name = "region", .type = &ty_string, NO_RANGE, .rule = RULE_REGION},
  [ST_TAGS] = {.name = "tags", .type = &ty_string_map, NO_RANGE, .rule = RULE_TAGS},
  [ST_NAME_PREFIX] = {.name = "name_prefix", .type = &ty_string, NO_RANGE,
                      .rule = RULE_NAME_PREFIX},
  [ST_ATTR_COUNT] = {0},
};

/* What most kinds can be read as: NAME.name and NAME.arn. */
#define NAME_AND_ARN                                   \
  {.name = "name", .attr = REF_NAME, .type = &ty_name}, \
  {.name = "arn", .attr = REF_ARN, .type = &ty_arn}
static const RefSpec function_refs[] = {
  NAME_AND_ARN,
  {.name = "errors", .attr = REF_ERRORS, .type = &ty_metric},
  {.name = "throttles", .attr = REF_THROTTLES, .type = &ty_metric},
  {.name = "duration", .attr = REF_DURATION, .type = &ty_metric},
  {0},
};
static const RefSpec bucket_refs[] = {
  NAME_AND_ARN,
  {.name = "domain", .attr = REF_DOMAIN, .type = &ty_string},
  {0},
};
static const RefSpec table_refs[] = {
  NAME_AND_ARN,
  {.name = "stream_arn", .attr = REF_STREAM_ARN, .type = &ty_arn},
  {0},
};
static const RefSpec name_arn_refs[] = {
  NAME_AND_ARN,
  {0},
};
static const RefSpec queue_refs[] = {
  NAME_AND_ARN,
  {.name = "url", .attr = REF_URL, .type = &ty_url},
  {.name = "age", .attr = REF_AGE, .type = &ty_metric},
  {.name = "depth", .attr = REF_DEPTH, .type = &ty_metric},
  {0},
};
static const RefSpec api_refs[] = {
  {.name = "id", .attr = REF_ID, .type = &ty_string},
  {.name = "url", .attr = REF_URL, .type = &ty_url},
  {0},
};
static const RefSpec cdn_refs[] = {
  {.name = "id", .attr = REF_ID, .type = &ty_string},
  {.name = "domain", .attr = REF_DOMAIN, .type = &ty_string},
  {.name = "url", .attr = REF_URL, .type = &ty_url},
  {0},
};

/* One row per enum value, then the terminator: a row written past it (or
 * positionally after it) would make the table longer. */
#define ONE_ROW_PER_ENUM(table, count)                          \
  _Static_assert(sizeof(table) / sizeof((table)[0]) == (count) + 1, \
                 #table " has a row past " #count)
ONE_ROW_PER_ENUM(function_attrs, FN_ATTR_COUNT);
ONE_ROW_PER_ENUM(bucket_attrs, BK_ATTR_COUNT);
ONE_ROW_PER_ENUM(table_attrs, TB_ATTR_COUNT);
ONE_ROW_PER_ENUM(topic_attrs, TP_ATTR_COUNT);
ONE_ROW_PER_ENUM(queue_attrs, QU_ATTR_COUNT);
ONE_ROW_PER_ENUM(stream_attrs, SM_ATTR_COUNT);
ONE_ROW_PER_ENUM(firehose_attrs, FH_ATTR_COUNT);
ONE_ROW_PER_ENUM(api_attrs, AP_ATTR_COUNT);
ONE_ROW_PER_ENUM(cdn_attrs, CD_ATTR_COUNT);
ONE_ROW_PER_ENUM(alarm_attrs, AL_ATTR_COUNT);
ONE_ROW_PER_ENUM(bus_attrs, BU_ATTR_COUNT);
ONE_ROW_PER_ENUM(stack_attrs, ST_ATTR_COUNT);
ONE_ROW_PER_ENUM(cors_fields, CORS_FIELD_COUNT);
ONE_ROW_PER_ENUM(index_fields, IX_FIELD_COUNT);
ONE_ROW_PER_ENUM(api_cors_fields, ACORS_FIELD_COUNT);
#undef ONE_ROW_PER_ENUM

#define BIT(x) (1u << (x))
#define DATA_ACCESSES (BIT(ACC_READ) | BIT(ACC_WRITE) | BIT(ACC_READ_WRITE) | BIT(ACC_DELETE))
#define ROUTE_EVENTS \
  (BIT(EV_GET) | BIT(EV_POST) | BIT(EV_PUT) | BIT(EV_DELETE) | BIT(EV_PATCH) | BIT(EV_ANY))

const KindSpec kind_specs[RES_KIND_COUNT] = {
  [RES_FUNCTION] = {.kind = RES_FUNCTION, .name_max = 64, .name = "function", .supported = true,
                    .attrs = function_attrs, .nattrs = FN_ATTR_COUNT, .refs = function_refs,
                    .accesses = BIT(ACC_INVOKE)},
  [RES_BUCKET] = {.kind = RES_BUCKET, .name_max = 63, .name = "bucket", .supported = true, .stateful = true,
                  .attrs = bucket_attrs, .nattrs = BK_ATTR_COUNT, .refs = bucket_refs,
                  .accesses = DATA_ACCESSES,
                  .events = BIT(EV_CREATED) | BIT(EV_REMOVED)},
  [RES_TABLE] = {.kind = RES_TABLE, .name_max = 255, .name = "table", .supported = true, .stateful = true,
                 .attrs = table_attrs, .nattrs = TB_ATTR_COUNT, .refs = table_refs,
                 .accesses = DATA_ACCESSES,
                 .events = BIT(EV_STREAM)},
  [RES_TOPIC] = {.kind = RES_TOPIC, .name_max = 256, .name = "topic", .supported = true, .attrs = topic_attrs,
                 .nattrs = TP_ATTR_COUNT, .refs = name_arn_refs, .accesses = BIT(ACC_PUBLISH),
                 .events = BIT(EV_MESSAGE)},
  [RES_QUEUE] = {.kind = RES_QUEUE, .name_max = 80, .name = "queue", .supported = true, .stateful = true,
                 .attrs = queue_attrs, .nattrs = QU_ATTR_COUNT, .refs = queue_refs,
                 .accesses = BIT(ACC_SEND) | BIT(ACC_CONSUME), .events = BIT(EV_MESSAGE)},
  [RES_STREAM] = {.kind = RES_STREAM, .name_max = 128, .name = "stream", .supported = true, .stateful = true,
                  .attrs = stream_attrs, .nattrs = SM_ATTR_COUNT, .refs = name_arn_refs,
                  .accesses = BIT(ACC_PUT) | BIT(ACC_READ), .events = BIT(EV_MESSAGE)},
  [RES_FIREHOSE] = {.kind = RES_FIREHOSE, .name_max = 64, .name = "firehose", .supported = true,
                    .attrs = firehose_attrs, .nattrs = FH_ATTR_COUNT, .refs = name_arn_refs,
                    .accesses = BIT(ACC_PUT)},
  [RES_API] = {.kind = RES_API, .name_max = 128, .name = "api", .supported = true, .attrs = api_attrs,
               .nattrs = AP_ATTR_COUNT, .refs = api_refs,
               .events = ROUTE_EVENTS},
  [RES_CDN] = {.kind = RES_CDN, .name_max = 14, .name = "cdn", .supported = true, .attrs = cdn_attrs,
               .nattrs = CD_ATTR_COUNT, .refs = cdn_refs},
  [RES_ALARM] = {.kind = RES_ALARM, .name_max = 255, .name = "alarm", .supported = true, .attrs = alarm_attrs,
                 .nattrs = AL_ATTR_COUNT, .refs = name_arn_refs},
  [RES_BUS] = {.kind = RES_BUS, .name_max = 256, .name = "bus", .supported = true, .attrs = bus_attrs,
               .nattrs = BU_ATTR_COUNT, .refs = name_arn_refs, .accesses = BIT(ACC_PUBLISH),
               .events = BIT(EV_MESSAGE)},
};

const char *const access_names[ACC_COUNT] = {
  [ACC_READ] = "read", [ACC_WRITE] = "write", [ACC_READ_WRITE] = "read_write",
  [ACC_DELETE] = "delete", [ACC_PUBLISH] = "publish", [ACC_SEND] = "send",
  [ACC_CONSUME] = "consume", [ACC_PUT] = "put", [ACC_INVOKE] = "invoke",
};
const char *const event_names[EV_COUNT] = {
  [EV_CREATED] = "created", [EV_REMOVED] = "removed", [EV_STREAM] = "stream",
  [EV_MESSAGE] = "message", [EV_GET] = "get", [EV_POST] = "post", [EV_PUT] = "put",
  [EV_DELETE] = "delete", [EV_PATCH] = "patch", [EV_ANY] = "any", [EV_SCHEDULE] = "schedule",
};

const KindSpec *kind_lookup(const char *name) {
  for (int k = 0; k < RES_KIND_COUNT; k++)
    if (str_eq(kind_specs[k].name, name)) return &kind_specs[k];
  return NULL;
}

#define ALIAS(n, k) {.name = n, .kind = k}
#define SCHEDULE(n) {.name = n, .kind = RES_KIND_COUNT, .schedule = true}
#define BUS_OR_SCHEDULE(n) {.name = n, .kind = RES_BUS, .schedule = true}
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
  BUS_OR_SCHEDULE("eventbridge"), BUS_OR_SCHEDULE("events"), ALIAS("event_bus", RES_BUS),
  ALIAS("aws_cloudwatch_event_bus", RES_BUS), ALIAS("AWS::Events::EventBus", RES_BUS),
  SCHEDULE("event_rule"), SCHEDULE("rule"),
  SCHEDULE("scheduler"), SCHEDULE("schedule"), SCHEDULE("aws_cloudwatch_event_rule"),
  SCHEDULE("aws_scheduler_schedule"), SCHEDULE("AWS::Events::Rule"),
  SCHEDULE("AWS::Scheduler::Schedule"), SCHEDULE("AWS::Serverless::Schedule"),
};
#undef ALIAS
#undef SCHEDULE
#undef BUS_OR_SCHEDULE

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
  if (t->kind == T_RESOURCE && !t->res_kinds) return kind_specs[t->res_kind].name;
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
