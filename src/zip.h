/* zip.h -- what goes into a function's code zip, and the deterministic zip itself
 * (`stackc package`, and the content hash in S3 keys). code_scan decides which files a
 * code directory contributes, reading no content; zip_tree zips exactly those, reading
 * each through descriptors so that nothing outside the directory can enter the archive.
 * The same files give the same bytes regardless of mtimes, owners, umask or readdir order. */
#ifndef STACKC_ZIP_H
#define STACKC_ZIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "glob.h"   /* glob_match: the semantics of CodeFilter.excludes */

/* Lambda accepts at most 250 MB of unzipped code (layers included). */
#define ZIP_MAX_UNZIPPED ((uint64_t)250 << 20)
/* A zip without ZIP64 holds at most 65535 entries; the scan also walks at most this many
 * directories (a directory reached through several links counts each time). */
#define ZIP_MAX_ENTRIES 65535u
/* Directories nested deeper than this below a code directory are refused (each level of
 * the walk holds a directory descriptor). */
#define ZIP_MAX_DEPTH 256u

/* A filter on a code directory's files. Patterns have doublestar semantics (as Terraform's
 * hashicorp/archive >= 2.5 `excludes`): matched against the path relative to the code directory,
 * '/'-separated; `*` and `?` do not cross '/', `**` as a whole segment matches any number of
 * segments, `[...]` classes, `\` escapes. A pattern that matches a directory excludes all below it.
 * A directory named ".git" (at any depth) is always excluded. */
typedef struct CodeFilter {
  const char *const *excludes;  /* NULL-terminated glob patterns, or NULL */
  const char *const *skip;      /* NULL-terminated exact relative paths (files or directories) never
                                   included: this run's -o file and package directory; or NULL */
} CodeFilter;

/* One file of the archive, as found by the scan. */
typedef struct CodeFile {
  char *name;        /* relative, '/'-separated: the entry's name in the zip */
  char *source;      /* relative path, inside the code directory and free of symlinks, of the file
                        whose bytes are stored (== name unless reached through a symlink) */
  uint64_t size;     /* from lstat/stat at scan time */
  bool executable;   /* any x bit: stored as 0755, else 0644 */
} CodeFile;

typedef struct CodeTree {
  CodeFile *files;   /* sorted bytewise by name, unique */
  size_t n;
  uint64_t total;    /* sum of sizes */
} CodeTree;

/* Called once per problem with a complete, user-facing message that names the path(s), e.g.
 *   "symlink 'lib/creds' points to '/proc/self/environ', outside the code directory"
 *   "symlink 'a/loop' points to 'a', one of its own ancestors"
 *   "'.' holds more than 250 MB of files (262144001 bytes): over Lambda's limit for unzipped code" */
typedef void (*CodeProblemFn)(void *ctx, const char *message);

/* Walks `dir` with lstat/fstatat only: reads no file content. Symlinks: a link whose target
 * resolves (realpath) inside `dir` is kept, stored as its target's content (a directory link is
 * walked as that directory); a link whose target is outside `dir`, dangling, or a directory that is
 * one of the link's own ancestors is a problem. Devices, FIFOs and sockets are skipped. The 250 MB
 * unzipped limit and the 65535-entry zip limit are checked from sizes, and the walk stops early once
 * either is passed (so a huge directory costs little); so do ZIP_MAX_DEPTH and the count of
 * directories walked. Reports every problem through `report` and
 * returns how many there were (0: `out` is usable); on an I/O error reports it too. `out` must be
 * freed with code_tree_free in every case. `filter` may be NULL. */
size_t code_scan(const char *dir, const CodeFilter *filter, CodeTree *out, CodeProblemFn report, void *ctx);
void code_tree_free(CodeTree *t);

/* The deterministic zip of a scanned tree (same bytes for the same files, whatever mtimes, owners,
 * readdir order or umask): each entry is opened relative to its directory's descriptor (openat with
 * O_NOFOLLOW, then fstat: a regular file, else an error), streamed through raw deflate in chunks
 * (never a whole file in memory), dated 1980-01-01, mode 0755/0644, the UTF-8 flag only for names
 * that are valid, non-ASCII UTF-8. Returns 0 with *out malloc'd (caller frees) and *len, or -1
 * with a message in err (a file that changed since the scan, a swapped link, I/O). Entries are
 * named by relative path, sorted bytewise, without directory entries, made by Unix, without extra
 * fields or comments; an empty tree gives a valid empty zip. */
int zip_tree(const char *dir, const CodeTree *tree, unsigned char **out, size_t *len, char *err, size_t errlen);

/* code_scan (no filter) then zip_tree; the first problem of the scan is the message in err. */
int zip_directory(const char *dir, unsigned char **out, size_t *out_len, char *err, size_t errlen);

#endif
