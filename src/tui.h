/* tui.h: the full-screen reader on a real terminal (ncursesw). */
#ifndef YOMU_TUI_H
#define YOMU_TUI_H

#include <stdbool.h>

#include "keys.h"
#include "state.h"
#include "theme.h"
#include "ui.h"

/* False for a terminal that cannot move the cursor (TERM=dumb: no "cup"
 * capability): the document is then printed as --dump prints it.  True
 * otherwise, and when TERM is unset or unknown (tui_run says so). */
bool tui_has_screen(void);

/* Run the reader until the user quits; returns the exit status.  T is the
 * theme as configured: it is fitted to the terminal's colours here. */
/* ST: where to open and the marks (NULL: the top, no marks); on return,
 * where the reader was and the marks then.  LOADER: the rest of a
 * document still being read, or NULL.  O->amb 0 (auto): the terminal is
 * asked how wide it draws ambiguous characters before the first layout.
 * TERM_LOCALE: the LC_CTYPE curses draws in when the terminal is not
 * UTF-8 (curses converts), or NULL for the one set. */
int tui_run(const struct doc *d, const struct keymap *keys, const struct ui_opts *o,
            const struct theme *t, struct state_doc *st, const struct ui_loader *loader,
            const char *term_locale);

#endif
