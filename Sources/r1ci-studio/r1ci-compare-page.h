/* r1ci-compare-page.h — two stored evaluations side by side: per-task accuracy
 * and its change, questions by bucket, and the two traces of a question. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define R1CI_TYPE_COMPARE_PAGE (r1ci_compare_page_get_type ())

G_DECLARE_FINAL_TYPE (R1ciComparePage, r1ci_compare_page, R1CI, COMPARE_PAGE, GtkWidget)

/* The workspace whose evaluations the page shows (borrowed: the caller keeps
 * it open while the page uses it; NULL shows the empty state). Reloads. */
void     r1ci_compare_page_set_workspace   (R1ciComparePage *self,
                                            gpointer         workspace);
/* Picks evaluations a and b; FALSE (and the page says why) when either is not listed. */
gboolean r1ci_compare_page_compare         (R1ciComparePage *self,
                                            gint64           a,
                                            gint64           b);
/* Shows only the questions in bucket (a core bucket name); FALSE for an unknown name. */
gboolean r1ci_compare_page_show_bucket     (R1ciComparePage *self,
                                            const char      *bucket);
/* Selects question position (0-based) of the list as filtered; FALSE when out of range. */
gboolean r1ci_compare_page_select_question (R1ciComparePage *self,
                                            guint            position);

G_END_DECLS
