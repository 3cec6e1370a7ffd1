/* r1ci-code-cell.c — built in code: a header (Python · block N, state), the
 * source view, and the run's status line and output under it. */

#define G_LOG_DOMAIN "r1ci-code-cell"

#include "r1ci-code-cell.h"
#include "r1ci-code-style.h"
#include "r1ci-json.h"

struct _R1ciCodeCell
{
  GtkWidget parent_instance;

  /* children */
  GtkWidget     *box;
  GtkLabel      *state_label;
  GtkSpinner    *spinner;
  GtkSourceView *source_view;
  GtkWidget     *result_box;
  GtkImage      *status_icon;
  GtkLabel      *status_label;
  GtkTextView   *output_view;
};

G_DEFINE_FINAL_TYPE (R1ciCodeCell, r1ci_code_cell, GTK_TYPE_WIDGET)

static void
set_state (R1ciCodeCell *self,
           const char   *text,
           gboolean      busy)
{
  gtk_label_set_text (self->state_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

void
r1ci_code_cell_append_code (R1ciCodeCell *self,
                            const char   *text)
{
  g_return_if_fail (R1CI_IS_CODE_CELL (self));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view));
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, text, -1);
}

void
r1ci_code_cell_set_running (R1ciCodeCell *self,
                            const char   *code)
{
  g_return_if_fail (R1CI_IS_CODE_CELL (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)), code, -1);
  set_state (self, "Running in the sandbox…", TRUE);
}

void
r1ci_code_cell_set_execution (R1ciCodeCell *self,
                              JsonObject   *run,
                              const char   *failure)
{
  g_return_if_fail (R1CI_IS_CODE_CELL (self));
  gboolean ok = run != NULL && r1ci_code_style_run_succeeded (run);
  g_autofree char *status = run != NULL ? r1ci_code_style_describe_run (run)
                                        : g_strdup_printf ("not run: %s", failure != NULL ? failure : "the sandbox failed");

  set_state (self, "Ran", FALSE);
  gtk_label_set_text (self->status_label, status);
  gtk_image_set_from_icon_name (self->status_icon, ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_box), ok ? "failed" : "succeeded");
  gtk_widget_add_css_class (GTK_WIDGET (self->result_box), ok ? "succeeded" : "failed");
  r1ci_code_style_show_output (self->output_view, run != NULL ? r1ci_json_string (run, "stdout") : "",
                               run != NULL ? r1ci_json_string (run, "stderr") : "");
  gtk_widget_set_visible (self->result_box, TRUE);
}

void
r1ci_code_cell_set_not_run (R1ciCodeCell *self,
                            const char   *why)
{
  g_return_if_fail (R1CI_IS_CODE_CELL (self));
  set_state (self, why, FALSE);
}

/* ── Construction ───────────────────────────────────────────────────────── */

static GtkTextView *
new_output_view (void)
{
  GtkTextView *view = GTK_TEXT_VIEW (gtk_text_view_new ());

  gtk_text_view_set_editable (view, FALSE);
  gtk_text_view_set_cursor_visible (view, FALSE);
  gtk_text_view_set_monospace (view, TRUE);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_CHAR);
  gtk_text_view_set_top_margin (view, 8);
  gtk_text_view_set_bottom_margin (view, 8);
  gtk_text_view_set_left_margin (view, 12);
  gtk_text_view_set_right_margin (view, 12);
  r1ci_code_style_setup_output (view);
  return view;
}

static GtkWidget *
build_header (R1ciCodeCell *self,
              guint         number)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name ("utilities-terminal-symbolic");
  g_autofree char *title = g_strdup_printf ("Python · block %u", number);
  GtkWidget *title_label = gtk_label_new (title);

  gtk_widget_add_css_class (header, "cell-header");
  gtk_widget_add_css_class (title_label, "heading");
  gtk_box_append (GTK_BOX (header), icon);
  gtk_box_append (GTK_BOX (header), title_label);

  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->spinner), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self->spinner), GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->spinner));
  self->state_label = GTK_LABEL (gtk_label_new ("Being written…"));
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "caption");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->state_label));
  return header;
}

static GtkWidget *
build_result (R1ciCodeCell *self)
{
  GtkWidget *result = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gtk_widget_add_css_class (result, "cell-result");
  gtk_widget_add_css_class (status_row, "cell-status");
  self->status_icon = GTK_IMAGE (gtk_image_new ());
  self->status_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->status_label, 0);
  gtk_label_set_selectable (self->status_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "caption");
  GtkWidget *heading = gtk_label_new ("Execution result");
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_box_append (GTK_BOX (status_row), GTK_WIDGET (self->status_icon));
  gtk_box_append (GTK_BOX (status_row), heading);
  gtk_box_append (GTK_BOX (status_row), GTK_WIDGET (self->status_label));
  gtk_box_append (GTK_BOX (result), status_row);

  self->output_view = new_output_view ();
  gtk_box_append (GTK_BOX (result), GTK_WIDGET (self->output_view));
  gtk_widget_set_visible (result, FALSE);
  return result;
}

static void
r1ci_code_cell_dispose (GObject *object)
{
  R1ciCodeCell *self = R1CI_CODE_CELL (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (r1ci_code_cell_parent_class)->dispose (object);
}

static void
r1ci_code_cell_class_init (R1ciCodeCellClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = r1ci_code_cell_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
r1ci_code_cell_init (R1ciCodeCell *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->box, "code-cell");
  gtk_widget_set_overflow (self->box, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
r1ci_code_cell_new (guint number)
{
  R1ciCodeCell *self = g_object_new (R1CI_TYPE_CODE_CELL, NULL);

  gtk_box_append (GTK_BOX (self->box), build_header (self, number));

  self->source_view = GTK_SOURCE_VIEW (gtk_source_view_new ());
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->source_view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (self->source_view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->source_view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->source_view), GTK_WRAP_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->source_view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->source_view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->source_view), 8);
  gtk_source_view_set_show_line_numbers (self->source_view, TRUE);
  gtk_source_view_set_tab_width (self->source_view, 4);
  gtk_widget_add_css_class (GTK_WIDGET (self->source_view), "cell-source");
  r1ci_code_style_setup_python (self->source_view);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->source_view));

  self->result_box = build_result (self);
  gtk_box_append (GTK_BOX (self->box), self->result_box);
  set_state (self, "Being written…", FALSE);
  return GTK_WIDGET (self);
}
