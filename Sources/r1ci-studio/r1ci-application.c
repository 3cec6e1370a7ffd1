/* r1ci-application.c — applies the start-up options to the window, runs the
 * test hooks (--screenshot, --dump-labels) once the window has drawn (and,
 * with --run-oracle, once the oracle's result is shown), and stops the core's
 * sandbox on the way out. */

#define G_LOG_DOMAIN "r1ci-application"

#include <stdio.h>
#include <stdlib.h>

#include <gtksourceview/gtksource.h>

#include "r1ci-application.h"
#include "r1ci-core.h"
#include "r1ci-test-hooks.h"
#include "r1ci-window.h"

/* Frames to let pass before the test hooks run: the first lays out and draws,
 * the next ones let list rows and the source view settle. */
#define FRAMES_BEFORE_HOOKS 4
/* A test run that never draws gives up after this many seconds (an oracle run
 * starts the sandbox first, and a Playground run loads the model and generates
 * with it, which on a busy machine can take a while). */
#define HOOK_TIMEOUT_SECONDS 300

struct _R1ciApplication
{
  GtkApplication parent_instance;

  /* owned references */
  R1ciOptions options;

  /* state */
  guint frames;
  guint timeout_id;
  guint stop_timer_id;  /* --playground-stop-after, while pending */
  int   exit_status;
};

G_DEFINE_FINAL_TYPE (R1ciApplication, r1ci_application, GTK_TYPE_APPLICATION)

static gboolean
wants_hooks (R1ciApplication *self)
{
  return self->options.screenshot != NULL || self->options.dump_labels;
}

static void
run_hooks (R1ciApplication *self,
           GtkWidget       *window)
{
  if (self->options.screenshot != NULL)
    {
      g_autoptr(GError) error = NULL;
      if (!r1ci_test_save_screenshot (window, self->options.screenshot, &error))
        {
          g_printerr ("r1ci-studio: screenshot failed: %s\n", error->message);
          self->exit_status = 1;
        }
    }
  if (self->options.dump_labels)
    {
      r1ci_test_dump_text (window, stdout);
      fflush (stdout);
    }
  g_application_quit (G_APPLICATION (self));
}

/* Runs the hooks once, right after a frame has been painted: then layout is
 * done (no widget waits for an allocation, which would be skipped) and the
 * render nodes the screenshot reuses are those just drawn. */
static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  R1ciApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, self);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (window != NULL)
    run_hooks (self, GTK_WIDGET (window));
}

/* Counts frames; once the first few have gone by, waits for the next paint. */
static gboolean
on_tick (GtkWidget     *window,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  R1ciApplication *self = user_data;

  if (++self->frames < FRAMES_BEFORE_HOOKS)
    return G_SOURCE_CONTINUE;

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_hook_timeout (gpointer user_data)
{
  R1ciApplication *self = user_data;

  g_printerr ("r1ci-studio: the window did not draw within %d s\n", HOOK_TIMEOUT_SECONDS);
  self->timeout_id = 0;
  self->exit_status = 1;
  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

/* Starts counting frames towards the test hooks. */
static void
arm_hooks (R1ciApplication *self,
           GtkWidget       *window)
{
  gtk_widget_add_tick_callback (window, on_tick, self, NULL);
}

static void
on_oracle_finished (R1ciOraclePanel *panel,
                    gpointer         user_data)
{
  R1ciApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  g_signal_handlers_disconnect_by_func (panel, on_oracle_finished, self);
  if (window != NULL)
    arm_hooks (self, GTK_WIDGET (window));
}

/* The Compare page's options, in order: the pair, the bucket, the question.
 * A pair the workspace lacks is reported in the page. */
static void
apply_compare_options (const R1ciOptions *options,
                       R1ciComparePage   *page)
{
  if (options->has_compare && !r1ci_compare_page_compare (page, options->compare_a, options->compare_b))
    return;
  if (options->bucket != NULL)
    r1ci_compare_page_show_bucket (page, options->bucket);
  if (options->has_question)
    r1ci_compare_page_select_question (page, options->question);
}

static void
on_playground_finished (R1ciPlaygroundPage *page,
                        gpointer            user_data)
{
  R1ciApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  g_signal_handlers_disconnect_by_func (page, on_playground_finished, self);
  if (self->options.playground_view != NULL)
    r1ci_playground_page_show_tokens (page, g_str_equal (self->options.playground_view, "tokens"));
  if (window != NULL)
    arm_hooks (self, GTK_WIDGET (window));
}

/* --playground-stop-after TOKENS: polled every 10 ms; presses Stop on the
 * Playground once the run has streamed that many tokens. (A count, not a
 * time: a fast machine could finish a short run before any fixed delay.) */
static gboolean
on_playground_stop_timer (gpointer user_data)
{
  R1ciApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  R1ciPlaygroundPage *page;

  if (!R1CI_IS_WINDOW (window))
    return G_SOURCE_CONTINUE;
  page = r1ci_window_get_playground_page (R1CI_WINDOW (window));
  if (r1ci_playground_page_get_generated (page) < self->options.playground_stop_after)
    return G_SOURCE_CONTINUE;
  self->stop_timer_id = 0;
  r1ci_playground_page_stop (page);
  return G_SOURCE_REMOVE;
}

/* --playground-run TASK:SEED: the Playground runs that item; TRUE when the
 * run started (the hooks then wait for it). */
static gboolean
start_playground_run (R1ciApplication *self,
                      R1ciWindow      *window)
{
  const R1ciOptions *options = &self->options;
  R1ciPlaygroundPage *page = r1ci_window_get_playground_page (window);
  g_autofree char *task = g_strdup (options->playground_run);
  char *colon = strrchr (task, ':');
  guint64 seed = g_ascii_strtoull (colon + 1, NULL, 10);

  *colon = '\0';
  r1ci_window_show_page (window, "playground");
  if (!r1ci_playground_page_select_task (page, task, seed))
    {
      g_printerr ("r1ci-studio: unknown task '%s' for --playground-run\n", task);
      self->exit_status = 2;
      return FALSE;
    }
  if (options->playground_model != NULL)
    r1ci_playground_page_set_model (page, options->playground_model);
  if (options->playground_max_tokens > 0)
    r1ci_playground_page_set_max_tokens (page, options->playground_max_tokens);
  if (!r1ci_playground_page_run (page))
    return FALSE;
  g_signal_connect (page, "run-finished", G_CALLBACK (on_playground_finished), self);
  if (options->playground_stop_after > 0)
    self->stop_timer_id = g_timeout_add (10, on_playground_stop_timer, self);
  return TRUE;
}

/* --mixture NAME --mixture-entry TASK:LEVEL:WEIGHT…: fills the editor, then saves and previews. */
static void
apply_mixture_options (const R1ciOptions *options,
                       R1ciTasksPage     *tasks)
{
  R1ciMixtureEditor *editor = r1ci_tasks_page_show_mixture_editor (tasks);

  if (options->mixture != NULL)
    r1ci_mixture_editor_set_name (editor, options->mixture);
  for (guint i = 0; options->mixture_entries != NULL && options->mixture_entries[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (options->mixture_entries[i], ":", 3);
      if (g_strv_length (parts) != 3)
        continue;
      r1ci_mixture_editor_add_entry (editor, parts[0], atoi (parts[1]), g_ascii_strtod (parts[2], NULL));
    }
  if (options->mixture_entries != NULL)
    r1ci_mixture_editor_save_and_preview (editor);
}

/* Applies the start-up options; TRUE when an oracle or Playground run was
 * started that the hooks must wait for. */
static gboolean
apply_options (R1ciApplication *self,
               R1ciWindow      *window)
{
  const R1ciOptions *options = &self->options;
  R1ciTasksPage *tasks = r1ci_window_get_tasks_page (window);

  if (options->page != NULL)
    r1ci_window_show_page (window, options->page);
  r1ci_window_open_workspace (window, options->workspace);  /* NULL: the CLI's default */
  apply_compare_options (options, r1ci_window_get_compare_page (window));

  if (options->import != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (options->import, ":", 2);
      r1ci_tasks_page_import (tasks, parts[0], parts[1]);
    }
  if (options->mixture != NULL || options->mixture_entries != NULL)
    apply_mixture_options (options, tasks);
  if (options->task != NULL && !r1ci_tasks_page_select_task (tasks, options->task))
    return FALSE;
  if (options->has_seed)
    r1ci_tasks_page_set_seed (tasks, options->seed);
  if (options->has_index)
    r1ci_tasks_page_set_index (tasks, options->index);
  if (options->level != NULL && !r1ci_tasks_page_set_level (tasks, options->level))
    return FALSE;
  if (options->has_slide_level)
    r1ci_tasks_page_slide_level (tasks, options->slide_level);
  if (options->answer != NULL)
    r1ci_tasks_page_check (tasks, options->answer);
  if (options->playground_run != NULL)
    return start_playground_run (self, window);
  if (options->playground_view != NULL)
    r1ci_playground_page_show_tokens (r1ci_window_get_playground_page (window),
                                      g_str_equal (options->playground_view, "tokens"));
  if (options->run_oracle)
    {
      R1ciOraclePanel *panel = r1ci_tasks_page_get_oracle_panel (tasks);
      if (r1ci_oracle_panel_run (panel))
        {
          g_signal_connect (panel, "run-finished", G_CALLBACK (on_oracle_finished), self);
          return TRUE;
        }
    }
  return FALSE;
}

static void
on_quit (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = on_quit },
};

static void
r1ci_application_startup (GApplication *application)
{
  G_APPLICATION_CLASS (r1ci_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });

  gtk_source_init ();

  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/org/r1ci/Studio/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
r1ci_application_activate (GApplication *application)
{
  R1ciApplication *self = R1CI_APPLICATION (application);
  GtkWindow *existing = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (existing != NULL)
    {
      gtk_window_present (existing);
      return;
    }

  R1ciWindow *window = r1ci_window_new (GTK_APPLICATION (self));
  gboolean waits_for_oracle = apply_options (self, window);

  if (wants_hooks (self))
    {
      if (!waits_for_oracle)
        arm_hooks (self, GTK_WIDGET (window));
      self->timeout_id = g_timeout_add_seconds (HOOK_TIMEOUT_SECONDS, on_hook_timeout, self);
    }
  gtk_window_present (GTK_WINDOW (window));
}

/* Runs after the main loop has ended: the sandbox's Python processes and
 * cgroups go with the application. */
static void
r1ci_application_shutdown (GApplication *application)
{
  r1ci_core_sandbox_stop ();
  G_APPLICATION_CLASS (r1ci_application_parent_class)->shutdown (application);
}

static void
r1ci_application_finalize (GObject *object)
{
  R1ciApplication *self = R1CI_APPLICATION (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->stop_timer_id, g_source_remove);
  r1ci_options_clear (&self->options);

  G_OBJECT_CLASS (r1ci_application_parent_class)->finalize (object);
}

static void
r1ci_application_class_init (R1ciApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = r1ci_application_finalize;
  application_class->startup = r1ci_application_startup;
  application_class->activate = r1ci_application_activate;
  application_class->shutdown = r1ci_application_shutdown;
}

static void
r1ci_application_init (R1ciApplication *self)
{
}

R1ciApplication *
r1ci_application_new (R1ciOptions *options)
{
  R1ciApplication *self = g_object_new (R1CI_TYPE_APPLICATION,
                                        "application-id", "org.r1ci.Studio",
                                        "flags", G_APPLICATION_NON_UNIQUE,
                                        NULL);
  self->options = *options;
  *options = (R1ciOptions) { 0 };
  return self;
}

int
r1ci_application_get_exit_status (R1ciApplication *self)
{
  g_return_val_if_fail (R1CI_IS_APPLICATION (self), 1);
  return self->exit_status;
}
