/* r1ci-verdict-view.c — a verdict box, shared by the answer check and the oracle run. */

#define G_LOG_DOMAIN "r1ci-verdict-view"

#include "r1ci-json.h"
#include "r1ci-verdict-view.h"

struct _R1ciVerdictView
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkImage *icon;
  GtkLabel *title;
  GtkLabel *score;
  GtkLabel *reason;
};

G_DEFINE_FINAL_TYPE (R1ciVerdictView, r1ci_verdict_view, GTK_TYPE_WIDGET)

void
r1ci_verdict_view_show (R1ciVerdictView *self,
                        JsonObject      *verdict)
{
  g_return_if_fail (R1CI_IS_VERDICT_VIEW (self));

  gboolean correct = r1ci_json_boolean (verdict, "correct");
  g_autofree char *score = g_strdup_printf ("score %.2f", r1ci_json_double (verdict, "score"));
  const char *extracted = r1ci_json_string (verdict, "answer");
  const char *reason = r1ci_json_string (verdict, "reason");
  g_autofree char *detail = extracted[0] != '\0'
                            ? g_strdup_printf ("%s (read the answer as “%s”)", reason, extracted)
                            : g_strdup (reason);

  gtk_label_set_text (self->title, correct ? "Correct" : "Wrong");
  gtk_label_set_text (self->score, score);
  gtk_label_set_text (self->reason, detail);
  gtk_image_set_from_icon_name (self->icon, correct ? "emblem-ok-symbolic" : "dialog-error-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self), correct ? "wrong" : "correct");
  gtk_widget_add_css_class (GTK_WIDGET (self), correct ? "correct" : "wrong");
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

void
r1ci_verdict_view_clear (R1ciVerdictView *self)
{
  g_return_if_fail (R1CI_IS_VERDICT_VIEW (self));

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_label_set_text (self->title, "");
  gtk_label_set_text (self->score, "");
  gtk_label_set_text (self->reason, "");
}

static void
r1ci_verdict_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), R1CI_TYPE_VERDICT_VIEW);
  G_OBJECT_CLASS (r1ci_verdict_view_parent_class)->dispose (object);
}

static void
r1ci_verdict_view_class_init (R1ciVerdictViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = r1ci_verdict_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/r1ci/Studio/r1ci-verdict-view.ui");
  gtk_widget_class_bind_template_child (widget_class, R1ciVerdictView, icon);
  gtk_widget_class_bind_template_child (widget_class, R1ciVerdictView, title);
  gtk_widget_class_bind_template_child (widget_class, R1ciVerdictView, score);
  gtk_widget_class_bind_template_child (widget_class, R1ciVerdictView, reason);
}

static void
r1ci_verdict_view_init (R1ciVerdictView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
