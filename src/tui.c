/* tui.c: the curses side of the screen: terminal set-up and restore,
 * signals, the input loop, asking the terminal how wide it draws East Asian
 * Ambiguous characters, and copying the canvas to ncursesw with the
 * wide-character API, writing itself the characters curses would misplace
 * (see blit).  Signal handlers only set flags.  A terminal without cursor
 * addressing gets no screen (tui_has_screen). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

/* yomu's headers before curses': term.h defines capability names such as
 * "lines" as macros */
#include "canvas.h"
#include "clipboard.h"
#include "i18n.h"
#include "keys.h"
#include "reader.h"
#include "text.h"
#include "theme.h"
#include "tui.h"
#include "ui.h"
#include "util.h"
#include "width.h"

#include <curses.h>
#include <term.h>

static volatile sig_atomic_t got_signal;
static volatile sig_atomic_t got_stop; /* Ctrl-Z */
static struct termios saved_tty;
static int saved_tty_ok;
static int tty_fd = -1;
/* What the crash handler writes to leave the alternate screen, show the
 * cursor and reset attributes: computed before anything can crash. */
static char restore_seq[128];
static size_t restore_len;

static void
on_quit_signal(int sig)
{
	got_signal = sig;
}

static void
on_stop(int sig)
{
	got_stop = 1;
}

static void
on_crash(int sig)
{
	/* async-signal-safe only: write, tcsetattr, signal, raise */
	if (restore_len)
		(void)!write(STDOUT_FILENO, restore_seq, restore_len);
	if (saved_tty_ok)
		tcsetattr(tty_fd, TCSANOW, &saved_tty);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
add_restore(const char *cap)
{
	char *s = tigetstr((char *)cap);
	size_t n;
	if (!s || s == (char *)-1)
		return;
	n = strlen(s);
	if (restore_len + n < sizeof restore_seq) {
		memcpy(restore_seq + restore_len, s, n);
		restore_len += n;
	}
}

static void
install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_quit_signal;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a blocking read returns, and the loop sees the flag */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL); /* Ctrl-\: no core dump on the alternate screen */
	/* in place of curses' handler, which draws from the handler */
	sa.sa_handler = on_stop;
	sigaction(SIGTSTP, &sa, NULL);
	sa.sa_handler = on_quit_signal;
	{
		/* a SIGHUP ignored by the caller (nohup) stays ignored: the
		 * lost terminal is then seen as EOF or EIO by the input loop */
		struct sigaction old;
		if (sigaction(SIGHUP, NULL, &old) != 0 || old.sa_handler != SIG_IGN)
			sigaction(SIGHUP, &sa, NULL);
	}
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
}

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
static void
init_styles(const struct theme *t)
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

/* The terminal as yomu holds it while the screen is open. */
struct tui {
	SCREEN *scr;
	FILE *in;            /* where keys come from */
	FILE *out;           /* the terminal: a descriptor of its own, since
	                      * stdout may convert to the terminal's set */
	int fd;              /* of IN */
	struct canvas c;
	struct reader *r;
	locale_t loc, old_loc; /* the terminal's LC_CTYPE while curses runs, or 0 */
	const char *cup;     /* cursor addressing, for what tui.c writes itself */
	struct buf raw;      /* what tui.c writes itself, sent after curses' */
	struct cell *shown;  /* the canvas as last copied, SHOWN_W x SHOWN_H */
	int shown_w, shown_h;
	bool repaint;        /* curses repaints every cell, and so must we */
	int32_t *ahead;      /* keys read while the probe waited, not yet handled */
	size_t nahead, ahead_at, ahead_cap;
	const char *copy_command; /* what copies for y and Y, or NULL: OSC 52 */
};

/* ---- what tui.c writes to the terminal itself ----
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
raw_move(struct tui *t, int y, int x)
{
	raw_to = &t->raw;
	if (t->cup)
		tputs(tiparm(t->cup, y, x), 1, raw_putc);
}

/* WC in the terminal's character set ('?' where it has none). */
static void
raw_wchar(struct tui *t, wchar_t wc)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t n;
	memset(&st, 0, sizeof st);
	n = wcrtomb(mb, wc, &st);
	if (n == (size_t)-1)
		buf_addc(&t->raw, '?');
	else
		buf_add(&t->raw, mb, n);
}

/* Attributes through curses, which then knows what the terminal has. */
static void
raw_attr(struct tui *t, attr_t a, short pair)
{
	raw_to = &t->raw;
	vid_puts(a, pair, NULL, raw_putc);
}

static void
write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

/* Send what was gathered: curses has sent all it had (doupdate and
 * refresh end by doing so). */
static void
raw_send(struct tui *t)
{
	fflush(t->out);
	write_all(fileno(t->out), t->raw.p, t->raw.len);
	t->raw.len = 0;
}

/* After writing cells ourselves (tui_write_cells): the attributes and the
 * cursor put back as curses thinks they are, and all of it sent. */
static void
raw_end(struct tui *t)
{
	if (!t->raw.len)
		return;
	raw_attr(t, A_NORMAL, 0);
	raw_move(t, getcury(stdscr), getcurx(stdscr));
	raw_send(t);
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
 * with their attributes: into t->raw, for raw_send.  The cursor is put
 * absolutely before the first character and after every one whose width
 * the terminal may see otherwise than curses (an ambiguous one, or one
 * curses was given a blank for).  The overlay writes through it; so can
 * anything else written after doupdate over cells curses drew (OSC 8
 * hyperlinks around a link's cells); raw_end finishes. */
static void
tui_write_cells(struct tui *t, int y, int x0, int x1)
{
	const struct canvas *c = &t->c;
	bool placed = false;
	for (int x = x0; x < x1 && x < c->w; x++) {
		const struct cell *p = &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
		wchar_t wc[3];
		if (p->width == 0)
			continue;
		cell_text(p, c->amb, wc);
		if (!placed)
			raw_move(t, y, x);
		raw_attr(t, el_attr[p->el], el_pair[p->el]);
		raw_wchar(t, wc[0]);
		if (wc[1])
			raw_wchar(t, wc[1]);
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

/* After doupdate: the characters curses was given blanks for, written over
 * them on every row that changed since the last copy, or on every row when
 * curses repainted all.  On a row that changed, curses may have drawn a
 * blank again where nothing changed (it reprints a few unchanged cells
 * rather than move the cursor over them); a row that did not change it
 * leaves alone.  The cursor and the attributes end where curses thinks
 * they are. */
static void
draw_over(struct tui *t)
{
	const struct canvas *c = &t->c;
	size_t n = (size_t)c->w * (size_t)c->h, w = (size_t)c->w;
	bool all = t->repaint || t->shown_w != c->w || t->shown_h != c->h;

	for (int y = 0; y < c->h; y++) {
		const struct cell *row = &c->cells[(size_t)y * w];
		if (!all && !row_changed(row, &t->shown[(size_t)y * w], w))
			continue;
		for (int x = 0; x < c->w; x++) {
			wchar_t wc[3];
			if (row[x].width == 0 || row[x].cp < 0x80)
				continue;
			cell_text(&row[x], c->amb, wc);
			if (!cell_agrees(&row[x], wc))
				tui_write_cells(t, y, x, x + row[x].width);
		}
	}
	raw_end(t);
	if (all) {
		free(t->shown);
		t->shown = xmalloc(n * sizeof *t->shown);
		t->shown_w = c->w;
		t->shown_h = c->h;
	}
	memcpy(t->shown, c->cells, n * sizeof *t->shown);
	t->repaint = false;
}

/* The canvas to curses, a row at a time: one entry per character (the
 * cells a wide one covers are curses' to fill), or a placeholder; then
 * the overlay. */
static void
blit(struct tui *t)
{
	const struct canvas *c = &t->c;
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
	draw_over(t);
}

/* The whole terminal is to be drawn again, the overlay too. */
static void
repaint_all(struct tui *t)
{
	clearok(curscr, TRUE);
	t->repaint = true;
}

/* A key is waiting to be read (the idle work stops for it). */
static bool
key_waiting(const struct tui *t)
{
	struct pollfd p = {t->fd, POLLIN, 0};
	return t->ahead_at < t->nahead || poll(&p, 1, 0) > 0;
}

static int32_t
translate(int st, wint_t ch)
{
	if (st == OK) {
		if (ch == '\r' || ch == '\n')
			return K_ENTER;
		if (ch == 0x7F || ch == 0x08)
			return K_BACKSPACE;
		return (int32_t)ch;
	}
	switch (ch) {
	case KEY_UP: return K_UP;
	case KEY_DOWN: return K_DOWN;
	case KEY_LEFT: return K_LEFT;
	case KEY_RIGHT: return K_RIGHT;
	case KEY_PPAGE: return K_PGUP;
	case KEY_NPAGE: return K_PGDN;
	case KEY_HOME: return K_HOME;
	case KEY_END: return K_END;
	case KEY_BTAB: return K_BTAB;
	case KEY_BACKSPACE: return K_BACKSPACE;
	case KEY_DC: return K_DELETE;
	case KEY_IC: return K_INSERT;
	case KEY_ENTER: return K_ENTER;
	case KEY_RESIZE: return K_RESIZE;
	case KEY_MOUSE: return K_MOUSE;
	default:
		/* and the probe's replies (KEY_PROBE), late or not: no key */
		if (ch >= KEY_F(1) && ch <= KEY_F(12))
			return (int32_t)(K_F1 + (int)(ch - KEY_F(1)));
		return K_NONE;
	}
}

/* The key of what get_wch gave: Esc followed at once by a key is
 * Alt+key. */
static int32_t
key_of(int st, wint_t ch)
{
	int32_t key = translate(st, ch);
	if (key == K_ESC) {
		wint_t ch2;
		int st2;
		nodelay(stdscr, TRUE);
		st2 = get_wch(&ch2);
		nodelay(stdscr, FALSE);
		if (st2 != ERR) {
			int32_t k2 = translate(st2, ch2);
			if (k2 != K_NONE && k2 != K_RESIZE && k2 != K_MOUSE)
				key = k2 | YK_ALT;
			else if (st2 == KEY_CODE_YES)
				ungetch((int)ch2); /* a resize, a click: the next turn's */
		}
	}
	return key;
}

/* ---- the ambiguous width, asked of the terminal ---- */

/* How long the terminal has to answer (it is a round trip, over ssh too). */
#define PROBE_WAIT_MS 100
/* The key codes define_key gives the replies the probe can get: row 1,
 * column 1 to 3 (ESC [ 1 ; 3 R is kf51 to xterm's terminfo, and nothing to
 * others', so a late one would come as keys).  Above the codes curses
 * gives the terminal's own keys. */
#define KEY_PROBE 0x7E00

static void
ahead_push(struct tui *t, int32_t key)
{
	if (key == K_NONE)
		return;
	xgrow(&t->ahead, &t->ahead_cap, t->nahead + 1, sizeof *t->ahead);
	t->ahead[t->nahead++] = key;
}

/* Send the question: ▽ (what vim asks with) concealed in the top left
 * corner of the screen curses has just cleared, and a cursor position
 * request.  False if the terminal cannot be asked. */
static bool
probe_ask(struct tui *t)
{
	char *ask = tigetstr("u7");
	mbstate_t st;
	char mb[MB_LEN_MAX];
	if (!ask || ask == (char *)-1 || !t->cup)
		return false;
	memset(&st, 0, sizeof st);
	if (wcrtomb(mb, 0x25BD, &st) == (size_t)-1)
		return false; /* not in the terminal's character set */
	for (int col = 1; col <= 3; col++) {
		char s[16];
		snprintf(s, sizeof s, "\033[1;%dR", col);
		define_key(s, KEY_PROBE + col);
	}
	refresh(); /* the alternate screen, cleared: curses has sent it all */
	raw_move(t, 0, 0);
	raw_attr(t, A_INVIS, 0);
	raw_wchar(t, 0x25BD);
	raw_attr(t, A_NORMAL, 0);
	raw_to = &t->raw;
	tputs(ask, 1, raw_putc);
	raw_send(t);
	return true;
}

/* The cells the terminal gives an ambiguous character: asked at start-up
 * (probe_ask), the reply read as the key define_key made of it within
 * PROBE_WAIT_MS, the keys typed meanwhile kept for later, the corner
 * erased.  A terminal that does not answer in time gets 1; its reply,
 * when it comes, is no key.  Under tmux or screen, the multiplexer
 * answers: it lays the screen out. */
static int
tui_probe(struct tui *t)
{
	double t0 = timing_now();
	int width = 0;
	if (!probe_ask(t))
		return 1;
	while (!width && !got_signal) {
		int left = PROBE_WAIT_MS - (int)((timing_now() - t0) * 1000.0);
		wint_t ch;
		int st;
		if (left <= 0)
			break;
		wtimeout(stdscr, left);
		st = get_wch(&ch);
		if (st == KEY_CODE_YES && ch > KEY_PROBE && ch <= KEY_PROBE + 3)
			width = ch == KEY_PROBE + 3 ? 2 : 1;
		else if (st != ERR)
			ahead_push(t, key_of(st, ch));
	}
	wtimeout(stdscr, -1);
	raw_move(t, 0, 0);
	buf_adds(&t->raw, "  ");
	raw_move(t, 0, 0);
	raw_send(t);
	timing_report("ambiguous width probe", t0);
	return width ? width : 1;
}

bool
tui_has_screen(void)
{
	const char *term = getenv("TERM");
	int err = 0;
	char *cup;
	bool ok;
	/* no TERM, or one unknown: tui_run says so */
	if (!term || !*term || setupterm(term, STDOUT_FILENO, &err) != OK)
		return true;
	cup = tigetstr("cup");
	ok = cup && cup != (char *)-1;
	del_curterm(cur_term);
	return ok;
}

/* curses in the terminal's LC_CTYPE (LOC_NAME, or NULL for the one set):
 * it converts to and from the terminal's character set. */
static void
use_locale(struct tui *t, const char *loc_name)
{
	locale_t base;
	if (!loc_name || !(base = duplocale(LC_GLOBAL_LOCALE)))
		return;
	if (!(t->loc = newlocale(LC_CTYPE_MASK, loc_name, base))) {
		freelocale(base);
		return;
	}
	t->old_loc = uselocale(t->loc);
}

/* Check TERM: an unknown one is a clear error and not a curses exit.
 * Returns -1, or the exit status. */
static int
check_term(const char *term)
{
	int err = 0;
	if (!term || !*term) {
		fprintf(stderr, "yomu: %s\n", _("TERM is not set; cannot open the screen (try --dump)"));
		return 1;
	}
	if (setupterm(term, STDOUT_FILENO, &err) != OK) {
		char *e = text_escaped(term, false);
		fprintf(stderr, "yomu: %s: %s\n", e, _("unknown terminal type (try --dump)"));
		free(e);
		return 1;
	}
	/* that was only a check: newterm() loads the terminal again */
	del_curterm(cur_term);
	return -1;
}

/* Open the terminal: keys from it even when the document came on standard
 * input.  Returns -1, or the exit status. */
static int
tui_open(struct tui *t, const char *term, const struct theme *th, const char *loc_name)
{
	int ofd, rc = check_term(term);
	if (rc >= 0)
		return rc;
	t->in = stdin;
	if (!isatty(STDIN_FILENO) && !(t->in = fopen("/dev/tty", "r"))) {
		fprintf(stderr, "yomu: /dev/tty: %s\n", strerror(errno));
		return 1;
	}
	t->fd = tty_fd = fileno(t->in);
	saved_tty_ok = tcgetattr(tty_fd, &saved_tty) == 0;
	if ((ofd = dup(STDOUT_FILENO)) < 0 || !(t->out = fdopen(ofd, "w"))) {
		if (ofd >= 0)
			close(ofd);
		t->out = stdout;
	}
	use_locale(t, loc_name);
	t->scr = newterm(term, t->out, t->in);
	if (!t->scr) {
		char *e = text_escaped(term, false);
		fprintf(stderr, "yomu: %s: %s\n", e, _("cannot open the terminal"));
		free(e);
		return 1;
	}
	t->cup = tigetstr("cup");
	if (t->cup == (char *)-1)
		t->cup = NULL;
	add_restore("rmcup");
	add_restore("cnorm");
	add_restore("sgr0");
	install_signals();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* every cell curses changes is written where it stands: the overlay
	 * keeps track of them (no shifted runs, no update cut short) */
	idlok(stdscr, FALSE);
	idcok(stdscr, FALSE);
	typeahead(-1);
	set_escdelay(25);
	curs_set(0);
	init_styles(th);
	return -1;
}

/* Let go of the terminal and what tui_open took, as far as it got. */
static void
tui_close(struct tui *t)
{
	if (t->scr) {
		endwin();
		delscreen(t->scr);
	}
	if (t->loc) {
		uselocale(t->old_loc);
		freelocale(t->loc);
	}
	if (saved_tty_ok)
		tcsetattr(tty_fd, TCSANOW, &saved_tty);
	if (t->in && t->in != stdin)
		fclose(t->in);
	if (t->out && t->out != stdout)
		fclose(t->out);
	buf_free(&t->raw);
	xfree(&t->shown);
	xfree(&t->ahead);
}

static void
tui_draw(struct tui *t)
{
	reader_draw(t->r, &t->c);
	blit(t);
}

/* Between keys: the rest of the document, then the search index, a piece
 * at a time while no key is waiting; the screen shows how far the reading
 * got now and then.  Returns whether there is more to do. */
static bool
tui_idle(struct tui *t)
{
	double drawn = timing_now();
	bool more = true;
	while (more && !got_signal && !got_stop && !key_waiting(t)) {
		more = reader_idle(t->r);
		if (!more || timing_now() - drawn >= 0.1) {
			tui_draw(t);
			drawn = timing_now();
		}
	}
	return more;
}

/* The next key: one the probe kept, else one read; K_NONE when the read
 * was interrupted, and *GONE set when the terminal is lost. */
static int32_t
tui_read_key(struct tui *t, bool *gone)
{
	static int failures;
	wint_t ch;
	int st;
	if (t->ahead_at < t->nahead)
		return t->ahead[t->ahead_at++];
	errno = 0;
	st = get_wch(&ch);
	if (st == ERR) {
		/* EOF or EIO on the terminal: stop instead of spinning */
		if (errno != EINTR && ++failures > 3)
			*gone = true;
		return K_NONE;
	}
	failures = 0;
	return key_of(st, ch);
}

static void
tui_mouse(struct tui *t)
{
	MEVENT me;
	if (getmouse(&me) != OK)
		return;
	if (me.bstate & BUTTON4_PRESSED)
		reader_mouse(t->r, MOUSE_WHEEL_UP, me.x, me.y);
	else if (me.bstate & BUTTON5_PRESSED)
		reader_mouse(t->r, MOUSE_WHEEL_DOWN, me.x, me.y);
	else if (me.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED))
		reader_mouse(t->r, MOUSE_CLICK, me.x, me.y);
}

/* Carry out a copy the reader asked for: the copy command if there is
 * one (if it fails, the terminal's clipboard, and the status line says
 * why), else the terminal's clipboard by OSC 52, written after what
 * curses has written. */
static void
tui_copy(struct tui *t)
{
	const char *command = t->copy_command;
	char *text = reader_take_clipboard(t->r), *err = NULL, *seq;
	size_t len;
	if (!text)
		return;
	if (command && clipboard_run(command, text, strlen(text), &err)) {
		free(text);
		return;
	}
	if (err) {
		struct buf m = {0};
		buf_printf(&m, "copy_command: %s", err);
		reader_message(t->r, m.p);
		buf_free(&m);
		free(err);
	}
	seq = clipboard_osc52(text, strlen(text), getenv("TMUX") != NULL, &len);
	fflush(t->out);
	fwrite(seq, 1, len, t->out);
	fflush(t->out);
	free(seq);
	free(text);
}

static void
tui_handle(struct tui *t, int32_t key)
{
	int h, w;
	if (key == K_RESIZE) {
		getmaxyx(stdscr, h, w);
		reader_resize(t->r, w, h);
		repaint_all(t);
	} else if (key == K_MOUSE) {
		tui_mouse(t);
	} else if (key != K_NONE) {
		reader_key(t->r, key);
	}
	if (reader_take_redraw(t->r))
		repaint_all(t);
}

/* Ctrl-Z: the terminal as the shell had it, and the process stopped; on
 * return, everything drawn again, the overlay too. */
static void
tui_suspend(struct tui *t)
{
	struct sigaction dfl, old;
	endwin();
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &old);
	raise(SIGTSTP);
	sigaction(SIGTSTP, &old, NULL);
	repaint_all(t);
}

/* The reader on the open terminal, until it is done or a signal ends it. */
static void
tui_loop(struct tui *t)
{
	bool idle = true, first = true, gone = false;
	double t0 = timing_now(), t_key = 0;
	while (!reader_done(t->r) && !got_signal && !gone) {
		int32_t key;
		if (got_stop) {
			got_stop = 0;
			tui_suspend(t);
		}
		tui_draw(t);
		if (t_key > 0)
			timing_report("key handled and drawn", t_key);
		if (first)
			timing_report("first screen (since tui_run)", t0);
		first = false;
		if (idle)
			idle = tui_idle(t);
		if (got_signal)
			break; /* not into get_wch(), which would wait for a key */
		key = tui_read_key(t, &gone);
		if (key == K_NONE)
			continue;
		idle = true; /* a key may leave work to do (a tail to hand over) */
		t_key = timing_now();
		tui_handle(t, key);
		tui_copy(t);
	}
}

int
tui_run(const struct doc *d, const struct keymap *keys, const struct ui_opts *o,
        const struct theme *th, struct state_doc *st, const struct ui_loader *loader,
        const char *term_locale)
{
	struct tui t = {0};
	struct ui_opts uo = *o;
	int rc, h, w;

	t.fd = -1;
	if ((rc = tui_open(&t, getenv("TERM"), th, term_locale)) >= 0) {
		tui_close(&t);
		return rc;
	}
	/* before the first layout: every width depends on it */
	if (uo.amb == 0)
		uo.amb = tui_probe(&t);
	if (o->mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	getmaxyx(stdscr, h, w);
	t.r = reader_new(d, keys, &uo, w, h, loader);
	t.copy_command = o->copy_command;
	if (st && st->measure > 0)
		reader_set_measure(t.r, st->measure);
	if (st && st->mode != STATE_MODE_NONE)
		reader_set_vertical(t.r, st->mode == STATE_MODE_VERTICAL);
	if (st) {
		reader_set_position(t.r, st->pos.block, st->pos.offset);
		for (int i = 0; i < STATE_MARKS; i++)
			if (st->marks >> i & 1)
				reader_set_mark(t.r, i, st->mark[i].block, st->mark[i].offset);
	}
	canvas_init(&t.c, w, h, uo.amb);
	t.repaint = true;
	tui_loop(&t);
	tui_close(&t);
	if (st) {
		reader_get_position(t.r, &st->pos.block, &st->pos.offset);
		st->measure = reader_get_measure(t.r);
		st->mode = reader_vertical(t.r) ? STATE_MODE_VERTICAL : STATE_MODE_HORIZONTAL;
		st->marks = 0;
		for (int i = 0; i < STATE_MARKS; i++)
			if (reader_get_mark(t.r, i, &st->mark[i].block, &st->mark[i].offset))
				st->marks |= (uint64_t)1 << i;
	}
	reader_free(&t.r);
	canvas_free(&t.c);
	if (got_signal) {
		/* leave as the signal asked, with the terminal restored */
		int sig = got_signal;
		signal(sig, SIG_DFL);
		return 128 + sig;
	}
	return 0;
}
