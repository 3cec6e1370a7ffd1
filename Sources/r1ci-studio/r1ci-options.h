/* r1ci-options.h — the studio's command-line options, parsed before GTK starts. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     *page;         /* --page NAME: the page to show ("tasks") */
  char     *task;         /* --task ID */
  char     *level;        /* --level N|NAME */
  gboolean  has_seed;
  guint64   seed;         /* --seed N */
  gboolean  has_index;
  guint64   index;        /* --index N */
  char     *workspace;    /* --workspace DIR */
  char     *screenshot;   /* --screenshot FILE.png (test) */
  gboolean  dump_labels;  /* --dump-labels (test) */
  char     *answer;       /* --answer TEXT (test): typed and checked before the dump */
  gboolean  run_oracle;   /* --run-oracle (test): press Run oracle, wait for the result */
  /* Compare page */
  gboolean  has_compare;
  gint64    compare_a;    /* --compare A,B: the two evaluation ids */
  gint64    compare_b;
  char     *bucket;       /* --bucket NAME: show only this bucket's questions */
  gboolean  has_question;
  guint     question;     /* --select-question N: position in the question list */
  char     *playground_run;        /* --playground-run TASK:SEED (test): run it on the Playground, wait */
  guint     playground_max_tokens; /* --playground-max-tokens N (test): the run's token limit; 0: the page's */
  char     *playground_model;      /* --playground-model M (test): the model picker's choice */
  char     *playground_view;       /* --playground-view trace|tokens (test) */
  guint     playground_stop_after; /* --playground-stop-after TOKENS (test): press Stop once that many streamed; 0: never */
  char     *import;       /* --import KIND:PATH: import a file as a task (as Import… does) */
  gboolean  has_slide_level;
  int       slide_level;  /* --slide-level N (test): move the level slider to N */
  char     *mixture;      /* --mixture NAME (test): open the mixture editor with this name */
  char    **mixture_entries; /* --mixture-entry TASK:LEVEL:WEIGHT (repeatable), then Save and preview */
} R1ciOptions;

gboolean r1ci_options_parse (R1ciOptions  *options,
                             int          *argc,
                             char       ***argv,
                             GError      **error);
void     r1ci_options_clear (R1ciOptions  *options);

G_END_DECLS
