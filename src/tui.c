/* tui.c: the curses side of the screen: terminal set-up and restore,
 * signals, the input loop, asking the terminal how wide it draws East Asian
 * Ambiguous characters, and copies to the clipboard; the canvas is copied
 * to the terminal by tui_out.c.  Signal handlers only set flags.  A terminal without cursor
 * addressing gets no screen (tui_has_screen). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
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
#include "hyperlink.h"
#include "i18n.h"
#include "keys.h"
#include "reader.h"
#include "text.h"
#include "theme.h"
#include "tui.h"
#include "tui_out.h"
#include "ui.h"
#include "util.h"

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

/* The terminal as yomu holds it while the screen is open. */
struct tui {
	SCREEN *scr;
	FILE *in;            /* where keys come from */
	int fd;              /* of IN */
	struct tui_out o;    /* the output: o.out is the terminal, a descriptor
	                      * of its own, since stdout may convert to the
	                      * terminal's set */
	struct canvas c;
	struct reader *r;
	locale_t loc, old_loc; /* the terminal's LC_CTYPE while curses runs, or 0 */
	int32_t *ahead;      /* keys read while the probe waited, not yet handled */
	size_t nahead, ahead_at, ahead_cap;
	const char *copy_command; /* what copies for y and Y, or NULL: OSC 52 */
};

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

/* The cells the terminal gives an ambiguous character: asked at start-up
 * (tui_out_probe_ask: ▽, what vim asks with), the reply read as the key
 * define_key made of it within PROBE_WAIT_MS, the keys typed meanwhile
 * kept for later, the corner erased.  A terminal that does not answer in
 * time gets 1; its reply, when it comes, is no key.  Under tmux or
 * screen, the multiplexer answers: it lays the screen out. */
static int
tui_probe(struct tui *t)
{
	double t0 = timing_now();
	int width = 0;
	if (!tui_out_probe_ask(&t->o))
		return 1;
	for (int col = 1; col <= 3; col++) {
		char s[32];
		snprintf(s, sizeof s, "\033[1;%dR", col);
		define_key(s, KEY_PROBE + col);
	}
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
	tui_out_probe_erase(&t->o);
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

/* Until a screen has once been left (endwin) and taken up again, ncurses
 * 6.4 sends what it has gathered at every cursor movement: a screen went out
 * in one write a row (60 writes for G), each a wake-up of the terminal, of
 * tmux, of an ssh packet.  So leave and take it up once before anything is
 * shown, the terminal meanwhile swapped for /dev/null (what endwin sends is
 * not for it), and the taking up caught in a pipe and sent: the same start
 * as without this (the alternate screen, the scroll region, the attributes),
 * then one write a screen.  Anything failing leaves curses as it was. */
static void
curses_batch(int ofd)
{
	int null, saved, p[2];
	char buf[4096];
	ssize_t n;
	if ((null = open("/dev/null", O_WRONLY | O_CLOEXEC)) < 0)
		return;
	if ((saved = fcntl(ofd, F_DUPFD_CLOEXEC, 0)) < 0 || pipe(p) < 0) {
		if (saved >= 0)
			close(saved);
		close(null);
		return;
	}
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	dup2(null, ofd);
	endwin();
	dup2(p[1], ofd);
	refresh();
	dup2(saved, ofd);
	while ((n = read(p[0], buf, sizeof buf)) > 0)
		(void)write_all(ofd, buf, (size_t)n);
	close(p[0]);
	close(p[1]);
	close(saved);
	close(null);
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
	if ((ofd = dup(STDOUT_FILENO)) < 0 || !(t->o.out = fdopen(ofd, "w"))) {
		if (ofd >= 0)
			close(ofd);
		t->o.out = stdout;
	}
	use_locale(t, loc_name);
	t->scr = newterm(term, t->o.out, t->in);
	if (!t->scr) {
		char *e = text_escaped(term, false);
		fprintf(stderr, "yomu: %s: %s\n", e, _("cannot open the terminal"));
		free(e);
		return 1;
	}
	curses_batch(fileno(t->o.out));
	t->o.cup = tigetstr("cup");
	if (t->o.cup == (char *)-1)
		t->o.cup = NULL;
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
	tui_out_styles(th);
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
	if (t->o.out && t->o.out != stdout)
		fclose(t->o.out);
	tui_out_free(&t->o);
	xfree(&t->ahead);
}

static void
tui_draw(struct tui *t)
{
	reader_draw(t->r, &t->c);
	tui_out_blit(&t->o, &t->c);
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
	fflush(t->o.out);
	fwrite(seq, 1, len, t->o.out);
	fflush(t->o.out);
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
		tui_out_repaint(&t->o);
	} else if (key == K_MOUSE) {
		tui_mouse(t);
	} else if (key != K_NONE) {
		reader_key(t->r, key);
	}
	if (reader_take_redraw(t->r))
		tui_out_repaint(&t->o);
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
	tui_out_repaint(&t->o);
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
	t.o.hyperlinks = hyperlink_enabled(o->hyperlinks);
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
	t.o.repaint = true;
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
