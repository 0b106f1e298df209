/* plan.h — what every backend needs beyond the IR, derived once.
 *
 * plan.c turns grants and triggers into per-function IAM statements with
 * exact actions on exact resources, invoke permissions for push sources,
 * event source mappings for pollers, log groups, and the S3 notifications
 * of each bucket grouped together (CloudFormation puts them on the bucket,
 * Terraform allows one aws_s3_bucket_notification per bucket). Nothing
 * here knows CloudFormation or Terraform syntax or names: each resource a
 * backend adds is known by its role (a function's role, log group and
 * permissions; a queue's dead-letter queue...), and the backend names it
 * (cfn_names.c, tf_names.c).
 */
#ifndef STACKC_PLAN_H
#define STACKC_PLAN_H

#include "ir.h"

/* One IAM policy statement: Effect Allow, exact actions, exact resources. */
typedef struct PlanStatement {
  const char *sid;             /* alphanumeric, unique in its policy: "ReadUploadsObjects" */
  const char *what;            /* what it grants, "read uploads objects": equal means same statement */
  const char **actions;        /* sorted, unique: "s3:GetObject" */
  uint32_t nactions;
  Value **resources;           /* ARNs as string-typed values (joins of literals, pseudos, refs) */
  uint32_t nresources;
} PlanStatement;

/* An IAM role assumed by one AWS service on behalf of one resource, with
 * one inline policy. */
typedef struct PlanRole {
  const char *principal;       /* "lambda.amazonaws.com", "firehose.amazonaws.com" */
  PtrVec statements;           /* PlanStatement* */
} PlanRole;

typedef struct PlanFunction {
  IrRes *fn;
  Value *name;                 /* the function's physical name "<prefix>-<name>" */
  Value *log_group_name;       /* "/aws/lambda/<physical name>" */
  PlanRole role;               /* statements: logs first, then grants, then triggers */
} PlanFunction;

/* A resource policy letting a push source invoke a function. */
typedef struct PlanPermission {
  IrRes *fn;
  IrRes *source;               /* the bucket, topic, api or bus; NULL for a schedule */
  const char *principal;       /* "s3.amazonaws.com", "sns.amazonaws.com", "apigateway.amazonaws.com",
                                * "events.amazonaws.com" */
  Value *source_arn;           /* exact ARN of the source (an API: its execute-api ARN for every stage and route) */
  bool source_account;         /* also pin SourceAccount to the stack's account (S3 ARNs carry none) */
  const struct PlanSchedule *schedule;   /* the schedule whose rule it admits, when source is NULL */
} PlanPermission;

/* An event source mapping from a poller (table stream, queue, Kinesis
 * stream) to a function; batch, window, start and so on are on trig. */
typedef struct PlanMapping {
  IrTrigger *trig;
  Value *event_source_arn;     /* the table's stream ARN, the queue's or the stream's ARN */
} PlanMapping;

/* An SNS subscription of a function to a topic (plus a PlanPermission). */
typedef struct PlanSubscription {
  IrTrigger *trig;             /* source = the topic, fn, filter */
} PlanSubscription;

/* An HTTP API integration: one per (api, function). */
typedef struct PlanIntegration {
  IrRes *api;
  IrRes *fn;
} PlanIntegration;

/* One route of an HTTP API. */
typedef struct PlanRoute {
  IrTrigger *trig;             /* source = the api, method, path, fn */
  const char *route_key;       /* "GET /photos/{id}", "ANY /files" */
  PlanIntegration *integration;
  unsigned number;             /* 0, or 2, 3...: an earlier route of the api has the same method and
                                * path words ("/photos-id", "/photos/{id}"), and names tell them apart by it */
} PlanRoute;

typedef struct PlanApi {
  IrRes *api;
  const char *stage;           /* "$default", the user's stage, or the prefix a cdn routes under */
  Value *url;                  /* "https://ID.execute-api.REGION.SUFFIX/" (+ "STAGE/" unless $default) */
  Value *log_group_name;       /* "/aws/apigateway/<prefix>-<name>" when access_logs, else NULL */
  PtrVec routes;               /* PlanRoute*, source order */
  PtrVec integrations;         /* PlanIntegration*, first-use order */
} PlanApi;

/* An EventBridge rule running a function on a schedule (plus a PlanPermission). */
typedef struct PlanSchedule {
  IrTrigger *trig;             /* fn, schedule */
  Value *rule_name;            /* "<prefix>-<function>-schedule[N]": known, so the permission names it */
  unsigned number;             /* 1 for the function's first schedule, 2, 3... for the next */
  const char *target_id;       /* the rule's target Id: the function's CamelCase name, or "Function"
                                * when that is over EventBridge's 64 characters */
} PlanSchedule;

/* An EventBridge rule on a bus running one function (plus a PlanPermission):
 * one per (bus, function), like a topic's subscription. */
typedef struct PlanBusRule {
  IrTrigger *trig;             /* source = the bus, fn */
  Value *rule_name;            /* "<prefix>-<bus>-<function>": known, so the permission names it */
  Value *pattern;              /* the event pattern: V_MAP of literals, keys as EventBridge spells them */
  const char *target_id;       /* the rule's target Id, as a schedule's */
} PlanBusRule;

typedef struct PlanQueue {
  IrRes *queue;
  int64_t visibility_ms;       /* given, or derived from the consumer: max(30s, 6 x timeout + window) */
  bool visibility_derived;     /* true when derived */
  int64_t max_receive_count;   /* retries + 1, when a dead-letter queue exists; else 0 */
  bool dead_letter;            /* retries is set: the queue brings a dead-letter queue */
} PlanQueue;

typedef struct PlanTopic {
  IrRes *topic;
  bool stack_key;              /* encrypted with the stack's KMS key (AWS services publish to it);
                                * else with the AWS-managed key alias/aws/sns */
} PlanTopic;

/* The stack's KMS key for topics that AWS services (CloudWatch alarms)
 * publish to: the AWS-managed SNS key does not admit them. */
typedef struct PlanKey {
  const char **services;       /* service principals allowed to use it, sorted: "cloudwatch.amazonaws.com" */
  uint32_t nservices;
  const char **service_actions;   /* what they may do: kms:Decrypt, kms:GenerateDataKey */
  uint32_t nservice_actions;
  const char **admin_actions;  /* what the account root may do (exact list, no kms:*) */
  uint32_t nadmin_actions;
} PlanKey;

typedef struct PlanFirehose {
  IrRes *firehose;
  PlanRole role;               /* trusted by firehose.amazonaws.com: writes its bucket, invokes its transform */
} PlanFirehose;

/* One path pattern of a distribution served by an HTTP API. */
typedef struct PlanCdnRoute {
  const char *pattern;         /* "/api/" followed by "*" */
  IrRes *api;
  const char *origin_id;       /* "api-web" */
  Value *domain;               /* "ID.execute-api.REGION.SUFFIX": the origin host, without scheme */
} PlanCdnRoute;

typedef struct PlanCdn {
  IrRes *cdn;
  Value *oac_name;             /* the origin access control's Name, "<prefix>-<cdn>" (64 at most),
                                * when there is a bucket origin (which then gets a policy letting
                                * exactly this distribution read), else NULL */
  Value *arn;                  /* arn:PARTITION:cloudfront::ACCOUNT:distribution/ID */
  PtrVec routes;               /* PlanCdnRoute*, in source order */
} PlanCdn;

/* A CloudWatch alarm's metric, resolved. */
typedef struct PlanAlarm {
  IrRes *alarm;
  const char *metric_namespace;   /* "AWS/Lambda", "AWS/SQS" */
  const char *metric_name;     /* "Errors", "ApproximateAgeOfOldestMessage" */
  const char *statistic;       /* "Sum", "Average", "Maximum" */
  const char *dimension;       /* "FunctionName", "QueueName" */
  Value *dimension_value;      /* the function's or queue's name */
  const char *comparison;      /* "GreaterThanOrEqualToThreshold", ... */
} PlanAlarm;

/* All S3 → Lambda notifications of one bucket. */
typedef struct PlanNotification {
  IrRes *bucket;
  PtrVec triggers;             /* IrTrigger* of this bucket, in source order */
  PtrVec permissions;          /* PlanPermission* the bucket must wait for */
} PlanNotification;

typedef struct Plan {
  PtrVec functions;            /* PlanFunction*, in IR order */
  PtrVec permissions;          /* PlanPermission*, in trigger order */
  PtrVec mappings;             /* PlanMapping*, in trigger order */
  PtrVec notifications;        /* PlanNotification*, in bucket order */
  PtrVec subscriptions;        /* PlanSubscription*, in trigger order */
  PtrVec apis;                 /* PlanApi*, in IR order */
  PtrVec schedules;            /* PlanSchedule*, in trigger order */
  PtrVec bus_rules;            /* PlanBusRule*, in trigger order */
  PtrVec queues;               /* PlanQueue*, in IR order */
  PtrVec topics;               /* PlanTopic*, in IR order */
  PtrVec firehoses;            /* PlanFirehose*, in IR order */
  PtrVec cdns;                 /* PlanCdn*, in IR order */
  PtrVec alarms;               /* PlanAlarm*, in IR order */
  PlanKey *topic_key;          /* or NULL when no topic needs it */
  void **entry;                /* by IrRes.index: its PlanFunction, PlanApi, PlanQueue, ... or NULL */
} Plan;

/* AWS facts both targets write the same way (defined in plan_services.c). */
#define PLAN_API_LOG_RETENTION_DAYS 14
extern const char plan_api_log_format[];            /* one JSON object per request */
/* CloudFront's managed policies: the same IDs in every account. */
#define CLOUDFRONT_CACHING_OPTIMIZED "658327ea-f89d-4fab-a63d-7e88639e58f6"
#define CLOUDFRONT_CACHING_DISABLED "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
#define CLOUDFRONT_ALL_VIEWER_EXCEPT_HOST_HEADER "b689b0a8-53d0-40ab-baf2-68738e2966ac"
extern const char *const cloudfront_all_methods[7];  /* what an API route behaviour allows */
extern const char *const cloudfront_read_methods[2]; /* GET, HEAD: cached, and the bucket's */

struct Compilation;

/* Derives the plan; reports what is wrong to c->diag. NULL on error.
 * Names and the targets' caps are the backends' (they claim and count what
 * they emit; `stackc check` runs both). */
Plan *plan_build(struct Compilation *c, IrProgram *ir);
/* The plan entry of a resource (NULL when it has none). */
PlanFunction *plan_function(const Plan *plan, const IrRes *fn);
PlanApi *plan_api(const Plan *plan, const IrRes *api);
PlanQueue *plan_queue(const Plan *plan, const IrRes *queue);
PlanTopic *plan_topic(const Plan *plan, const IrRes *topic);
PlanFirehose *plan_firehose(const Plan *plan, const IrRes *firehose);
PlanCdn *plan_cdn(const Plan *plan, const IrRes *cdn);
PlanAlarm *plan_alarm(const Plan *plan, const IrRes *alarm);

/* How diagnostics name the resources a trigger brings, on either target
 * (a name collision names both claimants). */
extern const char plan_topic_key_describe[];
const char *plan_permission_describe(struct Compilation *c, const PlanPermission *pp);
const char *plan_mapping_describe(struct Compilation *c, const PlanMapping *m);
const char *plan_subscription_describe(struct Compilation *c, const PlanSubscription *s);
const char *plan_schedule_describe(struct Compilation *c, const PlanSchedule *s);
const char *plan_bus_rule_describe(struct Compilation *c, const PlanBusRule *r);
const char *plan_integration_describe(struct Compilation *c, const PlanIntegration *in);
const char *plan_route_describe(struct Compilation *c, const PlanRoute *r);

/* The exact IAM actions of one (kind, access) grant, NULL-terminated; the
 * table is documented in docs/language.md and tested against it. */
const char *const *plan_grant_actions(ResKind kind, Access access);

/* The actions AWS defines without resource types: the Service Authorization
 * Reference's "Resource types" column is empty for them, so a statement can
 * only name them with Resource "*". The one table of them (plan.c), quoting
 * that column; docs/language.md lists it, tests/unit/test_policy.c checks the
 * column is empty for every row and that only these actions ever get "*",
 * tests/lib.sh check_no_wildcards exempts exactly these rows. */
typedef struct NoResourceAction {
  const char *action;          /* "xray:PutTraceSegments" */
  const char *resource_types;  /* the reference's column for it, quoted: "" */
} NoResourceAction;
extern const NoResourceAction plan_no_resource_actions[];   /* ends with a NULL action */
bool plan_action_without_resource(const char *action);

#endif
