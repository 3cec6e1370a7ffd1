/* r1ci-trace-view.h — one stored trace (an r1ci_trace_json object) laid out for
 * reading: the final answer and verdict on top, then the model's reasoning,
 * its code cells (Python, highlighted) and their execution results in order. */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define R1CI_TYPE_TRACE_VIEW (r1ci_trace_view_get_type ())

G_DECLARE_FINAL_TYPE (R1ciTraceView, r1ci_trace_view, R1CI, TRACE_VIEW, GtkWidget)

GtkWidget *r1ci_trace_view_new          (void);
/* side: a short badge ("A", "B"); title: what the trace belongs to. */
void       r1ci_trace_view_set_heading  (R1ciTraceView *self,
                                         const char    *side,
                                         const char    *title);
/* Shows trace (it is read now, not kept). */
void       r1ci_trace_view_show         (R1ciTraceView *self,
                                         JsonObject    *trace);
/* Shows a one-line message in place of a trace (no trace, or it failed to load). */
void       r1ci_trace_view_show_message (R1ciTraceView *self,
                                         const char    *message);

G_END_DECLS
