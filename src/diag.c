/* diag.c — collecting and rendering diagnostics.
 *
 * Diagnostics are kept in creation order and sorted by position only when
 * printed, so each stage can report in whatever order it walks. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static Diag *diag_new(DiagEngine *d, DiagLevel level, Span span, const char *fmt,
                      va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0) n = 0;
  char *msg = arena_alloc(d->arena, (size_t)n + 1);
  vsnprintf(msg, (size_t)n + 1, fmt, ap);
  Diag *g = ARENA_NEW(d->arena, Diag);
  g->level = level;
  g->span = span;
  g->msg = msg;
  g->seq = d->seq++;
  return g;
}

static Diag *diag_add(DiagEngine *d, Diag *g) {
  g->context_msg = d->context_msg;
  g->context_span = d->context_span;
  if (d->last) d->last->next = g;
  else d->first = g;
  d->last = g;
  if (g->level == DIAG_ERROR) d->nerrors++;
  else if (g->level == DIAG_WARNING) d->nwarnings++;
  return g;
}

Diag *diag_error(DiagEngine *d, Span span, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  Diag *g = diag_new(d, DIAG_ERROR, span, fmt, ap);
  va_end(ap);
  return diag_add(d, g);
}

Diag *diag_warning(DiagEngine *d, Span span, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  Diag *g = diag_new(d, DIAG_WARNING, span, fmt, ap);
  va_end(ap);
  return diag_add(d, g);
}

void diag_note(DiagEngine *d, Diag *parent, Span span, const char *fmt, ...) {
  if (!parent) return;
  va_list ap;
  va_start(ap, fmt);
  Diag *g = diag_new(d, DIAG_NOTE, span, fmt, ap);
  va_end(ap);
  Diag **tail = &parent->notes;
  while (*tail) tail = &(*tail)->next;
  *tail = g;
}

static const char *level_name(DiagLevel level) {
  switch (level) {
  case DIAG_ERROR: return "error";
  case DIAG_WARNING: return "warning";
  case DIAG_NOTE: return "note";
  }
  return "error";
}

/* Prints the source line and a caret under the span: '^' under the first
 * character, '~' under the rest of the span on that line. Tabs in the line
 * are kept in the caret line so the caret lines up in any terminal. */
/* A line longer than SNIPPET_MAX bytes is shown as a window around the
 * caret, so a 3 MB one-line file does not print 3 MB per diagnostic. */
#define SNIPPET_MAX 240
#define SNIPPET_BEFORE 80
#define SNIPPET_AFTER 120

/* Moves back to the first byte of a UTF-8 character. */
static uint32_t char_start(const char *text, uint32_t i) {
  while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80) i--;
  return i;
}

static void render_snippet(const DiagEngine *d, FILE *out, Span span, uint32_t line) {
  uint32_t len;
  const char *text = source_line_text(d->sm, span.file, line, &len);
  const SourceFile *f = source_file(d->sm, span.file);
  uint32_t line_lo = (uint32_t)(text - f->text);
  uint32_t start = span.lo - line_lo;
  if (start > len) start = len;
  bool cut = len > SNIPPET_MAX;
  uint32_t from = cut && start > SNIPPET_BEFORE ? char_start(text, start - SNIPPET_BEFORE) : 0;
  uint32_t to = cut && len - start > SNIPPET_AFTER ? char_start(text, start + SNIPPET_AFTER) : len;
  const char *cut_before = from > 0 ? "..." : "", *cut_after = to < len ? "..." : "";
  fprintf(out, "%5u | %s", line, cut_before);
  for (uint32_t i = from; i < to; i++) {   /* control bytes would corrupt a terminal */
    unsigned char ch = (unsigned char)text[i];
    fputc(ch < 0x20 && ch != '\t' ? '?' : ch, out);
  }
  fprintf(out, "%s\n      | %s", cut_after, from > 0 ? "   " : "");
  for (uint32_t i = from; i < start; i++) {
    if (((unsigned char)text[i] & 0xC0) == 0x80) continue;
    fputc(text[i] == '\t' ? '\t' : ' ', out);
  }
  fputc('^', out);
  uint32_t end = span.hi < line_lo + to ? span.hi - line_lo : to;
  for (uint32_t i = start + 1; i < end; i++)
    if (((unsigned char)text[i] & 0xC0) != 0x80) fputc('~', out);
  fputc('\n', out);
}

static void render_one(const DiagEngine *d, FILE *out, const Diag *g) {
  const SourceFile *f = source_file(d->sm, g->span.file);
  if (!f) {
    fprintf(out, "stackc: %s: %s\n", level_name(g->level), g->msg);
    return;
  }
  uint32_t line, col;
  source_line_col(d->sm, g->span.file, g->span.lo, &line, &col);
  fprintf(out, "%s:%u:%u: %s: %s\n", f->path, line, col, level_name(g->level), g->msg);
  render_snippet(d, out, g->span, line);
}

static int diag_cmp(const void *pa, const void *pb) {
  const Diag *a = *(const Diag *const *)pa, *b = *(const Diag *const *)pb;
  if (a->span.file != b->span.file) return a->span.file < b->span.file ? -1 : 1;
  if (a->span.lo != b->span.lo) return a->span.lo < b->span.lo ? -1 : 1;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void print_summary(const DiagEngine *d, FILE *out) {
  if (d->nerrors && d->nwarnings)
    fprintf(out, "%u error%s and %u warning%s generated.\n", d->nerrors,
            d->nerrors == 1 ? "" : "s", d->nwarnings, d->nwarnings == 1 ? "" : "s");
  else if (d->nerrors)
    fprintf(out, "%u error%s generated.\n", d->nerrors, d->nerrors == 1 ? "" : "s");
  else if (d->nwarnings)
    fprintf(out, "%u warning%s generated.\n", d->nwarnings, d->nwarnings == 1 ? "" : "s");
}

void diag_flush(DiagEngine *d, FILE *out) {
  size_t n = 0;
  for (Diag *g = d->first; g; g = g->next) n++;
  if (n == 0) return;
  Diag **all = xmalloc(n * sizeof *all);
  size_t i = 0;
  for (Diag *g = d->first; g; g = g->next) all[i++] = g;
  qsort(all, n, sizeof *all, diag_cmp);
  unsigned shown_errors = 0;
  for (i = 0; i < n; i++) {
    if (all[i]->level == DIAG_ERROR) {
      if (d->max_errors && shown_errors == d->max_errors) {
        fprintf(out, "stackc: note: stopping after %u errors (--max-errors)\n", d->max_errors);
        break;
      }
      shown_errors++;
    }
    render_one(d, out, all[i]);
    for (const Diag *note = all[i]->notes; note; note = note->next) render_one(d, out, note);
    if (all[i]->context_msg) {   /* e.g. "in instance 'www' of component 'static_site'" */
      Diag ctx = {.level = DIAG_NOTE, .span = all[i]->context_span, .msg = all[i]->context_msg};
      render_one(d, out, &ctx);
    }
  }
  free(all);
  print_summary(d, out);
  d->first = d->last = NULL;   /* flushed: a second flush prints nothing new */
}
