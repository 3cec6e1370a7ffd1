/* r1ci-test-hooks.h — what --screenshot and --dump-labels do: render a widget
 * to a PNG, and print the text a user can see. Used by Tests/gui. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean r1ci_test_save_screenshot (GtkWidget   *widget,
                                    const char  *path,
                                    GError     **error);
void     r1ci_test_dump_text       (GtkWidget   *root,
                                    FILE        *stream);

G_END_DECLS
