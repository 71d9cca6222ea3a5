/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-plan.h"
#include "clab-result.h"
#include "clab-stats.h"
#include "clab-stats-private.h"
#include "clab-verdict.h"

/* The warnings of a result: what the statistics found suspicious, said once, in words that
 * fit every front end (no command-line options: the window has none). */

/* Below this a run measures the clock and the scheduler more than the work. */
#define SHORT_RUN_S        0.005
/* hyperfine's threshold for the modified z-score: Iglewicz and Hoaglin's 3.5 flags
 * sub-millisecond jitter as soon as a few runs agree to the microsecond. */
#define OUTLIER_Z          14.0
#define SLOW_FIRST_FACTOR  1.5

typedef struct
{
  ClabResult *result;
  guint       workers;
  guint       cpus;
  gboolean    busy;
} Context;

static void
add_warning_once (ClabResult *result,
                  const char *warning)
{
  const GPtrArray *warnings = clab_result_get_warnings (result);

  /* Statistics may be updated again, e.g. after loading: say each thing once. */
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    if (g_str_equal (g_ptr_array_index (warnings, i), warning))
      return;
  clab_result_add_warning (result, warning);
}

static guint
count_outliers (const double *values,
                guint         n)
{
  g_autofree double *scores = g_new0 (double, MAX (n, 1));
  guint outliers = 0;

  clab_stats_modified_zscores (values, n, scores);
  for (guint i = 0; i < n; i++)
    if (fabs (scores[i]) > OUTLIER_Z)
      outliers++;
  return outliers;
}

static void
warn_about_runs (const Context        *ctx,
                 const ClabModeResult *mode_result,
                 const double         *v,
                 guint                 n)
{
  const char *name = clab_mode_to_string (mode_result->mode);
  g_autofree char *text = NULL;
  guint outliers;

  if (mode_result->stats.mean_s < SHORT_RUN_S)
    {
      text = g_strdup_printf (_("The %s runs took less than 5 ms: the measurement is dominated by noise; raise the size or the task count."),
                              name);
      add_warning_once (ctx->result, text);
      g_clear_pointer (&text, g_free);
    }
  if ((outliers = count_outliers (v, n)) > 0)
    {
      text = g_strdup_printf (ngettext ("%u of the %s runs is a statistical outlier: another program may have disturbed the measurement; close other programs and run again.",
                                        "%u of the %s runs are statistical outliers: another program may have disturbed the measurement; close other programs and run again.",
                                        outliers),
                              outliers, name);
      add_warning_once (ctx->result, text);
    }
}

static void
warn_about_first_run (const Context        *ctx,
                      const ClabModeResult *mode_result,
                      const double         *v,
                      guint                 n)
{
  g_autofree char *text = NULL;
  double rest;

  if (n < 3)
    return;
  rest = clab_stats_median (v + 1, n - 1);
  if (!(v[0] > SLOW_FIRST_FACTOR * rest))
    return;
  text = g_strdup_printf (_("The first %s run took %.1f times as long as the others: caches were probably cold; add warm-up runs."),
                          clab_mode_to_string (mode_result->mode), v[0] / rest);
  add_warning_once (ctx->result, text);
}

static void
warn_about_failures (const Context        *ctx,
                     const ClabModeResult *mode_result)
{
  guint failures = mode_result->stats.failures;
  g_autofree char *text = NULL;

  if (failures == 0)
    return;
  text = g_strdup_printf (ngettext ("%u task failed in the %s mode; the task list shows why.",
                                    "%u tasks failed in the %s mode; the task list shows why.",
                                    failures),
                          failures, clab_mode_to_string (mode_result->mode));
  add_warning_once (ctx->result, text);
}

static void
warn_about_mode (const Context        *ctx,
                 const ClabModeResult *mode_result)
{
  g_autoptr(GPtrArray) runs = clab_stats_dup_counted_runs (ctx->result, mode_result);
  g_autoptr(GArray) values = _clab_stats_elapsed_times (runs);
  const double *v = (const double *) (gpointer) values->data;

  warn_about_failures (ctx, mode_result);
  /* On a busy machine the verdict already says why runs stand out: cold caches or an
   * outlier would be a second, and wrong, explanation of the same thing. */
  if (values->len == 0 || ctx->busy)
    return;
  warn_about_runs (ctx, mode_result, v, values->len);
  warn_about_first_run (ctx, mode_result, v, values->len);
}

static void
warn_about_workers (const Context *ctx)
{
  ClabPlan *plan = clab_result_get_plan (ctx->result);
  g_autofree char *text = NULL;
  guint n_modes;
  const ClabMode *modes = clab_plan_get_modes (plan, &n_modes);
  gboolean parallel = FALSE;

  for (guint i = 0; i < n_modes; i++)
    parallel |= modes[i] != CLAB_MODE_SEQUENTIAL;
  if (!parallel || ctx->workers <= ctx->cpus)
    return;
  text = g_strdup_printf (_("The plan uses %u workers on %u CPUs: at most %u tasks can compute at the same time."),
                          ctx->workers, ctx->cpus, ctx->cpus);
  add_warning_once (ctx->result, text);
}

void
_clab_stats_add_warnings (ClabResult *result)
{
  const ClabSystemInfo *system = clab_result_get_system (result);
  Context ctx = { result, clab_plan_get_workers (clab_result_get_plan (result)), 0,
                  clab_verdict_machine_was_busy (result) };

  ctx.cpus = system != NULL && system->cpus > 0 ? system->cpus : g_get_num_processors ();
  for (guint i = 0; i < clab_result_get_n_modes (result); i++)
    warn_about_mode (&ctx, clab_result_get_mode (result, i));
  warn_about_workers (&ctx);
}
