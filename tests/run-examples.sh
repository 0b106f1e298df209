#!/usr/bin/env bash
# tests/run-examples.sh -- every examples/*.stack builds for cfn, cfn-yaml and tf
# (with -o into a temporary directory), and the outputs pass the validators and the
# IAM wildcard check (validators optional unless CI=true, as in run-golden.sh).
# STACKC_VALGRIND=1 runs each build under valgrind when it is installed.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_stackc

dir=$top_srcdir/examples
cd "$dir" 2>/dev/null || { echo "skipped: no directory $dir"; finish; }

runner=()
if [ "${STACKC_VALGRIND:-}" = 1 ]; then
  if command -v valgrind >/dev/null 2>&1; then
    runner=(valgrind -q --error-exitcode=99 --leak-check=full
            --errors-for-leak-kinds=definite,indirect)
    echo "running stackc under valgrind"
  else
    echo "skipped: STACKC_VALGRIND=1 but valgrind is not installed"
  fi
fi

mkdir "$tmp/out"
outputs=()
found=0
for f in *.stack; do
  [ -e "$f" ] || continue
  found=1
  name=${f%.stack}
  for te in cfn:cfn.json cfn-yaml:cfn.yaml tf:tf.json; do
    target=${te%%:*} ext=${te#*:}
    out=$tmp/out/$name.$ext
    rc=0
    "${runner[@]}" "$STACKC" build --target "$target" -o "$out" "$f" >"$tmp/log" 2>&1 || rc=$?
    if [ $rc -ne 0 ]; then
      fail "$f --target $target: exit $rc"
      show "$tmp/log"
    elif [ ! -s "$out" ]; then
      fail "$f --target $target: no output in $out"
    else
      pass "$f --target $target"
      outputs+=("$out")
    fi
  done
done
[ $found = 1 ] || echo "skipped: no examples/*.stack"

[ ${#outputs[@]} -gt 0 ] && validate_outputs examples "${outputs[@]}"
finish
