/* r1ci-run-rollouts.c — the Rollouts view of the Training page, built in code.
 *
 * r1ci_run_rollouts_json gives the steps with rollouts and one step's groups;
 * each sample becomes a row (its group's task copied in) of a column view;
 * the selected row's trace comes from r1ci_trace_json. */

#define G_LOG_DOMAIN "r1ci-run-rollouts"

#include "r1ci-core.h"
#include "r1ci-json.h"
#include "r1ci-json-row.h"
#include "r1ci-run-rollouts.h"
#include "r1ci-trace-view.h"

struct _R1ciRunRollouts
{
  GtkWidget parent_instance;

  /* children */
  GtkWidget     *box;
  GtkDropDown   *step_dropdown;
  GtkLabel      *summary_label;
  GtkStack      *stack;         /* "message" or "rollouts" */
  GtkLabel      *message_label;
  GtkColumnView *table;
  GtkLabel      *question_label;
  R1ciTraceView *trace_view;

  /* borrowed */
  gpointer workspace;

  /* owned */
  GArray             *steps;    /* gint64, ascending */
  GListStore         *samples;  /* R1ciJsonRow per sample */
  GtkSingleSelection *selection;

  /* state */
  gint64   run_id;
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (R1ciRunRollouts, r1ci_run_rollouts, GTK_TYPE_WIDGET)

/* ── Table ──────────────────────────────────────────────────────────────── */

typedef enum { CELL_SAMPLE, CELL_INT, CELL_TEXT, CELL_REWARD, CELL_ADVANTAGE, CELL_BOOL, CELL_ANSWER } CellKind;

typedef struct
{
  const char *title;
  const char *member;
  CellKind    kind;
} Column;

/* How each sample ended ("end") is in its trace, under the table. */
static const Column COLUMNS[] = {
  { "#",         "sample",           CELL_SAMPLE },  /* group.sample, from 1 */
  { "Task",      "task",             CELL_TEXT },
  { "Reward",    "reward",           CELL_REWARD },
  { "Adv.",      "advantage",        CELL_ADVANTAGE },
  { "Correct",   "correct",          CELL_BOOL },
  { "Turns",     "turns",            CELL_INT },
  { "Code",      "code_calls",       CELL_INT },
  { "Tokens",    "generated_tokens", CELL_INT },
  { "Answer",    "answer",           CELL_ANSWER },
};

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  const Column *column = user_data;
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column->kind == CELL_TEXT || column->kind == CELL_ANSWER ? 0 : 1);
  if (column->kind == CELL_ANSWER)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  const Column *column = user_data;
  GtkWidget *label = gtk_list_item_get_child (item);
  JsonObject *row = r1ci_json_row_get_object (gtk_list_item_get_item (item));
  g_autofree char *text = NULL;
  const char *css = NULL;

  switch (column->kind)
    {
    case CELL_SAMPLE:
      text = g_strdup_printf ("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT, r1ci_json_int (row, "group"),
                              r1ci_json_int (row, "sample"));
      break;
    case CELL_INT:
      text = g_strdup_printf ("%" G_GINT64_FORMAT, r1ci_json_int (row, column->member));
      break;
    case CELL_TEXT:
      text = g_strdup (r1ci_json_string (row, column->member));
      break;
    case CELL_REWARD:
      text = g_strdup_printf ("%.3f", r1ci_json_double (row, column->member));
      break;
    case CELL_ADVANTAGE:
      {
        double advantage = r1ci_json_double (row, column->member);
        text = g_strdup_printf ("%+.3f", advantage);
        css = advantage > 0 ? "delta-up" : advantage < 0 ? "delta-down" : NULL;
        break;
      }
    case CELL_BOOL:
      text = g_strdup (r1ci_json_boolean (row, column->member) ? "yes" : "no");
      css = r1ci_json_boolean (row, column->member) ? "delta-up" : "delta-down";
      break;
    case CELL_ANSWER:
      {
        const char *answer = r1ci_json_string (row, column->member);
        text = g_strdup (answer[0] != '\0' ? answer : "—");
        break;
      }
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_css_classes (label, (const char *[]) { column->kind == CELL_TEXT || column->kind == CELL_ANSWER
                                                        ? "task-cell" : "numeric", css, NULL });
}

/* ── Loading ────────────────────────────────────────────────────────────── */

static void
show_message (R1ciRunRollouts *self,
              const char      *message)
{
  gtk_label_set_text (self->message_label, message);
  gtk_stack_set_visible_child_name (self->stack, "message");
}

/* One row per sample, with its group's number, task, seed and level. */
static void
fill_samples (R1ciRunRollouts *self,
              JsonArray       *groups,
              guint           *n_correct,
              double          *reward_sum)
{
  for (guint g = 0; groups != NULL && g < json_array_get_length (groups); g++)
    {
      JsonObject *group = json_array_get_object_element (groups, g);
      JsonArray *samples = r1ci_json_array (group, "samples");
      for (guint s = 0; samples != NULL && s < json_array_get_length (samples); s++)
        {
          JsonObject *sample = json_array_get_object_element (samples, s);
          g_autoptr(JsonObject) row = json_object_new ();
          JsonObjectIter iter;
          const char *name;
          JsonNode *node;
          json_object_iter_init (&iter, sample);
          while (json_object_iter_next (&iter, &name, &node))
            json_object_set_member (row, name, json_node_copy (node));
          json_object_set_int_member (row, "group", g + 1);
          json_object_set_int_member (row, "sample", s + 1);
          json_object_set_string_member (row, "task", r1ci_json_string (group, "task"));
          json_object_set_string_member (row, "question", r1ci_json_string (group, "question"));
          json_object_set_int_member (row, "seed", r1ci_json_int (group, "seed"));
          json_object_set_int_member (row, "level", r1ci_json_int (group, "level"));
          g_autoptr(R1ciJsonRow) item = r1ci_json_row_new (row);
          g_list_store_append (self->samples, item);
          *n_correct += r1ci_json_boolean (sample, "correct") ? 1 : 0;
          *reward_sum += r1ci_json_double (sample, "reward");
        }
    }
}

static void
on_sample_selected (R1ciRunRollouts *self)
{
  R1ciJsonRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GError) error = NULL;

  if (self->updating)
    return;
  if (row == NULL)
    {
      gtk_label_set_text (self->question_label, "");
      r1ci_trace_view_show_message (self->trace_view, "Select a sample to read its trace.");
      return;
    }
  JsonObject *sample = r1ci_json_row_get_object (row);
  g_autofree char *badge = g_strdup_printf ("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT,
                                            r1ci_json_int (sample, "group"), r1ci_json_int (sample, "sample"));
  g_autofree char *title = g_strdup_printf ("group %" G_GINT64_FORMAT " · sample %" G_GINT64_FORMAT " · %s",
                                            r1ci_json_int (sample, "group"), r1ci_json_int (sample, "sample"),
                                            r1ci_json_string (sample, "task"));
  gtk_label_set_text (self->question_label, r1ci_json_string (sample, "question"));
  r1ci_trace_view_set_heading (self->trace_view, badge, title);
  g_autoptr(JsonNode) trace = r1ci_core_trace (self->workspace, r1ci_json_int (sample, "trace_id"), &error);
  if (trace == NULL || !JSON_NODE_HOLDS_OBJECT (trace))
    {
      g_autofree char *text = g_strdup_printf ("Could not read the trace: %s",
                                               error != NULL ? error->message : "not an object");
      r1ci_trace_view_show_message (self->trace_view, text);
      return;
    }
  r1ci_trace_view_show (self->trace_view, json_node_get_object (trace));
}

/* Loads `step` (-1: the latest) of the run: the step list, then its groups. */
static gboolean
load_step (R1ciRunRollouts *self,
           gint64           step)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  self->updating = TRUE;
  g_list_store_remove_all (self->samples);
  g_array_set_size (self->steps, 0);
  gtk_drop_down_set_model (self->step_dropdown, NULL);
  gtk_label_set_text (self->summary_label, "");
  self->updating = FALSE;

  if (self->workspace == NULL || self->run_id <= 0)
    {
      show_message (self, "Select a GRPO or PPO run on the left to read the rollouts of its steps.");
      return FALSE;
    }
  node = r1ci_core_run_rollouts (self->workspace, self->run_id, step, &error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *text = g_strdup_printf ("Could not read the rollouts of run %" G_GINT64_FORMAT ": %s",
                                               self->run_id, error != NULL ? error->message : "not an object");
      show_message (self, text);
      return FALSE;
    }

  JsonObject *rollouts = json_node_get_object (node);
  JsonArray *steps = r1ci_json_array (rollouts, "steps");
  guint n_steps = steps != NULL ? json_array_get_length (steps) : 0;
  if (n_steps == 0)
    {
      g_autofree char *text = g_strdup_printf ("Run %" G_GINT64_FORMAT " has no rollouts yet. GRPO and PPO runs "
                                               "record every step's groups as they train; SFT runs have none.",
                                               self->run_id);
      show_message (self, text);
      return FALSE;
    }

  gint64 shown = r1ci_json_int (rollouts, "step");
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;
  for (guint i = 0; i < n_steps; i++)
    {
      gint64 s = json_array_get_int_element (steps, i);
      g_autofree char *label = g_strdup_printf ("step %" G_GINT64_FORMAT, s);
      g_array_append_val (self->steps, s);
      gtk_string_list_append (labels, label);
      if (s == shown)
        selected = i;
    }

  guint n_correct = 0;
  double reward_sum = 0;
  self->updating = TRUE;
  gtk_drop_down_set_model (self->step_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->step_dropdown, selected);
  JsonArray *groups = r1ci_json_array (rollouts, "groups");
  fill_samples (self, groups, &n_correct, &reward_sum);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->samples));
  if (n > 0)
    gtk_single_selection_set_selected (self->selection, 0);
  self->updating = FALSE;

  guint n_groups = groups != NULL ? json_array_get_length (groups) : 0;
  g_autofree char *summary =
    g_strdup_printf ("step %" G_GINT64_FORMAT " · %u group%s · %u samples · mean reward %.3f · %u correct",
                     shown, n_groups, n_groups == 1 ? "" : "s", n, n > 0 ? reward_sum / n : 0.0, n_correct);
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, "rollouts");
  on_sample_selected (self);
  return step < 0 || shown == step;
}

static void
on_step_changed (R1ciRunRollouts *self)
{
  guint i = gtk_drop_down_get_selected (self->step_dropdown);
  if (!self->updating && i < self->steps->len)
    load_step (self, g_array_index (self->steps, gint64, i));
}

/* ── Public ─────────────────────────────────────────────────────────────── */

void
r1ci_run_rollouts_show_run (R1ciRunRollouts *self,
                            gpointer         workspace,
                            gint64           run_id)
{
  g_return_if_fail (R1CI_IS_RUN_ROLLOUTS (self));
  self->workspace = workspace;
  self->run_id = run_id;
  load_step (self, -1);
}

void
r1ci_run_rollouts_reload (R1ciRunRollouts *self)
{
  g_return_if_fail (R1CI_IS_RUN_ROLLOUTS (self));
  guint i = gtk_drop_down_get_selected (self->step_dropdown);
  gboolean latest = self->steps->len == 0 || i + 1 >= self->steps->len;
  guint position = gtk_single_selection_get_selected (self->selection);

  load_step (self, latest || i >= self->steps->len ? -1 : g_array_index (self->steps, gint64, i));
  if (position != GTK_INVALID_LIST_POSITION && position < g_list_model_get_n_items (G_LIST_MODEL (self->samples)))
    gtk_single_selection_set_selected (self->selection, position);
}

gboolean
r1ci_run_rollouts_select_step (R1ciRunRollouts *self,
                               gint64           step)
{
  g_return_val_if_fail (R1CI_IS_RUN_ROLLOUTS (self), FALSE);
  return load_step (self, step);
}

gboolean
r1ci_run_rollouts_select_sample (R1ciRunRollouts *self,
                                 guint            position)
{
  g_return_val_if_fail (R1CI_IS_RUN_ROLLOUTS (self), FALSE);
  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->samples)))
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

/* ── Widget ─────────────────────────────────────────────────────────────── */

static void
r1ci_run_rollouts_dispose (GObject *object)
{
  R1ciRunRollouts *self = R1CI_RUN_ROLLOUTS (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_clear_object (&self->samples);
  g_clear_pointer (&self->steps, g_array_unref);
  self->workspace = NULL;
  G_OBJECT_CLASS (r1ci_run_rollouts_parent_class)->dispose (object);
}

static void
r1ci_run_rollouts_class_init (R1ciRunRolloutsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = r1ci_run_rollouts_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static GtkWidget *
build_table (R1ciRunRollouts *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->samples = g_list_store_new (R1CI_TYPE_JSON_ROW);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->samples)));
  self->table = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection))));
  gtk_column_view_set_show_column_separators (self->table, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (COLUMNS); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), (gpointer) &COLUMNS[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer) &COLUMNS[i]);
      g_autoptr(GtkColumnViewColumn) column = gtk_column_view_column_new (COLUMNS[i].title, factory);
      gtk_column_view_column_set_expand (column, COLUMNS[i].kind == CELL_ANSWER);
      gtk_column_view_append_column (self->table, column);
    }
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_sample_selected), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->table));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 150);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 220);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_add_css_class (scrolled, "frame");
  return scrolled;
}

static void
r1ci_run_rollouts_init (R1ciRunRollouts *self)
{
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *step_label = gtk_label_new ("Step");
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *question_scroller = gtk_scrolled_window_new ();

  self->steps = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_widget_add_css_class (step_label, "field-label");
  self->step_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->step_dropdown), "Steps with recorded rollouts");
  g_signal_connect_swapped (self->step_dropdown, "notify::selected", G_CALLBACK (on_step_changed), self);
  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->summary_label), TRUE);
  gtk_box_append (GTK_BOX (top), step_label);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->step_dropdown));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->summary_label));
  gtk_box_append (GTK_BOX (self->box), top);

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_max_width_chars (self->message_label, 60);
  gtk_widget_set_valign (GTK_WIDGET (self->message_label), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "dim-label");

  gtk_box_append (GTK_BOX (content), build_table (self));
  self->question_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->question_label, 0);
  gtk_label_set_wrap (self->question_label, TRUE);
  gtk_label_set_wrap_mode (self->question_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (self->question_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->question_label), "question");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (question_scroller), GTK_WIDGET (self->question_label));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (question_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (question_scroller), TRUE);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (question_scroller), 64);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (question_scroller), 110);
  gtk_box_append (GTK_BOX (content), question_scroller);
  self->trace_view = R1CI_TRACE_VIEW (r1ci_trace_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->trace_view), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->trace_view), "panel");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->trace_view));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->message_label), "message");
  gtk_stack_add_named (self->stack, content, "rollouts");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));
  show_message (self, "Select a GRPO or PPO run on the left to read the rollouts of its steps.");
}
