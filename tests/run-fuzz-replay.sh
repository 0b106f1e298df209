#!/usr/bin/env bash
# tests/run-fuzz-replay.sh -- replays the fuzz seed corpus (tests/fuzz/corpus/) and every
# crasher found so far (tests/fuzz/crashers/) through the fuzz harness's entry point
# (tests/fuzz/replay, built by `make check`), one process per file so that one crash
# does not hide the others. A file passes when replay exits 0 within 20 seconds.
# tests/fuzz/crashers/structured/ holds raw fuzz_structured inputs whose finding is a
# property of the generated program (the unused-component differential): they are
# replayed with --structured, as the harness ran them.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

REPLAY=${REPLAY:-$top_builddir/tests/fuzz/replay}
if [ ! -x "$REPLAY" ]; then
  echo "FAIL: no replay program at $REPLAY (make check builds it)"
  exit 1
fi

# Under STACKC_WRAPPER (valgrind in CI, see tests/lib.sh) replay runs under it too,
# with more time per file.
limit=20
wrap=()
if [ -n "${STACKC_WRAPPER:-}" ]; then
  read -r -a wrap <<<"$STACKC_WRAPPER"
  limit=300
  echo "running replay as: $STACKC_WRAPPER $REPLAY"
fi
run=(timeout "$limit")
command -v timeout >/dev/null 2>&1 || run=()
run+=(${wrap[@]+"${wrap[@]}"})

found=0
for spec in corpus: crashers: crashers/structured:--structured; do
  dir=$top_srcdir/tests/fuzz/${spec%%:*}
  mode=${spec#*:}
  [ -d "$dir" ] || continue
  for f in "$dir"/*; do
    [ -f "$f" ] || continue
    case $f in *.md) continue ;; esac
    found=1
    rel=${f#"$top_srcdir"/}
    rc=0
    "${run[@]}" "$REPLAY" $mode "$f" >"$tmp/log" 2>&1 || rc=$?
    if [ $rc -eq 0 ]; then
      pass "$rel"
    else
      fail "$rel: exit $rc"
      head -n 60 "$tmp/log" | sed "s/^/    /"
    fi
  done
done
[ $found = 1 ] || echo "skipped: no files in tests/fuzz/corpus or tests/fuzz/crashers"
finish
