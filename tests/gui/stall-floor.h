/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The argument that makes the benchmark's program the floor probe instead of the window. */
#define STALL_FLOOR_ARG "--floor-probe"

typedef struct _StallFloor StallFloor;

StallFloor *stall_floor_start         (void);
double      stall_floor_take_worst_ms (StallFloor *self);
void        stall_floor_free          (StallFloor *self);

int         stall_floor_probe_main    (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StallFloor, stall_floor_free)

G_END_DECLS
