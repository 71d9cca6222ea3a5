/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-chart.h"
#include "clab-chart-private.h"
#include "clab-chart-style.h"
#include "clab-format.h"
#include "clab-stats.h"

G_DEFINE_QUARK (clab-chart-error-quark, clab_chart_error)

static const char *type_names[CLAB_N_CHART_TYPES] = {
  "elapsed", "cpu", "timeline", "scaling",
};

static const char *theme_names[CLAB_N_CHART_THEMES] = {
  "light", "dark", "transparent",
};

static const char *format_names[CLAB_N_CHART_FORMATS] = {
  "png", "svg", "pdf",
};

static void (*const draw_funcs[CLAB_N_CHART_TYPES]) (ClabChartContext *ctx) = {
  clab_chart_draw_elapsed,
  clab_chart_draw_cpu,
  clab_chart_draw_timeline,
  clab_chart_draw_scaling,
};

static void (*const describe_funcs[CLAB_N_CHART_TYPES]) (ClabResult             *result,
                                                          const ClabChartOptions *options,
                                                          GString                *out) = {
  clab_chart_describe_elapsed,
  clab_chart_describe_cpu,
  clab_chart_describe_timeline,
  clab_chart_describe_scaling,
};

void
clab_chart_options_init (ClabChartOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->type = CLAB_CHART_ELAPSED;
  options->theme = CLAB_CHART_THEME_LIGHT;
}

const char *
clab_chart_type_to_string (ClabChartType type)
{
  g_return_val_if_fail (type < CLAB_N_CHART_TYPES, NULL);
  return type_names[type];
}

gboolean
clab_chart_type_from_string (const char     *str,
                             ClabChartType  *type,
                             GError        **error)
{
  guint i;

  if (!clab_lookup_name (type_names, CLAB_N_CHART_TYPES, str, TRUE, &i))
    {
      g_set_error (error, CLAB_CHART_ERROR, CLAB_CHART_ERROR_INVALID_TYPE,
                   _("Unknown chart type “%s”: use elapsed, cpu, timeline or scaling."),
                   str ? str : "");
      return FALSE;
    }
  *type = i;
  return TRUE;
}

const char *
clab_chart_type_label (ClabChartType type)
{
  switch (type)
    {
    case CLAB_CHART_ELAPSED:  return _("Elapsed time by mode");
    case CLAB_CHART_CPU:      return _("CPU utilization over time");
    case CLAB_CHART_TIMELINE: return _("Tasks on each worker over time");
    case CLAB_CHART_SCALING:  return _("Speedup against the number of workers");
    case CLAB_N_CHART_TYPES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
clab_chart_theme_to_string (ClabChartTheme theme)
{
  g_return_val_if_fail (theme < CLAB_N_CHART_THEMES, NULL);
  return theme_names[theme];
}

gboolean
clab_chart_theme_from_string (const char      *str,
                              ClabChartTheme  *theme,
                              GError         **error)
{
  guint i;

  if (!clab_lookup_name (theme_names, CLAB_N_CHART_THEMES, str, TRUE, &i))
    {
      g_set_error (error, CLAB_CHART_ERROR, CLAB_CHART_ERROR_INVALID_THEME,
                   _("Unknown chart theme “%s”: use light, dark or transparent."),
                   str ? str : "");
      return FALSE;
    }
  *theme = i;
  return TRUE;
}

const char *
clab_chart_format_to_string (ClabChartFormat format)
{
  g_return_val_if_fail (format < CLAB_N_CHART_FORMATS, NULL);
  return format_names[format];
}

gboolean
clab_chart_format_from_path (const char       *path,
                             ClabChartFormat  *format,
                             GError          **error)
{
  g_autofree char *base = path ? g_path_get_basename (path) : NULL;
  const char *dot = base ? strrchr (base, '.') : NULL;
  guint i;

  if (dot == NULL || !clab_lookup_name (format_names, CLAB_N_CHART_FORMATS, dot + 1, TRUE, &i))
    {
      g_set_error (error, CLAB_CHART_ERROR, CLAB_CHART_ERROR_INVALID_FORMAT,
                   _("Cannot tell the chart format of “%s”: "
                     "the file name must end in .png, .svg or .pdf."),
                   path ? path : "");
      return FALSE;
    }
  *format = i;
  return TRUE;
}

gboolean
clab_chart_check_size (int      width,
                       int      height,
                       GError **error)
{
  if (width < CLAB_CHART_MIN_SIZE || width > CLAB_CHART_MAX_SIZE
      || height < CLAB_CHART_MIN_SIZE || height > CLAB_CHART_MAX_SIZE)
    {
      g_set_error (error, CLAB_CHART_ERROR, CLAB_CHART_ERROR_INVALID_SIZE,
                   _("A chart of %d×%d pixels cannot be drawn: "
                     "width and height must be between %d and %d."),
                   width, height, CLAB_CHART_MIN_SIZE, CLAB_CHART_MAX_SIZE);
      return FALSE;
    }
  return TRUE;
}

gboolean
clab_chart_parse_size (const char  *str,
                       int         *width,
                       int         *height,
                       GError     **error)
{
  g_auto(GStrv) parts = NULL;
  guint64 w, h;

  if (str != NULL && strstr (str, "×") != NULL)
    parts = g_strsplit (str, "×", -1);
  else if (str != NULL)
    parts = g_strsplit_set (str, "xX", -1);
  if (parts == NULL || g_strv_length (parts) != 2
      || !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXINT, &w, NULL)
      || !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXINT, &h, NULL))
    {
      g_set_error (error, CLAB_CHART_ERROR, CLAB_CHART_ERROR_INVALID_SIZE,
                   _("Invalid chart size “%s”: "
                     "write it as WIDTHxHEIGHT, for example 1600x900."),
                   str ? str : "");
      return FALSE;
    }
  if (!clab_chart_check_size ((int) w, (int) h, error))
    return FALSE;
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

/* The first run measured at all, else the first: a cancelled run or a warm-up still shows
 * what happened. */
static ClabRun *
find_uncounted_run (ClabModeResult *mode_result)
{
  for (guint i = 0; i < mode_result->runs->len; i++)
    {
      ClabRun *run = g_ptr_array_index (mode_result->runs, i);

      if (!run->warmup)
        return run;
    }
  return g_ptr_array_index (mode_result->runs, 0);
}

ClabRun *
clab_chart_pick_shown_run (ClabResult *result,
                           ClabMode    mode,
                           guint       run,
                           guint      *index,
                           guint      *n_counted)
{
  ClabModeResult *mode_result = clab_result_find_mode (result, mode);
  g_autoptr(GPtrArray) counted = NULL;
  guint i;

  if (index != NULL)
    *index = G_MAXUINT;
  if (n_counted != NULL)
    *n_counted = 0;
  if (mode_result == NULL || mode_result->runs == NULL || mode_result->runs->len == 0)
    return NULL;
  /* Which runs count, and which stands for the mode, core decides. */
  counted = clab_stats_dup_counted_runs (result, mode_result);
  if (counted->len == 0)
    return run == 0 ? find_uncounted_run (mode_result) : NULL;
  i = run == 0 ? clab_stats_representative_run (result, mode_result) : run - 1;
  if (n_counted != NULL)
    *n_counted = counted->len;
  if (i >= counted->len)
    return NULL;
  if (index != NULL)
    *index = i;
  return g_ptr_array_index (counted, i);
}

ClabRun *
clab_chart_pick_run (ClabResult *result,
                     ClabMode    mode)
{
  return clab_chart_pick_shown_run (result, mode, 0, NULL, NULL);
}

char *
clab_chart_dup_run_phrase (guint    index,
                           guint    n_counted,
                           gboolean representative)
{
  if (n_counted < 2 || index >= n_counted)
    return NULL;
  if (representative)
    /* TRANSLATORS: which run a panel shows: the one closest to the median of them */
    return g_strdup_printf (_("run %u of %u (median)"), index + 1, n_counted);
  /* TRANSLATORS: which run a panel shows */
  return g_strdup_printf (_("run %u of %u"), index + 1, n_counted);
}

const char *
clab_chart_pick_fitting (const ClabChartStyle *style,
                         ClabChartFont         font,
                         const char *const    *candidates,
                         double                max_width)
{
  guint i;

  for (i = 0; candidates[i + 1] != NULL; i++)
    if (clab_chart_style_text_width (style, font, candidates[i]) <= max_width)
      break;
  return candidates[i];
}

guint
clab_chart_list_modes (ClabResult *result,
                       ClabMode   *modes)
{
  ClabPlan *plan = clab_result_get_plan (result);
  const ClabMode *planned = NULL;
  guint n_planned = 0, n = 0, n_results;
  gboolean seen[CLAB_N_MODES] = { FALSE };

  if (plan != NULL)
    planned = clab_plan_get_modes (plan, &n_planned);
  for (guint i = 0; i < n_planned; i++)
    {
      if (planned[i] < CLAB_N_MODES && !seen[planned[i]])
        {
          seen[planned[i]] = TRUE;
          modes[n++] = planned[i];
        }
    }
  n_results = clab_result_get_n_modes (result);
  for (guint i = 0; i < n_results; i++)
    {
      ClabMode mode = clab_result_get_mode (result, i)->mode;

      if (mode < CLAB_N_MODES && !seen[mode])
        {
          seen[mode] = TRUE;
          modes[n++] = mode;
        }
    }
  return n;
}

gboolean
clab_chart_result_is_empty (ClabResult *result)
{
  guint n = clab_result_get_n_modes (result);

  for (guint i = 0; i < n; i++)
    {
      ClabModeResult *mode_result = clab_result_get_mode (result, i);

      if (mode_result->runs != NULL && mode_result->runs->len > 0)
        return FALSE;
    }
  return TRUE;
}

double
clab_chart_run_span (const ClabRun *run)
{
  double span = 0;

  if (run == NULL)
    return 0;
  if (isfinite (run->elapsed_s))
    span = run->elapsed_s;
  if (run->samples != NULL && run->samples->len > 0)
    span = MAX (span, g_array_index (run->samples, ClabSample, run->samples->len - 1).t_s);
  for (guint i = 0; run->tasks != NULL && i < run->tasks->len; i++)
    {
      const ClabTask *task = &g_array_index (run->tasks, ClabTask, i);

      if (task->status != CLAB_TASK_PENDING && isfinite (task->end_s))
        span = MAX (span, task->end_s);
    }
  return span;
}

void
clab_chart_add_hit (ClabChartContext *ctx,
                    double            x,
                    double            y,
                    double            width,
                    double            height,
                    const char       *text)
{
  cairo_rectangle_t rect = { x, y, width, height };

  if (ctx->hits == NULL)
    return;
  clab_chart_hits_add_text (ctx->hits, &rect, text);
}

void
clab_chart_note_label (ClabChartContext *ctx,
                       double            x,
                       double            y,
                       double            width,
                       double            height,
                       const char       *text)
{
  cairo_rectangle_t rect = { x, y, width, height };

  if (ctx->hits != NULL)
    _clab_chart_hits_add_label (ctx->hits, &rect, text);
}

double
clab_chart_draw_label (ClabChartContext     *ctx,
                       ClabChartFont         font,
                       const char           *text,
                       double                x,
                       double                y,
                       double                ax,
                       double                ay,
                       const ClabChartColor *color)
{
  double h = clab_chart_style_line_height (&ctx->style, font);
  double w = clab_chart_draw_text (&ctx->style, ctx->cr, font, text, x, y, ax, ay, color);

  clab_chart_note_label (ctx, x - ax * w, y - ay * h, w, h, text);
  return w;
}

double
clab_chart_draw_label_upright (ClabChartContext     *ctx,
                               ClabChartFont         font,
                               const char           *text,
                               double                x,
                               double                y,
                               const ClabChartColor *color)
{
  double h = clab_chart_style_line_height (&ctx->style, font);
  double w;

  cairo_save (ctx->cr);
  cairo_translate (ctx->cr, x, y);
  cairo_rotate (ctx->cr, -G_PI / 2);
  w = clab_chart_draw_text (&ctx->style, ctx->cr, font, text, 0, 0, 0.0, 0.5, color);
  cairo_restore (ctx->cr);
  clab_chart_note_label (ctx, x - h / 2, y - w, h, w, text);
  return w;
}

void
clab_chart_need_height (ClabChartContext *ctx,
                        double            content_height)
{
  double margins = ctx->height - ctx->area.height;

  /* Past the largest chart a file may be, rows get thinner instead: a window could not
   * scroll that far either. */
  ctx->min_height = MIN (ceil (margins + content_height), CLAB_CHART_MAX_SIZE);
}

static double
render (cairo_t                *cr,
        double                  width,
        double                  height,
        ClabResult             *result,
        const ClabChartOptions *options,
        ClabChartHits          *hits)
{
  ClabChartContext ctx = { 0 };
  double unit = options->scale > 0 ? options->scale : clab_chart_style_auto_unit (width, height);

  /* A widget before its first allocation: nothing to draw into. */
  if (!(width >= 1 && height >= 1))
    return 0;
  ctx.cr = cr;
  ctx.width = width;
  ctx.height = height;
  ctx.result = result;
  ctx.plan = clab_result_get_plan (result);
  ctx.options = options;
  ctx.hits = hits;
  ctx.area = (cairo_rectangle_t) { 0, 0, width, height };
  clab_chart_style_init (&ctx.style, cr, options->theme, unit, options->font_family);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  clab_chart_frame_begin (&ctx);
  draw_funcs[options->type] (&ctx);
  cairo_restore (cr);

  clab_chart_style_clear (&ctx.style);
  return ctx.min_height;
}

void
clab_chart_render (cairo_t                *cr,
                   double                  width,
                   double                  height,
                   ClabResult             *result,
                   const ClabChartOptions *options)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (CLAB_IS_RESULT (result));
  g_return_if_fail (options != NULL && options->type < CLAB_N_CHART_TYPES);

  render (cr, width, height, result, options, NULL);
}

ClabChartHits *
clab_chart_render_with_hits (cairo_t                *cr,
                             double                  width,
                             double                  height,
                             ClabResult             *result,
                             const ClabChartOptions *options)
{
  g_autoptr(ClabChartHits) hits = clab_chart_hits_new ();

  g_return_val_if_fail (cr != NULL, NULL);
  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);
  g_return_val_if_fail (options != NULL && options->type < CLAB_N_CHART_TYPES, NULL);

  render (cr, width, height, result, options, hits);
  return g_steal_pointer (&hits);
}

char *
clab_chart_hit_test (ClabResult             *result,
                     const ClabChartOptions *options,
                     double                  width,
                     double                  height,
                     double                  x,
                     double                  y)
{
  g_autoptr(ClabChartHits) hits = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  /* The layout depends on text metrics, so it is drawn for real, onto a surface too small
   * to cost anything. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  hits = clab_chart_render_with_hits (cr, width, height, result, options);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return hits ? clab_chart_hits_lookup (hits, x, y) : NULL;
}

double
clab_chart_get_min_height (ClabResult             *result,
                           const ClabChartOptions *options,
                           double                  width)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double min_height;

  g_return_val_if_fail (CLAB_IS_RESULT (result), 0);
  g_return_val_if_fail (options != NULL && options->type < CLAB_N_CHART_TYPES, 0);

  /* Titles and legends wrap with the width alone, so any height measures them. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  min_height = render (cr, width, 1000, result, options, NULL);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return min_height;
}

char *
clab_chart_dup_title (ClabResult             *result,
                      const ClabChartOptions *options)
{
  ClabPlan *plan;
  g_autofree char *plan_title = NULL;
  const char *label;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);
  g_return_val_if_fail (options != NULL && options->type < CLAB_N_CHART_TYPES, NULL);

  label = options->type == CLAB_CHART_ELAPSED && options->cpu_time
          ? _("CPU time by mode") : clab_chart_type_label (options->type);
  plan = clab_result_get_plan (result);
  /* Text from a file: its control characters are shown, not obeyed. */
  plan_title = plan ? clab_format_escape_controls (clab_plan_get_shown_title (plan)) : NULL;
  if (plan_title == NULL || *plan_title == '\0')
    return g_strdup (label);
  /* TRANSLATORS: a chart title: the experiment, then what the chart shows */
  return g_strdup_printf (_("%s — %s"), plan_title, label);
}

char *
clab_chart_dup_description (ClabResult             *result,
                            const ClabChartOptions *options)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (CLAB_IS_RESULT (result), NULL);
  g_return_val_if_fail (options != NULL && options->type < CLAB_N_CHART_TYPES, NULL);

  subtitle = clab_chart_dup_subtitle (result);
  g_string_append_printf (out, "%s.\n", subtitle);
  if (clab_chart_result_is_empty (result))
    g_string_append (out, _("No data: the result holds no runs."));
  else
    describe_funcs[options->type] (result, options, out);
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
