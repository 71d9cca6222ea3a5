/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "clab-plan-editor.h"

/* The plan editor's Folder row: there for the file I/O workload only, and it sets the plan. */

static char *tmpdir;

static ClabPlan *
io_plan (ClabWorkloadKind  kind,
         const char       *folder)
{
  ClabPlan *plan = clab_plan_new ();

  clab_plan_set_workload (plan, kind);
  clab_plan_set_size (plan, 1);
  clab_plan_set_tasks (plan, 2);
  clab_plan_set_io_folder (plan, folder);
  return plan;
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    data)
{
  (*(guint *) data)++;
}

static void
test_folder_row (void)
{
  ClabPlanEditor *editor = g_object_ref_sink (g_object_new (CLAB_TYPE_PLAN_EDITOR, NULL));
  GtkWidget *row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                              CLAB_TYPE_PLAN_EDITOR,
                                                              "folder_row"));
  AdwComboRow *kind_row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                                        CLAB_TYPE_PLAN_EDITOR,
                                                                        "workload_row"));
  g_autofree char *missing = g_build_filename (tmpdir, "missing", NULL);
  g_autoptr(ClabPlan) cpu = io_plan (CLAB_WORKLOAD_CPU, NULL);
  g_autoptr(ClabPlan) io = io_plan (CLAB_WORKLOAD_IO, NULL);
  g_autoptr(ClabPlan) chosen = io_plan (CLAB_WORKLOAD_IO, tmpdir);
  g_autoptr(ClabPlan) gone = io_plan (CLAB_WORKLOAD_IO, missing);
  guint notified = 0;

  g_assert_nonnull (row);
  clab_plan_editor_set_plan (editor, cpu);
  g_assert_false (gtk_widget_get_visible (row));

  clab_plan_editor_set_plan (editor, io);
  g_assert_true (gtk_widget_get_visible (row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Temporary folder");

  clab_plan_editor_set_plan (editor, chosen);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, tmpdir);
  g_assert_cmpstr (clab_plan_get_io_folder (clab_plan_editor_get_plan (editor)), ==, tmpdir);
  g_assert_true (clab_plan_editor_get_valid (editor));
  g_assert_true (clab_plan_editor_shows_plan (editor, chosen));
  g_assert_false (clab_plan_editor_shows_plan (editor, io));

  /* Back to the default: the plan changes and says so. */
  g_signal_connect (editor, "notify::plan", G_CALLBACK (count_cb), &notified);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "plan-editor.reset-folder",
                                             NULL));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_null (clab_plan_get_io_folder (clab_plan_editor_get_plan (editor)));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Temporary folder");
  g_assert_true (clab_plan_editor_get_modified (editor));

  /* Another kind hides the row. */
  adw_combo_row_set_selected (kind_row, CLAB_WORKLOAD_SLEEP);
  g_assert_false (gtk_widget_get_visible (row));
  g_assert_cmpint (clab_plan_get_workload (clab_plan_editor_get_plan (editor)), ==,
                   CLAB_WORKLOAD_SLEEP);

  /* A folder that is gone: the editor says so before anything runs. */
  clab_plan_editor_set_plan (editor, gone);
  g_assert_false (clab_plan_editor_get_valid (editor));
  g_assert_nonnull (strstr (clab_plan_editor_get_message (editor), "does not exist"));
  g_object_unref (editor);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_setenv ("LANGUAGE", "C", TRUE);
  tmpdir = g_dir_make_tmp ("clab-test-plan-folder-XXXXXX", NULL);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return 77;
    }
  adw_init ();
  g_test_add_func ("/gui/plan-editor/folder-row", test_folder_row);
  status = g_test_run ();
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return status;
}
