/* check_internal.h — what the checker's files share: the checker state
 * and the conversions every part of it uses. Not for other stages. */
#ifndef STACKC_CHECK_INTERNAL_H
#define STACKC_CHECK_INTERNAL_H

#include "check.h"
#include "check_rules.h"

typedef enum SymKind { SYM_RESOURCE, SYM_PARAM, SYM_LET } SymKind;

typedef enum LetState { LET_UNVISITED, LET_VISITING, LET_DONE } LetState;

typedef struct Symbol {
  SymKind kind;
  const char *name;
  const Node *decl;          /* the declaration node */
  IrRes *res;                /* SYM_RESOURCE */
  IrParam *param;            /* SYM_PARAM */
  LetState let_state;        /* SYM_LET: cycle detection while converting */
  bool let_failed;           /* SYM_LET: its value already reported an error */
  bool used;                 /* referenced anywhere (for unused warnings) */
} Symbol;

typedef struct Checker {
  Compilation *c;
  IrProgram *ir;
  NameMap names;             /* top-level name → Symbol* */
  PtrVec symbols;            /* Symbol*, declaration order (for "did you mean") */
  const char *source_dir;
  const char *attr_name;     /* the attribute being converted, for messages; or NULL */
  bool list_param_ok;        /* it is a list a list parameter may stand for (FieldSpec.list_param) */
  IrRes *secret_owner;       /* while converting a function's env values: that function */
  IrRes *secret_scope;       /* while converting a function's attributes: that function */
  const Node *use;           /* the `use` whose declaration is being checked, or NULL */
  const char *args_of;       /* while converting a trigger's arguments: "a queue trigger" */
  uint32_t main_file;        /* the file given on the command line (SourceMap index) */
  const Node *unquoted;      /* the last value told "to write text, quote it" */
  uint32_t conv_depth;       /* conversions under way, nested (chk_conv) */
  Diag *too_deep;            /* the error for passing CHK_MAX_CONV_DEPTH, once made */
} Checker;

/* Nested conversions at most (docs/limits.md): a value's brackets and
 * interpolations, counted through the constants it reads. */
#define CHK_MAX_CONV_DEPTH 1024

/* The symbol declared as `name`, or NULL. */
Symbol *chk_lookup(Checker *ck, const char *name);
/* The source text of a node, for messages. */
const char *chk_node_text(Checker *ck, const Node *e);
/* "30s", "1d": a duration as a user writes it. */
const char *chk_fmt_duration(Checker *ck, int64_t ms);
/* Converts an expression to a value of type `want`, or reports why not (NULL). */
Value *chk_conv(Checker *ck, const Node *e, const Type *want);
/* Checks an expression no reader has given a type (a component output that
 * nothing reads): its names and attributes exist, its text converts; the
 * names it reads count as used. */
void chk_unread_value(Checker *ck, const Node *e);
/* Converts the `name = value` items of a block against `fields` (defaults
 * filled in; rules applied when rctx is not NULL). A written attribute that
 * is rejected stays NULL; its bit is set in *rejected when that is not NULL. */
Value **chk_attrs(Checker *ck, const Node *items, const FieldSpec *fields, const char *owner,
                  Span owner_span, const RuleContext *rctx, uint64_t *rejected);
/* Reports that constant `s` depends on itself, read at `use` on the way
 * back to it; marks it failed. */
void chk_let_cycle(Checker *ck, Symbol *s, const Node *use);
/* A constant whose value is just another name (a component parameter or
 * output naming a resource) stands for that name: the symbol at the end of
 * the chain. */
Symbol *chk_follow(Checker *ck, Symbol *s);
/* The declared name closest to `word`, for "did you mean", or NULL. */
const char *chk_suggest_symbol(Checker *ck, const char *word);
/* "parameter", "constant", or the resource's kind: how messages name a symbol. */
const char *chk_sym_kind_word(const Symbol *s);
/* A component parameter's type: a value type, a list of one, or a kind;
 * NULL after reporting an unknown type. */
const Type *chk_component_param_type(Checker *ck, const Node *t);
/* Reports `name` (written at `at`) as undefined, with a suggestion; `whole`
 * is the expression it starts; `want` is NULL where a resource is expected.
 * Returns NULL. */
Value *chk_undefined_name(Checker *ck, const Node *at, const Node *whole, const char *name, const Type *want);
/* Reports an attribute that `fields` does not have, with a suggestion (an
 * argument, with the list of those `fields` has, while ck->args_of is set). */
void chk_unknown_attribute(Checker *ck, const Node *attr, const FieldSpec *fields, const char *owner);
/* The value a field takes when it is not written, or NULL. */
Value *chk_default_value(Checker *ck, const FieldSpec *f, Span origin);
/* The resource an identifier names, or NULL after reporting. */
IrRes *chk_resolve_resource(Checker *ck, const Node *e, const char *role);
/* `NAME.dead_letter` (chk_is_dead_letter): that queue's dead-letter queue,
 * made on first use (IrRes.dead_letter_of); NULL after reporting. */
bool chk_is_dead_letter(const Node *e);
IrRes *chk_dead_letter(Checker *ck, const Node *e);

/* check_triggers.c: `on SOURCE[.EVENT][(ARGS)] run F, G`. */
void chk_trigger(Checker *ck, const Node *on);

#endif
