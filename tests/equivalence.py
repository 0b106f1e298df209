#!/usr/bin/env python3
"""tests/equivalence.py CFN.json TF.json -- do a CloudFormation and a Terraform template
of the same stack mean the same thing? Used by run-equivalence.sh.

From each template it extracts, in one canonical form:
  grants    identity policies (the function, or other resource, whose role holds the
            statement; effect, action, resource, conditions), resource policies (bucket,
            topic, queue, key policies: owner, principal, effect, action, resource,
            conditions) and Lambda invoke permissions (function, principal, source)
  settings  function settings that change what it reaches: tracing mode, VPC subnets and
            security groups
  triggers  S3 notifications (bucket, event, prefix, suffix, function), event source
            mappings (source, function and every batching setting), SNS subscriptions
            (topic, protocol, endpoint, filter), schedules and event rules (name, bus,
            expression or pattern, target; in Terraform the rule's and the target's bus), API routes (api, route key, function), Firehose
            transforms, alarm actions
and prints the differences; exit 1 when there are any.

Canonical references: {KIND:NAME.ATTR} where KIND comes from the resource type
(function, bucket, table, ...), NAME is the CloudFormation logical ID or the Terraform
name lower-cased without '_' and '-', and ATTR is arn, name, url, id, stream_arn, ...
(Ref and Terraform's id are mapped to the attribute they stand for).
{partition} {region} {account} are the pseudo parameters, {param:NAME} the parameters.
ARNs and names spelled out from known physical names (arn:{partition}:s3:::NAME/*) are
turned back into references ({bucket:uploads.arn}/*), so both spellings compare equal.
"""
import json
import re
import sys

KINDS = {
    "AWS::Lambda::Function": "function", "aws_lambda_function": "function",
    "AWS::S3::Bucket": "bucket", "aws_s3_bucket": "bucket",
    "AWS::DynamoDB::Table": "table", "aws_dynamodb_table": "table",
    "AWS::SNS::Topic": "topic", "aws_sns_topic": "topic",
    "AWS::SQS::Queue": "queue", "aws_sqs_queue": "queue",
    "AWS::Kinesis::Stream": "stream", "aws_kinesis_stream": "stream",
    "AWS::KinesisFirehose::DeliveryStream": "firehose",
    "aws_kinesis_firehose_delivery_stream": "firehose",
    "AWS::ApiGatewayV2::Api": "api", "aws_apigatewayv2_api": "api",
    "AWS::ApiGatewayV2::Integration": "integration", "aws_apigatewayv2_integration": "integration",
    "AWS::ApiGatewayV2::Stage": "stage", "aws_apigatewayv2_stage": "stage",
    "AWS::ApiGatewayV2::Route": "route", "aws_apigatewayv2_route": "route",
    "AWS::IAM::Role": "role", "aws_iam_role": "role",
    "AWS::KMS::Key": "key", "aws_kms_key": "key",
    "AWS::Events::Rule": "rule", "aws_cloudwatch_event_rule": "rule",
    "AWS::Events::EventBus": "bus", "aws_cloudwatch_event_bus": "bus",
    "AWS::CloudFront::Distribution": "cdn", "aws_cloudfront_distribution": "cdn",
    "AWS::CloudWatch::Alarm": "alarm", "aws_cloudwatch_metric_alarm": "alarm",
    "AWS::Logs::LogGroup": "loggroup", "aws_cloudwatch_log_group": "loggroup",
}

# what Ref returns, per kind
REF_ATTR = {"function": "name", "bucket": "name", "table": "name", "topic": "arn", "queue": "url",
            "stream": "name", "firehose": "name", "api": "id", "role": "name", "key": "id",
            "rule": "name", "integration": "id", "loggroup": "name", "stage": "id", "cdn": "id",
            "alarm": "name", "route": "id", "bus": "name"}
# Terraform attribute -> canonical attribute, per kind
TF_ATTR = {"function": {"function_name": "name"}, "bucket": {"id": "name", "bucket": "name"},
           "table": {"id": "name"}, "topic": {"id": "arn"}, "queue": {"id": "url"},
           "stream": {"id": "arn"}, "firehose": {"id": "arn"}, "role": {"id": "name"},
           "key": {"key_id": "id"}, "rule": {"id": "name"}, "loggroup": {"id": "name"},
           "alarm": {"id": "name", "alarm_name": "name"}, "bus": {"id": "name"}}
PSEUDO = {"AWS::Partition": "{partition}", "AWS::Region": "{region}",
          "AWS::AccountId": "{account}", "AWS::URLSuffix": "{url_suffix}",
          "AWS::StackName": "{stack_name}"}
TF_PSEUDO = {"data.aws_partition.current.partition": "{partition}",
             "data.aws_region.current.region": "{region}",
             "data.aws_region.current.name": "{region}",
             "data.aws_caller_identity.current.account_id": "{account}",
             "data.aws_partition.current.dns_suffix": "{url_suffix}"}


def norm(name):
    return re.sub(r"[-_]", "", name).lower()


def kind_of(type_):
    if type_ in KINDS:
        return KINDS[type_]
    if type_.startswith("AWS::"):
        return type_.split("::")[-1].lower()
    return type_[4:].replace("_", "") if type_.startswith("aws_") else type_


def snake(s):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", s).lower()


def as_list(v):
    return v if isinstance(v, list) else [v]


class Template:
    """Common part: the physical-name table and the canonical form of values."""

    def __init__(self):
        self.physical = []   # (pattern string, replacement), longest first

    def add_physical(self, kind, name, canon_name):
        if not canon_name or "{" in canon_name and not re.search(r"\{(account|region|partition)\}", canon_name):
            return
        ref = "{%s:%s." % (kind, name)
        arn = {
            "function": "arn:{partition}:lambda:{region}:{account}:function:%s",
            "bucket": "arn:{partition}:s3:::%s",
            "table": "arn:{partition}:dynamodb:{region}:{account}:table/%s",
            "topic": "arn:{partition}:sns:{region}:{account}:%s",
            "queue": "arn:{partition}:sqs:{region}:{account}:%s",
            "stream": "arn:{partition}:kinesis:{region}:{account}:stream/%s",
            "firehose": "arn:{partition}:firehose:{region}:{account}:deliverystream/%s",
            "rule": "arn:{partition}:events:{region}:{account}:rule/%s",
            "bus": "arn:{partition}:events:{region}:{account}:event-bus/%s",
        }.get(kind)
        if arn:
            self.physical.append((arn % canon_name, ref + "arn}", False))
        self.physical.append((canon_name, ref + "name}", True))
        self.physical.sort(key=lambda p: -len(p[0]))

    def fix(self, s):
        """Spelled-out ARNs and names of known resources -> references."""
        for pat, rep, exact in self.physical:
            if exact:
                if s == pat:
                    return rep
            elif s == pat or s.startswith(pat + "/") or s.startswith(pat + ":"):
                return rep + s[len(pat):]
        return s


class Cfn(Template):
    def __init__(self, doc):
        super().__init__()
        self.doc = doc
        self.res = doc.get("Resources", {})
        self.params = doc.get("Parameters", {})
        for lid, r in self.res.items():
            k = kind_of(r["Type"])
            p = r.get("Properties", {})
            key = {"function": "FunctionName", "bucket": "BucketName", "table": "TableName",
                   "topic": "TopicName", "queue": "QueueName", "stream": "Name",
                   "firehose": "DeliveryStreamName", "rule": "Name", "bus": "Name"}.get(k)
            if key and key in p:
                self.add_physical(k, norm(lid), self.raw(p[key]))

    def ref(self, name, attr=None):
        if name in PSEUDO:
            return PSEUDO[name]
        if name in self.params:
            return "{param:%s}" % norm(name)
        if name in self.res:
            k = kind_of(self.res[name]["Type"])
            return "{%s:%s.%s}" % (k, norm(name), snake(attr) if attr else REF_ATTR.get(k, "ref"))
        return "{unknown:%s}" % name

    def raw(self, v):
        if isinstance(v, str):
            return v
        if isinstance(v, (int, float, bool)) or v is None:
            return json.dumps(v)
        if isinstance(v, list):
            return json.dumps([self.val(x) for x in v])
        if len(v) == 1:
            (fn, arg), = v.items()
            if fn == "Ref":
                return self.ref(arg)
            if fn == "Fn::GetAtt":
                name, attr = arg if isinstance(arg, list) else arg.split(".", 1)
                return self.ref(name, attr)
            if fn == "Fn::Sub":
                text, vars_ = (arg, {}) if isinstance(arg, str) else arg
                return self.sub(text, vars_)
            if fn == "Fn::Join":
                return arg[0].join(self.val(x) for x in arg[1])
        return json.dumps({k: self.val(x) for k, x in v.items()}, sort_keys=True)

    def sub(self, text, vars_):
        def rep(m):
            body = m.group(1)
            if body.startswith("!"):
                return "${" + body[1:] + "}"
            if body in vars_:
                return self.val(vars_[body])
            if "." in body and not body.startswith("AWS::"):
                name, attr = body.split(".", 1)
                return self.ref(name, attr)
            return self.ref(body)
        return re.sub(r"\$\{([^}]*)\}", rep, text)

    def val(self, v):
        return self.fix(self.raw(v))

    def of_type(self, *types):
        for lid, r in self.res.items():
            if r["Type"] in types:
                yield lid, r.get("Properties", {})

    def entity(self, v):
        return entity(self.val(v))


class Tf(Template):
    def __init__(self, doc):
        super().__init__()
        self.doc = doc
        self.res = doc.get("resource", {})
        self.data = doc.get("data", {})
        for type_, items in self.res.items():
            k = kind_of(type_)
            key = {"function": "function_name", "bucket": "bucket", "table": "name", "topic": "name",
                   "queue": "name", "stream": "name", "firehose": "name", "rule": "name",
                   "bus": "name"}.get(k)
            for name, p in items.items():
                if key and key in p:
                    self.add_physical(k, norm(name), self.raw(p[key]))

    def expr(self, e):
        e = e.strip()
        if e in TF_PSEUDO:
            return TF_PSEUDO[e]
        m = re.match(r"^var\.([A-Za-z0-9_-]+)$", e)
        if m:
            return "{param:%s}" % norm(m.group(1))
        m = re.match(r"^(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)$", e)
        if m:
            k = kind_of(m.group(1))
            attr = TF_ATTR.get(k, {}).get(m.group(3), m.group(3))
            return "{%s:%s.%s}" % (k, norm(m.group(2)), attr)
        return "{expr:%s}" % e

    def raw(self, v):
        if not isinstance(v, str):
            if isinstance(v, list):
                return json.dumps([self.val(x) for x in v])
            if isinstance(v, dict):
                return json.dumps({k: self.val(x) for k, x in v.items()}, sort_keys=True)
            return json.dumps(v)
        out, i = [], 0
        while i < len(v):
            if v.startswith("$${", i) or v.startswith("%%{", i):
                out.append(v[i + 1:i + 3])
                i += 3
            elif v.startswith("${", i):
                depth, j = 0, i + 2
                while j < len(v) and not (v[j] == "}" and depth == 0):
                    depth += {"{": 1, "}": -1}.get(v[j], 0)
                    j += 1
                out.append(self.expr(v[i + 2:j]))
                i = j + 1
            else:
                out.append(v[i])
                i += 1
        return "".join(out)

    def val(self, v):
        return self.fix(self.raw(v))

    def of_type(self, *types):
        for t in types:
            for name, p in self.res.get(t, {}).items():
                yield name, p

    def entity(self, v):
        return entity(self.val(v))


def hcl_jsonencode(v):
    """The value of a Terraform "${jsonencode(...)}" string (object and list literals,
    strings, numbers; a bare reference becomes the string "${reference}"), or None."""
    m = re.match(r"^\$\{jsonencode\((.*)\)\}$", v, re.S) if isinstance(v, str) else None
    if not m:
        return None
    src, out, i = m.group(1), [], 0
    while i < len(src):
        c = src[i]
        if c == '"':
            j = i + 1
            while src[j] != '"':
                j += 2 if src[j] == "\\" else 1
            out.append(src[i:j + 1])
            i = j + 1
        elif c == "=":
            out.append(":")
            i += 1
        elif c.isalpha() or c == "_":
            j = i
            while j < len(src) and (src[j].isalnum() or src[j] in "_.-[]"):
                j += 1
            word = src[i:j]
            out.append(word if word in ("true", "false", "null") else json.dumps("${%s}" % word))
            i = j
        else:
            out.append(c)
            i += 1
    try:
        return json.loads("".join(out))
    except ValueError:
        return None


def entity(canon):
    """{function:resize.arn} and {function:resize.name} are both the function resize."""
    m = re.match(r"^\{([a-z0-9]+):([a-z0-9]+)\.[a-z_]+\}$", canon)
    return "%s:%s" % (m.group(1), m.group(2)) if m else canon


# --- grants ----------------------------------------------------------------------------

def cfn_conditions(c, t):
    out = []
    for op, body in sorted((c or {}).items()):
        for var, vals in sorted(body.items()):
            out.append((op, var, tuple(sorted(t.val(x) for x in as_list(vals)))))
    return tuple(sorted(out))


def tf_conditions(c, t):
    return tuple(sorted((x["test"], x["variable"], tuple(sorted(t.val(v) for v in x["values"])))
                        for x in c or []))


def cfn_principals(p, t):
    if p == "*":   # "*" and {"AWS": "*"} are the same principal: anyone
        return [("*", "*")]
    return sorted(("*", "*") if (k, x) == ("AWS", "*") else (k, t.val(x))
                  for k, v in (p or {}).items() for x in as_list(v))


def tf_principals(ps, t):
    return sorted(("*", "*") if (p["type"], x) in (("AWS", "*"), ("*", "*")) else (p["type"], t.val(x))
                  for p in ps or [] for x in p["identifiers"])


def cfn_statements(doc, t, owner, out):
    for st in as_list(doc.get("Statement", [])):
        prins = cfn_principals(st.get("Principal"), t) or [None]
        conds = cfn_conditions(st.get("Condition"), t)
        for prin in prins:
            for a in as_list(st.get("Action", [])):
                for r in as_list(st.get("Resource", [])):
                    out.add(("policy", owner, str(prin), st.get("Effect"), a, t.val(r), str(conds)))


def tf_statements(doc, t, owner, out):
    for st in doc.get("statement", []):
        prins = tf_principals(st.get("principals"), t) or [None]
        conds = tf_conditions(st.get("condition"), t)
        for prin in prins:
            for a in st.get("actions", []):
                for r in st.get("resources", []):
                    out.add(("policy", owner, str(prin), st.get("effect", "Allow"), a, t.val(r),
                             str(conds)))


def json_statements(text, t, owner, out):
    """A policy given as a JSON string (Terraform): statements in CloudFormation's shape."""
    try:
        doc = json.loads(text)
    except ValueError:
        out.add(("unparsed policy", owner, text))
        return
    cfn_statements(doc, t, owner, out)


def role_users(t, is_cfn):
    """role entity -> the entity whose role it is (a function, a firehose, ...)."""
    users = {}
    items = ([(kind_of(r["Type"]), norm(lid), r.get("Properties", {})) for lid, r in t.res.items()]
             if is_cfn else
             [(kind_of(ty), norm(n), p) for ty, its in t.res.items() for n, p in its.items()])
    for k, name, props in items:
        if k == "role":
            continue
        for role in re.findall(r"\{role:([a-z0-9]+)\.arn\}", t.val(props)):
            if k == "function" or "role:" + role not in users:
                users["role:" + role] = "%s:%s" % (k, name)
    return users


def grants_cfn(t):
    out = set()
    users = role_users(t, True)
    owner_of = lambda role: users.get(role, role)
    for lid, p in t.of_type("AWS::IAM::Role"):
        for pol in p.get("Policies", []):
            cfn_statements(pol["PolicyDocument"], t, owner_of("role:" + norm(lid)), out)
    for lid, p in t.of_type("AWS::IAM::RolePolicy", "AWS::IAM::Policy"):
        roles = [p["RoleName"]] if "RoleName" in p else p.get("Roles", [])
        for role in roles:
            cfn_statements(p["PolicyDocument"], t, owner_of(t.entity(role)), out)
    for type_, key in (("AWS::S3::BucketPolicy", "Bucket"), ("AWS::SNS::TopicPolicy", "Topics"),
                       ("AWS::SQS::QueuePolicy", "Queues")):
        for lid, p in t.of_type(type_):
            for owner in as_list(p[key]):
                cfn_statements(p["PolicyDocument"], t, "resource policy of " + t.entity(owner), out)
    for lid, p in t.of_type("AWS::KMS::Key"):
        cfn_statements(p.get("KeyPolicy", {}), t, "key policy of key:" + norm(lid), out)
    for lid, p in t.of_type("AWS::Lambda::Permission"):
        out.add(("invoke", t.entity(p["FunctionName"]), t.val(p["Principal"]), p["Action"],
                 t.val(p.get("SourceArn", "")), t.val(p.get("SourceAccount", ""))))
    return out


def tf_policy(t, v, owner, out):
    m = re.match(r"^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.json\}$", v)
    if m:
        tf_statements(t.data["aws_iam_policy_document"][m.group(1)], t, owner, out)
    elif v.startswith("${jsonencode("):
        doc = hcl_jsonencode(v)
        if doc is None:
            out.add(("unparsed policy", owner, v))
        else:
            cfn_statements(doc, t, owner, out)
    else:
        json_statements(v, t, owner, out)


def grants_tf(t):
    out = set()
    users = role_users(t, False)
    for name, p in t.of_type("aws_iam_role_policy"):
        tf_policy(t, p["policy"], users.get(t.entity(p["role"]), t.entity(p["role"])), out)
    for name, p in t.of_type("aws_iam_role"):
        for pol in p.get("inline_policy", []):
            tf_policy(t, pol["policy"], users.get("role:" + norm(name), "role:" + norm(name)), out)
    for type_, key in (("aws_s3_bucket_policy", "bucket"), ("aws_sns_topic_policy", "arn"),
                       ("aws_sqs_queue_policy", "queue_url")):
        for name, p in t.of_type(type_):
            tf_policy(t, p["policy"], "resource policy of " + t.entity(p[key]), out)
    for name, p in t.of_type("aws_kms_key"):
        if "policy" in p:
            tf_policy(t, p["policy"], "key policy of key:" + norm(name), out)
    for name, p in t.of_type("aws_lambda_permission"):
        out.add(("invoke", t.entity(p["function_name"]), t.val(p["principal"]), p["action"],
                 t.val(p.get("source_arn", "")), t.val(p.get("source_account", ""))))
    return out


# --- triggers --------------------------------------------------------------------------

def s3_rules(rules):
    d = {r["Name"].lower(): r["Value"] for r in rules}
    return d.get("prefix", ""), d.get("suffix", "")


ESM_CFN = {"BatchSize": "batch_size", "StartingPosition": "starting_position",
           "MaximumBatchingWindowInSeconds": "maximum_batching_window_in_seconds",
           "ParallelizationFactor": "parallelization_factor",
           "FunctionResponseTypes": "function_response_types", "Enabled": "enabled",
           "MaximumRetryAttempts": "maximum_retry_attempts",
           "BisectBatchOnFunctionError": "bisect_batch_on_function_error",
           "MaximumRecordAgeInSeconds": "maximum_record_age_in_seconds",
           "FilterCriteria": "filter_criteria", "ScalingConfig": "scaling_config",
           "DestinationConfig": "destination_config"}


INTRINSICS = ("Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join")
# Nested setting keys whose Terraform name is not the snake case of CloudFormation's: a
# destination is "destination_arn" on a mapping and "destination" on an invoke config.
SETTING_KEYS = {"Destination": "destination", "destination_arn": "destination",
                "MaximumEventAgeInSeconds": "maximum_event_age_in_seconds"}


def canon_setting(t, v):
    """Settings compared by value: CloudFormation's {Key: v} vs Terraform's [{key: v}]."""
    if isinstance(v, list) and len(v) == 1 and isinstance(v[0], dict):
        v = v[0]
    if isinstance(v, dict) and len(v) == 1 and next(iter(v)) in INTRINSICS:
        return t.val(v)   # a reference (an on-failure destination's ARN): compared by what it names
    if isinstance(v, dict):
        return {SETTING_KEYS.get(k, snake(k)): canon_setting(t, x) for k, x in v.items()}
    if isinstance(v, list):
        return [canon_setting(t, x) for x in v]
    if isinstance(v, str):
        return t.val(v)
    return v


ALARM_KEYS = {"AlarmActions": "alarm_actions", "OKActions": "ok_actions",
              "InsufficientDataActions": "insufficient_data_actions"}


def rule_id(t, name, lid):
    """A rule by its name as written (a bus rule's logical ID differs per target), else its ID."""
    return "rule:" + (t.raw(name) if name is not None else norm(lid))


def triggers_cfn(t):
    out = set()
    for lid, p in t.of_type("AWS::S3::Bucket"):
        for c in p.get("NotificationConfiguration", {}).get("LambdaConfigurations", []):
            pre, suf = s3_rules(c.get("Filter", {}).get("S3Key", {}).get("Rules", []))
            out.add(("s3", "bucket:" + norm(lid), c["Event"], pre, suf, t.entity(c["Function"])))
    for lid, p in t.of_type("AWS::Lambda::EventSourceMapping"):
        settings = {ESM_CFN.get(k, snake(k)): canon_setting(t, v) for k, v in p.items()
                    if k not in ("EventSourceArn", "FunctionName")}
        out.add(("mapping", t.val(p["EventSourceArn"]), t.entity(p["FunctionName"]),
                 json.dumps(settings, sort_keys=True)))
    for lid, p in t.of_type("AWS::Lambda::EventInvokeConfig"):
        settings = {ESM_CFN.get(k, snake(k)): canon_setting(t, v) for k, v in p.items() if k != "FunctionName"}
        out.add(("invoke config", t.entity(p["FunctionName"]), json.dumps(settings, sort_keys=True)))
    for lid, p in t.of_type("AWS::SNS::Subscription"):
        fp = p.get("FilterPolicy")
        out.add(("subscription", t.entity(p["TopicArn"]), p["Protocol"], t.entity(p["Endpoint"]),
                 json.dumps(fp, sort_keys=True) if fp else "", p.get("FilterPolicyScope", "")))
    for lid, p in t.of_type("AWS::Events::Rule"):
        pattern = json.dumps(p.get("EventPattern"), sort_keys=True) if "EventPattern" in p else ""
        bus = t.entity(p["EventBusName"]) if "EventBusName" in p else "default"
        for tgt in p.get("Targets", []):
            out.add(("rule", rule_id(t, p.get("Name"), lid), bus, p.get("ScheduleExpression", ""), pattern,
                     p.get("State", "ENABLED"), t.entity(tgt["Arn"]), tgt.get("Input", "")))
    integ = {norm(lid): p for lid, p in t.of_type("AWS::ApiGatewayV2::Integration")}
    for lid, p in t.of_type("AWS::ApiGatewayV2::Route"):
        m = re.match(r"^integrations/\{integration:([a-z0-9]+)\.id\}$", t.val(p["Target"]))
        fn = t.entity(integ[m.group(1)]["IntegrationUri"]) if m and m.group(1) in integ else t.val(p["Target"])
        out.add(("route", t.entity(p["ApiId"]), p["RouteKey"], fn, p.get("AuthorizationType", "NONE")))
    for lid, p in t.of_type("AWS::KinesisFirehose::DeliveryStream"):
        conf = p.get("ExtendedS3DestinationConfiguration", {})
        for proc in conf.get("ProcessingConfiguration", {}).get("Processors", []):
            params = {x["ParameterName"]: t.val(x["ParameterValue"]) for x in proc.get("Parameters", [])}
            fn = params.pop("LambdaArn", "")
            out.add(("firehose transform", "firehose:" + norm(lid), proc["Type"], entity(fn),
                     json.dumps(params, sort_keys=True)))
        if conf:
            out.add(("firehose destination", "firehose:" + norm(lid), t.entity(conf["BucketARN"])))
    for lid, p in t.of_type("AWS::CloudWatch::Alarm"):
        for key in ("AlarmActions", "OKActions", "InsufficientDataActions"):
            for a in p.get(key, []):
                out.add(("alarm action", "alarm:" + norm(lid), ALARM_KEYS[key], t.entity(a)))
    return out


def triggers_tf(t):
    out = set()
    for name, p in t.of_type("aws_s3_bucket_notification"):
        for c in p.get("lambda_function", []):
            for ev in c["events"]:
                out.add(("s3", t.entity(p["bucket"]), ev, c.get("filter_prefix", ""),
                         c.get("filter_suffix", ""), t.entity(c["lambda_function_arn"])))
    for name, p in t.of_type("aws_lambda_event_source_mapping"):
        settings = {k: canon_setting(t, v) for k, v in p.items()
                    if k not in ("event_source_arn", "function_name", "depends_on")}
        out.add(("mapping", t.val(p["event_source_arn"]), t.entity(p["function_name"]),
                 json.dumps(settings, sort_keys=True)))
    for name, p in t.of_type("aws_lambda_function_event_invoke_config"):
        settings = {k: canon_setting(t, v) for k, v in p.items() if k not in ("function_name", "depends_on")}
        out.add(("invoke config", t.entity(p["function_name"]), json.dumps(settings, sort_keys=True)))
    for name, p in t.of_type("aws_sns_topic_subscription"):
        fp = p.get("filter_policy")
        if fp:
            fp = hcl_jsonencode(fp) if fp.startswith("${jsonencode(") else json.loads(fp)
        out.add(("subscription", t.entity(p["topic_arn"]), p["protocol"], t.entity(p["endpoint"]),
                 json.dumps(fp, sort_keys=True) if fp else "",
                 p.get("filter_policy_scope", "")))
    rules = dict(t.of_type("aws_cloudwatch_event_rule"))
    for name, p in t.of_type("aws_cloudwatch_event_target"):
        m = re.match(r"^\$\{aws_cloudwatch_event_rule\.([A-Za-z0-9_-]+)\.name\}$", p["rule"])
        r = rules.get(m.group(1), {}) if m else {}
        pattern = json.dumps(json.loads(r["event_pattern"]), sort_keys=True) if "event_pattern" in r else ""
        state = r.get("state", "ENABLED" if r.get("is_enabled", True) else "DISABLED")
        bus = t.entity(r["event_bus_name"]) if "event_bus_name" in r else "default"
        target_bus = t.entity(p["event_bus_name"]) if "event_bus_name" in p else "default"
        if target_bus != bus:   # a target looked for on another bus than its rule's
            bus = "%s (its target on %s)" % (bus, target_bus)
        out.add(("rule", rule_id(t, r.get("name"), m.group(1)) if m else p["rule"], bus,
                 r.get("schedule_expression", ""), pattern, state, t.entity(p["arn"]),
                 p.get("input", "")))
    integ = {norm(n): p for n, p in t.of_type("aws_apigatewayv2_integration")}
    for name, p in t.of_type("aws_apigatewayv2_route"):
        m = re.match(r"^integrations/\{integration:([a-z0-9]+)\.id\}$", t.val(p["target"]))
        fn = t.entity(integ[m.group(1)]["integration_uri"]) if m and m.group(1) in integ else t.val(p["target"])
        out.add(("route", t.entity(p["api_id"]), p["route_key"], fn, p.get("authorization_type", "NONE")))
    for name, p in t.of_type("aws_kinesis_firehose_delivery_stream"):
        conf = p.get("extended_s3_configuration", {})
        if isinstance(conf, list):
            conf = conf[0] if conf else {}
        pcs = conf.get("processing_configuration", [])
        for pc in as_list(pcs):
            for proc in as_list(pc.get("processors", [])):
                params = {x["parameter_name"]: t.val(x["parameter_value"]) for x in proc.get("parameters", [])}
                fn = params.pop("LambdaArn", "")
                out.add(("firehose transform", "firehose:" + norm(name), proc["type"], entity(fn),
                         json.dumps(params, sort_keys=True)))
        if conf:
            out.add(("firehose destination", "firehose:" + norm(name), t.entity(conf["bucket_arn"])))
    for name, p in t.of_type("aws_cloudwatch_metric_alarm"):
        for key in ("alarm_actions", "ok_actions", "insufficient_data_actions"):
            for a in p.get(key, []):
                out.add(("alarm action", "alarm:" + norm(name), key, t.entity(a)))
    return out


def block(v):
    """A Terraform nested block written as an object or a one-element list."""
    return (v[0] if v else {}) if isinstance(v, list) else (v or {})


def ids_of(t, v):
    """A list of ids, or the parameter that gives it, in one canonical text."""
    return " ".join(sorted(t.val(x) for x in v)) if isinstance(v, list) else t.val(v)


def config_cfn(t):
    """Function settings that change what the function may reach: tracing, VPC."""
    out = set()
    for lid, p in t.of_type("AWS::Lambda::Function"):
        fn = "function:" + norm(lid)
        out.add(("tracing", fn, p.get("TracingConfig", {}).get("Mode", "PassThrough")))
        vpc = p.get("VpcConfig", {})
        for key, what in (("SubnetIds", "subnets"), ("SecurityGroupIds", "security groups")):
            out.add(("vpc " + what, fn, ids_of(t, vpc.get(key, []))))
    return out


def config_tf(t):
    out = set()
    for name, p in t.of_type("aws_lambda_function"):
        fn = "function:" + norm(name)
        out.add(("tracing", fn, block(p.get("tracing_config")).get("mode", "PassThrough")))
        vpc = block(p.get("vpc_config"))
        for key, what in (("subnet_ids", "subnets"), ("security_group_ids", "security groups")):
            out.add(("vpc " + what, fn, ids_of(t, vpc.get(key, []))))
    return out


def compare(cfn_doc, tf_doc):
    c, t = Cfn(cfn_doc), Tf(tf_doc)
    problems = []
    counts = {}
    for what, a, b in (("grant", grants_cfn(c), grants_tf(t)),
                       ("trigger", triggers_cfn(c), triggers_tf(t)),
                       ("function setting", config_cfn(c), config_tf(t))):
        counts[what] = len(a)
        for x in sorted(a - b, key=str):
            problems.append("%s only in CloudFormation: %s" % (what, x))
        for x in sorted(b - a, key=str):
            problems.append("%s only in Terraform:      %s" % (what, x))
        for x in a | b:
            if any("{unknown:" in str(f) or "{expr:" in str(f) for f in x):
                problems.append("%s with an unresolved reference: %s" % (what, x))
    return problems, counts


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        cfn_doc = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        tf_doc = json.load(f)
    problems, counts = compare(cfn_doc, tf_doc)
    if "-v" in sys.argv[3:]:
        c, t = Cfn(cfn_doc), Tf(tf_doc)
        for x in sorted(grants_cfn(c) | triggers_cfn(c) | config_cfn(c), key=str):
            print("  " + str(x))
    for p in problems:
        print(p)
    print("%d grants, %d triggers, %d function settings; %d differences" % (
        counts["grant"], counts["trigger"], counts["function setting"], len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
