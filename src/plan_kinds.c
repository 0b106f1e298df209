/* plan_kinds.c — the plan layer's row for each kind (plan_kinds.h).
 *
 * The grant rows here are the one table of IAM actions a grant gives,
 * documented in docs/language.md and checked against it by
 * tests/unit/test_policy.c.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "plan_kinds.h"

static const GrantRow bucket_grants[] = {
  {.access = ACC_READ, .scope = SCOPE_OBJECTS, .sid_suffix = "Objects", .actions = {"s3:GetObject"}},
  {.access = ACC_READ, .scope = SCOPE_BUCKET, .sid_suffix = "Bucket", .actions = {"s3:ListBucket"}},
  {.access = ACC_WRITE, .scope = SCOPE_OBJECTS, .sid_suffix = "Objects",
   .actions = {"s3:AbortMultipartUpload", "s3:PutObject"}},
  {.access = ACC_READ_WRITE, .scope = SCOPE_OBJECTS, .sid_suffix = "Objects",
   .actions = {"s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"}},
  {.access = ACC_READ_WRITE, .scope = SCOPE_BUCKET, .sid_suffix = "Bucket", .actions = {"s3:ListBucket"}},
  {.access = ACC_DELETE, .scope = SCOPE_OBJECTS, .sid_suffix = "Objects", .actions = {"s3:DeleteObject"}},
  {.sid_suffix = NULL},
};

static const GrantRow table_grants[] = {
  {.access = ACC_READ, .scope = SCOPE_TABLE_INDEXES, .sid_suffix = "Items",
   .actions = {"dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable",
               "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"}},
  {.access = ACC_WRITE, .scope = SCOPE_TABLE, .sid_suffix = "Items",
   .actions = {"dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable",
               "dynamodb:PutItem", "dynamodb:UpdateItem"}},
  {.access = ACC_READ_WRITE, .scope = SCOPE_TABLE_INDEXES, .sid_suffix = "Items",
   .actions = {"dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
               "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query",
               "dynamodb:Scan", "dynamodb:UpdateItem"}},
  {.access = ACC_DELETE, .scope = SCOPE_TABLE, .sid_suffix = "Items",
   .actions = {"dynamodb:BatchWriteItem", "dynamodb:DeleteItem"}},
  {.sid_suffix = NULL},
};

static const GrantRow topic_grants[] = {
  {.access = ACC_PUBLISH, .scope = SCOPE_ARN, .sid_suffix = "Topic", .actions = {"sns:Publish"}},
  {.sid_suffix = NULL},
};

static const GrantRow queue_grants[] = {
  {.access = ACC_SEND, .scope = SCOPE_ARN, .sid_suffix = "Queue",
   .actions = {"sqs:GetQueueAttributes", "sqs:SendMessage"}},
  {.access = ACC_CONSUME, .scope = SCOPE_ARN, .sid_suffix = "Queue",
   .actions = {"sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
               "sqs:ReceiveMessage"}},
  {.sid_suffix = NULL},
};

static const GrantRow stream_grants[] = {
  {.access = ACC_PUT, .scope = SCOPE_ARN, .sid_suffix = "Stream",
   .actions = {"kinesis:DescribeStreamSummary", "kinesis:PutRecord", "kinesis:PutRecords"}},
  {.access = ACC_READ, .scope = SCOPE_ARN, .sid_suffix = "Stream",
   .actions = {"kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords",
               "kinesis:GetShardIterator", "kinesis:ListShards"}},
  {.sid_suffix = NULL},
};

static const GrantRow firehose_grants[] = {
  {.access = ACC_PUT, .scope = SCOPE_ARN, .sid_suffix = "Firehose",
   .actions = {"firehose:PutRecord", "firehose:PutRecordBatch"}},
  {.sid_suffix = NULL},
};

static const GrantRow bus_grants[] = {
  {.access = ACC_PUBLISH, .scope = SCOPE_ARN, .sid_suffix = "Bus", .actions = {"events:PutEvents"}},
  {.sid_suffix = NULL},
};

static const GrantRow function_grants[] = {
  {.access = ACC_INVOKE, .scope = SCOPE_ARN, .sid_suffix = "Function", .actions = {"lambda:InvokeFunction"}},
  {.sid_suffix = NULL},
};

/* Lambda destinations (Lambda developer guide, "Retain discarded batch
 * records" and "Capturing records of asynchronous invocations"): the
 * execution role needs sqs:SendMessage on a queue, sns:Publish on a topic,
 * events:PutEvents on a bus, lambda:InvokeFunction on a function, and
 * s3:PutObject plus s3:ListBucket on a bucket. */
static const GrantRow queue_destination[] = {
  {.scope = SCOPE_ARN, .sid_suffix = "Queue", .actions = {"sqs:SendMessage"}}, {.sid_suffix = NULL}};
static const GrantRow topic_destination[] = {
  {.scope = SCOPE_ARN, .sid_suffix = "Topic", .actions = {"sns:Publish"}}, {.sid_suffix = NULL}};
static const GrantRow bus_destination[] = {
  {.scope = SCOPE_ARN, .sid_suffix = "Bus", .actions = {"events:PutEvents"}}, {.sid_suffix = NULL}};
static const GrantRow function_destination[] = {
  {.scope = SCOPE_ARN, .sid_suffix = "Function", .actions = {"lambda:InvokeFunction"}}, {.sid_suffix = NULL}};
static const GrantRow bucket_destination[] = {
  {.scope = SCOPE_OBJECTS, .sid_suffix = "Objects", .actions = {"s3:PutObject"}},
  {.scope = SCOPE_BUCKET, .sid_suffix = "Bucket", .actions = {"s3:ListBucket"}},
  {.sid_suffix = NULL}};

bool plan_member_complete(bool set, const char *no_reason) {
  bool excused = no_reason && *no_reason;
  return set != excused;
}

#define NOT_A_SOURCE "it is not a trigger source"
#define PUSHES "it invokes the function itself: the trigger adds a permission, not role statements"

/* Names: functions and tables as they always were; streams, firehoses,
 * APIs and alarms get "<prefix>-<name>" too, since Terraform requires
 * their name and both targets say the same thing. */
const PlanKind plan_kinds[RES_KIND_COUNT] = {
  [RES_FUNCTION] = {
    .destination = function_destination,
    .physical_name = plan_prefixed_name,
    .grants = function_grants,
    .no_lower_trigger = NOT_A_SOURCE,
    .no_trigger_statements = NOT_A_SOURCE,
    .plan = plan_function_one, .phase = PLAN_BEFORE_TRIGGERS,
  },
  [RES_BUCKET] = {
    .destination = bucket_destination,
    .physical_name = plan_bucket_name,
    .grants = bucket_grants,
    .lower_trigger = plan_bucket_trigger,
    .no_trigger_statements = "S3 " PUSHES,
    .no_plan = "a bucket deploys as declared; its triggers plan its notifications",
  },
  [RES_TABLE] = {
    .physical_name = plan_prefixed_name,
    .grants = table_grants,
    .lower_trigger = plan_mapping,
    .trigger_statements = plan_table_stream_statements,
    .no_plan = "a table deploys as declared; its triggers plan its stream mappings",
  },
  [RES_TOPIC] = {
    .destination = topic_destination,
    .no_physical_name = "SNS chooses the name: topics are referenced, not named, and a FIFO name must end "
                        "in \".fifo\"",
    .grants = topic_grants,
    .lower_trigger = plan_topic_trigger,
    .no_trigger_statements = "SNS " PUSHES,
    .plan = plan_topic_one, .phase = PLAN_AFTER_TRIGGERS,
  },
  [RES_QUEUE] = {
    .destination = queue_destination,
    .no_physical_name = "SQS chooses the name: queues are referenced, not named, and a FIFO name must end "
                        "in \".fifo\"",
    .grants = queue_grants,
    .lower_trigger = plan_mapping,
    .trigger_statements = plan_queue_poller_statement,
    .plan = plan_queue_one, .phase = PLAN_AFTER_TRIGGERS,
  },
  [RES_STREAM] = {
    .physical_name = plan_prefixed_name,
    .grants = stream_grants,
    .lower_trigger = plan_mapping,
    .trigger_statements = plan_stream_poller_statement,
    .no_plan = "a stream deploys as declared; its triggers plan its mappings",
  },
  [RES_FIREHOSE] = {
    .physical_name = plan_prefixed_name,
    .grants = firehose_grants,
    .no_lower_trigger = NOT_A_SOURCE,
    .no_trigger_statements = NOT_A_SOURCE,
    .plan = plan_firehose_one, .phase = PLAN_AFTER_TRIGGERS,
  },
  [RES_API] = {
    .physical_name = plan_prefixed_name,
    .no_grants = "an api is called over HTTP, not granted",
    .lower_trigger = plan_http_trigger,
    .no_trigger_statements = "API Gateway " PUSHES,
    .plan = plan_api_one, .phase = PLAN_BEFORE_TRIGGERS,
  },
  [RES_CDN] = {
    .no_physical_name = "CloudFront names distributions itself",
    .no_grants = "a cdn is served to the public, not granted",
    .no_lower_trigger = NOT_A_SOURCE,
    .no_trigger_statements = NOT_A_SOURCE,
    .plan = plan_cdn_one, .phase = PLAN_AFTER_TRIGGERS,
  },
  [RES_ALARM] = {
    .physical_name = plan_prefixed_name,
    .no_grants = "an alarm is not granted",
    .no_lower_trigger = NOT_A_SOURCE,
    .no_trigger_statements = NOT_A_SOURCE,
    .plan = plan_alarm_one, .phase = PLAN_AFTER_TRIGGERS,
  },
  [RES_BUS] = {
    .destination = bus_destination,
    .physical_name = plan_prefixed_name,
    .grants = bus_grants,
    .lower_trigger = plan_bus_trigger,
    .no_trigger_statements = "EventBridge " PUSHES,
    .no_plan = "a bus deploys as declared; its triggers plan its rules",
  },
};
