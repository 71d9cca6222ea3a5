/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "clab-json-reader.h"

void
clab_json_reader_init (ClabJsonReader *reader,
                       GError        **error)
{
  g_return_if_fail (reader != NULL);

  reader->path = g_string_new (NULL);
  reader->error = error;
}

void
clab_json_reader_clear (ClabJsonReader *reader)
{
  g_return_if_fail (reader != NULL);

  if (reader->path != NULL)
    g_string_free (g_steal_pointer (&reader->path), TRUE);
}

static char *
dup_field (ClabJsonReader *reader,
           const char     *member)
{
  if (member == NULL)
    return g_strdup (reader->path->str);
  if (reader->path->len == 0)
    return g_strdup (member);
  return g_strdup_printf ("%s.%s", reader->path->str, member);
}

gboolean
clab_json_reader_fail (ClabJsonReader *reader,
                       const char     *member,
                       ClabJsonProblem problem)
{
  g_autofree char *field = dup_field (reader, member);

#define FAIL(msg) g_set_error (reader->error, CLAB_ERROR, CLAB_ERROR_INVALID_RESULT, msg, field)
  switch (problem)
    {
    case CLAB_JSON_PROBLEM_NUMBER:
      FAIL (_("%s is missing or not a number."));
      break;
    case CLAB_JSON_PROBLEM_WHOLE_NUMBER:
      FAIL (_("%s is missing or not a whole number in range."));
      break;
    case CLAB_JSON_PROBLEM_STRING:
      FAIL (_("%s is missing or not a string."));
      break;
    case CLAB_JSON_PROBLEM_BOOLEAN:
      FAIL (_("%s is not true or false."));
      break;
    case CLAB_JSON_PROBLEM_OBJECT:
      FAIL (_("%s is missing or not an object."));
      break;
    case CLAB_JSON_PROBLEM_ARRAY:
      FAIL (_("%s is missing or not an array."));
      break;
    case CLAB_JSON_PROBLEM_MODE:
      FAIL (_("%s is not the name of a mode."));
      break;
    case CLAB_JSON_PROBLEM_STATUS:
      FAIL (_("%s is not the name of a task status."));
      break;
    case CLAB_JSON_PROBLEM_CHECKSUM:
      FAIL (_("%s is not a checksum of up to 16 hexadecimal digits."));
      break;
    case CLAB_JSON_PROBLEM_DUPLICATE_MODE:
      FAIL (_("%s names a mode that appears twice."));
      break;
    default:
      g_assert_not_reached ();
    }
#undef FAIL

  return FALSE;
}

gsize
clab_json_reader_push (ClabJsonReader *reader,
                       const char     *name,
                       gint64          index)
{
  gsize mark = reader->path->len;

  if (mark > 0)
    g_string_append_c (reader->path, '.');
  g_string_append (reader->path, name);
  if (index >= 0)
    g_string_append_printf (reader->path, "[%" G_GINT64_FORMAT "]", index);

  return mark;
}

void
clab_json_reader_pop (ClabJsonReader *reader,
                      gsize           mark)
{
  g_string_truncate (reader->path, mark);
}

/* FALSE when the member is absent or null and @kind allows that: keep the default. */
static gboolean
lookup (const ClabJsonValue  *object,
        const char           *name,
        ClabFieldKind         kind,
        const ClabJsonValue **out)
{
  *out = clab_json_value_get_member (object, name);
  if (*out == NULL)
    return kind != CLAB_FIELD_OPTIONAL;
  if ((*out)->type == CLAB_JSON_NULL)
    return kind == CLAB_FIELD_REQUIRED;
  return TRUE;
}

gboolean
clab_json_value_get_number (const ClabJsonValue *value,
                            double              *out)
{
  if (value == NULL)
    return FALSE;

  if (value->type == CLAB_JSON_DOUBLE)
    *out = value->number;
  else if (value->type == CLAB_JSON_INT)
    *out = value->integer;
  else
    return FALSE;

  return isfinite (*out);
}

gboolean
clab_json_reader_double (ClabJsonReader      *reader,
                         const ClabJsonValue *object,
                         const char          *name,
                         ClabFieldKind        kind,
                         double              *out)
{
  const ClabJsonValue *member;
  double value;

  if (!lookup (object, name, kind, &member))
    {
      if (member != NULL)
        *out = NAN;
      return TRUE;
    }
  if (!clab_json_value_get_number (member, &value))
    return clab_json_reader_fail (reader, name, CLAB_JSON_PROBLEM_NUMBER);

  *out = value;
  return TRUE;
}

static gboolean
value_get_int (const ClabJsonValue *value,
               gint64               min,
               gint64               max,
               gint64              *out)
{
  double d;

  if (value == NULL)
    return FALSE;

  if (value->type == CLAB_JSON_INT)
    *out = value->integer;
  else if (clab_json_value_get_number (value, &d) && d == floor (d) && fabs (d) < 0x1p62)
    *out = (gint64) d;
  else
    return FALSE;

  return *out >= min && *out <= max;
}

gboolean
clab_json_reader_int (ClabJsonReader      *reader,
                      const ClabJsonValue *object,
                      const char          *name,
                      ClabFieldKind        kind,
                      gint64               min,
                      gint64               max,
                      gint64              *out)
{
  const ClabJsonValue *member;
  gint64 value;

  if (!lookup (object, name, kind, &member))
    return TRUE;
  if (!value_get_int (member, min, max, &value))
    return clab_json_reader_fail (reader, name, CLAB_JSON_PROBLEM_WHOLE_NUMBER);

  *out = value;
  return TRUE;
}

gboolean
clab_json_reader_uint (ClabJsonReader      *reader,
                       const ClabJsonValue *object,
                       const char          *name,
                       ClabFieldKind        kind,
                       guint               *out)
{
  gint64 value = *out;

  if (!clab_json_reader_int (reader, object, name, kind, 0, G_MAXUINT, &value))
    return FALSE;

  *out = value;
  return TRUE;
}

gboolean
clab_json_reader_string (ClabJsonReader      *reader,
                         const ClabJsonValue *object,
                         const char          *name,
                         ClabFieldKind        kind,
                         const char         **out)
{
  const ClabJsonValue *member;

  if (!lookup (object, name, kind, &member))
    {
      if (member != NULL)
        *out = NULL;
      return TRUE;
    }
  if (member == NULL || member->type != CLAB_JSON_STRING)
    return clab_json_reader_fail (reader, name, CLAB_JSON_PROBLEM_STRING);

  *out = member->string;
  return TRUE;
}

gboolean
clab_json_reader_boolean (ClabJsonReader      *reader,
                          const ClabJsonValue *object,
                          const char          *name,
                          gboolean            *out)
{
  const ClabJsonValue *member;

  if (!lookup (object, name, CLAB_FIELD_OPTIONAL, &member))
    return TRUE;
  if (member->type != CLAB_JSON_BOOLEAN)
    return clab_json_reader_fail (reader, name, CLAB_JSON_PROBLEM_BOOLEAN);

  *out = member->boolean;
  return TRUE;
}

const ClabJsonValue *
clab_json_reader_object (ClabJsonReader      *reader,
                         const ClabJsonValue *object,
                         const char          *name)
{
  const ClabJsonValue *member = clab_json_value_get_member (object, name);

  if (member == NULL || member->type != CLAB_JSON_OBJECT)
    {
      clab_json_reader_fail (reader, name, CLAB_JSON_PROBLEM_OBJECT);
      return NULL;
    }

  return member;
}

gboolean
clab_json_reader_array (ClabJsonReader       *reader,
                        const ClabJsonValue  *object,
                        const char           *name,
                        ClabFieldKind         kind,
                        const ClabJsonValue **out)
{
  const ClabJsonValue *member;

  *out = NULL;
  if (!lookup (object, name, kind, &member))
    return TRUE;
  if (member == NULL || member->type != CLAB_JSON_ARRAY)
    return clab_json_reader_fail (reader, name, CLAB_JSON_PROBLEM_ARRAY);

  *out = member;
  return TRUE;
}

const ClabJsonValue *
clab_json_reader_element (ClabJsonReader      *reader,
                          const ClabJsonValue *array,
                          guint                index)
{
  const ClabJsonValue *element;

  g_assert (array->type == CLAB_JSON_ARRAY && index < array->length);

  element = &array->children[index];
  if (element->type != CLAB_JSON_OBJECT)
    {
      clab_json_reader_fail (reader, NULL, CLAB_JSON_PROBLEM_OBJECT);
      return NULL;
    }

  return element;
}
