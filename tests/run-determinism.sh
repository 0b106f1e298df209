#!/usr/bin/env bash
# tests/run-determinism.sh -- the output depends on the input only. Every examples/*.stack
# and tests/golden/*.stack is built for each target twice, in two processes whose
# environments differ in locale (LC_ALL=C vs C.UTF-8 or another installed UTF-8 locale),
# time zone (UTC vs Asia/Tokyo), working directory (the stack's directory with a bare
# file name vs another directory with a relative path), umask and -o vs stdout; the
# bytes must be equal. `stackc package` is run twice the same way and the zips compared.
# Under STACKC_WRAPPER (valgrind in CI) only the examples are built, to save time.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_stackc

loc2=
for l in C.UTF-8 C.utf8 en_US.UTF-8 en_US.utf8; do
  if locale -a 2>/dev/null | grep -qix "$l"; then loc2=$l; break; fi
done
[ -n "$loc2" ] || { loc2=POSIX; echo "note: no UTF-8 locale installed; comparing C with POSIX"; }
echo "environments: LC_ALL=C TZ=UTC umask 022 | LC_ALL=$loc2 TZ=Asia/Tokyo umask 077"

mkdir -p "$tmp/a" "$tmp/b/deeper/still"
dirs=("$top_srcdir/examples" "$top_srcdir/tests/golden")
if [ -n "${STACKC_WRAPPER:-}" ]; then
  # under valgrind, the golden stacks (built by run-golden.sh already) are left out
  dirs=("$top_srcdir/examples")
  echo "STACKC_WRAPPER is set: examples only"
fi
for dir in "${dirs[@]}"; do
  [ -d "$dir" ] || continue
  for f in "$dir"/*.stack; do
    [ -f "$f" ] || continue
    name=$(basename "$f" .stack) label=$(basename "$dir")/$(basename "$f")
    for target in cfn cfn-yaml tf; do
      a=$tmp/a/$name.$target b=$tmp/b/$name.$target
      rca=0 rcb=0
      (cd "$dir" && umask 022 && env LC_ALL=C LANG=C TZ=UTC \
        "$STACKC" build --target "$target" "$name.stack" >"$a" 2>"$tmp/a.err") || rca=$?
      # from another directory, through a relative path, into -o
      rel=$(realpath -s --relative-to="$tmp/b/deeper/still" "$f")
      (cd "$tmp/b/deeper/still" && umask 077 && env LC_ALL="$loc2" LANG="$loc2" TZ=Asia/Tokyo \
        "$STACKC" build --target "$target" -o "$b" "$rel" 2>"$tmp/b.err") || rcb=$?
      if [ $rca -ne 0 ] || [ $rcb -ne 0 ]; then
        fail "$label --target $target: exit $rca / $rcb"
        show "$tmp/a.err"
        continue
      fi
      if [ "$target" = tf ]; then
        # Terraform paths are relative to the output's directory, so they differ when the
        # output is written elsewhere: compare after rebasing the one path prefix
        prefix=$(realpath -s --relative-to="$tmp/b" "$dir")
        [ "$prefix" = . ] && prefix= || prefix=$prefix/
        sed "s|\${path.module}/$prefix|\${path.module}/|g" "$b" >"$b.rebased"
        b=$b.rebased
      fi
      if cmp -s "$a" "$b"; then
        pass "$label --target $target: same bytes"
      else
        fail "$label --target $target: output differs between environments"
        diff "$a" "$b" | head -10 | show /dev/stdin
      fi
    done
  done
done

# package: the same zips, byte for byte
pk=
for f in "$top_srcdir"/examples/*.stack; do
  grep -q '^function' "$f" && { pk=$f; break; }
done
if [ -n "$pk" ]; then
  label=examples/$(basename "$pk")
  (cd "$(dirname "$pk")" && umask 022 && env LC_ALL=C TZ=UTC "$STACKC" package -o "$tmp/pa" "$(basename "$pk")") 2>"$tmp/err" ||
    fail "$label: package (first) failed"
  rel=$(realpath -s --relative-to="$tmp/b" "$pk")
  (cd "$tmp/b" && umask 077 && env LC_ALL="$loc2" TZ=Asia/Tokyo "$STACKC" package -o "$tmp/pb" "$rel") 2>>"$tmp/err" ||
    fail "$label: package (second) failed"
  n=$(ls "$tmp/pa" 2>/dev/null | wc -l)
  if [ "$n" -gt 0 ] && diff -r "$tmp/pa" "$tmp/pb" >/dev/null; then
    pass "$label: package gives the same $n zip(s)"
  else
    fail "$label: package output differs ($n zips)"
    show "$tmp/err"
  fi
else
  echo "skipped: no example with a function for the package test"
fi
finish
