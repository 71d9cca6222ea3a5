/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "clab-python-protocol.h"
#include "clab-types.h"

/* How many fields each kind has; the last takes the rest of the line where it is text. */
static const struct
{
  const char *word;
  guint       n_fields;
  gboolean    text_last;
} kinds[] = {
  [CLAB_PYTHON_LINE_HELLO] = { "HELLO", 7, TRUE },
  [CLAB_PYTHON_LINE_READY] = { "READY", 3, FALSE },
  [CLAB_PYTHON_LINE_PROC] = { "PROC", 2, FALSE },
  [CLAB_PYTHON_LINE_START] = { "START", 6, FALSE },
  [CLAB_PYTHON_LINE_DONE] = { "DONE", 9, FALSE },
  [CLAB_PYTHON_LINE_FAIL] = { "FAIL", 9, TRUE },
  [CLAB_PYTHON_LINE_FINISH] = { "FINISH", 4, FALSE },
  [CLAB_PYTHON_LINE_ERROR] = { "ERROR", 3, TRUE },
};

static gboolean
bad_line (const char  *line,
          GError     **error)
{
  g_autofree char *shown = g_utf8_make_valid (line, MIN (strlen (line), 200));

  g_set_error (error, CLAB_ERROR, CLAB_ERROR_WORKER,
               _("The Python driver sent a line the lab cannot read: “%s”."), shown);
  return FALSE;
}

static gboolean
parse_int (const char *text,
           gint64      min,
           gint64     *out)
{
  return g_ascii_string_to_signed (text, 10, min, G_MAXINT64, out, NULL);
}

/* The numbers of START, DONE and FAIL: index worker tid pid start [end cpu]. */
static gboolean
parse_task (char           **f,
            guint            n_numbers,
            ClabPythonLine  *p)
{
  gint64 index;

  if (!parse_int (f[1], 0, &index) || index > G_MAXUINT
      || !parse_int (f[2], 0, &p->worker) || !parse_int (f[3], 0, &p->tid)
      || !parse_int (f[4], 0, &p->pid) || !parse_int (f[5], 0, &p->start_ns))
    return FALSE;
  p->index = index;
  return n_numbers == 5
         || (parse_int (f[6], 0, &p->end_ns) && parse_int (f[7], 0, &p->cpu_ns)
             && p->end_ns >= p->start_ns);
}

static gboolean
parse_fields (char           **f,
              ClabPythonLine  *p)
{
  gint64 n;

  switch (p->kind)
    {
    case CLAB_PYTHON_LINE_HELLO:
      if (!parse_int (f[1], 0, &n) || n > G_MAXUINT || (f[2][0] != '0' && f[2][0] != '1')
          || f[2][1] != '\0')
        return FALSE;
      p->protocol = n;
      p->gil_enabled = f[2][0] == '1';
      p->code = f[3];
      p->implementation = f[4];
      p->version = f[5];
      p->text = f[6];
      return TRUE;
    case CLAB_PYTHON_LINE_READY:
      return parse_int (f[1], 0, &p->user_us) && parse_int (f[2], 0, &p->sys_us);
    case CLAB_PYTHON_LINE_PROC:
      return parse_int (f[1], 1, &p->pid);
    case CLAB_PYTHON_LINE_START:
      return parse_task (f, 5, p);
    case CLAB_PYTHON_LINE_DONE:
      if (strlen (f[8]) != 16 || !g_ascii_string_to_unsigned (f[8], 16, 0, G_MAXUINT64,
                                                              &p->checksum, NULL))
        return FALSE;
      return parse_task (f, 7, p);
    case CLAB_PYTHON_LINE_FAIL:
      p->text = f[8];
      return parse_task (f, 7, p);
    case CLAB_PYTHON_LINE_FINISH:
      return parse_int (f[1], 0, &p->start_ns) && parse_int (f[2], 0, &p->user_us)
             && parse_int (f[3], 0, &p->sys_us);
    case CLAB_PYTHON_LINE_ERROR:
      p->code = f[1];
      p->text = f[2];
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

gboolean
clab_python_line_parse (const char      *line,
                        ClabPythonLine  *parsed,
                        GError         **error)
{
  g_auto(GStrv) fields = NULL;
  g_autofree char *copy = NULL;
  guint kind;

  g_return_val_if_fail (line != NULL && parsed != NULL, FALSE);

  memset (parsed, 0, sizeof *parsed);
  for (kind = 0; kind < G_N_ELEMENTS (kinds); kind++)
    {
      gsize len = strlen (kinds[kind].word);
      if (strncmp (line, kinds[kind].word, len) == 0 && (line[len] == ' ' || line[len] == '\0'))
        break;
    }
  if (kind == G_N_ELEMENTS (kinds) || strlen (line) > CLAB_PYTHON_MAX_LINE
      || !g_utf8_validate (line, -1, NULL))
    return bad_line (line, error);
  parsed->kind = kind;
  /* ERROR's detail may be empty: "ERROR no-task". */
  copy = g_strconcat (line, kind == CLAB_PYTHON_LINE_ERROR ? " " : "", NULL);
  fields = g_strsplit (copy, " ", kinds[kind].n_fields);
  if (g_strv_length (fields) != kinds[kind].n_fields
      || (!kinds[kind].text_last && strchr (fields[kinds[kind].n_fields - 1], ' ') != NULL))
    return bad_line (line, error);
  for (guint i = 0; fields[i] != NULL; i++)
    g_strchomp (fields[i]);
  if (!parse_fields (fields, parsed))
    {
      memset (parsed, 0, sizeof *parsed);
      return bad_line (line, error);
    }
  parsed->fields = g_steal_pointer (&fields);
  return TRUE;
}

void
clab_python_line_clear (ClabPythonLine *parsed)
{
  g_strfreev (parsed->fields);
  memset (parsed, 0, sizeof *parsed);
}
