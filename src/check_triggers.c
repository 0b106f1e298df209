/* check_triggers.c — checking `on SOURCE[.EVENT][(ARGS)] run F, G`.
 *
 * Part of the checker (see check.c). A trigger's source decides its kind:
 * a bucket event (S3 notification), a table stream, a topic (SNS
 * subscription), a queue or Kinesis stream (event source mappings), an api
 * route, a bus (an EventBridge rule on it), or a schedule written rate(...) / cron("..."). Each has its own
 * argument table and builder below (a CheckTrigger, which check_kinds[]
 * names for the source's kind); the builder fills IrTrigger.args by the
 * table's enum in ir.h. `run f, g` makes one IrTrigger per function.
 * Rules that need the function (timeouts, visibility) are checked here,
 * where both ends of the edge are known.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <ctype.h>
#include <inttypes.h>
#include <string.h>

#include "check_internal.h"
#include "check_kinds.h"


/* The parts of `on SOURCE[.EVENT][(ARGS)]`. */
typedef struct TriggerSource {
  const Node *source;   /* N_IDENT of the source */
  const Node *event;    /* the N_MEMBER whose name is the event, or NULL */
  const Node *args;     /* first argument, or NULL */
  bool call;            /* written with parentheses */
} TriggerSource;

static bool split_trigger_source(Checker *ck, const Node *e, TriggerSource *ts) {
  memset(ts, 0, sizeof *ts);
  if (e->kind == N_CALL) {
    ts->args = e->kids;
    ts->call = true;
    e = e->lhs;
  }
  if (e->kind == N_MEMBER) {
    ts->event = e;
    e = e->lhs;
  }
  if (e->kind != N_IDENT) {
    diag_error(&ck->c->diag, e->span, "expected a trigger source: NAME, NAME.EVENT or NAME.EVENT(...)");
    return false;
  }
  ts->source = e;
  return true;
}

/* ---- events --------------------------------------------------------------- */

/* "a" or "an" before a kind's name. */
static const char *article(const char *word) { return strchr("aeiou", word[0]) ? "an" : "a"; }

static EventKind event_without_name(Checker *ck, const TriggerSource *ts, IrRes *src) {
  if (src->spec->events & (1u << EV_MESSAGE)) return EV_MESSAGE;
  const char *first = NULL;
  for (int i = 0; i < EV_COUNT && !first; i++)
    if (src->spec->events & (1u << i)) first = event_names[i];
  Diag *d = diag_error(&ck->c->diag, ts->source->span, "%s %s trigger needs an event",
                       article(src->spec->name), src->spec->name);
  if (first) diag_note(&ck->c->diag, d, ts->source->span, "for example: on %s.%s run ...", src->name, first);
  return EV_COUNT;
}

static EventKind trigger_event(Checker *ck, const TriggerSource *ts, IrRes *src) {
  if (src->spec->events == 0) {
    diag_error(&ck->c->diag, ts->source->span, "%s %s cannot trigger functions", article(src->spec->name),
               src->spec->name);
    return EV_COUNT;
  }
  if (!ts->event) return event_without_name(ck, ts, src);
  if (src->spec->events & (1u << EV_MESSAGE)) {
    diag_error(&ck->c->diag, ts->event->name_span, "%s %s trigger has no event name: write 'on %s%s run ...'",
               article(src->spec->name), src->spec->name, src->name, ts->call ? "(...)" : "");
    return EV_COUNT;
  }
  for (int i = 0; i < EV_COUNT; i++)
    if ((src->spec->events & (1u << i)) && str_eq(event_names[i], ts->event->name)) return (EventKind)i;
  const char *names[EV_COUNT];
  size_t n = 0;
  for (int i = 0; i < EV_COUNT; i++)
    if (src->spec->events & (1u << i)) names[n++] = event_names[i];
  EventKind meant = event_alias_lookup(ts->event->name, src->spec->events);
  const char *guess = meant != EV_COUNT ? event_names[meant] : did_you_mean(ts->event->name, names, n);
  Diag *d = diag_error(&ck->c->diag, ts->event->name_span, "%s '%s' has no event '%s'%s", src->spec->name,
                       src->name, ts->event->name, did_you_mean_text(&ck->c->arena, guess));
  diag_note(&ck->c->diag, d, ts->event->name_span, "%s %s trigger's events are: %s", article(src->spec->name),
            src->spec->name, str_join(&ck->c->arena, names, n));
  return EV_COUNT;
}

/* ---- arguments ------------------------------------------------------------ */

static const char *const start_vals[] = {"latest", "trim_horizon", NULL};
static const Type ty_start = {.kind = T_ENUM, .enum_vals = start_vals, .name = "starting position"};
static const Type ty_filter = {.kind = T_MAP, .elem = &ty_string_list, .name = "filter record"};

/* The argument tables, indexed by the enums in ir.h (what each argument
 * means: docs/language.md). An argument without a range has min > max. */
static const FieldSpec bucket_args[] = {
  [ARG_PREFIX] = {.name = "prefix", .type = &ty_string, .min = 0, .max = 1024},
  [ARG_SUFFIX] = {.name = "suffix", .type = &ty_string, .min = 0, .max = 1024},
  [BUCKET_ARG_COUNT] = {0}};

/* Where a poller's failed records go: Lambda's event source mappings take
 * an SQS queue, an SNS topic or an S3 bucket (DestinationConfig.OnFailure;
 * not a function, which only asynchronous invocations can have). */
static const Type ty_failure_destination = {
  .kind = T_RESOURCE, .res_kinds = 1u << RES_QUEUE | 1u << RES_TOPIC | 1u << RES_BUCKET,
  .name = "queue, topic or bucket"};

/* Pollers (event source mappings). Lambda: batch 1-10000, batching window
 * 0-300 s; streams: parallelization factor 1-10, retries 0-10000 (absent:
 * until the record expires), record age 60 s - 7 days; queues: maximum
 * concurrency 2-1000. */
#define POLLER_ARGS(batch_default, partial_default)                                                    \
  [ARG_BATCH] = {.name = "batch", .type = &ty_int, .def_kind = DEF_INT, .def_int = batch_default,      \
                 .min = 1, .max = 10000},                                                              \
  [ARG_WINDOW] = {.name = "window", .type = &ty_duration, .def_kind = DEF_INT, .def_int = 0, .min = 0,  \
                  .max = 300 * MS_PER_SECOND, .step = MS_PER_SECOND},                                          \
  [ARG_PARTIAL] = {.name = "partial_failures", .type = &ty_bool, .def_kind = DEF_BOOL,                  \
                   .def_int = partial_default, NO_RANGE},                                              \
  [ARG_ON_FAILURE] = {.name = "on_failure", .type = &ty_failure_destination, NO_RANGE}
static const FieldSpec queue_args[] = {
  POLLER_ARGS(10, 1),
  [ARG_MAX_CONCURRENCY] = {.name = "max_concurrency", .type = &ty_int, .min = 2, .max = 1000},
  [QUEUE_ARG_COUNT] = {0}};
static const FieldSpec stream_args[] = {
  POLLER_ARGS(100, 0),
  [ARG_START] = {.name = "start", .type = &ty_start, .def_kind = DEF_ENUM, .def_str = "latest", NO_RANGE},
  [ARG_PARALLELISM] = {.name = "parallelism", .type = &ty_int, .def_kind = DEF_INT, .def_int = 1, .min = 1,
                       .max = 10},
  [ARG_MAX_RETRIES] = {.name = "max_retries", .type = &ty_int, .min = 0, .max = 10000},
  [ARG_MAX_AGE] = {.name = "max_age", .type = &ty_duration, .min = 60 * MS_PER_SECOND, .max = 7 * MS_PER_DAY,
                   .step = MS_PER_SECOND},
  [ARG_SPLIT] = {.name = "split_on_error", .type = &ty_bool, NO_RANGE},
  [STREAM_ARG_COUNT] = {0}};

/* SNS filter policy: { attribute = ["value", ...] } */
static const FieldSpec topic_args[] = {
  [ARG_FILTER] = {.name = "filter", .type = &ty_filter, NO_RANGE},
  [TOPIC_ARG_COUNT] = {0}};

/* EventBridge: a rule's pattern from source and detail_type, or given whole. */
static const FieldSpec bus_args[] = {
  [ARG_SOURCE] = {.name = "source", .type = &ty_strings, NO_RANGE},
  [ARG_DETAIL_TYPE] = {.name = "detail_type", .type = &ty_strings, NO_RANGE},
  [ARG_PATTERN] = {.name = "pattern", .type = &ty_pattern, NO_RANGE},
  [BUS_ARG_COUNT] = {0}};

/* Positional, checked by route_build and schedule_build and not by name:
 * the route's path, and the EventBridge expression rate(...) or cron(...). */
static const FieldSpec route_args[] = {
  [ARG_PATH] = {.name = "path", .type = &ty_string, NO_RANGE},
  [ROUTE_ARG_COUNT] = {0}};
static const FieldSpec schedule_args[] = {
  [ARG_SCHEDULE] = {.name = "schedule", .type = &ty_string, NO_RANGE},
  [SCHEDULE_ARG_COUNT] = {0}};

/* Converts `name = value` trigger arguments into t->args; positional ones
 * are errors. An argument that is a parameter of a component checked on
 * its own gets its default (or none), and sets *unknown (when not NULL):
 * rules on it wait for the instances. */
static void named_args(Checker *ck, IrTrigger *t, const TriggerSource *ts, const FieldSpec *fields,
                       bool *unknown) {
  for (const Node *a = ts->args; a; a = a->next)
    if (a->kind != N_ATTR)
      diag_error(&ck->c->diag, a->span, "trigger arguments are written NAME = VALUE");
  const IrRes *src = t->source;
  ck->args_of = arena_printf(&ck->c->arena, "%s %s trigger", article(src->spec->name), src->spec->name);
  Value **v = chk_attrs(ck, ts->args, fields, "trigger", ts->source->span, NULL, NULL);
  ck->args_of = NULL;
  for (uint32_t i = 0; fields[i].name; i++)
    if (v[i] && v[i]->kind == V_ABSTRACT) {
      v[i] = chk_default_value(ck, &fields[i], v[i]->origin);
      if (unknown) *unknown = true;
    } else if (v[i] && fields[i].type->kind == T_STRING && !ir_literal(v[i])) {
      diag_error(&ck->c->diag, v[i]->origin, "'%s' must be a literal string", fields[i].name);
      v[i] = NULL;
    }
  t->args = v;
}

static void poller_args(Checker *ck, IrTrigger *t, const TriggerSource *ts, const FieldSpec *fields) {
  bool unknown = false;
  named_args(ck, t, ts, fields, &unknown);
  if (unknown) return;   /* batch or window from a component checked on its own */
  int64_t batch = trig_int(t, ARG_BATCH), window_ms = trig_int(t, ARG_WINDOW);
  /* Lambda: FIFO queues are read at most 10 messages at a time, without a
   * batching window. */
  const Value *fifo = t->kind == TRIG_QUEUE && t->source->attrs ? t->source->attrs[QU_FIFO] : NULL;
  if (fifo && fifo->b && (batch > 10 || window_ms > 0)) {
    Diag *d = diag_error(&ck->c->diag, ts->source->span, "queue '%s' is FIFO: Lambda reads it at most 10 "
                         "messages at a time and without a batching window", t->source->name);
    diag_note(&ck->c->diag, d, fifo->origin, "made FIFO here");
    return;
  }
  /* Lambda: a queue batch over 10 records needs a batching window of at least 1 s. */
  const Value *written_batch = t->args[ARG_BATCH];
  if (t->kind == TRIG_QUEUE && batch > 10 && window_ms < MS_PER_SECOND)
    diag_error(&ck->c->diag, written_batch ? written_batch->origin : ts->source->span,
               "a queue batch of more than 10 messages needs a batching window: add 'window = 1s' or more");
}

static bool bucket_build(Checker *ck, IrTrigger *t, const TriggerSource *ts) {
  named_args(ck, t, ts, bucket_args, NULL);
  return true;
}

/* A stream keeps its order per shard: a record that keeps failing is
 * retried until it expires, and nothing behind it is read; retries or an
 * age limit end that, but without a destination the record is lost. */
static void rule_stream_failures(Checker *ck, const IrTrigger *t, const TriggerSource *ts, unsigned errors_before) {
  const Value *retries = ir_arg(t, ARG_MAX_RETRIES), *age = ir_arg(t, ARG_MAX_AGE);
  if (ir_arg(t, ARG_ON_FAILURE) || ck->c->diag.nerrors != errors_before) return;   /* reported arguments first */
  if (!retries)
    diag_warning(&ck->c->diag, ts->source->span, "a failing record blocks its shard of %s '%s' until it expires: "
                 "set 'max_retries' and 'on_failure' to pass it by and keep a copy", t->source->spec->name,
                 t->source->name);
  const Value *limit = retries ? retries : age;
  if (limit)
    diag_warning(&ck->c->diag, limit->origin, "records that fail past this limit are dropped with no copy kept: "
                 "set 'on_failure' to a queue, topic or bucket");
}

static bool table_build(Checker *ck, IrTrigger *t, const TriggerSource *ts) {
  unsigned before = ck->c->diag.nerrors;
  poller_args(ck, t, ts, stream_args);
  rule_stream_failures(ck, t, ts, before);
  const IrRes *src = t->source;
  if (src->attrs && !ir_attr_given(src, TB_STREAM)) {
    Diag *d = diag_error(&ck->c->diag, t->origin, "table '%s' has no stream; set 'stream' to trigger on it",
                         src->name);
    diag_note(&ck->c->diag, d, src->origin, "table '%s' declared here", src->name);
  }
  return true;
}

static bool stream_build(Checker *ck, IrTrigger *t, const TriggerSource *ts) {
  unsigned before = ck->c->diag.nerrors;
  poller_args(ck, t, ts, stream_args);
  rule_stream_failures(ck, t, ts, before);
  return true;
}

/* SQS has no destination on the mapping: a message that keeps failing
 * goes to the queue's own dead-letter queue after its receive count. */
static bool queue_build(Checker *ck, IrTrigger *t, const TriggerSource *ts) {
  poller_args(ck, t, ts, queue_args);
  const Value *dest = t->args[ARG_ON_FAILURE];
  if (dest) {
    Diag *d = diag_error(&ck->c->diag, dest->origin, "a queue trigger has no 'on_failure': Lambda's queue "
                         "mappings have no destination; set 'retries' on queue '%s' to move failing messages "
                         "to its dead-letter queue", t->source->name);
    diag_note(&ck->c->diag, d, t->source->origin, "queue '%s' declared here", t->source->name);
    t->args[ARG_ON_FAILURE] = NULL;
  }
  return true;
}

/* ---- HTTP routes ---------------------------------------------------------- */

/* API Gateway route paths: "/", or "/seg/{param}/..." with {proxy+} only last. */
static const char *route_path_problem(const char *path) {
  if (path[0] != '/') return "a route path starts with '/'";
  for (const char *p = path + 1; *p; p++) {
    if (*p == '{') {
      const char *close = strchr(p, '}');
      if (!close || close == p + 1) return "'{' must be closed by '}' around a parameter name";
      bool greedy = close[-1] == '+';
      for (const char *q = p + 1; q < close - greedy; q++)
        if (!isalnum((unsigned char)*q) && *q != '_' && *q != '-') return "parameter names use letters, digits, '_' and '-'";
      if (greedy && close[1] != '\0') return "a greedy parameter {name+} must end the path";
      if (p[-1] != '/' || (close[1] != '/' && close[1] != '\0')) return "a parameter must be a whole path segment";
      p = close;
    } else if (*p == '/' && p[-1] == '/') {
      return "a route path has no empty segments";
    } else if (!isalnum((unsigned char)*p) && !strchr("/-._~", *p)) {
      return "a route path uses letters, digits, '/', '-', '.', '_', '~' and {parameters}";
    }
  }
  return NULL;
}

static bool route_build(Checker *ck, IrTrigger *t, const TriggerSource *ts) {
  t->args = arena_alloc(&ck->c->arena, ROUTE_ARG_COUNT * sizeof *t->args);
  const Node *arg = ts->args;
  if (!arg || arg->next || arg->kind != N_STR) {
    diag_error(&ck->c->diag, arg ? arg->span : ts->event->span,
               "a route is written %s.%s(\"/path\"): one literal path", t->source->name, ts->event->name);
    return true;
  }
  t->args[ARG_PATH] = ir_str(ck->c, arg->str, arg->span);
  const char *why = route_path_problem(arg->str);
  if (why) diag_error(&ck->c->diag, arg->span, "invalid route path \"%s\": %s", arg->str, why);
  return true;
}

/* ---- schedules ------------------------------------------------------------ */

/* EventBridge: rate(N minute|minutes|hour|hours|day|days), at least one
 * minute, in whole minutes. */
static const char *rate_expression(Checker *ck, const TriggerSource *ts) {
  const Node *arg = ts->args;
  if (!arg || arg->next || arg->kind == N_ATTR) {
    diag_error(&ck->c->diag, arg ? arg->span : ts->source->span, "a rate is written rate(DURATION), e.g. rate(5m)");
    return NULL;
  }
  Value *v = chk_conv(ck, arg, &ty_duration);
  if (!v) return NULL;
  if (v->kind == V_ABSTRACT) return "rate(any)";   /* a component checked on its own: the instance's */
  if (v->i < MS_PER_MINUTE || v->i % MS_PER_MINUTE != 0) {
    diag_error(&ck->c->diag, arg->span, "a schedule rate is at least 1m, in whole minutes, got %s",
               arg->kind == N_QUANTITY ? chk_node_text(ck, arg) : chk_fmt_duration(ck, v->i));
    return NULL;
  }
  static const struct { int64_t ms; const char *one, *many; } units[] = {
    {MS_PER_DAY, "day", "days"}, {MS_PER_HOUR, "hour", "hours"}, {MS_PER_MINUTE, "minute", "minutes"}};
  for (size_t i = 0;; i++)
    if (v->i % units[i].ms == 0) {
      int64_t n = v->i / units[i].ms;
      return arena_printf(&ck->c->arena, "rate(%" PRId64 " %s)", n, n == 1 ? units[i].one : units[i].many);
    }
}

/* One cron field: digits, names, and the characters * ? , - / L W #. */
static bool cron_field_ok(const char *f, size_t n, const char *extra) {
  for (size_t i = 0; i < n; i++)
    if (!isalnum((unsigned char)f[i]) && !strchr("*,-/", f[i]) && !strchr(extra, f[i])) return false;
  return n > 0;
}

/* Every number in a cron field (between , - / L W #) lies in [lo, hi];
 * after '/' it is an increment, at least 1. */
static bool cron_numbers_ok(const char *f, size_t n, int lo, int hi) {
  for (size_t i = 0; i < n;) {
    if (!isdigit((unsigned char)f[i])) {
      i++;
      continue;
    }
    bool increment = i > 0 && f[i - 1] == '/';
    long v = 0;
    while (i < n && isdigit((unsigned char)f[i]) && v < 100000) v = v * 10 + (f[i++] - '0');
    if (increment ? v < 1 : (v < lo || v > hi)) return false;
  }
  return true;
}

/* EventBridge cron: six fields (minutes hours day-of-month month
 * day-of-week year), numbers in range, and exactly one of day-of-month and
 * day-of-week is '?'. */
static const char *cron_problem(const char *expr) {
  static const int range[6][2] = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {1, 7}, {1970, 2199}};
  static const char *const field_names[6] = {"minutes (0-59)", "hours (0-23)", "day-of-month (1-31)",
                                             "month (1-12)", "day-of-week (1-7)", "year (1970-2199)"};
  static const char *const extra[6] = {"", "", "?LW", "", "?L#", ""};
  const char *field[6];
  size_t len[6], n = 0;
  for (const char *p = expr; *p;) {
    while (*p == ' ') p++;
    if (!*p) break;
    if (n == 6) return "it has more than six fields";
    field[n] = p;
    while (*p && *p != ' ') p++;
    len[n] = (size_t)(p - field[n]);
    n++;
  }
  if (n != 6) return "it needs six fields: minutes hours day-of-month month day-of-week year";
  for (size_t i = 0; i < 6; i++) {
    if (!cron_field_ok(field[i], len[i], extra[i])) return "a field uses a character cron does not allow";
    if (!cron_numbers_ok(field[i], len[i], range[i][0], range[i][1])) return field_names[i];
  }
  bool dom_any = len[2] == 1 && field[2][0] == '?', dow_any = len[4] == 1 && field[4][0] == '?';
  if (dom_any == dow_any) return "exactly one of day-of-month (3rd) and day-of-week (5th) must be '?'";
  return NULL;
}

static const char *cron_expression(Checker *ck, const TriggerSource *ts) {
  const Node *arg = ts->args;
  if (!arg || arg->next || arg->kind != N_STR) {
    diag_error(&ck->c->diag, arg ? arg->span : ts->source->span,
               "a cron schedule is written cron(\"MIN HOUR DAY MONTH WEEKDAY YEAR\")");
    return NULL;
  }
  const char *why = cron_problem(arg->str);
  if (why && strchr(why, '(')) {
    diag_error(&ck->c->diag, arg->span, "invalid cron expression \"%s\": a number is out of range for %s",
               arg->str, why);
    return NULL;
  }
  if (why) {
    diag_error(&ck->c->diag, arg->span, "invalid cron expression \"%s\": %s", arg->str, why);
    return NULL;
  }
  return arena_printf(&ck->c->arena, "cron(%s)", arg->str);
}

/* ---- rules on the edge source → function --------------------------------- */

static int64_t fn_timeout(const IrRes *fn) {
  return fn->attrs && fn->attrs[FN_TIMEOUT] ? fn->attrs[FN_TIMEOUT]->i : 3 * MS_PER_SECOND;
}

/* SQS: a visibility timeout shorter than the consumer's timeout fails
 * CreateEventSourceMapping; AWS recommends six times it plus the window. */
static void rule_visibility(Checker *ck, const IrTrigger *t) {
  /* A dead-letter queue keeps SQS's default visibility timeout. */
  if (t->source->dead_letter_of && fn_timeout(t->fn) > 30 * MS_PER_SECOND) {
    Diag *d = diag_error(&ck->c->diag, t->origin, "the dead-letter queue of '%s' has SQS's visibility timeout "
                         "of 30s, shorter than the timeout %s of its consumer '%s'", t->source->dead_letter_of->name,
                         chk_fmt_duration(ck, fn_timeout(t->fn)), t->fn->name);
    diag_note(&ck->c->diag, d, t->fn->origin, "'%s' declared here", t->fn->name);
  }
  const Value *vis = t->source->attrs ? t->source->attrs[QU_VISIBILITY_TIMEOUT] : NULL;
  if (!vis) return;   /* derived by plan.c from the consumers */
  if (vis->kind == V_ABSTRACT) return;   /* a component checked on its own: each instance's is checked */
  int64_t timeout = fn_timeout(t->fn), advised = 6 * timeout + trig_int(t, ARG_WINDOW);
  if (vis->i < timeout) {
    Diag *d = diag_error(&ck->c->diag, vis->origin, "visibility timeout %s of queue '%s' is shorter than the "
                         "timeout %s of its consumer '%s'", chk_fmt_duration(ck, vis->i), t->source->name,
                         chk_fmt_duration(ck, timeout), t->fn->name);
    diag_note(&ck->c->diag, d, t->origin, "'%s' consumes the queue here", t->fn->name);
  } else if (vis->i < advised) {
    Diag *d = diag_warning(&ck->c->diag, vis->origin, "visibility timeout %s of queue '%s' is shorter than six "
                           "times its consumer's timeout plus the batching window (%s)",
                           chk_fmt_duration(ck, vis->i), t->source->name, chk_fmt_duration(ck, advised));
    diag_note(&ck->c->diag, d, t->origin, "'%s' consumes the queue here", t->fn->name);
  }
}

static void rule_route_timeout(Checker *ck, const IrTrigger *t) {
  if (fn_timeout(t->fn) <= 30 * MS_PER_SECOND) return;
  const Value *timeout = t->fn->attrs[FN_TIMEOUT];
  Diag *d = diag_warning(&ck->c->diag, t->origin, "function '%s' may run %s, but an HTTP API answers 503 "
                         "after 30s", t->fn->name, chk_fmt_duration(ck, timeout->i));
  diag_note(&ck->c->diag, d, timeout->origin, "timeout set here");
}

static void rule_duplicate_route(Checker *ck, const IrTrigger *t) {
  for (uint32_t i = 0; i < t->source->triggers.n; i++) {
    const IrTrigger *u = t->source->triggers.items[i];
    const char *path = trig_str(t, ARG_PATH), *other = trig_str(u, ARG_PATH);
    if (u == t || u->kind != TRIG_HTTP || !other || !path) continue;
    if (u->event == t->event && str_eq(other, path)) {
      Diag *d = diag_error(&ck->c->diag, t->origin, "route %s %s is declared twice on api '%s'",
                           ir_route_method(t), path, t->source->name);
      diag_note(&ck->c->diag, d, u->origin, "first declared here");
      return;
    }
  }
}

/* The same schedule running the same function twice would run it twice. */
static void rule_duplicate_schedule(Checker *ck, const IrRes *fn, const IrTrigger *t) {
  for (uint32_t i = 0; i < fn->triggers.n; i++) {
    const IrTrigger *u = fn->triggers.items[i];
    const char *schedule = trig_str(t, ARG_SCHEDULE);
    if (u->kind != TRIG_SCHEDULE || !str_eq(trig_str(u, ARG_SCHEDULE), schedule)) continue;
    Diag *d = diag_error(&ck->c->diag, t->origin, "function '%s' already runs on %s", fn->name, schedule);
    diag_note(&ck->c->diag, d, u->origin, "first scheduled here");
    return;
  }
}

/* Checks of one edge, once both ends are known. */
static void check_edge(Checker *ck, const IrTrigger *t) {
  if (t->kind == TRIG_QUEUE) rule_visibility(ck, t);
  if (t->kind == TRIG_HTTP) rule_route_timeout(ck, t);
  /* SNS delivers FIFO topics only to SQS FIFO queues. */
  if (t->kind == TRIG_TOPIC && t->source->attrs && t->source->attrs[TP_FIFO] &&
      t->source->attrs[TP_FIFO]->b)
    diag_error(&ck->c->diag, t->origin, "FIFO topic '%s' cannot trigger a function: SNS delivers FIFO topics "
               "only to FIFO queues", t->source->name);
}

/* SNS filter policies: at most 5 attributes, at most 150 combinations of
 * values (the product of the list lengths), and no empty list. */
static void rule_filter_policy(Checker *ck, const Value *filter) {
  if (filter->n > 5)
    diag_error(&ck->c->diag, filter->origin, "an SNS filter policy has at most 5 attributes, got %u", filter->n);
  uint64_t combinations = 1;
  for (uint32_t i = 0; i < filter->n; i++) {
    const Value *values = filter->items[i];
    if (values->n == 0)
      diag_error(&ck->c->diag, values->origin, "filter attribute '%s' needs at least one value", filter->keys[i]);
    combinations *= values->n ? values->n : 1;
  }
  if (combinations > 150)
    diag_error(&ck->c->diag, filter->origin, "an SNS filter policy allows at most 150 combinations of values, "
               "got %llu", (unsigned long long)combinations);
}

/* ---- the trigger ---------------------------------------------------------- */

static bool topic_build(Checker *ck, IrTrigger *t, const TriggerSource *ts) {
  named_args(ck, t, ts, topic_args, NULL);
  if (t->args[ARG_FILTER]) rule_filter_policy(ck, t->args[ARG_FILTER]);
  return true;
}

/* source and detail_type name literal values: the pattern is JSON the
 * template holds as written. */
static void rule_literal_strings(Checker *ck, IrTrigger *t, uint32_t arg) {
  const Value *list = t->args[arg];
  if (ir_has_abstract(list)) return;   /* a component checked on its own: each instance's is checked */
  for (uint32_t i = 0; list && i < list->n; i++)
    if (!ir_literal(list->items[i])) {
      diag_error(&ck->c->diag, list->items[i]->origin, "'%s' values must be literal strings", bus_args[arg].name);
      t->args[arg] = NULL;
      return;
    }
}

/* A rule must match something: a pattern (never empty, check_values.c), or
 * source / detail_type, not both. */
static bool bus_build(Checker *ck, IrTrigger *t, const TriggerSource *ts) {
  unsigned before = ck->c->diag.nerrors;
  bool unknown = false;
  named_args(ck, t, ts, bus_args, &unknown);
  rule_literal_strings(ck, t, ARG_SOURCE);
  rule_literal_strings(ck, t, ARG_DETAIL_TYPE);
  const Value *pattern = t->args[ARG_PATTERN];
  bool fields = t->args[ARG_SOURCE] || t->args[ARG_DETAIL_TYPE];
  if (pattern && fields)
    diag_error(&ck->c->diag, pattern->origin, "give the rule's 'pattern' or its 'source' and 'detail_type', "
               "not both: the pattern can hold \"source\" and \"detail-type\"");
  else if (!pattern && !fields && !unknown && ck->c->diag.nerrors == before)
    diag_error(&ck->c->diag, ts->source->span, "a rule on bus '%s' must match something: write "
               "on %s(source = \"...\", detail_type = \"...\") or on %s(pattern = { ... })",
               t->source->name, t->source->name, t->source->name);
  return true;
}

static bool schedule_build(Checker *ck, IrTrigger *t, const TriggerSource *ts) {
  const char *expr = str_eq(ts->source->name, "rate") ? rate_expression(ck, ts) : cron_expression(ck, ts);
  if (!expr) return false;
  t->args = arena_alloc(&ck->c->arena, SCHEDULE_ARG_COUNT * sizeof *t->args);
  t->args[ARG_SCHEDULE] = ir_str(ck->c, expr, ts->args->span);
  return true;
}

/* The triggers check_kinds[] names, and schedules. */
#define TRIGGER(trig_kind, table, builder) \
  {.kind = trig_kind, .args = table, .nargs = sizeof table / sizeof table[0] - 1, .build = builder}
const CheckTrigger bucket_trigger = TRIGGER(TRIG_BUCKET, bucket_args, bucket_build);
const CheckTrigger table_trigger = TRIGGER(TRIG_TABLE_STREAM, stream_args, table_build);
const CheckTrigger topic_trigger = TRIGGER(TRIG_TOPIC, topic_args, topic_build);
const CheckTrigger queue_trigger = TRIGGER(TRIG_QUEUE, queue_args, queue_build);
const CheckTrigger stream_trigger = TRIGGER(TRIG_KINESIS, stream_args, stream_build);
const CheckTrigger route_trigger = TRIGGER(TRIG_HTTP, route_args, route_build);
const CheckTrigger bus_trigger = TRIGGER(TRIG_BUS, bus_args, bus_build);
const CheckTrigger schedule_trigger = TRIGGER(TRIG_SCHEDULE, schedule_args, schedule_build);

/* How `on SOURCE...` is built: a schedule, or its source kind's row. */
static const CheckTrigger *trigger_of(Checker *ck, const TriggerSource *ts, const IrRes *src) {
  const CheckTrigger *trig = check_kinds[src->kind].trigger;
  if (!trig)   /* trigger_event accepted an event of a kind with no trigger row */
    diag_internal_error(&ck->c->diag, ts->source->span, "check_kinds[%s] has events but no trigger",
                        src->spec->name);
  return trig;
}

/* The trigger as written, before it is copied per function. NULL on error. */
static IrTrigger *trigger_from_source(Checker *ck, const Node *on, TriggerSource *ts) {
  IrTrigger *t = ARENA_NEW(&ck->c->arena, IrTrigger);
  t->origin = on->lhs->span;
  const CheckTrigger *trig = &schedule_trigger;
  bool is_rate = str_eq(ts->source->name, "rate"), is_cron = str_eq(ts->source->name, "cron");
  if ((is_rate || is_cron) && !chk_lookup(ck, ts->source->name) && !ts->event) {
    t->event = EV_SCHEDULE;
  } else {
    /* on jobs.dead_letter run f: the dead-letter queue, a queue without an event name */
    bool dead_letter = ts->event && chk_is_dead_letter(ts->event);
    IrRes *src = dead_letter ? chk_dead_letter(ck, ts->event) : chk_resolve_resource(ck, ts->source, "trigger source");
    if (dead_letter) ts->event = NULL;
    if (!src) return NULL;
    t->source = src;
    t->event = trigger_event(ck, ts, src);
    if (t->event == EV_COUNT || !(trig = trigger_of(ck, ts, src))) return NULL;
  }
  t->kind = trig->kind;
  t->nargs = trig->nargs;
  return trig->build(ck, t, ts) ? t : NULL;
}

void chk_trigger(Checker *ck, const Node *on) {
  TriggerSource ts;
  if (!split_trigger_source(ck, on->lhs, &ts)) return;
  unsigned before = ck->c->diag.nerrors;
  IrTrigger *proto = trigger_from_source(ck, on, &ts);
  if (!proto || ck->c->diag.nerrors != before) return;
  for (const Node *f = on->kids; f; f = f->next) {
    IrRes *fn = chk_resolve_resource(ck, f, "trigger target");
    if (!fn) continue;
    if (fn->kind != RES_FUNCTION) {
      diag_error(&ck->c->diag, f->span, "only functions can be run by a trigger; '%s' is a %s", fn->name,
                 fn->spec->name);
      continue;
    }
    IrTrigger *t = ARENA_NEW(&ck->c->arena, IrTrigger);
    *t = *proto;
    t->fn = fn;
    t->origin = span_join(on->lhs->span, f->span);
    if (on->alone) {   /* a component checked on its own: the edge is checked, not kept */
      check_edge(ck, t);
      continue;
    }
    if (t->source) vec_push(&ck->c->arena, &t->source->triggers, t);
    if (t->kind == TRIG_SCHEDULE) rule_duplicate_schedule(ck, fn, t);
    if (t->kind == TRIG_HTTP) rule_duplicate_route(ck, t);
    check_edge(ck, t);
    vec_push(&ck->c->arena, &ck->ir->triggers, t);
    vec_push(&ck->c->arena, &fn->triggers, t);
  }
}
