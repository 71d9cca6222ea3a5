/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
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
