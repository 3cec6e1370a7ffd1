/* r1ci-chart.h — a line chart of one metric for several runs: the raw curve
 * faint, the debiased EMA of it strong, one colour per run, a legend, axes
 * with ticks, step or wall-time on x, and the nearest point under the pointer
 * marked. It draws what it is given; the Training page feeds it points. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define R1CI_TYPE_CHART (r1ci_chart_get_type ())

G_DECLARE_FINAL_TYPE (R1ciChart, r1ci_chart, R1CI, CHART, GtkWidget)

typedef enum {
  R1CI_CHART_X_STEP,       /* the optimizer step */
  R1CI_CHART_X_WALL_TIME,  /* seconds since the run's first point */
} R1ciChartXAxis;

/* One point of a series: its step, its wall time (Unix s) and value. */
typedef struct
{
  double step;
  double wall_time;
  double value;
} R1ciChartPoint;

GtkWidget *r1ci_chart_new             (void);
/* Removes every series. */
void       r1ci_chart_clear           (R1ciChart            *self);
/* Adds a series (its points are copied, in step order); returns its index. */
guint      r1ci_chart_add_series      (R1ciChart            *self,
                                       const char           *label,
                                       const GdkRGBA        *color,
                                       const R1ciChartPoint *points,
                                       guint                 n_points);
void       r1ci_chart_set_y_label     (R1ciChart            *self,
                                       const char           *label);
/* What to draw when there is no series (a sentence saying what to do). */
void       r1ci_chart_set_empty_text  (R1ciChart            *self,
                                       const char           *text);
/* EMA weight in [0, 0.99]: 0 draws the raw curve only. */
void       r1ci_chart_set_smoothing   (R1ciChart            *self,
                                       double                weight);
void       r1ci_chart_set_x_axis      (R1ciChart            *self,
                                       R1ciChartXAxis        axis);
/* Marks, in every series, the point nearest to x (in the x axis's unit);
 * NaN clears the mark. The pointer does the same; "hover-changed" follows. */
void       r1ci_chart_hover_x         (R1ciChart            *self,
                                       double                x);
/* What the mark shows, one line per series ("label · step S: value
 * (smoothed V)"), or NULL when nothing is marked. Free with g_free. */
char      *r1ci_chart_get_hover_text  (R1ciChart            *self);

/* TensorBoard's debiased exponential moving average: m_i = w·m_{i−1} +
 * (1−w)·x_i from m = 0, divided by 1 − w^(i+1) so the first points are not
 * pulled towards zero. values and smoothed hold n doubles (may alias). */
void       r1ci_chart_smooth          (const double         *values,
                                       double               *smoothed,
                                       guint                 n,
                                       double                weight);

G_END_DECLS
