/* ast.h — the syntax tree the parser builds.
 *
 * One Node struct for every construct (chibicc's choice): the kind says
 * which fields are used. Every node carries its whole span and the span of
 * its name, where carets go. Nodes live in the compilation's arena.
 *
 *   declaration           kind         fields used
 *   -------------------   -----------  -----------------------------------------------
 *   stack N { attrs }     N_STACK      name, kids = N_ATTR list
 *   param N: T = E {..}   N_PARAM      name, type (N_TYPE), rhs = default or NULL, kids = N_ATTR list
 *   let N = E             N_LET        name, rhs (type: declared type when a component
 *                                      parameter became this let, see resolve.c)
 *   output N = E          N_OUTPUT     name, rhs
 *   KIND N { body }       N_RESOURCE   kind_name (+kind_span), name, kids = N_ATTR / N_GRANT list
 *   on SRC run F, G       N_TRIGGER    lhs = source expression, kids = N_IDENT list of functions
 *   import "P"            N_IMPORT     str
 *   component N(P) {..}   N_COMPONENT  name, params = N_PARAM list (type + default), kids = declarations
 *   use C I { args }      N_USE        kind_name = component, name = instance, kids = N_ATTR list
 *
 *   body item / field     kind         fields used
 *   -------------------   -----------  -----------------------------------------------
 *   N = E    (or N: E)    N_ATTR       name, rhs, colon = true when written with ':'
 *   "key" = E             N_ATTR       name = the string's text, quoted_key = true
 *   can A T1, T2          N_GRANT      name = access, kids = target expressions
 *
 *   expression            kind         fields used
 *   -------------------   -----------  -----------------------------------------------
 *   "text"                N_STR        str (escapes already decoded; no interpolation)
 *   "a${e}b"              N_INTERP     kids = N_STR and expression parts, in order
 *   42, -3                N_INT        ival
 *   0.5                   N_NUMBER     str = the literal's text, num = its value
 *   true / false          N_BOOL       bval
 *   30s, 512MB, 5min      N_QUANTITY   ival = the number (integer part), str = unit as written,
 *                                      num = the number as a double (for 1.5h), text = literal text
 *   [a, b]                N_LIST       kids
 *   { k = v, ... }        N_RECORD     kids = N_ATTR list (key schemas use ':' fields)
 *   name                  N_IDENT      name
 *   e.name                N_MEMBER     lhs, name (name_span = the member's span)
 *   e(args)               N_CALL       lhs = callee, kids = arguments: N_ATTR for `k = v`, else expressions
 *
 *   type (params)         N_TYPE       name = "string", "int", ... ; elem = element type for [T]
 *
 *   made by resolve.c only, for a component checked on its own (no `use`):
 *   any value of type T   N_ABSTRACT   name = the parameter, type = its N_TYPE
 *   any resource of a kind N_RESOURCE  abstract = true, no body
 *   the component itself  N_USE        abstract = true, name = kind_name = the component
 */
#ifndef STACKC_AST_H
#define STACKC_AST_H

#include <stdbool.h>
#include <stdint.h>

#include <stdio.h>

#include "source.h"

typedef enum NodeKind {
  N_STACK, N_PARAM, N_LET, N_OUTPUT, N_RESOURCE, N_TRIGGER, N_IMPORT,
  N_COMPONENT, N_USE,
  N_ATTR, N_GRANT,
  N_STR, N_INTERP, N_INT, N_NUMBER, N_BOOL, N_QUANTITY, N_LIST, N_RECORD,
  N_IDENT, N_MEMBER, N_CALL,
  N_TYPE, N_ABSTRACT,
} NodeKind;

typedef struct Node Node;
struct Node {
  NodeKind kind;
  Span span;               /* the whole construct */
  Span name_span;          /* the name (or for literals, the literal); carets go here */
  Node *next;              /* next sibling in a list */
  const char *name;        /* declared name, attribute name, member name, access, type name */
  const char *kind_name;   /* N_RESOURCE: the kind as written; N_USE: the component */
  Span kind_span;          /* span of kind_name */
  Node *kids;              /* first child (see the table above) */
  Node *lhs;               /* N_MEMBER / N_CALL / N_TRIGGER */
  Node *rhs;               /* N_ATTR / N_LET / N_OUTPUT / N_PARAM default */
  Node *type;              /* N_PARAM: its declared type (N_TYPE) */
  Node *params;            /* N_COMPONENT: N_PARAM list */
  Node *elem;              /* N_TYPE: element type of a list type */
  const char *str;         /* N_STR text, N_NUMBER text, N_QUANTITY unit, N_IMPORT path */
  const char *text;        /* N_QUANTITY: the whole literal as written */
  uint32_t str_len;        /* N_STR: bytes in str (strings may not contain NUL, but be exact) */
  int64_t ival;            /* N_INT, N_QUANTITY */
  double num;              /* N_NUMBER, N_QUANTITY */
  bool bval;               /* N_BOOL */
  bool colon;              /* N_ATTR written `name: value` */
  bool quoted_key;         /* N_ATTR whose key was a string literal */
  bool newline_before;     /* a newline came before this node's first token */
  const Node *from_use;    /* declarations made by expanding `use`: that N_USE */
  bool generated;          /* made by the resolver (parameters, component outputs) */
  bool abstract;           /* a stand-in made by the resolver (see N_ABSTRACT above) */
  bool alone;              /* declared by a component checked on its own: checked, then dropped */
  bool failed;             /* a stand-in for a declaration that failed and was reported (resolve.c):
                            * its name is declared, and reading it fails quietly */
  bool from_output;        /* N_LET: a component's `output`, made a constant by resolve.c */
  bool expanded;           /* N_COMPONENT: used, or checked on its own (resolve.c) */
  bool used_by_component;  /* N_COMPONENT: a component of the main file uses it (resolve.c) */
};

/* The whole file: declarations in source order. */
typedef struct Ast {
  Node *decls;
  uint32_t file;   /* SourceMap index of the file */
} Ast;

struct Compilation;

/* Creates a zeroed node in the compilation's arena. */
Node *ast_new(struct Compilation *c, NodeKind kind, Span span);
/* Appends `item` (and its siblings) to the list starting at *head. O(n) per
 * append; the parser uses ast_list_* builders to stay linear. */
typedef struct NodeList { Node *head, *tail; } NodeList;
void ast_list_append(NodeList *l, Node *item);
uint32_t ast_list_len(const Node *head);
const char *ast_kind_name(NodeKind kind);   /* "N_STACK" ... for --dump-ast */
/* A deep copy of `n` (and of its siblings when `siblings`), with every
 * identifier and declared name for which `rename` returns non-NULL
 * replaced. Attribute and member names are never renamed. */
typedef const char *(*AstRename)(void *ctx, const char *name);
Node *ast_clone(struct Compilation *c, const Node *n, bool siblings, AstRename rename, void *ctx);

/* One node per line, indented, with spans as line:col-line:col. */
void ast_dump(struct Compilation *c, const Ast *ast, FILE *out);

/* Lexes and parses file `file` of the compilation. Syntax errors are reported
 * to c->diag; the returned tree holds whatever could be recovered.
 * Defined at the end of grammar/lexer.l, the only user of the scanner API. */
Ast *parse_file(struct Compilation *c, uint32_t file);

#endif
