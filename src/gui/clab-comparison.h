/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "clab-result.h"

G_BEGIN_DECLS

#define CLAB_TYPE_COMPARISON (clab_comparison_get_type ())

G_DECLARE_FINAL_TYPE (ClabComparison, clab_comparison, CLAB, COMPARISON, GObject)

/* A finished run or an opened result file, as the sidebar lists it. */
ClabComparison *clab_comparison_new          (ClabResult     *result,
                                              const char     *title,
                                              const char     *subtitle);
/* Names a finished run by its plan and the time it finished. */
ClabComparison *clab_comparison_new_finished (ClabResult     *result);
/* Names an opened result by its plan, its machine and @file. */
ClabComparison *clab_comparison_new_opened   (ClabResult     *result,
                                              GFile          *file);
ClabResult     *clab_comparison_get_result   (ClabComparison *self);
const char     *clab_comparison_get_title    (ClabComparison *self);
const char     *clab_comparison_get_subtitle (ClabComparison *self);

G_END_DECLS
