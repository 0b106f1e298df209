/* cfn_messaging.c — CloudFormation for topics (and the stack's topic key),
 * queues, Kinesis streams, firehoses, topic subscriptions, schedules and
 * buses with their rules.
 *
 * Part of the CloudFormation backend (cfn_internal.h). Like backend_cfn.c it
 * only maps the checked IR and the plan: every name, statement and number
 * was decided before, and keys are added in a fixed order.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <string.h>

#include "cfn_internal.h"
#include "cfn_kinds.h"

/* ---- topics ------------------------------------------------------------ */

/* A FIFO topic is left unnamed: CloudFormation then generates a name ending
 * in ".fifo", as SNS requires. Topics that AWS services publish to (alarms)
 * use the stack's key: the AWS-managed SNS key does not admit them. */
void cfn_emit_topic(Cfn *cf, const IrRes *topic) {
  const PlanTopic *pt = plan_topic(cf->plan, topic);
  if (!pt || (pt->stack_key && !cf->plan->topic_key)) {
    cfn_internal_error(cf, pt ? "no stack key for topic" : "no plan for topic", topic);
    return;
  }
  bool fifo = ir_attr_true(topic, TP_FIFO);
  cJSON *r = cfn_add_kind_resource(cf, topic, false);
  cJSON *props = put(r, "Properties", jobj());
  if (topic->physical_name && !fifo) put(props, "TopicName", cfn_render(cf, topic->physical_name));
  if (fifo) put(props, "FifoTopic", jbool(true));
  put(props, "KmsMasterKeyId",
      pt->stack_key ? jref(CFN_TOPIC_KEY_ID) : jstr("alias/aws/sns"));
  cfn_put_tags(cf, props);
}

static cJSON *str_array(const char *const *items, uint32_t n) {
  cJSON *a = jarr();
  for (uint32_t i = 0; i < n; i++) push(a, jstr(items[i]));
  return a;
}

/* The account root administers the key with an exact list of actions; the
 * services (CloudWatch) may encrypt and decrypt with it. "*" as a key
 * policy's Resource is AWS's fixed way to say "this key". */
void cfn_emit_topic_key(Cfn *cf, const PlanKey *key) {
  cJSON *r = cfn_add_resource(cf, CFN_TOPIC_KEY_ID, "AWS::KMS::Key", false, NULL, (Span){0, 0, 0}, NULL);   /* claimed first */
  cJSON *props = put(r, "Properties", jobj());
  put(props, "Description", jstr("Encrypts the stack's SNS topics that AWS services publish to"));
  put(props, "EnableKeyRotation", jbool(true));
  cJSON *doc = put(props, "KeyPolicy", jobj());
  put(doc, "Version", jstr(POLICY_VERSION));
  cJSON *statements = put(doc, "Statement", jarr());

  cJSON *admin = push(statements, jobj());
  put(admin, "Sid", jstr("KeyAdministration"));
  put(admin, "Effect", jstr("Allow"));
  Value *root[] = {ir_str(cf->c, "arn:", (Span){0, 0, 0}), ir_pseudo(cf->c, PSEUDO_PARTITION),
                   ir_str(cf->c, ":iam::", (Span){0, 0, 0}), ir_pseudo(cf->c, PSEUDO_ACCOUNT),
                   ir_str(cf->c, ":root", (Span){0, 0, 0})};
  put(put(admin, "Principal", jobj()), "AWS", cfn_render_parts(cf, root, 5));
  put(admin, "Action", str_array(key->admin_actions, key->nadmin_actions));
  put(admin, "Resource", jstr("*"));

  cJSON *services = push(statements, jobj());
  put(services, "Sid", jstr("AllowServicesToPublish"));
  put(services, "Effect", jstr("Allow"));
  put(put(services, "Principal", jobj()), "Service", str_array(key->services, key->nservices));
  put(services, "Action", str_array(key->service_actions, key->nservice_actions));
  put(services, "Resource", jstr("*"));
  cfn_put_tags(cf, props);
}

/* Protocol lambda: SNS invokes the function (its PlanPermission lets it). */
void cfn_emit_subscription(Cfn *cf, const PlanSubscription *ps) {
  const IrTrigger *t = ps->trig;
  cJSON *r = cfn_add_resource(cf, cfn_subscription_id(cf, ps), "AWS::SNS::Subscription", false, ps->trig->fn, ps->trig->origin,
                              plan_subscription_describe(cf->c, ps));
  cJSON *props = put(r, "Properties", jobj());
  put(props, "Protocol", jstr("lambda"));
  put(props, "Endpoint", cfn_res_ref(cf, t->fn, REF_ARN));
  put(props, "TopicArn", cfn_res_ref(cf, t->source, REF_ARN));
  const Value *filter = nonempty(ir_arg(t, ARG_FILTER));
  if (filter) put(props, "FilterPolicy", cfn_render(cf, filter));
}

/* ---- queues ------------------------------------------------------------ */

#define DEAD_LETTER_RETENTION_SECONDS 1209600   /* 14 days, SQS's maximum */

static int64_t seconds(const Value *v) { return v ? v->i / MS_PER_SECOND : 0; }

static void emit_dead_letter_queue(Cfn *cf, const IrRes *queue, bool fifo) {
  cJSON *r = cfn_add_resource(cf, cfn_dead_letter_id(cf, queue), cfn_kinds[RES_QUEUE].type, queue->retain, queue, queue->origin,
                              names_describe(cf->c, "the dead-letter queue of ", queue));
  cJSON *props = put(r, "Properties", jobj());
  if (fifo) put(props, "FifoQueue", jbool(true));
  put(props, "MessageRetentionPeriod", jnum(DEAD_LETTER_RETENTION_SECONDS));
  put(props, "SqsManagedSseEnabled", jbool(true));
  cfn_put_tags(cf, props);
}

/* FifoQueue is written only when true (SQS rejects FifoQueue=false on a
 * standard queue); an unnamed FIFO queue gets a generated name ending in ".fifo". */
void cfn_emit_queue(Cfn *cf, const IrRes *queue) {
  const PlanQueue *pq = plan_queue(cf->plan, queue);
  if (!pq) {
    cfn_internal_error(cf, "no plan for queue", queue);
    return;
  }
  bool fifo = ir_attr_true(queue, QU_FIFO);
  cJSON *r = cfn_add_kind_resource(cf, queue, queue->retain);
  cJSON *props = put(r, "Properties", jobj());
  if (queue->physical_name) put(props, "QueueName", cfn_render(cf, queue->physical_name));
  if (fifo) put(props, "FifoQueue", jbool(true));
  put(props, "VisibilityTimeout", jnum((double)(pq->visibility_ms / MS_PER_SECOND)));
  const Value *retention = ir_attr(queue, QU_RETENTION), *delay = ir_attr(queue, QU_DELAY);
  if (retention) put(props, "MessageRetentionPeriod", jnum((double)seconds(retention)));
  if (seconds(delay) > 0) put(props, "DelaySeconds", jnum((double)seconds(delay)));
  put(props, "SqsManagedSseEnabled", jbool(true));
  if (pq->dead_letter) {
    cJSON *redrive = put(props, "RedrivePolicy", jobj());
    put(redrive, "deadLetterTargetArn", jgetatt(cfn_dead_letter_id(cf, queue), "Arn"));
    put(redrive, "maxReceiveCount", jnum((double)pq->max_receive_count));
  }
  cfn_put_tags(cf, props);
  if (pq->dead_letter) emit_dead_letter_queue(cf, queue, fifo);
}

/* ---- Kinesis streams ---------------------------------------------------- */

void cfn_emit_stream(Cfn *cf, const IrRes *stream) {
  const Value *shards = ir_attr(stream, SM_SHARDS), *retention = ir_attr(stream, SM_RETENTION);
  cJSON *r = cfn_add_kind_resource(cf, stream, stream->retain);
  cJSON *props = put(r, "Properties", jobj());
  if (stream->physical_name) put(props, "Name", cfn_render(cf, stream->physical_name));
  if (shards) put(props, "ShardCount", cfn_render(cf, shards));
  put(put(props, "StreamModeDetails", jobj()), "StreamMode",
      jstr(shards ? "PROVISIONED" : "ON_DEMAND"));
  if (retention) put(props, "RetentionPeriodHours", jnum((double)(retention->i / MS_PER_HOUR)));
  cJSON *enc = put(props, "StreamEncryption", jobj());
  put(enc, "EncryptionType", jstr("KMS"));
  put(enc, "KeyId", jstr("alias/aws/kinesis"));
  cfn_put_tags(cf, props);
}

/* ---- firehoses ---------------------------------------------------------- */

static const char *compression_format(const Value *v) {
  static const char *const map[][2] = {
    {"gzip", "GZIP"}, {"snappy", "Snappy"}, {"zip", "ZIP"}, {"hadoop_snappy", "HADOOP_SNAPPY"}};
  for (size_t i = 0; v && i < sizeof map / sizeof map[0]; i++)
    if (strcmp(v->s, map[i][0]) == 0) return map[i][1];
  return "UNCOMPRESSED";
}

/* The whole resource an attribute names (firehose `to`, `transform`), or NULL. */
static IrRes *attr_resource(const IrRes *res, uint32_t index) {
  const Value *v = ir_attr(res, index);
  return v && v->kind == V_REF ? v->res : NULL;
}

static cJSON *lambda_processing(Cfn *cf, IrRes *transform) {
  cJSON *pc = jobj();
  put(pc, "Enabled", jbool(true));
  cJSON *processor = push(put(pc, "Processors", jarr()), jobj());
  put(processor, "Type", jstr("Lambda"));
  cJSON *param = push(put(processor, "Parameters", jarr()), jobj());
  put(param, "ParameterName", jstr("LambdaArn"));
  put(param, "ParameterValue", cfn_render(cf, ir_ref(cf->c, transform, REF_ARN, transform->origin)));
  return pc;
}

static cJSON *s3_destination(Cfn *cf, const IrRes *fh, const PlanFirehose *pfh) {
  IrRes *bucket = attr_resource(fh, FH_TO), *transform = attr_resource(fh, FH_TRANSFORM);
  if (!bucket) {
    cfn_internal_error(cf, "no destination bucket for firehose", fh);
    return jobj();
  }
  const Value *prefix = ir_attr(fh, FH_PREFIX), *size = ir_attr(fh, FH_BUFFER_SIZE);
  const Value *interval = ir_attr(fh, FH_BUFFER_INTERVAL);
  cJSON *dest = jobj();
  /* The bucket's known ARN (a firehose's bucket gets a physical name): no
   * Ref, so no dependency cycle through a bucket that triggers the transform. */
  put(dest, "BucketARN", cfn_render(cf, ir_ref(cf->c, bucket, REF_ARN, fh->origin)));
  put(dest, "RoleARN", jgetatt(cfn_role_id(cf, pfh->firehose), "Arn"));
  if (prefix) put(dest, "Prefix", cfn_render(cf, prefix));
  cJSON *hints = put(dest, "BufferingHints", jobj());
  if (size) put(hints, "SizeInMBs", jnum((double)(size->i / BYTES_PER_MB)));
  if (interval) put(hints, "IntervalInSeconds", jnum((double)seconds(interval)));
  put(dest, "CompressionFormat", jstr(compression_format(ir_attr(fh, FH_COMPRESSION))));
  if (transform) put(dest, "ProcessingConfiguration", lambda_processing(cf, transform));
  return dest;
}

/* The role (trusted by firehose.amazonaws.com), its policy as a separate
 * AWS::IAM::RolePolicy, and the delivery stream, which DependsOn that policy,
 * so it never starts delivering with a role that cannot yet write the bucket
 * or invoke the transform. */
void cfn_emit_firehose(Cfn *cf, const IrRes *fh) {
  const PlanFirehose *pfh = plan_firehose(cf->plan, fh);
  if (!pfh) {
    cfn_internal_error(cf, "no plan for firehose", fh);
    return;
  }
  cJSON *role = cfn_add_resource(cf, cfn_role_id(cf, pfh->firehose), "AWS::IAM::Role", false, fh, fh->origin,
                                 names_describe(cf->c, "the role of ", fh));
  cJSON *role_props = put(role, "Properties", jobj());
  put(role_props, "AssumeRolePolicyDocument", cfn_assume_role_document(pfh->role.principal));
  cfn_put_tags(cf, role_props);

  cJSON *policy = cfn_add_resource(cf, cfn_role_policy_id(cf, pfh->firehose), "AWS::IAM::RolePolicy", false, fh, fh->origin,
                                   names_describe(cf->c, "the role policy of ", fh));
  cJSON *policy_props = put(policy, "Properties", jobj());
  put(policy_props, "RoleName", jref(cfn_role_id(cf, pfh->firehose)));
  put(policy_props, "PolicyName", jstr(cfn_role_policy_id(cf, pfh->firehose)));
  put(policy_props, "PolicyDocument", cfn_policy_document(cf, &pfh->role));

  cJSON *r = cfn_add_kind_resource(cf, fh, false);
  put(r, "DependsOn", jstr_list(cfn_role_policy_id(cf, pfh->firehose)));
  cJSON *props = put(r, "Properties", jobj());
  if (fh->physical_name) put(props, "DeliveryStreamName", cfn_render(cf, fh->physical_name));
  put(props, "DeliveryStreamType", jstr("DirectPut"));
  put(put(props, "DeliveryStreamEncryptionConfigurationInput", jobj()), "KeyType",
      jstr("AWS_OWNED_CMK"));
  put(props, "ExtendedS3DestinationConfiguration", s3_destination(cf, fh, pfh));
  cfn_put_tags(cf, props);
}

/* ---- schedules ---------------------------------------------------------- */

/* An enabled EventBridge rule's one target: the function, with Id `id`. */
static void rule_state_and_target(Cfn *cf, cJSON *props, const IrRes *fn, const char *id) {
  put(props, "State", jstr("ENABLED"));
  cJSON *target = push(put(props, "Targets", jarr()), jobj());
  put(target, "Id", jstr(id));
  put(target, "Arn", cfn_res_ref(cf, fn, REF_ARN));
}

/* An EventBridge rule with the function as its one target; the function's
 * PlanPermission (SourceArn = the rule's known ARN) lets EventBridge invoke it. */
void cfn_emit_schedule(Cfn *cf, const PlanSchedule *sc) {
  const IrTrigger *t = sc->trig;
  cJSON *r = cfn_add_resource(cf, cfn_schedule_id(cf, sc), "AWS::Events::Rule", false, t->fn, t->origin,
                              plan_schedule_describe(cf->c, sc));
  cJSON *props = put(r, "Properties", jobj());
  put(props, "Name", cfn_render(cf, sc->rule_name));
  char *description = arena_printf(&cf->c->arena, "Runs %s on %s", t->fn->name, trig_str(t, ARG_SCHEDULE));
  put(props, "Description", jstr(description));
  put(props, "ScheduleExpression", jstr(trig_str(t, ARG_SCHEDULE)));
  rule_state_and_target(cf, props, t->fn, sc->target_id);
}

/* ---- buses -------------------------------------------------------------- */

/* The bus, then its rules (one per function it runs), each on the bus by
 * Ref, so the rule waits for it. */
void cfn_emit_bus(Cfn *cf, const IrRes *bus) {
  cJSON *r = cfn_add_kind_resource(cf, bus, false);
  cJSON *props = put(r, "Properties", jobj());
  put(props, "Name", cfn_render(cf, bus->physical_name));
  cfn_put_tags(cf, props);
  for (uint32_t i = 0; i < cf->plan->bus_rules.n; i++) {
    const PlanBusRule *br = cf->plan->bus_rules.items[i];
    const IrTrigger *t = br->trig;
    if (t->source != bus) continue;
    cJSON *rule = cfn_add_resource(cf, cfn_bus_rule_id(cf, br), "AWS::Events::Rule", false, bus, t->origin,
                                   plan_bus_rule_describe(cf->c, br));
    cJSON *rule_props = put(rule, "Properties", jobj());
    put(rule_props, "Name", cfn_render(cf, br->rule_name));
    char *description = arena_printf(&cf->c->arena, "Runs %s on events of bus %s", t->fn->name, bus->name);
    put(rule_props, "Description", jstr(description));
    put(rule_props, "EventBusName", cfn_res_ref(cf, bus, REF_NAME));
    put(rule_props, "EventPattern", cfn_render(cf, br->pattern));
    rule_state_and_target(cf, rule_props, t->fn, br->target_id);
  }
}
