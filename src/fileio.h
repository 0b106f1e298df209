/* fileio.h — reading inputs and writing outputs without losing anything.
 * Outputs go to a temporary file in the target's directory and are renamed
 * over the target only when complete, so a failed or killed run leaves an
 * existing file exactly as it was. */
#ifndef STACKC_FILEIO_H
#define STACKC_FILEIO_H

#include <stddef.h>

/* Reads a whole file ("-" is standard input) into a malloc'd, NUL-terminated
 * buffer. Returns 0, or -1 with a message in err. Directories are refused. */
int read_file(const char *path, char **data, size_t *len, char *err, size_t errlen);

/* Writes data to path atomically (temporary file + rename). */
int write_file_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen);

#endif
