/* r1ci-model-picker.c — a drop-down of models (from r1ci_models_list_json),
 * two buttons that add a file or a folder from disk, and an entry for a
 * remote endpoint. Built in code. */

#define G_LOG_DOMAIN "r1ci-model-picker"

#include "r1ci-core.h"
#include "r1ci-json.h"
#include "r1ci-model-picker.h"

#define REMOTE_PREFIX "openai:"

struct _R1ciModelPicker
{
  GtkWidget parent_instance;

  /* children */
  GtkWidget     *box;
  GtkDropDown   *dropdown;
  GtkStringList *labels;   /* what the drop-down shows */
  GtkEntry      *remote_entry;

  /* the model argument of each drop-down row */
  GPtrArray *values;       /* char * */
  GtkNativeDialog *chooser;  /* the open file/folder dialog, while shown */
};

G_DEFINE_FINAL_TYPE (R1ciModelPicker, r1ci_model_picker, GTK_TYPE_WIDGET)

static void
add_row (R1ciModelPicker *self,
         const char      *label,
         const char      *value)
{
  gtk_string_list_append (self->labels, label);
  g_ptr_array_add (self->values, g_strdup (value));
}

/* Fills the list from the core: installed models, the default first. */
static void
load_models (R1ciModelPicker *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) listing = r1ci_core_models_list (&error);
  JsonArray *models = listing != NULL && JSON_NODE_HOLDS_OBJECT (listing)
                      ? r1ci_json_array (json_node_get_object (listing), "models") : NULL;
  guint n = models != NULL ? json_array_get_length (models) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *model = json_array_get_object_element (models, i);
      if (!r1ci_json_boolean (model, "installed"))
        continue;
      gboolean is_default = r1ci_json_boolean (model, "default");
      const char *name = r1ci_json_string (model, "name");
      g_autofree char *label = is_default ? g_strdup_printf ("%s · embedded", name) : g_strdup (name);
      add_row (self, label, is_default ? name : r1ci_json_string (model, "path"));
    }
  if (self->values->len == 0)
    add_row (self, "smollm2-135m (not installed)", "smollm2-135m");
}

char *
r1ci_model_picker_get_model (R1ciModelPicker *self)
{
  g_return_val_if_fail (R1CI_IS_MODEL_PICKER (self), NULL);
  g_autofree char *remote = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->remote_entry))));
  guint selected = gtk_drop_down_get_selected (self->dropdown);

  if (remote[0] != '\0')
    return g_str_has_prefix (remote, REMOTE_PREFIX) ? g_steal_pointer (&remote)
                                                    : g_strconcat (REMOTE_PREFIX, remote, NULL);
  if (selected < self->values->len)
    return g_strdup (g_ptr_array_index (self->values, selected));
  return g_strdup ("smollm2-135m");
}

void
r1ci_model_picker_set_model (R1ciModelPicker *self,
                             const char      *model)
{
  g_return_if_fail (R1CI_IS_MODEL_PICKER (self));

  if (g_str_has_prefix (model, REMOTE_PREFIX))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->remote_entry), model);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->remote_entry), "");
  for (guint i = 0; i < self->values->len; i++)
    if (g_str_equal (g_ptr_array_index (self->values, i), model))
      {
        gtk_drop_down_set_selected (self->dropdown, i);
        return;
      }
  g_autofree char *label = g_path_get_basename (model);
  add_row (self, label, model);
  gtk_drop_down_set_selected (self->dropdown, self->values->len - 1);
}

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  R1ciModelPicker *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      if (path != NULL)
        r1ci_model_picker_set_model (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_from_disk (R1ciModelPicker      *self,
                  GtkFileChooserAction  action)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean folder = action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (folder ? "Choose a Hugging Face model folder" : "Choose a GGUF model",
                                 GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, action, "_Open", "_Cancel");

  if (!folder)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, "GGUF models");
      gtk_file_filter_add_pattern (filter, "*.gguf");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (self->chooser);
}

static void
on_open_file (R1ciModelPicker *self)
{
  choose_from_disk (self, GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
on_open_folder (R1ciModelPicker *self)
{
  choose_from_disk (self, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             GCallback   handler,
             gpointer    self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);
  gtk_widget_set_tooltip_text (button, tooltip);
  g_signal_connect_swapped (button, "clicked", handler, self);
  return button;
}

/* A remote endpoint typed in takes the place of the local choice: the
 * drop-down greys out so the page shows one model, the one that runs. */
static void
on_remote_changed (R1ciModelPicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->remote_entry));
  gboolean local = TRUE;

  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_isspace (*c))
      local = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->dropdown), local);
}

static void
r1ci_model_picker_dispose (GObject *object)
{
  R1ciModelPicker *self = R1CI_MODEL_PICKER (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (r1ci_model_picker_parent_class)->dispose (object);
}

static void
r1ci_model_picker_finalize (GObject *object)
{
  g_ptr_array_unref (R1CI_MODEL_PICKER (object)->values);
  G_OBJECT_CLASS (r1ci_model_picker_parent_class)->finalize (object);
}

static void
r1ci_model_picker_class_init (R1ciModelPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = r1ci_model_picker_dispose;
  object_class->finalize = r1ci_model_picker_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
r1ci_model_picker_init (R1ciModelPicker *self)
{
  self->values = g_ptr_array_new_with_free_func (g_free);
  self->labels = gtk_string_list_new (NULL);
  load_models (self);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (row, "linked");
  self->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->labels), NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->dropdown), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->dropdown), "Local model");
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->dropdown));
  gtk_box_append (GTK_BOX (row), icon_button ("document-open-symbolic", "Open a GGUF file…",
                                              G_CALLBACK (on_open_file), self));
  gtk_box_append (GTK_BOX (row), icon_button ("folder-open-symbolic", "Open a Hugging Face model folder…",
                                              G_CALLBACK (on_open_folder), self));
  gtk_box_append (GTK_BOX (self->box), row);

  self->remote_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->remote_entry, "or remote: openai:URL#NAME");
  gtk_editable_set_width_chars (GTK_EDITABLE (self->remote_entry), 12);
  gtk_entry_set_icon_from_icon_name (self->remote_entry, GTK_ENTRY_ICON_PRIMARY, "network-server-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remote_entry),
                               "An OpenAI-compatible server, e.g. openai:http://host:8000/v1#qwen2.5-7b; when filled in, it is used instead of the local model");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->remote_entry));
  g_signal_connect_swapped (self->remote_entry, "changed", G_CALLBACK (on_remote_changed), self);
}
