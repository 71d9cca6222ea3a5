/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-window-private.h"

/* Reading a result, opened or kept, in place of the results: a quick read shows nothing, a
 * slow one (a file of tens of MiB takes seconds) a page that says which file and offers
 * Cancel. The last one asked for is shown; Cancel drops it; the rest of the window stays
 * usable meanwhile. */

/* Long enough that a small file never flashes the page, short enough to answer the click. */
#define LOADING_DELAY_MS 300

/* The spinner turns only while its page shows: GTK 4.8 animates a spinning spinner on a
 * hidden page too, which redrew the whole window fifty times a second, idle or running. */
static void
hide_loading_page (ClabWindow *self)
{
  g_clear_handle_id (&self->loading_timeout, g_source_remove);
  gtk_spinner_stop (self->loading_spinner);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->results_stack), "loading") == 0)
    gtk_stack_set_visible_child_name (self->results_stack, self->result ? "results" : "empty");
}

static gboolean
show_loading_page_cb (gpointer user_data)
{
  ClabWindow *self = user_data;

  self->loading_timeout = 0;
  /* A run shows its live view there; what is read meanwhile only joins the history. */
  if (self->session == NULL && self->loading != NULL
      && !g_cancellable_is_cancelled (self->loading))
    {
      gtk_spinner_start (self->loading_spinner);
      gtk_stack_set_visible_child_name (self->results_stack, "loading");
    }
  return G_SOURCE_REMOVE;
}

GCancellable *
_clab_window_begin_loading (ClabWindow *self,
                            const char *name)
{
  g_autofree char *title = NULL;

  /* Not cancelled: a file opened before still joins the history, it only is not shown. */
  g_clear_object (&self->loading);
  g_clear_handle_id (&self->loading_timeout, g_source_remove);
  self->loading = g_cancellable_new ();
  /* Translators: while a result file is read; %s is its name or its title */
  title = g_strdup_printf (_("Opening “%s”…"), name);
  adw_status_page_set_title (self->loading_page, title);
  self->loading_timeout = g_timeout_add (LOADING_DELAY_MS, show_loading_page_cb, self);
  g_debug ("Reading “%s”", name);
  return self->loading;
}

gboolean
_clab_window_end_loading (ClabWindow   *self,
                          GCancellable *cancellable)
{
  if (cancellable == NULL || cancellable != self->loading
      || g_cancellable_is_cancelled (cancellable))
    {
      g_debug ("A result read was dropped: cancelled or replaced by another");
      return FALSE;
    }
  hide_loading_page (self);
  g_clear_object (&self->loading);
  return TRUE;
}

void
_clab_window_cancel_loading (ClabWindow *self)
{
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  hide_loading_page (self);
}

static void
cancel_open_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _clab_window_cancel_loading (CLAB_WINDOW (widget));
}

void
clab_window_class_add_loading (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, ClabWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, ClabWindow, loading_spinner);
  gtk_widget_class_install_action (widget_class, "win.cancel-open", NULL, cancel_open_action);
}
