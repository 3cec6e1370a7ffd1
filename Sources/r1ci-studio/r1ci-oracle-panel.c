/* r1ci-oracle-panel.c — the oracle program and its sandboxed run.
 *
 * The run is r1ci_task_run_oracle_json on a GTask worker thread; the page
 * stays responsive and the button is insensitive until the result is back.
 * Everything shown comes from that call's JSON.
 */

#define G_LOG_DOMAIN "r1ci-oracle-panel"

#include <gtksourceview/gtksource.h>

#include "r1ci-code-style.h"
#include "r1ci-core.h"
#include "r1ci-json.h"
#include "r1ci-oracle-panel.h"
#include "r1ci-verdict-view.h"

/* Space kept below the result when it is scrolled into view, in pixels. */
#define SCROLL_MARGIN 24
/* Frames during which the result is kept in view: the output view measures its
 * text in the background, so the result grows over the first few frames. */
#define SCROLL_FRAMES 6
/* The program's frame shows this many lines at least and at most; longer programs scroll. */
#define SOURCE_MIN_LINES 4
#define SOURCE_MAX_LINES 22

struct _R1ciOraclePanel
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkSpinner      *spinner;
  GtkButton       *run_button;
  GtkWidget       *source_frame;
  GtkSourceView   *source_view;
  GtkWidget       *result_box;
  GtkLabel        *status_label;
  GtkWidget       *output_frame;
  GtkTextView     *output_view;
  R1ciVerdictView *verdict_view;

  /* the item shown */
  char    *task_id;  /* owned; NULL when there is none */
  guint64  seed;
  int      level;
  guint64  index;

  /* state */
  guint serial;         /* bumped with every item: a run's result counts only for its own */
  guint running : 1;
  guint scroll_frames;  /* frames left to keep the result scrolled into view */
};

G_DEFINE_FINAL_TYPE (R1ciOraclePanel, r1ci_oracle_panel, GTK_TYPE_WIDGET)

enum {
  SIGNAL_RUN_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void fit_source_height (R1ciOraclePanel *self);

/* ── Showing a run ──────────────────────────────────────────────────────── */

static void
clear_result (R1ciOraclePanel *self)
{
  gtk_widget_set_visible (self->result_box, FALSE);
  gtk_label_set_text (self->status_label, "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->output_view), "", -1);
  r1ci_verdict_view_clear (self->verdict_view);
}

/* Scrolls the page down so that the whole result is in view, on each of the
 * frames after it became visible (it is laid out from the first on). */
static gboolean
scroll_result_into_view (GtkWidget     *widget,
                         GdkFrameClock *clock,
                         gpointer       user_data)
{
  R1ciOraclePanel *self = R1CI_ORACLE_PANEL (widget);

  if (self->scroll_frames == 0)
    return G_SOURCE_REMOVE;
  self->scroll_frames--;

  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_point_t bottom;  /* the result's bottom edge, in the scrolled window's visible area */

  if (scrolled == NULL
      || !gtk_widget_compute_point (self->result_box, scrolled,
                                    &GRAPHENE_POINT_INIT (0, gtk_widget_get_height (self->result_box)), &bottom))
    return G_SOURCE_REMOVE;

  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  double below = bottom.y + SCROLL_MARGIN - gtk_adjustment_get_page_size (adjustment);
  if (below > 0)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + below);
  return G_SOURCE_CONTINUE;
}

static void
show_run (R1ciOraclePanel *self,
          JsonObject      *report)
{
  JsonObject *run = r1ci_json_object (report, "run");
  JsonObject *verdict = r1ci_json_object (report, "verdict");
  g_autofree char *status = r1ci_code_style_describe_run (run);

  gtk_label_set_text (self->status_label, status);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  r1ci_code_style_show_output (self->output_view, r1ci_json_string (run, "stdout"), r1ci_json_string (run, "stderr"));
  gtk_widget_set_visible (self->output_frame, TRUE);
  if (verdict != NULL)
    r1ci_verdict_view_show (self->verdict_view, verdict);
  gtk_widget_set_visible (self->result_box, TRUE);
}

static void
show_failure (R1ciOraclePanel *self,
              const char      *message)
{
  g_autofree char *text = g_strdup_printf ("Could not run the oracle: %s", message);

  gtk_label_set_text (self->status_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_set_visible (self->output_frame, FALSE);
  r1ci_verdict_view_clear (self->verdict_view);
  gtk_widget_set_visible (self->result_box, TRUE);
}

/* ── Running ────────────────────────────────────────────────────────────── */

static void
set_running (R1ciOraclePanel *self,
             gboolean         running)
{
  self->running = running;
  gtk_widget_set_sensitive (GTK_WIDGET (self->run_button), !running && self->task_id != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_spinner_set_spinning (self->spinner, running);
}

/* The item a run was started for, to tell whether its result still counts. */
typedef struct
{
  R1ciOraclePanel *panel;   /* owned reference */
  guint            serial;
} RunContext;

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunContext *context = user_data;
  R1ciOraclePanel *self = context->panel;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) report = r1ci_core_task_run_oracle_finish (result, &error);

  /* Disposed while the run went on (the window closed): nothing to show it in. */
  if (self->status_label == NULL)
    {
      g_object_unref (context->panel);
      g_free (context);
      return;
    }

  set_running (self, FALSE);
  if (context->serial == self->serial)
    {
      if (report == NULL)
        show_failure (self, error->message);
      else if (!JSON_NODE_HOLDS_OBJECT (report))
        show_failure (self, "the core returned no object");
      else
        show_run (self, json_node_get_object (report));

      if (self->scroll_frames == 0)
        gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_result_into_view, NULL, NULL);
      self->scroll_frames = SCROLL_FRAMES;
    }
  g_signal_emit (self, signals[SIGNAL_RUN_FINISHED], 0);

  g_object_unref (context->panel);
  g_free (context);
}

gboolean
r1ci_oracle_panel_run (R1ciOraclePanel *self)
{
  g_return_val_if_fail (R1CI_IS_ORACLE_PANEL (self), FALSE);

  if (self->running || self->task_id == NULL)
    return FALSE;

  RunContext *context = g_new0 (RunContext, 1);
  context->panel = g_object_ref (self);
  context->serial = self->serial;

  clear_result (self);
  set_running (self, TRUE);
  r1ci_core_task_run_oracle_async (self->task_id, self->seed, self->level, self->index,
                                   NULL, on_run_done, context);
  return TRUE;
}

static void
on_run_clicked (R1ciOraclePanel *self)
{
  r1ci_oracle_panel_run (self);
}

void
r1ci_oracle_panel_set_item (R1ciOraclePanel *self,
                            const char      *task_id,
                            guint64          seed,
                            int              level,
                            guint64          index,
                            const char      *program)
{
  g_return_if_fail (R1CI_IS_ORACLE_PANEL (self));

  g_free (self->task_id);
  self->task_id = g_strdup (task_id);
  self->seed = seed;
  self->level = level;
  self->index = index;
  self->serial++;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)),
                            program != NULL ? program : "", -1);
  fit_source_height (self);
  clear_result (self);
  set_running (self, self->running);
}

/* ── The source view ────────────────────────────────────────────────────── */

/* Sizes the program's frame to its lines (within SOURCE_MIN_LINES..SOURCE_MAX_LINES).
 * A text view reports the height of the lines it has measured so far, which
 * for a frame that is just being shown is only a few, so the lines are
 * counted here and multiplied by the height of one line in the view's font. */
static void
fit_source_height (R1ciOraclePanel *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->source_view);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (view), "Xg");
  int line_height = 0;

  pango_layout_get_pixel_size (layout, NULL, &line_height);
  int lines = CLAMP (gtk_text_buffer_get_line_count (gtk_text_view_get_buffer (view)),
                     SOURCE_MIN_LINES, SOURCE_MAX_LINES);
  int height = lines * MAX (line_height, 1)
               + gtk_text_view_get_top_margin (view) + gtk_text_view_get_bottom_margin (view);

  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->source_frame), height);
}

static void
setup_source_view (R1ciOraclePanel *self)
{
  r1ci_code_style_setup_python (self->source_view);
  /* The font is final once the view is styled on screen. */
  g_signal_connect (self, "realize", G_CALLBACK (fit_source_height), NULL);
}

/* ── GObject ────────────────────────────────────────────────────────────── */

static void
r1ci_oracle_panel_dispose (GObject *object)
{
  R1ciOraclePanel *self = R1CI_ORACLE_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), R1CI_TYPE_ORACLE_PANEL);
  g_clear_pointer (&self->task_id, g_free);

  G_OBJECT_CLASS (r1ci_oracle_panel_parent_class)->dispose (object);
}

static void
r1ci_oracle_panel_class_init (R1ciOraclePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = r1ci_oracle_panel_dispose;

  /* Emitted when a run's result (or failure) has come back, whether or not it
   * was still for the item shown. */
  signals[SIGNAL_RUN_FINISHED] = g_signal_new ("run-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (R1CI_TYPE_VERDICT_VIEW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/r1ci/Studio/r1ci-oracle-panel.ui");

#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, R1ciOraclePanel, name)
  CHILD (spinner);
  CHILD (run_button);
  CHILD (source_frame);
  CHILD (source_view);
  CHILD (result_box);
  CHILD (status_label);
  CHILD (output_frame);
  CHILD (output_view);
  CHILD (verdict_view);
#undef CHILD

  gtk_widget_class_bind_template_callback (widget_class, on_run_clicked);
}

static void
r1ci_oracle_panel_init (R1ciOraclePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_source_view (self);
  r1ci_code_style_setup_output (self->output_view);
}
