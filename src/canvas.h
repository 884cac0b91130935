/* canvas.h: a grid of character cells with colour elements.  The screen is
 * drawn here, then copied to curses or, in replay mode, printed as text:
 * what the tests read is what the terminal shows. */
#ifndef YOMU_CANVAS_H
#define YOMU_CANVAS_H

#include <stddef.h>
#include <stdint.h>

struct cell {
	uint32_t cp;    /* the character; 0 in the right half of a wide one */
	uint32_t comb;  /* one combining mark drawn with it, or 0 */
	uint8_t el;     /* enum element */
	uint8_t width;  /* 1 or 2; 0 for the right half of a wide character */
	uint16_t link;  /* 1 + the index of its link in the canvas's, or 0 */
};

struct canvas {
	int w, h;
	int amb;          /* cells of an East Asian Ambiguous character */
	struct cell *cells;
	int cur_y, cur_x; /* where the terminal cursor goes; -1: hidden */
	char **links;     /* the URLs cells link to (terminal hyperlinks) */
	size_t nlinks, links_cap;
};

void canvas_init(struct canvas *c, int w, int h, int amb);
void canvas_free(struct canvas *c);
void canvas_clear(struct canvas *c, int el);
/* Put one character at (Y, X); returns the cells it took (0 if it did not
 * fit: a wide character in the last column leaves a space). */
int canvas_put(struct canvas *c, int y, int x, uint32_t cp, int el);
/* Draw N bytes of UTF-8 from X, never past MAXX; returns the column after. */
int canvas_text(struct canvas *c, int y, int x, int maxx, const char *s, size_t n, int el);
int canvas_str(struct canvas *c, int y, int x, int maxx, const char *s, int el);
/* The same, cut short with "…" right after the last character that fits
 * if S does not. */
int canvas_str_cut(struct canvas *c, int y, int x, int maxx, const char *s, int el);
void canvas_fill(struct canvas *c, int y, int x0, int x1, uint32_t cp, int el);
/* Cells X0..X1 of row Y, as drawn now, link to URL (a terminal that can
 * makes them a hyperlink); drawing over a cell later takes it out. */
void canvas_link(struct canvas *c, int y, int x0, int x1, const char *url);
/* The canvas as text, one line per row, trailing spaces trimmed; the caller
 * frees it.  With ATTRS, each cell is a letter naming its element instead. */
char *canvas_dump(const struct canvas *c, int attrs);

#endif
