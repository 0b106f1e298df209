/* test_glob.c -- glob_match against the documented doublestar semantics: the examples of
 * bmatcuk/doublestar's README (the matcher hashicorp/archive uses for `excludes`) and the
 * cases of its match table, plus the patterns the `exclude` attribute's docs show. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "glob.h"
#include "testing.h"

typedef struct {
  const char *pattern, *path;
  bool match;
} Case;

static const Case cases[] = {
    /* `*`: any run of non-separators, never across '/' */
    {"*", "abc", true},
    {"*", "a/b", false},
    {"*c", "abc", true},
    {"a*", "a", true},
    {"a*", "ab/c", false},
    {"a*/b", "abc/b", true},
    {"a*/b", "a/c/b", false},
    {"a*b*c*d*e*/f", "axbxcxdxexxx/f", true},
    {"a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false},
    {"a*b?c*x", "abxbbxdbxebxczzx", true},
    {"a*b?c*x", "abxbbxdbxebxczzy", false},
    {"*.md", "README.md", true},
    {"*.md", "docs/guide.md", false},
    {"*x", "xxx", true},
    /* `?`: one character (a whole UTF-8 sequence), not '/' */
    {"?", "a", true},
    {"a?b", "a/b", false},
    {"a?b", "a\xE2\x98\xBA" "b", true},
    {"a???b", "a\xE2\x98\xBA" "b", false},
    /* `**` as a segment: zero or more segments */
    {"**", "a", true},
    {"**", "a/b/c", true},
    {"**/*.md", "README.md", true},
    {"**/*.md", "docs/a/guide.md", true},
    {"**/*.md", "docs/a/guide.mdx", false},
    {"**/c", "c", true},
    {"**/c", "a/b/c", true},
    {"**/c", "a/b", false},
    {"**/c", "a/abc", false},
    {"a/**/b", "a/b", true},
    {"a/**/b", "a/x/y/b", true},
    {"a/**/b", "a/x/y/c", false},
    {"a/**", "a", true},
    {"a/**", "a/b/c", true},
    {"a/**", "ab/c", false},
    {"tests/**", "tests/unit/x.js", true},
    /* a final '/' is for directories: only the zero-length rule lets one match here */
    {"a/**/", "a", true},
    {"a/**/", "a/b", false},
    {"**/", "a", false},
    {"a/", "a", false},
    {"grandparent/**/child?", "grandparent/parent/child1", true},
    {"**/parent/*", "grandparent/parent/child2", true},
    /* `**` inside a segment is a plain `*` */
    {"abc**", "abc", true},
    {"**abc", "abc", true},
    {"path/to/**.txt", "path/to/a.txt", true},
    {"path/to/**.txt", "path/to/b/a.txt", false},
    /* classes */
    {"[abc]", "b", true},
    {"[abc]", "d", false},
    {"ab[b-d]", "abc", true},
    {"ab[e-g]", "abc", false},
    {"[!a]", "a", false},
    {"[!a]", "b", true},
    {"ab[^c]", "abc", false},
    {"ab[^e-g]", "abc", true},
    {"a[^a]b", "a\xE2\x98\xBA" "b", true},
    {"[a-\xCE\xB6]*", "\xCE\xB1", true},     /* [a-ζ]* matches α: code points, not bytes */
    {"*[a-\xCE\xB6]", "A", false},
    {"[\\]a]", "]", true},
    {"[\\-]", "-", true},
    {"[x\\-]", "z", false},
    /* escapes */
    {"\\*", "*", true},
    {"\\*", "a", false},
    {"a\\*b", "ab", false},
    {"a\\*b", "a*b", true},
    {"a/\\**", "a/b/c", false},
    /* alternatives */
    {"ab{c,d}", "abc", true},
    {"ab{c,d}", "abe", false},
    {"ab{c,d,*}", "abcde", true},
    {"{src,lib}/**/*.test.js", "lib/x/a.test.js", true},
    {"{a/b,c}", "a/b", true},
    /* malformed patterns match nothing */
    {"[]a]", "]", false},
    {"[", "a", false},
    {"[^bc", "a", false},
    {"\\", "a", false},
    {"ab{c,d", "abc", false},
    {"", "", false},
};

int main(void) {
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    bool got = glob_match(cases[i].pattern, cases[i].path);
    if (got != cases[i].match)
      fprintf(stderr, "glob_match(\"%s\", \"%s\") = %d, want %d\n", cases[i].pattern, cases[i].path, got,
              cases[i].match);
    ASSERT(got == cases[i].match);
  }
  ASSERT(glob_valid("tests/**"));
  ASSERT(glob_valid("*.{js,ts}"));
  ASSERT(!glob_valid("[abc"));
  ASSERT(!glob_valid("{a,b"));
  ASSERT(!glob_valid("a\\"));
  ASSERT(!glob_valid(""));
  /* braces that would expand to 2^20 patterns: malformed, answered at once */
  ASSERT(!glob_valid("{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}"
                     "{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}"));
  ASSERT(glob_valid("{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}"));   /* 1024 */
  ASSERT(glob_match("{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}", "abababbbba"));
  /* many `**` against a deep path: answered at once (the table is quadratic, not exponential) */
  ASSERT(!glob_match("**/a/**/a/**/a/**/a/**/a/**/a/**/b",
                     "a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/c"));
  return test_summary();
}
