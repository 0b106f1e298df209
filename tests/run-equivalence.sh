#!/usr/bin/env bash
# tests/run-equivalence.sh -- same meaning on both targets. For every examples/*.stack
# and tests/golden/*.stack, builds the CloudFormation and the Terraform template and
# checks with tests/equivalence.py that they hold the same normalized IAM grants and
# trigger edges. Then proves the check is strict: copies of one pair of outputs, each
# with one real difference edited in (an action dropped or added, a resource widened,
# a filter, batch size, schedule, route or subscription target changed, an on-failure
# destination, retry count or its send permission changed; a bus rule's
# bus, pattern, target or permission changed; tracing, a vpc's subnets or security groups
# changed), must fail.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_stackc
require_tool python3

eq=$top_srcdir/tests/equivalence.py
mkdir "$tmp/out"
for dir in "$top_srcdir/examples" "$top_srcdir/tests/golden"; do
  [ -d "$dir" ] || continue
  for f in "$dir"/*.stack; do
    [ -f "$f" ] || continue
    name=$(basename "$f" .stack)
    label=$(basename "$dir")/$name
    c=$tmp/out/$name.cfn.json t=$tmp/out/$name.tf.json
    if ! (cd "$dir" && "$STACKC" build --target cfn "$name.stack" >"$c" 2>"$tmp/err" &&
          "$STACKC" build --target tf "$name.stack" >"$t" 2>>"$tmp/err"); then
      fail "$label: does not build"
      show "$tmp/err"
      continue
    fi
    if python3 "$eq" "$c" "$t" >"$tmp/eq.log" 2>&1; then
      pass "$label: $(tail -1 "$tmp/eq.log")"
    else
      fail "$label: the targets differ"
      show "$tmp/eq.log"
    fi
  done
done

# --- strictness: each edit below is a real difference and must be reported ---------------
base=$tmp/out/photo-pipeline
if [ -f "$base.cfn.json" ] && [ -f "$base.tf.json" ] && python3 "$eq" "$base.cfn.json" "$base.tf.json" >/dev/null; then
  mutate() {  # mutate LABEL cfn|tf PYTHON-STATEMENTS (on d, the parsed template)
    local label=$1 which=$2 code=$3
    cp "$base.cfn.json" "$tmp/m.cfn.json"
    cp "$base.tf.json" "$tmp/m.tf.json"
    if ! python3 - "$tmp/m.$which.json" "$code" <<'PY'; then
import json, sys
path, code = sys.argv[1], sys.argv[2]
d = json.load(open(path))
R = d.get("Resources") or d.get("resource")
D = d.get("data", {})
exec(code)
json.dump(d, open(path, "w"), indent=2)
PY
      fail "strictness: $label: the edit does not apply"
      return
    fi
    if cmp -s "$tmp/m.cfn.json" "$base.cfn.json" && cmp -s "$tmp/m.tf.json" "$base.tf.json"; then
      fail "strictness: $label: the edit changed nothing"
    elif python3 "$eq" "$tmp/m.cfn.json" "$tmp/m.tf.json" >"$tmp/m.log" 2>&1; then
      fail "strictness: $label: not detected"
    else
      pass "strictness: $label: detected ($(grep -c 'only in' "$tmp/m.log") differences)"
    fi
  }
  mutate "tf: an action dropped" tf \
    'D["aws_iam_policy_document"]["resize"]["statement"][1]["actions"].pop()
st = D["aws_iam_policy_document"]["resize"]["statement"][3]; st["actions"] = st["actions"][:1]'
  mutate "cfn: an action added" cfn \
    'R["ResizeRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"][1]["Action"].append("s3:DeleteObject")'
  mutate "tf: objects grant widened to the bucket" tf \
    'st = D["aws_iam_policy_document"]["resize"]["statement"][1]; st["resources"] = [r[:-2] for r in st["resources"]]'
  mutate "tf: grant on the wrong bucket" tf \
    'st = D["aws_iam_policy_document"]["resize"]["statement"][1]; st["resources"] = [r.replace("uploads", "thumbnails") for r in st["resources"]]'
  mutate "cfn: effect changed" cfn \
    'R["ResizeRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"][2]["Effect"] = "Deny"'
  mutate "cfn: S3 filter prefix changed" cfn \
    'R["Uploads"]["Properties"]["NotificationConfiguration"]["LambdaConfigurations"][0]["Filter"]["S3Key"]["Rules"][0]["Value"] = "img/"'
  mutate "tf: S3 event changed" tf \
    'R["aws_s3_bucket_notification"]["uploads"]["lambda_function"][0]["events"] = ["s3:ObjectRemoved:*"]'
  mutate "cfn: batch size changed" cfn \
    'R["WorkerJobsMapping"]["Properties"]["BatchSize"] = 5'
  mutate "tf: mapping runs another function" tf \
    'R["aws_lambda_event_source_mapping"]["index_photos"]["function_name"] = "${aws_lambda_function.worker.arn}"'
  mutate "cfn: schedule changed" cfn \
    'R["CleanupSchedule"]["Properties"]["ScheduleExpression"] = "rate(2 days)"'
  mutate "tf: route to another function" tf \
    'R["aws_apigatewayv2_integration"]["web_serve"]["integration_uri"] = "${aws_lambda_function.resize.arn}"'
  mutate "cfn: route key changed" cfn \
    'R["WebPostPhotosRoute"]["Properties"]["RouteKey"] = "PUT /photos"'
  mutate "tf: subscription to another function" tf \
    'R["aws_sns_topic_subscription"]["notify_alerts"]["endpoint"] = "${aws_lambda_function.serve.arn}"'
  mutate "cfn: invoke permission source changed" cfn \
    'R["NotifyAlertsPermission"]["Properties"]["SourceArn"] = {"Ref": "AWS::AccountId"}'
  mutate "tf: a trigger removed" tf \
    'del R["aws_cloudwatch_event_target"]["cleanup_schedule"]'
  mutate "tf: on-failure destination changed" tf \
    'R["aws_lambda_event_source_mapping"]["index_photos"]["destination_config"]["on_failure"]["destination_arn"] = "${aws_sqs_queue.jobs.arn}"'
  mutate "cfn: on-failure retries changed" cfn \
    'R["IndexPhotosMapping"]["Properties"]["MaximumRetryAttempts"] = 4'
  mutate "cfn: on-failure send permission dropped" cfn \
    'doc = R["IndexRole"]["Properties"]["Policies"][0]["PolicyDocument"]
doc["Statement"] = [st for st in doc["Statement"] if st["Sid"] != "DeliverToIndexFailuresQueue"]'
else
  fail "strictness: examples/photo-pipeline outputs missing or not equivalent"
fi
# equivalent_base NAME: sets base to the outputs of golden NAME; true when both exist
# and are equivalent (and mutate is defined), so edits of them can be tried.
equivalent_base() {
  base=$tmp/out/$1
  [ -f "$base.cfn.json" ] && [ -f "$base.tf.json" ] && python3 "$eq" "$base.cfn.json" "$base.tf.json" >/dev/null &&
    declare -F mutate >/dev/null
}
# The bus: its rules' bus (on both Terraform resources), pattern, target and permission.
if equivalent_base bus; then
  mutate "tf: a bus rule's target looked for on the default bus" tf \
    'del R["aws_cloudwatch_event_target"]["ship_orders"]["event_bus_name"]'
  mutate "tf: a bus rule on the default bus" tf \
    'del R["aws_cloudwatch_event_rule"]["ship_orders"]["event_bus_name"]; del R["aws_cloudwatch_event_target"]["ship_orders"]["event_bus_name"]'
  mutate "cfn: a bus rule's pattern changed" cfn \
    'R["AuditOrdersRule"]["Properties"]["EventPattern"]["detail"]["total"][0]["numeric"][1] = 10'
  mutate "tf: a bus rule runs another function" tf \
    'R["aws_cloudwatch_event_target"]["audit_orders"]["arn"] = "${aws_lambda_function.ship.arn}"'
  mutate "cfn: a bus rule's permission names the default bus's rule" cfn \
    'R["ShipOrdersPermission"]["Properties"]["SourceArn"]["Fn::Sub"] = R["ShipOrdersPermission"]["Properties"]["SourceArn"]["Fn::Sub"].replace("rule/bus-orders/", "rule/")'
  mutate "tf: publish on another bus" tf \
    'st = D["aws_iam_policy_document"]["ship"]["statement"][1]; st["resources"] = ["arn:aws:events:eu-west-1:123456789012:event-bus/default"]'
else
  fail "strictness: tests/golden/bus outputs missing or not equivalent"
fi
# Tracing and VPC: the function settings and the statements on "*" of actions without
# resource types.
if equivalent_base tracing_vpc; then
  mutate "tf: tracing turned off" tf \
    'del R["aws_lambda_function"]["api"]["tracing_config"]'
  mutate "cfn: tracing on a function that has none" cfn \
    'R["Report"]["Properties"]["TracingConfig"] = {"Mode": "Active"}'
  mutate "tf: an X-Ray action dropped" tf \
    'st = [s for s in D["aws_iam_policy_document"]["api"]["statement"] if s.get("sid") == "WriteTraces"][0]; st["actions"] = st["actions"][:1]'
  mutate "cfn: a subnet dropped from a vpc" cfn \
    'R["Report"]["Properties"]["VpcConfig"]["SubnetIds"].pop()'
  mutate "tf: the vpc's security groups from another parameter" tf \
    'R["aws_lambda_function"]["report"]["vpc_config"]["security_group_ids"] = "${var.subnet_ids}"'
  mutate "cfn: EC2 Describe actions on a network interface ARN instead of *" cfn \
    'st = [s for s in R["ReportRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"] if s["Sid"] == "DescribeNetworkInterfaces"][0]; st["Resource"] = [{"Fn::Sub": "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:network-interface/*"}]'
  mutate "tf: CreateNetworkInterface on every subnet" tf \
    'st = [s for s in D["aws_iam_policy_document"]["report"]["statement"] if s.get("sid") == "CreateNetworkInterfacesInVpc"][0]; st["resources"][0] = st["resources"][0].rsplit("/", 1)[0] + "/*"'
else
  fail "strictness: tests/golden/tracing_vpc outputs missing or not equivalent"
fi
# Asynchronous invocations: an invoke config's destination, retries and event age.
base=$tmp/out/failure_handling
if [ -f "$base.cfn.json" ] && [ -f "$base.tf.json" ] && python3 "$eq" "$base.cfn.json" "$base.tf.json" >/dev/null &&
   declare -F mutate >/dev/null; then
  mutate "tf: an async on-success destination changed" tf \
    'R["aws_lambda_function_event_invoke_config"]["resize"]["destination_config"]["on_success"]["destination"] = "${aws_sqs_queue.alerts.arn}"'
  mutate "cfn: async retries changed" cfn \
    'R["ResizeInvokeConfig"]["Properties"]["MaximumRetryAttempts"] = 2'
  mutate "tf: async event age dropped" tf \
    'del R["aws_lambda_function_event_invoke_config"]["resize"]["maximum_event_age_in_seconds"]'
  mutate "cfn: invoke permission on a destination dropped" cfn \
    'doc = R["FanoutRole"]["Properties"]["Policies"][0]["PolicyDocument"]
doc["Statement"] = [st for st in doc["Statement"] if st["Sid"] != "DeliverToIngestFunction"]'
else
  fail "strictness: tests/golden/failure_handling outputs missing or not equivalent"
fi
finish
