/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "clab-cli-args.h"
#include "clab-cli-charts.h"
#include "clab-cli-commands.h"
#include "clab-cli-compare.h"
#include "clab-cli-table.h"
#include "clab-compare-text.h"
#include "clab-result-io.h"

/* Results measured where the work lives, brought home and put side by side. */

#define STYLE_TITLE  "1"
#define STYLE_FASTER "1;32"
#define STYLE_SLOWER "1;31"
#define STYLE_DIM    "2"
#define INDENT       "  "

#define COMPARE_SUMMARY N_( \
  "Puts results saved with --json side by side: this machine's and other machines',\n" \
  "before and after an upgrade. The first file is the reference: every other result's\n" \
  "mean time of each mode is set against it, with the uncertainty of the change.")

#define COMPARE_DESCRIPTION N_( \
  "Examples:\n" \
  "  concurrency-lab-cli compare laptop.json server.json\n" \
  "  concurrency-lab-cli compare before.json after.json --chart change.png \\\n" \
  "      --markdown change.md\n" \
  "  concurrency-lab-cli compare a.json b.json c.json --chart scaling.svg --chart-type scaling\n" \
  "\n" \
  "Exit status: 0 when the comparison was written, 1 when writing a file failed,\n" \
  "2 for bad input (fewer than two results, a file that is not a result).")

typedef struct
{
  char     **charts;
  char     **chart_types;
  char      *chart_size;
  char      *chart_theme;
  char      *markdown;
  gboolean   help;
} CompareArgs;

static void
compare_args_clear (CompareArgs *args)
{
  g_clear_pointer (&args->charts, g_strfreev);
  g_clear_pointer (&args->chart_types, g_strfreev);
  g_clear_pointer (&args->chart_size, g_free);
  g_clear_pointer (&args->chart_theme, g_free);
  g_clear_pointer (&args->markdown, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CompareArgs, compare_args_clear)

static GOptionContext *
new_context (CompareArgs *args)
{
  const GOptionEntry entries[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &args->help, N_("Show this help and exit"), NULL },
    { "markdown", 0, 0, G_OPTION_ARG_FILENAME, &args->markdown,
      N_("Save the comparison table as Markdown"), N_("FILE") },
    { "chart", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args->charts,
      N_("Export a chart to FILE.png, FILE.svg or FILE.pdf (repeatable)"), N_("FILE") },
    { "chart-type", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->chart_types,
      N_("elapsed or scaling, for the --chart in the same place"), N_("TYPE") },
    { "chart-size", 0, 0, G_OPTION_ARG_STRING, &args->chart_size,
      N_("Chart size in pixels (points for PDF), 64 to 8192 each (default 1600x900)"), N_("WxH") },
    { "chart-theme", 0, 0, G_OPTION_ARG_STRING, &args->chart_theme,
      N_("light, dark or transparent (default light)"), N_("THEME") },
    G_OPTION_ENTRY_NULL
  };
  GOptionContext *context = g_option_context_new (_("compare A.json B.json … — put results side by side"));

  g_option_context_set_summary (context, _(COMPARE_SUMMARY));
  g_option_context_set_description (context, _(COMPARE_DESCRIPTION));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

static gboolean
is_stdout (const char *path)
{
  return g_strcmp0 (path, CLAB_CLI_STDOUT_PATH) == 0;
}

static gboolean
writes_stdout (const char    *markdown,
               ClabCliCharts *charts)
{
  for (guint i = 0; i < clab_cli_charts_get_n_charts (charts); i++)
    if (is_stdout (clab_cli_charts_get_path (charts, i)))
      return TRUE;
  return is_stdout (markdown);
}

/* Only the elapsed and scaling charts compare; at most one output goes to standard output. */
static gboolean
check_outputs (const char     *markdown,
               ClabCliCharts  *charts,
               GError        **error)
{
  guint n_stdout = is_stdout (markdown);

  for (guint i = 0; i < clab_cli_charts_get_n_charts (charts); i++)
    {
      ClabChartType type = clab_cli_charts_get_type (charts, i);

      n_stdout += is_stdout (clab_cli_charts_get_path (charts, i));
      if (type != CLAB_CHART_ELAPSED && type != CLAB_CHART_SCALING)
        return clab_cli_bad_value (error, _("--chart-type %s: compare draws the elapsed or the "
                                            "scaling chart; the %s chart shows one result at a "
                                            "time (use render)."),
                                   clab_chart_type_to_string (type),
                                   clab_chart_type_to_string (type));
    }
  if (n_stdout > 1)
    return clab_cli_bad_value (error, _("Only one output can be written to standard output (“-”)."));
  return TRUE;
}

static GDateTime *
dup_modified (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL ? g_file_info_get_modification_date_time (info) : NULL;
}

/* A result file names no time of its own: the time it was last written stands in for it. */
static ClabCompare *
load_results (char   **paths,
              GError **error)
{
  g_autoptr(ClabCompare) compare = clab_compare_new ();

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(ClabResult) result = clab_result_load (paths[i], error);
      g_autoptr(GDateTime) when = NULL;
      g_autofree char *source = NULL;

      if (result == NULL)
        return NULL;
      when = dup_modified (paths[i]);
      source = g_path_get_basename (paths[i]);
      clab_compare_add (compare, result, source, when);
    }
  return g_steal_pointer (&compare);
}

static const char *
paint (gboolean    color,
       const char *style,
       const char *text,
       char      **owned)
{
  if (!color || style == NULL)
    return text;
  *owned = g_strdup_printf ("\033[%sm%s\033[0m", style, text);
  return *owned;
}

static void
append_results (GString     *out,
                ClabCompare *compare,
                gboolean     color)
{
  guint n = clab_compare_get_n_results (compare);
  g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Concurrency Lab: %u result compared",
                                                           "Concurrency Lab: %u results compared",
                                                           n), n);
  g_autofree char *owned = NULL;

  g_string_append_printf (out, "%s\n", paint (color, STYLE_TITLE, heading, &owned));
  for (guint i = 0; i < n; i++)
    {
      const char *when = clab_compare_get_when (compare, i);
      const char *source = clab_compare_get_source (compare, i);
      g_autofree char *label = NULL;

      g_clear_pointer (&owned, g_free);
      label = g_strdup_printf ("%u. %s%s", i + 1, clab_compare_get_label (compare, i),
                               i == 0 ? _(" (reference)") : "");
      g_string_append_printf (out, "%s%s\n", INDENT, paint (color, STYLE_TITLE, label, &owned));
      g_string_append_printf (out, _("%s   Machine  %s\n"), INDENT,
                              clab_compare_get_machine (compare, i));
      if (source != NULL || when != NULL)
        /* TRANSLATORS: a result file and when it was written */
        g_string_append_printf (out, _("%s   File     %s, %s\n"), INDENT,
                                source != NULL ? source : "-", when != NULL ? when : "-");
      g_string_append_printf (out, _("%s   Plan     %s%s\n"), INDENT,
                              clab_compare_get_plan_text (compare, i),
                              clab_compare_plans_match (compare, i) ? ""
                              : _(" — not the reference’s work"));
      g_string_append_printf (out, _("%s   Verdict  %s\n"), INDENT,
                              clab_compare_get_verdict (compare, i));
    }
  g_string_append_c (out, '\n');
}

static const char *
change_style (const ClabCompareChange *change)
{
  if (change->kind != CLAB_COMPARE_CHANGE_MEASURED)
    return STYLE_DIM;
  return change->direction < 0 ? STYLE_FASTER : change->direction > 0 ? STYLE_SLOWER : NULL;
}

static void
append_table (GString     *out,
              ClabCompare *compare,
              gboolean     color)
{
  g_autoptr(ClabCliTable) table = clab_cli_table_new ("llrrrl");
  ClabTimeUnit unit;

  clab_compare_pick_unit (compare, &unit);
  clab_cli_table_add_row (table);
  clab_cli_table_add_cell (table, NULL, _("Mode"));
  clab_cli_table_add_cell (table, NULL, _("Result"));
  clab_cli_table_add_cell (table, NULL, _("Runs"));
  clab_cli_table_add_cellf (table, NULL, _("Mean ± σ (%s)"), unit.name);
  clab_cli_table_add_cellf (table, NULL, _("Median (%s)"), unit.name);
  clab_cli_table_add_cellf (table, NULL, _("Change against %u"), 1);
  for (guint m = 0; m < clab_compare_get_n_modes (compare); m++)
    for (guint i = 0; i < clab_compare_get_n_results (compare); i++)
      {
        const ClabCompareCell *cell = clab_compare_get_cell (compare, i, m);
        g_autofree char *mean = clab_compare_dup_mean_text (cell, &unit);
        g_autofree char *median = clab_compare_dup_median_text (cell, &unit);
        g_autofree char *change = clab_compare_dup_change_text (&cell->change);

        clab_cli_table_add_row (table);
        clab_cli_table_add_cell (table, "1", i == 0 ? clab_mode_label (cell->mode) : "");
        clab_cli_table_add_cellf (table, NULL, "%u. %s", i + 1, clab_compare_get_label (compare, i));
        clab_cli_table_add_cellf (table, NULL, "%u", cell->has_mean ? cell->mode_result->stats.n_runs : 0);
        clab_cli_table_add_cell (table, NULL, mean);
        clab_cli_table_add_cell (table, NULL, median);
        clab_cli_table_add_cell (table, change_style (&cell->change), change);
      }
  clab_cli_table_print (table, out, INDENT, color);
  if (!clab_compare_all_plans_match (compare))
    g_string_append_printf (out, "\n%s%s\n", INDENT,
                            _("The plans differ: a change is shown only where a result did the "
                              "same work as the first."));
}

static void
print_comparison (ClabCompare *compare,
                  gboolean     to_stderr)
{
  int fd = to_stderr ? STDERR_FILENO : STDOUT_FILENO;
  gboolean color = isatty (fd) && g_getenv ("NO_COLOR") == NULL
                   && g_strcmp0 (g_getenv ("TERM"), "dumb") != 0;
  g_autoptr(GString) out = g_string_new (NULL);

  append_results (out, compare, color);
  append_table (out, compare, color);
  if (to_stderr)
    g_printerr ("%s", out->str);
  else
    g_print ("%s", out->str);
}

static gboolean
write_markdown (ClabCompare  *compare,
                const char   *path,
                GError      **error)
{
  g_autofree char *md = NULL;

  if (!is_stdout (path))
    return clab_compare_save_markdown (compare, path, error);
  md = clab_compare_to_markdown (compare);
  return clab_cli_write_stdout (md, strlen (md), error);
}

/* Writes every file asked for, even after one fails. */
static int
write_outputs (ClabCompare   *compare,
               const char    *markdown,
               ClabCliCharts *charts)
{
  g_autoptr(GError) error = NULL;
  int status = CLAB_CLI_EXIT_OK;

  if (markdown != NULL && !write_markdown (compare, markdown, &error))
    {
      status = clab_cli_fail (CLAB_CLI_EXIT_FAILURE, error);
      g_clear_error (&error);
    }
  if (!clab_cli_charts_write_compare (charts, compare, &error))
    status = clab_cli_fail (CLAB_CLI_EXIT_FAILURE, error);
  return status;
}

int
clab_cli_compare_main (int    argc,
                       char **argv)
{
  g_auto(CompareArgs) args = { 0 };
  g_autoptr(GOptionContext) context = new_context (&args);
  g_autoptr(ClabCliCharts) charts = NULL;
  g_autoptr(ClabCompare) compare = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_auto(GStrv) rest = g_new0 (char *, argc);

  g_return_val_if_fail (argc >= 2, CLAB_CLI_EXIT_USAGE);

  /* The program's name, then everything after the command word. */
  rest[0] = g_strdup (argv[0]);
  for (int i = 2; i < argc; i++)
    rest[i - 1] = g_strdup (argv[i]);
  if (!g_option_context_parse_strv (context, &rest, &parse_error))
    {
      clab_cli_bad_value (&error, _("%s (see --help)."), parse_error->message);
      return clab_cli_fail (CLAB_CLI_EXIT_USAGE, error);
    }
  if (args.help)
    {
      g_autofree char *help = g_option_context_get_help (context, FALSE, NULL);

      g_print ("%s", help);
      return CLAB_CLI_EXIT_OK;
    }
  if (g_strv_length (rest) < 3)
    {
      clab_cli_bad_value (&error, _("compare needs two or more result files, for example "
                                    "“compare laptop.json server.json”."));
      return clab_cli_fail (CLAB_CLI_EXIT_USAGE, error);
    }
  charts = clab_cli_charts_new (args.charts, args.chart_types, args.chart_size, args.chart_theme,
                                &error);
  if (charts == NULL || !check_outputs (args.markdown, charts, &error))
    return clab_cli_fail (CLAB_CLI_EXIT_USAGE, error);
  compare = load_results (rest + 1, &error);
  if (compare == NULL)
    return clab_cli_fail (CLAB_CLI_EXIT_USAGE, error);
  print_comparison (compare, writes_stdout (args.markdown, charts));
  return write_outputs (compare, args.markdown, charts);
}

void
clab_cli_compare_print (ClabCompare *compare,
                        gboolean     to_stderr)
{
  g_return_if_fail (CLAB_IS_COMPARE (compare));
  print_comparison (compare, to_stderr);
}
