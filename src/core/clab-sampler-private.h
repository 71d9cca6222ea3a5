/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The sampler's deadline arithmetic, apart so that tests can give it any wake-up time. */
gint64 _clab_sampler_next_deadline (gint64 deadline,
                                    gint64 now,
                                    gint64 interval_us);

G_END_DECLS
