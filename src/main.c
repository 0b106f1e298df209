/* main.c — the command line: arguments, files, exit codes.
 *
 *   stackc build [--target cfn|cfn-yaml|tf] [-o FILE] FILE
 *   stackc check FILE...
 *   stackc package -o DIR FILE
 *
 * Exit 0 when all is well, 1 when an input has errors, 2 for usage and I/O
 * errors. Output goes to a temporary file renamed over the target only when
 * compilation succeeded, so nothing is written, or lost, on error.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "driver.h"
#include "fileio.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "dev"
#endif

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
    "usage: stackc build [--target cfn|cfn-yaml|tf] [-o FILE] FILE\n"
    "       stackc check FILE...\n"
    "       stackc package -o DIR FILE\n"
    "       stackc --help | --version\n"
    "\n"
    "Compiles .stack files to CloudFormation (JSON or YAML) or Terraform JSON.\n"
    "\n"
    "  build      compile FILE ('-' reads standard input) and write the template\n"
    "             to standard output, or to FILE with -o\n"
    "  check      check every FILE and report all errors; write nothing\n"
    "  package    write each function's code as a deterministic zip into DIR,\n"
    "             named as the CloudFormation template expects (upload DIR to the\n"
    "             CodeBucket parameter's bucket)\n"
    "\n"
    "options:\n"
    "  -t, --target T      cfn (default), cfn-yaml or tf\n"
    "  -o, --output PATH   output file (build) or directory (package); missing\n"
    "                      directories are created (not below a symbolic link)\n"
    "  -I DIR              look for `import \"std/NAME\"` in DIR first (repeatable)\n"
    "  --root DIR          the project root: code directories must lie inside it\n"
    "                      (default: the stack file's directory)\n"
    "  --max-errors N      stop printing after N errors (default 20, 0 = all)\n"
    "  --diagnostics F     text (default, on stderr), json (one object per FILE) or\n"
    "                      github (GitHub Actions annotations); json and github go\n"
    "                      to stdout unless the template does\n"
    "\n"
    "Options may come before or after the command.\n"
    "\n"
    "exit status: 0 ok, 1 errors in the input, 2 usage, I/O or internal error\n";

typedef struct Options {
  const char *command;    /* "build", "check" or "package" */
  Target target;
  const char *output;     /* -o */
  unsigned max_errors;
  DiagFormat diagnostics;
  FILE *diag_out;         /* where diagnostics go (see --diagnostics) */
  const char **files;     /* the remaining arguments */
  int nfiles;
  const char *root;       /* --root */
  const char **include_dirs;   /* -I DIR, in order */
  uint32_t ninclude_dirs;
} Options;

static int usage_error(const char *fmt, const char *arg) {
  fprintf(stderr, "stackc: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\nTry 'stackc --help'.\n");
  return EXIT_USAGE;
}

/* An option's word as the index of `words` (NULL-terminated), or -1. The
 * words are in the order of the enum they name. */
static int word_index(const char *s, const char *const *words) {
  for (int i = 0; words[i]; i++)
    if (strcmp(s, words[i]) == 0) return i;
  return -1;
}

static const char *const target_words[] = {[TARGET_CFN] = "cfn", [TARGET_CFN_YAML] = "cfn-yaml",
                                           [TARGET_TF] = "tf", NULL};
static const char *const diag_format_words[] = {[DIAG_FORMAT_TEXT] = "text", [DIAG_FORMAT_JSON] = "json",
                                                [DIAG_FORMAT_GITHUB] = "github", NULL};

/* The value of an option given as "--opt VALUE" or "--opt=VALUE". */
static const char *option_value(int argc, char **argv, int *i, const char *name) {
  size_t n = strlen(name);
  if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=') return argv[*i] + n + 1;
  if (*i + 1 >= argc) return NULL;
  return argv[++*i];
}

static bool is_option(const char *arg, const char *shortname, const char *longname) {
  size_t n = strlen(longname);
  return strcmp(arg, shortname) == 0 || strcmp(arg, longname) == 0 ||
         (strncmp(arg, longname, n) == 0 && arg[n] == '=');
}

/* Returns -1 when the options are fine, else the exit code. The command is
 * the first argument that is no option, so options may come before it, as
 * with git. */
static int parse_args(int argc, char **argv, Options *o) {
  o->files = calloc((size_t)argc, sizeof *o->files);
  o->include_dirs = calloc((size_t)argc, sizeof *o->include_dirs);
  o->max_errors = 20;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(usage_text, stdout);
      return EXIT_OK;
    }
    if (strcmp(a, "--version") == 0) {
      printf("stackc %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
    if (is_option(a, "-t", "--target")) {
      if (!(v = option_value(argc, argv, &i, "--target"))) return usage_error("%s needs a value", a);
      int t = word_index(v, target_words);
      if (t < 0) return usage_error("unknown target '%s' (cfn, cfn-yaml or tf)", v);
      o->target = (Target)t;
    } else if (is_option(a, "-o", "--output")) {
      if (!(v = option_value(argc, argv, &i, "--output"))) return usage_error("%s needs a value", a);
      if (!*v) return usage_error("%s", "empty output file name");
      o->output = v;
    } else if (strncmp(a, "-I", 2) == 0) {   /* -I DIR or -IDIR: searched for imports */
      const char *dir = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
      if (!dir) return usage_error("%s needs a directory", a);
      o->include_dirs[o->ninclude_dirs++] = dir;
    } else if (is_option(a, "--root", "--root")) {
      struct stat st;
      if (!(v = option_value(argc, argv, &i, "--root"))) return usage_error("%s needs a directory", a);
      if (stat(v, &st) != 0 || !S_ISDIR(st.st_mode)) return usage_error("--root '%s' is not a directory", v);
      o->root = v;
    } else if (is_option(a, "--max-errors", "--max-errors")) {
      char *end;
      if (!(v = option_value(argc, argv, &i, "--max-errors"))) return usage_error("%s needs a value", a);
      unsigned long n = strtoul(v, &end, 10);
      if (*end || !*v || n > UINT_MAX) return usage_error("--max-errors needs a number, got '%s'", v);
      o->max_errors = (unsigned)n;
    } else if (is_option(a, "--diagnostics", "--diagnostics")) {
      if (!(v = option_value(argc, argv, &i, "--diagnostics"))) return usage_error("%s needs a value", a);
      int f = word_index(v, diag_format_words);
      if (f < 0) return usage_error("unknown diagnostics format '%s' (text, json or github)", v);
      o->diagnostics = (DiagFormat)f;
    } else if (a[0] == '-' && a[1] != '\0') {
      return usage_error("unknown option '%s'", a);
    } else if (!o->command) {
      o->command = a;
    } else {
      o->files[o->nfiles++] = a;
    }
  }
  if (!o->command) return usage_error("%s", "no command (build, check or package)");
  /* Text is for people, on stderr. A machine reads the other formats, from
   * stdout when the template is not written there. */
  bool template_on_stdout = strcmp(o->command, "build") == 0 && !o->output;
  o->diag_out = o->diagnostics == DIAG_FORMAT_TEXT || template_on_stdout ? stderr : stdout;
  return -1;
}

/* Path from directory `from` to directory `to`, "" or ending in '/'. */
static char *relative_dir(const char *from, const char *to) {
  char a[PATH_MAX], b[PATH_MAX];
  if (!realpath(from, a) || !realpath(to, b)) return strdup("");
  size_t common = 0, i = 0;
  for (; a[i] && a[i] == b[i]; i++)
    if (a[i] == '/') common = i;
  if (!a[i] && (b[i] == '/' || !b[i])) common = i;
  else if (!b[i] && a[i] == '/') common = i;
  size_t ups = 0;
  for (const char *p = a + common; *p; p++)
    if (*p == '/') ups++;
  const char *down = b + common;
  if (*down == '/') down++;
  size_t cap = ups * 3 + strlen(down) + 2;
  char *out = malloc(cap), *w = out;
  for (size_t k = 0; k < ups; k++) w += sprintf(w, "../");
  w += sprintf(w, "%s", down);
  if (w > out && w[-1] != '/') sprintf(w, "/");
  return out;
}

static char *dir_of_path(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash || strcmp(path, "-") == 0) return strdup(".");
  if (slash == path) return strdup("/");
  return strndup(path, (size_t)(slash - path));
}

/* `build` and `package` need a stack: a library of components has nothing
 * to build (it is checked, and used through `import`). */
static int need_stack(Compilation *c, const char *path, const Checked *prog) {
  if (!prog->library) return EXIT_OK;
  diag_error(&c->diag, (Span){0, 0, 0}, "'%s' declares only components: import it from a stack file to build them",
             path);
  return EXIT_INPUT;
}

/* What a compilation takes from the command line. */
static void use_options(Compilation *c, const Options *o, const char *path) {
  c->include_dirs = o->include_dirs;
  c->ninclude_dirs = o->ninclude_dirs;
  c->diag.max_errors = o->max_errors;
  c->diag.format = o->diagnostics;
  c->diag.input = path;
  c->root_dir = o->root;
  c->root_given = o->root != NULL;
  bool writes = strcmp(o->command, "check") != 0;   /* build's file, package's directory */
  c->output = writes ? o->output : NULL;
  c->output_is_dir = strcmp(o->command, "package") == 0;
}

/* Reads and checks one file. Returns an exit code; the caller flushes the
 * diagnostics once it is done with the file (a JSON object per file). */
static int load_and_check(Compilation *c, const char *path, Checked *prog) {
  char *text = NULL, err[512];
  size_t len = 0;
  int rrc = read_file(path, &text, &len, err, sizeof err);
  if (rrc != 0) {   /* "stackc: error: ..." (no position), or a JSON entry without one */
    diag_error(&c->diag, (Span){0, 0, 0}, "%s", err);
    return rrc == READ_TOO_LARGE ? EXIT_INPUT : EXIT_USAGE;   /* too large: the input's fault */
  }
  bool ok = driver_check(c, path, text, len, prog);
  free(text);
  if (ok) return EXIT_OK;
  return c->diag.ninternal ? EXIT_USAGE : EXIT_INPUT;   /* a bug in stackc (a table's missing row), not the input */
}

/* `-o` may not name a file this build read (the stack file or an import):
 * the files are compared by device and inode, after following symbolic
 * links, so another spelling, a hard link or a link to an input counts. A
 * missing output is no input. Reported even when the input has errors. */
static bool output_is_input(Compilation *c, const char *output) {
  struct stat out, in;
  if (!output || stat(output, &out) != 0) return false;
  for (uint32_t i = 1; i < c->sources.nfiles; i++) {
    const SourceFile *f = &c->sources.files[i];
    if (f->disk_path && stat(f->disk_path, &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
      bool same_name = strcmp(output, f->path) == 0;
      diag_error(&c->diag, (Span){0, 0, 0}, "cannot write the template to '%s': it is an input of this build%s%s%s",
                 output, same_name ? "" : " ('", same_name ? "" : f->path, same_name ? "" : "')");
      return true;
    }
  }
  return false;
}

/* The output file's missing parent directories, created once the stack
 * checks (before rendering: the template's paths are relative to it). */
static int make_output_dir(Compilation *c, const char *output) {
  char err[512];
  if (!output || make_parent_dirs(output, err, sizeof err) == 0) return EXIT_OK;
  diag_error(&c->diag, (Span){0, 0, 0}, "%s", err);
  return EXIT_USAGE;
}

static int write_output(const char *path, const char *text) {
  char err[512];
  if (!path) {
    fputs(text, stdout);
    if (fflush(stdout) == 0 && !ferror(stdout)) return EXIT_OK;
    fprintf(stderr, "stackc: error: cannot write to standard output: %s\n", strerror(errno));
    return EXIT_USAGE;
  }
  if (write_file_atomic(path, text, strlen(text), err, sizeof err) != 0) {
    fprintf(stderr, "stackc: error: %s\n", err);
    return EXIT_USAGE;
  }
  return EXIT_OK;
}

static int cmd_build(const Options *o) {
  if (o->nfiles != 1) return usage_error("%s needs exactly one input file", "build");
  Compilation c;
  compilation_init(&c);
  use_options(&c, o, o->files[0]);
  Checked prog;
  int rc = load_and_check(&c, o->files[0], &prog);
  if (rc == EXIT_OK) rc = need_stack(&c, o->files[0], &prog);
  if (output_is_input(&c, o->output)) rc = EXIT_USAGE;
  if (rc == EXIT_OK) rc = make_output_dir(&c, o->output);
  if (rc == EXIT_OK) {
    char *src_dir = dir_of_path(o->files[0]);
    char *out_dir = o->output ? dir_of_path(o->output) : strdup(src_dir);
    char *prefix = relative_dir(out_dir, src_dir);
    char *text = driver_render(&c, &prog, o->target, prefix);
    if (!text && c.diag.ninternal) {   /* a bug in stackc, not in the input */
      rc = EXIT_USAGE;
    } else if (!text && c.diag.nerrors) {   /* a limit of the target */
      rc = EXIT_INPUT;
    } else if (!text) {
      fprintf(stderr, "stackc: error: cannot render the template (out of memory)\n");
      rc = EXIT_USAGE;
    } else {
      rc = write_output(o->output, text);
    }
    free(text);
    free(prefix);
    free(out_dir);
    free(src_dir);
  }
  diag_flush(&c.diag, o->diag_out);
  compilation_free(&c);
  return rc;
}

static int cmd_check(const Options *o) {
  if (o->nfiles < 1) return usage_error("%s needs at least one input file", "check");
  int worst = EXIT_OK;
  for (int i = 0; i < o->nfiles; i++) {
    Compilation c;
    compilation_init(&c);
    use_options(&c, o, o->files[i]);
    Checked prog;
    int rc = load_and_check(&c, o->files[i], &prog);
    diag_flush(&c.diag, o->diag_out);
    if (rc > worst) worst = rc;
    compilation_free(&c);
  }
  return worst;
}

static int cmd_package(const Options *o) {
  if (o->nfiles != 1) return usage_error("%s needs exactly one input file", "package");
  if (!o->output) return usage_error("%s needs -o DIR", "package");
  char direrr[512];
  if (make_dirs(o->output, direrr, sizeof direrr) != 0) {
    fprintf(stderr, "stackc: error: %s\n", direrr);
    return EXIT_USAGE;
  }
  Compilation c;
  compilation_init(&c);
  use_options(&c, o, o->files[0]);
  Checked prog;
  int rc = load_and_check(&c, o->files[0], &prog);
  if (rc == EXIT_OK) rc = need_stack(&c, o->files[0], &prog);
  diag_flush(&c.diag, o->diag_out);
  char err[512];
  if (rc == EXIT_OK && driver_package(&c, &prog, o->output, err, sizeof err) != 0) {
    fprintf(stderr, "stackc: error: %s\n", err);
    rc = EXIT_USAGE;
  }
  compilation_free(&c);
  return rc;
}

int main(int argc, char **argv) {
  /* unbuffered stderr would make a syscall per byte of a diagnostic's snippet */
  static char errbuf[8192];
  setvbuf(stderr, errbuf, _IOLBF, sizeof errbuf);
  if (argc < 2) {
    fputs(usage_text, stderr);
    return EXIT_USAGE;
  }
  if (strcmp(argv[1], "help") == 0) {
    fputs(usage_text, stdout);
    return EXIT_OK;
  }
  Options o = {0};
  int rc = parse_args(argc, argv, &o);
  if (rc < 0) {
    if (strcmp(o.command, "build") == 0) rc = cmd_build(&o);
    else if (strcmp(o.command, "check") == 0) rc = cmd_check(&o);
    else if (strcmp(o.command, "package") == 0) rc = cmd_package(&o);
    else rc = usage_error("unknown command '%s' (build, check or package)", o.command);
  }
  free(o.files);
  free(o.include_dirs);
  return rc;
}
