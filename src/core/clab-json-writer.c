/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "clab-json-writer.h"

void
clab_json_writer_init (ClabJsonWriter *writer,
                       GString        *out,
                       gboolean        pretty)
{
  g_return_if_fail (writer != NULL && out != NULL);

  *writer = (ClabJsonWriter) { .out = out, .pretty = pretty };
}

void
clab_json_writer_begin (ClabJsonWriter *w,
                        char            bracket,
                        gboolean        multiline)
{
  g_assert (w->depth + 1 < CLAB_JSON_WRITER_MAX_DEPTH);

  g_string_append_c (w->out, bracket);
  w->depth++;
  w->empty[w->depth] = TRUE;
  w->multiline[w->depth] = multiline && w->pretty;
}

static void
newline (ClabJsonWriter *w,
         guint           depth)
{
  g_string_append_c (w->out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (w->out, "  ");
}

void
clab_json_writer_end (ClabJsonWriter *w,
                      char            bracket)
{
  g_assert (w->depth > 0);

  if (w->multiline[w->depth] && !w->empty[w->depth])
    newline (w, w->depth - 1);
  w->depth--;
  g_string_append_c (w->out, bracket);
}

void
clab_json_writer_element (ClabJsonWriter *w)
{
  gboolean empty = w->empty[w->depth];

  if (!empty)
    g_string_append_c (w->out, ',');
  w->empty[w->depth] = FALSE;

  if (w->multiline[w->depth])
    newline (w, w->depth);
  else if (w->pretty && !empty)
    g_string_append_c (w->out, ' ');
}

static void
append_string (GString    *out,
               const char *str)
{
  g_autofree char *valid = NULL;
  const char *run;

  if (!g_utf8_validate (str, -1, NULL))
    str = valid = g_utf8_make_valid (str, -1);

  g_string_append_c (out, '"');
  run = str;
  for (const char *p = str; ; p++)
    {
      guchar c = *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      /* Plain bytes are copied in runs: most strings have nothing to escape. */
      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '\0': g_string_append_c (out, '"'); return;
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:   g_string_append_printf (out, "\\u%04x", c);
        }
    }
}

void
clab_json_writer_string (ClabJsonWriter *w,
                         const char     *value)
{
  if (value == NULL)
    g_string_append (w->out, "null");
  else
    append_string (w->out, value);
}

/* Nine decimals where they fit: nanoseconds for times, far finer than the
 * sampler's ticks for percentages; and much faster than printf ("%.17g"). */
static gboolean
append_fixed (GString *out,
              double   value)
{
  char buf[32];
  char *p = buf + sizeof buf;
  double magnitude = fabs (value);
  gint64 scaled;
  gint64 whole;
  gint64 fraction;
  int digits = 9;

  if (value != 0 && (magnitude < 1e-3 || magnitude >= 1e9))
    return FALSE;

  scaled = llround (magnitude * 1e9);
  whole = scaled / 1000000000;
  fraction = scaled % 1000000000;

  *--p = '\0';
  while (digits > 0 && fraction % 10 == 0)
    {
      fraction /= 10;
      digits--;
    }
  if (digits > 0)
    {
      for (int i = 0; i < digits; i++, fraction /= 10)
        *--p = '0' + fraction % 10;
      *--p = '.';
    }
  do
    *--p = '0' + whole % 10;
  while ((whole /= 10) > 0);
  if (value < 0 && scaled != 0)
    *--p = '-';

  g_string_append (out, p);
  return TRUE;
}

/* Null where undefined: JSON has no NaN. Readers agree to about 1e-9 either way. */
void
clab_json_writer_double (ClabJsonWriter *w,
                         double          value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    g_string_append (w->out, "null");
  else if (!append_fixed (w->out, value))
    g_string_append (w->out, g_ascii_formatd (buf, sizeof buf,
                                              fabs (value) < 1 ? "%.10g" : "%.17g", value));
}

void
clab_json_writer_int (ClabJsonWriter *w,
                      gint64          value)
{
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value);
}

void
clab_json_writer_boolean (ClabJsonWriter *w,
                          gboolean        value)
{
  g_string_append (w->out, value ? "true" : "false");
}

void
clab_json_writer_null (ClabJsonWriter *w)
{
  g_string_append (w->out, "null");
}

void
clab_json_writer_key (ClabJsonWriter *w,
                      const char     *name)
{
  clab_json_writer_element (w);
  append_string (w->out, name);
  g_string_append (w->out, w->pretty ? ": " : ":");
}

void
clab_json_writer_member_string (ClabJsonWriter *w,
                                const char     *name,
                                const char     *value)
{
  clab_json_writer_key (w, name);
  clab_json_writer_string (w, value);
}

void
clab_json_writer_member_double (ClabJsonWriter *w,
                                const char     *name,
                                double          value)
{
  clab_json_writer_key (w, name);
  clab_json_writer_double (w, value);
}

void
clab_json_writer_member_int (ClabJsonWriter *w,
                             const char     *name,
                             gint64          value)
{
  clab_json_writer_key (w, name);
  clab_json_writer_int (w, value);
}

void
clab_json_writer_member_boolean (ClabJsonWriter *w,
                                 const char     *name,
                                 gboolean        value)
{
  clab_json_writer_key (w, name);
  clab_json_writer_boolean (w, value);
}
