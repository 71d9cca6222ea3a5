/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-chart.h"
#include "clab-report.h"

G_BEGIN_DECLS

/* A line of the machine or the plan: "CPU" and "Test CPU @ 1 GHz". */
typedef struct
{
  char *label;
  char *value;
} ClabReportField;

/* What a report says, in the order it says it, every string made safe to show (no control
 * characters); the PDF and the HTML writer only lay it out. */
typedef struct
{
  char       *title;
  char       *verdict;
  gboolean    conclusive;
  char       *note;          /* the run was cancelled, or NULL */
  GPtrArray  *machine;       /* of ClabReportField */
  GPtrArray  *plan;          /* of ClabReportField */
  GPtrArray  *table;         /* of NULL-terminated rows of cells, the first the heading */
  gboolean   *right_aligned; /* per column of @table */
  guint       n_columns;
  GPtrArray  *warnings;      /* of char *, each once */
} ClabReportContent;

/* The four charts of a report: elapsed, CPU, timeline and scaling. */
#define CLAB_REPORT_N_CHARTS 4

ClabReportContent *_clab_report_content_new   (ClabResult        *result);
void               _clab_report_content_free  (ClabReportContent *content);
/* The headings of the report's sections, translated. */
const char        *_clab_report_heading       (guint              section);
/* Chart options for chart @i of a report: the light theme, automatic scale. */
void               _clab_report_chart_options (guint              i,
                                               ClabChartOptions  *options);
/* The writers: each returns the whole file, or NULL with @error set. */
GBytes            *_clab_report_render_pdf    (ClabResult        *result,
                                               ClabReportContent *content,
                                               GError           **error);
GBytes            *_clab_report_render_html   (ClabResult        *result,
                                               ClabReportContent *content,
                                               GError           **error);

enum
{
  CLAB_REPORT_SECTION_MACHINE,
  CLAB_REPORT_SECTION_PLAN,
  CLAB_REPORT_SECTION_SUMMARY,
  CLAB_REPORT_SECTION_WARNINGS,
  CLAB_REPORT_SECTION_CHARTS,
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClabReportContent, _clab_report_content_free)

G_END_DECLS
