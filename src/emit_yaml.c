/* emit_yaml.c -- cJSON tree -> block-style YAML through libyaml's emitter.
 * Used for `--target cfn-yaml`: the same document as the JSON output, so the two
 * syntaxes cannot drift apart. CloudFormation reads YAML 1.1, where `yes`, `on`,
 * `012`, `1:20` and `2010-09-09` are not strings; every string that any YAML 1.1 or
 * 1.2 reader could resolve to something else is double-quoted. The plain-scalar test
 * is an allow-list, so a case nobody thought of gets quoted rather than misread. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "emit.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

typedef struct {
  unsigned char *p; /* output so far        */
  size_t len, cap;  /* bytes used/allocated */
  int oom;          /* allocation failed    */
} Out;

static int out_write(void *data, unsigned char *buffer, size_t size) {
  Out *o = data;
  if (o->len + size + 1 > o->cap) {
    size_t cap = o->cap ? o->cap : 1024;
    while (cap < o->len + size + 1)
      cap *= 2;
    unsigned char *p = realloc(o->p, cap);
    if (!p) {
      o->oom = 1;
      return 0;
    }
    o->p = p;
    o->cap = cap;
  }
  memcpy(o->p + o->len, buffer, size);
  o->len += size;
  o->p[o->len] = '\0';
  return 1;
}

/* Words YAML 1.1 resolves to booleans or null (any letter case is quoted, which is
 * stricter than the spec's three spellings), plus 1.2's and a few readers' specials. */
static const char *const yaml_words[] = {
  "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nil", "none",
  "inf", "nan", "infinity", NULL,
};

static int is_alpha(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

bool emit_yaml_plain_safe(const char *s) {
  const unsigned char *u = (const unsigned char *)s;
  size_t n = strlen(s);
  if (n == 0)
    return false;
  /* First character: a letter, '_' or '/'. Excludes digits, signs and '.', hence
   * every int, float, octal, hex, sexagesimal, timestamp and .inf/.nan form, and
   * every indicator character (- ? : , [ ] { } # & * ! | > ' " % @ `) and `~`. */
  if (!(is_alpha(u[0]) || u[0] == '_' || u[0] == '/'))
    return false;
  for (size_t i = 1; i < n; i++) {
    unsigned char c = u[i];
    if (is_alpha(c) || is_digit(c) || c == '_' || c == '.' || c == '/' || c == '-' || c == '@')
      continue;
    if (c == ':') {
      /* "a:b" is fine; "a:" or "a: b" would start a mapping. */
      if (i + 1 < n && u[i + 1] != ' ')
        continue;
      return false;
    }
    if (c == ' ') {
      /* Single inner spaces only: no leading/trailing/double space, no " #". */
      if (i + 1 < n && u[i + 1] != ' ' && u[i + 1] != '#')
        continue;
      return false;
    }
    return false;
  }
  for (const char *const *w = yaml_words; *w; w++)
    if (strcasecmp(s, *w) == 0)
      return false;
  return true;
}

static int emit_event(yaml_emitter_t *em, yaml_event_t *ev, int ok) {
  if (!ok)
    return 0;
  return yaml_emitter_emit(em, ev); /* the emitter frees the event either way */
}

static int emit_scalar(yaml_emitter_t *em, const char *s, int quoted) {
  yaml_event_t ev;
  int ok = yaml_scalar_event_initialize(&ev, NULL, NULL, (const yaml_char_t *)s, (int)strlen(s),
                                        !quoted, quoted,
                                        quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_PLAIN_SCALAR_STYLE);
  return emit_event(em, &ev, ok);
}

static int emit_string(yaml_emitter_t *em, const char *s) {
  return emit_scalar(em, s, !emit_yaml_plain_safe(s));
}

/* YAML 1.1 floats need a '.': "1e+300" would read back as a string, "1.0e+300" not. */
static const char *yaml_number(double d, char buf[40]) {
  char tmp[32];
  emit_format_number(d, tmp);
  char *e = strpbrk(tmp, "eE");
  if (e && !memchr(tmp, '.', (size_t)(e - tmp))) {
    size_t k = (size_t)(e - tmp);
    memcpy(buf, tmp, k);
    memcpy(buf + k, ".0", 2);
    strcpy(buf + k + 2, e);
  } else {
    strcpy(buf, tmp);
  }
  return buf;
}

static int emit_node(yaml_emitter_t *em, const cJSON *v) {
  yaml_event_t ev;
  char num[40];
  switch (v->type & 0xFF) {
  case cJSON_False: return emit_scalar(em, "false", 0);
  case cJSON_True: return emit_scalar(em, "true", 0);
  case cJSON_NULL: return emit_scalar(em, "null", 0);
  case cJSON_Number: return emit_scalar(em, yaml_number(v->valuedouble, num), 0);
  case cJSON_String:
  case cJSON_Raw: return emit_string(em, v->valuestring ? v->valuestring : "");
  case cJSON_Object:
    if (!emit_event(em, &ev, yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE)))
      return 0;
    for (const cJSON *k = v->child; k; k = k->next)
      if (!emit_string(em, k->string ? k->string : "") || !emit_node(em, k))
        return 0;
    return emit_event(em, &ev, yaml_mapping_end_event_initialize(&ev));
  case cJSON_Array:
    if (!emit_event(em, &ev, yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE)))
      return 0;
    for (const cJSON *k = v->child; k; k = k->next)
      if (!emit_node(em, k))
        return 0;
    return emit_event(em, &ev, yaml_sequence_end_event_initialize(&ev));
  default: return emit_scalar(em, "null", 0);
  }
}

char *emit_yaml(const cJSON *doc) {
  yaml_emitter_t em;
  yaml_event_t ev;
  Out out = {0};
  if (!yaml_emitter_initialize(&em))
    return NULL;
  yaml_emitter_set_output(&em, out_write, &out);
  yaml_emitter_set_encoding(&em, YAML_UTF8_ENCODING);
  yaml_emitter_set_indent(&em, 2);
  yaml_emitter_set_width(&em, -1);
  yaml_emitter_set_unicode(&em, 1);
  yaml_emitter_set_break(&em, YAML_LN_BREAK);
  int ok = emit_event(&em, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING)) &&
           emit_event(&em, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
  if (ok) {
    if (doc)
      ok = emit_node(&em, doc);
    else
      ok = emit_scalar(&em, "null", 0);
  }
  ok = ok && emit_event(&em, &ev, yaml_document_end_event_initialize(&ev, 1)) &&
       emit_event(&em, &ev, yaml_stream_end_event_initialize(&ev)) && yaml_emitter_flush(&em);
  yaml_emitter_delete(&em);
  if (!ok || out.oom) {
    free(out.p);
    return NULL;
  }
  if (!out.p) /* nothing written: cannot happen for a valid stream, but stay safe */
    out.p = calloc(1, 1);
  return (char *)out.p;
}
