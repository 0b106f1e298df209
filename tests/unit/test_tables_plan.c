/* test_tables_plan.c — every supported kind has a complete row in the plan
 * layer's table (src/plan_kinds.c): each member set, or NULL with a reason
 * saying why it does not apply. A failure names the layer and the kind, so
 * adding a kind without its plan row fails `make check` and says where. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <string.h>

#include "plan_kinds.h"
#include "testing.h"

/* Reports `member` of kind k's row unless it is set or excused. */
#define CHECK_MEMBER(k, row, member)                                                            \
  do {                                                                                          \
    bool ok_ = plan_member_complete((row)->member != NULL, (row)->no_##member);                 \
    if (!ok_)                                                                                   \
      fprintf(stderr, "plan layer: kind '%s': member '%s' is %s\n", kind_specs[k].name, #member, \
              (row)->member ? "set and also marked not applicable"                              \
                            : "NULL without a no_" #member " reason");                          \
    ASSERT(ok_);                                                                                \
  } while (0)

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

static void test_plan_kinds_complete(void) {
  for (int k = 0; k < RES_KIND_COUNT; k++) {
    if (!kind_specs[k].supported) continue;
    const PlanKind *row = &plan_kinds[k];
    CHECK_MEMBER(k, row, physical_name);
    CHECK_MEMBER(k, row, grants);
    CHECK_MEMBER(k, row, trigger_statements);
    CHECK_MEMBER(k, row, plan);
    bool length_ok = !row->physical_name || row->name_max_len > 0;
    if (!length_ok)
      fprintf(stderr, "plan layer: kind '%s': a physical-name rule without name_max_len\n", kind_specs[k].name);
    ASSERT(length_ok);
    /* A kind that triggers nothing needs no trigger statements. */
    bool source_ok = kind_specs[k].events || !row->trigger_statements;
    if (!source_ok)
      fprintf(stderr, "plan layer: kind '%s': trigger statements for a kind with no events\n", kind_specs[k].name);
    ASSERT(source_ok);
    check_grants((ResKind)k, row);
  }
}

/* The rule itself: a blank member (or a dropped row, all blank) and a
 * member both set and excused are each caught. */
static void test_plan_plan_member_complete(void) {
  ASSERT(plan_member_complete(true, NULL));
  ASSERT(plan_member_complete(false, "CloudFront names distributions itself"));
  ASSERT(!plan_member_complete(false, NULL));
  ASSERT(!plan_member_complete(false, ""));
  ASSERT(!plan_member_complete(true, "set and excused"));
}

int main(void) {
  test_plan_plan_member_complete();
  test_plan_kinds_complete();
  return test_summary();
}
