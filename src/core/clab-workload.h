/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "clab-types.h"

G_BEGIN_DECLS

/* What every task of a run does; shared read-only by all workers. */
typedef struct
{
  ClabWorkloadKind   kind;
  double             size;
  char             **argv;   /* the command workload's program and arguments */
} ClabWorkloadSpec;

/* Runs task @index of @spec on the calling thread and returns its checksum. */
gboolean    clab_workload_run         (const ClabWorkloadSpec  *spec,
                                       guint                    index,
                                       GCancellable            *cancellable,
                                       guint64                 *checksum,
                                       GError                 **error);
/* A one-line description of what a task of @kind does, for people. */
const char *clab_workload_describe    (ClabWorkloadKind         kind);
/* Mixes two 64-bit values into a well spread checksum. */
guint64     clab_checksum_mix         (guint64                  a,
                                       guint64                  b);
/* Nanoseconds on CLOCK_MONOTONIC, comparable across processes. */
gint64      clab_monotonic_ns         (void);
/* CPU time of the calling thread, in seconds. */
double      clab_thread_cpu_s         (void);

G_END_DECLS
