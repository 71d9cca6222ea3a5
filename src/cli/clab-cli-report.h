/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-result.h"

G_BEGIN_DECLS

/* The whole report: header, one row per mode, verdict, warnings and the sweep. */
char *clab_cli_report_format         (ClabResult *result,
                                      gboolean    color);
/* The verdict line alone, which is all that --quiet prints. */
char *clab_cli_report_format_verdict (ClabResult *result,
                                      gboolean    color);
/* "cpu, 200 units per task", or the command of the command workload. */
char *clab_cli_report_dup_workload   (ClabPlan   *plan);
/* "2 workers", or the worker counts of a sweep. */
char *clab_cli_report_dup_workers    (ClabPlan   *plan);

G_END_DECLS
