/* tf_web.c — Terraform for HTTP APIs and CDNs.
 *
 *   api  aws_apigatewayv2_api, aws_apigatewayv2_stage (+ aws_cloudwatch_log_group
 *        for access logs), aws_apigatewayv2_integration per (api, function),
 *        aws_apigatewayv2_route per route
 *   cdn  aws_cloudfront_distribution; with an origin bucket also
 *        aws_cloudfront_origin_access_control and an aws_s3_bucket_policy letting
 *        exactly this distribution read the bucket's objects
 *
 * Part of the Terraform backend (backend_tf.c, tf_internal.h).
 */
#include <string.h>

#include "tf_internal.h"
#include "tf_kinds.h"

/* ---- HTTP APIs ------------------------------------------------------------ */

static void tf_api_cors(Tf *t, cJSON *api, const Value *cors) {
  cJSON *cc = put_obj(api, "cors_configuration");
  static const char *const keys[] = {
    [ACORS_ORIGINS] = "allow_origins", [ACORS_METHODS] = "allow_methods",
    [ACORS_HEADERS] = "allow_headers", [ACORS_MAX_AGE] = "max_age",
  };
  for (int f = 0; f < ACORS_FIELD_COUNT; f++) {
    const Value *v = ir_map_get(cors, api_cors_fields[f].name);
    if (v) put(cc, keys[f], f == ACORS_MAX_AGE ? tf_scaled(t, v, MS_PER_SECOND) : tf_value(t, v));
  }
}

static void tf_api_stage(Tf *t, const IrRes *res, const PlanApi *pa) {
  const char *n = tf_name(t, res);
  const char *logs = pa->log_group_name ? n : NULL;   /* the access logs are named like the api */
  tf_claim(t, "aws_apigatewayv2_stage", n, res->origin, names_describe(t->c, "the stage of ", res));
  if (logs) tf_claim(t, "aws_cloudwatch_log_group", logs, res->origin, names_describe(t->c, "the access log group of ", res));
  if (logs) {
    cJSON *lg = tf_block(t->resource, "aws_cloudwatch_log_group", logs);
    put(lg, "name", tf_string(t, pa->log_group_name));
    put_num(lg, "retention_in_days", PLAN_API_LOG_RETENTION_DAYS);
  }
  cJSON *st = tf_block(t->resource, "aws_apigatewayv2_stage", n);
  tf_add_expr_ref(st, "api_id", tf_kinds[RES_API].type, n, "id");
  StrBuf name = {0};
  sb_puts(&name, "");
  tf_tmpl_lit(&name, pa->stage);
  put_str(st, "name", name.data);
  sb_free(&name);
  put_bool(st, "auto_deploy", true);
  if (logs) {
    cJSON *als = put_obj(st, "access_log_settings");
    tf_add_expr_ref(als, "destination_arn", "aws_cloudwatch_log_group", logs, "arn");
    put_str(als, "format", plan_api_log_format);
  }
}

static void tf_integration(Tf *t, const PlanIntegration *pi) {
  tf_claim(t, "aws_apigatewayv2_integration", tf_integration_name(t, pi), pi->api->origin,
           plan_integration_describe(t->c, pi));
  cJSON *in = tf_block(t->resource, "aws_apigatewayv2_integration", tf_integration_name(t, pi));
  tf_add_expr_ref(in, "api_id", tf_kinds[RES_API].type, tf_name(t, pi->api), "id");
  put_str(in, "integration_type", "AWS_PROXY");
  tf_add_expr_ref(in, "integration_uri", tf_kinds[RES_FUNCTION].type, tf_name(t, pi->fn), "arn");
  put_str(in, "payload_format_version", "2.0");
}

static void tf_route(Tf *t, const PlanRoute *pr) {
  tf_claim(t, "aws_apigatewayv2_route", tf_route_name(t, pr), pr->trig->origin, plan_route_describe(t->c, pr));
  cJSON *r = tf_block(t->resource, "aws_apigatewayv2_route", tf_route_name(t, pr));
  tf_add_expr_ref(r, "api_id", tf_kinds[RES_API].type, tf_name(t, pr->trig->source), "id");
  StrBuf key = {0};
  sb_puts(&key, "");
  tf_tmpl_lit(&key, pr->route_key);   /* "GET /photos/{id}": "{" alone is no template */
  put_str(r, "route_key", key.data);
  sb_free(&key);
  StrBuf target = {0};
  sb_printf(&target, "integrations/${aws_apigatewayv2_integration.%s.id}", tf_integration_name(t, pr->integration));
  put_str(r, "target", target.data);
  sb_free(&target);
}

/* An api's url: the plan's "https://ID.execute-api.REGION.SUFFIX/STAGE/". */
void tf_api_url(Tf *t, StrBuf *sb, const Value *ref) {
  const PlanApi *pa = plan_api(t->plan, ref->res);
  if (pa && pa->url) {
    tf_tmpl_value(t, sb, pa->url);
    return;
  }
  diag_internal_error(&t->c->diag, ref->origin, "no plan url for api '%s'", ref->res->name);
}

void tf_api(Tf *t, const IrRes *res) {
  cJSON *api = tf_kind_block(t, res);
  put(api, "name", tf_physical_name(t, res));
  put_str(api, "protocol_type", "HTTP");
  const Value *cors = ir_attr(res, AP_CORS);
  if (cors) tf_api_cors(t, api, cors);
  const PlanApi *pa = plan_api(t->plan, res);
  if (!pa) {
    diag_internal_error(&t->c->diag, res->origin, "no plan for api '%s'", res->name);
    return;
  }
  tf_api_stage(t, res, pa);
  for (uint32_t i = 0; i < pa->integrations.n; i++) tf_integration(t, pa->integrations.items[i]);
  for (uint32_t i = 0; i < pa->routes.n; i++) tf_route(t, pa->routes.items[i]);
}

/* ---- CDNs ----------------------------------------------------------------- */

static const char *tf_price_class(const Value *v) {
  const char *s = v ? v->s : NULL;
  if (str_eq(s, "price_200")) return "PriceClass_200";
  if (str_eq(s, "price_all")) return "PriceClass_All";
  return "PriceClass_100";
}

static const char *bucket_origin_id(Tf *t, const IrRes *bucket) {
  return arena_printf(&t->c->arena, "bucket-%s", bucket->name);
}

static void tf_origin_access(Tf *t, const IrRes *cdn, const PlanCdn *pc) {
  tf_claim(t, "aws_cloudfront_origin_access_control", tf_name(t, cdn), cdn->origin,
           names_describe(t->c, "the origin access control of ", cdn));
  cJSON *oac = tf_block(t->resource, "aws_cloudfront_origin_access_control", tf_name(t, cdn));
  put(oac, "name", tf_string(t, pc->oac_name));
  put_str(oac, "description",
                          arena_printf(&t->c->arena, "Lets cdn %s read its origin bucket", cdn->name));
  put_str(oac, "origin_access_control_origin_type", "s3");
  put_str(oac, "signing_behavior", "always");
  put_str(oac, "signing_protocol", "sigv4");
}

static void tf_cdn_origins(Tf *t, cJSON *dist, const IrRes *cdn, const IrRes *bucket,
                           const PlanCdn *pc) {
  if (bucket) {
    cJSON *o = tf_add_block_item(dist, "origin");
    put_str(o, "origin_id", bucket_origin_id(t, bucket));
    put(o, "domain_name", tf_res_ref(t, bucket, REF_DOMAIN));
    tf_add_expr_ref(o, "origin_access_control_id", "aws_cloudfront_origin_access_control",
                    tf_name(t, cdn), "id");
  }
  for (uint32_t i = 0; i < pc->routes.n; i++) {
    const PlanCdnRoute *r = pc->routes.items[i];
    bool seen = false;
    for (uint32_t j = 0; j < i; j++)
      seen = seen || str_eq(((const PlanCdnRoute *)pc->routes.items[j])->origin_id, r->origin_id);
    if (seen) continue;
    cJSON *o = tf_add_block_item(dist, "origin");
    put_str(o, "origin_id", r->origin_id);
    put(o, "domain_name", tf_string(t, r->domain));
    cJSON *co = put_obj(o, "custom_origin_config");
    put_num(co, "http_port", 80);
    put_num(co, "https_port", 443);
    put_str(co, "origin_protocol_policy", "https-only");
    static const char *const tls[] = {"TLSv1.2"};
    put(co, "origin_ssl_protocols", tf_string_array(tls, 1));
  }
}

/* A behaviour sending requests to an API: every method, nothing cached, the
 * viewer's headers except Host forwarded. */
static void tf_api_behavior(cJSON *b, const char *origin_id, const char *viewer_policy) {
  put_str(b, "target_origin_id", origin_id);
  put_str(b, "viewer_protocol_policy", viewer_policy);
  put(b, "allowed_methods", tf_string_array(cloudfront_all_methods, 7));
  put(b, "cached_methods", tf_string_array(cloudfront_read_methods, 2));
  put_str(b, "cache_policy_id", CLOUDFRONT_CACHING_DISABLED);
  put_str(b, "origin_request_policy_id", CLOUDFRONT_ALL_VIEWER_EXCEPT_HOST_HEADER);
}

static void tf_cdn_behaviors(Tf *t, cJSON *dist, const IrRes *bucket, const PlanCdn *pc) {
  cJSON *def = put_obj(dist, "default_cache_behavior");
  if (bucket) {
    put_str(def, "target_origin_id", bucket_origin_id(t, bucket));
    put_str(def, "viewer_protocol_policy", "redirect-to-https");
    put(def, "allowed_methods", tf_string_array(cloudfront_read_methods, 2));
    put(def, "cached_methods", tf_string_array(cloudfront_read_methods, 2));
    put_str(def, "cache_policy_id", CLOUDFRONT_CACHING_OPTIMIZED);
    put_bool(def, "compress", true);
  } else if (pc->routes.n) {
    const PlanCdnRoute *first = pc->routes.items[0];
    tf_api_behavior(def, first->origin_id, "https-only");
  }
  for (uint32_t i = 0; i < pc->routes.n; i++) {
    const PlanCdnRoute *r = pc->routes.items[i];
    cJSON *b = tf_add_block_item(dist, "ordered_cache_behavior");
    put_str(b, "path_pattern", r->pattern);
    tf_api_behavior(b, r->origin_id, "https-only");
  }
}

static void tf_viewer_certificate(Tf *t, cJSON *dist, const IrRes *cdn) {
  cJSON *vc = put_obj(dist, "viewer_certificate");
  const Value *cert = ir_attr(cdn, CD_CERTIFICATE);
  if (!cert) {
    put_bool(vc, "cloudfront_default_certificate", true);
    return;
  }
  put(vc, "acm_certificate_arn", tf_string(t, cert));
  put_str(vc, "ssl_support_method", "sni-only");
  put_str(vc, "minimum_protocol_version", "TLSv1.2_2021");
}

/* The origin bucket's policy: CloudFront may read its objects on behalf of
 * exactly this distribution. */
static void tf_cdn_bucket_policy(Tf *t, const IrRes *bucket, const PlanCdn *pc) {
  const char *name = tf_cdn_policy_name(t, bucket);
  const char *what = names_describe(t->c, "the origin bucket policy of ", pc->cdn);
  TfClaim claims[] = {{"aws_s3_bucket_policy", name, what}, {"aws_iam_policy_document", name, what}};
  tf_claim_group(t, claims, 2, pc->cdn->origin);
  cJSON *doc = tf_block(t->data, "aws_iam_policy_document", name);
  cJSON *st = tf_add_block_item(doc, "statement");
  put_str(st, "sid", "CloudFrontReadObjects");
  put_str(st, "effect", "Allow");
  static const char *const cf[] = {"cloudfront.amazonaws.com"}, *const get[] = {"s3:GetObject"};
  tf_principal(st, "Service", cf, 1);
  put(st, "actions", tf_string_array(get, 1));
  StrBuf objs = {0};
  Value arn = {.kind = V_REF, .res = (IrRes *)bucket, .ref = REF_ARN, .origin = bucket->origin};
  tf_tmpl_value(t, &objs, &arn);
  sb_puts(&objs, "/*");
  push(put_arr(st, "resources"), jstr(objs.data));
  sb_free(&objs);
  cJSON *cond = tf_add_block_item(st, "condition");
  put_str(cond, "test", "StringEquals");
  put_str(cond, "variable", "AWS:SourceArn");
  push(put_arr(cond, "values"), tf_string(t, pc->arn));
  cJSON *pol = tf_block(t->resource, "aws_s3_bucket_policy", name);
  tf_add_expr_ref(pol, "bucket", tf_kinds[RES_BUCKET].type, tf_name(t, bucket), "id");
  tf_add_expr_ref(pol, "policy", "data.aws_iam_policy_document", name, "json");
  tf_depend(put_arr(pol, "depends_on"), "aws_s3_bucket_public_access_block",
            tf_name(t, bucket));
}

/* A cdn's url: "https://" + its domain. */
void tf_cdn_url(Tf *t, StrBuf *sb, const Value *ref) {
  sb_printf(sb, "https://${%s.%s.%s}", tf_kinds[RES_CDN].type, tf_name(t, ref->res),
            tf_kinds[RES_CDN].refs[REF_DOMAIN].attr);
}

void tf_cdn(Tf *t, const IrRes *res) {
  const PlanCdn *pc = plan_cdn(t->plan, res);
  if (!pc) {
    diag_internal_error(&t->c->diag, res->origin, "no plan for cdn '%s'", res->name);
    return;
  }
  const Value *origin = ir_attr(res, CD_ORIGIN);
  const IrRes *bucket = origin && origin->kind == V_REF ? origin->res : NULL;
  if ((!bucket && !pc->routes.n) || (bucket && (!pc->oac_name || !pc->arn))) {
    diag_internal_error(&t->c->diag, res->origin, "no origin plan for cdn '%s'", res->name);
    return;
  }
  if (bucket) tf_origin_access(t, res, pc);
  cJSON *dist = tf_kind_block(t, res);
  put_bool(dist, "enabled", true);
  const Value *root = ir_attr(res, CD_DEFAULT_ROOT), *aliases = ir_attr(res, CD_ALIASES);
  if (root) put(dist, "default_root_object", tf_string(t, root));
  put_str(dist, "price_class", tf_price_class(ir_attr(res, CD_PRICE_CLASS)));
  put_str(dist, "http_version", "http2and3");
  if (aliases && aliases->n) put(dist, "aliases", tf_value(t, aliases));
  tf_cdn_origins(t, dist, res, bucket, pc);
  tf_cdn_behaviors(t, dist, bucket, pc);
  cJSON *geo = put_obj(put_obj(dist, "restrictions"), "geo_restriction");
  put_str(geo, "restriction_type", "none");
  tf_viewer_certificate(t, dist, res);
  if (bucket) tf_cdn_bucket_policy(t, bucket, pc);
}
