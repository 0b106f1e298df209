/* test_docs.c -- docs/language.md lists every attribute of every kind exactly as
 * src/kinds.c defines it.
 *
 * The markdown shape this test reads (and docs/language.md keeps):
 *
 *   <!-- attributes: KEY -->
 *   | attribute | type | default | range | description |
 *   |---|---|---|---|---|
 *   | `NAME` | `TYPE` | DEFAULT | RANGE | DESCRIPTION |
 *
 * KEY is a supported kind's name (kind_specs[k].name, e.g. "function"), or
 * "stack", "cors", "index" or "api_cors" for stack_attrs, cors_fields,
 * index_fields and api_cors_fields (an api's cors record).
 * The section runs from its marker to the next line that starts with "<!--"
 * or "#". Every line in it that starts with "| `" is an attribute row: its
 * first cell is the attribute's name in backticks, its second cell the
 * type's name as type_name() spells it, in backticks, and its third cell
 * starts with "required" exactly when the attribute is required. Each
 * attribute has exactly one row, and no row names an attribute that does
 * not exist. The doc is $top_srcdir/docs/language.md (top_srcdir defaults
 * to "."). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kinds.h"
#include "testing.h"

/* Copies cell `idx` (0-based) of a "| a | b | c |" row into out, trimmed.
 * Returns false when the row has fewer cells. */
static bool row_cell(const char *line, size_t linelen, int idx, char *out, size_t cap) {
  const char *p = line, *end = line + linelen;
  if (p >= end || *p != '|') return false;
  p++;
  for (int i = 0; i < idx; i++) {
    const char *bar = memchr(p, '|', (size_t)(end - p));
    if (!bar) return false;
    p = bar + 1;
  }
  const char *bar = memchr(p, '|', (size_t)(end - p));
  if (!bar) return false;
  while (p < bar && *p == ' ') p++;
  const char *q = bar;
  while (q > p && q[-1] == ' ') q--;
  size_t n = (size_t)(q - p);
  if (n >= cap) n = cap - 1;
  memcpy(out, p, n);
  out[n] = '\0';
  return true;
}

/* Checks the section of `key` against `fields`. */
static void check_section(const char *doc, const char *key, const FieldSpec *fields) {
  char marker[128];
  snprintf(marker, sizeof marker, "<!-- attributes: %s -->", key);
  const char *start = strstr(doc, marker);
  ASSERT(start != NULL);
  if (!start) {
    fprintf(stderr, "  no section '%s' in docs/language.md\n", marker);
    return;
  }
  uint32_t nfields = 0;
  while (fields[nfields].name) nfields++;
  int *seen = calloc(nfields ? nfields : 1, sizeof *seen);
  const char *line = strchr(start, '\n');
  line = line ? line + 1 : start + strlen(start);
  while (*line && strncmp(line, "<!--", 4) != 0 && line[0] != '#') {
    const char *nl = strchr(line, '\n');
    size_t len = nl ? (size_t)(nl - line) : strlen(line);
    if (strncmp(line, "| `", 3) == 0) {
      char name_cell[256], type_cell[256], def_cell[256];
      bool ok = row_cell(line, len, 0, name_cell, sizeof name_cell) &&
                row_cell(line, len, 1, type_cell, sizeof type_cell) &&
                row_cell(line, len, 2, def_cell, sizeof def_cell);
      ASSERT(ok);
      size_t nl_len = strlen(name_cell);
      if (ok && nl_len >= 2 && name_cell[nl_len - 1] == '`') {
        name_cell[nl_len - 1] = '\0';
        const char *name = name_cell + 1;
        uint32_t idx = 0;
        const FieldSpec *f = field_lookup(fields, name, &idx);
        ASSERT(f != NULL);
        if (!f) {
          fprintf(stderr, "  [%s] the doc lists '%s', which is not an attribute\n", key, name);
        } else {
          seen[idx]++;
          char want[256];
          snprintf(want, sizeof want, "`%s`", type_name(f->type));
          ASSERT(strcmp(type_cell, want) == 0);
          if (strcmp(type_cell, want) != 0)
            fprintf(stderr, "  [%s] %s: the doc says type %s, kinds.c says %s\n", key, name, type_cell,
                    want);
          bool doc_required = strncmp(def_cell, "required", 8) == 0;
          ASSERT(doc_required == f->required);
          if (doc_required != f->required)
            fprintf(stderr, "  [%s] %s: the doc %s it required, kinds.c %s\n", key, name,
                    doc_required ? "calls" : "does not call", f->required ? "does" : "does not");
        }
      } else if (ok) {
        ASSERT(!"attribute cell is `NAME`");
        fprintf(stderr, "  [%s] malformed row: %.*s\n", key, (int)len, line);
      }
    }
    if (!nl) break;
    line = nl + 1;
  }
  for (uint32_t i = 0; i < nfields; i++) {
    ASSERT(seen[i] == 1);
    if (seen[i] != 1)
      fprintf(stderr, "  [%s] attribute '%s' has %d rows in the doc (want 1)\n", key, fields[i].name,
              seen[i]);
  }
  free(seen);
}

int main(void) {
  char *doc = test_read_doc();
  ASSERT(doc != NULL);
  if (!doc) return test_summary();
  int supported = 0;
  for (int k = 0; k < RES_KIND_COUNT; k++) {
    if (!kind_specs[k].supported) continue;
    supported++;
    check_section(doc, kind_specs[k].name, kind_specs[k].attrs);
  }
  ASSERT(supported > 0);
  check_section(doc, "stack", stack_attrs);
  check_section(doc, "cors", cors_fields);
  check_section(doc, "index", index_fields);
  check_section(doc, "api_cors", api_cors_fields);
  free(doc);
  return test_summary();
}
