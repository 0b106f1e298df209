/* json_build.c — cJSON nodes with one failure policy (json_build.h). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "json_build.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "emit.h"

/* Why the current build failed, set by its first failure; NULL while it
 * has not failed. See json_build.h. */
static const char *failure;

static void fail(const char *why) {
  if (!failure) failure = why;
}

void json_build_begin(void) { failure = NULL; }

const char *json_build_failure(void) { return failure; }

cJSON *json_build_end(cJSON *root) {
  if (!failure && root) return root;
  fail("a backend returned no tree");
  cJSON_Delete(root);
  return NULL;
}

/* A node just made, or NULL: records a failure, and frees a node made
 * after one (cJSON may succeed again once memory is back). */
static cJSON *made(cJSON *node) {
  if (node && !failure) return node;
  if (!node) fail("out of memory");
  cJSON_Delete(node);
  return NULL;
}

cJSON *jobj(void) { return failure ? NULL : made(cJSON_CreateObject()); }
cJSON *jarr(void) { return failure ? NULL : made(cJSON_CreateArray()); }
cJSON *jnum(double d) { return failure ? NULL : made(cJSON_CreateNumber(d)); }
cJSON *jbool(bool b) { return failure ? NULL : made(cJSON_CreateBool(b)); }

cJSON *jstr(const char *s) {
  if (!s) fail("a string the backend did not have");
  return failure ? NULL : made(cJSON_CreateString(s));
}

/* Whether `item` can join `parent`: both exist, and the build has not failed.
 * A NULL parent or item with no failure recorded is a helper's own bug. */
static bool can_add(const cJSON *parent, const cJSON *item) {
  if (!parent || !item) fail("a node the backend did not make");
  return !failure;
}

cJSON *put(cJSON *obj, const char *key, cJSON *item) {
  if (!key) fail("a key the backend did not have");
  if (can_add(obj, item) && cJSON_AddItemToObject(obj, key, item)) return item;
  fail("out of memory");
  cJSON_Delete(item);
  return NULL;
}

cJSON *push(cJSON *arr, cJSON *item) {
  if (can_add(arr, item) && cJSON_AddItemToArray(arr, item)) return item;
  fail("out of memory");
  cJSON_Delete(item);
  return NULL;
}

cJSON *put_str(cJSON *obj, const char *key, const char *s) { return put(obj, key, jstr(s)); }
cJSON *put_obj(cJSON *obj, const char *key) { return put(obj, key, jobj()); }
cJSON *put_arr(cJSON *obj, const char *key) { return put(obj, key, jarr()); }
cJSON *put_num(cJSON *obj, const char *key, double d) { return put(obj, key, jnum(d)); }
cJSON *put_bool(cJSON *obj, const char *key, bool b) { return put(obj, key, jbool(b)); }

char *json_text(const cJSON *node) {
  if (failure || !node) return NULL;
  char *text = cJSON_PrintUnformatted(node);
  if (!text) fail("out of memory");
  return text;
}

bool json_list_has(const cJSON *list, const char *field, const char *value) {
  const cJSON *item;
  cJSON_ArrayForEach(item, list) {
    const cJSON *member = cJSON_GetObjectItemCaseSensitive(item, field);
    if (cJSON_IsString(member) && strcmp(member->valuestring, value) == 0) return true;
  }
  return false;
}

const char *json_scalar_text(const Value *v, char buf[32]) {
  switch (v->kind) {
  case V_STR:
  case V_ENUM: return v->s;
  case V_INT:
  case V_DURATION:
  case V_SIZE: snprintf(buf, 32, "%" PRId64, v->i); return buf;
  case V_NUM: return emit_format_number(v->num, buf);
  case V_BOOL: return v->b ? "true" : "false";
  case V_LIST:
  case V_MAP:
  case V_REF:
  case V_PARAM:
  case V_PSEUDO:
  case V_JOIN:
  case V_DERIVED:
  case V_ABSTRACT: return NULL;
  }
  return NULL;
}
