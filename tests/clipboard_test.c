/* clipboard_test.c: the clipboard module (clipboard.c): the OSC 52
 * sequence (base64, and tmux's passthrough), and a copy command (split by
 * command.c: tests/command_test.c) run with the text on its standard
 * input: its success, its failures said in one line, and a command that
 * does not read what it is given. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clipboard.h"
#include "tap.h"
#include "util.h"

static void
test_osc52(void)
{
	size_t len;
	char *s = clipboard_osc52("hello 日本", strlen("hello 日本"), false, &len);
	tap_str(s, "\033]52;c;aGVsbG8g5pel5pys\a", "OSC 52 with the text in base64");
	tap_ok(len == strlen(s), "its length");
	free(s);
	s = clipboard_osc52("ab", 2, false, &len);
	tap_str(s, "\033]52;c;YWI=\a", "padded to a multiple of four");
	free(s);
	s = clipboard_osc52("", 0, false, &len);
	tap_str(s, "\033]52;c;\a", "nothing: an empty clipboard");
	free(s);
	s = clipboard_osc52("a", 1, true, &len);
	tap_str(s, "\033]52;c;YQ==\a\033Ptmux;\033\033]52;c;YQ==\a\033\\",
	        "in tmux: the same again through tmux's passthrough, its ESC doubled");
	free(s);
}

static void
test_run(void)
{
	char dir[] = "/tmp/yomu-clip-XXXXXX", script[256], out[256], cmd[600], *err = NULL;
	FILE *f;
	char got[64] = {0};
	struct buf big = {0};
	bool ok;

	if (!mkdtemp(dir)) {
		tap_ok(0, "a temporary directory");
		return;
	}
	snprintf(script, sizeof script, "%s/copy script", dir);
	snprintf(out, sizeof out, "%s/out", dir);
	f = fopen(script, "w");
	fprintf(f, "#!/bin/sh\ncat > \"$1\"\n");
	fclose(f);
	chmod(script, 0700);
	snprintf(cmd, sizeof cmd, "'%s' '%s'", script, out);
	tap_ok(clipboard_run(cmd, "漢字\nかな", strlen("漢字\nかな"), &err) && !err,
	       "a command runs with the text on its standard input");
	f = fopen(out, "r");
	if (f) {
		size_t n = fread(got, 1, sizeof got - 1, f);
		got[n] = '\0';
		fclose(f);
	}
	tap_str(got, "漢字\nかな", "and gets it all");

	ok = !clipboard_run("/nonexistent/copy", "x", 1, &err);
	tap_str(err, "/nonexistent/copy: No such file or directory",
	        "a command that is not there: said in one line");
	free(err);
	ok &= !clipboard_run("sh -c 'echo Error: no display >&2; echo more >&2; exit 3'", "x", 1, &err);
	tap_str(err, "sh: exit status 3: Error: no display",
	        "a failure: its status and the first line it said");
	free(err);
	ok &= !clipboard_run("sh -c 'printf \"\\033]0;x\\007\" >&2; exit 1'", "x", 1, &err);
	tap_str(err, "sh: exit status 1: \\x1B]0;x\\x07", "what it says is escaped for the status line");
	free(err);
	tap_ok(ok, "and each of them fails");
	/* a megabyte to a command that reads none of it: no SIGPIPE, no hang */
	for (int i = 0; i < 1 << 16; i++)
		buf_adds(&big, "0123456789abcdef");
	tap_ok(clipboard_run("true", big.p, big.len, &err) && !err,
	       "a command that reads nothing of a megabyte: fine, yomu goes on");
	buf_free(&big);
	ok = !clipboard_run("xclip 'unclosed", "x", 1, &err);
	tap_ok(ok && err && strstr(err, "copy_command"), "a command that does not parse: said");
	free(err);
	unlink(out);
	unlink(script);
	rmdir(dir);
}

int
main(void)
{
	test_osc52();
	test_run();
	return tap_done();
}
