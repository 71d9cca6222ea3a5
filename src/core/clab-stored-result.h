/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What the history lists of a kept result without reading the result itself: the small info
 * file kept beside it (see clab-result-store.h). */

typedef struct _ClabStoredResult ClabStoredResult;

struct _ClabStoredResult
{
  char      *id;          /* the file name without ".json": the key of every call */
  char      *path;        /* the result file */
  char      *title;       /* what it ran, as titled when it was kept; never NULL */
  char      *name;        /* the name the person gave it, or NULL */
  GDateTime *time;        /* when it finished, or was opened */
  gboolean   cancelled;
  char      *hostname;    /* the machine it ran on, or NULL */
  char      *source;      /* the file it was opened from, or NULL for a run of this app */
};

#define CLAB_TYPE_STORED_RESULT (clab_stored_result_get_type ())

GType             clab_stored_result_get_type (void) G_GNUC_CONST;
ClabStoredResult *clab_stored_result_copy     (const ClabStoredResult *info);
void              clab_stored_result_free     (ClabStoredResult       *info);
/* The person's name for it, else its title. */
const char       *clab_stored_result_get_display_name (const ClabStoredResult *info);

/* The info file's text (a key file), without the id and path that its file name gives. */
char             *clab_stored_result_to_key_data (const ClabStoredResult *info,
                                                  gsize                  *length);
/* Reads an info file's text; NULL when it lacks its title or time, or is not a key file. */
ClabStoredResult *clab_stored_result_new_from_key_data (const char  *data,
                                                        gsize        length,
                                                        GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClabStoredResult, clab_stored_result_free)

G_END_DECLS
