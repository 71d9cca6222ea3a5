/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "clab-line-reader.h"
#include "clab-worker-proc.h"
#include "clab-worker-protocol.h"

static void
test_round_trip (void)
{
  ClabWorkerReport in = { 42, TRUE, 123456789, 223456789, 1500, 250, 4096, 7, 3, 900,
                          G_GUINT64_CONSTANT (0xfedcba9876543210), NULL };
  g_auto(ClabWorkerReport) out = { 0 };
  g_autofree char *line = clab_worker_report_format (&in);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_suffix (line, "\n"));
  g_assert_true (clab_worker_report_parse (line, &out, &error));
  g_assert_no_error (error);
  g_assert_true (out.ok);
  g_assert_cmpuint (out.index, ==, 42);
  g_assert_cmpint (out.start_ns, ==, 123456789);
  g_assert_cmpint (out.end_ns, ==, 223456789);
  g_assert_cmpint (out.user_us, ==, 1500);
  g_assert_cmpint (out.sys_us, ==, 250);
  g_assert_cmpint (out.maxrss_kib, ==, 4096);
  g_assert_cmpint (out.nvcsw, ==, 7);
  g_assert_cmpint (out.nivcsw, ==, 3);
  g_assert_cmpint (out.task_cpu_us, ==, 900);
  g_assert_cmpuint (out.checksum, ==, in.checksum);
}

static void
test_failure_reason (void)
{
  ClabWorkerReport in = { 3, FALSE, 1, 2, 0, 0, 0, 0, 0, 0, 0, (char *) "disk full\non line two" };
  g_auto(ClabWorkerReport) out = { 0 };
  g_autofree char *line = clab_worker_report_format (&in);

  /* One line per answer, whatever the reason holds. */
  g_assert_cmpuint (strchr (line, '\n') - line, ==, strlen (line) - 1);
  g_assert_true (clab_worker_report_parse (line, &out, NULL));
  g_assert_false (out.ok);
  g_assert_cmpstr (out.reason, ==, "disk full on line two");
}

static void
test_garbage (void)
{
  const char *lines[] = { "", "DONE", "DONE 1 2 3", "HELLO 1 2 3 4 5 6 7 8 9 10",
                          "DONE 1 2 3 4 5 6 7 8 9 zz", "DONE x 2 3 4 5 6 7 8 9 10",
                          "DONE 1 2 3 4 5 6 7 8 9" };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_auto(ClabWorkerReport) out = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_false (clab_worker_report_parse (lines[i], &out, &error));
      g_assert_error (error, CLAB_ERROR, CLAB_ERROR_WORKER);
    }
}

static void
test_argv_quoting (void)
{
  char *command[] = { (char *) "printf", (char *) "%s it's \"x\"", (char *) "a b", NULL };
  ClabWorkloadSpec spec = { CLAB_WORKLOAD_COMMAND, 0, command };
  g_auto(GStrv) argv = clab_worker_build_argv ("/w", &spec);
  g_auto(GStrv) parsed = NULL;

  g_assert_cmpstr (argv[0], ==, "/w");
  g_assert_cmpstr (argv[2], ==, "command");
  g_assert_cmpstr (argv[5], ==, "--command");
  g_assert_true (g_shell_parse_argv (argv[6], NULL, &parsed, NULL));
  g_assert_cmpstrv (parsed, command);
}

static ClabWorkerProc *
spawn_worker (const char *workload,
              const char *size)
{
  const char *argv[] = { g_getenv ("CLAB_WORKER_PATH"), "--workload", workload,
                         "--size", size, NULL };
  g_autoptr(GError) error = NULL;
  ClabWorkerProc *proc = clab_worker_proc_spawn (argv, &error);

  g_assert_no_error (error);
  return proc;
}

static void
test_worker_answers (void)
{
  g_autoptr(ClabWorkerProc) proc = spawn_worker ("cpu", "2");
  g_auto(ClabWorkerReport) first = { 0 };
  g_auto(ClabWorkerReport) second = { 0 };
  g_autoptr(GError) error = NULL;
  ClabWorkloadSpec spec = { CLAB_WORKLOAD_CPU, 2, NULL };
  guint64 expected;

  g_assert_true (clab_workload_run (&spec, 5, NULL, &expected, NULL));
  g_assert_true (clab_worker_proc_run (proc, 5, &first, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (clab_worker_proc_run (proc, 6, &second, NULL, &error));
  g_assert_true (first.ok);
  g_assert_cmpuint (first.checksum, ==, expected);
  g_assert_cmpuint (second.index, ==, 6);
  g_assert_cmpint (first.start_ns, <=, first.end_ns);
  g_assert_cmpint (first.end_ns, <=, second.start_ns);
  g_assert_cmpint (second.maxrss_kib, >, 0);
  /* Totals since the worker started only grow. */
  g_assert_cmpint (second.user_us + second.sys_us, >=, first.user_us + first.sys_us);
  /* A task's own CPU time leaves out the worker's start-up and the tasks before it. */
  g_assert_cmpint (first.task_cpu_us, >, 0);
  g_assert_cmpint (first.task_cpu_us, <, first.user_us + first.sys_us);
  g_assert_cmpint (second.task_cpu_us, <=, second.user_us + second.sys_us - (first.user_us + first.sys_us));
  clab_worker_proc_finish (proc, FALSE);
}

static void
test_worker_inherits_only_pipes (void)
{
  g_autoptr(ClabWorkerProc) proc = spawn_worker ("sleep", "0");
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = clab_worker_proc_ask (proc, "FDS", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (answer, ==, "FDS 0 1 2");
}

static void
test_worker_rejects_bad_options (void)
{
  const char *argv[] = { g_getenv ("CLAB_WORKER_PATH"), "--workload", "juggling", NULL };
  g_autoptr(GSubprocess) proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL);

  g_assert_nonnull (proc);
  g_assert_true (g_subprocess_wait (proc, NULL, NULL));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 2);
}

/* Numbers a lying worker could send: each must fail the answer, not overflow the engine. */
static void
test_extreme_numbers (void)
{
  const char *lines[] = {
    "DONE 0 -9223372036854775808 9223372036854775807 1 1 1 1 1 1 00",
    "DONE 0 1 2 9223372036854775807 1 1 1 1 1 00",
    "DONE 0 1 2 1 -1 1 1 1 1 00",
    "DONE 0 1 2 1 1 9223372036854775807 1 1 1 00",
    "DONE 0 1 2 1 1 1 -5 1 1 00",
    "DONE 0 1 2 1 1 1 1 1 -1 00",
    "DONE 0 5 4 1 1 1 1 1 1 00",                          /* ends before it starts */
    "DONE 0 1 2 1 1 1 1 1 1 123456789abcdef01",           /* 17 hex digits */
    "DONE 4294967296 1 2 1 1 1 1 1 1 00",                 /* index beyond a guint */
    "FAIL 0 1 2 99999999999999999999 1 1 1 1 1 reason",  /* beyond a gint64 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_auto(ClabWorkerReport) out = { 0 };
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", lines[i]);
      g_assert_false (clab_worker_report_parse (lines[i], &out, &error));
      g_assert_error (error, CLAB_ERROR, CLAB_ERROR_WORKER);
    }
}

static void
test_times_within_run (void)
{
  ClabWorkerReport report = { 0, TRUE, 2000, 3000, 0, 0, 0, 0, 0, 0, 0, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (clab_worker_report_check_times (&report, 1000, 4000, NULL));
  g_assert_false (clab_worker_report_check_times (&report, 2500, 4000, &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_WORKER);
  g_clear_error (&error);
  g_assert_false (clab_worker_report_check_times (&report, 1000, 2500, &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_WORKER);
}

static GBufferedInputStream *
stream_of (const char *text,
           gsize       length)
{
  g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_data (g_memdup2 (text, length),
                                                                        length, g_free);

  return G_BUFFERED_INPUT_STREAM (g_data_input_stream_new (memory));
}

static void
test_line_limit (void)
{
  gsize long_length = 3 * 1024 * 1024;
  g_autofree char *text = g_malloc (long_length + 64);
  g_autoptr(GBufferedInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL, *last = NULL, *end = NULL;

  /* A short line, one far beyond the limit, with no newline for megabytes. */
  memcpy (text, "DONE short\n", 11);
  memset (text + 11, 'x', long_length);
  memcpy (text + 11 + long_length, "\n", 1);
  stream = stream_of (text, 12 + long_length);
  first = clab_read_line_bounded (stream, CLAB_WORKER_MAX_LINE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "DONE short");
  second = clab_read_line_bounded (stream, CLAB_WORKER_MAX_LINE, NULL, &error);
  g_assert_null (second);
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_WORKER);
  /* It gave up near the limit instead of buffering the whole line. */
  g_assert_cmpuint (g_buffered_input_stream_get_buffer_size (stream), <=, CLAB_WORKER_MAX_LINE + 1);
  g_clear_object (&stream);
  g_clear_error (&error);

  /* Lines up to the limit pass; the end of the stream ends the last line. */
  memset (text, 'y', CLAB_WORKER_MAX_LINE);
  memcpy (text + CLAB_WORKER_MAX_LINE, "\nlast", 5);
  stream = stream_of (text, CLAB_WORKER_MAX_LINE + 5);
  g_free (first);
  first = clab_read_line_bounded (stream, CLAB_WORKER_MAX_LINE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (first), ==, CLAB_WORKER_MAX_LINE);
  last = clab_read_line_bounded (stream, CLAB_WORKER_MAX_LINE, NULL, &error);
  g_assert_cmpstr (last, ==, "last");
  end = clab_read_line_bounded (stream, CLAB_WORKER_MAX_LINE, NULL, &error);
  g_assert_null (end);
  g_assert_no_error (error);
}

typedef struct
{
  gboolean  done;
  char     *line;
  GError   *error;
} AsyncLine;

static void
line_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncLine *read = user_data;

  read->line = clab_read_line_bounded_finish (G_BUFFERED_INPUT_STREAM (source), result,
                                              &read->error);
  read->done = TRUE;
}

static void
test_line_limit_async (void)
{
  gsize length = 1024 * 1024;
  g_autofree char *text = g_malloc (length);
  g_autoptr(GBufferedInputStream) stream = NULL;
  AsyncLine read = { 0 };

  memset (text, 'z', length);
  stream = stream_of (text, length);
  clab_read_line_bounded_async (stream, 1000, G_PRIORITY_DEFAULT, NULL, line_read_cb, &read);
  while (!read.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (read.line);
  g_assert_error (read.error, CLAB_ERROR, CLAB_ERROR_WORKER);
  g_clear_error (&read.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/protocol/round-trip", test_round_trip);
  g_test_add_func ("/protocol/failure-reason", test_failure_reason);
  g_test_add_func ("/protocol/garbage", test_garbage);
  g_test_add_func ("/protocol/extreme-numbers", test_extreme_numbers);
  g_test_add_func ("/protocol/times-within-run", test_times_within_run);
  g_test_add_func ("/protocol/line-limit", test_line_limit);
  g_test_add_func ("/protocol/line-limit-async", test_line_limit_async);
  g_test_add_func ("/protocol/argv-quoting", test_argv_quoting);
  g_test_add_func ("/protocol/worker-answers", test_worker_answers);
  g_test_add_func ("/protocol/worker-inherits-only-pipes", test_worker_inherits_only_pipes);
  g_test_add_func ("/protocol/worker-rejects-bad-options", test_worker_rejects_bad_options);
  return g_test_run ();
}
