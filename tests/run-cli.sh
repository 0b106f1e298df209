#!/usr/bin/env bash
# tests/run-cli.sh -- command-line behaviour of stackc: --help/--version, exit codes
# (0 ok, 1 compile errors, 2 usage or I/O), `build -` from stdin, atomic `-o FILE`
# (an existing file survives a failed build), and `check` over several files.
# Inputs are picked from tests/golden (compiles) and tests/errors (fails).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_stackc

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

# --- files and the command line (issue 9, section 4) ---------------------------------
# Each case runs in its own scratch directory $tmp/f with a tiny stack x.stack.
mkdir -p "$tmp/f" && cd "$tmp/f" || exit 99
printf 'bucket b { versioning = true }\n' >x.stack
cp x.stack x.orig
"$STACKC" build x.stack >x.json 2>/dev/null || fail "x.stack does not build"
# intact FILE WHAT: FILE is still x.stack's original text (restored for the next case)
intact() {
  cmp -s "$1" x.orig && pass "$2: the input is intact" || fail "$2: the input changed"
  cp x.orig "$1"
}

# -o naming an input (compared by device and inode: the same name, another
# spelling, a hard link, a symbolic link, a file it imports, a std/ import)
for spelling in x.stack ./x.stack "$tmp/f/x.stack"; do
  expect_rc 2 "-o $spelling (the input)" "$STACKC" build -o "$spelling" x.stack
  grep -q "is an input" "$tmp/err" && pass "-o the input: says why" || { fail "-o the input: no reason"; show "$tmp/err"; }
  intact x.stack "-o $spelling"
done
ln x.stack hard.stack
expect_rc 2 "-o a hard link to the input" "$STACKC" build -o hard.stack x.stack; intact x.stack "-o hard link"
ln -s x.stack sym.json
expect_rc 2 "-o a symbolic link to the input" "$STACKC" build -o sym.json x.stack; intact x.stack "-o symlink"
[ -L sym.json ] && pass "-o symlink to the input: the link stays" || fail "-o symlink to the input: link replaced"
mkdir -p lib/std
printf 'component thing(n: string) {\n  bucket b { versioning = true }\n}\n' >lib/part.stack
cp lib/part.stack part.orig
sed 's/thing/other/' lib/part.stack >lib/std/part.stack
cp lib/std/part.stack std-part.orig
printf 'import "lib/part"\nimport "std/part"\nuse thing t { n = "a" }\nuse other o { n = "b" }\n' >main.stack
expect_rc 0 "a stack importing two files builds" "$STACKC" build -I lib -o main.json main.stack
expect_rc 2 "-o an imported file" "$STACKC" build -I lib -o lib/part.stack main.stack
cmp -s lib/part.stack part.orig && pass "-o an imported file: it is intact" || fail "-o an imported file: changed"
cp part.orig lib/part.stack
expect_rc 2 "-o a std/ import found through -I" "$STACKC" build -I lib --target tf -o lib/std/part.stack main.stack
cmp -s lib/std/part.stack std-part.orig && pass "-o a std/ import: it is intact" || fail "-o a std/ import: changed"
cp std-part.orig lib/std/part.stack

# -o through a symbolic link writes the link's target, whether it exists or not
ln -s made.json dangling.json
expect_rc 0 "-o through a dangling symbolic link" "$STACKC" build -o dangling.json x.stack
[ -L dangling.json ] && cmp -s made.json x.json && pass "-o dangling link: link kept, target written" ||
  fail "-o dangling link: link replaced or target not written"
mkdir -p links/in
ln -s ../../chain2.json links/in/chain1.json   # relative to the link's own directory, through two links
ln -s links/target.json chain2.json
expect_rc 0 "-o through a chain of links, one dangling" "$STACKC" build -o links/in/chain1.json x.stack
[ -L links/in/chain1.json ] && [ -L chain2.json ] && cmp -s links/target.json x.json &&
  pass "-o link chain: links kept, final target written" || fail "-o link chain"
ln -s loop.json loop.json
expect_rc 2 "-o a symbolic link loop" "$STACKC" build -o loop.json x.stack
[ -L loop.json ] && pass "-o link loop: the link stays" || fail "-o link loop: replaced"

# replacing an output keeps its mode; a new one gets 0666 & ~umask
echo old >private.json
chmod 600 private.json
expect_rc 0 "-o over an 0600 file" "$STACKC" build -o private.json x.stack
[ "$(stat -c %a private.json)" = 600 ] && pass "-o keeps an existing file's mode 0600" ||
  fail "-o changed mode 0600 to $(stat -c %a private.json)"
echo old >exec.json
chmod 750 exec.json
expect_rc 0 "-o over an 0750 file" "$STACKC" build -o exec.json x.stack
[ "$(stat -c %a exec.json)" = 750 ] && pass "-o keeps mode 0750" || fail "-o changed mode 0750 to $(stat -c %a exec.json)"
(umask 027 && "$STACKC" build -o fresh.json x.stack)
[ "$(stat -c %a fresh.json)" = 640 ] && pass "-o new file: 0666 & ~umask" || fail "-o new file: mode $(stat -c %a fresh.json)"

# -o ''
expect_rc 2 "-o ''" "$STACKC" build -o '' x.stack
grep -q "empty output file name" "$tmp/err" && pass "-o '': says empty output file name" || { fail "-o ''"; show "$tmp/err"; }
expect_rc 2 "--output=" "$STACKC" build --output= x.stack
grep -q "empty output file name" "$tmp/err" && pass "--output=: says empty output file name" || fail "--output="

# a FIFO (or a device) as the input is refused at once; '-' reads stdin
mkfifo in.stack
expect_rc 2 "build a FIFO nobody writes to" timeout 10 "$STACKC" build in.stack
grep -q "'in.stack' is a FIFO, not a stack file" "$tmp/err" && pass "FIFO input: says what it is" ||
  { fail "FIFO input: message"; show "$tmp/err"; }
expect_rc 2 "check a FIFO nobody writes to" timeout 10 "$STACKC" check in.stack
expect_rc 2 "check a character device" timeout 10 "$STACKC" check /dev/null
grep -q "'/dev/null' is a character device, not a stack file" "$tmp/err" && pass "device input: says what it is" ||
  { fail "device input: message"; show "$tmp/err"; }
expect_rc 0 "build - from a pipe" bash -c 'cat x.stack | "$0" build -' "$STACKC"
cmp -s "$tmp/out" x.json && pass "build - from a pipe: the template" || fail "build - from a pipe: wrong output"

# importing a FIFO or a device says what it is, at the import, and never blocks
mkfifo ff.stack
ln -s /dev/null dev.stack
printf 'import "ff"\nimport "dev.stack"\nbucket b {}\n' >imp.stack
expect_rc 1 "import a FIFO and a device" timeout 10 "$STACKC" check imp.stack
grep -q "^imp.stack:1:8: error: cannot import \"ff\": 'ff.stack' is a FIFO, not a stack file$" "$tmp/err" &&
  pass "import a FIFO: says what it is, at the import" || { fail "import a FIFO: message"; show "$tmp/err"; }
grep -q "^imp.stack:2:8: error: cannot import \"dev.stack\": 'dev.stack' is a character device, not a stack file$" "$tmp/err" &&
  pass "import a device: says what it is, at the import" || { fail "import a device: message"; show "$tmp/err"; }
grep -q "did you mean" "$tmp/err" && fail "import a FIFO: suggests a name" || pass "import a FIFO: no suggestion"

# -o creates the output file's missing parent directories along real
# directories only (docs/limits.md); only once the stack checks
printf 'function f { runtime = "python3.12" handler = "app.handler" code = "src/fn" }\n' >fn.stack
mkdir -p src/fn && echo 'def handler(e, c): return 1' >src/fn/app.py
mkdir have
expect_rc 0 "build --target tf -o into an existing directory" "$STACKC" build --target tf -o have/main.tf.json fn.stack
expect_rc 0 "build --target tf -o infra/main.tf.json (missing infra/)" "$STACKC" build --target tf -o infra/main.tf.json fn.stack
cmp -s infra/main.tf.json have/main.tf.json && pass "-o into a new directory: paths relative to it" ||
  fail "-o into a new directory: differs from an existing one"
expect_rc 0 "-o a/b/c/out.json (three missing)" "$STACKC" build -o a/b/c/out.json x.stack
cmp -s a/b/c/out.json x.json && pass "-o a/b/c/out.json: written" || fail "-o a/b/c/out.json"
expect_rc 0 "-o through ../ into a new directory" "$STACKC" build -o "have/../up/x/out.json" x.stack
[ -f up/x/out.json ] && pass "-o have/../up/x/out.json: written" || fail "-o have/../up/x/out.json"
expect_rc 1 "-o into a missing directory with errors" "$STACKC" build -o errdir/out.json "$top_srcdir/tests/errors/import_cycle.stack"
[ -e errdir ] && fail "a failing build created the output's directory" || pass "a failing build creates no directory"
mkdir elsewhere
ln -s elsewhere linkdir
expect_rc 0 "-o into an existing directory through a symbolic link" "$STACKC" build -o linkdir/out.json x.stack
cmp -s elsewhere/out.json x.json && pass "-o linkdir/out.json: written through the link" || fail "-o linkdir/out.json"
expect_rc 2 "-o below a symbolic link into a missing directory" "$STACKC" build -o linkdir/new/out.json x.stack
grep -q "'linkdir' is a symbolic link" "$tmp/err" && pass "-o below a symlink: says why" || { fail "-o below a symlink: message"; show "$tmp/err"; }
[ -e elsewhere/new ] && fail "-o below a symlink created a directory" || pass "-o below a symlink: nothing created"
ln -s nowhere/out.json dangling-deep.json
expect_rc 2 "-o through a dangling link into a missing directory" "$STACKC" build -o dangling-deep.json x.stack
[ -e nowhere ] && fail "-o dangling link: created the target's directory" || pass "-o dangling link: no directory created"
expect_rc 2 "-o below a regular file" "$STACKC" build -o x.json/out.json x.stack
grep -q "'x.json' is not a directory" "$tmp/err" && pass "-o below a file: says why" || { fail "-o below a file: message"; show "$tmp/err"; }
expect_rc 0 "package -o p/q/r (missing parents)" "$STACKC" package -o p/q/r fn.stack
ls p/q/r/*.zip >/dev/null 2>&1 && pass "package -o p/q/r: zips written" || fail "package -o p/q/r: no zip"
expect_rc 2 "package -o below a symbolic link" "$STACKC" package -o linkdir/pkg fn.stack
[ -e elsewhere/pkg ] && fail "package below a symlink created a directory" || pass "package below a symlink: nothing created"

# options before the command, as with git
expect_rc 0 "--diagnostics json check FILE" "$STACKC" --diagnostics json check x.stack
python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["errors"] != 0)' "$tmp/out" &&
  pass "--diagnostics json before the command: JSON on stdout" || { fail "--diagnostics json before the command"; show "$tmp/out"; }
expect_rc 0 "-o FILE build FILE" "$STACKC" -o before.json build x.stack
cmp -s before.json x.json && pass "-o before the command: written" || fail "-o before the command"
expect_rc 0 "--target tf -I DIR build" "$STACKC" --target tf -I . build x.stack
grep -q '"resource"' "$tmp/out" && pass "--target before the command: Terraform" || fail "--target before the command"
expect_rc 0 "check --version" "$STACKC" check --version
grep -q '^stackc ' "$tmp/out" && pass "--version after the command" || fail "--version after the command"
expect_rc 0 "--diagnostics json --help" "$STACKC" --diagnostics json --help
grep -q '^usage: ' "$tmp/out" && pass "--help after an option" || fail "--help after an option"
expect_rc 2 "options but no command" "$STACKC" --diagnostics json
grep -q "no command" "$tmp/err" && pass "options but no command: says so" || { fail "options but no command"; show "$tmp/err"; }

# --max-errors: "1 error", "2 errors"
printf 'bucket a { nope = 1 }\nbucket b { nope = 1 }\nbucket c { nope = 1 }\n' >three.stack
expect_rc 1 "--max-errors 1" "$STACKC" check --max-errors 1 three.stack
grep -qx "stackc: note: stopping after 1 error (--max-errors)" "$tmp/err" && pass "--max-errors 1: singular" ||
  { fail "--max-errors 1: not 'stopping after 1 error'"; show "$tmp/err"; }
expect_rc 1 "--max-errors 2" "$STACKC" check --max-errors 2 three.stack
grep -qx "stackc: note: stopping after 2 errors (--max-errors)" "$tmp/err" && pass "--max-errors 2: plural" ||
  { fail "--max-errors 2"; show "$tmp/err"; }
cd "$tmp" || exit 99

finish
