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
#include "resolve.h"
#include "emit.h"
#include "resolve.h"
#include "fileio.h"
#include "zip.h"

/* At most this many top-level declarations in a file (docs/limits.md); the
 * checker's cost grows faster than linearly with them. */
#define STACKC_MAX_DECLS 10000u

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

/* A stack file is UTF-8 text: reports the first NUL byte, or the first
 * invalid UTF-8 sequence (with how many there are), and returns false. */
static bool check_encoding(Compilation *c, uint32_t file, const char *text, size_t len) {
  const unsigned char *p = (const unsigned char *)text;
  size_t bad = 0, first = 0;
  for (size_t i = 0; i < len;) {
    if (p[i] == 0) {
      diag_error(&c->diag, (Span){file, (uint32_t)i, (uint32_t)i + 1},
                 "NUL byte in the file: a stack file is UTF-8 text, not binary data");
      return false;
    }
    size_t k = utf8_seq(p + i, len - i);
    if (k == 0) {
      if (bad++ == 0) first = i;
      k = 1;
    }
    i += k;
  }
  if (bad == 0) return true;
  if (bad == 1)
    diag_error(&c->diag, (Span){file, (uint32_t)first, (uint32_t)first + 1},
               "invalid UTF-8 (byte 0x%02X): a stack file must be UTF-8 text", p[first]);
  else
    diag_error(&c->diag, (Span){file, (uint32_t)first, (uint32_t)first + 1},
               "invalid UTF-8 (byte 0x%02X, the first of %zu invalid bytes): a stack file must be "
               "UTF-8 text", p[first], bad);
  return false;
}

bool driver_check(Compilation *c, const char *path, const char *text, size_t len, Checked *out) {
  memset(out, 0, sizeof *out);
  if (len > STACKC_MAX_FILE_BYTES) {
    diag_error(&c->diag, (Span){0, 0, 0}, "'%s' is too large: %zu bytes (the limit is %u MiB)", path,
               len, (unsigned)(STACKC_MAX_FILE_BYTES >> 20));
    return false;
  }
  /* A UTF-8 byte order mark is allowed and ignored (editors on Windows write
   * one). Dropped before the file is stored, so columns do not count it. */
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
    text += 3;
    len -= 3;
  }
  const char *shown = strcmp(path, "-") == 0 ? "<stdin>" : path;
  uint32_t file = source_add(&c->sources, &c->arena, shown, text, (uint32_t)len);
  if (strcmp(path, "-") != 0) c->sources.files[file].disk_path = c->sources.files[file].path;
  if (!check_encoding(c, file, text, len)) return false;
  Ast *ast = parse_file(c, file);
  if (c->diag.nerrors) return false;
  size_t ndecls = 0;
  bool declares_component = false;
  for (Node *d = ast->decls; d; d = d->next) {
    ndecls++;
    declares_component = declares_component || d->kind == N_COMPONENT;
  }
  if (ndecls == 0) {
    diag_error(&c->diag, (Span){file, 0, 0},
               "the file declares nothing: a stack needs at least one resource");
    return false;
  }
  if (ndecls > STACKC_MAX_DECLS) {
    Node *d = ast->decls;
    for (size_t i = 0; i < STACKC_MAX_DECLS; i++) d = d->next;
    diag_error(&c->diag, d->span, "too many declarations: %zu (the limit is %u)", ndecls,
               (unsigned)STACKC_MAX_DECLS);
    return false;
  }
  /* Resolve errors leave stand-ins for what failed (resolve.c), so the
   * checker goes on and reports the file's other errors too. */
  ast = resolve_program(c, ast, path);
  out->ir = check_program(c, ast, dir_of(c, path), driver_default_stack_name(c, path));
  if (c->diag.nerrors) return false;
  if (out->ir->resources.n == 0) {
    /* A file of components only is a library: it checks, but does not build. */
    out->library = declares_component;
    if (out->library) return true;
    diag_error(&c->diag, ast->decls ? ast->decls->span : (Span){file, 0, 0},
               "the stack has no resources: CloudFormation refuses a template without one");
    return false;
  }
  out->plan = plan_build(c, out->ir);
  return out->plan && c->diag.nerrors == 0;
}

char *driver_render(Compilation *c, const Checked *prog, Target target, const char *code_prefix) {
  if (!prog->plan) return NULL;   /* a library: nothing to render */
  if (target != TARGET_TF && !plan_cfn_limits(c, prog->plan)) return NULL;
  BackendOptions opt = {code_prefix ? code_prefix : ""};
  unsigned internal_before = c->diag.ninternal;
  cJSON *doc = target == TARGET_TF ? backend_tf(c, prog->ir, prog->plan, &opt)
                                   : backend_cfn(c, prog->ir, prog->plan, &opt);
  /* A backend that met an inconsistent plan reported it and left something
   * out: such a template is never written. */
  if (c->diag.ninternal > internal_before) {
    cJSON_Delete(doc);
    return NULL;
  }
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
