/* r1ci-task.c — a catalogue row; holds the core's JSON object and exposes
 * its fields as read-only properties. */

#define G_LOG_DOMAIN "r1ci-task"

#include <string.h>

#include "r1ci-json.h"
#include "r1ci-task.h"

struct _R1ciTask
{
  GObject parent_instance;

  /* owned references */
  JsonObject *object;
  char       *summary;   /* "category · source", for the row's caption */
  char       *haystack;  /* casefolded id, title, source, category, split, description */
};

G_DEFINE_FINAL_TYPE (R1ciTask, r1ci_task, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SOURCE,
  PROP_CATEGORY,
  PROP_SPLIT,
  PROP_DESCRIPTION,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
r1ci_task_finalize (GObject *object)
{
  R1ciTask *self = R1CI_TASK (object);

  g_clear_pointer (&self->object, json_object_unref);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->haystack, g_free);

  G_OBJECT_CLASS (r1ci_task_parent_class)->finalize (object);
}

static void
r1ci_task_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  R1ciTask *self = R1CI_TASK (object);

  switch (prop_id)
    {
    case PROP_ID:          g_value_set_string (value, r1ci_task_get_id (self)); break;
    case PROP_TITLE:       g_value_set_string (value, r1ci_task_get_title (self)); break;
    case PROP_SOURCE:      g_value_set_string (value, r1ci_task_get_source (self)); break;
    case PROP_CATEGORY:    g_value_set_string (value, r1ci_task_get_category (self)); break;
    case PROP_SPLIT:       g_value_set_string (value, r1ci_task_get_split (self)); break;
    case PROP_DESCRIPTION: g_value_set_string (value, r1ci_task_get_description (self)); break;
    case PROP_SUMMARY:     g_value_set_string (value, self->summary); break;
    default:               G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
r1ci_task_class_init (R1ciTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = r1ci_task_finalize;
  object_class->get_property = r1ci_task_get_property;

#define STRING_PROP(ID, NAME) \
  properties[ID] = g_param_spec_string (NAME, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)
  STRING_PROP (PROP_ID, "id");
  STRING_PROP (PROP_TITLE, "title");
  STRING_PROP (PROP_SOURCE, "source");
  STRING_PROP (PROP_CATEGORY, "category");
  STRING_PROP (PROP_SPLIT, "split");
  STRING_PROP (PROP_DESCRIPTION, "description");
  STRING_PROP (PROP_SUMMARY, "summary");
#undef STRING_PROP

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
r1ci_task_init (R1ciTask *self)
{
}

/* Takes a new reference on object. */
R1ciTask *
r1ci_task_new_from_json (JsonObject *object)
{
  g_return_val_if_fail (object != NULL, NULL);

  R1ciTask *self = g_object_new (R1CI_TYPE_TASK, NULL);
  self->object = json_object_ref (object);
  self->summary = g_strdup_printf ("%s · %s", r1ci_task_get_category (self), r1ci_task_get_source (self));

  g_autofree char *joined = g_strjoin ("\n", r1ci_task_get_id (self), r1ci_task_get_title (self),
                                       r1ci_task_get_source (self), r1ci_task_get_category (self),
                                       r1ci_task_get_split (self), r1ci_task_get_description (self),
                                       NULL);
  self->haystack = g_utf8_casefold (joined, -1);
  return self;
}

const char *r1ci_task_get_id (R1ciTask *self)          { return r1ci_json_string (self->object, "id"); }
const char *r1ci_task_get_title (R1ciTask *self)       { return r1ci_json_string (self->object, "title"); }
const char *r1ci_task_get_source (R1ciTask *self)      { return r1ci_json_string (self->object, "source"); }
const char *r1ci_task_get_category (R1ciTask *self)    { return r1ci_json_string (self->object, "category"); }
const char *r1ci_task_get_split (R1ciTask *self)       { return r1ci_json_string (self->object, "split"); }
const char *r1ci_task_get_description (R1ciTask *self) { return r1ci_json_string (self->object, "description"); }

int
r1ci_task_get_default_level (R1ciTask *self)
{
  g_return_val_if_fail (R1CI_IS_TASK (self), 0);
  if (!json_object_has_member (self->object, "default_level"))
    return 0;
  return (int) json_object_get_int_member (self->object, "default_level");
}

guint
r1ci_task_get_n_levels (R1ciTask *self)
{
  JsonArray *levels = r1ci_json_array (self->object, "levels");
  return levels != NULL ? json_array_get_length (levels) : 0;
}

static JsonObject *
level_object (R1ciTask *self,
              guint     level)
{
  JsonArray *levels = r1ci_json_array (self->object, "levels");
  if (levels == NULL || level >= json_array_get_length (levels))
    return NULL;
  JsonNode *node = json_array_get_element (levels, level);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

const char *
r1ci_task_get_level_name (R1ciTask *self,
                          guint     level)
{
  return r1ci_json_string (level_object (self, level), "name");
}

/* "medium — numbers 4 · max_value 13 · max_target 24": knobs in the task's
 * declared order (the level's own map is sorted by name). Caller frees. */
char *
r1ci_task_describe_level (R1ciTask *self,
                          guint     level)
{
  JsonObject *object = level_object (self, level);
  if (object == NULL)
    return g_strdup ("");

  GString *text = g_string_new (r1ci_json_string (object, "name"));
  JsonObject *values = json_object_has_member (object, "knobs")
                       ? json_object_get_object_member (object, "knobs") : NULL;
  JsonArray *knobs = r1ci_json_array (self->object, "knobs");

  for (guint i = 0; values != NULL && knobs != NULL && i < json_array_get_length (knobs); i++)
    {
      JsonNode *knob = json_array_get_element (knobs, i);
      const char *name = JSON_NODE_HOLDS_OBJECT (knob) ? r1ci_json_string (json_node_get_object (knob), "name") : "";
      if (name[0] == '\0' || !json_object_has_member (values, name))
        continue;
      g_string_append_printf (text, "%s%s %" G_GINT64_FORMAT,
                              i == 0 ? "  —  " : " · ", name,
                              json_object_get_int_member (values, name));
    }
  return g_string_free (text, FALSE);
}

/* One line per knob: "name — description". Caller frees. */
char *
r1ci_task_describe_knobs (R1ciTask *self)
{
  GString *text = g_string_new (NULL);
  JsonArray *knobs = r1ci_json_array (self->object, "knobs");

  for (guint i = 0; knobs != NULL && i < json_array_get_length (knobs); i++)
    {
      JsonNode *knob = json_array_get_element (knobs, i);
      if (!JSON_NODE_HOLDS_OBJECT (knob))
        continue;
      JsonObject *object = json_node_get_object (knob);
      g_string_append_printf (text, "%s%s — %s", text->len > 0 ? "\n" : "",
                              r1ci_json_string (object, "name"), r1ci_json_string (object, "description"));
    }
  return g_string_free (text, FALSE);
}

/* The level index named by a level name or a decimal index; -1 when neither. */
int
r1ci_task_find_level (R1ciTask   *self,
                      const char *name_or_number)
{
  guint n = r1ci_task_get_n_levels (self);
  guint64 number;

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (r1ci_task_get_level_name (self, i), name_or_number) == 0)
      return (int) i;

  if (g_ascii_string_to_unsigned (name_or_number, 10, 0, G_MAXINT, &number, NULL))
    return (int) number;  /* out of range numbers go to the core, which explains them */

  return -1;
}

gboolean
r1ci_task_matches_text (R1ciTask   *self,
                        const char *casefolded_text)
{
  return casefolded_text == NULL || casefolded_text[0] == '\0'
         || strstr (self->haystack, casefolded_text) != NULL;
}
