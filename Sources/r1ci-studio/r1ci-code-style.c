/* r1ci-code-style.c — Python source views and run descriptions, shared by the
 * oracle panel and the Playground's code cells. */

#define G_LOG_DOMAIN "r1ci-code-style"

#include "r1ci-code-style.h"
#include "r1ci-json.h"

/* A light or dark source scheme to match the theme, judged by the luminance
 * of the theme's window background. */
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
r1ci_code_style_setup_python (GtkSourceView *view)
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

char *
r1ci_code_style_describe_run (JsonObject *run)
{
  const char *status = r1ci_json_string (run, "status");
  double wall_ms = r1ci_json_double (run, "wall_ms");
  g_autofree char *ending = NULL;

  if (g_str_equal (status, "ok") || g_str_equal (status, "error"))
    ending = g_strdup_printf ("exit %" G_GINT64_FORMAT, r1ci_json_int (run, "exit_code"));
  else if (g_str_equal (status, "timeout"))
    ending = g_strdup ("stopped at the time limit");
  else if (g_str_equal (status, "memory"))
    ending = g_strdup ("stopped at the memory limit");
  else if (g_str_equal (status, "output_limit"))
    ending = g_strdup ("stopped at the output limit");
  else if (g_str_equal (status, "killed"))
    ending = g_strdup_printf ("killed by signal %" G_GINT64_FORMAT, r1ci_json_int (run, "signal"));
  else
    ending = g_strdup_printf ("sandbox error: %s", r1ci_json_string (run, "sandbox_message"));

  return g_strdup_printf ("%s · %.1f ms", ending, wall_ms);
}

gboolean
r1ci_code_style_run_succeeded (JsonObject *run)
{
  return g_str_equal (r1ci_json_string (run, "status"), "ok") && r1ci_json_int (run, "exit_code") == 0;
}

void
r1ci_code_style_setup_output (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

  gtk_text_buffer_create_tag (buffer, "stderr", "foreground", "#c01c28", NULL);
  gtk_text_buffer_create_tag (buffer, "quiet", "style", PANGO_STYLE_ITALIC, "foreground", "#77767b", NULL);
}

void
r1ci_code_style_show_output (GtkTextView *view,
                             const char  *out,
                             const char  *err)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter end;

  gtk_text_buffer_set_text (buffer, "", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  if (out[0] == '\0' && err[0] == '\0')
    gtk_text_buffer_insert_with_tags_by_name (buffer, &end, "(no output)", -1, "quiet", NULL);
  gtk_text_buffer_insert (buffer, &end, out, -1);
  if (err[0] != '\0')
    {
      if (out[0] != '\0' && !g_str_has_suffix (out, "\n"))
        gtk_text_buffer_insert (buffer, &end, "\n", -1);
      gtk_text_buffer_insert_with_tags_by_name (buffer, &end, err, -1, "stderr", NULL);
    }

  /* A final newline would show as an empty last line. */
  GtkTextIter last = end;
  if (gtk_text_iter_backward_char (&last) && gtk_text_iter_get_char (&last) == '\n')
    gtk_text_buffer_delete (buffer, &last, &end);
}
