/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: one line from concurrency-lab-worker, as the engine's worker reads it. */
#include "config.h"

#include <string.h>

#include "clab-worker-protocol.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(ClabWorkerReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  /* The engine hands the parser a NUL-terminated line of at most CLAB_WORKER_MAX_LINE bytes. */
  if (size > CLAB_WORKER_MAX_LINE)
    return 0;
  line = g_malloc (size + 1);
  memcpy (line, data, size);
  line[size] = '\0';
  if (clab_worker_report_parse (line, &report, &error))
    clab_worker_report_check_times (&report, 0, G_MAXINT64, NULL);
  return 0;
}
