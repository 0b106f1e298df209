#!/usr/bin/env bash
# tests/run-errors.sh -- diagnostics tests. For each tests/errors/NAME.stack, runs
# `stackc check NAME.stack` in tests/errors and compares stderr byte for byte with
# NAME.err; the exit code must be 1, or 0 when NAME.err has no "error:" line.
# A failing file must also make `build -o FILE` fail without creating FILE.
# UPDATE=1 rewrites NAME.err.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_stackc

dir=$top_srcdir/tests/errors
cd "$dir" || { fail "no directory $dir"; finish; }

found=0
for f in *.stack; do
  [ -e "$f" ] || continue
  found=1
  name=${f%.stack}
  expected=$name.err
  rc=0
  "$STACKC" check "$f" 2>"$tmp/actual" >/dev/null || rc=$?
  if [ "${UPDATE:-}" = 1 ]; then
    if [ $rc -gt 1 ]; then
      fail "$expected: stackc check exited $rc (not updated)"
      show "$tmp/actual"
      continue
    fi
    cmp -s "$tmp/actual" "$expected" 2>/dev/null || cp "$tmp/actual" "$expected"
  fi
  if [ ! -f "$expected" ]; then
    fail "$expected: missing (UPDATE=1 creates it)"
    continue
  fi
  want_rc=0
  grep -q 'error:' "$expected" && want_rc=1
  if [ $rc -ne $want_rc ]; then
    fail "$f: stackc check exited $rc, expected $want_rc"
    show "$tmp/actual"
  elif ! cmp -s "$expected" "$tmp/actual"; then
    fail "$expected: diagnostics differ (UPDATE=1 rewrites)"
    diff -u "$expected" "$tmp/actual" | sed "s|$tmp/actual|actual|"
  else
    pass "$expected"
  fi

  if [ $want_rc = 1 ]; then
    rm -f "$tmp/out.json"
    brc=0
    "$STACKC" build --target cfn -o "$tmp/out.json" "$f" >/dev/null 2>&1 || brc=$?
    if [ $brc -eq 0 ]; then
      fail "$f: build succeeded although check fails"
    elif [ -e "$tmp/out.json" ]; then
      fail "$f: build failed (exit $brc) but created its output file"
    else
      pass "$f: build fails (exit $brc) without output"
    fi
  fi
done
[ $found = 1 ] || echo "skipped: no tests/errors/*.stack"
finish
