/* r1ci-playground-page.c — the settings form, Run and Stop, and the two views
 * of the trace.
 *
 * A run is r1ci_core_agent_run_async: the core sends its events to this
 * page's main context one by one (the trace view shows each as it comes) and
 * the whole trace at the end (the token view shows it). Stop cancels the
 * run's GCancellable, which raises the core's stop handle; the run then ends
 * with reason "stopped" and its trace so far.
 */

#define G_LOG_DOMAIN "r1ci-playground-page"

#include "r1ci-core.h"
#include "r1ci-json.h"
#include "r1ci-model-picker.h"
#include "r1ci-playground-page.h"
#include "r1ci-token-view.h"
#include "r1ci-live-trace.h"

/* The prompt styles, in the order of the style drop-down. */
static const char *const STYLES[] = { "code", "free", "text" };

struct _R1ciPlaygroundPage
{
  GtkWidget parent_instance;

  /* template widgets */
  R1ciModelPicker *model_picker;
  GtkStack        *question_stack;
  GtkDropDown     *task_dropdown;
  GtkDropDown     *level_dropdown;
  GtkSpinButton   *item_seed_spin;
  GtkTextView     *question_view;
  GtkDropDown     *style_dropdown;
  GtkSpinButton   *temperature_spin;
  GtkSpinButton   *seed_spin;
  GtkSpinButton   *code_calls_spin;
  GtkSpinButton   *max_tokens_spin;
  GtkButton       *run_button;
  GtkButton       *stop_button;
  GtkSpinner      *spinner;
  GtkLabel        *status_label;
  GtkLabel        *count_label;
  GtkToggleButton *tokens_toggle;
  GtkStack        *view_stack;
  R1ciLiveTrace   *trace_view;
  R1ciTokenView   *token_view;

  /* the task catalogue from the core */
  JsonNode  *catalogue;   /* owned; an array of task objects, or NULL */
  GPtrArray *task_ids;    /* char *, in drop-down order */

  /* the run going on */
  GCancellable *cancellable;  /* owned while a run goes on, else NULL */
  guint         generated;    /* "token" events of the run so far */
};

G_DEFINE_FINAL_TYPE (R1ciPlaygroundPage, r1ci_playground_page, GTK_TYPE_WIDGET)

enum {
  SIGNAL_RUN_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ── The question form ──────────────────────────────────────────────────── */

static JsonObject *
selected_task (R1ciPlaygroundPage *self)
{
  guint i = gtk_drop_down_get_selected (self->task_dropdown);
  if (self->catalogue == NULL || i >= self->task_ids->len)
    return NULL;
  return json_array_get_object_element (json_node_get_array (self->catalogue), i);
}

/* The level drop-down lists the selected task's levels, its default chosen. */
static void
on_task_changed (R1ciPlaygroundPage *self)
{
  JsonObject *task = selected_task (self);
  JsonArray *levels = r1ci_json_array (task, "levels");
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = levels != NULL ? json_array_get_length (levels) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = g_strdup_printf ("%u · %s", i, r1ci_json_string (json_array_get_object_element (levels, i), "name"));
      gtk_string_list_append (names, label);
    }
  gtk_drop_down_set_model (self->level_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->level_dropdown, (guint) r1ci_json_int (task, "default_level"));
}

static void
load_catalogue (R1ciPlaygroundPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) ids = gtk_string_list_new (NULL);

  self->catalogue = r1ci_core_tasks_list (&error);
  if (self->catalogue != NULL && JSON_NODE_HOLDS_ARRAY (self->catalogue))
    {
      JsonArray *tasks = json_node_get_array (self->catalogue);
      for (guint i = 0; i < json_array_get_length (tasks); i++)
        {
          const char *id = r1ci_json_string (json_array_get_object_element (tasks, i), "id");
          gtk_string_list_append (ids, id);
          g_ptr_array_add (self->task_ids, g_strdup (id));
        }
    }
  else
    {
      g_clear_pointer (&self->catalogue, json_node_unref);
      gtk_label_set_text (self->status_label, "The task catalogue could not be read");
      if (error != NULL)
        gtk_label_set_text (self->count_label, error->message);
    }

  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->task_dropdown, expression);
  gtk_drop_down_set_model (self->task_dropdown, G_LIST_MODEL (ids));
  on_task_changed (self);
}

gboolean
r1ci_playground_page_select_task (R1ciPlaygroundPage *self,
                                  const char         *task_id,
                                  guint64             item_seed)
{
  g_return_val_if_fail (R1CI_IS_PLAYGROUND_PAGE (self), FALSE);

  for (guint i = 0; i < self->task_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->task_ids, i), task_id))
      {
        gtk_stack_set_visible_child_name (self->question_stack, "task");
        gtk_drop_down_set_selected (self->task_dropdown, i);
        gtk_spin_button_set_value (self->item_seed_spin, (double) item_seed);
        return TRUE;
      }
  return FALSE;
}

void
r1ci_playground_page_set_model (R1ciPlaygroundPage *self,
                                const char         *model)
{
  g_return_if_fail (R1CI_IS_PLAYGROUND_PAGE (self));
  r1ci_model_picker_set_model (self->model_picker, model);
}

void
r1ci_playground_page_set_max_tokens (R1ciPlaygroundPage *self,
                                     guint               max_tokens)
{
  g_return_if_fail (R1CI_IS_PLAYGROUND_PAGE (self));
  gtk_spin_button_set_value (self->max_tokens_spin, max_tokens);
}

/* The request for r1ci_agent_run_json, from the form. */
static char *
build_request (R1ciPlaygroundPage *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *model = r1ci_model_picker_get_model (self->model_picker);
  guint style = gtk_drop_down_get_selected (self->style_dropdown);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, model);

  if (g_str_equal (gtk_stack_get_visible_child_name (self->question_stack), "text"))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->question_view);
      GtkTextIter start, end;
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      g_autofree char *question = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      json_builder_set_member_name (builder, "question");
      json_builder_add_string_value (builder, question);
    }
  else
    {
      guint task = gtk_drop_down_get_selected (self->task_dropdown);
      json_builder_set_member_name (builder, "task");
      json_builder_add_string_value (builder, task < self->task_ids->len ? g_ptr_array_index (self->task_ids, task) : "");
      json_builder_set_member_name (builder, "item_seed");
      json_builder_add_int_value (builder, (gint64) gtk_spin_button_get_value (self->item_seed_spin));
      json_builder_set_member_name (builder, "level");
      json_builder_add_int_value (builder, gtk_drop_down_get_selected (self->level_dropdown));
    }

  json_builder_set_member_name (builder, "style");
  json_builder_add_string_value (builder, STYLES[MIN (style, G_N_ELEMENTS (STYLES) - 1)]);
  json_builder_set_member_name (builder, "temperature");
  json_builder_add_double_value (builder, gtk_spin_button_get_value (self->temperature_spin));
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, (gint64) gtk_spin_button_get_value (self->seed_spin));
  json_builder_set_member_name (builder, "max_code_calls");
  json_builder_add_int_value (builder, gtk_spin_button_get_value_as_int (self->code_calls_spin));
  json_builder_set_member_name (builder, "max_trace_tokens");
  json_builder_add_int_value (builder, gtk_spin_button_get_value_as_int (self->max_tokens_spin));
  json_builder_end_object (builder);

  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* ── Running ────────────────────────────────────────────────────────────── */

static void
set_running (R1ciPlaygroundPage *self,
             gboolean            running)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->run_button), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_button), running);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_spinner_set_spinning (self->spinner, running);
}

static void
show_generated (R1ciPlaygroundPage *self)
{
  g_autofree char *text = g_strdup_printf ("%u tokens generated so far", self->generated);
  gtk_label_set_text (self->count_label, text);
}

/* One event of the run, on the main thread. */
static void
on_run_event (JsonObject *event,
              gpointer    user_data)
{
  R1ciPlaygroundPage *self = user_data;
  const char *type = r1ci_json_string (event, "type");

  if (self->trace_view == NULL)  /* disposed */
    return;
  r1ci_live_trace_add_event (self->trace_view, event);

  if (g_str_equal (type, "token"))
    {
      self->generated++;
      if (self->generated % 8 == 1)
        show_generated (self);
    }
  else if (g_str_equal (type, "code_end"))
    {
      g_autofree char *text = g_strdup_printf ("Running block %" G_GINT64_FORMAT " in the sandbox…",
                                               r1ci_json_int (event, "cell") + 1);
      gtk_label_set_text (self->status_label, text);
    }
  else if (g_str_equal (type, "execution") || g_str_equal (type, "start"))
    gtk_label_set_text (self->status_label, "Generating…");
}

/* The whole trace is back: the token view and the summary line show it. */
static void
show_trace (R1ciPlaygroundPage *self,
            JsonObject         *trace)
{
  const char *end = r1ci_json_string (trace, "end");
  r1ci_token_view_set_tokens (self->token_view, r1ci_json_object (trace, "tokens"));

  g_autofree char *status = g_strdup_printf (g_str_equal (end, "stopped") ? "Stopped" : "Finished · %s", end);
  g_autofree char *counts =
    g_strdup_printf ("%u tokens in the trace · %" G_GINT64_FORMAT " generated · %" G_GINT64_FORMAT " turns · %"
                     G_GINT64_FORMAT " code calls", r1ci_token_view_get_count (self->token_view),
                     r1ci_json_int (trace, "generated_tokens"), r1ci_json_int (trace, "turns"),
                     r1ci_json_int (trace, "code_calls"));
  gtk_label_set_text (self->status_label, status);
  gtk_label_set_text (self->count_label, counts);
}

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  R1ciPlaygroundPage *self = user_data;  /* owned reference */
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) trace = r1ci_core_agent_run_finish (result, &error);

  g_clear_object (&self->cancellable);
  if (self->trace_view != NULL)
    {
      set_running (self, FALSE);
      if (trace != NULL && JSON_NODE_HOLDS_OBJECT (trace))
        show_trace (self, json_node_get_object (trace));
      else
        {
          r1ci_live_trace_show_error (self->trace_view, error != NULL ? error->message : "the core returned no trace");
          gtk_label_set_text (self->status_label, "The run failed");
          gtk_label_set_text (self->count_label, "");
        }
      g_signal_emit (self, signals[SIGNAL_RUN_FINISHED], 0);
    }
  g_object_unref (self);
}

gboolean
r1ci_playground_page_run (R1ciPlaygroundPage *self)
{
  g_return_val_if_fail (R1CI_IS_PLAYGROUND_PAGE (self), FALSE);
  if (self->cancellable != NULL)
    return FALSE;

  g_autofree char *request = build_request (self);
  self->cancellable = g_cancellable_new ();
  self->generated = 0;
  r1ci_live_trace_clear (self->trace_view);
  r1ci_token_view_set_tokens (self->token_view, NULL);
  gtk_label_set_text (self->status_label, "Loading the model…");
  gtk_label_set_text (self->count_label, "");
  set_running (self, TRUE);
  r1ci_core_agent_run_async (request, on_run_event, g_object_ref (self), g_object_unref,
                             self->cancellable, on_run_done, g_object_ref (self));
  return TRUE;
}

void
r1ci_playground_page_stop (R1ciPlaygroundPage *self)
{
  g_return_if_fail (R1CI_IS_PLAYGROUND_PAGE (self));
  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  gtk_label_set_text (self->status_label, "Stopping…");
  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_button), FALSE);
}

static void
on_run_clicked (R1ciPlaygroundPage *self)
{
  r1ci_playground_page_run (self);
}

/* The "token" events the current (or last) run has streamed. */
guint
r1ci_playground_page_get_generated (R1ciPlaygroundPage *self)
{
  g_return_val_if_fail (R1CI_IS_PLAYGROUND_PAGE (self), 0);
  return self->generated;
}

static void
on_stop_clicked (R1ciPlaygroundPage *self)
{
  r1ci_playground_page_stop (self);
}

/* ── Views ──────────────────────────────────────────────────────────────── */

void
r1ci_playground_page_show_tokens (R1ciPlaygroundPage *self,
                                  gboolean            tokens)
{
  g_return_if_fail (R1CI_IS_PLAYGROUND_PAGE (self));
  gtk_toggle_button_set_active (self->tokens_toggle, tokens);
  gtk_stack_set_visible_child_name (self->view_stack, tokens ? "tokens" : "trace");
}

static void
on_view_toggled (R1ciPlaygroundPage *self)
{
  gtk_stack_set_visible_child_name (self->view_stack,
                                    gtk_toggle_button_get_active (self->tokens_toggle) ? "tokens" : "trace");
}

/* ── GObject ────────────────────────────────────────────────────────────── */

static void
r1ci_playground_page_dispose (GObject *object)
{
  R1ciPlaygroundPage *self = R1CI_PLAYGROUND_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), R1CI_TYPE_PLAYGROUND_PAGE);
  self->trace_view = NULL;
  G_OBJECT_CLASS (r1ci_playground_page_parent_class)->dispose (object);
}

static void
r1ci_playground_page_finalize (GObject *object)
{
  R1ciPlaygroundPage *self = R1CI_PLAYGROUND_PAGE (object);

  g_clear_pointer (&self->catalogue, json_node_unref);
  g_ptr_array_unref (self->task_ids);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (r1ci_playground_page_parent_class)->finalize (object);
}

static void
r1ci_playground_page_class_init (R1ciPlaygroundPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = r1ci_playground_page_dispose;
  object_class->finalize = r1ci_playground_page_finalize;

  /* Emitted when a run has ended and its trace (or failure) is shown. */
  signals[SIGNAL_RUN_FINISHED] = g_signal_new ("run-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (R1CI_TYPE_MODEL_PICKER);
  g_type_ensure (R1CI_TYPE_LIVE_TRACE);
  g_type_ensure (R1CI_TYPE_TOKEN_VIEW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/r1ci/Studio/r1ci-playground-page.ui");

#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, R1ciPlaygroundPage, name)
  CHILD (model_picker);
  CHILD (question_stack);
  CHILD (task_dropdown);
  CHILD (level_dropdown);
  CHILD (item_seed_spin);
  CHILD (question_view);
  CHILD (style_dropdown);
  CHILD (temperature_spin);
  CHILD (seed_spin);
  CHILD (code_calls_spin);
  CHILD (max_tokens_spin);
  CHILD (run_button);
  CHILD (stop_button);
  CHILD (spinner);
  CHILD (status_label);
  CHILD (count_label);
  CHILD (tokens_toggle);
  CHILD (view_stack);
  CHILD (trace_view);
  CHILD (token_view);
#undef CHILD

  gtk_widget_class_bind_template_callback (widget_class, on_task_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_run_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_view_toggled);
}

static void
r1ci_playground_page_init (R1ciPlaygroundPage *self)
{
  self->task_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  load_catalogue (self);
}
