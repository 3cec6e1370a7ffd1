/* r1ci-training-page.c — the Training page.
 *
 * Runs come from r1ci_runs_list_json, curves from r1ci_run_metrics_json read
 * incrementally (each poll asks for the steps after the last complete one),
 * Stop and Resume are r1ci_run_stop / r1ci_run_resume, and launching is the
 * form's. While a run is queued or running the page polls once a second.
 * The page keeps the points it has read, per run and metric, and hands the
 * chosen metric's points of the checked runs to the chart.
 */

#define G_LOG_DOMAIN "r1ci-training-page"

#include "r1ci-core.h"
#include "r1ci-json.h"
#include "r1ci-json-row.h"
#include "r1ci-training-page.h"

#define POLL_MS 1000

/* Metrics worth showing first, when a run has them (verl names). */
static const char *const PREFERRED_METRICS[] = {
  "critic/score/mean", "train/loss", "actor/pg_loss", "val/loss", NULL
};

/* One colour per run, by id: the same run keeps its colour everywhere. */
static const char *const PALETTE[] = {
  "#1c71d8", "#e66100", "#26a269", "#9141ac", "#c01c28", "#2190a4", "#865e3c", "#c061cb",
};

/* The points read so far of one run: metric name → GArray of R1ciChartPoint. */
typedef struct
{
  GHashTable *metrics;
  gint64      through;  /* the highest step read, or -1 */
} RunCurves;

struct _R1ciTrainingPage
{
  GtkWidget parent_instance;

  /* template widgets */
  R1ciRunForm     *form;
  GtkButton       *stop_button;
  GtkButton       *resume_button;
  GtkStack        *runs_stack;
  GtkListView     *run_list;
  GtkLabel        *run_status;
  GtkLabel        *error_label;
  GtkStack        *view_stack;
  GtkDropDown     *metric_dropdown;
  GtkToggleButton *step_toggle;
  GtkToggleButton *wall_toggle;
  GtkAdjustment   *smoothing_adjustment;
  R1ciChart       *chart;
  GtkLabel        *hover_label;
  R1ciRunRollouts *rollouts;

  /* borrowed */
  gpointer workspace;

  /* owned */
  GListStore         *runs;       /* R1ciJsonRow per run, oldest first */
  GtkSingleSelection *selection;
  GHashTable         *curves;     /* gint64 * run id → RunCurves * */
  GArray             *overlay;    /* gint64 ids of the checked runs */
  GtkStringList      *metric_names;

  /* state */
  guint    poll_id;
  gint64   rollouts_run;          /* the run the rollouts view shows */
  gint64   rollouts_step;         /* its lastStep when last loaded */
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (R1ciTrainingPage, r1ci_training_page, GTK_TYPE_WIDGET)

static void refresh (R1ciTrainingPage *self);
static void on_hover_changed (R1ciTrainingPage *self);

static void
run_curves_free (gpointer data)
{
  RunCurves *curves = data;
  g_hash_table_unref (curves->metrics);
  g_free (curves);
}

static void
run_color (gint64   id,
           GdkRGBA *color)
{
  gdk_rgba_parse (color, PALETTE[(guint64) id % G_N_ELEMENTS (PALETTE)]);
}

static void
show_error (R1ciTrainingPage *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static JsonObject *
selected_run (R1ciTrainingPage *self)
{
  R1ciJsonRow *row = gtk_single_selection_get_selected_item (self->selection);
  return row != NULL ? r1ci_json_row_get_object (row) : NULL;
}

static gboolean
in_overlay (R1ciTrainingPage *self,
            gint64            id)
{
  for (guint i = 0; i < self->overlay->len; i++)
    if (g_array_index (self->overlay, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static gboolean
is_live (const char *state)
{
  return g_str_equal (state, "running") || g_str_equal (state, "queued");
}

/* The run's planned steps, from its stored config ("steps"), or 0. */
static gint64
planned_steps (JsonObject *run)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *config = r1ci_json_string (run, "configJSON");

  if (config[0] == '\0' || !json_parser_load_from_data (parser, config, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return 0;
  return r1ci_json_int (json_node_get_object (json_parser_get_root (parser)), "steps");
}

static char *
run_title (JsonObject *run)
{
  const char *name = r1ci_json_string (run, "name");
  gint64 id = r1ci_json_int (run, "id");
  return name[0] != '\0' ? g_strdup_printf ("#%" G_GINT64_FORMAT " %s", id, name)
                         : g_strdup_printf ("#%" G_GINT64_FORMAT, id);
}

/* "sft · step 3 of 4" */
static char *
run_progress (JsonObject *run)
{
  gint64 planned = planned_steps (run);
  gint64 last = r1ci_json_int (run, "lastStep");
  const char *kind = r1ci_json_string (run, "kind");

  if (planned > 0)
    return g_strdup_printf ("%s · step %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT, kind, last, planned);
  return g_strdup_printf ("%s · step %" G_GINT64_FORMAT, kind, last);
}

/* ── The chart ──────────────────────────────────────────────────────────── */

static const char *
chosen_metric (R1ciTrainingPage *self)
{
  guint i = gtk_drop_down_get_selected (self->metric_dropdown);
  return i != GTK_INVALID_LIST_POSITION ? gtk_string_list_get_string (self->metric_names, i) : NULL;
}

static JsonObject *
run_by_id (R1ciTrainingPage *self,
           gint64            id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->runs));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(R1ciJsonRow) row = g_list_model_get_item (G_LIST_MODEL (self->runs), i);
      if (r1ci_json_int (r1ci_json_row_get_object (row), "id") == id)
        return r1ci_json_row_get_object (row);
    }
  return NULL;
}

static void
redraw_chart (R1ciTrainingPage *self)
{
  const char *metric = chosen_metric (self);

  r1ci_chart_clear (self->chart);
  r1ci_chart_set_y_label (self->chart, metric);
  for (guint i = 0; metric != NULL && i < self->overlay->len; i++)
    {
      gint64 id = g_array_index (self->overlay, gint64, i);
      RunCurves *curves = g_hash_table_lookup (self->curves, &id);
      GArray *points = curves != NULL ? g_hash_table_lookup (curves->metrics, metric) : NULL;
      JsonObject *run = run_by_id (self, id);
      if (points == NULL || points->len == 0 || run == NULL)
        continue;
      GdkRGBA color;
      g_autofree char *title = run_title (run);
      g_autofree char *label = g_strdup_printf ("%s · %s", title, r1ci_json_string (run, "kind"));
      run_color (id, &color);
      r1ci_chart_add_series (self->chart, label, &color, (R1ciChartPoint *) (void *) points->data, points->len);
    }
  on_hover_changed (self);  /* the readout follows the series now drawn */
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Sorted metric names of the checked runs, preferred ones first; keeps the choice. */
static void
update_metric_names (R1ciTrainingPage *self)
{
  g_autofree char *current = g_strdup (chosen_metric (self));
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; i < self->overlay->len; i++)
    {
      gint64 id = g_array_index (self->overlay, gint64, i);
      RunCurves *curves = g_hash_table_lookup (self->curves, &id);
      if (curves == NULL)
        continue;
      GHashTableIter iter;
      gpointer name;
      g_hash_table_iter_init (&iter, curves->metrics);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        g_hash_table_add (names, name);
    }
  for (guint i = 0; PREFERRED_METRICS[i] != NULL; i++)
    if (g_hash_table_remove (names, PREFERRED_METRICS[i]))
      g_ptr_array_add (sorted, (gpointer) PREFERRED_METRICS[i]);
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer name;
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    g_ptr_array_add (rest, name);
  g_ptr_array_sort (rest, compare_names);
  for (guint i = 0; i < rest->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (rest, i));

  /* unchanged: nothing to do */
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->metric_names));
  gboolean same = n == sorted->len;
  for (guint i = 0; same && i < n; i++)
    same = g_str_equal (gtk_string_list_get_string (self->metric_names, i), g_ptr_array_index (sorted, i));
  if (same)
    return;

  g_ptr_array_add (sorted, NULL);
  self->updating = TRUE;
  gtk_string_list_splice (self->metric_names, 0, n, (const char *const *) sorted->pdata);
  guint choice = 0;
  gboolean kept = FALSE;
  for (guint i = 0; i + 1 < sorted->len; i++)
    if (current != NULL && g_str_equal (g_ptr_array_index (sorted, i), current))
      {
        choice = i;
        kept = TRUE;
      }
  for (guint p = 0; !kept && PREFERRED_METRICS[p] != NULL; p++)
    for (guint i = 0; i + 1 < sorted->len && !kept; i++)
      if (g_str_equal (g_ptr_array_index (sorted, i), PREFERRED_METRICS[p]))
        {
          choice = i;
          kept = TRUE;
        }
  gtk_drop_down_set_selected (self->metric_dropdown, sorted->len > 1 ? choice : GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;
}

/* Reads the run's metrics after its last complete step (the last step read
 * may have been mid-write, so it is read again) into its curves. */
static void
read_metrics (R1ciTrainingPage *self,
              gint64            id)
{
  RunCurves *curves = g_hash_table_lookup (self->curves, &id);
  g_autoptr(GError) error = NULL;

  if (curves == NULL)
    {
      gint64 *key = g_new (gint64, 1);
      *key = id;
      curves = g_new0 (RunCurves, 1);
      curves->metrics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
      curves->through = -1;
      g_hash_table_insert (self->curves, key, curves);
    }
  gint64 after = curves->through >= 0 ? curves->through - 1 : -1;
  g_autoptr(JsonNode) node = r1ci_core_run_metrics (self->workspace, id, after, &error);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      show_error (self, error != NULL ? error->message : "The core's metrics are not a list.");
      return;
    }

  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, curves->metrics);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GArray *points = value;
      while (points->len > 0 && g_array_index (points, R1ciChartPoint, points->len - 1).step > after)
        g_array_set_size (points, points->len - 1);
    }

  JsonArray *metrics = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (metrics); i++)
    {
      JsonObject *metric = json_array_get_object_element (metrics, i);
      const char *name = r1ci_json_string (metric, "name");
      GArray *points = g_hash_table_lookup (curves->metrics, name);
      if (points == NULL)
        {
          points = g_array_new (FALSE, FALSE, sizeof (R1ciChartPoint));
          g_hash_table_insert (curves->metrics, g_strdup (name), points);
        }
      R1ciChartPoint point = { (double) r1ci_json_int (metric, "step"), r1ci_json_double (metric, "wallTime"),
                               r1ci_json_double (metric, "value") };
      g_array_append_val (points, point);
      curves->through = MAX (curves->through, r1ci_json_int (metric, "step"));
    }
}

static void
reload_curves (R1ciTrainingPage *self)
{
  for (guint i = 0; self->workspace != NULL && i < self->overlay->len; i++)
    read_metrics (self, g_array_index (self->overlay, gint64, i));
  update_metric_names (self);
  redraw_chart (self);
  r1ci_chart_set_empty_text (self->chart,
                             g_list_model_get_n_items (G_LIST_MODEL (self->runs)) == 0
                             ? "No runs yet: fill in the form on the left and press Launch."
                             : self->overlay->len == 0 ? "Tick a run in the list to plot it."
                             : "No metrics yet: the first step is on its way.");
}

/* ── The runs list ──────────────────────────────────────────────────────── */

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GdkRGBA color;
  run_color (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "run-id")), &color);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 1, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
on_overlay_toggled (GtkCheckButton   *check,
                    R1ciTrainingPage *self)
{
  gint64 id = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "run-id"));
  gboolean active = gtk_check_button_get_active (check);

  if (self->updating || id <= 0 || active == in_overlay (self, id))
    return;
  if (active)
    g_array_append_val (self->overlay, id);
  else
    for (guint i = 0; i < self->overlay->len; i++)
      if (g_array_index (self->overlay, gint64, i) == id)
        g_array_remove_index (self->overlay, i--);
  reload_curves (self);
}

static void
setup_run_row (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *progress = gtk_label_new (NULL);
  GtkWidget *state = gtk_label_new (NULL);

  gtk_widget_set_tooltip_text (check, "Plot this run");
  g_signal_connect (check, "toggled", G_CALLBACK (on_overlay_toggled), user_data);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, NULL, NULL);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "row-title");
  gtk_label_set_xalign (GTK_LABEL (progress), 0);
  gtk_widget_add_css_class (progress, "row-id");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (state, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), progress);
  gtk_box_append (GTK_BOX (row), check);
  gtk_box_append (GTK_BOX (row), swatch);
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), state);
  gtk_widget_add_css_class (row, "run-row");
  g_object_set_data (G_OBJECT (row), "check", check);
  g_object_set_data (G_OBJECT (row), "swatch", swatch);
  g_object_set_data (G_OBJECT (row), "title", title);
  g_object_set_data (G_OBJECT (row), "progress", progress);
  g_object_set_data (G_OBJECT (row), "state", state);
  gtk_list_item_set_child (item, row);
}

static void
bind_run_row (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  R1ciTrainingPage *self = user_data;
  GObject *row = G_OBJECT (gtk_list_item_get_child (item));
  JsonObject *run = r1ci_json_row_get_object (gtk_list_item_get_item (item));
  gint64 id = r1ci_json_int (run, "id");
  const char *state = r1ci_json_string (run, "state");
  g_autofree char *title = run_title (run);
  g_autofree char *progress = run_progress (run);
  g_autofree char *state_class = g_strdup_printf ("state-%s", state);
  gboolean was_updating = self->updating;

  self->updating = TRUE;
  g_object_set_data (g_object_get_data (row, "check"), "run-id", GINT_TO_POINTER ((int) id));
  gtk_check_button_set_active (g_object_get_data (row, "check"), in_overlay (self, id));
  self->updating = was_updating;
  g_object_set_data (g_object_get_data (row, "swatch"), "run-id", GINT_TO_POINTER ((int) id));
  gtk_widget_queue_draw (g_object_get_data (row, "swatch"));
  gtk_label_set_text (g_object_get_data (row, "title"), title);
  gtk_label_set_text (g_object_get_data (row, "progress"), progress);
  gtk_label_set_text (g_object_get_data (row, "state"), state);
  gtk_widget_set_css_classes (g_object_get_data (row, "state"), (const char *[]) { "badge", state_class, NULL });
}

static void
update_selected_status (R1ciTrainingPage *self)
{
  JsonObject *run = selected_run (self);

  if (run == NULL)
    {
      gtk_label_set_text (self->run_status, "");
      gtk_widget_set_sensitive (GTK_WIDGET (self->stop_button), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->resume_button), FALSE);
      return;
    }
  const char *state = r1ci_json_string (run, "state");
  const char *message = r1ci_json_string (run, "message");
  g_autofree char *title = run_title (run);
  g_autofree char *progress = run_progress (run);
  GString *status = g_string_new (NULL);
  g_string_append_printf (status, "%s · %s · %s", title, state, progress);
  if (json_object_has_member (run, "checkpointStep"))
    g_string_append_printf (status, " · checkpoint at step %" G_GINT64_FORMAT, r1ci_json_int (run, "checkpointStep"));
  if (message[0] != '\0')
    g_string_append_printf (status, " · %s", message);
  gtk_label_set_text (self->run_status, status->str);
  g_string_free (status, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_button), is_live (state));
  gtk_widget_set_sensitive (GTK_WIDGET (self->resume_button),
                            g_str_equal (state, "stopped") || g_str_equal (state, "failed"));
}

/* The rollouts view follows the selected run and its newest step. */
static void
update_rollouts (R1ciTrainingPage *self,
                 gboolean          force)
{
  JsonObject *run = selected_run (self);
  gint64 id = run != NULL ? r1ci_json_int (run, "id") : 0;
  gint64 last = run != NULL ? r1ci_json_int (run, "lastStep") : 0;

  if (!force && id == self->rollouts_run && last == self->rollouts_step)
    return;
  if (id == self->rollouts_run && !force)
    r1ci_run_rollouts_reload (self->rollouts);
  else
    r1ci_run_rollouts_show_run (self->rollouts, self->workspace, id);
  self->rollouts_run = id;
  self->rollouts_step = last;
}

static void
on_run_selected (R1ciTrainingPage *self)
{
  if (self->updating)
    return;
  update_selected_status (self);
  update_rollouts (self, FALSE);
}

static void
ensure_polling (R1ciTrainingPage *self);

/* The training runs of a run list: synthesis sets are runs of kind "synth"
 * in the store, with no curves; they stay out of the page. */
static JsonArray *
training_runs (JsonArray *all)
{
  JsonArray *runs = json_array_new ();
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonNode *node = json_array_get_element (all, i);
      if (JSON_NODE_HOLDS_OBJECT (node) && !g_str_equal (r1ci_json_string (json_node_get_object (node), "kind"), "synth"))
        json_array_add_element (runs, json_node_copy (node));
    }
  return runs;
}

/* Replaces the list with `runs` when anything changed, keeping the selection. */
static gboolean
update_runs (R1ciTrainingPage *self,
             JsonArray        *runs)
{
  guint n = json_array_get_length (runs);
  guint old = g_list_model_get_n_items (G_LIST_MODEL (self->runs));
  JsonObject *selected = selected_run (self);
  gint64 selected_id = selected != NULL ? r1ci_json_int (selected, "id") : 0;
  gboolean live = FALSE, changed = n != old;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (runs, i);
      live |= is_live (r1ci_json_string (json_node_get_object (node), "state"));
      if (!changed)
        {
          g_autoptr(R1ciJsonRow) row = g_list_model_get_item (G_LIST_MODEL (self->runs), i);
          g_autoptr(JsonNode) shown = json_node_init_object (json_node_alloc (), r1ci_json_row_get_object (row));
          changed = !json_node_equal (node, shown);
        }
    }
  if (changed)
    {
      g_autoptr(GListStore) rows = r1ci_json_row_store_from_array (runs);
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
      guint position = GTK_INVALID_LIST_POSITION;
      for (guint i = 0; i < n; i++)
        {
          R1ciJsonRow *row = g_list_model_get_item (G_LIST_MODEL (rows), i);
          if (r1ci_json_int (r1ci_json_row_get_object (row), "id") == selected_id)
            position = i;
          g_ptr_array_add (items, row);
        }
      self->updating = TRUE;
      g_list_store_splice (self->runs, 0, old, items->pdata, items->len);
      if (position == GTK_INVALID_LIST_POSITION && n > 0 && selected_id == 0)
        position = n - 1;
      gtk_single_selection_set_selected (self->selection, position);
      self->updating = FALSE;
      gtk_stack_set_visible_child_name (self->runs_stack, n > 0 ? "list" : "none");
    }
  return live;
}

/* Reads the runs and the checked runs' new metrics. */
static void
refresh (R1ciTrainingPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) list = NULL;
  gboolean live = FALSE;

  if (self->workspace == NULL)
    {
      g_list_store_remove_all (self->runs);
      gtk_stack_set_visible_child_name (self->runs_stack, "none");
      reload_curves (self);
      return;
    }
  list = r1ci_core_runs_list (self->workspace, &error);
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      show_error (self, error != NULL ? error->message : "The core's run list is not a list.");
      return;
    }
  gboolean first = g_list_model_get_n_items (G_LIST_MODEL (self->runs)) == 0;
  g_autoptr(JsonArray) runs = training_runs (json_node_get_array (list));
  live = update_runs (self, runs);
  JsonObject *selected = selected_run (self);
  if (first && self->overlay->len == 0 && selected != NULL)
    {
      gint64 id = r1ci_json_int (selected, "id");
      g_array_append_val (self->overlay, id);
    }
  reload_curves (self);
  update_selected_status (self);
  update_rollouts (self, FALSE);
  if (live)
    ensure_polling (self);
}

static gboolean
on_poll (gpointer user_data)
{
  R1ciTrainingPage *self = user_data;
  refresh (self);
  /* Keep polling while any listed run is live. */
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->runs));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(R1ciJsonRow) row = g_list_model_get_item (G_LIST_MODEL (self->runs), i);
      if (is_live (r1ci_json_string (r1ci_json_row_get_object (row), "state")))
        return G_SOURCE_CONTINUE;
    }
  self->poll_id = 0;
  return G_SOURCE_REMOVE;
}

static void
ensure_polling (R1ciTrainingPage *self)
{
  if (self->poll_id == 0)
    self->poll_id = g_timeout_add (POLL_MS, on_poll, self);
}

/* ── Signals ────────────────────────────────────────────────────────────── */

static void
on_launched (R1ciRunForm      *form,
             gint64            id,
             R1ciTrainingPage *self)
{
  show_error (self, NULL);
  refresh (self);
  r1ci_training_page_select_run (self, id);
  ensure_polling (self);
}

static void
on_stop_clicked (R1ciTrainingPage *self)
{
  r1ci_training_page_stop (self);
}

static void
on_resume_clicked (R1ciTrainingPage *self)
{
  r1ci_training_page_resume (self);
}

static void
on_metric_changed (R1ciTrainingPage *self)
{
  if (!self->updating)
    redraw_chart (self);
}

static void
on_axis_toggled (R1ciTrainingPage *self)
{
  r1ci_chart_set_x_axis (self->chart, gtk_toggle_button_get_active (self->step_toggle)
                                      ? R1CI_CHART_X_STEP : R1CI_CHART_X_WALL_TIME);
}

static void
on_smoothing_changed (R1ciTrainingPage *self)
{
  r1ci_chart_set_smoothing (self->chart, gtk_adjustment_get_value (self->smoothing_adjustment));
}

static void
on_hover_changed (R1ciTrainingPage *self)
{
  g_autofree char *text = r1ci_chart_get_hover_text (self->chart);
  gtk_label_set_text (self->hover_label, text != NULL ? text
                      : "Point at the chart to read the nearest step of each run.");
}

/* ── Public ─────────────────────────────────────────────────────────────── */

/* Binds the rows again, so their check buttons show the overlay as set in code. */
static void
rebind_rows (R1ciTrainingPage *self)
{
  gtk_list_view_set_model (self->run_list, NULL);
  gtk_list_view_set_model (self->run_list, GTK_SELECTION_MODEL (self->selection));
}

void
r1ci_training_page_set_workspace (R1ciTrainingPage *self,
                                  gpointer          workspace)
{
  g_return_if_fail (R1CI_IS_TRAINING_PAGE (self));

  self->workspace = workspace;
  g_hash_table_remove_all (self->curves);
  g_array_set_size (self->overlay, 0);
  self->rollouts_run = -1;
  r1ci_run_form_set_workspace (self->form, workspace);
  refresh (self);
}

R1ciRunForm *
r1ci_training_page_get_form (R1ciTrainingPage *self)
{
  g_return_val_if_fail (R1CI_IS_TRAINING_PAGE (self), NULL);
  return self->form;
}

R1ciRunRollouts *
r1ci_training_page_get_rollouts (R1ciTrainingPage *self)
{
  g_return_val_if_fail (R1CI_IS_TRAINING_PAGE (self), NULL);
  return self->rollouts;
}

void
r1ci_training_page_refresh (R1ciTrainingPage *self)
{
  g_return_if_fail (R1CI_IS_TRAINING_PAGE (self));
  refresh (self);
}

gboolean
r1ci_training_page_select_run (R1ciTrainingPage *self,
                               gint64            run_id)
{
  g_return_val_if_fail (R1CI_IS_TRAINING_PAGE (self), FALSE);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->runs));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(R1ciJsonRow) row = g_list_model_get_item (G_LIST_MODEL (self->runs), i);
      if (r1ci_json_int (r1ci_json_row_get_object (row), "id") != run_id)
        continue;
      if (!in_overlay (self, run_id))
        g_array_append_val (self->overlay, run_id);
      gtk_single_selection_set_selected (self->selection, i);
      rebind_rows (self);
      reload_curves (self);
      return TRUE;
    }
  return FALSE;
}

gint64
r1ci_training_page_get_selected (R1ciTrainingPage *self)
{
  JsonObject *run = selected_run (self);
  return run != NULL ? r1ci_json_int (run, "id") : 0;
}

void
r1ci_training_page_set_overlay (R1ciTrainingPage *self,
                                const gint64     *run_ids,
                                guint             n_runs)
{
  g_return_if_fail (R1CI_IS_TRAINING_PAGE (self));
  g_array_set_size (self->overlay, 0);
  g_array_append_vals (self->overlay, run_ids, n_runs);
  rebind_rows (self);
  reload_curves (self);
}

const char *
r1ci_training_page_get_state (R1ciTrainingPage *self)
{
  JsonObject *run = selected_run (self);
  return run != NULL ? r1ci_json_string (run, "state") : NULL;
}

guint
r1ci_training_page_count_steps (R1ciTrainingPage *self)
{
  gint64 id = r1ci_training_page_get_selected (self);
  RunCurves *curves = g_hash_table_lookup (self->curves, &id);
  g_autoptr(GHashTable) steps = g_hash_table_new (g_direct_hash, g_direct_equal);
  GHashTableIter iter;
  gpointer value;

  if (curves == NULL)
    return 0;
  g_hash_table_iter_init (&iter, curves->metrics);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GArray *points = value;
      for (guint i = 0; i < points->len; i++)
        {
          int step = (int) g_array_index (points, R1ciChartPoint, i).step;
          if (step >= 1)
            g_hash_table_add (steps, GINT_TO_POINTER (step));
        }
    }
  return g_hash_table_size (steps);
}

/* Stop or Resume on the selected run; the core's message in the page when refused. */
static gboolean
act_on_selected (R1ciTrainingPage *self,
                 gboolean        (*action) (gpointer, gint64, GError **),
                 const char       *nothing_selected)
{
  g_autoptr(GError) error = NULL;
  gint64 id = r1ci_training_page_get_selected (self);

  if (id == 0 || !action (self->workspace, id, &error))
    {
      show_error (self, error != NULL ? error->message : nothing_selected);
      return FALSE;
    }
  show_error (self, NULL);
  refresh (self);
  ensure_polling (self);
  return TRUE;
}

gboolean
r1ci_training_page_stop (R1ciTrainingPage *self)
{
  g_return_val_if_fail (R1CI_IS_TRAINING_PAGE (self), FALSE);
  return act_on_selected (self, r1ci_core_run_stop, "Select a run to stop.");
}

gboolean
r1ci_training_page_resume (R1ciTrainingPage *self)
{
  g_return_val_if_fail (R1CI_IS_TRAINING_PAGE (self), FALSE);
  return act_on_selected (self, r1ci_core_run_resume, "Select a run to resume.");
}

gboolean
r1ci_training_page_set_metric (R1ciTrainingPage *self,
                               const char       *name)
{
  g_return_val_if_fail (R1CI_IS_TRAINING_PAGE (self), FALSE);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->metric_names));

  for (guint i = 0; i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (self->metric_names, i), name))
      {
        gtk_drop_down_set_selected (self->metric_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

void
r1ci_training_page_set_x_axis (R1ciTrainingPage *self,
                               gboolean          wall_time)
{
  g_return_if_fail (R1CI_IS_TRAINING_PAGE (self));
  gtk_toggle_button_set_active (wall_time ? self->wall_toggle : self->step_toggle, TRUE);
}

void
r1ci_training_page_set_smoothing (R1ciTrainingPage *self,
                                  double            weight)
{
  g_return_if_fail (R1CI_IS_TRAINING_PAGE (self));
  gtk_adjustment_set_value (self->smoothing_adjustment, weight);
}

void
r1ci_training_page_hover (R1ciTrainingPage *self,
                          double            x)
{
  g_return_if_fail (R1CI_IS_TRAINING_PAGE (self));
  r1ci_chart_hover_x (self->chart, x);
}

void
r1ci_training_page_show_rollouts (R1ciTrainingPage *self,
                                  gboolean          rollouts)
{
  g_return_if_fail (R1CI_IS_TRAINING_PAGE (self));
  gtk_stack_set_visible_child_name (self->view_stack, rollouts ? "rollouts" : "curves");
  if (rollouts)
    update_rollouts (self, TRUE);
}

/* ── Widget ─────────────────────────────────────────────────────────────── */

static void
r1ci_training_page_dispose (GObject *object)
{
  R1ciTrainingPage *self = R1CI_TRAINING_PAGE (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), R1CI_TYPE_TRAINING_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->runs);
  g_clear_object (&self->metric_names);
  g_clear_pointer (&self->curves, g_hash_table_unref);
  g_clear_pointer (&self->overlay, g_array_unref);
  self->workspace = NULL;
  G_OBJECT_CLASS (r1ci_training_page_parent_class)->dispose (object);
}

static void
r1ci_training_page_class_init (R1ciTrainingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = r1ci_training_page_dispose;

  g_type_ensure (R1CI_TYPE_RUN_FORM);
  g_type_ensure (R1CI_TYPE_CHART);
  g_type_ensure (R1CI_TYPE_RUN_ROLLOUTS);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/r1ci/Studio/r1ci-training-page.ui");
  gtk_widget_class_bind_template_child (widget_class, R1ciTrainingPage, form);
  gtk_widget_class_bind_template_child (widget_class, R1ciTrainingPage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, R1ciTrainingPage, resume_button);
  gtk_widget_class_bind_template_child (widget_class, R1ciTrainingPage, runs_stack);
  gtk_widget_class_bind_template_child (widget_class, R1ciTrainingPage, run_list);
  gtk_widget_class_bind_template_child (widget_class, R1ciTrainingPage, run_status);
  gtk_widget_class_bind_template_child (widget_class, R1ciTrainingPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, R1ciTrainingPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, R1ciTrainingPage, metric_dropdown);
  gtk_widget_class_bind_template_child (widget_class, R1ciTrainingPage, step_toggle);
  gtk_widget_class_bind_template_child (widget_class, R1ciTrainingPage, wall_toggle);
  gtk_widget_class_bind_template_child (widget_class, R1ciTrainingPage, smoothing_adjustment);
  gtk_widget_class_bind_template_child (widget_class, R1ciTrainingPage, chart);
  gtk_widget_class_bind_template_child (widget_class, R1ciTrainingPage, hover_label);
  gtk_widget_class_bind_template_child (widget_class, R1ciTrainingPage, rollouts);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_resume_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_metric_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_axis_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_smoothing_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_hover_changed);
}

static void
r1ci_training_page_init (R1ciTrainingPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->curves = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, run_curves_free);
  self->overlay = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->metric_names = gtk_string_list_new (NULL);
  self->runs = g_list_store_new (R1CI_TYPE_JSON_ROW);
  self->rollouts_run = -1;
  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_model (self->metric_dropdown, G_LIST_MODEL (self->metric_names));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->runs)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_run_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_run_row), self);
  gtk_list_view_set_factory (self->run_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->run_list, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (on_run_selected), self);
  g_signal_connect (self->form, "launched", G_CALLBACK (on_launched), self);
  r1ci_chart_set_smoothing (self->chart, gtk_adjustment_get_value (self->smoothing_adjustment));
  self->updating = FALSE;
  refresh (self);
}
