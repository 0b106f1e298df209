/* cfn_web.c — CloudFormation for HTTP APIs (API Gateway V2), CloudFront
 * distributions and CloudWatch alarms.
 *
 * Part of the CloudFormation backend (cfn_internal.h). Like backend_cfn.c it
 * only maps the checked IR and the plan, adding keys in a fixed order.
 *
 * How a distribution reaches an API: CloudFront forwards /api/visits with
 * its prefix; the plan names the API's stage after the prefix ("api"), and
 * API Gateway strips the stage from the path, so route "GET /visits"
 * answers. The API origin is the endpoint host without scheme, served
 * over HTTPS only, with caching disabled, every method allowed and every
 * viewer header but Host forwarded (API Gateway needs its own Host).
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <string.h>

#include "cfn_internal.h"
#include "cfn_kinds.h"

/* ---- HTTP APIs ---------------------------------------------------------- */

static cJSON *api_cors(Cfn *cf, const Value *cors) {
  const Value *origins = ir_map_get(cors, api_cors_fields[ACORS_ORIGINS].name);
  const Value *methods = nonempty(ir_map_get(cors, api_cors_fields[ACORS_METHODS].name));
  const Value *headers = nonempty(ir_map_get(cors, api_cors_fields[ACORS_HEADERS].name));
  const Value *max_age = ir_map_get(cors, api_cors_fields[ACORS_MAX_AGE].name);
  cJSON *cfg = jobj();
  put(cfg, "AllowOrigins", origins ? cfn_render(cf, origins) : jstr_list("*"));
  put(cfg, "AllowMethods", methods ? cfn_render(cf, methods) : jstr_list("*"));
  if (headers) put(cfg, "AllowHeaders", cfn_render(cf, headers));
  if (max_age) put(cfg, "MaxAge", jnum((double)(max_age->i / MS_PER_SECOND)));
  return cfg;
}

static void emit_access_logs(Cfn *cf, const PlanApi *pa) {
  cJSON *r = cfn_add_resource(cf, cfn_access_logs_id(cf, pa->api), "AWS::Logs::LogGroup", false, pa->api, pa->api->origin,
                              names_describe(cf->c, "the access log group of ", pa->api));
  cJSON *props = put(r, "Properties", jobj());
  put(props, "LogGroupName", cfn_render(cf, pa->log_group_name));
  put(props, "RetentionInDays", jnum(PLAN_API_LOG_RETENTION_DAYS));
  cfn_put_tags(cf, props);
}

static void emit_stage(Cfn *cf, const IrRes *api, const PlanApi *pa) {
  cJSON *r = cfn_add_resource(cf, cfn_stage_id(cf, api), "AWS::ApiGatewayV2::Stage", false, api, api->origin,
                              names_describe(cf->c, "the stage of ", api));
  cJSON *props = put(r, "Properties", jobj());
  put(props, "ApiId", jref(cfn_id(cf, api)));
  put(props, "StageName", jstr(pa->stage));
  put(props, "AutoDeploy", jbool(true));
  if (pa->log_group_name) {
    cJSON *logs = put(props, "AccessLogSettings", jobj());
    put(logs, "DestinationArn", jgetatt(cfn_access_logs_id(cf, api), "Arn"));
    put(logs, "Format", jstr(plan_api_log_format));
  }
  cfn_put_tag_map(cf, props);
}

static void emit_integration(Cfn *cf, const PlanIntegration *pi) {
  cJSON *r = cfn_add_resource(cf, cfn_integration_id(cf, pi), "AWS::ApiGatewayV2::Integration", false, pi->api, pi->api->origin,
                              plan_integration_describe(cf->c, pi));
  cJSON *props = put(r, "Properties", jobj());
  put(props, "ApiId", jref(cfn_id(cf, pi->api)));
  put(props, "IntegrationType", jstr("AWS_PROXY"));
  put(props, "IntegrationUri", cfn_res_ref(cf, pi->fn, REF_ARN));
  put(props, "PayloadFormatVersion", jstr("2.0"));
}

static void emit_route(Cfn *cf, const PlanRoute *pr) {
  if (!pr->integration) {
    cfn_internal_error(cf, "no integration for a route of api", pr->trig->source);
    return;
  }
  cJSON *r = cfn_add_resource(cf, cfn_route_id(cf, pr), "AWS::ApiGatewayV2::Route", false, pr->trig->source, pr->trig->origin,
                              plan_route_describe(cf->c, pr));
  cJSON *props = put(r, "Properties", jobj());
  put(props, "ApiId", jref(cfn_id(cf, pr->trig->source)));
  put(props, "RouteKey", jstr(pr->route_key));
  char *target = arena_printf(&cf->c->arena, "integrations/${%s}", cfn_integration_id(cf, pr->integration));
  put(put(props, "Target", jobj()), "Fn::Sub", jstr(target));
}

/* An api's url: the plan's "https://ID.execute-api.REGION.SUFFIX/STAGE/". */
const Value *cfn_api_url(Cfn *cf, const Value *ref) {
  const PlanApi *pa = plan_api(cf->plan, ref->res);
  if (pa && pa->url) return pa->url;
  cfn_internal_error(cf, "no plan url for api", ref->res);
  return ir_str(cf->c, "", ref->origin);
}

/* The API, its access log group, its stage, integrations and routes. The
 * stage deploys itself (AutoDeploy) whenever a route changes. */
void cfn_emit_api(Cfn *cf, const IrRes *api) {
  const PlanApi *pa = plan_api(cf->plan, api);
  if (!pa || !api->physical_name) {
    cfn_internal_error(cf, pa ? "no name for api" : "no plan for api", api);
    return;
  }
  cJSON *r = cfn_add_kind_resource(cf, api, false);
  cJSON *props = put(r, "Properties", jobj());
  put(props, "Name", cfn_render(cf, api->physical_name));
  put(props, "ProtocolType", jstr("HTTP"));
  const Value *cors = ir_attr(api, AP_CORS);
  if (cors) put(props, "CorsConfiguration", api_cors(cf, cors));
  cfn_put_tag_map(cf, props);
  if (pa->log_group_name) emit_access_logs(cf, pa);
  emit_stage(cf, api, pa);
  for (uint32_t i = 0; i < pa->integrations.n; i++) emit_integration(cf, pa->integrations.items[i]);
  for (uint32_t i = 0; i < pa->routes.n; i++) emit_route(cf, pa->routes.items[i]);
}

/* ---- CloudFront distributions -------------------------------------------- */

/* The whole resource an attribute names (cdn `origin`, alarm `notify`), or NULL. */
static IrRes *attr_resource(const IrRes *res, uint32_t index) {
  const Value *v = ir_attr(res, index);
  return v && v->kind == V_REF ? v->res : NULL;
}

static const char *price_class(const Value *v) {
  if (v && strcmp(v->s, "price_200") == 0) return "PriceClass_200";
  if (v && strcmp(v->s, "price_all") == 0) return "PriceClass_All";
  return "PriceClass_100";
}

static void emit_origin_access(Cfn *cf, const IrRes *cdn, const PlanCdn *pc) {
  cJSON *r = cfn_add_resource(cf, cfn_origin_access_id(cf, cdn), "AWS::CloudFront::OriginAccessControl", false, cdn, cdn->origin,
                              names_describe(cf->c, "the origin access control of ", cdn));
  cJSON *cfg = put(put(r, "Properties", jobj()), "OriginAccessControlConfig", jobj());
  put(cfg, "Name", cfn_render(cf, pc->oac_name));
  char *description = arena_printf(&cf->c->arena, "Lets cdn %s read its origin bucket", cdn->name);
  put(cfg, "Description", jstr(description));
  put(cfg, "OriginAccessControlOriginType", jstr("s3"));
  put(cfg, "SigningBehavior", jstr("always"));
  put(cfg, "SigningProtocol", jstr("sigv4"));
}

static char *bucket_origin_id(Cfn *cf, const IrRes *bucket) {
  return arena_printf(&cf->c->arena, "bucket-%s", bucket->name);
}

/* The bucket through origin access control: regional domain name, empty
 * OriginAccessIdentity. */
static void push_bucket_origin(Cfn *cf, cJSON *origins, IrRes *bucket, const PlanCdn *pc) {
  cJSON *o = push(origins, jobj());
  put(o, "Id", jstr(bucket_origin_id(cf, bucket)));
  put(o, "DomainName", cfn_render(cf, ir_ref(cf->c, bucket, REF_DOMAIN, bucket->origin)));
  put(put(o, "S3OriginConfig", jobj()), "OriginAccessIdentity", jstr(""));
  put(o, "OriginAccessControlId", jgetatt(cfn_origin_access_id(cf, pc->cdn), "Id"));
}

/* Whether an earlier route already added the origin of route i's api. */
static bool origin_seen(const PlanCdn *pc, uint32_t i) {
  const PlanCdnRoute *route = pc->routes.items[i];
  for (uint32_t j = 0; j < i; j++)
    if (strcmp(((const PlanCdnRoute *)pc->routes.items[j])->origin_id, route->origin_id) == 0)
      return true;
  return false;
}

static void push_api_origin(Cfn *cf, cJSON *origins, const PlanCdnRoute *route) {
  cJSON *o = push(origins, jobj());
  put(o, "Id", jstr(route->origin_id));
  put(o, "DomainName", cfn_render(cf, route->domain));
  cJSON *custom = put(o, "CustomOriginConfig", jobj());
  put(custom, "OriginProtocolPolicy", jstr("https-only"));
  put(custom, "OriginSSLProtocols", jstr_list("TLSv1.2"));
}

static cJSON *method_list(const char *const *methods, size_t n) {
  cJSON *a = jarr();
  for (size_t i = 0; i < n; i++) push(a, jstr(methods[i]));
  return a;
}

/* What an API behaviour shares, default or per path: HTTPS only, every method,
 * no caching, every viewer header but Host forwarded. */
static void put_api_behaviour(cJSON *b, const PlanCdnRoute *route) {
  put(b, "TargetOriginId", jstr(route->origin_id));
  put(b, "ViewerProtocolPolicy", jstr("https-only"));
  put(b, "AllowedMethods", method_list(cloudfront_all_methods, 7));
  put(b, "CachedMethods", method_list(cloudfront_read_methods, 2));
  put(b, "CachePolicyId", jstr(CLOUDFRONT_CACHING_DISABLED));
  put(b, "OriginRequestPolicyId", jstr(CLOUDFRONT_ALL_VIEWER_EXCEPT_HOST_HEADER));
}

static cJSON *viewer_certificate(Cfn *cf, const Value *certificate) {
  cJSON *vc = jobj();
  if (!certificate) {
    put(vc, "CloudFrontDefaultCertificate", jbool(true));
    return vc;
  }
  put(vc, "AcmCertificateArn", cfn_render(cf, certificate));
  put(vc, "SslSupportMethod", jstr("sni-only"));
  put(vc, "MinimumProtocolVersion", jstr("TLSv1.2_2021"));
  return vc;
}

static cJSON *distribution_config(Cfn *cf, const IrRes *cdn, const PlanCdn *pc, IrRes *bucket) {
  const Value *root = ir_attr(cdn, CD_DEFAULT_ROOT), *aliases = nonempty(ir_attr(cdn, CD_ALIASES));
  cJSON *dc = jobj();
  put(dc, "Enabled", jbool(true));
  if (aliases) put(dc, "Aliases", cfn_render(cf, aliases));
  if (root) put(dc, "DefaultRootObject", cfn_render(cf, root));
  put(dc, "HttpVersion", jstr("http2and3"));
  put(dc, "PriceClass", jstr(price_class(ir_attr(cdn, CD_PRICE_CLASS))));

  cJSON *origins = put(dc, "Origins", jarr());
  if (bucket) push_bucket_origin(cf, origins, bucket, pc);
  for (uint32_t i = 0; i < pc->routes.n; i++)
    if (!origin_seen(pc, i)) push_api_origin(cf, origins, pc->routes.items[i]);

  cJSON *def = put(dc, "DefaultCacheBehavior", jobj());
  if (bucket) {
    put(def, "TargetOriginId", jstr(bucket_origin_id(cf, bucket)));
    put(def, "ViewerProtocolPolicy", jstr("redirect-to-https"));
    put(def, "CachePolicyId", jstr(CLOUDFRONT_CACHING_OPTIMIZED));
    put(def, "Compress", jbool(true));
  } else {
    put_api_behaviour(def, pc->routes.items[0]);   /* the first route's api serves the rest */
  }
  if (pc->routes.n > 0) {
    cJSON *behaviours = put(dc, "CacheBehaviors", jarr());
    for (uint32_t i = 0; i < pc->routes.n; i++) {
      const PlanCdnRoute *route = pc->routes.items[i];
      cJSON *b = push(behaviours, jobj());
      put(b, "PathPattern", jstr(route->pattern));
      put_api_behaviour(b, route);
    }
  }
  put(dc, "ViewerCertificate", viewer_certificate(cf, ir_attr(cdn, CD_CERTIFICATE)));
  return dc;
}

/* Lets exactly this distribution read the bucket's objects (Condition on
 * its ARN), as origin access control signs its requests. */
static void emit_cdn_bucket_policy(Cfn *cf, IrRes *bucket, const PlanCdn *pc) {
  cJSON *r = cfn_add_resource(cf, cfn_cdn_policy_id(cf, bucket), "AWS::S3::BucketPolicy", false, pc->cdn, pc->cdn->origin,
                              names_describe(cf->c, "the origin bucket policy of ", pc->cdn));
  cJSON *props = put(r, "Properties", jobj());
  put(props, "Bucket", jref(cfn_id(cf, bucket)));
  cJSON *doc = put(props, "PolicyDocument", jobj());
  put(doc, "Version", jstr(POLICY_VERSION));
  cJSON *st = push(put(doc, "Statement", jarr()), jobj());
  put(st, "Sid", jstr("CloudFrontReadObjects"));
  put(st, "Effect", jstr("Allow"));
  put(put(st, "Principal", jobj()), "Service", jstr("cloudfront.amazonaws.com"));
  put(st, "Action", jstr("s3:GetObject"));
  Value *objects[] = {ir_ref(cf->c, bucket, REF_ARN, bucket->origin), ir_str(cf->c, "/*", bucket->origin)};
  put(st, "Resource", cfn_render_parts(cf, objects, 2));
  cJSON *cond = put(put(st, "Condition", jobj()), "StringEquals", jobj());
  put(cond, "AWS:SourceArn", cfn_render(cf, pc->arn));
}

/* A cdn's url: "https://" + its domain. */
const Value *cfn_cdn_url(Cfn *cf, const Value *ref) {
  Value *parts[] = {ir_str(cf->c, "https://", ref->origin), ir_ref(cf->c, ref->res, REF_DOMAIN, ref->origin)};
  return ir_join(cf->c, parts, 2, ref->origin);
}

void cfn_emit_cdn(Cfn *cf, const IrRes *cdn) {
  const PlanCdn *pc = plan_cdn(cf->plan, cdn);
  IrRes *bucket = attr_resource(cdn, CD_ORIGIN);
  const char *missing = !pc ? "no plan for cdn"
                        : !bucket && pc->routes.n == 0 ? "no origin bucket and no route for cdn"
                        : bucket && (!pc->oac_name || !pc->arn)
                            ? "no origin access plan for cdn" : NULL;
  if (missing) {
    cfn_internal_error(cf, missing, cdn);
    return;
  }
  if (bucket) emit_origin_access(cf, cdn, pc);
  cJSON *r = cfn_add_kind_resource(cf, cdn, false);
  cJSON *props = put(r, "Properties", jobj());
  put(props, "DistributionConfig", distribution_config(cf, cdn, pc, bucket));
  cfn_put_tags(cf, props);
  if (bucket) emit_cdn_bucket_policy(cf, bucket, pc);
}

/* ---- alarms -------------------------------------------------------------- */

/* "resize.errors >= 1": what the alarm watches, as the source wrote it. */
static char *alarm_description(Cfn *cf, const IrRes *alarm) {
  const Value *metric = ir_attr(alarm, AL_METRIC), *threshold = ir_attr(alarm, AL_THRESHOLD);
  const Value *comparison = ir_attr(alarm, AL_COMPARISON);
  const char *what = "?";
  for (const RefSpec *r = metric->res->spec->refs; r->name; r++)
    if (r->attr == metric->ref) what = r->name;
  char buf[32];
  const char *limit = threshold ? json_scalar_text(threshold, buf) : NULL;
  return arena_printf(&cf->c->arena, "%s.%s %s %s", metric->res->name, what,
                      comparison ? comparison->s : ">=", limit ? limit : "?");
}

void cfn_emit_alarm(Cfn *cf, const IrRes *alarm) {
  const PlanAlarm *pal = plan_alarm(cf->plan, alarm);
  if (!pal) {
    cfn_internal_error(cf, "no plan for alarm", alarm);
    return;
  }
  const Value *period = ir_attr(alarm, AL_PERIOD), *evaluations = ir_attr(alarm, AL_EVALUATION_PERIODS);
  IrRes *topic = attr_resource(alarm, AL_NOTIFY);
  cJSON *r = cfn_add_kind_resource(cf, alarm, false);
  cJSON *props = put(r, "Properties", jobj());
  if (alarm->physical_name) put(props, "AlarmName", cfn_render(cf, alarm->physical_name));
  put(props, "AlarmDescription", jstr(alarm_description(cf, alarm)));
  put(props, "Namespace", jstr(pal->metric_namespace));
  put(props, "MetricName", jstr(pal->metric_name));
  cJSON *dim = push(put(props, "Dimensions", jarr()), jobj());
  put(dim, "Name", jstr(pal->dimension));
  put(dim, "Value", cfn_render(cf, pal->dimension_value));
  put(props, "Statistic", jstr(pal->statistic));
  put(props, "Period", jnum(period ? (double)(period->i / MS_PER_SECOND) : 60));
  put(props, "EvaluationPeriods", evaluations ? cfn_render(cf, evaluations) : jnum(1));
  put(props, "Threshold", cfn_render(cf, ir_attr(alarm, AL_THRESHOLD)));
  put(props, "ComparisonOperator", jstr(pal->comparison));
  put(props, "TreatMissingData", jstr("notBreaching"));
  if (topic) {   /* told when the alarm fires and when it recovers */
    push(put(props, "AlarmActions", jarr()), cfn_res_ref(cf, topic, REF_ARN));
    push(put(props, "OKActions", jarr()), cfn_res_ref(cf, topic, REF_ARN));
  }
  cfn_put_tags(cf, props);
}
