/* r1ci-run-form.c — the launch form, built in code from the methods' schemas.
 *
 * One grid of fields per method, in a stack; a field's widget follows its
 * key: a drop-down for keys with allowed values, for "model" (the installed
 * models) and "split" (the splits the task library names), a switch for
 * booleans, an entry with a Choose… button for "data" and a task menu for
 * "tasks", an entry otherwise. Only values that differ from the default are
 * sent: the core fills in the rest and checks everything.
 */

#define G_LOG_DOMAIN "r1ci-run-form"

#include "r1ci-core.h"
#include "r1ci-json.h"
#include "r1ci-run-form.h"

/* Keys shown above the fold; the others go under "More options". */
static const char *const MAIN_KEYS[] = {
  "model", "data", "tasks", "split", "steps", "lr", "batch", "seq", "group_size", "prompts_per_step",
  "prompts", "max_tokens", "max_trace_tokens", "max_turn_tokens", "temperature", "kl_coef", "lora_rank", NULL
};

typedef enum { FIELD_ENTRY, FIELD_SWITCH, FIELD_CHOICE } FieldKind;

typedef struct
{
  char          *key;
  char          *type;          /* "int", "float", "string", "bool" */
  char          *default_text;  /* the default as the field shows it; "" when none */
  FieldKind      kind;
  GtkWidget     *widget;        /* GtkEntry, GtkSwitch or GtkDropDown */
  GtkStringList *choices;       /* FIELD_CHOICE: the values */
} Field;

typedef struct
{
  char      *method;
  GPtrArray *fields;  /* Field * */
} MethodForm;

struct _R1ciRunForm
{
  GtkWidget parent_instance;

  /* children */
  GtkWidget   *box;
  GtkDropDown *method_dropdown;
  GtkStack    *method_stack;
  GtkLabel    *error_label;
  GtkWidget   *launch_button;

  /* borrowed */
  gpointer workspace;

  /* owned */
  GPtrArray  *methods;       /* MethodForm * */
  JsonNode   *tasks;         /* r1ci_tasks_list_json, or NULL */
  JsonObject *extra;         /* members filled in that no field has */
};

G_DEFINE_FINAL_TYPE (R1ciRunForm, r1ci_run_form, GTK_TYPE_WIDGET)

enum { SIGNAL_LAUNCHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
field_free (gpointer data)
{
  Field *field = data;
  g_free (field->key);
  g_free (field->type);
  g_free (field->default_text);
  g_clear_object (&field->choices);
  g_free (field);
}

static void
method_form_free (gpointer data)
{
  MethodForm *form = data;
  g_free (form->method);
  g_ptr_array_unref (form->fields);
  g_free (form);
}

/* ── Values ─────────────────────────────────────────────────────────────── */

/* A JSON scalar as a field shows it: 1e-05, 512, "q,k,v". */
static char *
value_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return g_strdup ("");
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:   return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", json_node_get_double (node)));
      }
    case G_TYPE_BOOLEAN: return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_STRING:  return g_strdup (json_node_get_string (node));
    default:             return g_strdup ("");
    }
}

static char *
field_text (Field *field)
{
  switch (field->kind)
    {
    case FIELD_SWITCH:
      return g_strdup (gtk_switch_get_active (GTK_SWITCH (field->widget)) ? "true" : "false");
    case FIELD_CHOICE:
      {
        guint i = gtk_drop_down_get_selected (GTK_DROP_DOWN (field->widget));
        const char *text = i != GTK_INVALID_LIST_POSITION ? gtk_string_list_get_string (field->choices, i) : NULL;
        return g_strdup (text != NULL ? text : "");
      }
    case FIELD_ENTRY:
    default:
      return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->widget))));
    }
}

static void
set_field_text (Field      *field,
                const char *text)
{
  switch (field->kind)
    {
    case FIELD_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (field->widget), g_str_equal (text, "true"));
      break;
    case FIELD_CHOICE:
      {
        guint n = g_list_model_get_n_items (G_LIST_MODEL (field->choices));
        for (guint i = 0; i < n; i++)
          if (g_str_equal (gtk_string_list_get_string (field->choices, i), text))
            {
              gtk_drop_down_set_selected (GTK_DROP_DOWN (field->widget), i);
              return;
            }
        gtk_string_list_append (field->choices, text);
        gtk_drop_down_set_selected (GTK_DROP_DOWN (field->widget), n);
        break;
      }
    case FIELD_ENTRY:
      gtk_editable_set_text (GTK_EDITABLE (field->widget), text);
      break;
    }
}

/* Adds the field's value to the config under construction when it differs
 * from the default. A number that does not parse goes as a string: the core
 * then says which key is not a number. */
static void
add_field_value (JsonBuilder *builder,
                 Field       *field)
{
  g_autofree char *text = field_text (field);
  char *end = NULL;

  if (text[0] == '\0' || g_str_equal (text, field->default_text))
    return;
  json_builder_set_member_name (builder, field->key);
  if (g_str_equal (field->type, "int"))
    {
      gint64 value = g_ascii_strtoll (text, &end, 10);
      if (end != NULL && *end == '\0')
        {
          json_builder_add_int_value (builder, value);
          return;
        }
    }
  else if (g_str_equal (field->type, "float"))
    {
      double value = g_ascii_strtod (text, &end);
      if (end != NULL && *end == '\0')
        {
          json_builder_add_double_value (builder, value);
          return;
        }
    }
  else if (g_str_equal (field->type, "bool"))
    {
      json_builder_add_boolean_value (builder, g_str_equal (text, "true"));
      return;
    }
  json_builder_add_string_value (builder, text);
}

static MethodForm *
current_method (R1ciRunForm *self)
{
  guint i = gtk_drop_down_get_selected (self->method_dropdown);
  return i < self->methods->len ? g_ptr_array_index (self->methods, i) : NULL;
}

char *
r1ci_run_form_get_config (R1ciRunForm *self)
{
  g_return_val_if_fail (R1CI_IS_RUN_FORM (self), NULL);

  MethodForm *form = current_method (self);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, form != NULL ? form->method : "");
  for (guint i = 0; form != NULL && i < form->fields->len; i++)
    add_field_value (builder, g_ptr_array_index (form->fields, i));
  if (self->extra != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;
      json_object_iter_init (&iter, self->extra);
      while (json_object_iter_next (&iter, &name, &node))
        {
          json_builder_set_member_name (builder, name);
          json_builder_add_value (builder, json_node_copy (node));
        }
    }
  json_builder_end_object (builder);

  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* ── Field widgets ──────────────────────────────────────────────────────── */

/* The installed models the core lists, the default first. */
static void
add_model_choices (GtkStringList *choices)
{
  g_autoptr(JsonNode) listing = r1ci_core_models_list (NULL);
  JsonArray *models = listing != NULL && JSON_NODE_HOLDS_OBJECT (listing)
                      ? r1ci_json_array (json_node_get_object (listing), "models") : NULL;

  for (guint i = 0; models != NULL && i < json_array_get_length (models); i++)
    {
      JsonObject *model = json_array_get_object_element (models, i);
      if (r1ci_json_boolean (model, "installed"))
        gtk_string_list_append (choices, r1ci_json_boolean (model, "default")
                                         ? r1ci_json_string (model, "name") : r1ci_json_string (model, "path"));
    }
}

/* The splits the task library names, in first-seen order. */
static void
add_split_choices (R1ciRunForm   *self,
                   GtkStringList *choices)
{
  JsonArray *tasks = self->tasks != NULL && JSON_NODE_HOLDS_ARRAY (self->tasks) ? json_node_get_array (self->tasks) : NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; tasks != NULL && i < json_array_get_length (tasks); i++)
    {
      const char *split = r1ci_json_string (json_array_get_object_element (tasks, i), "split");
      if (split[0] != '\0' && g_hash_table_add (seen, (gpointer) split))
        gtk_string_list_append (choices, split);
    }
}

static void
on_task_toggled (GtkCheckButton *button,
                 gpointer        user_data)
{
  GtkEditable *entry = user_data;
  const char *task = g_object_get_data (G_OBJECT (button), "task");
  g_auto(GStrv) current = g_strsplit (gtk_editable_get_text (entry), ",", -1);
  g_autoptr(GStrvBuilder) next = g_strv_builder_new ();

  for (guint i = 0; current[i] != NULL; i++)
    {
      g_strstrip (current[i]);
      if (current[i][0] != '\0' && !g_str_equal (current[i], task))
        g_strv_builder_add (next, current[i]);
    }
  if (gtk_check_button_get_active (button))
    g_strv_builder_add (next, task);
  g_auto(GStrv) joined = g_strv_builder_end (next);
  g_autofree char *text = g_strjoinv (",", joined);
  gtk_editable_set_text (entry, text);
}

/* A menu button whose popover lists every task as a check button that adds
 * it to, or removes it from, the entry's comma-separated list. */
static GtkWidget *
task_menu (R1ciRunForm *self,
           GtkWidget   *entry)
{
  JsonArray *tasks = self->tasks != NULL && JSON_NODE_HOLDS_ARRAY (self->tasks) ? json_node_get_array (self->tasks) : NULL;
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *button = gtk_menu_button_new ();

  for (guint i = 0; tasks != NULL && i < json_array_get_length (tasks); i++)
    {
      JsonObject *task = json_array_get_object_element (tasks, i);
      g_autofree char *label = g_strdup_printf ("%s · %s", r1ci_json_string (task, "id"), r1ci_json_string (task, "split"));
      GtkWidget *check = gtk_check_button_new_with_label (label);
      g_object_set_data_full (G_OBJECT (check), "task", g_strdup (r1ci_json_string (task, "id")), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_task_toggled), entry);
      gtk_box_append (GTK_BOX (list), check);
    }
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-list-symbolic");
  gtk_widget_set_tooltip_text (button, "Pick tasks");
  return button;
}

static void
on_data_chosen (GtkNativeDialog *dialog,
                int              response,
                gpointer         user_data)
{
  GtkEditable *entry = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      if (path != NULL)
        gtk_editable_set_text (entry, path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_choose_data (GtkButton *button,
                gpointer   user_data)
{
  GtkWidget *entry = user_data;
  GtkRoot *root = gtk_widget_get_root (entry);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new ("Choose SFT data (chat JSONL)", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_OPEN, "_Choose", "_Cancel");
  g_signal_connect (chooser, "response", G_CALLBACK (on_data_chosen), entry);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
setup_choice_label (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_START);
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_list_item_set_child (item, label);
}

static void
bind_choice_label (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkStringObject *choice = gtk_list_item_get_item (item);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (choice));
}

/* A drop-down over choices whose button ellipsizes long values (model paths)
 * at the start, so the form keeps its width; the popup shows them whole. */
static GtkWidget *
choice_dropdown (GtkStringList *choices)
{
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (choices)), NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkListItemFactory *list_factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_label), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice_label), NULL);
  gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), factory);
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_choice_label), NULL);
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_choice_label), NULL);
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), list_factory);
  g_object_unref (factory);
  g_object_unref (list_factory);
  return dropdown;
}

/* Builds the field's widget; returns what goes in the grid's value column. */
static GtkWidget *
build_field (R1ciRunForm *self,
             Field       *field,
             JsonArray   *allowed,
             gboolean     required)
{
  gboolean is_model = g_str_equal (field->key, "model") && g_str_equal (field->type, "string");
  gboolean is_split = g_str_equal (field->key, "split") && g_str_equal (field->type, "string");
  guint n_allowed = allowed != NULL ? json_array_get_length (allowed) : 0;

  if (g_str_equal (field->type, "bool"))
    {
      field->kind = FIELD_SWITCH;
      field->widget = gtk_switch_new ();
      gtk_widget_set_halign (field->widget, GTK_ALIGN_START);
      set_field_text (field, field->default_text);
      return field->widget;
    }
  if (n_allowed > 0 || is_model || is_split)
    {
      field->kind = FIELD_CHOICE;
      field->choices = gtk_string_list_new (NULL);
      for (guint i = 0; i < n_allowed; i++)
        gtk_string_list_append (field->choices, json_array_get_string_element (allowed, i));
      if (n_allowed == 0 && is_model)
        add_model_choices (field->choices);
      if (n_allowed == 0 && is_split)
        add_split_choices (self, field->choices);
      field->widget = choice_dropdown (field->choices);
      gtk_widget_set_hexpand (field->widget, TRUE);
      if (field->default_text[0] != '\0')
        set_field_text (field, field->default_text);
      return field->widget;
    }

  field->kind = FIELD_ENTRY;
  field->widget = gtk_entry_new ();
  gtk_widget_set_hexpand (field->widget, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (field->widget), 8);
  gtk_editable_set_text (GTK_EDITABLE (field->widget), field->default_text);
  gtk_entry_set_placeholder_text (GTK_ENTRY (field->widget), required ? "required" : "optional");
  if (g_str_equal (field->key, "data") || g_str_equal (field->key, "tasks"))
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *button;
      if (g_str_equal (field->key, "data"))
        {
          button = gtk_button_new_from_icon_name ("document-open-symbolic");
          gtk_widget_set_tooltip_text (button, "Choose a chat JSONL file");
          g_signal_connect (button, "clicked", G_CALLBACK (on_choose_data), field->widget);
        }
      else
        {
          button = task_menu (self, field->widget);
          gtk_entry_set_placeholder_text (GTK_ENTRY (field->widget), "every task of the split");
        }
      gtk_box_append (GTK_BOX (row), field->widget);
      gtk_box_append (GTK_BOX (row), button);
      return row;
    }
  return field->widget;
}

static void
attach_field (GtkGrid    *grid,
              int         row,
              const char *key,
              const char *tooltip,
              GtkWidget  *value)
{
  GtkWidget *label = gtk_label_new (key);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "form-key");
  gtk_widget_set_tooltip_text (label, tooltip);
  gtk_widget_set_tooltip_text (value, tooltip);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, value, 1, row, 1, 1);
}

static GtkWidget *
new_grid (void)
{
  GtkWidget *grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 10);
  return grid;
}

/* One method's fields: the main keys in a grid, the rest under an expander. */
static GtkWidget *
build_method (R1ciRunForm *self,
              MethodForm  *form,
              JsonArray   *keys)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *main_grid = new_grid ();
  GtkWidget *more_grid = new_grid ();
  int main_rows = 0, more_rows = 0;

  for (guint i = 0; keys != NULL && i < json_array_get_length (keys); i++)
    {
      JsonObject *key = json_array_get_object_element (keys, i);
      Field *field = g_new0 (Field, 1);
      gboolean required = r1ci_json_boolean (key, "required");

      field->key = g_strdup (r1ci_json_string (key, "key"));
      field->type = g_strdup (r1ci_json_string (key, "type"));
      field->default_text = value_text (json_object_get_member (key, "default"));
      g_ptr_array_add (form->fields, field);

      GtkWidget *value = build_field (self, field, r1ci_json_array (key, "allowed"), required);
      g_autofree char *tooltip = g_strdup_printf ("%s (%s%s%s)", r1ci_json_string (key, "help"),
                                                  r1ci_json_string (key, "flag"),
                                                  field->default_text[0] != '\0' ? ", default " : "",
                                                  field->default_text);
      if (required || g_strv_contains (MAIN_KEYS, field->key))
        attach_field (GTK_GRID (main_grid), main_rows++, field->key, tooltip, value);
      else
        attach_field (GTK_GRID (more_grid), more_rows++, field->key, tooltip, value);
    }

  gtk_box_append (GTK_BOX (box), main_grid);
  if (more_rows > 0)
    {
      g_autofree char *title = g_strdup_printf ("More options (%d)", more_rows);
      GtkWidget *expander = gtk_expander_new (title);
      gtk_widget_set_margin_top (more_grid, 6);
      gtk_expander_set_child (GTK_EXPANDER (expander), more_grid);
      gtk_box_append (GTK_BOX (box), expander);
    }
  return box;
}

/* Builds the method drop-down and one page of fields per method. */
static void
load_methods (R1ciRunForm *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = r1ci_core_train_methods (&error);
  JsonArray *methods = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                       ? r1ci_json_array (json_node_get_object (node), "methods") : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  if (methods == NULL)
    {
      g_autofree char *text = g_strdup_printf ("Could not read the training methods: %s",
                                               error != NULL ? error->message : "no list");
      gtk_label_set_text (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  self->tasks = r1ci_core_tasks_list (NULL);
  for (guint i = 0; i < json_array_get_length (methods); i++)
    {
      JsonObject *method = json_array_get_object_element (methods, i);
      MethodForm *form = g_new0 (MethodForm, 1);
      form->method = g_strdup (r1ci_json_string (method, "method"));
      form->fields = g_ptr_array_new_with_free_func (field_free);
      g_ptr_array_add (self->methods, form);
      g_autofree char *title = g_ascii_strup (form->method, -1);
      gtk_string_list_append (names, title);
      gtk_stack_add_named (self->method_stack, build_method (self, form, r1ci_json_array (method, "keys")),
                           form->method);
    }
  gtk_drop_down_set_model (self->method_dropdown, G_LIST_MODEL (names));
}

/* ── Actions ────────────────────────────────────────────────────────────── */

static void
show_error (R1ciRunForm *self,
            const char  *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_method_changed (R1ciRunForm *self)
{
  MethodForm *form = current_method (self);
  if (form != NULL)
    gtk_stack_set_visible_child_name (self->method_stack, form->method);
  show_error (self, NULL);
}

gboolean
r1ci_run_form_launch (R1ciRunForm *self)
{
  g_return_val_if_fail (R1CI_IS_RUN_FORM (self), FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *config = r1ci_run_form_get_config (self);
  gint64 id = 0;

  if (self->workspace == NULL)
    {
      show_error (self, "No workspace is open: runs are recorded in a workspace.");
      return FALSE;
    }
  if (!r1ci_core_run_start (self->workspace, config, &id, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  show_error (self, NULL);
  g_signal_emit (self, signals[SIGNAL_LAUNCHED], 0, id);
  return TRUE;
}

static void
on_launch_clicked (R1ciRunForm *self)
{
  r1ci_run_form_launch (self);
}

gboolean
r1ci_run_form_fill (R1ciRunForm *self,
                    const char  *json)
{
  g_return_val_if_fail (R1CI_IS_RUN_FORM (self), FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, json, -1, NULL) || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  JsonObject *config = json_node_get_object (json_parser_get_root (parser));
  const char *method = r1ci_json_string (config, "method");
  for (guint i = 0; i < self->methods->len; i++)
    if (g_str_equal (((MethodForm *) g_ptr_array_index (self->methods, i))->method, method))
      gtk_drop_down_set_selected (self->method_dropdown, i);

  MethodForm *form = current_method (self);
  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  json_object_iter_init (&iter, config);
  while (json_object_iter_next (&iter, &name, &node))
    {
      Field *found = NULL;
      if (g_str_equal (name, "method"))
        continue;
      for (guint i = 0; form != NULL && i < form->fields->len && found == NULL; i++)
        if (g_str_equal (((Field *) g_ptr_array_index (form->fields, i))->key, name))
          found = g_ptr_array_index (form->fields, i);
      if (found != NULL)
        {
          g_autofree char *text = value_text (node);
          set_field_text (found, text);
        }
      else
        json_object_set_member (self->extra, name, json_node_copy (node));
    }
  return TRUE;
}

void
r1ci_run_form_set_workspace (R1ciRunForm *self,
                             gpointer     workspace)
{
  g_return_if_fail (R1CI_IS_RUN_FORM (self));
  self->workspace = workspace;
  gtk_widget_set_sensitive (self->launch_button, workspace != NULL);
}

/* ── Widget ─────────────────────────────────────────────────────────────── */

static void
r1ci_run_form_dispose (GObject *object)
{
  R1ciRunForm *self = R1CI_RUN_FORM (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->methods, g_ptr_array_unref);
  g_clear_pointer (&self->tasks, json_node_unref);
  g_clear_pointer (&self->extra, json_object_unref);
  self->workspace = NULL;
  G_OBJECT_CLASS (r1ci_run_form_parent_class)->dispose (object);
}

static void
r1ci_run_form_class_init (R1ciRunFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = r1ci_run_form_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /* A run started; its id. */
  signals[SIGNAL_LAUNCHED] = g_signal_new ("launched", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
r1ci_run_form_init (R1ciRunForm *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *title = gtk_label_new ("Launch a run");

  self->methods = g_ptr_array_new_with_free_func (method_form_free);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_widget_add_css_class (title, "section-title");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  self->method_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->method_dropdown), "Training method");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->method_dropdown));
  gtk_box_append (GTK_BOX (self->box), header);

  self->method_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (self->method_stack, FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->method_stack));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_wrap_mode (self->error_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_selectable (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->error_label));

  self->launch_button = gtk_button_new_with_label ("Launch");
  gtk_widget_add_css_class (self->launch_button, "suggested-action");
  gtk_widget_set_halign (self->launch_button, GTK_ALIGN_END);
  gtk_widget_set_sensitive (self->launch_button, FALSE);
  g_signal_connect_swapped (self->launch_button, "clicked", G_CALLBACK (on_launch_clicked), self);
  gtk_box_append (GTK_BOX (self->box), self->launch_button);

  load_methods (self);
  g_signal_connect_swapped (self->method_dropdown, "notify::selected", G_CALLBACK (on_method_changed), self);
  on_method_changed (self);
}
