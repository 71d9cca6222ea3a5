/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-json-doc.h"
#include "clab-types.h"

G_BEGIN_DECLS

/*
 * Checked access to the members of a parsed ClabJsonDoc. Each function checks presence
 * and type, and on a problem sets a CLAB_ERROR_INVALID_RESULT that names the
 * field by its path, e.g. "modes[1].runs[0].elapsed_s".
 */

typedef enum
{
  CLAB_FIELD_REQUIRED,   /* present, with a value of the type */
  CLAB_FIELD_NULLABLE,   /* present; null means undefined (NAN or NULL) */
  CLAB_FIELD_OPTIONAL,   /* absent keeps the default; null means undefined */
} ClabFieldKind;

typedef enum
{
  CLAB_JSON_PROBLEM_NUMBER,
  CLAB_JSON_PROBLEM_WHOLE_NUMBER,
  CLAB_JSON_PROBLEM_STRING,
  CLAB_JSON_PROBLEM_BOOLEAN,
  CLAB_JSON_PROBLEM_OBJECT,
  CLAB_JSON_PROBLEM_ARRAY,
  CLAB_JSON_PROBLEM_MODE,
  CLAB_JSON_PROBLEM_STATUS,
  CLAB_JSON_PROBLEM_CHECKSUM,
  CLAB_JSON_PROBLEM_DUPLICATE_MODE,
} ClabJsonProblem;

typedef struct
{
  GString  *path;    /* where the reader is, e.g. "modes[1].runs[0]" */
  GError  **error;
} ClabJsonReader;

void                 clab_json_reader_init      (ClabJsonReader       *reader,
                                                 GError              **error);
void                 clab_json_reader_clear     (ClabJsonReader       *reader);
/* Sets the error for @member of the current object (the object itself if NULL). */
gboolean             clab_json_reader_fail      (ClabJsonReader       *reader,
                                                 const char           *member,
                                                 ClabJsonProblem       problem);
/* Descends into "name[index]" (index < 0: "name"); returns the mark for pop. */
gsize                clab_json_reader_push      (ClabJsonReader       *reader,
                                                 const char           *name,
                                                 gint64                index);
void                 clab_json_reader_pop       (ClabJsonReader       *reader,
                                                 gsize                 mark);
/* Each reads into @out only a valid value; FALSE means the error is set. */
gboolean             clab_json_reader_double    (ClabJsonReader       *reader,
                                                 const ClabJsonValue  *object,
                                                 const char           *name,
                                                 ClabFieldKind         kind,
                                                 double               *out);
/* Integers are never undefined: an absent or null optional one keeps @out. */
gboolean             clab_json_reader_int       (ClabJsonReader       *reader,
                                                 const ClabJsonValue  *object,
                                                 const char           *name,
                                                 ClabFieldKind         kind,
                                                 gint64                min,
                                                 gint64                max,
                                                 gint64               *out);
gboolean             clab_json_reader_uint      (ClabJsonReader       *reader,
                                                 const ClabJsonValue  *object,
                                                 const char           *name,
                                                 ClabFieldKind         kind,
                                                 guint                *out);
/* The string stays owned by the document. */
gboolean             clab_json_reader_string    (ClabJsonReader       *reader,
                                                 const ClabJsonValue  *object,
                                                 const char           *name,
                                                 ClabFieldKind         kind,
                                                 const char          **out);
gboolean             clab_json_reader_boolean   (ClabJsonReader       *reader,
                                                 const ClabJsonValue  *object,
                                                 const char           *name,
                                                 gboolean             *out);
/* A required member that is an object; NULL with the error set otherwise. */
const ClabJsonValue *clab_json_reader_object    (ClabJsonReader       *reader,
                                                 const ClabJsonValue  *object,
                                                 const char           *name);
/* An absent or null optional array reads as NULL without an error. */
gboolean             clab_json_reader_array     (ClabJsonReader       *reader,
                                                 const ClabJsonValue  *object,
                                                 const char           *name,
                                                 ClabFieldKind         kind,
                                                 const ClabJsonValue **out);
/* The object at @index of @array; the reader's path must already point at it. */
const ClabJsonValue *clab_json_reader_element   (ClabJsonReader       *reader,
                                                 const ClabJsonValue  *array,
                                                 guint                 index);
/* A finite number, whether JSON wrote it as an integer or not. */
gboolean             clab_json_value_get_number (const ClabJsonValue  *value,
                                                 double               *out);

G_END_DECLS
