/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The word that starts the compare command. */
#define CLAB_CLI_COMPARE_COMMAND "compare"

/* Runs "concurrency-lab-cli compare A.json B.json …" (@argv[1] is the command) and returns
 * the exit status: the table on standard output, the chart and Markdown files asked for. */
int clab_cli_compare_main (int    argc,
                           char **argv);

G_END_DECLS
