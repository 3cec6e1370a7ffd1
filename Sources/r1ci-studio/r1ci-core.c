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
