/* fileio.h — reading inputs and writing outputs without losing anything.
 * Outputs go to a temporary file in the target's directory and are renamed
 * over the target only when complete, so a failed or killed run leaves an
 * existing file exactly as it was. */
#ifndef STACKC_FILEIO_H
#define STACKC_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The largest stack file read (docs/limits.md). A stack file is written by
 * hand; CloudFormation takes templates of at most 1 MB. */
#define STACKC_MAX_FILE_BYTES (16u << 20)

/* read_file's result when the input passes STACKC_MAX_FILE_BYTES. */
#define READ_TOO_LARGE (-2)

/* Reads a whole file ("-" is standard input) into a malloc'd, NUL-terminated
 * buffer. Returns 0, or -1 (cannot read) or READ_TOO_LARGE with a message in
 * err. Anything but a regular file (a directory, a FIFO, a device) is refused
 * without waiting on it; standard input may be a pipe. At most
 * STACKC_MAX_FILE_BYTES + 1 bytes are ever read, so an endless stream costs
 * bounded time and memory. */
int read_file(const char *path, char **data, size_t *len, char *err, size_t errlen);

/* Writes data to path atomically (temporary file + rename): a failure, or a
 * kill at any moment, leaves an existing file at path exactly as it was.
 * Through a symbolic link (even a dangling one) the link's final target is
 * written and the link kept; a replaced file keeps its permission bits. */
int write_file_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen);

/* Creates the missing directories of `dir`, walking the path as given (from
 * "/" or the working directory) one component at a time without following
 * symbolic links: a directory is created only when every component before it
 * is a real directory. Nothing is created when `dir` already exists (through
 * links or not). Returns 0, or -1 with a message in err. */
int make_dirs(const char *dir, char *err, size_t errlen);

/* make_dirs for the directory part of the file name `path`. */
int make_parent_dirs(const char *path, char *err, size_t errlen);

/* "a directory", "a FIFO", "a character device", ...: what a file of this
 * st_mode is, for messages that refuse it as a stack file. */
const char *file_type_name(mode_t mode);

#endif
