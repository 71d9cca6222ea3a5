/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "clab-format.h"
#include "clab-stats.h"
#include "clab-summary-row.h"
#include "gui-fixture.h"

/* The summary table says how many runs each mode counted and their median, as hyperfine
 * does; the CPU and Timeline charts show a mode's median run and let the person pick
 * another; a pinned baseline compares only like with like. */

/* A finished run of @mode that took @elapsed seconds, its @n_tasks tasks one after another. */
static ClabRun *
make_run (ClabMode mode,
          double   elapsed,
          guint    n_tasks)
{
  ClabRun *run = clab_run_new (mode, 2);

  run->workers = 2;
  run->elapsed_s = elapsed;
  for (guint i = 0; i < n_tasks; i++)
    {
      ClabTask task = { 0 };

      task.index = i;
      task.worker = 0;
      task.start_s = i * elapsed / n_tasks;
      task.end_s = (i + 1) * elapsed / n_tasks;
      task.status = CLAB_TASK_OK;
      g_array_append_val (run->tasks, task);
    }
  return run;
}

/* Sequential ran three times (3 s, 1 s, 2 s); threads was cancelled after one run. */
static ClabResult *
make_result (ClabWorkloadKind kind,
             double           scale)
{
  g_autoptr(ClabPlan) plan = make_plan (kind, 1, 2, "sequential,threads");
  ClabResult *result;
  ClabRun *cancelled;

  clab_plan_set_runs (plan, 3);
  result = clab_result_new (plan);
  clab_result_add_run (result, make_run (CLAB_MODE_SEQUENTIAL, 3.0 * scale, 2));
  clab_result_add_run (result, make_run (CLAB_MODE_SEQUENTIAL, 1.0 * scale, 2));
  clab_result_add_run (result, make_run (CLAB_MODE_SEQUENTIAL, 2.0 * scale, 2));
  clab_result_add_run (result, make_run (CLAB_MODE_THREADS, 1.0 * scale, 2));
  cancelled = make_run (CLAB_MODE_THREADS, 0.2, 2);
  cancelled->cancelled = TRUE;
  clab_result_add_run (result, cancelled);
  clab_result_set_cancelled (result, TRUE);
  clab_stats_update_result (result);
  return result;
}

static const char *
cell (Fixture           *fixture,
      guint              row,
      ClabSummaryColumn  column)
{
  GListModel *rows = clab_summary_get_rows (clab_window_get_summary (fixture->window));
  g_autoptr(ClabSummaryRow) item = g_list_model_get_item (rows, row);

  g_assert_nonnull (item);
  return clab_summary_row_get_text (item, column);
}

static void
test_runs_and_median (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ClabResult) result = make_result (CLAB_WORKLOAD_SLEEP, 1);
  g_autofree char *median = clab_format_duration (2.0);

  clab_window_show_result (fixture->window, result);
  g_assert_cmpstr (clab_summary_column_title (CLAB_SUMMARY_RUNS), ==, "Runs");
  g_assert_cmpstr (clab_summary_column_title (CLAB_SUMMARY_MEDIAN), ==, "Median");
  g_assert_cmpstr (cell (fixture, 0, CLAB_SUMMARY_RUNS), ==, "3");
  g_assert_cmpstr (cell (fixture, 0, CLAB_SUMMARY_MEDIAN), ==, median);
  /* The cancelled mode says it counted fewer runs than its neighbours. */
  g_assert_cmpstr (cell (fixture, 1, CLAB_SUMMARY_RUNS), ==, "1 of 3");
}

static gboolean
chart_laid_out (Fixture *fixture)
{
  return gtk_widget_get_width (GTK_WIDGET (clab_window_get_chart_view (fixture->window))) > 0;
}

static char *
dup_chart_description (ClabChartView *chart)
{
  ClabChartOptions options;

  clab_chart_view_get_options (chart, &options);
  return clab_chart_dup_description (clab_chart_view_get_result (chart), &options);
}

static void
test_run_picker (Fixture       *fixture,
                 gconstpointer  data)
{
  ClabChartView *chart = clab_window_get_chart_view (fixture->window);
  g_autoptr(ClabResult) result = make_result (CLAB_WORKLOAD_SLEEP, 1);
  g_autoptr(ClabResult) other = make_result (CLAB_WORKLOAD_SLEEP, 1);
  g_autofree char *median = NULL, *first = NULL;
  GtkDropDown *picker;

  clab_window_show_result (fixture->window, result);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.chart-type", "s", "timeline");
  g_assert_true (wait_for (fixture, chart_laid_out, 5000));
  picker = GTK_DROP_DOWN (find_descendant (GTK_WIDGET (chart), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (picker);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (picker)));
  /* The median run of each mode first, then every counted run of the one that has most. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (picker)), ==, 4);
  g_assert_cmpuint (gtk_drop_down_get_selected (picker), ==, 0);
  median = dup_chart_description (chart);
  g_assert_nonnull (strstr (median, "Sequential · run 3 of 3 (median)"));

  gtk_drop_down_set_selected (picker, 1);
  g_assert_cmpuint (clab_chart_view_get_run (chart), ==, 1);
  first = dup_chart_description (chart);
  g_assert_nonnull (strstr (first, "Sequential · run 1 of 3 ·"));
  g_assert_null (strstr (first, "median"));

  /* The elapsed chart draws every run already: no picker there. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.chart-type", "s", "elapsed");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (picker)));
  /* Another result opens on its median runs. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.chart-type", "s", "cpu");
  clab_window_show_result (fixture->window, other);
  g_assert_cmpuint (clab_chart_view_get_run (chart), ==, 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (picker), ==, 0);
}

static gboolean
has_percent (const char *text)
{
  return strchr (text, '%') != NULL;
}

static void
test_baseline_plans (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *summary = GTK_WIDGET (clab_window_get_summary (fixture->window));
  g_autoptr(ClabResult) cpu = make_result (CLAB_WORKLOAD_CPU, 7);
  g_autoptr(ClabResult) sleep_a = make_result (CLAB_WORKLOAD_SLEEP, 1);
  g_autoptr(ClabResult) sleep_b = make_result (CLAB_WORKLOAD_SLEEP, 1.5);
  GtkToggleButton *anyway;

  /* A CPU-bound baseline beside a sleep: no percentage, and the column says why. */
  clab_window_show_result (fixture->window, cpu);
  gtk_widget_activate_action (window, "win.pin-baseline", NULL);
  clab_window_show_result (fixture->window, sleep_a);
  g_assert_cmpstr (cell (fixture, 0, CLAB_SUMMARY_CHANGE), ==, "other plan");
  g_assert_false (has_percent (cell (fixture, 1, CLAB_SUMMARY_CHANGE)));

  /* The person may compare anyway; the column then says the plans differ. */
  anyway = find_toggle (summary, "Compare Anyway");
  g_assert_nonnull (anyway);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (anyway)));
  gtk_toggle_button_set_active (anyway, TRUE);
  g_assert_true (has_percent (cell (fixture, 0, CLAB_SUMMARY_CHANGE)));

  /* The same work measured again compares without asking: +50 % slower. */
  clab_window_show_result (fixture->window, sleep_a);
  gtk_widget_activate_action (window, "win.pin-baseline", NULL);
  clab_window_show_result (fixture->window, sleep_b);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (anyway)));
  g_assert_cmpstr (cell (fixture, 0, CLAB_SUMMARY_CHANGE), ==, "+50.0 %");
}

/* Copy Results puts the table, the machine and the verdict on the clipboard, as text and
 * as Markdown. */
static void
test_copy_results (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ClabResult) result = make_result (CLAB_WORKLOAD_SLEEP, 1);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->window));
  g_autofree char *verdict = clab_result_dup_verdict (result);
  g_auto(GValue) value = G_VALUE_INIT;
  GdkContentProvider *content;
  g_autoptr(GdkContentFormats) formats = NULL;
  const char *text;

  clab_window_show_result (fixture->window, result);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.copy-results", NULL));
  content = gdk_clipboard_get_content (clipboard);
  g_assert_nonnull (content);
  formats = gdk_content_provider_ref_formats (content);
  g_assert_true (gdk_content_formats_contain_mime_type (formats, "text/markdown"));
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  text = g_value_get_string (&value);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Runs"));
  g_assert_nonnull (strstr (text, "Median"));
  g_assert_nonnull (strstr (text, "1 of 3"));
  g_assert_nonnull (strstr (text, "System: "));
  /* The same runtime line as every export. */
  g_assert_nonnull (strstr (text, "Runtime: Native C\n"));
  g_assert_nonnull (strstr (text, verdict));
  /* Text, not a table of pipes: that is the Markdown's. */
  g_assert_null (strstr (text, "|"));
}

static gboolean
label_starts_with (GtkWidget     *widget,
                   gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget)
         && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

/* The summary's label of a spread, "± …", or NULL. */
static GtkWidget *
find_spread (Fixture *fixture)
{
  GtkWidget *summary = GTK_WIDGET (clab_window_get_summary (fixture->window));

  return find_widget (summary, label_starts_with, "±");
}

static gboolean
spread_shown (Fixture *fixture)
{
  return find_spread (fixture) != NULL;
}

/* The spread sits under the mean in a smaller line, so "±" values do not widen the table;
 * the mean keeps its unit, and the cell's full text stays in the row. */
static void
test_spread_under_mean (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ClabResult) result = make_result (CLAB_WORKLOAD_SLEEP, 1);
  GtkWidget *spread, *mean;

  clab_window_show_result (fixture->window, result);
  g_assert_nonnull (strstr (cell (fixture, 0, CLAB_SUMMARY_MEAN), "±"));
  g_assert_true (wait_for (fixture, spread_shown, 10000));
  spread = find_spread (fixture);
  g_assert_true (gtk_widget_has_css_class (spread, "caption"));
  mean = gtk_widget_get_prev_sibling (spread);
  g_assert_true (GTK_IS_LABEL (mean));
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (mean)), "±"));
  g_assert_true (g_str_has_suffix (gtk_label_get_text (GTK_LABEL (mean)), " s"));
  g_assert_true (g_str_has_suffix (cell (fixture, 0, CLAB_SUMMARY_MEAN),
                                   gtk_label_get_text (GTK_LABEL (spread))));
}

/* Every counted run kept 1.84 CPUs busy: CPU time 1.84 times its elapsed time. */
static void
keep_cpus_busy (ClabResult *result)
{
  for (guint m = 0; m < clab_result_get_n_modes (result); m++)
    {
      ClabModeResult *mode_result = clab_result_get_mode (result, m);

      for (guint r = 0; r < mode_result->runs->len; r++)
        {
          ClabRun *run = g_ptr_array_index (mode_result->runs, r);

          run->cpu_user_s = 1.5 * run->elapsed_s;
          run->cpu_system_s = 0.34 * run->elapsed_s;
        }
    }
  clab_stats_update_result (result);
}

static GtkWidget *
summary_table (Fixture *fixture)
{
  GtkWidget *summary = GTK_WIDGET (clab_window_get_summary (fixture->window));

  return find_descendant (summary, GTK_TYPE_COLUMN_VIEW);
}

static gboolean
cpu_heading_shown (Fixture *fixture)
{
  GtkWidget *heading = find_label (summary_table (fixture), "CPUs busy");

  return heading != NULL && gtk_widget_get_mapped (heading) && gtk_widget_get_width (heading) > 0
         && !clab_summary_is_collapsed (clab_window_get_summary (fixture->window),
                                        CLAB_SUMMARY_CPU);
}

#define LONG_TITLE "A baseline whose name alone is wider than the window: sleeping, computing, " \
                   "locking, writing and reading, allocating and streaming, again and again"

static gboolean
cpu_collapsed (Fixture *fixture)
{
  return clab_summary_is_collapsed (clab_window_get_summary (fixture->window), CLAB_SUMMARY_CPU);
}

/* Whether the table has a tooltip for the pointer over the middle of @label. */
static gboolean
has_tooltip_over (GtkWidget *table,
                  GtkWidget *label)
{
  graphene_point_t middle = GRAPHENE_POINT_INIT (gtk_widget_get_width (label) / 2.0,
                                                 gtk_widget_get_height (label) / 2.0);
  graphene_point_t point;
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_assert_true (gtk_widget_compute_point (label, table, &middle, &point));
  g_signal_emit_by_name (table, "query-tooltip", (int) point.x, (int) point.y, FALSE, tooltip,
                         &shown);
  return shown;
}

/* The CPU column counts the CPUs a mode kept busy, "1.84", and says so: beside the CPU
 * chart's shares of the whole machine, "184 %" read as one of them. */
static void
test_cpus_busy (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ClabResult) result = make_result (CLAB_WORKLOAD_CPU, 1);
  const char *explanation = clab_summary_column_explanation (CLAB_SUMMARY_CPU);
  g_autofree char *mismatch = NULL, *collapsed = NULL;
  GtkWidget *table, *value;

  keep_cpus_busy (result);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  clab_window_show_result (fixture->window, result);
  g_assert_cmpstr (clab_summary_column_title (CLAB_SUMMARY_CPU), ==, "CPUs busy");
  g_assert_cmpstr (cell (fixture, 0, CLAB_SUMMARY_CPU), ==, "1.84");
  g_assert_cmpstr (explanation, ==,
                   "CPU time over elapsed time: how many CPUs the run kept busy on average");
  g_assert_null (clab_summary_column_explanation (CLAB_SUMMARY_MEAN));

  /* The heading explains itself to the pointer, its cells to a screen reader. */
  g_assert_true (wait_for (fixture, cpu_heading_shown, 10000));
  table = summary_table (fixture);
  g_assert_true (has_tooltip_over (table, find_label (table, "CPUs busy")));
  g_assert_false (has_tooltip_over (table, find_label (table, "Mode")));
  value = find_label (table, "1.84");
  g_assert_nonnull (value);
  g_assert_false (has_tooltip_over (table, value));
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (value),
                                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                 explanation);
  g_assert_null (mismatch);

  /* Hidden to fit the window (beside a baseline named at length), the column takes its
   * explanation to the row's tooltip. */
  clab_plan_set_title (clab_result_get_plan (result), LONG_TITLE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.pin-baseline", NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 600);
  g_assert_true (wait_for (fixture, cpu_collapsed, 10000));
  collapsed = clab_summary_dup_collapsed_text (clab_window_get_summary (fixture->window), 0);
  g_test_message ("%s", collapsed);
  g_assert_nonnull (strstr (collapsed, "CPUs busy: 1.84 (CPU time over elapsed time: "));
}

int
main (int   argc,
      char *argv[])
{
  /* GTK keeps accessible properties only where assistive technology could read them: the
   * test context keeps them for the descriptions checked here. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (gui_test_init (&argc, &argv))
    {
      ADD_TEST ("/gui/summary/runs-and-median", test_runs_and_median);
      ADD_TEST ("/gui/summary/run-picker", test_run_picker);
      ADD_TEST ("/gui/summary/baseline-plans", test_baseline_plans);
      ADD_TEST ("/gui/summary/copy-results", test_copy_results);
      ADD_TEST ("/gui/summary/spread-under-mean", test_spread_under_mean);
      ADD_TEST ("/gui/summary/cpus-busy", test_cpus_busy);
    }
  return gui_test_run ();
}
