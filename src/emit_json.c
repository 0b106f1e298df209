/* emit_json.c -- cJSON tree -> deterministic pretty JSON text.
 * Our own printer instead of cJSON_Print (which indents with tabs and prints numbers
 * with %1.15g/%1.17g). Object members keep their insertion order: the backends decide
 * the order, and byte-identical output is what makes the golden tests work. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "emit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char *p;    /* text so far, NUL-terminated when len < cap */
  size_t len; /* bytes used                                  */
  size_t cap; /* bytes allocated                             */
  int oom;    /* set once an allocation failed               */
} Buf;

static void buf_reserve(Buf *b, size_t more) {
  if (b->oom || b->len + more + 1 <= b->cap)
    return;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + more + 1)
    cap *= 2;
  char *p = realloc(b->p, cap);
  if (!p) {
    b->oom = 1;
    return;
  }
  b->p = p;
  b->cap = cap;
}

static void buf_put(Buf *b, const char *s, size_t n) {
  buf_reserve(b, n);
  if (b->oom)
    return;
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

static void buf_puts(Buf *b, const char *s) { buf_put(b, s, strlen(s)); }

static void buf_indent(Buf *b, int depth) {
  static const char spaces[] = "                                ";
  size_t n = (size_t)depth * 2;
  while (n > 0) {
    size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
    buf_put(b, spaces, k);
    n -= k;
  }
}

char *emit_format_number(double d, char buf[32]) {
  if (isnan(d) || isinf(d)) {
    strcpy(buf, "null");
    return buf;
  }
  /* 2^63: every integral double below it fits in long long. */
  if (d == floor(d) && fabs(d) < 9223372036854775808.0) {
    snprintf(buf, 32, "%lld", (long long)d);
    if (strcmp(buf, "-0") == 0)
      strcpy(buf, "0");
    return buf;
  }
  for (int prec = 1; prec <= 17; prec++) {
    snprintf(buf, 32, "%.*g", prec, d);
    if (strtod(buf, NULL) == d)
      return buf;
  }
  snprintf(buf, 32, "%.17g", d);
  return buf;
}

/* RFC 8259 string: escape '"', '\\' and control characters; other bytes (UTF-8
 * included) pass through. */
static void put_string(Buf *b, const char *s) {
  static const char hex[] = "0123456789abcdef";
  buf_put(b, "\"", 1);
  const char *run = s;
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    const char *esc = NULL;
    char u[7];
    switch (c) {
    case '"': esc = "\\\""; break;
    case '\\': esc = "\\\\"; break;
    case '\n': esc = "\\n"; break;
    case '\t': esc = "\\t"; break;
    case '\r': esc = "\\r"; break;
    case '\b': esc = "\\b"; break;
    case '\f': esc = "\\f"; break;
    default:
      if (c < 0x20) {
        u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
        u[4] = hex[c >> 4]; u[5] = hex[c & 15]; u[6] = '\0';
        esc = u;
      }
    }
    if (esc) {
      buf_put(b, run, (size_t)(s - run));
      buf_puts(b, esc);
      run = s + 1;
    }
  }
  buf_put(b, run, (size_t)(s - run));
  buf_put(b, "\"", 1);
}

static void put_value(Buf *b, const cJSON *v, int depth) {
  char num[32];
  switch (v->type & 0xFF) {
  case cJSON_False: buf_puts(b, "false"); break;
  case cJSON_True: buf_puts(b, "true"); break;
  case cJSON_NULL: buf_puts(b, "null"); break;
  case cJSON_Number: buf_puts(b, emit_format_number(v->valuedouble, num)); break;
  case cJSON_String: put_string(b, v->valuestring ? v->valuestring : ""); break;
  case cJSON_Raw: buf_puts(b, v->valuestring ? v->valuestring : "null"); break;
  case cJSON_Array:
  case cJSON_Object: {
    int obj = (v->type & 0xFF) == cJSON_Object;
    const cJSON *k = v->child;
    if (!k) {
      buf_puts(b, obj ? "{}" : "[]");
      break;
    }
    buf_puts(b, obj ? "{\n" : "[\n");
    for (; k; k = k->next) {
      buf_indent(b, depth + 1);
      if (obj) {
        put_string(b, k->string ? k->string : "");
        buf_puts(b, ": ");
      }
      put_value(b, k, depth + 1);
      buf_puts(b, k->next ? ",\n" : "\n");
    }
    buf_indent(b, depth);
    buf_puts(b, obj ? "}" : "]");
    break;
  }
  default: buf_puts(b, "null"); break; /* cJSON_Invalid */
  }
}

char *emit_json(const cJSON *doc) {
  Buf b = {0};
  if (doc)
    put_value(&b, doc, 0);
  else
    buf_puts(&b, "null");
  buf_put(&b, "\n", 1);
  if (b.oom) {
    free(b.p);
    return NULL;
  }
  return b.p;
}
