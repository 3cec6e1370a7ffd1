/* r1ci-core.c — status codes to GError, JSON strings to JsonNode. */

#define G_LOG_DOMAIN "r1ci-core"

#include "r1ci-core.h"
#include "r1ci.h"

G_DEFINE_QUARK (r1ci-core-error-quark, r1ci_core_error)

const char *
r1ci_core_version (void)
{
  return r1ci_version ();
}

/* Sets error from a failing status and the thread's last core message. */
static void
set_status_error (int32_t   status,
                  GError  **error)
{
  R1ciCoreError code;

  switch (status)
    {
    case R1CI_ERR_INVALID_ARGUMENT: code = R1CI_CORE_ERROR_INVALID_ARGUMENT; break;
    case R1CI_ERR_STORE:            code = R1CI_CORE_ERROR_STORE; break;
    case R1CI_ERR_SANDBOX:          code = R1CI_CORE_ERROR_SANDBOX; break;
    default:                        code = R1CI_CORE_ERROR_INTERNAL; break;
    }

  const char *message = r1ci_last_error ();
  g_set_error_literal (error, R1CI_CORE_ERROR, code,
                       message != NULL && message[0] != '\0' ? message : "the core reported an unknown error");
}

/* Takes ownership of a core string: parses it, frees it with r1ci_string_free. */
static JsonNode *
take_json (int32_t   status,
           char     *json,
           GError  **error)
{
  if (status != R1CI_OK)
    {
      r1ci_string_free (json);
      set_status_error (status, error);
      return NULL;
    }

  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  gboolean ok = json != NULL && json_parser_load_from_data (parser, json, -1, &local_error);
  r1ci_string_free (json);

  if (!ok)
    {
      g_set_error (error, R1CI_CORE_ERROR, R1CI_CORE_ERROR_BAD_JSON,
                   "The core returned invalid JSON: %s",
                   local_error != NULL ? local_error->message : "no output");
      return NULL;
    }

  return json_parser_steal_root (parser);
}

JsonNode *
r1ci_core_tasks_list (GError **error)
{
  char *json = NULL;
  int32_t status = r1ci_tasks_list_json (&json);
  return take_json (status, json, error);
}

JsonNode *
r1ci_core_task_generate (const char  *task_id,
                         guint64      seed,
                         int          level,
                         guint64      index,
                         GError     **error)
{
  char *json = NULL;
  int32_t status = r1ci_task_generate_json (task_id, seed, level, index, &json);
  return take_json (status, json, error);
}

JsonNode *
r1ci_core_task_check (const char  *task_id,
                      guint64      seed,
                      int          level,
                      guint64      index,
                      const char  *answer,
                      GError     **error)
{
  char *json = NULL;
  int32_t status = r1ci_task_check_json (task_id, seed, level, index, answer, &json);
  return take_json (status, json, error);
}

JsonNode *
r1ci_core_task_run_oracle (const char  *task_id,
                           guint64      seed,
                           int          level,
                           guint64      index,
                           GError     **error)
{
  char *json = NULL;
  int32_t status = r1ci_task_run_oracle_json (task_id, seed, level, index, &json);
  return take_json (status, json, error);
}

/* Which item an oracle run is for; the worker thread's copy. */
typedef struct
{
  char    *task_id;
  guint64  seed;
  int      level;
  guint64  index;
} OracleRequest;

static void
oracle_request_free (gpointer data)
{
  OracleRequest *request = data;
  g_free (request->task_id);
  g_free (request);
}

static void
run_oracle_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  OracleRequest *request = task_data;
  GError *error = NULL;
  JsonNode *result = r1ci_core_task_run_oracle (request->task_id, request->seed, request->level,
                                                request->index, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) json_node_unref);
}

void
r1ci_core_task_run_oracle_async (const char          *task_id,
                                 guint64              seed,
                                 int                  level,
                                 guint64              index,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  OracleRequest *request = g_new0 (OracleRequest, 1);

  request->task_id = g_strdup (task_id);
  request->seed = seed;
  request->level = level;
  request->index = index;
  g_task_set_source_tag (task, r1ci_core_task_run_oracle_async);
  g_task_set_task_data (task, request, oracle_request_free);
  g_task_run_in_thread (task, run_oracle_in_thread);
}

JsonNode *
r1ci_core_task_run_oracle_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
r1ci_core_sandbox_stop (void)
{
  r1ci_sandbox_stop ();
}

gpointer
r1ci_core_workspace_open (const char  *path,
                          GError     **error)
{
  r1ci_workspace *workspace = NULL;
  int32_t status = r1ci_workspace_open (path, &workspace);

  if (status != R1CI_OK)
    {
      set_status_error (status, error);
      return NULL;
    }
  return workspace;
}

void
r1ci_core_workspace_close (gpointer workspace)
{
  r1ci_workspace_close (workspace);
}

JsonNode *
r1ci_core_workspace_info (gpointer   workspace,
                          GError   **error)
{
  char *json = NULL;
  int32_t status = r1ci_workspace_info_json (workspace, &json);
  return take_json (status, json, error);
}

JsonNode *
r1ci_core_evaluations_list (gpointer   workspace,
                            GError   **error)
{
  char *json = NULL;
  int32_t status = r1ci_evaluations_list_json (workspace, &json);
  return take_json (status, json, error);
}

JsonNode *
r1ci_core_comparison (gpointer   workspace,
                      gint64     a,
                      gint64     b,
                      GError   **error)
{
  char *json = NULL;
  int32_t status = r1ci_comparison_json (workspace, a, b, &json);
  return take_json (status, json, error);
}

JsonNode *
r1ci_core_comparison_questions (gpointer     workspace,
                                gint64       a,
                                gint64       b,
                                const char  *filter_json,
                                GError     **error)
{
  char *json = NULL;
  int32_t status = r1ci_comparison_questions_json (workspace, a, b, filter_json, &json);
  return take_json (status, json, error);
}

JsonNode *
r1ci_core_trace (gpointer   workspace,
                 gint64     trace_id,
                 GError   **error)
{
  char *json = NULL;
  int32_t status = r1ci_trace_json (workspace, trace_id, &json);
  return take_json (status, json, error);
}

/* ── Agent runs ─────────────────────────────────────────────────────────── */

JsonNode *
r1ci_core_models_list (GError **error)
{
  char *json = NULL;
  int32_t status = r1ci_models_list_json (&json);
  return take_json (status, json, error);
}

/* Where a run's events go; shared by the worker and every pending dispatch
 * (an atomic reference-counted box: the last one out releases event_data). */
typedef struct
{
  R1ciCoreEventFunc  on_event;
  gpointer           event_data;
  GDestroyNotify     event_data_destroy;
  GMainContext      *context;  /* owned reference: where events are delivered */
} EventSink;

static void
event_sink_clear (gpointer data)
{
  EventSink *sink = data;
  if (sink->event_data_destroy != NULL)
    sink->event_data_destroy (sink->event_data);
  g_main_context_unref (sink->context);
}

/* One event on its way to the main context. */
typedef struct
{
  EventSink *sink;  /* owned reference */
  JsonNode  *event; /* owned */
} PendingEvent;

static gboolean
deliver_event (gpointer data)
{
  PendingEvent *pending = data;
  if (pending->sink->on_event != NULL && JSON_NODE_HOLDS_OBJECT (pending->event))
    pending->sink->on_event (json_node_get_object (pending->event), pending->sink->event_data);
  return G_SOURCE_REMOVE;
}

static void
pending_event_free (gpointer data)
{
  PendingEvent *pending = data;
  json_node_unref (pending->event);
  g_atomic_rc_box_release_full (pending->sink, event_sink_clear);
  g_free (pending);
}

/* What the worker thread holds during a run. */
typedef struct
{
  char         *request_json;
  EventSink    *sink;         /* owned reference */
  r1ci_stop    *stop;         /* owned */
  GCancellable *cancellable;  /* owned reference, or NULL */
  gulong        cancelled_id;
} AgentRunRequest;

static void
agent_run_request_free (gpointer data)
{
  AgentRunRequest *request = data;
  if (request->cancellable != NULL)
    {
      g_cancellable_disconnect (request->cancellable, request->cancelled_id);
      g_object_unref (request->cancellable);
    }
  r1ci_stop_free (request->stop);
  g_atomic_rc_box_release_full (request->sink, event_sink_clear);
  g_free (request->request_json);
  g_free (request);
}

/* r1ci_event_fn, on the worker thread: parse, then queue for the main context. */
static int32_t
on_core_event (const char *event_json,
               void       *user_data)
{
  AgentRunRequest *request = user_data;
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (event_json != NULL && json_parser_load_from_data (parser, event_json, -1, NULL))
    {
      PendingEvent *pending = g_new0 (PendingEvent, 1);
      pending->sink = g_atomic_rc_box_acquire (request->sink);
      pending->event = json_parser_steal_root (parser);
      g_main_context_invoke_full (request->sink->context, G_PRIORITY_DEFAULT, deliver_event,
                                  pending, pending_event_free);
    }
  return 0;
}

static void
on_run_cancelled (GCancellable *cancellable,
                  gpointer      user_data)
{
  r1ci_stop_raise (user_data);
}

static void
agent_run_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  AgentRunRequest *request = task_data;
  char *json = NULL;
  int32_t status = r1ci_agent_run_json (request->request_json, request->stop, on_core_event, request, &json);
  GError *error = NULL;
  JsonNode *trace = take_json (status, json, &error);

  if (trace == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, trace, (GDestroyNotify) json_node_unref);
}

void
r1ci_core_agent_run_async (const char          *request_json,
                           R1ciCoreEventFunc    on_event,
                           gpointer             event_data,
                           GDestroyNotify       event_data_destroy,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  /* The run ends with the trace so far when cancelled: the task itself must
   * not turn the cancellation into an error, so it gets no cancellable. */
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, user_data);
  AgentRunRequest *request = g_new0 (AgentRunRequest, 1);

  request->request_json = g_strdup (request_json);
  request->sink = g_atomic_rc_box_new0 (EventSink);
  request->sink->on_event = on_event;
  request->sink->event_data = event_data;
  request->sink->event_data_destroy = event_data_destroy;
  request->sink->context = g_main_context_ref_thread_default ();
  if (r1ci_stop_new (&request->stop) != R1CI_OK)
    request->stop = NULL;
  if (cancellable != NULL && request->stop != NULL)
    {
      request->cancellable = g_object_ref (cancellable);
      request->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_run_cancelled), request->stop, NULL);
    }

  g_task_set_source_tag (task, r1ci_core_agent_run_async);
  g_task_set_task_data (task, request, agent_run_request_free);
  g_task_run_in_thread (task, agent_run_in_thread);
}

JsonNode *
r1ci_core_agent_run_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ── Task library: imports and mixtures ─────────────────────────────────── */

JsonNode *
r1ci_core_task_import (gpointer     workspace,
                       const char  *kind,
                       const char  *path,
                       const char  *name,
                       GError     **error)
{
  char *json = NULL;
  int32_t status = r1ci_task_import (workspace, kind, path, name, &json);
  return take_json (status, json, error);
}

gboolean
r1ci_core_mixture_save (gpointer     workspace,
                        const char  *mixture_json,
                        GError     **error)
{
  int32_t status = r1ci_mixture_save_json (workspace, mixture_json);
  if (status != R1CI_OK)
    {
      set_status_error (status, error);
      return FALSE;
    }
  return TRUE;
}

JsonNode *
r1ci_core_mixture_sample (gpointer     workspace,
                          const char  *name,
                          guint64      start,
                          guint        count,
                          GError     **error)
{
  char *json = NULL;
  int32_t status = r1ci_mixture_sample_json (workspace, name, start, count, &json);
  return take_json (status, json, error);
}

/* ── Training runs ──────────────────────────────────────────────────────── */

static gboolean
take_status (int32_t   status,
             GError  **error)
{
  if (status == R1CI_OK)
    return TRUE;
  set_status_error (status, error);
  return FALSE;
}

JsonNode *
r1ci_core_train_methods (GError **error)
{
  char *json = NULL;
  int32_t status = r1ci_train_methods_json (&json);
  return take_json (status, json, error);
}

gboolean
r1ci_core_run_start (gpointer     workspace,
                     const char  *config_json,
                     gint64      *out_run_id,
                     GError     **error)
{
  int64_t id = 0;
  gboolean ok = take_status (r1ci_run_start (workspace, config_json, &id), error);
  if (ok && out_run_id != NULL)
    *out_run_id = id;
  return ok;
}

JsonNode *
r1ci_core_runs_list (gpointer   workspace,
                     GError   **error)
{
  char *json = NULL;
  int32_t status = r1ci_runs_list_json (workspace, &json);
  return take_json (status, json, error);
}

JsonNode *
r1ci_core_run_metrics (gpointer   workspace,
                       gint64     run_id,
                       gint64     after_step,
                       GError   **error)
{
  char *json = NULL;
  int32_t status = r1ci_run_metrics_json (workspace, run_id, after_step, &json);
  return take_json (status, json, error);
}

gboolean
r1ci_core_run_stop (gpointer   workspace,
                    gint64     run_id,
                    GError   **error)
{
  return take_status (r1ci_run_stop (workspace, run_id), error);
}

gboolean
r1ci_core_run_resume (gpointer   workspace,
                      gint64     run_id,
                      GError   **error)
{
  return take_status (r1ci_run_resume (workspace, run_id), error);
}

JsonNode *
r1ci_core_run_rollouts (gpointer   workspace,
                        gint64     run_id,
                        gint64     step,
                        GError   **error)
{
  char *json = NULL;
  int32_t status = r1ci_run_rollouts_json (workspace, run_id, step, &json);
  return take_json (status, json, error);
}
