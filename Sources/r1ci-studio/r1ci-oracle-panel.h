/* r1ci-oracle-panel.h — an item's oracle program (read-only, Python
 * highlighting), a "Run oracle" button that runs it in the core's sandbox on
 * a worker thread, and the run's output, status, time and verdict. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define R1CI_TYPE_ORACLE_PANEL (r1ci_oracle_panel_get_type ())

G_DECLARE_FINAL_TYPE (R1ciOraclePanel, r1ci_oracle_panel, R1CI, ORACLE_PANEL, GtkWidget)

/* Shows the item's program and forgets the last run; a run still going for an
 * earlier item is ignored when it ends. task_id NULL: no item (button off). */
void     r1ci_oracle_panel_set_item (R1ciOraclePanel *self,
                                     const char      *task_id,
                                     guint64          seed,
                                     int              level,
                                     guint64          index,
                                     const char      *program);
/* Presses Run oracle; FALSE when it cannot be pressed now (no item, or a run
 * is going). The "run-finished" signal says when the result is shown. */
gboolean r1ci_oracle_panel_run      (R1ciOraclePanel *self);

G_END_DECLS
