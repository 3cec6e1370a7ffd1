/* r1ci-compare-page.c — the Compare page.
 *
 * Evaluations come from r1ci_evaluations_list_json; the per-task table, the
 * bucket counts and the significance from r1ci_comparison_json (the text
 * `r1ci compare --json` prints); the question list from
 * r1ci_comparison_questions_json with the filters as its JSON argument; each
 * side's trace from r1ci_trace_json. The page decides only what to ask for
 * and how to lay the answers out.
 */

#define G_LOG_DOMAIN "r1ci-compare-page"

#include "r1ci-compare-page.h"
#include "r1ci-core.h"
#include "r1ci-json.h"
#include "r1ci-json-row.h"
#include "r1ci-trace-view.h"

/* The four buckets, in the order of the chips. */
static const struct { const char *name; const char *title; const char *css; } BUCKETS[] = {
  { "fixed",      "Fixed",      "bucket-fixed" },
  { "regressed",  "Regressed",  "bucket-regressed" },
  { "both_right", "Both right", "bucket-both-right" },
  { "both_wrong", "Both wrong", "bucket-both-wrong" },
};
#define N_BUCKETS G_N_ELEMENTS (BUCKETS)

/* The correctness dropdown's entries after "Any result", as filter fields. */
static const struct { const char *field; gboolean value; } CORRECTNESS[] = {
  { "a_correct", TRUE }, { "a_correct", FALSE }, { "b_correct", TRUE }, { "b_correct", FALSE },
};

struct _R1ciComparePage
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkStack       *state_stack;
  GtkLabel       *empty_label;
  GtkLabel       *empty_commands;
  GtkDropDown    *a_dropdown;
  GtkDropDown    *b_dropdown;
  GtkLabel       *summary_label;
  GtkLabel       *error_label;
  GtkColumnView  *task_table;
  GtkToggleButton *fixed_chip;
  GtkToggleButton *regressed_chip;
  GtkToggleButton *both_right_chip;
  GtkToggleButton *both_wrong_chip;
  GtkDropDown    *task_dropdown;
  GtkDropDown    *correct_dropdown;
  GtkLabel       *count_label;
  GtkStack       *list_stack;
  GtkListView    *question_list;
  GtkLabel       *question_title;
  GtkLabel       *bucket_badge;
  GtkLabel       *gold_label;
  GtkLabel       *question_label;
  R1ciTraceView  *trace_a;
  R1ciTraceView  *trace_b;

  /* borrowed references */
  gpointer workspace;

  /* owned references */
  JsonNode           *evaluations;     /* r1ci_evaluations_list_json, or NULL */
  GArray             *ids;             /* gint64 per picker entry */
  GListStore         *task_rows;       /* R1ciJsonRow per task, then "all" */
  GtkSingleSelection *task_selection;
  GtkStringList      *task_names;      /* "All tasks", then the tasks */
  GListStore         *questions;       /* R1ciJsonRow per compared question */
  GtkSingleSelection *question_selection;

  /* state */
  GtkToggleButton *chips[N_BUCKETS];
  guint updating : 1;                  /* set while controls are filled in code */
};

G_DEFINE_FINAL_TYPE (R1ciComparePage, r1ci_compare_page, GTK_TYPE_WIDGET)

static void load_questions (R1ciComparePage *self);

/* ── Formatting ─────────────────────────────────────────────────────────── */

static char *
percent (double x)
{
  return g_strdup_printf ("%.1f%%", 100.0 * x);
}

/* Percentage points, signed: "+5.0", "−2.5", "0.0". */
static char *
points (double delta)
{
  double p = 100.0 * delta;
  if (p > -0.05 && p < 0.05)
    return g_strdup ("0.0");
  return p > 0 ? g_strdup_printf ("+%.1f", p) : g_strdup_printf ("−%.1f", -p);
}

static const char *
delta_class (double delta)
{
  return delta >= 0.0005 ? "delta-up" : delta <= -0.0005 ? "delta-down" : "delta-zero";
}

static gint64
bucket_count (JsonObject *summary,
              const char *bucket)
{
  return r1ci_json_int (r1ci_json_object (summary, "buckets"), bucket);
}

static const char *
evaluation_name (R1ciComparePage *self,
                 gint64           id)
{
  JsonArray *list = self->evaluations != NULL ? json_node_get_array (self->evaluations) : NULL;
  guint n = list != NULL ? json_array_get_length (list) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *evaluation = json_array_get_object_element (list, i);
      if (r1ci_json_int (evaluation, "id") == id)
        return r1ci_json_string (evaluation, "name");
    }
  return "";
}

/* ── The per-task table ─────────────────────────────────────────────────── */

typedef enum { CELL_TEXT, CELL_COUNT, CELL_PERCENT, CELL_DELTA, CELL_BUCKET, CELL_P } CellKind;

typedef struct
{
  const char *title;
  const char *member;  /* member of a TaskComparison object, or a bucket name */
  CellKind    kind;
} Column;

static const Column COLUMNS[] = {
  { "Task",       "task",       CELL_TEXT },
  { "n",          "questions",  CELL_COUNT },
  { "Accuracy A", "accuracy_a", CELL_PERCENT },
  { "Accuracy B", "accuracy_b", CELL_PERCENT },
  { "Δ (pts)",    "delta",      CELL_DELTA },
  { "Fixed",      "fixed",      CELL_BUCKET },
  { "Regressed",  "regressed",  CELL_BUCKET },
  { "Both right", "both_right", CELL_BUCKET },
  { "Both wrong", "both_wrong", CELL_BUCKET },
  { "p (McNemar)", "p_value",   CELL_P },
};

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  const Column *column = user_data;
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column->kind == CELL_TEXT ? 0 : 1);
  if (column->kind != CELL_TEXT)
    gtk_widget_add_css_class (label, "numeric");
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
    case CELL_TEXT:
      text = g_strdup (r1ci_json_string (row, column->member));
      if (g_str_equal (text, "all"))
        {
          g_free (text);
          text = g_strdup ("All tasks");
        }
      break;
    case CELL_COUNT:
      text = g_strdup_printf ("%" G_GINT64_FORMAT, r1ci_json_int (row, column->member));
      break;
    case CELL_PERCENT:
      text = percent (r1ci_json_double (row, column->member));
      break;
    case CELL_DELTA:
      text = points (r1ci_json_double (row, column->member));
      css = delta_class (r1ci_json_double (row, column->member));
      break;
    case CELL_BUCKET:
      text = g_strdup_printf ("%" G_GINT64_FORMAT, bucket_count (row, column->member));
      break;
    case CELL_P:
      text = g_strdup_printf ("%.3f", r1ci_json_double (row, column->member));
      css = r1ci_json_double (row, column->member) < 0.05 ? "significant" : NULL;
      break;
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_css_classes (label, (const char *[]) {
    column->kind == CELL_TEXT ? "task-cell" : "numeric",
    g_str_equal (r1ci_json_string (row, "task"), "all") ? "total-row" : "plain-row",
    css, NULL });
}

static void
setup_table (R1ciComparePage *self)
{
  self->task_rows = g_list_store_new (R1CI_TYPE_JSON_ROW);
  self->task_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->task_rows)));
  gtk_single_selection_set_autoselect (self->task_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->task_selection, TRUE);
  gtk_column_view_set_model (self->task_table, GTK_SELECTION_MODEL (self->task_selection));

  for (guint i = 0; i < G_N_ELEMENTS (COLUMNS); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), (gpointer) &COLUMNS[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer) &COLUMNS[i]);
      g_autoptr(GtkColumnViewColumn) column = gtk_column_view_column_new (COLUMNS[i].title, factory);
      gtk_column_view_column_set_expand (column, i == 0);
      gtk_column_view_append_column (self->task_table, column);
    }
}

/* Choosing a task's row filters the questions to that task ("All tasks": every task). */
static void
on_task_row_selected (R1ciComparePage *self)
{
  R1ciJsonRow *row = gtk_single_selection_get_selected_item (self->task_selection);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->task_names));

  if (self->updating || row == NULL)
    return;
  const char *task = r1ci_json_string (r1ci_json_row_get_object (row), "task");
  for (guint i = 1; i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (self->task_names, i), task))
      {
        gtk_drop_down_set_selected (self->task_dropdown, i);
        return;
      }
  gtk_drop_down_set_selected (self->task_dropdown, 0);
}

/* ── The question list ──────────────────────────────────────────────────── */

static void
setup_question_row (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *badge = gtk_label_new (NULL);
  GtkWidget *answers = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "row-title");
  gtk_label_set_xalign (GTK_LABEL (answers), 0);
  gtk_label_set_ellipsize (GTK_LABEL (answers), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (answers, TRUE);
  gtk_widget_add_css_class (answers, "row-id");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (bottom), answers);
  gtk_box_append (GTK_BOX (bottom), badge);
  gtk_box_append (GTK_BOX (box), bottom);
  gtk_widget_add_css_class (box, "question-row");
  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "badge", badge);
  g_object_set_data (G_OBJECT (box), "answers", answers);
  gtk_list_item_set_child (item, box);
}

static int
bucket_index (const char *name)
{
  for (guint i = 0; i < N_BUCKETS; i++)
    if (g_str_equal (BUCKETS[i].name, name))
      return (int) i;
  return -1;
}

/* Makes label a bucket badge: its title and colour. */
static void
show_bucket (GtkWidget  *label,
             const char *bucket)
{
  int i = bucket_index (bucket);

  gtk_label_set_text (GTK_LABEL (label), i >= 0 ? BUCKETS[i].title : bucket);
  gtk_widget_set_css_classes (label, (const char *[]) { "badge", i >= 0 ? BUCKETS[i].css : NULL, NULL });
}

static const char *
answer_or_dash (JsonObject *object,
                const char *member)
{
  const char *answer = r1ci_json_string (object, member);
  return answer[0] != '\0' ? answer : "—";
}

static void
bind_question_row (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GObject *box = G_OBJECT (gtk_list_item_get_child (item));
  JsonObject *question = r1ci_json_row_get_object (gtk_list_item_get_item (item));
  g_autofree char *title = g_strdup_printf ("%s · q%" G_GINT64_FORMAT, r1ci_json_string (question, "task"),
                                            r1ci_json_int (question, "number"));
  g_autofree char *answers = g_strdup_printf ("A: %s   B: %s", answer_or_dash (question, "answer_a"),
                                              answer_or_dash (question, "answer_b"));

  gtk_label_set_text (g_object_get_data (box, "title"), title);
  show_bucket (g_object_get_data (box, "badge"), r1ci_json_string (question, "bucket"));
  gtk_label_set_text (g_object_get_data (box, "answers"), answers);
}

static void
show_trace (R1ciComparePage *self,
            R1ciTraceView   *view,
            JsonObject      *question,
            const char      *member,
            JsonNode       **out_trace)
{
  JsonNode *id = json_object_get_member (question, member);
  g_autoptr(GError) error = NULL;

  if (id == NULL || json_node_is_null (id))
    {
      r1ci_trace_view_show_message (view, "No trace was stored for this question.");
      return;
    }
  g_autoptr(JsonNode) trace = r1ci_core_trace (self->workspace, json_node_get_int (id), &error);
  if (trace == NULL || !JSON_NODE_HOLDS_OBJECT (trace))
    {
      g_autofree char *text = g_strdup_printf ("Could not read the trace: %s",
                                               error != NULL ? error->message : "not an object");
      r1ci_trace_view_show_message (view, text);
      return;
    }
  r1ci_trace_view_show (view, json_node_get_object (trace));
  if (out_trace != NULL && *out_trace == NULL)
    *out_trace = g_steal_pointer (&trace);
}

static void
on_question_selected (R1ciComparePage *self)
{
  R1ciJsonRow *row = gtk_single_selection_get_selected_item (self->question_selection);

  if (row == NULL)
    {
      gtk_label_set_text (self->question_title, "");
      gtk_label_set_text (self->question_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->gold_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->bucket_badge), FALSE);
      r1ci_trace_view_show_message (self->trace_a, "Select a question to see both traces.");
      r1ci_trace_view_show_message (self->trace_b, "");
      return;
    }

  JsonObject *question = r1ci_json_row_get_object (row);
  g_autofree char *title = g_strdup_printf ("%s · question %" G_GINT64_FORMAT, r1ci_json_string (question, "task"),
                                            r1ci_json_int (question, "number"));
  gtk_label_set_text (self->question_title, title);
  show_bucket (GTK_WIDGET (self->bucket_badge), r1ci_json_string (question, "bucket"));
  gtk_widget_set_visible (GTK_WIDGET (self->bucket_badge), TRUE);

  g_autoptr(JsonNode) shown = NULL;  /* the first trace read: it carries the question and gold */
  show_trace (self, self->trace_a, question, "trace_a", &shown);
  show_trace (self, self->trace_b, question, "trace_b", &shown);

  JsonObject *trace = shown != NULL ? json_node_get_object (shown) : NULL;
  const char *gold = r1ci_json_string (trace, "gold");
  g_autofree char *gold_text = g_strdup_printf ("gold answer: %s", gold);
  gtk_label_set_text (self->gold_label, gold_text);
  gtk_widget_set_visible (GTK_WIDGET (self->gold_label), gold[0] != '\0');
  gtk_label_set_text (self->question_label, r1ci_json_string (trace, "question"));
}

static void
on_question_selection_changed (R1ciComparePage *self)
{
  if (!self->updating)
    on_question_selected (self);
}

static void
setup_question_list (R1ciComparePage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_question_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_question_row), NULL);
  gtk_list_view_set_factory (self->question_list, factory);
  g_object_unref (factory);

  self->questions = g_list_store_new (R1CI_TYPE_JSON_ROW);
  self->question_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->questions)));
  gtk_list_view_set_model (self->question_list, GTK_SELECTION_MODEL (self->question_selection));
  g_signal_connect_swapped (self->question_selection, "notify::selected-item",
                            G_CALLBACK (on_question_selection_changed), self);
}

/* The filters as r1ci_comparison_questions_json reads them. */
static char *
filter_json (R1ciComparePage *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean any_chip = FALSE;
  guint task = gtk_drop_down_get_selected (self->task_dropdown);
  guint correct = gtk_drop_down_get_selected (self->correct_dropdown);

  json_builder_begin_object (builder);
  for (guint i = 0; i < N_BUCKETS; i++)
    any_chip |= gtk_toggle_button_get_active (self->chips[i]);
  if (any_chip)
    {
      json_builder_set_member_name (builder, "buckets");
      json_builder_begin_array (builder);
      for (guint i = 0; i < N_BUCKETS; i++)
        if (gtk_toggle_button_get_active (self->chips[i]))
          json_builder_add_string_value (builder, BUCKETS[i].name);
      json_builder_end_array (builder);
    }
  if (task != GTK_INVALID_LIST_POSITION && task > 0)
    {
      json_builder_set_member_name (builder, "task");
      json_builder_add_string_value (builder, gtk_string_list_get_string (self->task_names, task));
    }
  if (correct != GTK_INVALID_LIST_POSITION && correct > 0 && correct <= G_N_ELEMENTS (CORRECTNESS))
    {
      json_builder_set_member_name (builder, CORRECTNESS[correct - 1].field);
      json_builder_add_boolean_value (builder, CORRECTNESS[correct - 1].value);
    }
  json_builder_end_object (builder);

  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
picked (R1ciComparePage *self,
        gint64          *a,
        gint64          *b)
{
  guint ia = gtk_drop_down_get_selected (self->a_dropdown);
  guint ib = gtk_drop_down_get_selected (self->b_dropdown);

  if (self->ids == NULL || ia >= self->ids->len || ib >= self->ids->len)
    return FALSE;
  *a = g_array_index (self->ids, gint64, ia);
  *b = g_array_index (self->ids, gint64, ib);
  return TRUE;
}

static void
show_error (R1ciComparePage *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
load_questions (R1ciComparePage *self)
{
  gint64 a, b;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) list = NULL;

  gboolean was_updating = self->updating;
  self->updating = TRUE;  /* one trace load at the end, not one per list change */
  g_list_store_remove_all (self->questions);
  if (self->workspace != NULL && picked (self, &a, &b) && a != b
      && g_list_model_get_n_items (G_LIST_MODEL (self->task_rows)) > 0)
    {
      g_autofree char *filter = filter_json (self);
      list = r1ci_core_comparison_questions (self->workspace, a, b, filter, &error);
      if (list == NULL)
        show_error (self, error->message);
      else if (JSON_NODE_HOLDS_ARRAY (list))
        {
          g_autoptr(GListStore) rows = r1ci_json_row_store_from_array (json_node_get_array (list));
          guint n = g_list_model_get_n_items (G_LIST_MODEL (rows));
          for (guint i = 0; i < n; i++)
            {
              g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (rows), i);
              g_list_store_append (self->questions, row);
            }
        }
    }

  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->questions));
  guint total = 0;
  guint rows = g_list_model_get_n_items (G_LIST_MODEL (self->task_rows));
  if (rows > 0)
    {
      g_autoptr(R1ciJsonRow) all = g_list_model_get_item (G_LIST_MODEL (self->task_rows), rows - 1);
      total = (guint) r1ci_json_int (r1ci_json_row_get_object (all), "questions");
    }
  g_autofree char *count = g_strdup_printf ("%u of %u questions", shown, total);
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : "none");
  if (shown > 0)
    gtk_single_selection_set_selected (self->question_selection, 0);
  self->updating = was_updating;
  on_question_selected (self);
}

/* ── The comparison ─────────────────────────────────────────────────────── */

static void
clear_comparison (R1ciComparePage *self)
{
  self->updating = TRUE;
  g_list_store_remove_all (self->task_rows);
  gtk_string_list_splice (self->task_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->task_names)),
                          (const char *[]) { "All tasks", NULL });
  gtk_drop_down_set_selected (self->task_dropdown, 0);
  for (guint i = 0; i < N_BUCKETS; i++)
    gtk_button_set_label (GTK_BUTTON (self->chips[i]), BUCKETS[i].title);
  gtk_label_set_text (self->summary_label, "");
  self->updating = FALSE;
}

static void
load_comparison (R1ciComparePage *self)
{
  gint64 a, b;
  g_autoptr(GError) error = NULL;

  clear_comparison (self);
  show_error (self, NULL);
  if (self->workspace == NULL || !picked (self, &a, &b))
    {
      load_questions (self);
      return;
    }
  if (a == b)
    {
      show_error (self, "A and B are the same evaluation: pick two different ones.");
      load_questions (self);
      return;
    }

  g_autoptr(JsonNode) node = r1ci_core_comparison (self->workspace, a, b, &error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      show_error (self, error != NULL ? error->message : "The core's comparison is not an object.");
      load_questions (self);
      return;
    }

  JsonObject *comparison = json_node_get_object (node);
  JsonObject *all = r1ci_json_object (comparison, "all");
  JsonArray *tasks = r1ci_json_array (comparison, "tasks");
  guint n_tasks = tasks != NULL ? json_array_get_length (tasks) : 0;

  self->updating = TRUE;
  for (guint i = 0; i < n_tasks; i++)
    {
      JsonObject *task = json_array_get_object_element (tasks, i);
      g_autoptr(R1ciJsonRow) row = r1ci_json_row_new (task);
      g_list_store_append (self->task_rows, row);
      gtk_string_list_append (self->task_names, r1ci_json_string (task, "task"));
    }
  if (all != NULL)
    {
      g_autoptr(R1ciJsonRow) row = r1ci_json_row_new (all);
      g_list_store_append (self->task_rows, row);
    }
  gtk_single_selection_set_selected (self->task_selection, GTK_INVALID_LIST_POSITION);

  for (guint i = 0; i < N_BUCKETS; i++)
    {
      g_autofree char *label = g_strdup_printf ("%s  %" G_GINT64_FORMAT, BUCKETS[i].title,
                                                bucket_count (all, BUCKETS[i].name));
      gtk_button_set_label (GTK_BUTTON (self->chips[i]), label);
    }
  self->updating = FALSE;

  g_autofree char *accuracy_a = percent (r1ci_json_double (all, "accuracy_a"));
  g_autofree char *accuracy_b = percent (r1ci_json_double (all, "accuracy_b"));
  g_autofree char *delta = points (r1ci_json_double (all, "delta"));
  gint64 unpaired = r1ci_json_int (comparison, "unpaired");
  g_autofree char *unpaired_text = unpaired > 0
    ? g_strdup_printf (" · %" G_GINT64_FORMAT " questions in only one evaluation (not compared)", unpaired)
    : g_strdup ("");
  g_autofree char *summary =
    g_strdup_printf ("%" G_GINT64_FORMAT " shared questions in %u task%s · accuracy %s → %s (%s pts) · "
                     "McNemar p = %.3f%s",
                     r1ci_json_int (all, "questions"), n_tasks, n_tasks == 1 ? "" : "s",
                     accuracy_a, accuracy_b, delta, r1ci_json_double (all, "p_value"), unpaired_text);
  gtk_label_set_text (self->summary_label, summary);

  r1ci_trace_view_set_heading (self->trace_a, "A", evaluation_name (self, a));
  r1ci_trace_view_set_heading (self->trace_b, "B", evaluation_name (self, b));
  load_questions (self);
}

/* ── Evaluations ────────────────────────────────────────────────────────── */

/* The directory of the open workspace, as the core reports it, or NULL. */
static char *
workspace_directory (R1ciComparePage *self)
{
  g_autoptr(JsonNode) info = self->workspace != NULL ? r1ci_core_workspace_info (self->workspace, NULL) : NULL;

  if (info == NULL || !JSON_NODE_HOLDS_OBJECT (info))
    return NULL;
  return g_strdup (r1ci_json_string (json_node_get_object (info), "directory"));
}

static void
show_empty (R1ciComparePage *self,
            const char      *why)
{
  g_autofree char *directory = workspace_directory (self);
  g_autofree char *quoted = directory != NULL && directory[0] != '\0' ? g_shell_quote (directory) : NULL;
  g_autofree char *where = quoted != NULL ? g_strdup_printf (" --workspace %s", quoted) : g_strdup ("");
  g_autofree char *commands =
    g_strdup_printf ("r1ci eval --model smollm2-135m --tasks game24,dyck_languages --count 10 --temperature 0%s\n"
                     "r1ci eval --model smollm2-135m --tasks game24,dyck_languages --count 10 --temperature 0.8 "
                     "--seed 1%s", where, where);

  gtk_label_set_text (self->empty_label, why);
  gtk_label_set_text (self->empty_commands, commands);
  gtk_stack_set_visible_child_name (self->state_stack, "empty");
}

static void
load_evaluations (R1ciComparePage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->evaluations, json_node_unref);
  g_array_set_size (self->ids, 0);
  if (self->workspace == NULL)
    {
      show_empty (self, "No workspace is open. Evaluations are stored in the workspace the CLI uses "
                        "($R1CI_WORKSPACE, else ~/.local/share/r1ci); make two with:");
      return;
    }

  self->evaluations = r1ci_core_evaluations_list (self->workspace, &error);
  if (self->evaluations == NULL || !JSON_NODE_HOLDS_ARRAY (self->evaluations))
    {
      g_autofree char *why = g_strdup_printf ("Could not list the workspace's evaluations: %s",
                                              error != NULL ? error->message : "not an array");
      show_empty (self, why);
      return;
    }

  JsonArray *list = json_node_get_array (self->evaluations);
  guint n = json_array_get_length (list);
  if (n < 2)
    {
      g_autofree char *why = g_strdup_printf (
        "This workspace has %s; comparing needs two runs over the same questions — "
        "two models, two checkpoints, or one model at two temperatures. Make them with the CLI, "
        "then reload:", n == 0 ? "no evaluation yet" : "only one evaluation");
      show_empty (self, why);
      return;
    }

  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *evaluation = json_array_get_object_element (list, i);
      gint64 id = r1ci_json_int (evaluation, "id");
      g_autofree char *accuracy = percent (r1ci_json_double (evaluation, "accuracy"));
      g_autofree char *label = g_strdup_printf ("#%" G_GINT64_FORMAT "  %s · %" G_GINT64_FORMAT " questions · %s",
                                                id, r1ci_json_string (evaluation, "name"),
                                                r1ci_json_int (evaluation, "questions"), accuracy);
      g_array_append_val (self->ids, id);
      gtk_string_list_append (names, label);
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (self->a_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_model (self->b_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->a_dropdown, n - 2);
  gtk_drop_down_set_selected (self->b_dropdown, n - 1);
  self->updating = FALSE;
  gtk_stack_set_visible_child_name (self->state_stack, "compare");
  load_comparison (self);
}

/* ── Signals ────────────────────────────────────────────────────────────── */

static void
on_pick_changed (R1ciComparePage *self)
{
  if (!self->updating)
    load_comparison (self);
}

static void
on_filter_changed (R1ciComparePage *self)
{
  if (!self->updating)
    load_questions (self);
}

static void
on_reload_clicked (R1ciComparePage *self)
{
  load_evaluations (self);
}

/* ── Public ─────────────────────────────────────────────────────────────── */

void
r1ci_compare_page_set_workspace (R1ciComparePage *self,
                                 gpointer         workspace)
{
  g_return_if_fail (R1CI_IS_COMPARE_PAGE (self));

  self->workspace = workspace;
  load_evaluations (self);
}

static guint
position_of (R1ciComparePage *self,
             gint64           id)
{
  for (guint i = 0; self->ids != NULL && i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

gboolean
r1ci_compare_page_compare (R1ciComparePage *self,
                           gint64           a,
                           gint64           b)
{
  g_return_val_if_fail (R1CI_IS_COMPARE_PAGE (self), FALSE);

  guint ia = position_of (self, a), ib = position_of (self, b);
  if (ia == GTK_INVALID_LIST_POSITION || ib == GTK_INVALID_LIST_POSITION)
    {
      g_autofree char *text = g_strdup_printf ("No evaluation %" G_GINT64_FORMAT " in this workspace.",
                                               ia == GTK_INVALID_LIST_POSITION ? a : b);
      show_error (self, text);
      return FALSE;
    }
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->a_dropdown, ia);
  gtk_drop_down_set_selected (self->b_dropdown, ib);
  self->updating = FALSE;
  load_comparison (self);
  return TRUE;
}

gboolean
r1ci_compare_page_show_bucket (R1ciComparePage *self,
                               const char      *bucket)
{
  g_return_val_if_fail (R1CI_IS_COMPARE_PAGE (self), FALSE);

  int chosen = bucket_index (bucket);
  if (chosen < 0)
    return FALSE;
  self->updating = TRUE;
  for (guint i = 0; i < N_BUCKETS; i++)
    gtk_toggle_button_set_active (self->chips[i], (int) i == chosen);
  self->updating = FALSE;
  load_questions (self);
  return TRUE;
}

static gboolean
scroll_to_selected (GtkWidget     *list,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  R1ciComparePage *self = user_data;
  guint position = gtk_single_selection_get_selected (self->question_selection);

  if (gtk_widget_get_height (list) <= 0)
    return G_SOURCE_CONTINUE;  /* not laid out yet */
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
  return G_SOURCE_REMOVE;
}

gboolean
r1ci_compare_page_select_question (R1ciComparePage *self,
                                   guint            position)
{
  g_return_val_if_fail (R1CI_IS_COMPARE_PAGE (self), FALSE);

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->questions)))
    return FALSE;
  gtk_single_selection_set_selected (self->question_selection, position);
  /* Scrolling needs the list laid out: done on its next frame. */
  gtk_widget_add_tick_callback (GTK_WIDGET (self->question_list), scroll_to_selected, self, NULL);
  return TRUE;
}

/* ── Widget ─────────────────────────────────────────────────────────────── */

static void
r1ci_compare_page_dispose (GObject *object)
{
  R1ciComparePage *self = R1CI_COMPARE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), R1CI_TYPE_COMPARE_PAGE);
  g_clear_object (&self->task_selection);
  g_clear_object (&self->task_rows);
  g_clear_object (&self->question_selection);
  g_clear_object (&self->questions);
  g_clear_object (&self->task_names);
  g_clear_pointer (&self->evaluations, json_node_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  self->workspace = NULL;

  G_OBJECT_CLASS (r1ci_compare_page_parent_class)->dispose (object);
}

static void
r1ci_compare_page_class_init (R1ciComparePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = r1ci_compare_page_dispose;

  g_type_ensure (R1CI_TYPE_TRACE_VIEW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/r1ci/Studio/r1ci-compare-page.ui");
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, empty_label);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, empty_commands);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, a_dropdown);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, b_dropdown);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, task_table);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, fixed_chip);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, regressed_chip);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, both_right_chip);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, both_wrong_chip);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, task_dropdown);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, correct_dropdown);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, question_list);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, question_title);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, bucket_badge);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, gold_label);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, question_label);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, trace_a);
  gtk_widget_class_bind_template_child (widget_class, R1ciComparePage, trace_b);
  gtk_widget_class_bind_template_callback (widget_class, on_pick_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_reload_clicked);
}

static void
r1ci_compare_page_init (R1ciComparePage *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->task_names = gtk_string_list_new ((const char *[]) { "All tasks", NULL });
  self->updating = TRUE;  /* signals fire while the template and models are set up */
  gtk_widget_init_template (GTK_WIDGET (self));

  self->chips[0] = self->fixed_chip;
  self->chips[1] = self->regressed_chip;
  self->chips[2] = self->both_right_chip;
  self->chips[3] = self->both_wrong_chip;
  gtk_drop_down_set_model (self->task_dropdown, G_LIST_MODEL (self->task_names));
  setup_table (self);
  setup_question_list (self);
  g_signal_connect_swapped (self->task_selection, "notify::selected", G_CALLBACK (on_task_row_selected), self);
  self->updating = FALSE;
  load_evaluations (self);
}
