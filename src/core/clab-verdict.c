/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-format.h"
#include "clab-stats.h"
#include "clab-verdict.h"

/* Whether a result can rank its modes at all, and the sentence that says so. */

/* Other programs' mean share of the machine above which the run competed with them for the
 * CPUs. A quiet desktop stays below 5 % (the sampler counts 10 ms ticks: one 100 ms sample
 * of 2 CPUs is ±5 %, the mean much less); one busy program is 50 % of 2 CPUs, 12.5 % of 8,
 * which still leave 7 idle. */
#define BUSY_PCT     15.0
/* Runs that vary by more than this (σ/μ) are noisy; noisy runs whose difference is within
 * 2 σ of their ratio cannot say which mode is faster. Quiet runs vary by 1–3 %. */
#define WIDE_SPREAD  0.10
#define SIGMAS       2.0
/* A lead smaller than this is a tie even where the runs agree to the microsecond. */
#define CLEAR_LEAD   1.02
/* One run on either side measures no spread, yet the same work varies from run to run:
 * single cpu runs of one mode on the 2-CPU test machine, quiet enough for a conclusive
 * verdict, spread by σ/μ of 1–3 % (6–11 % from shortest to longest of ten). Two such runs
 * differ by σ ≈ 4 %, so only a lead beyond about SIGMAS times that is more than noise. */
#define SINGLE_RUN_LEAD 1.10

static void
add_run_load (const ClabRun *run,
              double        *weighted,
              double        *total)
{
  double previous = 0;

  for (guint i = 0; i < run->samples->len; i++)
    {
      const ClabSample *sample = &g_array_index (run->samples, ClabSample, i);
      double dt = sample->t_s - previous;

      previous = sample->t_s;
      if (!(dt > 0) || !isfinite (sample->cpu_pct) || !isfinite (sample->run_pct))
        continue;
      /* The readings as they are (not clab_sample_machine_pct): their rounding evens out. */
      *weighted += (sample->cpu_pct - sample->run_pct) * dt;
      *total += dt;
    }
}

double
clab_verdict_other_load (ClabResult *result)
{
  double weighted = 0, total = 0;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NAN);

  for (guint m = 0; m < clab_result_get_n_modes (result); m++)
    {
      const ClabModeResult *mode_result = clab_result_get_mode (result, m);

      for (guint r = 0; r < mode_result->runs->len; r++)
        {
          const ClabRun *run = g_ptr_array_index (mode_result->runs, r);

          if (clab_stats_run_is_measured (run))
            add_run_load (run, &weighted, &total);
        }
    }
  /* Ticks round both ways: a quiet machine can come out a little below zero. */
  return total > 0 ? MAX (0, weighted / total) : NAN;
}

gboolean
clab_verdict_machine_was_busy (ClabResult *result)
{
  return clab_verdict_other_load (result) > BUSY_PCT;
}

/* A mode can be ranked when it has a mean over runs whose tasks all succeeded: a task
 * that failed at once would make its mode look fastest. */
static gboolean
has_mean (const ClabModeResult *mode_result)
{
  return mode_result->stats.n_runs > 0 && !isnan (mode_result->stats.mean_s) &&
         mode_result->stats.failures == 0;
}

static gint
compare_by_mean (gconstpointer a,
                 gconstpointer b)
{
  const ClabModeResult *ma = *(ClabModeResult * const *) a;
  const ClabModeResult *mb = *(ClabModeResult * const *) b;

  if (ma->stats.mean_s < mb->stats.mean_s)
    return -1;
  return ma->stats.mean_s > mb->stats.mean_s;
}

GPtrArray *
clab_verdict_dup_ranked (ClabResult *result)
{
  GPtrArray *ranked = g_ptr_array_new ();

  g_return_val_if_fail (CLAB_IS_RESULT (result), ranked);

  for (guint i = 0; i < clab_result_get_n_modes (result); i++)
    {
      ClabModeResult *mode_result = clab_result_get_mode (result, i);

      if (has_mean (mode_result))
        g_ptr_array_add (ranked, mode_result);
    }
  /* g_ptr_array_sort() is stable: ties keep the order of the result. */
  g_ptr_array_sort (ranked, compare_by_mean);
  return ranked;
}

static gboolean
any_failures (ClabResult *result)
{
  for (guint i = 0; i < clab_result_get_n_modes (result); i++)
    {
      const ClabModeResult *mode_result = clab_result_get_mode (result, i);

      if (mode_result->stats.n_runs > 0 && mode_result->stats.failures > 0)
        return TRUE;
    }
  return FALSE;
}

static void
add_reason (GString    *reasons,
            const char *reason)
{
  if (reasons->len > 0)
    /* TRANSLATORS: joins two reasons why a result is inconclusive */
    g_string_append (reasons, _("; "));
  g_string_append (reasons, reason);
}

static void
judge_load (ClabResult *result,
            GString    *reasons)
{
  double load = clab_verdict_other_load (result);
  g_autofree char *pct = NULL;
  g_autofree char *text = NULL;

  if (!clab_verdict_machine_was_busy (result))
    return;
  pct = clab_format_percent (load);
  /* TRANSLATORS: why a result is inconclusive; %s is a percentage such as "48 %" */
  text = g_strdup_printf (_("other programs used %s of the CPUs during the run"), pct);
  add_reason (reasons, text);
}

static void
add_impossible (GString    *reasons,
                ClabMode    mode,
                double      speedup,
                double      parallelism)
{
  guint p = (guint) MAX (1, round (parallelism));
  g_autofree char *text = NULL;

  /* TRANSLATORS: why a result is inconclusive: "the thread-pool speedup of 2.62 × is more
   * than 2 tasks at a time can give" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "the %s speedup of %.2f × is more than %u task at a time can give",
                                       "the %s speedup of %.2f × is more than %u tasks at a time can give",
                                       p),
                          clab_mode_to_string (mode), speedup, p);
  add_reason (reasons, text);
}

/* The first impossible speedup, of the modes or else of the sweep: one is enough to
 * distrust the whole measurement. */
static void
judge_speedups (ClabResult *result,
                GString    *reasons)
{
  GArray *sweep = clab_result_get_sweep (result);

  for (guint i = 0; i < clab_result_get_n_modes (result); i++)
    {
      const ClabStats *stats = &clab_result_get_mode (result, i)->stats;

      if (!clab_stats_mode_is_possible (stats))
        {
          add_impossible (reasons, clab_result_get_mode (result, i)->mode, stats->speedup,
                          stats->speedup / stats->efficiency);
          return;
        }
    }
  for (guint i = 0; i < sweep->len; i++)
    {
      const ClabSweepPoint *point = &g_array_index (sweep, ClabSweepPoint, i);

      if (!clab_stats_point_is_possible (result, point))
        {
          add_impossible (reasons, point->mode, point->speedup,
                          clab_stats_result_parallelism (result, point->mode, point->workers));
          return;
        }
    }
}

static double
relative_spread (const ClabStats *stats)
{
  return stats->n_runs >= 2 && stats->mean_s > 0 ? stats->stddev_s / stats->mean_s : NAN;
}

/* Whether noisy runs leave it open which of @fast and @slow is faster. */
static gboolean
pair_is_unclear (const ClabModeResult *fast,
                 const ClabModeResult *slow,
                 double               *spread)
{
  ClabAggregate a, b;
  double ratio, err;

  clab_stats_get_aggregate (&slow->stats, &a);
  clab_stats_get_aggregate (&fast->stats, &b);
  ratio = clab_stats_ratio (&a, &b, &err);
  *spread = MAX (relative_spread (&fast->stats), relative_spread (&slow->stats));
  return isfinite (err) && *spread > WIDE_SPREAD && ratio - SIGMAS * err <= 1;
}

static void
judge_pair (const ClabModeResult *fast,
            const ClabModeResult *slow,
            GString              *reasons)
{
  g_autofree char *pct = NULL;
  g_autofree char *text = NULL;
  double spread;

  if (fast == slow || !pair_is_unclear (fast, slow, &spread))
    return;
  pct = clab_format_percent (spread * 100);
  /* TRANSLATORS: why a result is inconclusive: "the threads and processes runs vary by
   * 35 %, more than the difference between them" */
  text = g_strdup_printf (_("the %s and %s runs vary by %s, more than the difference between them"),
                          clab_mode_to_string (fast->mode), clab_mode_to_string (slow->mode), pct);
  add_reason (reasons, text);
}

/* The comparisons the verdict states: the fastest against the next, and against the
 * sequential baseline (or the slowest mode without one). */
static void
judge_spread (ClabResult *result,
              GPtrArray  *ranked,
              GString    *reasons)
{
  ClabModeResult *fastest = g_ptr_array_index (ranked, 0);
  ClabModeResult *next = g_ptr_array_index (ranked, 1);
  ClabModeResult *other = clab_result_find_mode (result, CLAB_MODE_SEQUENTIAL);
  gsize before = reasons->len;

  judge_pair (fastest, next, reasons);
  if (other == NULL || !has_mean (other))
    other = g_ptr_array_index (ranked, ranked->len - 1);
  if (reasons->len == before && other != next)
    judge_pair (fastest, other, reasons);
}

char *
clab_verdict_judge (ClabResult *result)
{
  g_autoptr(GPtrArray) ranked = NULL;
  g_autoptr(GString) reasons = g_string_new (NULL);

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  ranked = clab_verdict_dup_ranked (result);
  if (ranked->len == 0)
    return g_strdup (any_failures (result)
                     ? _("every mode had failed tasks, so there is nothing to compare")
                     : _("no run completed, so there is nothing to compare"));
  judge_load (result, reasons);
  judge_speedups (result, reasons);
  if (ranked->len >= 2)
    judge_spread (result, ranked, reasons);
  return reasons->len > 0 ? g_strdup (reasons->str) : NULL;
}

char *
clab_verdict_dup_reason (ClabResult *result)
{
  g_autofree char *judged = NULL;
  gboolean conclusive;
  const char *reason;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  if (!clab_result_get_recorded_verdict (result, &conclusive, &reason))
    return clab_verdict_judge (result);
  if (conclusive)
    return NULL;
  /* The file decided that it cannot rank, in its writer's language; judged again, the
   * numbers say why in the reader's. Its own words stay for what cannot be judged again
   * here (another version's thresholds, samples that are gone). */
  judged = clab_verdict_judge (result);
  if (judged != NULL)
    return g_steal_pointer (&judged);
  return g_strdup (reason != NULL ? reason : "");
}

gboolean
clab_verdict_is_conclusive (ClabResult *result)
{
  g_autofree char *reason = clab_verdict_dup_reason (result);

  return reason == NULL;
}

/* How many times slower @slow is than @fast, and the σ of that (NAN from single runs). */
static double
pair_ratio (const ClabModeResult *slow,
            const ClabModeResult *fast,
            double               *err)
{
  ClabAggregate a, b;

  clab_stats_get_aggregate (&slow->stats, &a);
  clab_stats_get_aggregate (&fast->stats, &b);
  return clab_stats_ratio (&a, &b, err);
}

/* Whether @fastest leads @next by more than a tie and more than the uncertainty. */
static gboolean
leads_clearly (const ClabModeResult *fastest,
               const ClabModeResult *next)
{
  double ratio, err;

  ratio = pair_ratio (next, fastest, &err);
  return ratio >= 1 && clab_verdict_ratio_is_clear (ratio, err);
}

gboolean
clab_verdict_ratio_is_clear (double ratio,
                             double err)
{
  double delta = fabs (ratio - 1);

  if (!isfinite (delta))
    return FALSE;
  /* No σ: a side has a single run, whose spread nobody measured. */
  if (!isfinite (err))
    return delta >= SINGLE_RUN_LEAD - 1;
  return delta >= CLEAR_LEAD - 1 && delta > SIGMAS * err;
}

ClabModeResult *
clab_verdict_get_fastest (ClabResult *result)
{
  g_autoptr(GPtrArray) ranked = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  ranked = clab_verdict_dup_ranked (result);
  if (ranked->len == 0 || !clab_verdict_is_conclusive (result))
    return NULL;
  if (ranked->len >= 2 && !leads_clearly (g_ptr_array_index (ranked, 0),
                                          g_ptr_array_index (ranked, 1)))
    return NULL;
  return g_ptr_array_index (ranked, 0);
}

/* Mode names as the command line spells them, or as the application shows them. */
typedef const char *(*ModeNameFunc) (ClabMode mode);

/* "1.95 ± 0.03 ×": how many times slower @slow is than @fast. */
static char *
format_ratio (const ClabModeResult *slow,
              const ClabModeResult *fast)
{
  double ratio, err;

  ratio = pair_ratio (slow, fast, &err);
  return clab_format_ratio (ratio, err);
}

static char *
dup_single_text (const ClabModeResult *only,
                 ModeNameFunc          name_of)
{
  g_autofree char *mean = clab_format_duration_spread (only->stats.mean_s, only->stats.stddev_s,
                                                       only->stats.n_runs);

  /* TRANSLATORS: the one mode that ran and its mean time, e.g. "threads: 2.001 ± 0.001 s" */
  return g_strdup_printf (_("%s: %s"), name_of (only->mode), mean);
}

/* The two modes the verdict compares: the fastest against sequential, sequential against
 * the next when it is fastest itself, or without a baseline the fastest against the slowest. */
static void
pick_pair (ClabResult            *result,
           GPtrArray             *ranked,
           const ClabModeResult **fast,
           const ClabModeResult **slow)
{
  ClabModeResult *sequential = clab_result_find_mode (result, CLAB_MODE_SEQUENTIAL);

  *fast = g_ptr_array_index (ranked, 0);
  if (sequential == NULL || !has_mean (sequential))
    *slow = g_ptr_array_index (ranked, ranked->len - 1);
  else if (*fast == sequential)
    *slow = g_ptr_array_index (ranked, 1);
  else
    *slow = sequential;
}

static char *
dup_pair_text (const ClabModeResult *fast,
               const ClabModeResult *slow,
               ModeNameFunc          name_of)
{
  g_autofree char *ratio = format_ratio (slow, fast);

  if (fast->mode == CLAB_MODE_SEQUENTIAL)
    /* Translators: "sequential is fastest; threads is 1.20 ± 0.02 × slower" */
    return g_strdup_printf (_("%s is fastest; %s is %s slower"), name_of (fast->mode),
                            name_of (slow->mode), ratio);
  /* Translators: "threads is 1.95 ± 0.03 × faster than sequential" */
  return g_strdup_printf (_("%s is %s faster than %s"), name_of (fast->mode), ratio,
                          name_of (slow->mode));
}

/* Single runs say nothing of their spread: a lead within what runs of the same work vary
 * by names no winner, and a larger one says what it rests on. */
static char *
dup_single_runs_text (const ClabModeResult *fast,
                      const ClabModeResult *slow,
                      ModeNameFunc          name_of)
{
  g_autofree char *text = NULL;
  g_autofree char *lead = NULL;
  double err;

  if (leads_clearly (fast, slow))
    {
      text = dup_pair_text (fast, slow, name_of);
      /* TRANSLATORS: a verdict from one run per mode, "threads is 2.00 × faster than
       * sequential (single runs: spread not measured)" */
      return g_strdup_printf (_("%s (single runs: spread not measured)"), text);
    }
  lead = clab_format_percent_precise ((pair_ratio (slow, fast, &err) - 1) * 100);
  /* TRANSLATORS: a verdict from one run per mode whose difference runs of the same work
   * can show too: "No clear winner: threads and sequential differ by 4.0 %, which single
   * runs cannot tell from noise" */
  return g_strdup_printf (_("No clear winner: %s and %s differ by %s, which single runs cannot tell from noise"),
                          name_of (fast->mode), name_of (slow->mode), lead);
}

/* Repeated runs whose difference is a tie, or within their spread: named as a winner, the
 * faster one would be "1.01 × faster" while no row is marked fastest. */
static char *
dup_no_lead_text (const ClabModeResult *fast,
                  const ClabModeResult *slow,
                  ModeNameFunc          name_of)
{
  double err, ratio = pair_ratio (slow, fast, &err);
  g_autofree char *lead = clab_format_percent_precise ((ratio - 1) * 100);

  if (ratio < CLEAR_LEAD)
    /* TRANSLATORS: a verdict: "No clear winner: threads and sequential differ by only 1.0 %" */
    return g_strdup_printf (_("No clear winner: %s and %s differ by only %s"),
                            name_of (fast->mode), name_of (slow->mode), lead);
  /* TRANSLATORS: a verdict: "No clear winner: threads and sequential differ by 5.0 %,
   * within the spread of their runs" */
  return g_strdup_printf (_("No clear winner: %s and %s differ by %s, within the spread of their runs"),
                          name_of (fast->mode), name_of (slow->mode), lead);
}

static char *
dup_ranking_text (ClabResult   *result,
                  GPtrArray    *ranked,
                  ModeNameFunc  name_of)
{
  const ClabModeResult *fast, *slow;

  if (ranked->len == 1)
    return dup_single_text (g_ptr_array_index (ranked, 0), name_of);
  pick_pair (result, ranked, &fast, &slow);
  if (fast->stats.n_runs < 2 || slow->stats.n_runs < 2)
    return dup_single_runs_text (fast, slow, name_of);
  if (!leads_clearly (fast, slow))
    return dup_no_lead_text (fast, slow, name_of);
  return dup_pair_text (fast, slow, name_of);
}

char *
clab_verdict_dup_text (ClabResult *result,
                       gboolean    labelled)
{
  g_autoptr(GPtrArray) ranked = NULL;
  g_autofree char *reason = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);

  reason = clab_verdict_dup_reason (result);
  if (reason != NULL)
    /* TRANSLATORS: the verdict of a result that cannot rank its modes, and why */
    return g_strdup_printf (_("Inconclusive: %s."), reason);
  ranked = clab_verdict_dup_ranked (result);
  if (ranked->len == 0)
    return g_strdup (_("Inconclusive: no run completed, so there is nothing to compare."));
  return dup_ranking_text (result, ranked, labelled ? clab_mode_label : clab_mode_to_string);
}
