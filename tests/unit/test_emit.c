/* test_emit.c -- unit tests for emit_json() and emit_yaml(): escaping, indentation,
 * number printing, quoting of every ambiguous YAML scalar, and a round trip through
 * libyaml's parser that compares each scalar's value and style. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "emit.h"
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>



#define ASSERT_STR(got, want)                                                           \
  do {                                                                                  \
    const char *g_ = (got), *w_ = (want);                                               \
    if (g_ && strcmp(g_, w_) == 0) {                                                    \
      test_passed++;                                                                         \
    } else {                                                                            \
      test_failed++;                                                                         \
      fprintf(stderr, "%s:%d: expected\n---\n%s---\ngot\n---\n%s---\n", __FILE__,      \
              __LINE__, w_, g_ ? g_ : "(null)");                                        \
    }                                                                                   \
  } while (0)

static void check_json(const cJSON *doc, const char *want) {
  char *got = emit_json(doc);
  ASSERT_STR(got, want);
  free(got);
}

static void check_yaml(const cJSON *doc, const char *want) {
  char *got = emit_yaml(doc);
  ASSERT_STR(got, want);
  free(got);
}

static void test_json_layout(void) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "zeta", "first");
  cJSON_AddNumberToObject(o, "alpha", 2);
  cJSON *arr = cJSON_AddArrayToObject(o, "list");
  cJSON_AddItemToArray(arr, cJSON_CreateNumber(1));
  cJSON_AddItemToArray(arr, cJSON_CreateTrue());
  cJSON_AddItemToArray(arr, cJSON_CreateNull());
  cJSON *inner = cJSON_CreateObject();
  cJSON_AddBoolToObject(inner, "b", 0);
  cJSON_AddItemToArray(arr, inner);
  cJSON_AddObjectToObject(o, "empty_obj");
  cJSON_AddArrayToObject(o, "empty_arr");
  check_json(o,
             "{\n"
             "  \"zeta\": \"first\",\n"
             "  \"alpha\": 2,\n"
             "  \"list\": [\n"
             "    1,\n"
             "    true,\n"
             "    null,\n"
             "    {\n"
             "      \"b\": false\n"
             "    }\n"
             "  ],\n"
             "  \"empty_obj\": {},\n"
             "  \"empty_arr\": []\n"
             "}\n");
  cJSON_Delete(o);

  cJSON *e = cJSON_CreateObject();
  check_json(e, "{}\n");
  cJSON_Delete(e);
  cJSON *a = cJSON_CreateArray();
  check_json(a, "[]\n");
  cJSON_Delete(a);
  cJSON *s = cJSON_CreateString("top");
  check_json(s, "\"top\"\n");
  cJSON_Delete(s);
}

static void test_json_escapes(void) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "q\"k", "a\"b\\c\nd\te\rf\bg\fh\x01i\x1fj/k\x7f");
  cJSON_AddStringToObject(o, "utf8", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
  check_json(o,
             "{\n"
             "  \"q\\\"k\": \"a\\\"b\\\\c\\nd\\te\\rf\\bg\\fh\\u0001i\\u001fj/k\x7f\",\n"
             "  \"utf8\": \"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"\n"
             "}\n");
  cJSON_Delete(o);
}

static void test_numbers(void) {
  char buf[32];
  ASSERT_STR(emit_format_number(0, buf), "0");
  ASSERT_STR(emit_format_number(-0.0, buf), "0");
  ASSERT_STR(emit_format_number(42, buf), "42");
  ASSERT_STR(emit_format_number(-7, buf), "-7");
  ASSERT_STR(emit_format_number(1e15, buf), "1000000000000000");
  ASSERT_STR(emit_format_number(9007199254740993.0, buf), "9007199254740992");
  ASSERT_STR(emit_format_number(3000000000.0, buf), "3000000000");
  ASSERT_STR(emit_format_number(0.5, buf), "0.5");
  ASSERT_STR(emit_format_number(0.1, buf), "0.1");
  ASSERT_STR(emit_format_number(-2.25, buf), "-2.25");
  ASSERT_STR(emit_format_number(1.0 / 3.0, buf), "0.3333333333333333");
  ASSERT_STR(emit_format_number(1e-7, buf), "1e-07");

  cJSON *a = cJSON_CreateArray();
  cJSON_AddItemToArray(a, cJSON_CreateNumber(128));
  cJSON_AddItemToArray(a, cJSON_CreateNumber(86400.0));
  cJSON_AddItemToArray(a, cJSON_CreateNumber(1.5));
  check_json(a, "[\n  128,\n  86400,\n  1.5\n]\n");
  check_yaml(a, "- 128\n- 86400\n- 1.5\n");
  cJSON_Delete(a);
}

/* Strings that must come out double-quoted: each resolves to a non-string in YAML
 * 1.1 or 1.2, or needs quoting for its characters. */
static const char *const must_quote[] = {
  "", "y", "Y", "n", "N", "yes", "Yes", "YES", "yEs", "no", "No", "NO", "on", "On", "ON",
  "off", "Off", "OFF", "true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "~",
  "null", "Null", "NULL", "0", "7", "012", "0o17", "0x1F", "0b101", "-1", "+1", "1e3",
  "1E3", "1.5", ".5", "1_000", "1:20", "190:20:30", ".inf", "-.inf", ".Inf", ".NaN",
  ".nan", "inf", "nan", "2010-09-09", "2001-12-14t21:59:43.10-05:00", "-", "?", ":",
  "- a", "? a", "a: b", "a:", "key #c", "#c", " lead", "trail ", "two  spaces",
  "line\nbreak", "tab\there", "ctl\x01", "&anchor", "*alias", "!tag", "|", ">", "'q'",
  "\"q\"", "%dir", "@at", "`tick", "[a]", "{a}", "a,b", "a[0]", "<<", "=", "caf\xc3\xa9",
  "arn:aws:s3:::bucket/*", "${Foo}", NULL,
};

/* Strings that are safe to leave plain. */
static const char *const may_plain[] = {
  "AWS::Lambda::Function", "Handler", "index.handler", "nodejs20.x", "photos-bucket",
  "a:b", "s3:GetObject", "/var/task", "Hello world", "user@example", "_private",
  "yes_please", "Ref", "Fn::GetAtt", "python3.12", "x86_64", NULL,
};

static void test_yaml_quoting(void) {
  for (const char *const *s = must_quote; *s; s++) {
    if (emit_yaml_plain_safe(*s)) {
      test_failed++;
      fprintf(stderr, "%s:%d: '%s' judged plain-safe\n", __FILE__, __LINE__, *s);
    } else {
      test_passed++;
    }
  }
  for (const char *const *s = may_plain; *s; s++) {
    if (!emit_yaml_plain_safe(*s)) {
      test_failed++;
      fprintf(stderr, "%s:%d: '%s' judged unsafe\n", __FILE__, __LINE__, *s);
    } else {
      test_passed++;
    }
  }
}

static void test_yaml_layout(void) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "AWSTemplateFormatVersion", "2010-09-09");
  cJSON *res = cJSON_AddObjectToObject(o, "Resources");
  cJSON *fn = cJSON_AddObjectToObject(res, "Fn");
  cJSON_AddStringToObject(fn, "Type", "AWS::Lambda::Function");
  cJSON *props = cJSON_AddObjectToObject(fn, "Properties");
  cJSON_AddNumberToObject(props, "MemorySize", 512);
  cJSON_AddBoolToObject(props, "Enabled", 1);
  cJSON_AddStringToObject(props, "Flag", "yes");
  cJSON *arch = cJSON_AddArrayToObject(props, "Architectures");
  cJSON_AddItemToArray(arch, cJSON_CreateString("arm64"));
  cJSON_AddObjectToObject(props, "Empty");
  cJSON_AddArrayToObject(props, "NoItems");
  cJSON_AddStringToObject(props, "Text", "line1\nline2 \"q\" caf\xc3\xa9");
  cJSON_AddNullToObject(props, "Nothing");
  cJSON_AddStringToObject(o, "yes", "no");
  check_yaml(o,
             "AWSTemplateFormatVersion: \"2010-09-09\"\n"
             "Resources:\n"
             "  Fn:\n"
             "    Type: AWS::Lambda::Function\n"
             "    Properties:\n"
             "      MemorySize: 512\n"
             "      Enabled: true\n"
             "      Flag: \"yes\"\n"
             "      Architectures:\n"
             "      - arm64\n"
             "      Empty: {}\n"
             "      NoItems: []\n"
             "      Text: \"line1\\nline2 \\\"q\\\" caf\xc3\xa9\"\n"
             "      Nothing: null\n"
             "\"yes\": \"no\"\n");
  cJSON_Delete(o);
}

/* Round trip: emit every test string as a mapping value (and as a key), parse the
 * YAML back with libyaml and check that each scalar has the same value, and that
 * the style is double-quoted exactly when emit_yaml_plain_safe() said so. */
static void test_yaml_round_trip(void) {
  const char *const *lists[] = {must_quote, may_plain};
  cJSON *o = cJSON_CreateObject();
  cJSON *seq = cJSON_AddArrayToObject(o, "values");
  int nvals = 0;
  for (int l = 0; l < 2; l++)
    for (const char *const *s = lists[l]; *s; s++) {
      cJSON_AddItemToArray(seq, cJSON_CreateString(*s));
      nvals++;
    }
  cJSON *keys = cJSON_AddObjectToObject(o, "keys");
  for (int l = 0; l < 2; l++)
    for (const char *const *s = lists[l]; *s; s++)
      cJSON_AddItemToObject(keys, *s, cJSON_CreateNumber(1));
  char *text = emit_yaml(o);
  ASSERT(text != NULL);
  if (!text) {
    cJSON_Delete(o);
    return;
  }

  yaml_parser_t parser;
  yaml_event_t ev;
  ASSERT(yaml_parser_initialize(&parser));
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, strlen(text));
  const cJSON *want_val = seq->child, *want_key = keys->child;
  int depth = 0, in_keys = 0, key_pos = 1, done = 0, seen = 0;
  while (!done) {
    if (!yaml_parser_parse(&parser, &ev)) {
      test_failed++;
      fprintf(stderr, "round trip: parse error: %s\n", parser.problem ? parser.problem : "?");
      break;
    }
    switch (ev.type) {
    case YAML_STREAM_END_EVENT: done = 1; break;
    case YAML_MAPPING_START_EVENT:
    case YAML_SEQUENCE_START_EVENT: depth++; key_pos = 1; break;
    case YAML_MAPPING_END_EVENT:
    case YAML_SEQUENCE_END_EVENT: depth--; key_pos = 1; break;
    case YAML_SCALAR_EVENT: {
      const char *v = (const char *)ev.data.scalar.value;
      int quoted = ev.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
      if (depth == 1) {
        in_keys = strcmp(v, "keys") == 0;
        break;
      }
      const char *want = NULL;
      if (!in_keys && want_val) {
        want = want_val->valuestring;
        want_val = want_val->next;
      } else if (in_keys && key_pos) {
        want = want_key ? want_key->string : NULL;
        if (want_key)
          want_key = want_key->next;
      } else {
        ASSERT(strcmp(v, "1") == 0 && ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE);
      }
      if (in_keys)
        key_pos = !key_pos;
      if (!want)
        break;
      seen++;
      if (strcmp(v, want) != 0 || ev.data.scalar.length != strlen(want) ||
          quoted == emit_yaml_plain_safe(want) ||
          (!quoted && ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)) {
        test_failed++;
        fprintf(stderr, "round trip: want '%s' (%s), got '%s' style %d\n", want,
                emit_yaml_plain_safe(want) ? "plain" : "quoted", v, (int)ev.data.scalar.style);
      } else {
        test_passed++;
      }
      break;
    }
    default: break;
    }
    yaml_event_delete(&ev);
  }
  yaml_parser_delete(&parser);
  ASSERT(seen == 2 * nvals);
  free(text);
  cJSON_Delete(o);
}

static void test_yaml_no_document_marker(void) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "a", "b");
  char *t = emit_yaml(o);
  ASSERT(t && strncmp(t, "---", 3) != 0 && !strstr(t, "..."));
  ASSERT_STR(t, "a: b\n");
  free(t);
  cJSON_Delete(o);
  cJSON *e = cJSON_CreateObject();
  check_yaml(e, "{}\n");
  cJSON_Delete(e);
  cJSON *n = cJSON_CreateArray();
  cJSON_AddItemToArray(n, cJSON_CreateNumber(1e300));
  cJSON_AddItemToArray(n, cJSON_CreateNumber(1e-7));
  check_yaml(n, "- 1.0e+300\n- 1.0e-07\n");
  cJSON_Delete(n);
}

int main(void) {
  test_json_layout();
  test_json_escapes();
  test_numbers();
  test_yaml_quoting();
  test_yaml_layout();
  test_yaml_round_trip();
  test_yaml_no_document_marker();
  return test_summary();
}
