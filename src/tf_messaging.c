/* tf_messaging.c — Terraform for topics, queues, Kinesis streams,
 * firehoses and the event source mappings of pollers.
 *
 *   topic     aws_sns_topic (+ aws_kms_key "topic_key" when AWS services publish to it),
 *             aws_sns_topic_subscription per function it runs
 *   queue     aws_sqs_queue (+ a dead-letter aws_sqs_queue when retries is set)
 *   stream    aws_kinesis_stream
 *   firehose  aws_iam_role + aws_iam_role_policy + aws_kinesis_firehose_delivery_stream
 *   pollers   aws_lambda_event_source_mapping (table streams, queues, Kinesis streams)
 *
 * Part of the Terraform backend (backend_tf.c, tf_internal.h).
 */
#include <string.h>

#include "tf_internal.h"

/* ---- JSON documents inside string attributes ------------------------------ */

/* v as an HCL string expression: "text" with deploy-time parts interpolated. */
static void hcl_string(Tf *t, StrBuf *sb, const Value *v) {
  if (v->kind == V_STR || v->kind == V_ENUM || v->kind == V_INT || v->kind == V_NUM ||
      v->kind == V_BOOL) {
    tf_hcl_literal(sb, v);
    return;
  }
  sb_putc(sb, '"');
  Value *const *parts = v->kind == V_JOIN ? v->items : (Value *const *)&v;
  uint32_t n = v->kind == V_JOIN ? v->n : 1;
  for (uint32_t i = 0; i < n; i++) {
    if (parts[i]->kind == V_STR) {
      StrBuf lit = {0};
      tf_hcl_literal(&lit, parts[i]);   /* "text": keep what is between the quotes */
      sb_printf(sb, "%.*s", (int)(lit.len - 2), lit.data + 1);
      sb_free(&lit);
    } else {
      tf_tmpl_value(t, sb, parts[i]);
    }
  }
  sb_putc(sb, '"');
}

/* An SNS filter policy {"attr": ["a", "b"]} as "${jsonencode({...})}", so
 * that every value is JSON-escaped, whatever it holds. */
static cJSON *tf_filter_policy(Tf *t, const Value *filter) {
  StrBuf sb = {0};
  sb_puts(&sb, "${jsonencode({");
  for (uint32_t i = 0; i < filter->n; i++) {
    const Value key = {.kind = V_STR, .s = filter->keys[i]};
    if (i) sb_puts(&sb, ", ");
    tf_hcl_literal(&sb, &key);
    sb_puts(&sb, " = [");
    const Value *vals = filter->items[i];
    for (uint32_t j = 0; vals->kind == V_LIST && j < vals->n; j++) {
      if (j) sb_puts(&sb, ", ");
      hcl_string(t, &sb, vals->items[j]);
    }
    sb_putc(&sb, ']');
  }
  sb_puts(&sb, "})}");
  cJSON *s = cJSON_CreateString(sb.data);
  sb_free(&sb);
  return s;
}

/* ---- topics --------------------------------------------------------------- */

/* A topic's name is left to AWS unless the plan gives one, as in
 * CloudFormation (a FIFO topic stays unnamed: the provider adds the ".fifo"
 * its name needs). */
void tf_topic(Tf *t, const IrRes *res) {
  cJSON *tp = tf_block(t->resource, "aws_sns_topic", res->tf_name);
  bool fifo = tf_is_true(ir_attr(res, TP_FIFO));
  if (res->physical_name && !fifo) cJSON_AddItemToObject(tp, "name", tf_string(t, res->physical_name));
  if (fifo) cJSON_AddTrueToObject(tp, "fifo_topic");
  const PlanTopic *pt = plan_topic(t->plan, res);
  if (!pt || (pt->stack_key && !t->plan->topic_key)) {
    diag_internal_error(&t->c->diag, res->origin, "no key plan for topic '%s'", res->name);
    return;
  }
  if (pt->stack_key)
    tf_add_expr_ref(tp, "kms_master_key_id", "aws_kms_key", t->plan->topic_key->tf_name, "arn");
  else
    cJSON_AddStringToObject(tp, "kms_master_key_id", "alias/aws/sns");
}

static cJSON *tf_key_statement(cJSON *doc, const char *sid, const char *const *actions,
                               uint32_t nactions) {
  cJSON *st = tf_add_block_item(doc, "statement");
  cJSON_AddStringToObject(st, "sid", sid);
  cJSON_AddStringToObject(st, "effect", "Allow");
  cJSON_AddItemToObject(st, "actions", tf_string_array(actions, nactions));
  static const char *const self[] = {"*"};   /* in a key policy: this key */
  cJSON_AddItemToObject(st, "resources", tf_string_array(self, 1));
  return st;
}

/* The stack's KMS key for topics that AWS services publish to: the account
 * administers it, the services may encrypt with it. */
void tf_topic_key(Tf *t, const PlanKey *key) {
  cJSON *doc = tf_block(t->data, "aws_iam_policy_document", key->tf_name);
  cJSON *admin = tf_key_statement(doc, "KeyAdministration", key->admin_actions, key->nadmin_actions);
  Value root_parts[] = {
    {.kind = V_STR, .s = "arn:"}, {.kind = V_PSEUDO, .pseudo = PSEUDO_PARTITION},
    {.kind = V_STR, .s = ":iam::"}, {.kind = V_PSEUDO, .pseudo = PSEUDO_ACCOUNT},
    {.kind = V_STR, .s = ":root"}};
  StrBuf root = {0};
  for (size_t i = 0; i < sizeof root_parts / sizeof root_parts[0]; i++)
    tf_tmpl_value(t, &root, &root_parts[i]);
  const char *root_id = root.data;
  tf_principal(admin, "AWS", &root_id, 1);
  sb_free(&root);
  cJSON *svc = tf_key_statement(doc, "AllowServicesToPublish", key->service_actions,
                                key->nservice_actions);
  tf_principal(svc, "Service", key->services, key->nservices);
  cJSON *k = tf_block(t->resource, "aws_kms_key", key->tf_name);
  cJSON_AddStringToObject(k, "description", "Encrypts the stack's SNS topics that AWS services publish to");
  cJSON_AddTrueToObject(k, "enable_key_rotation");
  tf_add_expr_ref(k, "policy", "data.aws_iam_policy_document", key->tf_name, "json");
}

void tf_subscription(Tf *t, const PlanSubscription *s) {
  const IrTrigger *trig = s->trig;
  cJSON *sub = tf_block(t->resource, "aws_sns_topic_subscription", s->tf_name);
  cJSON_AddItemToObject(sub, "topic_arn", tf_res_ref(t, trig->source, REF_ARN));
  cJSON_AddStringToObject(sub, "protocol", "lambda");
  tf_add_expr_ref(sub, "endpoint", "aws_lambda_function", trig->fn->tf_name, "arn");
  if (ir_arg(trig, ARG_FILTER) && ir_arg(trig, ARG_FILTER)->kind == V_MAP && ir_arg(trig, ARG_FILTER)->n)
    cJSON_AddItemToObject(sub, "filter_policy", tf_filter_policy(t, ir_arg(trig, ARG_FILTER)));
}

/* ---- queues --------------------------------------------------------------- */

#define DLQ_RETENTION_SECONDS 1209600   /* 14 days, SQS's maximum */

static void tf_dead_letter_queue(Tf *t, const IrRes *res, const PlanQueue *pq, bool fifo) {
  cJSON *d = tf_block(t->resource, "aws_sqs_queue", pq->dlq_tf_name);
  if (fifo) cJSON_AddTrueToObject(d, "fifo_queue");
  cJSON_AddNumberToObject(d, "message_retention_seconds", DLQ_RETENTION_SECONDS);
  cJSON_AddTrueToObject(d, "sqs_managed_sse_enabled");
  if (res->retain) tf_prevent_destroy(d);
}

void tf_queue(Tf *t, const IrRes *res) {
  const PlanQueue *pq = plan_queue(t->plan, res);
  bool fifo = tf_is_true(ir_attr(res, QU_FIFO));
  cJSON *q = tf_block(t->resource, "aws_sqs_queue", res->tf_name);
  if (res->physical_name) cJSON_AddItemToObject(q, "name", tf_string(t, res->physical_name));
  if (fifo) cJSON_AddTrueToObject(q, "fifo_queue");
  const Value *vis = ir_attr(res, QU_VISIBILITY_TIMEOUT);
  if (pq)
    cJSON_AddNumberToObject(q, "visibility_timeout_seconds", (double)(pq->visibility_ms / 1000));
  else if (vis)
    cJSON_AddItemToObject(q, "visibility_timeout_seconds", tf_scaled(t, vis, 1000));
  const Value *retention = ir_attr(res, QU_RETENTION), *delay = ir_attr(res, QU_DELAY);
  if (retention) cJSON_AddItemToObject(q, "message_retention_seconds", tf_scaled(t, retention, 1000));
  if (delay) cJSON_AddItemToObject(q, "delay_seconds", tf_scaled(t, delay, 1000));
  cJSON_AddTrueToObject(q, "sqs_managed_sse_enabled");
  if (pq && pq->dlq_tf_name) {
    cJSON_AddItemToObject(q, "redrive_policy",
                          tf_expr("jsonencode({deadLetterTargetArn = aws_sqs_queue.%s.arn, "
                                  "maxReceiveCount = %lld})",
                                  pq->dlq_tf_name, (long long)pq->max_receive_count));
  }
  if (res->retain) tf_prevent_destroy(q);
  if (pq && pq->dlq_tf_name) tf_dead_letter_queue(t, res, pq, fifo);
}

/* ---- Kinesis streams ------------------------------------------------------ */

void tf_stream(Tf *t, const IrRes *res) {
  cJSON *s = tf_block(t->resource, "aws_kinesis_stream", res->tf_name);
  cJSON_AddItemToObject(s, "name", tf_physical_name(t, res));
  const Value *shards = ir_attr(res, SM_SHARDS);
  if (shards) cJSON_AddItemToObject(s, "shard_count", tf_value(t, shards));
  cJSON *mode = cJSON_AddObjectToObject(s, "stream_mode_details");
  cJSON_AddStringToObject(mode, "stream_mode", shards ? "PROVISIONED" : "ON_DEMAND");
  const Value *retention = ir_attr(res, SM_RETENTION);
  if (retention) cJSON_AddItemToObject(s, "retention_period", tf_scaled(t, retention, 3600000));
  cJSON_AddStringToObject(s, "encryption_type", "KMS");
  cJSON_AddStringToObject(s, "kms_key_id", "alias/aws/kinesis");
  if (res->retain) tf_prevent_destroy(s);
}

/* ---- firehoses ------------------------------------------------------------ */

static const char *tf_compression(const Value *v) {
  const char *s = v ? v->s : NULL;
  if (str_eq(s, "gzip")) return "GZIP";
  if (str_eq(s, "snappy")) return "Snappy";
  if (str_eq(s, "zip")) return "ZIP";
  if (str_eq(s, "hadoop_snappy")) return "HADOOP_SNAPPY";
  return "UNCOMPRESSED";
}

/* processing_configuration: one Lambda processor, the transform function,
 * named by its known ARN as in CloudFormation: a reference would make a
 * cycle when the transform may put records into its own firehose. */
static void tf_transform(Tf *t, cJSON *ext, const IrRes *fn) {
  cJSON *pc = cJSON_AddObjectToObject(ext, "processing_configuration");
  cJSON_AddTrueToObject(pc, "enabled");
  cJSON *proc = tf_add_block_item(pc, "processors");
  cJSON_AddStringToObject(proc, "type", "Lambda");
  cJSON *param = tf_add_block_item(proc, "parameters");
  cJSON_AddStringToObject(param, "parameter_name", "LambdaArn");
  cJSON_AddItemToObject(param, "parameter_value", tf_res_ref(t, fn, REF_ARN));
}

void tf_firehose(Tf *t, const IrRes *res) {
  const PlanFirehose *pf = plan_firehose(t->plan, res);
  if (!pf) {
    diag_internal_error(&t->c->diag, res->origin, "no plan for firehose '%s'", res->name);
    return;
  }
  tf_role(t, &pf->role);
  const char *role = pf->role.tf_name;
  cJSON *fh = tf_block(t->resource, "aws_kinesis_firehose_delivery_stream", res->tf_name);
  cJSON_AddItemToObject(fh, "name", tf_physical_name(t, res));
  cJSON_AddStringToObject(fh, "destination", "extended_s3");
  cJSON *ext = cJSON_AddObjectToObject(fh, "extended_s3_configuration");
  const Value *to = ir_attr(res, FH_TO);
  if (to && to->kind == V_REF) cJSON_AddItemToObject(ext, "bucket_arn", tf_res_ref(t, to->res, REF_ARN));
  tf_add_expr_ref(ext, "role_arn", "aws_iam_role", role, "arn");
  const Value *prefix = ir_attr(res, FH_PREFIX);
  if (prefix) cJSON_AddItemToObject(ext, "prefix", tf_string(t, prefix));
  const Value *size = ir_attr(res, FH_BUFFER_SIZE), *interval = ir_attr(res, FH_BUFFER_INTERVAL);
  if (size) cJSON_AddItemToObject(ext, "buffering_size", tf_scaled(t, size, 1024 * 1024));
  if (interval) cJSON_AddItemToObject(ext, "buffering_interval", tf_scaled(t, interval, 1000));
  cJSON_AddStringToObject(ext, "compression_format", tf_compression(ir_attr(res, FH_COMPRESSION)));
  const Value *transform = ir_attr(res, FH_TRANSFORM);
  if (transform && transform->kind == V_REF) tf_transform(t, ext, transform->res);
  cJSON *sse = cJSON_AddObjectToObject(fh, "server_side_encryption");
  cJSON_AddTrueToObject(sse, "enabled");
  cJSON_AddStringToObject(sse, "key_type", "AWS_OWNED_CMK");
  tf_depend(cJSON_AddArrayToObject(fh, "depends_on"), "aws_iam_role_policy", role);
}

/* ---- event source mappings ------------------------------------------------ */

void tf_mapping(Tf *t, const PlanMapping *m) {
  const IrTrigger *trig = m->trig;
  cJSON *map = tf_block(t->resource, "aws_lambda_event_source_mapping", m->tf_name);
  cJSON_AddItemToObject(map, "event_source_arn", tf_string(t, m->event_source_arn));
  tf_add_expr_ref(map, "function_name", "aws_lambda_function", trig->fn->tf_name, "arn");
  cJSON_AddNumberToObject(map, "batch_size", (double)trig_int(trig, ARG_BATCH));
  if (trig_int(trig, ARG_WINDOW))
    cJSON_AddNumberToObject(map, "maximum_batching_window_in_seconds", (double)(trig_int(trig, ARG_WINDOW) / 1000));
  if (trig->kind != TRIG_QUEUE) {   /* streams only */
    bool trim = trig_str(trig, ARG_START) && str_eq(trig_str(trig, ARG_START), "trim_horizon");
    cJSON_AddStringToObject(map, "starting_position", trim ? "TRIM_HORIZON" : "LATEST");
    if (trig_int(trig, ARG_PARALLELISM) > 1)
      cJSON_AddNumberToObject(map, "parallelization_factor", (double)trig_int(trig, ARG_PARALLELISM));
  }
  if (trig_bool(trig, ARG_PARTIAL)) {
    static const char *const types[] = {"ReportBatchItemFailures"};
    cJSON_AddItemToObject(map, "function_response_types", tf_string_array(types, 1));
  }
  tf_depend(cJSON_AddArrayToObject(map, "depends_on"), "aws_iam_role_policy", trig->fn->tf_name);
}
