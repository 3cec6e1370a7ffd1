/* r1ci-code-cell.h — one code block of a trace: its Python (highlighted, read
 * only) as the model writes it, then how it ran in the sandbox (status, wall
 * time) and what it printed. */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define R1CI_TYPE_CODE_CELL (r1ci_code_cell_get_type ())

G_DECLARE_FINAL_TYPE (R1ciCodeCell, r1ci_code_cell, R1CI, CODE_CELL, GtkWidget)

/* A cell for block `number` (1, 2, …), empty and "being written". */
GtkWidget *r1ci_code_cell_new            (guint         number);
/* Adds streamed code text at the end. */
void       r1ci_code_cell_append_code    (R1ciCodeCell *self,
                                          const char   *text);
/* The block is closed: shows exactly `code` and "Running…". */
void       r1ci_code_cell_set_running    (R1ciCodeCell *self,
                                          const char   *code);
/* How it ran: run is the core's run object (NULL when the sandbox could not
 * run it, failure then says why). */
void       r1ci_code_cell_set_execution  (R1ciCodeCell *self,
                                          JsonObject   *run,
                                          const char   *failure);
/* The block was never run (the trace ended first); `why` says so. */
void       r1ci_code_cell_set_not_run    (R1ciCodeCell *self,
                                          const char   *why);

G_END_DECLS
