/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A CSV writer (RFC 4180, CRLF line ends) that prints straight into a GString, the one owner
 * of quoting and number formatting for every CSV the lab writes. Fields are separated by
 * the writer; a row ends with clab_csv_writer_end_row().
 */

typedef struct
{
  GString  *out;
  gboolean  row_empty;   /* no field written yet in the current row */
} ClabCsvWriter;

/* Starts writing into @out; the writer owns nothing. */
void clab_csv_writer_init    (ClabCsvWriter      *writer,
                              GString            *out);
/* A text field, quoted when it holds a comma, a quote or a line break, control characters
 * escaped; NULL is an empty field. */
void clab_csv_writer_string  (ClabCsvWriter      *writer,
                              const char         *value);
/* Each of the NULL-terminated @values as a text field: a header, say. */
void clab_csv_writer_strings (ClabCsvWriter      *writer,
                              const char * const *values);
/* Seconds with microsecond resolution (or a ratio with as many decimals), locale-independent;
 * an empty field when not finite. */
void clab_csv_writer_double  (ClabCsvWriter      *writer,
                              double              value);
void clab_csv_writer_int     (ClabCsvWriter      *writer,
                              gint64              value);
/* "true" or "false". */
void clab_csv_writer_boolean (ClabCsvWriter      *writer,
                              gboolean            value);
/* 64 bits as 16 lower-case hexadecimal digits, as a checksum is shown. */
void clab_csv_writer_hex64   (ClabCsvWriter      *writer,
                              guint64             value);
/* Ends the row with CRLF. */
void clab_csv_writer_end_row (ClabCsvWriter      *writer);

G_END_DECLS
