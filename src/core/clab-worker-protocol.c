/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gi18n.h>

#include "clab-worker-protocol.h"

void
clab_worker_report_clear (ClabWorkerReport *report)
{
  g_clear_pointer (&report->reason, g_free);
}

char *
clab_worker_report_format (const ClabWorkerReport *report)
{
  g_autofree char *reason = NULL;

  if (report->ok)
    return g_strdup_printf ("DONE %u %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                            " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                            " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %016" G_GINT64_MODIFIER "x\n",
                            report->index, report->start_ns, report->end_ns,
                            report->user_us, report->sys_us, report->maxrss_kib,
                            report->nvcsw, report->nivcsw, report->task_cpu_us, report->checksum);

  /* The reason ends the line, so it must not hold one. */
  reason = g_strdup (report->reason ? report->reason : "unknown error");
  g_strdelimit (reason, "\r\n", ' ');
  return g_strdup_printf ("FAIL %u %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                          " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                          " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s\n",
                          report->index, report->start_ns, report->end_ns,
                          report->user_us, report->sys_us, report->maxrss_kib,
                          report->nvcsw, report->nivcsw, report->task_cpu_us, reason);
}

static gboolean
bad_line (const char  *line,
          GError     **error)
{
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_WORKER,
               _("The worker sent a line the engine does not understand: “%.60s”."), line);
  return FALSE;
}

gboolean
clab_worker_report_parse (const char        *line,
                          ClabWorkerReport  *report,
                          GError           **error)
{
  char verb[5] = { 0 };
  int consumed = 0;
  gint64 v[8];

  g_return_val_if_fail (line != NULL, FALSE);

  memset (report, 0, sizeof *report);
  if (sscanf (line, "%4s %u %" SCNd64 " %" SCNd64 " %" SCNd64 " %" SCNd64 " %" SCNd64
              " %" SCNd64 " %" SCNd64 " %" SCNd64 " %n",
              verb, &report->index, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7],
              &consumed) != 10 || consumed == 0)
    return bad_line (line, error);

  report->start_ns = v[0];
  report->end_ns = v[1];
  report->user_us = v[2];
  report->sys_us = v[3];
  report->maxrss_kib = v[4];
  report->nvcsw = v[5];
  report->nivcsw = v[6];
  report->task_cpu_us = v[7];

  if (g_str_equal (verb, "DONE"))
    {
      char *end = NULL;

      report->ok = TRUE;
      report->checksum = g_ascii_strtoull (line + consumed, &end, 16);
      if (end == line + consumed)
        return bad_line (line, error);
      return TRUE;
    }
  if (g_str_equal (verb, "FAIL"))
    {
      report->reason = g_strchomp (g_strdup (line + consumed));
      return TRUE;
    }
  return bad_line (line, error);
}

void
clab_worker_report_rusage (ClabWorkerReport *report)
{
  struct rusage self, children;

  getrusage (RUSAGE_SELF, &self);
  getrusage (RUSAGE_CHILDREN, &children);
  report->user_us = (gint64) (self.ru_utime.tv_sec + children.ru_utime.tv_sec) * 1000000 +
                    self.ru_utime.tv_usec + children.ru_utime.tv_usec;
  report->sys_us = (gint64) (self.ru_stime.tv_sec + children.ru_stime.tv_sec) * 1000000 +
                   self.ru_stime.tv_usec + children.ru_stime.tv_usec;
  report->maxrss_kib = MAX (self.ru_maxrss, children.ru_maxrss);
  report->nvcsw = self.ru_nvcsw + children.ru_nvcsw;
  report->nivcsw = self.ru_nivcsw + children.ru_nivcsw;
}

gint64
clab_worker_cpu_us (void)
{
  struct rusage self, children;

  getrusage (RUSAGE_SELF, &self);
  getrusage (RUSAGE_CHILDREN, &children);
  return (gint64) (self.ru_utime.tv_sec + children.ru_utime.tv_sec +
                   self.ru_stime.tv_sec + children.ru_stime.tv_sec) * 1000000 +
         self.ru_utime.tv_usec + children.ru_utime.tv_usec +
         self.ru_stime.tv_usec + children.ru_stime.tv_usec;
}

GStrv
clab_worker_build_argv (const char             *worker_path,
                        const ClabWorkloadSpec *spec)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  char size[G_ASCII_DTOSTR_BUF_SIZE];

  g_strv_builder_add (builder, worker_path);
  g_strv_builder_add (builder, "--workload");
  g_strv_builder_add (builder, clab_workload_kind_to_string (spec->kind));
  g_strv_builder_add (builder, "--size");
  g_strv_builder_add (builder, g_ascii_dtostr (size, sizeof size, spec->size));
  if (spec->argv != NULL)
    {
      g_autofree char *command = NULL;
      g_autoptr(GString) quoted = g_string_new (NULL);

      /* Quoted back so that the worker's g_shell_parse_argv gives the same argv. */
      for (guint i = 0; spec->argv[i] != NULL; i++)
        {
          g_autofree char *q = g_shell_quote (spec->argv[i]);
          if (i > 0)
            g_string_append_c (quoted, ' ');
          g_string_append (quoted, q);
        }
      command = g_string_free (g_steal_pointer (&quoted), FALSE);
      g_strv_builder_add (builder, "--command");
      g_strv_builder_add (builder, command);
    }
  return g_strv_builder_end (builder);
}
