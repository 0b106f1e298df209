#!/usr/bin/env bash
# tests/run-code-reads.sh -- which commands read a function's code, seen with strace:
# `check` and `build --target tf` only walk code directories (lstat) and open no file in
# them; `build --target cfn` and `package` zip a directory three functions share (named
# three ways, one through a link) once, so each of its files is opened once.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_stackc
require_tool strace strace -f -o /dev/null true

fn() { printf 'function %s { runtime = "python3.12" handler = "app.handler" code = "%s" }\n' "$1" "$2"; }
mkdir -p "$tmp/code"
echo 'def handler(e, c): return 1' >"$tmp/code/app.py"
head -c 100000 /dev/zero >"$tmp/code/data.bin"
# three spellings of one directory: one scan, one zip
ln -s code "$tmp/alias"
{ fn a code; fn b ./code/; fn c alias; } >"$tmp/three.stack"
cd "$tmp" || exit 99

# opens of the code's files: zip_tree opens each relative to its directory's descriptor, so
# the traced path may be the name alone
opened() { grep -c -E 'open(at|at2)?\(.*"([^"]*/)?(app\.py|data\.bin)"' "$tmp/trace" || true; }
traced() {   # traced WANT CMD...: runs stackc CMD... under strace and counts the opens
  local want=$1 n rc=0
  shift
  # LeakSanitizer cannot run under ptrace: an ASan build leaves leak checks to the other tests
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    strace -f -e trace=open,openat,openat2 -o "$tmp/trace" "$STACKC" "$@" >/dev/null 2>"$tmp/err" || rc=$?
  n=$(opened)
  if [ $rc -ne 0 ]; then
    fail "stackc $* exited $rc"
    show "$tmp/err"
  elif [ "$n" = "$want" ]; then
    pass "stackc $*: $n opens of code files"
  else
    fail "stackc $*: $n opens of code files, want $want"
  fi
}
traced 0 check three.stack
traced 0 build --target tf three.stack
traced 2 build three.stack
traced 2 build --target cfn-yaml three.stack
traced 2 package -o "$tmp/pkg" three.stack
[ "$(ls "$tmp/pkg" | wc -l)" = 3 ] && pass "package wrote a zip per function" || fail "package wrote: $(ls "$tmp/pkg")"
finish
