/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The line protocol between the engine and the Python driver, data/python/clab-python-driver.py
 * (whose header says the same). The engine starts the chosen interpreter as
 *   PYTHON -u DRIVER --check [--function FILE] [--start-method METHOD]
 *   PYTHON -u DRIVER --mode MODE --workload KIND --size SIZE --tasks N --workers W
 *                    [--function FILE] [--start-method METHOD]
 * and reads lines from its stdout, UTF-8, fields separated by one space; the last field of
 * HELLO, FAIL and ERROR is the rest of the line:
 *   HELLO <protocol> <gil 0|1> <start_method> <implementation> <version> <executable>
 *   READY <user_us> <sys_us>     loaded; waits for "GO\n" on stdin, then starts the mode;
 *                                the CPU time of the driver and all it reaped, until then
 *   PROC <pid>                   a process of the mode started
 *   START <index> <worker> <tid> <pid> <start_ns>
 *   DONE  <index> <worker> <tid> <pid> <start_ns> <end_ns> <cpu_ns> <checksum>
 *   FAIL  <index> <worker> <tid> <pid> <start_ns> <end_ns> <cpu_ns> <reason>
 *   FINISH <end_ns> <user_us> <sys_us>
 *                                every task reported; threads, pools and processes joined;
 *                                the CPU time of the driver and all it reaped, until then
 *   ERROR <code> <detail>        nothing ran; the driver exits with status 2
 * worker is the thread's lane (sequential 0, threads the task's index, thread-pool the pool
 * thread's number) or the process's pid; tid is threading.get_native_id() and pid
 * os.getpid() of the task's thread; times are time.monotonic_ns() (CLOCK_MONOTONIC, the
 * engine's clock); cpu_ns the task's own CPU time (its thread's, or its process's in the
 * process modes); the checksum 16 hex digits. ERROR codes: old-python <version>,
 * unreadable <message>, syntax <line> <message>, no-task, function <message>,
 * start-method <method>, usage <message>. Lines are at most CLAB_PYTHON_MAX_LINE bytes.
 */

#define CLAB_PYTHON_PROTOCOL 1
#define CLAB_PYTHON_MAX_LINE 4096

typedef enum
{
  CLAB_PYTHON_LINE_HELLO,
  CLAB_PYTHON_LINE_READY,
  CLAB_PYTHON_LINE_PROC,
  CLAB_PYTHON_LINE_START,
  CLAB_PYTHON_LINE_DONE,
  CLAB_PYTHON_LINE_FAIL,
  CLAB_PYTHON_LINE_FINISH,
  CLAB_PYTHON_LINE_ERROR,
} ClabPythonLineKind;

/* One parsed line; the strings point into the parsed copy and live as long as the line. */
typedef struct
{
  ClabPythonLineKind kind;
  guint              index;
  gint64             worker;
  gint64             tid;
  gint64             pid;        /* PROC's pid too */
  gint64             start_ns;   /* FINISH's time too */
  gint64             end_ns;
  gint64             cpu_ns;
  gint64             user_us;    /* READY's and FINISH's CPU time of the driver's tree */
  gint64             sys_us;
  guint64            checksum;
  gboolean           gil_enabled;
  guint              protocol;
  char              *text;       /* FAIL's reason, ERROR's detail, HELLO's executable */
  char              *code;       /* ERROR's code, HELLO's start method */
  char              *implementation;
  char              *version;
  GStrv              fields;     /* owns the strings above */
} ClabPythonLine;

/* Parses @line (without its newline); FALSE with a CLAB_ERROR_WORKER for a broken one. */
gboolean clab_python_line_parse (const char      *line,
                                 ClabPythonLine  *parsed,
                                 GError         **error);
void     clab_python_line_clear (ClabPythonLine  *parsed);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ClabPythonLine, clab_python_line_clear)

G_END_DECLS
