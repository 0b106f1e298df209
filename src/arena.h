/* arena.h — one bump allocator per compilation.
 *
 * Tokens, AST nodes, IR values and diagnostic text all live in the arena of
 * the Compilation that made them, and are freed together by arena_free().
 * Nothing is freed piecemeal, so no stage has to track ownership. */
#ifndef STACKC_ARENA_H
#define STACKC_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
  ArenaBlock *head;   /* newest block first; older blocks are full */
} Arena;

/* Zeroed, 16-byte aligned memory; aborts with a message on out-of-memory. */
void *arena_alloc(Arena *a, size_t n);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s);
char *arena_printf(Arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void arena_free(Arena *a);

#define ARENA_NEW(a, T) ((T *)arena_alloc((a), sizeof(T)))

#endif
