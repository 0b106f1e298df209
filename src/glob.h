/* glob.h -- doublestar glob patterns over '/'-separated relative paths, with the semantics of
 * github.com/bmatcuk/doublestar v4 (what Terraform's hashicorp/archive >= 2.5 uses for an
 * archive_file's `excludes`), so a function's `exclude` list keeps the same files out of the
 * zip stackc builds and the one Terraform builds.
 *
 *   *          any run of characters except '/'
 *   ?          one character (one UTF-8 sequence) except '/'
 *   **         as a whole segment: zero or more segments (so "tests" followed by
 *              a "**" segment also matches "tests" itself);
 *              elsewhere in a segment it is a plain '*'
 *   [abc] [a-z] [!x] [^x]   one character of (or, negated, not of) a class
 *   {x,y}      one of the comma-separated alternatives (which may hold '/' and nest)
 *   \c         the character c itself
 */
#ifndef STACKC_GLOB_H
#define STACKC_GLOB_H

#include <stdbool.h>

/* Whether the whole of `path` matches `pattern`. A malformed pattern (see glob_valid)
 * matches nothing. */
bool glob_match(const char *pattern, const char *path);

/* Whether `pattern` is well formed: not empty, every '[' closed by ']' around a non-empty
 * class, every '{' closed by '}', no '\' at the end, and its braces expand to at most 1024
 * alternatives ("{a,b}{c,d}" makes 4), which keeps matching cheap. */
bool glob_valid(const char *pattern);

#endif
