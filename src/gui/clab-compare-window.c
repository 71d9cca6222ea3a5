/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "clab-compare-view.h"
#include "clab-compare-window.h"
#include "clab-comparison.h"
#include "clab-window.h"

/* The Compare view in a window of its own: the results to pick on the left, the charts and the
 * table of the picked ones on the right. The order of ticking is the order of comparing, so
 * the first result ticked is the reference that the others' changes are measured against. */

struct _ClabCompareWindow
{
  AdwWindow       parent_instance;

  AdwToastOverlay *toasts;
  GtkListBox     *list;
  ClabCompareView *view;

  GtkWindow      *parent;      /* weak */
  GListModel     *results;     /* of ClabComparison */
  GListStore     *chosen;      /* of ClabComparison, in the order they were ticked */
  GCancellable   *cancellable;
  guint           open_pending;
};

G_DEFINE_FINAL_TYPE (ClabCompareWindow, clab_compare_window, ADW_TYPE_WINDOW)

static gboolean
find_chosen (ClabCompareWindow *self,
             ClabComparison    *comparison,
             guint             *position)
{
  return g_list_store_find (self->chosen, comparison, position);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(ClabCompareWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClabResult) result = clab_comparison_load_finish (CLAB_COMPARISON (source), res, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (result == NULL)
    {
      guint position;

      /* A kept file that went bad cannot join the comparison: say so where the person is. */
      if (find_chosen (self, CLAB_COMPARISON (source), &position))
        g_list_store_remove (self->chosen, position);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  clab_compare_view_refresh (self->view);
}

void
clab_compare_window_choose (ClabCompareWindow *self,
                            guint              position,
                            gboolean           chosen)
{
  GtkListBoxRow *row;
  GtkWidget *check;

  g_return_if_fail (CLAB_IS_COMPARE_WINDOW (self));

  row = gtk_list_box_get_row_at_index (self->list, position);
  g_return_if_fail (row != NULL);
  check = g_object_get_data (G_OBJECT (row), "check");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), chosen);
}

GtkWidget *
clab_compare_window_get_view (ClabCompareWindow *self)
{
  g_return_val_if_fail (CLAB_IS_COMPARE_WINDOW (self), NULL);
  return GTK_WIDGET (self->view);
}

static void
toggled_cb (GtkCheckButton *check,
            ClabCompareWindow *self)
{
  ClabComparison *comparison = g_object_get_data (G_OBJECT (check), "comparison");
  guint position;

  if (gtk_check_button_get_active (check))
    {
      if (find_chosen (self, comparison, &position))
        return;
      g_list_store_append (self->chosen, comparison);
      if (clab_comparison_get_result (comparison) == NULL)
        clab_comparison_load_async (comparison, self->cancellable, loaded_cb, g_object_ref (self));
    }
  else if (find_chosen (self, comparison, &position))
    g_list_store_remove (self->chosen, position);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  ClabCompareWindow *self = user_data;
  ClabComparison *comparison = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *title = g_markup_escape_text (clab_comparison_get_title (comparison), -1);
  g_autofree char *subtitle = g_markup_escape_text (clab_comparison_get_subtitle (comparison), -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data (G_OBJECT (check), "comparison", comparison);
  g_object_set_data (G_OBJECT (row), "check", check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), find_chosen (self, comparison, NULL));
  g_signal_connect (check, "toggled", G_CALLBACK (toggled_cb), self);
  return row;
}

/* A file the person opened from here joins the comparison at once: that is why they opened it. */
static void
results_changed_cb (GListModel        *results,
                    guint              position,
                    guint              removed,
                    guint              added,
                    ClabCompareWindow *self)
{
  for (guint c = removed > 0 ? g_list_model_get_n_items (G_LIST_MODEL (self->chosen)) : 0; c-- > 0;)
    {
      g_autoptr(ClabComparison) chosen = g_list_model_get_item (G_LIST_MODEL (self->chosen), c);
      gboolean still_there = FALSE;

      for (guint r = 0; r < g_list_model_get_n_items (results) && !still_there; r++)
        {
          g_autoptr(ClabComparison) item = g_list_model_get_item (results, r);
          still_there = item == chosen;
        }
      if (!still_there)
        g_list_store_remove (self->chosen, c);
    }
  if (self->open_pending > 0 && added > 0)
    {
      self->open_pending--;
      for (guint i = 0; i < added; i++)
        clab_compare_window_choose (self, position + i, TRUE);
    }
}

static void
open_response_cb (GtkNativeDialog   *chooser,
                  int                response,
                  ClabCompareWindow *self)
{
  g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && self->parent != NULL && CLAB_IS_WINDOW (self->parent))
    for (guint i = 0; i < g_list_model_get_n_items (files); i++)
      {
        g_autoptr(GFile) file = g_list_model_get_item (files, i);

        self->open_pending++;
        clab_window_open_file (CLAB_WINDOW (self->parent), file);
      }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ClabCompareWindow *self = CLAB_COMPARE_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Result Files"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Concurrency Lab Results"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

ClabCompareWindow *
clab_compare_window_new (GtkWindow  *parent,
                         GListModel *results)
{
  ClabCompareWindow *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (results), NULL);

  self = g_object_new (CLAB_TYPE_COMPARE_WINDOW, "transient-for", parent, NULL);
  g_set_weak_pointer (&self->parent, parent);
  self->results = g_object_ref (results);
  gtk_list_box_bind_model (self->list, results, create_row, self, NULL);
  g_signal_connect_object (results, "items-changed", G_CALLBACK (results_changed_cb), self,
                           G_CONNECT_AFTER);
  return self;
}

static void
clab_compare_window_dispose (GObject *object)
{
  ClabCompareWindow *self = CLAB_COMPARE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->results);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (clab_compare_window_parent_class)->dispose (object);
}

static void
clab_compare_window_finalize (GObject *object)
{
  ClabCompareWindow *self = CLAB_COMPARE_WINDOW (object);

  g_clear_object (&self->chosen);
  G_OBJECT_CLASS (clab_compare_window_parent_class)->finalize (object);
}

static void
clab_compare_window_class_init (ClabCompareWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clab_compare_window_dispose;
  object_class->finalize = clab_compare_window_finalize;
  g_type_ensure (CLAB_TYPE_COMPARE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/concurrencylab/ConcurrencyLab/clab-compare-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ClabCompareWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, ClabCompareWindow, list);
  gtk_widget_class_bind_template_child (widget_class, ClabCompareWindow, view);
  gtk_widget_class_install_action (widget_class, "compare.open", NULL, open_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "compare.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
clab_compare_window_init (ClabCompareWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->chosen = g_list_store_new (CLAB_TYPE_COMPARISON);
  self->cancellable = g_cancellable_new ();
  clab_compare_view_set_results (self->view, G_LIST_MODEL (self->chosen));
}
