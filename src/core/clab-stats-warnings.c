/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
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
  GPtrArray  *found;      /* of char *: each warning in the reader's language … */
  GPtrArray  *original;   /* … and, at the same index, untranslated */
} Context;

/* Both forms of a plural warning, for ngettext() once the count is known: po/meson.build
 * names NP_ to xgettext. */
#define NP_(singular, plural) { singular, plural }

/* The C locale, in which the command line writes its numbers ("1.5", never "1,5"). */
static locale_t
c_locale (void)
{
  static gsize once;
  static locale_t c;

  if (g_once_init_enter (&once))
    {
      c = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
      g_once_init_leave (&once, 1);
    }
  return c;
}

/* Says a warning in the reader's language and as the source spells it, by which a result
 * file written in English is recognised. @plural is NULL, or the plural of @msgid for @n. */
static void
add_warning (const Context *ctx,
             const char    *msgid,
             const char    *plural,
             gulong         n,
             ...)
{
  const char *translated = plural != NULL ? ngettext (msgid, plural, n) : _(msgid);
  const char *original = plural != NULL && n != 1 ? plural : msgid;
  locale_t previous;
  va_list args, copy;

  va_start (args, n);
  va_copy (copy, args);
  /* The formats are this file's own msgids and their translations, as g_strdup_printf()
   * would take them from _(): the compiler cannot see through the tables. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_ptr_array_add (ctx->found, g_strdup_vprintf (translated, args));
  previous = uselocale (c_locale ());
  g_ptr_array_add (ctx->original, g_strdup_vprintf (original, copy));
  uselocale (previous);
#pragma GCC diagnostic pop
  va_end (copy);
  va_end (args);
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
  static const char *const short_run = N_("The %s runs took less than 5 ms: the measurement is dominated by noise; raise the size or the task count.");
  static const char *const outlier[] =
    NP_("%u of the %s runs is a statistical outlier: another program may have disturbed the measurement; close other programs and run again.",
        "%u of the %s runs are statistical outliers: another program may have disturbed the measurement; close other programs and run again.");
  const char *name = clab_mode_to_string (mode_result->mode);
  guint outliers;

  if (mode_result->stats.mean_s < SHORT_RUN_S)
    add_warning (ctx, short_run, NULL, 0, name);
  if ((outliers = count_outliers (v, n)) > 0)
    add_warning (ctx, outlier[0], outlier[1], outliers, outliers, name);
}

static void
warn_about_first_run (const Context        *ctx,
                      const ClabModeResult *mode_result,
                      const double         *v,
                      guint                 n)
{
  static const char *const cold = N_("The first %s run took %.1f times as long as the others: caches were probably cold; add warm-up runs.");
  double rest;

  if (n < 3)
    return;
  rest = clab_stats_median (v + 1, n - 1);
  if (!(v[0] > SLOW_FIRST_FACTOR * rest))
    return;
  add_warning (ctx, cold, NULL, 0, clab_mode_to_string (mode_result->mode), v[0] / rest);
}

static void
warn_about_failures (const Context        *ctx,
                     const ClabModeResult *mode_result)
{
  static const char *const failed[] =
    NP_("%u task failed in the %s mode; the task list shows why.",
        "%u tasks failed in the %s mode; the task list shows why.");
  guint failures = mode_result->stats.failures;

  if (failures == 0)
    return;
  add_warning (ctx, failed[0], failed[1], failures, failures,
               clab_mode_to_string (mode_result->mode));
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
  /* More workers than CPUs: only the CPUs' count can be 1. */
  static const char *const too_many[] =
    NP_("The plan uses %u workers on %u CPU: at most %u task can compute at the same time.",
        "The plan uses %u workers on %u CPUs: at most %u tasks can compute at the same time.");
  ClabPlan *plan = clab_result_get_plan (ctx->result);
  guint n_modes;
  const ClabMode *modes = clab_plan_get_modes (plan, &n_modes);
  gboolean parallel = FALSE;

  for (guint i = 0; i < n_modes; i++)
    parallel |= modes[i] != CLAB_MODE_SEQUENTIAL;
  if (!parallel || ctx->workers <= ctx->cpus)
    return;
  add_warning (ctx, too_many[0], too_many[1], ctx->cpus, ctx->workers, ctx->cpus, ctx->cpus);
}

static void
warn_about_cancel (const Context *ctx)
{
  static const char *const cancelled = N_("The comparison was cancelled: these results are partial.");

  if (clab_result_get_cancelled (ctx->result))
    add_warning (ctx, cancelled, NULL, 0);
}

/* Everything the numbers of @result warn about, in @ctx's two lists. */
static void
find_warnings (Context    *ctx,
               ClabResult *result)
{
  const ClabSystemInfo *system = clab_result_get_system (result);

  ctx->result = result;
  ctx->workers = clab_plan_get_workers (clab_result_get_plan (result));
  ctx->busy = clab_verdict_machine_was_busy (result);
  ctx->cpus = system != NULL && system->cpus > 0 ? system->cpus : g_get_num_processors ();
  ctx->found = g_ptr_array_new_with_free_func (g_free);
  ctx->original = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < clab_result_get_n_modes (result); i++)
    warn_about_mode (ctx, clab_result_get_mode (result, i));
  warn_about_workers (ctx);
  warn_about_cancel (ctx);
}

static void
context_clear (Context *ctx)
{
  g_clear_pointer (&ctx->found, g_ptr_array_unref);
  g_clear_pointer (&ctx->original, g_ptr_array_unref);
}

void
_clab_stats_add_warnings (ClabResult *result)
{
  Context ctx;

  find_warnings (&ctx, result);
  /* clab_result_add_warning() says each thing once, however often statistics are updated. */
  for (guint i = 0; i < ctx.found->len; i++)
    clab_result_add_warning (result, g_ptr_array_index (ctx.found, i));
  context_clear (&ctx);
}

static gboolean
contains (GPtrArray  *texts,
          const char *text)
{
  return g_ptr_array_find_with_equal_func (texts, text, g_str_equal, NULL);
}

GPtrArray *
clab_stats_dup_warnings (ClabResult *result)
{
  GPtrArray *shown = g_ptr_array_new_with_free_func (g_free);
  const GPtrArray *stored;
  Context ctx;

  g_return_val_if_fail (CLAB_IS_RESULT (result), shown);

  find_warnings (&ctx, result);
  for (guint i = 0; i < ctx.found->len; i++)
    if (!contains (shown, g_ptr_array_index (ctx.found, i)))
      g_ptr_array_add (shown, g_strdup (g_ptr_array_index (ctx.found, i)));
  /* A result file's own words stay only where they cannot be said again from its numbers:
   * another version's warnings, or the lab's in a third language (neither English nor the
   * reader's), which cannot be recognised. */
  stored = clab_result_get_warnings (result);
  for (guint i = 0; stored != NULL && i < stored->len; i++)
    {
      const char *warning = g_ptr_array_index (stored, i);

      if (!contains (ctx.found, warning) && !contains (ctx.original, warning)
          && !contains (shown, warning))
        g_ptr_array_add (shown, g_strdup (warning));
    }
  context_clear (&ctx);
  return shown;
}
