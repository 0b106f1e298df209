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

#include <cjson/cJSON.h>

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

Diag *diag_internal_error(DiagEngine *d, Span span, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  Diag *g = diag_new(d, DIAG_ERROR, span, fmt, ap);
  va_end(ap);
  g->msg = arena_printf(d->arena, "internal error: %s", g->msg);
  d->ninternal++;
  return diag_add(d, g);
}

void diag_make_error(DiagEngine *d, Diag *g) {
  if (!g || g->level != DIAG_WARNING) return;
  g->level = DIAG_ERROR;
  d->nwarnings--;
  d->nerrors++;
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

/* The context g was made in (e.g. "in instance 'www' of component
 * 'static_site'") becomes its last note, so every format shows it. */
static void add_context_note(DiagEngine *d, Diag *g) {
  if (!g->context_msg) return;
  Diag *ctx = ARENA_NEW(d->arena, Diag);
  *ctx = (Diag){.level = DIAG_NOTE, .span = g->context_span, .msg = g->context_msg};
  Diag **tail = &g->notes;
  while (*tail) tail = &(*tail)->next;
  *tail = ctx;
  g->context_msg = NULL;
}

static void render_text(const DiagEngine *d, FILE *out, const Diag *g) {
  render_one(d, out, g);
  for (const Diag *note = g->notes; note; note = note->next) render_one(d, out, note);
}

/* ---- machine-readable formats ------------------------------------------ */

/* Where g is, as numbers: line and column (1-based) of its start and end. */
typedef struct Where {
  const char *path;      /* NULL: a diagnostic about the whole input */
  uint32_t line, col, end_line, end_col;
} Where;

static Where where_of(const DiagEngine *d, const Diag *g) {
  Where w = {0};
  const SourceFile *f = source_file(d->sm, g->span.file);
  if (!f) return w;
  w.path = f->path;
  source_line_col(d->sm, g->span.file, g->span.lo, &w.line, &w.col);
  source_line_col(d->sm, g->span.file, g->span.hi > g->span.lo ? g->span.hi : g->span.lo, &w.end_line, &w.end_col);
  return w;
}

static cJSON *json_of(const DiagEngine *d, const Diag *g) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "severity", level_name(g->level));
  Where w = where_of(d, g);
  if (w.path) {
    cJSON_AddStringToObject(o, "file", w.path);
    cJSON_AddNumberToObject(o, "line", w.line);
    cJSON_AddNumberToObject(o, "column", w.col);
    cJSON_AddNumberToObject(o, "end_line", w.end_line);
    cJSON_AddNumberToObject(o, "end_column", w.end_col);
  }
  cJSON_AddStringToObject(o, "message", g->msg);
  return o;
}

/* {"file": INPUT, "errors": N, "warnings": M, "diagnostics": [...]} on one line. */
static void render_json(const DiagEngine *d, FILE *out, Diag **shown, size_t n) {
  cJSON *doc = cJSON_CreateObject();
  if (d->input) cJSON_AddStringToObject(doc, "file", d->input);
  cJSON_AddNumberToObject(doc, "errors", d->nerrors);
  cJSON_AddNumberToObject(doc, "warnings", d->nwarnings);
  cJSON *list = cJSON_AddArrayToObject(doc, "diagnostics");
  for (size_t i = 0; i < n; i++) {
    cJSON *o = json_of(d, shown[i]);
    cJSON *jn = cJSON_AddArrayToObject(o, "notes");
    for (const Diag *note = shown[i]->notes; note; note = note->next) cJSON_AddItemToArray(jn, json_of(d, note));
    cJSON_AddItemToArray(list, o);
  }
  char *text = cJSON_PrintUnformatted(doc);
  if (text) fprintf(out, "%s\n", text);
  cJSON_free(text);
  cJSON_Delete(doc);
}

/* A workflow command's text: % CR LF escaped, and in a property also : and ,. */
static void put_escaped(FILE *out, const char *s, bool property) {
  for (; *s; s++) {
    if (*s == '%') fputs("%25", out);
    else if (*s == '\r') fputs("%0D", out);
    else if (*s == '\n') fputs("%0A", out);
    else if (property && *s == ':') fputs("%3A", out);
    else if (property && *s == ',') fputs("%2C", out);
    else fputc(*s, out);
  }
}

/* ::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=stackc::MESSAGE
 * with the notes on the annotation's next lines. */
static void render_github(const DiagEngine *d, FILE *out, const Diag *g) {
  Where w = where_of(d, g);
  fprintf(out, "::%s ", g->level == DIAG_ERROR ? "error" : "warning");
  if (w.path) {
    fputs("file=", out);
    put_escaped(out, w.path, true);
    fprintf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u,", w.line, w.col, w.end_line, w.end_col);
  }
  fputs("title=stackc::", out);
  put_escaped(out, g->msg, false);
  for (const Diag *note = g->notes; note; note = note->next) {
    Where nw = where_of(d, note);
    fputs("%0Anote: ", out);
    if (nw.path) {
      put_escaped(out, nw.path, false);
      fprintf(out, ":%u:%u: ", nw.line, nw.col);
    }
    put_escaped(out, note->msg, false);
  }
  fputc('\n', out);
}

void diag_flush(DiagEngine *d, FILE *out) {
  size_t n = 0;
  for (Diag *g = d->first; g; g = g->next) n++;
  if (n == 0 && d->format != DIAG_FORMAT_JSON) return;
  Diag **all = xmalloc((n ? n : 1) * sizeof *all);
  size_t i = 0;
  for (Diag *g = d->first; g; g = g->next) all[i++] = g;
  qsort(all, n, sizeof *all, diag_cmp);
  size_t shown = 0;
  unsigned shown_errors = 0;
  for (; shown < n; shown++)
    if (all[shown]->level == DIAG_ERROR && d->max_errors && shown_errors++ == d->max_errors) break;
  for (i = 0; i < shown; i++) add_context_note(d, all[i]);
  if (d->format == DIAG_FORMAT_JSON) {
    render_json(d, out, all, shown);
  } else {
    for (i = 0; i < shown; i++) {
      if (d->format == DIAG_FORMAT_GITHUB) render_github(d, out, all[i]);
      else render_text(d, out, all[i]);
    }
    if (d->format == DIAG_FORMAT_TEXT && shown < n)
      fprintf(out, "stackc: note: stopping after %u error%s (--max-errors)\n", d->max_errors,
              d->max_errors == 1 ? "" : "s");
    if (d->format == DIAG_FORMAT_TEXT) print_summary(d, out);
  }
  free(all);
  d->first = d->last = NULL;   /* flushed: a second flush prints nothing new */
}
