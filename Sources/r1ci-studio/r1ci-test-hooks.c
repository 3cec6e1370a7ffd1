/* r1ci-test-hooks.c — screenshots and text dumps of the live widget tree. */

#define G_LOG_DOMAIN "r1ci-test-hooks"

#include "r1ci-test-hooks.h"

/* The theme's window background: GTK draws a widget's own CSS background
 * outside its snapshot vfunc, so the screenshot paints it first. */
static GdkRGBA
window_background (GtkWidget *widget)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA color = { 1.0f, 1.0f, 1.0f, 1.0f };

  if (!gtk_style_context_lookup_color (context, "window_bg_color", &color))
    gtk_style_context_lookup_color (context, "theme_bg_color", &color);
  color.alpha = 1.0f;
  return color;
}

/* Renders widget as it is drawn now and saves a PNG. A widget paintable of a
 * toplevel draws nothing, so the window's own snapshot vfunc is asked to draw
 * (header bar and children, from their cached render nodes) over the theme's
 * window background. */
gboolean
r1ci_test_save_screenshot (GtkWidget   *widget,
                           const char  *path,
                           GError     **error)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (width <= 0 || height <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the window has no size yet (%d×%d)", width, height);
      return FALSE;
    }

  GdkRGBA background = window_background (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  g_autoptr(GskRenderNode) node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the window drew nothing");
      return FALSE;
    }

  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autoptr(GdkTexture) texture =
    gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "could not write %s", path);
      return FALSE;
    }
  return TRUE;
}

static void
print_line (FILE       *stream,
            const char *text)
{
  if (text != NULL && text[0] != '\0')
    fprintf (stream, "%s\n", text);
}

/* Prints the text of every mapped label, editable and text view under root,
 * in tree order, one per line. Editables and text views are leaves: their
 * inner GtkText is not printed a second time. */
void
r1ci_test_dump_text (GtkWidget *root,
                     FILE      *stream)
{
  if (!gtk_widget_get_mapped (root))
    return;

  if (GTK_IS_LABEL (root))
    {
      print_line (stream, gtk_label_get_text (GTK_LABEL (root)));
      return;
    }
  if (GTK_IS_EDITABLE (root))
    {
      print_line (stream, gtk_editable_get_text (GTK_EDITABLE (root)));
      return;
    }
  if (GTK_IS_TEXT_VIEW (root))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (root));
      GtkTextIter start, end;
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      g_autofree char *text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      print_line (stream, text);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    r1ci_test_dump_text (child, stream);
}
