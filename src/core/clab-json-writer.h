/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A JSON writer that prints straight into a GString: a result can hold hundreds of
 * thousands of tasks and samples, and a tree of them costs more than a second to build and
 * print. Pretty output puts the members of a multi-line container on lines of their own,
 * indented by two spaces, and the rest on one line ("a": 1, "b": [2, 3]).
 */

#define CLAB_JSON_WRITER_MAX_DEPTH 32

typedef struct
{
  GString  *out;
  gboolean  pretty;
  guint     depth;
  gboolean  empty[CLAB_JSON_WRITER_MAX_DEPTH];       /* nothing written yet in the container */
  gboolean  multiline[CLAB_JSON_WRITER_MAX_DEPTH];   /* one member or element per line */
} ClabJsonWriter;

/* Starts writing into @out; the writer owns nothing. */
void clab_json_writer_init           (ClabJsonWriter *writer,
                                      GString        *out,
                                      gboolean        pretty);
/* Opens an object ('{') or an array ('['); @multiline matters only to pretty output. */
void clab_json_writer_begin          (ClabJsonWriter *writer,
                                      char            bracket,
                                      gboolean        multiline);
/* Closes the open container with '}' or ']'. */
void clab_json_writer_end            (ClabJsonWriter *writer,
                                      char            bracket);
/* Starts an element of the open array: the value follows. */
void clab_json_writer_element        (ClabJsonWriter *writer);
/* Starts a member of the open object: the value follows. */
void clab_json_writer_key            (ClabJsonWriter *writer,
                                      const char     *name);
/* A string, escaped (invalid UTF-8 is repaired); NULL is written as null. */
void clab_json_writer_string         (ClabJsonWriter *writer,
                                      const char     *value);
/* A number with up to nine decimals where that is exact enough; null if not finite. */
void clab_json_writer_double         (ClabJsonWriter *writer,
                                      double          value);
void clab_json_writer_int            (ClabJsonWriter *writer,
                                      gint64          value);
void clab_json_writer_boolean        (ClabJsonWriter *writer,
                                      gboolean        value);
void clab_json_writer_null           (ClabJsonWriter *writer);
/* Key and value in one call. */
void clab_json_writer_member_string  (ClabJsonWriter *writer,
                                      const char     *name,
                                      const char     *value);
void clab_json_writer_member_double  (ClabJsonWriter *writer,
                                      const char     *name,
                                      double          value);
void clab_json_writer_member_int     (ClabJsonWriter *writer,
                                      const char     *name,
                                      gint64          value);
void clab_json_writer_member_boolean (ClabJsonWriter *writer,
                                      const char     *name,
                                      gboolean        value);

G_END_DECLS
