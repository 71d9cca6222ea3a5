/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "clab-helper-path.h"
#include "clab-line-reader.h"
#include "clab-python-process.h"
#include "clab-python-protocol.h"
#include "clab-python-runtime-private.h"

#define DRIVER_NAME "clab-python-driver.py"


char *
clab_python_find_driver (void)
{
  return clab_helper_path ("CLAB_PYTHON_DRIVER", DRIVER_NAME, PKGDATADIR "/python");
}

/* One sentence for the driver's ERROR line. */
static char *
describe_error (ClabPythonRuntime    *self,
                const ClabPythonLine *line)
{
  const char *code = line->code, *detail = line->text;
  const char *file = self->function_file;

  if (g_str_equal (code, "old-python"))
    return g_strdup_printf (_("Python %s (“%s”) is too old: the lab needs Python 3.9 or newer."),
                            detail, self->python);
  if (g_str_equal (code, "syntax"))
    {
      g_auto(GStrv) parts = g_strsplit (detail, " ", 2);
      return g_strdup_printf (_("The function file “%s” has a syntax error on line %s: %s."),
                              file, parts[0], parts[0] && parts[1] ? parts[1] : "");
    }
  if (g_str_equal (code, "no-task"))
    return g_strdup_printf (_("The function file “%s” defines no function task(index, size)."),
                            file);
  if (g_str_equal (code, "function"))
    return g_strdup_printf (_("The function file “%s” failed as it was loaded: %s."), file,
                            detail);
  if (g_str_equal (code, "unreadable"))
    return g_strdup_printf (_("The function file “%s” cannot be read: %s."), file, detail);
  if (g_str_equal (code, "start-method"))
    return g_strdup_printf (_("The start method “%s” is not available in “%s”."), detail,
                            self->python);
  return g_strdup_printf (_("The lab's Python driver refused to run: %s %s."), code, detail);
}

static gboolean
fill_info (ClabPythonRuntime    *self,
           const ClabPythonLine *line,
           GError              **error)
{
  if (line->protocol != CLAB_PYTHON_PROTOCOL)
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                   _("The lab's Python driver speaks protocol %u, not %u: the installation "
                     "is mixed."), line->protocol, CLAB_PYTHON_PROTOCOL);
      return FALSE;
    }
  clab_python_info_clear (&self->info);
  self->info.version = g_strdup (line->version);
  self->info.implementation = g_strdup (line->implementation);
  self->info.executable = g_strdup (line->text);
  self->info.start_method = g_strdup (line->code);
  self->info.gil_enabled = line->gil_enabled;
  return TRUE;
}

static GPtrArray *
build_argv (ClabPythonRuntime      *self,
            const ClabWorkloadSpec *spec,
            ClabMode                mode,
            guint                   n_tasks,
            guint                   workers)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_ptr_array_add (argv, g_strdup (self->python));
  g_ptr_array_add (argv, g_strdup (self->driver));
  if (spec == NULL)
    g_ptr_array_add (argv, g_strdup ("--check"));
  else
    {
      g_ptr_array_add (argv, g_strdup ("--mode"));
      g_ptr_array_add (argv, g_strdup (clab_mode_to_string (mode)));
      g_ptr_array_add (argv, g_strdup ("--workload"));
      /* The driver has no command workload; with a function file it runs the function. */
      g_ptr_array_add (argv, g_strdup (spec->kind == CLAB_WORKLOAD_COMMAND ? "cpu"
                                       : clab_workload_kind_to_string (spec->kind)));
      g_ptr_array_add (argv, g_strdup ("--size"));
      g_ptr_array_add (argv, g_strdup (g_ascii_dtostr (number, sizeof number, spec->size)));
      g_ptr_array_add (argv, g_strdup ("--tasks"));
      g_ptr_array_add (argv, g_strdup_printf ("%u", n_tasks));
      g_ptr_array_add (argv, g_strdup ("--workers"));
      g_ptr_array_add (argv, g_strdup_printf ("%u", MAX (workers, 1)));
      if (spec->folder != NULL)
        {
          g_ptr_array_add (argv, g_strdup ("--folder"));
          g_ptr_array_add (argv, g_strdup (spec->folder));
        }
    }
  if (self->start_method != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--start-method"));
      g_ptr_array_add (argv, g_strdup (self->start_method));
    }
  if (self->function_file != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--function"));
      g_ptr_array_add (argv, g_strdup (self->function_file));
    }
  g_ptr_array_add (argv, NULL);
  return argv;
}

static ClabPythonRuntime *
runtime_new (ClabPlan  *plan,
             GError   **error)
{
  g_autoptr(ClabPythonRuntime) self = g_new0 (ClabPythonRuntime, 1);
  const char *function = clab_plan_get_function_file (plan);

  self->err_fd = -1;
  self->out_fd = -1;
  self->python = g_strdup (clab_plan_get_python (plan));
  self->start_method = g_strdup (clab_plan_get_start_method (plan));
  /* Absolute: the multiprocessing children of spawn need not share our folder. */
  self->function_file = function ? g_canonicalize_filename (function, NULL) : NULL;
  self->driver = clab_python_find_driver ();
  self->pids = g_ptr_array_new ();
  self->scratch = clab_python_scratch_new ();
  if (!g_file_test (self->driver, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                   _("The lab's Python driver “%s” is missing: the installation is incomplete."),
                   self->driver);
      return NULL;
    }
  return g_steal_pointer (&self);
}

typedef struct
{
  gboolean  done;
  GBytes   *out;
  GBytes   *err;
} Communication;

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Communication *c = data;

  g_subprocess_communicate_finish (G_SUBPROCESS (source), result, &c->out, &c->err, NULL);
  c->done = TRUE;
}

static char *
bytes_to_text (GBytes *bytes)
{
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    return g_strdup ("");
  return g_utf8_make_valid (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
last_line (char *text)
{
  g_auto(GStrv) lines = g_strsplit (g_strstrip (text), "\n", -1);
  guint n = g_strv_length (lines);

  return n > 0 ? g_strdup (g_strstrip (lines[n - 1])) : g_strdup ("");
}

/* What the first line of the driver's --check says. */
static gboolean
read_check (ClabPythonRuntime  *self,
            char               *out,
            char               *err,
            GError            **error)
{
  g_auto(ClabPythonLine) line = { 0 };
  g_autofree char *why = NULL;
  char *newline = strchr (out, '\n');

  if (newline != NULL)
    *newline = '\0';
  if (clab_python_line_parse (out, &line, NULL))
    {
      if (line.kind == CLAB_PYTHON_LINE_HELLO)
        return fill_info (self, &line, error);
      if (line.kind == CLAB_PYTHON_LINE_ERROR)
        {
          why = describe_error (self, &line);
          g_set_error_literal (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN, why);
          return FALSE;
        }
    }
  why = last_line (err);
  if (*why == '\0')
    g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                 _("“%s” did not answer as a Python interpreter."), self->python);
  else
    g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                 _("“%s” did not answer as a Python interpreter: %s"), self->python, why);
  return FALSE;
}

/* Runs the driver's --check: a person's file that loops at import must not hang the lab. */
static gboolean
run_check (ClabPythonRuntime  *self,
           GError            **error)
{
  g_autoptr(GPtrArray) argv = build_argv (self, NULL, 0, 0, 0);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GMainContext) context = NULL;
  g_autofree char *out = NULL, *err = NULL;
  Communication c = { 0 };
  gboolean in_time;

  proc = clab_python_spawn ((const char * const *) argv->pdata,
                G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, -1,
                self->scratch, error);
  if (proc == NULL)
    return FALSE;
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  g_subprocess_communicate_async (proc, NULL, NULL, communicated_cb, &c);
  in_time = clab_python_iterate_until (context, &c.done, CLAB_PYTHON_LOAD_TIMEOUT_S * 1000);
  /* Also in time: what the person's file may have left running at import ends here. */
  clab_python_kill_group (clab_python_proc_pid (proc));
  while (!c.done)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  clab_python_scratch_clear (self->scratch, FALSE);
  out = bytes_to_text (c.out);
  err = bytes_to_text (c.err);
  g_clear_pointer (&c.out, g_bytes_unref);
  g_clear_pointer (&c.err, g_bytes_unref);
  if (!in_time)
    {
      g_set_error (error, CLAB_ERROR, CLAB_ERROR_INVALID_PLAN,
                   _("“%s” did not load the lab's Python driver within %d s."),
                   self->python, CLAB_PYTHON_LOAD_TIMEOUT_S);
      return FALSE;
    }
  return read_check (self, out, err, error);
}

gboolean
clab_python_runtime_check (ClabPlan        *plan,
                           ClabPythonInfo  *info,
                           GError         **error)
{
  g_autoptr(ClabPythonRuntime) self = NULL;

  g_return_val_if_fail (CLAB_IS_PLAN (plan), FALSE);

  self = clab_python_runtime_new (plan, error);
  if (self == NULL)
    return FALSE;
  if (info != NULL)
    clab_python_info_copy (&self->info, info);
  return TRUE;
}

ClabPythonRuntime *
clab_python_runtime_new (ClabPlan  *plan,
                         GError   **error)
{
  g_autoptr(ClabPythonRuntime) self = NULL;

  g_return_val_if_fail (CLAB_IS_PLAN (plan), NULL);

  self = runtime_new (plan, error);
  if (self == NULL || !run_check (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const ClabPythonInfo *
clab_python_runtime_get_info (ClabPythonRuntime *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->info;
}

void
_clab_python_runtime_finish_run (ClabPythonRuntime *self,
                                 ClabExecContext   *ctx,
                                 guint              grace_ms)
{
  struct rusage after;
  ClabWorkerReport totals = { 0 };

  if (self->proc == NULL)
    return;
  if (self->in != NULL)
    g_output_stream_close (self->in, NULL, NULL);
  clab_python_end_interpreter (self->proc, self->pgid, grace_ms);
  clab_python_scratch_clear (self->scratch, FALSE);
  /* GLib reaped it: its own time and its reaped descendants' are now our children's. */
  getrusage (RUSAGE_CHILDREN, &after);
  if (self->finish_user_us >= 0)
    {
      /* The driver's own count at FINISH: the run's CPU time ends with its clock. */
      totals.user_us = self->finish_user_us;
      totals.sys_us = self->finish_sys_us;
    }
  else
    {
      /* Cancelled or broken before FINISH: the whole tree, its exit included. */
      totals.user_us = (after.ru_utime.tv_sec - self->children0.ru_utime.tv_sec) * G_USEC_PER_SEC
                       + after.ru_utime.tv_usec - self->children0.ru_utime.tv_usec;
      totals.sys_us = (after.ru_stime.tv_sec - self->children0.ru_stime.tv_sec) * G_USEC_PER_SEC
                      + after.ru_stime.tv_usec - self->children0.ru_stime.tv_usec;
    }
  totals.user_us = MAX (0, totals.user_us - self->ready_user_us);
  totals.sys_us = MAX (0, totals.sys_us - self->ready_sys_us);
  totals.maxrss_kib = after.ru_maxrss;
  totals.nvcsw = after.ru_nvcsw - self->children0.ru_nvcsw;
  totals.nivcsw = after.ru_nivcsw - self->children0.ru_nivcsw;
  clab_exec_context_add_process (ctx, &totals);
  for (guint i = 0; ctx->sampler != NULL && i < self->pids->len; i++)
    clab_sampler_remove_pid (ctx->sampler, GPOINTER_TO_INT (g_ptr_array_index (self->pids, i)));
  g_ptr_array_set_size (self->pids, 0);
  g_clear_object (&self->in);
  g_clear_object (&self->out);
  g_clear_object (&self->proc);
  self->out_fd = -1;
  self->pgid = 0;
}

void
_clab_python_runtime_kill (ClabPythonRuntime *self)
{
  clab_python_kill_group (self->pgid);
}

void
clab_python_runtime_finish (ClabPythonRuntime *self,
                            ClabExecContext   *ctx)
{
  g_return_if_fail (self != NULL && ctx != NULL);

  _clab_python_runtime_finish_run (self, ctx, CLAB_PYTHON_EXIT_GRACE_MS);
}

static void
clear_run (ClabPythonRuntime *self)
{
  g_clear_pointer (&self->failure, g_free);
  if (self->err_fd >= 0)
    close (self->err_fd);
  self->err_fd = -1;
}

void
clab_python_runtime_free (ClabPythonRuntime *self)
{
  if (self == NULL)
    return;
  if (self->proc != NULL)
    {
      clab_python_kill_group (self->pgid);
      clab_python_end_interpreter (self->proc, self->pgid, 0);
    }
  clab_python_scratch_clear (self->scratch, TRUE);
  g_free (self->scratch);
  g_clear_object (&self->in);
  g_clear_object (&self->out);
  g_clear_object (&self->proc);
  clear_run (self);
  g_clear_pointer (&self->pids, g_ptr_array_unref);
  clab_python_info_clear (&self->info);
  g_free (self->python);
  g_free (self->driver);
  g_free (self->start_method);
  g_free (self->function_file);
  g_free (self);
}

/* Waits until the interpreter's output holds a whole line (or its end), the cancellable
 * fires or @deadline_ns (0: none) passes. */
static gboolean
await_line (ClabPythonRuntime  *self,
            GCancellable       *cancellable,
            gint64              deadline_ns,
            GError            **error)
{
  int cancel_fd = g_cancellable_get_fd (cancellable);
  gboolean ok = TRUE;

  for (;;)
    {
      gsize n;
      const char *buf = g_buffered_input_stream_peek_buffer (self->out, &n);
      struct pollfd fds[2] = { { self->out_fd, POLLIN, 0 }, { cancel_fd, POLLIN, 0 } };
      gint64 left = (deadline_ns - clab_monotonic_ns () + 999999) / 1000000;
      gssize got;
      int ready;

      if ((n > 0 && memchr (buf, '\n', n) != NULL) || n > CLAB_PYTHON_MAX_LINE)
        break;
      if (n == g_buffered_input_stream_get_buffer_size (self->out))
        g_buffered_input_stream_set_buffer_size (self->out, MIN (2 * n, CLAB_PYTHON_MAX_LINE + 1));
      ready = poll (fds, cancel_fd >= 0 ? 2 : 1,
                    deadline_ns == 0 ? -1 : (int) CLAMP (left, 0, G_MAXINT));
      if (ready < 0 && errno == EINTR)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (ready == 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "");
          ok = FALSE;
          break;
        }
      got = g_buffered_input_stream_fill (self->out, -1, NULL, error);
      if (got < 0)
        ok = FALSE;
      if (got <= 0)
        break;
    }
  g_cancellable_release_fd (cancellable);
  return ok;
}

char *
_clab_python_runtime_next_line (ClabPythonRuntime  *self,
                                GCancellable       *cancellable,
                                gint64              deadline_ns,
                                GError            **error)
{
  if (!await_line (self, cancellable, deadline_ns, error))
    return NULL;
  return clab_read_line_bounded (self->out, CLAB_PYTHON_MAX_LINE, NULL, error);
}

char *
_clab_python_runtime_died_sentence (ClabPythonRuntime *self,
                                    const char        *when)
{
  g_autofree char *last = clab_python_stderr_last_line (self->err_fd);

  if (last == NULL)
    return g_strdup_printf (_("The Python interpreter ended %s."), when);
  return g_strdup_printf (_("The Python interpreter ended %s: %s"), when, last);
}

/* Reads HELLO and READY; anything else becomes the run's failure. */
static void
await_ready (ClabPythonRuntime *self,
             ClabExecContext   *ctx)
{
  gint64 deadline = clab_monotonic_ns () + CLAB_PYTHON_LOAD_TIMEOUT_S * G_GINT64_CONSTANT (1000000000);

  while (self->failure == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = _clab_python_runtime_next_line (self, ctx->cancellable, deadline,
                                                              &error);
      g_auto(ClabPythonLine) line = { 0 };

      if (text == NULL && error == NULL)
        {
          _clab_python_runtime_finish_run (self, ctx, CLAB_PYTHON_EXIT_GRACE_MS);
          self->failure = _clab_python_runtime_died_sentence (self, _("before it was ready"));
        }
      else if (text == NULL)
        self->failure = g_strdup (error->message);
      else if (!clab_python_line_parse (text, &line, &error))
        self->failure = g_strdup (error->message);
      else if (line.kind == CLAB_PYTHON_LINE_ERROR)
        self->failure = describe_error (self, &line);
      else if (line.kind == CLAB_PYTHON_LINE_READY)
        {
          /* Not the run's: starting and importing, and whatever ran in this process before
           * the interpreter (pyenv's shim runs a dozen programs, then execs CPython). */
          self->ready_user_us = line.user_us;
          self->ready_sys_us = line.sys_us;
          return;
        }
    }
}

void
clab_python_runtime_prepare (ClabPythonRuntime *self,
                             ClabExecContext   *ctx,
                             ClabMode           mode)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (self != NULL && ctx != NULL);
  g_return_if_fail (self->proc == NULL);

  clear_run (self);
  self->ready_user_us = self->ready_sys_us = 0;
  self->finish_user_us = self->finish_sys_us = -1;
  ctx->python = self;
  self->mode = mode;
  argv = build_argv (self, ctx->spec, mode, ctx->n_tasks, ctx->workers);
  self->err_fd = g_file_open_tmp ("concurrency-lab-python-XXXXXX", &path, &error);
  if (self->err_fd < 0)
    {
      self->failure = g_strdup (error->message);
      return;
    }
  g_unlink (path);
  getrusage (RUSAGE_CHILDREN, &self->children0);
  self->proc = clab_python_spawn ((const char * const *) argv->pdata,
                      G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                      self->err_fd, self->scratch, &error);
  if (self->proc == NULL)
    {
      self->failure = g_strdup (error->message);
      return;
    }
  self->pgid = clab_python_proc_pid (self->proc);
  self->in = g_object_ref (g_subprocess_get_stdin_pipe (self->proc));
  self->out = G_BUFFERED_INPUT_STREAM (
    g_buffered_input_stream_new (g_subprocess_get_stdout_pipe (self->proc)));
  self->out_fd = g_unix_input_stream_get_fd (
    G_UNIX_INPUT_STREAM (g_subprocess_get_stdout_pipe (self->proc)));
  await_ready (self, ctx);
}
