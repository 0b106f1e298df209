/* test_tables.c — every supported kind has a complete row in every layer's
 * per-kind table, so adding a kind without its row fails here, naming the
 * layer and the kind, instead of being dropped silently at run time.
 *
 * A row's member may be NULL only when the row says why (its no_* reason);
 * a member that is set and also carries a reason fails too (the reason
 * would be false). Each layer has its own test_<layer>_kinds() below and
 * one line in main(); row_member() is what they share. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "check_kinds.h"
#include "kinds.h"
#include "testing.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* One member of kind `k`'s row in `layer`: present, or absent with a reason. */
static void row_member(const char *layer, ResKind k, const char *member, bool present, const char *reason) {
  bool has_reason = reason && *reason;
  if (present != has_reason) {
    test_passed++;
    return;
  }
  test_failed++;
  if (present)
    fprintf(stderr, "%s layer, kind '%s': .%s is set but the row also says why it is not (\"%s\")\n", layer,
            kind_specs[k].name, member, reason);
  else
    fprintf(stderr, "%s layer, kind '%s': .%s is NULL and the row gives no reason (.no_%s)\n", layer,
            kind_specs[k].name, member, member);
}

/* A failed fact about kind `k`'s row (or a trigger's table), named. */
static void row_fact(const char *layer, const char *whose, bool ok, const char *what) {
  if (ok) {
    test_passed++;
    return;
  }
  test_failed++;
  fprintf(stderr, "%s layer, %s: %s\n", layer, whose, what);
}

/* A trigger's argument table ends after nargs named, typed, distinct
 * entries (IrTrigger.args is read by the enums in ir.h), and it has a builder. */
static void check_trigger_table(const char *whose, const CheckTrigger *t) {
  row_fact("check", whose, t->build != NULL, "the trigger has no builder");
  row_fact("check", whose, t->args != NULL, "the trigger has no argument table");
  if (!t->args) return;
  uint32_t n = 0;
  while (t->args[n].name) n++;
  row_fact("check", whose, n == t->nargs, "nargs is not the number of entries of its argument table");
  for (uint32_t i = 0; i < n; i++) {
    row_fact("check", whose, t->args[i].type != NULL, "an argument has no type");
    for (uint32_t j = 0; j < i; j++)
      row_fact("check", whose, strcmp(t->args[i].name, t->args[j].name) != 0, "an argument is listed twice");
  }
}

/* check_kinds[] (check_kinds.c): a trigger exactly for the kinds with
 * events, rules or the reason there are none. */
static void test_check_kinds(void) {
  for (int i = 0; i < RES_KIND_COUNT; i++) {
    ResKind k = (ResKind)i;
    if (!kind_specs[k].supported) continue;
    const CheckKind *row = &check_kinds[k];
    char whose[64];
    snprintf(whose, sizeof whose, "kind '%s'", kind_specs[k].name);
    row_member("check", k, "trigger", row->trigger != NULL, row->no_trigger);
    row_member("check", k, "rules", row->rules != NULL, row->no_rules);
    row_fact("check", whose, (row->trigger != NULL) == (kind_specs[k].events != 0),
             "it has a trigger exactly when kind_specs[] gives it events");
    if (row->trigger) check_trigger_table(whose, row->trigger);
  }
  check_trigger_table("schedules", &schedule_trigger);
  /* The backends read a queue's and a stream's batch, window and
   * partial_failures by the same ARG_* index: the tables agree on them. */
  for (uint32_t i = 0; i < QUEUE_ARG_COUNT; i++)
    row_fact("check", "pollers", strcmp(queue_trigger.args[i].name, stream_trigger.args[i].name) == 0 &&
             strcmp(queue_trigger.args[i].name, table_trigger.args[i].name) == 0,
             "the queue, table and stream argument tables disagree on a shared ARG_* index");
}

/* The completeness check itself fires: a row with a member blanked fails. */
static void test_row_member_fires(void) {
  int failed = test_failed, passed = test_passed;
  fprintf(stderr, "(two failures expected next, from a row blanked on purpose)\n");
  row_member("check", RES_QUEUE, "trigger", false, NULL);
  row_member("check", RES_QUEUE, "rules", true, "a reason given for a member that is set");
  bool fired = test_failed == failed + 2;
  test_failed = failed;
  test_passed = passed;
  ASSERT(fired);
}

int main(void) {
  test_row_member_fires();
  test_check_kinds();
  return test_summary();
}
