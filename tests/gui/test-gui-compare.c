/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "clab-application.h"
#include "clab-compare-view.h"
#include "clab-compare-window.h"
#include "clab-comparison.h"
#include "gui-fixture.h"

/* The Compare view opened on two results: both charts, the results and the table; fewer than
 * two results ask for more. */

typedef struct
{
  GtkWindow       *window;
  ClabCompareView *view;
  GListStore      *store;
} View;

static ClabResult *first_result;
static ClabResult *second_result;

static void
view_set_up (View *view)
{
  view->window = GTK_WINDOW (gtk_window_new ());
  view->view = CLAB_COMPARE_VIEW (clab_compare_view_new ());
  view->store = g_list_store_new (G_TYPE_OBJECT);
  gtk_window_set_default_size (view->window, 1280, 800);
  gtk_window_set_child (view->window, GTK_WIDGET (view->view));
  clab_compare_view_set_results (view->view, G_LIST_MODEL (view->store));
  gtk_window_present (view->window);
}

static void
view_tear_down (View *view)
{
  gtk_window_destroy (view->window);
  g_clear_object (&view->store);
}

/* Spins the main loop until @widget has a size, or a few seconds pass. */
static gboolean
wait_allocated (GtkWidget *widget)
{
  /* Generous: on a machine shared with other work the first frame can take seconds. */
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (gtk_widget_get_height (widget) == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return gtk_widget_get_height (widget) > 0;
}

/* Whether a label under @widget shows @text. */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static GtkStack *
outer_stack (View *view)
{
  return GTK_STACK (gtk_widget_get_first_child (GTK_WIDGET (view->view)));
}

static void
test_two_results (void)
{
  View view;
  g_autoptr(ClabComparison) finished = clab_comparison_new_finished (second_result);
  ClabCompare *compare;
  GtkWidget *area;

  view_set_up (&view);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (outer_stack (&view)), ==, "empty");

  /* A result and a finished run: items of either kind are compared. */
  g_list_store_append (view.store, first_result);
  g_assert_null (clab_compare_view_get_compare (view.view));
  g_list_store_append (view.store, finished);
  compare = clab_compare_view_get_compare (view.view);
  g_assert_nonnull (compare);
  g_assert_cmpuint (clab_compare_get_n_results (compare), ==, 2);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (outer_stack (&view)), ==, "compare");
  g_assert_nonnull (clab_compare_get_when (compare, 1));

  /* The charts get the room they ask for, and the table names the reference and the change. */
  area = find_descendant (GTK_WIDGET (view.view), GTK_TYPE_DRAWING_AREA);
  g_assert_nonnull (area);
  g_assert_true (wait_allocated (area));
  g_assert_cmpint (gtk_widget_get_height (area), >=, 400);
  g_assert_true (has_label (GTK_WIDGET (view.view), "reference"));
  g_assert_true (has_label (GTK_WIDGET (view.view), "Change against"));
  g_assert_true (has_label (GTK_WIDGET (view.view), "Sequential"));
  g_assert_true (has_label (GTK_WIDGET (view.view), clab_compare_get_machine (compare, 0)));

  /* One result is no comparison. */
  g_list_store_remove (view.store, 0);
  g_assert_null (clab_compare_view_get_compare (view.view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (outer_stack (&view)), ==, "empty");
  view_tear_down (&view);
}

static void
test_plans_differ (void)
{
  View view;
  g_autoptr(ClabPlan) plan = make_plan (CLAB_WORKLOAD_SLEEP, 0.05, 2, "sequential,threads");
  g_autoptr(ClabResult) other = clab_result_new (plan);

  view_set_up (&view);
  g_list_store_append (view.store, first_result);
  g_list_store_append (view.store, other);
  g_assert_nonnull (clab_compare_view_get_compare (view.view));
  g_assert_true (has_label (GTK_WIDGET (view.view), "The plans differ"));
  view_tear_down (&view);
}

static gboolean
compare_shown (Fixture *fixture)
{
  GtkWindow *window = find_toplevel (CLAB_TYPE_COMPARE_WINDOW);
  ClabCompare *compare;

  if (window == NULL)
    return FALSE;
  compare = clab_compare_view_get_compare (
    CLAB_COMPARE_VIEW (clab_compare_window_get_view (CLAB_COMPARE_WINDOW (window))));
  return compare != NULL && clab_compare_get_n_results (compare) == 2;
}

/* From the window's menu: Compare Results lists the results, two ticked are compared. */
static void
test_from_window (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ClabComparison) first = clab_comparison_new_finished (first_result);
  g_autoptr(ClabComparison) second = clab_comparison_new_finished (second_result);
  GtkWindow *compare;

  clab_application_add_result (fixture->app, first);
  clab_application_add_result (fixture->app, second);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.compare", NULL);
  compare = find_toplevel (CLAB_TYPE_COMPARE_WINDOW);
  g_assert_nonnull (compare);
  g_assert_false (compare_shown (fixture));
  clab_compare_window_choose (CLAB_COMPARE_WINDOW (compare), 0, TRUE);
  clab_compare_window_choose (CLAB_COMPARE_WINDOW (compare), 1, TRUE);
  g_assert_true (wait_for (fixture, compare_shown, 10000));
  /* Unticking one leaves too few to compare. */
  clab_compare_window_choose (CLAB_COMPARE_WINDOW (compare), 1, FALSE);
  g_assert_null (clab_compare_view_get_compare (
    CLAB_COMPARE_VIEW (clab_compare_window_get_view (CLAB_COMPARE_WINDOW (compare)))));
  gtk_window_destroy (compare);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!gui_test_init (&argc, &argv))
    return gui_test_run ();
  adw_init ();
  first_result = run_tiny ();
  second_result = run_tiny ();
  g_test_add_func ("/gui-compare/two-results", test_two_results);
  g_test_add_func ("/gui-compare/plans-differ", test_plans_differ);
  ADD_TEST ("/gui-compare/from-window", test_from_window);
  status = gui_test_run ();
  g_clear_object (&first_result);
  g_clear_object (&second_result);
  return status;
}
