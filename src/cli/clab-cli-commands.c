/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clab-cli-commands.h"
#include "clab-cli-counterpart.h"
#include "clab-cli-presets.h"
#include "clab-cli-progress.h"
#include "clab-cli-report.h"
#include "clab-format.h"
#include "clab-report.h"
#include "clab-result-io.h"
#include "clab-runner.h"

typedef struct
{
  GMainLoop  *loop;
  ClabResult *result;
  GError     *error;
} Measurement;

int
clab_cli_fail (int           status,
               const GError *error)
{
  g_autofree char *message = g_strdup (error != NULL ? error->message : _("Unknown error."));
  g_autofree char *escaped = NULL;

  /* Whatever a module wrote, the user gets exactly one line, and no control character
   * from a file (an error may quote one) reaches the terminal. */
  g_strdelimit (message, "\r\n", ' ');
  escaped = clab_format_escape_controls (message);
  g_printerr (_("%s: error: %s\n"), g_get_prgname (), escaped);
  return status;
}

static gboolean
use_color (int fd)
{
  const char *term = g_getenv ("TERM");

  return isatty (fd) && g_getenv ("NO_COLOR") == NULL && g_strcmp0 (term, "dumb") != 0;
}

static gboolean
is_stdout (const char *path)
{
  return g_strcmp0 (path, CLAB_CLI_STDOUT_PATH) == 0;
}

static gboolean
writes_stdout (ClabCliOptions *options)
{
  guint n_charts = clab_cli_charts_get_n_charts (options->charts);

  if (is_stdout (options->json_path) || is_stdout (options->csv_path)
      || is_stdout (options->summary_csv_path) || is_stdout (options->markdown_path))
    return TRUE;
  for (guint i = 0; i < n_charts; i++)
    if (is_stdout (clab_cli_charts_get_path (options->charts, i)))
      return TRUE;
  return FALSE;
}

/* A file written to standard output ("-") must not get the report mixed into it. */
static void
print_report (ClabCliOptions *options,
              ClabResult     *result)
{
  gboolean to_stderr = writes_stdout (options);
  gboolean color = use_color (to_stderr ? STDERR_FILENO : STDOUT_FILENO);
  g_autofree char *text = NULL;

  if (options->quiet)
    text = clab_cli_report_format_verdict (result, color);
  else
    text = clab_cli_report_format (result, color);
  if (to_stderr)
    g_printerr ("%s", text);
  else
    g_print ("%s", text);
}

gboolean
clab_cli_write_stdout (const void  *data,
                       gsize        length,
                       GError     **error)
{
  const char *p = data;

  fflush (stdout);
  while (length > 0)
    {
      gssize written = write (STDOUT_FILENO, p, MIN (length, (gsize) G_MAXSSIZE));
      int errsv = written < 0 ? errno : EIO;

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                       _("Could not write to standard output: %s."), g_strerror (errsv));
          return FALSE;
        }
      p += written;
      length -= written;
    }
  return TRUE;
}

static gboolean
write_one (gboolean       ok,
           GError       **error,
           gboolean      *all_ok)
{
  if (!ok)
    {
      clab_cli_fail (CLAB_CLI_EXIT_FAILURE, *error);
      g_clear_error (error);
      *all_ok = FALSE;
    }
  return ok;
}

static char *
format_json (ClabResult *result)
{
  return clab_result_to_json_string (result, TRUE);
}

/* Saves to @path, or prints to standard output for "-". */
static gboolean
write_output (ClabResult   *result,
              const char   *path,
              gboolean    (*save) (ClabResult *, const char *, GError **),
              char       *(*format) (ClabResult *),
              GError      **error)
{
  g_autofree char *text = NULL;

  if (!is_stdout (path))
    return save (result, path, error);
  text = format (result);
  return clab_cli_write_stdout (text, strlen (text), error);
}

/* Writes every file asked for, even after one fails, and says which failed. */
static gboolean
write_outputs (ClabCliOptions *options,
               ClabResult     *result)
{
  g_autoptr(GError) error = NULL;
  gboolean all_ok = TRUE;

  if (options->json_path != NULL)
    write_one (write_output (result, options->json_path, clab_result_save_json, format_json, &error),
               &error, &all_ok);
  if (options->csv_path != NULL)
    write_one (write_output (result, options->csv_path, clab_result_save_csv, clab_result_to_csv,
                             &error), &error, &all_ok);
  if (options->summary_csv_path != NULL)
    write_one (write_output (result, options->summary_csv_path, clab_result_save_summary_csv,
                             clab_result_to_summary_csv, &error), &error, &all_ok);
  if (options->markdown_path != NULL)
    write_one (write_output (result, options->markdown_path, clab_result_save_markdown,
                             clab_result_to_markdown, &error), &error, &all_ok);
  if (options->report_path != NULL)
    write_one (clab_report_export (result, options->report_path, &error), &error, &all_ok);
  write_one (clab_cli_charts_write (options->charts, result, &error), &error, &all_ok);
  return all_ok;
}

static void
measured_cb (GObject      *source,
             GAsyncResult *async_result,
             gpointer      user_data)
{
  Measurement *measurement = user_data;

  measurement->result = clab_runner_run_finish (CLAB_RUNNER (source), async_result,
                                                &measurement->error);
  g_main_loop_quit (measurement->loop);
}

static gboolean
cancel_cb (gpointer user_data)
{
  /* The runner kills and reaps its children, then hands back the partial result. */
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

static ClabResult *
measure (ClabCliOptions  *options,
         ClabPlan        *plan,
         GCancellable    *cancellable,
         GError         **error)
{
  g_autoptr(ClabRunner) runner = clab_runner_new (plan);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(ClabCliProgress) progress = NULL;
  Measurement measurement = { loop, NULL, NULL };
  guint sigint_id, sigterm_id, sighup_id;

  sigint_id = g_unix_signal_add (SIGINT, cancel_cb, cancellable);
  sigterm_id = g_unix_signal_add (SIGTERM, cancel_cb, cancellable);
  /* A closed terminal: the run ends as for SIGTERM, and the partial result is kept. */
  sighup_id = g_unix_signal_add (SIGHUP, cancel_cb, cancellable);
  if (!options->quiet)
    progress = clab_cli_progress_new (runner);
  clab_runner_run_async (runner, cancellable, measured_cb, &measurement);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_source_remove (sighup_id);
  if (measurement.error != NULL)
    g_propagate_error (error, measurement.error);
  return measurement.result;
}

/* run --counterpart: the same plan in C, then the two side by side; --json saves it beside
 * the first result. */
static int
run_counterpart (ClabCliOptions *options,
                 ClabResult     *result,
                 GCancellable   *cancellable)
{
  g_autoptr(ClabResult) counterpart = NULL;
  g_autoptr(GError) error = NULL;

  counterpart = measure (options, options->counterpart, cancellable, &error);
  if (counterpart == NULL && g_cancellable_is_cancelled (cancellable))
    {
      g_printerr (_("%s: cancelled before anything was measured.\n"), g_get_prgname ());
      return CLAB_CLI_EXIT_CANCELLED;
    }
  if (counterpart == NULL)
    return clab_cli_fail (CLAB_CLI_EXIT_FAILURE, error);
  clab_cli_counterpart_print (result, counterpart, writes_stdout (options));
  if (options->counterpart_json_path != NULL
      && !clab_result_save_json (counterpart, options->counterpart_json_path, &error))
    return clab_cli_fail (CLAB_CLI_EXIT_FAILURE, error);
  if (g_cancellable_is_cancelled (cancellable) || clab_result_get_cancelled (counterpart))
    {
      g_printerr (_("%s: cancelled; the result is partial.\n"), g_get_prgname ());
      return CLAB_CLI_EXIT_CANCELLED;
    }
  return CLAB_CLI_EXIT_OK;
}

static int
run_command (ClabCliOptions *options)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ClabResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean cancelled;

  result = measure (options, options->plan, cancellable, &error);
  cancelled = g_cancellable_is_cancelled (cancellable)
              || (result != NULL && clab_result_get_cancelled (result));
  if (result == NULL && cancelled)
    {
      g_printerr (_("%s: cancelled before anything was measured.\n"), g_get_prgname ());
      return CLAB_CLI_EXIT_CANCELLED;
    }
  if (result == NULL)
    return clab_cli_fail (CLAB_CLI_EXIT_FAILURE, error);
  print_report (options, result);
  if (!write_outputs (options, result))
    return CLAB_CLI_EXIT_FAILURE;
  if (cancelled)
    {
      g_printerr (_("%s: cancelled; the result is partial.\n"), g_get_prgname ());
      return CLAB_CLI_EXIT_CANCELLED;
    }
  if (options->counterpart != NULL)
    return run_counterpart (options, result, cancellable);
  return CLAB_CLI_EXIT_OK;
}

static int
render_command (ClabCliOptions *options)
{
  gboolean writes = options->json_path != NULL || options->csv_path != NULL
                    || options->summary_csv_path != NULL
                    || options->markdown_path != NULL
                    || options->report_path != NULL
                    || clab_cli_charts_get_n_charts (options->charts) > 0;

  /* Without files to write, rendering means showing the report again. */
  if (!writes)
    print_report (options, options->result);
  return write_outputs (options, options->result) ? CLAB_CLI_EXIT_OK : CLAB_CLI_EXIT_FAILURE;
}

int
clab_cli_execute (ClabCliOptions *options)
{
  g_autofree char *presets = NULL;

  switch (options->command)
    {
    case CLAB_CLI_COMMAND_HELP:
      g_print ("%s", options->help_text);
      return CLAB_CLI_EXIT_OK;
    case CLAB_CLI_COMMAND_VERSION:
      g_print ("%s %s\n", g_get_prgname (), PACKAGE_VERSION);
      return CLAB_CLI_EXIT_OK;
    case CLAB_CLI_COMMAND_PRESETS:
      presets = clab_cli_presets_format (use_color (STDOUT_FILENO));
      g_print ("%s", presets);
      return CLAB_CLI_EXIT_OK;
    case CLAB_CLI_COMMAND_RENDER:
      return render_command (options);
    case CLAB_CLI_COMMAND_RUN:
    default:
      return run_command (options);
    }
}
