/* ast.c — syntax tree constructors and the --dump-ast printer.
 *
 * Pipeline position: grammar/parser.y builds nodes with ast_new(); the
 * resolver and checker read them; tests/parse compares ast_dump() output. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "ast.h"

#include <inttypes.h>
#include <string.h>

#include "compile.h"

Node *ast_new(struct Compilation *c, NodeKind kind, Span span) {
  Node *n = ARENA_NEW(&c->arena, Node);
  n->kind = kind;
  n->span = span;
  n->name_span = span;
  return n;
}

void ast_list_append(NodeList *l, Node *item) {
  if (!item) return;
  if (l->tail) l->tail->next = item;
  else l->head = item;
  Node *t = item;
  while (t->next) t = t->next;
  l->tail = t;
}

uint32_t ast_list_len(const Node *head) {
  uint32_t n = 0;
  for (; head; head = head->next) n++;
  return n;
}

const char *ast_kind_name(NodeKind kind) {
  switch (kind) {
#define K(x) case x: return #x;
  K(N_STACK) K(N_PARAM) K(N_LET) K(N_OUTPUT) K(N_RESOURCE) K(N_TRIGGER) K(N_IMPORT)
  K(N_COMPONENT) K(N_USE) K(N_ATTR) K(N_GRANT) K(N_STR) K(N_INTERP) K(N_INT) K(N_NUMBER)
  K(N_BOOL) K(N_QUANTITY) K(N_LIST) K(N_RECORD) K(N_IDENT) K(N_MEMBER) K(N_CALL) K(N_TYPE)
  K(N_ABSTRACT)
#undef K
  }
  return "N_?";
}

/* A string literal as it could be written back: quoted, with escapes. */
static void dump_quoted(FILE *out, const char *s, uint32_t len) {
  fputc('"', out);
  for (uint32_t i = 0; i < len; i++) {
    unsigned char ch = (unsigned char)s[i];
    switch (ch) {
    case '"': fputs("\\\"", out); break;
    case '\\': fputs("\\\\", out); break;
    case '\n': fputs("\\n", out); break;
    case '\t': fputs("\\t", out); break;
    case '\r': fputs("\\r", out); break;
    default:
      if (ch < 0x20 || ch == 0x7F) fprintf(out, "\\u{%X}", ch);
      else fputc(ch, out);
    }
  }
  fputc('"', out);
}

static void dump_node(struct Compilation *c, const Node *n, int depth, FILE *out);

static void dump_list(struct Compilation *c, const Node *n, int depth, FILE *out) {
  for (; n; n = n->next) dump_node(c, n, depth, out);
}

/* KIND name/value @line:col-line:col (the end is exclusive). */
static void dump_node(struct Compilation *c, const Node *n, int depth, FILE *out) {
  for (int i = 0; i < depth; i++) fputs("  ", out);
  fputs(ast_kind_name(n->kind), out);
  switch (n->kind) {
  case N_RESOURCE:
  case N_USE:
    fprintf(out, " %s %s", n->kind_name ? n->kind_name : "?", n->name ? n->name : "?");
    break;
  case N_ATTR:
    fputc(' ', out);
    if (n->quoted_key) dump_quoted(out, n->name, (uint32_t)strlen(n->name));
    else fputs(n->name ? n->name : "?", out);
    if (n->colon) fputs(" :", out);
    break;
  case N_STR:
    fputc(' ', out);
    dump_quoted(out, n->str ? n->str : "", n->str_len);
    break;
  case N_IMPORT:
    fputc(' ', out);
    dump_quoted(out, n->str ? n->str : "", n->str_len);
    break;
  case N_INT:
    fprintf(out, " %" PRId64, n->ival);
    break;
  case N_NUMBER:
    fprintf(out, " %s", n->str ? n->str : "?");
    break;
  case N_QUANTITY:
    fprintf(out, " %s", n->text ? n->text : "?");
    break;
  case N_BOOL:
    fputs(n->bval ? " true" : " false", out);
    break;
  case N_INTERP: case N_LIST: case N_RECORD: case N_CALL: case N_TRIGGER:
    break;
  default:
    if (n->name) fprintf(out, " %s", n->name);
    break;
  }
  uint32_t l1, c1, l2, c2;
  source_line_col(&c->sources, n->span.file, n->span.lo, &l1, &c1);
  source_line_col(&c->sources, n->span.file, n->span.hi, &l2, &c2);
  fprintf(out, " @%u:%u-%u:%u\n", l1, c1, l2, c2);

  switch (n->kind) {
  case N_PARAM:
    if (n->type) dump_node(c, n->type, depth + 1, out);
    if (n->rhs) dump_node(c, n->rhs, depth + 1, out);
    dump_list(c, n->kids, depth + 1, out);
    break;
  case N_COMPONENT:
    dump_list(c, n->params, depth + 1, out);
    dump_list(c, n->kids, depth + 1, out);
    break;
  case N_TYPE:
    if (n->elem) dump_node(c, n->elem, depth + 1, out);
    break;
  default:
    if (n->lhs) dump_node(c, n->lhs, depth + 1, out);
    if (n->rhs) dump_node(c, n->rhs, depth + 1, out);
    dump_list(c, n->kids, depth + 1, out);
    break;
  }
}

void ast_dump(struct Compilation *c, const Ast *ast, FILE *out) {
  if (!ast) return;
  dump_list(c, ast->decls, 0, out);
}

/* Which of a node's names are names of things (renamed) rather than
 * attribute keys, member names or kinds (kept). */
static bool names_a_thing(const Node *n) {
  switch (n->kind) {
  case N_IDENT: case N_RESOURCE: case N_LET: case N_OUTPUT: case N_PARAM: case N_USE: case N_COMPONENT:
    return true;
  default:
    return false;
  }
}

Node *ast_clone(struct Compilation *c, const Node *n, bool siblings, AstRename rename, void *ctx) {
  Node *head = NULL, **tail = &head;
  for (; n; n = siblings ? n->next : NULL) {
    Node *copy = ARENA_NEW(&c->arena, Node);
    *copy = *n;
    copy->next = NULL;
    if (n->name && rename && names_a_thing(n)) {
      const char *renamed = rename(ctx, n->name);
      if (renamed) copy->name = renamed;
    }
    copy->kids = ast_clone(c, n->kids, true, rename, ctx);
    copy->lhs = ast_clone(c, n->lhs, false, rename, ctx);
    copy->rhs = ast_clone(c, n->rhs, false, rename, ctx);
    copy->type = ast_clone(c, n->type, false, NULL, NULL);
    copy->params = ast_clone(c, n->params, true, rename, ctx);
    copy->elem = ast_clone(c, n->elem, false, NULL, NULL);
    *tail = copy;
    tail = &copy->next;
  }
  return head;
}
