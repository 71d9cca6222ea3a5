/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-plan.h"

G_BEGIN_DECLS

/* The options of the command line as given, before they are checked. */
typedef struct
{
  char      *preset;
  char      *workload;
  char      *size;
  char      *tasks;
  char      *workers;
  char      *modes;
  char      *runs;
  char      *warmup;
  char      *command;
  char      *sample_interval;
  char      *sweep_workers;
  char      *timeout;
  char      *io_folder;
  char      *runtime;
  char      *python;
  char      *start_method;
  char      *function;
  char      *json;
  char      *csv;
  char      *summary_csv;
  char      *markdown;
  char      *report;
  char     **charts;
  char     **chart_types;
  char      *chart_size;
  char      *chart_theme;
  gboolean   chart_cpu_time;
  gboolean   chart_per_core;
  gboolean   chart_memory;
  gboolean   allow_command;
  gboolean   counterpart;
  gboolean   quiet;
  gboolean   help;
  gboolean   version;
} ClabCliArgs;

void      clab_cli_args_clear      (ClabCliArgs  *args);
/* Builds the plan: the preset (or the default comparison) with the options on top. */
ClabPlan *clab_cli_args_build_plan (ClabCliArgs  *args,
                                    GError      **error);
/* Sets a G_OPTION_ERROR_BAD_VALUE from a printf format and returns FALSE. */
gboolean  clab_cli_bad_value       (GError      **error,
                                    const char   *format,
                                    ...) G_GNUC_PRINTF (2, 3);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ClabCliArgs, clab_cli_args_clear)

G_END_DECLS
