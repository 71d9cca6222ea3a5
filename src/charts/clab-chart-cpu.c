/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-chart-cpu-memory.h"
#include "clab-chart-series.h"
#include "clab-format.h"

/* The lowest panel whose percentages and lines still read, in units. */
#define MIN_PLOT 64.0

typedef struct
{
  ClabMode  mode;
  ClabRun  *run;        /* NULL when the mode has no such run */
  guint     index;      /* of @run among the mode's counted runs, G_MAXUINT if not counted */
  guint     n_counted;
} Panel;

typedef struct
{
  ClabChartAxis time;
  double        x0, x1;
  double        top;       /* of the first panel's header */
  double        header;    /* height of a panel's header line */
  double        plot;      /* height of a panel's plot */
  double        gap;       /* between panels */
  double        resolution;
  ClabChartMemoryAxis memory;
} Layout;

/* What a tooltip over a panel needs after the drawing is gone. */
typedef struct
{
  ClabResult    *result;   /* keeps @run alive */
  const ClabRun *run;
  ClabMode       mode;
  ClabChartAxis  time;
  gboolean       per_cpu;
  gboolean       memory;
} PanelHit;

static double
machine_value (const ClabRun *run,
               guint          i,
               gpointer       user_data)
{
  return clab_sample_machine_pct (&g_array_index (run->samples, ClabSample, i));
}

static double
machine_iowait_value (const ClabRun *run,
                      guint          i,
                      gpointer       user_data)
{
  const ClabSample *sample = &g_array_index (run->samples, ClabSample, i);

  return MIN (100.0, clab_sample_machine_pct (sample) + MAX (0.0, sample->iowait_pct));
}

static double
run_value (const ClabRun *run,
           guint          i,
           gpointer       user_data)
{
  return g_array_index (run->samples, ClabSample, i).run_pct;
}

static double
per_cpu_value (const ClabRun *run,
               guint          i,
               gpointer       user_data)
{
  guint cpu = GPOINTER_TO_UINT (user_data);
  guint index = i * run->n_cpus + cpu;

  if (run->per_cpu_pct == NULL || index >= run->per_cpu_pct->len)
    return NAN;
  return g_array_index (run->per_cpu_pct, double, index);
}

static guint
n_samples (const ClabRun *run)
{
  return run != NULL && run->samples != NULL ? run->samples->len : 0;
}

static double
sample_mean (const ClabRun      *run,
             ClabChartValueFunc  func)
{
  double sum = 0;
  guint n = n_samples (run);

  for (guint i = 0; i < n; i++)
    sum += func (run, i, NULL);
  return n > 0 ? sum / n : NAN;
}

static gboolean
has_iowait (const ClabRun *run)
{
  for (guint i = 0; i < n_samples (run); i++)
    if (g_array_index (run->samples, ClabSample, i).iowait_pct > 0.05)
      return TRUE;
  return FALSE;
}

static guint
collect_panels (ClabResult             *result,
                const ClabChartOptions *options,
                Panel                  *panels)
{
  ClabMode modes[CLAB_N_MODES];
  guint n = clab_chart_list_modes (result, modes);

  for (guint i = 0; i < n; i++)
    {
      panels[i].mode = modes[i];
      panels[i].run = clab_chart_pick_shown_run (result, modes[i], options->run, &panels[i].index,
                                                 &panels[i].n_counted);
    }
  return n;
}

static void
draw_legend (ClabChartContext          *ctx,
             const Panel               *panels,
             guint                      n,
             const ClabChartMemoryAxis *memory)
{
  ClabChartStyle *style = &ctx->style;
  ClabChartLegendItem items[5];
  guint n_items = 0;
  gboolean iowait = FALSE;

  for (guint i = 0; i < n; i++)
    iowait |= panels[i].run != NULL && has_iowait (panels[i].run);
  if (ctx->options->per_cpu)
    items[n_items++] = (ClabChartLegendItem) { CLAB_CHART_SWATCH_LINE, style->dim,
                                               /* xgettext:no-c-format */
                                               _("each CPU, % busy") };
  else
    items[n_items++] = (ClabChartLegendItem) { CLAB_CHART_SWATCH_LINE, style->dim,
                                               /* xgettext:no-c-format */
                                               _("whole machine, % of all CPUs busy") };
  items[n_items++] = (ClabChartLegendItem) { CLAB_CHART_SWATCH_AREA, style->dim,
                                             _("this run’s own processes") };
  n_items += clab_chart_memory_legend (ctx, memory, &items[n_items]);
  if (iowait)
    items[n_items++] = (ClabChartLegendItem) { CLAB_CHART_SWATCH_HATCHED, style->iowait,
                                               _("idle, waiting for IO (iowait)") };
  items[n_items++] = (ClabChartLegendItem) { CLAB_CHART_SWATCH_TICK, style->axis,
                                             _("a task starts or ends") };
  clab_chart_frame_legend (ctx, items, n_items);
}

/* The memory axis is shared by all panels; its range and labels need the panel's height. */
static void
init_memory_axis (ClabChartContext *ctx,
                  const Panel      *panels,
                  guint             n,
                  Layout           *layout)
{
  const ClabRun *runs[CLAB_N_MODES];

  for (guint i = 0; i < n; i++)
    runs[i] = panels[i].run;
  clab_chart_memory_axis_init (&layout->memory, ctx->options, runs, n, layout->plot,
                               ctx->style.unit);
}

static void
compute_layout (ClabChartContext *ctx,
                const Panel      *panels,
                guint             n,
                Layout           *layout)
{
  ClabChartStyle *style = &ctx->style;
  double u = style->unit, span = 0, dx = 1, dy = 0, label_width, right, bottom;

  layout->header = clab_chart_style_line_height (style, CLAB_CHART_FONT_LABEL) + 8 * u;
  layout->gap = 12 * u;
  layout->top = ctx->area.y;
  bottom = ctx->area.y + ctx->area.height - clab_chart_time_axis_height (ctx);
  layout->plot = MAX (1, (bottom - layout->top - n * layout->header - (n - 1) * layout->gap)
                         / MAX (n, 1));
  /* A window gives the chart this much, and scrolls: every panel keeps its 0–100 % scale. */
  clab_chart_need_height (ctx, clab_chart_time_axis_height (ctx)
                               + n * (layout->header + MIN_PLOT * u) + (n - 1) * layout->gap);
  init_memory_axis (ctx, panels, n, layout);

  for (guint i = 0; i < n; i++)
    span = MAX (span, clab_chart_run_span (panels[i].run));
  label_width = clab_chart_style_text_width (style, CLAB_CHART_FONT_TICK, "100%");
  right = MAX (clab_chart_style_text_width (style, CLAB_CHART_FONT_TICK, _("1 CPU")),
               clab_chart_memory_label_width (&layout->memory, style));
  layout->x0 = ctx->area.x + label_width + 8 * u;
  layout->x1 = ctx->area.x + ctx->area.width - right - 8 * u;
  clab_chart_axis_init_time (&layout->time, span);
  clab_chart_axis_set_range (&layout->time, 0, span,
                             MAX (1, (int) ((layout->x1 - layout->x0) / (90 * u))), FALSE);
  clab_chart_axis_set_pixels (&layout->time, layout->x0, layout->x1);
  cairo_user_to_device_distance (ctx->cr, &dx, &dy);
  layout->resolution = MAX (0.1, hypot (dx, dy));
}

static GArray *
collect_task_marks (const ClabRun *run,
                    const Layout  *layout)
{
  guint n_columns = (guint) ceil ((layout->x1 - layout->x0) * layout->resolution) + 1;
  g_autofree guint8 *marked = g_new0 (guint8, n_columns);
  GArray *marks = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; run->tasks != NULL && i < run->tasks->len; i++)
    {
      const ClabTask *task = &g_array_index (run->tasks, ClabTask, i);
      double times[2] = { task->start_s, task->end_s };

      if (task->status == CLAB_TASK_PENDING)
        continue;
      for (guint k = 0; k < 2; k++)
        {
          double x = clab_chart_axis_map (&layout->time, times[k]);
          gint64 column = (gint64) floor ((x - layout->x0) * layout->resolution);

          /* One mark per device pixel, however many tasks share it. */
          if (!isfinite (x) || column < 0 || column >= n_columns || marked[column])
            continue;
          marked[column] = 1;
          g_array_append_val (marks, x);
        }
    }
  return marks;
}

static void
draw_task_marks (ClabChartContext *ctx,
                 const ClabRun    *run,
                 const Layout     *layout,
                 double            y0,
                 double            y1)
{
  g_autoptr(GArray) marks = collect_task_marks (run, layout);
  double u = ctx->style.unit;
  /* A few marks may span the plot; many would grey it over, so they shrink to a rug. */
  double length = marks->len <= 48 ? y1 - y0 : MIN (y1 - y0, 6 * u);

  if (marks->len > 48)
    {
      for (guint i = 0; i < marks->len; i++)
        cairo_rectangle (ctx->cr, g_array_index (marks, double, i) - u / 2, y0, u, length);
      clab_chart_set_color_alpha (ctx->cr, &ctx->style.axis, 0.6);
      cairo_fill (ctx->cr);
      return;
    }
  for (guint i = 0; i < marks->len; i++)
    {
      double x = clab_chart_snap_line (ctx->cr, g_array_index (marks, double, i), u, FALSE);

      cairo_move_to (ctx->cr, x, y0);
      cairo_line_to (ctx->cr, x, y0 + length);
    }
  cairo_save (ctx->cr);
  cairo_set_dash (ctx->cr, (double[]) { 2 * u, 2 * u }, 2, 0);
  cairo_set_line_width (ctx->cr, u);
  clab_chart_set_color_alpha (ctx->cr, &ctx->style.axis, 0.7);
  cairo_stroke (ctx->cr);
  cairo_restore (ctx->cr);
}

static void
draw_line (ClabChartContext     *ctx,
           const ClabRun        *run,
           GArray               *columns,
           const ClabChartAxis  *y_axis,
           double                width,
           const ClabChartColor *color,
           double                alpha)
{
  clab_chart_set_color_alpha (ctx->cr, color, alpha);
  if (columns->len < n_samples (run))
    {
      clab_chart_path_envelope (ctx->cr, columns, y_axis, width);
      cairo_fill (ctx->cr);
      return;
    }
  clab_chart_path_line (ctx->cr, columns, y_axis);
  cairo_set_line_width (ctx->cr, width);
  cairo_stroke (ctx->cr);
}

static void
draw_machine (ClabChartContext     *ctx,
              const ClabRun        *run,
              const Layout         *layout,
              const ClabChartAxis  *y_axis,
              const ClabChartColor *color)
{
  g_autoptr(GArray) busy = clab_chart_decimate (run, machine_value, NULL, &layout->time,
                                                layout->resolution, TRUE);
  cairo_t *cr = ctx->cr;

  if (has_iowait (run))
    {
      g_autoptr(GArray) waiting = clab_chart_decimate (run, machine_iowait_value, NULL,
                                                       &layout->time, layout->resolution, TRUE);

      clab_chart_path_band (cr, busy, waiting, y_axis);
      clab_chart_fill_tinted_hatched (&ctx->style, cr, &ctx->style.iowait, 0.25,
                                      &ctx->style.iowait, 5 * ctx->style.unit);
    }
  if (!ctx->options->per_cpu)
    draw_line (ctx, run, busy, y_axis, 1.75 * ctx->style.unit, color, 1.0);
}

static void
draw_per_cpu (ClabChartContext     *ctx,
              const ClabRun        *run,
              const Layout         *layout,
              const ClabChartAxis  *y_axis,
              const ClabChartColor *color)
{
  for (guint cpu = 0; cpu < run->n_cpus; cpu++)
    {
      g_autoptr(GArray) values = clab_chart_decimate (run, per_cpu_value, GUINT_TO_POINTER (cpu),
                                                      &layout->time, layout->resolution, TRUE);

      draw_line (ctx, run, values, y_axis, ctx->style.unit, color, 0.6);
    }
}

/* Returns where the "1 CPU" label went, NAN if nowhere, so the memory axis can keep clear. */
static double
draw_cpu_lines (ClabChartContext    *ctx,
                const ClabRun       *run,
                const ClabChartAxis *y_axis,
                const Layout        *layout)
{
  ClabChartStyle *style = &ctx->style;
  double u = style->unit, y;

  /* On a machine of N CPUs, one busy CPU is 100/N %: mark it, so a serial run reads as such. */
  if (run->n_cpus < 2)
    return NAN;
  y = clab_chart_snap_line (ctx->cr, clab_chart_axis_map (y_axis, 100.0 / run->n_cpus), u, TRUE);
  if (clab_chart_axis_map (y_axis, 0) - y < 10 * u)
    return NAN;
  cairo_save (ctx->cr);
  cairo_set_dash (ctx->cr, (double[]) { 3 * u, 3 * u }, 2, 0);
  cairo_move_to (ctx->cr, layout->x0, y);
  cairo_line_to (ctx->cr, layout->x1, y);
  cairo_set_line_width (ctx->cr, u);
  clab_chart_set_color (ctx->cr, &style->axis);
  cairo_stroke (ctx->cr);
  cairo_restore (ctx->cr);
  clab_chart_draw_text (style, ctx->cr, CLAB_CHART_FONT_TICK, _("1 CPU"),
                        layout->x1 + 4 * u, y, 0.0, 0.5, &style->dim);
  return y;
}

/* The panel's heading, longest first: the run it shows, its time and how busy the CPUs were. */
static GStrv
dup_panel_headings (const Panel            *panel,
                    const ClabChartOptions *options)
{
  const ClabRun *run = panel->run;
  g_autofree char *elapsed = clab_chart_format_duration_precise (run->elapsed_s);
  g_autofree char *busy = NULL, *busy_short = NULL;
  const char *bodies[] = { elapsed, NULL, NULL, NULL };

  if (n_samples (run) > 0)
    {
      g_autofree char *machine = clab_format_percent (sample_mean (run, machine_value));
      g_autofree char *own = clab_format_percent (sample_mean (run, run_value));
      g_autofree char *mean = NULL, *mean_short = NULL;

      /* TRANSLATORS: mean percentage of the machine busy, mean percentage of this run:
       * "machine 60 % busy on average, this run 25 %" */
      mean = g_strdup_printf (_("machine %s busy on average, this run %s"), machine, own);
      /* TRANSLATORS: the same, shorter: "machine 60 %, this run 25 %" */
      mean_short = g_strdup_printf (_("machine %s, this run %s"), machine, own);
      busy = g_strdup_printf ("%s · %s", elapsed, mean);
      busy_short = g_strdup_printf ("%s · %s", elapsed, mean_short);
      bodies[0] = busy;
      bodies[1] = busy_short;
      bodies[2] = elapsed;
    }
  return clab_chart_dup_panel_headings (panel->mode, panel->index, panel->n_counted,
                                        options->run == 0, bodies);
}

/* Each CPU's share at sample @i, as the per-CPU lines draw it; many CPUs would not read. */
static void
append_per_cpu_tooltip (GString       *text,
                        const ClabRun *run,
                        guint          i)
{
  if (run->n_cpus > 16)
    return;
  for (guint cpu = 0; cpu < run->n_cpus; cpu++)
    {
      double pct = per_cpu_value (run, i, GUINT_TO_POINTER (cpu));
      g_autofree char *busy = NULL;

      if (!isfinite (pct))
        continue;
      busy = clab_format_percent (pct);
      /* TRANSLATORS: appended to a CPU chart tooltip: a CPU's number and how busy it was,
       * ", CPU 2 90 %" */
      g_string_append_printf (text, _(", CPU %u %s"), cpu + 1, busy);
    }
}

static char *
panel_tooltip_cb (double   x,
                  double   y,
                  gpointer user_data)
{
  PanelHit *hit = user_data;
  double t = clab_chart_axis_unmap (&hit->time, x);
  int i = clab_chart_nearest_sample (hit->run, t);
  const ClabSample *sample;
  g_autofree char *when = NULL;
  g_autofree char *machine = NULL, *own = NULL, *iowait = NULL;
  GString *text;

  if (i < 0)
    return NULL;
  sample = &g_array_index (hit->run->samples, ClabSample, i);
  when = clab_chart_format_duration (sample->t_s);
  machine = clab_format_percent (clab_sample_machine_pct (sample));
  own = clab_format_percent (sample->run_pct);
  iowait = clab_format_percent (sample->iowait_pct);
  text = g_string_new (NULL);
  /* TRANSLATORS: mode, time; then the percentage busy of the machine, of this run, and
   * iowait: "Threads at 1.20 s: machine 60 % busy, this run 25 %, iowait 0 %" */
  g_string_append_printf (text, _("%s at %s: machine %s busy, this run %s, iowait %s"),
                          clab_mode_label (hit->mode), when, machine, own, iowait);
  if (hit->per_cpu)
    append_per_cpu_tooltip (text, hit->run, i);
  if (hit->memory)
    clab_chart_memory_tooltip (text, sample);
  return g_string_free (text, FALSE);
}

static void
panel_hit_free (gpointer data)
{
  PanelHit *hit = data;

  g_clear_object (&hit->result);
  g_free (hit);
}

static void
add_panel_hit (ClabChartContext *ctx,
               const Panel      *panel,
               const Layout     *layout,
               double            y0)
{
  cairo_rectangle_t rect = { layout->x0, y0, layout->x1 - layout->x0, layout->plot };
  PanelHit *hit;

  if (ctx->hits == NULL)
    return;
  hit = g_new0 (PanelHit, 1);
  hit->result = g_object_ref (ctx->result);
  hit->run = panel->run;
  hit->mode = panel->mode;
  hit->time = layout->time;
  hit->per_cpu = ctx->options->per_cpu;
  hit->memory = layout->memory.shown;
  clab_chart_hits_add_func (ctx->hits, &rect, panel_tooltip_cb, hit, panel_hit_free);
}

static void
draw_panel_data (ClabChartContext    *ctx,
                 const Panel         *panel,
                 const Layout        *layout,
                 const ClabChartAxis *y_axis,
                 double               y0)
{
  cairo_t *cr = ctx->cr;
  ClabChartColor color;
  g_autoptr(GArray) own = NULL;

  clab_chart_style_mode_color (ctx->style.theme, panel->mode, &color);
  draw_task_marks (ctx, panel->run, layout, y0, y0 + layout->plot);
  own = clab_chart_decimate (panel->run, run_value, NULL, &layout->time, layout->resolution,
                             TRUE);
  clab_chart_path_area (cr, own, y_axis, 0);
  clab_chart_set_color_alpha (cr, &color, 0.35);
  cairo_fill (cr);
  draw_machine (ctx, panel->run, layout, y_axis, &color);
  if (ctx->options->per_cpu)
    draw_per_cpu (ctx, panel->run, layout, y_axis, &color);
  clab_chart_memory_draw_line (ctx, &layout->memory, panel->run, &layout->time,
                               layout->resolution);
  add_panel_hit (ctx, panel, layout, y0);
}

static void
draw_panel (ClabChartContext *ctx,
            const Panel      *panel,
            Layout           *layout,
            double            y)
{
  ClabChartStyle *style = &ctx->style;
  double y0 = y + layout->header, y1 = y0 + layout->plot;
  cairo_rectangle_t plot = { layout->x0, y0, layout->x1 - layout->x0, layout->plot };
  g_auto(GStrv) headings = NULL;
  g_autofree char *note = NULL;
  ClabChartAxis y_axis;
  double one_cpu;

  clab_chart_axis_init (&y_axis, "%", FALSE);
  clab_chart_axis_set_range (&y_axis, 0, 100, MAX (1, (int) (layout->plot / (26 * style->unit))),
                             FALSE);
  clab_chart_axis_set_pixels (&y_axis, y1, y0);
  clab_chart_axis_draw_y (&y_axis, style, ctx->cr, layout->x0, layout->x1);
  clab_chart_axis_draw_x_grid (&layout->time, style, ctx->cr, y0, y1);

  if (panel->run == NULL || n_samples (panel->run) == 0)
    {
      clab_chart_draw_panel_heading (ctx, panel->mode, NULL, layout->x0, y, 0);
      note = clab_chart_dup_panel_note (ctx->options, panel->run != NULL, panel->n_counted,
                                        _("No CPU samples: the run was shorter than the "
                                          "sample interval."));
      clab_chart_frame_note (ctx, &plot, note);
      return;
    }
  headings = dup_panel_headings (panel, ctx->options);
  clab_chart_draw_panel_heading (ctx, panel->mode, (const char *const *) headings, layout->x0, y,
                                 layout->x1 - layout->x0);
  clab_chart_memory_axis_place (&layout->memory, y1, y0);
  cairo_save (ctx->cr);
  cairo_rectangle (ctx->cr, plot.x, plot.y - 2 * style->unit, plot.width,
                   plot.height + 2 * style->unit);
  cairo_clip (ctx->cr);
  draw_panel_data (ctx, panel, layout, &y_axis, y0);
  cairo_restore (ctx->cr);
  one_cpu = draw_cpu_lines (ctx, panel->run, &y_axis, layout);
  clab_chart_memory_draw_axis (ctx, &layout->memory, layout->x1 + 4 * style->unit, one_cpu);
}

void
clab_chart_draw_cpu (ClabChartContext *ctx)
{
  Panel panels[CLAB_N_MODES];
  guint n = collect_panels (ctx->result, ctx->options, panels);
  Layout layout = { 0 };
  double y;

  if (n == 0 || clab_chart_result_is_empty (ctx->result))
    {
      clab_chart_frame_note (ctx, &ctx->area, _("No data: the result holds no runs."));
      return;
    }
  /* The legend's height depends on its items, and the memory axis's ticks on the panels'
   * height: a first look at the runs tells the legend whether there is a memory line. */
  init_memory_axis (ctx, panels, n, &layout);
  draw_legend (ctx, panels, n, &layout.memory);
  compute_layout (ctx, panels, n, &layout);
  y = layout.top;
  for (guint i = 0; i < n; i++)
    {
      draw_panel (ctx, &panels[i], &layout, y);
      y += layout.header + layout.plot + layout.gap;
    }
  clab_chart_draw_time_axis (ctx, &layout.time, y - layout.gap);
}

void
clab_chart_describe_cpu (ClabResult             *result,
                         const ClabChartOptions *options,
                         GString                *out)
{
  Panel panels[CLAB_N_MODES];
  guint n = collect_panels (result, options, panels);

  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) headings = NULL;

      if (panels[i].run == NULL)
        {
          g_string_append_printf (out, _("%s: no data"), clab_mode_label (panels[i].mode));
          g_string_append (out, ".\n");
          continue;
        }
      headings = dup_panel_headings (&panels[i], options);
      g_string_append_printf (out, "%s.\n", headings[0]);
      if (options->memory)
        clab_chart_memory_describe (panels[i].run, out);
    }
}
