/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "clab-result-io.h"
#include "gui-fixture.h"

/* The window and the command line measure the same plan alike: a run from the window
 * counts the run, not the window (its threads, heap and drawing). */

static ClabResult *
run_in_window (Fixture    *fixture,
               const char *preset)
{
  ClabResult *result;

  g_assert_true (clab_window_load_preset (fixture->window, preset));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.run", NULL);
  g_assert_true (clab_window_get_running (fixture->window));
  g_assert_true (wait_for (fixture, run_finished, 120000));
  result = clab_window_get_result (fixture->window);
  g_assert_nonnull (result);
  return g_object_ref (result);
}

static ClabResult *
run_in_cli (const char *preset,
            const char *tmpdir)
{
  g_autofree char *json = g_build_filename (tmpdir, "cli.json", NULL);
  const char *argv[] = { g_getenv ("CLAB_CLI_PATH"), "run", "--preset", preset,
                         "--quiet", "--json", json, NULL };
  g_autoptr(GError) error = NULL;
  ClabResult *result;
  int status;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  result = clab_result_load (json, &error);
  g_assert_no_error (error);
  return result;
}

/* The run's own share of the machine, averaged over its samples. */
static double
mean_run_pct (const ClabRun *run)
{
  double sum = 0;

  for (guint i = 0; i < run->samples->len; i++)
    sum += g_array_index (run->samples, ClabSample, i).run_pct;
  return run->samples->len > 0 ? sum / run->samples->len : NAN;
}

static const ClabRun *
first_run (ClabModeResult *mode_result)
{
  g_assert_cmpuint (mode_result->runs->len, >, 0);
  return g_ptr_array_index (mode_result->runs, 0);
}

/* Never two samples at one instant; each covers the time since the one before. */
static void
assert_samples_ordered (const ClabRun *run)
{
  double prev = 0;

  for (guint i = 0; i < run->samples->len; i++)
    {
      double t = g_array_index (run->samples, ClabSample, i).t_s;

      g_assert_cmpfloat (t, >, prev + 0.005);
      prev = t;
    }
}

static void
compare_mode (ClabModeResult *window,
              ClabModeResult *cli)
{
  const ClabRun *w = first_run (window), *c = first_run (cli);
  double rss_w = window->stats.peak_rss_kib, rss_c = cli->stats.peak_rss_kib;

  g_test_message ("%s: CPU %.2f %% vs %.2f %%, run share %.2f %% vs %.2f %%, peak %.0f vs %.0f KiB",
                  clab_mode_to_string (window->mode), window->stats.cpu_pct, cli->stats.cpu_pct,
                  mean_run_pct (w), mean_run_pct (c), rss_w, rss_c);
  /* Sleeping tasks cost (almost) nothing: the window's 60 % of old was the window. */
  g_assert_cmpfloat (fabs (window->stats.cpu_pct - cli->stats.cpu_pct), <=, 2.0);
#ifndef __SANITIZE_ADDRESS__
  /* Under AddressSanitizer a worker spends some 50 ms of CPU looking for leaks as it exits,
   * which a 100 ms sample catches or not, and its resident memory moves by megabytes with
   * the allocator's quarantine, whoever starts it: only the product's own build compares
   * samples and memory. */
  g_assert_cmpfloat (fabs (mean_run_pct (w) - mean_run_pct (c)), <=, 2.0);
  g_assert_cmpfloat (fabs (rss_w - rss_c), <=, 0.10 * MAX (rss_w, rss_c) + 4096);
#endif
  assert_samples_ordered (w);
}

static void
test_same_numbers_as_cli (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(ClabResult) window = run_in_window (fixture, "sleep-2x2");
  g_autoptr(ClabResult) cli = run_in_cli ("sleep-2x2", fixture->tmpdir);

  g_assert_cmpuint (clab_result_get_n_modes (window), ==, clab_result_get_n_modes (cli));
  for (guint m = 0; m < clab_result_get_n_modes (window); m++)
    {
      ClabModeResult *w = clab_result_get_mode (window, m);
      ClabModeResult *c = clab_result_get_mode (cli, m);

      g_assert_cmpint (w->mode, ==, c->mode);
      /* The same plan: two sleeps of 2 s overlap or follow each other alike. */
      g_assert_cmpfloat (fabs (w->stats.mean_s - c->stats.mean_s), <, 0.5);
      compare_mode (w, c);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (gui_test_init (&argc, &argv))
    ADD_TEST ("/gui/numbers/same-as-cli", test_same_numbers_as_cli);
  return gui_test_run ();
}
