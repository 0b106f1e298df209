/* check.c — from syntax tree to checked resource graph.
 *
 * Pipeline position: parser → [check] → plan → backends.
 *
 * The checker works in passes so that every name is known before any value
 * is converted: (1) declare every top-level name, (2) make an IrParam or an
 * IrRes shell for each, (3) convert the stack block, parameters, resource
 * attributes, grants, triggers and outputs against the kinds table,
 * (4) run the whole-program rules of check_rules.c. Conversion
 * (check_values.c) turns each expression into a typed Value or reports why
 * not; a failed expression yields NULL and is never reported twice.
 * Triggers are checked in check_triggers.c.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "check.h"

#include <string.h>

#include "check_internal.h"
#include "check_rules.h"
#include "codedir.h"
#include "names.h"

/* ---- symbols ------------------------------------------------------------ */

Symbol *chk_lookup(Checker *ck, const char *name) { return map_get(&ck->names, name); }

const char *chk_sym_kind_word(const Symbol *s) {
  if (s->kind == SYM_PARAM) return "parameter";
  if (s->kind == SYM_LET) return "constant";
  if (s->res) return s->res->spec->name;
  return s->decl->failed ? "name" : "resource";   /* no res: its kind was unknown, or it failed */
}

/* Declares `name`; a second declaration is an error with a note at the first. */
static Symbol *sym_declare(Checker *ck, SymKind kind, const Node *decl) {
  Symbol *old = chk_lookup(ck, decl->name);
  if (old) {
    Diag *d = diag_error(&ck->c->diag, decl->name_span, "'%s' is already declared", decl->name);
    diag_note(&ck->c->diag, d, old->decl->name_span, "%s '%s' declared here",
              chk_sym_kind_word(old), old->name);
    return NULL;
  }
  Symbol *s = ARENA_NEW(&ck->c->arena, Symbol);
  s->kind = kind;
  s->name = decl->name;
  s->decl = decl;
  map_put(&ck->c->arena, &ck->names, s->name, s);
  vec_push(&ck->c->arena, &ck->symbols, s);
  return s;
}

/* A symbol's name as the code being checked writes it: inside an instance,
 * the instance's own names without its prefix ("work", not "jobs_work"). */
static const char *name_as_written(const Checker *ck, const Symbol *s) {
  const Node *use = ck->use;
  size_t n = use ? strlen(use->name) : 0;
  if (use && s->decl->from_use == use && strncmp(s->name, use->name, n) == 0 && s->name[n])
    return s->name + n + 1;
  return s->name;
}

/* The declared name closest to `word`, for "did you mean". */
const char *chk_suggest_symbol(Checker *ck, const char *word) {
  const char *best = NULL;
  size_t best_d = 3;
  for (uint32_t i = 0; i < ck->symbols.n; i++) {
    const char *name = name_as_written(ck, ck->symbols.items[i]);
    size_t d = edit_distance(word, name, 2);
    if (d < best_d) {
      best_d = d;
      best = name;
    }
  }
  return best;
}

/* ---- declarations ----------------------------------------------------- */

/* "unknown resource kind": the stackc kind an AWS name means (sqs: queue),
 * else the closest kind; then every kind, from the kinds table. */
static void unknown_kind(Checker *ck, const Node *d) {
  const char *names[RES_KIND_COUNT];
  for (int i = 0; i < RES_KIND_COUNT; i++) names[i] = kind_specs[i].supported ? kind_specs[i].name : NULL;
  const KindAlias *alias = kind_alias_lookup(d->kind_name);
  Diag *e;
  if (alias && alias->schedule && alias->kind == RES_KIND_COUNT)
    e = diag_error(&ck->c->diag, d->kind_span,
                   "unknown resource kind '%s'; a schedule is a trigger: on rate(...) run FUNCTION "
                   "or on cron(...) run FUNCTION", d->kind_name);
  else
    e = diag_error(&ck->c->diag, d->kind_span, "unknown resource kind '%s'%s", d->kind_name,
                   did_you_mean_text(&ck->c->arena, alias ? kind_specs[alias->kind].name
                                     : did_you_mean(d->kind_name, names, RES_KIND_COUNT)));
  if (alias && alias->schedule && alias->kind != RES_KIND_COUNT)
    diag_note(&ck->c->diag, e, d->kind_span, "a schedule is a trigger: on rate(...) run FUNCTION "
              "or on cron(...) run FUNCTION");
  diag_note(&ck->c->diag, e, d->kind_span, "the resource kinds are: %s",
            str_join(&ck->c->arena, names, RES_KIND_COUNT));
}

static IrRes *check_resource_decl(Checker *ck, const Node *d) {
  const KindSpec *k = kind_lookup(d->kind_name);
  if (!k) {
    unknown_kind(ck, d);
    return NULL;
  }
  if (!k->supported) {
    diag_error(&ck->c->diag, d->kind_span,
               "resource kind '%s' is not supported yet by this version of stackc", k->name);
    return NULL;
  }
  if (str_eq(d->name, "rate") || str_eq(d->name, "cron")) {
    diag_error(&ck->c->diag, d->name_span, "'%s' is a built-in schedule and cannot name a resource",
               d->name);
    return NULL;
  }
  IrRes *res = ARENA_NEW(&ck->c->arena, IrRes);
  res->spec = k;
  res->kind = k->kind;
  res->name = d->name;
  res->origin = d->name_span;
  return res;
}

static const Type *param_type(Checker *ck, const Node *t) {
  static const Type *const simple[] = {&ty_string, &ty_int, &ty_number, &ty_bool};
  if (t && !t->elem)
    for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++)
      if (str_eq(t->name, simple[i]->name)) return simple[i];
  /* [string]: CloudFormation List<String> (or a list of EC2 ids), Terraform list(string) */
  if (t && t->elem && !t->elem->elem && str_eq(t->elem->name, ty_string.name)) return &ty_string_list;
  if (t)
    diag_error(&ck->c->diag, t->span, "parameter type must be string, int, number, bool or [string]");
  return NULL;
}

/* A component parameter's type: a value type, a list of one, or a kind
 * (`worker: function`). NULL after reporting an unknown type. */
const Type *chk_component_param_type(Checker *ck, const Node *t) {
  static const Type *const value_types[] = {&ty_string, &ty_int, &ty_number, &ty_bool, &ty_duration, &ty_size};
  if (t->elem) {
    const Type *elem = chk_component_param_type(ck, t->elem);
    if (!elem) return NULL;
    Type *list = ARENA_NEW(&ck->c->arena, Type);
    list->kind = T_LIST;
    list->elem = elem;
    list->name = arena_printf(&ck->c->arena, "[%s]", type_name(elem));
    return list;
  }
  for (size_t i = 0; i < sizeof value_types / sizeof value_types[0]; i++)
    if (str_eq(t->name, value_types[i]->name)) return value_types[i];
  const KindSpec *k = kind_lookup(t->name);
  if (k) return kind_type(k->kind);
  diag_error(&ck->c->diag, t->span, "unknown parameter type '%s': use string, int, number, bool, duration, "
             "size, a resource kind, or [TYPE]", t->name);
  return NULL;
}

/* A component parameter became `let INSTANCE_P = ARGUMENT` (resolve.c): its
 * argument is checked against the declared type once, here. */
static void check_typed_let(Checker *ck, Symbol *s) {
  const Type *t = chk_component_param_type(ck, s->decl->type);
  if (!t) {
    s->let_failed = true;   /* reported; its uses would only repeat it */
    return;
  }
  Diag *last = ck->c->diag.last;
  if (chk_conv(ck, s->decl->rhs, t) || ck->c->diag.last == last) return;
  diag_note(&ck->c->diag, ck->c->diag.last, s->decl->name_span, "the parameter is declared here, as %s",
            type_name(t));
  s->let_failed = true;
}

static bool value_equal(const Value *a, const Value *b) {
  if (a->kind != b->kind) return false;
  switch (a->kind) {
  case V_STR: return str_eq(a->s, b->s);
  case V_INT: return a->i == b->i;
  case V_NUM: return a->num == b->num;
  case V_BOOL: return a->b == b->b;
  default: return false;
  }
}

static void check_param_options(Checker *ck, IrParam *p, const Node *d) {
  static const FieldSpec option_fields[] = {
    {.name = "allowed", NO_RANGE},
    {.name = "description", .type = &ty_string, NO_RANGE},
    {0}};
  Type list = {.kind = T_LIST, .elem = p->type, .name = "list"};
  for (const Node *a = d->kids; a; a = a->next) {
    if (a->kind != N_ATTR) continue;
    if (!field_lookup(option_fields, a->name, NULL)) {
      chk_unknown_attribute(ck, a, option_fields, "parameter options");
    } else if (str_eq(a->name, "allowed") && p->type->kind == T_LIST) {
      diag_error(&ck->c->diag, a->span, "a list parameter takes no 'allowed' values");
    } else if (str_eq(a->name, "allowed")) {
      p->allowed = chk_conv(ck, a->rhs, &list);
      if (p->allowed && p->allowed->n == 0) {
        diag_error(&ck->c->diag, a->rhs->span, "'allowed' needs at least one value");
        p->allowed = NULL;
      }
    } else {
      Value *v = chk_conv(ck, a->rhs, &ty_string);
      p->description = ir_literal(v);
      if (v && !p->description)
        diag_error(&ck->c->diag, a->rhs->span, "a parameter's description must be a literal string");
    }
  }
}

/* A list parameter's default: literal strings without commas (CloudFormation
 * takes a list parameter's value as one comma-separated string). */
static void check_list_param_default(Checker *ck, IrParam *p, const Node *d) {
  Value *def = chk_conv(ck, d->rhs, p->type);
  bool literal = def != NULL;
  for (uint32_t i = 0; def && i < def->n; i++) {
    const Value *item = def->items[i];
    if (item->kind != V_STR || strchr(item->s, ',')) {
      diag_error(&ck->c->diag, item->origin, "a list parameter's default holds literal strings without commas");
      literal = false;
    }
  }
  p->def = literal ? def : NULL;
}

static void check_param_default(Checker *ck, IrParam *p, const Node *d) {
  if (!d->rhs) return;
  if (p->type->kind == T_LIST) {
    check_list_param_default(ck, p, d);
    return;
  }
  p->def = chk_conv(ck, d->rhs, p->type);
  if (p->def && p->def->kind != V_STR && p->def->kind != V_INT && p->def->kind != V_NUM &&
      p->def->kind != V_BOOL) {
    diag_error(&ck->c->diag, d->rhs->span, "a parameter's default must be a literal");
    p->def = NULL;
  }
  if (!p->def || !p->allowed) return;
  for (uint32_t i = 0; i < p->allowed->n; i++)
    if (value_equal(p->def, p->allowed->items[i])) return;
  diag_error(&ck->c->diag, d->rhs->span, "default of parameter '%s' is not one of its allowed values",
             p->name);
}

static IrParam *check_param_decl(Checker *ck, const Node *d) {
  IrParam *p = ARENA_NEW(&ck->c->arena, IrParam);
  p->name = d->name;
  p->origin = d->name_span;
  p->type = param_type(ck, d->type);
  if (!p->type) return NULL;
  check_param_options(ck, p, d);
  check_param_default(ck, p, d);
  return p;
}

/* Pass 1 and 2: every top-level name, with its IR shell. */
static void declare_all(Checker *ck, const Ast *ast) {
  const Node *stack = NULL;
  for (const Node *d = ast->decls; d; d = d->next) {
    if (d->failed) continue;
    switch (d->kind) {
    case N_STACK:
      if (stack) {
        Diag *g = diag_error(&ck->c->diag, d->name_span, "a file may declare only one stack");
        diag_note(&ck->c->diag, g, stack->name_span, "first stack declared here");
      } else {
        stack = d;
      }
      break;
    case N_RESOURCE: {
      Symbol *s = sym_declare(ck, SYM_RESOURCE, d);
      if (s) s->res = check_resource_decl(ck, d);
      if (s && s->res) s->res->abstract = d->abstract;
      if (s && s->res && !d->alone) {   /* a component checked on its own adds nothing */
        s->res->index = ck->ir->resources.n;
        vec_push(&ck->c->arena, &ck->ir->resources, s->res);
      }
      break;
    }
    case N_PARAM: {
      Symbol *s = sym_declare(ck, SYM_PARAM, d);
      if (s) s->param = check_param_decl(ck, d);
      if (s && s->param) vec_push(&ck->c->arena, &ck->ir->params, s->param);
      break;
    }
    case N_LET: sym_declare(ck, SYM_LET, d); break;
    default: break;   /* imports, components and uses are gone: resolve.c expanded them */
    }
  }
  /* Stand-ins for what resolve.c could not make (reported there): a
   * resource symbol with no resource, which reads as nothing. */
  for (const Node *d = ast->decls; d; d = d->next)
    if (d->failed && !chk_lookup(ck, d->name)) sym_declare(ck, SYM_RESOURCE, d);
}

static void check_stack(Checker *ck, const Ast *ast, const char *default_name) {
  const Node *stack = NULL;
  for (const Node *d = ast->decls; d && !stack; d = d->next)
    if (d->kind == N_STACK) stack = d;
  ck->ir->stack_name = stack ? stack->name : default_name;
  RuleContext rctx = {ck->source_dir, NULL};
  Span where = stack ? stack->name_span : (Span){0, 0, 0};
  Value **v = chk_attrs(ck, stack ? stack->kids : NULL, stack_attrs, "stack", where, &rctx, NULL);
  ck->ir->description = ir_literal(v[ST_DESCRIPTION]);
  if (v[ST_DESCRIPTION] && !ck->ir->description)
    diag_error(&ck->c->diag, v[ST_DESCRIPTION]->origin, "the stack description must be a literal string");
  ck->ir->region = ir_literal(v[ST_REGION]);
  if (v[ST_REGION] && !ck->ir->region)
    diag_error(&ck->c->diag, v[ST_REGION]->origin, "the stack region must be a literal string");
  ck->ir->tags = v[ST_TAGS];
  ck->ir->name_prefix =
      v[ST_NAME_PREFIX] ? v[ST_NAME_PREFIX] : ir_str(ck->c, ck->ir->stack_name, where);
}

/* ---- grants ------------------------------------------------------------ */

IrRes *chk_resolve_resource(Checker *ck, const Node *e, const char *role) {
  if (chk_is_dead_letter(e)) return chk_dead_letter(ck, e);   /* can consume jobs.dead_letter */
  if (e->kind != N_IDENT) {
    diag_error(&ck->c->diag, e->span, "expected the name of a resource as %s", role);
    return NULL;
  }
  Symbol *s = chk_lookup(ck, e->name);
  if (!s) {
    chk_undefined_name(ck, e, e, e->name, NULL);
    return NULL;
  }
  s->used = true;
  s = chk_follow(ck, s);
  if (s->kind != SYM_RESOURCE) {
    diag_error(&ck->c->diag, e->span, "%s '%s' is not a resource", chk_sym_kind_word(s), s->name);
    return NULL;
  }
  return s->res;
}

Symbol *chk_follow(Checker *ck, Symbol *s) {
  for (int depth = 0; s && s->kind == SYM_LET && depth < 64; depth++) {
    const Node *rhs = s->decl->rhs;
    Symbol *next = rhs && rhs->kind == N_IDENT ? chk_lookup(ck, rhs->name) : NULL;
    if (!next) break;
    next->used = true;
    s = next;
  }
  return s;
}

static void check_grant(Checker *ck, IrRes *fn, const Node *g) {
  Access acc = ACC_COUNT;
  for (int i = 0; i < ACC_COUNT; i++)
    if (str_eq(access_names[i], g->name)) acc = (Access)i;
  if (acc == ACC_COUNT) {
    const char *guess = did_you_mean(g->name, access_names, ACC_COUNT);
    diag_error(&ck->c->diag, g->name_span, "unknown access '%s'%s", g->name,
               did_you_mean_text(&ck->c->arena, guess));
    return;
  }
  for (const Node *t = g->kids; t; t = t->next) {
    IrRes *target = chk_resolve_resource(ck, t, "grant target");
    if (!target) continue;
    if (!(target->spec->accesses & (1u << acc))) {
      StrBuf ok = {0};
      for (int i = 0; i < ACC_COUNT; i++)
        if (target->spec->accesses & (1u << i)) sb_printf(&ok, "%s%s", ok.len ? ", " : "", access_names[i]);
      Diag *d = diag_error(&ck->c->diag, t->span, "cannot grant '%s' on %s '%s'", g->name,
                           target->spec->name, target->name);
      if (ok.len) diag_note(&ck->c->diag, d, t->span, "a %s can be granted: %s", target->spec->name, ok.data);
      else diag_note(&ck->c->diag, d, t->span, "nothing can be granted on a %s", target->spec->name);
      sb_free(&ok);
      continue;
    }
    IrGrant *gr = ARENA_NEW(&ck->c->arena, IrGrant);
    gr->fn = fn;
    gr->access = acc;
    gr->target = target;
    gr->origin = span_join(g->span, t->span);
    vec_push(&ck->c->arena, &fn->grants, gr);
  }
}

/* A resource parameter of a component checked on its own stands for any
 * resource of its kind: it has no attributes of its own, only defaults, and
 * ir_attr_given() says every attribute was given. */
static void check_abstract_resource(Checker *ck, IrRes *res) {
  res->attrs = arena_alloc(&ck->c->arena, (res->spec->nattrs ? res->spec->nattrs : 1) * sizeof *res->attrs);
  for (uint32_t i = 0; i < res->spec->nattrs; i++)
    if (!res->spec->attrs[i].required) res->attrs[i] = chk_default_value(ck, &res->spec->attrs[i], res->origin);
}

/* A function's `exclude` list as NULL-terminated patterns (each a literal: RULE_EXCLUDE). */
static const char *const *exclude_patterns(Checker *ck, const IrRes *fn) {
  const Value *list = fn->attrs[FN_EXCLUDE];
  if (!list) return NULL;
  const char **patterns = arena_alloc(&ck->c->arena, (list->n + 1) * sizeof *patterns);
  for (uint32_t i = 0; i < list->n; i++) patterns[i] = ir_literal(list->items[i]);
  return patterns;
}

static void check_resource_body(Checker *ck, const Node *d, IrRes *res) {
  if (res->abstract) {
    check_abstract_resource(ck, res);
    return;
  }
  const char *owner = arena_printf(&ck->c->arena, "%s '%s'", res->spec->name, res->name);
  RuleContext rctx = {ck->source_dir, res};
  ck->secret_scope = res->kind == RES_FUNCTION ? res : NULL;
  res->attrs = chk_attrs(ck, d->kids, res->spec->attrs, owner, d->name_span, &rctx, &res->rejected);
  ck->secret_scope = NULL;
  for (const Node *g = d->kids; g; g = g->next) {
    if (g->kind != N_GRANT) continue;
    if (res->kind != RES_FUNCTION) {
      diag_error(&ck->c->diag, g->span, "only functions can be granted access ('can ...')");
      continue;
    }
    check_grant(ck, res, g);
  }
  uint32_t retain_idx;
  if (res->spec->stateful && field_lookup(res->spec->attrs, "retain", &retain_idx))
    res->retain = !res->attrs[retain_idx] || res->attrs[retain_idx]->b;
  res->code_dir = res->kind == RES_FUNCTION ? ir_literal(res->attrs[FN_CODE]) : NULL;
  /* code_path is NULL when `code` is missing, rejected or a component parameter checked on its
   * own (RULE_CODE_DIR sets it); a rejected exclude list would scan the wrong files. */
  if (res->code_path && !(res->rejected & (UINT64_C(1) << FN_EXCLUDE)))
    res->code = code_dir_check(ck->c, res->code_path, res->code_dir, exclude_patterns(ck, res),
                               res->attrs[FN_CODE]->origin);
}

/* ---- outputs and the program ------------------------------------------- */

static void check_output(Checker *ck, const Node *d, const Node *all) {
  for (const Node *o = all; o && o != d; o = o->next)
    if (o->kind == N_OUTPUT && str_eq(o->name, d->name)) {
      Diag *g = diag_error(&ck->c->diag, d->name_span, "output '%s' is declared twice", d->name);
      diag_note(&ck->c->diag, g, o->name_span, "first declared here");
      return;
    }
  Value *v = chk_conv(ck, d->rhs, &ty_string);
  if (!v) return;
  IrOutput *out = ARENA_NEW(&ck->c->arena, IrOutput);
  out->name = d->name;
  out->value = v;
  out->origin = d->name_span;
  vec_push(&ck->c->arena, &ck->ir->outputs, out);
}

static void warn_unused(Checker *ck) {
  /* Past the nesting limit the rest of a chain of constants is not read:
   * "never used" would be said of constants that are. */
  if (ck->too_deep) return;
  for (uint32_t i = 0; i < ck->symbols.n; i++) {
    const Symbol *s = ck->symbols.items[i];
    if (s->used || s->kind == SYM_RESOURCE || s->decl->generated) continue;
    if (s->kind == SYM_LET && s->let_failed) continue;   /* on a cycle, reported: enough said */
    diag_warning(&ck->c->diag, s->decl->name_span, "%s '%s' is never used", chk_sym_kind_word(s), s->name);
  }
}

/* While checking a declaration that a `use` produced, every diagnostic
 * gets a note at that use (the caret itself points into the component). */
static void in_instance(Checker *ck, const Node *decl) {
  const Node *use = decl ? decl->from_use : NULL;
  ck->use = use;
  if (use && use->abstract)
    ck->c->diag.context_msg = arena_printf(&ck->c->arena, "in component '%s', checked on its own: nothing in "
                                           "this file uses it", use->name);
  else
    ck->c->diag.context_msg = use ? arena_printf(&ck->c->arena, "in instance '%s' of component '%s'", use->name,
                                                 use->kind_name)
                                  : NULL;
  ck->c->diag.context_span = use ? use->name_span : (Span){0, 0, 0};
}

/* Appends to `refs` the identifiers in `e` that name constants: what its
 * value reads (a call's callee is not a name the program declares). */
static void let_refs(Checker *ck, const Node *e, PtrVec *refs) {
  for (; e; e = e->next) {
    const Symbol *s = e->kind == N_IDENT ? chk_lookup(ck, e->name) : NULL;
    if (s && s->kind == SYM_LET) vec_push(&ck->c->arena, refs, (void *)e);
    if (e->kind != N_CALL) let_refs(ck, e->lhs, refs);
    let_refs(ck, e->kids, refs);
    let_refs(ck, e->rhs, refs);
  }
}

/* A constant being searched for a way back to itself (check_let_cycles). */
typedef struct LetFrame {
  Symbol *let;
  PtrVec refs;               /* N_IDENT*: the constants its value reads */
  uint32_t next;             /* the next of them to follow */
} LetFrame;

static LetFrame *let_frame(Checker *ck, Symbol *s) {
  LetFrame *f = ARENA_NEW(&ck->c->arena, LetFrame);
  f->let = s;
  s->let_state = LET_VISITING;
  let_refs(ck, s->decl->rhs, &f->refs);
  return f;
}

/* A constant that nothing converts is never checked against a type, yet one
 * that depends on itself is an error all the same (docs/language.md): from
 * each such constant, the constants its value reads are followed, depth
 * first, until one leads back to a constant still being followed. Frames
 * are in the arena, not on the C stack: a chain of 10,000 constants is
 * followed as easily as one. Constants a conversion visited are done. */
static void check_let_cycles(Checker *ck) {
  PtrVec open = {0};   /* LetFrame*: the chain of constants being followed */
  for (uint32_t i = 0; i < ck->symbols.n; i++) {
    Symbol *s = ck->symbols.items[i];
    if (s->kind != SYM_LET || s->let_state != LET_UNVISITED || !s->decl->rhs) continue;
    vec_push(&ck->c->arena, &open, let_frame(ck, s));
    while (open.n) {
      LetFrame *f = open.items[open.n - 1];
      if (f->next == f->refs.n) {
        f->let->let_state = LET_DONE;
        open.n--;
        continue;
      }
      const Node *ref = f->refs.items[f->next++];
      Symbol *t = chk_lookup(ck, ref->name);
      if (t->let_state == LET_VISITING) {
        in_instance(ck, f->let->decl);
        chk_let_cycle(ck, t, ref);
        /* the others on the way back to t are part of the same cycle */
        for (uint32_t k = open.n - 1; ((LetFrame *)open.items[k])->let != t; k--)
          ((LetFrame *)open.items[k])->let->let_failed = true;
      } else if (t->let_state == LET_UNVISITED && t->decl->rhs) {
        vec_push(&ck->c->arena, &open, let_frame(ck, t));
      }
    }
  }
  in_instance(ck, NULL);
}

/* A component's output that nothing reads is checked all the same, so a
 * misspelled attribute does not wait for its first reader. */
static void check_unread_outputs(Checker *ck) {
  for (uint32_t i = 0; i < ck->symbols.n; i++) {
    Symbol *s = ck->symbols.items[i];
    if (s->kind != SYM_LET || s->used || !s->decl->from_output || !s->decl->rhs) continue;
    in_instance(ck, s->decl);
    chk_unread_value(ck, s->decl->rhs);
  }
}

IrProgram *check_program(Compilation *c, const Ast *ast, const char *source_dir,
                         const char *default_name) {
  Checker ck = {0};
  ck.c = c;
  ck.ir = ARENA_NEW(&c->arena, IrProgram);
  ck.ir->source_dir = source_dir;
  ck.source_dir = source_dir;
  ck.main_file = ast->file;
  declare_all(&ck, ast);
  for (uint32_t i = 0; i < ck.symbols.n; i++) {
    Symbol *s = ck.symbols.items[i];
    if (s->kind == SYM_LET && s->decl->type) {
      in_instance(&ck, s->decl);
      check_typed_let(&ck, s);
    }
  }
  in_instance(&ck, NULL);
  check_stack(&ck, ast, default_name);
  for (const Node *d = ast->decls; d; d = d->next) {
    if (d->kind != N_RESOURCE) continue;
    Symbol *s = chk_lookup(&ck, d->name);
    in_instance(&ck, d);
    if (s && s->decl == d && s->res) check_resource_body(&ck, d, s->res);
  }
  for (const Node *d = ast->decls; d; d = d->next) {
    in_instance(&ck, d);
    if (d->kind == N_TRIGGER) chk_trigger(&ck, d);
    else if (d->kind == N_OUTPUT) check_output(&ck, d, ast->decls);
  }
  check_unread_outputs(&ck);
  check_let_cycles(&ck);
  in_instance(&ck, NULL);
  warn_unused(&ck);
  rules_check_program(c, ck.ir);
  return ck.ir;
}
