/* r1ci-json-row.c — a GObject that holds one JSON object of the core's answers. */

#define G_LOG_DOMAIN "r1ci-json-row"

#include "r1ci-json-row.h"

struct _R1ciJsonRow
{
  GObject parent_instance;

  /* owned references */
  JsonObject *object;
};

G_DEFINE_FINAL_TYPE (R1ciJsonRow, r1ci_json_row, G_TYPE_OBJECT)

static void
r1ci_json_row_finalize (GObject *object)
{
  R1ciJsonRow *self = R1CI_JSON_ROW (object);

  g_clear_pointer (&self->object, json_object_unref);
  G_OBJECT_CLASS (r1ci_json_row_parent_class)->finalize (object);
}

static void
r1ci_json_row_class_init (R1ciJsonRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = r1ci_json_row_finalize;
}

static void
r1ci_json_row_init (R1ciJsonRow *self)
{
}

R1ciJsonRow *
r1ci_json_row_new (JsonObject *object)
{
  R1ciJsonRow *self = g_object_new (R1CI_TYPE_JSON_ROW, NULL);

  g_return_val_if_fail (object != NULL, self);
  self->object = json_object_ref (object);
  return self;
}

JsonObject *
r1ci_json_row_get_object (R1ciJsonRow *self)
{
  g_return_val_if_fail (R1CI_IS_JSON_ROW (self), NULL);
  return self->object;
}

GListStore *
r1ci_json_row_store_from_array (JsonArray *array)
{
  GListStore *store = g_list_store_new (R1CI_TYPE_JSON_ROW);
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      g_autoptr(R1ciJsonRow) row = r1ci_json_row_new (json_node_get_object (node));
      g_list_store_append (store, row);
    }
  return store;
}
