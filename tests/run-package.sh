#!/usr/bin/env bash
# tests/run-package.sh -- what enters a function's code zip, built in scratch projects:
# the project root (escapes by '..', through a directory link, through file links; --root
# widening it), links kept inside the directory, `exclude`, this run's output left out (and
# the warning that suggests the exclude), package zips named as the template's keys, modes,
# Terraform's archive_file (excludes, mode, output_path). Zips are read with Python's
# zipfile. (tests/run-code-reads.sh: which commands read the code.)
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_stackc
require_tool python3
case $STACKC in /*) ;; *) STACKC=$(pwd)/$STACKC ;; esac

# expect_err WHAT LINE: $tmp/err holds exactly LINE (a whole line).
expect_err() {
  if grep -qxF -- "$2" "$tmp/err"; then
    pass "$1: message"
  else
    fail "$1: no line '$2' in"
    show "$tmp/err"
  fi
}

# zip_list ZIP: "name mode" per entry, and with --content "name=content".
zip_list() {
  python3 - "$@" <<'EOF'
import sys, zipfile
args = sys.argv[1:]
content = args[0] == "--content"
z = zipfile.ZipFile(args[-1])
for i in z.infolist():
    if content:
        print("%s=%s" % (i.filename, z.read(i).decode().strip()))
    else:
        print("%s %o" % (i.filename, (i.external_attr >> 16) & 0o777))
EOF
}

fn() {   # fn NAME CODE [EXTRA]: one function declaration
  printf 'function %s { runtime = "python3.12" handler = "app.handler" code = "%s" %s }\n' "$1" "$2" "${3:-}"
}

p=$tmp/proj
mkdir -p "$p/src/lib" "$tmp/outside"
echo 'def handler(e, c): return 1' >"$p/src/app.py"
echo secret >"$tmp/outside/secret.txt"
cd "$p" || exit 99

# ---- the project root --------------------------------------------------------

fn f ../outside >up.stack
expect_rc 1 "'..' out of the project root" "$STACKC" check up.stack &&
  expect_err "'..' out of the project root" "up.stack:1:68: error: code directory '../outside' is outside the project root '.'"

ln -s ../outside linked
fn f linked >dirlink.stack
expect_rc 1 "a directory link out of the project root" "$STACKC" check dirlink.stack
expect_err "a directory link" "dirlink.stack:1:68: error: code directory 'linked' is outside the project root '.'"
expect_err "a directory link: where it leads" "dirlink.stack:1:68: note: 'linked' resolves to '$(cd "$tmp/outside" && pwd -P)'"
expect_rc 1 "package refuses it too" "$STACKC" package -o "$tmp/pkg-refused" dirlink.stack
[ -z "$(ls -A "$tmp/pkg-refused" 2>/dev/null)" ] && pass "no zip written" || fail "a zip was written"
rm linked

ln -s ../../../outside/secret.txt src/lib/secret
fn f src >filelink.stack
expect_rc 1 "a file link to a file outside" "$STACKC" check filelink.stack &&
  expect_err "a file link to a file outside" \
    "filelink.stack:1:68: error: symlink 'lib/secret' points to '../../../outside/secret.txt', outside the code directory"
expect_rc 1 "build --target tf reports it" "$STACKC" build --target tf filelink.stack
expect_rc 1 "build --target cfn reports it" "$STACKC" build filelink.stack
rm src/lib/secret

ln -s /proc/self/environ src/lib/env
expect_rc 1 "a link to /proc/self/environ" "$STACKC" check filelink.stack &&
  expect_err "a link to /proc/self/environ" \
    "filelink.stack:1:68: error: symlink 'lib/env' points to '/proc/self/environ', outside the code directory"
expect_rc 1 "package refuses the environ link" "$STACKC" package -o "$tmp/pkg-env" filelink.stack
[ -z "$(ls -A "$tmp/pkg-env" 2>/dev/null)" ] && pass "no zip holds the environment" || fail "package wrote $(ls "$tmp/pkg-env")"
rm src/lib/env

# a link inside the directory is kept, stored with its target's content
ln -s ../app.py src/lib/alias.py
expect_rc 0 "a link inside the code directory" "$STACKC" package -o "$tmp/pkg-link" filelink.stack
zip_list --content "$tmp"/pkg-link/f-*.zip >"$tmp/list"
if grep -qxF 'lib/alias.py=def handler(e, c): return 1' "$tmp/list"; then
  pass "the link is stored as its target's content"
else
  fail "link inside: zip holds"
  show "$tmp/list"
fi
rm src/lib/alias.py

# --root widens the root: a monorepo's service reaching its shared code
mkdir -p "$tmp/mono/svc" "$tmp/mono/shared/lib"
echo 'x = 1' >"$tmp/mono/shared/lib/util.py"
fn f ../shared/lib >"$tmp/mono/svc/svc.stack"
expect_rc 1 "monorepo without --root" "$STACKC" check "$tmp/mono/svc/svc.stack"
expect_err "monorepo without --root" \
  "$tmp/mono/svc/svc.stack:1:68: error: code directory '../shared/lib' is outside the project root '$tmp/mono/svc'"
expect_rc 0 "monorepo with --root .." "$STACKC" check --root "$tmp/mono" "$tmp/mono/svc/svc.stack"
expect_rc 0 "package with --root" "$STACKC" package --root "$tmp/mono" -o "$tmp/pkg-mono" "$tmp/mono/svc/svc.stack"
expect_rc 1 "--root narrower than the code" "$STACKC" check --root "$tmp/mono/svc" "$tmp/mono/svc/svc.stack"
expect_err "--root named in the note" \
  "$tmp/mono/svc/svc.stack:1:68: note: the project root comes from --root; a wider root (a monorepo's top) is given with --root DIR, e.g. --root .."
expect_rc 2 "--root not a directory" "$STACKC" check --root "$tmp/mono/nope" "$tmp/mono/svc/svc.stack"
cd "$tmp/mono/svc" && expect_rc 1 "stdin: the root is the working directory" "$STACKC" check - <svc.stack
expect_err "stdin: the root is '.'" "<stdin>:1:68: error: code directory '../shared/lib' is outside the project root '.'"
cd "$p" || exit 99

# a std/ component's code argument is relative to the user's stack file, and checked the same
cat >comp.stack <<'EOF2'
import "std/queue_worker"
topic oncall {}
use queue_worker jobs { runtime = "python3.12"  handler = "app.handler"  code = "../outside"  notify = oncall }
EOF2
expect_rc 1 "a component's code argument outside the root" "$STACKC" check comp.stack
grep -q "error: code directory '../outside' is outside the project root '.'" "$tmp/err" &&
  pass "a component's code argument: message" || { fail "a component's code argument: message"; show "$tmp/err"; }
sed -i 's|"../outside"|"src"|' comp.stack
expect_rc 0 "a component's code argument, relative to the stack file" "$STACKC" check comp.stack

# the size limit, from sizes alone (a sparse file): named as the stack file writes it
mkdir -p huge && truncate -s 251M huge/blob.bin
fn f huge >huge.stack
expect_rc 1 "over 250 MB" "$STACKC" check huge.stack
grep -q "error: 'huge' holds more than 250 MB of files" "$tmp/err" && pass "over 250 MB: the directory as written" ||
  { fail "over 250 MB: message"; show "$tmp/err"; }
rm -r huge

# ---- exclude, modes ------------------------------------------------------------

mkdir -p src/tests src/sub src/bin
echo t >src/tests/test_app.py
echo r >src/README.md
echo n >src/sub/notes.md
printf '#!/bin/sh\n' >src/bootstrap
printf '#!/bin/sh\n' >src/bin/run
chmod 755 src/bootstrap src/bin/run
chmod 644 src/app.py
fn f src 'exclude = ["tests/**", "*.md"]' >excl.stack
expect_rc 0 "package with exclude" "$STACKC" package -o "$tmp/pkg-excl" excl.stack
zip_list "$tmp"/pkg-excl/f-*.zip >"$tmp/list"
printf '%s\n' "app.py 644" "bin/run 755" "bootstrap 755" "sub/notes.md 644" >"$tmp/want"
if cmp -s "$tmp/want" "$tmp/list"; then
  pass "exclude leaves out tests/** and top-level *.md; modes 0755 for executables, 0644 else"
else
  fail "package zip entries and modes differ"
  diff -u "$tmp/want" "$tmp/list" | sed 's/^/    /'
fi
rm -r src/tests src/README.md src/sub src/bin src/bootstrap

# ---- this run's output -----------------------------------------------------------

dot=$tmp/dot
mkdir -p "$dot"
cp "$p/src/app.py" "$dot/"
cd "$dot" || exit 99
fn f . >plain.stack
fn f . 'exclude = ["out/**"]' >excl.stack
expect_rc 0 "-o inside the code directory" "$STACKC" build -o out/t.json plain.stack
expect_err "-o inside: warning" "plain.stack:1:68: warning: code directory '.' contains this run's output file 'out/t.json'"
expect_err "-o inside: the suggestion" \
  "plain.stack:1:68: note: this run leaves it out of the zip, but a build or package with another output would zip it and get another code key: add exclude = [\"out/**\"]"
key() { grep -o '"S3Key": "[^"]*"' "$1"; }
cp out/t.json "$tmp/first.json"
expect_rc 0 "-o inside, again" "$STACKC" build -o out/t.json plain.stack
[ -n "$(key out/t.json)" ] && [ "$(key out/t.json)" = "$(key "$tmp/first.json")" ] &&
  pass "the -o file never enters the zip: the same key with out/t.json present" ||
  fail "the key changed once out/t.json existed: $(key "$tmp/first.json") vs $(key out/t.json)"
expect_rc 0 "-o through a missing directory and '..'" "$STACKC" build -o new/../t2.json plain.stack
expect_err "-o new/../t2.json: named resolved" "plain.stack:1:68: warning: code directory '.' contains this run's output file 't2.json'"
cp t2.json "$tmp/t2.json"
expect_rc 0 "-o new/../t2.json again" "$STACKC" build -o new/../t2.json plain.stack
[ "$(key t2.json)" = "$(key "$tmp/t2.json")" ] && pass "-o new/../t2.json never enters the zip" ||
  fail "-o new/../t2.json entered the zip: $(key "$tmp/t2.json") vs $(key t2.json)"
rm -r new t2.json
expect_rc 0 "package -o inside the code directory" "$STACKC" package -o out/pkg plain.stack
expect_err "package inside: warning" "plain.stack:1:68: warning: code directory '.' contains this run's package directory 'out/pkg'"
expect_rc 0 "package -o inside, again" "$STACKC" package -o out/pkg plain.stack
zip_list out/pkg/f-*.zip | grep -q '^out/pkg/' && fail "the package directory entered its own zip" ||
  pass "the package directory never enters a zip"
expect_rc 0 "-o inside, excluded" "$STACKC" build -o out/a.json excl.stack
grep -q warning "$tmp/err" && fail "a warning although out/** is excluded" || pass "no warning when an exclude covers the output"
expect_rc 0 "another -o inside, excluded" "$STACKC" build -o out/b.json excl.stack
[ -n "$(key out/a.json)" ] && [ "$(key out/a.json)" = "$(key out/b.json)" ] &&
  pass "the code key is the same across builds to out/a.json and out/b.json" ||
  fail "code key changed: $(key out/a.json) vs $(key out/b.json)"
expect_rc 0 "package, excluded" "$STACKC" package -o out/pkg excl.stack
k=$(key out/a.json | sed 's/.*: "//; s/"$//')
[ -f "out/pkg/$k" ] &&
  pass "package writes the zip the template names ($k)" || fail "package zips $(ls out/pkg) do not include $k"
zip_list "out/pkg/$k" >"$tmp/list"
if [ "$(cat "$tmp/list")" = "$(printf '%s\n' 'app.py 644' 'excl.stack 644' 'plain.stack 644')" ]; then
  pass "the zip holds neither out/ nor the outputs"
else
  fail "zip of '.' holds"
  show "$tmp/list"
fi
mkdir -p .stackc && echo old >.stackc/f.zip
expect_rc 0 "a .stackc folder inside" "$STACKC" check plain.stack
expect_err ".stackc: warning" "plain.stack:1:68: warning: code directory '.' contains a '.stackc' folder, which would enter the zip"
rm -r .stackc out

# Terraform: the run's output excluded, the zip outside the zipped directory
expect_rc 0 "tf -o inside the code directory" "$STACKC" build --target tf -o out/main.tf.json excl.stack
python3 - out/main.tf.json >"$tmp/tf" <<'EOF'
import json, sys
a = json.load(open(sys.argv[1]))["data"]["archive_file"]["f"]
print(a["source_dir"], a["output_path"], a["output_file_mode"], " ".join(a["excludes"]))
EOF
want='${path.module}/../. ${path.module}/../../.stackc/excl-f.zip 0755 out/** **/.git/** out/main.tf.json'
[ "$(cat "$tmp/tf")" = "$want" ] && pass "archive_file: excludes, mode, output_path outside '.'" ||
  { fail "archive_file: got '$(cat "$tmp/tf")', want '$want'"; }
# one function's code is '.', another's 'lib': no zip goes into '.' (which the first zips)
mkdir -p lib && cp app.py lib/
{ fn f . 'exclude = ["out/**"]'; fn g lib; } >two.stack
expect_rc 0 "tf, two code directories, one inside the other" "$STACKC" build --target tf two.stack
python3 - "$tmp/out" >"$tmp/tf" <<'EOF'
import json, sys
a = json.load(open(sys.argv[1]))["data"]["archive_file"]
print(a["f"]["output_path"], a["g"]["output_path"])
EOF
want='${path.module}/../.stackc/two-f.zip ${path.module}/../.stackc/two-g.zip'
[ "$(cat "$tmp/tf")" = "$want" ] && pass "archive_file: no zip inside any zipped directory" ||
  fail "archive_file: got '$(cat "$tmp/tf")', want '$want'"
# two stacks beside each other, each with a function 'g': their zips must not be one file
cp two.stack other.stack
expect_rc 0 "tf, a second stack beside the first" "$STACKC" build --target tf -o other.tf.json other.stack
expect_rc 0 "tf, the first stack" "$STACKC" build --target tf -o two.tf.json two.stack
python3 - two.tf.json other.tf.json >"$tmp/tf" <<'EOF'
import json, sys
print(*[json.load(open(f))["data"]["archive_file"]["g"]["output_path"] for f in sys.argv[1:]])
EOF
read -r zip_a zip_b <"$tmp/tf"
[ -n "$zip_a" ] && [ "$zip_a" != "$zip_b" ] && pass "archive_file: two stacks' functions 'g' get different zips" ||
  fail "archive_file: two stacks share the zip '$zip_a'"

finish
