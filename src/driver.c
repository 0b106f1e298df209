/* driver.c — the pipeline: parse → check → plan → backend → emit. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "driver.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
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
#include "json_build.h"
#include "util.h"
#include "codedir.h"

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

/* The project root (compile.h): --root, else the stack file's directory. */
static bool resolve_root(Compilation *c, const char *path) {
  if (!c->root_dir) c->root_dir = dir_of(c, path);
  char real[PATH_MAX];
  if (!realpath(c->root_dir, real)) {
    diag_error(&c->diag, (Span){0, 0, 0}, "cannot resolve the project root '%s': %s", c->root_dir,
               strerror(errno));
    return false;
  }
  c->root = arena_strdup(&c->arena, real);
  return true;
}

/* Runs one backend; NULL when it failed (an internal error, or an
 * allocation: reported), and also after a user error (a name collision). */
static cJSON *run_backend(Compilation *c, const Checked *prog, Target target, const BackendOptions *opt) {
  unsigned errors_before = c->diag.nerrors, internal_before = c->diag.ninternal;
  cJSON *doc = target == TARGET_TF ? backend_tf(c, prog->ir, prog->plan, opt)
                                   : backend_cfn(c, prog->ir, prog->plan, opt);
  /* A backend that met an inconsistent plan reported it and left something
   * out: such a template is never written. */
  if (c->diag.ninternal > internal_before || (doc && c->diag.nerrors > errors_before)) {
    cJSON_Delete(doc);
    return NULL;
  }
  if (!doc)   /* json_build.h: an allocation (or a backend bug) failed the tree, which was dropped */
    diag_internal_error(&c->diag, (Span){0, 0, 0}, "%s while building the %s", json_build_failure(),
                        target == TARGET_TF ? "Terraform configuration" : "CloudFormation template");
  return doc;
}

/* Both targets, in memory: what only a backend can find (its names'
 * collisions, CloudFormation's caps, as warnings) is reported by check. */
static bool check_targets(Compilation *c, Checked *prog) {
  BackendOptions opt = {.code_prefix = "", .cfn_caps = &prog->cfn_caps};
  cJSON *cfn = run_backend(c, prog, TARGET_CFN, &opt);
  opt.cfn_caps = NULL;
  cJSON *tf = run_backend(c, prog, TARGET_TF, &opt);
  bool ok = cfn && tf;
  cJSON_Delete(cfn);
  cJSON_Delete(tf);
  return ok;
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
  if (!resolve_root(c, path)) return false;
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
  return out->plan && c->diag.nerrors == 0 && check_targets(c, out);
}

/* The S3 key of a function's code is "<name>-<sha256 of its zip>.zip": the zip is
 * deterministic, so the key, and thus the template, changes exactly when the code does. Only
 * CloudFormation needs it (Terraform's archive_file zips at plan time), so it is made here, and
 * each code directory is zipped once however many functions share it (codedir.c). */
static void set_code_key(Compilation *c, IrRes *fn, const char *hash) {
  fn->code_key = arena_printf(&c->arena, "%s-%s.zip", fn->name, hash);
}

static bool assign_code_keys(Compilation *c, const Checked *prog) {
  bool ok = true;
  for (uint32_t i = 0; i < prog->plan->functions.n; i++) {
    IrRes *fn = (IrRes *)((PlanFunction *)prog->plan->functions.items[i])->fn;
    char err[512];
    const char *hash = fn->code ? code_dir_hash(fn->code, err, sizeof err) : NULL;
    if (hash) {
      set_code_key(c, fn, hash);
    } else if (!fn->code) {   /* set for every function that checked */
      diag_internal_error(&c->diag, fn->origin, "the code of function '%s' was not checked", fn->name);
      ok = false;
    } else {
      diag_error(&c->diag, fn->attrs[FN_CODE]->origin, "cannot read code directory '%s': %s", fn->code_dir, err);
      ok = false;
    }
  }
  return ok;
}

char *driver_render(Compilation *c, const Checked *prog, Target target, const char *code_prefix) {
  if (!prog->plan) return NULL;   /* a library: nothing to render */
  if (target != TARGET_TF && prog->cfn_caps.n > 0) {   /* warnings of the check: errors when building it */
    for (uint32_t i = 0; i < prog->cfn_caps.n; i++) diag_make_error(&c->diag, prog->cfn_caps.items[i]);
    return NULL;
  }
  if (target != TARGET_TF && !assign_code_keys(c, prog)) return NULL;
  BackendOptions opt = {.code_prefix = code_prefix ? code_prefix : "", .cfn_caps = NULL};
  cJSON *doc = run_backend(c, prog, target, &opt);
  if (!doc) return NULL;
  char *text = target == TARGET_CFN_YAML ? emit_yaml(doc) : emit_json(doc);
  cJSON_Delete(doc);
  return text;
}

/* Writes `zip` as DIR/KEY. */
static int write_zip(const char *dir, const char *key, const unsigned char *zip, size_t len, char *err,
                     size_t errlen) {
  size_t plen = strlen(dir) + strlen(key) + 2;
  char *path = xmalloc(plen);
  snprintf(path, plen, "%s/%s", dir, key);
  int rc = write_file_atomic(path, zip, len, err, errlen);
  free(path);
  return rc;
}

/* The functions sharing one code directory get the same bytes under their own keys: the
 * directory is zipped once, those bytes hashed for the keys and written, then dropped (so
 * at most one zip is in memory). */
int driver_package(Compilation *c, const Checked *prog, const char *dir, char *err, size_t errlen) {
  const PtrVec *fns = &prog->plan->functions;
  bool *written = xmalloc((fns->n ? fns->n : 1) * sizeof *written);
  memset(written, 0, (fns->n ? fns->n : 1) * sizeof *written);
  int rc = 0;
  for (uint32_t i = 0; i < fns->n && rc == 0; i++) {
    IrRes *fn = (IrRes *)((PlanFunction *)fns->items[i])->fn;
    const unsigned char *zip;
    size_t len;
    const char *hash;
    char why[512];
    if (written[i]) continue;
    if (!fn->code) {   /* set for every function that checked */
      snprintf(err, errlen, "internal error: the code of function '%s' was not checked", fn->name);
      rc = -1;
      break;
    }
    if (code_dir_zip(fn->code, &zip, &len, &hash, why, sizeof why) != 0) {
      snprintf(err, errlen, "cannot read code directory '%s': %s", fn->code_dir, why);
      rc = -1;
      break;
    }
    for (uint32_t j = i; j < fns->n && rc == 0; j++) {
      IrRes *other = (IrRes *)((PlanFunction *)fns->items[j])->fn;
      if (other->code != fn->code) continue;
      written[j] = true;
      set_code_key(c, other, hash);
      rc = write_zip(dir, other->code_key, zip, len, err, errlen);
    }
    code_dir_drop_zip(fn->code);
  }
  free(written);
  return rc;
}
