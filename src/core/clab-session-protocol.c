/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "clab-result-io.h"
#include "clab-session-protocol.h"


char *
clab_session_format_plan (gsize length)
{
  return g_strdup_printf ("PLAN %" G_GSIZE_FORMAT "\n", length);
}

char *
clab_session_format_progress (guint done,
                              guint total)
{
  return g_strdup_printf ("PROGRESS %u %u\n", done, total);
}

char *
clab_session_format_sample (ClabMode          mode,
                            const ClabSample *s)
{
  const double values[] = { s->t_s, s->cpu_pct, s->user_pct, s->system_pct,
                            s->iowait_pct, s->run_pct, s->rss_kib };
  GString *line = g_string_new ("SAMPLE ");

  g_string_append (line, clab_mode_to_string (mode));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      /* The shortest text that reads back as the same double, in any locale. */
      g_string_append_c (line, ' ');
      g_string_append (line, g_ascii_dtostr (buf, sizeof buf, values[i]));
    }
  g_string_append_c (line, '\n');
  return g_string_free (line, FALSE);
}

char *
clab_session_format_error (const char *message)
{
  g_autofree char *one_line = g_strdup (message != NULL ? message : "");

  g_strdelimit (one_line, "\r\n", ' ');
  return g_strdup_printf ("ERROR %s\n", one_line);
}

char *
clab_session_format_result (gsize length)
{
  return g_strdup_printf ("RESULT %" G_GSIZE_FORMAT "\n", length);
}

static gboolean
bad_line (const char  *line,
          GError     **error)
{
  g_autofree char *shown = g_utf8_make_valid (line, MIN (strlen (line), 80));

  g_set_error (error, CLAB_ERROR, CLAB_ERROR_WORKER,
               _("The measuring engine sent a line that is not part of its protocol: “%s”."),
               shown);
  return FALSE;
}

/* Parses "<keyword> <n>" into @length. */
static gboolean
parse_length (const char *line,
              const char *keyword,
              gsize       max,
              gsize      *length)
{
  gsize k = strlen (keyword);
  guint64 n;

  if (strncmp (line, keyword, k) != 0 || line[k] != ' '
      || !g_ascii_string_to_unsigned (line + k + 1, 10, 0, max, &n, NULL))
    return FALSE;
  *length = n;
  return TRUE;
}

static gboolean
parse_progress (const char       *args,
                ClabSessionEvent *event)
{
  g_auto(GStrv) fields = g_strsplit (args, " ", -1);
  guint64 done, total;

  if (g_strv_length (fields) != 2
      || !g_ascii_string_to_unsigned (fields[0], 10, 0, G_MAXUINT, &done, NULL)
      || !g_ascii_string_to_unsigned (fields[1], 10, 0, G_MAXUINT, &total, NULL)
      || done > total)
    return FALSE;
  event->done = done;
  event->total = total;
  return TRUE;
}

static gboolean
parse_number (const char *text,
              double     *value)
{
  char *end;

  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*value);
}

static gboolean
parse_sample (const char       *args,
              ClabSessionEvent *event)
{
  g_auto(GStrv) fields = g_strsplit (args, " ", -1);
  double v[7];

  if (g_strv_length (fields) != 1 + G_N_ELEMENTS (v)
      || !clab_mode_from_string (fields[0], &event->mode))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (v); i++)
    {
      if (!parse_number (fields[i + 1], &v[i]))
        return FALSE;
    }
  event->sample = (ClabSample) { .t_s = v[0], .cpu_pct = v[1], .user_pct = v[2],
                                 .system_pct = v[3], .iowait_pct = v[4], .run_pct = v[5],
                                 .rss_kib = v[6] };
  return TRUE;
}

gboolean
clab_session_parse_event (const char        *line,
                          ClabSessionEvent  *event,
                          GError           **error)
{
  g_return_val_if_fail (line != NULL && event != NULL, FALSE);

  memset (event, 0, sizeof *event);
  if (g_str_has_prefix (line, "PROGRESS "))
    {
      event->type = CLAB_SESSION_EVENT_PROGRESS;
      return parse_progress (line + strlen ("PROGRESS "), event) || bad_line (line, error);
    }
  if (g_str_has_prefix (line, "SAMPLE "))
    {
      event->type = CLAB_SESSION_EVENT_SAMPLE;
      return parse_sample (line + strlen ("SAMPLE "), event) || bad_line (line, error);
    }
  if (g_str_has_prefix (line, "ERROR "))
    {
      event->type = CLAB_SESSION_EVENT_ERROR;
      event->message = g_utf8_make_valid (line + strlen ("ERROR "), -1);
      return TRUE;
    }
  event->type = CLAB_SESSION_EVENT_RESULT;
  return parse_length (line, "RESULT", CLAB_RESULT_MAX_BYTES, &event->length)
         || bad_line (line, error);
}

gboolean
clab_session_parse_plan (const char *line,
                         gsize      *length)
{
  return parse_length (line, "PLAN", CLAB_PLAN_MAX_BYTES, length);
}

void
clab_session_event_clear (ClabSessionEvent *event)
{
  g_clear_pointer (&event->message, g_free);
}
