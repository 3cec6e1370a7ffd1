/* r1ci-json-row.h — one object of a core JSON array as a GObject, so list and
 * column views can hold it (per-task comparison rows, compared questions). */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define R1CI_TYPE_JSON_ROW (r1ci_json_row_get_type ())

G_DECLARE_FINAL_TYPE (R1ciJsonRow, r1ci_json_row, R1CI, JSON_ROW, GObject)

/* Takes a reference on object. */
R1ciJsonRow *r1ci_json_row_new        (JsonObject  *object);
/* The row's object; it belongs to the row. */
JsonObject  *r1ci_json_row_get_object (R1ciJsonRow *self);
/* A list store of rows, one per object of array (other elements skipped). */
GListStore  *r1ci_json_row_store_from_array (JsonArray *array);

G_END_DECLS
