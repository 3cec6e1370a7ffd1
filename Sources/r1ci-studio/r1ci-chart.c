/* r1ci-chart.c — the Training page's curve: cairo drawing of the series it
 * holds, and the smoothing formula. No data access: points come from the page. */

#define G_LOG_DOMAIN "r1ci-chart"

#include <math.h>

#include <pango/pangocairo.h>

#include "r1ci-chart.h"

/* Space around the plot, in pixels: tick labels left and below, legend above. */
#define MARGIN_LEFT   70
#define MARGIN_RIGHT  18
#define MARGIN_TOP    34
#define MARGIN_BOTTOM 46
#define TARGET_TICKS  6

typedef struct
{
  char    *label;
  GdkRGBA  color;
  GArray  *points;    /* R1ciChartPoint, step order */
  double  *smoothed;  /* one per point, for the current weight */
  int      hovered;   /* index of the marked point, or -1 */
} Series;

struct _R1ciChart
{
  GtkWidget parent_instance;

  /* owned */
  GPtrArray *series;  /* Series * */
  char      *y_label;
  char      *empty_text;

  /* state */
  double         smoothing;
  R1ciChartXAxis x_axis;
  double         hover_x;  /* NaN: nothing marked */
  /* the plot's data window, as last drawn (for pointer → data) */
  double x_min, x_max;
  double plot_left, plot_width;
};

G_DEFINE_FINAL_TYPE (R1ciChart, r1ci_chart, GTK_TYPE_WIDGET)

enum { SIGNAL_HOVER_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
series_free (gpointer data)
{
  Series *series = data;
  g_free (series->label);
  g_array_unref (series->points);
  g_free (series->smoothed);
  g_free (series);
}

/* ── Smoothing ──────────────────────────────────────────────────────────── */

void
r1ci_chart_smooth (const double *values,
                   double       *smoothed,
                   guint         n,
                   double        weight)
{
  double last = 0.0;
  guint finite = 0;

  for (guint i = 0; i < n; i++)
    {
      double x = values[i];
      if (!isfinite (x))
        {
          smoothed[i] = x;
          continue;
        }
      last = weight * last + (1.0 - weight) * x;
      finite++;
      double debias = weight >= 1.0 ? 1.0 : 1.0 - pow (weight, (double) finite);
      smoothed[i] = last / debias;
    }
}

static void
resmooth (R1ciChart *self,
          Series    *series)
{
  guint n = series->points->len;
  g_autofree double *values = g_new (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    values[i] = g_array_index (series->points, R1ciChartPoint, i).value;
  g_free (series->smoothed);
  series->smoothed = g_new (double, MAX (n, 1));
  r1ci_chart_smooth (values, series->smoothed, n, self->smoothing);
}

/* ── Coordinates ────────────────────────────────────────────────────────── */

/* x of point i of series in the current axis's unit. */
static double
point_x (R1ciChart *self,
         Series    *series,
         guint      i)
{
  const R1ciChartPoint *p = &g_array_index (series->points, R1ciChartPoint, i);
  if (self->x_axis == R1CI_CHART_X_STEP)
    return p->step;
  return p->wall_time - g_array_index (series->points, R1ciChartPoint, 0).wall_time;
}

/* A tick spacing of 1, 2 or 5 × 10^k giving about TARGET_TICKS ticks over span. */
static double
tick_spacing (double span)
{
  double raw = span / TARGET_TICKS;
  double magnitude = pow (10.0, floor (log10 (raw)));
  double fraction = raw / magnitude;
  double nice = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10;
  return nice * magnitude;
}

static void
data_bounds (R1ciChart *self,
             double    *x_min,
             double    *x_max,
             double    *y_min,
             double    *y_max)
{
  *x_min = *y_min = INFINITY;
  *x_max = *y_max = -INFINITY;
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);
      for (guint i = 0; i < series->points->len; i++)
        {
          double x = point_x (self, series, i);
          double y = g_array_index (series->points, R1ciChartPoint, i).value;
          if (!isfinite (y))
            continue;
          *x_min = MIN (*x_min, x);
          *x_max = MAX (*x_max, x);
          *y_min = MIN (*y_min, y);
          *y_max = MAX (*y_max, y);
        }
    }
  if (!isfinite (*x_min))
    {
      *x_min = 0; *x_max = 1; *y_min = 0; *y_max = 1;
      return;
    }
  if (*x_max - *x_min < 1e-9)
    {
      *x_min -= 1;
      *x_max += 1;
    }
  if (*y_max - *y_min < 1e-12)
    {
      double pad = fabs (*y_min) > 1e-12 ? fabs (*y_min) * 0.1 : 1.0;
      *y_min -= pad;
      *y_max += pad;
    }
  else
    {
      double pad = (*y_max - *y_min) * 0.06;
      *y_min -= pad;
      *y_max += pad;
    }
  if (self->x_axis == R1CI_CHART_X_STEP && *x_min >= 0 && *x_min < 1)
    *x_min = 0;
}

/* ── Drawing ────────────────────────────────────────────────────────────── */

static void
foreground (GtkWidget *widget,
            GdkRGBA   *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* Draws text with its anchor at (x, y): xalign/yalign 0 = left/top, 1 = right/bottom. */
static void
draw_text (GtkWidget  *widget,
           cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      xalign,
           double      yalign)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - xalign * width, y - yalign * height);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static int
text_width (GtkWidget  *widget,
            const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int width;
  pango_layout_get_pixel_size (layout, &width, NULL);
  g_object_unref (layout);
  return width;
}

static char *
format_tick (double value,
             double spacing)
{
  if (fabs (value) < spacing * 1e-6)
    value = 0;
  if (spacing >= 1 && fabs (value) < 1e6)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.3g", value);
}

static void
draw_axes (R1ciChart *self,
           cairo_t   *cr,
           GdkRGBA   *fg,
           double     left,
           double     top,
           double     width,
           double     height,
           double     x_min,
           double     x_max,
           double     y_min,
           double     y_max)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double x_spacing = tick_spacing (x_max - x_min);
  double y_spacing = tick_spacing (y_max - y_min);

  if (self->x_axis == R1CI_CHART_X_STEP && x_spacing < 1)
    x_spacing = 1;

  /* grid and tick labels */
  cairo_set_line_width (cr, 1);
  for (double y = ceil (y_min / y_spacing) * y_spacing; y <= y_max + y_spacing * 1e-9; y += y_spacing)
    {
      double py = top + height - (y - y_min) / (y_max - y_min) * height;
      g_autofree char *label = format_tick (y, y_spacing);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.10);
      cairo_move_to (cr, left, round (py) + 0.5);
      cairo_line_to (cr, left + width, round (py) + 0.5);
      cairo_stroke (cr);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.75);
      draw_text (widget, cr, label, left - 8, py, 1, 0.5);
    }
  for (double x = ceil (x_min / x_spacing) * x_spacing; x <= x_max + x_spacing * 1e-9; x += x_spacing)
    {
      double px = left + (x - x_min) / (x_max - x_min) * width;
      g_autofree char *label = format_tick (x, x_spacing);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.10);
      cairo_move_to (cr, round (px) + 0.5, top);
      cairo_line_to (cr, round (px) + 0.5, top + height);
      cairo_stroke (cr);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.75);
      draw_text (widget, cr, label, px, top + height + 6, 0.5, 0);
    }

  /* frame: the x and y axes */
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.55);
  cairo_move_to (cr, left + 0.5, top);
  cairo_line_to (cr, left + 0.5, top + height + 0.5);
  cairo_line_to (cr, left + width, top + height + 0.5);
  cairo_stroke (cr);

  /* axis titles */
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.85);
  draw_text (widget, cr, self->x_axis == R1CI_CHART_X_STEP ? "step" : "wall time (s since the run's first point)",
             left + width / 2, top + height + 26, 0.5, 0);
  if (self->y_label != NULL)
    draw_text (widget, cr, self->y_label, left - MARGIN_LEFT + 6, top - MARGIN_TOP + 6, 0, 0);
}

static void
draw_legend (R1ciChart *self,
             cairo_t   *cr,
             GdkRGBA   *fg,
             double     right,
             double     y)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double x = right;

  /* right-aligned, last series rightmost */
  for (int s = (int) self->series->len - 1; s >= 0; s--)
    {
      Series *series = g_ptr_array_index (self->series, s);
      int width = text_width (widget, series->label);
      x -= width;
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.9);
      draw_text (widget, cr, series->label, x, y, 0, 0.5);
      x -= 22;
      gdk_cairo_set_source_rgba (cr, &series->color);
      cairo_set_line_width (cr, 3);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + 16, y);
      cairo_stroke (cr);
      x -= 16;
    }
}

static void
draw_line (cairo_t   *cr,
           R1ciChart *self,
           Series    *series,
           gboolean   smoothed,
           double     left,
           double     top,
           double     width,
           double     height,
           double     x_min,
           double     x_max,
           double     y_min,
           double     y_max)
{
  gboolean drawing = FALSE;

  for (guint i = 0; i < series->points->len; i++)
    {
      double v = smoothed ? series->smoothed[i] : g_array_index (series->points, R1ciChartPoint, i).value;
      if (!isfinite (v))
        {
          drawing = FALSE;
          continue;
        }
      double px = left + (point_x (self, series, i) - x_min) / (x_max - x_min) * width;
      double py = top + height - (v - y_min) / (y_max - y_min) * height;
      if (drawing)
        cairo_line_to (cr, px, py);
      else
        cairo_move_to (cr, px, py);
      drawing = TRUE;
      if (series->points->len == 1)
        {
          cairo_arc (cr, px, py, 3, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
  cairo_stroke (cr);
}

static void
draw_hover (R1ciChart *self,
            cairo_t   *cr,
            GdkRGBA   *fg,
            double     left,
            double     top,
            double     width,
            double     height,
            double     x_min,
            double     x_max,
            double     y_min,
            double     y_max)
{
  if (isnan (self->hover_x))
    return;
  double px = left + (self->hover_x - x_min) / (x_max - x_min) * width;
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, round (px) + 0.5, top);
  cairo_line_to (cr, round (px) + 0.5, top + height);
  cairo_stroke (cr);
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);
      if (series->hovered < 0)
        continue;
      double v = g_array_index (series->points, R1ciChartPoint, series->hovered).value;
      double x = point_x (self, series, series->hovered);
      if (!isfinite (v))
        continue;
      double cx = left + (x - x_min) / (x_max - x_min) * width;
      double cy = top + height - (v - y_min) / (y_max - y_min) * height;
      gdk_cairo_set_source_rgba (cr, &series->color);
      cairo_arc (cr, cx, cy, 4.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
r1ci_chart_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  R1ciChart *self = R1CI_CHART (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GdkRGBA fg;
  double x_min, x_max, y_min, y_max;

  if (w <= MARGIN_LEFT + MARGIN_RIGHT + 10 || h <= MARGIN_TOP + MARGIN_BOTTOM + 10)
    return;
  foreground (widget, &fg);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));

  double left = MARGIN_LEFT, top = MARGIN_TOP;
  double width = w - MARGIN_LEFT - MARGIN_RIGHT, height = h - MARGIN_TOP - MARGIN_BOTTOM;

  if (self->series->len == 0)
    {
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
      draw_text (widget, cr, self->empty_text != NULL ? self->empty_text : "No points yet.",
                 w / 2.0, h / 2.0, 0.5, 0.5);
      cairo_destroy (cr);
      return;
    }

  data_bounds (self, &x_min, &x_max, &y_min, &y_max);
  self->x_min = x_min;
  self->x_max = x_max;
  self->plot_left = left;
  self->plot_width = width;

  draw_axes (self, cr, &fg, left, top, width, height, x_min, x_max, y_min, y_max);
  draw_legend (self, cr, &fg, left + width, MARGIN_TOP / 2.0);

  cairo_save (cr);
  cairo_rectangle (cr, left, top - 4, width + 4, height + 8);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);
      gboolean smoothing = self->smoothing > 0;
      GdkRGBA faint = series->color;
      faint.alpha = smoothing ? 0.28f : 1.0f;
      gdk_cairo_set_source_rgba (cr, &faint);
      cairo_set_line_width (cr, smoothing ? 1.2 : 2.0);
      draw_line (cr, self, series, FALSE, left, top, width, height, x_min, x_max, y_min, y_max);
      if (smoothing)
        {
          gdk_cairo_set_source_rgba (cr, &series->color);
          cairo_set_line_width (cr, 2.2);
          draw_line (cr, self, series, TRUE, left, top, width, height, x_min, x_max, y_min, y_max);
        }
    }
  draw_hover (self, cr, &fg, left, top, width, height, x_min, x_max, y_min, y_max);
  cairo_restore (cr);
  cairo_destroy (cr);
}

/* ── Hover ──────────────────────────────────────────────────────────────── */

static void
mark_nearest (R1ciChart *self)
{
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);
      double best = INFINITY;
      series->hovered = -1;
      if (isnan (self->hover_x))
        continue;
      for (guint i = 0; i < series->points->len; i++)
        {
          double d = fabs (point_x (self, series, i) - self->hover_x);
          if (d < best)
            {
              best = d;
              series->hovered = (int) i;
            }
        }
    }
}

void
r1ci_chart_hover_x (R1ciChart *self,
                    double     x)
{
  g_return_if_fail (R1CI_IS_CHART (self));
  self->hover_x = x;
  mark_nearest (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_HOVER_CHANGED], 0);
}

char *
r1ci_chart_get_hover_text (R1ciChart *self)
{
  g_return_val_if_fail (R1CI_IS_CHART (self), NULL);
  if (isnan (self->hover_x))
    return NULL;

  GString *text = g_string_new (NULL);
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);
      if (series->hovered < 0)
        continue;
      const R1ciChartPoint *p = &g_array_index (series->points, R1ciChartPoint, series->hovered);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s · step %.0f: %.6g", series->label, p->step, p->value);
      if (self->smoothing > 0)
        g_string_append_printf (text, " (smoothed %.6g)", series->smoothed[series->hovered]);
      if (self->x_axis == R1CI_CHART_X_WALL_TIME)
        g_string_append_printf (text, " · %.1f s", point_x (self, series, series->hovered));
    }
  return g_string_free (text, text->len == 0);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           gpointer                  user_data)
{
  R1ciChart *self = user_data;
  if (self->series->len == 0 || self->plot_width <= 0)
    return;
  double fraction = CLAMP ((x - self->plot_left) / self->plot_width, 0, 1);
  r1ci_chart_hover_x (self, self->x_min + fraction * (self->x_max - self->x_min));
}

static void
on_leave (GtkEventControllerMotion *controller,
          gpointer                  user_data)
{
  r1ci_chart_hover_x (user_data, NAN);
}

/* ── Public ─────────────────────────────────────────────────────────────── */

GtkWidget *
r1ci_chart_new (void)
{
  return g_object_new (R1CI_TYPE_CHART, NULL);
}

void
r1ci_chart_clear (R1ciChart *self)
{
  g_return_if_fail (R1CI_IS_CHART (self));
  g_ptr_array_set_size (self->series, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
r1ci_chart_add_series (R1ciChart            *self,
                       const char           *label,
                       const GdkRGBA        *color,
                       const R1ciChartPoint *points,
                       guint                 n_points)
{
  Series *series = g_new0 (Series, 1);

  series->label = g_strdup (label);
  series->color = *color;
  series->points = g_array_sized_new (FALSE, FALSE, sizeof (R1ciChartPoint), n_points);
  g_array_append_vals (series->points, points, n_points);
  series->hovered = -1;
  resmooth (self, series);
  g_ptr_array_add (self->series, series);
  mark_nearest (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return self->series->len - 1;
}

void
r1ci_chart_set_y_label (R1ciChart  *self,
                        const char *label)
{
  g_return_if_fail (R1CI_IS_CHART (self));
  g_free (self->y_label);
  self->y_label = g_strdup (label);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
r1ci_chart_set_empty_text (R1ciChart  *self,
                           const char *text)
{
  g_return_if_fail (R1CI_IS_CHART (self));
  g_free (self->empty_text);
  self->empty_text = g_strdup (text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
r1ci_chart_set_smoothing (R1ciChart *self,
                          double     weight)
{
  g_return_if_fail (R1CI_IS_CHART (self));
  self->smoothing = CLAMP (weight, 0.0, 0.99);
  for (guint s = 0; s < self->series->len; s++)
    resmooth (self, g_ptr_array_index (self->series, s));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_HOVER_CHANGED], 0);
}

void
r1ci_chart_set_x_axis (R1ciChart      *self,
                       R1ciChartXAxis  axis)
{
  g_return_if_fail (R1CI_IS_CHART (self));
  if (self->x_axis == axis)
    return;
  self->x_axis = axis;
  r1ci_chart_hover_x (self, NAN);
}

/* ── Widget ─────────────────────────────────────────────────────────────── */

static void
r1ci_chart_finalize (GObject *object)
{
  R1ciChart *self = R1CI_CHART (object);

  g_ptr_array_unref (self->series);
  g_free (self->y_label);
  g_free (self->empty_text);
  G_OBJECT_CLASS (r1ci_chart_parent_class)->finalize (object);
}

static void
r1ci_chart_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 200;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 320;
}

static void
r1ci_chart_class_init (R1ciChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = r1ci_chart_finalize;
  widget_class->snapshot = r1ci_chart_snapshot;
  widget_class->measure = r1ci_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "chart");

  /* The marked points changed (pointer, r1ci_chart_hover_x or smoothing). */
  signals[SIGNAL_HOVER_CHANGED] = g_signal_new ("hover-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
r1ci_chart_init (R1ciChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->series = g_ptr_array_new_with_free_func (series_free);
  self->hover_x = NAN;
  self->smoothing = 0.6;
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}
