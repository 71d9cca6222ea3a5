/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How long a comparison has left, as the window and the command line show it. Tasks of
 * different modes take very different times (a sequential task waits for all before it, a
 * thread's does not), so the plain rate leaps up whenever a slow mode starts: the shown time
 * left follows the rate down at once but up only by a second per second. */
typedef struct
{
  gint64   start_us;
  gint64   updated_us;
  double   left_s;
  gboolean known;
} ClabTimeLeft;

/* Starts the estimate of a comparison that began at @start_us (g_get_monotonic_time ()). */
void   clab_time_left_init   (ClabTimeLeft *self,
                              gint64        start_us);
/* The seconds left after @done of @total tasks at @now_us; negative while nothing is known. */
double clab_time_left_update (ClabTimeLeft *self,
                              guint         done,
                              guint         total,
                              gint64        now_us);

G_END_DECLS
