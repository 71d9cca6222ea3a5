/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <json-glib/json-glib.h>

#include "clab-plan.h"
#include "test-files.h"

static const char *preset_names[] = {
  "sleep-2x2", "pool-fifo", "cpu-bound", "scaling", "gil-lock", "spawn-cost", "file-io", "memory",
  "python-threading", "python-processes", "python-pool", "python-gil", "python-start-fork",
  "python-start-spawn", "python-start-forkserver",
};

static guint
cpus_minus_one (void)
{
  return MAX (1, g_get_num_processors () - 1);
}

/* A machine without limits, so that a test of values does not depend on this one. */
static const ClabMachineLimits unlimited = {
  G_MAXUINT64, G_MAXUINT64, G_MAXUINT64, G_MAXUINT64, 0, G_MAXUINT64,
};

/* A modest laptop: the built-in presets must run on it. */
static const ClabMachineLimits modest = {
  .processes_per_user = 7000, .threads_max = 15000, .pid_max = 32768,
  .open_files_max = 4096, .open_files_in_use = 50, .memory_available = (guint64) 2 << 30,
};

static void
test_defaults (void)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  const ClabMode *modes;
  guint n_modes, n_sweep;

  g_assert_cmpint (clab_plan_get_workload (plan), ==, CLAB_WORKLOAD_CPU);
  g_assert_cmpfloat (clab_plan_get_size (plan), ==, 100);
  g_assert_cmpuint (clab_plan_get_tasks (plan), ==, 8);
  g_assert_cmpuint (clab_plan_get_workers (plan), ==, g_get_num_processors ());
  g_assert_cmpuint (clab_plan_get_runs (plan), ==, 3);
  g_assert_cmpuint (clab_plan_get_warmup (plan), ==, 1);
  g_assert_cmpuint (clab_plan_get_sample_interval_ms (plan), ==, 100);
  g_assert_null (clab_plan_get_command (plan));
  g_assert_null (clab_plan_get_name (plan));
  modes = clab_plan_get_modes (plan, &n_modes);
  g_assert_cmpuint (n_modes, ==, CLAB_N_MODES);
  for (guint i = 0; i < n_modes; i++)
    g_assert_cmpint (modes[i], ==, i);
  clab_plan_get_sweep_workers (plan, &n_sweep);
  g_assert_cmpuint (n_sweep, ==, 0);
  g_assert_true (clab_plan_validate (plan, NULL));
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_notify (void)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  ClabMode two[] = { CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREADS };
  guint tasks = 0, modes = 0, size = 0, command = 0;

  g_signal_connect (plan, "notify::tasks", G_CALLBACK (count_notify_cb), &tasks);
  g_signal_connect (plan, "notify::modes", G_CALLBACK (count_notify_cb), &modes);
  g_signal_connect (plan, "notify::size", G_CALLBACK (count_notify_cb), &size);
  g_signal_connect (plan, "notify::command", G_CALLBACK (count_notify_cb), &command);

  clab_plan_set_tasks (plan, 8);
  g_assert_cmpuint (tasks, ==, 0);
  clab_plan_set_tasks (plan, 12);
  g_assert_cmpuint (tasks, ==, 1);
  g_object_set (plan, "tasks", 12, NULL);
  g_assert_cmpuint (tasks, ==, 1);

  clab_plan_set_size (plan, 2.5);
  clab_plan_set_size (plan, 2.5);
  g_assert_cmpuint (size, ==, 1);

  clab_plan_set_command (plan, "true");
  clab_plan_set_command (plan, "true");
  clab_plan_set_command (plan, NULL);
  g_assert_cmpuint (command, ==, 2);

  clab_plan_set_modes (plan, two, G_N_ELEMENTS (two));
  clab_plan_set_modes (plan, two, G_N_ELEMENTS (two));
  g_assert_cmpuint (modes, ==, 1);
  g_assert_true (clab_plan_parse_modes (plan, "threads", NULL));
  g_assert_cmpuint (modes, ==, 2);
}

static void
test_properties (void)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  const char *names[] = { "processes", "threads", NULL };
  g_auto(GStrv) got = NULL;
  g_autofree char *title = NULL;
  guint workers = 0;
  const ClabMode *modes;
  guint n_modes;

  g_object_set (plan, "title", "T", "workers", 3, "modes", names, NULL);
  g_object_get (plan, "title", &title, "workers", &workers, "modes", &got, NULL);
  g_assert_cmpstr (title, ==, "T");
  g_assert_cmpuint (workers, ==, 3);
  g_assert_cmpstrv (got, names);
  modes = clab_plan_get_modes (plan, &n_modes);
  g_assert_cmpuint (n_modes, ==, 2);
  g_assert_cmpint (modes[0], ==, CLAB_MODE_PROCESSES);
  g_assert_true (clab_plan_has_mode (plan, CLAB_MODE_THREADS));
  g_assert_false (clab_plan_has_mode (plan, CLAB_MODE_SEQUENTIAL));

  /* 0 means "as many as there are CPUs", also through the property. */
  g_object_set (plan, "workers", 0, NULL);
  g_object_get (plan, "workers", &workers, NULL);
  g_assert_cmpuint (workers, ==, g_get_num_processors ());
}

static void
test_copy (void)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  g_autoptr(ClabPlan) copy = NULL;
  guint sweep[] = { 1, 2, 4 };
  const guint *got;
  guint n;

  clab_plan_set_name (plan, "n");
  clab_plan_set_workload (plan, CLAB_WORKLOAD_IO);
  clab_plan_set_sweep_workers (plan, sweep, G_N_ELEMENTS (sweep));
  g_assert_true (clab_plan_parse_modes (plan, "threads,sequential", NULL));
  copy = clab_plan_copy (plan);
  clab_plan_set_name (plan, "changed");
  clab_plan_set_sweep_workers (plan, NULL, 0);

  g_assert_cmpstr (clab_plan_get_name (copy), ==, "n");
  g_assert_cmpint (clab_plan_get_workload (copy), ==, CLAB_WORKLOAD_IO);
  got = clab_plan_get_sweep_workers (copy, &n);
  g_assert_cmpmem (got, n * sizeof (guint), sweep, sizeof sweep);
  g_assert_cmpint (clab_plan_get_modes (copy, &n)[0], ==, CLAB_MODE_THREADS);
}

static void
test_size_ranges (void)
{
  double min, max;

  clab_workload_size_range (CLAB_WORKLOAD_SLEEP, &min, &max);
  g_assert_cmpfloat (min, ==, 0);
  g_assert_cmpfloat (max, ==, 3600);
  clab_workload_size_range (CLAB_WORKLOAD_MEMORY, &min, &max);
  g_assert_cmpfloat (max, ==, 16384);
  clab_workload_size_range (CLAB_WORKLOAD_COMMAND, &min, &max);
  g_assert_cmpfloat (max, ==, 0);
  g_assert_cmpstr (clab_workload_size_unit (CLAB_WORKLOAD_SLEEP), ==, "s");
  g_assert_cmpstr (clab_workload_size_unit (CLAB_WORKLOAD_LOCK), ==, "units");
  g_assert_cmpstr (clab_workload_size_unit (CLAB_WORKLOAD_IO), ==, "MiB");
  g_assert_cmpstr (clab_workload_size_unit (CLAB_WORKLOAD_COMMAND), ==, "");
}

typedef void (*BreakFunc) (ClabPlan *plan);

static void break_tasks_low (ClabPlan *p) { clab_plan_set_tasks (p, 0); }
static void break_tasks_high (ClabPlan *p) { clab_plan_set_tasks (p, CLAB_MAX_TASKS + 1); }
static void break_workers (ClabPlan *p) { clab_plan_set_workers (p, CLAB_MAX_WORKERS + 1); }
static void break_runs_low (ClabPlan *p) { clab_plan_set_runs (p, 0); }
static void break_runs_high (ClabPlan *p) { clab_plan_set_runs (p, 1001); }
static void break_warmup (ClabPlan *p) { clab_plan_set_warmup (p, 101); }
static void break_interval_low (ClabPlan *p) { clab_plan_set_sample_interval_ms (p, 9); }
static void break_interval_high (ClabPlan *p) { clab_plan_set_sample_interval_ms (p, 10001); }
static void break_no_modes (ClabPlan *p) { clab_plan_set_modes (p, NULL, 0); }
static void break_size_negative (ClabPlan *p) { clab_plan_set_size (p, -1); }
static void break_size_nan (ClabPlan *p) { clab_plan_set_size (p, NAN); }
static void break_size_inf (ClabPlan *p) { clab_plan_set_size (p, INFINITY); }
static void break_cpu_size (ClabPlan *p) { clab_plan_set_size (p, 1000001); }

static void
break_duplicate_modes (ClabPlan *p)
{
  ClabMode modes[] = { CLAB_MODE_THREADS, CLAB_MODE_SEQUENTIAL, CLAB_MODE_THREADS };

  clab_plan_set_modes (p, modes, G_N_ELEMENTS (modes));
}

static void
break_sleep_size (ClabPlan *p)
{
  clab_plan_set_workload (p, CLAB_WORKLOAD_SLEEP);
  clab_plan_set_size (p, 3601);
}

static void
break_io_size (ClabPlan *p)
{
  clab_plan_set_workload (p, CLAB_WORKLOAD_IO);
  clab_plan_set_size (p, 4097);
}

static void
break_sweep (ClabPlan *p)
{
  guint sweep[] = { 1, 2, 1025 };

  clab_plan_set_sweep_workers (p, sweep, G_N_ELEMENTS (sweep));
}

static void
break_sweep_zero (ClabPlan *p)
{
  guint sweep[] = { 0 };

  clab_plan_set_sweep_workers (p, sweep, 1);
}

static void
test_validate_failures (void)
{
  const struct {
    BreakFunc   func;
    const char *mentions;
  } cases[] = {
    { break_tasks_low, "0" }, { break_tasks_high, "1000001" }, { break_workers, "1025" },
    { break_runs_low, "0" }, { break_runs_high, "1001" }, { break_warmup, "101" },
    { break_interval_low, "9" }, { break_interval_high, "10001" }, { break_no_modes, "mode" },
    { break_duplicate_modes, "threads" }, { break_size_negative, "-1" },
    { break_size_nan, "nan" }, { break_size_inf, "inf" }, { break_cpu_size, "1000000" },
    { break_sleep_size, "3600" }, { break_io_size, "4096" }, { break_sweep, "1025" },
    { break_sweep_zero, "1024" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ClabPlan) plan = clab_plan_new ();
      g_autoptr(GError) error = NULL;

      cases[i].func (plan);
      g_assert_false (clab_plan_validate (plan, &error));
      g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].mentions));
    }
}

static void
test_validate_edges (void)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  guint sweep[] = { 1, 1024 };

  clab_plan_set_tasks (plan, CLAB_MAX_TASKS);
  clab_plan_set_workers (plan, CLAB_MAX_WORKERS);
  clab_plan_set_runs (plan, 1000);
  clab_plan_set_warmup (plan, 0);
  clab_plan_set_sample_interval_ms (plan, 10);
  clab_plan_set_size (plan, 0);
  clab_plan_set_sweep_workers (plan, sweep, G_N_ELEMENTS (sweep));
  g_assert_true (clab_plan_validate_with_limits (plan, &unlimited, NULL));

  clab_plan_set_workload (plan, CLAB_WORKLOAD_MEMORY);
  clab_plan_set_size (plan, 16384);
  g_assert_true (clab_plan_validate_with_limits (plan, &unlimited, NULL));
}

#define MIB ((guint64) 1 << 20)
#define LIMIT(field) G_STRUCT_OFFSET (ClabMachineLimits, field)

typedef struct
{
  const char       *modes;
  ClabWorkloadKind  workload;
  double            size;
  guint             tasks;
  guint             workers;
  glong             limit;     /* which field of the limits to lower */
  guint64           value;
  const char       *needle;    /* what the refusal must say; NULL: the plan fits */
} LimitCase;

static const LimitCase limit_cases[] = {
  /* A thread per task, and in processes mode a process too. */
  { "threads", CLAB_WORKLOAD_CPU, 1, 1000, 2, LIMIT (pid_max), 999, "(kernel.pid_max) is 999." },
  { "threads", CLAB_WORKLOAD_CPU, 1, 1000, 2, LIMIT (pid_max), 1000, NULL },
  { "threads", CLAB_WORKLOAD_CPU, 1, 1000, 2, LIMIT (threads_max), 999, "(kernel.threads-max) is 999." },
  { "processes", CLAB_WORKLOAD_CPU, 1, 1000, 2, LIMIT (processes_per_user), 1999,
    "need 2000 threads and processes at once, but the limit of processes per user (ulimit -u) is 1999." },
  { "processes", CLAB_WORKLOAD_CPU, 1, 1000, 2, LIMIT (processes_per_user), 2000, NULL },
  /* A pool starts its W workers, whatever the tasks. */
  { "thread-pool", CLAB_WORKLOAD_CPU, 1, 1000, 8, LIMIT (pid_max), 7, "8 tasks in the “thread-pool” mode" },
  { "thread-pool", CLAB_WORKLOAD_CPU, 1, 1000, 8, LIMIT (pid_max), 8, NULL },
  /* Five descriptors per worker process, beside the ten the process holds already. */
  { "processes", CLAB_WORKLOAD_CPU, 1, 100, 2, LIMIT (open_files_max), 509, "about 510 open files" },
  { "processes", CLAB_WORKLOAD_CPU, 1, 100, 2, LIMIT (open_files_max), 510, NULL },
  { "threads", CLAB_WORKLOAD_CPU, 1, 100, 2, LIMIT (open_files_max), 10, NULL },
  { "threads", CLAB_WORKLOAD_IO, 1, 100, 2, LIMIT (open_files_max), 109, "(ulimit -Hn) is 109." },
  /* Buffers: all tasks' at once per task, W in a pool, one in sequence. */
  { "threads", CLAB_WORKLOAD_MEMORY, 100, 10, 2, LIMIT (memory_available), 999 * MIB,
    "The “threads” mode holds 10 buffers of 100.0" },
  { "threads", CLAB_WORKLOAD_MEMORY, 100, 10, 2, LIMIT (memory_available), 1000 * MIB, NULL },
  { "thread-pool", CLAB_WORKLOAD_MEMORY, 100, 10, 2, LIMIT (memory_available), 199 * MIB, "2 buffers" },
  { "thread-pool", CLAB_WORKLOAD_MEMORY, 100, 10, 2, LIMIT (memory_available), 200 * MIB, NULL },
  { "sequential", CLAB_WORKLOAD_MEMORY, 100, 10, 2, LIMIT (memory_available), 99 * MIB, "1 buffer " },
  { "sequential", CLAB_WORKLOAD_MEMORY, 100, 10, 2, LIMIT (memory_available), 100 * MIB, NULL },
  /* No buffers: only the result (4 runs × 1000 tasks, about 1 MiB) needs memory. */
  { "threads", CLAB_WORKLOAD_CPU, 1, 1000, 2, LIMIT (memory_available), 2 * MIB, NULL },
  /* A worker process costs memory of its own, beside its buffer. */
  { "processes", CLAB_WORKLOAD_CPU, 1, 1000, 2, LIMIT (memory_available), 100 * MIB, "1000 worker processes" },
  { "processes", CLAB_WORKLOAD_CPU, 1, 1000, 2, LIMIT (memory_available), 10000 * MIB, NULL },
  { "processes", CLAB_WORKLOAD_MEMORY, 100, 10, 2, LIMIT (memory_available), 1000 * MIB, "10 worker processes" },
  { "process-pool", CLAB_WORKLOAD_CPU, 1, 100, 4, LIMIT (memory_available), 1 * MIB, "4 worker processes" },
};

static void
test_validate_limits (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (limit_cases); i++)
    {
      const LimitCase *c = &limit_cases[i];
      g_autoptr(ClabPlan) plan = clab_plan_new ();
      g_autoptr(GError) error = NULL;
      ClabMachineLimits limits = unlimited;

      limits.open_files_in_use = 10;
      G_STRUCT_MEMBER (guint64, &limits, c->limit) = c->value;
      clab_plan_set_workload (plan, c->workload);
      clab_plan_set_size (plan, c->size);
      clab_plan_set_tasks (plan, c->tasks);
      clab_plan_set_workers (plan, c->workers);
      g_assert_true (clab_plan_parse_modes (plan, c->modes, NULL));
      g_test_message ("case %u: %s", i, c->needle ? c->needle : "fits");
      if (c->needle == NULL)
        {
          g_assert_true (clab_plan_validate_with_limits (plan, &limits, &error));
          g_assert_no_error (error);
          continue;
        }
      g_assert_false (clab_plan_validate_with_limits (plan, &limits, &error));
      g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, c->needle));
    }
}

static void
test_validate_limits_sentence (void)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  g_autoptr(GError) error = NULL;
  ClabMachineLimits limits = unlimited;

  limits.pid_max = 32768;
  clab_plan_set_tasks (plan, 1000000);
  g_assert_true (clab_plan_parse_modes (plan, "sequential,threads", NULL));
  g_assert_false (clab_plan_validate_with_limits (plan, &limits, &error));
  g_assert_cmpstr (error->message, ==, "1000000 tasks in the “threads” mode need 1000000 threads "
                   "at once, but the system’s limit of process IDs (kernel.pid_max) is 32768.");
}

/* The sweep's largest pool counts, not only the Workers value. */
static void
test_validate_limits_sweep (void)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  ClabMachineLimits limits = unlimited;
  guint sweep[] = { 1, 4 };

  limits.memory_available = 300 * MIB;
  clab_plan_set_workload (plan, CLAB_WORKLOAD_MEMORY);
  clab_plan_set_size (plan, 100);
  clab_plan_set_tasks (plan, 10);
  clab_plan_set_workers (plan, 2);
  g_assert_true (clab_plan_parse_modes (plan, "thread-pool", NULL));
  g_assert_true (clab_plan_validate_with_limits (plan, &limits, NULL));
  clab_plan_set_sweep_workers (plan, sweep, G_N_ELEMENTS (sweep));
  g_assert_false (clab_plan_validate_with_limits (plan, &limits, NULL));
}

static guint64
read_number (const char *path)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return g_ascii_strtoull (text, NULL, 10);
}

static void
test_machine_limits_local (void)
{
  ClabMachineLimits limits;

  clab_machine_limits_init_local (&limits);
  g_assert_cmpuint (limits.pid_max, ==, read_number ("/proc/sys/kernel/pid_max"));
  g_assert_cmpuint (limits.threads_max, ==, read_number ("/proc/sys/kernel/threads-max"));
  g_assert_cmpuint (limits.processes_per_user, >, 0);
  /* stdin, stdout and stderr at least, within the hard limit. */
  g_assert_cmpuint (limits.open_files_in_use, >=, 3);
  g_assert_cmpuint (limits.open_files_in_use, <, limits.open_files_max);
  g_assert_cmpuint (limits.memory_available, >, 0);
  g_assert_cmpuint (limits.memory_available, <, G_MAXUINT64);
}

static void
test_parse_modes (void)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  g_autoptr(GError) error = NULL;
  const ClabMode *modes;
  guint n;

  g_assert_true (clab_plan_parse_modes (plan, " process-pool , threads,", &error));
  g_assert_no_error (error);
  modes = clab_plan_get_modes (plan, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (modes[0], ==, CLAB_MODE_PROCESS_POOL);
  g_assert_cmpint (modes[1], ==, CLAB_MODE_THREADS);

  g_assert_false (clab_plan_parse_modes (plan, "threads,fibers", &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
  g_assert_nonnull (strstr (error->message, "fibers"));
  g_assert_nonnull (strstr (error->message,
                            "sequential, threads, thread-pool, processes, process-pool"));
  g_clear_error (&error);
  /* A rejected list leaves the plan as it was. */
  clab_plan_get_modes (plan, &n);
  g_assert_cmpuint (n, ==, 2);

  g_assert_false (clab_plan_parse_modes (plan, "threads, sequential,threads", &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
  g_assert_nonnull (strstr (error->message, "twice"));
  g_clear_error (&error);

  g_assert_false (clab_plan_parse_modes (plan, " , ", &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
}

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("clab-test-plan-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_file_and_dir (const char *path,
                     const char *dir)
{
  g_remove (path);
  g_rmdir (dir);
}

static void
test_json_round_trip (void)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  g_autoptr(ClabPlan) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "plan.json", NULL);
  guint sweep[] = { 1, 2, 8 };
  const guint *got_sweep;
  const ClabMode *modes;
  guint n;

  clab_plan_set_name (plan, "mine");
  clab_plan_set_title (plan, "My plan");
  clab_plan_set_description (plan, "Says “hello”.");
  clab_plan_set_workload (plan, CLAB_WORKLOAD_COMMAND);
  clab_plan_set_command (plan, "echo 'a b'");
  clab_plan_set_size (plan, 2.5);
  clab_plan_set_tasks (plan, 17);
  clab_plan_set_workers (plan, 5);
  clab_plan_set_runs (plan, 7);
  clab_plan_set_warmup (plan, 2);
  clab_plan_set_sample_interval_ms (plan, 250);
  clab_plan_set_sweep_workers (plan, sweep, G_N_ELEMENTS (sweep));
  g_assert_true (clab_plan_parse_modes (plan, "thread-pool,sequential", NULL));

  g_assert_true (clab_plan_save (plan, path, &error));
  g_assert_no_error (error);
  loaded = clab_plan_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);

  g_assert_cmpstr (clab_plan_get_name (loaded), ==, "mine");
  g_assert_cmpstr (clab_plan_get_title (loaded), ==, "My plan");
  g_assert_cmpstr (clab_plan_get_description (loaded), ==, "Says “hello”.");
  g_assert_cmpint (clab_plan_get_workload (loaded), ==, CLAB_WORKLOAD_COMMAND);
  g_assert_cmpstr (clab_plan_get_command (loaded), ==, "echo 'a b'");
  g_assert_cmpfloat (clab_plan_get_size (loaded), ==, 2.5);
  g_assert_cmpuint (clab_plan_get_tasks (loaded), ==, 17);
  g_assert_cmpuint (clab_plan_get_workers (loaded), ==, 5);
  g_assert_cmpuint (clab_plan_get_runs (loaded), ==, 7);
  g_assert_cmpuint (clab_plan_get_warmup (loaded), ==, 2);
  g_assert_cmpuint (clab_plan_get_sample_interval_ms (loaded), ==, 250);
  got_sweep = clab_plan_get_sweep_workers (loaded, &n);
  g_assert_cmpmem (got_sweep, n * sizeof (guint), sweep, sizeof sweep);
  modes = clab_plan_get_modes (loaded, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (modes[0], ==, CLAB_MODE_THREAD_POOL);
  g_assert_cmpint (modes[1], ==, CLAB_MODE_SEQUENTIAL);

  remove_file_and_dir (path, dir);
}

static void
test_json_shape (void)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  g_autofree char *text = clab_plan_to_json_string (plan, FALSE);
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  JsonObject *object = json_node_get_object (node);

  /* The resolved number, so a result says what actually ran. */
  g_assert_cmpint (json_object_get_int_member (object, "workers"), ==, g_get_num_processors ());
  g_assert_true (json_object_get_null_member (object, "command"));
  g_assert_cmpstr (json_object_get_string_member (object, "workload"), ==, "cpu");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "modes")), ==, 5);
  g_assert_cmpint (json_object_get_int_member (object, "sample_interval_ms"), ==, 100);
  g_assert_false (json_object_has_member (object, "name"));
  g_assert_false (json_object_has_member (object, "sweep_workers"));
}

static ClabPlan *
plan_from_string (const char  *text,
                  GError     **error)
{
  return clab_plan_new_from_data (text, strlen (text), "test", error);
}

static void
test_json_workers (void)
{
  g_autoptr(ClabPlan) cpus = plan_from_string ("{\"workers\": \"cpus\"}", NULL);
  g_autoptr(ClabPlan) minus = plan_from_string ("{\"workers\": \"cpus-1\"}", NULL);
  g_autoptr(ClabPlan) whole = plan_from_string ("{\"workers\": 3.0}", NULL);

  g_assert_cmpuint (clab_plan_get_workers (cpus), ==, g_get_num_processors ());
  g_assert_cmpuint (clab_plan_get_workers (minus), ==, cpus_minus_one ());
  g_assert_cmpuint (clab_plan_get_workers (whole), ==, 3);
}

static void
test_json_defaults_and_result (void)
{
  g_autoptr(ClabPlan) partial = plan_from_string ("{\"workload\": \"sleep\", \"size\": 1}", NULL);
  g_autoptr(ClabPlan) from_result = NULL;
  guint n;

  g_assert_cmpint (clab_plan_get_workload (partial), ==, CLAB_WORKLOAD_SLEEP);
  g_assert_cmpfloat (clab_plan_get_size (partial), ==, 1);
  g_assert_cmpuint (clab_plan_get_tasks (partial), ==, 8);
  g_assert_cmpuint (clab_plan_get_runs (partial), ==, 3);
  clab_plan_get_modes (partial, &n);
  g_assert_cmpuint (n, ==, CLAB_N_MODES);

  from_result = plan_from_string ("{\"schema\": \"concurrency-lab/result/1\","
                                  " \"plan\": {\"workload\": \"io\", \"tasks\": 4,"
                                  " \"modes\": [\"threads\"]}, \"modes\": []}", NULL);
  g_assert_nonnull (from_result);
  g_assert_cmpint (clab_plan_get_workload (from_result), ==, CLAB_WORKLOAD_IO);
  g_assert_cmpuint (clab_plan_get_tasks (from_result), ==, 4);
  g_assert_cmpint (clab_plan_get_modes (from_result, &n)[0], ==, CLAB_MODE_THREADS);
  g_assert_cmpuint (n, ==, 1);
}

static void
test_json_bad (void)
{
  const struct {
    const char *text;
    const char *mentions;
  } cases[] = {
    { "[1, 2]", "object" },
    { "{\"tasks\": \"eight\"}", "tasks" },
    { "{\"tasks\": -1}", "tasks" },
    { "{\"tasks\": 2.5}", "tasks" },
    { "{\"runs\": true}", "runs" },
    { "{\"workload\": \"gpu\"}", "sleep, cpu, lock, io, memory, command" },
    { "{\"workload\": 3}", "workload" },
    { "{\"size\": \"big\"}", "size" },
    { "{\"modes\": \"threads\"}", "modes" },
    { "{\"modes\": [1]}", "modes" },
    { "{\"modes\": [\"threads,processes\"]}", "modes" },
    { "{\"modes\": [\"warp\"]}", "warp" },
    { "{\"modes\": []}", "mode" },
    { "{\"workers\": \"all\"}", "cpus-1" },
    { "{\"command\": 5}", "command" },
    { "{\"sweep_workers\": [1, \"two\"]}", "sweep_workers" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ClabPlan) plan = plan_from_string (cases[i].text, &error);

      g_assert_null (plan);
      g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
      g_test_message ("%s → %s", cases[i].text, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].mentions));
    }
}

static void
test_load_bad_files (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClabPlan) plan = NULL;

  g_assert_true (g_file_set_contents (path, "{ \"tasks\": 3, ", -1, NULL));
  plan = clab_plan_load (path, &error);
  g_assert_null (plan);
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "{ \"workload\": \"disk\" }", -1, NULL));
  g_assert_null (clab_plan_load (path, &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
  g_clear_error (&error);

  g_assert_null (clab_plan_load (missing, &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_NOT_FOUND);

  remove_file_and_dir (path, dir);
}

static void
test_save_replaces (void)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  g_autoptr(ClabPlan) loaded = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "plan.json", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "no", "such", "plan.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  clab_plan_set_tasks (plan, 42);
  g_assert_true (clab_plan_save (plan, path, NULL));
  loaded = clab_plan_load (path, NULL);
  g_assert_cmpuint (clab_plan_get_tasks (loaded), ==, 42);

  g_assert_false (clab_plan_save (plan, nowhere, &error));
  g_assert_nonnull (error);

  remove_file_and_dir (path, dir);
}

/* A full file system (write() fails with EFBIG under a file size limit) keeps the old plan. */
static void
test_save_keeps_old (void)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "plan.json", NULL);
  g_autofree char *long_text = g_strnfill (64 * 1024, 'x');
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit saved, small;
  void (*saved_handler) (int);
  gboolean ok;

  g_assert_true (clab_plan_save (plan, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  clab_plan_set_description (plan, long_text);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  small = saved;
  small.rlim_cur = 8192;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  ok = clab_plan_save (plan, path, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, saved_handler);

  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  /* Nothing but the plan: no fragment of the new one. */
  g_assert_cmpuint (count_entries (dir), ==, 1);
  remove_tree (dir);
}

static void
test_presets (void)
{
  g_auto(GStrv) names = clab_plan_list_presets ();

  g_assert_cmpuint (g_strv_length (names), ==, G_N_ELEMENTS (preset_names));
  for (guint i = 0; i < G_N_ELEMENTS (preset_names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ClabPlan) plan = NULL;
      guint n_modes;

      g_assert_cmpstr (names[i], ==, preset_names[i]);
      plan = clab_plan_load_preset (names[i], &error);
      g_assert_no_error (error);
      g_assert_true (clab_plan_validate_with_limits (plan, &modest, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (clab_plan_get_name (plan), ==, names[i]);
      g_assert_cmpstr (clab_plan_get_title (plan), !=, "");
      g_assert_nonnull (clab_plan_get_description (plan));
      g_assert_true (g_str_has_suffix (clab_plan_get_description (plan), "."));
      clab_plan_get_modes (plan, &n_modes);
      if (n_modes > 1)
        g_assert_true (clab_plan_has_mode (plan, CLAB_MODE_SEQUENTIAL));
    }
}

static void
test_preset_values (void)
{
  g_autoptr(ClabPlan) sleep = clab_plan_load_preset ("sleep-2x2", NULL);
  g_autoptr(ClabPlan) fifo = clab_plan_load_preset ("pool-fifo", NULL);
  g_autoptr(ClabPlan) spawn = clab_plan_load_preset ("spawn-cost", NULL);
  const ClabMode *modes;
  guint n;

  g_assert_cmpint (clab_plan_get_workload (sleep), ==, CLAB_WORKLOAD_SLEEP);
  g_assert_cmpfloat (clab_plan_get_size (sleep), ==, 2);
  g_assert_cmpuint (clab_plan_get_tasks (sleep), ==, 2);
  g_assert_cmpuint (clab_plan_get_workers (sleep), ==, 2);
  g_assert_cmpuint (clab_plan_get_runs (sleep), ==, 1);
  g_assert_cmpuint (clab_plan_get_warmup (sleep), ==, 0);
  modes = clab_plan_get_modes (sleep, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (modes[1], ==, CLAB_MODE_THREADS);
  g_assert_cmpint (modes[2], ==, CLAB_MODE_PROCESSES);

  g_assert_cmpuint (clab_plan_get_tasks (fifo), ==, 10);
  g_assert_cmpuint (clab_plan_get_workers (fifo), ==, cpus_minus_one ());
  g_assert_true (clab_plan_has_mode (fifo, CLAB_MODE_PROCESS_POOL));

  g_assert_cmpfloat (clab_plan_get_size (spawn), ==, 1);
  g_assert_cmpuint (clab_plan_get_tasks (spawn), ==, 200);
}

static void
test_unknown_preset (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (clab_plan_load_preset ("sleep-3x3", &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "sleep-3x3"));
  g_assert_nonnull (strstr (error->message, "sleep-2x2, pool-fifo, cpu-bound"));
  g_clear_error (&error);

  g_assert_null (clab_plan_load_preset ("../presets/sleep-2x2", &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_NOT_FOUND);
}

static void
test_command (void)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  const char *expected[] = { "echo", "a b", "$HOME", NULL };

  clab_plan_set_workload (plan, CLAB_WORKLOAD_COMMAND);
  g_assert_false (clab_plan_validate (plan, &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
  g_clear_error (&error);

  clab_plan_set_command (plan, "true -x");
  g_assert_true (clab_plan_validate (plan, &error));
  g_assert_no_error (error);

  clab_plan_set_command (plan, "no-such-program-xyz --now");
  g_assert_false (clab_plan_validate (plan, &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
  g_assert_cmpstr (error->message, ==, "The command “no-such-program-xyz” was not found.");
  g_clear_error (&error);

  clab_plan_set_command (plan, "echo 'unbalanced");
  g_assert_false (clab_plan_validate (plan, &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
  g_clear_error (&error);

  /* Quotes group words; nothing is expanded because no shell runs. */
  clab_plan_set_command (plan, "echo 'a b' '$HOME'");
  argv = clab_plan_dup_command_argv (plan, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (argv, expected);
}

static void
test_command_path (void)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  g_autofree char *true_path = g_find_program_in_path ("true");
  g_autofree char *quoted = g_shell_quote (true_path);

  clab_plan_set_workload (plan, CLAB_WORKLOAD_COMMAND);
  clab_plan_set_command (plan, quoted);
  g_assert_true (clab_plan_validate (plan, NULL));
  clab_plan_set_command (plan, "/no/such/dir/true");
  g_assert_false (clab_plan_validate (plan, NULL));
}

/* json-glib recursed once per level and overflowed the stack from about 80,000 levels. */
static void
test_load_deep_nesting (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "deep.json", NULL);
  guint depth = 100000;
  g_autofree char *text = g_malloc (2 * depth + 1);
  g_autoptr(GError) error = NULL;

  memset (text, '[', depth);
  memset (text + depth, ']', depth);
  text[2 * depth] = '\0';
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_null (clab_plan_load (path, &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_assert_null (clab_plan_new_from_data (text, 2 * depth, "deep", &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
  remove_file_and_dir (path, dir);
}

static void
test_load_big_file (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "big.json", NULL);
  gsize length = CLAB_PLAN_MAX_BYTES + 100;
  g_autofree char *text = g_malloc (length + 1);
  g_autoptr(GError) error = NULL;

  /* Valid JSON, only too large: {"title": "xxx…"} */
  memset (text, 'x', length);
  memcpy (text, "{\"title\": \"", 11);
  memcpy (text + length - 2, "\"}", 2);
  text[length] = '\0';
  g_assert_true (g_file_set_contents (path, text, length, NULL));
  g_assert_null (clab_plan_load (path, &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "larger than 1.0"));
  remove_file_and_dir (path, dir);
}

/* /dev/zero never ends and a FIFO may never be written: neither is read. */
static void
test_load_not_regular (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  const char *paths[] = { "/dev/zero", fifo, dir };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (clab_plan_load (paths[i], &error));
      g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "regular file"));
    }
  remove_file_and_dir (fifo, dir);
}

/* A command read from a file asks before it runs; a built-in preset's does not. */
static void
test_command_trust (void)
{
  g_autoptr(ClabPlan) from_file = plan_from_string ("{\"workload\": \"command\", \"command\": \"true\"}",
                                                    NULL);
  g_autoptr(ClabPlan) without = plan_from_string ("{\"workload\": \"sleep\"}", NULL);
  g_autoptr(ClabPlan) copy = NULL;
  g_autoptr(ClabPlan) preset = clab_plan_load_preset ("sleep-2x2", NULL);

  g_assert_false (clab_plan_get_command_trusted (from_file));
  copy = clab_plan_copy (from_file);
  g_assert_false (clab_plan_get_command_trusted (copy));
  g_assert_true (clab_plan_get_command_trusted (without));
  g_assert_true (clab_plan_get_command_trusted (preset));
}

/* 1,100 runs × 3 modes × a million tasks is hundreds of GiB of results. */
static void
test_validate_result_memory (void)
{
  g_autoptr(ClabPlan) plan = clab_plan_new ();
  ClabMachineLimits limits = unlimited;
  g_autoptr(GError) error = NULL;

  clab_plan_set_workload (plan, CLAB_WORKLOAD_SLEEP);
  clab_plan_set_size (plan, 0);
  clab_plan_set_tasks (plan, CLAB_MAX_TASKS);
  clab_plan_set_runs (plan, 1000);
  clab_plan_set_warmup (plan, 100);
  limits.memory_available = (guint64) 64 << 30;
  g_assert_true (clab_plan_parse_modes (plan, "sequential,threads,thread-pool", NULL));
  g_assert_false (clab_plan_validate_with_limits (plan, &limits, &error));
  g_assert_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "3300 runs"));
  g_clear_error (&error);

  /* One run of a million tasks in one mode fits. */
  clab_plan_set_runs (plan, 1);
  clab_plan_set_warmup (plan, 0);
  g_assert_true (clab_plan_parse_modes (plan, "sequential", NULL));
  g_assert_true (clab_plan_validate_with_limits (plan, &limits, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan/defaults", test_defaults);
  g_test_add_func ("/plan/notify", test_notify);
  g_test_add_func ("/plan/properties", test_properties);
  g_test_add_func ("/plan/copy", test_copy);
  g_test_add_func ("/plan/size-ranges", test_size_ranges);
  g_test_add_func ("/plan/validate/failures", test_validate_failures);
  g_test_add_func ("/plan/validate/edges", test_validate_edges);
  g_test_add_func ("/plan/validate/limits", test_validate_limits);
  g_test_add_func ("/plan/validate/limits-sentence", test_validate_limits_sentence);
  g_test_add_func ("/plan/validate/limits-sweep", test_validate_limits_sweep);
  g_test_add_func ("/plan/machine-limits/local", test_machine_limits_local);
  g_test_add_func ("/plan/parse-modes", test_parse_modes);
  g_test_add_func ("/plan/json/round-trip", test_json_round_trip);
  g_test_add_func ("/plan/json/shape", test_json_shape);
  g_test_add_func ("/plan/json/workers", test_json_workers);
  g_test_add_func ("/plan/json/defaults-and-result", test_json_defaults_and_result);
  g_test_add_func ("/plan/json/bad", test_json_bad);
  g_test_add_func ("/plan/load/bad-files", test_load_bad_files);
  g_test_add_func ("/plan/load/deep-nesting", test_load_deep_nesting);
  g_test_add_func ("/plan/load/big-file", test_load_big_file);
  g_test_add_func ("/plan/load/not-regular", test_load_not_regular);
  g_test_add_func ("/plan/command/trust", test_command_trust);
  g_test_add_func ("/plan/validate/result-memory", test_validate_result_memory);
  g_test_add_func ("/plan/save/replaces", test_save_replaces);
  g_test_add_func ("/plan/save/keeps-old", test_save_keeps_old);
  g_test_add_func ("/plan/presets/all", test_presets);
  g_test_add_func ("/plan/presets/values", test_preset_values);
  g_test_add_func ("/plan/presets/unknown", test_unknown_preset);
  g_test_add_func ("/plan/command", test_command);
  g_test_add_func ("/plan/command/path", test_command_path);

  return g_test_run ();
}
