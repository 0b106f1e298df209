/* ir.c — constructing IR values. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "ir.h"

#include <string.h>

#include "compile.h"

static Value *value_new(Compilation *c, ValueKind kind, Span origin) {
  Value *v = ARENA_NEW(&c->arena, Value);
  v->kind = kind;
  v->origin = origin;
  return v;
}

Value *ir_str(Compilation *c, const char *s, Span origin) {
  Value *v = value_new(c, V_STR, origin);
  v->s = s;
  return v;
}

Value *ir_ref(Compilation *c, IrRes *res, RefAttr ref, Span origin) {
  Value *v = value_new(c, V_REF, origin);
  v->res = res;
  v->ref = ref;
  return v;
}

Value *ir_pseudo(Compilation *c, Pseudo p) {
  Value *v = value_new(c, V_PSEUDO, (Span){0, 0, 0});
  v->pseudo = p;
  return v;
}

/* Appends `part` to the parts being built, merging neighbouring literals. */
static void join_push(Compilation *c, PtrVec *parts, Value *part) {
  if (part->kind == V_JOIN) {
    for (uint32_t i = 0; i < part->n; i++) join_push(c, parts, part->items[i]);
    return;
  }
  if (part->kind == V_STR && part->s[0] == '\0') return;
  Value *last = parts->n ? parts->items[parts->n - 1] : NULL;
  if (part->kind == V_STR && last && last->kind == V_STR) {
    parts->items[parts->n - 1] =
        ir_str(c, arena_printf(&c->arena, "%s%s", last->s, part->s), last->origin);
    return;
  }
  vec_push(&c->arena, parts, part);
}

Value *ir_join(Compilation *c, Value *const *parts, uint32_t n, Span origin) {
  PtrVec merged = {0};
  for (uint32_t i = 0; i < n; i++) join_push(c, &merged, parts[i]);
  if (merged.n == 0) return ir_str(c, "", origin);
  if (merged.n == 1 && ((Value *)merged.items[0])->kind == V_STR) return merged.items[0];
  Value *v = value_new(c, V_JOIN, origin);
  v->items = (Value **)merged.items;
  v->n = merged.n;
  return v;
}

/* arn:PARTITION:s3:::NAME and arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME */
static Value *known_arn(Compilation *c, const Value *ref) {
  bool fn = ref->res->kind == RES_FUNCTION;
  Value *parts[] = {ir_str(c, "arn:", ref->origin), ir_pseudo(c, PSEUDO_PARTITION),
                    ir_str(c, fn ? ":lambda:" : ":s3:::", ref->origin),
                    fn ? ir_pseudo(c, PSEUDO_REGION) : ir_str(c, "", ref->origin),
                    ir_str(c, fn ? ":" : "", ref->origin),
                    fn ? ir_pseudo(c, PSEUDO_ACCOUNT) : ir_str(c, "", ref->origin),
                    ir_str(c, fn ? ":function:" : "", ref->origin), ref->res->physical_name};
  return ir_join(c, parts, sizeof parts / sizeof parts[0], ref->origin);
}

const Value *ir_ref_known(Compilation *c, const Value *ref) {
  if (ref->kind != V_REF || !ref->res->physical_name) return NULL;
  if (ref->res->kind != RES_BUCKET && ref->res->kind != RES_FUNCTION) return NULL;
  if (ref->ref == REF_NAME) return ref->res->physical_name;
  if (ref->ref == REF_ARN) return known_arn(c, ref);
  if (ref->ref == REF_DOMAIN && ref->res->kind == RES_BUCKET) {   /* NAME.s3.REGION.amazonaws.com */
    Value *parts[] = {ref->res->physical_name, ir_str(c, ".s3.", ref->origin), ir_pseudo(c, PSEUDO_REGION),
                      ir_str(c, ".", ref->origin), ir_pseudo(c, PSEUDO_URL_SUFFIX)};
    return ir_join(c, parts, sizeof parts / sizeof parts[0], ref->origin);
  }
  return NULL;
}

const Value *ir_map_get(const Value *map, const char *key) {
  if (!map || map->kind != V_MAP) return NULL;
  for (uint32_t i = 0; i < map->n; i++)
    if (strcmp(map->keys[i], key) == 0) return map->items[i];
  return NULL;
}

const char *ir_literal(const Value *v) {
  return v && v->kind == V_STR ? v->s : NULL;
}

bool ir_has_abstract(const Value *v) {
  if (!v) return false;
  if (v->kind == V_ABSTRACT) return true;
  if (v->kind == V_LIST || v->kind == V_MAP || v->kind == V_JOIN)
    for (uint32_t i = 0; i < v->n; i++)
      if (ir_has_abstract(v->items[i])) return true;
  return false;
}

/* The longest text a value can stand for at deploy time: references count
 * at their longest possible length (a table name has up to 255 bytes). */
size_t ir_value_max_len(const Value *v) {
  enum { ARN_OVERHEAD = 96, STREAM_SUFFIX = 40, DOMAIN_SUFFIX = 48, URL_OVERHEAD = 80 };
  size_t n = 0;
  switch (v->kind) {
  case V_STR: return strlen(v->s);
  case V_JOIN:
    for (uint32_t i = 0; i < v->n; i++) n += ir_value_max_len(v->items[i]);
    return n;
  case V_REF:
    n = kind_specs[v->res->kind].name_max;   /* the longest name each service allows */
    if (v->ref == REF_ARN) n += ARN_OVERHEAD;
    if (v->ref == REF_STREAM_ARN) n += ARN_OVERHEAD + STREAM_SUFFIX;
    if (v->ref == REF_DOMAIN) n += DOMAIN_SUFFIX;
    if (v->ref == REF_URL) n += URL_OVERHEAD + (v->res->kind == RES_CDN ? DOMAIN_SUFFIX : 0);
    return n;
  case V_PARAM:
    if (v->param->allowed)
      for (uint32_t i = 0; i < v->param->allowed->n; i++) {
        size_t len = ir_value_max_len(v->param->allowed->items[i]);
        if (len > n) n = len;
      }
    else if (v->param->def)
      n = ir_value_max_len(v->param->def);
    return n;
  case V_PSEUDO: return 20;
  case V_INT: return 20;
  default: return 0;
  }
}

const char *ir_route_method(const IrTrigger *t) {
  static const char *const methods[EV_COUNT] = {[EV_GET] = "GET", [EV_POST] = "POST", [EV_PUT] = "PUT",
                                                [EV_DELETE] = "DELETE", [EV_PATCH] = "PATCH", [EV_ANY] = "ANY"};
  return t->kind == TRIG_HTTP ? methods[t->event] : NULL;
}
