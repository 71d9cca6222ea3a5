/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "clab-chart-view-private.h"
#include "clab-stats.h"
#include "gui-fixture.h"

/* A Timeline of many lanes in an 800 × 600 window: the chart gets the height that keeps
 * its lanes readable, the results scroll, and the keyboard's highlight scrolls with it. */

/* 50 tasks, one thread each: 50 lanes. */
static ClabResult *
many_lanes_result (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 0.1, 50, "threads");
  ClabResult *result = clab_result_new (plan);
  ClabRun *run = clab_run_new (CLAB_MODE_THREADS, 2);

  run->elapsed_s = 0.2;
  for (guint i = 0; i < 50; i++)
    {
      ClabTask task = { 0 };

      task.index = i;
      task.worker = i;
      task.start_s = 0.001 * i;
      task.end_s = task.start_s + 0.1;
      task.submit_s = NAN;
      task.status = CLAB_TASK_OK;
      g_array_append_val (run->tasks, task);
    }
  clab_result_add_run (result, run);
  clab_stats_update_result (result);
  return result;
}

static gboolean
chart_laid_out (Fixture *fixture)
{
  ClabChartView *chart = clab_window_get_chart_view (fixture->window);

  return gtk_widget_get_width (GTK_WIDGET (chart)) > 0
         && clab_chart_view_get_chart_height (chart) > 50 * 10;
}

/* The highlighted task lies inside the scrolled window's view, once it has moved. */
static gboolean
highlight_visible (Fixture *fixture)
{
  ClabChartView *chart = clab_window_get_chart_view (fixture->window);
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (chart), GTK_TYPE_SCROLLED_WINDOW);
  double x, top;

  return gtk_widget_translate_coordinates (GTK_WIDGET (chart), scrolled, 0, chart->cursor_span.y,
                                           &x, &top)
         && top >= 0 && top + chart->cursor_span.height <= gtk_widget_get_height (scrolled);
}

static void
test_lanes_scroll (Fixture       *fixture,
                   gconstpointer  data)
{
  ClabChartView *chart = clab_window_get_chart_view (fixture->window);
  g_autoptr(ClabResult) result = many_lanes_result ();
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  ClabChartOptions options;
  double need;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 600);
  clab_window_show_result (fixture->window, result);
  clab_chart_view_set_chart_type (chart, CLAB_CHART_TIMELINE);
  g_assert_true (wait_for (fixture, chart_laid_out, 5000));

  /* The chart is drawn at the height it asked for: its 50 lanes at least 10 pixels each. */
  clab_chart_view_get_options (chart, &options);
  options.scale = 1;
  need = clab_chart_get_min_height (result, &options, gtk_widget_get_width (GTK_WIDGET (chart)));
  g_assert_cmpfloat (need, >=, 50 * 10);
  g_assert_cmpfloat (clab_chart_view_get_chart_height (chart), >=, need - 1);

  /* Taller than the window: the results scroll, and End brings the last task into view. */
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (chart), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_widget_get_height (scrolled));
  gtk_adjustment_set_value (adjustment, 0);
  gtk_widget_grab_focus (GTK_WIDGET (chart));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chart), "chart.highlight", "s", "last"));
  g_assert_nonnull (clab_chart_view_get_highlight (chart));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  g_assert_true (wait_for (fixture, highlight_visible, 5000));
  /* And Home back to the first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chart), "chart.highlight", "s", "first"));
  g_assert_true (wait_for (fixture, highlight_visible, 5000));
}

int
main (int   argc,
      char *argv[])
{
  if (gui_test_init (&argc, &argv))
    ADD_TEST ("/gui/chart-timeline/lanes-scroll", test_lanes_scroll);
  return gui_test_run ();
}
