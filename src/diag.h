/* diag.h — diagnostics shared by every stage.
 *
 *   photos.stack:14:3: error: unknown attribute 'memroy' in function 'resize'; did you mean 'memory'?
 *      14 |   memroy = 512MB
 *         |   ^~~~~~
 *
 * Stages collect diagnostics and never exit mid-pass; diag_flush() sorts
 * them by position, renders them with the source line and a caret, and
 * prints the count. */
#ifndef STACKC_DIAG_H
#define STACKC_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "source.h"

typedef enum DiagLevel { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } DiagLevel;

/* How diag_flush() writes: for people (the default), as one JSON object per
 * input (a line of JSON Lines), or as GitHub Actions workflow commands
 * (annotations on the pull request). */
typedef enum DiagFormat { DIAG_FORMAT_TEXT, DIAG_FORMAT_JSON, DIAG_FORMAT_GITHUB } DiagFormat;

typedef struct Diag {
  DiagLevel level;
  Span span;             /* where the caret goes */
  const char *msg;       /* arena text, no trailing newline */
  struct Diag *notes;    /* notes attached to this diagnostic, in order */
  struct Diag *next;     /* next diagnostic (or next note) */
  unsigned seq;          /* creation order, the tie-breaker when sorting */
  const char *context_msg;   /* the engine's context when it was made, printed last */
  Span context_span;
} Diag;

typedef struct DiagEngine {
  Arena *arena;          /* the compilation's arena */
  const SourceMap *sm;   /* to render positions */
  Diag *first, *last;    /* every top-level diagnostic, in creation order */
  unsigned nerrors;
  unsigned nwarnings;
  unsigned ninternal;    /* of nerrors, stackc's own bugs (diag_internal_error) */
  unsigned seq;
  unsigned max_errors;   /* rendering stops after this many errors; 0 = no limit */
  DiagFormat format;
  const char *input;     /* the file being compiled, named in JSON output */
  const char *context_msg;   /* when set, every new error or warning gets this note... */
  Span context_span;         /* ...at this span (e.g. the `use` a declaration came from) */
} DiagEngine;

Diag *diag_error(DiagEngine *d, Span span, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
Diag *diag_warning(DiagEngine *d, Span span, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* An error that is a bug in stackc, not in the input ("internal error: ..."):
 * every stage reports one this way, and nothing is written when there is one
 * (the driver renders no template; main exits 2). */
Diag *diag_internal_error(DiagEngine *d, Span span, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Makes warning `g` an error: a later stage found what it warned about
 * fatal (no-op for an error, or NULL). */
void diag_make_error(DiagEngine *d, Diag *g);
/* Attaches a note to `parent` (which may be NULL, then the note is dropped). */
void diag_note(DiagEngine *d, Diag *parent, Span span, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Renders all diagnostics to `out` sorted by (file, offset), in d->format.
 * Text ends with "N errors generated." / "N warnings generated." when there
 * are any; JSON always prints its one line, with the counts. */
void diag_flush(DiagEngine *d, FILE *out);

#endif
