/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "clab-stats.h"
#include "clab-summary-row.h"
#include "gui-fixture.h"

/* Nothing is cut off or pushed sideways at 1280×800 with the sidebar and at 800×600, in the
 * language meson chose for this run: the summary table fits the width it gets (columns that
 * matter less give way, their values in the row's tooltip), the verdict is not squeezed
 * beside the Wall/CPU switch, and the plan's title wraps instead of ending in "…". */

/* A finished run of @mode that took @elapsed seconds, its tasks one after another. */
static ClabRun *
make_run (ClabMode mode,
          double   elapsed)
{
  ClabRun *run = clab_run_new (mode, 2);

  run->workers = 2;
  run->elapsed_s = elapsed;
  for (guint i = 0; i < 2; i++)
    {
      ClabTask task = { 0 };

      task.index = i;
      task.start_s = i * elapsed / 2;
      task.end_s = (i + 1) * elapsed / 2;
      task.status = CLAB_TASK_OK;
      g_array_append_val (run->tasks, task);
    }
  return run;
}

/* Every mode, three runs each of unlike times: every column has a value, and the mean, the
 * range and the speedup their second lines. */
static ClabResult *
make_wide_result (void)
{
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_CPU, 1, 2,
                                        "sequential,threads,thread-pool,processes,process-pool");
  ClabResult *result;

  clab_plan_set_runs (plan, 3);
  clab_plan_set_title (plan, "CPU-bound work");
  result = clab_result_new (plan);
  for (ClabMode mode = 0; mode < CLAB_N_MODES; mode++)
    for (guint run = 0; run < 3; run++)
      clab_result_add_run (result, make_run (mode, 12.3456 / (1 + mode) + run * 0.4321));
  clab_stats_update_result (result);
  return result;
}

static int target_width, target_height;

/* The default size counts the frame that client-side decorations keep around the window's
 * widget (10 pixels without a compositor). */
static gboolean
window_resized (Fixture *fixture)
{
  return ABS (gtk_widget_get_width (GTK_WIDGET (fixture->window)) - target_width) <= 10
         && ABS (gtk_widget_get_height (GTK_WIDGET (fixture->window)) - target_height) <= 10;
}

static gboolean
never (Fixture *fixture)
{
  return FALSE;
}

/* Sizes the window as the screenshots do, and lets it lay out (folding the sidebar takes an
 * animation). */
static void
resize_window (Fixture *fixture,
               int      width,
               int      height)
{
  target_width = width;
  target_height = height;
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  if (!wait_for (fixture, window_resized, 10000))
    g_error ("the window is %d×%d, not %d×%d",
             gtk_widget_get_width (GTK_WIDGET (fixture->window)),
             gtk_widget_get_height (GTK_WIDGET (fixture->window)), width, height);
  wait_for (fixture, never, 1500);
}

static GtkColumnView *
summary_table (Fixture *fixture)
{
  GtkWidget *summary = GTK_WIDGET (clab_window_get_summary (fixture->window));
  GtkWidget *table = find_descendant (summary, GTK_TYPE_COLUMN_VIEW);

  g_assert_nonnull (table);
  return GTK_COLUMN_VIEW (table);
}

static gboolean
table_fits (Fixture *fixture)
{
  GtkWidget *table = GTK_WIDGET (summary_table (fixture));
  GtkAdjustment *hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (table));
  int minimum;

  gtk_widget_measure (table, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return gtk_adjustment_get_page_size (hadjustment) > 0
         && minimum <= gtk_adjustment_get_page_size (hadjustment)
         && gtk_adjustment_get_upper (hadjustment)
            <= gtk_adjustment_get_page_size (hadjustment) + 0.5;
}

/* The table's own width against the room its scrolled window gives it: wider would need the
 * horizontal scrollbar. A busy machine may take a few frames to lay it out. */
static void
assert_table_fits (Fixture *fixture)
{
  GtkWidget *table = GTK_WIDGET (summary_table (fixture));
  GtkAdjustment *hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (table));
  int minimum, natural;

  wait_for (fixture, table_fits, 10000);

  gtk_widget_measure (table, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_test_message ("%d×%d: table %d (natural %d) in %g, scrolls to %g", target_width,
                  target_height, minimum, natural, gtk_adjustment_get_page_size (hadjustment),
                  gtk_adjustment_get_upper (hadjustment));
  g_assert_cmpfloat (gtk_adjustment_get_page_size (hadjustment), >, 0);
  g_assert_cmpfloat (minimum, <=, gtk_adjustment_get_page_size (hadjustment));
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=,
                     gtk_adjustment_get_page_size (hadjustment) + 0.5);
  /* Nor does the table run out of the window. */
  g_assert_cmpint (gtk_widget_get_width (table), <=, target_width);
}

static gboolean
column_shown (Fixture           *fixture,
              ClabSummaryColumn  column)
{
  GListModel *columns = gtk_column_view_get_columns (summary_table (fixture));
  g_autoptr(GtkColumnViewColumn) shown = g_list_model_get_item (columns, column);

  return gtk_column_view_column_get_visible (shown);
}

/* A screen reader, which has no pointer to hover with, hears the hidden values with the
 * row's first cell. */
static void
assert_collapsed_described (Fixture        *fixture,
                            ClabSummaryRow *row,
                            const char     *tooltip)
{
  GtkWidget *cell = find_label (GTK_WIDGET (summary_table (fixture)),
                                clab_summary_row_get_text (row, CLAB_SUMMARY_MODE));
  g_autofree char *mismatch = NULL;

  g_assert_nonnull (cell);
  if (tooltip == NULL)
    {
      g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (cell),
                                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
      return;
    }
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (cell),
                                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip);
  g_assert_null (mismatch);
}

/* What the comparison found always shows; what gave way is in each row's tooltip. */
static void
assert_collapsed_reachable (Fixture *fixture)
{
  ClabSummary *summary = clab_window_get_summary (fixture->window);
  g_autofree char *tooltip = clab_summary_dup_collapsed_text (summary, 0);
  g_autoptr(ClabSummaryRow) row = g_list_model_get_item (clab_summary_get_rows (summary), 0);
  guint n_collapsed = 0;

  g_assert_true (column_shown (fixture, CLAB_SUMMARY_MODE));
  g_assert_true (column_shown (fixture, CLAB_SUMMARY_MEAN));
  g_assert_true (column_shown (fixture, CLAB_SUMMARY_SPEEDUP));
  for (guint i = 0; i < CLAB_N_SUMMARY_COLUMNS; i++)
    {
      g_autofree char *title = NULL;

      if (!clab_summary_is_collapsed (summary, i))
        continue;
      n_collapsed++;
      g_assert_false (column_shown (fixture, i));
      title = g_strdup_printf ("%s: ", clab_summary_column_title (i));
      g_assert_nonnull (tooltip);
      g_assert_nonnull (strstr (tooltip, title));
      g_assert_nonnull (strstr (tooltip, clab_summary_row_get_text (row, i)));
      /* The heading's tooltip went with the column: the row's says what the value is. */
      if (clab_summary_column_explanation (i) != NULL)
        g_assert_nonnull (strstr (tooltip, clab_summary_column_explanation (i)));
    }
  g_test_message ("%d×%d: %u columns collapsed", target_width, target_height, n_collapsed);
  if (n_collapsed == 0)
    g_assert_null (tooltip);
  assert_collapsed_described (fixture, row, tooltip);
}

static void
test_summary_fits (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ClabResult) result = make_wide_result ();
  AdwFlap *flap = ADW_FLAP (find_descendant (GTK_WIDGET (fixture->window), ADW_TYPE_FLAP));

  clab_window_show_result (fixture->window, result);

  /* The sidebar beside the results takes its share of the width. */
  resize_window (fixture, 1280, 800);
  g_assert_false (adw_flap_get_folded (flap));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  assert_table_fits (fixture);
  assert_collapsed_reachable (fixture);

  resize_window (fixture, 800, 600);
  assert_table_fits (fixture);
  assert_collapsed_reachable (fixture);
  /* At 800 pixels the whole table never fit, in any language. */
  g_assert_true (clab_summary_is_collapsed (clab_window_get_summary (fixture->window),
                                            CLAB_SUMMARY_MEDIAN));

  /* Wider again, the columns come back. */
  resize_window (fixture, 1280, 800);
  assert_table_fits (fixture);
  if (g_strcmp0 (g_getenv ("LANGUAGE"), "C") == 0)
    g_assert_false (clab_summary_is_collapsed (clab_window_get_summary (fixture->window),
                                               CLAB_SUMMARY_RANGE));

  /* The CPU time's numbers are others; they fit as well. */
  clab_summary_set_cpu_time (clab_window_get_summary (fixture->window), TRUE);
  resize_window (fixture, 800, 600);
  wait_for (fixture, never, 500);
  assert_table_fits (fixture);
  assert_collapsed_reachable (fixture);
}

/* The height @label needs for the width it got. */
static int
needed_height (GtkWidget *label)
{
  int minimum;

  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (label),
                      &minimum, NULL, NULL, NULL);
  return minimum;
}

/* Beside the switch the verdict takes at most two lines; otherwise the switch goes under
 * it and the verdict has the summary's whole width. */
static void
assert_heading_not_squeezed (Fixture *fixture)
{
  ClabSummary *summary = clab_window_get_summary (fixture->window);
  /* The first label, depth first: the heading. */
  GtkWidget *verdict = find_descendant (GTK_WIDGET (summary), GTK_TYPE_LABEL);
  GtkWidget *box = gtk_widget_get_parent (verdict);
  int line_width, line;
  gboolean beside = gtk_orientable_get_orientation (GTK_ORIENTABLE (box))
                    == GTK_ORIENTATION_HORIZONTAL;

  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (verdict)), !=, "");
  gtk_widget_measure (verdict, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &line_width, NULL, NULL);
  gtk_widget_measure (verdict, GTK_ORIENTATION_VERTICAL, line_width, &line, NULL, NULL, NULL);
  g_test_message ("%d×%d: verdict %d×%d, a line %d high, %s", target_width, target_height,
                  gtk_widget_get_width (verdict), gtk_widget_get_height (verdict), line,
                  beside ? "beside the switch" : "above the switch");
  g_assert_cmpint (gtk_widget_get_height (verdict), >=, needed_height (verdict));
  if (beside)
    g_assert_cmpint (needed_height (verdict), <=, 2 * line);
  else
    g_assert_cmpint (gtk_widget_get_width (verdict), ==, gtk_widget_get_width (box));
}

static void
test_heading (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(ClabResult) result = make_wide_result ();

  clab_window_show_result (fixture->window, result);
  resize_window (fixture, 1280, 800);
  assert_heading_not_squeezed (fixture);
  resize_window (fixture, 800, 600);
  assert_heading_not_squeezed (fixture);
}

static GtkWidget *watched;

/* Once laid out, @watched shows its whole text: not ellipsized, as high as its lines. */
static gboolean
label_shown_whole (Fixture *fixture)
{
  return gtk_widget_get_width (watched) > 0
         && !pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (watched)))
         && gtk_widget_get_height (watched) >= needed_height (watched);
}

/* The longest preset title, and a longer one of a person's own: both read in full. */
static void
test_editor_title (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char *long_title = "Python processes started with forkserver, "
                                  "measured again on the laptop after the update";
  GtkWidget *editor = GTK_WIDGET (clab_window_get_plan_editor (fixture->window));
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 0.1, 2, "sequential,threads");
  const char *plan_title;
  GtkWidget *title;

  resize_window (fixture, 1280, 800);
  g_assert_true (clab_window_load_preset (fixture->window, "python-start-forkserver"));
  wait_for (fixture, never, 500);
  /* In the run's language: a translation may name the preset otherwise. */
  plan_title = clab_plan_get_title (clab_plan_editor_get_plan (CLAB_PLAN_EDITOR (editor)));
  title = find_label (editor, plan_title);
  g_test_message ("the editor's title: %s", gtk_label_get_text (GTK_LABEL (title)));
  g_assert_nonnull (title);
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (title)), ==, PANGO_ELLIPSIZE_NONE);
  watched = title;
  g_assert_true (wait_for (fixture, label_shown_whole, 10000));

  clab_plan_set_title (plan, long_title);
  clab_plan_editor_set_plan (CLAB_PLAN_EDITOR (editor), plan);
  wait_for (fixture, never, 500);
  title = find_label (editor, long_title);
  g_assert_nonnull (title);
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (title)), ==, PANGO_ELLIPSIZE_NONE);
  watched = title;
  g_assert_true (wait_for (fixture, label_shown_whole, 10000));
  g_assert_cmpint (gtk_widget_get_width (title), <=, gtk_widget_get_width (editor));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_use_translations ();
  /* GTK keeps accessible properties only where assistive technology could read them: the
   * test context keeps them for the descriptions checked here. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (gui_test_init (&argc, &argv))
    {
      ADD_TEST ("/gui/layout/summary-fits", test_summary_fits);
      ADD_TEST ("/gui/layout/heading", test_heading);
      ADD_TEST ("/gui/layout/editor-title", test_editor_title);
    }
  return gui_test_run ();
}
