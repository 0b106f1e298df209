#!/usr/bin/env bash
# tests/run-limits.sh -- bad bytes, limits and output safety (docs/limits.md):
# empty files, a BOM, CRLF line endings, NUL bytes, invalid UTF-8, over-long
# identifiers and strings, deep nesting, too many declarations, floods of errors,
# huge files and endless streams, directories and unreadable paths; each must give
# its clear error (or be accepted) with the right exit code, in bounded time and
# memory (timeout, ulimit -v, and peak memory measured by tests/usage.py). Then the
# output file is atomic: builds killed with SIGKILL at moments spread over a build
# whose length is measured first leave an existing -o file byte-identical (or
# completely replaced) and no temporary file behind. Nothing here needs GNU time
# (/usr/bin/time), which a minimal Debian lacks.
# Under STACKC_WRAPPER (valgrind) the time limits are stretched and the memory
# limits are not applied.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
require_stackc
require_tool python3

cd "$tmp" || exit 99
mkdir src   # code directory for the generated functions

slow=1
mem_limit_kb=262144   # 256 MiB of address space for every run below
if [ -n "${STACKC_WRAPPER:-}" ]; then
  slow=20
  mem_limit_kb=
fi
# AddressSanitizer reserves terabytes of address space for its shadow
# memory: an address-space limit stops it before main(). Sanitized builds
# are checked for time only (the plain build checks memory).
if ldd "$STACKC" 2>/dev/null | grep -q 'libasan'; then
  slow=$((slow * 4))
  mem_limit_kb=
fi

# run WANT_RC DESCRIPTION SECONDS CMD...: runs CMD (stdout/stderr in out/err)
# under a time limit and the memory limit, and checks the exit code.
run() {
  local want=$1 what=$2 secs=$(($3 * slow)) rc=0
  shift 3
  (
    [ -n "$mem_limit_kb" ] && ulimit -v "$mem_limit_kb"
    exec timeout -s KILL "$secs" "$@"
  ) >out 2>err || rc=$?
  if [ $rc -eq 137 ]; then
    fail "$what: did not finish within ${secs}s"
    return 1
  elif [ $rc -ne "$want" ]; then
    fail "$what: exit $rc, expected $want"
    head -c 2000 err | show /dev/stdin
    return 1
  fi
  pass "$what (exit $rc)"
}

# expect_err TEXT DESCRIPTION: stderr of the last run holds TEXT (a fixed string).
expect_err() {
  if grep -qF -- "$1" err; then
    pass "$2: says '$1'"
  else
    fail "$2: stderr does not say '$1'"
    head -c 2000 err | show /dev/stdin
  fi
}

# gen FILE PYTHON: writes FILE with what the python snippet prints.
gen() { python3 -c "$2" >"$1"; }

bucket='bucket b { versioning = true }'

# --- empty and nearly empty ----------------------------------------------------------
: >empty.stack
run 1 "empty file" 5 "$STACKC" build empty.stack && expect_err "empty.stack:1:1: error: the file declares nothing" "empty file"
[ -s out ] && fail "empty file: wrote a template" || pass "empty file: no template"
printf '# just a comment\n\n// and another\n' >comments.stack
run 1 "comments only" 5 "$STACKC" check comments.stack && expect_err "declares nothing" "comments only"
printf 'param p: string = "x"\noutput o = p\n' >nores.stack
run 1 "no resources" 5 "$STACKC" build nores.stack && expect_err "the stack has no resources" "no resources"
run 1 "empty stdin" 5 "$STACKC" build - <empty.stack && expect_err "<stdin>:1:1: error: the file declares nothing" "empty stdin"

# --- BOM and CRLF ----------------------------------------------------------------------
printf '%s\n' "$bucket" >plain.stack
"$STACKC" build plain.stack >plain.json 2>/dev/null || fail "plain.stack does not build"
printf '\357\273\277%s\n' "$bucket" >bom.stack
run 0 "UTF-8 BOM accepted" 5 "$STACKC" build bom.stack &&
  { cmp -s out plain.json && pass "BOM: same template as without" || fail "BOM: template differs"; }
printf '\357\273\277bucket b { versioning = 5 }\n' >bom-err.stack
run 1 "BOM with an error" 5 "$STACKC" check bom-err.stack && expect_err "bom-err.stack:1:25: error:" "BOM: column not counting the BOM"
printf '%s\n\357\273\277%s\n' "$bucket" 'bucket c {}' >bom-mid.stack
run 1 "BOM in the middle" 5 "$STACKC" check bom-mid.stack && expect_err "bom-mid.stack:2:1: error: unexpected byte order mark" "BOM in the middle"

printf 'stack s {\n  description = "tabs\tand spaces"\n}\nbucket b {\n  versioning = true\n}\n' >lf.stack
sed 's/$/\r/' lf.stack >crlf.stack
"$STACKC" build lf.stack >lf.json 2>/dev/null || fail "lf.stack does not build"
run 0 "CRLF accepted" 5 "$STACKC" build crlf.stack &&
  { cmp -s out lf.json && pass "CRLF: same template as LF" || fail "CRLF: template differs from LF"; }
printf 'bucket b {\n  versioning = true\n}\nbucket c {\n\tversioning = "yes"\n}\n' >lf-err.stack
sed 's/$/\r/' lf-err.stack >crlf-err.stack
"$STACKC" check lf-err.stack 2>lf-err.txt
run 1 "CRLF with an error" 5 "$STACKC" check crlf-err.stack
expect_err "crlf-err.stack:5:15: error:" "CRLF: line and column"
if sed 's/crlf-err/lf-err/' err | cmp -s - lf-err.txt; then
  pass "CRLF: diagnostics (snippet, caret) identical to LF"
else
  fail "CRLF: diagnostics differ from LF"
  sed 's/crlf-err/lf-err/' err | diff lf-err.txt - | cat -A | show /dev/stdin
fi
grep -q $'\r' err && fail "CRLF: a carriage return reached the diagnostics" || pass "CRLF: no CR in diagnostics"

# --- NUL bytes and invalid UTF-8 -------------------------------------------------------
printf 'bucket b {\n  versioning = true \000\n}\n' >nul.stack
run 1 "NUL byte" 5 "$STACKC" check nul.stack && expect_err "nul.stack:2:21: error: NUL byte in the file" "NUL byte"
printf 'stack s { description = "a\000b" }\n%s\n' "$bucket" >nul-str.stack
run 1 "NUL byte in a string" 5 "$STACKC" check nul-str.stack && expect_err "nul-str.stack:1:27: error: NUL byte" "NUL in a string"
head -c 100000 /dev/urandom >binary.stack
printf '\000' >>binary.stack
run 1 "random binary file" 5 "$STACKC" check binary.stack
for case in 'string:stack s { description = "caf\351" }' \
            'identifier:bucket b\377 {}' \
            'comment:# caf\351' \
            'overlong:stack s { description = "\300\257" }' \
            'surrogate:stack s { description = "\355\240\200" }' \
            'above-10FFFF:stack s { description = "\364\220\200\200" }' \
            'truncated:stack s { description = "\342\202" }' \
            'lone-continuation:stack s { description = "\200" }'; do
  name=${case%%:*}
  printf "${case#*:}\\n%s\\n" "$bucket" >"utf8-$name.stack"
  run 1 "invalid UTF-8 ($name)" 5 "$STACKC" check "utf8-$name.stack" &&
    expect_err "utf8-$name.stack:1:" "invalid UTF-8 ($name)" && expect_err "invalid UTF-8" "invalid UTF-8 ($name)"
done
printf 'stack s { description = "caf\303\251 \342\202\254 \360\237\230\200 \357\273\277" }\n%s\n' "$bucket" >utf8-ok.stack
run 0 "valid UTF-8 (2, 3, 4 bytes, U+FEFF) in a string" 5 "$STACKC" build utf8-ok.stack &&
  { python3 -c 'import json,sys; d=json.load(open("out")); sys.exit(d["Description"] != "caf\u00e9 \u20ac \U0001F600 \ufeff")' &&
    pass "valid UTF-8 kept exactly" || fail "valid UTF-8 changed in the output"; }
printf 'stack s { description = "x" }\n%s\n# caf\303\251 \360\237\230\200\n' "$bucket" >utf8-comment.stack
run 0 "valid UTF-8 in a comment" 5 "$STACKC" check utf8-comment.stack

# --- identifiers, strings, nesting ---------------------------------------------------
gen id255.stack "print('$bucket'); print('let ' + 'a'*255 + ' = 1')"
run 0 "identifier of 255 bytes" 5 "$STACKC" check id255.stack
gen id256.stack "print('$bucket'); print('let ' + 'a'*256 + ' = 1')"
run 1 "identifier of 256 bytes" 5 "$STACKC" check id256.stack && expect_err "identifier too long (256 bytes; the limit is 255)" "long identifier"
gen id1m.stack "print('$bucket'); print('let ' + 'a'*1000000 + ' = 1')"
run 1 "identifier of 1 MB" 5 "$STACKC" check id1m.stack && expect_err "identifier too long" "1 MB identifier"
gen str64k.stack "print('$bucket'); print('let s = \"' + 'x'*65536 + '\"')"
run 0 "string of 65536 bytes" 5 "$STACKC" check str64k.stack
gen str64k1.stack "print('$bucket'); print('let s = \"' + 'x'*65535 + '\\\\n\"')"
run 0 "string of 65536 bytes after escapes" 5 "$STACKC" check str64k1.stack
gen strlong.stack "print('$bucket'); print('let s = \"' + 'x'*65537 + '\"')"
run 1 "string of 65537 bytes" 5 "$STACKC" check strlong.stack && expect_err "string too long (65537 bytes; the limit is 65536)" "long string"
gen str10m.stack "print('$bucket'); print('let s = \"a\${1}' + 'x'*10000000 + '\"')"
run 1 "interpolated string of 10 MB" 10 "$STACKC" check str10m.stack && expect_err "string too long" "10 MB string"
gen unterminated.stack "print('$bucket'); print('let s = \"' + 'x'*10000000)"
run 1 "unterminated 10 MB string" 10 "$STACKC" check unterminated.stack && expect_err "unterminated string" "unterminated string"

gen deep256.stack "print('$bucket'); print('let x = ' + '['*256 + ']'*256)"
run 0 "nesting 256 deep" 5 "$STACKC" check deep256.stack
gen deep257.stack "print('$bucket'); print('let x = ' + '['*257 + ']'*257)"
run 1 "nesting 257 deep" 5 "$STACKC" check deep257.stack && expect_err "2:265: error: nesting too deep (limit 256)" "nesting limit"
gen deep-mixed.stack "print('$bucket'); print('output o = ' + '{a = [(\"\${'*64 + '1' + '}\")]}'*64)"
run 1 "mixed nesting 256 deep (records, lists, calls, interpolations)" 5 "$STACKC" check deep-mixed.stack
gen deep-mixed2.stack "print('$bucket'); print('output o = ' + '{a = [(\"\${'*65 + '1' + '}\")]}'*65)"
run 1 "mixed nesting 260 deep" 5 "$STACKC" check deep-mixed2.stack && expect_err "nesting too deep" "mixed nesting"
gen deep1m.stack "print('$bucket'); print('let x = ' + '{a='*1000000)"
run 1 "nesting 1000000 deep (unclosed)" 5 "$STACKC" check deep1m.stack && expect_err "nesting too deep" "1000000 deep"
gen interp-deep.stack "print('$bucket'); print('let x = ' + '\"\${'*300)"
run 1 "interpolations 300 deep (unclosed)" 5 "$STACKC" check interp-deep.stack && expect_err "nesting too deep" "interpolation nesting"

# --- counts: declarations and errors ---------------------------------------------------
gen decls10000.stack "print('$bucket'); [print('let l%d = %d' % (i, i)) for i in range(9999)]"
run 0 "10000 declarations" 20 "$STACKC" check decls10000.stack
gen decls10001.stack "print('$bucket'); [print('let l%d = %d' % (i, i)) for i in range(10000)]"
run 1 "10001 declarations" 20 "$STACKC" check decls10001.stack && expect_err "decls10001.stack:10001:1: error: too many declarations: 10001 (the limit is 10000)" "declaration limit"
# Constants are converted where they are read, so their nesting adds up: 1024 levels in all.
gen let-chain1000.stack "print('$bucket'); [print('let l%d = l%d' % (i, i + 1)) for i in range(1000)]; print('let l1000 = \"x\"'); print('output o = l0')"
run 0 "a chain of 1000 constants" 5 "$STACKC" build let-chain1000.stack
gen let-chain-deep.stack "print('$bucket'); [print('let l%d = ' % i + '\"\${' * 250 + 'l%d' % (i + 1) + '}\"' * 250) for i in range(400)]; print('let l400 = \"x\"'); print('output o = l0')"
run 1 "400 chained constants of 250 nested interpolations" 5 "$STACKC" check let-chain-deep.stack &&
  expect_err "let-chain-deep.stack:6:67: error: nesting too deep through constants (limit 1024)" "nesting through constants"
grep -q '^1 error generated' err && pass "nesting through constants: one error, no warning" || fail "nesting through constants: $(tail -1 err)"
gen let-chain9998.stack "print('$bucket'); [print('let l%d = \"\${l%d}\"' % (i, i + 1)) for i in range(9997)]; print('let l9997 = \"x\"'); print('output o = l0')"
run 1 "a chain of 9998 constants" 5 "$STACKC" check let-chain9998.stack && expect_err "nesting too deep through constants" "9998 constants"

# 9999 constants, each reading the next, the last reading the first; nothing uses them
gen let-cycle.stack "print('$bucket'); [print('let l%d = \"\${l%d}\"' % (i, (i + 1) % 9999)) for i in range(9999)]"
run 1 "a cycle of 9999 unused constants" 20 "$STACKC" check let-cycle.stack &&
  expect_err "let-cycle.stack:10000:16: error: constant 'l0' depends on itself" "cycle of 9999 constants"
grep -q '^1 error generated' err && pass "cycle of 9999 constants: one error, no warning" || fail "cycle of 9999 constants: $(tail -1 err)"
gen buckets600.stack "[print('bucket b%d {}' % i) for i in range(600)]"
# The cap is one fact, said once: an error when building CloudFormation, else a warning.
over_cap="the CloudFormation template would hold 600 resources, over its limit of 500"
for target in cfn cfn-yaml tf; do
  want=0 level=warning
  [ $target = tf ] || { want=1 level=error; }
  run $want "600 buckets (CloudFormation's 500-resource limit), --target $target" 20 \
    "$STACKC" build --target $target buckets600.stack && expect_err "stackc: $level: $over_cap" "--target $target"
  [ "$(grep -c 'CloudFormation template would hold' err)" = 1 ] && pass "--target $target: the cap reported once" ||
    fail "--target $target: the cap reported $(grep -c 'CloudFormation template would hold' err) times"
done
run 0 "600 buckets, check" 20 "$STACKC" check buckets600.stack && expect_err "stackc: warning: $over_cap" "check"
gen flood.stack "print('$bucket'); print('@' * 3000000)"
run 1 "3000000 bad characters on one line" 10 "$STACKC" check flood.stack
grep -q '^1001 errors generated' err && pass "error flood: 1001 errors in all" || fail "error flood: $(tail -1 err)"
gen flood-syntax.stack "print('$bucket'); print('bucket b { a = }\n' * 500000)"
run 1 "500000 syntax errors" 10 "$STACKC" check --max-errors 0 flood-syntax.stack && expect_err "too many errors" "syntax error flood"
gen flood-lines.stack "print('$bucket'); print('\x01\n' * 2000000)"
run 1 "2000000 lines of control characters" 10 "$STACKC" check --max-errors 0 flood-lines.stack && expect_err "too many errors" "control character flood"

# --- decimal quantities: exact, never through a double (tests/errors/quantity_decimal_exact) ---
mkdir -p src/fn
printf 'function f {\n  runtime = "nodejs22.x"\n  handler = "index.handler"\n  code = "src/fn"\n  memory = 1.5GB\n  timeout = 2.000000000000000000000000m\n}\n' >decimal.stack
run 0 "decimal quantities (cfn)" 5 "$STACKC" build decimal.stack &&
  { python3 -c 'import json,sys; p=json.load(open("out"))["Resources"]["F"]["Properties"]; sys.exit(p["MemorySize"] != 1536 or p["Timeout"] != 120)' &&
    pass "1.5GB is 1536 MB, 2.000...m is 120 s (cfn)" || fail "decimal quantities (cfn): $(grep -E 'MemorySize|"Timeout"' out)"; }
run 0 "decimal quantities (tf)" 5 "$STACKC" build --target tf decimal.stack &&
  { python3 -c 'import json,sys; f=json.load(open("out"))["resource"]["aws_lambda_function"]["f"]; sys.exit(f["memory_size"] != 1536 or f["timeout"] != 120)' &&
    pass "1.5GB is 1536 MB, 2.000...m is 120 s (tf)" || fail "decimal quantities (tf): $(grep -E 'memory_size|"timeout"' out)"; }

# --- chains of imports -----------------------------------------------------------------
# chain DIR N [cycle]: DIR/main.stack imports i0, i0 imports i1, ... up to i(N-1), each
# declaring a component; main uses the last one. With "cycle" the last imports i0 again.
chain() {
  mkdir -p "$1"
  python3 -c "
import sys
d, n, cycle = sys.argv[1], int(sys.argv[2]), len(sys.argv) > 3
open(d + '/main.stack', 'w').write('import \"i0\"\nuse c%d last {}\n' % (n - 1))
for i in range(n):
    nxt = 'import \"i%d\"\n' % (i + 1) if i + 1 < n else ('import \"i0\"\n' if cycle else '')
    open('%s/i%d.stack' % (d, i), 'w').write(nxt + 'component c%d() { bucket b {} }\n' % i)
" "$@"
}
for n in 1000 2000 10000; do
  chain "imports$n" "$n"
  run 0 "a chain of $n imports" 20 "$STACKC" build "imports$n/main.stack" &&
    { grep -q '"LastB"' out && pass "$n imports: the last file's component is built" || fail "$n imports: no LastB"; }
done
# each file's component using the next file's: instances nest at most 16 deep (docs/language.md)
mkdir -p uses2000
python3 -c "
n = 2000
open('uses2000/main.stack', 'w').write('import \"i0\"\nuse c0 top {}\n')
for i in range(n):
    nxt, body = ('import \"i%d\"\n' % (i + 1), 'use c%d inner {}' % (i + 1)) if i + 1 < n else ('', 'bucket b {}')
    open('uses2000/i%d.stack' % i, 'w').write(nxt + 'component c%d() {\n  %s\n}\n' % (i, body))
"
run 1 "2000 files, each component using the next file's" 20 "$STACKC" build uses2000/main.stack &&
  expect_err "i15.stack:3:3: error: components nest more than 16 deep" "instances nested across 2000 files"
chain imports-cycle 10000 cycle
run 1 "a chain of 10000 imports closed into a cycle" 20 "$STACKC" check imports-cycle/main.stack &&
  expect_err 'i9999.stack:1:8: error: import cycle: "i0" is already being imported' "cycle at the end of 10000 imports"

# --- size --------------------------------------------------------------------------------
gen big-ok.stack "print('$bucket'); print('# ' + 'x'*(16*1024*1024 - 100))"
run 0 "file just under 16 MiB" 10 "$STACKC" build big-ok.stack
head -c $((50 * 1024 * 1024)) /dev/zero | tr '\0' ' ' >huge.stack
run 1 "50 MB file" 5 "$STACKC" build huge.stack && expect_err "'huge.stack' is too large: more than 16777216 bytes" "50 MB file"
run 1 "50 MB on standard input" 10 "$STACKC" build - <huge.stack && expect_err "'<stdin>' is too large" "50 MB stdin"
run 1 "endless input (/dev/zero on stdin)" 10 "$STACKC" check - </dev/zero && expect_err "is too large" "/dev/zero"
run 2 "a device named as the input" 5 "$STACKC" check /dev/zero &&
  expect_err "'/dev/zero' is a character device, not a stack file" "device input"
run 1 "endless pipe" 10 bash -c 'yes "# comment" | "$0" build -' "$STACKC" && expect_err "is too large" "endless pipe"

if [ -n "$mem_limit_kb" ]; then   # not under a wrapper or a sanitizer (see above)
  for f in big-ok.stack huge.stack flood.stack str10m.stack deep1m.stack decls10000.stack; do
    python3 "$top_srcdir/tests/usage.py" -o usage "$STACKC" build -o measured.json "$f" >/dev/null 2>&1
    read -r kb secs <usage
    echo "measured: $f ($(wc -c <"$f") bytes): max RSS ${kb} KB, ${secs} s"
    [ "$kb" -lt 200000 ] && pass "$f: max RSS ${kb} KB < 200 MB" || fail "$f: max RSS ${kb} KB"
  done
fi

# --- paths ---------------------------------------------------------------------------
mkdir dir.stack
run 2 "a directory" 5 "$STACKC" build dir.stack && expect_err "'dir.stack' is a directory, not a stack file" "directory"
run 2 "a directory (check)" 5 "$STACKC" check . && expect_err "is a directory" "directory ."
run 2 "a missing file" 5 "$STACKC" build missing.stack && expect_err "cannot open 'missing.stack': No such file or directory" "missing file"
run 2 "an empty file name" 5 "$STACKC" build "" && expect_err "empty file name" "empty file name"
run 2 "stdin is a directory" 5 "$STACKC" build - <. && expect_err "cannot read '<stdin>'" "stdin directory"
cp plain.stack secret.stack
chmod 000 secret.stack
if [ "$(id -u)" = 0 ]; then
  if command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    chmod 755 "$tmp"
    run 2 "an unreadable file" 5 setpriv --reuid=65534 --regid=65534 --clear-groups "$STACKC" build "$tmp/secret.stack" &&
      expect_err "Permission denied" "unreadable file"
  else
    echo "skipped: unreadable file (running as root without setpriv)"
  fi
else
  run 2 "an unreadable file" 5 "$STACKC" build secret.stack && expect_err "cannot open 'secret.stack': Permission denied" "unreadable file"
fi
run 0 "-o into a missing directory (created)" 5 "$STACKC" build -o nodir/out.json plain.stack
cmp -s nodir/out.json plain.json && pass "-o nodir/out.json: the directory made, the template in it" || fail "-o nodir/out.json"
ln -s . linked
run 2 "-o into a missing directory below a symbolic link" 5 "$STACKC" build -o linked/new/out.json plain.stack &&
  expect_err "cannot create directory 'linked/new': 'linked' is a symbolic link" "-o below a link"
mkdir outdir
run 2 "-o onto a directory" 5 "$STACKC" build -o outdir plain.stack && expect_err "cannot write 'outdir': it is a directory" "-o directory"
[ -z "$(ls -A outdir)" ] && pass "-o onto a directory leaves nothing in it" || fail "-o onto a directory: $(ls -A outdir)"
# -o onto something that is not a regular file writes into it, never replaces it
for dev in /dev/null /dev/stdout; do
  before=$(ls -l "$dev" 2>/dev/null | cut -c1)
  run 0 "-o $dev" 5 "$STACKC" build -o "$dev" plain.stack
  after=$(ls -l "$dev" 2>/dev/null | cut -c1)
  [ "$before" = "$after" ] && pass "-o $dev: still a device" || fail "-o $dev replaced the device by a file!"
done
cmp -s out plain.json && pass "-o /dev/stdout: the template on stdout" || fail "-o /dev/stdout: wrong output"
mkfifo fifo.json
timeout 60 cat fifo.json >fifo.out &   # bounded: if stackc never opens the FIFO, do not hang
run 0 "-o onto a FIFO" 5 "$STACKC" build -o fifo.json plain.stack
[ -p fifo.json ] && { timeout 5 sh -c ': >fifo.json' 2>/dev/null || true; }   # release a reader still waiting
wait
[ -p fifo.json ] && cmp -s fifo.out plain.json && pass "-o FIFO: written through, still a FIFO" || fail "-o FIFO"
echo old >target.json
ln -s target.json link.json
run 0 "-o through a symbolic link" 5 "$STACKC" build -o link.json plain.stack
[ -L link.json ] && cmp -s target.json plain.json && pass "-o symlink: link kept, its target replaced" ||
  fail "-o symlink: link replaced or target unchanged"
if [ -w /dev/full ]; then
  rc=0
  "$STACKC" build plain.stack >/dev/full 2>err || rc=$?
  [ $rc = 2 ] && pass "stdout on /dev/full: exit 2" || fail "stdout on /dev/full: exit $rc"
  expect_err "cannot write to standard output" "/dev/full"
fi

# --- atomic output under SIGKILL --------------------------------------------------------
# A 13 MB input that takes a while to check, and a template big enough to take a while
# to write. One uninterrupted build is timed (bash's own clock), then builds are killed
# at fractions of that time, denser towards the end where the template is written:
# after every kill the previous -o file must be untouched (or, when the kill came after
# the rename, the complete new template), never anything else, and no temporary file
# may remain but the complete one a kill between the link and the rename leaves. Enough kills must land while the build runs for the test to mean anything.

# now_us: the wall clock in microseconds ($EPOCHREALTIME, bash 5; date otherwise).
now_us() {
  if [ -n "${EPOCHREALTIME:-}" ]; then
    echo "${EPOCHREALTIME//[.,]/}"
  else
    date +%s%6N
  fi
}

gen slow.stack "
print('stack s { tags = { owner = \"%s\", team = \"%s\" } }' % ('o' * 200, 't' * 200))
for i in range(450): print('bucket b%d { versioning = true }' % i)
for i in range(9000): print('let l%d = \"%s\"' % (i, 'x' * 1400))
"
mkdir kill
"$STACKC" build -o kill/new.json slow.stack 2>/dev/null || fail "slow.stack does not build"
# the shorter of two builds: a build slowed by a busy machine would put every later kill
# after the end (CI runs two test scripts at once, and this one under valgrind too)
full_us=
for run in 1 2; do
  start_us=$(now_us)
  "$STACKC" build -o kill/new.json slow.stack 2>/dev/null
  took_us=$(($(now_us) - start_us))
  [ -z "$full_us" ] || [ "$took_us" -lt "$full_us" ] && full_us=$took_us
done
echo "measured: slow.stack ($(wc -c <slow.stack) bytes) builds in $((full_us / 1000)) ms, template $(wc -c <kill/new.json) bytes"
rm -f kill/new.json.*
printf 'the previous template\n' >kill/old
hits=0 bad=0 kills=0 linked=0
moments="2 5 10 20 30 40 50 60 70 80 85 90 93 95 97 98 99 100 105 110"
want_hits=5
if [ -n "${STACKC_WRAPPER:-}" ]; then
  # each build is ~20 times slower and its time varies with the load: fewer moments, and one
  # kill mid-build is enough (the unwrapped run of this script asks for five)
  moments="5 10 30 50 90 110"
  want_hits=1
fi
for pct in $moments; do
  cp kill/old kill/out.json
  delay_us=$((full_us * pct / 100))
  delay=$(printf '%d.%06d' $((delay_us / 1000000)) $((delay_us % 1000000)))
  "$STACKC" build -o kill/out.json slow.stack 2>/dev/null &
  pid=$!
  sleep "$delay"
  kill -KILL "$pid" 2>/dev/null && kills=$((kills + 1))
  rc=0
  { wait "$pid"; } 2>/dev/null || rc=$?
  if cmp -s kill/out.json kill/old; then
    [ $rc = 137 ] && hits=$((hits + 1))
    [ $rc = 0 ] && { bad=$((bad + 1)); echo "a build that finished (${pct}%) left the old file"; }
  elif ! cmp -s kill/out.json kill/new.json; then
    bad=$((bad + 1))
    echo "after a kill at ${delay}s (${pct}%, exit $rc) kill/out.json is neither the old nor the new file"
  fi
  # the one name a kill may leave (docs/limits.md): the complete, synced file linked
  # as out.json.tmp.* just before its rename; anything else is a bad outcome
  for f in kill/*; do
    case $f in kill/old | kill/out.json | kill/new.json) continue ;; esac
    if [[ $f == kill/out.json.tmp.* ]] && cmp -s "$f" kill/new.json; then
      linked=$((linked + 1))
      echo "a kill at ${delay}s (${pct}%) came between the link and the rename: $f is complete"
    else
      bad=$((bad + 1))
      echo "after a kill at ${delay}s (${pct}%) a temporary file remains: $f ($(wc -c <"$f") bytes)"
    fi
    rm -f "$f"
  done
done
echo "measured: $kills kills, $hits while running with the old file intact, $linked between link and rename"
[ $bad = 0 ] && pass "SIGKILL at $(echo $moments | wc -w) moments: output old or complete, no partial or stray file" ||
  fail "SIGKILL: $bad bad outcomes"
[ $hits -ge $want_hits ] && pass "SIGKILL: $hits kills landed mid-build" || fail "SIGKILL: only $hits kills landed mid-build"
# a failed build leaves the file alone too
cp kill/old kill/out.json
printf '%s\nbucket b {}\n' "$bucket" >dup.stack
run 1 "failing build onto an existing file" 5 "$STACKC" build -o kill/out.json dup.stack
cmp -s kill/out.json kill/old && pass "failing build: file untouched" || fail "failing build changed the file"
finish
