/* zip.c -- deterministic zip writer (PKWARE APPNOTE 6.3, no ZIP64) over zlib's raw
 * deflate and crc32. Called by the driver for `stackc package` and to hash a
 * function's code directory. Every per-file property that varies between checkouts
 * (mtime, owner, mode, readdir order) is normalised away. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "zip.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <zlib.h>

typedef struct {
  char **v;        /* relative paths, '/'-separated */
  size_t n, cap;
} Names;

typedef struct {
  unsigned char *p; /* archive bytes */
  size_t len, cap;
} Bytes;

static void set_err(char *err, size_t errlen, const char *fmt, ...) {
  if (!err || errlen == 0)
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
}

static int names_add(Names *ns, char *s) {
  if (ns->n == ns->cap) {
    size_t cap = ns->cap ? ns->cap * 2 : 16;
    char **v = realloc(ns->v, cap * sizeof *v);
    if (!v)
      return -1;
    ns->v = v;
    ns->cap = cap;
  }
  ns->v[ns->n++] = s;
  return 0;
}

static void names_free(Names *ns) {
  for (size_t i = 0; i < ns->n; i++)
    free(ns->v[i]);
  free(ns->v);
}

static char *join(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  char *s = malloc(la + lb + 2);
  if (!s)
    return NULL;
  memcpy(s, a, la);
  size_t k = la;
  if (la)
    s[k++] = '/';
  memcpy(s + k, b, lb + 1);
  return s;
}

/* Collects regular files under root/rel into ns. */
static int collect(const char *root, const char *rel, Names *ns, char *err, size_t errlen) {
  char *path = rel[0] ? join(root, rel) : strdup(root);
  if (!path) {
    set_err(err, errlen, "out of memory");
    return -1;
  }
  DIR *d = opendir(path);
  if (!d) {
    set_err(err, errlen, "cannot open directory '%s': %s", path, strerror(errno));
    free(path);
    return -1;
  }
  int rc = 0;
  struct dirent *e;
  errno = 0;
  while (rc == 0 && (e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    char *full = join(path, e->d_name);
    char *sub = join(rel, e->d_name);
    struct stat st;
    if (!full || !sub) {
      set_err(err, errlen, "out of memory");
      rc = -1;
    } else if (lstat(full, &st) != 0) {
      set_err(err, errlen, "cannot stat '%s': %s", full, strerror(errno));
      rc = -1;
    } else if (S_ISDIR(st.st_mode)) {
      rc = collect(root, sub, ns, err, errlen);
    } else if (S_ISLNK(st.st_mode)) {
      /* follow links to regular files; skip dangling links and links to directories */
      if (stat(full, &st) == 0 && S_ISREG(st.st_mode)) {
        if (names_add(ns, sub) != 0) {
          set_err(err, errlen, "out of memory");
          rc = -1;
        } else {
          sub = NULL;
        }
      }
    } else if (S_ISREG(st.st_mode)) {
      if (names_add(ns, sub) != 0) {
        set_err(err, errlen, "out of memory");
        rc = -1;
      } else {
        sub = NULL;
      }
    }
    /* sockets, fifos and devices are skipped */
    free(full);
    free(sub);
    errno = 0;
  }
  if (rc == 0 && errno != 0) {
    set_err(err, errlen, "cannot read directory '%s': %s", path, strerror(errno));
    rc = -1;
  }
  closedir(d);
  free(path);
  return rc;
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b); /* strcmp compares as unsigned char */
}

static int read_file(const char *path, unsigned char **out, size_t *len, char *err, size_t errlen) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    set_err(err, errlen, "cannot open '%s': %s", path, strerror(errno));
    return -1;
  }
  size_t cap = 4096, n = 0;
  unsigned char *p = malloc(cap);
  while (p) {
    if (n == cap) {
      unsigned char *q = realloc(p, cap * 2);
      if (!q) {
        free(p);
        p = NULL;
        break;
      }
      p = q;
      cap *= 2;
    }
    size_t k = fread(p + n, 1, cap - n, f);
    n += k;
    if (k == 0)
      break;
  }
  if (!p) {
    fclose(f);
    set_err(err, errlen, "out of memory reading '%s'", path);
    return -1;
  }
  if (ferror(f)) {
    set_err(err, errlen, "cannot read '%s': %s", path, strerror(errno));
    fclose(f);
    free(p);
    return -1;
  }
  fclose(f);
  *out = p;
  *len = n;
  return 0;
}

static int bytes_reserve(Bytes *b, size_t more) {
  if (b->len + more <= b->cap)
    return 0;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->len + more)
    cap *= 2;
  unsigned char *p = realloc(b->p, cap);
  if (!p)
    return -1;
  b->p = p;
  b->cap = cap;
  return 0;
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
#define ZIP_EXT_ATTR (0100644u << 16)      /* regular file, rw-r--r--            */
#define ZIP_FLAG_UTF8 0x0800u              /* general purpose bit 11: UTF-8 name */

typedef struct {
  uint32_t crc, csize, usize, offset; /* values repeated in the central directory */
  unsigned flags;
} Entry;

/* Raw deflate (no zlib header), level 9, windowBits -15. */
static int deflate_raw(const unsigned char *in, size_t n, unsigned char **out, size_t *outlen) {
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  if (deflateInit2(&zs, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return -1;
  uLong bound = deflateBound(&zs, (uLong)n);
  unsigned char *buf = malloc(bound ? bound : 1);
  if (!buf) {
    deflateEnd(&zs);
    return -1;
  }
  zs.next_in = (Bytef *)(uintptr_t)in;
  zs.avail_in = (uInt)n;
  zs.next_out = buf;
  zs.avail_out = (uInt)bound;
  int rc = deflate(&zs, Z_FINISH);
  size_t produced = (size_t)zs.total_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) {
    free(buf);
    return -1;
  }
  *out = buf;
  *outlen = produced;
  return 0;
}

static int has_non_ascii(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s >= 0x80)
      return 1;
  return 0;
}

int zip_directory(const char *dir, unsigned char **out, size_t *out_len, char *err, size_t errlen) {
  Names ns = {0};
  Bytes b = {0};
  Entry *ents = NULL;
  *out = NULL;
  *out_len = 0;
  if (collect(dir, "", &ns, err, errlen) != 0)
    goto fail;
  if (ns.n > 1)
    qsort(ns.v, ns.n, sizeof *ns.v, cmp_names);
  if (ns.n > 0xffff) {
    set_err(err, errlen, "'%s': too many files for a zip without ZIP64 (%zu)", dir, ns.n);
    goto fail;
  }
  ents = calloc(ns.n ? ns.n : 1, sizeof *ents);
  if (!ents) {
    set_err(err, errlen, "out of memory");
    goto fail;
  }

  size_t total = 0;   /* unzipped bytes so far */
  for (size_t i = 0; i < ns.n; i++) {
    const char *name = ns.v[i];
    size_t nlen = strlen(name);
    char *full = join(dir, name);
    unsigned char *data = NULL, *comp = NULL;
    size_t dlen = 0, clen = 0;
    if (!full) {
      set_err(err, errlen, "out of memory");
      goto fail;
    }
    int rc = read_file(full, &data, &dlen, err, errlen);
    free(full);
    if (rc != 0)
      goto fail;
    total += dlen;
    if (total > ZIP_MAX_UNZIPPED) {   /* also bounds the time a wrong directory (say "..") takes */
      set_err(err, errlen, "'%s' holds more than %u MB of files: over Lambda's limit for unzipped code",
              dir, (unsigned)(ZIP_MAX_UNZIPPED >> 20));
      free(data);
      goto fail;
    }
    if (nlen > 0xffff || dlen > 0xfffffffeu) {
      set_err(err, errlen, "'%s/%s': too large for a zip without ZIP64", dir, name);
      free(data);
      goto fail;
    }
    if (deflate_raw(data, dlen, &comp, &clen) != 0 || clen > 0xfffffffeu) {
      set_err(err, errlen, "'%s/%s': deflate failed", dir, name);
      free(data);
      free(comp);
      goto fail;
    }
    Entry *en = &ents[i];
    en->crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), data, (uInt)dlen);
    en->usize = (uint32_t)dlen;
    en->csize = (uint32_t)clen;
    en->offset = (uint32_t)b.len;
    en->flags = has_non_ascii(name) ? ZIP_FLAG_UTF8 : 0;
    free(data);
    if (b.len + 30 + nlen + clen > 0xfffffffeu || bytes_reserve(&b, 30 + nlen + clen) != 0) {
      set_err(err, errlen, "'%s': archive too large or out of memory", dir);
      free(comp);
      goto fail;
    }
    unsigned char *h = b.p + b.len;
    put32(h, 0x04034b50u);       /* local file header signature */
    put16(h + 4, ZIP_VERSION_NEEDED);
    put16(h + 6, en->flags);
    put16(h + 8, 8);             /* method: deflate */
    put16(h + 10, ZIP_DOS_TIME);
    put16(h + 12, ZIP_DOS_DATE);
    put32(h + 14, en->crc);
    put32(h + 18, en->csize);
    put32(h + 22, en->usize);
    put16(h + 26, (unsigned)nlen);
    put16(h + 28, 0);            /* extra field length */
    memcpy(h + 30, name, nlen);
    memcpy(h + 30 + nlen, comp, clen);
    b.len += 30 + nlen + clen;
    free(comp);
  }

  size_t cd_start = b.len;
  for (size_t i = 0; i < ns.n; i++) {
    const char *name = ns.v[i];
    size_t nlen = strlen(name);
    Entry *en = &ents[i];
    if (bytes_reserve(&b, 46 + nlen) != 0) {
      set_err(err, errlen, "out of memory");
      goto fail;
    }
    unsigned char *h = b.p + b.len;
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
    put32(h + 38, ZIP_EXT_ATTR);
    put32(h + 42, en->offset);
    memcpy(h + 46, name, nlen);
    b.len += 46 + nlen;
  }
  size_t cd_size = b.len - cd_start;
  if (b.len > 0xfffffffeu || bytes_reserve(&b, 22) != 0) {
    set_err(err, errlen, "'%s': archive too large or out of memory", dir);
    goto fail;
  }
  unsigned char *h = b.p + b.len;
  put32(h, 0x06054b50u);         /* end of central directory signature */
  put16(h + 4, 0);               /* this disk                          */
  put16(h + 6, 0);               /* disk with the central directory    */
  put16(h + 8, (unsigned)ns.n);  /* entries on this disk               */
  put16(h + 10, (unsigned)ns.n); /* entries in total                   */
  put32(h + 12, (uint32_t)cd_size);
  put32(h + 16, (uint32_t)cd_start);
  put16(h + 20, 0);              /* comment length                     */
  b.len += 22;

  free(ents);
  names_free(&ns);
  *out = b.p;
  *out_len = b.len;
  return 0;

fail:
  free(ents);
  names_free(&ns);
  free(b.p);
  return -1;
}
