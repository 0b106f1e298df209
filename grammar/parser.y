/* parser.y — the stack language grammar: tokens from lexer.l → AST (ast.h).
 *
 * Pipeline position: source text → lexer.l → this parser → resolve/check.
 * The parser only builds the tree and recovers from syntax errors; names,
 * kinds, units and types are the checker's business. Every semantic value
 * lives in the compilation's arena, so no %destructor is needed.
 *
 * Error recovery: `decl: error` at declaration level and `error` items in
 * blocks, so one run reports several syntax errors. Top-level declarations
 * are appended to LexState.decls as soon as they are reduced, so whatever
 * was parsed survives even when the parse is aborted (nesting too deep). */

%code top {
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif
}

%code requires {
#include <stdbool.h>
#include <stdint.h>

#include "ast.h"
#include "compile.h"
#include "util.h"

#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif

/* Lists, records, calls, `${` and blocks may nest this deep. */
#define LEX_MAX_DEPTH 256
/* Tokens remembered for error hints (newest first). */
#define LEX_HIST 4

/* A token's value: its text (identifiers), whether a newline came before
 * it, and for literals the node the lexer already built. */
typedef struct Tok {
  const char *s;    /* identifier text, arena-owned; NULL for other tokens */
  Node *node;       /* literal tokens: the N_INT/N_NUMBER/N_QUANTITY/N_BOOL/N_STR node */
  bool nl;          /* a newline (or the start of the file) came before the token */
} Tok;

/* One remembered token, for hints in syntax errors. */
typedef struct LexHist {
  int kind;         /* token number as returned by yylex (0 = none/end of file) */
  Span span;        /* where it is */
  bool nl;          /* newline before it */
  const char *s;    /* identifier text or NULL */
} LexHist;

/* The scanner's extra state (flex extra-type), shared with the parser. */
typedef struct LexState {
  Compilation *c;                          /* arena and diagnostics */
  uint32_t file;                           /* SourceMap index of the file being read */
  uint32_t off;                            /* byte offset of the next unread byte */
  bool nl;                                 /* newline seen since the last token */
  /* the string segment being scanned */
  StrBuf buf;                              /* decoded text of the segment */
  uint32_t str_lo;                         /* start of the segment ('"' or the '}' of `${...}`) */
  bool str_nl;                             /* newline before the string's opening quote */
  bool seg_after_interp;                   /* segment began at the '}' closing an interpolation */
  uint32_t quote_lo;                       /* opening quote of the innermost string */
  /* open brackets: ( [ { and `${` */
  uint32_t depth;                          /* how many are open */
  Span open[LEX_MAX_DEPTH + 1];            /* where each was opened */
  char open_ch[LEX_MAX_DEPTH + 1];         /* '(' '[' '{' or '$' */
  /* open interpolations, innermost last */
  uint32_t ninterp;                        /* how many `${` are open */
  uint32_t interp_depth[LEX_MAX_DEPTH + 1];/* depth right after the `${` was opened */
  uint32_t interp_quote[LEX_MAX_DEPTH + 1];/* quote_lo of the string holding the `${` */
  uint32_t pending_tails;                  /* string ends to emit after an unterminated string */
  uint32_t pending_at;                     /* where those string ends are placed */
  bool stop;                               /* nesting too deep: report end of file from now on */
  /* error bookkeeping */
  unsigned ntok;                           /* tokens returned so far */
  unsigned lex_err_tok;                    /* ntok of the token after the last lexical error; 0 = none */
  LexHist hist[LEX_HIST];                  /* last tokens returned, newest first */
  /* output */
  NodeList decls;                          /* top-level declarations in source order */
} LexState;
}

%code provides {
int yylex(YYSTYPE *yylval_param, YYLTYPE *yylloc_param, yyscan_t yyscanner);
/* The LexState of a scanner (defined in lexer.l). */
LexState *lex_state(yyscan_t scanner);
/* Bison calls it only for "memory exhausted" (stack past YYMAXDEPTH). */
void yyerror(YYLTYPE *loc, yyscan_t scanner, Compilation *c, const char *msg);
}

%code {
#include <string.h>

#include "diag.h"

/* From kinds.h, which cannot be included here: its type names (T_STRING)
 * clash with the token names. Used only to word a syntax error. */
struct KindSpec;
const struct KindSpec *kind_lookup(const char *name);

#define YYLLOC_DEFAULT(Cur, Rhs, N)                                   \
  do {                                                                \
    if (N) {                                                          \
      (Cur).file = YYRHSLOC(Rhs, 1).file;                             \
      (Cur).lo = YYRHSLOC(Rhs, 1).lo;                                 \
      (Cur).hi = YYRHSLOC(Rhs, N).hi;                                 \
    } else {                                                          \
      (Cur).file = YYRHSLOC(Rhs, 0).file;                             \
      (Cur).lo = (Cur).hi = YYRHSLOC(Rhs, 0).hi;                      \
    }                                                                 \
  } while (0)

#define LS (lex_state(scanner))

static Node *mk(Compilation *c, NodeKind kind, Span span, Span name_span, bool nl) {
  Node *n = ast_new(c, kind, span);
  n->name_span = name_span;
  n->newline_before = nl;
  return n;
}

static NodeList list1(Node *n) {
  NodeList l = {0};
  if (n) ast_list_append(&l, n);
  return l;
}

/* Appends a part to an N_INTERP (strings have few parts: walking is fine). */
static void interp_add(Node *interp, Node *part) {
  Node **p = &interp->kids;
  while (*p) p = &(*p)->next;
  *p = part;
}

/* The source text at `at` (a token the lexer built no name for). */
static const char *span_text(Compilation *c, Span at) {
  const SourceFile *f = source_file(&c->sources, at.file);
  return arena_strndup(&c->arena, f->text + at.lo, at.hi - at.lo);
}

static NodeList list_add(NodeList l, Node *n) {
  if (n) ast_list_append(&l, n);
  return l;
}
}

%define api.pure full
%define api.location.type {Span}
%define parse.error custom
%define parse.lac full
%locations
%expect 0
%param {yyscan_t scanner}
%parse-param {Compilation *c}

%initial-action {
  @$.file = LS->file;
  @$.lo = @$.hi = 0;
}

%union {
  Tok tok;
  Node *node;
  NodeList list;
}

%token END 0 "end of file"
%token <tok> T_IDENT "identifier"
%token <tok> T_STRING "string"
%token <tok> T_STR_HEAD "interpolated string"
%token <tok> T_STR_MID "'}${'"
%token <tok> T_STR_TAIL "end of interpolation"
%token <tok> T_INT "integer"
%token <tok> T_NUMBER "number"
%token <tok> T_QUANTITY "quantity"
%token <tok> T_STACK "'stack'"
%token <tok> T_PARAM "'param'"
%token <tok> T_LET "'let'"
%token <tok> T_ON "'on'"
%token <tok> T_RUN "'run'"
%token <tok> T_CAN "'can'"
%token <tok> T_USE "'use'"
%token <tok> T_IMPORT "'import'"
%token <tok> T_AS "'as'"
%token <tok> T_COMPONENT "'component'"
%token <tok> T_OUTPUT "'output'"
%token <tok> T_TRUE "'true'"
%token <tok> T_FALSE "'false'"
%token '{' "'{'" '}' "'}'" '[' "'['" ']' "']'" '(' "'('" ')' "')'"
%token ',' "','" '=' "'='" ':' "':'" '.' "'.'"

%type <node> interp decl type opt_default attr grant cparam expr literal string ref arg list record field
%type <list> decls attrs body opt_block cparams cparam_list run_list targets args arg_list
%type <list> expr_list fields field_list
%type <tok> key number

%%

file
  : %empty
  | file decl                 { if ($2) ast_list_append(&LS->decls, $2); }
  ;

decls
  : %empty                    { $$ = (NodeList){0}; }
  | decls decl                { $$ = list_add($1, $2); }
  ;

decl
  : T_STACK T_IDENT '{' attrs '}'
      { $$ = mk(c, N_STACK, @$, @2, $1.nl); $$->name = $2.s; $$->kids = $4.head; }
  | T_PARAM T_IDENT ':' type opt_default opt_block
      { $$ = mk(c, N_PARAM, @$, @2, $1.nl); $$->name = $2.s; $$->type = $4;
        $$->rhs = $5; $$->kids = $6.head; }
  | T_LET T_IDENT '=' expr
      { $$ = mk(c, N_LET, @$, @2, $1.nl); $$->name = $2.s; $$->rhs = $4; }
  | T_OUTPUT T_IDENT '=' expr
      { $$ = mk(c, N_OUTPUT, @$, @2, $1.nl); $$->name = $2.s; $$->rhs = $4; }
  | T_IDENT
      { /* While recovering from a syntax error, an identifier in the middle of
         * a line is more junk, not the kind of a new resource: skipping it
         * keeps `param p string` from swallowing the next line's `bucket`. */
        if (YYRECOVERING() && !$1.nl) YYERROR; }
    T_IDENT '{' body '}'
      { $$ = mk(c, N_RESOURCE, @$, @3, $1.nl); $$->kind_name = $1.s; $$->kind_span = @1;
        $$->name = $3.s; $$->kids = $5.head; }
  | T_ON ref T_RUN run_list
      { $$ = mk(c, N_TRIGGER, @$, @2, $1.nl); $$->lhs = $2; $$->kids = $4.head; }
  | T_IMPORT T_STRING
      { $$ = mk(c, N_IMPORT, @$, @2, $1.nl); $$->str = $2.node->str; $$->str_len = $2.node->str_len; }
  | T_COMPONENT T_IDENT '(' cparams ')' '{' decls '}'
      { $$ = mk(c, N_COMPONENT, @$, @2, $1.nl); $$->name = $2.s; $$->params = $4.head;
        $$->kids = $7.head; }
  | T_USE T_IDENT T_IDENT '{' attrs '}'
      { $$ = mk(c, N_USE, @$, @3, $1.nl); $$->kind_name = $2.s; $$->kind_span = @2;
        $$->name = $3.s; $$->kids = $5.head; }
  | error                     { $$ = NULL; }
  ;

type
  : T_IDENT                   { $$ = mk(c, N_TYPE, @$, @$, $1.nl); $$->name = $1.s; }
  | '[' type ']'              { $$ = mk(c, N_TYPE, @$, @$, false); $$->name = "[]"; $$->elem = $2; }
  ;

opt_default
  : %empty                    { $$ = NULL; }
  | '=' expr                  { $$ = $2; }
  ;

opt_block
  : %empty                    { $$ = (NodeList){0}; }
  | '{' attrs '}'             { $$ = $2; }
  ;

cparams
  : %empty                    { $$ = (NodeList){0}; }
  | cparam_list
  ;

cparam_list
  : cparam                    { $$ = list1($1); }
  | cparam_list ',' cparam    { $$ = list_add($1, $3); }
  ;

cparam
  : T_IDENT ':' type opt_default
      { $$ = mk(c, N_PARAM, @$, @1, $1.nl); $$->name = $1.s; $$->type = $3; $$->rhs = $4; }
  ;

run_list
  : T_IDENT                   { Node *n = mk(c, N_IDENT, @1, @1, $1.nl); n->name = $1.s; $$ = list1(n); }
  | run_list ',' T_IDENT      { Node *n = mk(c, N_IDENT, @3, @3, $3.nl); n->name = $3.s; $$ = list_add($1, n); }
  ;

/* Blocks of stack, param and use: attributes separated by whitespace. */
attrs
  : %empty                    { $$ = (NodeList){0}; }
  | attrs attr                { $$ = list_add($1, $2); }
  | attrs error               { $$ = $1; }
  ;

/* Resource bodies: attributes and grants. */
body
  : %empty                    { $$ = (NodeList){0}; }
  | body attr                 { $$ = list_add($1, $2); }
  | body grant                { $$ = list_add($1, $2); }
  | body error                { $$ = $1; }
  ;

attr
  : T_IDENT '=' expr
      { $$ = mk(c, N_ATTR, @$, @1, $1.nl); $$->name = $1.s; $$->rhs = $3; }
  ;

grant
  : T_CAN T_IDENT targets
      { $$ = mk(c, N_GRANT, @$, @2, $1.nl); $$->name = $2.s; $$->kids = $3.head; }
  ;

targets
  : expr                      { $$ = list1($1); }
  | targets ',' expr          { $$ = list_add($1, $3); }
  ;

expr
  : ref
  | literal
  | list
  | record
  ;

number
  : T_INT
  | T_NUMBER
  | T_QUANTITY
  ;

literal
  : T_INT                     { $$ = $1.node; }
  | T_NUMBER                  { $$ = $1.node; }
  | T_QUANTITY                { $$ = $1.node; }
  | T_TRUE                    { $$ = mk(c, N_BOOL, @1, @1, $1.nl); $$->bval = true; }
  | T_FALSE                   { $$ = mk(c, N_BOOL, @1, @1, $1.nl); $$->bval = false; }
  | string
  ;

string
  : T_STRING                  { $$ = $1.node; }
  | interp T_STR_TAIL
      { $$ = $1;
        $$->span = @$;
        $$->name_span = @$;
        if ($2.node->str_len) interp_add($$, $2.node); }
  ;

/* "a${x}b${y}c" arrives as HEAD("a") x MID("b") y TAIL("c"); empty pieces are dropped. */
interp
  : T_STR_HEAD expr
      { $$ = mk(c, N_INTERP, @$, @$, $1.nl);
        if ($1.node->str_len) interp_add($$, $1.node);
        interp_add($$, $2); }
  | interp T_STR_MID expr
      { $$ = $1;
        if ($2.node->str_len) interp_add($$, $2.node);
        interp_add($$, $3); }
  ;

ref
  : T_IDENT                   { $$ = mk(c, N_IDENT, @1, @1, $1.nl); $$->name = $1.s; }
  | ref '.' T_IDENT           { $$ = mk(c, N_MEMBER, @$, @3, $1->newline_before); $$->lhs = $1; $$->name = $3.s; }
  | ref '.' number
      { /* `python3.12` is a name and a number no resource has as an attribute:
         * parsed, so that the checker says "quote it" as for `nodejs22.x`. */
        $$ = mk(c, N_MEMBER, @$, @3, $1->newline_before); $$->lhs = $1; $$->name = span_text(c, @3); }
  | ref '(' args ')'          { $$ = mk(c, N_CALL, @$, @1, $1->newline_before); $$->lhs = $1; $$->kids = $3.head; }
  ;

args
  : %empty                    { $$ = (NodeList){0}; }
  | arg_list
  | arg_list ','
  ;

arg_list
  : arg                       { $$ = list1($1); }
  | arg_list ',' arg          { $$ = list_add($1, $3); }
  ;

arg
  : T_IDENT '=' expr
      { $$ = mk(c, N_ATTR, @$, @1, $1.nl); $$->name = $1.s; $$->rhs = $3; }
  | expr
  ;

list
  : '[' ']'                   { $$ = mk(c, N_LIST, @$, @$, false); }
  | '[' expr_list ']'         { $$ = mk(c, N_LIST, @$, @$, false); $$->kids = $2.head; }
  | '[' expr_list ',' ']'     { $$ = mk(c, N_LIST, @$, @$, false); $$->kids = $2.head; }
  ;

expr_list
  : expr                      { $$ = list1($1); }
  | expr_list ',' expr        { $$ = list_add($1, $3); }
  ;

/* Fields are separated by commas or whitespace; a trailing comma is fine. */
record
  : '{' fields '}'            { $$ = mk(c, N_RECORD, @$, @$, false); $$->kids = $2.head; }
  | '{' error '}'
      { /* a bad field (`a.b = ...`) skips to the record's own '}', not to a
         * token of the field the enclosing block would take for its own */
        $$ = mk(c, N_RECORD, @$, @$, false); }
  ;

fields
  : %empty                    { $$ = (NodeList){0}; }
  | field_list
  | field_list ','
  ;

field_list
  : field                     { $$ = list1($1); }
  | field_list field          { $$ = list_add($1, $2); }
  | field_list ',' field      { $$ = list_add($1, $3); }
  ;

field
  : key '=' expr
      { $$ = mk(c, N_ATTR, @$, @1, $1.nl); $$->name = $1.s; $$->rhs = $3;
        $$->quoted_key = $1.node != NULL; }
  | key ':' expr
      { $$ = mk(c, N_ATTR, @$, @1, $1.nl); $$->name = $1.s; $$->rhs = $3; $$->colon = true;
        $$->quoted_key = $1.node != NULL; }
  ;

/* A quoted key keeps its node (so quoted_key can be set); s is the text. */
key
  : T_IDENT                   { $$ = $1; $$.node = NULL; }
  | T_STRING                  { $$ = $1; $$.s = $1.node->str; }
  ;

%%

static bool sym_is(yysymbol_kind_t k, const char *name) {
  return strcmp(yysymbol_name(k), name) == 0;
}

/* How a token is named in "unexpected X, expecting Y". */
static const char *sym_display(yysymbol_kind_t k) {
  switch (k) {
  case YYSYMBOL_T_STR_HEAD: return "interpolated string";
  case YYSYMBOL_T_STR_MID:
  case YYSYMBOL_T_STR_TAIL: return "'}'";
  default: return yysymbol_name(k);
  }
}

static bool is_keyword(yysymbol_kind_t k) {
  switch (k) {
  case YYSYMBOL_T_STACK: case YYSYMBOL_T_PARAM: case YYSYMBOL_T_LET: case YYSYMBOL_T_ON:
  case YYSYMBOL_T_RUN: case YYSYMBOL_T_CAN: case YYSYMBOL_T_USE: case YYSYMBOL_T_IMPORT:
  case YYSYMBOL_T_AS: case YYSYMBOL_T_COMPONENT: case YYSYMBOL_T_OUTPUT:
  case YYSYMBOL_T_TRUE: case YYSYMBOL_T_FALSE:
    return true;
  default:
    return false;
  }
}

/* Tokens that can start an expression: listed as "expression" when all are expected. */
static bool starts_expr(yysymbol_kind_t k) {
  switch (k) {
  case YYSYMBOL_T_IDENT: case YYSYMBOL_T_STRING: case YYSYMBOL_T_STR_HEAD:
  case YYSYMBOL_T_INT: case YYSYMBOL_T_NUMBER: case YYSYMBOL_T_QUANTITY:
  case YYSYMBOL_T_TRUE: case YYSYMBOL_T_FALSE:
    return true;
  default:
    return sym_is(k, "'{'") || sym_is(k, "'['");
  }
}

/* Reports a syntax error: "unexpected X, expecting A, B or C", plus a hint
 * for the common mistakes (reserved word as a name, missing '=', commas
 * between attributes, unclosed bracket at end of file). Errors right after
 * a lexical error, or after the nesting limit stopped the scan, are not
 * reported: they are consequences of the first one. */
static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner, Compilation *c) {
  LexState *ls = LS;
  if (ls->stop) return 0;
  if (ls->lex_err_tok && ls->ntok >= ls->lex_err_tok && ls->ntok - ls->lex_err_tok < 3) return 0;

  yysymbol_kind_t tok = yypcontext_token(ctx);
  Span at = *yypcontext_location(ctx);
  yysymbol_kind_t exp[YYNTOKENS];
  int n = yypcontext_expected_tokens(ctx, exp, YYNTOKENS);
  if (n < 0) n = 0;

  int nexpr = 0;
  bool want_ident = false, want_eq = false, want_rbrace = false;
  for (int i = 0; i < n; i++) {
    if (starts_expr(exp[i])) nexpr++;
    if (exp[i] == YYSYMBOL_T_IDENT) want_ident = true;
    if (sym_is(exp[i], "'='")) want_eq = true;
    if (sym_is(exp[i], "'}'")) want_rbrace = true;
  }
  bool as_expr = nexpr >= 10;  /* all ten expression starts are expected */

  /* The display names, deduplicated, in bison's order. */
  const char *names[YYNTOKENS + 1];
  int nn = 0;
  if (as_expr) names[nn++] = "expression";
  for (int i = 0; i < n; i++) {
    if (as_expr && starts_expr(exp[i])) continue;
    /* numbers are expected alone only after '.', for the python3.12 hint:
     * a member is an identifier */
    if (!as_expr && (exp[i] == YYSYMBOL_T_INT || exp[i] == YYSYMBOL_T_NUMBER ||
                     exp[i] == YYSYMBOL_T_QUANTITY))
      continue;
    const char *s = sym_display(exp[i]);
    bool dup = false;
    for (int j = 0; j < nn; j++)
      if (strcmp(names[j], s) == 0) dup = true;
    if (!dup) names[nn++] = s;
  }

  StrBuf sb = {0};
  sb_printf(&sb, "unexpected %s", sym_display(tok));
  if (nn > 0 && nn <= 5) {
    sb_puts(&sb, ", expecting ");
    for (int i = 0; i < nn; i++) {
      if (i > 0) sb_puts(&sb, i == nn - 1 ? " or " : ", ");
      sb_puts(&sb, names[i]);
    }
  }

  /* hist[0] is the unexpected token, hist[1] the one before it. */
  const LexHist *h = ls->hist;
  Span note_span = {0};
  const char *note = NULL;
  if (is_keyword(tok) && (want_ident || as_expr)) {
    sb_printf(&sb, "; %s is a reserved word", yysymbol_name(tok));
  } else if (sym_is(tok, "'='") && h[1].kind == T_IDENT && h[1].nl && h[2].kind == '=' &&
             h[3].kind == T_IDENT) {
    /* `memory =` then a newline and `timeout = 30s`: the value is missing. */
    sb_free(&sb);
    diag_error(&c->diag, h[2].span, "missing value after '=' for '%s'", h[3].s);
    return 0;
  } else if (want_eq && tok == YYSYMBOL_T_IDENT && h[1].kind == T_IDENT && h[1].nl && ls->depth > 0 &&
             kind_lookup(h[1].s)) {
    /* `function refund {` on a new line inside a block: the block before
     * it was never closed. */
    sb_free(&sb);
    Diag *d = diag_error(&c->diag, h[1].span, "missing '}' before this declaration");
    diag_note(&c->diag, d, ls->open[ls->depth - 1], "to match this '{'");
    return 0;
  } else if (want_eq && !sym_is(tok, "'='") && h[1].kind == T_IDENT) {
    sb_printf(&sb, "; missing '=' after '%s'?", h[1].s);
  } else if (sym_is(tok, "','") && want_rbrace && want_ident) {
    sb_puts(&sb, "; attributes in a block are separated by whitespace, not commas");
  } else if (tok == YYSYMBOL_YYEOF && ls->depth > 0) {
    uint32_t i = ls->depth - 1;
    note_span = ls->open[i];
    switch (ls->open_ch[i]) {
    case '(': note = "to match this '('"; break;
    case '[': note = "to match this '['"; break;
    case '$': note = "to match this '${'"; break;
    default: note = "to match this '{'"; break;
    }
  }

  Diag *d = diag_error(&c->diag, at, "%s", sb.data);
  if (note) diag_note(&c->diag, d, note_span, "%s", note);
  sb_free(&sb);
  return 0;
}

void yyerror(YYLTYPE *loc, yyscan_t scanner, Compilation *c, const char *msg) {
  (void)scanner;
  diag_error(&c->diag, *loc, "%s", msg);
}
