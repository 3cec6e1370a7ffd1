/* r1ci-verdict-view.h — shows one CheckResult object from the core
 * ({"score", "correct", "reason", "answer"}): Correct or Wrong, score, reason. */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define R1CI_TYPE_VERDICT_VIEW (r1ci_verdict_view_get_type ())

G_DECLARE_FINAL_TYPE (R1ciVerdictView, r1ci_verdict_view, R1CI, VERDICT_VIEW, GtkWidget)

/* Fills the view from verdict and shows it. */
void r1ci_verdict_view_show  (R1ciVerdictView *self,
                              JsonObject      *verdict);
/* Empties and hides the view. */
void r1ci_verdict_view_clear (R1ciVerdictView *self);

G_END_DECLS
