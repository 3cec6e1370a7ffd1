/* r1ci-token-view.h — every token of a trace as the model saw it: prompt and
 * execution-result tokens (loss mask 0) in one colour, the model's own tokens
 * shaded by how likely the model found them (lighter: likely; deeper orange:
 * unlikely), with a tooltip giving the token's id, text and log-probability. */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define R1CI_TYPE_TOKEN_VIEW (r1ci_token_view_get_type ())

G_DECLARE_FINAL_TYPE (R1ciTokenView, r1ci_token_view, R1CI, TOKEN_VIEW, GtkWidget)

/* Shows the "tokens" object of a trace from the core
 * ({ids, texts, loss_mask, logprobs}); NULL empties the view. */
void   r1ci_token_view_set_tokens      (R1ciTokenView *self,
                                        JsonObject    *tokens);
/* How many tokens the view shows. */
guint  r1ci_token_view_get_count       (R1ciTokenView *self);
/* The tooltip text of token i (NULL when out of range); free with g_free. */
char  *r1ci_token_view_describe_token  (R1ciTokenView *self,
                                        guint          i);

G_END_DECLS
