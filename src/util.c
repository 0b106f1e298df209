/* util.c — buffers, pointer vectors and "did you mean". */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "util.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void out_of_memory(void) {
  fprintf(stderr, "stackc: out of memory\n");
  abort();
}

void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) out_of_memory();
  return p;
}

void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) out_of_memory();
  return q;
}

char *xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = xmalloc(n);
  memcpy(p, s, n);
  return p;
}

static void sb_reserve(StrBuf *sb, size_t extra) {
  if (sb->len + extra + 1 <= sb->cap) return;
  size_t cap = sb->cap ? sb->cap : 64;
  while (cap < sb->len + extra + 1) cap *= 2;
  sb->data = xrealloc(sb->data, cap);
  sb->cap = cap;
}

void sb_append(StrBuf *sb, const char *s, size_t n) {
  sb_reserve(sb, n);
  memcpy(sb->data + sb->len, s, n);
  sb->len += n;
  sb->data[sb->len] = '\0';
}

void sb_puts(StrBuf *sb, const char *s) { sb_append(sb, s, strlen(s)); }

void sb_putc(StrBuf *sb, char ch) { sb_append(sb, &ch, 1); }

void sb_printf(StrBuf *sb, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n <= 0) return;
  sb_reserve(sb, (size_t)n);
  va_start(ap, fmt);
  vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  sb->len += (size_t)n;
}

void sb_free(StrBuf *sb) {
  free(sb->data);
  sb->data = NULL;
  sb->len = sb->cap = 0;
}

void vec_push(Arena *a, PtrVec *v, void *item) {
  if (v->n == v->cap) {
    uint32_t cap = v->cap ? v->cap * 2 : 8;
    void **items = arena_alloc(a, cap * sizeof *items);
    if (v->n) memcpy(items, v->items, v->n * sizeof *items);
    v->items = items;
    v->cap = cap;
  }
  v->items[v->n++] = item;
}

size_t edit_distance(const char *a, const char *b, size_t limit) {
  size_t la = strlen(a), lb = strlen(b);
  if ((la > lb ? la - lb : lb - la) > limit) return limit + 1;
  if (lb > 255 || la > 255) return limit + 1;
  size_t row[256];
  for (size_t j = 0; j <= lb; j++) row[j] = j;
  for (size_t i = 1; i <= la; i++) {
    size_t diag = row[0], best = i;
    row[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t up = row[j];
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t v = diag + cost;
      if (up + 1 < v) v = up + 1;
      if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
      row[j] = v;
      diag = up;
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
  }
  return row[lb];
}

/* The end of the word that starts at `p`: words are separated by
 * '_', '-' and '.', and a capital after a lower-case letter starts one
 * (BatchSize is "Batch" "Size"). */
static const char *word_end(const char *p) {
  const char *q = p + 1;
  while (*q && !strchr("_-.", *q) && !(isupper((unsigned char)*q) && islower((unsigned char)q[-1])))
    q++;
  return q;
}

/* The candidate equal (ignoring case) to the word of length `len` at `p`, or NULL. */
static const char *equal_to_word(const char *p, size_t len, const char *const *candidates, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (candidates[i] && strlen(candidates[i]) == len && strncasecmp(p, candidates[i], len) == 0)
      return candidates[i];
  return NULL;
}

/* The candidate equal to a word of `s`, the last such word first (a
 * queue_url is a url); words of fewer than 3 letters match nothing: too
 * many names share them. */
static const char *word_among(const char *s, const char *const *candidates, size_t n) {
  const char *found = NULL;
  for (const char *p = s; *p;) {
    if (strchr("_-.", *p)) {
      p++;
      continue;
    }
    const char *q = word_end(p);
    const char *c = q - p >= 3 ? equal_to_word(p, (size_t)(q - p), candidates, n) : NULL;
    if (c) found = c;
    p = q;
  }
  return found;
}

/* Is `whole` (ignoring case) one of the words of `s`? */
static bool has_word(const char *s, const char *whole) {
  return word_among(s, &whole, 1) != NULL;
}

/* Without a near spelling: a candidate that is one of the words of `word`
 * (batch for batch_size or BatchSize), else one that begins with `word`
 * (python3.14 for python) or has it as a word (visibility_timeout for
 * visibility). */
static const char *word_match(const char *word, const char *const *candidates, size_t n) {
  if (strlen(word) < 3) return NULL;
  const char *c = word_among(word, candidates, n);
  for (size_t i = 0; i < n && !c; i++)
    if (candidates[i] && (str_has_prefix(candidates[i], word) || has_word(candidates[i], word)))
      c = candidates[i];
  return c;
}

const char *did_you_mean(const char *word, const char *const *candidates, size_t n) {
  const char *best = NULL;
  size_t best_d = 3;   /* HCL's threshold: distance below 3 */
  for (size_t i = 0; i < n; i++) {
    if (!candidates[i]) continue;
    size_t d = edit_distance(word, candidates[i], 2);
    if (d < best_d) {
      best_d = d;
      best = candidates[i];
    }
  }
  return best ? best : word_match(word, candidates, n);
}

const char *str_join(Arena *a, const char *const *items, size_t n) {
  StrBuf sb = {0};
  for (size_t i = 0; i < n; i++)
    if (items[i]) sb_printf(&sb, "%s%s", sb.len ? ", " : "", items[i]);
  const char *out = arena_strndup(a, sb.data ? sb.data : "", sb.len);
  sb_free(&sb);
  return out;
}

const char *did_you_mean_text(Arena *a, const char *guess) {
  return guess ? arena_printf(a, "; did you mean '%s'?", guess) : "";
}

bool str_eq(const char *a, const char *b) { return strcmp(a, b) == 0; }

uint32_t str_hash(const char *s) {
  uint32_t h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

/* The slot of `key`, or the empty slot where it would go. */
static uint32_t map_slot(const NameMap *m, const char *key) {
  uint32_t i = str_hash(key) & (m->cap - 1);
  while (m->keys[i] && !str_eq(m->keys[i], key)) i = (i + 1) & (m->cap - 1);
  return i;
}

void *map_get(const NameMap *m, const char *key) {
  if (!m->cap) return NULL;
  uint32_t i = map_slot(m, key);
  return m->keys[i] ? m->vals[i] : NULL;
}

static void map_grow(Arena *a, NameMap *m) {
  NameMap bigger = {0};
  bigger.cap = m->cap ? 2 * m->cap : 16;
  bigger.keys = arena_alloc(a, bigger.cap * sizeof *bigger.keys);
  bigger.vals = arena_alloc(a, bigger.cap * sizeof *bigger.vals);
  for (uint32_t i = 0; i < m->cap; i++) {
    if (!m->keys[i]) continue;
    uint32_t j = map_slot(&bigger, m->keys[i]);
    bigger.keys[j] = m->keys[i];
    bigger.vals[j] = m->vals[i];
  }
  bigger.n = m->n;
  *m = bigger;
}

void *map_put(Arena *a, NameMap *m, const char *key, void *val) {
  if (2 * (m->n + 1) > m->cap) map_grow(a, m);
  uint32_t i = map_slot(m, key);
  if (m->keys[i]) return m->vals[i];
  m->keys[i] = key;
  m->vals[i] = val;
  m->n++;
  return NULL;
}

bool str_has_prefix(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_has_suffix(const char *s, const char *suffix) {
  size_t ls = strlen(s), lx = strlen(suffix);
  return ls >= lx && memcmp(s + ls - lx, suffix, lx) == 0;
}

/* The length of the valid UTF-8 sequence at p (at most n bytes), or 0 when
 * it is not one: overlong forms, surrogates and values above U+10FFFF are
 * refused, as RFC 3629 says. */
size_t utf8_seq(const unsigned char *p, size_t n) {
  unsigned char b = p[0];
  if (b < 0x80) return 1;
  size_t k;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b >= 0xC2 && b <= 0xDF) k = 2;
  else if (b >= 0xE0 && b <= 0xEF) {
    k = 3;
    if (b == 0xE0) lo = 0xA0;        /* overlong */
    else if (b == 0xED) hi = 0x9F;   /* surrogates */
  } else if (b >= 0xF0 && b <= 0xF4) {
    k = 4;
    if (b == 0xF0) lo = 0x90;        /* overlong */
    else if (b == 0xF4) hi = 0x8F;   /* above U+10FFFF */
  } else
    return 0;
  if (n < k || p[1] < lo || p[1] > hi) return 0;
  for (size_t i = 2; i < k; i++)
    if (p[i] < 0x80 || p[i] > 0xBF) return 0;
  return k;
}

bool utf8_valid(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    size_t k = utf8_seq(p + i, n - i);
    if (k == 0) return false;
    i += k;
  }
  return true;
}
