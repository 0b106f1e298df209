/* arena.c — bump allocation in blocks of at least 64 KiB. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define ARENA_BLOCK_MIN (64u * 1024u)

struct ArenaBlock {
  ArenaBlock *prev;   /* the block allocated before this one */
  size_t used;        /* bytes handed out from data */
  size_t cap;         /* bytes in data */
  _Alignas(16) unsigned char data[];
};

void *arena_alloc(Arena *a, size_t n) {
  size_t need = (n + 15u) & ~(size_t)15u;
  if (need < n) {
    fprintf(stderr, "stackc: allocation too large\n");
    abort();
  }
  ArenaBlock *b = a->head;
  if (!b || b->cap - b->used < need) {
    size_t cap = need > ARENA_BLOCK_MIN ? need : ARENA_BLOCK_MIN;
    b = xmalloc(sizeof *b + cap);
    b->prev = a->head;
    b->used = 0;
    b->cap = cap;
    a->head = b;
  }
  void *p = b->data + b->used;
  b->used += need;
  memset(p, 0, n);
  return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n) {
  char *p = arena_alloc(a, n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *arena_strdup(Arena *a, const char *s) {
  return arena_strndup(a, s, strlen(s));
}

char *arena_printf(Arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  char *p = arena_alloc(a, (size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return p;
}

void arena_free(Arena *a) {
  ArenaBlock *b = a->head;
  while (b) {
    ArenaBlock *prev = b->prev;
    free(b);
    b = prev;
  }
  a->head = NULL;
}
