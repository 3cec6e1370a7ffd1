/* r1ci-run-rollouts.h — the rollouts a GRPO or PPO run recorded at one step
 * (r1ci_run_rollouts_json): a step picker, every group's samples with their
 * reward, advantage, correctness, turns and end, and the selected sample's
 * trace (r1ci_trace_json) read in an R1ciTraceView. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define R1CI_TYPE_RUN_ROLLOUTS (r1ci_run_rollouts_get_type ())

G_DECLARE_FINAL_TYPE (R1ciRunRollouts, r1ci_run_rollouts, R1CI, RUN_ROLLOUTS, GtkWidget)

/* The workspace (borrowed) and the run to show (0: none); shows the run's
 * latest step with rollouts, or says why there is nothing to show. */
void     r1ci_run_rollouts_show_run      (R1ciRunRollouts *self,
                                          gpointer         workspace,
                                          gint64           run_id);
/* Reads the run's steps again (a live run records more); keeps the step shown
 * unless it was the latest, then follows the new latest. */
void     r1ci_run_rollouts_reload        (R1ciRunRollouts *self);
/* Shows step; FALSE when the run has no rollouts at that step. */
gboolean r1ci_run_rollouts_select_step   (R1ciRunRollouts *self,
                                          gint64           step);
/* Selects the sample at position (0-based, groups in order) and shows its
 * trace; FALSE when out of range. */
gboolean r1ci_run_rollouts_select_sample (R1ciRunRollouts *self,
                                          guint            position);

G_END_DECLS
