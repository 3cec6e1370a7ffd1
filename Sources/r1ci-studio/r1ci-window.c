/* r1ci-window.c — the main window. Pages register in the .ui file's stack;
 * only pages whose capabilities exist in the core are listed. */

#define G_LOG_DOMAIN "r1ci-window"

#include "r1ci-core.h"
#include "r1ci-window.h"

struct _R1ciWindow
{
  GtkApplicationWindow parent_instance;

  /* template widgets */
  GtkLabel      *subtitle_label;
  GtkWidget     *banner;
  GtkLabel      *banner_label;
  GtkStack      *stack;
  R1ciTasksPage *tasks_page;
  R1ciComparePage *compare_page;
  R1ciPlaygroundPage *playground_page;
  R1ciTrainingPage *training_page;

  /* owned references */
  gpointer workspace;  /* from r1ci_core_workspace_open, or NULL */
};

G_DEFINE_FINAL_TYPE (R1ciWindow, r1ci_window, GTK_TYPE_APPLICATION_WINDOW)

static void
show_banner (R1ciWindow *self,
             const char *text)
{
  gtk_label_set_text (self->banner_label, text);
  gtk_widget_set_visible (self->banner, TRUE);
}

static void
set_default_subtitle (R1ciWindow *self)
{
  g_autofree char *text = g_strdup_printf ("core %s · no workspace", r1ci_core_version ());
  gtk_label_set_text (self->subtitle_label, text);
}

/* Shows the named page; FALSE when the window has no such page. */
gboolean
r1ci_window_show_page (R1ciWindow *self,
                       const char *name)
{
  g_return_val_if_fail (R1CI_IS_WINDOW (self), FALSE);

  if (gtk_stack_get_child_by_name (self->stack, name) == NULL)
    return FALSE;
  gtk_stack_set_visible_child_name (self->stack, name);
  return TRUE;
}

/* Opens the workspace at path (NULL: the CLI's default, $R1CI_WORKSPACE else
 * ~/.local/share/r1ci) through the core; on failure the window says why. */
gboolean
r1ci_window_open_workspace (R1ciWindow *self,
                            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) info = NULL;

  g_return_val_if_fail (R1CI_IS_WINDOW (self), FALSE);

  g_clear_pointer (&self->workspace, r1ci_core_workspace_close);
  set_default_subtitle (self);

  r1ci_compare_page_set_workspace (self->compare_page, NULL);
  r1ci_training_page_set_workspace (self->training_page, NULL);
  self->workspace = r1ci_core_workspace_open (path, &error);
  if (self->workspace == NULL)
    {
      g_autofree char *text = g_strdup_printf ("Could not open the workspace “%s”: %s",
                                               path != NULL ? path : "(default)", error->message);
      show_banner (self, text);
      return FALSE;
    }
  r1ci_compare_page_set_workspace (self->compare_page, self->workspace);
  r1ci_tasks_page_set_workspace (self->tasks_page, self->workspace);
  r1ci_training_page_set_workspace (self->training_page, self->workspace);

  info = r1ci_core_workspace_info (self->workspace, &error);
  if (info != NULL && JSON_NODE_HOLDS_OBJECT (info))
    {
      JsonObject *object = json_node_get_object (info);
      const char *directory = json_object_has_member (object, "directory")
                              ? json_object_get_string_member (object, "directory") : path;
      g_autofree char *text = g_strdup_printf ("core %s · %s", r1ci_core_version (), directory);
      gtk_label_set_text (self->subtitle_label, text);
    }
  else if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf ("Opened the workspace but could not describe it: %s", error->message);
      show_banner (self, text);
    }
  return TRUE;
}

R1ciTasksPage *
r1ci_window_get_tasks_page (R1ciWindow *self)
{
  g_return_val_if_fail (R1CI_IS_WINDOW (self), NULL);
  return self->tasks_page;
}

R1ciComparePage *
r1ci_window_get_compare_page (R1ciWindow *self)
{
  g_return_val_if_fail (R1CI_IS_WINDOW (self), NULL);
  return self->compare_page;
}

R1ciPlaygroundPage *
r1ci_window_get_playground_page (R1ciWindow *self)
{
  g_return_val_if_fail (R1CI_IS_WINDOW (self), NULL);
  return self->playground_page;
}

R1ciTrainingPage *
r1ci_window_get_training_page (R1ciWindow *self)
{
  g_return_val_if_fail (R1CI_IS_WINDOW (self), NULL);
  return self->training_page;
}

static void
r1ci_window_dispose (GObject *object)
{
  R1ciWindow *self = R1CI_WINDOW (object);

  if (self->compare_page != NULL)
    r1ci_compare_page_set_workspace (self->compare_page, NULL);
  if (self->training_page != NULL)
    r1ci_training_page_set_workspace (self->training_page, NULL);
  g_clear_pointer (&self->workspace, r1ci_core_workspace_close);
  gtk_widget_dispose_template (GTK_WIDGET (self), R1CI_TYPE_WINDOW);

  G_OBJECT_CLASS (r1ci_window_parent_class)->dispose (object);
}

static void
r1ci_window_class_init (R1ciWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = r1ci_window_dispose;

  g_type_ensure (R1CI_TYPE_TASKS_PAGE);
  g_type_ensure (R1CI_TYPE_COMPARE_PAGE);
  g_type_ensure (R1CI_TYPE_PLAYGROUND_PAGE);
  g_type_ensure (R1CI_TYPE_TRAINING_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/r1ci/Studio/r1ci-window.ui");
  gtk_widget_class_bind_template_child (widget_class, R1ciWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, R1ciWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, R1ciWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, R1ciWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, R1ciWindow, tasks_page);
  gtk_widget_class_bind_template_child (widget_class, R1ciWindow, compare_page);
  gtk_widget_class_bind_template_child (widget_class, R1ciWindow, playground_page);
  gtk_widget_class_bind_template_child (widget_class, R1ciWindow, training_page);
}

static void
r1ci_window_init (R1ciWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_default_subtitle (self);
}

R1ciWindow *
r1ci_window_new (GtkApplication *application)
{
  return g_object_new (R1CI_TYPE_WINDOW, "application", application, NULL);
}
