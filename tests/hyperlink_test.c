/* hyperlink_test.c: hyperlink.c: which terminals get OSC 8 hyperlinks
 * with hyperlinks = auto (the environment they set), on and off, and the
 * sequences, a URL with controls or an escape in it made harmless. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "hyperlink.h"
#include "tap.h"
#include "util.h"

static const char *const vars[] = {
	"TERM", "TERM_PROGRAM", "VTE_VERSION", "KITTY_WINDOW_ID", "WT_SESSION", "TMUX", "STY", NULL,
};

/* hyperlink_auto in an environment of NAME=VALUE pairs (NULL-ended), the
 * others of vars[] unset. */
static bool
auto_in(const char *const *env)
{
	for (size_t i = 0; vars[i]; i++)
		unsetenv(vars[i]);
	for (size_t i = 0; env[i]; i += 2)
		setenv(env[i], env[i + 1], 1);
	return hyperlink_auto();
}

#define AUTO(want, name, ...) \
	tap_ok(auto_in((const char *const[]){__VA_ARGS__, NULL}) == (want), "auto: %s", name)

static void
test_auto(void)
{
	AUTO(false, "no TERM at all: no", NULL);
	AUTO(false, "xterm-256color: not known, no", "TERM", "xterm-256color");
	AUTO(true, "TERM_PROGRAM=WezTerm", "TERM", "xterm-256color", "TERM_PROGRAM", "WezTerm");
	AUTO(true, "TERM_PROGRAM=iTerm.app", "TERM_PROGRAM", "iTerm.app");
	AUTO(true, "TERM_PROGRAM=vscode", "TERM_PROGRAM", "vscode");
	AUTO(true, "TERM_PROGRAM=ghostty", "TERM_PROGRAM", "ghostty");
	AUTO(false, "TERM_PROGRAM=Apple_Terminal: no", "TERM_PROGRAM", "Apple_Terminal");
	AUTO(true, "VTE_VERSION=6003 (GNOME Terminal)", "TERM", "xterm-256color", "VTE_VERSION", "6003");
	AUTO(true, "VTE_VERSION=5000", "VTE_VERSION", "5000");
	AUTO(false, "VTE_VERSION=4803: too old", "VTE_VERSION", "4803");
	AUTO(false, "VTE_VERSION not a number", "VTE_VERSION", "60x");
	AUTO(true, "KITTY_WINDOW_ID", "TERM", "xterm-256color", "KITTY_WINDOW_ID", "1");
	AUTO(true, "WT_SESSION (Windows Terminal)", "WT_SESSION", "0b7c");
	AUTO(false, "an empty WT_SESSION is none", "WT_SESSION", "");
	AUTO(true, "TERM=xterm-kitty", "TERM", "xterm-kitty");
	AUTO(true, "TERM=foot", "TERM", "foot");
	AUTO(true, "TERM=alacritty", "TERM", "alacritty");
	AUTO(true, "TERM=wezterm", "TERM", "wezterm");
	AUTO(false, "in tmux, whatever the terminal outside: no", "TMUX", "/tmp/tmux-1/default,1,0",
	     "TERM", "tmux-256color", "KITTY_WINDOW_ID", "1", "VTE_VERSION", "7000");
	AUTO(false, "TERM=screen-256color with VTE outside: no", "TERM", "screen-256color", "VTE_VERSION",
	     "7000");
	AUTO(false, "in GNU screen (STY): no", "STY", "123.pts-0", "TERM", "xterm-kitty");
	AUTO(true, "in tmux with TERM_PROGRAM naming a terminal that takes them", "TMUX", "/tmp/t,1,0",
	     "TERM_PROGRAM", "WezTerm");
	AUTO(false, "TERM_PROGRAM=tmux: no", "TMUX", "/tmp/t,1,0", "TERM_PROGRAM", "tmux");
	auto_in((const char *const[]){"TERM", "dumb", NULL});
	tap_ok(hyperlink_enabled(HYPERLINKS_ON), "on: always");
	auto_in((const char *const[]){"TERM_PROGRAM", "WezTerm", NULL});
	tap_ok(!hyperlink_enabled(HYPERLINKS_OFF), "off: never, even where auto would");
	tap_ok(hyperlink_enabled(HYPERLINKS_AUTO), "auto: what the terminal is");
}

static void
check_open(const char *url, const char *want, const char *name)
{
	struct buf b = {0};
	bool ok = hyperlink_open(&b, url);
	tap_str(ok ? b.p : "(none)", want, name);
	buf_free(&b);
}

static void
test_sequences(void)
{
	struct buf b = {0};
	char *long_url;
	check_open("https://www.mofa-irc.go.jp/", "\033]8;;https://www.mofa-irc.go.jp/\033\\",
	           "ESC ] 8 ; ; URL ESC \\");
	check_open("https://a.example/x\033]8;;http://evil/\033\\y\a\x9c",
	           "\033]8;;https://a.example/x%1B]8;;http://evil/%1B\\y%07%9C\033\\",
	           "ESC, BEL and a C1 byte in the URL are percent-encoded: nothing ends the sequence");
	check_open("https://example.jp/日本 a\x7f", "\033]8;;https://example.jp/%E6%97%A5%E6%9C%AC%20a%7F\033\\",
	           "non-ASCII bytes, a space and DEL too");
	check_open("", "(none)", "an empty URL is no hyperlink");
	long_url = xmalloc(HYPERLINK_MAX_URL + 2);
	memset(long_url, 'a', HYPERLINK_MAX_URL + 1);
	long_url[HYPERLINK_MAX_URL + 1] = '\0';
	buf_adds(&b, "x");
	tap_ok(!hyperlink_open(&b, long_url) && b.len == 1 && strcmp(b.p, "x") == 0,
	       "a URL past HYPERLINK_MAX_URL is none, and the buffer is as it was");
	long_url[HYPERLINK_MAX_URL] = '\0';
	b.len = 0;
	tap_ok(hyperlink_open(&b, long_url) && b.len == HYPERLINK_MAX_URL + 7, "one of HYPERLINK_MAX_URL is one");
	free(long_url);
	b.len = 0;
	hyperlink_close(&b);
	tap_str(b.p, "\033]8;;\033\\", "the end: ESC ] 8 ; ; ESC \\");
	buf_free(&b);
}

int
main(void)
{
	test_auto();
	test_sequences();
	return tap_done();
}
