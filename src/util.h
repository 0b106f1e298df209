/* util.h — small helpers shared by every stage: growable byte buffers,
 * growable pointer arrays kept in an arena, and edit distance for
 * "did you mean" suggestions. */
#ifndef STACKC_UTIL_H
#define STACKC_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* Abort with a message when malloc fails: a compiler has nothing better to do. */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* A growable NUL-terminated byte buffer on the heap. */
typedef struct StrBuf {
  char *data;   /* always NUL-terminated once anything was appended */
  size_t len;   /* bytes used, excluding the NUL */
  size_t cap;   /* bytes allocated */
} StrBuf;

void sb_append(StrBuf *sb, const char *s, size_t n);
void sb_puts(StrBuf *sb, const char *s);
void sb_putc(StrBuf *sb, char ch);
void sb_printf(StrBuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sb_free(StrBuf *sb);

/* A growable array of pointers whose storage lives in an arena. Growth
 * doubles, so the total memory is linear in the final length. */
typedef struct PtrVec {
  void **items;   /* items[0 .. n-1] */
  uint32_t n;     /* number of items */
  uint32_t cap;   /* allocated slots */
} PtrVec;

void vec_push(Arena *a, PtrVec *v, void *item);

/* FNV-1a of a NUL-terminated string. */
uint32_t str_hash(const char *s);

/* A map from names to pointers, open addressing in an arena; it doubles
 * when half full, so lookups stay O(1) and memory linear. Zero-initialized
 * is empty. Keys are not copied. */
typedef struct NameMap {
  const char **keys;
  void **vals;
  uint32_t cap;   /* a power of two, or 0 */
  uint32_t n;
} NameMap;

void *map_get(const NameMap *m, const char *key);
/* Adds key → val and returns NULL, or returns the value already there
 * (which stays). */
void *map_put(Arena *a, NameMap *m, const char *key, void *val);

/* Levenshtein distance, capped: returns limit+1 once it is certain to exceed limit. */
size_t edit_distance(const char *a, const char *b, size_t limit);

/* The candidate closest to `word` within distance 2 (HCL's threshold); else
 * one that is a whole word of `word` (batch for batch_size), else the first
 * that begins with `word` or has it as a word (python3.14 for python); or
 * NULL. */
const char *did_you_mean(const char *word, const char *const *candidates, size_t n);
/* "a, b, c": the n items (NULL ones skipped) joined, for the lists of
 * accepted names in messages; arena-owned. */
const char *str_join(Arena *a, const char *const *items, size_t n);
/* "; did you mean 'GUESS'?" to end a message, or "" when guess is NULL. */
const char *did_you_mean_text(Arena *a, const char *guess);

/* The length of the valid UTF-8 sequence at p (at most n bytes, n >= 1), or 0
 * when it is not one (RFC 3629: no overlong forms, surrogates or values above
 * U+10FFFF). */
size_t utf8_seq(const unsigned char *p, size_t n);
/* Whether the n bytes at s are all valid UTF-8. */
bool utf8_valid(const char *s, size_t n);

bool str_eq(const char *a, const char *b);
bool str_has_prefix(const char *s, const char *prefix);
bool str_has_suffix(const char *s, const char *suffix);

#endif
