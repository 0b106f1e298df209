/* cfn_kinds.c — the CloudFormation backend's row for each kind
 * (cfn_kinds.h). Adding a kind adds a row here; tests/unit/test_tables.c
 * names a missing one. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "cfn_kinds.h"

#define REF {.how = CFN_BY_REF}
#define GETATT(attr) {.how = CFN_BY_GETATT, .getatt = attr}
#define COMPOSITE {.how = CFN_COMPOSITE}
#define NO_COMPOSITE "every reference to it is a Ref or a GetAtt"

const CfnKind cfn_kinds[RES_KIND_COUNT] = {
  [RES_FUNCTION] = {.type = "AWS::Lambda::Function",
                    .refs = {[REF_NAME] = REF, [REF_ARN] = GETATT("Arn")},
                    .no_expand = NO_COMPOSITE, .emit = cfn_emit_function_group},
  [RES_BUCKET] = {.type = "AWS::S3::Bucket",
                  .refs = {[REF_NAME] = REF, [REF_ARN] = GETATT("Arn"),
                           [REF_DOMAIN] = GETATT("RegionalDomainName")},
                  .no_expand = NO_COMPOSITE, .emit = cfn_emit_bucket},
  [RES_TABLE] = {.type = "AWS::DynamoDB::Table",
                 .refs = {[REF_NAME] = REF, [REF_ARN] = GETATT("Arn"), [REF_STREAM_ARN] = GETATT("StreamArn")},
                 .no_expand = NO_COMPOSITE, .emit = cfn_emit_table},
  [RES_TOPIC] = {.type = "AWS::SNS::Topic",
                 .refs = {[REF_ARN] = REF, [REF_NAME] = GETATT("TopicName")},   /* Ref: the ARN */
                 .no_expand = NO_COMPOSITE, .emit = cfn_emit_topic},
  [RES_QUEUE] = {.type = "AWS::SQS::Queue",
                 .refs = {[REF_URL] = REF, [REF_NAME] = GETATT("QueueName"), [REF_ARN] = GETATT("Arn")},
                 .no_expand = NO_COMPOSITE, .emit = cfn_emit_queue},   /* Ref: the URL */
  [RES_STREAM] = {.type = "AWS::Kinesis::Stream",
                  .refs = {[REF_NAME] = REF, [REF_ARN] = GETATT("Arn")},
                  .no_expand = NO_COMPOSITE, .emit = cfn_emit_stream},
  [RES_FIREHOSE] = {.type = "AWS::KinesisFirehose::DeliveryStream",
                    .refs = {[REF_NAME] = REF, [REF_ARN] = GETATT("Arn")},
                    .no_expand = NO_COMPOSITE, .emit = cfn_emit_firehose},
  [RES_API] = {.type = "AWS::ApiGatewayV2::Api",
               .refs = {[REF_ID] = REF, [REF_URL] = COMPOSITE},
               .expand = cfn_api_url, .emit = cfn_emit_api},
  [RES_CDN] = {.type = "AWS::CloudFront::Distribution",
               .refs = {[REF_ID] = REF, [REF_DOMAIN] = GETATT("DomainName"), [REF_URL] = COMPOSITE},
               .expand = cfn_cdn_url, .emit = cfn_emit_cdn},
  [RES_ALARM] = {.type = "AWS::CloudWatch::Alarm",
                 .refs = {[REF_NAME] = REF, [REF_ARN] = GETATT("Arn")},
                 .no_expand = NO_COMPOSITE, .emit = cfn_emit_alarm},
  [RES_BUS] = {.type = "AWS::Events::EventBus",
               .refs = {[REF_NAME] = REF, [REF_ARN] = GETATT("Arn")},   /* Ref: the name */
               .no_expand = NO_COMPOSITE, .emit = cfn_emit_bus},
};
