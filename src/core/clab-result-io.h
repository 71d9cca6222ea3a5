/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "clab-result.h"

G_BEGIN_DECLS

/* The result file format of DESIGN.md, schema "concurrency-lab/result/1". */

/* The largest result file read (regular files only): a run of a million tasks takes about
 * 180 MiB of JSON, so this holds some 90 such runs, more than most machines can parse. */
#define CLAB_RESULT_MAX_BYTES ((gsize) MIN ((guint64) 16 << 30, G_MAXSIZE / 2))

JsonNode   *clab_result_to_json        (ClabResult  *result);
ClabResult *clab_result_new_from_json  (JsonNode    *node,
                                        GError     **error);
/* Loads a result file; rejects another schema, missing or wrong-typed fields. */
ClabResult *clab_result_load           (const char  *path,
                                        GError     **error);
/* Each writer replaces @path atomically: a failure leaves the old file as it was. */
gboolean    clab_result_save_json      (ClabResult  *result,
                                        const char  *path,
                                        GError     **error);
gboolean    clab_result_save_csv       (ClabResult  *result,
                                        const char  *path,
                                        GError     **error);
gboolean    clab_result_save_markdown  (ClabResult  *result,
                                        const char  *path,
                                        GError     **error);
/* The same texts in memory. */
char       *clab_result_to_json_string (ClabResult  *result,
                                        gboolean     pretty);
char       *clab_result_to_csv         (ClabResult  *result);
char       *clab_result_to_markdown    (ClabResult  *result);

G_END_DECLS
