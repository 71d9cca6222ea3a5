/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-types.h"

static void
test_workload_names (void)
{
  const char *expected[] = { "sleep", "cpu", "lock", "io", "memory", "command" };

  g_assert_cmpuint (G_N_ELEMENTS (expected), ==, CLAB_N_WORKLOADS);
  for (ClabWorkloadKind kind = 0; kind < CLAB_N_WORKLOADS; kind++)
    {
      ClabWorkloadKind parsed = CLAB_N_WORKLOADS;

      g_assert_cmpstr (clab_workload_kind_to_string (kind), ==, expected[kind]);
      g_assert_true (clab_workload_kind_from_string (expected[kind], &parsed));
      g_assert_cmpint (parsed, ==, kind);
    }
}

static void
test_workload_rejects (void)
{
  ClabWorkloadKind kind = CLAB_WORKLOAD_IO;

  g_assert_false (clab_workload_kind_from_string ("gpu", &kind));
  g_assert_false (clab_workload_kind_from_string ("CPU", &kind));
  g_assert_false (clab_workload_kind_from_string ("", &kind));
  g_assert_false (clab_workload_kind_from_string (NULL, &kind));
  /* A failed lookup leaves the output alone. */
  g_assert_cmpint (kind, ==, CLAB_WORKLOAD_IO);
}

static void
test_mode_names (void)
{
  const char *expected[] = { "sequential", "threads", "thread-pool", "processes", "process-pool" };

  g_assert_cmpuint (G_N_ELEMENTS (expected), ==, CLAB_N_MODES);
  for (ClabMode mode = 0; mode < CLAB_N_MODES; mode++)
    {
      ClabMode parsed = CLAB_N_MODES;

      g_assert_cmpstr (clab_mode_to_string (mode), ==, expected[mode]);
      g_assert_true (clab_mode_from_string (expected[mode], &parsed));
      g_assert_cmpint (parsed, ==, mode);
    }
}

static void
test_mode_rejects (void)
{
  ClabMode mode = CLAB_MODE_THREADS;

  g_assert_false (clab_mode_from_string ("thread_pool", &mode));
  g_assert_false (clab_mode_from_string ("threads ", &mode));
  g_assert_false (clab_mode_from_string (NULL, &mode));
  g_assert_cmpint (mode, ==, CLAB_MODE_THREADS);
}

static void
test_mode_labels (void)
{
  for (ClabMode mode = 0; mode < CLAB_N_MODES; mode++)
    {
      const char *label = clab_mode_label (mode);

      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, "");
      for (ClabMode other = 0; other < mode; other++)
        g_assert_cmpstr (label, !=, clab_mode_label (other));
    }
  g_assert_cmpstr (clab_mode_label (CLAB_MODE_THREAD_POOL), ==, "Thread pool");
}

static void
test_mode_uses_processes (void)
{
  g_assert_false (clab_mode_uses_processes (CLAB_MODE_SEQUENTIAL));
  g_assert_false (clab_mode_uses_processes (CLAB_MODE_THREADS));
  g_assert_false (clab_mode_uses_processes (CLAB_MODE_THREAD_POOL));
  g_assert_true (clab_mode_uses_processes (CLAB_MODE_PROCESSES));
  g_assert_true (clab_mode_uses_processes (CLAB_MODE_PROCESS_POOL));
}

static void
test_task_status_names (void)
{
  const char *expected[] = { "ok", "failed", "cancelled", "pending", "timed-out" };

  for (ClabTaskStatus status = CLAB_TASK_OK; status <= CLAB_TASK_TIMED_OUT; status++)
    {
      ClabTaskStatus parsed = CLAB_TASK_TIMED_OUT + 1;

      g_assert_cmpstr (clab_task_status_to_string (status), ==, expected[status]);
      g_assert_true (clab_task_status_from_string (expected[status], &parsed));
      g_assert_cmpint (parsed, ==, status);
    }
  /* A task stopped at its time limit failed; a cancelled one did not. */
  g_assert_true (clab_task_status_is_failure (CLAB_TASK_TIMED_OUT));
  g_assert_true (clab_task_status_is_failure (CLAB_TASK_FAILED));
  g_assert_false (clab_task_status_is_failure (CLAB_TASK_CANCELLED));
  g_assert_false (clab_task_status_from_string ("done", &(ClabTaskStatus) { 0 }));
  g_assert_false (clab_task_status_from_string (NULL, &(ClabTaskStatus) { 0 }));
}

static void
test_out_of_range (void)
{
  if (g_test_subprocess ())
    {
      /* g_test_init() makes criticals fatal: a bad mode must not pass silently. */
      clab_mode_to_string (CLAB_N_MODES);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*mode < CLAB_N_MODES*");
}

static void
test_error_quark (void)
{
  g_autoptr(GError) error = g_error_new_literal (CLAB_ERROR, CLAB_ERROR_NOT_FOUND, "x");

  g_assert_cmpstr (g_quark_to_string (CLAB_ERROR), ==, "clab-error-quark");
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_NOT_FOUND);
  g_assert_cmpuint (CLAB_ERROR, ==, clab_error_quark ());
}

static void
test_lookup_name (void)
{
  const char * const names[] = { "png", "svg", "pdf" };
  guint index = 99;

  g_assert_true (clab_lookup_name (names, 3, "svg", FALSE, &index));
  g_assert_cmpuint (index, ==, 1);
  g_assert_false (clab_lookup_name (names, 3, "PDF", FALSE, &index));
  g_assert_true (clab_lookup_name (names, 3, "PDF", TRUE, &index));
  g_assert_cmpuint (index, ==, 2);
  g_assert_false (clab_lookup_name (names, 3, NULL, TRUE, &index));
  g_assert_false (clab_lookup_name (names, 3, "gif", TRUE, &index));
  g_assert_cmpuint (index, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/types/workload/names", test_workload_names);
  g_test_add_func ("/types/workload/rejects", test_workload_rejects);
  g_test_add_func ("/types/mode/names", test_mode_names);
  g_test_add_func ("/types/mode/rejects", test_mode_rejects);
  g_test_add_func ("/types/mode/labels", test_mode_labels);
  g_test_add_func ("/types/mode/uses-processes", test_mode_uses_processes);
  g_test_add_func ("/types/task-status/names", test_task_status_names);
  g_test_add_func ("/types/out-of-range", test_out_of_range);
  g_test_add_func ("/types/error-quark", test_error_quark);
  g_test_add_func ("/types/lookup-name", test_lookup_name);

  return g_test_run ();
}
