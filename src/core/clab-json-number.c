/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "clab-json-number.h"

/* Plain decimals of up to 15 digits, as the writer prints times and percentages: both the
 * digits and the power of ten are exact doubles, so one division rounds as strtod would. */
static gboolean
convert_plain_decimal (const char *start,
                       gsize       length,
                       double     *out)
{
  static const double powers[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
                                   1e11, 1e12, 1e13, 1e14, 1e15 };
  gboolean negative = *start == '-';
  gint64 digits = 0;
  guint n_digits = 0;
  int decimals = -1;

  for (const char *c = start + negative; c < start + length; c++)
    {
      if (*c == '.' && decimals < 0)
        decimals = 0;
      else if (g_ascii_isdigit (*c) && ++n_digits <= 15)
        {
          digits = digits * 10 + (*c - '0');
          decimals += decimals >= 0;
        }
      else
        return FALSE;
    }
  if (decimals < 0)
    return FALSE;
  *out = (double) digits / powers[decimals];
  if (negative)
    *out = -*out;
  return TRUE;
}

/* Integers of up to 18 digits are read here; the rest by g_ascii_strtod(). */
void
clab_json_number_convert (const char    *start,
                          gsize          length,
                          gboolean       integral,
                          ClabJsonValue *out)
{
  gboolean negative = *start == '-';
  g_autofree char *heap = NULL;
  char stack[64];
  char *copy = stack;

  if (integral && length - negative <= 18)
    {
      gint64 value = 0;

      for (const char *c = start + negative; c < start + length; c++)
        value = value * 10 + (*c - '0');
      out->type = CLAB_JSON_INT;
      out->integer = negative ? -value : value;
      return;
    }

  if (!integral && convert_plain_decimal (start, length, &out->number))
    {
      out->type = CLAB_JSON_DOUBLE;
      return;
    }

  if (length >= sizeof stack)
    copy = heap = g_malloc (length + 1);
  memcpy (copy, start, length);
  copy[length] = '\0';
  if (integral)
    {
      errno = 0;
      out->integer = g_ascii_strtoll (copy, NULL, 10);
      out->type = CLAB_JSON_INT;
      if (errno == 0)
        return;
    }
  out->type = CLAB_JSON_DOUBLE;
  out->number = g_ascii_strtod (copy, NULL);
}
