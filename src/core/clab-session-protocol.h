/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "clab-result.h"

G_BEGIN_DECLS

/*
 * How the window talks to the engine it runs in a helper process
 * (`concurrency-lab-cli session`), so that a run from the window is measured exactly as
 * one from the command line: same program, same priority, none of the window's threads
 * or memory in its numbers.
 *
 * To the engine, on its standard input:
 *   PLAN <n>\n      followed by n bytes: the plan as JSON (clab_plan_to_json_string)
 * The engine stops early on SIGTERM or SIGINT, and at the end of its input (a window that
 * went away), and still answers with the partial result.
 * From the engine, on its standard output, one line each:
 *   PROGRESS <done> <total>
 *   SAMPLE <mode> <t_s> <cpu> <user> <system> <iowait> <run> <rss_kib>
 *   ERROR <sentence>            nothing was run (or could be)
 *   RESULT <n>\n                followed by n bytes: the result file's JSON; then it exits
 * Numbers use the C locale.
 */

typedef enum
{
  CLAB_SESSION_EVENT_PROGRESS,
  CLAB_SESSION_EVENT_SAMPLE,
  CLAB_SESSION_EVENT_ERROR,
  CLAB_SESSION_EVENT_RESULT,
} ClabSessionEventType;

typedef struct
{
  ClabSessionEventType type;
  guint                done, total;     /* PROGRESS */
  ClabMode             mode;            /* SAMPLE */
  ClabSample           sample;          /* SAMPLE */
  char                *message;         /* ERROR, owned */
  gsize                length;          /* PLAN, RESULT: the bytes that follow */
} ClabSessionEvent;

/* The longest event or request line read; a longer one is a garbled stream. The bytes
 * after PLAN and RESULT are bounded by CLAB_PLAN_MAX_BYTES and CLAB_RESULT_MAX_BYTES. */
#define CLAB_SESSION_MAX_LINE (64 * 1024)

/* The argument that makes the command line serve one session. */
#define CLAB_SESSION_COMMAND "session"

/* The request and event lines, each with its newline. */
char     *clab_session_format_plan     (gsize                 length);
char     *clab_session_format_progress (guint                 done,
                                        guint                 total);
char     *clab_session_format_sample   (ClabMode              mode,
                                        const ClabSample     *sample);
char     *clab_session_format_error    (const char           *message);
char     *clab_session_format_result   (gsize                 length);
/* Parses one event line (without its newline); FALSE, with @error set, for anything else. */
gboolean  clab_session_parse_event     (const char           *line,
                                        ClabSessionEvent     *event,
                                        GError              **error);
/* Parses "PLAN <n>"; FALSE for anything else. */
gboolean  clab_session_parse_plan      (const char           *line,
                                        gsize                *length);
void      clab_session_event_clear     (ClabSessionEvent     *event);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ClabSessionEvent, clab_session_event_clear)

G_END_DECLS
