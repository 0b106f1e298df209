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
 * to ".").
 *
 * The default cell starts with kinds.c's default, written as a user writes
 * it: `128MB`, `3s`, `1`, `false`, `` `x86_64` `` (an enum in backticks,
 * quoted or not), `` `[GET, HEAD]` `` (an enum list); an attribute without
 * one says anything but a number or true/false. An attribute with a range
 * has a range cell starting with it, `LO–HI` in the type's units (a string's
 * length: `LO–HI characters` or `at most HI characters`), and with a step it
 * says "whole ..." there. The description cell is the only description of an
 * attribute: kinds.c keeps none. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <ctype.h>
#include <inttypes.h>
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

/* Parses an amount at *p as the type writes it ("128MB", "3s", "40000");
 * advances *p past it. Durations in milliseconds, sizes in bytes. */
static bool parse_amount(const char **p, const Type *t, int64_t *out) {
  static const struct { TypeKind type; const char *unit; int64_t scale; } units[] = {
    {T_DURATION, "ms", 1}, {T_DURATION, "s", 1000}, {T_DURATION, "m", 60000},
    {T_DURATION, "h", 3600000}, {T_DURATION, "d", 86400000},
    {T_SIZE, "KB", 1024}, {T_SIZE, "MB", 1024 * 1024}, {T_SIZE, "GB", 1024 * 1024 * 1024}};
  if (!isdigit((unsigned char)**p)) return false;
  char *end;
  int64_t n = strtoll(*p, &end, 10);
  if (t->kind != T_DURATION && t->kind != T_SIZE) {
    *out = n;
    *p = end;
    return true;
  }
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
    size_t len = strlen(units[i].unit);
    if (units[i].type == t->kind && strncmp(end, units[i].unit, len) == 0 &&
        !isalpha((unsigned char)end[len])) {
      *out = n * units[i].scale;
      *p = end + len;
      return true;
    }
  }
  return false;
}

/* The words of an enum value or list cell, unquoted and space-separated:
 * `[\"*\"]` -> "*", `[GET, HEAD]` -> "GET HEAD", `">="` -> ">=". */
static bool enum_cell_words(const char *cell, char *out, size_t cap) {
  if (cell[0] != '`') return false;
  const char *close = strchr(cell + 1, '`');
  if (!close) return false;
  size_t n = 0;
  for (const char *p = cell + 1; p < close && n + 1 < cap; p++) {
    if (*p == '[' || *p == ']' || *p == '"') continue;
    if (*p == ',') continue;
    out[n++] = *p;
  }
  out[n] = '\0';
  return true;
}

static bool default_matches(const FieldSpec *f, const char *cell) {
  char words[256];
  switch (f->def_kind) {
  case DEF_NONE:
    return f->required || (!isdigit((unsigned char)cell[0]) && strncmp(cell, "true", 4) != 0 &&
                           strncmp(cell, "false", 5) != 0);
  case DEF_INT: {
    int64_t v;
    const char *p = cell;
    return parse_amount(&p, f->type, &v) && v == f->def_int && (*p == '\0' || *p == ' ');
  }
  case DEF_BOOL: return strcmp(cell, f->def_int ? "true" : "false") == 0;
  case DEF_ENUM:
  case DEF_ENUM_LIST:
    return enum_cell_words(cell, words, sizeof words) && strcmp(words, f->def_str) == 0;
  }
  return false;
}

static bool range_matches(const FieldSpec *f, const char *cell) {
  if (f->min > f->max) return true;
  const char *p = cell;
  int64_t lo, hi;
  bool ok;
  if (f->type->kind == T_STRING && f->min == 0 && strncmp(p, "at most ", 8) == 0) {
    p += 8;
    ok = parse_amount(&p, f->type, &hi) && hi == f->max && strncmp(p, " characters", 11) == 0;
  } else {
    ok = parse_amount(&p, f->type, &lo) && strncmp(p, "\xe2\x80\x93", 3) == 0;   /* en dash */
    if (ok) p += 3;
    ok = ok && parse_amount(&p, f->type, &hi) && lo == f->min && hi == f->max;
    if (ok && f->type->kind == T_STRING) ok = strncmp(p, " characters", 11) == 0;
  }
  return ok && (f->step == 0 || strstr(cell, "whole ") != NULL);
}

/* Checks the default and range cells of the row of `f`. */
static void check_value_cells(const char *key, const FieldSpec *f, const char *line, size_t len) {
  char def_cell[256], range_cell[256];
  if (!row_cell(line, len, 2, def_cell, sizeof def_cell) ||
      !row_cell(line, len, 3, range_cell, sizeof range_cell)) {
    ASSERT(!"a row has a default and a range cell");
    return;
  }
  bool def_ok = default_matches(f, def_cell);
  ASSERT(def_ok);
  if (!def_ok)
    fprintf(stderr, "  [%s] %s: the doc's default '%s' is not kinds.c's\n", key, f->name, def_cell);
  bool range_ok = range_matches(f, range_cell);
  ASSERT(range_ok);
  if (!range_ok)
    fprintf(stderr, "  [%s] %s: the doc's range '%s' does not start with kinds.c's %" PRId64
            "..%" PRId64 "%s\n", key, f->name, range_cell, f->min, f->max,
            f->step ? ", whole units" : "");
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
          check_value_cells(key, f, line, len);
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
  check_section(doc, "vpc", vpc_fields);
  check_section(doc, "api_cors", api_cors_fields);
  free(doc);
  return test_summary();
}
