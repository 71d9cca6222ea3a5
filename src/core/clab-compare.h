/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "clab-result.h"

G_BEGIN_DECLS

/*
 * Two or more results side by side: this machine's and other machines', before and after an
 * upgrade. The first result added is the reference; every other result's mean of each mode is
 * set against the reference's as a ratio with its σ (clab_stats_ratio(), the one owner).
 */

/* What the change of one mode of one result against the reference is. */
typedef enum
{
  CLAB_COMPARE_CHANGE_REFERENCE,      /* the reference itself */
  CLAB_COMPARE_CHANGE_MEASURED,       /* a ratio and its uncertainty */
  CLAB_COMPARE_CHANGE_PLANS_DIFFER,   /* different work: a ratio would mean nothing */
  CLAB_COMPARE_CHANGE_MISSING,        /* this result or the reference has no mean */
  CLAB_COMPARE_CHANGE_FAILED,         /* tasks failed on one side: their mean is no finding */
} ClabCompareChangeKind;

typedef struct
{
  ClabCompareChangeKind kind;
  double                ratio;       /* this mean ÷ the reference's: 0.5 took half the time */
  double                error;       /* σ of @ratio; NAN unless both sides have two runs */
  int                   direction;   /* −1 faster, +1 slower, 0 no clear change */
} ClabCompareChange;

/* One mode of one result. */
typedef struct
{
  ClabMode              mode;
  const ClabModeResult *mode_result; /* NULL when the result does not hold the mode */
  gboolean              has_mean;    /* counted runs with a mean */
  ClabCompareChange     change;
} ClabCompareCell;

#define CLAB_TYPE_COMPARE (clab_compare_get_type ())

G_DECLARE_FINAL_TYPE (ClabCompare, clab_compare, CLAB, COMPARE, GObject)

ClabCompare           *clab_compare_new                (void);
/* Adds @result; @source names where it came from (a file name, or NULL) and @when is the
 * time it ran (or NULL when unknown). The first result added is the reference. */
void                   clab_compare_add                (ClabCompare       *self,
                                                        ClabResult        *result,
                                                        const char        *source,
                                                        GDateTime         *when);
guint                  clab_compare_get_n_results      (ClabCompare       *self);
ClabResult            *clab_compare_get_result         (ClabCompare       *self,
                                                        guint              i);
/* The modes any result holds: the reference plan's order, then the others'. */
guint                  clab_compare_get_n_modes        (ClabCompare       *self);
ClabMode               clab_compare_get_mode           (ClabCompare       *self,
                                                        guint              m);
/* Mode @m of result @i. */
const ClabCompareCell *clab_compare_get_cell           (ClabCompare       *self,
                                                        guint              i,
                                                        guint              m);
/* A short name, unique among the results, for legends: the host name (with the runtime where
 * the results ran on different ones, "Native C" or "CPython 3.11.2 (GIL), fork"), with the time it ran
 * or the file where two results share a machine. Control characters are made visible. */
const char            *clab_compare_get_label          (ClabCompare       *self,
                                                        guint              i);
/* The machine in full: "host — 8 CPUs, AMD Ryzen 7 5800X". */
const char            *clab_compare_get_machine        (ClabCompare       *self,
                                                        guint              i);
/* When the result ran, "2026-12-02 11:38" in local time, or NULL when unknown. */
const char            *clab_compare_get_when           (ClabCompare       *self,
                                                        guint              i);
/* Where the result came from, as given to clab_compare_add(), or NULL. */
const char            *clab_compare_get_source         (ClabCompare       *self,
                                                        guint              i);
/* What the result measured: "sleep 2 s × 2 tasks, pools of 2 workers". */
const char            *clab_compare_get_plan_text      (ClabCompare       *self,
                                                        guint              i);
/* Whether result @i did the reference's work: the same workload, size, tasks and command. */
gboolean               clab_compare_plans_match        (ClabCompare       *self,
                                                        guint              i);
/* Whether every result did the reference's work. */
gboolean               clab_compare_all_plans_match    (ClabCompare       *self);
/* The result's own verdict, "Inconclusive: …" included. */
const char            *clab_compare_get_verdict        (ClabCompare       *self,
                                                        guint              i);
gboolean               clab_compare_is_conclusive      (ClabCompare       *self,
                                                        guint              i);
/* Whether result @i measured a sweep of worker counts. */
gboolean               clab_compare_has_sweep          (ClabCompare       *self,
                                                        guint              i);

G_END_DECLS
