/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-types.h"

G_BEGIN_DECLS

/*
 * A compact, read-only JSON document. Result files hold hundreds of thousands
 * of small objects; json-glib gives each a hash table and parses them several
 * times slower than this flat tree of values in one arena.
 */

typedef enum
{
  CLAB_JSON_NULL,
  CLAB_JSON_BOOLEAN,
  CLAB_JSON_INT,
  CLAB_JSON_DOUBLE,
  CLAB_JSON_STRING,
  CLAB_JSON_ARRAY,
  CLAB_JSON_OBJECT,
} ClabJsonType;

typedef struct _ClabJsonValue ClabJsonValue;
typedef struct _ClabJsonDoc   ClabJsonDoc;

struct _ClabJsonValue
{
  ClabJsonType   type;
  guint          length;       /* elements of an array, members of an object */
  const char    *key;          /* the member's name inside an object, else NULL */
  union
  {
    gboolean       boolean;
    gint64         integer;
    double         number;
    const char    *string;     /* valid UTF-8 */
    ClabJsonValue *children;   /* elements or members, in document order */
  };
};

/* Parses UTF-8 JSON text (RFC 8259). Errors are CLAB_ERROR_INVALID_RESULT, worded as a clause
 * for people that completes "“x.json” is not a …: ", e.g. "it ends in the middle (line 167)". */
ClabJsonDoc         *clab_json_doc_parse          (const char          *text,
                                                   gsize                length,
                                                   GError             **error);
void                 clab_json_doc_free           (ClabJsonDoc         *doc);
const ClabJsonValue *clab_json_doc_get_root       (ClabJsonDoc         *doc);
/* The member named @key of @object (the last one if repeated), or NULL. */
const ClabJsonValue *clab_json_value_get_member   (const ClabJsonValue *object,
                                                   const char          *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClabJsonDoc, clab_json_doc_free)

G_END_DECLS
