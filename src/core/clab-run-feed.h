/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "clab-result.h"
#include "clab-types.h"

G_BEGIN_DECLS

/* What a run's threads tell the caller while it runs: tasks done and the sampler's
 * samples. Producers only touch atomics, never a lock or the caller's main context,
 * because they run at a lower priority: a producer preempted while holding a lock the
 * user interface needs would stall the interface for as long as thousands of runnable
 * task threads keep it off the CPU (priority inversion). The caller polls. */
typedef struct _ClabRunFeed ClabRunFeed;

typedef struct
{
  ClabMode   mode;
  ClabSample sample;
} ClabRunFeedSample;

ClabRunFeed *clab_run_feed_new          (void);
void         clab_run_feed_free         (ClabRunFeed             *feed);
void         clab_run_feed_tasks_done   (ClabRunFeed             *feed,
                                         guint                    n);
guint        clab_run_feed_get_done     (ClabRunFeed             *feed);
void         clab_run_feed_push_sample  (ClabRunFeed             *feed,
                                         ClabMode                 mode,
                                         const ClabSample        *sample);
GArray      *clab_run_feed_take_samples (ClabRunFeed             *feed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClabRunFeed, clab_run_feed_free)

G_END_DECLS
