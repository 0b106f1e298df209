/* json_build.h — the one way the backends build their cJSON trees.
 *
 * Both backends (backend_cfn.c, backend_tf.c and their files) make every
 * node with these helpers, so an allocation failure has one policy: the
 * first one sets the build's sticky failed flag, and from then on every
 * helper is a no-op that returns NULL (a NULL parent or child after a
 * failure only carries it on), so call sites need no checks. A NULL string,
 * key or node before any failure is a backend bug, and fails the build the
 * same way. json_build_end() then frees the tree and returns NULL; the driver
 * turns that into an internal error (exit 2, no output file), never a
 * partial template.
 *
 * The flag lives here rather than in each backend's state because leaf
 * helpers (a function's code block, a string array) have no state to
 * carry it; stackc builds one tree at a time, between json_build_begin()
 * and json_build_end().
 *
 * Also the text of a scalar value and a lookup in a list of objects, which
 * both backends need alike.
 */
#ifndef STACKC_JSON_BUILD_H
#define STACKC_JSON_BUILD_H

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "ir.h"

/* Starts a build: clears the failure. */
void json_build_begin(void);
/* Ends the build of `root`: root, or NULL (root freed) when any helper
 * failed since json_build_begin(). */
cJSON *json_build_end(cJSON *root);
/* Why the build failed ("out of memory", or the backend bug that stopped
 * it: a NULL string, key or node), or NULL while it has not; kept until the
 * next json_build_begin(). */
const char *json_build_failure(void);

/* New nodes; NULL once the build failed (jstr(NULL) fails it). */
cJSON *jobj(void);
cJSON *jarr(void);
cJSON *jstr(const char *s);
cJSON *jnum(double d);
cJSON *jbool(bool b);

/* Adds `item` under `key` (copied) to `obj` and returns it; when either is
 * NULL or cJSON cannot add it, frees item, fails the build and returns
 * NULL. */
cJSON *put(cJSON *obj, const char *key, cJSON *item);
/* The same for appending to an array. */
cJSON *push(cJSON *arr, cJSON *item);

/* put() of a new node: obj[key] = "s", {}, [], d, b. */
cJSON *put_str(cJSON *obj, const char *key, const char *s);
cJSON *put_obj(cJSON *obj, const char *key);
cJSON *put_arr(cJSON *obj, const char *key);
cJSON *put_num(cJSON *obj, const char *key, double d);
cJSON *put_bool(cJSON *obj, const char *key, bool b);

/* `node` as compact JSON text (a Terraform argument that takes JSON), to
 * free with cJSON_free; NULL, with the build failed, when out of memory. */
char *json_text(const cJSON *node);

/* Whether an object of array `list` has member `field` equal to the string `value`. */
bool json_list_has(const cJSON *list, const char *field, const char *value);

/* The text both targets write for a scalar value: a string's or enum's
 * own text, an integer (durations in ms, sizes in bytes) in decimal, a
 * number as emit_format_number writes it, true/false; NULL for any other
 * kind of value. `buf` holds the text when it is not the value's own. */
const char *json_scalar_text(const Value *v, char buf[32]);

#endif
