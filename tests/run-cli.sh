#!/usr/bin/env bash
# tests/run-cli.sh -- command-line behaviour of stackc: --help/--version, exit codes
# (0 ok, 1 compile errors, 2 usage or I/O), `build -` from stdin, atomic `-o FILE`
# (an existing file survives a failed build), and `check` over several files.
# Inputs are picked from tests/golden (compiles) and tests/errors (fails).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_stackc

# expect_rc WANT DESCRIPTION CMD...: runs CMD with stdout/stderr in $tmp/{out,err}.
expect_rc() {
  local want=$1 what=$2 rc=0
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
  if [ $rc -eq "$want" ]; then
    pass "$what (exit $rc)"
    return 0
  fi
  fail "$what: exit $rc, expected $want"
  show "$tmp/err"
  return 1
}

# no leftover temporary files next to an output file
only_files() {
  local d=$1
  shift
  local got want
  got=$(cd "$d" && ls -A | LC_ALL=C sort | tr '\n' ' ')
  want=$(printf '%s\n' "$@" | LC_ALL=C sort | tr '\n' ' ')
  [ "$got" = "$want" ]
}

expect_rc 0 "--help" "$STACKC" --help
[ -s "$tmp/out" ] && pass "--help prints usage on stdout" || fail "--help prints nothing on stdout"
expect_rc 0 "--version" "$STACKC" --version
[ -s "$tmp/out" ] && pass "--version prints a version" || fail "--version prints nothing on stdout"
expect_rc 2 "unknown option" "$STACKC" --no-such-option
[ -s "$tmp/err" ] && pass "unknown option explained on stderr" || fail "unknown option: nothing on stderr"
expect_rc 2 "check: missing file" "$STACKC" check "$tmp/does-not-exist.stack"
expect_rc 2 "build: missing file" "$STACKC" build --target cfn "$tmp/does-not-exist.stack"
[ -e "$tmp/does-not-exist.stack" ] && fail "missing file was created"

good=
for f in "$top_srcdir"/tests/golden/*.stack; do
  [ -f "$f" ] && { good=$f; break; }
done
bad=()
for f in "$top_srcdir"/tests/errors/*.stack; do
  [ -f "$f" ] || continue
  grep -q 'error:' "${f%.stack}.err" 2>/dev/null || continue
  bad+=("$f")
  [ ${#bad[@]} -ge 2 ] && break
done

if [ -n "$good" ]; then
  gdir=$(dirname "$good") gname=$(basename "$good")
  cd "$gdir" || exit 99
  expect_rc 2 "unknown target" "$STACKC" build --target no-such-target "$gname"
  expect_rc 0 "check $gname" "$STACKC" check "$gname"
  if expect_rc 0 "build $gname to stdout" "$STACKC" build --target cfn "$gname"; then
    cp "$tmp/out" "$tmp/expected.json"
    expect_rc 0 "build - (stdin)" "$STACKC" build --target cfn - <"$gname"
    if cmp -s "$tmp/out" "$tmp/expected.json"; then
      pass "build - gives the same output as the file"
    else
      fail "build - differs from building the file"
      diff -u "$tmp/expected.json" "$tmp/out" | head -20
    fi
    mkdir "$tmp/o"
    expect_rc 0 "build -o FILE" "$STACKC" build --target cfn -o "$tmp/o/stack.json" "$gname"
    if cmp -s "$tmp/o/stack.json" "$tmp/expected.json"; then
      pass "-o FILE holds the same output as stdout"
    else
      fail "-o FILE differs from stdout output"
    fi
    [ -s "$tmp/out" ] && fail "-o FILE also wrote to stdout" || pass "-o FILE leaves stdout empty"
    only_files "$tmp/o" stack.json && pass "-o leaves no temporary files" ||
      fail "-o left files behind: $(ls -A "$tmp/o" | tr '\n' ' ')"
    # overwrite an existing file
    echo old >"$tmp/o/stack.json"
    expect_rc 0 "build -o over an existing file" "$STACKC" build --target cfn -o "$tmp/o/stack.json" "$gname"
    cmp -s "$tmp/o/stack.json" "$tmp/expected.json" && pass "-o replaces an existing file" ||
      fail "-o did not replace the existing file"
  fi
else
  echo "skipped: no tests/golden/*.stack for the build tests"
fi

if [ ${#bad[@]} -gt 0 ]; then
  bname=$(basename "${bad[0]}")
  cd "$(dirname "${bad[0]}")" || exit 99
  mkdir -p "$tmp/k"
  echo "previous contents" >"$tmp/k/keep.json"
  expect_rc 1 "build -o FILE with errors" "$STACKC" build --target cfn -o "$tmp/k/keep.json" "$bname"
  [ "$(cat "$tmp/k/keep.json")" = "previous contents" ] &&
    pass "failed build leaves the existing output unchanged" ||
    fail "failed build changed the existing output file"
  only_files "$tmp/k" keep.json && pass "failed build leaves no temporary files" ||
    fail "failed build left files behind: $(ls -A "$tmp/k" | tr '\n' ' ')"
  expect_rc 1 "build -o NEWFILE with errors" "$STACKC" build --target cfn -o "$tmp/k/new.json" "$bname"
  [ -e "$tmp/k/new.json" ] && fail "failed build created its output file" ||
    pass "failed build creates no output file"
  expect_rc 1 "build - with errors" "$STACKC" build --target cfn - <"$bname"
  [ -s "$tmp/out" ] && fail "failed build wrote to stdout" || pass "failed build writes nothing to stdout"

  # check over several files: every failing file is reported, exit 1
  args=()
  [ -n "$good" ] && args+=("$good")
  args+=("${bad[@]}")
  expect_rc 1 "check on ${#args[@]} files" "$STACKC" check "${args[@]}"
  for b in "${bad[@]}"; do
    bn=$(basename "$b")
    if grep -q "$bn:[0-9]*:[0-9]*: error:" "$tmp/err"; then
      pass "check on several files reports $bn"
    else
      fail "check on several files does not report $bn"
      show "$tmp/err"
    fi
  done
  if [ -n "$good" ]; then
    grep -q "$(basename "$good"):[0-9]*:[0-9]*: error:" "$tmp/err" &&
      fail "check reports errors for the good file $(basename "$good")" ||
      pass "check reports nothing for the good file"
  fi
else
  echo "skipped: no failing tests/errors/*.stack for the error tests"
fi

# The standard library's files are libraries: `check` checks each component
# on its own (nothing in the file uses it) and must find nothing wrong, not
# even a warning; `build` refuses a library.
for lib in "$top_srcdir"/stdlib/std/*.stack; do
  expect_rc 0 "check $(basename "$lib") (a library)" "$STACKC" check "$lib" &&
    { [ ! -s "$tmp/err" ] && pass "$(basename "$lib"): no diagnostics" ||
        { fail "$(basename "$lib"): diagnostics"; show "$tmp/err"; }; }
done
expect_rc 1 "build refuses a library" "$STACKC" build --target cfn "$top_srcdir/stdlib/std/queue_worker.stack"

finish
