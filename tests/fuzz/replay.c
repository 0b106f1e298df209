/* replay.c — feeds files to the fuzz harnesses' entry point without
 * libFuzzer, so that `make check` (gcc, no sanitizer needed) replays the
 * seed corpus and every crasher found so far (tests/run-fuzz-replay.sh).
 *
 *   replay [--structured] [--print] FILE|DIR...
 *       Runs each FILE, and every file under each DIR, through
 *       LLVMFuzzerTestOneInput (fuzz_compile.c). --structured reads them as
 *       inputs of fuzz_structured instead; --print writes the program each
 *       one stands for to stdout instead of compiling it (this is how a
 *       structured crash becomes a readable .stack reproducer).
 *   replay
 *       Self-test of the structure-aware generator: compiles programs made
 *       from fixed pseudo-random bytes and fails when too few of them get
 *       through the checker (the generator no longer matches the language).
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static bool structured, print_only;
static unsigned nfiles, nrendered, nrejected, nskipped;

static int read_all(const char *path, uint8_t **data, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  size_t cap = 4096, n = 0;
  uint8_t *buf = malloc(cap);
  size_t got;
  while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      uint8_t *bigger = realloc(buf, cap *= 2);
      if (!bigger) free(buf);
      buf = bigger;
    }
  }
  bool err = ferror(f) != 0;
  fclose(f);
  if (!buf || err) {
    free(buf);
    return -1;
  }
  *data = buf;
  *size = n;
  return 0;
}

static void count(FuzzResult r) {
  if (r == FUZZ_RENDERED) nrendered++;
  else if (r == FUZZ_REJECTED) nrejected++;
  else nskipped++;
}

static int replay_file(const char *path) {
  uint8_t *data;
  size_t size;
  if (read_all(path, &data, &size) != 0) {
    fprintf(stderr, "replay: cannot read %s\n", path);
    return -1;
  }
  nfiles++;
  if (structured) {
    size_t len;
    char *text = fuzz_generate(data, size, &len);
    FuzzResult r = FUZZ_SKIPPED;
    if (print_only) fwrite(text, 1, len, stdout);
    else count(r = fuzz_pipeline(text, len));
    free(text);
    fuzz_check_alone_copies(data, size, r);   /* what fuzz_structured does next */
  } else if (print_only) {
    fwrite(data, 1, size, stdout);
  } else {
    /* The entry point itself; for the counts, the same text once more is
     * cheaper than plumbing a result out of LLVMFuzzerTestOneInput. */
    LLVMFuzzerTestOneInput(data, size);
    char *text = malloc(size + 1);
    if (text) {
      if (size) memcpy(text, data, size);
      text[size] = '\0';
      count(fuzz_pipeline(text, size));
      free(text);
    }
  }
  free(data);
  return 0;
}

static int name_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file under `dir`, in name order (dot files skipped). */
static int replay_dir(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(stderr, "replay: cannot open directory %s\n", dir);
    return -1;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    if (n == cap) names = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof *names);
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  if (n) qsort(names, n, sizeof *names, name_cmp);
  int rc = 0;
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(dir) + strlen(names[i]) + 2;
    char *path = malloc(len);
    snprintf(path, len, "%s/%s", dir, names[i]);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
      if (replay_dir(path) != 0) rc = -1;
    } else if (replay_file(path) != 0) {
      rc = -1;
    }
    free(path);
    free(names[i]);
  }
  free(names);
  return rc;
}

/* xorshift64*: the same bytes on every machine. */
static uint64_t prng_next(uint64_t *s) {
  *s ^= *s >> 12;
  *s ^= *s << 25;
  *s ^= *s >> 27;
  return *s * UINT64_C(2685821657736338717);
}

static int self_test(void) {
  enum { PROGRAMS = 400, MAX_BYTES = 600 };
  uint64_t seed = UINT64_C(0x5eedf00dcafe1234);
  uint8_t buf[MAX_BYTES];
  for (int i = 0; i < PROGRAMS; i++) {
    /* Mostly-zero bytes, as the generator's 0 is the ordinary choice, with
     * some random ones: about what the fuzzer's corpus looks like. */
    size_t size = (size_t)(prng_next(&seed) % MAX_BYTES);
    unsigned density = (unsigned)(prng_next(&seed) % 4);
    for (size_t j = 0; j < size; j++) {
      uint64_t r = prng_next(&seed);
      buf[j] = (r >> 8) % 8 < density ? (uint8_t)r : 0;
    }
    size_t len;
    char *text = fuzz_generate(buf, size, &len);
    FuzzResult r = fuzz_pipeline(text, len);
    count(r);
    free(text);
    fuzz_check_alone_copies(buf, size, r);   /* aborts on a finding */
  }
  printf("replay: %d generated programs: %u rendered, %u rejected, %u skipped\n", PROGRAMS,
         nrendered, nrejected, nskipped);
  /* The empty input alone is a complete program. */
  size_t len;
  char *text = fuzz_generate(NULL, 0, &len);
  FuzzResult empty = fuzz_pipeline(text, len);
  free(text);
  if (empty != FUZZ_RENDERED) {
    printf("FAIL: the program of the empty input does not compile: tests/fuzz/fuzz_gen.c no longer "
           "matches the language (replay --structured --print /dev/null shows it)\n");
    return 1;
  }
  if (nrendered * 5 < PROGRAMS) {
    printf("FAIL: fewer than 20%% of the generated programs compile: tests/fuzz/fuzz_gen.c no longer "
           "matches the language\n");
    return 1;
  }
  printf("PASS: structure-aware generator\n");
  return 0;
}

int main(int argc, char **argv) {
  int first = 1;
  for (; first < argc && argv[first][0] == '-' && argv[first][1] == '-'; first++) {
    if (strcmp(argv[first], "--structured") == 0) structured = true;
    else if (strcmp(argv[first], "--print") == 0) print_only = true;
    else if (strcmp(argv[first], "--") == 0) { first++; break; }
    else {
      fprintf(stderr, "usage: replay [--structured] [--print] FILE|DIR...\n");
      return 2;
    }
  }
  if (first == argc) {
    if (structured || print_only) {
      fprintf(stderr, "usage: replay [--structured] [--print] FILE|DIR...\n");
      return 2;
    }
    return self_test();
  }
  int rc = 0;
  for (int i = first; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
      if (replay_dir(argv[i]) != 0) rc = 2;
    } else if (replay_file(argv[i]) != 0) {
      rc = 2;
    }
  }
  if (!print_only)
    fprintf(stderr, "replay: %u files: %u rendered, %u rejected, %u skipped\n", nfiles, nrendered,
            nrejected, nskipped);
  return rc;
}
