/* r1ci-text-label.h — the label the trace views use for text a user reads and
 * may copy: left-aligned, wrapping anywhere in long words, selectable. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* css_class may be NULL. */
GtkWidget *r1ci_text_label_new (const char *text,
                                const char *css_class);

G_END_DECLS
