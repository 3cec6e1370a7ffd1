/* r1ci-live-trace.h — a trace as it streams, as a column of cells: the
 * question, the model's reasoning, its code blocks with how they ran, the
 * final answer, the verdict and how the trace ended. Fed the core's run
 * events (r1ci_agent_run_json) one by one; holds no logic of the loop. */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define R1CI_TYPE_LIVE_TRACE (r1ci_live_trace_get_type ())

G_DECLARE_FINAL_TYPE (R1ciLiveTrace, r1ci_live_trace, R1CI, LIVE_TRACE, GtkWidget)

/* Removes every cell and shows the empty state. */
void  r1ci_live_trace_clear       (R1ciLiveTrace *self);
/* Shows one more event of the run. */
void  r1ci_live_trace_add_event   (R1ciLiveTrace *self,
                                   JsonObject    *event);
/* Shows that the run could not start or failed, with the core's message. */
void  r1ci_live_trace_show_error  (R1ciLiveTrace *self,
                                   const char    *message);

G_END_DECLS
