/* glob.c -- doublestar matching (glob.h). Braces are expanded first (each alternative
 * substituted into the pattern, as doublestar does); the rest is matched segment by
 * segment, with a table over (pattern segment, path segment) pairs so that several `**`
 * cost time proportional to the product of the segment counts, never exponential. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "glob.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* ---- one segment (no '/') against one segment -------------------------------------- */

/* The length of the character at s (one UTF-8 sequence, or one byte when invalid),
 * and its code point in *cp. */
static size_t char_at(const char *s, size_t n, uint32_t *cp) {
  const unsigned char *p = (const unsigned char *)s;
  size_t k = utf8_seq(p, n);
  if (k <= 1) {
    *cp = p[0];
    return 1;
  }
  static const unsigned char lead_mask[] = {[2] = 0x1F, [3] = 0x0F, [4] = 0x07};
  uint32_t v = p[0] & lead_mask[k];
  for (size_t i = 1; i < k; i++) v = v << 6 | (p[i] & 0x3F);
  *cp = v;
  return k;
}

/* Matches the class starting after '[' at p (pattern end pe) against code point c.
 * Returns the position after the closing ']', or NULL when the class is malformed;
 * *hit tells whether c is in the class (negation applied). */
static const char *match_class(const char *p, const char *pe, uint32_t c, bool *hit) {
  bool negate = p < pe && (*p == '!' || *p == '^');
  if (negate) p++;
  if (p >= pe || *p == ']') return NULL;   /* empty class */
  bool in = false;
  while (p < pe && *p != ']') {
    uint32_t lo, hi;
    if (*p == '\\' && ++p >= pe) return NULL;
    p += char_at(p, (size_t)(pe - p), &lo);
    hi = lo;
    if (p + 1 < pe && *p == '-' && p[1] != ']') {
      p++;
      if (*p == '\\' && ++p >= pe) return NULL;
      p += char_at(p, (size_t)(pe - p), &hi);
    }
    if (lo <= c && c <= hi) in = true;
  }
  if (p >= pe) return NULL;                /* no closing ']' */
  *hit = in != negate;
  return p + 1;
}

/* Whether the pattern segment [p, pe) matches the path segment [s, se): '*' backtracks
 * to the last star only, which is enough since '*' cannot cross a segment. */
static bool match_segment(const char *p, const char *pe, const char *s, const char *se) {
  const char *star_p = NULL, *star_s = NULL;
  while (s < se) {
    if (p < pe && *p == '*') {
      while (p < pe && *p == '*') p++;
      star_p = p;
      star_s = s;
      continue;
    }
    if (p < pe) {
      uint32_t c;
      size_t k = char_at(s, (size_t)(se - s), &c);
      if (*p == '?') {
        p++;
        s += k;
        continue;
      }
      if (*p == '[') {
        bool hit = false;
        const char *after = match_class(p + 1, pe, c, &hit);
        if (!after) return false;
        if (hit) {
          p = after;
          s += k;
          continue;
        }
      } else {
        const char *lit = p;
        if (*lit == '\\' && lit + 1 < pe) lit++;
        if (*lit == *s) {
          p = lit + 1;
          s++;
          continue;
        }
      }
    }
    if (!star_p) return false;
    uint32_t c;
    star_s += char_at(star_s, (size_t)(se - star_s), &c);
    p = star_p;
    s = star_s;
  }
  while (p < pe && *p == '*') p++;
  return p == pe;
}

/* ---- segments ---------------------------------------------------------------------- */

typedef struct {
  const char *start, *end;
} Seg;

/* Splits s at '/' (not at an escaped one when `escapes`) into a malloc'd array. */
static Seg *split(const char *s, bool escapes, size_t *n) {
  size_t cap = 1;
  for (const char *q = s; *q; q++) cap += *q == '/';
  Seg *v = xmalloc(cap * sizeof *v);
  size_t k = 0;
  const char *begin = s;
  for (const char *q = s;; q++) {
    if (escapes && *q == '\\' && q[1]) {
      q++;
      continue;
    }
    if (*q == '/' || *q == '\0') {
      v[k++] = (Seg){begin, q};
      if (*q == '\0') break;
      begin = q + 1;
    }
  }
  *n = k;
  return v;
}

static bool is_globstar(Seg g) { return g.end - g.start == 2 && g.start[0] == '*' && g.start[1] == '*'; }

/* The brace-free pattern against the path: after(i, j) says whether pattern segments i..
 * match path segments j.., filled from the end. */
static bool match_plain(const char *pattern, const char *path) {
  size_t np, ns;
  Seg *ps = split(pattern, true, &np);
  Seg *ss = split(path, false, &ns);
  /* A pattern ending in '/' names directories, and a path here never ends in one: doublestar
   * matches it only through its zero-length rule, when the path ends where a final "**" and
   * "/" begin (so "a" followed by a "**" segment and a slash matches "a", not "a/b"). */
  bool ok = true;
  if (np > 1 && ps[np - 1].start == ps[np - 1].end) {
    ok = is_globstar(ps[np - 2]) && np > 2;
    np -= 2;
  }
  bool *after = xmalloc((np + 1) * (ns + 1) * sizeof *after);
#define AFTER(i, j) after[(i) * (ns + 1) + (j)]
  for (size_t i = np + 1; i-- > 0;) {
    for (size_t j = ns + 1; j-- > 0;) {
      bool m;
      if (i == np) m = j == ns;
      else if (is_globstar(ps[i])) m = AFTER(i + 1, j) || (j < ns && AFTER(i, j + 1));
      else m = j < ns && match_segment(ps[i].start, ps[i].end, ss[j].start, ss[j].end) && AFTER(i + 1, j + 1);
      AFTER(i, j) = m;
    }
  }
  bool result = ok && AFTER(0, 0);
#undef AFTER
  free(after);
  free(ps);
  free(ss);
  return result;
}

/* ---- braces ------------------------------------------------------------------------ */

/* The first unescaped '{' of p, or NULL. */
static const char *first_brace(const char *p) {
  for (; *p; p++) {
    if (*p == '\\' && p[1]) p++;
    else if (*p == '{') return p;
  }
  return NULL;
}

/* The '}' closing the '{' at open (nesting counted), or NULL. */
static const char *closing_brace(const char *open) {
  int depth = 0;
  for (const char *p = open; *p; p++) {
    if (*p == '\\' && p[1]) p++;
    else if (*p == '{') depth++;
    else if (*p == '}' && --depth == 0) return p;
  }
  return NULL;
}

/* The end of the alternative starting at p inside braces ending at close: the next
 * top-level ',' or close itself. */
static const char *alternative_end(const char *p, const char *close) {
  int depth = 0;
  for (; p < close; p++) {
    if (*p == '\\' && p + 1 < close) p++;
    else if (*p == '{') depth++;
    else if (*p == '}') depth--;
    else if (*p == ',' && depth == 0) return p;
  }
  return close;
}

/* How many brace-free patterns a pattern may expand to: "{a,b}{c,d}" is 4; past this a
 * pattern is malformed, so that matching stays cheap whatever a stack file says. */
#define GLOB_MAX_EXPANSIONS 1024u

typedef struct {
  const char *path;   /* matched against each expansion, or NULL to count them only */
  unsigned left;      /* expansions still allowed */
  bool exhausted;
} Expansion;

/* Substitutes each alternative of the first brace group in turn and goes on with the
 * result; a brace-free pattern is matched (or counted). */
static bool expand(const char *pattern, Expansion *x) {
  const char *open = first_brace(pattern);
  if (!open) {
    if (x->left == 0) {
      x->exhausted = true;
      return false;
    }
    x->left--;
    return x->path && match_plain(pattern, x->path);
  }
  const char *close = closing_brace(open);
  size_t before = (size_t)(open - pattern), rest = strlen(close + 1);
  for (const char *alt = open + 1; !x->exhausted;) {
    const char *end = alternative_end(alt, close);
    size_t n = (size_t)(end - alt);
    char *expanded = xmalloc(before + n + rest + 1);
    memcpy(expanded, pattern, before);
    memcpy(expanded + before, alt, n);
    memcpy(expanded + before + n, close + 1, rest + 1);
    bool m = expand(expanded, x);
    free(expanded);
    if (m) return true;
    if (end == close) break;
    alt = end + 1;
  }
  return false;
}

bool glob_match(const char *pattern, const char *path) {
  if (!glob_valid(pattern)) return false;
  Expansion x = {.path = path, .left = GLOB_MAX_EXPANSIONS};
  return expand(pattern, &x);
}

bool glob_valid(const char *pattern) {
  if (!*pattern) return false;
  int depth = 0;
  for (const char *p = pattern; *p; p++) {
    if (*p == '\\') {
      if (!*++p) return false;
    } else if (*p == '{') {
      depth++;
    } else if (*p == '}') {
      if (depth > 0) depth--;   /* a '}' without '{' is an ordinary character */
    } else if (*p == '[') {
      bool hit;
      const char *after = match_class(p + 1, p + strlen(p), 0, &hit);
      if (!after) return false;
      p = after - 1;
    }
  }
  if (depth != 0) return false;
  Expansion x = {.path = NULL, .left = GLOB_MAX_EXPANSIONS};
  expand(pattern, &x);
  return !x.exhausted;
}
