/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-result.h"

G_BEGIN_DECLS

/* Adds what the statistics of @result found suspicious to its warnings, each once. */
void    _clab_stats_add_warnings  (ClabResult *result);
/* The elapsed times of @runs (of ClabRun), in their order. */
GArray *_clab_stats_elapsed_times (GPtrArray  *runs);

G_END_DECLS
