/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <time.h>

#include "clab-application.h"
#include "clab-window.h"

#define MAX_STALL_MS 30.0

typedef struct
{
  gint64 last_us;
  double last_cpu_s;
  gint64 worst_us;
  double worst_cpu_s;   /* the main thread's own CPU time during the worst stall */
  guint  ticks;
} Stall;

static double
thread_cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A 1 ms timeout that fires late tells how long the main loop did not run; the main
 * thread's CPU time over that gap tells whether it was busy or waiting for a core. */
static gboolean
tick_cb (gpointer user_data)
{
  Stall *stall = user_data;
  gint64 now = g_get_monotonic_time ();
  double cpu = thread_cpu_s ();

  if (stall->last_us != 0 && now - stall->last_us - 1000 > stall->worst_us)
    {
      stall->worst_us = now - stall->last_us - 1000;
      stall->worst_cpu_s = cpu - stall->last_cpu_s;
    }
  stall->last_us = now;
  stall->last_cpu_s = cpu;
  stall->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static ClabWindow *
create_window (ClabApplication *app)
{
  g_autoptr(GError) error = NULL;
  ClabWindow *window;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  window = clab_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
load_big_spawn_cost (ClabWindow *window)
{
  ClabPlanEditor *editor = clab_window_get_plan_editor (window);
  g_autoptr(ClabPlan) plan = NULL;

  if (!clab_window_load_preset (window, "spawn-cost"))
    g_error ("the spawn-cost preset is missing");
  plan = clab_plan_copy (clab_plan_editor_get_plan (editor));
  clab_plan_set_tasks (plan, 10000);
  clab_plan_set_runs (plan, 1);
  clab_plan_set_warmup (plan, 0);
  clab_plan_editor_set_plan (editor, plan);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ClabApplication) app = NULL;
  ClabWindow *window;
  Stall stall = { 0, };
  guint tick;
  double worst_ms;

  if (!gtk_init_check ())
    {
      g_print ("no display: run under xvfb-run\n");
      return 77;
    }
  app = clab_application_new ();
  window = create_window (app);
  load_big_spawn_cost (window);
  spin (500);   /* the first frames are the window's, not the run's */

  tick = g_timeout_add (1, tick_cb, &stall);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  while (clab_window_get_running (window))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);

  worst_ms = stall.worst_us / 1000.0;
  g_print ("longest main-loop stall during a %u-task spawn-cost run: %.1f ms over %u ticks "
           "(limit %.0f ms); the main thread ran %.1f ms of it\n",
           clab_plan_get_tasks (clab_plan_editor_get_plan (clab_window_get_plan_editor (window))),
           worst_ms, stall.ticks, MAX_STALL_MS, stall.worst_cpu_s * 1000);
  gtk_window_destroy (GTK_WINDOW (window));
  return worst_ms < MAX_STALL_MS ? 0 : 1;
}
