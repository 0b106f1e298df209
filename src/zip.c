/* zip.c -- which files a code directory contributes (code_scan), and their deterministic zip
 * (zip_tree: PKWARE APPNOTE 6.3, no ZIP64, over zlib's raw deflate and crc32). Called by the
 * driver for `stackc package` and to hash a function's code directory.
 *
 * Safety: a code directory may hold links, and may change while stackc reads it. The scan
 * resolves every link and keeps only those whose target is inside the directory, recording
 * for each file the symlink-free path of the bytes to store (`source`); the zip then opens
 * each source one component at a time from the directory's descriptor with O_NOFOLLOW and
 * checks with fstat that it is a regular file, so a file or directory swapped for a link
 * after the scan fails instead of putting outside bytes into the archive.
 *
 * Determinism: every per-file property that varies between checkouts (mtime, owner, the
 * permission bits other than "executable", readdir order) is normalised away. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "zip.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <zlib.h>

#include "util.h"

static void set_err(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t errlen, const char *fmt, ...) {
  if (!err || errlen == 0)
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
}

/* "a/b" from "a" and "b"; just "b" when a is empty. malloc'd. */
static char *join(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  char *s = xmalloc(la + lb + 2);
  memcpy(s, a, la);
  size_t k = la;
  if (la)
    s[k++] = '/';
  memcpy(s + k, b, lb + 1);
  return s;
}

/* Opens the relative, symlink-free path rel below the directory root_fd one component at a
 * time, never following a link (O_NOFOLLOW on every component): every component but the
 * last must be a directory; the last is opened with `flags`. "" opens root_fd again. "." and
 * ".." components are refused (EINVAL): a source never has them, and ".." would climb out.
 * Returns a descriptor, or -1 with errno set. */
static int open_beneath(int root_fd, const char *rel, int flags) {
  if (!*rel)
    return openat(root_fd, ".", flags | O_CLOEXEC);
  char *copy = xstrdup(rel);
  int fd = root_fd;
  int result = -1;
  for (char *comp = copy;;) {
    char *slash = strchr(comp, '/');
    if (slash)
      *slash = '\0';
    if (!*comp || strcmp(comp, ".") == 0 || strcmp(comp, "..") == 0) {
      errno = EINVAL;
      break;
    }
    int next = openat(fd, comp, (slash ? O_RDONLY | O_DIRECTORY : flags) | O_NOFOLLOW | O_CLOEXEC);
    int saved = errno;
    if (fd != root_fd)
      close(fd);
    errno = saved;
    if (next < 0)
      break;
    if (!slash) {
      result = next;
      break;
    }
    fd = next;
    comp = slash + 1;
  }
  free(copy);
  return result;
}

/* ---- the scan -------------------------------------------------------------------------- */

typedef struct {
  dev_t dev;
  ino_t ino;
} DirId;

typedef struct {
  const char *dir;            /* as the caller named it, for messages */
  char *root_real;            /* realpath(dir) */
  size_t root_len;
  int root_fd;
  const CodeFilter *filter;
  CodeProblemFn report;
  void *ctx;
  size_t problems;
  bool stopped;               /* a limit was passed: walk no further */
  CodeTree *out;
  size_t cap;                 /* slots allocated in out->files */
  DirId path[ZIP_MAX_DEPTH + 1]; /* the directories on the walk path, the code directory first */
  size_t depth;
  size_t dirs;                /* directories walked so far, each time it was reached */
} Scan;

static void problem(Scan *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(Scan *s, const char *fmt, ...) {
  char msg[PATH_MAX * 2 + 256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  s->problems++;
  if (s->report)
    s->report(s->ctx, msg);
}

static bool listed(const char *const *paths, const char *rel) {
  for (; paths && *paths; paths++)
    if (strcmp(*paths, rel) == 0)
      return true;
  return false;
}

/* Whether the entry called `name` in the zip, whose bytes come from `source`, stays out:
 * an exclude pattern matches its name, or it is (or comes from) one of the skip paths. */
static bool filtered_out(const Scan *s, const char *name, const char *source) {
  if (!s->filter)
    return false;
  if (listed(s->filter->skip, name) || listed(s->filter->skip, source))
    return true;
  for (const char *const *p = s->filter->excludes; p && *p; p++)
    if (glob_match(*p, name))
      return true;
  return false;
}

static bool is_git_dir_name(const char *name) {
  const char *base = strrchr(name, '/');
  return strcmp(base ? base + 1 : name, ".git") == 0;
}

static bool on_walk_path(const Scan *s, const struct stat *st) {
  for (size_t i = 0; i < s->depth; i++)
    if (s->path[i].dev == st->st_dev && s->path[i].ino == st->st_ino)
      return true;
  return false;
}

static void add_file(Scan *s, const char *name, const char *source, const struct stat *st) {
  CodeTree *t = s->out;
  if (t->n == ZIP_MAX_ENTRIES) {
    problem(s, "'%s' holds more than %u files: too many for a zip without ZIP64", s->dir, ZIP_MAX_ENTRIES);
    s->stopped = true;
    return;
  }
  t->total += (uint64_t)st->st_size;
  if (t->total > ZIP_MAX_UNZIPPED) {   /* also bounds the time a wrong directory (say "/") takes */
    problem(s, "'%s' holds more than %u MB of files (%llu bytes): over Lambda's limit for unzipped code",
            s->dir, (unsigned)(ZIP_MAX_UNZIPPED >> 20), (unsigned long long)t->total);
    s->stopped = true;
    return;
  }
  if (t->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 64;
    t->files = xrealloc(t->files, s->cap * sizeof *t->files);
  }
  t->files[t->n++] = (CodeFile){
      .name = xstrdup(name),
      .source = xstrdup(source),
      .size = (uint64_t)st->st_size,
      .executable = (st->st_mode & 0111) != 0,
  };
}

static void walk_dir(Scan *s, int fd, const char *name, const char *source);

/* A directory reached as `name` whose bytes live at `source` (fd open on it, owned here). */
static void enter_dir(Scan *s, int fd, const char *name, const char *source) {
  if (s->depth > ZIP_MAX_DEPTH) {
    problem(s, "'%s' is nested more than %u directories deep", name, ZIP_MAX_DEPTH);
    close(fd);
    return;
  }
  /* links to directories that are no ancestors can still form a graph whose walk grows
   * exponentially with no file in it (d0/a, d0/b -> d1, d1/a, d1/b -> d2, ...) */
  if (++s->dirs > ZIP_MAX_ENTRIES) {
    problem(s, "'%s' holds more than %u directories (counting each link to one): too many to zip",
            s->dir, ZIP_MAX_ENTRIES);
    s->stopped = true;
    close(fd);
    return;
  }
  walk_dir(s, fd, name, source);
}

/* The target of the symlink `entry` of dir_fd (at `source`, shown as `name`): its real path,
 * malloc'd, with *rel set to the part relative to the code directory ("" for the directory
 * itself); NULL once a problem (outside, dangling, unresolvable) is reported. */
static char *resolve_link(Scan *s, int dir_fd, const char *entry, const char *name, const char *source,
                          const char **rel) {
  char target[PATH_MAX];
  ssize_t tn = readlinkat(dir_fd, entry, target, sizeof target - 1);
  if (tn < 0) {
    problem(s, "cannot read symlink '%s': %s", name, strerror(errno));
    return NULL;
  }
  target[tn] = '\0';
  char *physical = join(s->root_real, source);
  char *real = realpath(physical, NULL);
  int saved = errno;
  free(physical);
  if (!real) {
    if (saved == ENOENT || saved == ENOTDIR)
      problem(s, "symlink '%s' points to '%s', which does not exist", name, target);
    else
      problem(s, "symlink '%s' points to '%s', which cannot be resolved: %s", name, target, strerror(saved));
    return NULL;
  }
  bool inside = strncmp(real, s->root_real, s->root_len) == 0 &&
                (real[s->root_len] == '\0' || real[s->root_len] == '/' || s->root_len == 1);
  if (!inside) {
    problem(s, "symlink '%s' points to '%s', outside the code directory", name, target);
    free(real);
    return NULL;
  }
  *rel = real + s->root_len + (real[s->root_len] == '/');
  return real;
}

/* A symlink inside the code directory: stored as its target's content (a directory walked
 * under the link's name), unless the target is an ancestor of the link. */
static void follow_link(Scan *s, int dir_fd, const char *entry, const char *name, const char *source) {
  const char *rel;
  char *real = resolve_link(s, dir_fd, entry, name, source, &rel);
  if (!real)
    return;
  struct stat st;
  if (fstatat(s->root_fd, *rel ? rel : ".", &st, AT_SYMLINK_NOFOLLOW) != 0) {
    problem(s, "cannot stat '%s' (the target of symlink '%s'): %s", rel, name, strerror(errno));
  } else if (S_ISDIR(st.st_mode) && on_walk_path(s, &st)) {
    problem(s, "symlink '%s' points to '%s', one of its own ancestors", name, *rel ? rel : ".");
  } else if (filtered_out(s, name, rel)) {
    /* the target is a skip path: this run's output */
  } else if (S_ISDIR(st.st_mode) && !is_git_dir_name(name) && !is_git_dir_name(rel)) {
    int fd = open_beneath(s->root_fd, rel, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
      problem(s, "cannot open directory '%s' (the target of symlink '%s'): %s", rel, name, strerror(errno));
    else
      enter_dir(s, fd, name, rel);
  } else if (S_ISREG(st.st_mode)) {
    add_file(s, name, rel, &st);
  }
  /* a link to a device, FIFO or socket is skipped like one */
  free(real);
}

/* One entry of a directory being walked (dir_fd): a file, a directory, a link or other. */
static void visit(Scan *s, int dir_fd, const char *entry, const char *name, const char *source) {
  if (filtered_out(s, name, source))
    return;
  struct stat st;
  if (fstatat(dir_fd, entry, &st, AT_SYMLINK_NOFOLLOW) != 0) {
    problem(s, "cannot stat '%s': %s", name, strerror(errno));
  } else if (S_ISLNK(st.st_mode)) {
    follow_link(s, dir_fd, entry, name, source);
  } else if (S_ISDIR(st.st_mode)) {
    if (strcmp(entry, ".git") == 0)
      return;
    int fd = openat(dir_fd, entry, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
      problem(s, "cannot open directory '%s': %s", name, strerror(errno));
    else
      enter_dir(s, fd, name, source);
  } else if (S_ISREG(st.st_mode)) {
    add_file(s, name, source, &st);
  }
  /* devices, FIFOs and sockets are skipped */
}

/* Walks the directory open on fd (closed here), shown as `name` ("" for the code directory)
 * and stored from `source`. */
static void walk_dir(Scan *s, int fd, const char *name, const char *source) {
  const char *shown = *name ? name : s->dir;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    problem(s, "cannot stat directory '%s': %s", shown, strerror(errno));
    close(fd);
    return;
  }
  if (on_walk_path(s, &st)) {   /* only a bind mount can do this to a directory that is no link */
    problem(s, "directory '%s' is one of its own ancestors", shown);
    close(fd);
    return;
  }
  DIR *d = fdopendir(fd);
  if (!d) {
    problem(s, "cannot read directory '%s': %s", shown, strerror(errno));
    close(fd);
    return;
  }
  s->path[s->depth++] = (DirId){st.st_dev, st.st_ino};
  struct dirent *e;
  errno = 0;
  while (!s->stopped && (e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
      char *sub_name = join(name, e->d_name);
      char *sub_source = join(source, e->d_name);
      visit(s, dirfd(d), e->d_name, sub_name, sub_source);
      free(sub_name);
      free(sub_source);
    }
    errno = 0;
  }
  if (errno != 0)
    problem(s, "cannot read directory '%s': %s", shown, strerror(errno));
  s->depth--;
  closedir(d);
}

static int cmp_files(const void *a, const void *b) {
  /* strcmp compares as unsigned char: bytewise order */
  return strcmp(((const CodeFile *)a)->name, ((const CodeFile *)b)->name);
}

size_t code_scan(const char *dir, const CodeFilter *filter, CodeTree *out, CodeProblemFn report, void *ctx) {
  memset(out, 0, sizeof *out);
  Scan *s = xmalloc(sizeof *s);
  *s = (Scan){.dir = dir, .filter = filter, .report = report, .ctx = ctx, .out = out, .root_fd = -1};
  s->root_real = realpath(dir, NULL);
  if (s->root_real)
    s->root_fd = open(s->root_real, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (s->root_fd < 0) {
    problem(s, "cannot open directory '%s': %s", dir, strerror(errno));
  } else {
    s->root_len = strlen(s->root_real);
    int fd = openat(s->root_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
      problem(s, "cannot open directory '%s': %s", dir, strerror(errno));
    else
      walk_dir(s, fd, "", "");
    close(s->root_fd);
  }
  if (out->n > 1)
    qsort(out->files, out->n, sizeof *out->files, cmp_files);
  size_t problems = s->problems;
  free(s->root_real);
  free(s);
  return problems;
}

void code_tree_free(CodeTree *t) {
  for (size_t i = 0; i < t->n; i++) {
    free(t->files[i].name);
    free(t->files[i].source);
  }
  free(t->files);
  memset(t, 0, sizeof *t);
}

/* ---- the zip ----------------------------------------------------------------------------- */

typedef struct {
  unsigned char *p; /* archive bytes */
  size_t len, cap;
} Bytes;

static void bytes_reserve(Bytes *b, size_t more) {
  if (b->len + more <= b->cap)
    return;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->len + more)
    cap *= 2;
  b->p = xrealloc(b->p, cap);
  b->cap = cap;
}

static void put16(unsigned char *p, unsigned v) {
  p[0] = (unsigned char)(v & 0xff);
  p[1] = (unsigned char)((v >> 8) & 0xff);
}

static void put32(unsigned char *p, uint32_t v) {
  put16(p, v & 0xffff);
  put16(p + 2, v >> 16);
}

#define ZIP_VERSION_NEEDED 20u             /* 2.0: deflate                       */
#define ZIP_VERSION_MADE_BY (3u << 8 | 20u) /* Unix, spec 2.0                      */
#define ZIP_DOS_DATE 0x0021u               /* 1980-01-01                         */
#define ZIP_DOS_TIME 0u                    /* 00:00:00                           */
#define ZIP_MODE_EXEC 0100755u             /* regular file, rwxr-xr-x            */
#define ZIP_MODE_PLAIN 0100644u            /* regular file, rw-r--r--            */
#define ZIP_FLAG_UTF8 0x0800u              /* general purpose bit 11: UTF-8 name */
#define ZIP_MAX_FIELD 0xfffffffeu          /* beyond this a size needs ZIP64     */
#define ZIP_CHUNK ((size_t)64 << 10)       /* bytes read from a file at a time   */

typedef struct {
  uint32_t crc, csize, usize, offset; /* values repeated in the central directory */
  unsigned flags;
  uint32_t mode;
} Entry;

/* Tools (Python's zipfile among them) decode a name flagged UTF-8 strictly: only a valid,
 * non-ASCII name gets the flag; others are stored as bytes, as Info-ZIP does. */
static unsigned name_flags(const char *name) {
  size_t n = strlen(name);
  bool ascii = true;
  for (size_t i = 0; i < n && ascii; i++)
    ascii = (unsigned char)name[i] < 0x80;
  return !ascii && utf8_valid(name, n) ? ZIP_FLAG_UTF8 : 0;
}

/* The writer's state: the archive, the stream, and the directory of the last file opened
 * (consecutive entries mostly share it, so it is opened once for them). */
typedef struct {
  int root_fd;
  Bytes b;
  z_stream zs;
  unsigned char *chunk;
  uint64_t total;       /* unzipped bytes so far */
  char *parent;         /* source path of parent_fd's directory, or NULL */
  int parent_fd;
  char *err;
  size_t errlen;
} Writer;

/* The directory of `source` (everything before its last '/'), opened beneath the root. */
static int open_parent(Writer *w, const char *source, const char **base) {
  const char *slash = strrchr(source, '/');
  size_t plen = slash ? (size_t)(slash - source) : 0;
  *base = slash ? slash + 1 : source;
  if (w->parent && strlen(w->parent) == plen && memcmp(w->parent, source, plen) == 0)
    return w->parent_fd;
  if (w->parent) {
    close(w->parent_fd);
    free(w->parent);
    w->parent = NULL;
  }
  char *dir = xmalloc(plen + 1);
  memcpy(dir, source, plen);
  dir[plen] = '\0';
  int fd = open_beneath(w->root_fd, dir, O_RDONLY | O_DIRECTORY);
  if (fd < 0) {
    set_err(w->err, w->errlen, "cannot open directory '%s': %s%s", *dir ? dir : ".", strerror(errno),
            errno == ELOOP || errno == ENOTDIR ? " (it changed since the scan: now a symlink?)" : "");
    free(dir);
    return -1;
  }
  w->parent = dir;
  w->parent_fd = fd;
  return fd;
}

/* Opens the file a tree entry stores: a regular file reached without following any link. */
static int open_source(Writer *w, const CodeFile *f, struct stat *st) {
  const char *base;
  int dir_fd = open_parent(w, f->source, &base);
  if (dir_fd < 0)
    return -1;
  int fd = openat(dir_fd, base, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    set_err(w->err, w->errlen, "cannot open '%s': %s%s", f->source, strerror(errno),
            errno == ELOOP ? " (it changed since the scan: now a symlink)" : "");
    return -1;
  }
  if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
    set_err(w->err, w->errlen, "'%s' changed since the scan: no longer a regular file", f->source);
    close(fd);
    return -1;
  }
  return fd;
}

/* Runs deflate over the input it holds, appending its output to the archive. */
static int deflate_into(Writer *w, int flush) {
  int rc;
  do {
    bytes_reserve(&w->b, ZIP_CHUNK);
    w->zs.next_out = w->b.p + w->b.len;
    w->zs.avail_out = (uInt)(w->b.cap - w->b.len);
    uInt before = w->zs.avail_out;
    rc = deflate(&w->zs, flush);
    w->b.len += before - w->zs.avail_out;
    if (rc == Z_STREAM_ERROR)
      return -1;
  } while (w->zs.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
  return 0;
}

/* Streams the open file fd through deflate and crc32 into the archive, filling en. */
static int stream_file(Writer *w, int fd, const CodeFile *f, Entry *en) {
  uint64_t usize = 0, cstart = w->b.len;
  uLong crc = crc32(0L, Z_NULL, 0);
  deflateReset(&w->zs);
  for (;;) {
    ssize_t k = read(fd, w->chunk, ZIP_CHUNK);
    if (k < 0 && errno == EINTR)
      continue;
    if (k < 0) {
      set_err(w->err, w->errlen, "cannot read '%s': %s", f->source, strerror(errno));
      return -1;
    }
    usize += (uint64_t)k;
    w->total += (uint64_t)k;
    if (w->total > ZIP_MAX_UNZIPPED || usize > ZIP_MAX_FIELD) {   /* a file grew since the scan */
      set_err(w->err, w->errlen, "'%s' grew while being zipped: over the %u MB limit for unzipped code",
              f->name, (unsigned)(ZIP_MAX_UNZIPPED >> 20));
      return -1;
    }
    crc = crc32(crc, w->chunk, (uInt)k);
    w->zs.next_in = w->chunk;
    w->zs.avail_in = (uInt)k;
    if (deflate_into(w, k == 0 ? Z_FINISH : Z_NO_FLUSH) != 0) {
      set_err(w->err, w->errlen, "'%s': deflate failed", f->name);
      return -1;
    }
    if (k == 0)
      break;
  }
  if (w->b.len - cstart > ZIP_MAX_FIELD || w->b.len > ZIP_MAX_FIELD) {
    set_err(w->err, w->errlen, "'%s': too large for a zip without ZIP64", f->name);
    return -1;
  }
  en->crc = (uint32_t)crc;
  en->usize = (uint32_t)usize;
  en->csize = (uint32_t)(w->b.len - cstart);
  return 0;
}

/* A local header with the sizes and crc left 0, patched once the data is written. */
static void put_local_header(Bytes *b, const char *name, unsigned flags) {
  size_t nlen = strlen(name);
  bytes_reserve(b, 30 + nlen);
  unsigned char *h = b->p + b->len;
  memset(h, 0, 30);
  put32(h, 0x04034b50u);       /* local file header signature */
  put16(h + 4, ZIP_VERSION_NEEDED);
  put16(h + 6, flags);
  put16(h + 8, 8);             /* method: deflate */
  put16(h + 10, ZIP_DOS_TIME);
  put16(h + 12, ZIP_DOS_DATE);
  put16(h + 26, (unsigned)nlen);
  memcpy(h + 30, name, nlen);
  b->len += 30 + nlen;
}

static int write_entry(Writer *w, const CodeFile *f, Entry *en) {
  if (strlen(f->name) > 0xffff) {
    set_err(w->err, w->errlen, "'%s': name too long for a zip", f->name);
    return -1;
  }
  struct stat st;
  int fd = open_source(w, f, &st);
  if (fd < 0)
    return -1;
  if (w->total + (uint64_t)st.st_size > ZIP_MAX_UNZIPPED) {   /* checked before reading it */
    set_err(w->err, w->errlen, "'%s' grew since the scan to %llu bytes: over the %u MB limit for unzipped code",
            f->name, (unsigned long long)st.st_size, (unsigned)(ZIP_MAX_UNZIPPED >> 20));
    close(fd);
    return -1;
  }
  en->offset = (uint32_t)w->b.len;
  en->flags = name_flags(f->name);
  en->mode = st.st_mode & 0111 ? ZIP_MODE_EXEC : ZIP_MODE_PLAIN;
  put_local_header(&w->b, f->name, en->flags);
  int rc = stream_file(w, fd, f, en);
  close(fd);
  if (rc != 0)
    return -1;
  unsigned char *h = w->b.p + en->offset;
  put32(h + 14, en->crc);
  put32(h + 18, en->csize);
  put32(h + 22, en->usize);
  return 0;
}

static void put_central_directory(Bytes *b, const CodeTree *tree, const Entry *ents) {
  size_t cd_start = b->len;
  for (size_t i = 0; i < tree->n; i++) {
    const char *name = tree->files[i].name;
    size_t nlen = strlen(name);
    const Entry *en = &ents[i];
    bytes_reserve(b, 46 + nlen);
    unsigned char *h = b->p + b->len;
    put32(h, 0x02014b50u);       /* central directory header signature */
    put16(h + 4, ZIP_VERSION_MADE_BY);
    put16(h + 6, ZIP_VERSION_NEEDED);
    put16(h + 8, en->flags);
    put16(h + 10, 8);
    put16(h + 12, ZIP_DOS_TIME);
    put16(h + 14, ZIP_DOS_DATE);
    put32(h + 16, en->crc);
    put32(h + 20, en->csize);
    put32(h + 24, en->usize);
    put16(h + 28, (unsigned)nlen);
    put16(h + 30, 0);            /* extra field length   */
    put16(h + 32, 0);            /* file comment length  */
    put16(h + 34, 0);            /* disk number start    */
    put16(h + 36, 0);            /* internal attributes  */
    put32(h + 38, en->mode << 16);
    put32(h + 42, en->offset);
    memcpy(h + 46, name, nlen);
    b->len += 46 + nlen;
  }
  size_t cd_size = b->len - cd_start;
  bytes_reserve(b, 22);
  unsigned char *h = b->p + b->len;
  put32(h, 0x06054b50u);              /* end of central directory signature */
  put16(h + 4, 0);                    /* this disk                          */
  put16(h + 6, 0);                    /* disk with the central directory    */
  put16(h + 8, (unsigned)tree->n);    /* entries on this disk               */
  put16(h + 10, (unsigned)tree->n);   /* entries in total                   */
  put32(h + 12, (uint32_t)cd_size);
  put32(h + 16, (uint32_t)cd_start);
  put16(h + 20, 0);                   /* comment length                     */
  b->len += 22;
}

int zip_tree(const char *dir, const CodeTree *tree, unsigned char **out, size_t *len, char *err, size_t errlen) {
  *out = NULL;
  *len = 0;
  if (tree->n > ZIP_MAX_ENTRIES) {
    set_err(err, errlen, "'%s': too many files for a zip without ZIP64 (%zu)", dir, tree->n);
    return -1;
  }
  Writer w = {.err = err, .errlen = errlen, .parent_fd = -1};
  w.root_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (w.root_fd < 0) {
    set_err(err, errlen, "cannot open directory '%s': %s", dir, strerror(errno));
    return -1;
  }
  /* raw deflate (no zlib header), level 9, windowBits -15 */
  if (deflateInit2(&w.zs, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    set_err(err, errlen, "out of memory");
    close(w.root_fd);
    return -1;
  }
  w.chunk = xmalloc(ZIP_CHUNK);
  Entry *ents = xmalloc((tree->n ? tree->n : 1) * sizeof *ents);
  int rc = 0;
  for (size_t i = 0; i < tree->n && rc == 0; i++)
    rc = write_entry(&w, &tree->files[i], &ents[i]);
  if (rc == 0 && w.b.len + 46 * tree->n + 22 > ZIP_MAX_FIELD) {
    set_err(err, errlen, "'%s': archive too large for a zip without ZIP64", dir);
    rc = -1;
  }
  if (rc == 0)
    put_central_directory(&w.b, tree, ents);
  deflateEnd(&w.zs);
  if (w.parent) {
    close(w.parent_fd);
    free(w.parent);
  }
  close(w.root_fd);
  free(w.chunk);
  free(ents);
  if (rc != 0) {
    free(w.b.p);
    return -1;
  }
  *out = w.b.p;
  *len = w.b.len;
  return 0;
}

/* ---- the old entry point ----------------------------------------------------------------- */

typedef struct {
  char *err;
  size_t errlen;
  size_t seen;
} FirstProblem;

static void keep_first(void *ctx, const char *message) {
  FirstProblem *fp = ctx;
  if (fp->seen++ == 0)
    set_err(fp->err, fp->errlen, "%s", message);
}

int zip_directory(const char *dir, unsigned char **out, size_t *out_len, char *err, size_t errlen) {
  *out = NULL;
  *out_len = 0;
  CodeTree tree;
  FirstProblem fp = {err, errlen, 0};
  int rc = -1;
  if (code_scan(dir, NULL, &tree, keep_first, &fp) == 0)
    rc = zip_tree(dir, &tree, out, out_len, err, errlen);
  code_tree_free(&tree);
  return rc;
}
