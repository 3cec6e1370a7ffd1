/* r1ci-playground-page.h — run a model on one question and watch the trace:
 * pick a model and a question (a task item or free text), press Run, and the
 * reasoning, code cells, execution results, answer and verdict stream in; a
 * token view shows loss masks and log-probabilities. Every step is the core's
 * (r1ci_agent_run_json on a worker thread). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define R1CI_TYPE_PLAYGROUND_PAGE (r1ci_playground_page_get_type ())

G_DECLARE_FINAL_TYPE (R1ciPlaygroundPage, r1ci_playground_page, R1CI, PLAYGROUND_PAGE, GtkWidget)

/* Selects a task item as the question; FALSE (and nothing changes) when the
 * task is unknown. */
gboolean r1ci_playground_page_select_task    (R1ciPlaygroundPage *self,
                                              const char         *task_id,
                                              guint64             item_seed);
/* Sets the generated plus appended tokens a trace may use. */
void     r1ci_playground_page_set_model      (R1ciPlaygroundPage *self,
                                              const char         *model);
void     r1ci_playground_page_set_max_tokens (R1ciPlaygroundPage *self,
                                              guint               max_tokens);
/* Shows the token view (TRUE) or the trace (FALSE). */
void     r1ci_playground_page_show_tokens    (R1ciPlaygroundPage *self,
                                              gboolean            tokens);
/* Presses Run; FALSE when a run is going. "run-finished" says when it ended. */
gboolean r1ci_playground_page_run            (R1ciPlaygroundPage *self);
/* Presses Stop (nothing when no run is going). */
void     r1ci_playground_page_stop           (R1ciPlaygroundPage *self);
guint    r1ci_playground_page_get_generated  (R1ciPlaygroundPage *self);

G_END_DECLS
