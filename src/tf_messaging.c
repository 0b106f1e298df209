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
#include "tf_kinds.h"

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
  cJSON *s = jstr(sb.data);
  sb_free(&sb);
  return s;
}

/* ---- topics --------------------------------------------------------------- */

/* A topic's name is left to AWS unless the plan gives one, as in
 * CloudFormation (a FIFO topic stays unnamed: the provider adds the ".fifo"
 * its name needs). */
void tf_topic(Tf *t, const IrRes *res) {
  cJSON *tp = tf_kind_block(t, res);
  bool fifo = ir_attr_true(res, TP_FIFO);
  if (res->physical_name && !fifo) put(tp, "name", tf_string(t, res->physical_name));
  if (fifo) put_bool(tp, "fifo_topic", true);
  const PlanTopic *pt = plan_topic(t->plan, res);
  if (!pt || (pt->stack_key && !t->plan->topic_key)) {
    diag_internal_error(&t->c->diag, res->origin, "no key plan for topic '%s'", res->name);
    return;
  }
  if (pt->stack_key)
    tf_add_expr_ref(tp, "kms_master_key_id", "aws_kms_key", TF_TOPIC_KEY_NAME, "arn");
  else
    put_str(tp, "kms_master_key_id", "alias/aws/sns");
}

static cJSON *tf_key_statement(cJSON *doc, const char *sid, const char *const *actions,
                               uint32_t nactions) {
  cJSON *st = tf_add_block_item(doc, "statement");
  put_str(st, "sid", sid);
  put_str(st, "effect", "Allow");
  put(st, "actions", tf_string_array(actions, nactions));
  static const char *const self[] = {"*"};   /* in a key policy: this key */
  put(st, "resources", tf_string_array(self, 1));
  return st;
}

/* The stack's KMS key for topics that AWS services publish to: the account
 * administers it, the services may encrypt with it. */
void tf_topic_key(Tf *t, const PlanKey *key) {
  TfClaim claims[] = {{"aws_kms_key", TF_TOPIC_KEY_NAME, plan_topic_key_describe},
                      {"aws_iam_policy_document", TF_TOPIC_KEY_NAME, plan_topic_key_describe}};
  tf_claim_group(t, claims, 2, (Span){0, 0, 0});
  cJSON *doc = tf_block(t->data, "aws_iam_policy_document", TF_TOPIC_KEY_NAME);
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
  cJSON *k = tf_block(t->resource, "aws_kms_key", TF_TOPIC_KEY_NAME);
  put_str(k, "description", "Encrypts the stack's SNS topics that AWS services publish to");
  put_bool(k, "enable_key_rotation", true);
  tf_add_expr_ref(k, "policy", "data.aws_iam_policy_document", TF_TOPIC_KEY_NAME, "json");
}

void tf_subscription(Tf *t, const PlanSubscription *s) {
  const IrTrigger *trig = s->trig;
  tf_claim(t, "aws_sns_topic_subscription", tf_subscription_name(t, s), trig->origin,
           plan_subscription_describe(t->c, s));
  cJSON *sub = tf_block(t->resource, "aws_sns_topic_subscription", tf_subscription_name(t, s));
  put(sub, "topic_arn", tf_res_ref(t, trig->source, REF_ARN));
  put_str(sub, "protocol", "lambda");
  tf_add_expr_ref(sub, "endpoint", tf_kinds[RES_FUNCTION].type, tf_name(t, trig->fn), "arn");
  if (ir_arg(trig, ARG_FILTER) && ir_arg(trig, ARG_FILTER)->kind == V_MAP && ir_arg(trig, ARG_FILTER)->n)
    put(sub, "filter_policy", tf_filter_policy(t, ir_arg(trig, ARG_FILTER)));
}

/* ---- queues --------------------------------------------------------------- */

#define DLQ_RETENTION_SECONDS 1209600   /* 14 days, SQS's maximum */

static void tf_dead_letter_queue(Tf *t, const IrRes *res, bool fifo) {
  tf_claim(t, tf_kinds[RES_QUEUE].type, tf_dead_letter_name(t, res), res->origin,
           names_describe(t->c, "the dead-letter queue of ", res));
  cJSON *d = tf_block(t->resource, tf_kinds[RES_QUEUE].type, tf_dead_letter_name(t, res));
  if (fifo) put_bool(d, "fifo_queue", true);
  put_num(d, "message_retention_seconds", DLQ_RETENTION_SECONDS);
  put_bool(d, "sqs_managed_sse_enabled", true);
  if (res->retain) tf_prevent_destroy(d);
}

void tf_queue(Tf *t, const IrRes *res) {
  const PlanQueue *pq = plan_queue(t->plan, res);
  bool fifo = ir_attr_true(res, QU_FIFO);
  cJSON *q = tf_kind_block(t, res);
  if (res->physical_name) put(q, "name", tf_string(t, res->physical_name));
  if (fifo) put_bool(q, "fifo_queue", true);
  const Value *vis = ir_attr(res, QU_VISIBILITY_TIMEOUT);
  if (pq)
    put_num(q, "visibility_timeout_seconds", (double)(pq->visibility_ms / MS_PER_SECOND));
  else if (vis)
    put(q, "visibility_timeout_seconds", tf_scaled(t, vis, MS_PER_SECOND));
  const Value *retention = ir_attr(res, QU_RETENTION), *delay = ir_attr(res, QU_DELAY);
  if (retention) put(q, "message_retention_seconds", tf_scaled(t, retention, MS_PER_SECOND));
  if (delay) put(q, "delay_seconds", tf_scaled(t, delay, MS_PER_SECOND));
  put_bool(q, "sqs_managed_sse_enabled", true);
  if (pq && pq->dead_letter) {
    put(q, "redrive_policy",
                          tf_expr("jsonencode({deadLetterTargetArn = aws_sqs_queue.%s.arn, "
                                  "maxReceiveCount = %lld})",
                                  tf_dead_letter_name(t, res), (long long)pq->max_receive_count));
  }
  if (res->retain) tf_prevent_destroy(q);
  if (pq && pq->dead_letter) tf_dead_letter_queue(t, res, fifo);
}

/* ---- Kinesis streams ------------------------------------------------------ */

void tf_stream(Tf *t, const IrRes *res) {
  cJSON *s = tf_kind_block(t, res);
  put(s, "name", tf_physical_name(t, res));
  const Value *shards = ir_attr(res, SM_SHARDS);
  if (shards) put(s, "shard_count", tf_value(t, shards));
  cJSON *mode = put_obj(s, "stream_mode_details");
  put_str(mode, "stream_mode", shards ? "PROVISIONED" : "ON_DEMAND");
  const Value *retention = ir_attr(res, SM_RETENTION);
  if (retention) put(s, "retention_period", tf_scaled(t, retention, MS_PER_HOUR));
  put_str(s, "encryption_type", "KMS");
  put_str(s, "kms_key_id", "alias/aws/kinesis");
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
  cJSON *pc = put_obj(ext, "processing_configuration");
  put_bool(pc, "enabled", true);
  cJSON *proc = tf_add_block_item(pc, "processors");
  put_str(proc, "type", "Lambda");
  cJSON *param = tf_add_block_item(proc, "parameters");
  put_str(param, "parameter_name", "LambdaArn");
  put(param, "parameter_value", tf_res_ref(t, fn, REF_ARN));
}

void tf_firehose(Tf *t, const IrRes *res) {
  const PlanFirehose *pf = plan_firehose(t->plan, res);
  if (!pf) {
    diag_internal_error(&t->c->diag, res->origin, "no plan for firehose '%s'", res->name);
    return;
  }
  const char *role = tf_role_name(t, res);
  tf_role(t, &pf->role, res);
  cJSON *fh = tf_kind_block(t, res);
  put(fh, "name", tf_physical_name(t, res));
  put_str(fh, "destination", "extended_s3");
  cJSON *ext = put_obj(fh, "extended_s3_configuration");
  const Value *to = ir_attr(res, FH_TO);
  if (to && to->kind == V_REF) put(ext, "bucket_arn", tf_res_ref(t, to->res, REF_ARN));
  tf_add_expr_ref(ext, "role_arn", "aws_iam_role", role, "arn");
  const Value *prefix = ir_attr(res, FH_PREFIX);
  if (prefix) put(ext, "prefix", tf_string(t, prefix));
  const Value *size = ir_attr(res, FH_BUFFER_SIZE), *interval = ir_attr(res, FH_BUFFER_INTERVAL);
  if (size) put(ext, "buffering_size", tf_scaled(t, size, BYTES_PER_MB));
  if (interval) put(ext, "buffering_interval", tf_scaled(t, interval, MS_PER_SECOND));
  put_str(ext, "compression_format", tf_compression(ir_attr(res, FH_COMPRESSION)));
  const Value *transform = ir_attr(res, FH_TRANSFORM);
  if (transform && transform->kind == V_REF) tf_transform(t, ext, transform->res);
  cJSON *sse = put_obj(fh, "server_side_encryption");
  put_bool(sse, "enabled", true);
  put_str(sse, "key_type", "AWS_OWNED_CMK");
  tf_depend(put_arr(fh, "depends_on"), "aws_iam_role_policy", role);
}

/* ---- event source mappings ------------------------------------------------ */

/* A stream's failure handling: where failed batches go, how often and how
 * long they are retried, whether a failing batch is split. */
static void tf_stream_failures(Tf *t, cJSON *map, const IrTrigger *trig) {
  const IrRes *dest = trig_failure_destination(trig);
  if (dest)
    put(put_obj(put_obj(map, "destination_config"), "on_failure"), "destination_arn", tf_res_ref(t, dest, REF_ARN));
  if (ir_arg(trig, ARG_MAX_RETRIES)) put_num(map, "maximum_retry_attempts", (double)trig_int(trig, ARG_MAX_RETRIES));
  if (ir_arg(trig, ARG_MAX_AGE))
    put_num(map, "maximum_record_age_in_seconds", (double)(trig_int(trig, ARG_MAX_AGE) / MS_PER_SECOND));
  if (ir_arg(trig, ARG_SPLIT)) put_bool(map, "bisect_batch_on_function_error", trig_bool(trig, ARG_SPLIT));
}

void tf_mapping(Tf *t, const PlanMapping *m) {
  const IrTrigger *trig = m->trig;
  tf_claim(t, "aws_lambda_event_source_mapping", tf_mapping_name(t, m), trig->origin, plan_mapping_describe(t->c, m));
  cJSON *map = tf_block(t->resource, "aws_lambda_event_source_mapping", tf_mapping_name(t, m));
  put(map, "event_source_arn", tf_string(t, m->event_source_arn));
  tf_add_expr_ref(map, "function_name", tf_kinds[RES_FUNCTION].type, tf_name(t, trig->fn), "arn");
  put_num(map, "batch_size", (double)trig_int(trig, ARG_BATCH));
  if (trig_int(trig, ARG_WINDOW))
    put_num(map, "maximum_batching_window_in_seconds", (double)(trig_int(trig, ARG_WINDOW) / MS_PER_SECOND));
  if (trig->kind != TRIG_QUEUE) {   /* streams only */
    bool trim = trig_str(trig, ARG_START) && str_eq(trig_str(trig, ARG_START), "trim_horizon");
    put_str(map, "starting_position", trim ? "TRIM_HORIZON" : "LATEST");
    if (trig_int(trig, ARG_PARALLELISM) > 1)
      put_num(map, "parallelization_factor", (double)trig_int(trig, ARG_PARALLELISM));
    tf_stream_failures(t, map, trig);
  } else if (ir_arg(trig, ARG_MAX_CONCURRENCY)) {
    put_num(put_obj(map, "scaling_config"), "maximum_concurrency", (double)trig_int(trig, ARG_MAX_CONCURRENCY));
  }
  if (trig_bool(trig, ARG_PARTIAL)) {
    static const char *const types[] = {"ReportBatchItemFailures"};
    put(map, "function_response_types", tf_string_array(types, 1));
  }
  tf_depend(put_arr(map, "depends_on"), "aws_iam_role_policy", tf_role_name(t, trig->fn));
}
