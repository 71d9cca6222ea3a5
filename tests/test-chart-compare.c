/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "clab-chart-compare-private.h"
#include "result-fixture.h"

/* The comparison charts' legend and caption: every inconclusive result is marked, the
 * reference too; a long caption wraps rather than losing its end. */

static ClabCompare *
make_compare (gboolean first_conclusive,
              gboolean second_conclusive)
{
  ClabCompare *compare = clab_compare_new ();
  g_autoptr(ClabResult) a = make_result ();
  g_autoptr(ClabResult) b = make_result ();

  clab_result_set_recorded_verdict (a, first_conclusive, first_conclusive ? NULL : "a busy machine");
  clab_result_set_recorded_verdict (b, second_conclusive, second_conclusive ? NULL : "a busy machine");
  clab_compare_add (compare, a, "a.json", NULL);
  clab_compare_add (compare, b, "b.json", NULL);
  return compare;
}

static void
test_legend_marks_every_inconclusive (void)
{
  g_autoptr(ClabCompare) both = make_compare (FALSE, FALSE);
  g_autoptr(ClabCompare) second = make_compare (TRUE, FALSE);
  g_autofree char *caption = _clab_chart_compare_dup_caption (both, TRUE);

  /* The caption names both ... */
  g_assert_nonnull (strstr (caption, "Inconclusive"));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *label = _clab_chart_compare_dup_legend_label (both, i);

      /* ... and the legend marks both alike. */
      g_assert_nonnull (strstr (label, "inconclusive"));
      g_assert_nonnull (strstr (caption, clab_compare_get_label (both, i)));
    }
  {
    g_autofree char *reference = _clab_chart_compare_dup_legend_label (both, 0);
    g_autofree char *plain = _clab_chart_compare_dup_legend_label (second, 0);
    g_autofree char *marked = _clab_chart_compare_dup_legend_label (second, 1);

    g_assert_nonnull (strstr (reference, "reference"));
    g_assert_null (strstr (plain, "inconclusive"));
    g_assert_nonnull (strstr (plain, "reference"));
    g_assert_nonnull (strstr (marked, "inconclusive"));
  }
}

/* A caption of several sentences in a narrow chart: all of its lines are drawn. */
static void
test_caption_wraps (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 400);
  cairo_t *cr = cairo_create (surface);
  ClabChartContext ctx = { 0 };
  const char *text = "host-a, host-b and host-c ran other work: no change is shown for them. "
                     "Inconclusive: host-a, host-b, host-c could not rank their own modes.";
  double height;
  int lines;

  ctx.cr = cr;
  ctx.width = 300;
  ctx.height = 400;
  clab_chart_style_init (&ctx.style, cr, CLAB_CHART_THEME_LIGHT, 1.0, NULL);
  ctx.area = (cairo_rectangle_t) { 10, 10, 280, 380 };
  lines = clab_chart_frame_caption (&ctx, text);
  height = 380 - ctx.area.height;
  /* More than the two lines a chart's caption used to be cut to, each of them given room. */
  g_assert_cmpint (lines, >, 2);
  g_assert_cmpfloat (height, >=, lines * clab_chart_style_line_height (&ctx.style,
                                                                       CLAB_CHART_FONT_LABEL));
  g_assert_cmpint (clab_chart_frame_caption (&ctx, ""), ==, 0);
  clab_chart_style_clear (&ctx.style);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chart-compare/legend-marks-every-inconclusive",
                   test_legend_marks_every_inconclusive);
  g_test_add_func ("/chart-compare/caption-wraps", test_caption_wraps);
  return g_test_run ();
}
