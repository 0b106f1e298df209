/* test_policy.c -- the IAM statements stackc generates are the ones documented.
 *
 * For every (kind, access) pair kind_specs allows, it compiles a small stack
 * in memory (a function granted that access on one resource of that kind),
 * takes the function's statements except WriteLogs, and compares
 *   (a) the union of their actions with plan_grant_actions(kind, access),
 *   (b) their (action, scope) pairs with the rows for (kind, access) of the
 *       IAM table in $top_srcdir/docs/language.md.
 * It does the same for the pollers' trigger statements (rows "table | stream
 * trigger", "queue | trigger", "stream | trigger"), for the WriteLogs
 * statement (row "function | logs") and for a firehose's role (rows
 * "firehose | delivery role") and for the destinations of failed or
 * succeeded invocations (rows "KIND | destination"), checks that push triggers (bucket, topic, api,
 * schedule) add no role statement but one invoke permission, that every doc
 * row is covered by a compiled case, and that no action is "*" or ends in
 * ":*" and no resource part is a bare "*".
 *
 * The IAM table's shape: after the line "<!-- iam-table -->", rows
 *   | `SOURCE` | `GRANT OR NEED` | `action`, `action` | `SCOPE`, `SCOPE` |
 * up to the first line that does not start with "|". SCOPE is written with
 * the placeholders BUCKET_ARN, TABLE_ARN, STREAM_ARN (a table's stream, or a
 * Kinesis stream), TOPIC_ARN, QUEUE_ARN, FIREHOSE_ARN, BUS_ARN, FUNCTION_ARN and
 * LOG_GROUP_ARN followed by any literal suffix (BUCKET_ARN, then a slash and
 * a star). Resources are rendered
 * by walking their Value (literals as text, pseudo parameters as ${...},
 * references as ${name.attr}) and the target's own rendered ARN is replaced
 * by its placeholder. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver.h"
#include "plan_kinds.h"
#include "testing.h"

/* ---- small string sets -------------------------------------------------- */

#define SET_MAX 64
typedef struct StrSet {
  char *items[SET_MAX];
  int n;
} StrSet;

static void set_add(StrSet *s, const char *v) {
  for (int i = 0; i < s->n; i++)
    if (strcmp(s->items[i], v) == 0) return;
  if (s->n < SET_MAX) s->items[s->n++] = strdup(v);
}

static bool set_has(const StrSet *s, const char *v) {
  for (int i = 0; i < s->n; i++)
    if (strcmp(s->items[i], v) == 0) return true;
  return false;
}

static bool set_equal(const StrSet *a, const StrSet *b) {
  if (a->n != b->n) return false;
  for (int i = 0; i < a->n; i++)
    if (!set_has(b, a->items[i])) return false;
  return true;
}

static void set_print(const char *label, const StrSet *s) {
  fprintf(stderr, "    %s:", label);
  for (int i = 0; i < s->n; i++) fprintf(stderr, " %s", s->items[i]);
  fprintf(stderr, "\n");
}

static void set_free(StrSet *s) {
  for (int i = 0; i < s->n; i++) free(s->items[i]);
  s->n = 0;
}

/* ---- the doc's IAM table ---------------------------------------------------- */

typedef struct DocRow {
  char source[64], what[64];
  StrSet actions, scopes;
  bool used;
} DocRow;

static DocRow doc_rows[64];
static int ndoc_rows;

/* The text of a cell without backticks or surrounding spaces. */
static void plain_cell(const char *p, const char *end, char *out, size_t cap) {
  size_t j = 0;
  while (p < end && *p == ' ') p++;
  while (end > p && end[-1] == ' ') end--;
  for (; p < end && j + 1 < cap; p++)
    if (*p != '`') out[j++] = *p;
  out[j] = '\0';
}

/* Every `quoted` token of a cell. */
static void ticked_tokens(const char *p, const char *end, StrSet *out) {
  while (p < end) {
    const char *open = memchr(p, '`', (size_t)(end - p));
    if (!open) break;
    const char *close = memchr(open + 1, '`', (size_t)(end - open - 1));
    if (!close) break;
    char tok[256];
    size_t n = (size_t)(close - open - 1);
    if (n >= sizeof tok) n = sizeof tok - 1;
    memcpy(tok, open + 1, n);
    tok[n] = '\0';
    set_add(out, tok);
    p = close + 1;
  }
}

static bool parse_doc_table(const char *doc) {
  const char *start = strstr(doc, "<!-- iam-table -->");
  if (!start) {
    fprintf(stderr, "no '<!-- iam-table -->' in docs/language.md\n");
    return false;
  }
  const char *line = strchr(start, '\n');
  if (!line) return false;
  line++;
  int seen_lines = 0;
  while (*line == '|') {
    const char *nl = strchr(line, '\n');
    const char *end = nl ? nl : line + strlen(line);
    const char *cell[5];
    int nc = 0;
    for (const char *p = line; p < end && nc < 5; p++)
      if (*p == '|') cell[nc++] = p;
    seen_lines++;
    /* the header and the |---| rule are the first two lines */
    if (seen_lines > 2 && nc == 5 && ndoc_rows < 64) {
      DocRow *r = &doc_rows[ndoc_rows++];
      memset(r, 0, sizeof *r);
      plain_cell(cell[0] + 1, cell[1], r->source, sizeof r->source);
      plain_cell(cell[1] + 1, cell[2], r->what, sizeof r->what);
      ticked_tokens(cell[2] + 1, cell[3], &r->actions);
      ticked_tokens(cell[3] + 1, cell[4], &r->scopes);
    } else if (seen_lines > 2) {
      fprintf(stderr, "malformed IAM table row: %.*s\n", (int)(end - line), line);
      ASSERT(!"IAM table rows have four cells");
    }
    if (!nl) break;
    line = nl + 1;
  }
  return ndoc_rows > 0;
}

/* The doc's (action, scope) pairs and actions for (source, what); marks the rows used. */
static void doc_expect(const char *source, const char *what, StrSet *pairs, StrSet *actions) {
  for (int i = 0; i < ndoc_rows; i++) {
    DocRow *r = &doc_rows[i];
    if (strcmp(r->source, source) != 0 || strcmp(r->what, what) != 0) continue;
    r->used = true;
    for (int a = 0; a < r->actions.n; a++) {
      set_add(actions, r->actions.items[a]);
      for (int s = 0; s < r->scopes.n; s++) {
        char pair[512];
        snprintf(pair, sizeof pair, "%s@%s", r->actions.items[a], r->scopes.items[s]);
        set_add(pairs, pair);
      }
    }
  }
}

/* ---- compiling a stack ----------------------------------------------------- */

static char workdir[256];

static void setup_workdir(void) {
  const char *tmp = getenv("TMPDIR");
  snprintf(workdir, sizeof workdir, "%s/stackc-policy-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(workdir)) {
    perror("mkdtemp");
    exit(2);
  }
  char path[512];
  snprintf(path, sizeof path, "%s/code", workdir);
  if (mkdir(path, 0777) != 0) {
    perror("mkdir");
    exit(2);
  }
  snprintf(path, sizeof path, "%s/code/index.js", workdir);
  FILE *f = fopen(path, "w");
  if (!f) {
    perror("fopen");
    exit(2);
  }
  fputs("exports.handler = async () => {};\n", f);
  fclose(f);
}

static void cleanup_workdir(void) {
  char path[512];
  snprintf(path, sizeof path, "%s/code/index.js", workdir);
  unlink(path);
  snprintf(path, sizeof path, "%s/code", workdir);
  rmdir(path);
  rmdir(workdir);
}

/* Appends a Value rendered as text: literals as they are, pseudo parameters as
 * ${AWS::...}, references as ${name.attr}, parameters as ${param}. A literal
 * part that is exactly "*" is a wildcard resource: counted as a failure. */
static void render(const Value *v, char *out, size_t cap) {
  static const char *const pseudo[] = {"AWS::Partition", "AWS::Region", "AWS::AccountId"};
  static const char *const refs[] = {"name", "arn", "url", "stream_arn", "id", "domain"};
  size_t len = strlen(out);
  switch (v->kind) {
  case V_STR:
    ASSERT(strcmp(v->s, "*") != 0);
    snprintf(out + len, cap - len, "%s", v->s);
    break;
  case V_PSEUDO: snprintf(out + len, cap - len, "${%s}", pseudo[v->pseudo]); break;
  case V_REF: snprintf(out + len, cap - len, "${%s.%s}", v->res->name, refs[v->ref]); break;
  case V_PARAM: snprintf(out + len, cap - len, "${%s}", v->param->name); break;
  case V_JOIN:
    for (uint32_t i = 0; i < v->n; i++) render(v->items[i], out, cap);
    break;
  default:
    ASSERT(!"a policy resource is string-typed");
    break;
  }
}

/* The placeholder of an ARN that policies name whole (no suffix), or NULL. */
static const char *whole_arn_placeholder(ResKind k) {
  switch (k) {
  case RES_TOPIC: return "TOPIC_ARN";
  case RES_QUEUE: return "QUEUE_ARN";
  case RES_STREAM: return "STREAM_ARN";
  case RES_FIREHOSE: return "FIREHOSE_ARN";
  case RES_BUS: return "BUS_ARN";
  case RES_FUNCTION: return "FUNCTION_ARN";
  default: return NULL;
  }
}

/* The placeholder form of a rendered resource, given the stack's resources;
 * `fn_name` is the physical name of the function whose log group is meant
 * (NULL: none). */
static void scope_of(Compilation *c, const IrProgram *ir, const Value *fn_name, const char *res,
                     char *out, size_t cap) {
  char base[1024];
  for (uint32_t i = 0; i < ir->resources.n; i++) {
    IrRes *r = ir->resources.items[i];
    const char *whole = whole_arn_placeholder(r->kind);
    if (whole) {
      Value *ref = ir_ref(c, r, REF_ARN, r->origin);
      const Value *known = ir_ref_known(c, ref);
      base[0] = '\0';
      render(known ? known : ref, base, sizeof base);
      if (strcmp(res, base) == 0) {
        snprintf(out, cap, "%s", whole);
        return;
      }
      continue;
    }
    if (r->kind == RES_TABLE) {
      base[0] = '\0';
      render(ir_ref(c, r, REF_STREAM_ARN, r->origin), base, sizeof base);
      if (strcmp(res, base) == 0) {
        snprintf(out, cap, "STREAM_ARN");
        return;
      }
    }
    if (r->kind != RES_BUCKET && r->kind != RES_TABLE) continue;
    Value *ref = ir_ref(c, r, REF_ARN, r->origin);
    const Value *known = ir_ref_known(c, ref);
    base[0] = '\0';
    render(known ? known : ref, base, sizeof base);
    size_t n = strlen(base);
    if (strncmp(res, base, n) == 0) {
      snprintf(out, cap, "%s%s", r->kind == RES_BUCKET ? "BUCKET_ARN" : "TABLE_ARN", res + n);
      return;
    }
  }
  /* EC2: a vpc's network interfaces, and its literal subnet and security group ids */
  static const struct { const char *type, *placeholder; bool whole; } ec2[] = {
    {"network-interface/", "NETWORK_INTERFACE_ARN/", false}, {"subnet/subnet-", "SUBNET_ARN", true},
    {"security-group/sg-", "SECURITY_GROUP_ARN", true}};
  const char *ec2_prefix = "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:";
  for (size_t i = 0; i < sizeof ec2 / sizeof ec2[0] && strncmp(res, ec2_prefix, strlen(ec2_prefix)) == 0; i++) {
    const char *rest = res + strlen(ec2_prefix);
    if (strncmp(rest, ec2[i].type, strlen(ec2[i].type)) != 0) continue;
    snprintf(out, cap, "%s%s", ec2[i].placeholder, ec2[i].whole ? "" : rest + strlen(ec2[i].type));
    return;
  }
  char logs[1024] = "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/";
  if (fn_name) render(fn_name, logs, sizeof logs);
  size_t n = strlen(logs);
  if (fn_name && strncmp(res, logs, n) == 0) {
    snprintf(out, cap, "LOG_GROUP_ARN%s", res + n);
    return;
  }
  snprintf(out, cap, "UNKNOWN(%s)", res);
}

static const IrRes *resource_named(const Checked *prog, ResKind kind, const char *name) {
  for (uint32_t i = 0; i < prog->ir->resources.n; i++) {
    const IrRes *r = prog->ir->resources.items[i];
    if (r->kind == kind && strcmp(r->name, name) == 0) return r;
  }
  return NULL;
}

/* The role whose statements a case compares: function f's, or (firehose)
 * the role of firehose "target"; `fn_name` gets f's physical name. */
static const PlanRole *role_of(const Checked *prog, bool firehose, const Value **fn_name) {
  *fn_name = NULL;
  if (firehose) {
    const IrRes *fh = resource_named(prog, RES_FIREHOSE, "target");
    ASSERT(fh != NULL);
    PlanFirehose *pfh = fh ? plan_firehose(prog->plan, fh) : NULL;
    ASSERT(pfh != NULL);
    if (pfh) ASSERT(strcmp(pfh->role.principal, "firehose.amazonaws.com") == 0);
    return pfh ? &pfh->role : NULL;
  }
  const IrRes *fn = resource_named(prog, RES_FUNCTION, "f");
  ASSERT(fn != NULL);
  PlanFunction *pf = fn ? plan_function(prog->plan, fn) : NULL;
  ASSERT(pf != NULL);
  if (!pf) return NULL;
  ASSERT(strcmp(pf->role.principal, "lambda.amazonaws.com") == 0);
  *fn_name = pf->name;
  return &pf->role;
}

/* Statements of the role (see role_of) whose Sid is (logs) or is not (!logs) "WriteLogs". */
static void collect(Compilation *c, const Checked *prog, bool firehose, bool logs, StrSet *pairs,
                    StrSet *actions, int *nstatements) {
  const Value *fn_name;
  const PlanRole *role = role_of(prog, firehose, &fn_name);
  if (!role) return;
  *nstatements = 0;
  for (uint32_t i = 0; i < role->statements.n; i++) {
    const PlanStatement *s = role->statements.items[i];
    if ((strcmp(s->sid, "WriteLogs") == 0) != logs) continue;
    (*nstatements)++;
    for (uint32_t a = 0; a < s->nactions; a++) {
      size_t al = strlen(s->actions[a]);
      ASSERT(strcmp(s->actions[a], "*") != 0);
      ASSERT(!(al >= 2 && strcmp(s->actions[a] + al - 2, ":*") == 0));
      set_add(actions, s->actions[a]);
    }
    ASSERT(s->nresources > 0);
    bool no_resource = true;   /* only actions without resource types may take "*" */
    for (uint32_t a = 0; a < s->nactions; a++) no_resource = no_resource && plan_action_without_resource(s->actions[a]);
    for (uint32_t r = 0; r < s->nresources; r++) {
      char text[1024] = "", scope[1100];
      const Value *res = s->resources[r];
      if (no_resource && res->kind == V_STR && strcmp(res->s, "*") == 0) {
        ASSERT(s->nresources == 1);
        snprintf(scope, sizeof scope, "*");
      } else {
        render(res, text, sizeof text);
        ASSERT(strcmp(text, "*") != 0);
        scope_of(c, prog->ir, fn_name, text, scope, sizeof scope);
      }
      for (uint32_t a = 0; a < s->nactions; a++) {
        char pair[1200];
        snprintf(pair, sizeof pair, "%s@%s", s->actions[a], scope);
        set_add(pairs, pair);
      }
    }
  }
}

static bool compile(Compilation *c, const char *src, Checked *prog) {
  char path[512];
  snprintf(path, sizeof path, "%s/t.stack", workdir);
  compilation_init(c);
  bool ok = driver_check(c, path, src, strlen(src), prog);
  if (!ok) {
    fprintf(stderr, "  compiling failed:\n%s\n", src);
    diag_flush(&c->diag, stderr);
  }
  return ok;
}

/* Compiles `src`, collects function f's statements and compares them with
 * the doc rows for (source, what) and, when `grant` is set, with
 * plan_grant_actions(kind, access). */
static void check_case(const char *label, const char *src, bool firehose, bool logs, const char *source,
                       const char *what, const char *const *grant) {
  Compilation c;
  Checked prog;
  bool ok = compile(&c, src, &prog);
  ASSERT(ok);
  if (ok) {
    StrSet pairs = {0}, actions = {0}, doc_pairs = {0}, doc_actions = {0};
    int nst = 0;
    collect(&c, &prog, firehose, logs, &pairs, &actions, &nst);
    ASSERT(nst > 0);
    doc_expect(source, what, &doc_pairs, &doc_actions);
    ASSERT(doc_actions.n > 0);
    if (doc_actions.n == 0) fprintf(stderr, "  %s: no row '%s | %s' in the doc's IAM table\n", label, source, what);
    ASSERT(set_equal(&actions, &doc_actions));
    ASSERT(set_equal(&pairs, &doc_pairs));
    if (!set_equal(&pairs, &doc_pairs)) {
      fprintf(stderr, "  %s: generated statements differ from the doc\n", label);
      set_print("generated", &pairs);
      set_print("doc", &doc_pairs);
    }
    if (grant) {
      StrSet table = {0};
      for (const char *const *a = grant; *a; a++) set_add(&table, *a);
      ASSERT(set_equal(&actions, &table));
      if (!set_equal(&actions, &table)) {
        fprintf(stderr, "  %s: generated actions differ from plan_grant_actions()\n", label);
        set_print("generated", &actions);
        set_print("plan_grant_actions", &table);
      }
      set_free(&table);
    }
    set_free(&pairs);
    set_free(&actions);
    set_free(&doc_pairs);
    set_free(&doc_actions);
  }
  compilation_free(&c);
}

#define FN_ATTRS "runtime = \"nodejs22.x\" handler = \"index.handler\" code = \"code\""

/* The smallest declaration of a resource named `target` of each grantable
 * kind, after `*before` (what it needs declared first). */
static const char *minimal_body(ResKind k, const char **before) {
  *before = "";
  switch (k) {
  case RES_BUCKET: return "{}";
  case RES_TABLE: return "{ key = { id: string } }";
  case RES_TOPIC: case RES_QUEUE: case RES_STREAM: case RES_BUS: return "{}";
  case RES_FIREHOSE: *before = "bucket dest {}\n"; return "{ to = dest }";
  case RES_FUNCTION: return "{ " FN_ATTRS " }";
  default: return NULL;
  }
}

static void test_grants(void) {
  for (int k = 0; k < RES_KIND_COUNT; k++) {
    const KindSpec *ks = &kind_specs[k];
    if (!ks->supported) continue;
    for (int a = 0; a < ACC_COUNT; a++) {
      if (!(ks->accesses & (1u << a))) continue;
      const char *before;
      const char *body = minimal_body((ResKind)k, &before);
      ASSERT(body != NULL);
      if (!body) {
        fprintf(stderr, "  no minimal declaration for kind '%s' in test_policy.c\n", ks->name);
        continue;
      }
      char src[1024], label[128];
      snprintf(src, sizeof src, "stack t {}\n%s%s target %s\nfunction f { " FN_ATTRS " can %s target }\n",
               before, ks->name, body, access_names[a]);
      snprintf(label, sizeof label, "%s %s", ks->name, access_names[a]);
      check_case(label, src, false, false, ks->name, access_names[a],
                 plan_grant_actions((ResKind)k, (Access)a));
    }
  }
}

/* A push trigger: no role statement, exactly one invoke permission from `principal`. */
static void check_push(const char *label, const char *src, const char *principal) {
  Compilation c;
  Checked prog;
  bool ok = compile(&c, src, &prog);
  ASSERT(ok);
  if (ok) {
    StrSet pairs = {0}, actions = {0};
    int nst = -1;
    collect(&c, &prog, false, false, &pairs, &actions, &nst);
    ASSERT(nst == 0);
    if (nst != 0) fprintf(stderr, "  %s: a push trigger added %d role statements\n", label, nst);
    ASSERT(prog.plan->permissions.n == 1);
    if (prog.plan->permissions.n == 1) {
      const PlanPermission *pp = prog.plan->permissions.items[0];
      ASSERT(strcmp(pp->principal, principal) == 0);
      char text[1024] = "";
      render(pp->source_arn, text, sizeof text);
      /* an exact ARN: written out, or the source's own (a topic's) */
      ASSERT(strstr(text, "arn:") == text || strcmp(text, "${target.arn}") == 0);
      ASSERT(strcmp(text + strlen(text) - 2, ":*") != 0);
    }
    set_free(&pairs);
    set_free(&actions);
  }
  compilation_free(&c);
}

static void test_triggers_and_logs(void) {
  check_case("table stream trigger",
             "stack t {}\ntable target { key = { id: string } stream = new_and_old }\n"
             "function f { " FN_ATTRS " }\non target.stream run f\n",
             false, false, "table", "stream trigger", NULL);
  check_case("queue trigger", "stack t {}\nqueue target {}\nfunction f { " FN_ATTRS " }\non target run f\n",
             false, false, "queue", "trigger", plan_grant_actions(RES_QUEUE, ACC_CONSUME));
  check_case("kinesis trigger", "stack t {}\nstream target {}\nfunction f { " FN_ATTRS " }\non target run f\n",
             false, false, "stream", "trigger", plan_grant_actions(RES_STREAM, ACC_READ));
  /* A grant and a trigger needing the same actions make one statement. */
  check_case("queue trigger and consume grant",
             "stack t {}\nqueue target {}\nfunction f { " FN_ATTRS " can consume target }\non target run f\n",
             false, false, "queue", "consume", plan_grant_actions(RES_QUEUE, ACC_CONSUME));
  check_case("function logs", "stack t {}\nfunction f { " FN_ATTRS " }\n", false, true, "function", "logs", NULL);
  check_case("function tracing", "stack t {}\nfunction f { " FN_ATTRS " tracing = true }\n", false, false,
             "function", "tracing", NULL);
  check_case("function vpc",
             "stack t {}\nfunction f { " FN_ATTRS " vpc = { subnets = [\"subnet-0123abcd\", \"subnet-0123456789abcdef0\"], "
             "security_groups = [\"sg-0123abcd\"] } }\n",
             false, false, "function", "vpc", NULL);
  check_case("firehose role",
             "stack t {}\nbucket dest {}\nfunction f { " FN_ATTRS " }\nfirehose target { to = dest transform = f }\n",
             true, false, "firehose", "delivery role", NULL);

  /* Push sources: an invoke permission, no role statement. */
  check_push("bucket trigger", "stack t {}\nbucket target {}\nfunction f { " FN_ATTRS " }\non target.created run f\n",
             "s3.amazonaws.com");
  check_push("topic trigger", "stack t {}\ntopic target {}\nfunction f { " FN_ATTRS " }\non target run f\n",
             "sns.amazonaws.com");
  check_push("api trigger",
             "stack t {}\napi target {}\nfunction f { " FN_ATTRS " }\non target.get(\"/a\") run f\n"
             "on target.post(\"/a\") run f\n",
             "apigateway.amazonaws.com");
  check_push("schedule trigger", "stack t {}\nfunction f { " FN_ATTRS " }\non rate(1d) run f\n",
             "events.amazonaws.com");
}

/* The table of actions without resource types: each row quotes the Service
 * Authorization Reference's "Resource types" column, which must be empty (an
 * action with a resource type gets exact ARNs, never "*"), is a plain
 * "service:Action" and is listed in the doc's table after
 * "<!-- no-resource-actions -->" with that (empty) column. */
static void test_no_resource_table(const char *doc) {
  const char *section = strstr(doc, "<!-- no-resource-actions -->");
  ASSERT(section != NULL);
  int rows = 0;
  for (const NoResourceAction *row = plan_no_resource_actions; row->action; row++, rows++) {
    ASSERT(row->resource_types != NULL && row->resource_types[0] == '\0');
    if (row->resource_types && row->resource_types[0])
      fprintf(stderr, "  %s has resource types '%s': it must be scoped, not '*'\n", row->action, row->resource_types);
    const char *colon = strchr(row->action, ':');
    ASSERT(colon != NULL && colon > row->action && colon[1] != '\0' && strchr(row->action, '*') == NULL);
    ASSERT(plan_action_without_resource(row->action));
    if (!section) continue;
    char cell[160];
    snprintf(cell, sizeof cell, "| `%s` | |", row->action);
    const char *end = strstr(section + 1, "\n\n");
    const char *hit = strstr(section, cell);
    ASSERT(hit != NULL && (!end || hit < end));
    if (!hit || (end && hit > end)) fprintf(stderr, "  the doc's no-resource table lacks the row '%s'\n", cell);
  }
  ASSERT(rows > 0);
  ASSERT(!plan_action_without_resource("s3:GetObject"));
  ASSERT(!plan_action_without_resource("xray:*"));
  if (!section) return;   /* and the doc lists no action that the table lacks */
  const char *end = strstr(section, "\n\n");
  int doc_rows_seen = 0;
  for (const char *line = strstr(section, "\n| `"); line && (!end || line < end); line = strstr(line + 1, "\n| `")) {
    char action[128];
    if (sscanf(line, "\n| `%127[^`]`", action) != 1) continue;
    doc_rows_seen++;
    ASSERT(plan_action_without_resource(action));
    if (!plan_action_without_resource(action)) fprintf(stderr, "  the doc lists '%s', the table does not\n", action);
  }
  ASSERT(doc_rows_seen == rows);
}

/* Destinations: a function whose asynchronous invocations report to a
 * `target` of each kind that can be one (plan_kinds[].destination) gets
 * exactly the doc's rows "KIND | destination" (the same rows serve a
 * stream trigger's on_failure). */
static void test_destinations(void) {
  for (int k = 0; k < RES_KIND_COUNT; k++) {
    if (!plan_kinds[k].destination) continue;
    const char *before, *body = minimal_body((ResKind)k, &before);
    ASSERT(body != NULL);
    if (!body) continue;
    char src[1024], label[64];
    snprintf(src, sizeof src, "stack t {}\n%s%s target %s\nfunction f { " FN_ATTRS " on_failure = target }\n"
             "on rate(1d) run f\n", before, kind_specs[k].name, body);
    snprintf(label, sizeof label, "%s destination", kind_specs[k].name);
    check_case(label, src, false, false, kind_specs[k].name, "destination", NULL);
  }
}

int main(void) {
  char *doc = test_read_doc();
  ASSERT(doc != NULL);
  if (!doc) return test_summary();
  ASSERT(parse_doc_table(doc));
  setup_workdir();
  test_grants();
  test_triggers_and_logs();
  test_no_resource_table(doc);
  test_destinations();
  for (int i = 0; i < ndoc_rows; i++) {
    ASSERT(doc_rows[i].used);
    if (!doc_rows[i].used)
      fprintf(stderr, "  the doc's IAM table has a row '%s | %s' that no grant or trigger produces\n",
              doc_rows[i].source, doc_rows[i].what);
  }
  cleanup_workdir();
  free(doc);
  return test_summary();
}
