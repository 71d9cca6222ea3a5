/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "clab-cli-progress.h"
#include "clab-time-left.h"

#define REDRAW_INTERVAL_MS   200
#define MIN_REDRAW_GAP_US    (50 * G_TIME_SPAN_MILLISECOND)
#define DEFAULT_COLUMNS      80
#define MIN_BAR_WIDTH        10
#define MAX_BAR_WIDTH        40

struct _ClabCliProgress
{
  ClabRunner *runner;
  ClabMode    mode;
  guint       done;
  guint       total;
  ClabTimeLeft left;
  gint64      drawn_us;
  guint       timeout_id;
  gboolean    unicode;
};

static guint
terminal_columns (void)
{
  struct winsize size;

  if (ioctl (STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
    return size.ws_col;
  return DEFAULT_COLUMNS;
}

static char *
format_duration (double seconds)
{
  guint s = (guint) (seconds + 0.5);

  if (s < 60)
    return g_strdup_printf (_("%u s"), s);
  if (s < 3600)
    return g_strdup_printf ("%u:%02u", s / 60, s % 60);
  return g_strdup_printf ("%u:%02u:%02u", s / 3600, s / 60 % 60, s % 60);
}

static char *
dup_eta (ClabCliProgress *self)
{
  g_autofree char *left = NULL;
  double seconds = clab_time_left_update (&self->left, self->done, self->total,
                                          g_get_monotonic_time ());

  if (seconds < 0)
    return g_strdup (_("ETA …"));
  left = format_duration (seconds);
  return g_strdup_printf (_("ETA %s"), left);
}

/* Eighths of a cell make a slow run visibly move on a narrow bar. */
static void
append_bar (ClabCliProgress *self,
            GString         *line,
            guint            width)
{
  static const char *eighths[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
  guint filled = self->total > 0 ? (guint) ((guint64) self->done * width * 8 / self->total) : 0;
  guint cells = 0;

  for (; cells < filled / 8; cells++)
    g_string_append (line, self->unicode ? "█" : "#");
  if (cells < width && filled % 8 != 0 && self->unicode)
    {
      g_string_append (line, eighths[filled % 8]);
      cells++;
    }
  for (; cells < width; cells++)
    g_string_append (line, self->unicode ? "░" : "-");
}

static void
draw (ClabCliProgress *self)
{
  g_autoptr(GString) line = g_string_new ("\r");
  g_autofree char *eta = dup_eta (self);
  g_autofree char *counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u/%u task",
                                                          "%u/%u tasks", self->total),
                                             self->done, self->total);
  const char *mode = clab_mode_to_string (self->mode);
  int fixed = 12 + 1 + 1 + strlen (counts) + 2 + g_utf8_strlen (eta, -1) + 1;
  int width = CLAMP ((int) terminal_columns () - fixed, 0, MAX_BAR_WIDTH);

  g_string_append_printf (line, "%-12s ", mode);
  if (width >= MIN_BAR_WIDTH)
    {
      append_bar (self, line, width);
      g_string_append_c (line, ' ');
    }
  g_string_append_printf (line, "%s  %s\033[K", counts, eta);
  fputs (line->str, stderr);
  fflush (stderr);
  self->drawn_us = g_get_monotonic_time ();
}

static void
progress_cb (ClabRunner *runner,
             guint       done,
             guint       total,
             gpointer    user_data)
{
  ClabCliProgress *self = user_data;

  self->done = done;
  self->total = total;
  if (done == total || g_get_monotonic_time () - self->drawn_us >= MIN_REDRAW_GAP_US)
    draw (self);
}

static void
sample_cb (ClabRunner    *runner,
           guint          mode,
           gconstpointer  sample,
           gpointer       user_data)
{
  ClabCliProgress *self = user_data;

  if (mode < CLAB_N_MODES)
    self->mode = mode;
}

static gboolean
redraw_cb (gpointer user_data)
{
  draw (user_data);
  return G_SOURCE_CONTINUE;
}

ClabCliProgress *
clab_cli_progress_new (ClabRunner *runner)
{
  ClabCliProgress *self = g_new0 (ClabCliProgress, 1);
  const ClabMode *modes;
  guint n_modes;

  g_return_val_if_fail (CLAB_IS_RUNNER (runner), NULL);

  if (!isatty (STDERR_FILENO))
    return self;
  self->runner = g_object_ref (runner);
  self->unicode = g_get_charset (NULL);
  clab_time_left_init (&self->left, g_get_monotonic_time ());
  /* Until the first sample names it, the first mode of the plan runs first. */
  modes = clab_plan_get_modes (clab_runner_get_plan (runner), &n_modes);
  self->mode = n_modes > 0 ? modes[0] : CLAB_MODE_SEQUENTIAL;
  g_signal_connect (runner, "progress", G_CALLBACK (progress_cb), self);
  g_signal_connect (runner, "sample", G_CALLBACK (sample_cb), self);
  self->timeout_id = g_timeout_add (REDRAW_INTERVAL_MS, redraw_cb, self);
  draw (self);
  return self;
}

void
clab_cli_progress_free (ClabCliProgress *self)
{
  if (self->runner != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->runner, self);
      g_clear_handle_id (&self->timeout_id, g_source_remove);
      g_clear_object (&self->runner);
      fputs ("\r\033[K", stderr);
      fflush (stderr);
    }
  g_free (self);
}
