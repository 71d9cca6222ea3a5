/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "clab-time-left.h"

/* How fast the shown time left may grow, in seconds per second: a person reads a pause of
 * the countdown as "it slowed down", a leap from 8 s to 20 s as a broken estimate. */
#define MAX_RISE_PER_S 1.0

void
clab_time_left_init (ClabTimeLeft *self,
                     gint64        start_us)
{
  g_return_if_fail (self != NULL);

  *self = (ClabTimeLeft) { .start_us = start_us };
}

double
clab_time_left_update (ClabTimeLeft *self,
                       guint         done,
                       guint         total,
                       gint64        now_us)
{
  double elapsed, since, rate_left;

  g_return_val_if_fail (self != NULL, -1);

  elapsed = MAX (0, (now_us - self->start_us) / 1e6);
  since = MAX (0, (now_us - self->updated_us) / 1e6);
  if (total > 0 && done >= total)
    return 0;
  if (total == 0 || done == 0)
    return self->known ? MAX (0, self->left_s - since) : -1;
  rate_left = elapsed * (total - done) / done;
  if (self->known)
    rate_left = MIN (rate_left, self->left_s + MAX_RISE_PER_S * since);
  self->known = TRUE;
  self->left_s = rate_left;
  self->updated_us = now_us;
  return rate_left;
}
