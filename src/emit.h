/* emit.h -- the last pipeline stage: a cJSON document (built by backend_cfn.c or
 * backend_tf.c) becomes bytes. emit_json.c prints deterministic pretty JSON;
 * emit_yaml.c drives libyaml's emitter over the same tree (one tree, two syntaxes).
 * Both keep object keys in insertion order, so output order is the backend's order. */
#ifndef STACKC_EMIT_H
#define STACKC_EMIT_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

/* Pretty JSON: 2-space indent, `"key": value`, `{}`/`[]` when empty, trailing newline.
 * Returns malloc'd NUL-terminated text (caller frees), or NULL when out of memory. */
char *emit_json(const cJSON *doc);

/* Block-style YAML through libyaml: 2-space indent, unlimited width, UTF-8 passed
 * through, no `---`. Strings that a YAML 1.1 or 1.2 reader could take for anything
 * but a string are double-quoted. Returns malloc'd text, or NULL on emitter error. */
char *emit_yaml(const cJSON *doc);

/* Formats a JSON number: integral values as integers (no exponent, no ".0"), others
 * as the shortest %.*g that reads back exactly; NaN and infinities as "null".
 * buf needs 32 bytes. Returns buf. */
char *emit_format_number(double d, char buf[32]);

/* True when s may be written as a plain YAML scalar: it matches a conservative
 * allow-list and no YAML 1.1/1.2 reader resolves it to a bool, null or number. */
bool emit_yaml_plain_safe(const char *s);

#endif
