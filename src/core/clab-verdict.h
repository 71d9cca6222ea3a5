/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-result.h"

G_BEGIN_DECLS

/* Other programs' mean share of the whole machine during the measured runs, 0–100,
 * weighted by time; NAN without samples. */
double          clab_verdict_other_load     (ClabResult *result);
/* Whether other programs used more of the machine than a measurement can bear. */
gboolean        clab_verdict_machine_was_busy (ClabResult *result);
/* Judges afresh, from the statistics and samples, why @result cannot rank its modes
 * ("other programs used 48 % of the CPUs during the run"), or NULL when it can. */
char           *clab_verdict_judge          (ClabResult *result);
/* The same, or for a result file that recorded an inconclusive verdict, its reason: judged
 * again in the reader's language where the numbers allow, else as the file says it. */
char           *clab_verdict_dup_reason     (ClabResult *result);
gboolean        clab_verdict_is_conclusive  (ClabResult *result);
/* Whether a time ratio @ratio ± @err differs from 1 by more than a tie and its uncertainty;
 * @err NAN (a side with a single run) asks for a lead beyond run-to-run variation, 10 %. */
gboolean        clab_verdict_ratio_is_clear (double      ratio,
                                             double      err);
/* The modes that have a mean over runs whose tasks all succeeded, fastest first. */
GPtrArray      *clab_verdict_dup_ranked     (ClabResult *result);
/* The mode that won: the lowest mean, when the verdict is conclusive and it leads the
 * next mode by 2 % and by 2 σ of their ratio (by 10 % where one has a single run); NULL
 * otherwise. */
ClabModeResult *clab_verdict_get_fastest    (ClabResult *result);
/* The verdict as one sentence, "thread-pool is 1.95 ± 0.03 × faster than sequential",
 * "No clear winner: …" (single runs too close) or "Inconclusive: …"; @labelled names the
 * modes as the window does. */
char           *clab_verdict_dup_text       (ClabResult *result,
                                             gboolean    labelled);

G_END_DECLS
