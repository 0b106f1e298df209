/* test_zip.c -- the code zip: zip_directory() is deterministic (same bytes across runs,
 * mtimes and creation order), content-sensitive, and readable by Python's zipfile module;
 * code_scan keeps every byte from outside the code directory out (links outside, dangling
 * or looping are problems naming link and target; links inside are stored as their
 * target's content), honours excludes, skip paths and .git, and checks the limits from
 * sizes alone; zip_tree re-checks what it reads (a file swapped for a link after the scan
 * fails), streams, and stores modes 0755/0644 and the UTF-8 flag only for UTF-8 names. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "fileio.h"
#include "zip.h"
#include "testing.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>



static char root[256];

static void path_of(char *buf, size_t n, const char *rel) { snprintf(buf, n, "%s/%s", root, rel); }

static void mkdir_rel(const char *rel) {
  char p[512];
  path_of(p, sizeof p, rel);
  ASSERT(mkdir(p, 0755) == 0);
}

static void write_rel(const char *rel, const char *text) {
  char p[512];
  path_of(p, sizeof p, rel);
  FILE *f = fopen(p, "wb");
  ASSERT(f != NULL);
  if (!f)
    return;
  fputs(text, f);
  fclose(f);
}

static int zip_rel(const char *rel, unsigned char **out, size_t *len) {
  char p[512], err[256] = "";
  path_of(p, sizeof p, rel);
  int rc = zip_directory(p, out, len, err, sizeof err);
  if (rc != 0)
    fprintf(stderr, "zip_directory: %s\n", err);
  return rc;
}

static void write_bytes_rel(const char *rel, const void *bytes, size_t n) {
  char p[512];
  path_of(p, sizeof p, rel);
  FILE *f = fopen(p, "wb");
  ASSERT(f != NULL);
  if (!f)
    return;
  fwrite(bytes, 1, n, f);
  fclose(f);
}

static void symlink_rel(const char *target, const char *rel) {
  char q[512];
  path_of(q, sizeof q, rel);
  ASSERT(symlink(target, q) == 0);
}

static void chmod_rel(const char *rel, mode_t mode) {
  char p[512];
  path_of(p, sizeof p, rel);
  ASSERT(chmod(p, mode) == 0);
}

/* The problems a scan reported, one a line. */
typedef struct {
  char text[16384];
  size_t count;
} Problems;

static void collect_problem(void *ctx, const char *message) {
  Problems *ps = ctx;
  size_t used = strlen(ps->text);
  snprintf(ps->text + used, sizeof ps->text - used, "%s\n", message);
  ps->count++;
}

static size_t scan_rel(const char *rel, const CodeFilter *filter, CodeTree *tree, Problems *ps) {
  char p[512];
  path_of(p, sizeof p, rel);
  memset(ps, 0, sizeof *ps);
  size_t n = code_scan(p, filter, tree, collect_problem, ps);
  ASSERT(n == ps->count);
  return n;
}

/* The names of a scanned tree, joined with ' '. */
static void tree_names(const CodeTree *t, char *buf, size_t n) {
  buf[0] = '\0';
  for (size_t i = 0; i < t->n; i++) {
    size_t used = strlen(buf);
    snprintf(buf + used, n - used, "%s%s", i ? " " : "", t->files[i].name);
  }
}

/* ---- reading archives back (the central directory, and inflating an entry) ---- */

static unsigned get16(const unsigned char *p) { return (unsigned)p[0] | (unsigned)p[1] << 8; }
static uint32_t get32(const unsigned char *p) { return get16(p) | (uint32_t)get16(p + 2) << 16; }

typedef struct {
  char name[512];
  unsigned flags;
  uint32_t mode;     /* the Unix mode from the external attributes */
  uint32_t csize, usize, offset;
} ZipEntry;

/* The entries of the central directory (at most max); 0 for a malformed archive. */
static size_t zip_entries(const unsigned char *z, size_t n, ZipEntry *out, size_t max) {
  if (n < 22 || get32(z + n - 22) != 0x06054b50u)
    return 0;
  size_t count = get16(z + n - 22 + 10), at = get32(z + n - 22 + 16);
  for (size_t i = 0; i < count && i < max; i++) {
    if (at + 46 > n || get32(z + at) != 0x02014b50u)
      return 0;
    size_t nlen = get16(z + at + 28);
    ZipEntry *e = &out[i];
    snprintf(e->name, sizeof e->name, "%.*s", (int)nlen, (const char *)z + at + 46);
    e->flags = get16(z + at + 8);
    e->csize = get32(z + at + 20);
    e->usize = get32(z + at + 24);
    e->mode = get32(z + at + 38) >> 16;
    e->offset = get32(z + at + 42);
    at += 46 + nlen + get16(z + at + 30) + get16(z + at + 32);
  }
  return count;
}

/* The inflated content of entry e (malloc'd, NUL-terminated), or NULL. */
static char *zip_content(const unsigned char *z, size_t n, const ZipEntry *e) {
  size_t data = e->offset + 30u + get16(z + e->offset + 26) + get16(z + e->offset + 28);
  if (data + e->csize > n)
    return NULL;
  char *buf = malloc(e->usize + 1);
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  if (!buf || inflateInit2(&zs, -15) != Z_OK) {
    free(buf);
    return NULL;
  }
  zs.next_in = (Bytef *)(uintptr_t)(z + data);
  zs.avail_in = e->csize;
  zs.next_out = (Bytef *)buf;
  zs.avail_out = e->usize + 1;
  int rc = inflate(&zs, Z_FINISH);
  size_t got = zs.total_out;
  inflateEnd(&zs);
  if (rc != Z_STREAM_END || got != e->usize) {
    free(buf);
    return NULL;
  }
  buf[got] = '\0';
  return buf;
}

/* The content of the entry called name, or NULL. */
static char *zip_read(const unsigned char *z, size_t n, const char *name) {
  static ZipEntry ents[64];
  size_t k = zip_entries(z, n, ents, 64);
  for (size_t i = 0; i < k && i < 64; i++)
    if (strcmp(ents[i].name, name) == 0)
      return zip_content(z, n, &ents[i]);
  return NULL;
}

/* Whether any entry's content holds needle. */
static bool archive_holds(const unsigned char *z, size_t n, const char *needle) {
  static ZipEntry ents[64];
  size_t k = zip_entries(z, n, ents, 64);
  bool found = false;
  for (size_t i = 0; i < k && i < 64; i++) {
    char *text = zip_content(z, n, &ents[i]);
    found = found || !text || strstr(text, needle) != NULL;   /* unreadable counts as found */
    free(text);
  }
  return found;
}

static const ZipEntry *entry_named(const ZipEntry *ents, size_t n, const char *name) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(ents[i].name, name) == 0)
      return &ents[i];
  return NULL;
}

static int same(const unsigned char *a, size_t na, const unsigned char *b, size_t nb) {
  return na == nb && memcmp(a, b, na) == 0;
}

static int have_python(void) { return system("python3 -c 'import zipfile' >/dev/null 2>&1") == 0; }

static int run(const char *fmt, const char *arg) {
  char cmd[4096];
  snprintf(cmd, sizeof cmd, fmt, arg);
  int rc = system(cmd);
  return rc;
}

/* ---- what zip_directory always did: determinism, content, a readable archive ---- */

static void test_basics(void) {
  /* created in reverse order of the expected entries */
  mkdir_rel("code");
  mkdir_rel("code/sub");
  mkdir_rel("code/sub/deep");
  write_rel("code/sub/deep/z.js", "exports.z = 1;\n");
  write_rel("code/sub/b.txt", "bee\n");
  write_rel("code/index.js", "exports.handler = async () => 'ok';\n");
  write_rel("code/a.txt", "");
  write_rel("code/B.txt", "upper\n");
  mkdir_rel("code/emptydir");
  char p[512], q[512];
  path_of(p, sizeof p, "code/index.js");
  path_of(q, sizeof q, "code/link.js");
  ASSERT(symlink(p, q) == 0);                /* link to a file: included      */
  path_of(p, sizeof p, "code/sub");
  path_of(q, sizeof q, "code/dirlink");
  ASSERT(symlink(p, q) == 0);                /* link to a directory inside: walked */
  path_of(q, sizeof q, "code/fifo");
  ASSERT(mkfifo(q, 0644) == 0);              /* special file: skipped         */
  mkdir_rel("empty");

  unsigned char *z1 = NULL, *z2 = NULL, *z3 = NULL, *z4 = NULL, *ze = NULL;
  size_t n1 = 0, n2 = 0, n3 = 0, n4 = 0, ne = 0;
  ASSERT(zip_rel("code", &z1, &n1) == 0);
  ASSERT(zip_rel("code", &z2, &n2) == 0);
  ASSERT(z1 && z2 && same(z1, n1, z2, n2));
  ASSERT(n1 > 22 && z1 && memcmp(z1, "PK\3\4", 4) == 0);

  /* mtime change: same bytes */
  path_of(p, sizeof p, "code/sub/b.txt");
  struct timeval tv[2] = {{1000000000, 0}, {1000000000, 0}};
  ASSERT(utimes(p, tv) == 0);
  ASSERT(chmod(p, 0600) == 0);
  ASSERT(zip_rel("code", &z3, &n3) == 0);
  ASSERT(z3 && same(z1, n1, z3, n3));

  /* content change: different bytes */
  write_rel("code/sub/b.txt", "bees\n");
  ASSERT(zip_rel("code", &z4, &n4) == 0);
  ASSERT(z4 && !same(z1, n1, z4, n4));

  /* empty directory: end-of-central-directory record only */
  ASSERT(zip_rel("empty", &ze, &ne) == 0);
  ASSERT(ne == 22 && ze && memcmp(ze, "PK\5\6", 4) == 0);

  /* missing directory: error with a message */
  {
    unsigned char *zx = NULL;
    size_t nx = 0;
    char err[256] = "";
    path_of(p, sizeof p, "nope");
    ASSERT(zip_directory(p, &zx, &nx, err, sizeof err) == -1);
    ASSERT(zx == NULL && strstr(err, "nope") != NULL);
  }
  /* unreadable file: error (root can read anything, so only as a normal user) */
  if (geteuid() != 0) {
    unsigned char *zx = NULL;
    size_t nx = 0;
    char err[256] = "";
    mkdir_rel("locked");
    write_rel("locked/secret", "x");
    path_of(p, sizeof p, "locked/secret");
    ASSERT(chmod(p, 0) == 0);
    path_of(q, sizeof q, "locked");
    ASSERT(zip_directory(q, &zx, &nx, err, sizeof err) == -1);
    ASSERT(zx == NULL && strstr(err, "secret") != NULL);
    chmod(p, 0644);
  }

  /* write_file_atomic: atomic write, then check with Python's zipfile */
  char err[256] = "";
  char out[512], outempty[512];
  path_of(out, sizeof out, "out.zip");
  path_of(outempty, sizeof outempty, "empty.zip");
  ASSERT(write_file_atomic(out, z4, n4, err, sizeof err) == 0);
  ASSERT(write_file_atomic(outempty, ze, ne, err, sizeof err) == 0);
  struct stat st;
  ASSERT(stat(out, &st) == 0 && (size_t)st.st_size == n4);
  path_of(p, sizeof p, "no/such/dir/x.zip");
  ASSERT(write_file_atomic(p, z4, n4, err, sizeof err) == -1 && err[0]);

  if (have_python()) {
    ASSERT(run("python3 - '%s' <<'EOF'\n"
               "import sys, zipfile\n"
               "z = zipfile.ZipFile(sys.argv[1])\n"
               "names = z.namelist()\n"
               "want = ['B.txt', 'a.txt', 'dirlink/b.txt', 'dirlink/deep/z.js', 'index.js', 'link.js', 'sub/b.txt', 'sub/deep/z.js']\n"
               "assert names == want, names\n"
               "assert z.testzip() is None\n"
               "assert z.read('sub/b.txt') == b'bees\\n'\n"
               "assert z.read('index.js') == z.read('link.js')\n"
               "assert z.read('a.txt') == b''\n"
               "assert z.read('sub/deep/z.js') == b'exports.z = 1;\\n'\n"
               "for i in z.infolist():\n"
               "    assert i.date_time == (1980, 1, 1, 0, 0, 0), i.date_time\n"
               "    assert i.external_attr >> 16 == 0o100644, oct(i.external_attr)\n"
               "    assert i.create_system == 3 and i.compress_type == zipfile.ZIP_DEFLATED\n"
               "    assert i.extra == b'' and i.comment == b''\n"
               "assert z.comment == b''\n"
               "EOF",
               out) == 0);
    ASSERT(run("python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
               "assert z.namelist() == [] and z.testzip() is None' '%s'",
               outempty) == 0);
  } else {
    printf("skipped: python3 not found, zipfile checks not run\n");
  }

  free(z1);
  free(z2);
  free(z3);
  free(z4);
  free(ze);
}

/* ---- links: inside kept as the target's content, anything else a problem ---- */

static void test_links_outside(void) {
  mkdir_rel("outside");
  write_rel("outside/secret.txt", "OUTSIDE-SECRET-BYTES\n");
  char secret[512];
  path_of(secret, sizeof secret, "outside/secret.txt");

  /* a link to /proc/self/environ: the packager's environment must never be zipped */
  mkdir_rel("env");
  write_rel("env/index.js", "ok\n");
  mkdir_rel("env/lib");
  symlink_rel("/proc/self/environ", "env/lib/creds");
  CodeTree t;
  Problems ps;
  ASSERT(scan_rel("env", NULL, &t, &ps) == 1);
  ASSERT(strstr(ps.text, "symlink 'lib/creds' points to '/proc/self/environ', outside the code directory") != NULL);
  code_tree_free(&t);
  unsigned char *z = NULL;
  size_t n = 0;
  char err[512] = "";
  char p[512];
  path_of(p, sizeof p, "env");
  ASSERT(zip_directory(p, &z, &n, err, sizeof err) == -1 && z == NULL);
  ASSERT(strstr(err, "lib/creds") && strstr(err, "/proc/self/environ"));

  /* a link to a file outside, absolute and relative; a dangling link */
  mkdir_rel("out1");
  symlink_rel(secret, "out1/abs");
  symlink_rel("../outside/secret.txt", "out1/rel");
  symlink_rel("no-such-file", "out1/dangling");
  ASSERT(scan_rel("out1", NULL, &t, &ps) == 3);
  char want[1024];
  snprintf(want, sizeof want, "symlink 'abs' points to '%s', outside the code directory", secret);
  ASSERT(strstr(ps.text, want) != NULL);
  ASSERT(strstr(ps.text, "symlink 'rel' points to '../outside/secret.txt', outside the code directory") != NULL);
  ASSERT(strstr(ps.text, "symlink 'dangling' points to 'no-such-file', which does not exist") != NULL);
  code_tree_free(&t);
  path_of(p, sizeof p, "out1");
  ASSERT(zip_directory(p, &z, &n, err, sizeof err) == -1 && z == NULL);

  /* a link to a directory outside */
  mkdir_rel("out2");
  symlink_rel("../outside", "out2/shared");
  ASSERT(scan_rel("out2", NULL, &t, &ps) == 1);
  ASSERT(strstr(ps.text, "symlink 'shared' points to '../outside', outside the code directory") != NULL);
  ASSERT(t.n == 0);
  code_tree_free(&t);
}

static void test_links_inside(void) {
  mkdir_rel("in");
  mkdir_rel("in/data");
  mkdir_rel("in/lib");
  write_rel("in/data/real.txt", "the real bytes\n");
  symlink_rel("../data/real.txt", "in/lib/alias.txt");   /* a file link, relative */
  symlink_rel("data", "in/datalink");                    /* a directory link       */
  symlink_rel("lib/alias.txt", "in/chain.txt");          /* a link to a link       */
  CodeTree t;
  Problems ps;
  ASSERT(scan_rel("in", NULL, &t, &ps) == 0);
  char names[1024];
  tree_names(&t, names, sizeof names);
  ASSERT(strcmp(names, "chain.txt data/real.txt datalink/real.txt lib/alias.txt") == 0);
  for (size_t i = 0; i < t.n; i++)
    ASSERT(strcmp(t.files[i].source, "data/real.txt") == 0);   /* symlink-free sources */
  ASSERT(t.total == 4 * strlen("the real bytes\n"));
  unsigned char *z = NULL;
  size_t n = 0;
  char err[512] = "", p[512];
  path_of(p, sizeof p, "in");
  ASSERT(zip_tree(p, &t, &z, &n, err, sizeof err) == 0);
  char *alias = z ? zip_read(z, n, "lib/alias.txt") : NULL;
  char *via_dir = z ? zip_read(z, n, "datalink/real.txt") : NULL;
  ASSERT(alias && strcmp(alias, "the real bytes\n") == 0);
  ASSERT(via_dir && strcmp(via_dir, "the real bytes\n") == 0);
  free(alias);
  free(via_dir);
  free(z);
  code_tree_free(&t);
}

static void test_link_loops(void) {
  /* a directory link to its own ancestor: the code directory, or its parent directory */
  mkdir_rel("loop");
  mkdir_rel("loop/a");
  write_rel("loop/a/f.txt", "f\n");
  symlink_rel("..", "loop/a/top");
  symlink_rel("../a", "loop/a/self");
  CodeTree t;
  Problems ps;
  ASSERT(scan_rel("loop", NULL, &t, &ps) == 2);
  ASSERT(strstr(ps.text, "symlink 'a/top' points to '.', one of its own ancestors") != NULL);
  ASSERT(strstr(ps.text, "symlink 'a/self' points to 'a', one of its own ancestors") != NULL);
  code_tree_free(&t);

  /* mutual links: a/l1 -> ../b and b/l2 -> ../a; neither is a direct ancestor of itself */
  mkdir_rel("mutual");
  mkdir_rel("mutual/a");
  mkdir_rel("mutual/b");
  write_rel("mutual/a/x", "x\n");
  write_rel("mutual/b/y", "y\n");
  symlink_rel("../b", "mutual/a/l1");
  symlink_rel("../a", "mutual/b/l2");
  size_t found = scan_rel("mutual", NULL, &t, &ps);
  ASSERT(found >= 1);
  ASSERT(strstr(ps.text, "symlink 'a/l1/l2' points to 'a', one of its own ancestors") != NULL);
  code_tree_free(&t);
}

/* ---- what is skipped: specials, .git, excludes, skip paths ---- */

static void test_skipped(void) {
  mkdir_rel("sp");
  write_rel("sp/index.js", "i\n");
  char p[512];
  path_of(p, sizeof p, "sp/fifo");
  ASSERT(mkfifo(p, 0644) == 0);
  symlink_rel("fifo", "sp/fifolink");   /* a link to a FIFO inside: skipped like one */
  int sock = socket(AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  path_of(p, sizeof p, "sp/sock");
  if (strlen(p) < sizeof addr.sun_path) {
    snprintf(addr.sun_path, sizeof addr.sun_path, "%s", p);
    ASSERT(sock >= 0 && bind(sock, (struct sockaddr *)&addr, sizeof addr) == 0);
  }
  if (sock >= 0)
    close(sock);
  path_of(p, sizeof p, "sp/null");   /* a device, where this process may make one */
  if (mknod(p, S_IFCHR | 0666, makedev(1, 3)) != 0)
    printf("skipped: mknod not permitted, no device in the tree\n");
  mkdir_rel("sp/.git");
  write_rel("sp/.git/config", "[core]\n");
  mkdir_rel("sp/vendor");
  mkdir_rel("sp/vendor/.git");
  write_rel("sp/vendor/.git/HEAD", "ref\n");
  write_rel("sp/vendor/v.js", "v\n");
  write_rel("sp/.gitignore", "out\n");   /* a file, not the .git directory: kept */
  symlink_rel(".git", "sp/repo");          /* a link to a .git directory: skipped too */
  CodeTree t;
  Problems ps;
  ASSERT(scan_rel("sp", NULL, &t, &ps) == 0);
  char names[1024];
  tree_names(&t, names, sizeof names);
  ASSERT(strcmp(names, ".gitignore index.js vendor/v.js") == 0);
  code_tree_free(&t);
}

static void test_filter(void) {
  mkdir_rel("f");
  write_rel("f/index.js", "i\n");
  write_rel("f/README.md", "r\n");
  mkdir_rel("f/docs");
  write_rel("f/docs/guide.md", "g\n");      /* `*.md` does not cross '/' */
  mkdir_rel("f/tests");
  mkdir_rel("f/tests/unit");
  write_rel("f/tests/unit/t.js", "t\n");
  mkdir_rel("f/node_modules");
  symlink_rel("/proc/self/environ", "f/node_modules/bad");   /* pruned: never looked at */
  mkdir_rel("f/sub");
  write_rel("f/sub/app.log", "l\n");
  write_rel("f/sub/app.js", "a\n");
  mkdir_rel("f/out");
  write_rel("f/out/t.json", "{}\n");
  write_rel("f/out/other.json", "{}\n");
  mkdir_rel("f/pkg");
  write_rel("f/pkg/fn.zip", "PK\n");
  mkdir_rel("f/keep");
  mkdir_rel("f/keep/out");
  write_rel("f/keep/out/t.json", "{}\n");  /* skip paths are exact: this one stays */
  symlink_rel("out/t.json", "f/output-alias");   /* its bytes are the skipped output */
  const char *excludes[] = {"*.md", "tests/**", "node_modules", "**/*.log", NULL};
  const char *skip[] = {"out/t.json", "pkg", NULL};
  CodeFilter filter = {.excludes = excludes, .skip = skip};
  CodeTree t;
  Problems ps;
  ASSERT(scan_rel("f", &filter, &t, &ps) == 0);
  char names[1024];
  tree_names(&t, names, sizeof names);
  ASSERT(strcmp(names, "docs/guide.md index.js keep/out/t.json out/other.json sub/app.js") == 0);
  code_tree_free(&t);
  /* without the filter the pruned link is seen */
  ASSERT(scan_rel("f", NULL, &t, &ps) == 1 && strstr(ps.text, "node_modules/bad"));
  code_tree_free(&t);
}

/* ---- limits, from sizes and without reading ---- */

/* Bytes this process has read through read(2) and the like so far (/proc/self/io's rchar),
 * or -1 where the kernel does not say. "Nothing was read" is proven by this count, not by
 * a time (a unit test must not depend on the machine's speed or load, e.g. under valgrind). */
static long long bytes_read(void) {
  FILE *f = fopen("/proc/self/io", "r");
  if (!f)
    return -1;
  long long rchar = -1;
  char line[128];
  while (fgets(line, sizeof line, f))
    if (sscanf(line, "rchar: %lld", &rchar) == 1)
      break;
  fclose(f);
  return rchar;
}

/* At most this many bytes may be read where the code reads no file: /proc/self/io itself, the
 * directories, and whatever the C library or valgrind read meanwhile; far below the 300 MB. */
#define READ_NOTHING_SLACK (16LL << 20)

static bool read_nothing_since(long long before) {
  long long after = bytes_read();
  if (before < 0 || after < 0)
    return true;   /* not measurable here */
  if (after - before < READ_NOTHING_SLACK)
    return true;
  fprintf(stderr, "read %lld bytes where nothing should be read\n", after - before);
  return false;
}

static long peak_rss_kb(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

static void test_limits(void) {
  mkdir_rel("big");
  write_rel("big/index.js", "i\n");
  char p[512];
  path_of(p, sizeof p, "big/huge.bin");
  int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ASSERT(fd >= 0 && ftruncate(fd, (off_t)300 << 20) == 0);   /* sparse: costs no disk */
  if (fd >= 0)
    close(fd);
  long rss_before = peak_rss_kb();
  long long read_before = bytes_read();
  CodeTree t;
  Problems ps;
  ASSERT(scan_rel("big", NULL, &t, &ps) == 1);
  ASSERT(strstr(ps.text, "holds more than 250 MB of files (3145728") && strstr(ps.text, "bytes): over Lambda's limit for unzipped code"));
  code_tree_free(&t);
  unsigned char *z = NULL;
  size_t n = 0;
  char err[512] = "";
  path_of(p, sizeof p, "big");
  ASSERT(zip_directory(p, &z, &n, err, sizeof err) == -1 && strstr(err, "250 MB"));
  long grew_kb = peak_rss_kb() - rss_before;
  ASSERT(read_nothing_since(read_before));   /* refused from sizes: the 300 MB never read */
  ASSERT(grew_kb < 64 * 1024);               /* and no file in memory */
  if (grew_kb >= 64 * 1024)
    fprintf(stderr, "size limit: peak RSS grew by %ld kB\n", grew_kb);

  /* a file that grows past the limit between the scan and the zip: refused before reading */
  mkdir_rel("grow");
  write_rel("grow/data.bin", "small\n");
  ASSERT(scan_rel("grow", NULL, &t, &ps) == 0 && t.n == 1);
  path_of(p, sizeof p, "grow/data.bin");
  ASSERT(truncate(p, (off_t)300 << 20) == 0);
  path_of(p, sizeof p, "grow");
  read_before = bytes_read();
  ASSERT(zip_tree(p, &t, &z, &n, err, sizeof err) == -1 && z == NULL);
  ASSERT(strstr(err, "'data.bin' grew since the scan to 314572800 bytes: over the 250 MB limit") != NULL);
  ASSERT(read_nothing_since(read_before));
  code_tree_free(&t);

  /* more entries than a zip without ZIP64 holds: stops at the first one too many. 256
   * files seen through 256 directory links make 65792 entries from 513 inodes. */
  mkdir_rel("many");
  mkdir_rel("many/d");
  path_of(p, sizeof p, "many");
  int dfd = open(p, O_RDONLY | O_DIRECTORY);
  for (unsigned i = 0; dfd >= 0 && i < 256; i++) {
    char name[32];
    snprintf(name, sizeof name, "d/%03u", i);
    int f = openat(dfd, name, O_WRONLY | O_CREAT, 0644);
    if (f >= 0)
      close(f);
    snprintf(name, sizeof name, "l%03u", i);
    ASSERT(symlinkat("d", dfd, name) == 0);
  }
  if (dfd >= 0)
    close(dfd);
  ASSERT(scan_rel("many", NULL, &t, &ps) == 1);
  ASSERT(strstr(ps.text, "holds more than 65535 files: too many for a zip without ZIP64") != NULL);
  code_tree_free(&t);

  /* nesting deeper than ZIP_MAX_DEPTH: a problem, not an exhausted descriptor table */
  mkdir_rel("deep");
  path_of(p, sizeof p, "deep");
  dfd = open(p, O_RDONLY | O_DIRECTORY);
  for (unsigned i = 0; dfd >= 0 && i <= ZIP_MAX_DEPTH + 1; i++) {
    mkdirat(dfd, "d", 0755);
    int next = openat(dfd, "d", O_RDONLY | O_DIRECTORY);
    close(dfd);
    dfd = next;
  }
  if (dfd >= 0)
    close(dfd);
  ASSERT(scan_rel("deep", NULL, &t, &ps) == 1 && strstr(ps.text, "nested more than 256 directories deep"));
  code_tree_free(&t);

  /* no loop, but 2^17 paths: d00/a and d00/b -> d01, d01/a and d01/b -> d02, ... */
  mkdir_rel("graph");
  for (unsigned i = 0; i <= 17; i++) {
    char rel[64], target[16];
    snprintf(rel, sizeof rel, "graph/d%02u", i);
    mkdir_rel(rel);
    if (i == 17)
      break;
    snprintf(target, sizeof target, "../d%02u", i + 1);
    snprintf(rel, sizeof rel, "graph/d%02u/a", i);
    symlink_rel(target, rel);
    snprintf(rel, sizeof rel, "graph/d%02u/b", i);
    symlink_rel(target, rel);
  }
  /* stopped at the limit (the message says so), not after 2^17 walks */
  ASSERT(scan_rel("graph", NULL, &t, &ps) == 1);
  ASSERT(strstr(ps.text, "holds more than 65535 directories (counting each link to one): too many to zip"));
  code_tree_free(&t);
}

/* ---- the archive: modes, UTF-8 flag, determinism, streaming ---- */

static void test_modes(void) {
  mkdir_rel("modes");
  mkdir_rel("modes/bin");
  write_rel("modes/bootstrap", "#!/bin/sh\n");
  write_rel("modes/bin/tool", "#!/bin/sh\n");
  write_rel("modes/owner-x", "x\n");
  write_rel("modes/data.json", "{}\n");
  write_rel("modes/private", "p\n");
  chmod_rel("modes/bootstrap", 0755);
  chmod_rel("modes/bin/tool", 0700);
  chmod_rel("modes/owner-x", 0744);
  chmod_rel("modes/data.json", 0664);
  chmod_rel("modes/private", 0600);
  unsigned char *z = NULL;
  size_t n = 0;
  ASSERT(zip_rel("modes", &z, &n) == 0);
  ZipEntry ents[8];
  size_t k = z ? zip_entries(z, n, ents, 8) : 0;
  ASSERT(k == 5);
  const ZipEntry *e;
  ASSERT((e = entry_named(ents, k, "bootstrap")) && e->mode == 0100755);
  ASSERT((e = entry_named(ents, k, "bin/tool")) && e->mode == 0100755);
  ASSERT((e = entry_named(ents, k, "owner-x")) && e->mode == 0100755);
  ASSERT((e = entry_named(ents, k, "data.json")) && e->mode == 0100644);
  ASSERT((e = entry_named(ents, k, "private")) && e->mode == 0100644);
  free(z);
}

static void test_utf8_names(void) {
  mkdir_rel("names");
  write_rel("names/caf\xC3\xA9.txt", "utf-8\n");   /* café.txt in UTF-8  */
  write_rel("names/caf\xE9.txt", "latin-1\n");      /* café.txt in Latin-1: not UTF-8 */
  write_rel("names/plain.txt", "ascii\n");
  unsigned char *z = NULL;
  size_t n = 0;
  ASSERT(zip_rel("names", &z, &n) == 0);
  ZipEntry ents[8];
  size_t k = z ? zip_entries(z, n, ents, 8) : 0;
  ASSERT(k == 3);
  const ZipEntry *e;
  ASSERT((e = entry_named(ents, k, "caf\xC3\xA9.txt")) && (e->flags & 0x0800) != 0);
  ASSERT((e = entry_named(ents, k, "caf\xE9.txt")) && (e->flags & 0x0800) == 0);
  ASSERT((e = entry_named(ents, k, "plain.txt")) && (e->flags & 0x0800) == 0);
  /* the local headers agree with the central directory */
  for (size_t i = 0; i < k; i++)
    ASSERT(get16(z + ents[i].offset + 6) == ents[i].flags);
  if (have_python()) {
    char out[512], err[256] = "";
    path_of(out, sizeof out, "names.zip");
    ASSERT(write_file_atomic(out, z, n, err, sizeof err) == 0);
    /* zipfile decodes a flagged name strictly: it opens only if no invalid name is flagged */
    ASSERT(run("python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
               "assert len(z.namelist()) == 3 and z.testzip() is None; "
               "assert \"caf\\u00e9.txt\" in z.namelist()' '%s'",
               out) == 0);
  }
  free(z);
}

/* Two trees with the same files, created in opposite orders, with different mtimes and
 * permissions (none executable): the same bytes. */
static void test_determinism(void) {
  const char *files[] = {"a.js", "lib/b.js", "lib/deep/c.js", "z.txt"};
  mkdir_rel("d1");
  mkdir_rel("d1/lib");
  mkdir_rel("d1/lib/deep");
  char rel[256];
  for (size_t i = 0; i < 4; i++) {
    snprintf(rel, sizeof rel, "d1/%s", files[i]);
    write_rel(rel, files[i]);
  }
  mkdir_rel("d2");
  mkdir_rel("d2/lib");
  mkdir_rel("d2/lib/deep");
  for (size_t i = 4; i-- > 0;) {
    snprintf(rel, sizeof rel, "d2/%s", files[i]);
    write_rel(rel, files[i]);
    chmod_rel(rel, 0600);
  }
  char p[512];
  path_of(p, sizeof p, "d2/lib/b.js");
  struct timeval tv[2] = {{2000000000, 0}, {2000000000, 0}};
  ASSERT(utimes(p, tv) == 0);
  unsigned char *z1 = NULL, *z2 = NULL;
  size_t n1 = 0, n2 = 0;
  ASSERT(zip_rel("d1", &z1, &n1) == 0);
  ASSERT(zip_rel("d2", &z2, &n2) == 0);
  ASSERT(z1 && z2 && same(z1, n1, z2, n2));
  free(z1);
  free(z2);
}

/* A file of several chunks is streamed: its entry is the same raw deflate stream (level 9)
 * a single call over the whole file gives, so the archive bytes (and code keys) are what
 * they were when files were read whole. */
static void test_streaming(void) {
  size_t len = (size_t)3 << 20;
  unsigned char *data = malloc(len);
  uint32_t x = 12345;
  for (size_t i = 0; i < len; i++) {   /* compressible, but not trivially */
    x = x * 1103515245u + 12345u;
    data[i] = (unsigned char)("abcdefgh\n "[(x >> 16) % 10]);
  }
  mkdir_rel("stream");
  write_bytes_rel("stream/big.txt", data, len);
  unsigned char *z = NULL;
  size_t n = 0;
  ASSERT(zip_rel("stream", &z, &n) == 0);
  ZipEntry ents[2];
  ASSERT(z && zip_entries(z, n, ents, 2) == 1 && ents[0].usize == len);
  z_stream zs;
  memset(&zs, 0, sizeof zs);
  ASSERT(deflateInit2(&zs, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  uLong bound = deflateBound(&zs, (uLong)len);
  unsigned char *whole = malloc(bound);
  zs.next_in = data;
  zs.avail_in = (uInt)len;
  zs.next_out = whole;
  zs.avail_out = (uInt)bound;
  ASSERT(deflate(&zs, Z_FINISH) == Z_STREAM_END);
  size_t wlen = zs.total_out;
  deflateEnd(&zs);
  size_t at = 30 + strlen("big.txt");
  ASSERT(z && ents[0].csize == wlen && at + wlen <= n && memcmp(z + at, whole, wlen) == 0);
  ASSERT(z && get32(z + 14) == (uint32_t)crc32(0L, data, (uInt)len));
  free(whole);
  free(data);
  free(z);
}

/* ---- what is checked is what is read ---- */

static void test_swapped_after_scan(void) {
  char secret[512];
  path_of(secret, sizeof secret, "outside/secret.txt");   /* made by test_links_outside */
  char err[512] = "", p[512];
  unsigned char *z = NULL;
  size_t n = 0;
  CodeTree t;
  Problems ps;

  /* a scanned regular file replaced by a link to a file outside */
  mkdir_rel("toc1");
  write_rel("toc1/a.txt", "plain\n");
  ASSERT(scan_rel("toc1", NULL, &t, &ps) == 0 && t.n == 1);
  path_of(p, sizeof p, "toc1/a.txt");
  ASSERT(unlink(p) == 0);
  symlink_rel(secret, "toc1/a.txt");
  path_of(p, sizeof p, "toc1");
  int rc = zip_tree(p, &t, &z, &n, err, sizeof err);
  ASSERT(rc == -1 && z == NULL && strstr(err, "a.txt"));
  ASSERT(!z || !archive_holds(z, n, "OUTSIDE-SECRET"));
  free(z);
  z = NULL;
  code_tree_free(&t);

  /* a scanned directory replaced by a link to a directory outside holding the same name */
  mkdir_rel("toc2");
  mkdir_rel("toc2/sub");
  write_rel("toc2/sub/secret.txt", "plain\n");
  ASSERT(scan_rel("toc2", NULL, &t, &ps) == 0 && t.n == 1);
  char q[512];
  path_of(p, sizeof p, "toc2/sub");
  path_of(q, sizeof q, "toc2/sub.old");
  ASSERT(rename(p, q) == 0);
  char outside_dir[512];
  path_of(outside_dir, sizeof outside_dir, "outside");
  symlink_rel(outside_dir, "toc2/sub");
  path_of(p, sizeof p, "toc2");
  rc = zip_tree(p, &t, &z, &n, err, sizeof err);
  ASSERT(rc == -1 && z == NULL && strstr(err, "sub"));
  ASSERT(!z || !archive_holds(z, n, "OUTSIDE-SECRET"));
  free(z);
  z = NULL;
  code_tree_free(&t);

  /* a link's target (inside at scan time) replaced by a link to /proc/self/environ */
  mkdir_rel("toc3");
  write_rel("toc3/real.txt", "plain\n");
  symlink_rel("real.txt", "toc3/alias.txt");
  ASSERT(scan_rel("toc3", NULL, &t, &ps) == 0 && t.n == 2);
  path_of(p, sizeof p, "toc3/real.txt");
  ASSERT(unlink(p) == 0);
  symlink_rel(secret, "toc3/real.txt");
  path_of(p, sizeof p, "toc3");
  rc = zip_tree(p, &t, &z, &n, err, sizeof err);
  ASSERT(rc == -1 && z == NULL);
  ASSERT(!z || !archive_holds(z, n, "OUTSIDE-SECRET"));
  free(z);
  z = NULL;

  /* swapped for a FIFO: refused at once, never blocking on it */
  path_of(p, sizeof p, "toc3/real.txt");
  ASSERT(unlink(p) == 0 && mkfifo(p, 0644) == 0);
  path_of(p, sizeof p, "toc3");
  rc = zip_tree(p, &t, &z, &n, err, sizeof err);
  ASSERT(rc == -1 && z == NULL && strstr(err, "no longer a regular file"));
  free(z);
  code_tree_free(&t);
}

int main(void) {
  const char *tmpdir = getenv("TMPDIR");
  snprintf(root, sizeof root, "%s/test_zip.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
  if (!mkdtemp(root)) {
    perror("mkdtemp");
    return 1;
  }
  test_basics();
  test_links_outside();
  test_links_inside();
  test_link_loops();
  test_skipped();
  test_filter();
  test_limits();
  test_modes();
  test_utf8_names();
  test_determinism();
  test_streaming();
  test_swapped_after_scan();
  run("rm -rf '%s'", root);
  return test_summary();
}
