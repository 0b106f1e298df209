/* check_kinds.h — the checker's one row per kind.
 *
 * Everything the checker does differently per kind is reached through
 * check_kinds[kind]: how `on NAME...` builds the kind's trigger (its
 * argument table and builder) and the rules on a whole resource of the
 * kind once the program is checked. A member left NULL says why in its
 * no_* reason; tests/unit/test_tables.c fails when a supported kind has a
 * NULL member without one, and the checker reports an internal error
 * should it meet one anyway.
 */
#ifndef STACKC_CHECK_KINDS_H
#define STACKC_CHECK_KINDS_H

#include "compile.h"
#include "ir.h"

struct Checker;
struct TriggerSource;

/* One kind of trigger as the checker builds it. */
typedef struct CheckTrigger {
  TriggerKind kind;
  const FieldSpec *args;   /* argument table, in the order of its enum in ir.h; ends with a NULL name.
                            * Routes and schedules: their one positional argument, named for messages */
  uint32_t nargs;          /* entries of args: IrTrigger.nargs */
  /* Fills t->args (and checks what needs only the source) from the source as
   * written; false when there is no trigger to keep. */
  bool (*build)(struct Checker *ck, IrTrigger *t, const struct TriggerSource *ts);
} CheckTrigger;

typedef struct CheckKind {
  const CheckTrigger *trigger;   /* `on NAME...`: set exactly when kind_specs[kind].events is not empty */
  const char *no_trigger;        /* why trigger is NULL */
  /* Rules on a whole resource of the kind, across its attributes and
   * triggers, run once every declaration is checked (rules_check_program). */
  void (*rules)(Compilation *c, const IrRes *r);
  const char *no_rules;          /* why rules is NULL */
} CheckKind;

extern const CheckKind check_kinds[RES_KIND_COUNT];

/* Triggers (check_triggers.c). A schedule has no source kind. */
extern const CheckTrigger bucket_trigger, table_trigger, topic_trigger, queue_trigger, stream_trigger,
    route_trigger, bus_trigger, schedule_trigger;

/* Whole-resource rules (check_rules.c). */
void rules_bucket(Compilation *c, const IrRes *bucket);
void rules_table(Compilation *c, const IrRes *table);
void rules_duplicate_trigger(Compilation *c, const IrRes *source);   /* topic, queue, stream, bus */
void rules_firehose(Compilation *c, const IrRes *firehose);
void rules_api(Compilation *c, const IrRes *api);
void rules_cdn(Compilation *c, const IrRes *cdn);
void rules_alarm(Compilation *c, const IrRes *alarm);
void rules_function(Compilation *c, const IrRes *fn);
void rules_queue(Compilation *c, const IrRes *queue);

#endif
