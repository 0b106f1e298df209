/* source.c — the file table and offset → line:col conversion. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "source.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "util.h"

uint32_t source_add(SourceMap *sm, Arena *a, const char *path, const char *text,
                    uint32_t len) {
  if (sm->nfiles == 0) {   /* slot 0 stays empty: file 0 means "no file" */
    sm->cap = 8;
    sm->files = xmalloc(sm->cap * sizeof *sm->files);
    memset(&sm->files[0], 0, sizeof sm->files[0]);
    sm->nfiles = 1;
  }
  if (sm->nfiles == sm->cap) {
    sm->cap *= 2;
    sm->files = xrealloc(sm->files, sm->cap * sizeof *sm->files);
  }
  SourceFile *f = &sm->files[sm->nfiles];
  f->path = arena_strdup(a, path);
  f->disk_path = NULL;
  f->text = arena_strndup(a, text, len);
  f->len = len;
  uint32_t nlines = 1;
  for (uint32_t i = 0; i < len; i++)
    if (text[i] == '\n') nlines++;
  f->line_start = arena_alloc(a, nlines * sizeof *f->line_start);
  f->nlines = nlines;
  uint32_t line = 1;
  f->line_start[0] = 0;
  for (uint32_t i = 0; i < len; i++)
    if (text[i] == '\n') f->line_start[line++] = i + 1;
  return sm->nfiles++;
}

const SourceFile *source_file(const SourceMap *sm, uint32_t file) {
  if (file == 0 || file >= sm->nfiles) return NULL;
  return &sm->files[file];
}

void source_line_col(const SourceMap *sm, uint32_t file, uint32_t off,
                     uint32_t *line, uint32_t *col) {
  const SourceFile *f = source_file(sm, file);
  *line = *col = 1;
  if (!f) return;
  if (off > f->len) off = f->len;
  uint32_t lo = 0, hi = f->nlines - 1;   /* binary search for the last start <= off */
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo + 1) / 2;
    if (f->line_start[mid] <= off) lo = mid;
    else hi = mid - 1;
  }
  *line = lo + 1;
  uint32_t c = 1;
  for (uint32_t i = f->line_start[lo]; i < off; i++)
    if (((unsigned char)f->text[i] & 0xC0) != 0x80) c++;   /* count code points */
  *col = c;
}

const char *source_line_text(const SourceMap *sm, uint32_t file, uint32_t line,
                             uint32_t *len) {
  const SourceFile *f = source_file(sm, file);
  *len = 0;
  if (!f || line == 0 || line > f->nlines) return "";
  uint32_t start = f->line_start[line - 1];
  uint32_t end = line < f->nlines ? f->line_start[line] - 1 : f->len;
  if (end > start && f->text[end - 1] == '\r') end--;   /* CRLF files */
  *len = end - start;
  return f->text + start;
}

void source_map_free(SourceMap *sm) {
  free(sm->files);
  sm->files = NULL;
  sm->nfiles = sm->cap = 0;
}
