/* r1ci-core.h — the studio's only door to the Swift core.
 *
 * Thin GLib-flavoured wrappers over r1ci.h: each call returns the core's JSON
 * parsed with json-glib, or NULL with a GError carrying r1ci_last_error().
 * No task logic lives here: every answer comes from the core.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define R1CI_CORE_ERROR (r1ci_core_error_quark ())

typedef enum {
  R1CI_CORE_ERROR_INVALID_ARGUMENT, /* R1CI_ERR_INVALID_ARGUMENT */
  R1CI_CORE_ERROR_STORE,            /* R1CI_ERR_STORE */
  R1CI_CORE_ERROR_INTERNAL,         /* R1CI_ERR_INTERNAL or an unknown status */
  R1CI_CORE_ERROR_SANDBOX,          /* R1CI_ERR_SANDBOX */
  R1CI_CORE_ERROR_BAD_JSON,         /* the core returned text json-glib cannot parse */
} R1ciCoreError;

GQuark      r1ci_core_error_quark    (void);
const char *r1ci_core_version        (void);

/* Each returns a new JsonNode the caller owns (json_node_unref), or NULL and sets error. */
JsonNode   *r1ci_core_tasks_list     (GError     **error);
JsonNode   *r1ci_core_task_generate  (const char  *task_id,
                                      guint64      seed,
                                      int          level,
                                      guint64      index,
                                      GError     **error);
JsonNode   *r1ci_core_task_check     (const char  *task_id,
                                      guint64      seed,
                                      int          level,
                                      guint64      index,
                                      const char  *answer,
                                      GError     **error);

/* Runs the item's oracle program in the core's sandbox and checks its output
 * (r1ci_task_run_oracle_json). Blocks for as long as the program runs: the
 * GUI calls the _async pair, which runs it on a worker thread and calls back
 * on the caller's main context. */
JsonNode   *r1ci_core_task_run_oracle        (const char           *task_id,
                                              guint64               seed,
                                              int                   level,
                                              guint64               index,
                                              GError              **error);
void        r1ci_core_task_run_oracle_async  (const char           *task_id,
                                              guint64               seed,
                                              int                   level,
                                              guint64               index,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
JsonNode   *r1ci_core_task_run_oracle_finish (GAsyncResult         *result,
                                              GError              **error);

/* Stops the core's shared sandbox (its Python processes and cgroups), if it
 * was started; called once when the application shuts down. */
void        r1ci_core_sandbox_stop    (void);

/* Workspace handle: an opaque pointer from r1ci_workspace_open, released with
 * r1ci_core_workspace_close. NULL on failure (error set). */
gpointer    r1ci_core_workspace_open  (const char  *path,
                                       GError     **error);
void        r1ci_core_workspace_close (gpointer     workspace);
JsonNode   *r1ci_core_workspace_info  (gpointer     workspace,
                                       GError     **error);

/* Evaluations and comparisons in an open workspace (the Compare page):
 * r1ci_evaluations_list_json, r1ci_comparison_json,
 * r1ci_comparison_questions_json (filter_json may be NULL) and r1ci_trace_json. */
JsonNode   *r1ci_core_evaluations_list        (gpointer     workspace,
                                               GError     **error);
JsonNode   *r1ci_core_comparison              (gpointer     workspace,
                                               gint64       a,
                                               gint64       b,
                                               GError     **error);
JsonNode   *r1ci_core_comparison_questions    (gpointer     workspace,
                                               gint64       a,
                                               gint64       b,
                                               const char  *filter_json,
                                               GError     **error);
JsonNode   *r1ci_core_trace                   (gpointer     workspace,
                                               gint64       trace_id,
                                               GError     **error);
/* ── Agent runs (the Playground page) ── */

/* The models a user can pick (r1ci_models_list_json). */
JsonNode   *r1ci_core_models_list          (GError              **error);

/* Receives one event object of a run (see r1ci_event_fn in r1ci.h), on the
 * main context that started the run, in the order the core sent them. */
typedef void (*R1ciCoreEventFunc) (JsonObject *event,
                                   gpointer    user_data);

/* Runs r1ci_agent_run_json(request_json) on a worker thread. Each event is
 * parsed and passed to on_event on the caller's thread-default main context;
 * all of them come before callback. Cancelling `cancellable` stops the run
 * (finish reason "stopped"); it still completes with the trace so far.
 * event_data is released with event_data_destroy once no event is pending. */
void        r1ci_core_agent_run_async      (const char           *request_json,
                                            R1ciCoreEventFunc     on_event,
                                            gpointer              event_data,
                                            GDestroyNotify        event_data_destroy,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
/* The trace object, or NULL with error (a bad request, no model, no sandbox). */
JsonNode   *r1ci_core_agent_run_finish     (GAsyncResult         *result,
                                            GError              **error);
/* Task library (r1ci_task_import, r1ci_mixture_*). The workspace must be open:
 * imports and mixtures live in it. */
JsonNode   *r1ci_core_task_import     (gpointer     workspace,
                                       const char  *kind,
                                       const char  *path,
                                       const char  *name,
                                       GError     **error);
gboolean    r1ci_core_mixture_save    (gpointer     workspace,
                                       const char  *mixture_json,
                                       GError     **error);
JsonNode   *r1ci_core_mixture_sample  (gpointer     workspace,
                                       const char  *name,
                                       guint64      start,
                                       guint        count,
                                       GError     **error);

/* ── Training runs (the Training page) ── */

/* Every training method's options (r1ci_train_methods_json). */
JsonNode   *r1ci_core_train_methods   (GError     **error);
/* Starts a background run from a config object (r1ci_run_start); FALSE with
 * the core's one-line message in error for a bad config. */
gboolean    r1ci_core_run_start       (gpointer     workspace,
                                       const char  *config_json,
                                       gint64      *out_run_id,
                                       GError     **error);
/* r1ci_runs_list_json and r1ci_run_metrics_json (metrics with step > after_step). */
JsonNode   *r1ci_core_runs_list       (gpointer     workspace,
                                       GError     **error);
JsonNode   *r1ci_core_run_metrics     (gpointer     workspace,
                                       gint64       run_id,
                                       gint64       after_step,
                                       GError     **error);
gboolean    r1ci_core_run_stop        (gpointer     workspace,
                                       gint64       run_id,
                                       GError     **error);
gboolean    r1ci_core_run_resume      (gpointer     workspace,
                                       gint64       run_id,
                                       GError     **error);
/* The rollouts a GRPO/PPO run recorded at step (-1: its latest), r1ci_run_rollouts_json. */
JsonNode   *r1ci_core_run_rollouts    (gpointer     workspace,
                                       gint64       run_id,
                                       gint64       step,
                                       GError     **error);

G_END_DECLS
