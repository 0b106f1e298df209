/* zip.h -- deterministic zip archives of function code directories (`stackc package`,
 * and the content hash in S3 keys). The same files give the same bytes regardless of
 * mtimes, owners, permissions or directory order. */
#ifndef STACKC_ZIP_H
#define STACKC_ZIP_H

#include <stddef.h>

/* Zips the regular files below dir (recursively; symlinks to regular files are
 * followed, symlinks to directories and special files are skipped). Entries are
 * named by relative path with '/' separators, sorted bytewise, without directory
 * entries; each is raw-deflated (zlib level 9), dated 1980-01-01 00:00, mode 0644,
 * made by Unix, without extra fields or comments. An empty directory gives a valid
 * empty zip. On success *out is malloc'd (caller frees), *out_len its size, and 0 is
 * returned; on failure -1 with a message in err (e.g. an unreadable file). */
/* Lambda accepts at most 250 MB of unzipped code (layers included). */
#define ZIP_MAX_UNZIPPED ((size_t)250 << 20)

int zip_directory(const char *dir, unsigned char **out, size_t *out_len, char *err, size_t errlen);

#endif
