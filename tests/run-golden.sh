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
finish
