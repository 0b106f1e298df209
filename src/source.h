/* source.h — the files of a compilation and positions in them.
 *
 * A Span is a byte range in one file; line and column are computed only
 * when a diagnostic is printed, from a line-start index built once per file. */
#ifndef STACKC_SOURCE_H
#define STACKC_SOURCE_H

#include <stdint.h>

typedef struct Span {
  uint32_t file;   /* index into SourceMap.files; 0 means "no file" */
  uint32_t lo;     /* first byte */
  uint32_t hi;     /* one past the last byte */
} Span;

typedef struct SourceFile {
  const char *path;        /* as given by the user, for messages */
  const char *disk_path;   /* a name that opens the file read, to compare outputs with; NULL: stdin */
  const char *text;        /* the bytes, NUL-terminated, owned by the arena */
  uint32_t len;            /* bytes in text */
  uint32_t *line_start;    /* byte offset of each line's first byte */
  uint32_t nlines;         /* entries in line_start */
} SourceFile;

typedef struct SourceMap {
  SourceFile *files;       /* files[0] is a placeholder so that file 0 means none */
  uint32_t nfiles;
  uint32_t cap;
} SourceMap;

struct Arena;

/* Adds a file whose text is copied into the arena; returns its index (>= 1). */
uint32_t source_add(SourceMap *sm, struct Arena *a, const char *path,
                    const char *text, uint32_t len);
const SourceFile *source_file(const SourceMap *sm, uint32_t file);
/* 1-based line and column (column counts UTF-8 code points). */
void source_line_col(const SourceMap *sm, uint32_t file, uint32_t off,
                     uint32_t *line, uint32_t *col);
/* The text of the 1-based line `line` without its newline. */
const char *source_line_text(const SourceMap *sm, uint32_t file, uint32_t line,
                             uint32_t *len);
void source_map_free(SourceMap *sm);

static inline Span span_join(Span a, Span b) {
  Span s = a;
  if (b.hi > s.hi) s.hi = b.hi;
  return s;
}

#endif
