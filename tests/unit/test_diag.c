/* test_diag.c — rendering of diagnostics: position, source line, caret
 * under the span (counting UTF-8 code points and keeping tabs), notes,
 * sorting by position, the summary line and --max-errors. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "testing.h"

/* Renders the compilation's diagnostics into a malloc'd string. */
static char *render(Compilation *c) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  diag_flush(&c->diag, f);
  fclose(f);
  return buf;
}

static Span find(Compilation *c, uint32_t file, const char *needle) {
  const SourceFile *f = source_file(&c->sources, file);
  const char *at = strstr(f->text, needle);
  uint32_t lo = (uint32_t)(at - f->text);
  return (Span){file, lo, lo + (uint32_t)strlen(needle)};
}

static void test_caret_and_notes(void) {
  Compilation c;
  compilation_init(&c);
  const char *text = "bucket b {\n  versioning = 5\n}\n";
  uint32_t file = source_add(&c.sources, &c.arena, "a.stack", text, (uint32_t)strlen(text));
  Diag *d = diag_error(&c.diag, find(&c, file, "5"), "expected %s, got %s", "bool", "an integer");
  diag_note(&c.diag, d, find(&c, file, "b {"), "declared here");
  char *out = render(&c);
  const char *want =
      "a.stack:2:16: error: expected bool, got an integer\n"
      "    2 |   versioning = 5\n"
      "      |                ^\n"
      "a.stack:1:8: note: declared here\n"
      "    1 | bucket b {\n"
      "      |        ^~~\n"
      "1 error generated.\n";
  ASSERT(strcmp(out, want) == 0);
  if (strcmp(out, want) != 0) fprintf(stderr, "got:\n%s", out);
  free(out);
  compilation_free(&c);
}

static void test_utf8_and_tabs(void) {
  Compilation c;
  compilation_init(&c);
  const char *text = "let s = \"\xc3\xa9t\xc3\xa9\"\tbad\n";   /* "été" then a tab */
  uint32_t file = source_add(&c.sources, &c.arena, "u.stack", text, (uint32_t)strlen(text));
  diag_warning(&c.diag, find(&c, file, "bad"), "odd");
  char *out = render(&c);
  /* column counts code points: l e t _ s _ = _ " é t é " \t → 'b' is column 15 */
  ASSERT(strstr(out, "u.stack:1:15: warning: odd\n") != NULL);
  ASSERT(strstr(out, "      |              \t^~~\n") != NULL);
  ASSERT(strstr(out, "1 warning generated.\n") != NULL);
  free(out);
  compilation_free(&c);
}

static void test_sorting_and_limit(void) {
  Compilation c;
  compilation_init(&c);
  const char *text = "a\nb\nc\n";
  uint32_t file = source_add(&c.sources, &c.arena, "s.stack", text, (uint32_t)strlen(text));
  diag_error(&c.diag, find(&c, file, "c"), "third");
  diag_error(&c.diag, find(&c, file, "a"), "first");
  diag_error(&c.diag, find(&c, file, "b"), "second");
  c.diag.max_errors = 2;
  char *out = render(&c);
  const char *first = strstr(out, "first"), *second = strstr(out, "second");
  ASSERT(first && second && first < second);
  ASSERT(strstr(out, "third") == NULL);
  ASSERT(strstr(out, "stopping after 2 errors") != NULL);
  ASSERT(strstr(out, "3 errors generated.\n") != NULL);
  free(out);
  compilation_free(&c);
}

static void test_no_file(void) {
  Compilation c;
  compilation_init(&c);
  diag_error(&c.diag, (Span){0, 0, 0}, "too many resources");
  char *out = render(&c);
  ASSERT(strcmp(out, "stackc: error: too many resources\n1 error generated.\n") == 0);
  free(out);
  compilation_free(&c);
}

/* A very long line is shown as a window around the caret, marked with
 * "..." on the sides that were cut, with the caret still under the span. */
static void test_long_line_window(void) {
  Compilation c;
  compilation_init(&c);
  char text[3001];
  memset(text, 'a', 3000);
  memcpy(text + 1500, "BAD", 3);
  text[3000] = '\0';
  uint32_t file = source_add(&c.sources, &c.arena, "l.stack", text, 3000);
  diag_error(&c.diag, find(&c, file, "BAD"), "here");
  char *out = render(&c);
  char *src = strstr(out, "    1 | ..."), *caret = src ? strchr(src, '\n') + 1 : NULL;
  ASSERT(src != NULL);
  ASSERT(src && strlen(out) < 600);
  ASSERT(src && strstr(src, "BAD") && strstr(src, "...\n"));
  /* the caret sits in the same column as the B */
  ASSERT(caret && strchr(caret, '^') - caret == strstr(src, "BAD") - src);
  free(out);
  compilation_free(&c);
}

int main(void) {
  test_long_line_window();
  test_caret_and_notes();
  test_utf8_and_tabs();
  test_sorting_and_limit();
  test_no_file();
  return test_summary();
}
