/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "clab-plan.h"
#include "clab-result-io.h"
#include "clab-run-session.h"

/* Writes into the folder given as its argument the files that the library writes and that
 * tests/validate-schema.py checks against data/schema: results of the window's engine
 * session (as the window saves them), and plans as saved comparisons are. */

typedef struct
{
  GMainLoop  *loop;
  ClabResult *result;
  GError     *error;
} Outcome;

static void
done_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->result = clab_run_session_run_finish (CLAB_RUN_SESSION (source), res, &outcome->error);
  g_main_loop_quit (outcome->loop);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* Runs @plan in the engine, as the window does, and saves its result as the window does. */
static gboolean
save_session_result (ClabPlan    *plan,
                     double       cancel_after_s,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(ClabRunSession) session = clab_run_session_new (plan);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome outcome = { g_main_loop_new (NULL, FALSE), NULL, NULL };
  gboolean ok;

  if (cancel_after_s > 0)
    g_timeout_add_full (G_PRIORITY_DEFAULT, cancel_after_s * 1000, cancel_cb,
                        g_object_ref (cancellable), g_object_unref);
  clab_run_session_run_async (session, cancellable, done_cb, &outcome);
  g_main_loop_run (outcome.loop);
  g_main_loop_unref (outcome.loop);
  if (outcome.result == NULL)
    {
      g_propagate_error (error, outcome.error);
      return FALSE;
    }
  ok = clab_result_save_json (outcome.result, path, error);
  g_object_unref (outcome.result);
  return ok;
}

static ClabPlan *
plan_new (ClabWorkloadKind  workload,
          double            size,
          const char       *modes)
{
  ClabPlan *plan = clab_plan_new ();

  clab_plan_set_workload (plan, workload);
  clab_plan_set_size (plan, size);
  clab_plan_set_tasks (plan, 3);
  clab_plan_set_workers (plan, 2);
  clab_plan_set_sample_interval_ms (plan, 20);
  g_assert_true (clab_plan_parse_modes (plan, modes, NULL));
  return plan;
}

/* A plan with every member the writer knows, the optional ones too. */
static ClabPlan *
full_plan (void)
{
  static const guint sweep[] = { 1, 2 };
  ClabPlan *plan = plan_new (CLAB_WORKLOAD_COMMAND, 0.5, "sequential,thread-pool,process-pool");

  clab_plan_set_title (plan, "Every field \"quoted\"\tand\ncontrolled");
  clab_plan_set_description (plan, "A plan with a command, a time limit and a sweep.");
  clab_plan_set_command (plan, "sh -c 'exit 3'");
  clab_plan_set_timeout_s (plan, 2.5);
  clab_plan_set_sweep_workers (plan, sweep, G_N_ELEMENTS (sweep));
  return plan;
}

static gboolean
write_plans (const char  *dir,
             GError     **error)
{
  g_auto(GStrv) presets = clab_plan_list_presets ();
  g_autoptr(ClabPlan) full = full_plan ();
  g_autofree char *full_path = g_build_filename (dir, "plan-full.json", NULL);

  for (guint i = 0; presets[i] != NULL; i++)
    {
      g_autoptr(ClabPlan) plan = clab_plan_load_preset (presets[i], error);
      g_autofree char *name = g_strdup_printf ("plan-%s.json", presets[i]);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (plan == NULL || !clab_plan_save (plan, path, error))
        return FALSE;
    }
  return clab_plan_save (full, full_path, error);
}

static gboolean
write_results (const char  *dir,
               GError     **error)
{
  g_autoptr(ClabPlan) sleeps = plan_new (CLAB_WORKLOAD_SLEEP, 0.05, "sequential,threads,processes");
  g_autoptr(ClabPlan) failing = full_plan ();
  g_autoptr(ClabPlan) long_sleeps = plan_new (CLAB_WORKLOAD_SLEEP, 30, "threads");
  g_autofree char *sleeps_path = g_build_filename (dir, "session-sleep.json", NULL);
  g_autofree char *failing_path = g_build_filename (dir, "session-failing-sweep.json", NULL);
  g_autofree char *cancelled_path = g_build_filename (dir, "session-cancelled.json", NULL);

  clab_plan_set_command_trusted (failing, TRUE);
  clab_plan_set_sample_interval_ms (failing, 20);
  return save_session_result (sleeps, 0, sleeps_path, error)
         && save_session_result (failing, 0, failing_path, error)
         && save_session_result (long_sleeps, 0.5, cancelled_path, error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: %s FOLDER\n", argv[0]);
      return 2;
    }
  if (!write_plans (argv[1], &error) || !write_results (argv[1], &error))
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      return 1;
    }
  return 0;
}
