/* r1ci-tasks-page.h — browse the task catalogue, generate an item, check an
 * answer, run the item's oracle. */
#pragma once

#include <gtk/gtk.h>

#include "r1ci-mixture-editor.h"
#include "r1ci-oracle-panel.h"

G_BEGIN_DECLS

#define R1CI_TYPE_TASKS_PAGE (r1ci_tasks_page_get_type ())

G_DECLARE_FINAL_TYPE (R1ciTasksPage, r1ci_tasks_page, R1CI, TASKS_PAGE, GtkWidget)

GtkWidget *r1ci_tasks_page_new         (void);
gboolean   r1ci_tasks_page_select_task (R1ciTasksPage *self,
                                        const char    *task_id);
gboolean   r1ci_tasks_page_set_level   (R1ciTasksPage *self,
                                        const char    *name_or_number);
void       r1ci_tasks_page_set_seed    (R1ciTasksPage *self,
                                        guint64        seed);
void       r1ci_tasks_page_set_index   (R1ciTasksPage *self,
                                        guint64        index);
void       r1ci_tasks_page_check       (R1ciTasksPage *self,
                                        const char    *answer);
R1ciOraclePanel *r1ci_tasks_page_get_oracle_panel (R1ciTasksPage *self);
void       r1ci_tasks_page_set_workspace (R1ciTasksPage *self,
                                          gpointer       workspace);
gboolean   r1ci_tasks_page_import      (R1ciTasksPage *self,
                                        const char    *kind,
                                        const char    *path);
void       r1ci_tasks_page_slide_level (R1ciTasksPage *self,
                                        int            level);
R1ciMixtureEditor *r1ci_tasks_page_show_mixture_editor (R1ciTasksPage *self);

G_END_DECLS
