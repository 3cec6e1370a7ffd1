/* r1ci-model-picker.h — which model a run uses: one of the models the core
 * lists (the embedded default first), a GGUF file or Hugging Face folder
 * chosen from disk, or a remote OpenAI-compatible endpoint typed in. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define R1CI_TYPE_MODEL_PICKER (r1ci_model_picker_get_type ())

G_DECLARE_FINAL_TYPE (R1ciModelPicker, r1ci_model_picker, R1CI, MODEL_PICKER, GtkWidget)

/* The model argument for the core: the remote endpoint when one is typed,
 * else the chosen model's name or path. Free with g_free. */
char *r1ci_model_picker_get_model (R1ciModelPicker *self);
/* Selects `model` (a listed name or a path, added to the list when new), or
 * types it as the remote endpoint when it starts with "openai:". */
void  r1ci_model_picker_set_model (R1ciModelPicker *self,
                                   const char      *model);

G_END_DECLS
