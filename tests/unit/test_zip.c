/* test_zip.c -- zip_directory() is deterministic (same bytes across runs, mtimes and
 * creation order), content-sensitive, and readable by Python's zipfile module. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "fileio.h"
#include "zip.h"
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>



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

int main(void) {
  const char *tmpdir = getenv("TMPDIR");
  snprintf(root, sizeof root, "%s/test_zip.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
  if (!mkdtemp(root)) {
    perror("mkdtemp");
    return 1;
  }

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
  run("rm -rf '%s'", root);
  return test_summary();
}
