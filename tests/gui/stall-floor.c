/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <poll.h>
#include <stdio.h>
#include <unistd.h>

#include "stall-floor.h"

/* What the window's stall is measured against: a bare program, in a session (and so a
 * scheduler autogroup) of its own as the window is, that only waits 1 ms at a time in poll()
 * as an idle main loop does and notes how late it wakes. It has no frames to draw and no
 * display server to wait for, so no program on the machine can wait less at that moment.
 * On some kernels every program waits tens of milliseconds while another session creates
 * threads or processes by the thousand (tests/bench/README.md): then the window cannot meet
 * the benchmark's limit either, and the benchmark says so instead of failing the window. */

struct _StallFloor
{
  GSubprocess      *probe;
  GOutputStream    *requests;
  GDataInputStream *replies;
};

static void
own_session (gpointer user_data)
{
  setsid ();
}

StallFloor *
stall_floor_start (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "/proc/self/exe", STALL_FLOOR_ARG, NULL };
  StallFloor *self = g_new0 (StallFloor, 1);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, own_session, NULL, NULL);
  self->probe = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  self->requests = g_object_ref (g_subprocess_get_stdin_pipe (self->probe));
  self->replies = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->probe));
  return self;
}

/* The probe's longest lateness since the last call; called between measurements only, as it
 * waits for the answer. */
double
stall_floor_take_worst_ms (StallFloor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  g_output_stream_write_all (self->requests, "report\n", 7, NULL, NULL, &error);
  g_assert_no_error (error);
  line = g_data_input_stream_read_line (self->replies, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  return g_ascii_strtod (line, NULL);
}

void
stall_floor_free (StallFloor *self)
{
  g_subprocess_force_exit (self->probe);
  g_subprocess_wait (self->probe, NULL, NULL);
  g_object_unref (self->requests);
  g_object_unref (self->replies);
  g_object_unref (self->probe);
  g_free (self);
}

/* Each request on standard input is answered with the longest lateness since the last one,
 * in milliseconds; the probe ends with its input, so it never outlives the benchmark. */
int
stall_floor_probe_main (void)
{
  struct pollfd request = { .fd = STDIN_FILENO, .events = POLLIN };
  gint64 worst_us = 0;

  for (;;)
    {
      gint64 before = g_get_monotonic_time ();
      int ready = poll (&request, 1, 1);
      char buf[64];

      if (ready == 0)
        {
          worst_us = MAX (worst_us, g_get_monotonic_time () - before - 1000);
          continue;
        }
      if (ready < 0)
        continue;
      if (read (STDIN_FILENO, buf, sizeof buf) <= 0)
        return 0;
      printf ("%.3f\n", worst_us / 1000.0);
      fflush (stdout);
      worst_us = 0;
    }
}
