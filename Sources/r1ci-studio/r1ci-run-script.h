/* r1ci-run-script.h — what the Training page's test options do, in order:
 * --train-launch-json fills the form and presses Launch, then each --train-do
 * ACTION runs, waiting where it says "wait"; the hooks run once all are done.
 *
 * Actions: wait-steps:N (the selected run has metrics of N steps ≥ 1),
 * wait-state:STATE, stop, resume, select:RUN, overlay:RUN,RUN…, metric:NAME,
 * x:step|wall, smoothing:W, hover:X, view:curves|rollouts, rollout-step:N,
 * rollout-sample:K. */
#pragma once

#include "r1ci-training-page.h"

G_BEGIN_DECLS

/* FALSE (error set, naming the action) for an action the script does not know. */
gboolean r1ci_run_script_check (const char  *action,
                                GError     **error);
/* Starts the script on page; done(user_data) runs on the main loop when every
 * action has run. A failed Stop/Resume/select is printed to stderr and the
 * script goes on (the page shows the core's message). */
void     r1ci_run_script_start (R1ciTrainingPage *page,
                                const char       *launch_json,
                                char            **actions,
                                GSourceFunc       done,
                                gpointer          user_data);

G_END_DECLS
