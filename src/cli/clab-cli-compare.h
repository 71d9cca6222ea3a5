/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "clab-compare.h"

G_BEGIN_DECLS

/* The word that starts the compare command. */
#define CLAB_CLI_COMPARE_COMMAND "compare"

/* Runs "concurrency-lab-cli compare A.json B.json …" (@argv[1] is the command) and returns
 * the exit status: the table on standard output, the chart and Markdown files asked for. */
int clab_cli_compare_main (int    argc,
                           char **argv);
/* Prints the results and the table of @compare as compare does, with colour on a terminal. */
void clab_cli_compare_print (ClabCompare *compare,
                             gboolean     to_stderr);

G_END_DECLS
