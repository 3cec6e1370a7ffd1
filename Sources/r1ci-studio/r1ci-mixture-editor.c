/* r1ci-mixture-editor.c — the mixture editor on the Tasks page.
 *
 * A name, a seed and a list of rows (task drop-down, level spin, weight spin,
 * remove). Save sends the mixture as JSON to r1ci_mixture_save_json, which
 * checks it; Preview then shows the first PREVIEW_COUNT items of its stream
 * from r1ci_mixture_sample_json. Nothing about mixtures is decided here.
 */

#define G_LOG_DOMAIN "r1ci-mixture-editor"

#include "r1ci-core.h"
#include "r1ci-json.h"
#include "r1ci-mixture-editor.h"
#include "r1ci-task.h"

#define PREVIEW_COUNT 6

struct _R1ciMixtureEditor
{
  GtkWidget parent_instance;

  /* child widgets */
  GtkEntry      *name_entry;
  GtkSpinButton *seed_spin;
  GtkBox        *rows;          /* one GtkBox per entry */
  GtkLabel      *status_label;
  GtkBox        *preview;       /* one GtkLabel per previewed item */

  /* owned references */
  GListModel    *tasks;         /* of R1ciTask */

  /* borrowed */
  gpointer       workspace;
};

G_DEFINE_FINAL_TYPE (R1ciMixtureEditor, r1ci_mixture_editor, GTK_TYPE_WIDGET)

static void
set_status (R1ciMixtureEditor *self,
            const char        *text,
            gboolean           is_error)
{
  gtk_label_set_text (self->status_label, text);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static R1ciTask *
task_at (R1ciMixtureEditor *self,
         guint              position)
{
  if (self->tasks == NULL || position >= g_list_model_get_n_items (self->tasks))
    return NULL;
  return g_list_model_get_item (self->tasks, position);
}

/* ── Rows ───────────────────────────────────────────────────────────────── */

/* A row's widgets, kept on the row box by name. */
#define ROW_TASK "r1ci-task"
#define ROW_LEVEL "r1ci-level"
#define ROW_WEIGHT "r1ci-weight"

/* Keeps the level spin inside the chosen task's levels. */
static void
on_row_task_changed (GtkDropDown *dropdown,
                     GParamSpec  *pspec,
                     gpointer     user_data)
{
  R1ciMixtureEditor *self = user_data;
  GtkWidget *row = gtk_widget_get_parent (GTK_WIDGET (dropdown));
  GtkSpinButton *level = g_object_get_data (G_OBJECT (row), ROW_LEVEL);
  g_autoptr(R1ciTask) task = task_at (self, gtk_drop_down_get_selected (dropdown));
  guint n = task != NULL ? r1ci_task_get_n_levels (task) : 1;

  gtk_spin_button_set_range (level, 0, MAX (n, 1) - 1);
}

static void
on_row_remove_clicked (GtkButton *button,
                       gpointer   user_data)
{
  R1ciMixtureEditor *self = user_data;
  gtk_box_remove (self->rows, gtk_widget_get_parent (GTK_WIDGET (button)));
}

static GtkWidget *
new_row (R1ciMixtureEditor *self,
         guint              task_position,
         int                level,
         double             weight)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr(GtkStringList) ids = gtk_string_list_new (NULL);
  guint n = self->tasks != NULL ? g_list_model_get_n_items (self->tasks) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(R1ciTask) task = g_list_model_get_item (self->tasks, i);
      gtk_string_list_append (ids, r1ci_task_get_id (task));
    }

  GtkWidget *task = gtk_drop_down_new (g_object_ref (G_LIST_MODEL (ids)), NULL);
  gtk_widget_set_hexpand (task, TRUE);
  gtk_widget_set_tooltip_text (task, "Task");
  GtkWidget *level_spin = gtk_spin_button_new_with_range (0, 0, 1);
  gtk_widget_set_tooltip_text (level_spin, "Level");
  GtkWidget *weight_spin = gtk_spin_button_new_with_range (0.1, 1000, 0.5);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (weight_spin), 2);
  gtk_widget_set_tooltip_text (weight_spin, "Weight");
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_tooltip_text (remove, "Remove this entry");

  gtk_box_append (GTK_BOX (row), task);
  gtk_box_append (GTK_BOX (row), gtk_label_new ("level"));
  gtk_box_append (GTK_BOX (row), level_spin);
  gtk_box_append (GTK_BOX (row), gtk_label_new ("weight"));
  gtk_box_append (GTK_BOX (row), weight_spin);
  gtk_box_append (GTK_BOX (row), remove);
  g_object_set_data (G_OBJECT (row), ROW_TASK, task);
  g_object_set_data (G_OBJECT (row), ROW_LEVEL, level_spin);
  g_object_set_data (G_OBJECT (row), ROW_WEIGHT, weight_spin);

  g_signal_connect (task, "notify::selected", G_CALLBACK (on_row_task_changed), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_row_remove_clicked), self);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (task), task_position);
  on_row_task_changed (GTK_DROP_DOWN (task), NULL, self);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (level_spin), level);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (weight_spin), weight);
  return row;
}

static void
on_add_clicked (R1ciMixtureEditor *self)
{
  gtk_box_append (self->rows, new_row (self, 0, 0, 1.0));
}

/* ── Save and preview ───────────────────────────────────────────────────── */

/* The mixture as the core's JSON: {"name", "seed", "entries": [{"task", "level", "weight"}]}. */
static char *
mixture_json (R1ciMixtureEditor *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, (gint64) gtk_spin_button_get_value (self->seed_spin));
  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->rows)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkDropDown *task = g_object_get_data (G_OBJECT (row), ROW_TASK);
      GtkSpinButton *level = g_object_get_data (G_OBJECT (row), ROW_LEVEL);
      GtkSpinButton *weight = g_object_get_data (G_OBJECT (row), ROW_WEIGHT);
      GObject *chosen = gtk_drop_down_get_selected_item (task);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "task");
      json_builder_add_string_value (builder, chosen != NULL ? gtk_string_object_get_string (GTK_STRING_OBJECT (chosen)) : "");
      json_builder_set_member_name (builder, "level");
      json_builder_add_int_value (builder, gtk_spin_button_get_value_as_int (level));
      json_builder_set_member_name (builder, "weight");
      json_builder_add_double_value (builder, gtk_spin_button_get_value (weight));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
clear_preview (R1ciMixtureEditor *self)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview))) != NULL)
    gtk_box_remove (self->preview, child);
}

/* One line per item: "index · task · level L · first line of the question". */
static void
show_preview (R1ciMixtureEditor *self,
              JsonArray         *items)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      JsonObject *item = json_node_get_object (node);
      const char *question = r1ci_json_string (item, "question");
      g_autofree char *first = g_strndup (question, strcspn (question, "\n"));
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT " · %s · level %" G_GINT64_FORMAT " · %s",
                                               r1ci_json_int (item, "index"), r1ci_json_string (item, "task"),
                                               r1ci_json_int (item, "level"), first);
      GtkWidget *label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (self->preview, label);
    }
}

gboolean
r1ci_mixture_editor_save_and_preview (R1ciMixtureEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (R1CI_IS_MIXTURE_EDITOR (self), FALSE);

  clear_preview (self);
  if (self->workspace == NULL)
    {
      set_status (self, "Open a workspace (--workspace DIR) to save mixtures.", TRUE);
      return FALSE;
    }
  g_autofree char *json = mixture_json (self);
  if (!r1ci_core_mixture_save (self->workspace, json, &error))
    {
      g_autofree char *text = g_strdup_printf ("Could not save the mixture: %s", error->message);
      set_status (self, text, TRUE);
      return FALSE;
    }
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  g_autoptr(JsonNode) items = r1ci_core_mixture_sample (self->workspace, name, 0, PREVIEW_COUNT, &error);
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      g_autofree char *text = g_strdup_printf ("Saved, but could not sample it: %s",
                                               error != NULL ? error->message : "the core returned no array");
      set_status (self, text, TRUE);
      return FALSE;
    }
  g_autofree char *text = g_strdup_printf ("Saved mixture “%s”. Its first %d items:", name, PREVIEW_COUNT);
  set_status (self, text, FALSE);
  show_preview (self, json_node_get_array (items));
  return TRUE;
}

static void
on_save_clicked (R1ciMixtureEditor *self)
{
  r1ci_mixture_editor_save_and_preview (self);
}

/* ── Public API ─────────────────────────────────────────────────────────── */

void
r1ci_mixture_editor_set_tasks (R1ciMixtureEditor *self,
                               GListModel        *tasks)
{
  g_return_if_fail (R1CI_IS_MIXTURE_EDITOR (self));
  g_set_object (&self->tasks, tasks);
}

void
r1ci_mixture_editor_set_workspace (R1ciMixtureEditor *self,
                                   gpointer           workspace)
{
  g_return_if_fail (R1CI_IS_MIXTURE_EDITOR (self));
  self->workspace = workspace;
}

void
r1ci_mixture_editor_set_name (R1ciMixtureEditor *self,
                              const char        *name)
{
  g_return_if_fail (R1CI_IS_MIXTURE_EDITOR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name);
}

gboolean
r1ci_mixture_editor_add_entry (R1ciMixtureEditor *self,
                               const char        *task_id,
                               int                level,
                               double             weight)
{
  g_return_val_if_fail (R1CI_IS_MIXTURE_EDITOR (self), FALSE);

  guint n = self->tasks != NULL ? g_list_model_get_n_items (self->tasks) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(R1ciTask) task = g_list_model_get_item (self->tasks, i);
      if (g_strcmp0 (r1ci_task_get_id (task), task_id) == 0)
        {
          gtk_box_append (self->rows, new_row (self, i, level, weight));
          return TRUE;
        }
    }
  g_autofree char *text = g_strdup_printf ("No task “%s” in the catalogue.", task_id);
  set_status (self, text, TRUE);
  return FALSE;
}

/* ── GObject ────────────────────────────────────────────────────────────── */

static void
r1ci_mixture_editor_dispose (GObject *object)
{
  R1ciMixtureEditor *self = R1CI_MIXTURE_EDITOR (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->tasks);
  G_OBJECT_CLASS (r1ci_mixture_editor_parent_class)->dispose (object);
}

static void
r1ci_mixture_editor_class_init (R1ciMixtureEditorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = r1ci_mixture_editor_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static GtkWidget *
field_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_widget_add_css_class (label, "field-label");
  return label;
}

static void
r1ci_mixture_editor_init (R1ciMixtureEditor *self)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  gtk_widget_set_margin_start (column, 18);
  gtk_widget_set_margin_end (column, 18);
  gtk_widget_set_margin_top (column, 14);
  gtk_widget_set_margin_bottom (column, 14);
  gtk_widget_set_parent (column, GTK_WIDGET (self));

  GtkWidget *title = gtk_label_new ("Mixture");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "section-title");
  gtk_box_append (GTK_BOX (column), title);

  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->name_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->name_entry, "mixture name");
  gtk_widget_set_hexpand (GTK_WIDGET (self->name_entry), TRUE);
  self->seed_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 9007199254740991.0, 1));
  gtk_box_append (GTK_BOX (header), field_label ("Name"));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->name_entry));
  gtk_box_append (GTK_BOX (header), field_label ("Seed"));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->seed_spin));
  gtk_box_append (GTK_BOX (column), header);

  self->rows = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->rows));

  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *add = gtk_button_new_with_label ("Add entry");
  GtkWidget *save = gtk_button_new_with_label ("Save and preview");
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_clicked), self);
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (on_save_clicked), self);
  gtk_box_append (GTK_BOX (buttons), add);
  gtk_box_append (GTK_BOX (buttons), save);
  gtk_box_append (GTK_BOX (column), buttons);

  self->status_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->status_label, 0);
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_selectable (self->status_label, TRUE);
  gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->status_label));

  self->preview = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->preview));
}

GtkWidget *
r1ci_mixture_editor_new (void)
{
  return g_object_new (R1CI_TYPE_MIXTURE_EDITOR, NULL);
}
