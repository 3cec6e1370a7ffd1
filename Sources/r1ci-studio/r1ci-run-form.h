/* r1ci-run-form.h — the Training page's launch form: a method (SFT, GRPO,
 * PPO) and its options, each field built from the core's schema
 * (r1ci_train_methods_json) with its default filled in; Launch starts a
 * background run (r1ci_run_start) and a bad value shows the core's message. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define R1CI_TYPE_RUN_FORM (r1ci_run_form_get_type ())

G_DECLARE_FINAL_TYPE (R1ciRunForm, r1ci_run_form, R1CI, RUN_FORM, GtkWidget)

/* The workspace runs start in (borrowed; NULL disables Launch). */
void     r1ci_run_form_set_workspace (R1ciRunForm *self,
                                      gpointer     workspace);
/* Fills the form from a config object as r1ci_run_start reads it: "method"
 * picks the method, other members set their fields (a member the method lacks
 * is kept and sent, so the core names it). FALSE when json is not an object. */
gboolean r1ci_run_form_fill          (R1ciRunForm *self,
                                      const char  *json);
/* The config the form would send now (the method and every value that
 * differs from its default), as JSON. Free with g_free. */
char    *r1ci_run_form_get_config    (R1ciRunForm *self);
/* Presses Launch: TRUE and "launched" (gint64 run id) when the run started;
 * FALSE with the core's message shown in the form otherwise. */
gboolean r1ci_run_form_launch        (R1ciRunForm *self);

G_END_DECLS
