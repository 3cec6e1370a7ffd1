/* r1ci-application.h — the GtkApplication: styles, the window, start-up options. */
#pragma once

#include <gtk/gtk.h>

#include "r1ci-options.h"

G_BEGIN_DECLS

#define R1CI_TYPE_APPLICATION (r1ci_application_get_type ())

G_DECLARE_FINAL_TYPE (R1ciApplication, r1ci_application, R1CI, APPLICATION, GtkApplication)

/* Takes ownership of options' strings (options is left cleared). */
R1ciApplication *r1ci_application_new             (R1ciOptions     *options);
int              r1ci_application_get_exit_status (R1ciApplication *self);

G_END_DECLS
