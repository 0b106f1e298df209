#!/usr/bin/env bash
# tests/run-readme.sh -- README.md's shell commands still work, so the README cannot
# drift from the program. Every ```sh (or bash, shell) block must be marked, on the
# line just before its fence, with an HTML comment (invisible on GitHub):
#   <!-- run -->                           run it; it must exit 0
#   <!-- run: expect failure: REASON -->   run it; it must fail (until REASON is fixed:
#                                          then it passes, this test fails, remove the mark)
#   <!-- not-run: REASON -->               never run (it installs packages, or is make check)
# An unmarked block is a failure. Each runnable block runs with bash -e in a fresh
# directory holding what README commands expect: ./stackc (the built one), copies of
# examples/ and stdlib/, and the tour's file: the plain block whose first line is
# `# NAME.stack` is written to NAME.stack, with each `code = "DIR"` it names created.
# Also: the pre-commit example's `rev:` is the tag of this version (configure.ac).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_stackc

readme=$top_srcdir/README.md
mkdir "$tmp/blocks" "$tmp/files"

# Splits README.md: blocks/N.{run,xfail,skip,unmarked} for the shell blocks (N counts
# them from 1; .skip and .xfail files start with the reason line), files/NAME.stack
# for the tour's files. Prints nothing; exits 1 when the README cannot be read.
python3 - "$readme" "$tmp" <<'PYEOF' || fail "cannot split $readme"
import re, sys

readme, out = sys.argv[1], sys.argv[2]
lines = open(readme, encoding="utf-8").read().split("\n")
SHELLS = {"sh", "bash", "shell"}
MARK = re.compile(r"^\s*<!--\s*(run: expect failure:|not-run:|run(?=\s*-->))\s*(.*?)\s*-->\s*$")
n = 0
i = 0
while i < len(lines):
    m = re.match(r"^(\s*)(```+)\s*(\S*)", lines[i])
    if not m:
        i += 1
        continue
    indent, fence, info = m.group(1), m.group(2), m.group(3)
    j = i + 1
    body = []
    while j < len(lines) and not lines[j].strip().startswith(fence):
        body.append(lines[j][len(indent):] if lines[j].startswith(indent) else lines[j].lstrip())
        j += 1
    if info in SHELLS:
        n += 1
        mark = MARK.match(lines[i - 1]) if i > 0 else None
        line = "README.md:%d" % (i + 1)
        if not mark:
            kind, head = "unmarked", line
        elif mark.group(1) == "run":
            kind, head = "run", line
        elif mark.group(1).startswith("run:"):
            kind, head = "xfail", "%s (%s)" % (line, mark.group(2))
        else:
            kind, head = "skip", "%s (%s)" % (line, mark.group(2))
        with open("%s/blocks/%d.%s" % (out, n, kind), "w") as f:
            f.write(head + "\n" + "\n".join(body) + "\n")
    elif info == "" and body and re.match(r"^# (\S+\.stack)$", body[0]):
        name = body[0][2:]
        with open("%s/files/%s" % (out, name), "w") as f:
            f.write("\n".join(body) + "\n")
    i = j + 1
PYEOF

# fresh_dir DIR: the directory a README command runs in.
fresh_dir() {
  local d=$1 f code
  mkdir "$d"
  ln -s "$STACKC" "$d/stackc"
  cp -R "$top_srcdir/examples" "$top_srcdir/stdlib" "$d/"
  for f in "$tmp"/files/*.stack; do
    [ -f "$f" ] || continue
    cp "$f" "$d/"
    # the code directories the tour names, each with a handler file
    for code in $(sed -n 's/.*code *= *"\([^"]*\)".*/\1/p' "$f"); do
      mkdir -p "$d/$code" && echo 'exports.handler = async () => {};' >"$d/$code/index.js"
    done
  done
}

# The tour's files compile as they are.
for f in "$tmp"/files/*.stack; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  rm -rf "$tmp/tour" && fresh_dir "$tmp/tour"
  if (cd "$tmp/tour" && "$STACKC" check "$name") >"$tmp/out" 2>&1; then
    pass "README's $name checks"
  else
    fail "README's $name does not check"
    show "$tmp/out"
  fi
done

ran=0
for block in "$tmp"/blocks/*; do
  [ -f "$block" ] || { fail "README.md has no shell blocks"; break; }
  n=$(basename "$block")
  kind=${n#*.} n=${n%.*}
  where=$(head -1 "$block")
  case $kind in
  unmarked)
    fail "$where: a shell block without <!-- run --> or <!-- not-run: REASON --> before it"
    continue ;;
  skip)
    echo "not run: $where"
    continue ;;
  esac
  fresh_dir "$tmp/run-$n"
  tail -n +2 "$block" >"$tmp/run-$n.sh"
  rc=0
  (cd "$tmp/run-$n" && exec timeout -s KILL 60 bash -e "$tmp/run-$n.sh") >"$tmp/out" 2>&1 || rc=$?
  ran=$((ran + 1))
  if [ "$kind" = run ]; then
    [ $rc = 0 ] && pass "$where runs (exit 0)" || { fail "$where: exit $rc"; show "$tmp/run-$n.sh"; show "$tmp/out"; }
  elif [ $rc != 0 ]; then
    pass "$where fails as its mark expects (exit $rc)"
  else
    fail "$where: marked 'expect failure' but it runs now: mark it <!-- run -->"
  fi
done
[ $ran -gt 0 ] && pass "$ran README blocks run" || fail "no README block is marked to run"

# The pre-commit example names the release tag of this version.
version=$(configure_version)
revs=$(sed -n 's/^ *rev: *//p' "$readme")
[ -n "$version" ] && [ "$revs" = "v$version" ] && pass "README's pre-commit rev: is v$version (configure.ac)" ||
  fail "README's pre-commit rev: is '$revs', configure.ac's version is '$version' (tag v$version)"
finish
