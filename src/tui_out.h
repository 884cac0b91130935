/* tui_out.h: the screen's output side (tui_out.c): the canvas copied to
 * curses and what yomu writes over it itself.  For tui*.c only: the one
 * part of yomu that calls curses. */
#ifndef YOMU_TUI_OUT_H
#define YOMU_TUI_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "canvas.h"
#include "theme.h"
#include "util.h"

struct tui_out {
	FILE *out;           /* the terminal, which curses writes to too */
	const char *cup;     /* cursor addressing, for what yomu writes itself */
	struct buf raw;      /* what yomu writes itself, sent after curses' */
	struct cell *shown;  /* the canvas as last copied, SHOWN_W x SHOWN_H */
	int shown_w, shown_h;
	bool repaint;        /* curses repaints every cell, and so must we */
	bool hyperlinks;     /* a link's cells are an OSC 8 hyperlink */
	char **shown_links;  /* the URLs of the canvas as last copied (with
	                      * hyperlinks), by the cells' link numbers */
	size_t nshown_links;
};

/* The colour pairs and attributes of the elements, for theme T fitted to
 * the terminal (after curses started). */
void tui_out_styles(const struct theme *t);
/* Canvas C to the terminal: through curses, then what it would misplace
 * written over it, and with o->hyperlinks the OSC 8 hyperlinks around the
 * cells of its links. */
void tui_out_blit(struct tui_out *o, const struct canvas *c);
/* The whole terminal is to be drawn again, by curses and by us. */
void tui_out_repaint(struct tui_out *o);
/* Ask the terminal how wide it draws ▽ (concealed in the top left corner)
 * with a cursor position request; false if it cannot be asked.
 * tui_out_probe_erase clears the corner after. */
bool tui_out_probe_ask(struct tui_out *o);
void tui_out_probe_erase(struct tui_out *o);
void tui_out_free(struct tui_out *o);

#endif
