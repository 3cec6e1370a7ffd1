/* r1ci-live-trace.c — cells in a scrolled column, built in code.
 *
 * While the view is scrolled to the bottom it follows the stream: whenever
 * the column grows, it scrolls to the new end. Scrolled up by the user, it
 * stays put until they scroll back down.
 */

#define G_LOG_DOMAIN "r1ci-live-trace"

#include <string.h>

#include "r1ci-code-cell.h"
#include "r1ci-json.h"
#include "r1ci-live-trace.h"
#include "r1ci-text-label.h"
#include "r1ci-verdict-view.h"

/* Within this many pixels of the bottom counts as "at the bottom". */
#define FOLLOW_SLACK 48

struct _R1ciLiveTrace
{
  GtkWidget parent_instance;

  /* children */
  GtkWidget       *scrolled;
  GtkWidget       *column;
  GtkWidget       *empty_state;

  /* the cells of the run shown (owned by column) */
  GtkTextView     *reasoning;    /* the reasoning cell text goes to now, or NULL */
  R1ciCodeCell    *writing;      /* the code cell code goes to now, or NULL */
  GPtrArray       *code_cells;   /* R1ciCodeCell *, by cell index (unowned) */

  gboolean following;            /* keep the end in view as the column grows */
  gboolean scrolling;            /* the view is scrolling itself (not the user) */
  guint tick_id;                 /* scroll_to_end_on_tick pending, or 0 */
  GString *held_breaks;          /* line breaks at the end of the reasoning so far, shown
                                    only once more text follows them */
};

G_DEFINE_FINAL_TYPE (R1ciLiveTrace, r1ci_live_trace, GTK_TYPE_WIDGET)

/* ── Following the stream ───────────────────────────────────────────────── */

static gboolean
at_bottom (GtkAdjustment *adj)
{
  return gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj)
         >= gtk_adjustment_get_upper (adj) - FOLLOW_SLACK;
}

static void
scroll_to_end (R1ciLiveTrace *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));

  self->scrolling = TRUE;
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  self->scrolling = FALSE;
}

/* Once more on the next frame: text views finish measuring their lines late. */
static gboolean
scroll_to_end_on_tick (GtkWidget     *widget,
                       GdkFrameClock *clock,
                       gpointer       user_data)
{
  R1ciLiveTrace *self = R1CI_LIVE_TRACE (widget);

  self->tick_id = 0;
  if (self->following)
    scroll_to_end (self);
  return G_SOURCE_REMOVE;
}

/* The column grew (or the view was resized): keep the end in view while following. */
static void
on_adjustment_changed (GtkAdjustment *adj,
                       R1ciLiveTrace *self)
{
  if (!self->following)
    return;
  scroll_to_end (self);
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_end_on_tick, NULL, NULL);
}

/* The user scrolled: following goes on only while they stay at the bottom. */
static void
on_value_changed (GtkAdjustment *adj,
                  R1ciLiveTrace *self)
{
  if (!self->scrolling)
    self->following = at_bottom (adj);
}

/* ── Cells ──────────────────────────────────────────────────────────────── */

/* A cell: a caption with an icon over a body. */
static GtkWidget *
new_cell (R1ciLiveTrace *self,
          const char    *icon_name,
          const char    *caption,
          const char    *css_class)
{
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label = gtk_label_new (caption);

  gtk_widget_add_css_class (cell, "trace-cell");
  gtk_widget_add_css_class (cell, css_class);
  gtk_widget_add_css_class (header, "dim-label");
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (GTK_BOX (header), icon);
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (cell), header);
  gtk_box_append (GTK_BOX (self->column), cell);
  return cell;
}

static void
show_question (R1ciLiveTrace *self,
               JsonObject    *event)
{
  JsonObject *item = r1ci_json_object (event, "item");
  g_autofree char *caption = item != NULL
    ? g_strdup_printf ("Question · %s · item seed %" G_GINT64_FORMAT " · %s · index %" G_GINT64_FORMAT,
                       r1ci_json_string (item, "task"), r1ci_json_int (item, "seed"),
                       r1ci_json_string (item, "level_name"), r1ci_json_int (item, "index"))
    : g_strdup ("Question");
  GtkWidget *cell = new_cell (self, "dialog-question-symbolic", caption, "question-cell");

  gtk_box_append (GTK_BOX (cell), r1ci_text_label_new (r1ci_json_string (event, "question"), "question-text"));
}

static GtkTextView *
new_reasoning (R1ciLiveTrace *self)
{
  GtkWidget *cell = new_cell (self, "document-edit-symbolic", "Reasoning", "reasoning-cell");
  GtkTextView *view = GTK_TEXT_VIEW (gtk_text_view_new ());

  gtk_text_view_set_editable (view, FALSE);
  gtk_text_view_set_cursor_visible (view, FALSE);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_pixels_below_lines (view, 2);
  gtk_widget_add_css_class (GTK_WIDGET (view), "reasoning-text");
  gtk_box_append (GTK_BOX (cell), GTK_WIDGET (view));
  return view;
}

/* Adds text to the reasoning cell (a new one when there is none). Line breaks
 * at the very start of a cell are dropped, and those at the end are held until
 * more text follows, so that no cell ends in empty lines. */
static void
append_reasoning (R1ciLiveTrace *self,
                  const char    *text)
{
  if (self->reasoning == NULL)
    {
      g_string_truncate (self->held_breaks, 0);
      while (*text == '\n')
        text++;
      if (*text == '\0')
        return;
      self->reasoning = new_reasoning (self);
    }

  gsize length = strlen (text), kept = length;
  while (kept > 0 && text[kept - 1] == '\n')
    kept--;
  if (kept == 0)
    {
      g_string_append (self->held_breaks, text);
      return;
    }

  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->reasoning);
  GtkTextIter end;
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, self->held_breaks->str, -1);
  gtk_text_buffer_insert (buffer, &end, text, kept);
  g_string_assign (self->held_breaks, text + kept);
}

static R1ciCodeCell *
code_cell (R1ciLiveTrace *self,
           JsonObject    *event)
{
  gint64 i = r1ci_json_int (event, "cell");
  return i >= 0 && i < self->code_cells->len ? g_ptr_array_index (self->code_cells, i) : NULL;
}

static void
show_answer (R1ciLiveTrace *self,
             const char    *answer)
{
  GtkWidget *cell = new_cell (self, "mail-send-symbolic", "Final answer", "answer-cell");
  gtk_box_append (GTK_BOX (cell), r1ci_text_label_new (answer, "answer-text"));
}

static void
show_verdict (R1ciLiveTrace *self,
              JsonObject    *verdict)
{
  R1ciVerdictView *view = g_object_new (R1CI_TYPE_VERDICT_VIEW, NULL);
  gtk_box_append (GTK_BOX (self->column), GTK_WIDGET (view));
  r1ci_verdict_view_show (view, verdict);
}

/* A user's words for each finish reason of the core. */
static const char *
describe_reason (const char *reason)
{
  static const struct { const char *reason, *words; } WORDS[] = {
    { "answer", "The model gave its final answer" },
    { "eos", "The model ended its turn without an answer" },
    { "code_call_limit", "The model wrote more code blocks than allowed" },
    { "turn_token_limit", "One turn reached its token limit" },
    { "trace_token_limit", "The trace reached its token limit" },
    { "context", "The model's context is full" },
    { "unclosed_code_block", "Generation stopped inside an unclosed code block" },
    { "sandbox_failure", "The sandbox failed to run a block" },
    { "engine_failure", "The model failed" },
    { "stopped", "Stopped" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (WORDS); i++)
    if (g_str_equal (reason, WORDS[i].reason))
      return WORDS[i].words;
  return "Finished";
}

static void
show_finish (R1ciLiveTrace *self,
             JsonObject    *event)
{
  const char *reason = r1ci_json_string (event, "reason");
  const char *detail = r1ci_json_string (event, "detail");
  JsonObject *trace = r1ci_json_object (event, "trace");
  gboolean good = g_str_equal (reason, "answer");
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *stats = g_strdup_printf ("end: %s%s%s · %" G_GINT64_FORMAT " tokens generated · %"
                                            G_GINT64_FORMAT " code calls · %.1f s model · %.2f s sandbox",
                                            reason, detail[0] != '\0' ? " — " : "", detail,
                                            r1ci_json_int (trace, "generated_tokens"),
                                            r1ci_json_int (trace, "code_calls"),
                                            r1ci_json_double (trace, "generation_seconds"),
                                            r1ci_json_double (trace, "sandbox_seconds"));

  gtk_widget_add_css_class (row, "finish-row");
  gtk_box_append (GTK_BOX (row), gtk_image_new_from_icon_name (good ? "emblem-ok-symbolic"
                                                                    : "dialog-information-symbolic"));
  gtk_box_append (GTK_BOX (text), r1ci_text_label_new (describe_reason (reason), "heading"));
  gtk_box_append (GTK_BOX (text), r1ci_text_label_new (stats, "dim-label"));
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (self->column), row);

  /* A block still being written when the trace ended never ran. */
  if (self->writing != NULL)
    r1ci_code_cell_set_not_run (self->writing, "Not run: the block was never closed");
  self->writing = NULL;
  self->reasoning = NULL;
}

void
r1ci_live_trace_add_event (R1ciLiveTrace *self,
                           JsonObject    *event)
{
  g_return_if_fail (R1CI_IS_LIVE_TRACE (self));
  const char *type = r1ci_json_string (event, "type");
  gtk_widget_set_visible (self->empty_state, FALSE);
  if (g_str_equal (type, "start"))
    show_question (self, event);
  else if (g_str_equal (type, "text"))
    {
      const char *text = r1ci_json_string (event, "text");
      if (g_str_equal (r1ci_json_string (event, "part"), "code") && self->writing != NULL)
        r1ci_code_cell_append_code (self->writing, text);
      else
        append_reasoning (self, text);
    }
  else if (g_str_equal (type, "code_start"))
    {
      GtkWidget *cell = r1ci_code_cell_new (self->code_cells->len + 1);
      gtk_box_append (GTK_BOX (self->column), cell);
      g_ptr_array_add (self->code_cells, cell);
      self->writing = R1CI_CODE_CELL (cell);
      self->reasoning = NULL;
    }
  else if (g_str_equal (type, "code_end"))
    {
      R1ciCodeCell *cell = code_cell (self, event);
      if (cell != NULL)
        r1ci_code_cell_set_running (cell, r1ci_json_string (event, "code"));
      self->writing = NULL;
    }
  else if (g_str_equal (type, "execution"))
    {
      R1ciCodeCell *cell = code_cell (self, event);
      const char *failure = r1ci_json_string (event, "failure");
      if (cell != NULL)
        r1ci_code_cell_set_execution (cell, r1ci_json_object (event, "run"), failure[0] != '\0' ? failure : NULL);
      self->reasoning = NULL;
    }
  else if (g_str_equal (type, "answer"))
    show_answer (self, r1ci_json_string (event, "answer"));
  else if (g_str_equal (type, "verdict"))
    show_verdict (self, event);
  else if (g_str_equal (type, "finish"))
    show_finish (self, event);
}

void
r1ci_live_trace_show_error (R1ciLiveTrace *self,
                            const char    *message)
{
  g_return_if_fail (R1CI_IS_LIVE_TRACE (self));
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  g_autofree char *text = g_strdup_printf ("The run could not go on: %s", message);

  gtk_widget_set_visible (self->empty_state, FALSE);
  gtk_widget_add_css_class (row, "error-bar");
  gtk_widget_add_css_class (row, "trace-error");
  gtk_box_append (GTK_BOX (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_box_append (GTK_BOX (row), r1ci_text_label_new (text, "error"));
  gtk_box_append (GTK_BOX (self->column), row);
}

void
r1ci_live_trace_clear (R1ciLiveTrace *self)
{
  g_return_if_fail (R1CI_IS_LIVE_TRACE (self));
  GtkWidget *child = gtk_widget_get_first_child (self->column);

  /* Everything but the empty state goes. */
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      if (child != self->empty_state)
        gtk_box_remove (GTK_BOX (self->column), child);
      child = next;
    }
  g_ptr_array_set_size (self->code_cells, 0);
  self->reasoning = NULL;
  self->writing = NULL;
  g_string_truncate (self->held_breaks, 0);
  self->following = TRUE;
  gtk_widget_set_visible (self->empty_state, TRUE);
}

/* ── GObject ────────────────────────────────────────────────────────────── */

static GtkWidget *
build_empty_state (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *icon = gtk_image_new_from_icon_name ("media-playback-start-symbolic");
  GtkWidget *title = gtk_label_new ("No trace yet");
  GtkWidget *hint = gtk_label_new ("Pick a model and a question, then press Run: the model's reasoning, "
                                   "its code and what the code printed appear here as they are written.");

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_vexpand (box, TRUE);
  gtk_widget_set_margin_top (box, 80);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 64);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_widget_add_css_class (title, "title-2");
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_justify (GTK_LABEL (hint), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 52);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), hint);
  return box;
}

static void
r1ci_live_trace_dispose (GObject *object)
{
  R1ciLiveTrace *self = R1CI_LIVE_TRACE (object);

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  G_OBJECT_CLASS (r1ci_live_trace_parent_class)->dispose (object);
}

static void
r1ci_live_trace_finalize (GObject *object)
{
  g_ptr_array_unref (R1CI_LIVE_TRACE (object)->code_cells);
  g_string_free (R1CI_LIVE_TRACE (object)->held_breaks, TRUE);
  G_OBJECT_CLASS (r1ci_live_trace_parent_class)->finalize (object);
}

static void
r1ci_live_trace_class_init (R1ciLiveTraceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = r1ci_live_trace_dispose;
  object_class->finalize = r1ci_live_trace_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
r1ci_live_trace_init (R1ciLiveTrace *self)
{
  self->code_cells = g_ptr_array_new ();
  self->held_breaks = g_string_new (NULL);
  self->following = TRUE;
  self->scrolled = gtk_scrolled_window_new ();
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  g_signal_connect (adj, "changed", G_CALLBACK (on_adjustment_changed), self);
  g_signal_connect (adj, "value-changed", G_CALLBACK (on_value_changed), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));

  self->column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 14);
  gtk_widget_add_css_class (self->column, "trace-column");
  self->empty_state = build_empty_state ();
  gtk_box_append (GTK_BOX (self->column), self->empty_state);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->column);
}
