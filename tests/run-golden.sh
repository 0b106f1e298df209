#!/usr/bin/env bash
# tests/run-golden.sh -- golden output tests. For each tests/golden/NAME.stack, builds
# every target whose expected file exists (NAME.cfn.json, NAME.cfn.yaml, NAME.tf.json)
# and compares byte for byte. UPDATE=1 rewrites the expected files (all three when a
# test has none yet). Then validates the expected files and checks IAM wildcards.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_stackc

dir=$top_srcdir/tests/golden
cd "$dir" || { fail "no directory $dir"; finish; }

targets="cfn:cfn.json cfn-yaml:cfn.yaml tf:tf.json"
found=0
for f in *.stack; do
  [ -e "$f" ] || continue
  found=1
  name=${f%.stack}
  have=0
  for te in $targets; do
    [ -f "$name.${te#*:}" ] && have=1
  done
  for te in $targets; do
    target=${te%%:*} ext=${te#*:}
    expected=$name.$ext
    if [ ! -f "$expected" ] && ! { [ "${UPDATE:-}" = 1 ] && [ $have = 0 ]; }; then
      continue
    fi
    rc=0
    "$STACKC" build --target "$target" "$f" >"$tmp/out" 2>"$tmp/err" || rc=$?
    if [ $rc -ne 0 ]; then
      fail "$expected: stackc build --target $target exited $rc"
      show "$tmp/err"
    elif [ "${UPDATE:-}" = 1 ]; then
      if cmp -s "$tmp/out" "$expected"; then
        pass "$expected"
      else
        cp "$tmp/out" "$expected" && pass "$expected (updated)"
      fi
    elif cmp -s "$expected" "$tmp/out"; then
      pass "$expected"
    else
      fail "$expected: output differs (UPDATE=1 rewrites)"
      diff -u "$expected" "$tmp/out" | sed "s|$tmp/out|actual|"
    fi
  done
done
[ $found = 1 ] || echo "skipped: no tests/golden/*.stack"

files=()
for f in *.cfn.json *.cfn.yaml *.tf.json; do
  [ -f "$f" ] && files+=("$f")
done
[ ${#files[@]} -gt 0 ] && validate_outputs golden "${files[@]}"

# The wildcard check exempts Resource "*" for exactly the actions without resource
# types: tracing_vpc's "*" statements pass as written, and fail once they hold one
# other action (on either target).
wild_mutant() {  # wild_mutant LABEL FILE PYTHON (on st, the statement with Sid/sid WriteTraces)
  python3 - "$2" "$3" >"$tmp/wild.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def walk(n):
    if isinstance(n, dict):
        if n.get("Sid", n.get("sid")) == "WriteTraces":
            exec(sys.argv[2], {"st": n})
        for v in n.values(): walk(v)
    elif isinstance(n, list):
        for v in n: walk(v)
walk(d)
json.dump(d, sys.stdout)
PY
  if check_no_wildcards "$tmp/wild.json" >/dev/null 2>&1; then
    fail "wildcard check: $1: not detected"
  else
    pass "wildcard check: $1: detected"
  fi
}
if [ -f tracing_vpc.cfn.json ] && [ -f tracing_vpc.tf.json ]; then
  wild_mutant "cfn: an action with resource types on *" tracing_vpc.cfn.json 'st["Action"].append("s3:GetObject")'
  wild_mutant "tf: an action with resource types on *" tracing_vpc.tf.json 'st["actions"][0] = "dynamodb:GetItem"'
fi
finish
