/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Lets @spin take the mouse wheel only while it has the keyboard focus; otherwise the wheel
 * scrolls the page it sits on, so that scrolling past a plan never changes it. */
void clab_wheel_guard_spin_button (GtkSpinButton *spin);

G_END_DECLS
