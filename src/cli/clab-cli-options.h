/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-cli-charts.h"
#include "clab-plan.h"
#include "clab-result.h"

G_BEGIN_DECLS

/* The exit statuses of concurrency-lab-cli. */
#define CLAB_CLI_EXIT_OK        0
#define CLAB_CLI_EXIT_FAILURE   1
#define CLAB_CLI_EXIT_USAGE     2
#define CLAB_CLI_EXIT_CANCELLED 130

/* An output file of this name is standard output. */
#define CLAB_CLI_STDOUT_PATH "-"

typedef enum
{
  CLAB_CLI_COMMAND_RUN,
  CLAB_CLI_COMMAND_RENDER,
  CLAB_CLI_COMMAND_PRESETS,
  CLAB_CLI_COMMAND_HELP,
  CLAB_CLI_COMMAND_VERSION,
} ClabCliCommand;

/* What the command line asks for, parsed and validated. */
typedef struct
{
  ClabCliCommand  command;
  ClabPlan       *plan;           /* run: the plan to measure */
  ClabResult     *result;         /* render: the saved result */
  char           *json_path;
  char           *csv_path;
  char           *summary_csv_path;
  char           *markdown_path;
  char           *report_path;    /* --report: PDF or HTML, by its extension */
  ClabCliCharts  *charts;         /* never NULL once parsed */
  char           *help_text;      /* help: what to print */
  ClabPlan       *counterpart;    /* run --counterpart: the plan's C counterpart, run after it */
  char           *counterpart_json_path; /* where --json saves the counterpart's result */
  gboolean        quiet;
} ClabCliOptions;

ClabCliOptions *clab_cli_options_new   (void);
void            clab_cli_options_free  (ClabCliOptions  *self);
/* Parses and checks the arguments in @args (without running anything). */
gboolean        clab_cli_options_parse (ClabCliOptions  *self,
                                        char          ***args,
                                        GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClabCliOptions, clab_cli_options_free)

G_END_DECLS
