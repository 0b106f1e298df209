#!/bin/sh
# tests/fuzz/seed.sh -- refreshes the seed corpus tests/fuzz/corpus/ with a copy of every
# examples/*.stack, tests/golden/*.stack and tests/errors/*.stack (prefixed with the
# directory they come from, so names cannot collide). Run it from anywhere after adding
# tests; commit the result. The corpus is the fuzzers' starting point and is replayed by
# `make check` (tests/run-fuzz-replay.sh).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$top/tests/fuzz/corpus
mkdir -p "$corpus"
rm -f "$corpus"/*.stack
n=0
for dir in examples tests/golden tests/errors; do
  prefix=$(echo "$dir" | sed 's|^tests/||')
  for f in "$top/$dir"/*.stack; do
    [ -f "$f" ] || continue
    cp "$f" "$corpus/$prefix-$(basename "$f")"
    n=$((n + 1))
  done
done
echo "seed.sh: $n files in tests/fuzz/corpus"
