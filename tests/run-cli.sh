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
# the version is configure.ac's (the release tag is v<that>, README's pre-commit `rev:`)
version=$(configure_version)
[ -n "$version" ] || fail "no version in $top_srcdir/configure.ac's AC_INIT"
[ "$(cat "$tmp/out")" = "stackc $version" ] && pass "--version prints 'stackc $version' (configure.ac)" ||
  fail "--version prints '$(head -c 200 "$tmp/out")', configure.ac says $version"
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
grep -q "declares only components" "$tmp/err" && pass "build says why it refuses a library" ||
  { fail "build refuses a library without saying why"; show "$tmp/err"; }
expect_rc 1 "package --diagnostics=json refuses a library" "$STACKC" package --diagnostics=json -o "$tmp/pkg" \
  "$top_srcdir/stdlib/std/queue_worker.stack"
python3 -c 'import json,sys; d=json.loads(open(sys.argv[1]).read()); sys.exit(not (d["errors"] == 1 and "declares only components" in d["diagnostics"][0]["message"]))' "$tmp/out" &&
  pass "json: the library refusal is in the report" || { fail "json: library refusal missing"; show "$tmp/out"; }

# --diagnostics json|github: the same diagnostics as the text, for machines.
# A file with errors, notes and a component context note: JSON on stdout (one
# line per input), GitHub annotations on stdout; both must agree with the
# text's positions, messages and counts.
ctx=$top_srcdir/tests/errors/component_checked_alone.stack
if [ -f "$ctx" ]; then
  cd "$(dirname "$ctx")" || exit 99
  expect_rc 1 "check (text) for the comparison" "$STACKC" check --max-errors 0 "$(basename "$ctx")"
  cp "$tmp/err" "$tmp/text"
  expect_rc 1 "check --diagnostics=json" "$STACKC" check --max-errors 0 --diagnostics=json "$(basename "$ctx")"
  [ ! -s "$tmp/err" ] && pass "json: nothing on stderr" || { fail "json: stderr not empty"; show "$tmp/err"; }
  cp "$tmp/out" "$tmp/json"
  expect_rc 1 "check --diagnostics github" "$STACKC" check --max-errors 0 --diagnostics github "$(basename "$ctx")"
  cp "$tmp/out" "$tmp/github"
  if python3 - "$tmp/text" "$tmp/json" "$tmp/github" <<'PY'
import json, re, sys
text, js, gh = (open(p, encoding="utf-8").read() for p in sys.argv[1:4])
# text: "FILE:LINE:COL: LEVEL: MESSAGE" lines; notes follow their diagnostic
heads = re.findall(r"^(\S+?):(\d+):(\d+): (error|warning|note): (.*)$", text, re.M)
tops = [h for h in heads if h[3] != "note"]
lines = js.splitlines()
assert len(lines) == 1, "one JSON line per input file, got %d" % len(lines)
doc = json.loads(lines[0])
assert doc["file"].endswith("component_checked_alone.stack"), doc.get("file")
assert doc["errors"] == sum(1 for h in tops if h[3] == "error"), (doc["errors"], len(tops))
got = []
for d in doc["diagnostics"]:
    got.append((d["file"], str(d["line"]), str(d["column"]), d["severity"], d["message"]))
    assert d["end_line"] >= d["line"]
    for n in d["notes"]:
        got.append((n["file"], str(n["line"]), str(n["column"]), "note", n["message"]))
assert got == heads, "JSON differs from the text:\n%r\n%r" % (got, heads)
ann = gh.splitlines()
assert len(ann) == len(tops), (len(ann), len(tops))
for a, h in zip(ann, tops):
    m = re.match(r"^::(error|warning) file=([^,]*),line=(\d+),col=(\d+),endLine=\d+,endColumn=\d+,title=stackc::(.*)$", a)
    assert m, a
    assert (m.group(1), m.group(3), m.group(4)) == (h[3], h[1], h[2]), (a, h)
    first = m.group(5).split("%0A")[0]
    assert first.replace("%25", "%") == h[4], (first, h[4])
assert any("%0Anote: " in a for a in ann), "notes ride along as extra lines"
PY
  then pass "json and github diagnostics match the text"; else fail "json/github diagnostics differ from the text"; fi
  cd - >/dev/null || exit 99
fi
if [ -n "$good" ]; then
  expect_rc 0 "check --diagnostics=json on a clean file" "$STACKC" check --diagnostics=json "$good" "$good"
  python3 -c 'import json,sys; docs=[json.loads(l) for l in open(sys.argv[1])]; sys.exit(not (len(docs) == 2 and all(d["errors"] == 0 for d in docs)))' "$tmp/out" &&
    pass "json: one line per input file, even a clean one" || { fail "json: clean files"; show "$tmp/out"; }
  expect_rc 0 "build --diagnostics=json (template on stdout)" "$STACKC" build --diagnostics=json "$good"
  python3 -c 'import json,sys; json.load(open(sys.argv[1])); json.loads(open(sys.argv[2]).read())' "$tmp/out" "$tmp/err" &&
    pass "build: template on stdout, diagnostics on stderr" || fail "build --diagnostics=json mixes its streams"
fi
expect_rc 2 "unknown diagnostics format" "$STACKC" check --diagnostics=xml "$tmp/x.stack"

finish
