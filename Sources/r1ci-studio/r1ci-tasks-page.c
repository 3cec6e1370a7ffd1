/* r1ci-tasks-page.c — the Tasks page.
 *
 * The catalogue comes from r1ci_tasks_list_json once; items from
 * r1ci_task_generate_json whenever the task, level, seed or index changes;
 * verdicts from r1ci_task_check_json; oracle runs through the oracle panel
 * (r1ci_task_run_oracle_json). Filtering the list by text, source,
 * category and split is the only thing decided here.
 *
 * The task library's workspace side: Import… reads a file through
 * r1ci_task_import (errors shown in the page, naming the file and line); the
 * level slider moves the level drop-down, so the item regenerates at each
 * level; the mixture editor (r1ci-mixture-editor.c) takes the detail pane.
 */

#define G_LOG_DOMAIN "r1ci-tasks-page"

#include "r1ci-core.h"
#include "r1ci-json.h"
#include "r1ci-mixture-editor.h"
#include "r1ci-oracle-panel.h"
#include "r1ci-task.h"
#include "r1ci-tasks-page.h"
#include "r1ci-verdict-view.h"

struct _R1ciTasksPage
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkWidget      *error_bar;
  GtkLabel       *error_label;
  GtkLabel       *count_label;
  GtkSearchEntry *search_entry;
  GtkDropDown    *source_dropdown;
  GtkDropDown    *category_dropdown;
  GtkDropDown    *split_dropdown;
  GtkDropDown    *import_kind_dropdown;
  GtkToggleButton *mixture_toggle;
  GtkScale       *level_scale;
  R1ciMixtureEditor *mixture_editor;
  GtkStack       *list_stack;
  GtkListView    *list_view;
  GtkStack       *detail_stack;
  GtkLabel       *title_label;
  GtkLabel       *id_label;
  GtkLabel       *source_label;
  GtkLabel       *category_label;
  GtkLabel       *split_label;
  GtkLabel       *description_label;
  GtkDropDown    *level_dropdown;
  GtkSpinButton  *seed_spin;
  GtkSpinButton  *index_spin;
  GtkLabel       *difficulty_label;
  GtkLabel       *question_label;
  GtkEntry       *answer_entry;
  GtkButton      *check_button;
  R1ciVerdictView *verdict_view;
  GtkLabel       *gold_label;
  R1ciOraclePanel *oracle_panel;

  /* borrowed references */
  gpointer            workspace;     /* the window's open workspace, or NULL */

  /* owned references */
  GListStore         *tasks;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  R1ciTask           *current;       /* the task shown on the right, or NULL */
  char               *search_text;   /* casefolded */

  /* state */
  guint updating : 1;                 /* set while controls are filled in code */
};

G_DEFINE_FINAL_TYPE (R1ciTasksPage, r1ci_tasks_page, GTK_TYPE_WIDGET)

static const char *ALL_SOURCES = "All sources";
static const char *ALL_CATEGORIES = "All categories";
static const char *ALL_SPLITS = "All splits";

/* ── Errors ─────────────────────────────────────────────────────────────── */

static void
show_error (R1ciTasksPage *self,
            const char    *context,
            const GError  *error)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", context, error->message);
  gtk_label_set_text (self->error_label, text);
  gtk_widget_set_visible (self->error_bar, TRUE);
}

static void
show_error_text (R1ciTasksPage *self,
                 const char    *text)
{
  gtk_label_set_text (self->error_label, text);
  gtk_widget_set_visible (self->error_bar, TRUE);
}

static void
clear_error (R1ciTasksPage *self)
{
  gtk_widget_set_visible (self->error_bar, FALSE);
  gtk_label_set_text (self->error_label, "");
}

/* ── The item ───────────────────────────────────────────────────────────── */

static guint64
current_seed (R1ciTasksPage *self)
{
  return (guint64) gtk_spin_button_get_value (self->seed_spin);
}

static guint64
current_index (R1ciTasksPage *self)
{
  return (guint64) gtk_spin_button_get_value (self->index_spin);
}

static int
current_level (R1ciTasksPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->level_dropdown);
  return selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected;
}

static void
clear_item (R1ciTasksPage *self)
{
  gtk_label_set_text (self->question_label, "");
  gtk_label_set_text (self->gold_label, "");
  gtk_label_set_text (self->difficulty_label, "");
  r1ci_oracle_panel_set_item (self->oracle_panel, NULL, 0, 0, 0, "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->check_button), FALSE);
  r1ci_verdict_view_clear (self->verdict_view);
}

/* Asks the core for the item the controls describe and shows it. */
static void
regenerate (R1ciTasksPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (self->current == NULL)
    return;

  clear_item (self);
  root = r1ci_core_task_generate (r1ci_task_get_id (self->current), current_seed (self),
                                  current_level (self), current_index (self), &error);
  if (root == NULL)
    {
      show_error (self, "Could not generate the item", error);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      show_error_text (self, "Could not generate the item: the core returned no object");
      return;
    }
  clear_error (self);

  JsonObject *item = json_node_get_object (root);
  g_autofree char *difficulty = g_strdup_printf ("difficulty %.2f", r1ci_json_double (item, "difficulty"));

  gtk_label_set_text (self->question_label, r1ci_json_string (item, "question"));
  gtk_label_set_text (self->gold_label, r1ci_json_string (item, "gold"));
  gtk_label_set_text (self->difficulty_label, difficulty);
  r1ci_oracle_panel_set_item (self->oracle_panel, r1ci_task_get_id (self->current), current_seed (self),
                              current_level (self), current_index (self), r1ci_json_string (item, "oracle"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->check_button), TRUE);
}

/* Puts the slider's range and value in step with the level drop-down. */
static void
sync_level_scale (R1ciTasksPage *self)
{
  guint n = self->current != NULL ? r1ci_task_get_n_levels (self->current) : 1;
  int level = current_level (self);
  GtkAdjustment *adjustment = gtk_range_get_adjustment (GTK_RANGE (self->level_scale));
  gboolean was_updating = self->updating;

  self->updating = TRUE;
  gtk_adjustment_set_upper (adjustment, MAX (n, 1) - 1);
  gtk_scale_clear_marks (self->level_scale);
  for (guint i = 0; i < n; i++)
    gtk_scale_add_mark (self->level_scale, i, GTK_POS_BOTTOM,
                        self->current != NULL ? r1ci_task_get_level_name (self->current, i) : NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->level_scale), n > 1);
  gtk_range_set_value (GTK_RANGE (self->level_scale), level < 0 ? 0 : level);
  self->updating = was_updating;
}

/* Fills the right-hand side for task (NULL: nothing selected). */
static void
show_task (R1ciTasksPage *self,
           R1ciTask      *task)
{
  if (task == self->current)
    return;

  g_set_object (&self->current, task);
  gtk_editable_set_text (GTK_EDITABLE (self->answer_entry), "");

  if (task == NULL)
    {
      if (!gtk_toggle_button_get_active (self->mixture_toggle))
        gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  self->updating = TRUE;

  gtk_label_set_text (self->title_label, r1ci_task_get_title (task));
  gtk_label_set_text (self->id_label, r1ci_task_get_id (task));
  gtk_label_set_text (self->source_label, r1ci_task_get_source (task));
  gtk_label_set_text (self->category_label, r1ci_task_get_category (task));
  gtk_label_set_text (self->split_label, r1ci_task_get_split (task));
  gtk_label_set_text (self->description_label, r1ci_task_get_description (task));

  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);
  for (guint i = 0; i < r1ci_task_get_n_levels (task); i++)
    {
      g_autofree char *text = r1ci_task_describe_level (task, i);
      gtk_string_list_append (levels, text);
    }
  gtk_drop_down_set_model (self->level_dropdown, G_LIST_MODEL (levels));
  int level = r1ci_task_get_default_level (task);
  if (level >= 0 && (guint) level < r1ci_task_get_n_levels (task))
    gtk_drop_down_set_selected (self->level_dropdown, (guint) level);
  sync_level_scale (self);

  g_autofree char *knobs = r1ci_task_describe_knobs (task);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->level_dropdown), knobs);

  self->updating = FALSE;

  if (!gtk_toggle_button_get_active (self->mixture_toggle))
    gtk_stack_set_visible_child_name (self->detail_stack, "task");
  regenerate (self);
}

static void
on_selection_changed (R1ciTasksPage *self)
{
  show_task (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
on_item_changed (R1ciTasksPage *self)
{
  if (self->updating)
    return;
  sync_level_scale (self);
  regenerate (self);
}

/* The slider picks the level in the drop-down, which regenerates the item. */
static void
on_level_scale_changed (R1ciTasksPage *self)
{
  if (self->updating || self->current == NULL)
    return;
  guint level = (guint) (gtk_range_get_value (GTK_RANGE (self->level_scale)) + 0.5);
  if (level != gtk_drop_down_get_selected (self->level_dropdown))
    gtk_drop_down_set_selected (self->level_dropdown, level);
}

/* A fresh seed for browsing; below 10^6 so it stays easy to read and retype. */
static void
on_random_seed_clicked (R1ciTasksPage *self)
{
  gtk_spin_button_set_value (self->seed_spin, (double) g_random_int_range (0, 1000000));
}

static void
on_answer_changed (R1ciTasksPage *self)
{
  r1ci_verdict_view_clear (self->verdict_view);
}

static void
on_check_clicked (R1ciTasksPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *answer = gtk_editable_get_text (GTK_EDITABLE (self->answer_entry));

  if (self->current == NULL || !gtk_widget_get_sensitive (GTK_WIDGET (self->check_button)))
    return;

  root = r1ci_core_task_check (r1ci_task_get_id (self->current), current_seed (self),
                               current_level (self), current_index (self), answer, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      r1ci_verdict_view_clear (self->verdict_view);
      if (error != NULL)
        show_error (self, "Could not check the answer", error);
      else
        show_error_text (self, "Could not check the answer: the core returned no object");
      return;
    }
  clear_error (self);

  r1ci_verdict_view_show (self->verdict_view, json_node_get_object (root));
}

/* ── The catalogue ──────────────────────────────────────────────────────── */

/* The drop-down's chosen value, or NULL when its first ("All …") row is chosen. */
static const char *
dropdown_value (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  GListModel *model = gtk_drop_down_get_model (dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || model == NULL)
    return NULL;
  return gtk_string_list_get_string (GTK_STRING_LIST (model), selected);
}

static gboolean
filter_task (gpointer item,
             gpointer user_data)
{
  R1ciTasksPage *self = user_data;
  R1ciTask *task = item;
  const char *source = dropdown_value (self->source_dropdown);
  const char *category = dropdown_value (self->category_dropdown);
  const char *split = dropdown_value (self->split_dropdown);

  return (source == NULL || g_strcmp0 (source, r1ci_task_get_source (task)) == 0)
      && (category == NULL || g_strcmp0 (category, r1ci_task_get_category (task)) == 0)
      && (split == NULL || g_strcmp0 (split, r1ci_task_get_split (task)) == 0)
      && r1ci_task_matches_text (task, self->search_text);
}

static void
update_count (R1ciTasksPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));
  g_autofree char *text = shown == total
                          ? g_strdup_printf (total == 1 ? "%u task" : "%u tasks", total)
                          : g_strdup_printf ("%u of %u", shown, total);

  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 || total == 0 ? "list" : "empty");
}

static void
on_filter_changed (R1ciTasksPage *self)
{
  if (self->filter == NULL)
    return;

  g_free (self->search_text);
  self->search_text = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* A drop-down of "All …" followed by the distinct values of one field, sorted. */
static void
fill_dropdown (R1ciTasksPage *self,
               GtkDropDown   *dropdown,
               const char    *all,
               const char *(*field) (R1ciTask *))
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(R1ciTask) task = g_list_model_get_item (G_LIST_MODEL (self->tasks), i);
      const char *value = field (task);
      gboolean seen = FALSE;
      for (guint j = 0; j < values->len && !seen; j++)
        seen = g_strcmp0 (g_ptr_array_index (values, j), value) == 0;
      if (!seen && value[0] != '\0')
        g_ptr_array_add (values, (gpointer) value);
    }
  g_ptr_array_sort (values, compare_strings);

  g_autoptr(GtkStringList) model = gtk_string_list_new ((const char * const[]) { all, NULL });
  for (guint j = 0; j < values->len; j++)
    gtk_string_list_append (model, g_ptr_array_index (values, j));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, 0);
}

static void
load_catalogue (R1ciTasksPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = r1ci_core_tasks_list (&error);

  if (root == NULL)
    {
      show_error (self, "Could not load the task catalogue", error);
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      show_error_text (self, "Could not load the task catalogue: the core returned no array");
      return;
    }

  JsonArray *array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      g_autoptr(R1ciTask) task = r1ci_task_new_from_json (json_node_get_object (node));
      g_list_store_append (self->tasks, task);
    }
}

/* Reads the catalogue again (after an import or a workspace opened) and
 * selects `select_id` when given. */
static void
reload_catalogue (R1ciTasksPage *self,
                  const char    *select_id)
{
  g_autofree char *keep = g_strdup (select_id != NULL ? select_id
                                    : self->current != NULL ? r1ci_task_get_id (self->current) : NULL);

  g_list_store_remove_all (self->tasks);
  g_clear_object (&self->current);
  load_catalogue (self);
  fill_dropdown (self, self->source_dropdown, ALL_SOURCES, r1ci_task_get_source);
  fill_dropdown (self, self->category_dropdown, ALL_CATEGORIES, r1ci_task_get_category);
  fill_dropdown (self, self->split_dropdown, ALL_SPLITS, r1ci_task_get_split);
  if (keep != NULL)
    r1ci_tasks_page_select_task (self, keep);
}

/* ── Import ─────────────────────────────────────────────────────────────── */

static const char *
import_kind (R1ciTasksPage *self)
{
  GObject *chosen = gtk_drop_down_get_selected_item (self->import_kind_dropdown);
  return chosen != NULL ? gtk_string_object_get_string (GTK_STRING_OBJECT (chosen)) : "bbh";
}

/* The file chooser's answer (GTK 4.8 has no GtkFileDialog: a native chooser). */
static void
on_import_response (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  R1ciTasksPage *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      if (path != NULL)
        r1ci_tasks_page_import (self, import_kind (self), path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
on_import_clicked (R1ciTasksPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  const char *kind = import_kind (self);
  gboolean folder = g_str_equal (kind, "symbench");
  g_autofree char *title = folder ? g_strdup ("Import a SymBench folder (sample_*/question.txt + solution.json)")
                                  : g_strdup_printf ("Import a %s file", kind);
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (
      title, parent, folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN,
      "_Import", "_Cancel");

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_import_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Imports `path` as `kind` into the workspace and selects the new task; a bad
 * file is reported in the page (the core names the file and the line). */
gboolean
r1ci_tasks_page_import (R1ciTasksPage *self,
                        const char    *kind,
                        const char    *path)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (R1CI_IS_TASKS_PAGE (self), FALSE);

  if (self->workspace == NULL)
    {
      show_error_text (self, "Could not import: no workspace is open (start with --workspace DIR).");
      return FALSE;
    }
  g_autoptr(JsonNode) summary = r1ci_core_task_import (self->workspace, kind, path, NULL, &error);
  if (summary == NULL || !JSON_NODE_HOLDS_OBJECT (summary))
    {
      if (error != NULL)
        show_error (self, "Could not import", error);
      else
        show_error_text (self, "Could not import: the core returned no object");
      return FALSE;
    }
  reload_catalogue (self, r1ci_json_string (json_node_get_object (summary), "id"));
  return TRUE;
}

/* ── Mixture editor ─────────────────────────────────────────────────────── */

static void
on_mixture_toggled (R1ciTasksPage *self)
{
  gboolean active = gtk_toggle_button_get_active (self->mixture_toggle);
  gtk_stack_set_visible_child_name (self->detail_stack,
                                    active ? "mixture" : self->current != NULL ? "task" : "none");
}

R1ciMixtureEditor *
r1ci_tasks_page_show_mixture_editor (R1ciTasksPage *self)
{
  g_return_val_if_fail (R1CI_IS_TASKS_PAGE (self), NULL);
  gtk_toggle_button_set_active (self->mixture_toggle, TRUE);
  return self->mixture_editor;
}

/* ── Public API (start-up options and tests) ────────────────────────────── */

/* Lends the page the window's workspace: imports and mixtures go there, and
 * its imported tasks (registered by the core when it opened) join the catalogue. */
void
r1ci_tasks_page_set_workspace (R1ciTasksPage *self,
                               gpointer       workspace)
{
  g_return_if_fail (R1CI_IS_TASKS_PAGE (self));
  self->workspace = workspace;
  r1ci_mixture_editor_set_workspace (self->mixture_editor, workspace);
  reload_catalogue (self, NULL);
}

/* Moves the level slider to `level` (as dragging it would). */
void
r1ci_tasks_page_slide_level (R1ciTasksPage *self,
                             int            level)
{
  g_return_if_fail (R1CI_IS_TASKS_PAGE (self));
  gtk_range_set_value (GTK_RANGE (self->level_scale), level);
}


/* Brings a catalogue row into view once the list has been laid out (a list
 * that has no size yet cannot scroll). */
static gboolean
scroll_list_when_laid_out (GtkWidget     *list,
                           GdkFrameClock *clock,
                           gpointer       user_data)
{
  if (gtk_widget_get_height (list) == 0)
    return G_SOURCE_CONTINUE;
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", GPOINTER_TO_UINT (user_data));
  return G_SOURCE_REMOVE;
}

static void
scroll_list_to (R1ciTasksPage *self,
                guint          position)
{
  if (gtk_widget_get_height (GTK_WIDGET (self->list_view)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  else
    gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), scroll_list_when_laid_out,
                                  GUINT_TO_POINTER (position), NULL);
}

/* Clears the filters and selects the task; shows an error when it is not in the catalogue. */
gboolean
r1ci_tasks_page_select_task (R1ciTasksPage *self,
                             const char    *task_id)
{
  g_return_val_if_fail (R1CI_IS_TASKS_PAGE (self), FALSE);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->source_dropdown, 0);
  gtk_drop_down_set_selected (self->category_dropdown, 0);
  gtk_drop_down_set_selected (self->split_dropdown, 0);
  on_filter_changed (self);

  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(R1ciTask) task = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);
      if (g_strcmp0 (r1ci_task_get_id (task), task_id) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          scroll_list_to (self, i);
          show_task (self, task);
          return TRUE;
        }
    }

  g_autofree char *text = g_strdup_printf ("No task “%s” in the catalogue.", task_id);
  show_error_text (self, text);
  return FALSE;
}

/* Chooses a level of the shown task by name or index; shows an error when there is none. */
gboolean
r1ci_tasks_page_set_level (R1ciTasksPage *self,
                           const char    *name_or_number)
{
  g_return_val_if_fail (R1CI_IS_TASKS_PAGE (self), FALSE);

  if (self->current == NULL)
    return FALSE;

  int level = r1ci_task_find_level (self->current, name_or_number);
  if (level < 0 || (guint) level >= r1ci_task_get_n_levels (self->current))
    {
      g_autofree char *text = g_strdup_printf ("Task “%s” has no level “%s” (it has %u).",
                                               r1ci_task_get_id (self->current), name_or_number,
                                               r1ci_task_get_n_levels (self->current));
      show_error_text (self, text);
      return FALSE;
    }
  gtk_drop_down_set_selected (self->level_dropdown, (guint) level);
  return TRUE;
}

void
r1ci_tasks_page_set_seed (R1ciTasksPage *self,
                          guint64        seed)
{
  g_return_if_fail (R1CI_IS_TASKS_PAGE (self));
  gtk_spin_button_set_value (self->seed_spin, (double) seed);
}

void
r1ci_tasks_page_set_index (R1ciTasksPage *self,
                           guint64        index)
{
  g_return_if_fail (R1CI_IS_TASKS_PAGE (self));
  gtk_spin_button_set_value (self->index_spin, (double) index);
}

/* Types answer into the answer box and presses Check. */
void
r1ci_tasks_page_check (R1ciTasksPage *self,
                       const char    *answer)
{
  g_return_if_fail (R1CI_IS_TASKS_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->answer_entry), answer);
  on_check_clicked (self);
}

/* The oracle panel, for the test option that presses Run oracle. */
R1ciOraclePanel *
r1ci_tasks_page_get_oracle_panel (R1ciTasksPage *self)
{
  g_return_val_if_fail (R1CI_IS_TASKS_PAGE (self), NULL);
  return self->oracle_panel;
}

/* ── GObject ────────────────────────────────────────────────────────────── */

static void
r1ci_tasks_page_dispose (GObject *object)
{
  R1ciTasksPage *self = R1CI_TASKS_PAGE (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), R1CI_TYPE_TASKS_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  self->filter = NULL;  /* owned by filtered */
  g_clear_object (&self->tasks);
  g_clear_object (&self->current);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (r1ci_tasks_page_parent_class)->dispose (object);
}

static void
r1ci_tasks_page_class_init (R1ciTasksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = r1ci_tasks_page_dispose;

  g_type_ensure (R1CI_TYPE_TASK);
  g_type_ensure (R1CI_TYPE_VERDICT_VIEW);
  g_type_ensure (R1CI_TYPE_ORACLE_PANEL);
  g_type_ensure (R1CI_TYPE_MIXTURE_EDITOR);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/r1ci/Studio/r1ci-tasks-page.ui");

#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, R1ciTasksPage, name)
  CHILD (error_bar);
  CHILD (error_label);
  CHILD (count_label);
  CHILD (search_entry);
  CHILD (source_dropdown);
  CHILD (category_dropdown);
  CHILD (split_dropdown);
  CHILD (import_kind_dropdown);
  CHILD (mixture_toggle);
  CHILD (level_scale);
  CHILD (mixture_editor);
  CHILD (list_stack);
  CHILD (list_view);
  CHILD (detail_stack);
  CHILD (title_label);
  CHILD (id_label);
  CHILD (source_label);
  CHILD (category_label);
  CHILD (split_label);
  CHILD (description_label);
  CHILD (level_dropdown);
  CHILD (seed_spin);
  CHILD (index_spin);
  CHILD (difficulty_label);
  CHILD (question_label);
  CHILD (answer_entry);
  CHILD (check_button);
  CHILD (verdict_view);
  CHILD (gold_label);
  CHILD (oracle_panel);
#undef CHILD

  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_item_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_answer_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_random_seed_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_check_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_level_scale_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_mixture_toggled);
}

static void
r1ci_tasks_page_init (R1ciTasksPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Typing anywhere on the page that is not an entry starts a search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  self->tasks = g_list_store_new (R1CI_TYPE_TASK);
  load_catalogue (self);
  r1ci_mixture_editor_set_tasks (self->mixture_editor, G_LIST_MODEL (self->tasks));

  fill_dropdown (self, self->source_dropdown, ALL_SOURCES, r1ci_task_get_source);
  fill_dropdown (self, self->category_dropdown, ALL_CATEGORIES, r1ci_task_get_category);
  fill_dropdown (self, self->split_dropdown, ALL_SPLITS, r1ci_task_get_split);

  self->filter = gtk_custom_filter_new (filter_task, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->tasks)),
                                              GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);

  update_count (self);
  on_selection_changed (self);
}

GtkWidget *
r1ci_tasks_page_new (void)
{
  return g_object_new (R1CI_TYPE_TASKS_PAGE, NULL);
}
