/* test_backend.c -- an internal error of either backend writes nothing;
 * CloudFormation counts its resources per declaration group.
 *
 * A backend meets an inconsistent plan only through a bug in stackc, so no
 * input can show what happens then; here the plan of a checked program is
 * made inconsistent on purpose (an api's plan entry removed) and every
 * target is rendered. Each must report
 * one "internal error: ..." diagnostic through diag_internal_error and
 * return no text (main then exits 2 and writes no output file), the same on
 * CloudFormation (which used to abort) and Terraform (which used to return
 * the template, so the build wrote it and exited 0). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "driver.h"
#include "testing.h"

static const char *const target_names[] = {[TARGET_CFN] = "cfn", [TARGET_CFN_YAML] = "cfn-yaml",
                                           [TARGET_TF] = "tf"};

/* Compiles `src` as if it were tests/errors/t.stack, where the code
 * directory src/fn is. */
static bool compile(Compilation *c, const char *src, Checked *prog) {
  compilation_init(c);
  const char *top = getenv("top_srcdir");
  char path[4096];
  snprintf(path, sizeof path, "%s/tests/errors/t.stack", top && *top ? top : ".");
  bool ok = driver_check(c, path, src, strlen(src), prog);
  if (!ok) diag_flush(&c->diag, stderr);
  return ok;
}

/* The resource declared as `name`. */
static IrRes *resource(const Checked *prog, const char *name) {
  for (uint32_t i = 0; i < prog->ir->resources.n; i++) {
    IrRes *r = prog->ir->resources.items[i];
    if (strcmp(r->name, name) == 0) return r;
  }
  return NULL;
}

/* Renders `target` and expects no text and one more internal error, whose
 * message starts with `want`. */
static void expect_internal_error(Compilation *c, const Checked *prog, Target target, const char *want) {
  unsigned before = c->diag.ninternal, errors_before = c->diag.nerrors;
  char *text = driver_render(c, prog, target, "");
  ASSERT(text == NULL);
  ASSERT(c->diag.ninternal == before + 1);
  ASSERT(c->diag.nerrors == errors_before + 1);
  const Diag *last = c->diag.last;
  bool said = last && last->level == DIAG_ERROR && strncmp(last->msg, want, strlen(want)) == 0;
  ASSERT(said);
  if (!said || text)
    fprintf(stderr, "  --target %s: got %s, last message '%s'\n", target_names[target], text ? "a template" : "NULL",
            last ? last->msg : "(none)");
  free(text);
}

/* An api whose plan entry is missing: both backends need it. */
static void test_missing_plan_entry(void) {
  static const Target targets[] = {TARGET_CFN, TARGET_CFN_YAML, TARGET_TF};
  for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
    Compilation c;
    Checked prog;
    bool ok = compile(&c, "api web {}\nbucket b {}\n", &prog);
    ASSERT(ok);
    IrRes *api = ok ? resource(&prog, "web") : NULL;
    ASSERT(api != NULL);
    if (api) {
      char *sound = driver_render(&c, &prog, targets[i], "");   /* the plan as made renders */
      ASSERT(sound != NULL && c.diag.nerrors == 0);
      free(sound);
      prog.plan->entry[api->index] = NULL;
      expect_internal_error(&c, &prog, targets[i], "internal error: no plan for api 'web'");
    }
    compilation_free(&c);
  }
}

/* The CloudFormation resources of each declaration's group: a function with
 * its role, log group, permissions, mapping, subscription and schedule; a
 * bucket with its public-read policy, a queue with its dead-letter queue,
 * an api with its stage, access logs, integration and route; the topic key
 * is the stack's own. Every resource is in exactly one group. */
static void test_groups(void) {
  Compilation c;
  Checked prog;
  bool ok = compile(&c, "bucket site { public = true }\nqueue jobs { retries = 2 }\ntopic ops {}\n"
                        "alarm old { metric = jobs.age threshold = 60 notify = ops }\napi web { access_logs = true }\n"
                        "function f { runtime = \"nodejs22.x\" handler = \"index.handler\" code = \"src/fn\" }\n"
                        "on site.created run f\non jobs run f\non ops run f\non rate(1h) run f\n"
                        "on web.get(\"/\") run f\n",
                    &prog);
  ASSERT(ok);
  if (ok) {
    /* f: itself, its role and log group, four permissions (site, ops, web,
     * the schedule), the mapping from jobs, the subscription to ops and the
     * schedule's rule; web: itself, stage, access logs, integration, route. */
    static const struct { const char *decl; uint32_t size; } want[] = {
      {"site", 2}, {"jobs", 2}, {"ops", 1}, {"old", 1}, {"web", 5}, {"f", 10}};
    uint32_t n = prog.ir->resources.n, groups[8] = {0}, total = 0;
    ASSERT(n + 1 <= 8);
    BackendOptions opt = {.code_prefix = "", .cfn_groups = groups};
    cJSON *doc = backend_cfn(&c, prog.ir, prog.plan, &opt);
    ASSERT(doc != NULL);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
      const IrRes *r = resource(&prog, want[i].decl);
      ASSERT(r != NULL);
      if (r && groups[r->index] != want[i].size)
        fprintf(stderr, "  group of '%s': %u resources, want %u\n", want[i].decl, groups[r->index], want[i].size);
      ASSERT(r && groups[r->index] == want[i].size);
    }
    ASSERT(groups[n] == 1);   /* the topic key */
    for (uint32_t i = 0; i <= n; i++) total += groups[i];
    ASSERT(doc && total == (uint32_t)cJSON_GetArraySize(cJSON_GetObjectItem(doc, "Resources")));
    cJSON_Delete(doc);
  }
  compilation_free(&c);
}

int main(void) {
  test_missing_plan_entry();
  test_groups();
  return test_summary();
}
