/* tf_kinds.c — the Terraform backend's row for each kind (tf_kinds.h).
 * Adding a kind adds a row here; tests/unit/test_tables.c names a missing one. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "tf_kinds.h"

#define ATTR(name) {.attr = name}
#define COMPOSITE {.composite = true}
#define NO_COMPOSITE "every reference to it reads one attribute"
/* The ARN is "arn" everywhere. */
#define NAME_ARN(name_attr) [REF_NAME] = ATTR(name_attr), [REF_ARN] = ATTR("arn")

const TfKind tf_kinds[RES_KIND_COUNT] = {
  [RES_FUNCTION] = {.type = "aws_lambda_function", .refs = {NAME_ARN("function_name")},
                    .no_expand = NO_COMPOSITE, .emit = tf_function},
  [RES_BUCKET] = {.type = "aws_s3_bucket",
                  .refs = {NAME_ARN("bucket"), [REF_DOMAIN] = ATTR("bucket_regional_domain_name")},
                  .no_expand = NO_COMPOSITE, .emit = tf_bucket},
  [RES_TABLE] = {.type = "aws_dynamodb_table", .refs = {NAME_ARN("name"), [REF_STREAM_ARN] = ATTR("stream_arn")},
                 .no_expand = NO_COMPOSITE, .emit = tf_table},
  [RES_TOPIC] = {.type = "aws_sns_topic", .refs = {NAME_ARN("name")}, .no_expand = NO_COMPOSITE,
                 .emit = tf_topic},
  [RES_QUEUE] = {.type = "aws_sqs_queue", .refs = {NAME_ARN("name"), [REF_URL] = ATTR("url")},
                 .no_expand = NO_COMPOSITE, .emit = tf_queue},
  [RES_STREAM] = {.type = "aws_kinesis_stream", .refs = {NAME_ARN("name")}, .no_expand = NO_COMPOSITE,
                  .emit = tf_stream},
  [RES_FIREHOSE] = {.type = "aws_kinesis_firehose_delivery_stream", .refs = {NAME_ARN("name")},
                    .no_expand = NO_COMPOSITE, .emit = tf_firehose},
  [RES_API] = {.type = "aws_apigatewayv2_api",
               .refs = {[REF_ID] = ATTR("id"), [REF_URL] = COMPOSITE},
               .expand = tf_api_url, .emit = tf_api},
  [RES_CDN] = {.type = "aws_cloudfront_distribution",
               .refs = {[REF_ID] = ATTR("id"), [REF_DOMAIN] = ATTR("domain_name"), [REF_URL] = COMPOSITE},
               .expand = tf_cdn_url, .emit = tf_cdn},
  [RES_ALARM] = {.type = "aws_cloudwatch_metric_alarm", .refs = {NAME_ARN("alarm_name")},
                 .no_expand = NO_COMPOSITE, .emit = tf_alarm},
  [RES_BUS] = {.type = "aws_cloudwatch_event_bus", .refs = {NAME_ARN("name")}, .no_expand = NO_COMPOSITE,
               .emit = tf_bus},
};
