/* r1ci-run-script.c — the Training page's test script: a list of actions run
 * on a 200 ms tick, each either done at once or waited for (the page is
 * refreshed on every tick so waits see the store). */

#define G_LOG_DOMAIN "r1ci-run-script"

#include <stdlib.h>
#include <string.h>

#include "r1ci-run-script.h"

#define TICK_MS 200

static const char *const ACTIONS[] = {
  "wait-steps", "wait-state", "stop", "resume", "select", "overlay", "metric", "x", "smoothing", "hover",
  "view", "rollout-step", "rollout-sample", NULL
};
static const char *const NO_ARGUMENT[] = { "stop", "resume", NULL };

typedef struct
{
  R1ciTrainingPage *page;     /* owned reference */
  char            **actions;  /* owned */
  guint             next;
  GSourceFunc       done;
  gpointer          user_data;
} Script;

gboolean
r1ci_run_script_check (const char  *action,
                       GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (action, ":", 2);

  if (!g_strv_contains (ACTIONS, parts[0]))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--train-do: unknown action '%s'", parts[0]);
      return FALSE;
    }
  if ((parts[1] == NULL) != g_strv_contains (NO_ARGUMENT, parts[0]))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--train-do: '%s' %s", parts[0],
                   parts[1] == NULL ? "wants ACTION:VALUE" : "takes no value");
      return FALSE;
    }
  return TRUE;
}

static void
set_overlay (R1ciTrainingPage *page,
             const char       *ids)
{
  g_auto(GStrv) parts = g_strsplit (ids, ",", -1);
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 id = g_ascii_strtoll (parts[i], NULL, 10);
      g_array_append_val (runs, id);
    }
  r1ci_training_page_set_overlay (page, (gint64 *) (void *) runs->data, runs->len);
}

/* Runs one action; FALSE while it waits. */
static gboolean
run_action (R1ciTrainingPage *page,
            const char       *action)
{
  g_auto(GStrv) parts = g_strsplit (action, ":", 2);
  const char *name = parts[0], *value = parts[1];

  const char *state = r1ci_training_page_get_state (page);
  gboolean ended = g_strcmp0 (state, "finished") == 0 || g_strcmp0 (state, "failed") == 0;

  /* A wait ends when its condition holds, or when the run has ended without it. */
  if (g_str_equal (name, "wait-steps"))
    {
      if (r1ci_training_page_count_steps (page) >= (guint) atoi (value))
        return TRUE;
      if (ended)
        g_printerr ("r1ci-studio: the run %s before %s steps\n", state, value);
      return ended;
    }
  if (g_str_equal (name, "wait-state"))
    {
      if (g_strcmp0 (state, value) == 0)
        return TRUE;
      if (ended)
        g_printerr ("r1ci-studio: the run %s, not %s\n", state, value);
      return ended;
    }
  if (g_str_equal (name, "stop") && !r1ci_training_page_stop (page))
    g_printerr ("r1ci-studio: Stop was refused\n");
  else if (g_str_equal (name, "resume") && !r1ci_training_page_resume (page))
    g_printerr ("r1ci-studio: Resume was refused\n");
  else if (g_str_equal (name, "select") && !r1ci_training_page_select_run (page, g_ascii_strtoll (value, NULL, 10)))
    g_printerr ("r1ci-studio: no run %s to select\n", value);
  else if (g_str_equal (name, "overlay"))
    set_overlay (page, value);
  else if (g_str_equal (name, "metric") && !r1ci_training_page_set_metric (page, value))
    g_printerr ("r1ci-studio: no metric %s\n", value);
  else if (g_str_equal (name, "x"))
    r1ci_training_page_set_x_axis (page, g_str_equal (value, "wall"));
  else if (g_str_equal (name, "smoothing"))
    r1ci_training_page_set_smoothing (page, g_ascii_strtod (value, NULL));
  else if (g_str_equal (name, "hover"))
    r1ci_training_page_hover (page, g_ascii_strtod (value, NULL));
  else if (g_str_equal (name, "view"))
    r1ci_training_page_show_rollouts (page, g_str_equal (value, "rollouts"));
  else if (g_str_equal (name, "rollout-step")
           && !r1ci_run_rollouts_select_step (r1ci_training_page_get_rollouts (page), g_ascii_strtoll (value, NULL, 10)))
    g_printerr ("r1ci-studio: no rollouts at step %s\n", value);
  else if (g_str_equal (name, "rollout-sample")
           && !r1ci_run_rollouts_select_sample (r1ci_training_page_get_rollouts (page), (guint) atoi (value)))
    g_printerr ("r1ci-studio: no rollout sample %s\n", value);
  return TRUE;
}

static gboolean
on_tick (gpointer data)
{
  Script *script = data;

  r1ci_training_page_refresh (script->page);
  while (script->actions != NULL && script->actions[script->next] != NULL)
    {
      if (!run_action (script->page, script->actions[script->next]))
        return G_SOURCE_CONTINUE;
      script->next++;
    }
  script->done (script->user_data);
  return G_SOURCE_REMOVE;
}

static void
script_free (gpointer data)
{
  Script *script = data;
  g_object_unref (script->page);
  g_strfreev (script->actions);
  g_free (script);
}

void
r1ci_run_script_start (R1ciTrainingPage *page,
                       const char       *launch_json,
                       char            **actions,
                       GSourceFunc       done,
                       gpointer          user_data)
{
  Script *script = g_new0 (Script, 1);

  script->page = g_object_ref (page);
  script->actions = g_strdupv (actions);
  script->done = done;
  script->user_data = user_data;
  if (launch_json != NULL)
    {
      R1ciRunForm *form = r1ci_training_page_get_form (page);
      if (!r1ci_run_form_fill (form, launch_json))
        g_printerr ("r1ci-studio: --train-launch-json is not a JSON object\n");
      else
        r1ci_run_form_launch (form);
    }
  g_timeout_add_full (G_PRIORITY_DEFAULT, TICK_MS, on_tick, script, script_free);
}
