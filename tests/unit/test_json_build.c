/* test_json_build.c -- an allocation failure while a backend builds its tree.
 *
 * Both backends make every cJSON node through json_build.h, whose policy is:
 * the first failure fails the build, the backend returns NULL, and the
 * driver reports one internal error (main exits 2, no output file). Here
 * cJSON's allocator (cJSON_InitHooks) fails at its Nth call, for every N
 * from the first allocation of a render to the last, on every golden stack
 * and each backend it has a golden output for. Each such render must return no text, with exactly one more
 * internal error saying so, and leave no cJSON allocation behind (a
 * counted leak check; valgrind gives the same verdict). A render in which
 * nothing fails must give a template, with every allocation freed.
 * CloudFormation used to abort at the first failure, Terraform to ignore it
 * and write a template missing what it could not make (or crash). A NULL
 * string, key or node (a backend bug) fails a build the same way, with its
 * own reason (CloudFormation called it "out of memory" and aborted,
 * Terraform left the member out). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>

#include "driver.h"
#include "json_build.h"
#include "testing.h"

/* The allocator cJSON is given: it counts calls and live blocks, and fails
 * every call after the first `fail_after` of them. */
static uint64_t calls, live, fail_after = UINT64_MAX;

static void *counted_malloc(size_t n) {
  if (calls++ >= fail_after) return NULL;
  void *p = malloc(n);
  if (p) live++;
  return p;
}

static void counted_free(void *p) {
  if (!p) return;
  live--;
  free(p);
}

static const char *const target_names[] = {[TARGET_CFN] = "cfn", [TARGET_TF] = "tf"};

/* Renders `target` with cJSON's allocations failing after `n` of them: NULL
 * text, one more internal error about memory and nothing left allocated.
 * Returns false, after saying what went wrong, when the render was not so. */
static bool render_fails_cleanly(Compilation *c, const Checked *prog, Target target, uint64_t n,
                                 const char *stack) {
  unsigned internal_before = c->diag.ninternal;
  calls = 0;
  fail_after = n;
  char *text = driver_render(c, prog, target, "");
  fail_after = UINT64_MAX;
  const Diag *last = c->diag.last;
  bool reported = c->diag.ninternal == internal_before + 1 && last &&
                  strncmp(last->msg, "internal error: out of memory", 29) == 0;
  bool ok = !text && reported && live == 0;
  if (!ok)
    fprintf(stderr, "  %s --target %s, allocation %llu failing: %s, %s, %llu blocks left\n", stack,
            target_names[target], (unsigned long long)n, text ? "a template" : "no template",
            reported ? "reported" : "not reported", (unsigned long long)live);
  free(text);
  return ok;
}

/* Whether tests/golden has NAME + suffix (a golden output for that target). */
static bool golden_exists(const char *dir, const char *name, const char *suffix) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s%s", dir, name, suffix);
  FILE *f = fopen(path, "r");
  if (f) fclose(f);
  return f != NULL;
}

/* Every failure point of every target the golden stack `name` has an output for. */
static void test_stack(const char *dir, const char *name) {
  char path[4096], err[512];
  snprintf(path, sizeof path, "%s/%s.stack", dir, name);
  char *src = NULL;
  size_t len = 0;
  bool read = read_file(path, &src, &len, err, sizeof err) == 0;
  if (!read) fprintf(stderr, "%s\n", err);
  ASSERT(read);
  if (!read) return;
  Compilation c;
  Checked prog;
  compilation_init(&c);
  bool checked = driver_check(&c, path, src, len, &prog);
  if (!checked) diag_flush(&c.diag, stderr);
  ASSERT(checked);
  /* --target cfn-yaml prints the tree --target cfn builds: one of them is enough. */
  static const Target targets[] = {TARGET_CFN, TARGET_TF};
  static const char *const suffixes[] = {[TARGET_CFN] = ".cfn.json", [TARGET_TF] = ".tf.json"};
  for (size_t i = 0; checked && i < sizeof targets / sizeof targets[0]; i++) {
    if (!golden_exists(dir, name, suffixes[targets[i]])) continue;
    calls = 0;
    char *whole = driver_render(&c, &prog, targets[i], "");
    uint64_t needed = calls;
    ASSERT(whole != NULL && live == 0 && needed > 0);
    free(whole);
    bool all_clean = true;
    for (uint64_t n = 0; n < needed && all_clean; n++)
      all_clean = render_fails_cleanly(&c, &prog, targets[i], n, name);
    ASSERT(all_clean);
  }
  compilation_free(&c);
  free(src);
}

/* A backend bug the builder meets (a NULL string, key or node) fails the
 * build as an allocation failure does, saying which it was: the helpers
 * after it make nothing, and the tree is freed. */
static void expect_bug(const char *which, const char *why) {
  json_build_begin();
  cJSON *root = jobj();
  cJSON *list = put_arr(root, "list");
  push(list, jstr("first"));
  if (strcmp(which, "string") == 0) put_str(root, "name", NULL);
  if (strcmp(which, "key") == 0) put_str(root, NULL, "text");
  if (strcmp(which, "node") == 0) push(list, NULL);
  ASSERT(put_str(root, "after", "text") == NULL && jobj() == NULL);
  ASSERT(json_build_end(root) == NULL);
  const char *got = json_build_failure();
  ASSERT(got && strcmp(got, why) == 0);
  ASSERT(live == 0);
}

static void test_builder_bugs(void) {
  json_build_begin();
  cJSON *root = jobj();
  put_str(put_obj(root, "a"), "b", "c");
  ASSERT(json_build_end(root) == root && json_build_failure() == NULL);
  cJSON_Delete(root);
  ASSERT(live == 0);
  expect_bug("string", "a string the backend did not have");
  expect_bug("key", "a key the backend did not have");
  expect_bug("node", "a node the backend did not make");
}

int main(void) {
  cJSON_Hooks hooks = {.malloc_fn = counted_malloc, .free_fn = counted_free};
  cJSON_InitHooks(&hooks);
  test_builder_bugs();
  const char *top = getenv("top_srcdir");
  char dir[2048];
  snprintf(dir, sizeof dir, "%.2000s/tests/golden", top && *top ? top : ".");
  DIR *d = opendir(dir);
  ASSERT(d != NULL);
  unsigned stacks = 0;
  for (struct dirent *e; d && (e = readdir(d));) {
    size_t n = strlen(e->d_name);
    if (n <= 6 || strcmp(e->d_name + n - 6, ".stack") != 0) continue;
    char name[256];
    snprintf(name, sizeof name, "%.*s", (int)(n - 6), e->d_name);
    test_stack(dir, name);
    stacks++;
  }
  if (d) closedir(d);
  ASSERT(stacks > 0);
  return test_summary();
}
