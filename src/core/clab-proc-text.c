/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clab-proc-text.h"

gssize
clab_proc_reread_text (int   fd,
                       char *buf,
                       gsize size)
{
  gssize n = fd >= 0 ? pread (fd, buf, size - 1, 0) : -1;

  buf[MAX (n, 0)] = '\0';
  return n;
}

gssize
clab_proc_read_text (const char *path,
                     char       *buf,
                     gsize       size)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  gssize n;

  if (fd < 0)
    {
      buf[0] = '\0';
      return -1;
    }
  n = clab_proc_reread_text (fd, buf, size);
  close (fd);
  return n;
}

GPid
clab_proc_read_ppid (GPid pid)
{
  char path[32], buf[512];
  const char *p;

  g_snprintf (path, sizeof path, "/proc/%d/stat", pid);
  /* The command name may hold spaces and parentheses: the fields start after the last ')'. */
  if (pid <= 0 || clab_proc_read_text (path, buf, sizeof buf) <= 0
      || (p = strrchr (buf, ')')) == NULL || p[1] != ' ' || p[2] == '\0' || p[3] != ' ')
    return 0;
  return (GPid) strtol (p + 4, NULL, 10);
}
