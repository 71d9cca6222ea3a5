/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "clab-chart-view-private.h"
#include "gui-fixture.h"

/* The CPU chart's toggles, Per Core and Memory: found under the chart, remembered, redrawn. */

static guint frames;

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  frames++;
  return G_SOURCE_CONTINUE;
}

static gboolean
chart_laid_out (Fixture *fixture)
{
  return gtk_widget_get_width (GTK_WIDGET (clab_window_get_chart_view (fixture->window))) > 0;
}

static gboolean
frames_drawn (Fixture *fixture)
{
  return frames >= 2;
}

/* Waits until the chart has drawn twice more, as it does after a change it shows. */
static void
wait_for_redraw (Fixture *fixture)
{
  frames = 0;
  gtk_widget_queue_draw (GTK_WIDGET (clab_window_get_chart_view (fixture->window)));
  g_assert_true (wait_for (fixture, frames_drawn, 5000));
}

/* Visible up to the window: the person can find it. */
static gboolean
is_shown (GtkToggleButton *button)
{
  return gtk_widget_is_visible (GTK_WIDGET (button))
         && gtk_widget_get_width (GTK_WIDGET (button)) > 0;
}

static void
test_toggles (Fixture       *fixture,
              gconstpointer  data)
{
  ClabChartView *chart = clab_window_get_chart_view (fixture->window);
  GSettings *settings = clab_application_get_settings (fixture->app);
  g_autoptr(ClabResult) result = run_tiny ();
  GtkToggleButton *per_core, *memory;
  ClabChartOptions options;
  graphene_rect_t bounds;
  guint tick;

  g_assert_nonnull (settings);
  g_assert_false (g_settings_get_boolean (settings, "chart-per-core"));
  g_assert_false (g_settings_get_boolean (settings, "chart-memory"));
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (chart), count_frame_cb, NULL, NULL);
  clab_window_show_result (fixture->window, result);
  g_assert_true (wait_for (fixture, chart_laid_out, 5000));
  per_core = find_toggle (GTK_WIDGET (chart), "Per Core");
  memory = find_toggle (GTK_WIDGET (chart), "Memory");
  g_assert_nonnull (per_core);
  g_assert_nonnull (memory);
  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (per_core)));
  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (memory)));

  /* Only the CPU chart has the toggles. */
  wait_for_redraw (fixture);
  g_assert_false (is_shown (per_core));
  clab_chart_view_set_chart_type (chart, CLAB_CHART_CPU);
  wait_for_redraw (fixture);
  g_assert_true (is_shown (per_core));
  g_assert_true (is_shown (memory));
  /* Their row is not drawn over: the chart is given the height above it. */
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (memory), GTK_WIDGET (chart), &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, clab_chart_view_get_chart_height (chart));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                     gtk_widget_get_height (GTK_WIDGET (chart)));

  g_signal_emit_by_name (per_core, "clicked");
  g_assert_true (gtk_toggle_button_get_active (per_core));
  g_assert_true (clab_chart_view_get_per_cpu (chart));
  g_assert_true (g_settings_get_boolean (settings, "chart-per-core"));
  wait_for_redraw (fixture);

  g_signal_emit_by_name (memory, "clicked");
  g_assert_true (clab_chart_view_get_memory (chart));
  g_assert_true (g_settings_get_boolean (settings, "chart-memory"));
  wait_for_redraw (fixture);

  /* Export Chart and Copy Chart start from the options of the chart shown. */
  clab_chart_view_get_options (chart, &options);
  g_assert_true (options.per_cpu);
  g_assert_true (options.memory);

  /* The setting is the one state: changed elsewhere, the toggle follows. */
  g_settings_set_boolean (settings, "chart-per-core", FALSE);
  g_assert_false (clab_chart_view_get_per_cpu (chart));
  g_assert_false (gtk_toggle_button_get_active (per_core));
  wait_for_redraw (fixture);

  /* A live chart takes them too, while the run goes on. */
  clab_chart_view_set_live (chart, TRUE);
  gtk_toggle_button_set_active (memory, FALSE);
  gtk_toggle_button_set_active (per_core, TRUE);
  wait_for_redraw (fixture);
  clab_chart_view_get_options (chart, &options);
  g_assert_true (options.per_cpu);
  g_assert_false (options.memory);
  clab_chart_view_set_live (chart, FALSE);
  gtk_widget_remove_tick_callback (GTK_WIDGET (chart), tick);
}

/* A new window opens with the toggles as they were left. */
static void
test_remembered (Fixture       *fixture,
                 gconstpointer  data)
{
  GSettings *settings = clab_application_get_settings (fixture->app);
  g_autoptr(ClabWindow) second = NULL;
  ClabChartView *chart;

  g_settings_set_boolean (settings, "chart-per-core", TRUE);
  g_settings_set_boolean (settings, "chart-memory", TRUE);
  second = g_object_ref_sink (clab_window_new (fixture->app));
  chart = clab_window_get_chart_view (second);
  g_assert_true (clab_chart_view_get_per_cpu (chart));
  g_assert_true (clab_chart_view_get_memory (chart));
  g_settings_reset (settings, "chart-per-core");
  g_settings_reset (settings, "chart-memory");
  g_assert_false (clab_chart_view_get_per_cpu (chart));
  gtk_window_destroy (GTK_WINDOW (second));
}

/* A tooltip that wraps keeps each number with what follows it: "machine 5 % busy" once
 * wrapped as "machine 5" over "% busy". */
static void
test_tooltip_numbers_whole (void)
{
  g_autofree char *kept = NULL;
  g_autofree char *german = NULL;

  kept = clab_chart_view_dup_numbers_kept_whole ("Threads at 1.20 s: machine 5 % busy, iowait 0 %");
  g_assert_cmpstr (kept, ==, "Threads at 1.20\u00a0s: machine 5\u00a0% busy, iowait 0\u00a0%");
  german = clab_chart_view_dup_numbers_kept_whole ("Threads bei 1,20 s: 2 Aufgaben");
  g_assert_cmpstr (german, ==, "Threads bei 1,20\u00a0s: 2\u00a0Aufgaben");
}

int
main (int   argc,
      char *argv[])
{
  if (gui_test_init (&argc, &argv))
    {
      ADD_TEST ("/gui/chart-cpu/toggles", test_toggles);
      ADD_TEST ("/gui/chart-cpu/remembered", test_remembered);
      g_test_add_func ("/gui/chart-cpu/tooltip-numbers-whole", test_tooltip_numbers_whole);
    }
  return gui_test_run ();
}
