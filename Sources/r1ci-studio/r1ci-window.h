/* r1ci-window.h — the studio's one window: header bar, page sidebar, page stack. */
#pragma once

#include <gtk/gtk.h>

#include "r1ci-compare-page.h"
#include "r1ci-tasks-page.h"
#include "r1ci-playground-page.h"
#include "r1ci-training-page.h"

G_BEGIN_DECLS

#define R1CI_TYPE_WINDOW (r1ci_window_get_type ())

G_DECLARE_FINAL_TYPE (R1ciWindow, r1ci_window, R1CI, WINDOW, GtkApplicationWindow)

R1ciWindow    *r1ci_window_new            (GtkApplication *application);
gboolean       r1ci_window_show_page      (R1ciWindow     *self,
                                           const char     *name);
gboolean       r1ci_window_open_workspace (R1ciWindow     *self,
                                           const char     *path);
R1ciTasksPage *r1ci_window_get_tasks_page (R1ciWindow     *self);
R1ciComparePage *r1ci_window_get_compare_page (R1ciWindow *self);
R1ciPlaygroundPage *r1ci_window_get_playground_page (R1ciWindow *self);
R1ciTrainingPage *r1ci_window_get_training_page (R1ciWindow *self);

G_END_DECLS
