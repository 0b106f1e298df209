/* fuzz_common.c — the whole pipeline on one input, for the fuzz harnesses
 * and replay.c: check (lexer, parser, checker, plan), flush diagnostics to
 * /dev/null, render CloudFormation JSON, CloudFormation YAML and Terraform
 * JSON, free everything. Outputs are read back (cJSON, libyaml) so that a
 * broken template is a finding, like a crash. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "compile.h"
#include "diag.h"
#include "driver.h"
#include "fuzz.h"

/* The scratch directory: ROOT/d/d/.../d holds the fake stack file, so a
 * code directory "../.." stays inside ROOT unless it climbs FUZZ_DEPTH
 * levels (inputs with that many ".." are skipped, see fuzz_pipeline). */
#define FUZZ_DEPTH 12

/* Code directories named by tests/golden, tests/errors and examples. */
static const char *const code_dirs[] = {
  "src/fn", "src/node", "src/python", "src/chat", "src/etl", "src/index", "src/ingest",
  "src/resize", "src/thumbnail", "src/visits", NULL};

static char fuzz_root[4096];   /* mkdtemp() result */
static char fuzz_dir[4096];    /* the stack file's directory */
static char fuzz_path[4200];   /* the fake stack file (never written) */
static FILE *devnull;          /* diagnostics go here */

static void die(const char *what) {
  perror(what);
  abort();
}

static void make_dir(const char *path) {
  if (mkdir(path, 0700) != 0) die(path);
}

static void write_small_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  if (!f || fputs(text, f) < 0 || fclose(f) != 0) die(path);
}

/* Removes what fuzz_setup made (at exit). */
static void fuzz_cleanup(void) {
  char p[4400];
  for (const char *const *d = code_dirs; *d; d++) {
    snprintf(p, sizeof p, "%s/%s/index.js", fuzz_dir, *d);
    unlink(p);
    snprintf(p, sizeof p, "%s/%s", fuzz_dir, *d);
    rmdir(p);
  }
  snprintf(p, sizeof p, "%s/src", fuzz_dir);
  rmdir(p);
  for (size_t n = strlen(fuzz_dir); n > strlen(fuzz_root); n--)
    if (fuzz_dir[n] == '/' || fuzz_dir[n] == '\0') {
      fuzz_dir[n] = '\0';
      rmdir(fuzz_dir);
    }
  rmdir(fuzz_root);
}

static void fuzz_setup(void) {
  if (devnull) return;
  /* "Today" decides which runtimes are deprecated: fixed, so runs reproduce. */
  setenv("SOURCE_DATE_EPOCH", "1767225600", 0);
  const char *tmp = getenv("TMPDIR");
  snprintf(fuzz_root, sizeof fuzz_root, "%s/stackc-fuzz.XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(fuzz_root)) die("mkdtemp");
  snprintf(fuzz_dir, sizeof fuzz_dir, "%s", fuzz_root);
  for (int i = 0; i < FUZZ_DEPTH; i++) {
    strcat(fuzz_dir, "/d");
    make_dir(fuzz_dir);
  }
  char p[4400];
  snprintf(p, sizeof p, "%s/src", fuzz_dir);
  make_dir(p);
  for (const char *const *d = code_dirs; *d; d++) {
    snprintf(p, sizeof p, "%s/%s", fuzz_dir, *d);
    make_dir(p);
    snprintf(p, sizeof p, "%s/%s/index.js", fuzz_dir, *d);
    write_small_file(p, "exports.handler = async () => ({ statusCode: 200 });\n");
  }
  snprintf(fuzz_path, sizeof fuzz_path, "%s/fuzz.stack", fuzz_dir);
  devnull = fopen("/dev/null", "w");
  if (!devnull) die("/dev/null");
  atexit(fuzz_cleanup);
}

/* Occurrences of ".." in the input. */
static size_t count_dotdot(const char *text, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i + 1 < len; i++)
    if (text[i] == '.' && text[i + 1] == '.') n++;
  return n;
}

static const char *const target_names[] = {"cfn", "cfn-yaml", "tf"};

static void finding(Target t, const char *what, const char *text) {
  fprintf(stderr, "fuzz: --target %s: %s\n", target_names[t], what);
  if (text) fprintf(stderr, "----- output -----\n%s\n------------------\n", text);
  abort();
}

/* The output must read back: JSON through cJSON, YAML through libyaml. */
static void check_output(Target t, const char *text) {
  if (!text) finding(t, "driver_render returned NULL for a program that checked", NULL);
  if (t == TARGET_CFN_YAML) {
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) die("yaml_parser_initialize");
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, strlen(text));
    bool done = false, ok = true;
    while (!done) {
      yaml_event_t ev;
      if (!yaml_parser_parse(&parser, &ev)) {
        ok = false;
        break;
      }
      done = ev.type == YAML_STREAM_END_EVENT;
      yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    if (!ok) finding(t, "the YAML output does not parse", text);
  } else {
    cJSON *doc = cJSON_Parse(text);
    if (!doc) finding(t, "the JSON output does not parse", text);
    cJSON_Delete(doc);
  }
}

/* The diagnostics, in the format the input's length picks (text, JSON or
 * GitHub annotations): a JSON report must parse, whatever bytes the
 * messages quote. */
static void flush_diagnostics(DiagEngine *d, size_t len) {
  d->format = (DiagFormat)(len % 3);
  d->input = fuzz_path;
  if (d->format != DIAG_FORMAT_JSON) {
    diag_flush(d, devnull);
    return;
  }
  char *report = NULL;
  size_t size = 0;
  FILE *mem = open_memstream(&report, &size);
  if (!mem) die("open_memstream");
  diag_flush(d, mem);
  fclose(mem);
  cJSON *doc = cJSON_Parse(report);
  if (!doc || !cJSON_IsObject(doc) || !strchr(report, '\n') || strchr(report, '\n') != report + size - 1) {
    fprintf(stderr, "fuzz: --diagnostics json is not one line of JSON\n----- report -----\n%s\n", report);
    abort();
  }
  cJSON_Delete(doc);
  free(report);
}

FuzzResult fuzz_pipeline(const char *text, size_t len) {
  fuzz_setup();
  /* A code directory climbing out of the scratch tree would zip whatever
   * lies above it (possibly the whole file system): not this harness's job. */
  if (count_dotdot(text, len) >= FUZZ_DEPTH / 2) return FUZZ_SKIPPED;

  Compilation c;
  compilation_init(&c);
  Checked prog;
  bool ok = driver_check(&c, fuzz_path, text, len, &prog);
  flush_diagnostics(&c.diag, len);
  if (ok && !prog.library) {   /* a library of components checks but has nothing to render */
    static const Target targets[] = {TARGET_CFN, TARGET_CFN_YAML, TARGET_TF};
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
      char *out = driver_render(&c, &prog, targets[i], "");
      check_output(targets[i], out);
      free(out);
    }
  }
  compilation_free(&c);
  return ok ? FUZZ_RENDERED : FUZZ_REJECTED;
}

void fuzz_check_alone_copies(const uint8_t *data, size_t size, FuzzResult first) {
  if (first != FUZZ_RENDERED) return;
  size_t len;
  char *text = fuzz_generate_alone_copies(data, size, &len);
  Compilation c;
  compilation_init(&c);
  Checked prog;
  bool ok = driver_check(&c, fuzz_path, text, len, &prog);
  if (!ok) {
    size_t plain_len;
    char *plain = fuzz_generate(data, size, &plain_len);
    fprintf(stderr, "fuzz: a component checked on its own reports an error its instances do not\n"
            "----- program (checks) -----\n%s\n----- with unused copies (fails) -----\n%s\n", plain, text);
    diag_flush(&c.diag, stderr);
    abort();
  }
  compilation_free(&c);
  free(text);
}
