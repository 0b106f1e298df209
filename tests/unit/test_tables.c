/* test_tables.c — every supported kind has a complete row in every layer's
 * per-kind table (check_kinds.c, plan_kinds.c, cfn_kinds.c, tf_kinds.c), so
 * adding a kind without its row fails here, naming the layer and the kind,
 * instead of being dropped silently at run time.
 *
 * A row's member may be NULL only when the row says why (its no_* reason);
 * a member that is set and also carries a reason fails too (the reason
 * would be false). Each layer has its own test_<layer>_kinds() below and
 * one line in main(); row_member() is what they share. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "cfn_kinds.h"
#include "check_kinds.h"
#include "kinds.h"
#include "plan_kinds.h"
#include "testing.h"
#include "tf_kinds.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* One member of kind `k`'s row in `layer`: present, or absent with a reason. */
static void row_member(const char *layer, ResKind k, const char *member, bool present, const char *reason) {
  if (plan_member_complete(present, reason)) {
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
   * partial_failures (and on_failure) by the same ARG_* index: the tables agree on them. */
  for (uint32_t i = 0; i < POLLER_ARG_COUNT; i++)
    row_fact("check", "pollers", strcmp(queue_trigger.args[i].name, stream_trigger.args[i].name) == 0 &&
             strcmp(queue_trigger.args[i].name, table_trigger.args[i].name) == 0,
             "the queue, table and stream argument tables disagree on a shared ARG_* index");
}

/* The grant rows cover exactly the accesses the kind may be granted, each
 * with at least one action. */
static void check_grants(ResKind k, const PlanKind *row) {
  uint32_t covered = 0;
  for (const GrantRow *g = row->grants; g && g->sid_suffix; g++) {
    bool allowed = kind_specs[k].accesses & (1u << g->access);
    if (!allowed || !g->actions[0])
      fprintf(stderr, "plan layer: kind '%s': grant row '%s %s' %s\n", kind_specs[k].name,
              access_names[g->access], g->sid_suffix, allowed ? "has no actions" : "is an access the kind lacks");
    ASSERT(allowed && g->actions[0]);
    covered |= 1u << g->access;
  }
  for (int a = 0; a < ACC_COUNT; a++) {
    bool missing = (kind_specs[k].accesses & (1u << a)) && !(covered & (1u << a));
    if (missing)
      fprintf(stderr, "plan layer: kind '%s': no grant row for access '%s'\n", kind_specs[k].name, access_names[a]);
    ASSERT(!missing);
  }
}

/* plan_kinds[] (plan_kinds.c): names, grants, how a trigger is lowered, a poller's role
 * statements, the planner. */
static void test_plan_kinds(void) {
  for (int k = 0; k < RES_KIND_COUNT; k++) {
    if (!kind_specs[k].supported) continue;
    const PlanKind *row = &plan_kinds[k];
    row_member("plan", (ResKind)k, "physical_name", row->physical_name != NULL, row->no_physical_name);
    row_member("plan", (ResKind)k, "grants", row->grants != NULL, row->no_grants);
    row_member("plan", (ResKind)k, "lower_trigger", row->lower_trigger != NULL, row->no_lower_trigger);
    /* A kind with events lowers its triggers; one with none has none to lower. */
    bool lowers_ok = !kind_specs[k].events == !row->lower_trigger;
    if (!lowers_ok)
      fprintf(stderr, "plan layer: kind '%s': lower_trigger %s, but the kind %s events\n", kind_specs[k].name,
              row->lower_trigger ? "set" : "missing", kind_specs[k].events ? "has" : "has no");
    ASSERT(lowers_ok);
    row_member("plan", (ResKind)k, "trigger_statements", row->trigger_statements != NULL,
               row->no_trigger_statements);
    row_member("plan", (ResKind)k, "plan", row->plan != NULL, row->no_plan);
    bool length_ok = !row->physical_name || kind_specs[k].name_max > 0;
    if (!length_ok)
      fprintf(stderr, "plan layer: kind '%s': a physical-name rule without kind_specs[].name_max\n", kind_specs[k].name);
    ASSERT(length_ok);
    /* A kind that triggers nothing needs no trigger statements. */
    bool source_ok = kind_specs[k].events || !row->trigger_statements;
    if (!source_ok)
      fprintf(stderr, "plan layer: kind '%s': trigger statements for a kind with no events\n", kind_specs[k].name);
    ASSERT(source_ok);
    check_grants((ResKind)k, row);
  }
}

/* The rule every layer's row is held to (plan_member_complete, which
 * row_member uses): a blank member (or a dropped row, all blank) and a
 * member both set and excused are each caught. */
static void test_member_complete(void) {
  ASSERT(plan_member_complete(true, NULL));
  ASSERT(plan_member_complete(false, "CloudFront names distributions itself"));
  ASSERT(!plan_member_complete(false, NULL));
  ASSERT(!plan_member_complete(false, ""));
  ASSERT(!plan_member_complete(true, "set and excused"));
}

/* A backend's reference map covers exactly the references kind_specs[]
 * lets a program write, except metrics (read by alarms, never a value). */
static bool ref_is_value(ResKind k, RefAttr attr) {
  for (const RefSpec *r = kind_specs[k].refs; r && r->name; r++)
    if (r->attr == attr) return r->type->kind != T_METRIC;
  return false;
}

/* Its reference map writes `attr` exactly when a program may read it as a value. */
static void ref_map_entry(const char *layer, ResKind k, RefAttr attr, bool in_map) {
  bool value = ref_is_value(k, attr);
  char whose[96], what[96];
  snprintf(whose, sizeof whose, "kind '%s'", kind_specs[k].name);
  snprintf(what, sizeof what, "reference map entry %d (RefAttr) is %s", (int)attr,
           value ? "missing: kind_specs[] lets a program read it" : "there, but kind_specs[] gives no such value");
  row_fact(layer, whose, in_map == value, what);
}

/* What the two backends' rows hold, seen the same way, so one function
 * holds both to the same facts. */
typedef struct BackendRow {
  const char *type;
  bool emit, expand;
  const char *no_expand;
  bool value[REF_ATTR_COUNT];       /* the map writes this reference */
  bool composite[REF_ATTR_COUNT];   /* by the row's expander */
  bool well_formed[REF_ATTR_COUNT]; /* its entry is consistent (a GetAtt names its attribute...) */
} BackendRow;

static void check_backend_row(const char *layer, ResKind k, const BackendRow *row) {
  char whose[64];
  snprintf(whose, sizeof whose, "kind '%s'", kind_specs[k].name);
  row_fact(layer, whose, row->type != NULL, ".type (the resource type) is NULL");
  row_fact(layer, whose, row->emit, ".emit (the resource emitter) is NULL");
  row_member(layer, k, "expand", row->expand, row->no_expand);
  bool composite = false;
  for (int a = 0; a < REF_ATTR_COUNT; a++) {
    ref_map_entry(layer, k, (RefAttr)a, row->value[a]);
    row_fact(layer, whose, row->well_formed[a], "a reference map entry is malformed");
    composite |= row->composite[a];
  }
  row_fact(layer, whose, composite == row->expand, "it has an expander exactly when a reference is composite");
}

/* cfn_kinds[] (cfn_kinds.c): the type, the emitter, the reference map and
 * the expander of its composite references. */
static void test_cfn_kinds(void) {
  for (int k = 0; k < RES_KIND_COUNT; k++) {
    if (!kind_specs[k].supported) continue;
    const CfnKind *c = &cfn_kinds[k];
    BackendRow row = {.type = c->type, .emit = c->emit != NULL, .expand = c->expand != NULL,
                      .no_expand = c->no_expand};
    for (int a = 0; a < REF_ATTR_COUNT; a++) {
      row.value[a] = c->refs[a].how != CFN_NOT_A_VALUE;
      row.composite[a] = c->refs[a].how == CFN_COMPOSITE;
      row.well_formed[a] = (c->refs[a].how == CFN_BY_GETATT) == (c->refs[a].getatt != NULL);
    }
    check_backend_row("cloudformation", (ResKind)k, &row);
  }
}

/* tf_kinds[] (tf_kinds.c): the same facts for Terraform. */
static void test_tf_kinds(void) {
  for (int k = 0; k < RES_KIND_COUNT; k++) {
    if (!kind_specs[k].supported) continue;
    const TfKind *tf = &tf_kinds[k];
    BackendRow row = {.type = tf->type, .emit = tf->emit != NULL, .expand = tf->expand != NULL,
                      .no_expand = tf->no_expand};
    for (int a = 0; a < REF_ATTR_COUNT; a++) {
      row.value[a] = tf->refs[a].attr || tf->refs[a].composite;
      row.composite[a] = tf->refs[a].composite;
      row.well_formed[a] = !(tf->refs[a].attr && tf->refs[a].composite);
    }
    check_backend_row("terraform", (ResKind)k, &row);
  }
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
  test_member_complete();
  test_row_member_fires();
  test_check_kinds();
  test_plan_kinds();
  test_cfn_kinds();
  test_tf_kinds();
  return test_summary();
}
