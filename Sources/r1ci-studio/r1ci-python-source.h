/* r1ci-python-source.h — read-only GtkSourceView buffers of Python with a
 * light or dark colour scheme that follows the theme. */
#pragma once

#include <gtksourceview/gtksource.h>

G_BEGIN_DECLS

/* Gives view's buffer Python highlighting and keeps its scheme matched to the
 * theme's window background (Adwaita or Adwaita-dark). */
void r1ci_python_source_setup (GtkSourceView *view);

G_END_DECLS
