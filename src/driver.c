/* driver.c — the pipeline: parse → check → plan → backend → emit. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "driver.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "backend.h"
#include "check.h"
#include "emit.h"
#include "fileio.h"
#include "zip.h"

/* The directory part of `path` ("." when it has none; "." for stdin). */
static const char *dir_of(Compilation *c, const char *path) {
  const char *slash = strrchr(path, '/');
  if (strcmp(path, "-") == 0 || !slash) return ".";
  if (slash == path) return "/";
  return arena_strndup(&c->arena, path, (size_t)(slash - path));
}

const char *driver_default_stack_name(Compilation *c, const char *path) {
  if (strcmp(path, "-") == 0) return "stack";
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t n = strlen(base);
  if (n > 6 && strcmp(base + n - 6, ".stack") == 0) n -= 6;
  char *name = arena_strndup(&c->arena, base, n);
  for (char *p = name; *p; p++)
    if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_') *p = '-';
  return *name ? name : "stack";
}

bool driver_check(Compilation *c, const char *path, const char *text, size_t len, Checked *out) {
  memset(out, 0, sizeof *out);
  if (len > UINT32_MAX / 2) {
    diag_error(&c->diag, (Span){0, 0, 0}, "'%s' is too large (%zu bytes)", path, len);
    return false;
  }
  const char *shown = strcmp(path, "-") == 0 ? "<stdin>" : path;
  uint32_t file = source_add(&c->sources, &c->arena, shown, text, (uint32_t)len);
  Ast *ast = parse_file(c, file);
  if (c->diag.nerrors) return false;
  out->ir = check_program(c, ast, dir_of(c, path), driver_default_stack_name(c, path));
  if (c->diag.nerrors) return false;
  out->plan = plan_build(c, out->ir);
  return out->plan && c->diag.nerrors == 0;
}

char *driver_render(Compilation *c, const Checked *prog, Target target, const char *code_prefix) {
  BackendOptions opt = {code_prefix ? code_prefix : ""};
  cJSON *doc = target == TARGET_TF ? backend_tf(c, prog->ir, prog->plan, &opt)
                                   : backend_cfn(c, prog->ir, prog->plan, &opt);
  if (!doc) return NULL;
  char *text = target == TARGET_CFN_YAML ? emit_yaml(doc) : emit_json(doc);
  cJSON_Delete(doc);
  return text;
}

int driver_package(const Checked *prog, const char *dir, char *err, size_t errlen) {
  for (uint32_t i = 0; i < prog->plan->functions.n; i++) {
    const IrRes *fn = ((PlanFunction *)prog->plan->functions.items[i])->fn;
    unsigned char *zip = NULL;
    size_t len = 0;
    if (zip_directory(fn->code_path, &zip, &len, err, errlen) != 0) return -1;
    size_t plen = strlen(dir) + strlen(fn->code_key) + 2;
    char *path = malloc(plen);
    if (!path) {
      free(zip);
      return -1;
    }
    snprintf(path, plen, "%s/%s", dir, fn->code_key);
    int rc = write_file_atomic(path, zip, len, err, errlen);
    free(path);
    free(zip);
    if (rc != 0) return -1;
  }
  return 0;
}
