/* hyperlink.h: terminal hyperlinks (OSC 8): whether the terminal is known
 * to take them, and the sequences around a link's cells, the URL made
 * safe.  No curses here: tui_out.c writes them, the tests read them. */
#ifndef YOMU_HYPERLINK_H
#define YOMU_HYPERLINK_H

#include <stdbool.h>

#include "util.h"

/* The hyperlinks setting (settings.hyperlinks). */
enum hyperlink_mode { HYPERLINKS_AUTO, HYPERLINKS_ON, HYPERLINKS_OFF };

/* The longest URL (percent-encoded) sent: longer ones are no hyperlink
 * (terminals cap them; VTE at 2083 bytes). */
#define HYPERLINK_MAX_URL 2048

/* Is the terminal known to show OSC 8 hyperlinks, from the environment
 * (TERM_PROGRAM, VTE_VERSION, KITTY_WINDOW_ID, WT_SESSION, TERM)?  False
 * inside tmux or screen, which may not pass them on, unless TERM_PROGRAM
 * names a terminal that does.  Conservative: an unknown terminal is no. */
bool hyperlink_auto(void);
/* MODE resolved: on, off, or what hyperlink_auto says. */
bool hyperlink_enabled(int mode);

/* Add to B the sequence that starts a hyperlink to URL: ESC ] 8 ; ; URL
 * ESC \, every byte of URL outside printable ASCII (controls, ESC, BEL,
 * space, DEL, and each byte of a non-ASCII character) percent-encoded, so
 * that nothing in it can end the sequence or start another.  False (and B
 * unchanged) for an empty URL or one longer than HYPERLINK_MAX_URL. */
bool hyperlink_open(struct buf *b, const char *url);
/* Add to B the sequence that ends a hyperlink: ESC ] 8 ; ; ESC \. */
void hyperlink_close(struct buf *b);

#endif
