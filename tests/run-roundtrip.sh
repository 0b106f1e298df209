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

if ! python3 -c 'import yaml' 2>/dev/null; then
  if [ "${CI:-}" = true ]; then
    fail "python3 yaml module (python3-yaml) missing (required when CI=true)"
  else
    echo "skipped: python3 has no yaml module (apt-get install python3-yaml)"
  fi
  finish
fi

dirs=()
for d in "$top_srcdir/tests/golden" "$top_srcdir/examples"; do
  [ -d "$d" ] && dirs+=("$d")
done
rc=0
python3 "$top_srcdir/tests/roundtrip.py" yaml "$STACKC" "${dirs[@]}" >"$tmp/yaml.log" 2>&1 || rc=$?
grep -v '^[0-9]* passed, [0-9]* failed$' "$tmp/yaml.log"
n_pass=$((n_pass + $(grep -c '^PASS:' "$tmp/yaml.log")))
n_fail=$((n_fail + $(grep -c '^FAIL:' "$tmp/yaml.log")))
[ $rc -ne 0 ] && ! grep -q '^FAIL:' "$tmp/yaml.log" && fail "roundtrip.py yaml exited $rc"

mkdir "$tmp/strings"
rc=0
python3 "$top_srcdir/tests/roundtrip.py" strings "$STACKC" "$tmp/strings" >"$tmp/str.log" 2>&1 || rc=$?
grep -v '^[0-9]* passed, [0-9]* failed$' "$tmp/str.log"
n_pass=$((n_pass + $(grep -c '^PASS:' "$tmp/str.log")))
n_fail=$((n_fail + $(grep -c '^FAIL:' "$tmp/str.log")))
[ $rc -ne 0 ] && ! grep -q '^FAIL:' "$tmp/str.log" && fail "roundtrip.py strings exited $rc"
finish
