/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include <glib/gi18n.h>

#include "clab-worker-protocol.h"

/* Leaves room in CLAB_WORKER_MAX_LINE for the figures before the reason. */
#define MAX_REASON (CLAB_WORKER_MAX_LINE - 512)

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
                            " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                            " %" G_GINT64_FORMAT " %016" G_GINT64_MODIFIER "x\n",
                            report->index, report->start_ns, report->end_ns,
                            report->user_us, report->sys_us, report->maxrss_kib,
                            report->nvcsw, report->nivcsw, report->task_cpu_us,
                            report->on_cpu_ns, report->runnable_ns, report->checksum);

  /* The reason ends the line, so it must not hold one, nor make it longer than the engine
   * reads (cut at a character boundary). */
  reason = g_utf8_make_valid (report->reason ? report->reason : "unknown error", -1);
  g_strdelimit (reason, "\r\n", ' ');
  if (strlen (reason) > MAX_REASON)
    *g_utf8_find_prev_char (reason, reason + MAX_REASON + 1) = '\0';
  return g_strdup_printf ("FAIL %u %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                          " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                          " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                          " %" G_GINT64_FORMAT " %s\n",
                          report->index, report->start_ns, report->end_ns,
                          report->user_us, report->sys_us, report->maxrss_kib,
                          report->nvcsw, report->nivcsw, report->task_cpu_us,
                          report->on_cpu_ns, report->runnable_ns, reason);
}

static gboolean
bad_line (const char  *line,
          GError     **error)
{
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_WORKER,
               _("The worker sent a line the engine does not understand: “%.60s”."), line);
  return FALSE;
}

/* Bounds far above anything real, low enough that sums over a million workers and
 * differences of times cannot overflow a gint64. */
#define MAX_NS    (G_GINT64_CONSTANT (1) << 62)   /* 146 years of CLOCK_MONOTONIC */
#define MAX_US    (G_GINT64_CONSTANT (1) << 42)   /* 50 days of CPU time */
#define MAX_COUNT (G_GINT64_CONSTANT (1) << 40)   /* KiB of memory (1 PiB), switches */

static const gint64 field_max[10] = { MAX_NS, MAX_NS, MAX_US, MAX_US, MAX_COUNT,
                                      MAX_COUNT, MAX_COUNT, MAX_US, MAX_NS, MAX_NS };
/* The scheduler figures may be -1: a kernel that does not keep them. */
static const gint64 field_min[10] = { 0, 0, 0, 0, 0, 0, 0, 0, -1, -1 };

/* Fields of a line: the verb, the index, the figures, the checksum or reason. */
#define N_FIELDS (2 + G_N_ELEMENTS (field_max) + 1)

static gboolean
parse_numbers (char             **fields,
               ClabWorkerReport  *report)
{
  gint64 *out[10] = { &report->start_ns, &report->end_ns, &report->user_us, &report->sys_us,
                      &report->maxrss_kib, &report->nvcsw, &report->nivcsw, &report->task_cpu_us,
                      &report->on_cpu_ns, &report->runnable_ns };
  guint64 index;

  if (!g_ascii_string_to_unsigned (fields[1], 10, 0, G_MAXUINT, &index, NULL))
    return FALSE;
  report->index = index;
  for (guint i = 0; i < G_N_ELEMENTS (out); i++)
    if (!g_ascii_string_to_signed (fields[2 + i], 10, field_min[i], field_max[i], out[i], NULL))
      return FALSE;
  return report->start_ns <= report->end_ns;
}

/* Every number is checked: a worker that lies must not overflow the engine's sums. */
gboolean
clab_worker_report_parse (const char        *line,
                          ClabWorkerReport  *report,
                          GError           **error)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) fields = NULL;
  guint64 checksum;
  gsize length;

  g_return_val_if_fail (line != NULL, FALSE);

  memset (report, 0, sizeof *report);
  /* The line as formatted ends in its newline; as read, without. */
  length = strlen (line);
  copy = g_strndup (line, length > 0 && line[length - 1] == '\n' ? length - 1 : length);
  fields = g_strsplit (copy, " ", N_FIELDS);
  if (g_strv_length (fields) != N_FIELDS || !parse_numbers (fields, report))
    return bad_line (line, error);

  if (g_str_equal (fields[0], "DONE"))
    {
      if (strlen (fields[N_FIELDS - 1]) > 16 || !g_ascii_isxdigit (fields[N_FIELDS - 1][0])
          || !g_ascii_string_to_unsigned (fields[N_FIELDS - 1], 16, 0, G_MAXUINT64, &checksum,
                                          NULL))
        return bad_line (line, error);
      report->ok = TRUE;
      report->checksum = checksum;
      return TRUE;
    }
  if (g_str_equal (fields[0], "FAIL"))
    {
      report->reason = g_strchomp (g_strdup (fields[N_FIELDS - 1]));
      return TRUE;
    }
  return bad_line (line, error);
}

gboolean
clab_worker_report_check_times (const ClabWorkerReport  *report,
                                gint64                   from_ns,
                                gint64                   to_ns,
                                GError                 **error)
{
  if (report->start_ns >= from_ns && report->end_ns <= to_ns)
    return TRUE;
  g_set_error (error, CLAB_ERROR, CLAB_ERROR_WORKER,
               _("The worker reported task %u outside the time of the run, so its figures cannot be trusted."),
               report->index);
  return FALSE;
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
  if (spec->folder != NULL)
    {
      g_strv_builder_add (builder, "--folder");
      g_strv_builder_add (builder, spec->folder);
    }
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
