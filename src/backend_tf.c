/* backend_tf.c — IR + plan → a Terraform JSON configuration (main.tf.json).
 *
 * Sits after plan.c and before emit_json.c: it maps the checked resource
 * graph and the derived plan (IAM statements, invoke permissions, event
 * source mappings, S3 notifications grouped per bucket) onto resources of
 * the hashicorp/aws provider, as a cJSON tree whose key order is the order
 * of insertion. It never checks anything but its own names (tf_names.c):
 * each emitter claims the names it writes, per type, so a collision is an
 * error naming both; the checker and the plan did the rest.
 *
 * Values become Terraform string templates: literal text has "${" and "%{"
 * escaped, parameters become ${var.NAME}, pseudo values read data sources
 * that are declared only when used, and references become resource
 * attributes (after ir_ref_known, which turns references whose value is
 * known, such as a named bucket's ARN, into plain strings).
 *
 * Nested blocks that may repeat (statement, attribute, rule, ...) are
 * always arrays of objects; blocks that occur at most once are objects.
 *
 * This file holds the entry point, value rendering, the shared helpers
 * (tf_internal.h), functions, buckets, tables and S3 notifications; the
 * other kinds live in tf_messaging.c, tf_web.c and tf_events.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codedir.h"
#include "tf_internal.h"
#include "tf_kinds.h"

/* 6.28 is the first 6.x with the key_schema block of global secondary
 * indexes (hash_key/range_key there are deprecated since). */
#define TF_AWS_VERSION "~> 6.28"
/* 2.5 is the first hashicorp/archive whose `excludes` are glob patterns. */
#define TF_ARCHIVE_VERSION "~> 2.5"

/* ---- small tree helpers ------------------------------------------------- */

/* section[type][name] = {}, creating section[type] when needed. */
cJSON *tf_block(cJSON *section, const char *type, const char *name) {
  cJSON *group = cJSON_GetObjectItemCaseSensitive(section, type);
  if (!group) group = put_obj(section, type);
  return put_obj(group, name);
}

/* A string "${<printf result>}". */
cJSON *tf_expr(const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  StrBuf sb = {0};
  sb_puts(&sb, "${");
  if (n >= 0 && (size_t)n < sizeof buf) {
    sb_puts(&sb, buf);
  } else {
    char *big = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb_puts(&sb, big);
    free(big);
  }
  sb_putc(&sb, '}');
  cJSON *s = jstr(sb.data);
  sb_free(&sb);
  return s;
}

void tf_add_expr_ref(cJSON *obj, const char *key, const char *type, const char *name,
                     const char *attr) {
  put(obj, key, tf_expr("%s.%s.%s", type, name, attr));
}

/* depends_on entry "TYPE.NAME". */
void tf_depend(cJSON *list, const char *type, const char *name) {
  StrBuf sb = {0};
  sb_printf(&sb, "%s.%s", type, name);
  push(list, jstr(sb.data));
  sb_free(&sb);
}

cJSON *tf_string_array(const char *const *items, uint32_t n) {
  cJSON *arr = jarr();
  for (uint32_t i = 0; i < n; i++) push(arr, jstr(items[i]));
  return arr;
}

void tf_prevent_destroy(cJSON *res) {
  cJSON *lc = put_obj(res, "lifecycle");
  put_bool(lc, "prevent_destroy", true);
}

cJSON *tf_add_block_item(cJSON *obj, const char *key) {
  cJSON *list = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (!list) list = put_arr(obj, key);
  return push(list, jobj());
}

/* ---- values --------------------------------------------------------------- */

/* Literal text in a template: "${" → "$${", "%{" → "%%{". */
void tf_tmpl_lit(StrBuf *sb, const char *s) {
  for (; *s; s++) {
    if ((s[0] == '$' || s[0] == '%') && s[1] == '{') sb_putc(sb, s[0]);
    sb_putc(sb, *s);
  }
}

static const char *const pseudo_expr[] = {
  [PSEUDO_PARTITION] = "data.aws_partition.current.partition",
  [PSEUDO_REGION] = "data.aws_region.current.region",
  [PSEUDO_ACCOUNT] = "data.aws_caller_identity.current.account_id",
  [PSEUDO_URL_SUFFIX] = "data.aws_partition.current.dns_suffix",
};

/* The row of `res`'s kind, with `member` set; an internal error (NULL)
 * when the row lacks what the backend was about to use. */
static const TfKind *kind_row(Tf *t, const IrRes *res, bool member_set, const char *member) {
  return backend_row_has(t->c, "Terraform", res, member_set, member) ? &tf_kinds[res->kind] : NULL;
}

cJSON *tf_kind_block(Tf *t, const IrRes *res) {
  const TfKind *row = kind_row(t, res, res->kind < RES_KIND_COUNT && tf_kinds[res->kind].type, "type");
  if (row) tf_claim(t, row->type, tf_name(t, res), res->origin, names_describe(t->c, "", res));
  return tf_block(t->resource, row ? row->type : "", tf_name(t, res));
}

/* ${TYPE.NAME.attr} of the attribute a reference reads, or the composite
 * value the kind's row writes for it. The whole resource and metrics are
 * read by the constructs that take them (firehose, cdn, alarm), never
 * rendered as text: an internal error, as is a reference the row lacks. */
static void tmpl_ref(Tf *t, StrBuf *sb, const Value *v) {
  const Value *known = ir_ref_known(t->c, v);
  if (known) {
    tf_tmpl_value(t, sb, known);
    return;
  }
  const IrRes *res = v->res;
  bool in_map = res->kind < RES_KIND_COUNT && v->ref < REF_ATTR_COUNT;
  const TfRef *rule = in_map ? &tf_kinds[res->kind].refs[v->ref] : NULL;
  const TfKind *row = kind_row(t, res, rule && (rule->attr || rule->composite), "reference map entry");
  if (row && rule->attr) {
    sb_printf(sb, "${%s.%s.%s}", row->type, tf_name(t, res), rule->attr);
  } else if (row && kind_row(t, res, row->expand != NULL, "expand")) {
    row->expand(t, sb, v);
  }
}

cJSON *tf_res_ref(Tf *t, const IrRes *res, RefAttr ref) {
  Value v = {.kind = V_REF, .res = (IrRes *)res, .ref = ref, .origin = res->origin};
  return tf_string(t, &v);
}

cJSON *tf_physical_name(Tf *t, const IrRes *res) {
  if (!res->physical_name) {
    diag_internal_error(&t->c->diag, res->origin, "%s '%s' has no physical name",
               res->spec->name, res->name);
    return jstr("");
  }
  return tf_string(t, res->physical_name);
}

/* Appends v as part of a string template. */
void tf_tmpl_value(Tf *t, StrBuf *sb, const Value *v) {
  switch (v->kind) {
    case V_STR:
    case V_ENUM: tf_tmpl_lit(sb, v->s); break;
    case V_INT:
    case V_DURATION:
    case V_SIZE:
    case V_NUM:
    case V_BOOL: { char buf[32]; sb_puts(sb, json_scalar_text(v, buf)); } break;
    case V_PARAM: sb_printf(sb, "${var.%s}", v->param->name); break;
    case V_PSEUDO:
      t->pseudo_used[v->pseudo] = true;
      sb_printf(sb, "${%s}", pseudo_expr[v->pseudo]);
      break;
    case V_REF: tmpl_ref(t, sb, v); break;
    case V_DERIVED:   /* a resource only the plan adds (the topic key) */
      sb_printf(sb, "${aws_kms_key.%s.arn}", TF_TOPIC_KEY_NAME);   /* DERIVED_TOPIC_KEY_ARN, the only one */
      break;
    case V_JOIN:
      for (uint32_t i = 0; i < v->n; i++) tf_tmpl_value(t, sb, v->items[i]);
      break;
    case V_LIST:
    case V_MAP: break;   /* never string-typed; the checker guarantees it */
    case V_ABSTRACT:     /* the checker drops what holds one */
      diag_internal_error(&t->c->diag, v->origin, "the Terraform backend met a component parameter");
      break;
  }
}

cJSON *tf_string(Tf *t, const Value *v) {
  StrBuf sb = {0};
  sb_puts(&sb, "");   /* data is never NULL, even for "" */
  tf_tmpl_value(t, &sb, v);
  cJSON *s = jstr(sb.data);
  sb_free(&sb);
  return s;
}

/* Any value: numbers and bools as JSON, lists and maps as arrays and
 * objects, everything else as a string template. */
cJSON *tf_value(Tf *t, const Value *v) {
  switch (v->kind) {
    case V_INT:
    case V_DURATION:
    case V_SIZE: return jnum((double)v->i);
    case V_NUM: return jnum(v->num);
    case V_BOOL: return jbool(v->b);
    case V_LIST: {
      cJSON *arr = jarr();
      for (uint32_t i = 0; i < v->n; i++) push(arr, tf_value(t, v->items[i]));
      return arr;
    }
    case V_MAP: {
      cJSON *obj = jobj();
      for (uint32_t i = 0; i < v->n; i++)
        put(obj, v->keys[i], tf_value(t, v->items[i]));
      return obj;
    }
    default: return tf_string(t, v);
  }
}

/* A number attribute: v->i divided by `unit` (bytes → MB, ms → s), or the
 * value itself when it is deploy-time (a parameter). */
cJSON *tf_scaled(Tf *t, const Value *v, int64_t unit) {
  if (v->kind == V_INT || v->kind == V_SIZE || v->kind == V_DURATION)
    return jnum((double)(v->i / unit));
  return tf_value(t, v);
}

/* ---- terraform, provider, variables -------------------------------------- */

static void tf_provider_req(cJSON *req, const char *name, const char *source,
                            const char *version) {
  cJSON *p = put_obj(req, name);
  put_str(p, "source", source);
  put_str(p, "version", version);
}

static cJSON *tf_terraform(void) {
  cJSON *tf = jobj();
  cJSON *req = put_obj(tf, "required_providers");
  tf_provider_req(req, "aws", "hashicorp/aws", TF_AWS_VERSION);
  tf_provider_req(req, "archive", "hashicorp/archive", TF_ARCHIVE_VERSION);
  return tf;
}

static cJSON *tf_provider(Tf *t) {
  cJSON *prov = jobj();
  cJSON *aws = put_obj(prov, "aws");
  if (t->ir->region) put_str(aws, "region", t->ir->region);
  if (t->ir->tags && t->ir->tags->n) {
    cJSON *dt = put_obj(aws, "default_tags");
    put(dt, "tags", tf_value(t, t->ir->tags));
  }
  return prov;
}

static const char *tf_type_name(const Type *ty) {
  switch (ty->kind) {
    case T_INT:
    case T_NUMBER: return "number";
    case T_BOOL: return "bool";
    case T_LIST: return "list(string)";
    default: return "string";
  }
}

/* A variable's default is taken literally in JSON syntax: no escaping. */
static cJSON *tf_literal(const Value *v) {
  switch (v->kind) {
    case V_LIST: {
      cJSON *items = jarr();
      for (uint32_t i = 0; i < v->n; i++) push(items, tf_literal(v->items[i]));
      return items;
    }
    case V_INT: return jnum((double)v->i);
    case V_NUM: return jnum(v->num);
    case V_BOOL: return jbool(v->b);
    default: return jstr(v->s ? v->s : "");
  }
}

/* v as an HCL literal inside an expression: "text" (escaped), 3, true. */
void tf_hcl_literal(StrBuf *sb, const Value *v) {
  if (v->kind == V_INT || v->kind == V_NUM || v->kind == V_BOOL) {
    char buf[32];
    sb_puts(sb, json_scalar_text(v, buf));
  } else {
    sb_putc(sb, '"');
    for (const char *s = v->s ? v->s : ""; *s; s++) {
      if (*s == '"' || *s == '\\') sb_putc(sb, '\\');
      if (*s == '\n') { sb_puts(sb, "\\n"); continue; }
      if ((s[0] == '$' || s[0] == '%') && s[1] == '{') sb_putc(sb, s[0]);
      sb_putc(sb, *s);
    }
    sb_putc(sb, '"');
  }
}

/* validation { condition = contains([...], var.NAME) } for `allowed`. */
static void tf_validation(Tf *t, cJSON *var, const IrParam *p) {
  StrBuf cond = {0}, msg = {0};
  sb_puts(&cond, "${contains([");
  sb_printf(&msg, "The value of %s must be one of: ", p->name);
  for (uint32_t i = 0; i < p->allowed->n; i++) {
    const Value *a = p->allowed->items[i];
    if (i) {
      sb_puts(&cond, ", ");
      sb_puts(&msg, ", ");
    }
    tf_hcl_literal(&cond, a);
    tf_tmpl_value(t, &msg, a);
  }
  sb_printf(&cond, "], var.%s)}", p->name);
  sb_putc(&msg, '.');
  cJSON *blocks = put_arr(var, "validation");
  cJSON *b = jobj();
  put_str(b, "condition", cond.data);
  put_str(b, "error_message", msg.data);
  push(blocks, b);
  sb_free(&cond);
  sb_free(&msg);
}

static cJSON *tf_variables(Tf *t) {
  cJSON *vars = jobj();
  for (uint32_t i = 0; i < t->ir->params.n; i++) {
    const IrParam *p = t->ir->params.items[i];
    cJSON *var = put_obj(vars, p->name);
    put_str(var, "type", tf_type_name(p->type));
    if (p->def) put(var, "default", tf_literal(p->def));
    if (p->description) put_str(var, "description", p->description);
    if (p->allowed && p->allowed->n) tf_validation(t, var, p);
  }
  return vars;
}

/* ---- functions ------------------------------------------------------------ */

/* The zip goes where code_dirs_tf_zip_folder says (relative to the stack file, like
 * source_dir): never inside a directory that is zipped. Its name carries the stack's name, as
 * stacks beside each other share that folder: two stacks' `api` functions must not deploy one
 * another's zip (archive_file writes at plan time, the function reads it at apply).
 * archive_file gives every file one mode (output_file_mode): 0755 keeps a custom runtime's
 * bootstrap executable (stackc's own zips keep 0644 for the others). Its `excludes` (glob
 * patterns since hashicorp/archive 2.5) leave out what stackc's zips leave out. */
static void tf_archive(Tf *t, const IrRes *fn) {
  cJSON *a = tf_block(t->data, "archive_file", tf_name(t, fn));
  StrBuf dir = {0};
  sb_puts(&dir, "${path.module}/");
  tf_tmpl_lit(&dir, t->opt && t->opt->code_prefix ? t->opt->code_prefix : "");
  tf_tmpl_lit(&dir, fn->code_dir ? fn->code_dir : ".");
  put_str(a, "type", "zip");
  put_str(a, "source_dir", dir.data);
  sb_free(&dir);
  StrBuf out = {0};
  sb_puts(&out, "${path.module}/");
  tf_tmpl_lit(&out, t->opt && t->opt->code_prefix ? t->opt->code_prefix : "");
  tf_tmpl_lit(&out, code_dirs_tf_zip_folder(t->c, t->ir->source_dir));
  sb_printf(&out, "%s-%s.zip", t->ir->stack_name, tf_name(t, fn));
  put_str(a, "output_path", out.data);
  sb_free(&out);
  put_str(a, "output_file_mode", "0755");
  if (!fn->code) return;
  cJSON *excludes = put_arr(a, "excludes");
  for (const char *const *p = code_dir_tf_excludes(t->c, fn->code); *p; p++) {
    StrBuf pattern = {0};
    tf_tmpl_lit(&pattern, *p);
    push(excludes, jstr(pattern.data));
    sb_free(&pattern);
  }
}

static void tf_log_group(Tf *t, const PlanFunction *pf) {
  const IrRes *fn = pf->fn;
  tf_claim(t, "aws_cloudwatch_log_group", tf_name(t, fn), fn->origin, names_describe(t->c, "the log group of ", fn));
  cJSON *lg = tf_block(t->resource, "aws_cloudwatch_log_group", tf_name(t, fn));
  put(lg, "name", tf_string(t, pf->log_group_name));
  const Value *days = ir_attr(fn, FN_LOG_RETENTION);
  if (days) put(lg, "retention_in_days", tf_scaled(t, days, MS_PER_DAY));
}

void tf_principal(cJSON *st, const char *type, const char *const *ids, uint32_t n) {
  cJSON *pr = tf_add_block_item(st, "principals");
  put_str(pr, "type", type);
  put(pr, "identifiers", tf_string_array(ids, n));
}

static void tf_assume_policy(Tf *t, const PlanRole *role, const char *role_name) {
  StrBuf name = {0};
  sb_printf(&name, "%s_assume", role_name);
  cJSON *doc = tf_block(t->data, "aws_iam_policy_document", name.data);
  sb_free(&name);
  cJSON *st = tf_add_block_item(doc, "statement");
  put_str(st, "effect", "Allow");
  static const char *const actions[] = {"sts:AssumeRole"};
  put(st, "actions", tf_string_array(actions, 1));
  tf_principal(st, "Service", &role->principal, 1);
}

cJSON *tf_statement(Tf *t, const PlanStatement *ps) {
  cJSON *st = jobj();
  put_str(st, "sid", ps->sid);
  put_str(st, "effect", "Allow");
  put(st, "actions", tf_string_array(ps->actions, ps->nactions));
  cJSON *res = put_arr(st, "resources");
  for (uint32_t i = 0; i < ps->nresources; i++)
    push(res, tf_string(t, ps->resources[i]));
  return st;
}

void tf_role(Tf *t, const PlanRole *role, const IrRes *owner) {
  const char *n = tf_role_name(t, owner);
  TfClaim claims[] = {
    {"aws_iam_role", n, names_describe(t->c, "the role of ", owner)},
    {"aws_iam_role_policy", n, names_describe(t->c, "the role policy of ", owner)},
    {"aws_iam_policy_document", arena_printf(&t->c->arena, "%s_assume", n), names_describe(t->c, "the trust policy of ", owner)},
    {"aws_iam_policy_document", n, names_describe(t->c, "the policy of ", owner)},
  };
  tf_claim_group(t, claims, sizeof claims / sizeof claims[0], owner->origin);
  tf_assume_policy(t, role, n);
  cJSON *doc = tf_block(t->data, "aws_iam_policy_document", n);
  cJSON *sts = put_arr(doc, "statement");
  for (uint32_t i = 0; i < role->statements.n; i++)
    push(sts, tf_statement(t, role->statements.items[i]));
  cJSON *r = tf_block(t->resource, "aws_iam_role", n);
  put(r, "assume_role_policy",
                        tf_expr("data.aws_iam_policy_document.%s_assume.json", n));
  cJSON *pol = tf_block(t->resource, "aws_iam_role_policy", n);
  tf_add_expr_ref(pol, "role", "aws_iam_role", n, "id");
  tf_add_expr_ref(pol, "policy", "data.aws_iam_policy_document", n, "json");
}

/* The optional attributes of aws_lambda_function. */
static void tf_function_options(Tf *t, cJSON *f, const IrRes *fn) {
  const Value *tmp = ir_attr(fn, FN_TMP);
  if (tmp) {
    cJSON *es = put_obj(f, "ephemeral_storage");
    put(es, "size", tf_scaled(t, tmp, BYTES_PER_MB));
  }
  const Value *env = ir_attr(fn, FN_ENV);
  if (env && env->kind == V_MAP && env->n) {
    cJSON *e = put_obj(f, "environment");
    put(e, "variables", tf_value(t, env));
  }
  const Value *conc = ir_attr(fn, FN_CONCURRENCY);
  if (conc) put(f, "reserved_concurrent_executions", tf_value(t, conc));
  if (ir_attr_true(fn, FN_TRACING)) put(put_obj(f, "tracing_config"), "mode", jstr("Active"));
  const Value *vpc = ir_attr(fn, FN_VPC);
  if (vpc) {
    cJSON *vc = put_obj(f, "vpc_config");
    put(vc, "subnet_ids", tf_value(t, ir_map_get(vpc, vpc_fields[VPC_SUBNETS].name)));
    put(vc, "security_group_ids", tf_value(t, ir_map_get(vpc, vpc_fields[VPC_SECURITY_GROUPS].name)));
  }
}

/* Asynchronous invocations: retries, event age and destinations, on the
 * unpublished version, once the role's policy lets Lambda reach them. */
static void tf_invoke_config(Tf *t, const IrRes *fn) {
  const Value *retries = ir_attr(fn, FN_ASYNC_RETRIES), *age = ir_attr(fn, FN_MAX_EVENT_AGE);
  const IrRes *failure = fn_async_destination(fn, FN_ON_FAILURE), *success = fn_async_destination(fn, FN_ON_SUCCESS);
  if (!retries && !age && !failure && !success) return;
  const char *type = "aws_lambda_function_event_invoke_config", *n = tf_name(t, fn);
  tf_claim(t, type, n, fn->origin, names_describe(t->c, "the asynchronous invocation config of ", fn));
  cJSON *c = tf_block(t->resource, type, n);
  tf_add_expr_ref(c, "function_name", tf_kinds[RES_FUNCTION].type, n, "function_name");
  put_str(c, "qualifier", "$LATEST");
  if (retries) put(c, "maximum_retry_attempts", tf_value(t, retries));
  if (age) put(c, "maximum_event_age_in_seconds", tf_scaled(t, age, MS_PER_SECOND));
  if (failure || success) {
    cJSON *dc = put_obj(c, "destination_config");
    if (failure) put(put_obj(dc, "on_failure"), "destination", tf_res_ref(t, failure, REF_ARN));
    if (success) put(put_obj(dc, "on_success"), "destination", tf_res_ref(t, success, REF_ARN));
  }
  tf_depend(put_arr(c, "depends_on"), "aws_iam_role_policy", tf_role_name(t, fn));
}

void tf_function(Tf *t, const IrRes *fn) {
  const PlanFunction *pf = plan_function(t->plan, fn);
  if (!pf) {
    diag_internal_error(&t->c->diag, fn->origin, "no plan for function '%s'", fn->name);
    return;
  }
  const char *n = tf_name(t, fn);
  tf_archive(t, fn);
  tf_log_group(t, pf);
  tf_role(t, &pf->role, fn);
  cJSON *f = tf_kind_block(t, fn);
  put(f, "function_name", tf_string(t, pf->name));
  const Value *desc = ir_attr(fn, FN_DESCRIPTION);
  if (desc) put(f, "description", tf_string(t, desc));
  put(f, "runtime", tf_string(t, ir_attr(fn, FN_RUNTIME)));
  put(f, "handler", tf_string(t, ir_attr(fn, FN_HANDLER)));
  tf_add_expr_ref(f, "filename", "data.archive_file", n, "output_path");
  tf_add_expr_ref(f, "source_code_hash", "data.archive_file", n, "output_base64sha256");
  tf_add_expr_ref(f, "role", "aws_iam_role", n, "arn");
  put(f, "memory_size", tf_scaled(t, ir_attr(fn, FN_MEMORY), BYTES_PER_MB));
  put(f, "timeout", tf_scaled(t, ir_attr(fn, FN_TIMEOUT), MS_PER_SECOND));
  const Value *arch = ir_attr(fn, FN_ARCH);
  if (arch) {
    cJSON *a = put_arr(f, "architectures");
    push(a, tf_string(t, arch));
  }
  tf_function_options(t, f, fn);
  cJSON *deps = put_arr(f, "depends_on");
  tf_depend(deps, "aws_cloudwatch_log_group", n);
  tf_depend(deps, "aws_iam_role_policy", n);
  tf_invoke_config(t, fn);
}

/* ---- buckets -------------------------------------------------------------- */

/* A resource configuring bucket `res`: {"bucket": "${aws_s3_bucket.N.id}"}. */
static cJSON *tf_bucket_part(Tf *t, const char *type, const IrRes *res) {
  cJSON *b = tf_block(t->resource, type, tf_name(t, res));
  tf_add_expr_ref(b, "bucket", tf_kinds[RES_BUCKET].type, tf_name(t, res), "id");
  return b;
}

static void tf_bucket_access(Tf *t, const IrRes *res, bool pub) {
  cJSON *pab = tf_bucket_part(t, "aws_s3_bucket_public_access_block", res);
  put_bool(pab, "block_public_acls", true);
  put_bool(pab, "block_public_policy", !pub);
  put_bool(pab, "ignore_public_acls", true);
  put_bool(pab, "restrict_public_buckets", !pub);
  cJSON *sse = tf_bucket_part(t, "aws_s3_bucket_server_side_encryption_configuration", res);
  cJSON *rule = push(put_arr(sse, "rule"), jobj());
  cJSON *def = put_obj(rule, "apply_server_side_encryption_by_default");
  put_str(def, "sse_algorithm", "AES256");
}

static void tf_bucket_expiry(Tf *t, const IrRes *res, const Value *expire) {
  cJSON *lc = tf_bucket_part(t, "aws_s3_bucket_lifecycle_configuration", res);
  cJSON *rule = push(put_arr(lc, "rule"), jobj());
  put_str(rule, "id", "expire-objects");
  put_str(rule, "status", "Enabled");
  put_obj(rule, "filter");
  cJSON *exp = put_obj(rule, "expiration");
  put(exp, "days", tf_scaled(t, expire, MS_PER_DAY));
}

static void tf_bucket_cors(Tf *t, const IrRes *res, const Value *cors) {
  cJSON *cc = tf_bucket_part(t, "aws_s3_bucket_cors_configuration", res);
  cJSON *rule = push(put_arr(cc, "cors_rule"), jobj());
  static const char *const keys[] = {
    [CORS_ORIGINS] = "allowed_origins", [CORS_METHODS] = "allowed_methods",
    [CORS_HEADERS] = "allowed_headers", [CORS_MAX_AGE] = "max_age_seconds",
  };
  for (int f = 0; f < CORS_FIELD_COUNT; f++) {
    const Value *v = ir_map_get(cors, cors_fields[f].name);
    if (v) {
      put(rule, keys[f], f == CORS_MAX_AGE ? tf_scaled(t, v, MS_PER_SECOND) : tf_value(t, v));
    }
  }
}

/* Public buckets: anyone may read objects (s3:GetObject on every key of the bucket). */
static void tf_bucket_public(Tf *t, const IrRes *res) {
  StrBuf name = {0};
  sb_printf(&name, "%s_public", tf_name(t, res));
  const char *what = names_describe(t->c, "the public-read policy of ", res);
  tf_claim(t, "aws_s3_bucket_policy", tf_name(t, res), res->origin, what);
  tf_claim(t, "aws_iam_policy_document", name.data, res->origin, what);
  cJSON *doc = tf_block(t->data, "aws_iam_policy_document", name.data);
  cJSON *st = push(put_arr(doc, "statement"), jobj());
  put_str(st, "sid", "PublicReadObjects");
  put_str(st, "effect", "Allow");
  cJSON *pr = push(put_arr(st, "principals"), jobj());
  put_str(pr, "type", "*");
  static const char *const star[] = {"*"}, *const get[] = {"s3:GetObject"};
  put(pr, "identifiers", tf_string_array(star, 1));
  put(st, "actions", tf_string_array(get, 1));
  Value arn = {.kind = V_REF, .res = (IrRes *)res, .ref = REF_ARN, .origin = res->origin};
  StrBuf objs = {0};
  tmpl_ref(t, &objs, &arn);
  sb_puts(&objs, "/*");
  push(put_arr(st, "resources"), jstr(objs.data));
  sb_free(&objs);
  cJSON *pol = tf_bucket_part(t, "aws_s3_bucket_policy", res);
  tf_add_expr_ref(pol, "policy", "data.aws_iam_policy_document", name.data, "json");
  sb_free(&name);
  tf_depend(put_arr(pol, "depends_on"), "aws_s3_bucket_public_access_block",
            tf_name(t, res));
}

void tf_bucket(Tf *t, const IrRes *res) {
  cJSON *b = tf_kind_block(t, res);
  if (res->physical_name) put(b, "bucket", tf_string(t, res->physical_name));
  if (res->retain) tf_prevent_destroy(b);
  bool is_public = ir_attr_true(res, BK_PUBLIC);
  tf_bucket_access(t, res, is_public);
  if (ir_attr_true(res, BK_VERSIONING)) {
    cJSON *v = tf_bucket_part(t, "aws_s3_bucket_versioning", res);
    put_str(put_obj(v, "versioning_configuration"), "status",
                            "Enabled");
  }
  const Value *expire = ir_attr(res, BK_EXPIRE_AFTER);
  if (expire) tf_bucket_expiry(t, res, expire);
  const Value *cors = ir_attr(res, BK_CORS);
  if (cors) tf_bucket_cors(t, res, cors);
  if (is_public) tf_bucket_public(t, res);
}

/* ---- tables --------------------------------------------------------------- */

static const char *tf_key_type(const Value *v) {
  if (v && str_eq(v->s, "number")) return "N";
  if (v && str_eq(v->s, "binary")) return "B";
  return "S";
}

/* attribute { name, type } once per key attribute: table keys, then index keys. */
static void tf_add_attributes(cJSON *attrs, const Value *key) {
  for (uint32_t i = 0; key && i < key->n; i++) {
    if (json_list_has(attrs, "name", key->keys[i])) continue;
    cJSON *a = jobj();
    put_str(a, "name", key->keys[i]);
    put_str(a, "type", tf_key_type(key->items[i]));
    push(attrs, a);
  }
}

static void tf_capacity(Tf *t, cJSON *obj, const IrRes *res) {
  const Value *read = ir_attr(res, TB_READ), *write = ir_attr(res, TB_WRITE);
  if (read) put(obj, "read_capacity", tf_value(t, read));
  if (write) put(obj, "write_capacity", tf_value(t, write));
}

/* global_secondary_index with key_schema (its hash_key/range_key are deprecated). */
static cJSON *tf_index(Tf *t, const IrRes *res, const Value *ix, bool provisioned) {
  cJSON *g = jobj();
  put(g, "name", tf_string(t, ir_map_get(ix, index_fields[IX_NAME].name)));
  const Value *key = ir_map_get(ix, index_fields[IX_KEY].name);
  cJSON *ks = put_arr(g, "key_schema");
  for (uint32_t i = 0; key && i < key->n; i++) {
    cJSON *k = jobj();
    put_str(k, "attribute_name", key->keys[i]);
    put_str(k, "key_type", i == 0 ? "HASH" : "RANGE");
    push(ks, k);
  }
  put_str(g, "projection_type", "ALL");
  if (provisioned) tf_capacity(t, g, res);
  return g;
}

static const char *tf_stream_view(const char *s) {
  if (str_eq(s, "keys_only")) return "KEYS_ONLY";
  if (str_eq(s, "new")) return "NEW_IMAGE";
  if (str_eq(s, "old")) return "OLD_IMAGE";
  return "NEW_AND_OLD_IMAGES";
}

static void tf_table_extras(Tf *t, cJSON *tb, const IrRes *res, bool provisioned) {
  const Value *stream = ir_attr(res, TB_STREAM);
  if (stream) {
    put_bool(tb, "stream_enabled", true);
    put_str(tb, "stream_view_type", tf_stream_view(stream->s));
  }
  const Value *key = ir_attr(res, TB_KEY), *ixs = ir_attr(res, TB_INDEXES);
  cJSON *attrs = put_arr(tb, "attribute");
  tf_add_attributes(attrs, key);
  for (uint32_t i = 0; ixs && i < ixs->n; i++)
    tf_add_attributes(attrs, ir_map_get(ixs->items[i], index_fields[IX_KEY].name));
  const Value *ttl = ir_attr(res, TB_TTL);
  if (ttl) {
    cJSON *o = put_obj(tb, "ttl");
    put(o, "attribute_name", tf_string(t, ttl));
    put_bool(o, "enabled", true);
  }
  if (ixs && ixs->n) {
    cJSON *gs = put_arr(tb, "global_secondary_index");
    for (uint32_t i = 0; i < ixs->n; i++)
      push(gs, tf_index(t, res, ixs->items[i], provisioned));
  }
}

void tf_table(Tf *t, const IrRes *res) {
  cJSON *tb = tf_kind_block(t, res);
  if (res->physical_name) put(tb, "name", tf_string(t, res->physical_name));
  const Value *billing = ir_attr(res, TB_BILLING);
  bool provisioned = billing && str_eq(billing->s, "provisioned");
  put_str(tb, "billing_mode", provisioned ? "PROVISIONED" : "PAY_PER_REQUEST");
  const Value *key = ir_attr(res, TB_KEY);
  if (key && key->n > 0) put_str(tb, "hash_key", key->keys[0]);
  if (key && key->n > 1) put_str(tb, "range_key", key->keys[1]);
  if (provisioned) tf_capacity(t, tb, res);
  tf_table_extras(t, tb, res, provisioned);
  if (res->retain) tf_prevent_destroy(tb);
}

/* ---- triggers ------------------------------------------------------------- */

static void tf_permission(Tf *t, const PlanPermission *p) {
  tf_claim(t, "aws_lambda_permission", tf_permission_name(t, p), p->fn->origin, plan_permission_describe(t->c, p));
  cJSON *perm = tf_block(t->resource, "aws_lambda_permission", tf_permission_name(t, p));
  put_str(perm, "statement_id", tf_statement_id(t, p));
  put_str(perm, "action", "lambda:InvokeFunction");
  tf_add_expr_ref(perm, "function_name", tf_kinds[RES_FUNCTION].type, tf_name(t, p->fn), "function_name");
  put_str(perm, "principal", p->principal);
  put(perm, "source_arn", tf_string(t, p->source_arn));
  if (p->source_account) {
    t->pseudo_used[PSEUDO_ACCOUNT] = true;
    put(perm, "source_account", tf_expr("%s", pseudo_expr[PSEUDO_ACCOUNT]));
  }
}

/* A key filter: literal text, escaped for a template. */
static void tf_add_filter(cJSON *obj, const char *key, const char *text) {
  if (!text) return;
  StrBuf sb = {0};
  sb_puts(&sb, "");   /* data is never NULL, even for "" */
  tf_tmpl_lit(&sb, text);
  put_str(obj, key, sb.data);
  sb_free(&sb);
}

static cJSON *tf_notify_target(Tf *t, const IrTrigger *trig) {
  cJSON *lf = jobj();
  tf_add_expr_ref(lf, "lambda_function_arn", tf_kinds[RES_FUNCTION].type, tf_name(t, trig->fn), "arn");
  const char *ev = trig->event == EV_REMOVED ? "s3:ObjectRemoved:*" : "s3:ObjectCreated:*";
  push(put_arr(lf, "events"), jstr(ev));
  tf_add_filter(lf, "filter_prefix", trig_str(trig, ARG_PREFIX));
  tf_add_filter(lf, "filter_suffix", trig_str(trig, ARG_SUFFIX));
  return lf;
}

/* One aws_s3_bucket_notification per bucket, holding all its functions. */
static void tf_notification(Tf *t, const PlanNotification *pn) {
  cJSON *n = tf_bucket_part(t, "aws_s3_bucket_notification", pn->bucket);
  cJSON *lfs = put_arr(n, "lambda_function");
  for (uint32_t i = 0; i < pn->triggers.n; i++)
    push(lfs, tf_notify_target(t, pn->triggers.items[i]));
  cJSON *deps = put_arr(n, "depends_on");
  for (uint32_t i = 0; i < pn->permissions.n; i++) {
    const PlanPermission *p = pn->permissions.items[i];
    tf_depend(deps, "aws_lambda_permission", tf_permission_name(t, p));
  }
}

/* ---- assembly --------------------------------------------------------------- */

static void tf_resource(Tf *t, const IrRes *res) {
  const TfKind *row = kind_row(t, res, res->kind < RES_KIND_COUNT && tf_kinds[res->kind].emit, "emitter");
  if (row) row->emit(t, res);
}

/* Resources in declaration order (with what each one owns: roles, log
 * groups, stages, routes, ...), then the triggers' resources in trigger order. */
static void tf_resources(Tf *t) {
  const Plan *plan = t->plan;
  if (plan->topic_key) tf_topic_key(t, plan->topic_key);
  for (uint32_t i = 0; i < t->ir->resources.n; i++) tf_resource(t, t->ir->resources.items[i]);
  for (uint32_t i = 0; i < plan->permissions.n; i++) tf_permission(t, plan->permissions.items[i]);
  for (uint32_t i = 0; i < plan->mappings.n; i++) tf_mapping(t, plan->mappings.items[i]);
  for (uint32_t i = 0; i < plan->notifications.n; i++) tf_notification(t, plan->notifications.items[i]);
  for (uint32_t i = 0; i < plan->subscriptions.n; i++) tf_subscription(t, plan->subscriptions.items[i]);
  for (uint32_t i = 0; i < plan->schedules.n; i++) tf_schedule(t, plan->schedules.items[i]);
}

static cJSON *tf_outputs(Tf *t) {
  cJSON *outs = jobj();
  for (uint32_t i = 0; i < t->ir->outputs.n; i++) {
    const IrOutput *o = t->ir->outputs.items[i];
    cJSON *out = put_obj(outs, o->name);
    put(out, "value", tf_value(t, o->value));
  }
  return outs;
}

/* The data section: the pseudo data sources in use, then the others. */
static cJSON *tf_data(Tf *t) {
  static const char *const types[] = {
    [PSEUDO_PARTITION] = "aws_partition", [PSEUDO_REGION] = "aws_region",
    [PSEUDO_ACCOUNT] = "aws_caller_identity",
  };
  cJSON *data = jobj();
  t->pseudo_used[PSEUDO_PARTITION] |= t->pseudo_used[PSEUDO_URL_SUFFIX];   /* same data source */
  for (int p = 0; p < PSEUDO_URL_SUFFIX; p++)
    if (t->pseudo_used[p]) tf_block(data, types[p], "current");
  while (t->data && t->data->child) {
    cJSON *item = cJSON_DetachItemViaPointer(t->data, t->data->child);
    put(data, item->string, item);
  }
  cJSON_Delete(t->data);
  t->data = NULL;
  return data;
}

/* Adds `section` under `key`, or drops it when empty. */
static void tf_section(cJSON *root, const char *key, cJSON *section) {
  if (section && section->child) put(root, key, section);
  else cJSON_Delete(section);
}

cJSON *backend_tf(Compilation *c, const IrProgram *ir, const Plan *plan,
                  const BackendOptions *opt) {
  Tf t = {.c = c, .ir = ir, .plan = plan, .opt = opt};
  json_build_begin();
  t.data = jobj();
  t.resource = jobj();
  cJSON *provider = tf_provider(&t);
  cJSON *variables = tf_variables(&t);
  tf_resources(&t);
  cJSON *outputs = tf_outputs(&t);
  cJSON *root = jobj();
  put(root, "terraform", tf_terraform());
  put(root, "provider", provider);
  tf_section(root, "variable", variables);
  tf_section(root, "data", tf_data(&t));
  tf_section(root, "resource", t.resource);
  tf_section(root, "output", outputs);
  return json_build_end(root);
}
