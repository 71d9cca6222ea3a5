/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "clab-time-left.h"

#define S(x) ((gint64) ((x) * G_USEC_PER_SEC))

/* Nothing is known before the first task ends; at the end nothing is left. */
static void
test_unknown_and_done (void)
{
  ClabTimeLeft left;

  clab_time_left_init (&left, 0);
  g_assert_cmpfloat (clab_time_left_update (&left, 0, 10, S (1)), <, 0);
  g_assert_cmpfloat (clab_time_left_update (&left, 0, 0, S (1)), <, 0);
  g_assert_cmpfloat_with_epsilon (clab_time_left_update (&left, 5, 10, S (4)), 4, 1e-9);
  g_assert_cmpfloat (clab_time_left_update (&left, 10, 10, S (8)), ==, 0);
}

/* A steady rate gives the plain estimate, counting down with the clock. */
static void
test_steady_rate (void)
{
  ClabTimeLeft left;

  clab_time_left_init (&left, 0);
  for (guint done = 1; done < 100; done++)
    {
      double shown = clab_time_left_update (&left, done, 100, S (done * 0.1));

      g_assert_cmpfloat_with_epsilon (shown, (100 - done) * 0.1, 1e-6);
    }
}

/* Eight fast tasks (threads) then eight slow ones (sequential): the plain rate leaps from
 * 0.1 s to several seconds left while the first slow one runs; the shown estimate rises
 * gradually, a second per second at most, and still follows the rate. */
static void
test_no_jump (void)
{
  ClabTimeLeft left;
  double before = -1, now_s = 0;

  clab_time_left_init (&left, 0);
  for (guint done = 1; done <= 8; done++)
    before = clab_time_left_update (&left, done, 16, S (now_s = done * 0.01));
  g_assert_cmpfloat (before, <, 0.2);
  for (guint step = 1; step <= 20 * 10; step++)
    {
      double t = now_s + step * 0.1;
      guint done = 8 + MIN (7, (guint) (t - now_s) / 3);
      double shown = clab_time_left_update (&left, done, 16, S (t));

      g_assert_cmpfloat (shown - before, <=, 0.1 * 1 + 1e-9);
      before = shown;
    }
  /* 14 of 16 done after 20 s: the plain rate says 2.9 s are left (two 3 s tasks remain). */
  g_assert_cmpfloat (before, >, 1);
  g_assert_cmpfloat (before, <, 8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/time-left/unknown-and-done", test_unknown_and_done);
  g_test_add_func ("/time-left/steady-rate", test_steady_rate);
  g_test_add_func ("/time-left/no-jump", test_no_jump);
  return g_test_run ();
}
