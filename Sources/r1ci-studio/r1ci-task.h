/* r1ci-task.h — one catalogue row (an object of r1ci_tasks_list_json) as a
 * GObject, so list views can bind to its fields. */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define R1CI_TYPE_TASK (r1ci_task_get_type ())

G_DECLARE_FINAL_TYPE (R1ciTask, r1ci_task, R1CI, TASK, GObject)

R1ciTask   *r1ci_task_new_from_json     (JsonObject *object);
const char *r1ci_task_get_id            (R1ciTask   *self);
const char *r1ci_task_get_title         (R1ciTask   *self);
const char *r1ci_task_get_source        (R1ciTask   *self);
const char *r1ci_task_get_category      (R1ciTask   *self);
const char *r1ci_task_get_split         (R1ciTask   *self);
const char *r1ci_task_get_description   (R1ciTask   *self);
int         r1ci_task_get_default_level (R1ciTask   *self);
guint       r1ci_task_get_n_levels      (R1ciTask   *self);
const char *r1ci_task_get_level_name    (R1ciTask   *self,
                                         guint       level);
char       *r1ci_task_describe_level    (R1ciTask   *self,
                                         guint       level);
char       *r1ci_task_describe_knobs    (R1ciTask   *self);
int         r1ci_task_find_level        (R1ciTask   *self,
                                         const char *name_or_number);
gboolean    r1ci_task_matches_text      (R1ciTask   *self,
                                         const char *casefolded_text);

G_END_DECLS
