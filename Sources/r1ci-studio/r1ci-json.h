/* r1ci-json.h — tolerant readers of the core's JSON objects: a missing member
 * or one of another type reads as "", 0 or FALSE, never as a crash. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* object may be NULL. The string belongs to object. */
const char *r1ci_json_string  (JsonObject *object,
                               const char *name);
double      r1ci_json_double  (JsonObject *object,
                               const char *name);
gint64      r1ci_json_int     (JsonObject *object,
                               const char *name);
gboolean    r1ci_json_boolean (JsonObject *object,
                               const char *name);
/* The member as an object or an array, or NULL. */
JsonObject *r1ci_json_object  (JsonObject *object,
                               const char *name);
JsonArray  *r1ci_json_array   (JsonObject *object,
                               const char *name);

G_END_DECLS
