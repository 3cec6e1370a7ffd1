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
