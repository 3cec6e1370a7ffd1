/* r1ci-json.c — member readers that check types before reading. */

#include "r1ci-json.h"

static JsonNode *member (JsonObject *object, const char *name);

/* The member when it holds a plain value of the given type, else NULL. */
static JsonNode *
value_member (JsonObject *object,
              const char *name,
              GType       type)
{
  JsonNode *node = member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  GType held = json_node_get_value_type (node);
  if (type == G_TYPE_DOUBLE)
    return held == G_TYPE_DOUBLE || held == G_TYPE_INT64 ? node : NULL;
  return held == type ? node : NULL;
}

const char *
r1ci_json_string (JsonObject *object,
                  const char *name)
{
  JsonNode *node = value_member (object, name, G_TYPE_STRING);
  return node != NULL ? json_node_get_string (node) : "";
}

double
r1ci_json_double (JsonObject *object,
                  const char *name)
{
  JsonNode *node = value_member (object, name, G_TYPE_DOUBLE);
  return node != NULL ? json_node_get_double (node) : 0.0;
}

gint64
r1ci_json_int (JsonObject *object,
               const char *name)
{
  JsonNode *node = value_member (object, name, G_TYPE_INT64);
  return node != NULL ? json_node_get_int (node) : 0;
}

gboolean
r1ci_json_boolean (JsonObject *object,
                   const char *name)
{
  JsonNode *node = value_member (object, name, G_TYPE_BOOLEAN);
  return node != NULL && json_node_get_boolean (node);
}

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  return object != NULL && json_object_has_member (object, name) ? json_object_get_member (object, name) : NULL;
}

JsonObject *
r1ci_json_object (JsonObject *object,
                  const char *name)
{
  JsonNode *node = member (object, name);
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
r1ci_json_array (JsonObject *object,
                 const char *name)
{
  JsonNode *node = member (object, name);
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}
