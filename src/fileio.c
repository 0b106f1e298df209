/* fileio.c — whole-file reads with a size limit, and atomic writes. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...) {
  if (!err || errlen == 0) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
}

static int write_regular(const char *path, const void *data, size_t len, char *err, size_t errlen);

static void set_too_large(char *err, size_t errlen, const char *path) {
  set_err(err, errlen, "'%s' is too large: more than %u bytes (the limit for a stack file is %u MiB)",
          path, (unsigned)STACKC_MAX_FILE_BYTES, (unsigned)(STACKC_MAX_FILE_BYTES >> 20));
}

/* Reads at most STACKC_MAX_FILE_BYTES + 1 bytes, so that an endless input
 * (/dev/zero, a pipe) costs bounded memory and time. */
static int read_stream(FILE *f, const char *path, char **data, size_t *len, char *err, size_t errlen) {
  size_t cap = 65536, n = 0;
  const size_t limit = (size_t)STACKC_MAX_FILE_BYTES + 1;
  char *buf = malloc(cap + 1);
  if (!buf) {
    set_err(err, errlen, "out of memory reading '%s'", path);
    return -1;
  }
  for (;;) {
    size_t want = cap - n;
    if (want > limit - n) want = limit - n;
    size_t k = fread(buf + n, 1, want, f);
    n += k;
    if (k == 0 || n >= limit) break;
    if (n == cap) {
      char *bigger = realloc(buf, cap * 2 + 1);
      if (!bigger) {
        free(buf);
        set_err(err, errlen, "out of memory reading '%s'", path);
        return -1;
      }
      buf = bigger;
      cap *= 2;
    }
  }
  if (ferror(f)) {
    set_err(err, errlen, "cannot read '%s': %s", path, strerror(errno));
    free(buf);
    return -1;
  }
  if (n > STACKC_MAX_FILE_BYTES) {
    free(buf);
    set_too_large(err, errlen, path);
    return READ_TOO_LARGE;
  }
  buf[n] = '\0';
  *data = buf;
  *len = n;
  return 0;
}

int read_file(const char *path, char **data, size_t *len, char *err, size_t errlen) {
  if (strcmp(path, "-") == 0) return read_stream(stdin, "<stdin>", data, len, err, errlen);
  if (*path == '\0') {
    set_err(err, errlen, "empty file name");
    return -1;
  }
  FILE *f = fopen(path, "rb");
  if (!f) {
    if (errno == EISDIR)
      set_err(err, errlen, "'%s' is a directory, not a stack file", path);
    else
      set_err(err, errlen, "cannot open '%s': %s", path, strerror(errno));
    return -1;
  }
  struct stat st;
  if (fstat(fileno(f), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      fclose(f);
      set_err(err, errlen, "'%s' is a directory, not a stack file", path);
      return -1;
    }
    if (S_ISREG(st.st_mode) && st.st_size > (off_t)STACKC_MAX_FILE_BYTES) {
      fclose(f);
      set_too_large(err, errlen, path);
      return READ_TOO_LARGE;
    }
  }
  int rc = read_stream(f, path, data, len, err, errlen);
  fclose(f);
  return rc;
}

static int write_all(int fd, const void *data, size_t len) {
  for (size_t off = 0; off < len;) {
    ssize_t k = write(fd, (const char *)data + off, len - off);
    if (k < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    off += (size_t)k;
  }
  return 0;
}

/* The directory of `path`, with a trailing '/' ("" for the current one). */
static char *dir_prefix(const char *path) {
  const char *slash = strrchr(path, '/');
  size_t n = slash ? (size_t)(slash - path) + 1 : 0;
  char *d = malloc(n + 1);
  if (d) {
    memcpy(d, path, n);
    d[n] = '\0';
  }
  return d;
}

/* Renames the complete temporary file `tmp` over `path`. */
static int replace(const char *tmp, const char *path, char *err, size_t errlen) {
  if (rename(tmp, path) == 0) return 0;
  int e = errno;
  struct stat st;
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
    set_err(err, errlen, "cannot write '%s': it is a directory", path);
  else
    set_err(err, errlen, "cannot rename '%s' to '%s': %s", tmp, path, strerror(e));
  unlink(tmp);
  return -1;
}

/* The fast path on Linux: the data goes into an unnamed file (O_TMPFILE) in
 * the target's directory, which the kernel deletes if the process dies; only
 * when it is complete and synced is it linked under a temporary name and
 * renamed over the target, so a kill can leave a temporary name behind only
 * between linkat() and rename(). Returns 0 or -1 (err set), or 1 when
 * O_TMPFILE or /proc is unavailable and the caller should use mkstemp(). */
static int write_unnamed(const char *path, const char *dir, char *tmp, size_t plen,
                         const void *data, size_t len, char *err, size_t errlen) {
#ifdef O_TMPFILE
  int fd = open(*dir ? dir : ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0) return 1;
  if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
    set_err(err, errlen, "cannot write '%s': %s", path, strerror(errno));
    close(fd);
    return -1;
  }
  char proc[64];
  snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
  bool linked = false;
  for (int attempt = 0; !linked && attempt < 100; attempt++) {
    /* a name chosen without creating a file under it (a mkstemp probe would be a
     * second moment at which a kill leaves a name behind); taken: the next one */
    snprintf(tmp + plen, 12, ".tmp.%06x", ((unsigned)getpid() * 101u + (unsigned)attempt) & 0xffffffu);
    if (linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) == 0) linked = true;
    else if (errno != EEXIST) break;
  }
  close(fd);
  if (!linked) return 1;
  return replace(tmp, path, err, errlen);
#else
  (void)path, (void)dir, (void)tmp, (void)plen, (void)data, (void)len, (void)err, (void)errlen;
  return 1;
#endif
}

/* A target that exists and is not a regular file (/dev/null, /dev/stdout, a
 * FIFO) is written in place: renaming over it would replace the device. */
static int write_in_place(const char *path, const void *data, size_t len, char *err, size_t errlen) {
  int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) {
    set_err(err, errlen, "cannot open '%s': %s", path, strerror(errno));
    return -1;
  }
  if (write_all(fd, data, len) != 0) {
    set_err(err, errlen, "cannot write '%s': %s", path, strerror(errno));
    close(fd);
    return -1;
  }
  if (close(fd) != 0) {
    set_err(err, errlen, "cannot write '%s': %s", path, strerror(errno));
    return -1;
  }
  return 0;
}

int write_file_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen) {
  struct stat st;
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
    return write_in_place(path, data, len, err, errlen);
  /* through a symbolic link: replace the file it names, keep the link */
  char *real = NULL;
  if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && (real = realpath(path, NULL)) != NULL)
    path = real;
  int rc = write_regular(path, data, len, err, errlen);
  free(real);
  return rc;
}

static int write_regular(const char *path, const void *data, size_t len, char *err, size_t errlen) {
  size_t plen = strlen(path);
  char *tmp = malloc(plen + 16);
  char *dir = dir_prefix(path);
  int rc = -1;
  if (!tmp || !dir) {
    set_err(err, errlen, "out of memory");
    goto done;
  }
  memcpy(tmp, path, plen);
  rc = write_unnamed(path, dir, tmp, plen, data, len, err, errlen);
  if (rc != 1) goto done;

  rc = -1;
  memcpy(tmp + plen, ".tmp.XXXXXX", 12);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    set_err(err, errlen, "cannot create a temporary file for '%s': %s", path, strerror(errno));
    goto done;
  }
  /* mkstemp creates 0600; give the file the mode a plain open() would */
  mode_t mask = umask(0);
  umask(mask);
  if (fchmod(fd, 0666 & ~mask) != 0) {
    set_err(err, errlen, "cannot set the mode of '%s': %s", tmp, strerror(errno));
    close(fd);
    unlink(tmp);
    goto done;
  }
  if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
    set_err(err, errlen, "cannot write '%s': %s", tmp, strerror(errno));
    close(fd);
    unlink(tmp);
    goto done;
  }
  if (close(fd) != 0) {
    set_err(err, errlen, "cannot write '%s': %s", tmp, strerror(errno));
    unlink(tmp);
    goto done;
  }
  rc = replace(tmp, path, err, errlen);

done:
  free(tmp);
  free(dir);
  return rc;
}
