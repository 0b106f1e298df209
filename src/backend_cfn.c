/* backend_cfn.c — the CloudFormation backend: checked IR + plan → a cJSON
 * template tree.
 *
 * It sits after plan.c and before emit_json.c / emit_yaml.c (which print the
 * same tree as JSON or YAML). It only maps: the checker validated every value
 * and filled in defaults, plan.c derived IAM statements, invoke permissions,
 * event source mappings and S3 notifications. Object keys are added in a
 * fixed order, so the output is deterministic. Logical IDs are this
 * backend's (cfn_names.c): cfn_add_resource claims each one (a collision
 * is an error naming both) and counts it in its declaration's group.
 *
 * Every node belongs to the returned tree (cJSON copies keys and strings);
 * nodes are made through json_build.h, so an allocation failure makes the
 * backend return NULL (the driver reports it) instead of a partial tree.
 *
 * Two ways to refer to a resource:
 *  - a V_REF value from the IR (env, outputs, policy resources, source ARNs)
 *    goes through ir_ref_known() first, so a bucket with a physical name is
 *    written as its known name/ARN and the S3 notification cycle never forms;
 *  - structural references this backend adds itself (a function's role, a
 *    permission's or notification's function, a bucket policy's bucket) are
 *    always Ref/GetAtt, because they must carry the dependency.
 *
 * This file holds the template sections, value rendering and the function,
 * bucket, table, permission and mapping resources; cfn_messaging.c and
 * cfn_web.c the other kinds, sharing the helpers declared in cfn_internal.h.
 * What differs per kind (its type, emitter and reference map) is its row in
 * cfn_kinds.c, which every dispatch on a kind goes through.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "backend.h"
#include "cfn_internal.h"
#include "cfn_kinds.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"

/* ---- references ------------------------------------------------------ */

void cfn_internal_error(Cfn *cf, const char *what, const IrRes *res) {
  diag_internal_error(&cf->c->diag, res ? res->origin : (Span){0, 0, 0}, "%s '%s' (%s): not emitted", what,
                      res ? res->name : "?", res ? res->spec->name : "?");
}

/* The row of `res`'s kind, with `member` set; an internal error (NULL)
 * when the row lacks what the backend was about to use. */
static const CfnKind *kind_row(Cfn *cf, const IrRes *res, bool member_set, const char *member) {
  return backend_row_has(cf->c, "CloudFormation", res, member_set, member) ? &cfn_kinds[res->kind] : NULL;
}

static const CfnRef *ref_rule(Cfn *cf, const IrRes *res, RefAttr attr) {
  bool known = res->kind < RES_KIND_COUNT && attr < REF_ATTR_COUNT;
  const CfnRef *rule = known ? &cfn_kinds[res->kind].refs[attr] : NULL;
  return kind_row(cf, res, rule && rule->how != CFN_NOT_A_VALUE, "reference map entry") ? rule : NULL;
}

/* The GetAtt attribute for (kind, attr), or NULL when Ref gives the value;
 * an internal error for a reference CloudFormation cannot give directly. */
static const char *ref_getatt_name(Cfn *cf, const IrRes *res, RefAttr attr) {
  const CfnRef *rule = ref_rule(cf, res, attr);
  if (rule && rule->how == CFN_BY_GETATT) return rule->getatt;
  if (rule && rule->how == CFN_COMPOSITE)
    cfn_internal_error(cf, "a composite reference rendered as one attribute, to", res);
  return NULL;
}

/* Ref or GetAtt of a resource's attribute, without asking ir_ref_known. */
cJSON *cfn_res_ref(Cfn *cf, const IrRes *res, RefAttr attr) {
  const char *getatt = ref_getatt_name(cf, res, attr);
  return getatt ? jgetatt(cfn_id(cf, res), getatt) : jref(cfn_id(cf, res));
}

/* The value a composite reference stands for (an api's or a cdn's url,
 * built by the kind's row); NULL for every other reference. */
static const Value *ref_expand(Cfn *cf, const Value *v) {
  const CfnRef *rule = ref_rule(cf, v->res, v->ref);
  if (!rule || rule->how != CFN_COMPOSITE) return NULL;
  const CfnKind *row = kind_row(cf, v->res, cfn_kinds[v->res->kind].expand != NULL, "expand");
  return row ? row->expand(cf, v) : ir_str(cf->c, "", v->origin);
}

cJSON *cfn_add_kind_resource(Cfn *cf, const IrRes *res, bool retain) {
  const CfnKind *row = kind_row(cf, res, res->kind < RES_KIND_COUNT && cfn_kinds[res->kind].type, "type");
  return cfn_add_resource(cf, cfn_id(cf, res), row ? row->type : "", retain, res, res->origin, names_describe(cf->c, "", res));
}

static const char *pseudo_name(Pseudo p) {
  switch (p) {
  case PSEUDO_PARTITION: return "AWS::Partition";
  case PSEUDO_REGION: return "AWS::Region";
  case PSEUDO_ACCOUNT: return "AWS::AccountId";
  case PSEUDO_URL_SUFFIX: return "AWS::URLSuffix";
  case PSEUDO_COUNT: break;
  }
  return "AWS::NoValue";
}

/* ---- values ---------------------------------------------------------- */

/* A join being turned into an Fn::Sub string: `raw` is the plain text (used
 * when every part is literal), `sub` the Fn::Sub text with ${ escaped. */
typedef struct SubBuf {
  StrBuf raw, sub;
  bool dynamic;
} SubBuf;

static void sub_literal(SubBuf *b, const char *s) {
  sb_puts(&b->raw, s);
  for (const char *p = s; *p; p++) {
    sb_putc(&b->sub, *p);
    if (p[0] == '$' && p[1] == '{') {
      sb_puts(&b->sub, "{!");
      p++;
    }
  }
}

static void sub_var(SubBuf *b, const char *name, const char *attr) {
  b->dynamic = true;
  if (attr)
    sb_printf(&b->sub, "${%s.%s}", name, attr);
  else
    sb_printf(&b->sub, "${%s}", name);
}

static void sub_value(Cfn *cf, SubBuf *b, const Value *v) {
  char buf[32];
  const char *text = json_scalar_text(v, buf);
  if (text) {
    sub_literal(b, text);
    return;
  }
  switch (v->kind) {
  case V_JOIN:
    for (uint32_t i = 0; i < v->n; i++) sub_value(cf, b, v->items[i]);
    break;
  case V_PARAM: sub_var(b, cfn_param_id(cf, v->param), NULL); break;
  case V_PSEUDO: sub_var(b, pseudo_name(v->pseudo), NULL); break;
  case V_DERIVED: sub_var(b, CFN_TOPIC_KEY_ID, "Arn"); break;   /* DERIVED_TOPIC_KEY_ARN, the only one */
  case V_REF: {
    const Value *known = ir_ref_known(cf->c, v);
    if (!known) known = ref_expand(cf, v);
    if (known)
      sub_value(cf, b, known);
    else
      sub_var(b, cfn_id(cf, v->res), ref_getatt_name(cf, v->res, v->ref));
    break;
  }
  default: break;   /* lists and maps are not string-typed: never in a join */
  }
}

/* A V_JOIN: a plain string when every part is literal, else {"Fn::Sub": ...}. */
static cJSON *render_join(Cfn *cf, const Value *v) {
  SubBuf b = {0};
  sub_value(cf, &b, v);
  cJSON *out;
  if (b.dynamic) {
    out = jobj();
    put(out, "Fn::Sub", jstr(b.sub.data));
  } else {
    out = jstr(b.raw.data ? b.raw.data : "");
  }
  sb_free(&b.raw);
  sb_free(&b.sub);
  return out;
}

static cJSON *render_list(Cfn *cf, const Value *v) {
  cJSON *a = jarr();
  for (uint32_t i = 0; i < v->n; i++) push(a, cfn_render(cf, v->items[i]));
  return a;
}

static cJSON *render_map(Cfn *cf, const Value *v) {
  cJSON *o = jobj();
  for (uint32_t i = 0; i < v->n; i++) put(o, v->keys[i], cfn_render(cf, v->items[i]));
  return o;
}

/* The generic renderer. Durations and sizes should have been converted by
 * the attribute mappers; if one gets here it is written in its base unit. */
cJSON *cfn_render(Cfn *cf, const Value *v) {
  switch (v->kind) {
  case V_STR:
  case V_ENUM: return jstr(v->s);
  case V_INT:
  case V_DURATION:
  case V_SIZE: return jnum((double)v->i);
  case V_NUM: return jnum(v->num);
  case V_BOOL: return jbool(v->b);
  case V_LIST: return render_list(cf, v);
  case V_MAP: return render_map(cf, v);
  case V_PARAM: return jref(cfn_param_id(cf, v->param));
  case V_PSEUDO: return jref(pseudo_name(v->pseudo));
  case V_JOIN: return render_join(cf, v);
  case V_DERIVED:   /* a resource only the plan adds: DERIVED_TOPIC_KEY_ARN, the only one */
    return jgetatt(CFN_TOPIC_KEY_ID, "Arn");
  case V_REF: {
    const Value *known = ir_ref_known(cf->c, v);
    if (!known) known = ref_expand(cf, v);
    return known ? cfn_render(cf, known) : cfn_res_ref(cf, v->res, v->ref);
  }
  case V_ABSTRACT: cfn_internal_error(cf, "a component parameter (the checker drops them) in", NULL); break;
  }
  return jstr("");
}

/* Like render, but scalars become strings (Lambda environment values and tag
 * values are strings; an int written there must not become a JSON number). */
cJSON *cfn_render_string(Cfn *cf, const Value *v) {
  char buf[32];
  const char *text = json_scalar_text(v, buf);
  return text ? jstr(text) : cfn_render(cf, v);
}

cJSON *cfn_render_parts(Cfn *cf, Value *const *parts, uint32_t n) {
  return cfn_render(cf, ir_join(cf->c, parts, n, (Span){0, 0, 0}));
}

/* ---- shared resource parts ------------------------------------------- */

/* Adds Resources.<id> with its Type and, for kept resources, the Retain
 * policies, to the group of declaration `group` (NULL: the stack's own);
 * claims the ID for `what` (declared at `origin`: a collision is reported
 * naming both) and counts the resource, in its group and in all. */
cJSON *cfn_add_resource(Cfn *cf, const char *id, const char *type, bool retain, const IrRes *group, Span origin,
                        const char *what) {
  if (what) names_claim(cf->c, &cf->names, "cfn", id, origin, what);   /* NULL: claimed already */
  cf->nresources++;
  if (cf->opt->cfn_groups) cf->opt->cfn_groups[group ? group->index : cf->ir->resources.n]++;
  cJSON *r = put(cf->resources, id, jobj());
  put(r, "Type", jstr(type));
  if (retain) {
    put(r, "DeletionPolicy", jstr("Retain"));
    put(r, "UpdateReplacePolicy", jstr("Retain"));
  }
  return r;
}

/* The stack's tags as [{Key, Value}] on a taggable resource; none when empty. */
void cfn_put_tags(Cfn *cf, cJSON *props) {
  const Value *tags = nonempty(cf->ir->tags);
  if (!tags) return;
  cJSON *list = put(props, "Tags", jarr());
  for (uint32_t i = 0; i < tags->n; i++) {
    cJSON *tag = push(list, jobj());
    put(tag, "Key", jstr(tags->keys[i]));
    put(tag, "Value", cfn_render_string(cf, tags->items[i]));
  }
}

void cfn_put_tag_map(Cfn *cf, cJSON *props) {
  const Value *tags = nonempty(cf->ir->tags);
  if (!tags) return;
  cJSON *map = put(props, "Tags", jobj());
  for (uint32_t i = 0; i < tags->n; i++) put(map, tags->keys[i], cfn_render_string(cf, tags->items[i]));
}

/* ---- functions: log group, role, function ---------------------------- */

static void emit_log_group(Cfn *cf, const PlanFunction *pf) {
  const Value *retention = ir_attr(pf->fn, FN_LOG_RETENTION);
  cJSON *r = cfn_add_resource(cf, cfn_log_group_id(cf, pf->fn), "AWS::Logs::LogGroup", false, pf->fn, pf->fn->origin,
                              names_describe(cf->c, "the log group of ", pf->fn));
  cJSON *props = put(r, "Properties", jobj());
  put(props, "LogGroupName", cfn_render(cf, pf->log_group_name));
  if (retention) put(props, "RetentionInDays", jnum((double)(retention->i / MS_PER_DAY)));
  cfn_put_tags(cf, props);
}

cJSON *cfn_assume_role_document(const char *service) {
  cJSON *doc = jobj();
  put(doc, "Version", jstr(POLICY_VERSION));
  cJSON *st = push(put(doc, "Statement", jarr()), jobj());
  put(st, "Effect", jstr("Allow"));
  put(put(st, "Principal", jobj()), "Service", jstr(service));
  put(st, "Action", jstr("sts:AssumeRole"));
  return doc;
}

cJSON *cfn_policy_statement(Cfn *cf, const PlanStatement *ps) {
  cJSON *st = jobj();
  put(st, "Sid", jstr(ps->sid));
  put(st, "Effect", jstr("Allow"));
  cJSON *actions = put(st, "Action", jarr());
  for (uint32_t i = 0; i < ps->nactions; i++) push(actions, jstr(ps->actions[i]));
  cJSON *resources = put(st, "Resource", jarr());
  for (uint32_t i = 0; i < ps->nresources; i++) push(resources, cfn_render(cf, ps->resources[i]));
  return st;
}

cJSON *cfn_policy_document(Cfn *cf, const PlanRole *role) {
  cJSON *doc = jobj();
  put(doc, "Version", jstr(POLICY_VERSION));
  cJSON *statements = put(doc, "Statement", jarr());
  for (uint32_t i = 0; i < role->statements.n; i++)
    push(statements, cfn_policy_statement(cf, role->statements.items[i]));
  return doc;
}

static cJSON *role_policies(Cfn *cf, const PlanFunction *pf) {
  cJSON *policies = jarr();
  cJSON *policy = push(policies, jobj());
  put(policy, "PolicyName", jstr(cfn_inline_policy_name(cf, pf->fn)));
  put(policy, "PolicyDocument", cfn_policy_document(cf, &pf->role));
  return policies;
}

static void emit_role(Cfn *cf, const PlanFunction *pf) {
  cJSON *r = cfn_add_resource(cf, cfn_role_id(cf, pf->fn), "AWS::IAM::Role", false, pf->fn, pf->fn->origin,
                              names_describe(cf->c, "the role of ", pf->fn));
  cJSON *props = put(r, "Properties", jobj());
  put(props, "AssumeRolePolicyDocument", cfn_assume_role_document(pf->role.principal));
  if (pf->role.statements.n > 0) put(props, "Policies", role_policies(cf, pf));
  cfn_put_tags(cf, props);
}

static cJSON *function_code(const IrRes *fn) {
  cJSON *code = jobj();
  put(code, "S3Bucket", jref("CodeBucket"));
  put(code, "S3Key", jstr(fn->code_key ? fn->code_key : ""));
  return code;
}

static cJSON *function_environment(Cfn *cf, const Value *env) {
  cJSON *e = jobj();
  cJSON *vars = put(e, "Variables", jobj());
  for (uint32_t i = 0; i < env->n; i++) put(vars, env->keys[i], cfn_render_string(cf, env->items[i]));
  return e;
}

/* Sizing: memory, timeout, architecture and /tmp, converted to AWS units. */
static void put_function_sizing(const IrRes *fn, cJSON *props) {
  const Value *memory = ir_attr(fn, FN_MEMORY), *timeout = ir_attr(fn, FN_TIMEOUT);
  const Value *arch = ir_attr(fn, FN_ARCH), *tmp = ir_attr(fn, FN_TMP);
  if (memory) put(props, "MemorySize", jnum((double)(memory->i / BYTES_PER_MB)));
  if (timeout) put(props, "Timeout", jnum((double)(timeout->i / MS_PER_SECOND)));
  if (arch) put(props, "Architectures", jstr_list(arch->s));
  if (tmp) put(put(props, "EphemeralStorage", jobj()), "Size", jnum((double)(tmp->i / BYTES_PER_MB)));
}

static void emit_function(Cfn *cf, const IrRes *fn, const PlanFunction *pf) {
  cJSON *r = cfn_add_kind_resource(cf, fn, false);
  put(r, "DependsOn", jstr_list(cfn_log_group_id(cf, fn)));
  cJSON *props = put(r, "Properties", jobj());
  put(props, "FunctionName", cfn_render(cf, pf->name));
  put(props, "Runtime", cfn_render(cf, ir_attr(fn, FN_RUNTIME)));
  put(props, "Handler", cfn_render(cf, ir_attr(fn, FN_HANDLER)));
  put(props, "Code", function_code(fn));
  put_function_sizing(fn, props);
  put(props, "Role", jgetatt(cfn_role_id(cf, fn), "Arn"));
  const Value *env = nonempty(ir_attr(fn, FN_ENV));
  if (env) put(props, "Environment", function_environment(cf, env));
  const Value *concurrency = ir_attr(fn, FN_CONCURRENCY);
  if (concurrency) put(props, "ReservedConcurrentExecutions", cfn_render(cf, concurrency));
  const Value *description = ir_attr(fn, FN_DESCRIPTION);
  if (description) put(props, "Description", cfn_render(cf, description));
  if (ir_attr_true(fn, FN_TRACING)) put(put(props, "TracingConfig", jobj()), "Mode", jstr("Active"));
  const Value *vpc = ir_attr(fn, FN_VPC);
  if (vpc) {
    cJSON *vc = put(props, "VpcConfig", jobj());
    put(vc, "SubnetIds", cfn_render(cf, ir_map_get(vpc, vpc_fields[VPC_SUBNETS].name)));
    put(vc, "SecurityGroupIds", cfn_render(cf, ir_map_get(vpc, vpc_fields[VPC_SECURITY_GROUPS].name)));
  }
  cfn_put_tags(cf, props);
}

/* Asynchronous invocations: retries, event age and destinations, on the
 * unpublished version. Lambda checks the role can reach the destinations
 * when the config is created: it waits for the role (its policy is inline). */
static void emit_invoke_config(Cfn *cf, const IrRes *fn) {
  const Value *retries = ir_attr(fn, FN_ASYNC_RETRIES), *age = ir_attr(fn, FN_MAX_EVENT_AGE);
  const IrRes *failure = fn_async_destination(fn, FN_ON_FAILURE), *success = fn_async_destination(fn, FN_ON_SUCCESS);
  if (!retries && !age && !failure && !success) return;
  cJSON *r = cfn_add_resource(cf, cfn_invoke_config_id(cf, fn), "AWS::Lambda::EventInvokeConfig", false, fn,
                              fn->origin, names_describe(cf->c, "the asynchronous invocation config of ", fn));
  put(r, "DependsOn", jstr_list(cfn_role_id(cf, fn)));
  cJSON *props = put(r, "Properties", jobj());
  put(props, "FunctionName", cfn_res_ref(cf, fn, REF_NAME));
  put(props, "Qualifier", jstr("$LATEST"));
  if (retries) put(props, "MaximumRetryAttempts", jnum((double)retries->i));
  if (age) put(props, "MaximumEventAgeInSeconds", jnum((double)(age->i / MS_PER_SECOND)));
  if (!failure && !success) return;
  cJSON *dc = put_obj(props, "DestinationConfig");
  if (failure) put(put_obj(dc, "OnFailure"), "Destination", cfn_res_ref(cf, failure, REF_ARN));
  if (success) put(put_obj(dc, "OnSuccess"), "Destination", cfn_res_ref(cf, success, REF_ARN));
}

void cfn_emit_function_group(Cfn *cf, const IrRes *fn) {
  const PlanFunction *pf = plan_function(cf->plan, fn);
  if (!pf) {
    cfn_internal_error(cf, "no plan for function", fn);
    return;
  }
  emit_log_group(cf, pf);
  emit_role(cf, pf);
  emit_function(cf, fn, pf);
  emit_invoke_config(cf, fn);
}

/* ---- buckets --------------------------------------------------------- */

static const PlanNotification *bucket_notification(const Plan *plan, const IrRes *bucket) {
  for (uint32_t i = 0; i < plan->notifications.n; i++) {
    const PlanNotification *pn = plan->notifications.items[i];
    if (pn->bucket == bucket) return pn;
  }
  return NULL;
}

static cJSON *bucket_encryption(void) {
  cJSON *enc = jobj();
  cJSON *rule = push(put(enc, "ServerSideEncryptionConfiguration", jarr()), jobj());
  put(put(rule, "ServerSideEncryptionByDefault", jobj()), "SSEAlgorithm", jstr("AES256"));
  return enc;
}

/* A public bucket is read through its bucket policy: only the policy
 * blocks are lifted; ACLs stay blocked (as on the Terraform target). */
static cJSON *public_access_block(bool public) {
  cJSON *pab = jobj();
  put(pab, "BlockPublicAcls", jbool(true));
  put(pab, "BlockPublicPolicy", jbool(!public));
  put(pab, "IgnorePublicAcls", jbool(true));
  put(pab, "RestrictPublicBuckets", jbool(!public));
  return pab;
}

static cJSON *bucket_lifecycle(const Value *expire_after) {
  cJSON *lc = jobj();
  cJSON *rule = push(put(lc, "Rules", jarr()), jobj());
  put(rule, "Id", jstr("ExpireObjects"));
  put(rule, "Status", jstr("Enabled"));
  int64_t days = (expire_after->i + MS_PER_DAY - 1) / MS_PER_DAY;
  put(rule, "ExpirationInDays", jnum((double)days));
  return lc;
}

static cJSON *bucket_cors(Cfn *cf, const Value *cors) {
  const Value *origins = ir_map_get(cors, cors_fields[CORS_ORIGINS].name);
  const Value *methods = ir_map_get(cors, cors_fields[CORS_METHODS].name);
  const Value *headers = nonempty(ir_map_get(cors, cors_fields[CORS_HEADERS].name));
  const Value *max_age = ir_map_get(cors, cors_fields[CORS_MAX_AGE].name);
  cJSON *cfg = jobj();
  cJSON *rule = push(put(cfg, "CorsRules", jarr()), jobj());
  put(rule, "AllowedOrigins", origins ? cfn_render(cf, origins) : jstr_list("*"));
  put(rule, "AllowedMethods", cfn_render(cf, methods));
  if (headers) put(rule, "AllowedHeaders", cfn_render(cf, headers));
  if (max_age) put(rule, "MaxAge", jnum((double)(max_age->i / MS_PER_SECOND)));
  return cfg;
}

static cJSON *s3_key_filter(const IrTrigger *t) {
  cJSON *filter = jobj();
  cJSON *rules = put(put(filter, "S3Key", jobj()), "Rules", jarr());
  const char *names[] = {"prefix", "suffix"}, *values[] = {trig_str(t, ARG_PREFIX), trig_str(t, ARG_SUFFIX)};
  for (int i = 0; i < 2; i++) {
    if (!values[i]) continue;
    cJSON *rule = push(rules, jobj());
    put(rule, "Name", jstr(names[i]));
    put(rule, "Value", jstr(values[i]));
  }
  return filter;
}

static cJSON *bucket_notifications(Cfn *cf, const PlanNotification *pn) {
  cJSON *cfg = jobj();
  cJSON *list = put(cfg, "LambdaConfigurations", jarr());
  for (uint32_t i = 0; i < pn->triggers.n; i++) {
    const IrTrigger *t = pn->triggers.items[i];
    cJSON *lc = push(list, jobj());
    put(lc, "Event", jstr(t->event == EV_REMOVED ? "s3:ObjectRemoved:*" : "s3:ObjectCreated:*"));
    if (trig_str(t, ARG_PREFIX) || trig_str(t, ARG_SUFFIX)) put(lc, "Filter", s3_key_filter(t));
    put(lc, "Function", cfn_res_ref(cf, t->fn, REF_ARN));
  }
  return cfg;
}

/* Lets anyone read the objects of a public bucket: <Id>Policy. */
static void emit_bucket_policy(Cfn *cf, const IrRes *bucket) {
  cJSON *r = cfn_add_resource(cf, cfn_public_policy_id(cf, bucket), "AWS::S3::BucketPolicy", false, bucket, bucket->origin,
                              names_describe(cf->c, "the public-read policy of ", bucket));
  cJSON *props = put(r, "Properties", jobj());
  put(props, "Bucket", jref(cfn_id(cf, bucket)));
  cJSON *doc = put(props, "PolicyDocument", jobj());
  put(doc, "Version", jstr(POLICY_VERSION));
  cJSON *st = push(put(doc, "Statement", jarr()), jobj());
  put(st, "Sid", jstr("PublicReadObjects"));
  put(st, "Effect", jstr("Allow"));
  put(st, "Principal", jstr("*"));
  put(st, "Action", jstr("s3:GetObject"));
  /* The object ARN: a join of the bucket ARN and the literal slash-star suffix,
   * rendered like any value (a known name when the bucket has one). */
  Value arn = {.kind = V_REF, .res = (IrRes *)bucket, .ref = REF_ARN, .origin = bucket->origin};
  Value suffix = {.kind = V_STR, .s = "/*", .origin = bucket->origin};
  Value *parts[] = {&arn, &suffix};
  Value objects = {.kind = V_JOIN, .items = parts, .n = 2, .origin = bucket->origin};
  put(st, "Resource", cfn_render(cf, &objects));
}

static void put_bucket_props(Cfn *cf, const IrRes *b, const PlanNotification *pn, cJSON *props) {
  const Value *expire = ir_attr(b, BK_EXPIRE_AFTER), *cors = ir_attr(b, BK_CORS);
  if (b->physical_name) put(props, "BucketName", cfn_render(cf, b->physical_name));
  put(props, "BucketEncryption", bucket_encryption());
  put(props, "PublicAccessBlockConfiguration", public_access_block(ir_attr_true(b, BK_PUBLIC)));
  if (ir_attr_true(b, BK_VERSIONING))
    put(put(props, "VersioningConfiguration", jobj()), "Status", jstr("Enabled"));
  if (expire) put(props, "LifecycleConfiguration", bucket_lifecycle(expire));
  if (cors) put(props, "CorsConfiguration", bucket_cors(cf, cors));
  if (pn && pn->triggers.n > 0) put(props, "NotificationConfiguration", bucket_notifications(cf, pn));
  cfn_put_tags(cf, props);
}

void cfn_emit_bucket(Cfn *cf, const IrRes *b) {
  const PlanNotification *pn = bucket_notification(cf->plan, b);
  cJSON *r = cfn_add_kind_resource(cf, b, b->retain);
  if (pn && pn->permissions.n > 0) {
    /* S3 checks its notification targets on create: the permissions come first. */
    cJSON *deps = put(r, "DependsOn", jarr());
    for (uint32_t i = 0; i < pn->permissions.n; i++)
      push(deps, jstr(cfn_permission_id(cf, pn->permissions.items[i])));
  }
  put_bucket_props(cf, b, pn, put(r, "Properties", jobj()));
  if (ir_attr_true(b, BK_PUBLIC)) emit_bucket_policy(cf, b);
}

/* ---- tables ---------------------------------------------------------- */

static const char *key_type(const Value *v) {
  if (strcmp(v->s, "number") == 0) return "N";
  if (strcmp(v->s, "binary") == 0) return "B";
  return "S";
}

/* Adds each key attribute of `key` to AttributeDefinitions unless already there. */
static void add_attr_defs(cJSON *defs, const Value *key) {
  for (uint32_t i = 0; key && i < key->n; i++) {
    if (json_list_has(defs, "AttributeName", key->keys[i])) continue;
    cJSON *def = push(defs, jobj());
    put(def, "AttributeName", jstr(key->keys[i]));
    put(def, "AttributeType", jstr(key_type(key->items[i])));
  }
}

static cJSON *key_schema(const Value *key) {
  cJSON *ks = jarr();
  for (uint32_t i = 0; i < key->n && i < 2; i++) {
    cJSON *k = push(ks, jobj());
    put(k, "AttributeName", jstr(key->keys[i]));
    put(k, "KeyType", jstr(i == 0 ? "HASH" : "RANGE"));
  }
  return ks;
}

static bool table_provisioned(const IrRes *t) {
  const Value *billing = ir_attr(t, TB_BILLING);
  return billing && strcmp(billing->s, "provisioned") == 0;
}

static cJSON *table_throughput(Cfn *cf, const IrRes *t) {
  const Value *read = ir_attr(t, TB_READ), *write = ir_attr(t, TB_WRITE);
  cJSON *tp = jobj();
  put(tp, "ReadCapacityUnits", read ? cfn_render(cf, read) : jnum(1));
  put(tp, "WriteCapacityUnits", write ? cfn_render(cf, write) : jnum(1));
  return tp;
}

static const char *stream_view_type(const char *stream) {
  if (strcmp(stream, "keys_only") == 0) return "KEYS_ONLY";
  if (strcmp(stream, "new") == 0) return "NEW_IMAGE";
  if (strcmp(stream, "old") == 0) return "OLD_IMAGE";
  return "NEW_AND_OLD_IMAGES";
}

static cJSON *table_indexes(Cfn *cf, const IrRes *t, const Value *indexes) {
  cJSON *list = jarr();
  for (uint32_t i = 0; i < indexes->n; i++) {
    const Value *ix = indexes->items[i];
    const Value *name = ir_map_get(ix, index_fields[IX_NAME].name);
    const Value *key = ir_map_get(ix, index_fields[IX_KEY].name);
    cJSON *gsi = push(list, jobj());
    if (name) put(gsi, "IndexName", cfn_render(cf, name));
    if (key) put(gsi, "KeySchema", key_schema(key));
    put(put(gsi, "Projection", jobj()), "ProjectionType", jstr("ALL"));
    if (table_provisioned(t)) put(gsi, "ProvisionedThroughput", table_throughput(cf, t));
  }
  return list;
}

static void put_table_keys(const IrRes *t, const Value *indexes, cJSON *props) {
  const Value *key = ir_attr(t, TB_KEY);
  cJSON *defs = put(props, "AttributeDefinitions", jarr());
  add_attr_defs(defs, key);
  for (uint32_t i = 0; indexes && i < indexes->n; i++)
    add_attr_defs(defs, ir_map_get(indexes->items[i], index_fields[IX_KEY].name));
  put(props, "KeySchema", key_schema(key));
}

void cfn_emit_table(Cfn *cf, const IrRes *t) {
  const Value *indexes = nonempty(ir_attr(t, TB_INDEXES));
  const Value *stream = ir_attr(t, TB_STREAM), *ttl = ir_attr(t, TB_TTL);
  cJSON *r = cfn_add_kind_resource(cf, t, t->retain);
  cJSON *props = put(r, "Properties", jobj());
  if (t->physical_name) put(props, "TableName", cfn_render(cf, t->physical_name));
  put_table_keys(t, indexes, props);
  bool provisioned = table_provisioned(t);
  put(props, "BillingMode", jstr(provisioned ? "PROVISIONED" : "PAY_PER_REQUEST"));
  if (provisioned) put(props, "ProvisionedThroughput", table_throughput(cf, t));
  if (stream)
    put(put(props, "StreamSpecification", jobj()), "StreamViewType",
        jstr(stream_view_type(stream->s)));
  if (ttl) {
    cJSON *spec = put(props, "TimeToLiveSpecification", jobj());
    put(spec, "AttributeName", cfn_render(cf, ttl));
    put(spec, "Enabled", jbool(true));
  }
  if (indexes) put(props, "GlobalSecondaryIndexes", table_indexes(cf, t, indexes));
  cfn_put_tags(cf, props);
}

/* ---- permissions and event source mappings --------------------------- */

static void emit_permission(Cfn *cf, const PlanPermission *pp) {
  cJSON *r = cfn_add_resource(cf, cfn_permission_id(cf, pp), "AWS::Lambda::Permission", false, pp->fn, pp->fn->origin,
                              plan_permission_describe(cf->c, pp));
  cJSON *props = put(r, "Properties", jobj());
  put(props, "Action", jstr("lambda:InvokeFunction"));
  put(props, "FunctionName", cfn_res_ref(cf, pp->fn, REF_ARN));
  put(props, "Principal", jstr(pp->principal));
  if (pp->source_arn) put(props, "SourceArn", cfn_render(cf, pp->source_arn));
  if (pp->source_account) put(props, "SourceAccount", jref("AWS::AccountId"));
}

/* A stream's failure handling: where failed batches go, how often and how
 * long they are retried, whether a failing batch is split. */
static void emit_stream_failures(Cfn *cf, cJSON *props, const IrTrigger *t) {
  const IrRes *dest = trig_failure_destination(t);
  if (dest) put(put_obj(put_obj(props, "DestinationConfig"), "OnFailure"), "Destination", cfn_res_ref(cf, dest, REF_ARN));
  if (ir_arg(t, ARG_MAX_RETRIES)) put(props, "MaximumRetryAttempts", jnum((double)trig_int(t, ARG_MAX_RETRIES)));
  if (ir_arg(t, ARG_MAX_AGE))
    put(props, "MaximumRecordAgeInSeconds", jnum((double)(trig_int(t, ARG_MAX_AGE) / MS_PER_SECOND)));
  if (ir_arg(t, ARG_SPLIT)) put(props, "BisectBatchOnFunctionError", jbool(trig_bool(t, ARG_SPLIT)));
}

/* A poller: a table stream, a queue or a Kinesis stream. Lambda checks the
 * role's poll permissions when the mapping is created; they are inline in
 * the role, which the mapping also names in DependsOn, so the mapping waits
 * for them even where no Ref leads there. */
static void emit_mapping(Cfn *cf, const PlanMapping *pm) {
  const IrTrigger *t = pm->trig;
  const PlanFunction *pf = plan_function(cf->plan, t->fn);
  if (!pf) {
    cfn_internal_error(cf, "no plan for the function of mapping", t->fn);
    return;
  }
  bool stream = t->kind == TRIG_TABLE_STREAM || t->kind == TRIG_KINESIS;
  cJSON *r = cfn_add_resource(cf, cfn_mapping_id(cf, pm), "AWS::Lambda::EventSourceMapping", false, t->fn, t->origin,
                              plan_mapping_describe(cf->c, pm));
  put(r, "DependsOn", jstr_list(cfn_role_id(cf, t->fn)));
  cJSON *props = put(r, "Properties", jobj());
  put(props, "EventSourceArn", cfn_render(cf, pm->event_source_arn));
  put(props, "FunctionName", cfn_res_ref(cf, t->fn, REF_NAME));
  if (trig_int(t, ARG_BATCH) > 0) put(props, "BatchSize", jnum((double)trig_int(t, ARG_BATCH)));
  if (trig_int(t, ARG_WINDOW) > 0)
    put(props, "MaximumBatchingWindowInSeconds", jnum((double)(trig_int(t, ARG_WINDOW) / MS_PER_SECOND)));
  if (stream) {
    bool trim = trig_str(t, ARG_START) && strcmp(trig_str(t, ARG_START), "trim_horizon") == 0;
    put(props, "StartingPosition", jstr(trim ? "TRIM_HORIZON" : "LATEST"));
    if (trig_int(t, ARG_PARALLELISM) > 1) put(props, "ParallelizationFactor", jnum((double)trig_int(t, ARG_PARALLELISM)));
    emit_stream_failures(cf, props, t);
  } else if (ir_arg(t, ARG_MAX_CONCURRENCY)) {
    put(put_obj(props, "ScalingConfig"), "MaximumConcurrency", jnum((double)trig_int(t, ARG_MAX_CONCURRENCY)));
  }
  if (trig_bool(t, ARG_PARTIAL)) put(props, "FunctionResponseTypes", jstr_list("ReportBatchItemFailures"));
}

/* ---- template sections ----------------------------------------------- */

static bool has_functions(const IrProgram *ir) {
  for (uint32_t i = 0; i < ir->resources.n; i++)
    if (((const IrRes *)ir->resources.items[i])->kind == RES_FUNCTION) return true;
  return false;
}

/* Parameter defaults and allowed values are written as strings, as
 * CloudFormation stores them, whatever the parameter's type. */
static cJSON *param_text(Cfn *cf, const Value *v) {
  if (v->kind == V_LIST) {   /* a list parameter's value: its items joined by commas */
    StrBuf sb = {0};
    for (uint32_t i = 0; i < v->n; i++) sb_printf(&sb, "%s%s", i ? "," : "", v->items[i]->s);
    cJSON *text = jstr(sb.data ? sb.data : "");
    sb_free(&sb);
    return text;
  }
  char buf[32];
  const char *text = json_scalar_text(v, buf);
  return text ? jstr(text) : cfn_render(cf, v);
}

/* A list parameter's type: the EC2 id list it is used as in every vpc that
 * names it (CloudFormation then checks the ids exist), else List<String>. */
static const char *list_param_type(const Cfn *cf, const IrParam *p) {
  static const char *const types[] = {[VPC_SUBNETS] = "List<AWS::EC2::Subnet::Id>",
                                      [VPC_SECURITY_GROUPS] = "List<AWS::EC2::SecurityGroup::Id>"};
  const char *type = NULL;
  for (uint32_t i = 0; i < cf->ir->resources.n; i++) {
    const IrRes *r = cf->ir->resources.items[i];
    const Value *vpc = r->kind == RES_FUNCTION ? ir_attr(r, FN_VPC) : NULL;
    for (int f = VPC_SUBNETS; vpc && f <= VPC_SECURITY_GROUPS; f++) {
      const Value *ids = ir_map_get(vpc, vpc_fields[f].name);
      if (!ids || ids->kind != V_PARAM || ids->param != p) continue;
      if (type && type != types[f]) return "List<String>";
      type = types[f];
    }
  }
  return type ? type : "List<String>";
}

static cJSON *param_json(Cfn *cf, const IrParam *p) {
  cJSON *pj = jobj();
  bool number = p->type->kind == T_INT || p->type->kind == T_NUMBER;
  put(pj, "Type", jstr(p->type->kind == T_LIST ? list_param_type(cf, p) : number ? "Number" : "String"));
  if (p->def) put(pj, "Default", param_text(cf, p->def));
  if (p->allowed) {
    cJSON *allowed = put(pj, "AllowedValues", jarr());
    for (uint32_t i = 0; i < p->allowed->n; i++) push(allowed, param_text(cf, p->allowed->items[i]));
  } else if (p->type->kind == T_BOOL) {
    cJSON *allowed = put(pj, "AllowedValues", jarr());
    push(allowed, jstr("true"));
    push(allowed, jstr("false"));
  }
  if (p->description) put(pj, "Description", jstr(p->description));
  return pj;
}

static void put_parameters(Cfn *cf, cJSON *doc) {
  bool code = has_functions(cf->ir);
  if (cf->ir->params.n == 0 && !code) return;
  cJSON *params = put(doc, "Parameters", jobj());
  for (uint32_t i = 0; i < cf->ir->params.n; i++) {
    const IrParam *p = cf->ir->params.items[i];
    const char *id = cfn_param_id(cf, p);
    names_claim(cf->c, &cf->names, "cfn", id, p->origin, arena_printf(&cf->c->arena, "parameter '%s'", p->name));
    put(params, id, param_json(cf, p));
  }
  if (!code) return;
  names_claim(cf->c, &cf->names, "cfn", "CodeBucket", (Span){0, 0, 0}, "the CodeBucket parameter");
  cJSON *cb = put(params, "CodeBucket", jobj());
  put(cb, "Type", jstr("String"));
  put(cb, "Description",
      jstr("S3 bucket holding the function zips written by `stackc package`"));
}

/* Rules: the stack must be deployed in its declared region. */
static void put_region_rule(Cfn *cf, cJSON *doc) {
  const char *region = cf->ir->region;
  if (!region) return;
  cJSON *rule = put(put(doc, "Rules", jobj()), "StackRegion", jobj());
  cJSON *assertion = push(put(rule, "Assertions", jarr()), jobj());
  cJSON *equals = put(put(assertion, "Assert", jobj()), "Fn::Equals", jarr());
  push(equals, jref("AWS::Region"));
  push(equals, jstr(region));
  char *msg = arena_printf(&cf->c->arena, "This stack belongs to region %s; deploy it there", region);
  put(assertion, "AssertDescription", jstr(msg));
}

static void put_resources(Cfn *cf, cJSON *doc) {
  cf->resources = put(doc, "Resources", jobj());
  /* The topic key is emitted after the resources, but claimed before them:
   * a resource named like it is the one a collision points at. */
  if (cf->plan->topic_key)
    names_claim(cf->c, &cf->names, "cfn", CFN_TOPIC_KEY_ID, (Span){0, 0, 0}, plan_topic_key_describe);
  for (uint32_t i = 0; i < cf->ir->resources.n; i++) {
    IrRes *res = cf->ir->resources.items[i];
    const CfnKind *row = kind_row(cf, res, res->kind < RES_KIND_COUNT && cfn_kinds[res->kind].emit, "emitter");
    if (row) row->emit(cf, res);
  }
  if (cf->plan->topic_key) cfn_emit_topic_key(cf, cf->plan->topic_key);
  for (uint32_t i = 0; i < cf->plan->permissions.n; i++)
    emit_permission(cf, cf->plan->permissions.items[i]);
  for (uint32_t i = 0; i < cf->plan->mappings.n; i++)
    emit_mapping(cf, cf->plan->mappings.items[i]);
  for (uint32_t i = 0; i < cf->plan->subscriptions.n; i++)
    cfn_emit_subscription(cf, cf->plan->subscriptions.items[i]);
  for (uint32_t i = 0; i < cf->plan->schedules.n; i++)
    cfn_emit_schedule(cf, cf->plan->schedules.items[i]);
}

/* CloudFormation: at most 500 resources, 200 parameters, 200 outputs. A
 * warning each (the stack may be built for Terraform), kept for the driver,
 * which makes it an error when building CloudFormation. */
static void warn_caps(Cfn *cf) {
  struct { uint32_t count, limit; const char *what; } caps[] = {
    {cf->nresources, 500, "resources"},
    {cf->ir->params.n + has_functions(cf->ir), 200, "parameters"},
    {cf->ir->outputs.n, 200, "outputs"}};
  for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
    if (caps[i].count <= caps[i].limit) continue;
    Diag *g = diag_warning(&cf->c->diag, (Span){0, 0, 0}, "the CloudFormation template would hold %u %s, over its "
                           "limit of %u: only the Terraform target can build this stack", caps[i].count, caps[i].what,
                           caps[i].limit);
    vec_push(&cf->c->arena, cf->opt->cfn_caps, g);
  }
}

static void put_outputs(Cfn *cf, cJSON *doc) {
  if (cf->ir->outputs.n == 0) return;
  cJSON *outputs = put(doc, "Outputs", jobj());
  for (uint32_t i = 0; i < cf->ir->outputs.n; i++) {
    const IrOutput *o = cf->ir->outputs.items[i];
    put(put(outputs, cfn_output_id(cf, o), jobj()), "Value", cfn_render(cf, o->value));
  }
}

cJSON *backend_cfn(Compilation *c, const IrProgram *ir, const Plan *plan,
                   const BackendOptions *opt) {
  Cfn cf = {.c = c, .ir = ir, .plan = plan, .opt = opt, .resources = NULL};   /* code comes from CodeBucket */
  json_build_begin();
  cJSON *doc = jobj();
  put(doc, "AWSTemplateFormatVersion", jstr("2010-09-09"));
  if (ir->description) put(doc, "Description", jstr(ir->description));
  put_parameters(&cf, doc);
  put_region_rule(&cf, doc);
  put_resources(&cf, doc);
  put_outputs(&cf, doc);
  if (opt->cfn_caps) warn_caps(&cf);
  return json_build_end(doc);
}
