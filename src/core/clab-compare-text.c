/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "clab-atomic-file.h"
#include "clab-compare-text.h"

/* What a comparison shows, in one place for the command line, Markdown, charts and the window. */

void
clab_compare_pick_unit (ClabCompare  *self,
                        ClabTimeUnit *unit)
{
  double largest = 0, smallest = INFINITY;

  g_return_if_fail (CLAB_IS_COMPARE (self));

  for (guint i = 0; i < clab_compare_get_n_results (self); i++)
    for (guint m = 0; m < clab_compare_get_n_modes (self); m++)
      {
        const ClabCompareCell *cell = clab_compare_get_cell (self, i, m);

        if (!cell->has_mean)
          continue;
        largest = MAX (largest, cell->mode_result->stats.mean_s);
        smallest = MIN (smallest, cell->mode_result->stats.mean_s);
      }
  clab_format_pick_unit (largest, smallest, unit);
}

char *
clab_compare_dup_mean_text (const ClabCompareCell *cell,
                            const ClabTimeUnit    *unit)
{
  const ClabStats *stats;
  g_autofree char *mean = NULL, *sd = NULL;

  g_return_val_if_fail (cell != NULL && unit != NULL, NULL);

  if (!cell->has_mean)
    return g_strdup (CLAB_FORMAT_NONE);
  stats = &cell->mode_result->stats;
  mean = clab_format_in_unit (unit, stats->mean_s);
  /* One run has no spread to show. */
  if (stats->n_runs < 2)
    return g_steal_pointer (&mean);
  sd = clab_format_in_unit (unit, stats->stddev_s);
  return g_strdup_printf ("%s ± %s", mean, sd);
}

char *
clab_compare_dup_median_text (const ClabCompareCell *cell,
                              const ClabTimeUnit    *unit)
{
  g_return_val_if_fail (cell != NULL && unit != NULL, NULL);

  if (!cell->has_mean)
    return g_strdup (CLAB_FORMAT_NONE);
  return clab_format_in_unit (unit, cell->mode_result->stats.median_s);
}

static char *
dup_percent_change (const ClabCompareChange *change)
{
  g_autofree char *number = clab_format_percent_change_err ((change->ratio - 1) * 100,
                                                            change->error * 100);
  const char *word = change->direction < 0 ? _("faster")
                     : change->direction > 0 ? _("slower") : _("no clear change");

  /* TRANSLATORS: a change of time, "−48.2 ± 1.0 %", then "faster", "slower" or
   * "no clear change": "−48.2 ± 1.0 % (faster)" */
  return g_strdup_printf (C_("change", "%s (%s)"), number, word);
}

static char *
dup_percent_change_short (const ClabCompareChange *change)
{
  g_autofree char *number = clab_format_percent_change_short ((change->ratio - 1) * 100);

  if (change->direction != 0)
    return g_steal_pointer (&number);
  /* TRANSLATORS: a change of time over a bar that is within the noise, "≈ +0.4 %";
   * keep it short */
  return g_strdup_printf (_("≈ %s"), number);
}

char *
clab_compare_dup_change_text (const ClabCompareChange *change)
{
  g_return_val_if_fail (change != NULL, NULL);

  switch (change->kind)
    {
    case CLAB_COMPARE_CHANGE_REFERENCE:
      return g_strdup (_("reference"));
    case CLAB_COMPARE_CHANGE_PLANS_DIFFER:
      return g_strdup (_("plans differ"));
    case CLAB_COMPARE_CHANGE_FAILED:
      return g_strdup (_("failed tasks"));
    case CLAB_COMPARE_CHANGE_MEASURED:
      return dup_percent_change (change);
    case CLAB_COMPARE_CHANGE_MISSING:
    default:
      return g_strdup (CLAB_FORMAT_NONE);
    }
}

char *
clab_compare_dup_change_short (const ClabCompareChange *change)
{
  g_return_val_if_fail (change != NULL, NULL);

  switch (change->kind)
    {
    case CLAB_COMPARE_CHANGE_REFERENCE:
      /* TRANSLATORS: over the bar of the result the others are compared to; keep it short */
      return g_strdup (_("reference"));
    case CLAB_COMPARE_CHANGE_PLANS_DIFFER:
      /* TRANSLATORS: over the bar of a result whose plan differs; keep it short */
      return g_strdup (_("other plan"));
    case CLAB_COMPARE_CHANGE_FAILED:
      /* TRANSLATORS: over the bar of a mode with failed tasks; keep it short */
      return g_strdup (_("failed"));
    case CLAB_COMPARE_CHANGE_MEASURED:
      return dup_percent_change_short (change);
    case CLAB_COMPARE_CHANGE_MISSING:
    default:
      return NULL;
    }
}

/* Markdown */

/* A cell of a Markdown table: a "|" from a host name must not start another cell. */
static void
append_md_cell (GString    *md,
                const char *text)
{
  g_string_append (md, " ");
  for (const char *p = text != NULL ? text : CLAB_FORMAT_NONE; *p != '\0'; p++)
    {
      if (*p == '|')
        g_string_append_c (md, '\\');
      g_string_append_c (md, *p == '\n' ? ' ' : *p);
    }
  g_string_append (md, " |");
}

static void
append_md_results (GString     *md,
                   ClabCompare *self)
{
  /* The file each result came from, as the command line's own table names it: a label
   * names it only when the host and time alone do not tell the results apart. */
  g_string_append_printf (md, "| # | %s | %s | %s | %s | %s | %s |\n", _("Result"), _("File"),
                          _("Machine"), _("Ran"), _("Plan"), _("Verdict"));
  g_string_append (md, "|---:|:---|:---|:---|:---|:---|:---|\n");
  for (guint i = 0; i < clab_compare_get_n_results (self); i++)
    {
      const char *plan_text = clab_compare_get_plan_text (self, i);
      g_autofree char *plan = NULL;

      if (!clab_compare_plans_match (self, i))
        /* TRANSLATORS: a plan that is not the reference's,
         * "Computation, 50 work units × 8 tasks (differs)" */
        plan = g_strdup_printf (_("%s (differs)"), plan_text);
      g_string_append_printf (md, "| %u |", i + 1);
      append_md_cell (md, clab_compare_get_label (self, i));
      append_md_cell (md, clab_compare_get_source (self, i));
      append_md_cell (md, clab_compare_get_machine (self, i));
      append_md_cell (md, clab_compare_get_when (self, i));
      append_md_cell (md, plan != NULL ? plan : plan_text);
      append_md_cell (md, clab_compare_get_verdict (self, i));
      g_string_append_c (md, '\n');
    }
  g_string_append_c (md, '\n');
}

static void
append_md_modes (GString     *md,
                 ClabCompare *self)
{
  ClabTimeUnit unit;

  clab_compare_pick_unit (self, &unit);
  g_string_append_printf (md, "| %s | %s | %s | ", _("Mode"), _("Result"), _("Runs"));
  g_string_append_printf (md, _("Mean ± σ [%s]"), unit.name);
  g_string_append (md, " | ");
  g_string_append_printf (md, _("Median [%s]"), unit.name);
  g_string_append (md, " | ");
  g_string_append_printf (md, _("Change against %s"), clab_compare_get_label (self, 0));
  g_string_append (md, " |\n|:---|:---|---:|---:|---:|:---|\n");
  for (guint m = 0; m < clab_compare_get_n_modes (self); m++)
    for (guint i = 0; i < clab_compare_get_n_results (self); i++)
      {
        const ClabCompareCell *cell = clab_compare_get_cell (self, i, m);
        g_autofree char *mean = clab_compare_dup_mean_text (cell, &unit);
        g_autofree char *median = clab_compare_dup_median_text (cell, &unit);
        g_autofree char *change = clab_compare_dup_change_text (&cell->change);

        g_string_append_printf (md, "| `%s` |", clab_mode_to_string (cell->mode));
        append_md_cell (md, clab_compare_get_label (self, i));
        g_string_append_printf (md, " %u | %s | %s |", cell->has_mean
                                ? cell->mode_result->stats.n_runs : 0, mean, median);
        append_md_cell (md, change);
        g_string_append_c (md, '\n');
      }
  g_string_append_c (md, '\n');
}

char *
clab_compare_to_markdown (ClabCompare *self)
{
  GString *md;
  guint n;

  g_return_val_if_fail (CLAB_IS_COMPARE (self), NULL);
  n = clab_compare_get_n_results (self);
  g_return_val_if_fail (n > 0, NULL);

  md = g_string_new (NULL);
  g_string_append_printf (md, g_dngettext (GETTEXT_PACKAGE, "# Concurrency Lab: %u result compared",
                                           "# Concurrency Lab: %u results compared",
                                           n), n);
  g_string_append (md, "\n\n");
  append_md_results (md, self);
  if (!clab_compare_all_plans_match (self))
    g_string_append_printf (md, "%s\n\n",
                            _("**The plans differ**: a change is shown only where a result "
                              "did the same work as the first."));
  g_string_append_printf (md, "%s\n\n",
                          _("Elapsed time of each mode; the change is the mean against the "
                            "first result’s, ± one σ of their ratio."));
  append_md_modes (md, self);
  return g_string_free (md, FALSE);
}

gboolean
clab_compare_save_markdown (ClabCompare  *self,
                            const char   *path,
                            GError      **error)
{
  g_autofree char *md = NULL;

  g_return_val_if_fail (CLAB_IS_COMPARE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  md = clab_compare_to_markdown (self);
  return clab_atomic_file_replace (path, md, strlen (md), error);
}
