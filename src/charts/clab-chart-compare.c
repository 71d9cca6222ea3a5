/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-chart-compare-private.h"
#include "clab-compare-text.h"
#include "clab-format.h"

/* Several results side by side: the frame, the colours and the exports; the charts are drawn
 * by clab-chart-compare-elapsed.c and clab-chart-compare-scaling.c. */

/* Okabe & Ito again, in an order that keeps neighbours apart; a colour is a result here,
 * not a mode, so the legend names each one. */
static const guint32 result_rgb[] = {
  0x0072b2,   /* blue */
  0xe69f00,   /* orange */
  0x009e73,   /* bluish green */
  0xcc79a7,   /* reddish purple */
  0xd55e00,   /* vermillion */
  0x56b4e9,   /* sky blue */
  0x8a8a8a,   /* grey */
  0xf0e442,   /* yellow */
};

guint32
clab_chart_compare_rgb (guint i)
{
  return result_rgb[i % G_N_ELEMENTS (result_rgb)];
}

void
_clab_chart_compare_color (guint           i,
                           ClabChartColor *color)
{
  guint32 rgb = clab_chart_compare_rgb (i);

  color->r = ((rgb >> 16) & 0xff) / 255.0;
  color->g = ((rgb >> 8) & 0xff) / 255.0;
  color->b = (rgb & 0xff) / 255.0;
  color->a = 1.0;
}

/* "host-a (reference)", "host-b (inconclusive)": every inconclusive result is marked, the
 * reference too, as the caption names them all. */
char *
_clab_chart_compare_dup_legend_label (ClabCompare *compare,
                                      guint        i)
{
  const char *label = clab_compare_get_label (compare, i);

  if (i == 0 && !clab_compare_is_conclusive (compare, i))
    /* TRANSLATORS: in a legend, the result the others are compared to, whose own verdict is
     * inconclusive */
    return g_strdup_printf (_("%s (reference, inconclusive)"), label);
  if (i == 0)
    /* TRANSLATORS: in a legend, the result the others are compared to */
    return g_strdup_printf (_("%s (reference)"), label);
  if (!clab_compare_is_conclusive (compare, i))
    /* TRANSLATORS: in a legend, a result whose own verdict is inconclusive */
    return g_strdup_printf (_("%s (inconclusive)"), label);
  return g_strdup (label);
}

/* The labels of the results that @keep, "a, b, c"; @count is how many. */
static char *
dup_labels (ClabCompare *compare,
            gboolean   (*keep) (ClabCompare *compare, guint i),
            guint       *count,
            guint       *last)
{
  g_autoptr(GString) text = g_string_new (NULL);

  *count = 0;
  for (guint i = 0; i < clab_compare_get_n_results (compare); i++)
    if (keep (compare, i))
      {
        /* TRANSLATORS: separates the names of results in a list */
        g_string_append (text, *count > 0 ? _(", ") : "");
        g_string_append (text, clab_compare_get_label (compare, i));
        *last = i;
        (*count)++;
      }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
plans_differ (ClabCompare *compare,
              guint        i)
{
  return !clab_compare_plans_match (compare, i);
}

static gboolean
inconclusive (ClabCompare *compare,
              guint        i)
{
  return !clab_compare_is_conclusive (compare, i);
}

/* Why some results show less than the others, under the chart: short, for two lines. */
char *
_clab_chart_compare_dup_caption (ClabCompare *compare,
                                 gboolean     changes)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint count, last = 0;
  g_autofree char *differ = dup_labels (compare, plans_differ, &count, &last);
  g_autofree char *unsure = NULL;

  if (count == 1 && changes)
    /* TRANSLATORS: under a comparison chart: "host-b ran other work (sleep 2 s × 2 tasks):
     * no change is shown for it." */
    g_string_append_printf (text, _("%s ran other work (%s): no change is shown for it."),
                            differ, clab_compare_get_plan_text (compare, last));
  else if (count > 1 && changes)
    /* TRANSLATORS: under a comparison chart: a list of results */
    g_string_append_printf (text, _("%s ran other work: no change is shown for them."), differ);
  else if (count == 1)
    /* TRANSLATORS: under a comparison chart: "host-b ran other work (sleep 2 s × 2 tasks)." */
    g_string_append_printf (text, _("%s ran other work (%s)."), differ,
                            clab_compare_get_plan_text (compare, last));
  else if (count > 1)
    /* TRANSLATORS: under a comparison chart: a list of results */
    g_string_append_printf (text, _("%s ran other work."), differ);
  unsure = dup_labels (compare, inconclusive, &count, &last);
  if (count > 0 && text->len > 0)
    g_string_append_c (text, ' ');
  if (count == 1)
    /* TRANSLATORS: a result's name, then its verdict */
    g_string_append_printf (text, _("%s: %s"), unsure, clab_compare_get_verdict (compare, last));
  else if (count > 1)
    /* TRANSLATORS: under a comparison chart: a list of results whose verdicts are inconclusive */
    g_string_append_printf (text, _("Inconclusive: %s could not rank their own modes."), unsure);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
type_label (const ClabChartOptions *options)
{
  return options->type == CLAB_CHART_SCALING
         ? _("Speedup against the number of workers, result by result")
         : _("Elapsed time by mode, result by result");
}

char *
clab_chart_dup_compare_title (ClabCompare            *compare,
                              const ClabChartOptions *options)
{
  ClabPlan *plan;
  g_autofree char *plan_title = NULL;

  g_return_val_if_fail (CLAB_IS_COMPARE (compare), NULL);
  g_return_val_if_fail (clab_compare_get_n_results (compare) > 0, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  plan = clab_result_get_plan (clab_compare_get_result (compare, 0));
  plan_title = clab_format_escape_controls (clab_plan_get_shown_title (plan));
  /* Another plan's title would name work that some results did not do. */
  if (plan_title == NULL || *plan_title == '\0' || !clab_compare_all_plans_match (compare))
    return g_strdup (type_label (options));
  /* TRANSLATORS: a chart title: the experiment, then what the chart shows */
  return g_strdup_printf (_("%s — %s"), plan_title, type_label (options));
}

static char *
dup_subtitle (ClabCompare *compare)
{
  guint n = clab_compare_get_n_results (compare);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u result",
                                                         "%u results", n), n);

  if (!clab_compare_all_plans_match (compare))
    /* TRANSLATORS: "3 results · cpu 50 units × 8 tasks against other plans" */
    return g_strdup_printf (_("%s · %s against other plans"), count,
                            clab_compare_get_plan_text (compare, 0));
  /* TRANSLATORS: "3 results · cpu 50 units × 8 tasks, pools of 4 workers" */
  return g_strdup_printf (_("%s · %s"), count, clab_compare_get_plan_text (compare, 0));
}

static void
begin_frame (CompareContext *cc)
{
  ClabChartContext *ctx = &cc->ctx;
  ClabChartStyle *style = &ctx->style;
  double pad = clab_chart_style_px (style, 16), y = pad * 0.75;
  g_autofree char *title = clab_chart_dup_compare_title (cc->compare, ctx->options);
  g_autofree char *subtitle = dup_subtitle (cc->compare);

  if (style->has_background)
    {
      clab_chart_set_color (ctx->cr, &style->background);
      cairo_paint (ctx->cr);
    }
  ctx->area = (cairo_rectangle_t) { pad, pad, ctx->width - 2 * pad, ctx->height - 2 * pad };
  /* The frame's own title and subtitle: wrapped, the subtitle never cut. */
  y += clab_chart_frame_block (ctx, CLAB_CHART_FONT_TITLE, title, y, 3, &style->foreground);
  y += clab_chart_style_px (style, 2);
  y += clab_chart_frame_block (ctx, CLAB_CHART_FONT_SUBTITLE, subtitle, y, 0, &style->dim);
  y += clab_chart_style_px (style, 10);
  ctx->area.height -= y - ctx->area.y;
  ctx->area.y = y;
}

/* Rendering and export */

static void
render (cairo_t                *cr,
        double                  width,
        double                  height,
        ClabCompare            *compare,
        const ClabChartOptions *options,
        ClabChartHits          *hits)
{
  CompareContext cc = { { 0 }, compare };
  ClabChartContext *ctx = &cc.ctx;
  double unit = options->scale > 0 ? options->scale : clab_chart_style_auto_unit (width, height);

  if (!(width >= 1 && height >= 1))
    return;
  ctx->cr = cr;
  ctx->width = width;
  ctx->height = height;
  ctx->result = clab_compare_get_result (compare, 0);
  ctx->plan = clab_result_get_plan (ctx->result);
  ctx->options = options;
  ctx->hits = hits;
  clab_chart_style_init (&ctx->style, cr, options->theme, unit, options->font_family);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  begin_frame (&cc);
  if (options->type == CLAB_CHART_SCALING)
    _clab_chart_compare_draw_scaling (&cc);
  else if (options->type == CLAB_CHART_ELAPSED)
    _clab_chart_compare_draw_elapsed (&cc);
  else
    clab_chart_frame_note (ctx, &ctx->area,
                           _("This chart shows one result at a time: compare results in the "
                             "Elapsed or the Scaling chart."));
  cairo_restore (cr);
  clab_chart_style_clear (&ctx->style);
}

void
clab_chart_render_compare (cairo_t                *cr,
                           double                  width,
                           double                  height,
                           ClabCompare            *compare,
                           const ClabChartOptions *options)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (CLAB_IS_COMPARE (compare) && clab_compare_get_n_results (compare) > 0);
  g_return_if_fail (options != NULL && options->type < CLAB_N_CHART_TYPES);

  render (cr, width, height, compare, options, NULL);
}

ClabChartHits *
clab_chart_render_compare_with_hits (cairo_t                *cr,
                                     double                  width,
                                     double                  height,
                                     ClabCompare            *compare,
                                     const ClabChartOptions *options)
{
  g_autoptr(ClabChartHits) hits = clab_chart_hits_new ();

  g_return_val_if_fail (cr != NULL, NULL);
  g_return_val_if_fail (CLAB_IS_COMPARE (compare) && clab_compare_get_n_results (compare) > 0,
                        NULL);
  g_return_val_if_fail (options != NULL && options->type < CLAB_N_CHART_TYPES, NULL);

  render (cr, width, height, compare, options, hits);
  return g_steal_pointer (&hits);
}

char *
clab_chart_dup_compare_description (ClabCompare            *compare,
                                    const ClabChartOptions *options)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (CLAB_IS_COMPARE (compare) && clab_compare_get_n_results (compare) > 0,
                        NULL);
  g_return_val_if_fail (options != NULL, NULL);

  subtitle = dup_subtitle (compare);
  g_string_append_printf (out, "%s.\n", subtitle);
  for (guint i = 0; i < clab_compare_get_n_results (compare); i++)
    {
      const char *when = clab_compare_get_when (compare, i);

      /* TRANSLATORS: a result of a comparison: its name, its machine, when it ran, verdict */
      g_string_append_printf (out, _("%s: %s, %s. %s\n"), clab_compare_get_label (compare, i),
                              clab_compare_get_machine (compare, i),
                              when != NULL ? when : _("time unknown"),
                              clab_compare_get_verdict (compare, i));
    }
  if (options->type == CLAB_CHART_SCALING)
    _clab_chart_compare_describe_scaling (compare, out);
  else
    _clab_chart_compare_describe_elapsed (compare, out);
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct
{
  ClabCompare            *compare;
  const ClabChartOptions *options;
} CompareChart;

static void
draw_compare_cb (cairo_t  *cr,
                 double    width,
                 double    height,
                 gpointer  user_data)
{
  CompareChart *chart = user_data;

  clab_chart_render_compare (cr, width, height, chart->compare, chart->options);
}

GBytes *
clab_chart_render_compare_to_bytes (ClabCompare             *compare,
                                    const ClabChartOptions  *options,
                                    ClabChartFormat          format,
                                    int                      width,
                                    int                      height,
                                    GError                 **error)
{
  CompareChart chart = { compare, options };
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (CLAB_IS_COMPARE (compare) && clab_compare_get_n_results (compare) > 0,
                        NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (format != CLAB_CHART_FORMAT_PNG)
    {
      title = clab_chart_dup_compare_title (compare, options);
      description = clab_chart_dup_compare_description (compare, options);
    }
  return clab_chart_draw_to_bytes (draw_compare_cb, &chart, title, description, format, width,
                                   height, error);
}

gboolean
clab_chart_export_compare (ClabCompare             *compare,
                           const ClabChartOptions  *options,
                           const char              *path,
                           int                      width,
                           int                      height,
                           GError                 **error)
{
  g_autoptr(GBytes) bytes = NULL;
  ClabChartFormat format;

  g_return_val_if_fail (CLAB_IS_COMPARE (compare), FALSE);
  g_return_val_if_fail (options != NULL && path != NULL, FALSE);

  if (!clab_chart_format_from_path (path, &format, error))
    return FALSE;
  bytes = clab_chart_render_compare_to_bytes (compare, options, format, width, height, error);
  return bytes != NULL && clab_chart_write_file (path, bytes, error);
}
