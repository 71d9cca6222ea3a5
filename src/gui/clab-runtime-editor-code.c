/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "clab-atomic-file.h"
#include "clab-python-runtime.h"
#include "clab-runtime-editor-private.h"

/* The runtime editor's work on files: where the person's functions live, opening one, and
 * saving one and asking the plan's interpreter about it, in a thread. */

const char _clab_runtime_editor_template[] =
  "# Called once for every task.\n"
  "# index: 0, 1, 2 …\n"
  "# size: the plan's Size.\n"
  "# It returns the checksum.\n"
  "import time\n"
  "\n"
  "\n"
  "def task(index, size):\n"
  "    time.sleep(size)\n"
  "    return index\n";

char *
clab_runtime_editor_functions_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "concurrency-lab", "functions", NULL);
}

char *
_clab_runtime_editor_unique_path (const char *basename)
{
  g_autofree char *dir = clab_runtime_editor_functions_dir ();
  g_autofree char *stem = g_str_has_suffix (basename, ".py")
                          ? g_strndup (basename, strlen (basename) - 3) : g_strdup (basename);

  for (guint n = 1;; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s.py", stem)
                                     : g_strdup_printf ("%s-%u.py", stem, n);
      char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
    }
}

/* What one check needs, copied on the main thread. */
typedef struct
{
  ClabPlan *plan;
  char     *save_path;
  char     *code;
} CheckJob;

typedef struct
{
  char           *message;
  ClabPythonInfo  info;
} CheckOutcome;

static void
check_job_free (CheckJob *job)
{
  g_clear_object (&job->plan);
  g_free (job->save_path);
  g_free (job->code);
  g_free (job);
}

static void
check_outcome_free (CheckOutcome *outcome)
{
  g_free (outcome->message);
  clab_python_info_clear (&outcome->info);
  g_free (outcome);
}

static gboolean
save_code (CheckJob  *job,
           GError   **error)
{
  g_autofree char *folder = g_path_get_dirname (job->save_path);
  g_autoptr(GError) local_error = NULL;

  if (g_mkdir_with_parents (folder, 0700) != 0
      || !clab_atomic_file_replace (job->save_path, job->code, strlen (job->code), &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not save the function: %s"),
                   local_error ? local_error->message : g_strerror (errno));
      return FALSE;
    }
  g_debug ("Saved the function in %s", job->save_path);
  return TRUE;
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  CheckJob *job = data;
  CheckOutcome *outcome = g_new0 (CheckOutcome, 1);
  g_autoptr(GError) error = NULL;

  if (job->save_path != NULL && !save_code (job, &error))
    outcome->message = g_strdup (error->message);
  else if (clab_plan_get_runtime (job->plan) == CLAB_RUNTIME_PYTHON
           && clab_plan_validate (job->plan, NULL)
           && !clab_python_runtime_check (job->plan, &outcome->info, &error))
    outcome->message = g_strdup (error->message);
  g_task_return_pointer (task, outcome, (GDestroyNotify) check_outcome_free);
}

void
_clab_runtime_editor_check_async (gpointer             source,
                                  ClabPlan            *plan,
                                  const char          *save_path,
                                  const char          *code,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  CheckJob *job = g_new0 (CheckJob, 1);

  job->plan = clab_plan_copy (plan);
  job->save_path = g_strdup (save_path);
  job->code = g_strdup (code);
  g_task_set_task_data (task, job, (GDestroyNotify) check_job_free);
  g_task_run_in_thread (task, check_thread);
}

gboolean
_clab_runtime_editor_check_finish (GAsyncResult    *result,
                                   char           **message,
                                   ClabPythonInfo  *info)
{
  CheckOutcome *outcome = g_task_propagate_pointer (G_TASK (result), NULL);

  if (outcome == NULL)
    return FALSE;
  *message = g_steal_pointer (&outcome->message);
  clab_python_info_copy (&outcome->info, info);
  check_outcome_free (outcome);
  return TRUE;
}

static void
open_response_cb (GtkNativeDialog   *chooser,
                  int                response,
                  ClabRuntimeEditor *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    clab_runtime_editor_load_function (self, file);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

void
_clab_runtime_editor_open_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open a Python Function"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, NULL, NULL);
  gtk_file_filter_set_name (filter, _("Python files"));
  gtk_file_filter_add_pattern (filter, "*.py");
  gtk_file_filter_add_mime_type (filter, "text/x-python");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
