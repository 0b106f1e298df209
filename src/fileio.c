/* fileio.c — whole-file reads with a size limit, and atomic writes. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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

const char *file_type_name(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISREG(mode)) return "a regular file";
  return "a special file";
}

/* Opens a stack file named on the command line or in an import. O_NONBLOCK:
 * opening a FIFO that nobody writes to would otherwise wait forever, before
 * fstat could tell that it is one (it has no effect on a regular file).
 * Returns a descriptor of a regular file, or -1 with err set. */
static int open_regular(const char *path, struct stat *st, char *err, size_t errlen) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    set_err(err, errlen, "cannot open '%s': %s", path, strerror(errno));
    return -1;
  }
  if (fstat(fd, st) != 0) {
    set_err(err, errlen, "cannot read '%s': %s", path, strerror(errno));
    close(fd);
    return -1;
  }
  if (!S_ISREG(st->st_mode)) {
    set_err(err, errlen, "'%s' is %s, not a stack file", path, file_type_name(st->st_mode));
    close(fd);
    return -1;
  }
  return fd;
}

int read_file(const char *path, char **data, size_t *len, char *err, size_t errlen) {
  if (strcmp(path, "-") == 0) return read_stream(stdin, "<stdin>", data, len, err, errlen);
  if (*path == '\0') {
    set_err(err, errlen, "empty file name");
    return -1;
  }
  struct stat st;
  int fd = open_regular(path, &st, err, errlen);
  if (fd < 0) return -1;
  if (st.st_size > (off_t)STACKC_MAX_FILE_BYTES) {
    close(fd);
    set_too_large(err, errlen, path);
    return READ_TOO_LARGE;
  }
  FILE *f = fdopen(fd, "rb");
  if (!f) {
    set_err(err, errlen, "cannot read '%s': %s", path, strerror(errno));
    close(fd);
    return -1;
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
static int write_unnamed(const char *path, const char *dir, char *tmp, size_t plen, mode_t mode,
                         const void *data, size_t len, char *err, size_t errlen) {
#ifdef O_TMPFILE
  int fd = open(*dir ? dir : ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0) return 1;
  if (fchmod(fd, mode) != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0) {
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
  (void)path, (void)dir, (void)tmp, (void)plen, (void)mode, (void)data, (void)len, (void)err, (void)errlen;
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

/* Where the symbolic link `link` points, as a path usable from here: a
 * relative target is taken from the link's directory, as the kernel does.
 * Malloc'd; NULL with errno set. */
static char *link_target(const char *link) {
  char target[PATH_MAX];
  ssize_t n = readlink(link, target, sizeof target - 1);
  if (n < 0) return NULL;
  target[n] = '\0';
  char *dir = target[0] == '/' ? strdup("") : dir_prefix(link);
  char *out = dir ? malloc(strlen(dir) + (size_t)n + 1) : NULL;
  if (out) sprintf(out, "%s%s", dir, target);
  free(dir);
  return out;
}

/* The file that `path` names once every symbolic link is followed: path
 * itself when it is no link, else the last link's target, which need not
 * exist (a dangling link names the file to create). Malloc'd; NULL with
 * errno set (ELOOP after 40 links, the kernel's limit). */
static char *follow_links(const char *path) {
  char *cur = strdup(path);
  for (int hops = 0; cur; hops++) {
    struct stat st;
    if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode)) return cur;
    char *next = hops < 40 ? link_target(cur) : (errno = ELOOP, NULL);
    int e = errno;
    free(cur);
    errno = e;
    cur = next;
  }
  return NULL;
}

int write_file_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen) {
  struct stat st;
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
    return write_in_place(path, data, len, err, errlen);
  /* through symbolic links, dangling ones too: replace (or create) the file
   * the last one names, keep the links */
  char *target = follow_links(path);
  if (!target) {
    set_err(err, errlen, "cannot write '%s': %s", path, strerror(errno));
    return -1;
  }
  int rc = write_regular(target, data, len, err, errlen);
  free(target);
  return rc;
}

/* The mode of the file written at `path`: an existing file's permission
 * bits are kept (an 0600 output stays private); a new file gets what
 * open(path, O_CREAT, 0666) would give it. */
static mode_t output_mode(const char *path) {
  struct stat st;
  if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) return st.st_mode & 0777;
  mode_t mask = umask(0);
  umask(mask);
  return 0666 & ~mask;
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
  mode_t mode = output_mode(path);
  rc = write_unnamed(path, dir, tmp, plen, mode, data, len, err, errlen);
  if (rc != 1) goto done;

  rc = -1;
  memcpy(tmp + plen, ".tmp.XXXXXX", 12);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    set_err(err, errlen, "cannot create a temporary file for '%s': %s", path, strerror(errno));
    goto done;
  }
  if (fchmod(fd, mode) != 0) {   /* mkstemp creates 0600 */
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

/* Opens the directory `name` in directory `fd`, creating it when it is
 * missing, never through a symbolic link. `dir` is the whole path being
 * made and its first `upto` bytes the path to `name`, for messages.
 * Returns the new directory's descriptor, or -1 with err set. */
static int enter_dir(int fd, const char *name, const char *dir, size_t upto, char *err, size_t errlen) {
  const int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
  int next = openat(fd, name, flags);
  if (next < 0 && errno == ENOENT) {
    if (mkdirat(fd, name, 0777) != 0 && errno != EEXIST) {   /* EEXIST: made meanwhile, opened below */
      set_err(err, errlen, "cannot create directory '%.*s': %s", (int)upto, dir, strerror(errno));
      return -1;
    }
    next = openat(fd, name, flags);
  }
  if (next >= 0) return next;
  int e = errno;
  struct stat st;
  bool whole = dir[upto] == '\0';
  if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
    set_err(err, errlen,
            "cannot create directory '%s': '%.*s' is a symbolic link, and missing directories are created only "
            "below real ones",
            dir, (int)upto, dir);
  else if (e == ENOTDIR && whole)
    set_err(err, errlen, "'%s' is not a directory", dir);
  else if (e == ENOTDIR)
    set_err(err, errlen, "cannot create directory '%s': '%.*s' is not a directory", dir, (int)upto, dir);
  else
    set_err(err, errlen, "cannot open directory '%.*s': %s", (int)upto, dir, strerror(e));
  return -1;
}

int make_dirs(const char *dir, char *err, size_t errlen) {
  struct stat st;
  if (*dir == '\0' || (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))) return 0;
  const char *start = *dir == '/' ? "/" : ".";
  int fd = open(start, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    set_err(err, errlen, "cannot open directory '%s': %s", start, strerror(errno));
    return -1;
  }
  for (const char *p = dir + strspn(dir, "/"); *p; p += strspn(p, "/")) {
    size_t n = strcspn(p, "/");
    char *name = strndup(p, n);
    int next = name ? enter_dir(fd, name, dir, (size_t)(p - dir) + n, err, errlen) : -1;
    if (!name) set_err(err, errlen, "out of memory");
    free(name);
    close(fd);
    if (next < 0) return -1;
    fd = next;
    p += n;
  }
  close(fd);
  return 0;
}

int make_parent_dirs(const char *path, char *err, size_t errlen) {
  const char *slash = strrchr(path, '/');
  if (!slash) return 0;   /* in the working directory */
  char *dir = slash == path ? strdup("/") : strndup(path, (size_t)(slash - path));
  if (!dir) {
    set_err(err, errlen, "out of memory");
    return -1;
  }
  int rc = make_dirs(dir, err, errlen);
  free(dir);
  return rc;
}
