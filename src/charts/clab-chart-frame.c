/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-chart-private.h"
#include "clab-format.h"
#include "clab-result-io.h"

static char *
dup_workload_phrase (ClabPlan *plan)
{
  guint n = clab_plan_get_tasks (plan);
  double size = clab_plan_get_size (plan);
  g_autofree char *command = NULL;
  g_autofree char *units = NULL;

  switch (clab_plan_get_workload (plan))
    {
    case CLAB_WORKLOAD_SLEEP:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u task sleeping %g s (like waiting for IO)",
                                           "%u tasks each sleeping %g s (like waiting for IO)", n),
                              n, size);
    case CLAB_WORKLOAD_CPU:
      /* The units are counted apart from the tasks: "1 task of 2 work units". */
      units = clab_workload_dup_size_text (CLAB_WORKLOAD_CPU, size);
      /* TRANSLATORS: "8 CPU-bound tasks of 200 work units" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u CPU-bound task of %s",
                                           "%u CPU-bound tasks of %s", n),
                              n, units);
    case CLAB_WORKLOAD_LOCK:
      units = clab_workload_dup_size_text (CLAB_WORKLOAD_LOCK, size);
      /* TRANSLATORS: "8 CPU-bound tasks of 200 work units holding one shared lock (…)" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u CPU-bound task of %s holding one shared "
                                           "lock (like Python’s GIL)",
                                           "%u CPU-bound tasks of %s holding one shared "
                                           "lock (like Python’s GIL)", n),
                              n, units);
    case CLAB_WORKLOAD_IO:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u task writing, syncing and reading %g MiB",
                                           "%u tasks each writing, syncing and reading %g MiB", n),
                              n, size);
    case CLAB_WORKLOAD_MEMORY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u task streaming over %g MiB of memory",
                                           "%u tasks each streaming over %g MiB of memory", n),
                              n, size);
    case CLAB_WORKLOAD_COMMAND:
    case CLAB_N_WORKLOADS:
    default:
      command = clab_format_escape_controls (clab_plan_get_command (plan));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u run of “%s”", "%u runs of “%s”",
                                           n),
                              n, command != NULL ? command : "");
    }
}

static char *
dup_runs_phrase (ClabPlan *plan)
{
  guint runs = clab_plan_get_runs (plan);
  guint warmup = clab_plan_get_warmup (plan);
  g_autofree char *counted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u run per mode",
                                                           "%u runs per mode", runs), runs);

  if (warmup == 0)
    return g_steal_pointer (&counted);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s after %u warm-up",
                                       "%s after %u warm-ups", warmup),
                          counted, warmup);
}

char *
clab_chart_dup_subtitle (ClabResult *result)
{
  ClabPlan *plan = clab_result_get_plan (result);
  const ClabSystemInfo *system = clab_result_get_system (result);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint workers;

  if (plan != NULL)
    {
      workers = clab_plan_get_workers (plan);
      g_ptr_array_add (parts, dup_workload_phrase (plan));
      /* Only the pools have workers; threads and processes start one per task. */
      if (clab_plan_has_pool (plan))
        g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u worker",
                                                              "%u workers", workers), workers));
      g_ptr_array_add (parts, dup_runs_phrase (plan));
    }
  /* Once, beside the plan: a chart of a Python run looks like a native one otherwise. */
  g_ptr_array_add (parts, clab_result_dup_runtime_label (result, TRUE));
  if (system != NULL && system->cpus > 0)
    {
      if (system->cpu_model != NULL && *system->cpu_model != '\0')
        g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u CPU (%s)",
                                                              "%u CPUs (%s)", system->cpus),
                                                 system->cpus, system->cpu_model));
      else
        g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u CPU",
                                                              "%u CPUs", system->cpus),
                                                 system->cpus));
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

double
clab_chart_frame_block (ClabChartContext     *ctx,
                        ClabChartFont         font,
                        const char           *text,
                        double                y,
                        int                   max_lines,
                        const ClabChartColor *color)
{
  g_autoptr(PangoLayout) layout = clab_chart_style_layout (&ctx->style, font, text);
  PangoRectangle logical;

  pango_layout_set_width (layout, MAX (1, ctx->area.width) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (max_lines > 0)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, -max_lines);
    }
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  clab_chart_set_color (ctx->cr, color);
  cairo_move_to (ctx->cr, ctx->area.x, y);
  pango_cairo_show_layout (ctx->cr, layout);
  cairo_new_path (ctx->cr);
  clab_chart_note_label (ctx, ctx->area.x, y, logical.width, logical.height, text);
  return logical.height;
}

void
clab_chart_frame_begin (ClabChartContext *ctx)
{
  ClabChartStyle *style = &ctx->style;
  double pad = clab_chart_style_px (style, 16);
  g_autofree char *title = clab_chart_dup_title (ctx->result, ctx->options);
  g_autofree char *subtitle = clab_chart_dup_subtitle (ctx->result);
  double y = pad * 0.75;

  if (style->has_background)
    {
      clab_chart_set_color (ctx->cr, &style->background);
      cairo_paint (ctx->cr);
    }
  ctx->area = (cairo_rectangle_t) { pad, pad, ctx->width - 2 * pad, ctx->height - 2 * pad };
  /* Three lines: a long preset title and a translated chart name do not fit a narrow
   * chart on one; only a title longer than any preset's is cut. */
  y += clab_chart_frame_block (ctx, CLAB_CHART_FONT_TITLE, title, y, 3, &style->foreground);
  y += clab_chart_style_px (style, 2);
  /* The subtitle whole, on as many lines as it takes: plan, runtime and machine are facts a
   * cut would hide (German at 800 pixels needs three). */
  if (*subtitle != '\0')
    y += clab_chart_frame_block (ctx, CLAB_CHART_FONT_SUBTITLE, subtitle, y, 0, &style->dim);
  y += clab_chart_style_px (style, 10);
  ctx->area.height -= y - ctx->area.y;
  ctx->area.y = y;
}

int
clab_chart_frame_caption (ClabChartContext *ctx,
                          const char       *text)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;
  double bottom = ctx->area.y + ctx->area.height;

  if (text == NULL || *text == '\0')
    return 0;
  /* Every line of it: a verdict or the results a chart shows less of, which an ellipsis
   * would hide on a narrow window. The plot gives up the height instead. */
  layout = clab_chart_style_layout (&ctx->style, CLAB_CHART_FONT_LABEL, text);
  pango_layout_set_width (layout, MAX (1, ctx->area.width) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  clab_chart_draw_layout (ctx->cr, layout, ctx->area.x, bottom, 0.0, 1.0, &ctx->style.foreground);
  clab_chart_note_label (ctx, ctx->area.x, bottom - logical.height, logical.width, logical.height,
                         text);
  ctx->area.height -= logical.height + clab_chart_style_px (&ctx->style, 8);
  return pango_layout_get_line_count (layout);
}

void
clab_chart_frame_axis_title (ClabChartContext *ctx,
                             const char       *text)
{
  double height;

  /* A row of its own above the plot: inside it, the title would cross the lines it names. */
  height = clab_chart_frame_block (ctx, CLAB_CHART_FONT_LABEL, text, ctx->area.y, 0,
                                   &ctx->style.dim);
  height += clab_chart_style_px (&ctx->style, 4);
  ctx->area.y += height;
  ctx->area.height -= height;
}

double
clab_chart_time_axis_height (ClabChartContext *ctx)
{
  return clab_chart_style_line_height (&ctx->style, CLAB_CHART_FONT_TICK)
         + clab_chart_style_line_height (&ctx->style, CLAB_CHART_FONT_LABEL)
         + clab_chart_style_px (&ctx->style, 10);
}

void
clab_chart_draw_time_axis (ClabChartContext    *ctx,
                           const ClabChartAxis *axis,
                           double               y)
{
  ClabChartStyle *style = &ctx->style;
  double line = clab_chart_style_px (style, 1);
  double ys = clab_chart_snap_line (ctx->cr, y, line, TRUE);

  cairo_move_to (ctx->cr, axis->pix_min, ys);
  cairo_line_to (ctx->cr, axis->pix_max, ys);
  cairo_set_line_width (ctx->cr, line);
  clab_chart_set_color (ctx->cr, &style->axis);
  cairo_stroke (ctx->cr);
  clab_chart_axis_draw_x (axis, style, ctx->cr, y, y);
  clab_chart_draw_text (style, ctx->cr, CLAB_CHART_FONT_LABEL, _("time since the run started"),
                        (axis->pix_min + axis->pix_max) / 2,
                        y + clab_chart_style_line_height (style, CLAB_CHART_FONT_TICK)
                        + clab_chart_style_px (style, 6),
                        0.5, 0.0, &style->dim);
}

static void
stroke_line (ClabChartContext     *ctx,
             const ClabChartColor *color,
             double                x0,
             double                y0,
             double                x1,
             double                y1,
             double                dash)
{
  cairo_t *cr = ctx->cr;

  cairo_save (cr);
  if (dash > 0)
    cairo_set_dash (cr, (double[]) { dash, dash }, 2, 0);
  cairo_set_line_width (cr, clab_chart_style_px (&ctx->style, 2));
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  clab_chart_set_color (cr, color);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_box_swatch (ClabChartContext     *ctx,
                 ClabChartSwatch       swatch,
                 const ClabChartColor *color,
                 double                x,
                 double                y,
                 double                w,
                 double                h)
{
  cairo_t *cr = ctx->cr;
  ClabChartColor tint;
  double u = ctx->style.unit;

  cairo_rectangle (cr, x, y, w, h);
  switch (swatch)
    {
    case CLAB_CHART_SWATCH_TINT:
      clab_chart_style_tint (&ctx->style, color, 0.55, &tint);
      clab_chart_set_color (cr, &tint);
      cairo_fill (cr);
      break;
    case CLAB_CHART_SWATCH_HATCHED:
      clab_chart_fill_tinted_hatched (&ctx->style, cr, color, 0.35, color, 4 * u);
      break;
    case CLAB_CHART_SWATCH_HOLLOW:
      cairo_new_path (cr);
      cairo_rectangle (cr, x + u / 2, y + u / 2, w - u, h - u);
      cairo_set_dash (cr, (double[]) { 2 * u, 2 * u }, 2, 0);
      cairo_set_line_width (cr, u);
      clab_chart_set_color (cr, color);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    case CLAB_CHART_SWATCH_AREA:
      clab_chart_set_color_alpha (cr, color, 0.35);
      cairo_fill (cr);
      break;
    case CLAB_CHART_SWATCH_SHARE:
      clab_chart_style_tint (&ctx->style, color, 0.55, &tint);
      clab_chart_set_color (cr, &tint);
      cairo_fill (cr);
      cairo_rectangle (cr, x, y + h * 0.5, w, h * 0.5);
      clab_chart_set_color (cr, color);
      cairo_fill (cr);
      break;
    default:
      clab_chart_set_color (cr, color);
      cairo_fill (cr);
      break;
    }
}

void
clab_chart_draw_swatch (ClabChartContext     *ctx,
                        ClabChartSwatch       swatch,
                        const ClabChartColor *color,
                        double                x,
                        double                y,
                        double                w,
                        double                h)
{
  double cx = x + w / 2, cy = y + h / 2, u = ctx->style.unit;

  switch (swatch)
    {
    case CLAB_CHART_SWATCH_LINE:
      stroke_line (ctx, color, x, cy, x + w, cy, 0);
      break;
    case CLAB_CHART_SWATCH_DASHED:
      stroke_line (ctx, color, x, cy, x + w, cy, 4 * u);
      break;
    case CLAB_CHART_SWATCH_DOTTED:
      stroke_line (ctx, color, x, cy, x + w, cy, 2 * u);
      break;
    case CLAB_CHART_SWATCH_MARKER:
      stroke_line (ctx, color, x, cy, x + w, cy, 0);
      cairo_arc (ctx->cr, cx, cy, 3.5 * u, 0, 2 * G_PI);
      clab_chart_set_color (ctx->cr, color);
      cairo_fill (ctx->cr);
      break;
    case CLAB_CHART_SWATCH_WHISKER:
      stroke_line (ctx, color, cx, y - u, cx, y + h + u, 0);
      stroke_line (ctx, color, cx - 4 * u, y - u, cx + 4 * u, y - u, 0);
      stroke_line (ctx, color, cx - 4 * u, y + h + u, cx + 4 * u, y + h + u, 0);
      break;
    case CLAB_CHART_SWATCH_TICK:
      stroke_line (ctx, color, cx, y - 2 * u, cx, y + h + 2 * u, 2 * u);
      break;
    case CLAB_CHART_SWATCH_AREA:
      draw_box_swatch (ctx, swatch, color, x, y, w, h);
      stroke_line (ctx, color, x, y, x + w, y, 0);
      break;
    case CLAB_CHART_SWATCH_BOX:
    case CLAB_CHART_SWATCH_TINT:
    case CLAB_CHART_SWATCH_SHARE:
    case CLAB_CHART_SWATCH_HATCHED:
    case CLAB_CHART_SWATCH_HOLLOW:
    default:
      draw_box_swatch (ctx, swatch, color, x, y, w, h);
      break;
    }
}

void
clab_chart_frame_legend (ClabChartContext          *ctx,
                         const ClabChartLegendItem *items,
                         guint                      n_items)
{
  ClabChartStyle *style = &ctx->style;
  double sw = clab_chart_style_px (style, 18), sh = clab_chart_style_px (style, 10);
  double gap = clab_chart_style_px (style, 6), spacing = clab_chart_style_px (style, 18);
  double row = clab_chart_style_line_height (style, CLAB_CHART_FONT_LABEL);
  double x = ctx->area.x, y = ctx->area.y;

  if (n_items == 0)
    return;
  for (guint i = 0; i < n_items; i++)
    {
      double tw = clab_chart_style_text_width (style, CLAB_CHART_FONT_LABEL, items[i].label);

      /* Wrap to a new row rather than run past the edge. */
      if (x > ctx->area.x && x + sw + gap + tw > ctx->area.x + ctx->area.width)
        {
          x = ctx->area.x;
          y += row + clab_chart_style_px (style, 2);
        }
      clab_chart_draw_swatch (ctx, items[i].swatch, &items[i].color, x, y + (row - sh) / 2,
                              sw, sh);
      clab_chart_draw_text (style, ctx->cr, CLAB_CHART_FONT_LABEL, items[i].label,
                            x + sw + gap, y + row / 2, 0.0, 0.5, &style->foreground);
      x += sw + gap + tw + spacing;
    }
  y += row + clab_chart_style_px (style, 10);
  ctx->area.height -= y - ctx->area.y;
  ctx->area.y = y;
}

void
clab_chart_frame_note (ClabChartContext        *ctx,
                       const cairo_rectangle_t *rect,
                       const char              *text)
{
  ClabChartStyle *style = &ctx->style;
  g_autoptr(PangoLayout) layout = clab_chart_style_layout (style, CLAB_CHART_FONT_LABEL_BOLD,
                                                           text);
  double u = style->unit;

  if (rect->width > 4 * u && rect->height > 4 * u)
    {
      cairo_save (ctx->cr);
      cairo_rectangle (ctx->cr, rect->x + u / 2, rect->y + u / 2, rect->width - u,
                       rect->height - u);
      cairo_set_dash (ctx->cr, (double[]) { 4 * u, 4 * u }, 2, 0);
      cairo_set_line_width (ctx->cr, u);
      clab_chart_set_color (ctx->cr, &style->grid);
      cairo_stroke (ctx->cr);
      cairo_restore (ctx->cr);
    }
  pango_layout_set_width (layout, MAX (1, rect->width - 16 * u) * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  clab_chart_draw_layout (ctx->cr, layout, rect->x + rect->width / 2,
                          rect->y + rect->height / 2, 0.5, 0.5, &style->dim);
}

GStrv
clab_chart_dup_panel_headings (ClabMode           mode,
                               guint              index,
                               guint              n_counted,
                               gboolean           representative,
                               const char *const *bodies)
{
  const char *label = clab_mode_label (mode);
  g_autofree char *which = clab_chart_dup_run_phrase (index, n_counted, representative);
  guint n = bodies != NULL ? g_strv_length ((GStrv) bodies) : 0;
  GPtrArray *headings = g_ptr_array_new ();

  /* Which run of many it is goes first when shortening, the mode's name last. */
  if (which != NULL && n > 0)
    g_ptr_array_add (headings, g_strdup_printf ("%s · %s · %s", label, which, bodies[0]));
  if (which != NULL && n > 1)
    g_ptr_array_add (headings, g_strdup_printf ("%s · %s · %s", label, which, bodies[n - 1]));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (headings, g_strdup_printf ("%s · %s", label, bodies[i]));
  g_ptr_array_add (headings, g_strdup (label));
  g_ptr_array_add (headings, NULL);
  return (GStrv) g_ptr_array_free (headings, FALSE);
}

char *
clab_chart_dup_panel_note (const ClabChartOptions *options,
                           gboolean                has_run,
                           guint                   n_counted,
                           const char             *empty)
{
  if (has_run)
    return g_strdup (empty);
  if (options->live)
    return g_strdup (_("Waiting for its turn."));
  if (options->run > 0 && n_counted > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "No run %u: this mode has %u counted run.",
                                         "No run %u: this mode has %u counted runs.",
                                         n_counted),
                            options->run, n_counted);
  return g_strdup (_("No data: this mode did not run."));
}

void
clab_chart_draw_panel_heading (ClabChartContext  *ctx,
                               ClabMode           mode,
                               const char *const *headings,
                               double             x,
                               double             y,
                               double             max_width)
{
  const char *text = headings != NULL
                     ? clab_chart_pick_fitting (&ctx->style, CLAB_CHART_FONT_LABEL_BOLD,
                                                headings, max_width)
                     : clab_mode_label (mode);

  clab_chart_draw_text (&ctx->style, ctx->cr, CLAB_CHART_FONT_LABEL_BOLD, text, x, y, 0.0, 0.0,
                        &ctx->style.foreground);
}
