/* r1ci-python-source.c — Python highlighting and a theme-matched scheme for a
 * source view. */

#define G_LOG_DOMAIN "r1ci-python-source"

#include "r1ci-python-source.h"

/* Adwaita-dark on a dark window background (luminance below one half), else Adwaita. */
static void
update_scheme (GtkSourceView *view)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (view));
  GdkRGBA background = { 1.0f, 1.0f, 1.0f, 1.0f };

  if (!gtk_style_context_lookup_color (context, "window_bg_color", &background))
    gtk_style_context_lookup_color (context, "theme_bg_color", &background);

  gboolean dark = 0.299f * background.red + 0.587f * background.green + 0.114f * background.blue < 0.5f;
  GtkSourceStyleScheme *scheme =
    gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "Adwaita-dark" : "Adwaita");
  if (scheme != NULL)
    gtk_source_buffer_set_style_scheme (buffer, scheme);
}

void
r1ci_python_source_setup (GtkSourceView *view)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  GtkSourceLanguage *python = gtk_source_language_manager_get_language (languages, "python3");

  if (python == NULL)
    python = gtk_source_language_manager_get_language (languages, "python");
  if (python != NULL)
    gtk_source_buffer_set_language (buffer, python);
  gtk_source_buffer_set_highlight_matching_brackets (buffer, FALSE);

  g_signal_connect (view, "realize", G_CALLBACK (update_scheme), NULL);
  g_signal_connect_object (gtk_settings_get_default (), "notify::gtk-application-prefer-dark-theme",
                           G_CALLBACK (update_scheme), view, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_settings_get_default (), "notify::gtk-theme-name",
                           G_CALLBACK (update_scheme), view, G_CONNECT_SWAPPED);
}
