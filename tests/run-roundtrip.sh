#!/usr/bin/env bash
# tests/run-roundtrip.sh -- output escaping. Reads every CloudFormation YAML template
# (built from tests/golden and examples, and the golden .cfn.yaml files) back with
# PyYAML (YAML 1.1 implicit typing: an unquoted yes, on, 012 or 1:20 would change type)
# and with a YAML 1.2 core-schema loader (0o12, 1e3), and compares it with the JSON
# template of the same stack. Then feeds awkward strings (${x}, %{y}, quotes,
# backslashes, control characters, unicode, yes/on/null/012/1e3/0x1F/.inf/1:20...)
# through function env values, plain and interpolated, and checks that the cfn JSON,
# cfn YAML and tf JSON outputs stand for exactly the same strings (Fn::Sub ${!x} and
# Terraform $${ / %%{ escapes resolved). Needs python3 with PyYAML (python3-yaml).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_stackc

require_tool python3 python3 -c 'import yaml'   # PyYAML: apt-get install python3-yaml

dirs=()
for d in "$top_srcdir/tests/golden" "$top_srcdir/examples"; do
  [ -d "$d" ] && dirs+=("$d")
done
# run_mode MODE LOG ARGS...: one mode of roundtrip.py; its PASS/FAIL lines
# count here, and a crash without a FAIL line is a failure.
run_mode() {
  local mode=$1 log=$2 rc=0
  shift 2
  python3 "$top_srcdir/tests/roundtrip.py" "$mode" "$STACKC" "$@" >"$log" 2>&1 || rc=$?
  grep -v '^[0-9]* passed, [0-9]* failed$' "$log"
  n_pass=$((n_pass + $(grep -c '^PASS:' "$log")))
  n_fail=$((n_fail + $(grep -c '^FAIL:' "$log")))
  [ $rc -ne 0 ] && ! grep -q '^FAIL:' "$log" && fail "roundtrip.py $mode exited $rc"
  return 0
}

run_mode yaml "$tmp/yaml.log" "${dirs[@]}"
mkdir "$tmp/strings"
run_mode strings "$tmp/str.log" "$tmp/strings"
finish
