/* tui.c: the curses side of the screen: terminal set-up and restore,
 * signals, the input loop, and copying the canvas to ncursesw with the
 * wide-character API.  Signal handlers only set flags.  A terminal without
 * cursor addressing gets no screen (tui_has_screen). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
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

static void
blit(const struct canvas *c)
{
	/* a row at a time: one character per entry (the cells a wide one
	 * covers are curses' to fill) */
	cchar_t *row = xmalloc(((size_t)c->w + 1) * sizeof *row);
	for (int y = 0; y < c->h; y++) {
		int n = 0;
		for (int x = 0; x < c->w; x++) {
			const struct cell *p = &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
			wchar_t wc[3] = {(wchar_t)p->cp, (wchar_t)p->comb, 0};
			if (p->width == 0)
				continue;
			/* A character newer than the C library (a Unicode 15
			 * emoji): the layout gives it Unicode's width, but
			 * curses, asking wcwidth, drops it (-1), and terminals
			 * differ on it (tmux 3.3 takes one cell, or worse).
			 * Drawn as a stand-in every terminal and curses agree
			 * on, in the cells the layout counted, the screen keeps
			 * the columns --dump has: 〓 (geta, what Japanese
			 * typesetting prints for a missing glyph) for two
			 * cells, U+FFFD for one ('?' where that is wide). */
			if (wcwidth(wc[0]) < 0)
				wc[0] = p->width == 2 ? 0x3013 : width_cp(0xFFFD, c->amb) == 1 ? 0xFFFD : '?';
			if (wc[1] && wcwidth(wc[1]) < 0)
				wc[1] = 0; /* a mark curses cannot place: left out */
			setcchar(&row[n++], wc, el_attr[p->el], el_pair[p->el], NULL);
			if (p->width == 2 && x + 1 < c->w && wcwidth((wchar_t)p->cp) == 1) {
				wchar_t sp[2] = {L' ', 0};
				setcchar(&row[n++], sp, el_attr[p->el], el_pair[p->el], NULL);
			}
		}
		mvadd_wchnstr(y, 0, row, n);
	}
	free(row);
	wnoutrefresh(stdscr);
	doupdate();
}

/* A key is waiting to be read (the idle work stops for it). */
static bool
key_waiting(int fd)
{
	struct pollfd p = {fd, POLLIN, 0};
	return poll(&p, 1, 0) > 0;
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
		if (ch >= KEY_F(1) && ch <= KEY_F(12))
			return (int32_t)(K_F1 + (int)(ch - KEY_F(1)));
		return K_NONE;
	}
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

/* The terminal as yomu holds it while the screen is open. */
struct tui {
	SCREEN *scr;
	FILE *in;   /* where keys come from */
	int fd;
	struct canvas c;
	struct reader *r;
};

/* Open the terminal: a check of TERM first, so that an unknown one is a
 * clear error and not a curses exit; keys from the terminal even when the
 * document came on standard input.  Returns -1, or the exit status. */
static int
tui_open(struct tui *t, const char *term, bool mouse, const struct theme *th)
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
	t->in = stdin;
	if (!isatty(STDIN_FILENO) && !(t->in = fopen("/dev/tty", "r"))) {
		fprintf(stderr, "yomu: /dev/tty: %s\n", strerror(errno));
		return 1;
	}
	t->fd = tty_fd = fileno(t->in);
	saved_tty_ok = tcgetattr(tty_fd, &saved_tty) == 0;
	t->scr = newterm(term, stdout, t->in);
	if (!t->scr) {
		char *e = text_escaped(term, false);
		fprintf(stderr, "yomu: %s: %s\n", e, _("cannot open the terminal"));
		free(e);
		if (t->in != stdin)
			fclose(t->in);
		return 1;
	}
	add_restore("rmcup");
	add_restore("cnorm");
	add_restore("sgr0");
	install_signals();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	init_styles(th);
	if (mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	return -1;
}

static void
tui_close(struct tui *t)
{
	endwin();
	delscreen(t->scr);
	if (saved_tty_ok)
		tcsetattr(tty_fd, TCSANOW, &saved_tty);
	if (t->in != stdin)
		fclose(t->in);
}

static void
tui_draw(struct tui *t)
{
	reader_draw(t->r, &t->c);
	blit(&t->c);
}

/* Between keys: the rest of the document, then the search index, a piece
 * at a time while no key is waiting; the screen shows how far the reading
 * got now and then.  Returns whether there is more to do. */
static bool
tui_idle(struct tui *t)
{
	double drawn = timing_now();
	bool more = true;
	while (more && !got_signal && !key_waiting(t->fd)) {
		more = reader_idle(t->r);
		if (!more || timing_now() - drawn >= 0.1) {
			tui_draw(t);
			drawn = timing_now();
		}
	}
	return more;
}

/* The next key, Esc followed at once by a key being Alt+key; K_NONE when
 * the read was interrupted, and *GONE set when the terminal is lost. */
static int32_t
tui_read_key(bool *gone)
{
	static int failures;
	wint_t ch;
	int st;
	int32_t key;
	errno = 0;
	st = get_wch(&ch);
	if (st == ERR) {
		/* EOF or EIO on the terminal: stop instead of spinning */
		if (errno != EINTR && ++failures > 3)
			*gone = true;
		return K_NONE;
	}
	failures = 0;
	key = translate(st, ch);
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

static void
tui_handle(struct tui *t, int32_t key)
{
	int h, w;
	if (key == K_RESIZE) {
		getmaxyx(stdscr, h, w);
		reader_resize(t->r, w, h);
		clearok(curscr, TRUE);
	} else if (key == K_MOUSE) {
		tui_mouse(t);
	} else if (key != K_NONE) {
		reader_key(t->r, key);
	}
	if (reader_take_redraw(t->r))
		clearok(curscr, TRUE);
}

int
tui_run(const struct doc *d, const struct keymap *keys, const struct ui_opts *o,
        const struct theme *th, struct state_pos *pos, const struct ui_loader *loader)
{
	struct tui t = {0};
	int rc, h, w;
	bool idle = true, first = true, gone = false;
	double t0 = timing_now(), t_key = 0;

	if ((rc = tui_open(&t, getenv("TERM"), o->mouse, th)) >= 0)
		return rc;
	getmaxyx(stdscr, h, w);
	t.r = reader_new(d, keys, o, w, h, loader);
	if (pos && pos->mode != STATE_MODE_NONE)
		reader_set_vertical(t.r, pos->mode == STATE_MODE_VERTICAL);
	if (pos)
		reader_set_position(t.r, pos->block, pos->offset);
	canvas_init(&t.c, w, h, o->amb);
	while (!reader_done(t.r) && !got_signal && !gone) {
		int32_t key;
		tui_draw(&t);
		if (t_key > 0)
			timing_report("key handled and drawn", t_key);
		if (first)
			timing_report("first screen (since tui_run)", t0);
		first = false;
		if (idle)
			idle = tui_idle(&t);
		if (got_signal)
			break; /* not into get_wch(), which would wait for a key */
		key = tui_read_key(&gone);
		if (key == K_NONE)
			continue;
		idle = true; /* a key may leave work to do (a tail to hand over) */
		t_key = timing_now();
		tui_handle(&t, key);
	}
	tui_close(&t);
	if (pos) {
		reader_get_position(t.r, &pos->block, &pos->offset);
		pos->mode = reader_vertical(t.r) ? STATE_MODE_VERTICAL : STATE_MODE_HORIZONTAL;
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
