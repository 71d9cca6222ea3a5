/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-compare.h"
#include "clab-format.h"

G_BEGIN_DECLS

/* The unit that suits every mean of the comparison, for one column of them. */
void                   clab_compare_pick_unit          (ClabCompare       *self,
                                                        ClabTimeUnit      *unit);
/* A cell's mean and σ in @unit, "4.003 ± 0.012"; no ± below two runs. */
char                  *clab_compare_dup_mean_text      (const ClabCompareCell *cell,
                                                        const ClabTimeUnit    *unit);
/* A cell's median in @unit. */
char                  *clab_compare_dup_median_text    (const ClabCompareCell *cell,
                                                        const ClabTimeUnit    *unit);
/* The change as the table shows it: "−48.2 ± 1.0 % (faster)", "reference", "plans differ". */
char                  *clab_compare_dup_change_text    (const ClabCompareChange *change);
/* The change in a few characters, for a label over a bar: "−50 %", "≈ +0.4 %", "other plan";
 * NULL where there is nothing to say. */
char                  *clab_compare_dup_change_short   (const ClabCompareChange *change);
/* The comparison as Markdown: the results, then every mode's means and changes. */
char                  *clab_compare_to_markdown        (ClabCompare       *self);
/* Writes clab_compare_to_markdown() to @path through the atomic writer. */
gboolean               clab_compare_save_markdown      (ClabCompare       *self,
                                                        const char        *path,
                                                        GError           **error);

G_END_DECLS
