/* r1ci-trace-view.c — a stored trace, read-only, built from r1ci_trace_json.
 *
 * Everything shown comes from the core's JSON: the parts in the order the
 * model saw them ("text", "code", "result"; the rendered "prompt" is left out,
 * the page shows the question once above both traces), the answer, the
 * verdict and the reward parts. Nothing is recomputed here.
 */

#define G_LOG_DOMAIN "r1ci-trace-view"

#include "r1ci-json.h"
#include "r1ci-code-style.h"
#include "r1ci-trace-view.h"
#include "r1ci-text-label.h"
#include "r1ci-verdict-view.h"

struct _R1ciTraceView
{
  GtkWidget parent_instance;

  /* child widgets (owned by the widget tree) */
  GtkWidget       *side_label;
  GtkWidget       *title_label;
  GtkWidget       *stats_label;
  GtkWidget       *answer_label;
  R1ciVerdictView *verdict_view;
  GtkWidget       *parts_box;
};

G_DEFINE_FINAL_TYPE (R1ciTraceView, r1ci_trace_view, GTK_TYPE_WIDGET)

static void
clear_parts (R1ciTraceView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->parts_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->parts_box), child);
}

/* ── Parts ──────────────────────────────────────────────────────────────── */

static GtkWidget *
code_part (const char *code,
           guint       number,
           gboolean    ran)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *caption = ran ? g_strdup_printf ("Code cell %u", number)
                                 : g_strdup_printf ("Code cell %u · not run", number);
  GtkWidget *view = gtk_source_view_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_box_append (GTK_BOX (box), r1ci_text_label_new (caption, "part-caption"));
  r1ci_code_style_setup_python (GTK_SOURCE_VIEW (view));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), code, -1);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_source_view_set_show_line_numbers (GTK_SOURCE_VIEW (view), TRUE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "code-frame");
  gtk_box_append (GTK_BOX (box), frame);
  return box;
}

/* "exit 0 · 12 ms", "timeout · 10000 ms", or the executor's failure. */
static char *
describe_run (JsonObject *part)
{
  JsonObject *run = r1ci_json_object (part, "run");
  const char *failure = r1ci_json_string (part, "failure");

  if (run == NULL)
    return g_strdup_printf ("Not run: %s", failure[0] != '\0' ? failure : "no result recorded");

  const char *status = r1ci_json_string (run, "status");
  double wall_ms = r1ci_json_double (run, "wall_ms");
  JsonNode *exit_code = json_object_get_member (run, "exit_code");
  if (g_str_equal (status, "ok") || (g_str_equal (status, "error") && exit_code != NULL && !json_node_is_null (exit_code)))
    return g_strdup_printf ("exit %" G_GINT64_FORMAT " · %.0f ms", r1ci_json_int (run, "exit_code"), wall_ms);
  return g_strdup_printf ("%s · %.0f ms", status, wall_ms);
}

/* The result as the sandbox reported it: stdout, then stderr; the text that
 * went back into the context when there is no run record. */
static char *
result_output (JsonObject *part)
{
  JsonObject *run = r1ci_json_object (part, "run");

  if (run == NULL)
    return g_strdup (r1ci_json_string (part, "text"));

  g_autofree char *out = g_strchomp (g_strdup (r1ci_json_string (run, "stdout")));
  g_autofree char *err = g_strchomp (g_strdup (r1ci_json_string (run, "stderr")));
  if (out[0] == '\0' && err[0] == '\0')
    return g_strdup ("(no output)");
  if (err[0] == '\0')
    return g_steal_pointer (&out);
  if (out[0] == '\0')
    return g_steal_pointer (&err);
  return g_strconcat (out, "\n", err, NULL);
}

static GtkWidget *
result_part (JsonObject *part)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  JsonObject *run = r1ci_json_object (part, "run");
  gboolean ok = run != NULL && g_str_equal (r1ci_json_string (run, "status"), "ok");
  g_autofree char *status = describe_run (part);
  g_autofree char *caption = g_strdup_printf ("Execution result · %s", status);
  g_autofree char *output = result_output (part);
  GtkWidget *output_label = r1ci_text_label_new (output, "exec-output");

  gtk_box_append (GTK_BOX (box), r1ci_text_label_new (caption, ok ? "part-caption" : "part-caption-error"));
  gtk_widget_add_css_class (output_label, "monospace");
  gtk_box_append (GTK_BOX (box), output_label);
  return box;
}

/* ── Public ─────────────────────────────────────────────────────────────── */

void
r1ci_trace_view_set_heading (R1ciTraceView *self,
                             const char    *side,
                             const char    *title)
{
  g_return_if_fail (R1CI_IS_TRACE_VIEW (self));

  gtk_label_set_text (GTK_LABEL (self->side_label), side);
  gtk_label_set_text (GTK_LABEL (self->title_label), title);
}

void
r1ci_trace_view_show_message (R1ciTraceView *self,
                              const char    *message)
{
  g_return_if_fail (R1CI_IS_TRACE_VIEW (self));

  clear_parts (self);
  gtk_label_set_text (GTK_LABEL (self->stats_label), "");
  gtk_label_set_text (GTK_LABEL (self->answer_label), "");
  gtk_widget_set_tooltip_text (self->stats_label, NULL);
  r1ci_verdict_view_clear (self->verdict_view);
  gtk_box_append (GTK_BOX (self->parts_box), r1ci_text_label_new (message, "dim-label"));
}

void
r1ci_trace_view_show (R1ciTraceView *self,
                      JsonObject    *trace)
{
  g_return_if_fail (R1CI_IS_TRACE_VIEW (self));

  clear_parts (self);

  JsonObject *reward = r1ci_json_object (trace, "reward");
  gint64 turns = r1ci_json_int (trace, "turns"), calls = r1ci_json_int (trace, "code_calls");
  g_autofree char *reward_text =
    reward == NULL ? g_strdup ("")
                   : g_strdup_printf (" · reward %+.2f", r1ci_json_double (reward, "total"));
  g_autofree char *stats =
    g_strdup_printf ("%" G_GINT64_FORMAT " turn%s · %" G_GINT64_FORMAT " code call%s · %" G_GINT64_FORMAT
                     " tokens · ended: %s%s",
                     turns, turns == 1 ? "" : "s", calls, calls == 1 ? "" : "s",
                     r1ci_json_int (trace, "generated_tokens"), r1ci_json_string (trace, "end"), reward_text);
  gtk_label_set_text (GTK_LABEL (self->stats_label), stats);
  g_autofree char *reward_parts =
    reward == NULL ? NULL
                   : g_strdup_printf ("reward %+.2f = correctness %+.2f, format %+.2f, code calls %+.2f",
                                      r1ci_json_double (reward, "total"), r1ci_json_double (reward, "correctness"),
                                      r1ci_json_double (reward, "format"), r1ci_json_double (reward, "calls"));
  gtk_widget_set_tooltip_text (self->stats_label, reward_parts);

  const char *answer = r1ci_json_string (trace, "answer");
  gtk_label_set_text (GTK_LABEL (self->answer_label), answer[0] != '\0' ? answer : "(no answer)");

  /* The verdict view reads a check result: {"score", "correct", "reason", "answer"}. */
  JsonObject *verdict = r1ci_json_object (trace, "verdict");
  if (verdict != NULL)
    {
      g_autoptr(JsonObject) check = json_object_new ();
      double score = r1ci_json_double (verdict, "score");
      json_object_set_double_member (check, "score", score);
      json_object_set_boolean_member (check, "correct", score >= 1.0);
      json_object_set_string_member (check, "reason", r1ci_json_string (verdict, "reason"));
      json_object_set_string_member (check, "answer", "");
      r1ci_verdict_view_show (self->verdict_view, check);
    }
  else
    r1ci_verdict_view_clear (self->verdict_view);

  JsonArray *parts = r1ci_json_array (trace, "parts");
  guint n = parts != NULL ? json_array_get_length (parts) : 0, cells = 0;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (parts, i);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      JsonObject *part = json_node_get_object (node);
      const char *kind = r1ci_json_string (part, "kind");

      if (g_str_equal (kind, "text"))
        {
          g_autofree char *prose = g_strstrip (g_strdup (r1ci_json_string (part, "text")));
          gtk_box_append (GTK_BOX (self->parts_box), r1ci_text_label_new (prose, "reasoning"));
        }
      else if (g_str_equal (kind, "code"))
        gtk_box_append (GTK_BOX (self->parts_box),
                        code_part (r1ci_json_string (part, "text"), ++cells, r1ci_json_boolean (part, "ran")));
      else if (g_str_equal (kind, "result"))
        gtk_box_append (GTK_BOX (self->parts_box), result_part (part));
    }
  const char *detail = r1ci_json_string (trace, "end_detail");
  if (detail[0] != '\0')
    {
      g_autofree char *text = g_strdup_printf ("Ended: %s — %s", r1ci_json_string (trace, "end"), detail);
      gtk_box_append (GTK_BOX (self->parts_box), r1ci_text_label_new (text, "dim-label"));
    }
}

/* ── Widget ─────────────────────────────────────────────────────────────── */

static void
r1ci_trace_view_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (r1ci_trace_view_parent_class)->dispose (object);
}

static void
r1ci_trace_view_class_init (R1ciTraceViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = r1ci_trace_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "traceview");
  g_type_ensure (R1CI_TYPE_VERDICT_VIEW);
}

static void
r1ci_trace_view_init (R1ciTraceView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *answer_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (widget)), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (widget)), 6);
  gtk_widget_add_css_class (widget, "trace-view");

  /* Fixed on top: which side, and what it belongs to. */
  self->side_label = gtk_label_new ("");
  gtk_widget_add_css_class (self->side_label, "side-badge");
  self->title_label = r1ci_text_label_new ("", "heading");
  gtk_label_set_wrap (GTK_LABEL (self->title_label), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (self->title_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (self->title_label, TRUE);
  gtk_box_append (GTK_BOX (heading), self->side_label);
  gtk_box_append (GTK_BOX (heading), self->title_label);
  gtk_widget_set_parent (heading, widget);

  /* Scrolled: the outcome first, then the parts in order. */
  self->stats_label = r1ci_text_label_new ("", "caption");
  gtk_widget_add_css_class (self->stats_label, "dim-label");
  gtk_box_append (GTK_BOX (content), self->stats_label);

  gtk_box_append (GTK_BOX (answer_row), r1ci_text_label_new ("Final answer", "field-label"));
  self->answer_label = r1ci_text_label_new ("", "answer-text");
  gtk_widget_set_hexpand (self->answer_label, TRUE);
  gtk_box_append (GTK_BOX (answer_row), self->answer_label);
  gtk_box_append (GTK_BOX (content), answer_row);

  self->verdict_view = g_object_new (R1CI_TYPE_VERDICT_VIEW, NULL);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->verdict_view));

  self->parts_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  gtk_widget_set_margin_top (self->parts_box, 6);
  gtk_box_append (GTK_BOX (content), self->parts_box);

  gtk_widget_set_margin_end (content, 10);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), content);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_parent (scroller, widget);
}

GtkWidget *
r1ci_trace_view_new (void)
{
  return g_object_new (R1CI_TYPE_TRACE_VIEW, NULL);
}
