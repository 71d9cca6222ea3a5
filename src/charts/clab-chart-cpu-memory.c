/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-chart-cpu-memory.h"
#include "clab-chart-series.h"
#include "clab-format.h"

gboolean
clab_chart_memory_has_samples (const ClabRun *run)
{
  for (guint i = 0; run != NULL && run->samples != NULL && i < run->samples->len; i++)
    if (g_array_index (run->samples, ClabSample, i).rss_kib > 0)
      return TRUE;
  return FALSE;
}

static double
peak_kib (const ClabRun *run)
{
  double peak = 0;

  for (guint i = 0; run != NULL && run->samples != NULL && i < run->samples->len; i++)
    peak = MAX (peak, g_array_index (run->samples, ClabSample, i).rss_kib);
  return peak;
}

void
clab_chart_memory_axis_init (ClabChartMemoryAxis    *memory,
                             const ClabChartOptions *options,
                             const ClabRun *const   *runs,
                             guint                   n_runs,
                             double                  plot_height,
                             double                  unit)
{
  double peak = 0;

  memset (memory, 0, sizeof *memory);
  if (!options->memory)
    return;
  for (guint i = 0; i < n_runs; i++)
    peak = MAX (peak, peak_kib (runs[i]));
  if (!(peak > 0) || !isfinite (peak))
    return;
  memory->shown = TRUE;
  /* Ticks step 1-2-5 in the unit the peak reads in, so that they read "20 MiB, 40 MiB". */
  memory->unit_kib = peak < 1024 ? 1 : peak < 1024.0 * 1024 ? 1024 : 1024.0 * 1024;
  clab_chart_axis_init (&memory->axis, NULL, FALSE);
  clab_chart_axis_set_range (&memory->axis, 0, peak / memory->unit_kib,
                             MAX (1, (int) (plot_height / (26 * unit))), TRUE);
}

static char *
format_tick (const ClabChartMemoryAxis *memory,
             double                     value)
{
  return clab_format_size_kib ((gint64) llround (value * memory->unit_kib));
}

double
clab_chart_memory_label_width (const ClabChartMemoryAxis *memory,
                               const ClabChartStyle      *style)
{
  double widest = 0;

  if (!memory->shown)
    return 0;
  for (double v = memory->axis.step; v <= memory->axis.max + memory->axis.step / 2;
       v += memory->axis.step)
    {
      g_autofree char *label = format_tick (memory, v);

      widest = MAX (widest, clab_chart_style_text_width (style, CLAB_CHART_FONT_TICK, label));
    }
  return widest;
}

void
clab_chart_memory_axis_place (ClabChartMemoryAxis *memory,
                              double               y_bottom,
                              double               y_top)
{
  clab_chart_axis_set_pixels (&memory->axis, y_bottom, y_top);
}

void
clab_chart_memory_draw_axis (ClabChartContext          *ctx,
                             const ClabChartMemoryAxis *memory,
                             double                    x,
                             double                    avoid_y)
{
  ClabChartStyle *style = &ctx->style;
  double line = clab_chart_style_line_height (style, CLAB_CHART_FONT_TICK);

  if (!memory->shown)
    return;
  /* No label at 0: the left axis's 0 % sits on the same line, and 0 bytes is no size. */
  for (double v = memory->axis.step; v <= memory->axis.max + memory->axis.step / 2;
       v += memory->axis.step)
    {
      double y = clab_chart_axis_map (&memory->axis, v);
      g_autofree char *label = NULL;

      if (isfinite (avoid_y) && fabs (y - avoid_y) < line)
        continue;
      label = format_tick (memory, v);
      clab_chart_draw_text (style, ctx->cr, CLAB_CHART_FONT_TICK, label, x, y, 0.0, 0.5,
                            &style->foreground);
    }
}

static double
rss_value (const ClabRun *run,
           guint          i,
           gpointer       user_data)
{
  const ClabChartMemoryAxis *memory = user_data;
  double kib = g_array_index (run->samples, ClabSample, i).rss_kib;

  /* A sample without a reading is a gap, not a drop to nothing. */
  return kib > 0 ? kib / memory->unit_kib : NAN;
}

void
clab_chart_memory_draw_line (ClabChartContext          *ctx,
                             const ClabChartMemoryAxis *memory,
                             const ClabRun             *run,
                             const ClabChartAxis       *time,
                             double                     resolution)
{
  g_autoptr(GArray) columns = NULL;
  double u = ctx->style.unit;

  if (!memory->shown || !clab_chart_memory_has_samples (run))
    return;
  columns = clab_chart_decimate (run, rss_value, (gpointer) memory, time, resolution, FALSE);
  cairo_save (ctx->cr);
  /* Dashed in the ink of the text, never a mode's colour: it cannot pass for a CPU line. */
  cairo_set_dash (ctx->cr, (double[]) { 4 * u, 4 * u }, 2, 0);
  cairo_set_line_width (ctx->cr, 2 * u);
  cairo_set_line_join (ctx->cr, CAIRO_LINE_JOIN_ROUND);
  clab_chart_path_line (ctx->cr, columns, &memory->axis);
  clab_chart_set_color_alpha (ctx->cr, &ctx->style.foreground, 0.85);
  cairo_stroke (ctx->cr);
  cairo_restore (ctx->cr);
}

guint
clab_chart_memory_legend (ClabChartContext          *ctx,
                          const ClabChartMemoryAxis *memory,
                          ClabChartLegendItem       *items)
{
  if (!memory->shown)
    return 0;
  items[0] = (ClabChartLegendItem) { CLAB_CHART_SWATCH_DASHED, ctx->style.foreground,
                                     /* TRANSLATORS: the CPU chart's line of the run's resident
                                      * memory, with its own axis at the right */
                                     _("Memory (RSS), right axis") };
  return 1;
}

void
clab_chart_memory_tooltip (GString          *text,
                           const ClabSample *sample)
{
  g_autofree char *size = NULL;

  if (!(sample->rss_kib > 0))
    return;
  size = clab_format_size_kib ((gint64) llround (sample->rss_kib));
  /* TRANSLATORS: appended to a CPU chart tooltip: the run's resident memory, "4.9 MiB" */
  g_string_append_printf (text, _(", memory %s"), size);
}

void
clab_chart_memory_describe (const ClabRun *run,
                            GString       *out)
{
  g_autofree char *size = NULL;
  double peak = peak_kib (run);

  if (!(peak > 0))
    return;
  size = clab_format_size_kib ((gint64) llround (peak));
  /* TRANSLATORS: the highest resident memory the CPU chart's memory line reaches, "4.9 MiB" */
  g_string_append_printf (out, _("Memory (RSS) up to %s."), size);
  g_string_append_c (out, '\n');
}
