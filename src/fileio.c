/* fileio.c — whole-file reads and atomic writes. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "fileio.h"

#include <errno.h>
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

static int read_stream(FILE *f, const char *path, char **data, size_t *len, char *err, size_t errlen) {
  size_t cap = 65536, n = 0;
  char *buf = malloc(cap + 1);
  if (!buf) {
    set_err(err, errlen, "out of memory reading '%s'", path);
    return -1;
  }
  for (;;) {
    size_t k = fread(buf + n, 1, cap - n, f);
    n += k;
    if (k == 0) break;
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
  buf[n] = '\0';
  *data = buf;
  *len = n;
  return 0;
}

int read_file(const char *path, char **data, size_t *len, char *err, size_t errlen) {
  if (strcmp(path, "-") == 0) return read_stream(stdin, "<stdin>", data, len, err, errlen);
  struct stat st;
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    set_err(err, errlen, "'%s' is a directory, not a stack file", path);
    return -1;
  }
  FILE *f = fopen(path, "rb");
  if (!f) {
    set_err(err, errlen, "cannot open '%s': %s", path, strerror(errno));
    return -1;
  }
  int rc = read_stream(f, path, data, len, err, errlen);
  fclose(f);
  return rc;
}

int write_file_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen) {
  size_t plen = strlen(path);
  char *tmp = malloc(plen + 16);
  if (!tmp) {
    set_err(err, errlen, "out of memory");
    return -1;
  }
  memcpy(tmp, path, plen);
  memcpy(tmp + plen, ".tmp.XXXXXX", 12);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    set_err(err, errlen, "cannot create a temporary file for '%s': %s", path, strerror(errno));
    free(tmp);
    return -1;
  }
  /* mkstemp creates 0600; give the file the mode a plain open() would */
  mode_t mask = umask(0);
  umask(mask);
  if (fchmod(fd, 0666 & ~mask) != 0) {
    set_err(err, errlen, "cannot set the mode of '%s': %s", tmp, strerror(errno));
    goto fail;
  }
  for (size_t off = 0; off < len;) {
    ssize_t k = write(fd, (const char *)data + off, len - off);
    if (k < 0) {
      if (errno == EINTR)
        continue;
      set_err(err, errlen, "cannot write '%s': %s", tmp, strerror(errno));
      goto fail;
    }
    off += (size_t)k;
  }
  if (close(fd) != 0) {
    fd = -1;
    set_err(err, errlen, "cannot write '%s': %s", tmp, strerror(errno));
    goto fail;
  }
  fd = -1;
  if (rename(tmp, path) != 0) {
    set_err(err, errlen, "cannot rename '%s' to '%s': %s", tmp, path, strerror(errno));
    goto fail;
  }
  free(tmp);
  return 0;

fail:
  if (fd >= 0)
    close(fd);
  unlink(tmp);
  free(tmp);
  return -1;
}
