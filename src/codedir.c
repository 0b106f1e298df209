/* codedir.c — the code directories of one compilation: scanned once, zipped once (codedir.h). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "codedir.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sha256.h"
#include "util.h"
#include "zip.h"

struct CodeDir {
  const char *real;              /* resolved directory */
  const char *written;           /* as the stack file names it, for messages */
  const char *const *excludes;   /* the function's patterns, NULL-terminated (maybe empty) */
  const char *const *skip;       /* this run's output below `real`, relative, NULL-terminated */
  CodeTree tree;                 /* what the zip holds (code_scan) */
  unsigned char *zip;            /* made on first need, or NULL */
  size_t zip_len;
  char hash[65];                 /* hex SHA-256 of the zip, "" until zipped */
  bool failed;                   /* the scan found a problem (reported): never zipped */
};

struct CodeDirs {
  NameMap by_key;                /* code_dir_key → CodeDir* */
  PtrVec all;                    /* CodeDir*, to free */
  bool outputs_resolved;
  const char *outputs[2];        /* this run's output, resolved (two ways, see resolve_outputs) */
  const char *tf_zip_folder;     /* code_dirs_tf_zip_folder, once known */
};

/* ---- paths ---------------------------------------------------------------- */

/* The absolute, symlink-free form of `path`, which need not exist yet (the output of a first
 * build): its longest existing prefix resolved (realpath), the rest appended as written. */
static const char *resolve_loosely(Arena *a, const char *path) {
  char real[PATH_MAX];
  char *head = arena_strdup(a, path);
  size_t n = strlen(head);
  while (n > 1 && head[n - 1] == '/') head[--n] = '\0';
  const char *rest = NULL;   /* what does not exist yet, as written */
  while (!realpath(head, real)) {
    if (str_eq(head, ".") || str_eq(head, "/")) return NULL;
    char *slash = strrchr(head, '/');
    const char *last = slash ? slash + 1 : head;   /* stays valid: head is cut before it */
    rest = rest ? arena_printf(a, "%s/%s", last, rest) : last;
    if (!slash) head = ".";
    else if (slash == head) head = "/";
    else *slash = '\0';
  }
  /* the missing part holds no link, so its "." and ".." are resolved as text */
  StrBuf b = {0};
  sb_puts(&b, real);
  for (const char *seg = rest; seg && *seg;) {
    size_t len = strcspn(seg, "/");
    if (len == 2 && seg[0] == '.' && seg[1] == '.') {
      char *slash = strrchr(b.data, '/');
      b.len = slash && slash != b.data ? (size_t)(slash - b.data) : 1;
      b.data[b.len] = '\0';
    } else if (len && !(len == 1 && seg[0] == '.')) {
      if (b.len > 1) sb_putc(&b, '/');
      sb_append(&b, seg, len);
    }
    seg = seg[len] ? seg + len + 1 : NULL;
  }
  const char *out = arena_strdup(a, b.data);
  sb_free(&b);
  return out;
}

/* This run's output as two resolved paths: its directory resolved with its own name kept (a
 * link's name is what a zip would hold), and the path with every link followed (where the bytes
 * go). */
static void resolve_outputs(Compilation *c, struct CodeDirs *all) {
  if (all->outputs_resolved) return;
  all->outputs_resolved = true;
  if (!c->output || !*c->output) return;
  const char *out = c->output;
  if (c->output_is_dir) {
    all->outputs[0] = resolve_loosely(&c->arena, out);
  } else {
    const char *slash = strrchr(out, '/');
    const char *dir = !slash ? "." : slash == out ? "/" : arena_strndup(&c->arena, out, (size_t)(slash - out));
    const char *base = slash ? slash + 1 : out;
    const char *real_dir = resolve_loosely(&c->arena, dir);
    if (real_dir && *base)
      all->outputs[0] = arena_printf(&c->arena, "%s%s%s", real_dir, str_eq(real_dir, "/") ? "" : "/", base);
  }
  char real[PATH_MAX];
  if (realpath(out, real) && (!all->outputs[0] || !str_eq(real, all->outputs[0])))
    all->outputs[all->outputs[0] ? 1 : 0] = arena_strdup(&c->arena, real);
}

const char *path_below(const char *path, const char *dir) {
  size_t n = strlen(dir);
  if (strncmp(path, dir, n) != 0) return NULL;
  if (path[n] == '\0') return "";
  if (str_eq(dir, "/")) return path + 1;
  return path[n] == '/' ? path + n + 1 : NULL;
}

/* ---- globs ---------------------------------------------------------------- */

/* `s` as a glob that matches exactly it. */
static const char *glob_escape(Arena *a, const char *s) {
  if (!s[strcspn(s, "*?[]{}\\")]) return s;
  StrBuf b = {0};
  for (const char *p = s; *p; p++) {
    if (strchr("*?[]{}\\", *p)) sb_putc(&b, '\\');
    sb_putc(&b, *p);
  }
  const char *out = arena_strdup(a, b.data);
  sb_free(&b);
  return out;
}

/* Whether a pattern leaves `rel` out: it matches the path or one of its directories. */
static bool excluded(const char *const *excludes, const char *rel, Arena *a) {
  for (const char *const *p = excludes; *p; p++)
    for (const char *slash = rel;; slash++) {
      slash = strchr(slash, '/');
      const char *prefix = slash ? arena_strndup(a, rel, (size_t)(slash - rel)) : rel;
      if (glob_match(*p, prefix)) return true;
      if (!slash) break;
    }
  return false;
}

/* ---- warnings ----------------------------------------------------------- */

/* How to add `pattern` to the function's exclude list (or to start one). */
static const char *suggest_exclude(Compilation *c, const CodeDir *d, const char *pattern) {
  if (!d->excludes[0]) return arena_printf(&c->arena, "add exclude = [\"%s\"]", pattern);
  return arena_printf(&c->arena, "add \"%s\" to its exclude list", pattern);
}

/* The pattern that leaves out `rel` and its siblings: its top directory, or the file itself. */
static const char *top_pattern(Compilation *c, const char *rel, bool is_dir) {
  size_t n = strcspn(rel, "/");
  const char *top = glob_escape(&c->arena, arena_strndup(&c->arena, rel, n));
  return rel[n] || is_dir ? arena_printf(&c->arena, "%s/**", top) : top;
}

/* The run's output inside the directory is never zipped (it is in `skip`), but the output of a
 * run with another -o would be: only an exclude keeps the code key the same across them. */
static void warn_output_inside(Compilation *c, const CodeDir *d, const char *rel, Span at) {
  const char *what = c->output_is_dir ? "package directory" : "output file";
  if (!*rel) {
    Diag *w = diag_warning(&c->diag, at, "code directory '%s' is this run's package directory", d->written);
    diag_note(&c->diag, w, at, "the zips written there would enter the next package's zips: package into a "
              "directory outside the code");
    return;
  }
  if (excluded(d->excludes, rel, &c->arena)) return;
  Diag *w = diag_warning(&c->diag, at, "code directory '%s' contains this run's %s '%s'", d->written, what, rel);
  diag_note(&c->diag, w, at, "this run leaves it out of the zip, but a build or package with another output "
            "would zip it and get another code key: %s", suggest_exclude(c, d, top_pattern(c, rel, c->output_is_dir)));
}

/* Terraform builds of old put their zips in `.stackc/` beside the output; inside a code directory
 * they enter the next zip. Warns about the first such folder the tree holds. */
static void warn_stackc_folder(Compilation *c, const CodeDir *d, Span at) {
  for (size_t i = 0; i < d->tree.n; i++) {
    const char *name = d->tree.files[i].name;
    for (const char *seg = name; seg; seg = strchr(seg, '/') ? strchr(seg, '/') + 1 : NULL) {
      if (strncmp(seg, ".stackc/", 8) != 0) continue;
      const char *folder = arena_strndup(&c->arena, name, (size_t)(seg - name) + 7);
      Diag *w = diag_warning(&c->diag, at, "code directory '%s' contains a '%s' folder, which would enter the zip",
                             d->written, folder);
      diag_note(&c->diag, w, at, "stackc's Terraform output once wrote its zips there: %s",
                suggest_exclude(c, d, arena_printf(&c->arena, "%s/**", glob_escape(&c->arena, folder))));
      return;
    }
  }
}

/* ---- scanning ----------------------------------------------------------- */

typedef struct ScanReport {
  Compilation *c;
  const CodeDir *d;
  Span at;
} ScanReport;

/* A problem, with the directory named as the stack file writes it ('src', not the resolved
 * '/home/.../src' the scan was given). */
static void report_problem(void *ctx, const char *message) {
  ScanReport *r = ctx;
  StrBuf b = {0};
  size_t n = strlen(r->d->real);
  for (const char *p = message; *p;) {
    const char *hit = strstr(p, r->d->real);
    bool quoted = hit && hit > message && hit[-1] == '\'' && (hit[n] == '\'' || hit[n] == '/');
    if (!hit) hit = p + strlen(p);
    sb_append(&b, p, (size_t)(hit - p));
    if (!*hit) break;
    if (quoted) sb_puts(&b, r->d->written);
    else sb_append(&b, hit, n);
    p = hit + n;
  }
  diag_error(&r->c->diag, r->at, "%s", b.data ? b.data : "");
  sb_free(&b);
}

static struct CodeDirs *code_dirs(Compilation *c) {
  if (!c->code_dirs) c->code_dirs = ARENA_NEW(&c->arena, struct CodeDirs);
  return c->code_dirs;
}

/* The cache key: the directory and each pattern, with their lengths (no two lists share one). */
static const char *code_dir_key(Compilation *c, const char *real, const char *const *excludes) {
  StrBuf b = {0};
  sb_puts(&b, real);
  for (const char *const *p = excludes; *p; p++) sb_printf(&b, "\n%zu:%s", strlen(*p), *p);
  const char *key = arena_strdup(&c->arena, b.data);
  sb_free(&b);
  return key;
}

/* The run's outputs below `real`, relative: what the zip must skip. */
static const char *const *skip_list(Compilation *c, struct CodeDirs *all, const char *real) {
  const char **skip = arena_alloc(&c->arena, 3 * sizeof *skip);
  size_t n = 0;
  resolve_outputs(c, all);
  for (size_t i = 0; i < 2; i++) {
    const char *rel = all->outputs[i] ? path_below(all->outputs[i], real) : NULL;
    if (rel && *rel && (n == 0 || !str_eq(skip[0], rel))) skip[n++] = rel;
  }
  skip[n] = NULL;
  return skip;
}

CodeDir *code_dir_check(Compilation *c, const char *real, const char *written, const char *const *excludes,
                        Span at) {
  static const char *const none[] = {NULL};
  if (!excludes) excludes = none;
  struct CodeDirs *all = code_dirs(c);
  const char *key = code_dir_key(c, real, excludes);
  CodeDir *d = map_get(&all->by_key, key);
  if (d) return d->failed ? NULL : d;
  d = ARENA_NEW(&c->arena, CodeDir);
  d->real = real;
  d->written = written;
  d->excludes = excludes;
  d->skip = skip_list(c, all, real);
  map_put(&c->arena, &all->by_key, key, d);
  vec_push(&c->arena, &all->all, d);
  CodeFilter filter = {.excludes = d->excludes, .skip = d->skip};
  ScanReport report = {c, d, at};
  size_t problems = code_scan(real, &filter, &d->tree, report_problem, &report);
  if (all->outputs[0] && path_below(all->outputs[0], real))
    warn_output_inside(c, d, path_below(all->outputs[0], real), at);
  warn_stackc_folder(c, d, at);
  d->failed = problems > 0;
  return d->failed ? NULL : d;
}

/* ---- zipping -------------------------------------------------------------- */

int code_dir_zip(CodeDir *d, const unsigned char **zip, size_t *len, const char **hash, char *err,
                 size_t errlen) {
  if (!d->zip) {
    if (zip_tree(d->real, &d->tree, &d->zip, &d->zip_len, err, errlen) != 0) return -1;
    uint8_t digest[32];
    sha256(d->zip, d->zip_len, digest);
    sha256_hex(digest, d->hash);
  }
  *zip = d->zip;
  *len = d->zip_len;
  *hash = d->hash;
  return 0;
}

void code_dir_drop_zip(CodeDir *d) {
  free(d->zip);
  d->zip = NULL;
  d->zip_len = 0;
}

const char *code_dir_hash(CodeDir *d, char *err, size_t errlen) {
  if (d->hash[0]) return d->hash;
  const unsigned char *zip;
  size_t len;
  const char *hash;
  if (code_dir_zip(d, &zip, &len, &hash, err, errlen) != 0) return NULL;
  code_dir_drop_zip(d);   /* the key needs only the hash */
  return hash;
}

/* ---- Terraform ---------------------------------------------------------- */

const char *const *code_dir_tf_excludes(Compilation *c, const CodeDir *d) {
  size_t n = 0, k = 0;
  while (d->excludes[n]) n++;
  while (d->skip[k]) k++;
  const char **out = arena_alloc(&c->arena, (n + k + 2) * sizeof *out);
  size_t m = 0;
  for (size_t i = 0; i < n; i++) out[m++] = d->excludes[i];
  out[m++] = "**/.git/**";   /* zip.h: a .git directory at any depth never enters a zip */
  for (size_t i = 0; i < k; i++) out[m++] = glob_escape(&c->arena, d->skip[i]);
  out[m] = NULL;
  return out;
}

/* The parent of a resolved directory. */
static const char *parent_dir(Arena *a, const char *dir) {
  const char *slash = strrchr(dir, '/');
  return !slash || slash == dir ? "/" : arena_strndup(a, dir, (size_t)(slash - dir));
}

/* Whether `dir`/.stackc lies inside any code directory of the compilation. */
static bool stackc_folder_in_code(Compilation *c, const char *dir) {
  const char *folder = arena_printf(&c->arena, "%s%s.stackc", dir, str_eq(dir, "/") ? "" : "/");
  for (uint32_t i = 0; c->code_dirs && i < c->code_dirs->all.n; i++) {
    const CodeDir *d = c->code_dirs->all.items[i];
    if (path_below(folder, d->real)) return true;
  }
  return false;
}

const char *code_dirs_tf_zip_folder(Compilation *c, const char *source_dir) {
  struct CodeDirs *all = code_dirs(c);
  if (all->tf_zip_folder) return all->tf_zip_folder;
  const char *stack_dir = resolve_loosely(&c->arena, source_dir);
  if (!stack_dir) return ".stackc/";
  const char *dir = stack_dir;
  while (!str_eq(dir, "/") && stackc_folder_in_code(c, dir)) dir = parent_dir(&c->arena, dir);
  StrBuf b = {0};
  const char *below = path_below(stack_dir, dir);
  for (const char *p = below; p && *p; p++)
    if (p == below || p[-1] == '/') sb_puts(&b, "../");
  sb_puts(&b, ".stackc/");
  all->tf_zip_folder = arena_strdup(&c->arena, b.data);
  sb_free(&b);
  return all->tf_zip_folder;
}

void code_dirs_free(Compilation *c) {
  if (!c->code_dirs) return;
  for (uint32_t i = 0; i < c->code_dirs->all.n; i++) {
    CodeDir *d = c->code_dirs->all.items[i];
    code_tree_free(&d->tree);
    code_dir_drop_zip(d);
  }
  c->code_dirs = NULL;
}
