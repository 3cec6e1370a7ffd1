/* r1ci-training-page.h — launch SFT, GRPO and PPO runs and watch them: the
 * launch form, the workspace's runs with their state (Stop, Resume), live
 * curves of the checked runs from the store, and a GRPO/PPO run's rollouts. */
#pragma once

#include <gtk/gtk.h>

#include "r1ci-chart.h"
#include "r1ci-run-form.h"
#include "r1ci-run-rollouts.h"

G_BEGIN_DECLS

#define R1CI_TYPE_TRAINING_PAGE (r1ci_training_page_get_type ())

G_DECLARE_FINAL_TYPE (R1ciTrainingPage, r1ci_training_page, R1CI, TRAINING_PAGE, GtkWidget)

/* The workspace whose runs the page shows and starts (borrowed; NULL: none). */
void         r1ci_training_page_set_workspace (R1ciTrainingPage *self,
                                               gpointer          workspace);
R1ciRunForm *r1ci_training_page_get_form      (R1ciTrainingPage *self);
/* Reads the runs and new metrics now (the page also does it every second
 * while a run is queued or running). */
void         r1ci_training_page_refresh       (R1ciTrainingPage *self);
/* Selects run id in the list (and checks it for the chart); FALSE when absent. */
gboolean     r1ci_training_page_select_run    (R1ciTrainingPage *self,
                                               gint64            run_id);
/* The selected run's id, or 0. */
gint64       r1ci_training_page_get_selected  (R1ciTrainingPage *self);
/* Checks exactly these runs for the chart. */
void         r1ci_training_page_set_overlay   (R1ciTrainingPage *self,
                                               const gint64     *run_ids,
                                               guint             n_runs);
/* The selected run's state as the list shows it ("running", …), or NULL. */
const char  *r1ci_training_page_get_state     (R1ciTrainingPage *self);
/* Distinct steps ≥ 1 with metrics read so far for the selected run. */
guint        r1ci_training_page_count_steps   (R1ciTrainingPage *self);
/* Presses Stop / Resume for the selected run; FALSE (the page says why) when refused. */
gboolean     r1ci_training_page_stop          (R1ciTrainingPage *self);
gboolean     r1ci_training_page_resume        (R1ciTrainingPage *self);
/* Chart controls: the metric (FALSE when no checked run has it), the x axis
 * ("step" or "wall"), the smoothing weight, and the hover mark at x. */
gboolean     r1ci_training_page_set_metric    (R1ciTrainingPage *self,
                                               const char       *name);
void         r1ci_training_page_set_x_axis    (R1ciTrainingPage *self,
                                               gboolean          wall_time);
void         r1ci_training_page_set_smoothing (R1ciTrainingPage *self,
                                               double            weight);
void         r1ci_training_page_hover         (R1ciTrainingPage *self,
                                               double            x);
/* Shows the Curves (FALSE) or the Rollouts of the selected run (TRUE). */
void         r1ci_training_page_show_rollouts (R1ciTrainingPage *self,
                                               gboolean          rollouts);
R1ciRunRollouts *r1ci_training_page_get_rollouts (R1ciTrainingPage *self);

G_END_DECLS
