/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clab-chart.h"
#include "clab-cli-charts.h"
#include "clab-cli-commands.h"

#define DEFAULT_SIZE "1600x900"

typedef struct
{
  char            *path;
  ClabChartType    type;
  ClabChartFormat  format;
} Chart;

struct _ClabCliCharts
{
  GArray         *charts;   /* of Chart */
  ClabChartTheme  theme;
  gboolean        cpu_time;
  gboolean        per_core;
  gboolean        memory;
  int             width;
  int             height;
};

static void
chart_clear (gpointer data)
{
  Chart *chart = data;

  g_free (chart->path);
}

void
clab_cli_charts_free (ClabCliCharts *self)
{
  g_array_unref (self->charts);
  g_free (self);
}

/* The chart library's messages name the value; this says which option held it. */
static gboolean
prefix_error (GError     **error,
              const char  *option)
{
  g_prefix_error (error, "%s: ", option);
  return FALSE;
}

static gboolean
add_chart (ClabCliCharts  *self,
           const char     *path,
           const char     *type_name,
           GError        **error)
{
  Chart chart = { NULL, CLAB_CHART_ELAPSED, CLAB_CHART_FORMAT_PNG };

  /* Standard output has no extension to tell the format by: PNG, as most viewers read it. */
  if (strcmp (path, CLAB_CLI_STDOUT_PATH) != 0
      && !clab_chart_format_from_path (path, &chart.format, error))
    return prefix_error (error, "--chart");
  if (type_name != NULL && !clab_chart_type_from_string (type_name, &chart.type, error))
    return prefix_error (error, "--chart-type");
  chart.path = g_strdup (path);
  g_array_append_val (self->charts, chart);
  return TRUE;
}

static gboolean
parse_charts (ClabCliCharts  *self,
              char * const   *files,
              char * const   *types,
              GError        **error)
{
  guint n_files = files != NULL ? g_strv_length ((char **) files) : 0;
  guint n_types = types != NULL ? g_strv_length ((char **) types) : 0;

  if (n_types > n_files)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("There are %u --chart-type options but %u --chart files; "
                     "each type pairs with the --chart in the same place."),
                   n_types, n_files);
      return FALSE;
    }
  for (guint i = 0; i < n_files; i++)
    if (!add_chart (self, files[i], i < n_types ? types[i] : NULL, error))
      return FALSE;
  return TRUE;
}

ClabCliCharts *
clab_cli_charts_new (char * const  *files,
                     char * const  *types,
                     const char    *size,
                     const char    *theme,
                     GError       **error)
{
  g_autoptr(ClabCliCharts) self = g_new0 (ClabCliCharts, 1);

  self->charts = g_array_new (FALSE, TRUE, sizeof (Chart));
  g_array_set_clear_func (self->charts, chart_clear);
  self->theme = CLAB_CHART_THEME_LIGHT;
  if (!clab_chart_parse_size (size != NULL ? size : DEFAULT_SIZE, &self->width, &self->height, error))
    {
      prefix_error (error, "--chart-size");
      return NULL;
    }
  if (theme != NULL && !clab_chart_theme_from_string (theme, &self->theme, error))
    {
      prefix_error (error, "--chart-theme");
      return NULL;
    }
  if (!parse_charts (self, files, types, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
clab_cli_charts_set_cpu_time (ClabCliCharts *self,
                              gboolean       cpu_time)
{
  g_return_if_fail (self != NULL);
  self->cpu_time = !!cpu_time;
}

gboolean
clab_cli_charts_set_cpu_lines (ClabCliCharts  *self,
                               gboolean        per_core,
                               gboolean        memory,
                               GError        **error)
{
  gboolean has_cpu = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->charts->len; i++)
    has_cpu |= g_array_index (self->charts, Chart, i).type == CLAB_CHART_CPU;
  if ((per_core || memory) && !has_cpu)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s draws on the cpu chart only: add --chart FILE --chart-type cpu."),
                   per_core ? "--per-core" : "--memory");
      return FALSE;
    }
  self->per_core = !!per_core;
  self->memory = !!memory;
  return TRUE;
}

guint
clab_cli_charts_get_n_charts (ClabCliCharts *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->charts->len;
}

const char *
clab_cli_charts_get_path (ClabCliCharts *self,
                          guint          i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->charts->len, NULL);

  return g_array_index (self->charts, Chart, i).path;
}

static gboolean
write_chart (ClabCliCharts           *self,
             const Chart             *chart,
             const ClabChartOptions  *options,
             ClabResult              *result,
             GError                 **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (strcmp (chart->path, CLAB_CLI_STDOUT_PATH) != 0)
    return clab_chart_export (result, options, chart->path, self->width, self->height, error);
  bytes = clab_chart_render_to_bytes (result, options, chart->format, self->width, self->height,
                                      error);
  return bytes != NULL
         && clab_cli_write_stdout (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

gboolean
clab_cli_charts_write (ClabCliCharts  *self,
                       ClabResult     *result,
                       GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (CLAB_IS_RESULT (result), FALSE);

  for (guint i = 0; i < self->charts->len; i++)
    {
      const Chart *chart = &g_array_index (self->charts, Chart, i);
      ClabChartOptions options;

      clab_chart_options_init (&options);
      options.type = chart->type;
      options.theme = self->theme;
      options.cpu_time = self->cpu_time;
      options.per_cpu = self->per_core;
      options.memory = self->memory;
      if (!write_chart (self, chart, &options, result, error))
        return FALSE;
    }
  return TRUE;
}

ClabChartType
clab_cli_charts_get_type (ClabCliCharts *self,
                          guint          i)
{
  g_return_val_if_fail (self != NULL, CLAB_CHART_ELAPSED);
  g_return_val_if_fail (i < self->charts->len, CLAB_CHART_ELAPSED);

  return g_array_index (self->charts, Chart, i).type;
}

gboolean
clab_cli_charts_write_compare (ClabCliCharts  *self,
                               ClabCompare    *compare,
                               GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (CLAB_IS_COMPARE (compare), FALSE);

  for (guint i = 0; i < self->charts->len; i++)
    {
      const Chart *chart = &g_array_index (self->charts, Chart, i);
      g_autoptr(GBytes) bytes = NULL;
      ClabChartOptions options;

      clab_chart_options_init (&options);
      options.type = chart->type;
      options.theme = self->theme;
      if (strcmp (chart->path, CLAB_CLI_STDOUT_PATH) != 0)
        {
          if (!clab_chart_export_compare (compare, &options, chart->path, self->width,
                                          self->height, error))
            return FALSE;
          continue;
        }
      bytes = clab_chart_render_compare_to_bytes (compare, &options, chart->format, self->width,
                                                  self->height, error);
      if (bytes == NULL
          || !clab_cli_write_stdout (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                     error))
        return FALSE;
    }
  return TRUE;
}
