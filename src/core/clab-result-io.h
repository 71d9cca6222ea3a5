/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "clab-result.h"

G_BEGIN_DECLS

/* The result file, schema "concurrency-lab/result/1": docs/result-format.md describes it and
 * data/schema/result.schema.json checks it. */

/* The largest result file read (regular files only): a run of a million tasks takes about
 * 180 MiB of JSON, so this holds some 90 such runs, more than most machines can parse. */
#define CLAB_RESULT_MAX_BYTES ((gsize) MIN ((guint64) 16 << 30, G_MAXSIZE / 2))

/* Reads a result from the text of a result file, validating every field; errors name it
 * @display_name in a sentence ("“x.json” is not a Concurrency Lab result: …"). */
ClabResult *clab_result_new_from_data  (const char  *data,
                                        gsize        length,
                                        const char  *display_name,
                                        GError     **error);
/* Loads a result file; rejects another schema, missing or wrong-typed fields and damaged
 * text with a sentence that names the file by its base name. */
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
/* "Concurrency Lab: sleep of 2 s, 10 tasks, pools of 2 workers": what the result ran, as the
 * Markdown export's heading and the text summary's first line say it. */
char       *clab_result_dup_heading    (ClabResult  *result);
/* The summary table of the Markdown export and the report, one owner for its columns and
 * numbers: NULL-terminated rows of CLAB_SUMMARY_COLUMNS cells, the headings first; the first
 * column is a mode's name, read from the left, the others numbers, read from the right. */
#define CLAB_SUMMARY_COLUMNS 11
GPtrArray  *clab_result_dup_summary_table (ClabResult *result);
/* One row per mode (runs, mean, σ, median, min, max, user, system, speedup, verdict), as
 * hyperfine's --export-csv; the per-task CSV above stays as it is. */
char       *clab_result_to_summary_csv (ClabResult  *result);
gboolean    clab_result_save_summary_csv (ClabResult *result,
                                          const char *path,
                                          GError    **error);
/* Which runtime ran @result, the one line every export shows: "Native C", or the interpreter
 * as clab_python_info_dup_label() says it (@brief: "CPython 3.11.2 (GIL), fork");
 * control characters escaped. */
char       *clab_result_dup_runtime_label (ClabResult *result,
                                           gboolean    brief);
/* The summary table, the machine and the verdict as plain text with aligned columns,
 * for the clipboard. */
char       *clab_result_to_summary_text (ClabResult *result);

G_END_DECLS
