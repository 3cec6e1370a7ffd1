/* r1ci-options.c — GOptionEntry parsing and validation of start-up options. */

#define G_LOG_DOMAIN "r1ci-options"

#include <string.h>

#include "r1ci-options.h"

static const char *const PAGES[] = { "tasks", "playground", "compare", NULL };
static const char *const BUCKETS[] = { "fixed", "regressed", "both_right", "both_wrong", NULL };

/* Spin buttons hold doubles: integers above 2^53 − 1 would be rounded. */
#define LARGEST_EXACT G_GUINT64_CONSTANT (9007199254740991)

static gboolean
parse_unsigned (const char  *name,
                const char  *text,
                guint64     *out,
                GError     **error)
{
  if (!g_ascii_string_to_unsigned (text, 10, 0, LARGEST_EXACT, out, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s wants an integer from 0 to %" G_GUINT64_FORMAT ", not '%s'",
                   name, LARGEST_EXACT, text);
      return FALSE;
    }
  return TRUE;
}

/* "A,B": two evaluation ids. */
static gboolean
parse_compare (const char   *text,
               R1ciOptions  *options,
               GError      **error)
{
  g_auto(GStrv) ids = g_strsplit (text, ",", -1);
  guint64 a, b;

  if (g_strv_length (ids) != 2
      || !g_ascii_string_to_unsigned (ids[0], 10, 1, G_MAXINT64, &a, NULL)
      || !g_ascii_string_to_unsigned (ids[1], 10, 1, G_MAXINT64, &b, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--compare wants two evaluation ids as A,B, not '%s'", text);
      return FALSE;
    }
  options->has_compare = TRUE;
  options->compare_a = (gint64) a;
  options->compare_b = (gint64) b;
  return TRUE;
}

gboolean
r1ci_options_parse (R1ciOptions  *options,
                    int          *argc,
                    char       ***argv,
                    GError      **error)
{
  g_autofree char *seed = NULL;
  g_autofree char *index = NULL;
  g_autofree char *compare = NULL;
  g_autofree char *question = NULL;
  g_autofree char *playground_max_tokens = NULL;
  g_autofree char *playground_stop_after = NULL;
  g_autofree char *slide_level = NULL;
  const GOptionEntry entries[] = {
    { "page", 0, 0, G_OPTION_ARG_STRING, &options->page, "Page to show (tasks, compare)", "NAME" },
    { "task", 0, 0, G_OPTION_ARG_STRING, &options->task, "Task to select", "ID" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, "Seed of the generated item", "N" },
    { "level", 0, 0, G_OPTION_ARG_STRING, &options->level, "Difficulty level, by index or name", "N|NAME" },
    { "index", 0, 0, G_OPTION_ARG_STRING, &index, "Item index", "N" },
    { "workspace", 0, 0, G_OPTION_ARG_FILENAME, &options->workspace, "Workspace directory to open", "DIR" },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &options->screenshot,
      "Test: save the window as a PNG after its first frames, then quit", "FILE.png" },
    { "dump-labels", 0, 0, G_OPTION_ARG_NONE, &options->dump_labels,
      "Test: print the visible text of the window to stdout, then quit", NULL },
    { "answer", 0, 0, G_OPTION_ARG_STRING, &options->answer,
      "Test: type this answer and press Check before the screenshot or dump", "TEXT" },
    { "run-oracle", 0, 0, G_OPTION_ARG_NONE, &options->run_oracle,
      "Test: press Run oracle and wait for its result before the screenshot or dump", NULL },
    { "compare", 0, 0, G_OPTION_ARG_STRING, &compare, "Compare page: evaluations A and B", "A,B" },
    { "bucket", 0, 0, G_OPTION_ARG_STRING, &options->bucket,
      "Compare page: show one bucket (fixed, regressed, both_right, both_wrong)", "NAME" },
    { "select-question", 0, 0, G_OPTION_ARG_STRING, &question,
      "Compare page: select the question at this position of the list", "N" },
    { "playground-run", 0, 0, G_OPTION_ARG_STRING, &options->playground_run,
      "Test: run the model on this task item on the Playground and wait for the trace", "TASK:SEED" },
    { "playground-max-tokens", 0, 0, G_OPTION_ARG_STRING, &playground_max_tokens,
      "Test: token limit of the Playground run", "N" },
    { "playground-stop-after", 0, 0, G_OPTION_ARG_STRING, &playground_stop_after,
      "Test: press Stop once the Playground run has streamed this many tokens", "TOKENS" },
    { "playground-model", 0, 0, G_OPTION_ARG_STRING, &options->playground_model,
      "Test: the Playground's model (a name, a GGUF, or openai:URL#NAME)", "MODEL" },
    { "playground-view", 0, 0, G_OPTION_ARG_STRING, &options->playground_view,
      "Test: the Playground view to show (trace, tokens)", "NAME" },
    { "import", 0, 0, G_OPTION_ARG_FILENAME, &options->import,
      "Import a file as a task (bbh, symbench, rg or jsonl) into the workspace", "KIND:PATH" },
    { "slide-level", 0, 0, G_OPTION_ARG_STRING, &slide_level,
      "Test: move the level slider to N before the screenshot or dump", "N" },
    { "mixture", 0, 0, G_OPTION_ARG_STRING, &options->mixture,
      "Test: open the mixture editor with this mixture name", "NAME" },
    { "mixture-entry", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->mixture_entries,
      "Test: add an entry to the mixture editor (repeatable), then save and preview", "TASK:LEVEL:WEIGHT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  /* Messages stay ASCII: GLib converts them to the locale's charset, often plain C. */
  g_option_context_set_summary (context, "The R1CI studio: browse tasks, generate items, check answers.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;

  if (*argc > 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "unexpected argument '%s'", (*argv)[1]);
      return FALSE;
    }
  if (options->page != NULL && !g_strv_contains (PAGES, options->page))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "unknown page '%s' (pages: tasks, playground, compare)", options->page);
      return FALSE;
    }
  if (seed != NULL)
    {
      if (!parse_unsigned ("--seed", seed, &options->seed, error))
        return FALSE;
      options->has_seed = TRUE;
    }
  if (index != NULL)
    {
      if (!parse_unsigned ("--index", index, &options->index, error))
        return FALSE;
      options->has_index = TRUE;
    }
  if (compare != NULL && !parse_compare (compare, options, error))
    return FALSE;
  if (question != NULL)
    {
      guint64 position;
      if (!parse_unsigned ("--select-question", question, &position, error))
        return FALSE;
      options->has_question = TRUE;
      options->question = (guint) MIN (position, G_MAXUINT);
    }
  if (options->bucket != NULL && !g_strv_contains (BUCKETS, options->bucket))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "unknown bucket '%s' (buckets: fixed, regressed, both_right, both_wrong)", options->bucket);
      return FALSE;
    }
  if (slide_level != NULL)
    {
      guint64 value = 0;
      if (!parse_unsigned ("--slide-level", slide_level, &value, error))
        return FALSE;
      if (value > 1000)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--slide-level must be 0..1000");
          return FALSE;
        }
      options->slide_level = (int) value;
      options->has_slide_level = TRUE;
    }
  if (options->import != NULL && strchr (options->import, ':') == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--import must be KIND:PATH");
      return FALSE;
    }
  if (options->level != NULL && options->level[0] == '\0')
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--level is empty");
      return FALSE;
    }
  if (options->playground_run != NULL)
    {
      const char *colon = strrchr (options->playground_run, ':');
      guint64 seed;
      if (colon == NULL || colon == options->playground_run
          || !parse_unsigned ("--playground-run SEED", colon + 1, &seed, error))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         "--playground-run wants TASK:SEED, not '%s'", options->playground_run);
          return FALSE;
        }
    }
  if (playground_max_tokens != NULL)
    {
      guint64 n;
      if (!parse_unsigned ("--playground-max-tokens", playground_max_tokens, &n, error))
        return FALSE;
      if (n < 1 || n > 32768)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--playground-max-tokens wants 1 to 32768, not %" G_GUINT64_FORMAT, n);
          return FALSE;
        }
      options->playground_max_tokens = (guint) n;
    }
  if (playground_stop_after != NULL)
    {
      guint64 n;
      if (!parse_unsigned ("--playground-stop-after", playground_stop_after, &n, error))
        return FALSE;
      if (n < 1 || n > 100000)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--playground-stop-after wants 1 to 100000 tokens, not %" G_GUINT64_FORMAT, n);
          return FALSE;
        }
      options->playground_stop_after = (guint) n;
    }
  if (options->playground_view != NULL && !g_str_equal (options->playground_view, "trace")
      && !g_str_equal (options->playground_view, "tokens"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--playground-view wants trace or tokens, not '%s'", options->playground_view);
      return FALSE;
    }
  return TRUE;
}

void
r1ci_options_clear (R1ciOptions *options)
{
  g_clear_pointer (&options->page, g_free);
  g_clear_pointer (&options->task, g_free);
  g_clear_pointer (&options->level, g_free);
  g_clear_pointer (&options->workspace, g_free);
  g_clear_pointer (&options->screenshot, g_free);
  g_clear_pointer (&options->answer, g_free);
  g_clear_pointer (&options->bucket, g_free);
  g_clear_pointer (&options->playground_run, g_free);
  g_clear_pointer (&options->playground_view, g_free);
  g_clear_pointer (&options->playground_model, g_free);
  g_clear_pointer (&options->import, g_free);
  g_clear_pointer (&options->mixture, g_free);
  g_clear_pointer (&options->mixture_entries, g_strfreev);
}
