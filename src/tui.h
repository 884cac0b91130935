/* tui.h: the full-screen reader on a real terminal (ncursesw). */
#ifndef YOMU_TUI_H
#define YOMU_TUI_H

#include "doc.h"
#include "keys.h"
#include "ui.h"

/* Run the reader until the user quits; returns the exit status. */
int tui_run(const struct doc *d, const struct keymap *keys, const struct ui_opts *o);

#endif
