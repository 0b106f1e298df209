# tests/lib.sh -- shared by the tests/run-*.sh drivers (sourced, bash).
# Sets defaults so a script also runs outside `make check`, keeps the pass/fail
# counters, and holds the output validation (external validators + IAM wildcard
# check) used by both run-golden.sh and run-examples.sh.

lib_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${top_srcdir:=$(cd "$lib_here/.." && pwd)}"
top_srcdir=$(cd "$top_srcdir" && pwd)
: "${top_builddir:=$top_srcdir}"
: "${STACKC:=$top_builddir/stackc}"
: "${SOURCE_DATE_EPOCH:=1767225600}"
: "${VALIDATE_DIR:=$top_srcdir/../shared/tools/validate}"
export STACKC SOURCE_DATE_EPOCH VALIDATE_DIR top_srcdir top_builddir

n_pass=0
n_fail=0

pass() { n_pass=$((n_pass + 1)); echo "PASS: $*"; }
fail() { n_fail=$((n_fail + 1)); echo "FAIL: $*"; }

# Prints "N passed, M failed" and exits non-zero on any failure.
finish() {
  echo "$n_pass passed, $n_fail failed"
  [ "$n_fail" -eq 0 ]
  exit $?
}

# A scratch directory removed on exit: $tmp.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/stackc-test.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT

require_stackc() {
  if [ ! -x "$STACKC" ]; then
    echo "stackc binary not found or not executable: $STACKC"
    fail "stackc binary"
    finish
  fi
  lib_wrap_stackc
}

# require_tool NAME [CHECK-COMMAND...]: a script that needs NAME (an interpreter or another
# tool) skips with exit 77 when it is absent or CHECK-COMMAND fails, except under CI=true,
# where the absence is a failure (CI installs every tool the tests use).
require_tool() {
  local name=$1
  shift
  if command -v "$name" >/dev/null 2>&1 && { [ $# -eq 0 ] || "$@" >/dev/null 2>&1; }; then
    return 0
  fi
  if [ "${CI:-}" = true ]; then
    fail "$name missing or unusable (required when CI=true)"
    finish
  fi
  echo "skipped: $name is missing or unusable${1:+ (checked with: $*)}"
  exit 77
}

# STACKC_WRAPPER="valgrind --error-exitcode=99 ..." runs every stackc invocation of
# the test scripts under that command: $STACKC becomes a script that execs it (so
# the process id, signals and exit code are the wrapped command's own).
lib_wrap_stackc() {
  [ -n "${STACKC_WRAPPER:-}" ] || return 0
  [ -z "${lib_wrapped:-}" ] || return 0
  lib_wrapped=1
  local real=$STACKC
  case $real in /*) ;; *) real=$(pwd)/$real ;; esac
  {
    echo '#!/bin/sh'
    echo "exec $STACKC_WRAPPER '$real' \"\$@\""
  } >"$tmp/stackc-wrapped"
  chmod +x "$tmp/stackc-wrapped"
  STACKC=$tmp/stackc-wrapped
  echo "running stackc as: $STACKC_WRAPPER $real"
}

# configure_version: the version in configure.ac's AC_INIT (what --version prints; the
# release tag is v<it>).
configure_version() { sed -n 's/^AC_INIT(\[stackc\], *\[\([^]]*\)\].*/\1/p' "$top_srcdir/configure.ac"; }

# Shows a file's contents indented, for failure messages.
show() { sed 's/^/    /' "$1"; }

# expect_rc WANT DESCRIPTION CMD...: runs CMD with stdout/stderr in $tmp/{out,err}.
expect_rc() {
  local want=$1 what=$2 rc=0
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
  if [ $rc -eq "$want" ]; then
    pass "$what (exit $rc)"
    return 0
  fi
  fail "$what: exit $rc, expected $want"
  show "$tmp/err"
  return 1
}

# --- validators ----------------------------------------------------------------------
# validators_ready: 0 when $VALIDATE_DIR has the validators and setup succeeded.
# When they are absent: prints a "skipped" line and returns 1, except under CI=true,
# where the absence is a failure.
lib_validators_state=
validators_ready() {
  case $lib_validators_state in
  ready) return 0 ;;
  absent | broken | wrapped) return 1 ;;
  esac
  if [ -n "${STACKC_WRAPPER:-}" ]; then
    # the validators check templates, not stackc; the unwrapped run has used them
    lib_validators_state=wrapped
    echo "skipped: validators (STACKC_WRAPPER is set)"
    return 1
  fi
  if [ ! -x "$VALIDATE_DIR/validate-cfn" ]; then
    lib_validators_state=absent
    if [ "${CI:-}" = true ]; then
      fail "validators not found at $VALIDATE_DIR (required when CI=true)"
    else
      echo "skipped: validators not found at $VALIDATE_DIR"
    fi
    return 1
  fi
  # make -j runs several test scripts at once: the first to get here installs
  # the validators' packages (npm ci) while the others wait, instead of all of
  # them installing into the same node_modules at the same time.
  local lock=${TMPDIR:-/tmp}/stackc-validate-setup.lock setup=("$VALIDATE_DIR/setup")
  command -v flock >/dev/null 2>&1 && setup=(flock "$lock" "$VALIDATE_DIR/setup")
  if ! "${setup[@]}" >"$tmp/setup.log" 2>&1; then
    lib_validators_state=broken
    fail "validator setup ($VALIDATE_DIR/setup)"
    show "$tmp/setup.log"
    return 1
  fi
  lib_validators_state=ready
  return 0
}

# run_validator LABEL TOOL FILE...: one test case per call.
run_validator() {
  local label=$1 tool=$2
  shift 2
  [ $# -gt 0 ] || return 0
  if "$VALIDATE_DIR/$tool" "$@" >"$tmp/validate.log" 2>&1; then
    pass "$label: $tool ($# files)"
  else
    fail "$label: $tool"
    show "$tmp/validate.log"
  fi
}

# validate_outputs LABEL FILE...: CloudFormation files (*.cfn.json, *.cfn.yaml) go to
# validate-cfn and validate-cfn-aws, Terraform files (*.tf.json) to validate-tf, all
# JSON files to the IAM wildcard check. Validators are skipped (see validators_ready).
validate_outputs() {
  local label=$1 f
  shift
  local cfn=() tf=() json=()
  for f in "$@"; do
    case $f in
    *.cfn.json) cfn+=("$f") json+=("$f") ;;
    *.cfn.yaml) cfn+=("$f") ;;
    *.tf.json) tf+=("$f") json+=("$f") ;;
    esac
  done
  if [ ${#json[@]} -gt 0 ]; then
    if check_no_wildcards "${json[@]}" >"$tmp/wild.log" 2>&1; then
      pass "$label: no IAM wildcards (${#json[@]} files)"
    else
      fail "$label: IAM wildcard check"
      show "$tmp/wild.log"
    fi
  fi
  if validators_ready; then
    if [ ${#cfn[@]} -gt 0 ]; then
      run_validator "$label" validate-cfn "${cfn[@]}"
      run_validator "$label" validate-cfn-aws "${cfn[@]}"
    fi
    if [ ${#tf[@]} -gt 0 ]; then
      run_validator "$label" validate-tf "${tf[@]}"
    fi
  fi
}

# check_no_wildcards FILE...: fails when an IAM policy statement allows Action "*"
# or "service:*", or Resource "*". CloudFormation: every PolicyDocument.Statement;
# Terraform: policy strings (plain JSON, or jsonencode(...) templates scanned for
# Action/Resource values) and aws_iam_policy_document statements.
# One exception: in a KMS key policy (CloudFormation KeyPolicy, or the policy
# document of a Terraform aws_kms_key) Resource "*" is AWS's fixed way to say
# "this key", like BUCKET_ARN/*; its actions are still checked.
# The other: a statement whose actions are all in stackc's table of actions
# without resource types (plan_no_resource_actions in src/plan.c, read from its
# rows) may, and must, say Resource "*".
check_no_wildcards() {
  NO_RESOURCE_TABLE=$top_srcdir/src/plan.c python3 - "$@" <<'PYEOF'
import json, os, re, sys

problems = []

ROW = re.compile(r'\{\.action = "([^"]+)", \.resource_types = ""\}')
with open(os.environ["NO_RESOURCE_TABLE"], encoding="utf-8") as f:
    NO_RESOURCE = set(ROW.findall(f.read()))
if not NO_RESOURCE:
    problems.append("no rows of plan_no_resource_actions found in " + os.environ["NO_RESOURCE_TABLE"])

def bad_action(a):
    return isinstance(a, str) and (a == "*" or a.endswith(":*"))

def bad_resource(r):
    return isinstance(r, str) and r == "*"

def as_list(v):
    return v if isinstance(v, list) else [v]

def check_statements(stmts, where, key_policy=False):
    for i, st in enumerate(as_list(stmts)):
        if not isinstance(st, dict):
            continue
        for key in ("Action", "NotAction", "actions", "not_actions"):
            for a in as_list(st.get(key, [])):
                if bad_action(a):
                    problems.append("%s[%d].%s: %r" % (where, i, key, a))
        actions = as_list(st.get("Action", st.get("actions", [])))
        no_resource = bool(actions) and all(isinstance(a, str) and a in NO_RESOURCE for a in actions)
        for key in ("Resource", "NotResource", "resources", "not_resources"):
            for r in as_list(st.get(key, [])):
                if bad_resource(r) and not key_policy and not (no_resource and key in ("Resource", "resources")):
                    problems.append("%s[%d].%s: %r" % (where, i, key, r))

STR = r'"(?:[^"\\]|\\.)*"'
FIELD = re.compile(r'"?\b(Action|NotAction|Resource|NotResource)\b"?\s*[=:]\s*(\[[^\]]*\]|' + STR + ')')

def check_template_string(s, where):
    for m in FIELD.finditer(s):
        for lit in re.findall(STR, m.group(2)):
            v = json.loads(lit)
            if (m.group(1).endswith("Action") and bad_action(v)) or \
               (m.group(1).endswith("Resource") and bad_resource(v)):
                problems.append("%s: %s = %r" % (where, m.group(1), v))

def check_policy_string(s, where):
    try:
        doc = json.loads(s)
    except ValueError:
        check_template_string(s, where)
        return
    walk(doc, where)

KMS_DOC = re.compile(r"data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.json")

def key_policy_documents(doc):
    """Names of the Terraform policy documents that are KMS key policies."""
    names = set()
    keys = doc.get("resource", {}).get("aws_kms_key", {}) if isinstance(doc, dict) else {}
    for key in keys.values():
        names.update(KMS_DOC.findall(str(key.get("policy", ""))))
    return names

def walk(node, where, key_docs=frozenset()):
    if isinstance(node, dict):
        for k, v in node.items():
            w = "%s.%s" % (where, k)
            if k in ("Statement", "statement"):
                in_key = ".KeyPolicy." in w + "." or any(
                    (".aws_iam_policy_document.%s." % n) in w for n in key_docs)
                check_statements(v, w, in_key)
            if k in ("policy", "PolicyDocument", "assume_role_policy") and isinstance(v, str):
                check_policy_string(v, w)
            walk(v, w, key_docs)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk(v, "%s[%d]" % (where, i), key_docs)

for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        problems.append("%s: cannot read JSON: %s" % (path, e))
        continue
    walk(doc, path, key_policy_documents(doc))

for p in problems:
    print("wildcard: " + p)
sys.exit(1 if problems else 0)
PYEOF
}
