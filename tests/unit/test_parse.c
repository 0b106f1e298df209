/* test_parse.c — unit tests of the lexer and parser (grammar/lexer.l, grammar/parser.y).
 *
 * Each case parses an inline source with parse_file() and checks the tree
 * (kinds, names, values) and the syntax errors reported to the DiagEngine. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "compile.h"
#include "diag.h"
#include "testing.h"



static Compilation comp;
static bool comp_live;

/* Parses `src` (of `len` bytes) in a fresh compilation. */
static Ast *parse_n(const char *src, size_t len) {
  if (comp_live) compilation_free(&comp);
  compilation_init(&comp);
  comp_live = true;
  uint32_t f = source_add(&comp.sources, &comp.arena, "test.stack", src, (uint32_t)len);
  return parse_file(&comp, f);
}

static Ast *parse(const char *src) { return parse_n(src, strlen(src)); }

static unsigned nerrors(void) { return comp.diag.nerrors; }

/* True when some error message contains `needle`. */
static bool has_error(const char *needle) {
  for (const Diag *d = comp.diag.first; d; d = d->next)
    if (d->level == DIAG_ERROR && strstr(d->msg, needle)) return true;
  return false;
}

static const Diag *first_error(void) {
  for (const Diag *d = comp.diag.first; d; d = d->next)
    if (d->level == DIAG_ERROR) return d;
  return NULL;
}

static Node *nth(Node *n, unsigned i) {
  while (n && i--) n = n->next;
  return n;
}

static unsigned count_kind(const Node *n, NodeKind k) {
  unsigned c = 0;
  for (; n; n = n->next) c += n->kind == k;
  return c;
}

static bool streq(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* Text of span `s` in the current compilation's only file. */
static bool span_is(Span s, const char *text) {
  const SourceFile *f = source_file(&comp.sources, s.file);
  size_t n = strlen(text);
  return f && s.hi >= s.lo && s.hi - s.lo == n && memcmp(f->text + s.lo, text, n) == 0;
}

static const char photo_pipeline[] =
  "# photo-pipeline.stack — resize uploaded photos, index them, serve them over HTTP\n"
  "stack photo_pipeline {\n"
  "  description = \"Resize uploaded photos and index them\"\n"
  "  region      = \"eu-west-1\"\n"
  "  tags        = { team = \"media\" }              # applied to every taggable resource\n"
  "}\n"
  "\n"
  "param stage: string = \"dev\" { allowed = [\"dev\", \"prod\"] }\n"
  "\n"
  "bucket uploads    { versioning = true }\n"
  "bucket thumbnails { expire_after = 30d }\n"
  "\n"
  "table photos {\n"
  "  key     = { id: string, taken_at: number }    # partition key, then optional sort key\n"
  "  billing = on_demand\n"
  "  stream  = new_and_old\n"
  "  ttl     = \"expires_at\"\n"
  "}\n"
  "\n"
  "topic alerts {}\n"
  "queue jobs { retries = 4 }                      # dead-letter queue after 5 receives (1 + 4 retries)\n"
  "\n"
  "function resize {\n"
  "  runtime = \"nodejs22.x\"\n"
  "  handler = \"index.handler\"\n"
  "  code    = \"src/resize\"                        # a directory, relative to this file\n"
  "  memory  = 512MB\n"
  "  timeout = 30s\n"
  "  env     = { THUMBS = thumbnails.name, TABLE = photos.name, STAGE = stage }\n"
  "  can read uploads\n"
  "  can write thumbnails, photos\n"
  "}\n"
  "\n"
  "function index   { runtime = \"python3.12\" handler = \"app.index\"  code = \"src/index\" }\n"
  "function notify  { runtime = \"python3.12\" handler = \"app.notify\" code = \"src/notify\" }\n"
  "function worker  { runtime = \"nodejs22.x\" handler = \"worker.run\" code = \"src/worker\" timeout = 60s }\n"
  "function cleanup { runtime = \"nodejs22.x\" handler = \"clean.run\"  code = \"src/clean\" }\n"
  "function serve   { runtime = \"nodejs22.x\" handler = \"api.handle\" code = \"src/api\"   can read photos }\n"
  "\n"
  "api web { cors = { origins = [\"*\"] } }\n"
  "\n"
  "on uploads.created(prefix = \"images/\", suffix = \".jpg\") run resize\n"
  "on photos.stream(batch = 100, start = latest)          run index\n"
  "on alerts                                              run notify\n"
  "on jobs(batch = 10)                                    run worker\n"
  "on rate(1d)                                            run cleanup\n"
  "on web.get(\"/photos/{id}\")                             run serve\n"
  "on web.post(\"/photos\")                                 run serve\n"
  "\n"
  "output api_url = web.url\n";

static void test_photo_pipeline(void) {
  Ast *a = parse(photo_pipeline);
  ASSERT(nerrors() == 0);
  ASSERT(ast_list_len(a->decls) == 22);
  ASSERT(count_kind(a->decls, N_STACK) == 1);
  ASSERT(count_kind(a->decls, N_PARAM) == 1);
  ASSERT(count_kind(a->decls, N_RESOURCE) == 12);
  ASSERT(count_kind(a->decls, N_TRIGGER) == 7);
  ASSERT(count_kind(a->decls, N_OUTPUT) == 1);

  Node *stack = a->decls;
  ASSERT(stack->kind == N_STACK && streq(stack->name, "photo_pipeline"));
  ASSERT(ast_list_len(stack->kids) == 3);
  ASSERT(span_is(stack->name_span, "photo_pipeline"));
  ASSERT(stack->newline_before);

  Node *param = nth(a->decls, 1);
  ASSERT(param->kind == N_PARAM && streq(param->name, "stage"));
  ASSERT(param->type && param->type->kind == N_TYPE && streq(param->type->name, "string"));
  ASSERT(param->rhs && param->rhs->kind == N_STR && streq(param->rhs->str, "dev"));
  ASSERT(ast_list_len(param->kids) == 1 && streq(param->kids->name, "allowed"));
  ASSERT(param->kids->rhs->kind == N_LIST && ast_list_len(param->kids->rhs->kids) == 2);

  Node *resize = nth(a->decls, 7);
  ASSERT(resize->kind == N_RESOURCE && streq(resize->kind_name, "function") &&
         streq(resize->name, "resize"));
  ASSERT(span_is(resize->kind_span, "function") && span_is(resize->name_span, "resize"));
  ASSERT(ast_list_len(resize->kids) == 8);
  ASSERT(count_kind(resize->kids, N_GRANT) == 2);
  Node *write = nth(resize->kids, 7);
  ASSERT(write->kind == N_GRANT && streq(write->name, "write") && ast_list_len(write->kids) == 2);
  ASSERT(write->newline_before);
  Node *env = nth(resize->kids, 5);
  ASSERT(streq(env->name, "env") && env->rhs->kind == N_RECORD && ast_list_len(env->rhs->kids) == 3);
  Node *thumbs = env->rhs->kids;
  ASSERT(thumbs->rhs->kind == N_MEMBER && streq(thumbs->rhs->name, "name") &&
         thumbs->rhs->lhs->kind == N_IDENT && streq(thumbs->rhs->lhs->name, "thumbnails"));

  /* attributes on one line: only the first token of the line has a newline before it */
  Node *index = nth(a->decls, 8);
  ASSERT(ast_list_len(index->kids) == 3);
  ASSERT(!nth(index->kids, 1)->newline_before);

  Node *out = nth(a->decls, 21);
  ASSERT(out->kind == N_OUTPUT && streq(out->name, "api_url") && out->rhs->kind == N_MEMBER);
}

static void test_interpolation(void) {
  Ast *a = parse("let x = \"a${b.c}d${ \"in${z}\" }e\"\nlet y = \"${q}\"\nlet w = \"plain\\n\\t\\\"\\\\\\$\"\n");
  ASSERT(nerrors() == 0);
  Node *x = a->decls->rhs;
  ASSERT(x->kind == N_INTERP && ast_list_len(x->kids) == 5);
  ASSERT(x->kids->kind == N_STR && streq(x->kids->str, "a"));
  ASSERT(nth(x->kids, 1)->kind == N_MEMBER);
  ASSERT(nth(x->kids, 2)->kind == N_STR && streq(nth(x->kids, 2)->str, "d"));
  Node *inner = nth(x->kids, 3);
  ASSERT(inner->kind == N_INTERP && ast_list_len(inner->kids) == 2);
  ASSERT(streq(inner->kids->str, "in") && nth(inner->kids, 1)->kind == N_IDENT);
  ASSERT(nth(x->kids, 4)->kind == N_STR && streq(nth(x->kids, 4)->str, "e"));
  ASSERT(span_is(x->span, "\"a${b.c}d${ \"in${z}\" }e\""));

  /* empty pieces are omitted */
  Node *y = nth(a->decls, 1)->rhs;
  ASSERT(y->kind == N_INTERP && ast_list_len(y->kids) == 1 && y->kids->kind == N_IDENT);

  Node *w = nth(a->decls, 2)->rhs;
  ASSERT(w->kind == N_STR && streq(w->str, "plain\n\t\"\\$") && w->str_len == 10);

  /* $${ is a literal ${ and makes no interpolation */
  a = parse("let d = \"a$${b}c $x\"\n");
  ASSERT(nerrors() == 0);
  ASSERT(a->decls->rhs->kind == N_STR && streq(a->decls->rhs->str, "a${b}c $x"));

  /* \u{HEX} */
  a = parse("let u = \"\\u{e9}\\u{1F600}\"\n");
  ASSERT(nerrors() == 0);
  ASSERT(streq(a->decls->rhs->str, "\xC3\xA9\xF0\x9F\x98\x80"));
}

static void test_literals(void) {
  Ast *a = parse("let a = 512MB\nlet b = 1.5h\nlet c = 5min\nlet d = 0.5\nlet e = -3\n"
                 "let f = -9223372036854775808\nlet g = true\nlet h = 30s\nlet i = -2.25\n");
  ASSERT(nerrors() == 0);
  Node *q = a->decls->rhs;
  ASSERT(q->kind == N_QUANTITY && q->ival == 512 && streq(q->str, "MB") && streq(q->text, "512MB"));
  ASSERT(q->num == 512.0);
  q = nth(a->decls, 1)->rhs;
  ASSERT(q->kind == N_QUANTITY && q->ival == 1 && q->num == 1.5 && streq(q->str, "h"));
  q = nth(a->decls, 2)->rhs;
  ASSERT(q->kind == N_QUANTITY && q->ival == 5 && streq(q->str, "min"));   /* unit checked later */
  q = nth(a->decls, 3)->rhs;
  ASSERT(q->kind == N_NUMBER && q->num == 0.5 && streq(q->str, "0.5"));
  q = nth(a->decls, 4)->rhs;
  ASSERT(q->kind == N_INT && q->ival == -3);
  q = nth(a->decls, 5)->rhs;
  ASSERT(q->kind == N_INT && q->ival == INT64_MIN);
  q = nth(a->decls, 6)->rhs;
  ASSERT(q->kind == N_BOOL && q->bval);
  q = nth(a->decls, 8)->rhs;
  ASSERT(q->kind == N_NUMBER && q->num == -2.25);

  parse("let big = 9223372036854775808\n");
  ASSERT(nerrors() == 1 && has_error("integer literal too large"));
  parse("let big = 99999999999999999999999GB\n");
  ASSERT(nerrors() == 1 && has_error("integer literal too large"));

  /* runtime = nodejs22.x: identifier, member access; the checker explains it */
  a = parse("function f { runtime = nodejs22.x }\nlet v = 22.x\n");
  ASSERT(nerrors() == 1);   /* `22.x`: an integer cannot be followed by '.' */
  ASSERT(a->decls->kids->rhs->kind == N_MEMBER);

  /* python3.12: a member named "12", so the checker can say "quote it" */
  a = parse("function f { runtime = python3.12 }\n");
  ASSERT(nerrors() == 0);
  q = a->decls->kids->rhs;
  ASSERT(q->kind == N_MEMBER && streq(q->name, "12") && streq(q->lhs->name, "python3"));

  /* `256 MB`: one error at the number and unit, read on as 256MB */
  a = parse("function f {\n  memory = 256 MB\n  timeout = 30 seconds\n}\nlet m = { a = 5 m = 3 }\n");
  ASSERT(nerrors() == 2 && has_error("write 256MB: no space between a number and its unit") &&
         has_error("write 30s: no space"));
  q = a->decls->kids->rhs;
  ASSERT(q->kind == N_QUANTITY && q->ival == 256 && streq(q->str, "MB"));
  ASSERT(first_error()->span.lo == 24 && first_error()->span.hi == 30);
  ASSERT(ast_list_len(a->decls->kids) == 2);
  ASSERT(ast_list_len(nth(a->decls, 1)->rhs->kids) == 2);   /* `m = 3` is a field */
}

static void test_key_schema(void) {
  Ast *a = parse("table t { key = { id: string, \"taken at\": number } indexes = { by_x = { x: string } } }\n");
  ASSERT(nerrors() == 0);
  Node *key = a->decls->kids->rhs;
  ASSERT(key->kind == N_RECORD && ast_list_len(key->kids) == 2);
  ASSERT(key->kids->colon && streq(key->kids->name, "id") && !key->kids->quoted_key);
  ASSERT(key->kids->rhs->kind == N_IDENT && streq(key->kids->rhs->name, "string"));
  Node *k2 = nth(key->kids, 1);
  ASSERT(k2->colon && k2->quoted_key && streq(k2->name, "taken at"));

  /* commas optional between fields, trailing comma fine */
  a = parse("let r = {\n  a = 1\n  b = 2,\n  c = [1, 2,],\n}\nlet e = {}\nlet l = []\n");
  ASSERT(nerrors() == 0);
  ASSERT(ast_list_len(a->decls->rhs->kids) == 3);
  ASSERT(ast_list_len(nth(a->decls->rhs->kids, 2)->rhs->kids) == 2);
  ASSERT(nth(a->decls, 1)->rhs->kind == N_RECORD && !nth(a->decls, 1)->rhs->kids);
  ASSERT(nth(a->decls, 2)->rhs->kind == N_LIST && !nth(a->decls, 2)->rhs->kids);
}

static void test_triggers(void) {
  Ast *a = parse("on a.created(prefix = \"x/\") run f, g\n"
                 "on alerts run f\n"
                 "on rate(1d) run f\n"
                 "on web.get(\"/p/{id}\") run f\n");
  ASSERT(nerrors() == 0);
  ASSERT(ast_list_len(a->decls) == 4);
  Node *t = a->decls;
  ASSERT(t->kind == N_TRIGGER && t->lhs->kind == N_CALL);
  ASSERT(t->lhs->lhs->kind == N_MEMBER && streq(t->lhs->lhs->name, "created"));
  ASSERT(streq(t->lhs->lhs->lhs->name, "a"));
  ASSERT(t->lhs->kids->kind == N_ATTR && streq(t->lhs->kids->name, "prefix") &&
         streq(t->lhs->kids->rhs->str, "x/"));
  ASSERT(ast_list_len(t->kids) == 2 && streq(t->kids->name, "f") && streq(t->kids->next->name, "g"));
  ASSERT(t->kids->kind == N_IDENT);

  t = nth(a->decls, 1);
  ASSERT(t->lhs->kind == N_IDENT && streq(t->lhs->name, "alerts") && ast_list_len(t->kids) == 1);

  t = nth(a->decls, 2);
  ASSERT(t->lhs->kind == N_CALL && streq(t->lhs->lhs->name, "rate"));
  ASSERT(t->lhs->kids->kind == N_QUANTITY && streq(t->lhs->kids->text, "1d"));

  t = nth(a->decls, 3);
  ASSERT(t->lhs->kind == N_CALL && t->lhs->lhs->kind == N_MEMBER && streq(t->lhs->lhs->name, "get"));
  ASSERT(t->lhs->kids->kind == N_STR && streq(t->lhs->kids->str, "/p/{id}"));
}

static void test_other_decls(void) {
  Ast *a = parse("import \"std/queue_worker\"\n"
                 "component worker(name: string, retries: int = 3, tags: [string]) {\n"
                 "  queue q { retries = retries }\n"
                 "  output url = q.url\n"
                 "}\n"
                 "use worker w { name = \"x\" }\n"
                 "param n: int\n"
                 "let k = secret(\"db\")\n");
  ASSERT(nerrors() == 0);
  ASSERT(ast_list_len(a->decls) == 5);
  ASSERT(a->decls->kind == N_IMPORT && streq(a->decls->str, "std/queue_worker"));
  Node *comp_ = nth(a->decls, 1);
  ASSERT(comp_->kind == N_COMPONENT && streq(comp_->name, "worker"));
  ASSERT(ast_list_len(comp_->params) == 3 && ast_list_len(comp_->kids) == 2);
  Node *p2 = nth(comp_->params, 1);
  ASSERT(p2->kind == N_PARAM && streq(p2->type->name, "int") && p2->rhs->kind == N_INT);
  Node *p3 = nth(comp_->params, 2);
  ASSERT(p3->type->elem && streq(p3->type->elem->name, "string"));
  Node *use = nth(a->decls, 2);
  ASSERT(use->kind == N_USE && streq(use->kind_name, "worker") && streq(use->name, "w"));
  ASSERT(ast_list_len(use->kids) == 1);
  Node *pn = nth(a->decls, 3);
  ASSERT(pn->kind == N_PARAM && !pn->rhs && !pn->kids);
}

static void test_recovery(void) {
  Ast *a = parse("bucket a { versioning = true }\n"
                 "function f {\n  memory 512MB\n  timeout = 3s\n}\n"
                 "bucket b { x = 1 }\n"
                 "let = 5\n"
                 "topic t {}\n"
                 "queue q { retries = 4, delay = 1s }\n"
                 "output o = a.name\n");
  ASSERT(nerrors() == 3);
  ASSERT(has_error("unexpected quantity, expecting '='"));
  ASSERT(has_error("unexpected '=', expecting identifier"));
  ASSERT(has_error("separated by whitespace, not commas"));
  /* the correct declarations are all there */
  ASSERT(count_kind(a->decls, N_RESOURCE) == 5);
  ASSERT(count_kind(a->decls, N_OUTPUT) == 1);
  ASSERT(count_kind(a->decls, N_LET) == 0);
  Node *f = nth(a->decls, 1);
  ASSERT(streq(f->name, "f") && ast_list_len(f->kids) == 1 && streq(f->kids->name, "timeout"));

  /* junk in the middle of a line does not swallow the next declaration */
  a = parse("param p string\nbucket b {}\nlet x = = foo bar { }\ntopic t {}\n");
  ASSERT(nerrors() == 2);
  ASSERT(ast_list_len(a->decls) == 2 && streq(a->decls->name, "b") && streq(a->decls->next->name, "t"));

  /* reserved word as a name */
  parse("let output = 3\n");
  ASSERT(nerrors() == 1 && has_error("'output' is a reserved word"));

  /* `memory =` then a newline */
  a = parse("function f {\n  memory =\n  timeout = 30s\n}\nbucket b {}\n");
  ASSERT(nerrors() == 1 && has_error("missing value after '=' for 'memory'"));
  ASSERT(ast_list_len(a->decls) == 2);

  /* unclosed brace: a note at the opening brace */
  a = parse("bucket ok {}\nfunction f {\n  memory = 128MB\n");
  ASSERT(nerrors() == 1 && has_error("unexpected end of file"));
  const Diag *d = first_error();
  ASSERT(d && d->notes && strstr(d->notes->msg, "to match this '{'"));
  ASSERT(d && d->notes && d->notes->span.lo == 24);
  ASSERT(ast_list_len(a->decls) == 1);

  /* unexpected characters are reported and skipped */
  a = parse("bucket b { x = 1 } @ \x01 \xC3\xA9\nbucket c {}\n");
  ASSERT(nerrors() == 3 && has_error("unexpected character '@'") &&
         has_error("unexpected character '\\x01'") && has_error("unexpected character '\xC3\xA9'"));
  ASSERT(ast_list_len(a->decls) == 2);

  /* an error in a record skips to its own '}': the grant stays the function's */
  a = parse("function f {\n  env = { a.b = 1 }\n  can read t\n}\n");
  ASSERT(nerrors() == 1 && has_error("unexpected '.'"));
  ASSERT(ast_list_len(a->decls->kids) == 2 && nth(a->decls->kids, 1)->kind == N_GRANT);

  /* my-table: one identifier and one error */
  a = parse("function f {\n  env = { my-table = 1 }\n  can read t\n}\n");
  ASSERT(nerrors() == 1 && has_error("'my-table' is not a name: write my_table"));
  ASSERT(streq(a->decls->kids->rhs->kids->name, "my-table"));

  /* identifier too long */
  char longname[400];
  memset(longname, 'a', 300);
  memcpy(longname, "let ", 4);
  strcpy(longname + 300, " = 1\n");
  parse(longname);
  ASSERT(nerrors() == 1 && has_error("identifier too long"));
}

static void test_string_errors(void) {
  Ast *a = parse("let s = \"abc\nbucket b {}\n");
  ASSERT(nerrors() == 1 && has_error("unterminated string"));
  ASSERT(first_error()->span.lo == 8);
  ASSERT(ast_list_len(a->decls) == 2 && streq(a->decls->rhs->str, "abc"));

  a = parse("let s = \"x${ f(y\nbucket b {}\n");
  ASSERT(nerrors() == 1 && has_error("unterminated string"));
  ASSERT(count_kind(a->decls, N_RESOURCE) == 1);

  a = parse("let s = \"a${ \"b${c");
  ASSERT(nerrors() == 1 && has_error("unterminated string"));

  a = parse("let s = \"a\\qb\"\nlet t = \"\\u{110000}\"\n");
  ASSERT(nerrors() == 2 && has_error("unknown escape sequence '\\q'") &&
         has_error("invalid unicode escape"));
  ASSERT(first_error()->span.lo == 10 && first_error()->span.hi == 12);
  ASSERT(ast_list_len(a->decls) == 2);

  parse_n("let s = \"a\0b\"\n", 14);
  ASSERT(nerrors() == 1 && has_error("'\\x00'"));
}

static void test_deep_nesting(void) {
  size_t n = 300;
  char *src = malloc(4 * n + 64);
  size_t len = 0;
  len += (size_t)sprintf(src, "bucket b {}\nlet x = ");
  for (size_t i = 0; i < n; i++) src[len++] = '[';
  for (size_t i = 0; i < n; i++) src[len++] = ']';
  src[len++] = '\n';
  Ast *a = parse_n(src, len);
  ASSERT(nerrors() == 1 && has_error("nesting too deep (limit 256)"));
  ASSERT(ast_list_len(a->decls) == 1);

  /* 250 levels are fine */
  len = (size_t)sprintf(src, "let x = ");
  for (size_t i = 0; i < 250; i++) src[len++] = '[';
  for (size_t i = 0; i < 250; i++) src[len++] = ']';
  src[len++] = '\n';
  a = parse_n(src, len);
  ASSERT(nerrors() == 0 && ast_list_len(a->decls) == 1);

  /* calls, records and interpolations count too */
  len = (size_t)sprintf(src, "let x = ");
  for (size_t i = 0; i < n; i++) { memcpy(src + len, "\"${", 3); len += 3; }
  parse_n(src, len);
  ASSERT(nerrors() == 1 && has_error("nesting too deep"));
  free(src);
}

static void test_garbage(void) {
  static const char *const alphabet[] = {
    "stack", "param", "let", "on", "run", "can", "use", "import", "component", "output",
    "x", "=", "{", "}", "[", "]", "(", ")", ",", ":", ".", "\"", "${", "$${", "\\", "\\u{",
    "\n", " ", "12", "3.5", "30s", "-", "#", "//", "true", "\xFF", "\0", "\xC3", "'",
  };
  uint32_t seed = 12345;
  char buf[512];
  int ok = 0;
  for (int round = 0; round < 400; round++) {
    size_t len = 0;
    seed = seed * 1103515245u + 12345u;
    size_t want = (seed >> 16) % 400;
    while (len < want) {
      seed = seed * 1103515245u + 12345u;
      uint32_t r = seed >> 16;
      if (round % 2 == 0) {
        buf[len++] = (char)(r & 0xFF);                       /* raw bytes */
      } else {
        const char *tok = alphabet[r % (sizeof alphabet / sizeof alphabet[0])];
        size_t tl = tok[0] ? strlen(tok) : 1;                /* "\0" is one NUL byte */
        if (len + tl > sizeof buf) break;
        memcpy(buf + len, tok, tl);
        len += tl;
      }
    }
    Ast *a = parse_n(buf, len);
    if (a) ok++;
  }
  ASSERT(ok == 400);
}

static void test_dump(void) {
  Ast *a = parse("bucket b {\n  x = [1, \"s\"]\n}\n");
  char *out = NULL;
  size_t outlen = 0;
  FILE *f = open_memstream(&out, &outlen);
  ast_dump(&comp, a, f);
  fclose(f);
  ASSERT(out && strcmp(out,
                       "N_RESOURCE bucket b @1:1-3:2\n"
                       "  N_ATTR x @2:3-2:15\n"
                       "    N_LIST @2:7-2:15\n"
                       "      N_INT 1 @2:8-2:9\n"
                       "      N_STR \"s\" @2:11-2:14\n") == 0);
  free(out);
}

int main(void) {
  test_photo_pipeline();
  test_interpolation();
  test_literals();
  test_key_schema();
  test_triggers();
  test_other_decls();
  test_recovery();
  test_string_errors();
  test_deep_nesting();
  test_garbage();
  test_dump();
  if (comp_live) compilation_free(&comp);
  return test_summary();
}
