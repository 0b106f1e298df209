/* resolve.c — imports, components and their instances.
 *
 * Pipeline position: parser → [resolve] → check.
 *
 * 1. Imports: each `import "PATH"` is read once (by real path) and parsed;
 *    a file being imported again while it is still open is an import cycle.
 *    Imported files may hold only imports and components.
 * 2. Components of every file go in one table (a name declared twice is an
 *    error).
 * 3. Each `use C I { ARGS }` becomes, in place: one `let I_P = ARG` per
 *    parameter P (typed with P's type, so the checker type-checks the
 *    argument), then C's declarations cloned with every name C declares
 *    (and every parameter) prefixed by `I_`. A component's `output O = E`
 *    becomes `let I_O = E`. Uses inside components expand the same way,
 *    recursively (a component using itself is an error).
 * 4. `I.O` anywhere becomes the identifier `I_O`.
 * 5. A component of the main file that no `use` instantiates is expanded
 *    once more, as if used, so the checker checks it too: under the prefix
 *    `C.` (no name a user writes has a dot), each parameter standing for any
 *    value of its type (N_ABSTRACT), for any resource of its kind (an
 *    abstract N_RESOURCE), or holding its default. Those declarations are
 *    marked `alone`: the checker checks them and leaves them out of the
 *    program. Imported components are checked where they are declared
 *    (`stackc check` on the library file).
 * Expanded declarations remember their `use` (Node.from_use), so the
 * checker can point at the component line with a note at the use.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "resolve.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"
#include "kinds.h"
#include "util.h"

#define MAX_USE_DEPTH 16

typedef struct Instance {
  const char *name;          /* the instance's full name: "www", "shop_www" */
  const Node *component;     /* its N_COMPONENT */
  const Node *use;           /* the `use` that made it */
} Instance;

typedef struct Resolver {
  Compilation *c;
  PtrVec components;         /* N_COMPONENT* of every file */
  NameMap files_read;        /* real path → the FileFrame of each file read (each once) */
  NameMap component_names;   /* name → the first N_COMPONENT of that name */
  NameMap instance_names;    /* name → Instance* */
  PtrVec main_decls;         /* the main file's declarations */
  NameMap main_names;        /* name → the main file's first resource, let or param of that name */
  NameMap failed_names;      /* name → its stand-in (declare_failed) */
  const Node *use_stack[MAX_USE_DEPTH];   /* components being expanded */
  uint32_t use_depth;
  bool alone;                /* expanding a component checked on its own (step 5) */
} Resolver;

/* ---- imports ------------------------------------------------------------- */

static const char *dir_of(Compilation *c, const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash || strcmp(path, "-") == 0) return ".";
  return slash == path ? "/" : arena_strndup(&c->arena, path, (size_t)(slash - path));
}

static bool is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool has_extension(const char *name) {
  const char *base = strrchr(name, '/');
  return strchr(base ? base : name, '.') != NULL;
}

/* `dir/name`, with ".stack" added when `add_ext`. */
static const char *import_path(Compilation *c, const char *dir, const char *name, bool add_ext) {
  const char *ext = add_ext ? ".stack" : "";
  return str_eq(dir, ".") ? arena_printf(&c->arena, "%s%s", name, ext)
                          : arena_printf(&c->arena, "%s/%s%s", dir, name, ext);
}

/* `dir/name` with ".stack" added when the name has no extension, if it is a file. */
static const char *try_dir(Compilation *c, const char *dir, const char *name) {
  if (!dir || !*dir) return NULL;
  const char *path = import_path(c, dir, name, !has_extension(name));
  return is_file(path) ? path : NULL;
}

/* Calls visit(ctx, DIR) for each directory that `import "NAME"` searches,
 * in order, until it returns true: the importer's directory for a relative
 * NAME; for "std/...", the -I directories, STACKC_PATH, the installed
 * standard library and the source tree's. */
typedef bool (*DirVisitor)(void *ctx, const char *dir);
static void each_import_dir(Compilation *c, const char *name, const char *importer_dir, DirVisitor visit,
                            void *ctx) {
  if (!str_has_prefix(name, "std/")) {
    visit(ctx, importer_dir);
    return;
  }
  for (uint32_t i = 0; i < c->ninclude_dirs; i++)
    if (visit(ctx, c->include_dirs[i])) return;
  for (const char *env = getenv("STACKC_PATH"); env && *env;) {
    size_t n = strcspn(env, ":");
    if (visit(ctx, arena_strndup(&c->arena, env, n))) return;
    env += n + (env[n] == ':');
  }
#ifdef STACKC_PKGDATADIR
  if (visit(ctx, STACKC_PKGDATADIR "/stdlib")) return;
#endif
#ifdef STACKC_SRCDIR
  visit(ctx, STACKC_SRCDIR "/stdlib");
#endif
}

typedef struct ImportSearch {
  Compilation *c;
  const char *name;          /* as written in the import */
  const char *found;         /* the file, once found */
  const char *odd;           /* not found: what stands in its place (a directory, a FIFO, ...) */
  mode_t odd_mode;           /* and its st_mode */
  const char *names[256];    /* for a suggestion: the files the search saw, named as in an import */
  size_t nnames;
} ImportSearch;

static bool find_in_dir(void *ctx, const char *dir) {
  ImportSearch *s = ctx;
  s->found = try_dir(s->c, dir, s->name);
  return s->found != NULL;
}

const char *resolve_find_import(Compilation *c, const char *name, const char *importer_dir) {
  ImportSearch s = {.c = c, .name = name};
  each_import_dir(c, name, importer_dir, find_in_dir, &s);
  return s.found;
}

/* Collects the .stack files next to where `name` was looked for, named as
 * an import would name them ("std/static_site"). */
static bool list_dir(void *ctx, const char *dir) {
  ImportSearch *s = ctx;
  const char *slash = strrchr(s->name, '/');
  const char *sub = slash ? arena_strndup(&s->c->arena, s->name, (size_t)(slash - s->name)) : NULL;
  bool with_ext = str_has_suffix(s->name, ".stack");
  DIR *d = opendir(sub ? arena_printf(&s->c->arena, "%s/%s", dir && *dir ? dir : ".", sub) : (dir && *dir ? dir : "."));
  for (struct dirent *e; d && (e = readdir(d)) && s->nnames < sizeof s->names / sizeof s->names[0];) {
    size_t n = strlen(e->d_name);
    if (n <= 6 || !str_has_suffix(e->d_name, ".stack")) continue;
    s->names[s->nnames++] = arena_printf(&s->c->arena, "%s%s%.*s%s", sub ? sub : "", sub ? "/" : "", (int)(n - 6),
                                         e->d_name, with_ext ? ".stack" : "");
  }
  if (d) closedir(d);
  return false;
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The importable name closest to `name`, or NULL. Sorted first: directory
 * order differs between machines, the suggestion must not. */
static const char *suggest_import(Compilation *c, const char *name, const char *importer_dir) {
  ImportSearch s = {.c = c, .name = name};
  each_import_dir(c, name, importer_dir, list_dir, &s);
  qsort(s.names, s.nnames, sizeof s.names[0], compare_names);
  return did_you_mean(name, s.names, s.nnames);
}

/* What an import looks for, NAME.stack, or NAME itself (a directory `lib`
 * for `import "lib"`), when it is there but is no regular file. */
static bool find_odd(void *ctx, const char *dir) {
  ImportSearch *s = ctx;
  if (!dir || !*dir) return false;
  bool add_ext = !has_extension(s->name);
  for (int bare = 0; bare <= add_ext; bare++) {
    const char *path = import_path(s->c, dir, s->name, add_ext && !bare);
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {   /* stat: never opens it, so no FIFO blocks */
      s->odd = path;
      s->odd_mode = st.st_mode;
      return true;
    }
  }
  return false;
}

/* `import "NAME"` found no stack file: say what stands in its place, else
 * that nothing does, with the closest importable name. */
static void report_missing_import(Compilation *c, const Node *imp, const char *importer_dir) {
  ImportSearch s = {.c = c, .name = imp->str};
  each_import_dir(c, imp->str, importer_dir, find_odd, &s);
  if (s.odd) {
    diag_error(&c->diag, imp->name_span, "cannot import \"%s\": '%s' is %s, not a stack file", imp->str, s.odd,
               file_type_name(s.odd_mode));
    return;
  }
  diag_error(&c->diag, imp->name_span, "cannot find import \"%s\"%s%s", imp->str,
             str_has_prefix(imp->str, "std/") ? " in -I directories, STACKC_PATH or the standard library"
                                               : " next to this file",
             did_you_mean_text(&c->arena, suggest_import(c, imp->str, importer_dir)));
}

/* A file whose declarations are being collected. Imports are followed
 * depth-first, as a recursion would follow them, but each open file is a
 * frame in the arena, not on the C stack: a chain of thousands of imports
 * cannot overflow it (docs/limits.md). */
typedef struct FileFrame {
  const Node *next;          /* its next declaration to collect */
  const char *dir;           /* where its relative imports are looked for */
  bool imported;             /* not the main file: only components and imports allowed */
  bool open;                 /* still being read: importing it again is a cycle */
} FileFrame;

/* The frame of a file about to be read, remembered under its real path
 * (arena text; NULL for standard input). */
static FileFrame *new_frame(Resolver *r, const Ast *ast, bool imported, const char *dir, const char *real) {
  Compilation *c = r->c;
  FileFrame *f = ARENA_NEW(&c->arena, FileFrame);
  f->next = ast ? ast->decls : NULL;
  f->dir = dir;
  f->imported = imported;
  f->open = true;
  if (real) map_put(&c->arena, &r->files_read, real, f);
  return f;
}

/* Reads and parses the file `imp` names, marked as being imported; returns
 * its frame, or NULL when it is not to be read (reported, or read before). */
static FileFrame *import_file(Resolver *r, const Node *imp, const char *importer_dir) {
  Compilation *c = r->c;
  const char *path = resolve_find_import(c, imp->str, importer_dir);
  if (!path) {
    report_missing_import(c, imp, importer_dir);
    return NULL;
  }
  char real[PATH_MAX];
  if (!realpath(path, real)) snprintf(real, sizeof real, "%s", path);
  const FileFrame *read_before = map_get(&r->files_read, real);
  if (read_before && read_before->open) {
    diag_error(&c->diag, imp->name_span, "import cycle: \"%s\" is already being imported", imp->str);
    return NULL;
  }
  if (read_before) return NULL;   /* each file is read once */
  char *text = NULL, err[512];
  size_t len = 0;
  if (read_file(path, &text, &len, err, sizeof err) != 0) {
    diag_error(&c->diag, imp->name_span, "cannot read import \"%s\": %s", imp->str, err);
    return NULL;
  }
  const char *key = arena_strdup(&c->arena, real);
  FileFrame *frame = new_frame(r, NULL, true, dir_of(c, path), key);   /* its imports: next to where it is */
  /* Messages name a standard-library file as "std/NAME.stack", wherever it
   * was installed, so they read the same on every machine. */
  const char *shown = str_has_prefix(imp->str, "std/") && !strchr(imp->str + 4, '.')
                          ? arena_printf(&c->arena, "%s.stack", imp->str) : path;
  uint32_t file = source_add(&c->sources, &c->arena, shown, text, (uint32_t)len);
  c->sources.files[file].disk_path = key;   /* `shown` may be "std/NAME.stack" */
  free(text);
  frame->next = parse_file(c, file)->decls;
  return frame;
}

/* One declaration of a file other than an import: a component goes in the
 * table; anything else is an error in an imported file. */
static void collect_decl(Resolver *r, const Node *d, bool imported) {
  if (d->kind == N_COMPONENT) {
    const Node *old = map_put(&r->c->arena, &r->component_names, d->name, (void *)d);
    if (old) {
      Diag *g = diag_error(&r->c->diag, d->name_span, "component '%s' is already declared", d->name);
      diag_note(&r->c->diag, g, old->name_span, "first declared here");
    }
    vec_push(&r->c->arena, &r->components, (void *)d);
  } else if (imported) {
    diag_error(&r->c->diag, d->span, "an imported file may declare only components and imports");
  }
}

/* Reads the imports of the main file `path` (relative ones from its directory), theirs in
 * turn, depth-first in the order written, and collects every file's
 * components. */
static void collect_files(Resolver *r, const Ast *main_ast, const char *path) {
  Compilation *c = r->c;
  char real[PATH_MAX];
  const char *key = strcmp(path, "-") != 0 && realpath(path, real) ? arena_strdup(&c->arena, real) : NULL;
  PtrVec open = {0};   /* FileFrame*: the main file, then the chain of files being imported */
  vec_push(&c->arena, &open, new_frame(r, main_ast, false, dir_of(c, path), key));
  while (open.n) {
    FileFrame *f = open.items[open.n - 1];
    const Node *d = f->next;
    if (!d) {   /* done with this file: it is no longer being imported */
      open.n--;
      f->open = false;
      continue;
    }
    f->next = d->next;
    if (d->kind != N_IMPORT) {
      collect_decl(r, d, f->imported);
      continue;
    }
    FileFrame *child = import_file(r, d, f->dir);
    if (child) vec_push(&c->arena, &open, child);
  }
}

/* ---- expansion ------------------------------------------------------------ */

static const Node *find_component(Resolver *r, const char *name) { return map_get(&r->component_names, name); }
static const Instance *find_instance(Resolver *r, const char *name) { return map_get(&r->instance_names, name); }

/* How one instance renames: the names its component declares (parameters,
 * resources, constants, outputs and instances) get the instance's prefix. */
typedef struct Renamer {
  Compilation *c;
  const char *prefix;        /* "www_" for `use static_site www`; "static_site." checked on its own */
  NameMap local;             /* the names the component declares */
} Renamer;

static Renamer renamer_for(Compilation *c, const Node *use, const Node *comp) {
  Renamer rn = {c, arena_printf(&c->arena, "%s%s", use->name, use->abstract ? "." : "_"), {0}};
  for (const Node *p = comp->params; p; p = p->next) map_put(&c->arena, &rn.local, p->name, (void *)p);
  for (const Node *d = comp->kids; d; d = d->next)
    if (d->name && (d->kind == N_RESOURCE || d->kind == N_LET || d->kind == N_OUTPUT || d->kind == N_USE))
      map_put(&c->arena, &rn.local, d->name, (void *)d);
  return rn;
}

static const char *rename_local(void *ctx, const char *name) {
  Renamer *rn = ctx;
  if (!map_get(&rn->local, name)) return NULL;
  return arena_printf(&rn->c->arena, "%s%s", rn->prefix, name);
}

static void expand_decls(Resolver *r, const Node *decls, NodeList *out, const Node *from_use);

/* A stand-in for a declaration that failed and was reported (an instance
 * that could not be made, a missing argument, a missing output): the
 * checker declares the name, unless something else did, so what reads it
 * fails quietly instead of adding "undefined name". */
static void declare_failed(Resolver *r, const Node *decl, const char *name, NodeList *out) {
  if (map_get(&r->failed_names, name)) return;   /* one stand-in per name */
  Node *stub = ast_new(r->c, N_LET, decl->span);
  map_put(&r->c->arena, &r->failed_names, name, stub);
  stub->name = name;
  stub->name_span = decl->name_span;
  stub->failed = true;
  stub->generated = true;
  stub->alone = r->alone;
  ast_list_append(out, stub);
}

/* A component checked on its own: parameter `p` without a default stands
 * for any resource of its kind (an abstract declaration) or any value of its
 * type (`let C.p = N_ABSTRACT`). */
static Node *abstract_param(Resolver *r, const Node *p, const char *name) {
  Compilation *c = r->c;
  bool names_kind = p->type && !p->type->elem && kind_lookup(p->type->name);
  Node *d = ast_new(c, names_kind ? N_RESOURCE : N_LET, p->span);
  d->name = name;
  d->name_span = p->name_span;
  d->abstract = true;
  if (names_kind) {
    d->kind_name = p->type->name;
    d->kind_span = p->type->span;
    return d;
  }
  d->type = p->type;
  d->rhs = ast_new(c, N_ABSTRACT, p->span);
  d->rhs->name = p->name;
  d->rhs->name_span = p->name_span;
  d->rhs->type = p->type;
  return d;
}

/* `let I_P = ARG` for every parameter P; unknown and missing arguments are
 * errors with a note at the component. */
static void bind_params(Resolver *r, const Node *use, const Node *comp, Renamer *rn, NodeList *out) {
  Compilation *c = r->c;
  const char *prefix = rn->prefix;
  for (const Node *a = use->kids; a; a = a->next) {
    if (a->kind != N_ATTR) continue;
    bool known = false;
    for (const Node *p = comp->params; p && !known; p = p->next) known = str_eq(p->name, a->name);
    if (known) continue;
    const char *names[64];
    size_t n = 0;
    for (const Node *p = comp->params; p && n < 64; p = p->next) names[n++] = p->name;
    const char *guess = did_you_mean(a->name, names, n);
    Diag *d = diag_error(&c->diag, a->name_span, "component '%s' has no parameter '%s'%s", comp->name, a->name,
                         did_you_mean_text(&c->arena, guess));
    diag_note(&c->diag, d, comp->name_span, "component '%s' declared here", comp->name);
  }
  for (const Node *p = comp->params; p; p = p->next) {
    const Node *arg = NULL;
    for (const Node *a = use->kids; a && !arg; a = a->next)
      if (a->kind == N_ATTR && str_eq(a->name, p->name)) arg = a;
    const char *name = arena_printf(&c->arena, "%s%s", prefix, p->name);
    if (use->abstract && !p->rhs) {
      Node *stand_in = abstract_param(r, p, name);
      stand_in->generated = true;
      stand_in->from_use = use;
      stand_in->alone = true;
      ast_list_append(out, stand_in);
      continue;
    }
    if (!arg && !p->rhs) {
      Diag *d = diag_error(&c->diag, use->name_span, "instance '%s' of component '%s' is missing argument '%s'",
                           use->name, comp->name, p->name);
      diag_note(&c->diag, d, p->name_span, "parameter '%s' declared here", p->name);
      declare_failed(r, p, name, out);
      continue;
    }
    Node *let = ast_new(c, N_LET, p->span);
    let->name = name;
    let->name_span = p->name_span;
    let->type = p->type;
    let->generated = true;
    let->from_use = use;
    let->alone = r->alone;
    /* An argument is written in the caller's scope; a default in the component's. */
    let->rhs = arg ? arg->rhs : ast_clone(c, p->rhs, false, rename_local, rn);
    ast_list_append(out, let);
  }
}


/* An instance name is a name like any other: INSTANCE.OUTPUT must mean one
 * thing, so it may not repeat another instance or a top-level declaration. */
static bool instance_name_free(Resolver *r, const Node *use) {
  const Instance *old = find_instance(r, use->name);
  const Node *clash = old ? old->use : map_get(&r->main_names, use->name);
  if (!clash) return true;
  Diag *g = diag_error(&r->c->diag, use->name_span, "'%s' is already declared", use->name);
  diag_note(&r->c->diag, g, clash->name_span, "first declared here");
  return false;
}

static void expand_use(Resolver *r, const Node *use, NodeList *out) {
  Compilation *c = r->c;
  const Node *comp = find_component(r, use->kind_name);
  if (!comp) {
    const char *names[256];
    size_t n = 0;
    for (uint32_t i = 0; i < r->components.n && n < 256; i++) names[n++] = ((const Node *)r->components.items[i])->name;
    const char *guess = did_you_mean(use->kind_name, names, n);
    diag_error(&c->diag, use->kind_span, "unknown component '%s'%s", use->kind_name,
               did_you_mean_text(&c->arena, guess));
    declare_failed(r, use, use->name, out);
    return;
  }
  for (uint32_t i = 0; i < r->use_depth; i++)
    if (r->use_stack[i] == comp) {
      diag_error(&c->diag, use->span, "component '%s' uses itself", comp->name);
      declare_failed(r, use, use->name, out);
      return;
    }
  if (r->use_depth == MAX_USE_DEPTH) {
    diag_error(&c->diag, use->span, "components nest more than %d deep", MAX_USE_DEPTH);
    declare_failed(r, use, use->name, out);
    return;
  }
  ((Node *)comp)->expanded = true;
  if (!use->abstract) {   /* a component checked on its own has no instance name */
    if (!instance_name_free(r, use)) return;
    Instance *inst = ARENA_NEW(&c->arena, Instance);
    inst->name = use->name;
    inst->use = use;
    inst->component = comp;
    map_put(&c->arena, &r->instance_names, inst->name, inst);
  }
  Renamer rn = renamer_for(c, use, comp);
  bind_params(r, use, comp, &rn, out);
  Node *body = ast_clone(c, comp->kids, true, rename_local, &rn);
  r->use_stack[r->use_depth++] = comp;
  expand_decls(r, body, out, use);
  r->use_depth--;
}

/* Appends the declarations of `decls` to `out`, expanding uses; outputs
 * inside a component become constants. */
static void expand_decls(Resolver *r, const Node *decls, NodeList *out, const Node *from_use) {
  for (const Node *d = decls, *next; d; d = next) {
    next = d->next;
    Node *copy = (Node *)d;
    copy->next = NULL;
    if (from_use && (d->kind == N_IMPORT || d->kind == N_COMPONENT || d->kind == N_STACK || d->kind == N_PARAM)) {
      static const char *const what[] = {[N_IMPORT] = "an import", [N_COMPONENT] = "a component",
                                         [N_STACK] = "a stack", [N_PARAM] = "a deploy-time parameter"};
      diag_error(&r->c->diag, d->span, "a component body cannot declare %s", what[d->kind]);
      continue;
    }
    switch (d->kind) {
    case N_IMPORT: case N_COMPONENT: break;   /* handled by collect_files */
    case N_USE: expand_use(r, d, out); break;
    case N_OUTPUT:
      if (from_use) {
        copy->kind = N_LET;
        copy->generated = true;
        copy->from_output = true;
      }
      /* fall through */
    default:
      if (from_use && !copy->from_use) copy->from_use = from_use;
      copy->alone = r->alone;
      ast_list_append(out, copy);
      break;
    }
  }
}

/* ---- INSTANCE.OUTPUT ------------------------------------------------------ */

static bool has_output(const Node *comp, const char *name) {
  for (const Node *d = comp->kids; d; d = d->next)
    if (d->kind == N_OUTPUT && str_eq(d->name, name)) return true;
  return false;
}

/* "component 'C' has no output 'O'", with the closest output and all of them. */
static void unknown_output(Resolver *r, const Node *comp, const Node *member) {
  uint32_t n = 0;
  for (const Node *d = comp->kids; d; d = d->next) n += d->kind == N_OUTPUT;
  const char **names = arena_alloc(&r->c->arena, (n ? n : 1) * sizeof *names);
  n = 0;
  for (const Node *d = comp->kids; d; d = d->next)
    if (d->kind == N_OUTPUT) names[n++] = d->name;
  const char *guess = did_you_mean(member->name, names, n);
  Diag *d = diag_error(&r->c->diag, member->name_span, "component '%s' has no output '%s'%s", comp->name,
                       member->name, did_you_mean_text(&r->c->arena, guess));
  diag_note(&r->c->diag, d, comp->name_span, "component '%s' declared here; its outputs: %s", comp->name,
            n ? str_join(&r->c->arena, names, n) : "none");
}

/* Rewrites `I.O` to the identifier `I_O` throughout an expression tree. An
 * output the component lacks is reported, and `I_O` declared failed (out). */
static void rewrite_outputs(Resolver *r, Node *n, NodeList *out) {
  for (; n; n = n->next) {
    if (n->kind == N_MEMBER && n->lhs && n->lhs->kind == N_IDENT) {
      const Instance *in = find_instance(r, n->lhs->name);
      if (in && !has_output(in->component, n->name)) unknown_output(r, in->component, n);
      if (in || map_get(&r->failed_names, n->lhs->name)) {
        /* `I_O`; or `I.O`, a name nobody declares, when I has no output O or
         * could not be made */
        bool known = in && has_output(in->component, n->name);
        n->kind = N_IDENT;
        n->name = arena_printf(&r->c->arena, "%s%s%s", n->lhs->name, known ? "_" : ".", n->name);
        n->lhs = NULL;
        if (!known) declare_failed(r, n, n->name, out);
        continue;
      }
    }
    rewrite_outputs(r, n->kids, out);
    rewrite_outputs(r, n->lhs, out);
    rewrite_outputs(r, n->rhs, out);
  }
}

/* Marks every component that a component of the main file uses. */
static void mark_used_by_components(Resolver *r) {
  for (uint32_t i = 0; i < r->main_decls.n; i++) {
    const Node *d = r->main_decls.items[i];
    if (d->kind != N_COMPONENT) continue;
    for (const Node *k = d->kids; k; k = k->next) {
      Node *used = k->kind == N_USE ? (Node *)find_component(r, k->kind_name) : NULL;
      if (used && used != d) used->used_by_component = true;
    }
  }
}

/* Step 5: the main file's components that nothing instantiated, each
 * expanded under a `use` of itself. First those no other component uses:
 * checking them instantiates the ones they use, which are then not checked
 * a second time; then whatever is left (components using each other). */
static void expand_unused(Resolver *r, NodeList *out) {
  mark_used_by_components(r);
  for (int pass = 0; pass < 2; pass++)
    for (uint32_t i = 0; i < r->main_decls.n; i++) {
      const Node *comp = r->main_decls.items[i];
      if (comp->kind != N_COMPONENT || find_component(r, comp->name) != comp || comp->expanded ||
          (pass == 0 && comp->used_by_component))
        continue;
      Node *use = ast_new(r->c, N_USE, comp->span);
      use->name = use->kind_name = comp->name;
      use->name_span = use->kind_span = comp->name_span;
      use->abstract = true;
      r->alone = true;
      expand_use(r, use, out);
      r->alone = false;
    }
}

Ast *resolve_program(Compilation *c, Ast *main_ast, const char *path) {
  Resolver r = {0};
  r.c = c;
  collect_files(&r, main_ast, path);
  for (const Node *d = main_ast->decls; d; d = d->next) {
    vec_push(&c->arena, &r.main_decls, (void *)d);
    if (d->name && (d->kind == N_RESOURCE || d->kind == N_LET || d->kind == N_PARAM))
      map_put(&c->arena, &r.main_names, d->name, (void *)d);
  }
  NodeList out = {0};
  expand_decls(&r, main_ast->decls, &out, NULL);
  expand_unused(&r, &out);
  rewrite_outputs(&r, out.head, &out);
  Ast *ast = ARENA_NEW(&c->arena, Ast);
  ast->decls = out.head;
  ast->file = main_ast->file;
  return ast;
}
