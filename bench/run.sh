#!/usr/bin/env bash
# bench/run.sh — how compile time and memory grow with the size of a stack.
# Generates stacks of N functions (each with a bucket trigger, a table grant
# and a queue poller: ~8 declarations and ~10 template resources per
# function) and prints, per N and target, the wall time and peak memory of
# `stackc build` (measured by tests/usage.py: a peak under ~14 MB is the
# measuring Python's own), and the time per function, which stays flat when the
# pipeline is linear. A second table does the same for components: N
# components used once each and N that nothing uses (checked on their own).
#   usage: bench/run.sh [STACKC] [N ...]     (default N: 50 200 800 1200)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
stackc=${1:-$here/../stackc}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(50 200 800 1200)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/fn"
echo 'exports.handler = async () => {};' > "$work/src/fn/index.js"

generate() {   # generate N > file
  local n=$1 i
  echo 'stack bench { description = "generated" }'
  echo 'table items { key = { id: string } }'
  for ((i = 0; i < n; i++)); do
    cat <<STACK
bucket in_$i {}
queue jobs_$i {}
function f_$i {
  runtime = "nodejs22.x"
  handler = "index.handler"
  code    = "src/fn"
  env     = { OUT = in_$i.name, QUEUE = jobs_$i.url }
  can read in_$i
  can write items
}
on in_$i.created(prefix = "in/") run f_$i
on jobs_$i(batch = 5) run f_$i
STACK
  done
}

printf '%8s %-9s %10s %12s %14s\n' functions target seconds "peak KB" "us/function"
for n in "${sizes[@]}"; do
  generate "$n" > "$work/s$n.stack"
  for target in cfn tf; do
    # Past ~50 functions CloudFormation's 500-resource limit stops the cfn
    # target (after checking and planning everything): reported, then timed.
    python3 "$here/../tests/usage.py" -o "$work/t" "$stackc" build --target "$target" -o "$work/out" "$work/s$n.stack" \
      >/dev/null 2>"$work/err" || echo "  ($target, $n functions: $(grep -m1 'error:' "$work/err"))"
    read -r kb secs <"$work/t"
    printf '%8d %-9s %10s %12s %14.1f\n' "$n" "$target" "$secs" "$kb" "$(echo "$secs * 1000000 / $n" | bc -l)"
  done
done

generate_components() {   # generate N > file
  local n=$1 i
  echo 'topic ops {}'
  for ((i = 0; i < n; i++)); do
    cat <<STACK
component worker_$i(code: string, retries: int = 3, alerts: topic) {
  queue q { retries = retries }
  function w { runtime = "nodejs22.x"  handler = "index.handler"  code = code  can consume q }
  on q(batch = 5) run w
  alarm backlog { metric = q.age  threshold = 300  notify = alerts }
  output queue = q
}
component spare_$i(code: string, alerts: topic) {
  use worker_$i inner { code = code  alerts = alerts }
}
use worker_$i u_$i { code = "src/fn"  alerts = ops }
STACK
  done
}

echo
printf '%10s %-9s %10s %12s %15s\n' components target seconds "peak KB" "us/component"
for n in "${sizes[@]}"; do
  generate_components "$n" > "$work/c$n.stack"
  python3 "$here/../tests/usage.py" -o "$work/t" "$stackc" build --target tf -o "$work/out" "$work/c$n.stack" \
    >/dev/null 2>"$work/err" || { echo "  (components, $n: $(grep -m1 'error:' "$work/err"))"; continue; }
  read -r kb secs <"$work/t"
  printf '%10d %-9s %10s %12s %15.1f\n' "$((2 * n))" tf "$secs" "$kb" "$(echo "$secs * 1000000 / (2 * $n)" | bc -l)"
done
