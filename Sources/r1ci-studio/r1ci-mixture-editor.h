/* r1ci-mixture-editor.h — edit a weighted mixture of (task, level) entries,
 * save it to the workspace and preview the items its stream yields. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define R1CI_TYPE_MIXTURE_EDITOR (r1ci_mixture_editor_get_type ())

G_DECLARE_FINAL_TYPE (R1ciMixtureEditor, r1ci_mixture_editor, R1CI, MIXTURE_EDITOR, GtkWidget)

GtkWidget *r1ci_mixture_editor_new           (void);
/* The catalogue (a GListModel of R1ciTask) the task drop-downs offer; kept by reference. */
void       r1ci_mixture_editor_set_tasks     (R1ciMixtureEditor *self,
                                              GListModel        *tasks);
/* The open workspace (borrowed; NULL: none, saving reports it). */
void       r1ci_mixture_editor_set_workspace (R1ciMixtureEditor *self,
                                              gpointer           workspace);
void       r1ci_mixture_editor_set_name      (R1ciMixtureEditor *self,
                                              const char        *name);
/* Adds a row; FALSE (and a message in the editor) when the task is not in the catalogue. */
gboolean   r1ci_mixture_editor_add_entry     (R1ciMixtureEditor *self,
                                              const char        *task_id,
                                              int                level,
                                              double             weight);
/* Saves the mixture, then shows the first items of its stream; FALSE on an error (shown inline). */
gboolean   r1ci_mixture_editor_save_and_preview (R1ciMixtureEditor *self);

G_END_DECLS
