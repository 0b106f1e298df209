/* codedir.h — the code directories of one compilation.
 *
 * Each distinct code directory (its resolved path and its `exclude` list) is scanned once, when
 * the first function naming it is checked: the scan (zip.h's code_scan) reads no file content,
 * so `check` and `build --target tf` cost little however big the code is. It is zipped at most
 * once, and only when a target needs the zip: CloudFormation's S3 key (the zip's hash) and
 * `stackc package` (its bytes). This run's output (-o: the template, or the package directory)
 * never enters a zip, and neither does .git/.
 */
#ifndef STACKC_CODEDIR_H
#define STACKC_CODEDIR_H

#include <stddef.h>

#include "compile.h"

typedef struct CodeDir CodeDir;

/* The code directory `real` (resolved, inside the project root; `written` is how the stack file
 * names it) with `excludes` (NULL-terminated glob patterns, or NULL). The first call for a
 * directory and exclude list scans it and reports, at `at` (the function's `code`), each problem
 * of the scan as an error, and as a warning a directory that holds this run's output or a
 * `.stackc/` folder that no exclude covers; later calls return the same CodeDir and report
 * nothing again. NULL when the scan found a problem. */
CodeDir *code_dir_check(Compilation *c, const char *real, const char *written, const char *const *excludes,
                        Span at);

/* The hex SHA-256 of the directory's zip (65 bytes with the NUL), zipping it on first use.
 * NULL, with a message in err, when it cannot be zipped (a file changed since the scan, I/O). */
const char *code_dir_hash(CodeDir *d, char *err, size_t errlen);

/* The zip itself, made on first use, and its hash; d keeps both until code_dir_drop_zip (or
 * code_dirs_free). Returns 0, or -1 with a message in err. */
int code_dir_zip(CodeDir *d, const unsigned char **zip, size_t *len, const char **hash, char *err,
                 size_t errlen);
void code_dir_drop_zip(CodeDir *d);

/* Terraform's archive_file must leave out what stackc leaves out: the `excludes` for it (the
 * function's patterns, .git at any depth, and this run's output when it lies inside), arena,
 * NULL-terminated. */
const char *const *code_dir_tf_excludes(Compilation *c, const CodeDir *d);

/* Where Terraform's archive_file writes the zips, relative to the stack file's directory
 * `source_dir`: its `.stackc/` folder, or that of its nearest ancestor whose `.stackc/` lies
 * outside every code directory of the stack (a zip written inside a directory that is zipped
 * would enter that zip at the next plan): ".stackc/", "../.stackc/", ... */
const char *code_dirs_tf_zip_folder(Compilation *c, const char *source_dir);

/* `path` relative to the directory `dir` ("" when they are the same), or NULL when it is not
 * inside it. Both are resolved (realpath). */
const char *path_below(const char *path, const char *dir);

/* Frees every scanned tree and zip (compilation_free calls it). */
void code_dirs_free(Compilation *c);

#endif
