/* names.c — deriving and registering names. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "names.h"

#include <ctype.h>
#include <string.h>

#include "util.h"

const char *names_camel(Compilation *c, const char *snake) {
  size_t n = strlen(snake);
  char *out = arena_alloc(&c->arena, n + 1);
  size_t j = 0;
  bool upper = true;
  for (size_t i = 0; i < n; i++) {
    if (snake[i] == '_') {
      upper = true;
      continue;
    }
    out[j++] = upper ? (char)toupper((unsigned char)snake[i]) : snake[i];
    upper = false;
  }
  out[j] = '\0';
  return out;
}

const char *names_kebab(Compilation *c, const char *snake) {
  char *out = arena_strdup(&c->arena, snake);
  for (char *p = out; *p; p++) *p = *p == '_' ? '-' : (char)tolower((unsigned char)*p);
  return out;
}

void names_path_words(Compilation *c, const char *path, const char **camel, const char **snake) {
  size_t n = strlen(path);
  char *cw = arena_alloc(&c->arena, n + 5), *sw = arena_alloc(&c->arena, 2 * n + 5);
  size_t ci = 0, si = 0;
  bool word_start = true;
  for (const char *s = path; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (!isalnum(ch)) {
      word_start = true;
      continue;
    }
    if (word_start && si > 0) sw[si++] = '_';
    cw[ci++] = word_start ? (char)toupper(ch) : (char)ch;
    sw[si++] = (char)tolower(ch);
    word_start = false;
  }
  if (ci == 0) {
    strcpy(cw, "Root");
    strcpy(sw, "root");
    return (void)(*camel = cw, *snake = sw);
  }
  cw[ci] = sw[si] = '\0';
  *camel = cw;
  *snake = sw;
}

const char *names_number(Compilation *c, unsigned number) {
  return number > 1 ? arena_printf(&c->arena, "%u", number) : "";
}

struct NameClaim {
  const char *space;   /* namespace: "cfn" or a Terraform resource type */
  const char *id;
  Span origin;
  const char *what;
  NameClaim *chain;
};

static uint32_t claim_hash(const char *space, const char *id) {
  uint32_t h = 2166136261u;
  for (const char *s = space; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  h = (h ^ '/') * 16777619u;
  for (const char *s = id; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

static void registry_grow(Compilation *c, NameRegistry *r) {
  uint32_t size = r->size ? r->size * 2 : 64;
  NameClaim **table = arena_alloc(&c->arena, size * sizeof *table);
  for (uint32_t i = 0; i < r->size; i++)
    for (NameClaim *k = r->table[i], *next; k; k = next) {
      next = k->chain;
      uint32_t b = claim_hash(k->space, k->id) & (size - 1);
      k->chain = table[b];
      table[b] = k;
    }
  r->table = table;
  r->size = size;
}

const char *names_describe(Compilation *c, const char *prefix, const IrRes *res) {
  return arena_printf(&c->arena, "%s%s '%s'", prefix, res->spec->name, res->name);
}

bool names_claim(Compilation *c, NameRegistry *r, const char *space, const char *id,
                 Span origin, const char *what) {
  if (r->count * 2 >= r->size) registry_grow(c, r);
  uint32_t b = claim_hash(space, id) & (r->size - 1);
  for (NameClaim *k = r->table[b]; k; k = k->chain)
    if (str_eq(k->space, space) && str_eq(k->id, id)) {
      Diag *d = diag_error(&c->diag, origin, "%s and %s both map to the %s name '%s'", what, k->what,
                           str_eq(space, "cfn") ? "CloudFormation logical ID" : "Terraform", id);
      diag_note(&c->diag, d, k->origin, "%s declared here", k->what);
      return false;
    }
  NameClaim *k = ARENA_NEW(&c->arena, NameClaim);
  /* copies: a caller may build the name in a buffer it frees (the registry outlives it) */
  k->space = arena_strdup(&c->arena, space);
  k->id = arena_strdup(&c->arena, id);
  k->origin = origin;
  k->what = what;
  k->chain = r->table[b];
  r->table[b] = k;
  r->count++;
  return true;
}
