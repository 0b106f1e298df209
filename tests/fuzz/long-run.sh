#!/usr/bin/env bash
# tests/fuzz/long-run.sh -- the long fuzzing runs: builds both harnesses with
# libFuzzer + UBSan and no ASan (about twice the executions per second of the
# `make fuzz` build), runs fuzz_compile on one core and fuzz_structured on the
# other until SECONDS have passed, starts a harness again after a finding (its
# input is kept in WORK/artifacts-HARNESS/), and prints the executions of each.
#
#   usage: tests/fuzz/long-run.sh SECONDS [WORK]     (WORK defaults to /tmp/stackc-fuzz-long)
#
# Needs clang with libFuzzer (see README.md) and a built source tree (`make`
# generates grammar/parser.c and grammar/lexer.c). The corpora persist in WORK
# between runs; the first run seeds fuzz_compile's from tests/fuzz/corpus.
# Reproduce a finding with the `make fuzz` (ASan) build, as README.md shows.
set -euo pipefail
seconds=${1:?usage: long-run.sh SECONDS [WORK]}
work=${2:-/tmp/stackc-fuzz-long}
top=$(cd "$(dirname "$0")/../.." && pwd)
[ -f "$top/grammar/parser.c" ] || { echo "long-run.sh: run 'make' first (grammar/parser.c is missing)" >&2; exit 2; }
mkdir -p "$work/obj" "$work/corpus-compile" "$work/corpus-structured" \
  "$work/artifacts-fuzz_compile" "$work/artifacts-fuzz_structured"
cp -n "$top"/tests/fuzz/corpus/* "$work/corpus-compile/"

flags=(-O1 -g -std=c11 -D_GNU_SOURCE -DHAVE_CONFIG_H -I"$top" -I"$top/src" -I"$top/grammar"
       -fsanitize=fuzzer-no-link,undefined -fno-sanitize-recover=undefined)
objs=()
for f in "$top"/src/*.c "$top/grammar/parser.c" "$top/grammar/lexer.c" \
         "$top/tests/fuzz/fuzz_common.c" "$top/tests/fuzz/fuzz_gen.c"; do
  [ "$(basename "$f")" = main.c ] && continue
  o=$work/obj/$(basename "$f" .c).o
  clang "${flags[@]}" -c "$f" -o "$o"
  objs+=("$o")
done
for h in fuzz_compile fuzz_structured; do
  clang "${flags[@]}" -c "$top/tests/fuzz/$h.c" -o "$work/obj/$h.o"
  clang -fsanitize=fuzzer,undefined "$work/obj/$h.o" "${objs[@]}" -lcjson -lyaml -lz -lm -o "$work/$h"
done

# run HARNESS CPU CORPUS OPTIONS...: segments until the deadline; one log per segment.
end=$(( $(date +%s) + seconds ))
run() {
  local h=$1 cpu=$2 corpus=$3 i=0
  shift 3
  while [ "$(date +%s)" -lt "$end" ]; do
    i=$((i + 1))
    UBSAN_OPTIONS=print_stacktrace=1 taskset -c "$cpu" "$work/$h" -max_total_time=$(( end - $(date +%s) )) \
      -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/artifacts-$h/" "$@" \
      "$corpus" >"$work/log-$h-$(date +%s)-$i.txt" 2>&1 || echo "$h: segment $i ended with exit $? (a finding?)"
  done
}
run fuzz_compile 0 "$work/corpus-compile" -dict="$top/tests/fuzz/stack.dict" &
run fuzz_structured 1 "$work/corpus-structured" -max_len=2048 -len_control=0 &
wait

for h in fuzz_compile fuzz_structured; do
  total=0
  for f in "$work"/log-$h-*.txt; do
    n=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$f" | awk '{print $2}' | tail -1)
    total=$((total + ${n:-0}))
  done
  echo "$h: $total executions in all runs kept in $work; findings: $(ls "$work/artifacts-$h" | wc -l)"
done
