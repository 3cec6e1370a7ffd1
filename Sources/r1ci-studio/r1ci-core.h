/* r1ci-core.h — the studio's only door to the Swift core.
 *
 * Thin GLib-flavoured wrappers over r1ci.h: each call returns the core's JSON
 * parsed with json-glib, or NULL with a GError carrying r1ci_last_error().
 * No task logic lives here: every answer comes from the core.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define R1CI_CORE_ERROR (r1ci_core_error_quark ())

typedef enum {
  R1CI_CORE_ERROR_INVALID_ARGUMENT, /* R1CI_ERR_INVALID_ARGUMENT */
  R1CI_CORE_ERROR_STORE,            /* R1CI_ERR_STORE */
  R1CI_CORE_ERROR_INTERNAL,         /* R1CI_ERR_INTERNAL or an unknown status */
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

/* Workspace handle: an opaque pointer from r1ci_workspace_open, released with
 * r1ci_core_workspace_close. NULL on failure (error set). */
gpointer    r1ci_core_workspace_open  (const char  *path,
                                       GError     **error);
void        r1ci_core_workspace_close (gpointer     workspace);
JsonNode   *r1ci_core_workspace_info  (gpointer     workspace,
                                       GError     **error);

G_END_DECLS
