/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clab-report-private.h"

#define CHART_WIDTH  960
#define CHART_HEIGHT 540

/* Small and self-contained: the file is mailed and attached, so it loads nothing. */
static const char stylesheet[] =
  "body{font-family:system-ui,-apple-system,\"Cantarell\",\"Segoe UI\",sans-serif;"
  "color:#1e1e1e;background:#fff;margin:0;line-height:1.4}"
  "main{max-width:68rem;margin:0 auto;padding:1.5rem}"
  "h1{font-size:1.6rem;margin:0 0 .5rem}"
  "h2{font-size:1.15rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #ddd}"
  ".verdict{font-weight:bold;padding:.5rem .75rem;border-radius:6px;background:#e6f4ea}"
  ".verdict.inconclusive{background:#fdf0dc}"
  ".note{color:#9c6e03}"
  "dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}"
  "dt{font-weight:bold}dd{margin:0;overflow-wrap:anywhere}"
  ".table{overflow-x:auto}"
  "table{border-collapse:collapse;font-size:.9rem}"
  "th,td{padding:.3rem .5rem;text-align:left;white-space:nowrap}"
  "th{border-bottom:2px solid #ccc}tbody tr:nth-child(even){background:#f4f4f4}"
  ".num{text-align:right;font-variant-numeric:tabular-nums}"
  "figure{margin:1rem 0}figure svg{display:block;max-width:100%;height:auto}"
  /* A narrow window keeps all eleven columns in view. */
  "@media (max-width:62rem){table{font-size:.72rem}th,td{padding:.25rem .3rem}}";

static void
append_escaped (GString    *html,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (html, escaped);
}

static void
append_element (GString    *html,
                const char *tag,
                const char *class,
                const char *text)
{
  if (class != NULL)
    g_string_append_printf (html, "<%s class=\"%s\">", tag, class);
  else
    g_string_append_printf (html, "<%s>", tag);
  append_escaped (html, text);
  g_string_append_printf (html, "</%s>\n", tag);
}

static void
append_fields (GString   *html,
               guint      section,
               GPtrArray *fields)
{
  append_element (html, "h2", NULL, _clab_report_heading (section));
  g_string_append (html, "<dl>\n");
  for (guint i = 0; i < fields->len; i++)
    {
      ClabReportField *field = g_ptr_array_index (fields, i);

      append_element (html, "dt", NULL, field->label);
      append_element (html, "dd", NULL, field->value);
    }
  g_string_append (html, "</dl>\n");
}

static void
append_row (GString           *html,
            ClabReportContent *content,
            char             **row,
            const char        *tag)
{
  g_string_append (html, "<tr>");
  for (guint c = 0; row[c] != NULL; c++)
    {
      gboolean right = c < content->n_columns && content->right_aligned[c];
      g_autofree char *escaped = g_markup_escape_text (row[c], -1);

      g_string_append_printf (html, "<%s%s>%s</%s>", tag, right ? " class=\"num\"" : "",
                              escaped, tag);
    }
  g_string_append (html, "</tr>\n");
}

static void
append_table (GString           *html,
              ClabReportContent *content)
{
  append_element (html, "h2", NULL, _clab_report_heading (CLAB_REPORT_SECTION_SUMMARY));
  if (content->table->len == 0)
    return;
  g_string_append (html, "<div class=\"table\"><table>\n<thead>\n");
  append_row (html, content, g_ptr_array_index (content->table, 0), "th");
  g_string_append (html, "</thead>\n<tbody>\n");
  for (guint r = 1; r < content->table->len; r++)
    append_row (html, content, g_ptr_array_index (content->table, r), "td");
  g_string_append (html, "</tbody>\n</table></div>\n");
}

static void
append_warnings (GString           *html,
                 ClabReportContent *content)
{
  if (content->warnings->len == 0)
    return;
  append_element (html, "h2", NULL, _clab_report_heading (CLAB_REPORT_SECTION_WARNINGS));
  g_string_append (html, "<ul>\n");
  for (guint i = 0; i < content->warnings->len; i++)
    append_element (html, "li", NULL, g_ptr_array_index (content->warnings, i));
  g_string_append (html, "</ul>\n");
}

/* Inline SVGs share the page's ids: cairo names its glyphs and clips alike in every chart,
 * so each chart's ids get a prefix of their own, or chart 2 would draw chart 1's glyphs. */
static char *
prefix_ids (const char *svg,
            guint       chart)
{
  g_autofree char *id = g_strdup_printf ("id=\"report%u-", chart);
  g_autofree char *href = g_strdup_printf ("href=\"#report%u-", chart);
  g_autofree char *url = g_strdup_printf ("url(#report%u-", chart);
  g_autoptr(GString) text = g_string_new (svg);

  g_string_replace (text, "id=\"", id, 0);
  g_string_replace (text, "href=\"#", href, 0);
  g_string_replace (text, "url(#", url, 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
append_chart (GString     *html,
              ClabResult  *result,
              guint        i,
              GError     **error)
{
  ClabChartOptions options;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *prefixed = NULL;
  const char *root;
  int height;

  _clab_report_chart_options (i, &options);
  height = MAX (CHART_HEIGHT, (int) clab_chart_get_min_height (result, &options, CHART_WIDTH));
  height = MIN (height, CLAB_CHART_MAX_SIZE);
  bytes = clab_chart_render_to_bytes (result, &options, CLAB_CHART_FORMAT_SVG, CHART_WIDTH,
                                      height, error);
  if (bytes == NULL)
    return FALSE;
  svg = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  /* Without the XML declaration, which has no place inside HTML. */
  root = strstr (svg, "<svg");
  if (root == NULL)
    {
      g_set_error_literal (error, CLAB_REPORT_ERROR, CLAB_REPORT_ERROR_FAILED,
                           _("A chart of the report could not be drawn."));
      return FALSE;
    }
  prefixed = prefix_ids (root, i);
  g_string_append_printf (html, "<figure>\n%s</figure>\n", prefixed);
  return TRUE;
}

GBytes *
_clab_report_render_html (ClabResult         *result,
                          ClabReportContent  *content,
                          GError            **error)
{
  g_autoptr(GString) html = g_string_new ("<!DOCTYPE html>\n");

  /* Translators: the language tag of the report's HTML, as BCP 47 spells it: "de", "pt-BR". */
  g_string_append_printf (html, "<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
                          C_("report language", "en"));
  g_string_append (html, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  g_string_append_printf (html, "<meta name=\"generator\" content=\"Concurrency Lab %s\">\n",
                          PACKAGE_VERSION);
  append_element (html, "title", NULL, content->title);
  g_string_append_printf (html, "<style>%s</style>\n</head>\n<body>\n<main>\n", stylesheet);
  append_element (html, "h1", NULL, content->title);
  append_element (html, "p", content->conclusive ? "verdict" : "verdict inconclusive",
                  content->verdict);
  if (content->note != NULL)
    append_element (html, "p", "note", content->note);
  append_fields (html, CLAB_REPORT_SECTION_MACHINE, content->machine);
  append_fields (html, CLAB_REPORT_SECTION_PLAN, content->plan);
  append_table (html, content);
  append_warnings (html, content);
  append_element (html, "h2", NULL, _clab_report_heading (CLAB_REPORT_SECTION_CHARTS));
  for (guint i = 0; i < CLAB_REPORT_N_CHARTS; i++)
    if (!append_chart (html, result, i, error))
      return NULL;
  g_string_append (html, "</main>\n</body>\n</html>\n");
  return g_string_free_to_bytes (g_steal_pointer (&html));
}
