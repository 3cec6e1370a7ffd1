/* r1ci-code-style.h — how Python code and its sandbox runs look everywhere in
 * the studio: a read-only source view with Python colouring in a scheme that
 * follows the theme, and a one-line description of how a run ended. */
#pragma once

#include <gtksourceview/gtksource.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Gives view Python highlighting and a light or dark scheme that follows the theme. */
void  r1ci_code_style_setup_python (GtkSourceView *view);

/* "exit 0 · 18.4 ms": how a run (the core's run object) ended, in a user's
 * words, and its wall time. Free with g_free. */
char *r1ci_code_style_describe_run (JsonObject    *run);

/* Whether the run ended well (status "ok" and exit code 0). */
gboolean r1ci_code_style_run_succeeded (JsonObject *run);

/* Gives an output view's buffer the tags r1ci_code_style_show_output uses. */
void  r1ci_code_style_setup_output (GtkTextView *view);

/* Shows what a run printed in an output view: stdout as printed, then stderr
 * (if any) in the error colour; "(no output)" when both are empty. */
void  r1ci_code_style_show_output  (GtkTextView *view,
                                    const char  *out,
                                    const char  *err);

G_END_DECLS
