/* check_kinds.c — the checker's row per kind (see check_kinds.h). Adding a
 * kind adds a row here; tests/unit/test_tables.c names a missing one. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "check_kinds.h"

const CheckKind check_kinds[RES_KIND_COUNT] = {
  [RES_FUNCTION] = {.no_trigger = "a function is run by triggers, it is not a source of them",
                    .rules = rules_function},
  [RES_BUCKET] = {.trigger = &bucket_trigger, .rules = rules_bucket},
  [RES_TABLE] = {.trigger = &table_trigger, .rules = rules_table},
  [RES_TOPIC] = {.trigger = &topic_trigger, .rules = rules_duplicate_trigger},
  [RES_QUEUE] = {.trigger = &queue_trigger, .rules = rules_queue},
  [RES_STREAM] = {.trigger = &stream_trigger, .rules = rules_duplicate_trigger},
  [RES_FIREHOSE] = {.no_trigger = "a firehose delivers to its destination, not to functions",
                    .rules = rules_firehose},
  [RES_API] = {.trigger = &route_trigger, .rules = rules_api},
  [RES_CDN] = {.no_trigger = "a cdn serves its origin, it triggers nothing", .rules = rules_cdn},
  [RES_ALARM] = {.no_trigger = "an alarm notifies topics, not functions", .rules = rules_alarm},
  [RES_BUS] = {.trigger = &bus_trigger, .rules = rules_duplicate_trigger},
};
