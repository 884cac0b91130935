/* tui_out.c: the canvas copied to curses, and what yomu writes to the
 * terminal itself over what curses drew: the characters curses would
 * misplace, the question of the ambiguous width (its writing half).  The
 * colour pairs of the elements are set up here.  Only tui*.c call curses. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

/* yomu's headers before curses': term.h defines capability names such as
 * "lines" as macros */
#include "canvas.h"
#include "hyperlink.h"
#include "theme.h"
#include "tui_out.h"
#include "util.h"
#include "width.h"

#include <curses.h>
#include <term.h>

static attr_t el_attr[EL_COUNT];
static short el_pair[EL_COUNT];

static attr_t
curses_attrs(unsigned a)
{
	attr_t r = A_NORMAL;
	if (a & ATTR_BOLD)
		r |= A_BOLD;
	if (a & ATTR_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & ATTR_REVERSE)
		r |= A_REVERSE;
	if (a & ATTR_DIM)
		r |= A_DIM;
	if (a & ATTR_ITALIC)
		r |= A_ITALIC;
	return r;
}

/* One colour pair per element that has a colour, fitted to the terminal's
 * colours; a monochrome terminal or NO_COLOR keeps only the attributes. */
void
tui_out_styles(const struct theme *t)
{
	const char *nc = getenv("NO_COLOR");
	bool no_color = nc && *nc; /* https://no-color.org: set and not empty */
	bool default_ok = true;
	int ncolors = 0;
	struct theme r;

	if (has_colors() && !no_color) {
		start_color();
		default_ok = use_default_colors() == OK;
		/* More than 256 is direct colour (xterm-direct): numbers from 8
		 * up are RGB values there, not the palette, but 0-7 still are. */
		ncolors = COLORS > 256 ? 8 : COLORS;
	}
	theme_resolve(t, ncolors, no_color, &r);
	for (int e = 0; e < EL_COUNT; e++) {
		int fg = r.el[e].fg, bg = r.el[e].bg;
		el_attr[e] = curses_attrs(r.el[e].attrs);
		el_pair[e] = 0;
		if ((fg == COLOR_DEFAULT && bg == COLOR_DEFAULT) || e + 1 >= COLOR_PAIRS)
			continue;
		/* without use_default_colors, -1 is no colour: pair 0's white on black */
		if (!default_ok && fg == COLOR_DEFAULT)
			fg = COLOR_WHITE;
		if (!default_ok && bg == COLOR_DEFAULT)
			bg = COLOR_BLACK;
		if (init_pair((short)(e + 1), (short)fg, (short)bg) == OK)
			el_pair[e] = (short)(e + 1);
	}
}

/* ---- what yomu writes to the terminal itself ----
 *
 * curses places every character by the C library's wcwidth().  Where the
 * terminal draws one in another number of cells (an East Asian Ambiguous
 * character on a terminal that draws them wide, when the C library says
 * one), curses is given a blank of the layout's width instead (an
 * ideographic space for two cells, so that both cells are blank first),
 * and once curses has drawn it, the character is written over it here,
 * the cursor put there absolutely; then the cursor is put back where curses
 * thinks it is, absolutely too.  So no row depends on how many cells the
 * terminal gave the character: a wrong guess costs at worst a blank cell,
 * never a row out of line.  The text is never changed (① stays ①).  See
 * doc/architecture.md for the other ways considered. */

static struct buf *raw_to; /* where raw_putc writes: tputs knows no context */

static int
raw_putc(int ch)
{
	buf_addc(raw_to, (char)ch);
	return ch;
}

static void
raw_move(struct tui_out *o, int y, int x)
{
	raw_to = &o->raw;
	if (o->cup)
		tputs(tiparm(o->cup, y, x), 1, raw_putc);
}

/* WC in the terminal's character set ('?' where it has none). */
static void
raw_wchar(struct tui_out *o, wchar_t wc)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t n;
	memset(&st, 0, sizeof st);
	n = wcrtomb(mb, wc, &st);
	if (n == (size_t)-1)
		buf_addc(&o->raw, '?');
	else
		buf_add(&o->raw, mb, n);
}

/* Attributes through curses, which then knows what the terminal has. */
static void
raw_attr(struct tui_out *o, attr_t a, short pair)
{
	raw_to = &o->raw;
	vid_puts(a, pair, NULL, raw_putc);
}

/* Send what was gathered: curses has sent all it had (doupdate and
 * refresh end by doing so). */
static void
raw_send(struct tui_out *o)
{
	fflush(o->out);
	(void)write_all(fileno(o->out), o->raw.p, o->raw.len);
	o->raw.len = 0;
}

/* After writing cells ourselves (tui_write_cells): the attributes and the
 * cursor put back as curses thinks they are, and all of it sent. */
static void
raw_end(struct tui_out *o)
{
	if (!o->raw.len)
		return;
	raw_attr(o, A_NORMAL, 0);
	raw_move(o, getcury(stdscr), getcurx(stdscr));
	raw_send(o);
}

/* A character the C library does not know (newer than it, such as a
 * Unicode 15 emoji, or missing from the terminal's character set): curses
 * would drop it (wcwidth -1), and terminals differ on it.  Drawn as a
 * stand-in, in the cells the layout counted, the screen keeps the columns
 * --dump has: 〓 (geta, what Japanese typesetting prints for a missing
 * glyph) for two cells, U+FFFD for one, '?' where those are missing. */
static wchar_t
standin(int width, int amb)
{
	if (width == 2 && wcwidth(0x3013) == 2)
		return 0x3013;
	if (width == 1 && width_cp(0xFFFD, amb) == 1 && wcwidth(0xFFFD) == 1)
		return 0xFFFD;
	return '?';
}

/* What the terminal is to show of cell P: its character and combining
 * mark, or stand-ins. */
static void
cell_text(const struct cell *p, int amb, wchar_t wc[3])
{
	wc[0] = (wchar_t)p->cp;
	wc[1] = (wchar_t)p->comb;
	wc[2] = 0;
	if (p->cp >= 0x80 && wcwidth(wc[0]) < 0)
		wc[0] = standin(p->width, amb);
	if (wc[1] && wcwidth(wc[1]) < 0)
		wc[1] = 0; /* a mark curses cannot place: left out */
}

/* Do curses (the C library) and the layout agree on the cells of WC, as
 * cell P shows it? */
static bool
cell_agrees(const struct cell *p, const wchar_t *wc)
{
	return p->cp < 0x80 || wcwidth(wc[0]) == p->width;
}

/* Write cells [X0, X1) of row Y of the canvas to the terminal ourselves,
 * with their attributes: into o->raw, for raw_send.  The cursor is put
 * absolutely before the first character and after every one whose width
 * the terminal may see otherwise than curses (an ambiguous one, or one
 * curses was given a blank for).  The overlay writes through it; so can
 * anything else written after doupdate over cells curses drew (OSC 8
 * hyperlinks around a link's cells); raw_end finishes. */
static void
tui_write_cells(struct tui_out *o, const struct canvas *c, int y, int x0, int x1)
{
	bool placed = false;
	for (int x = x0; x < x1 && x < c->w; x++) {
		const struct cell *p = &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
		wchar_t wc[3];
		if (p->width == 0)
			continue;
		cell_text(p, c->amb, wc);
		if (!placed)
			raw_move(o, y, x);
		raw_attr(o, el_attr[p->el], el_pair[p->el]);
		raw_wchar(o, wc[0]);
		if (wc[1])
			raw_wchar(o, wc[1]);
		placed = p->cp < 0x80 || (cell_agrees(p, wc) && !width_is_ambiguous(p->cp));
	}
}

/* What curses is given for cell P when it would count its cells wrong: a
 * blank of the layout's width that is not a space (curses would clear a
 * run of spaces with one "erase to the end of the line", and the
 * character written over it with them).  Returns the entries used. */
static int
placeholder(const struct cell *p, cchar_t *out)
{
	wchar_t wc[2] = {' ', 0};
	if (p->width == 2 && wcwidth(0x3000) == 2)
		wc[0] = 0x3000;
	else if (p->width == 1 && wcwidth(0xA0) == 1)
		wc[0] = 0xA0;
	for (int i = 0; i < p->width; i++)
		setcchar(&out[i], wc, el_attr[p->el], el_pair[p->el], NULL);
	return wc[0] == ' ' ? p->width : 1;
}

/* Do the N cells of rows A and B differ (field by field: not the padding)? */
static bool
row_changed(const struct cell *a, const struct cell *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i].cp != b[i].cp || a[i].comb != b[i].comb || a[i].el != b[i].el ||
		    a[i].width != b[i].width)
			return true;
	return false;
}

/* ---- hyperlinks (OSC 8) ----
 *
 * A terminal ties a hyperlink to the cells written while one is open, and
 * unties it from a cell written over outside one.  The sequences take no
 * cells, so they never go through curses: after doupdate, the link's
 * cells are written again here inside ESC ] 8 ; ; URL ESC \ ... ESC ] 8 ;
 * ; ESC \, as the characters curses would misplace are, the cursor placed
 * absolutely and put back.  On a row that changed, curses may have written
 * over a link's cells (its own characters, no link): every link of such a
 * row is written again; a cell that linked and links no more, its
 * character unchanged (so curses left it alone), is written again outside
 * any link. */

/* The URL cell P of canvas C links to ("" for none); SHOWN: of the canvas
 * as last copied. */
static const char *
link_of(const struct tui_out *o, const struct canvas *c, const struct cell *p, bool shown)
{
	if (!p->link)
		return "";
	if (shown)
		return (size_t)p->link <= o->nshown_links ? o->shown_links[p->link - 1] : "";
	return (size_t)p->link <= c->nlinks ? c->links[p->link - 1] : "";
}

/* Does a cell of row Y link elsewhere than it did when last copied? */
static bool
row_links_changed(const struct tui_out *o, const struct canvas *c, int y)
{
	size_t at = (size_t)y * (size_t)c->w;
	for (int x = 0; x < c->w; x++)
		if ((c->cells[at + x].link || o->shown[at + x].link) &&
		    strcmp(link_of(o, c, &c->cells[at + x], false), link_of(o, c, &o->shown[at + x], true)) != 0)
			return true;
	return false;
}

/* Row Y's links written again, each inside its OSC 8; with STALE, the
 * cells that linked when last copied and link no more, outside one. */
static void
write_links(struct tui_out *o, const struct canvas *c, int y, bool stale)
{
	const struct cell *row = &c->cells[(size_t)y * (size_t)c->w];
	for (int x = 0; x < c->w;) {
		int x1 = x + 1;
		if (!row[x].link) {
			if (stale && o->shown[(size_t)y * (size_t)c->w + (size_t)x].link)
				tui_write_cells(o, c, y, x, x1);
			x = x1;
			continue;
		}
		while (x1 < c->w && row[x1].link == row[x].link)
			x1++;
		if (hyperlink_open(&o->raw, link_of(o, c, &row[x], false))) {
			tui_write_cells(o, c, y, x, x1);
			hyperlink_close(&o->raw);
		}
		x = x1;
	}
}

static void
free_links(struct tui_out *o)
{
	for (size_t i = 0; i < o->nshown_links; i++)
		free(o->shown_links[i]);
	xfree(&o->shown_links);
	o->nshown_links = 0;
}

/* The URLs of canvas C kept, as the cells' link numbers of o->shown. */
static void
keep_links(struct tui_out *o, const struct canvas *c)
{
	free_links(o);
	if (!c->nlinks)
		return;
	o->shown_links = xmalloc(c->nlinks * sizeof *o->shown_links);
	for (size_t i = 0; i < c->nlinks; i++)
		o->shown_links[i] = xstrdup(c->links[i]);
	o->nshown_links = c->nlinks;
}

/* After doupdate: the characters curses was given blanks for, written over
 * them on every row that changed since the last copy, or on every row when
 * curses repainted all.  On a row that changed, curses may have drawn a
 * blank again where nothing changed (it reprints a few unchanged cells
 * rather than move the cursor over them); a row that did not change it
 * leaves alone.  The cursor and the attributes end where curses thinks
 * they are. */
static void
draw_over(struct tui_out *o, const struct canvas *c)
{
	size_t n = (size_t)c->w * (size_t)c->h, w = (size_t)c->w;
	bool all = o->repaint || o->shown_w != c->w || o->shown_h != c->h;

	for (int y = 0; y < c->h; y++) {
		const struct cell *row = &c->cells[(size_t)y * w];
		bool changed = all || row_changed(row, &o->shown[(size_t)y * w], w);
		if (o->hyperlinks && (changed || row_links_changed(o, c, y)))
			write_links(o, c, y, !all);
		if (!changed)
			continue;
		for (int x = 0; x < c->w; x++) {
			wchar_t wc[3];
			if (row[x].width == 0 || row[x].cp < 0x80 || (o->hyperlinks && row[x].link))
				continue; /* (a link's cells are written already) */
			cell_text(&row[x], c->amb, wc);
			if (!cell_agrees(&row[x], wc))
				tui_write_cells(o, c, y, x, x + row[x].width);
		}
	}
	raw_end(o);
	if (o->hyperlinks)
		keep_links(o, c);
	if (all) {
		free(o->shown);
		o->shown = xmalloc(n * sizeof *o->shown);
		o->shown_w = c->w;
		o->shown_h = c->h;
	}
	memcpy(o->shown, c->cells, n * sizeof *o->shown);
	o->repaint = false;
}

/* The canvas to curses, a row at a time: one entry per character (the
 * cells a wide one covers are curses' to fill), or a placeholder; then
 * the overlay. */
void
tui_out_blit(struct tui_out *o, const struct canvas *c)
{
	cchar_t *row = xmalloc(((size_t)c->w + 1) * sizeof *row);
	for (int y = 0; y < c->h; y++) {
		int n = 0;
		for (int x = 0; x < c->w; x++) {
			const struct cell *p = &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
			wchar_t wc[3];
			if (p->width == 0)
				continue;
			cell_text(p, c->amb, wc);
			if (cell_agrees(p, wc))
				setcchar(&row[n++], wc, el_attr[p->el], el_pair[p->el], NULL);
			else
				n += placeholder(p, &row[n]);
		}
		mvadd_wchnstr(y, 0, row, n);
	}
	free(row);
	wmove(stdscr, 0, 0);
	wnoutrefresh(stdscr);
	doupdate();
	draw_over(o, c);
}

/* ---- the question of the ambiguous width (tui.c reads the answer) ---- */

/* Send it: ▽ concealed in the top left corner of the screen curses has
 * just cleared, and a cursor position request. */
bool
tui_out_probe_ask(struct tui_out *o)
{
	char *ask = tigetstr("u7");
	mbstate_t st;
	char mb[MB_LEN_MAX];
	if (!ask || ask == (char *)-1 || !o->cup)
		return false;
	memset(&st, 0, sizeof st);
	if (wcrtomb(mb, 0x25BD, &st) == (size_t)-1)
		return false; /* not in the terminal's character set */
	refresh(); /* the alternate screen, cleared: curses has sent it all */
	raw_move(o, 0, 0);
	raw_attr(o, A_INVIS, 0);
	raw_wchar(o, 0x25BD);
	raw_attr(o, A_NORMAL, 0);
	raw_to = &o->raw;
	tputs(ask, 1, raw_putc);
	raw_send(o);
	return true;
}

void
tui_out_probe_erase(struct tui_out *o)
{
	raw_move(o, 0, 0);
	buf_adds(&o->raw, "  ");
	raw_move(o, 0, 0);
	raw_send(o);
}

/* The whole terminal is to be drawn again, the overlay too. */
void
tui_out_repaint(struct tui_out *o)
{
	clearok(curscr, TRUE);
	o->repaint = true;
}

void
tui_out_free(struct tui_out *o)
{
	buf_free(&o->raw);
	xfree(&o->shown);
	free_links(o);
}
