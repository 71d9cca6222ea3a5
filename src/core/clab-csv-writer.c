/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "clab-csv-writer.h"
#include "clab-format.h"

void
clab_csv_writer_init (ClabCsvWriter *writer,
                      GString       *out)
{
  g_return_if_fail (writer != NULL);
  g_return_if_fail (out != NULL);

  writer->out = out;
  writer->row_empty = TRUE;
}

static void
separate (ClabCsvWriter *writer)
{
  if (!writer->row_empty)
    g_string_append_c (writer->out, ',');
  writer->row_empty = FALSE;
}

void
clab_csv_writer_string (ClabCsvWriter *writer,
                        const char    *value)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (writer != NULL);

  separate (writer);
  if (value == NULL)
    return;
  /* No control character reaches the file: a spreadsheet or a terminal may act on it. */
  escaped = clab_format_escape_controls (value);
  if (strpbrk (escaped, ",\"\r\n") == NULL)
    {
      g_string_append (writer->out, escaped);
      return;
    }

  g_string_append_c (writer->out, '"');
  for (const char *p = escaped; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (writer->out, '"');
      g_string_append_c (writer->out, *p);
    }
  g_string_append_c (writer->out, '"');
}

void
clab_csv_writer_strings (ClabCsvWriter      *writer,
                         const char * const *values)
{
  g_return_if_fail (writer != NULL);
  g_return_if_fail (values != NULL);

  for (guint i = 0; values[i] != NULL; i++)
    clab_csv_writer_string (writer, values[i]);
}

void
clab_csv_writer_double (ClabCsvWriter *writer,
                        double         value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (writer != NULL);

  separate (writer);
  /* A huge value from a file in exponent form, not cut off at the buffer's end. */
  if (isfinite (value))
    g_string_append (writer->out, g_ascii_formatd (buf, sizeof buf,
                                                   fabs (value) < 1e15 ? "%.6f" : "%.17g", value));
}

void
clab_csv_writer_int (ClabCsvWriter *writer,
                     gint64         value)
{
  g_return_if_fail (writer != NULL);

  separate (writer);
  g_string_append_printf (writer->out, "%" G_GINT64_FORMAT, value);
}

void
clab_csv_writer_boolean (ClabCsvWriter *writer,
                         gboolean       value)
{
  g_return_if_fail (writer != NULL);

  separate (writer);
  g_string_append (writer->out, value ? "true" : "false");
}

void
clab_csv_writer_hex64 (ClabCsvWriter *writer,
                       guint64        value)
{
  g_return_if_fail (writer != NULL);

  separate (writer);
  g_string_append_printf (writer->out, "%016" G_GINT64_MODIFIER "x", value);
}

void
clab_csv_writer_end_row (ClabCsvWriter *writer)
{
  g_return_if_fail (writer != NULL);

  g_string_append (writer->out, "\r\n");
  writer->row_empty = TRUE;
}
