/* command_test.c: command.c, the one splitter of the commands yomu runs
 * (copy_command, open_command): words as a shell would split them without
 * expanding anything, an argument put last as it is, and a program found
 * in $PATH or not. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "command.h"
#include "tap.h"
#include "util.h"

/* The words of COMMAND (and ARG) joined by '|', or "(null)". */
static char *
words(const char *command, const char *arg)
{
	char **argv = command_argv(command, arg);
	struct buf b = {0};
	if (!argv)
		return xstrdup("(null)");
	for (char **a = argv; *a; a++)
		buf_printf(&b, "%s%s", a == argv ? "" : "|", *a);
	command_argv_free(&argv);
	return buf_steal(&b);
}

static void
check_words(const char *command, const char *arg, const char *want, const char *name)
{
	char *w = words(command, arg);
	tap_str(w, want, name);
	free(w);
}

static void
test_argv(void)
{
	check_words("xclip -selection clipboard", NULL, "xclip|-selection|clipboard", "words at blanks");
	check_words("  wl-copy\t--type  text/plain ", NULL, "wl-copy|--type|text/plain",
	            "any run of blanks, at either end too");
	check_words("'/opt/my tools/copy' \"a b\" c\\ d", NULL, "/opt/my tools/copy|a b|c d",
	            "quotes and a backslash keep a blank in a word");
	check_words("echo 'it''s' \"say \\\"hi\\\"\"", NULL, "echo|its|say \"hi\"",
	            "quotes join; a backslash escapes a double quote inside \"...\"");
	check_words("echo $HOME `id` ; rm -rf / | x", NULL, "echo|$HOME|`id`|;|rm|-rf|/|||x",
	            "nothing is expanded: $, `, ; and | are only characters");
	check_words("", NULL, "(null)", "an empty command is none");
	check_words("   ", NULL, "(null)", "nor is one of blanks");
	check_words("xclip 'unclosed", NULL, "(null)", "an unclosed quote is refused");
	/* open_command: the URL is the last word, as it is */
	check_words("firefox --new-tab", "https://example.com/a b'c\"d\\e",
	            "firefox|--new-tab|https://example.com/a b'c\"d\\e",
	            "an argument goes last, one word, its blanks, quotes and backslashes kept");
	check_words("'/opt/my browser'", "u", "/opt/my browser|u", "after a quoted program");
	check_words("", "https://example.com/", "(null)", "an argument alone is no command");
	check_words("open 'unclosed", "u", "(null)", "nor one after an unclosed quote");
	{
		char **argv = command_argv("a b", NULL);
		command_argv_free(&argv);
		tap_ok(argv == NULL, "command_argv_free nulls the array");
		command_argv_free(&argv);
		tap_ok(argv == NULL, "and takes a null one");
	}
}

static void
test_runnable(void)
{
	char dir[] = "/tmp/yomu-cmd-XXXXXX", prog[256], *old = getenv("PATH"), *saved;
	FILE *f;
	if (!mkdtemp(dir)) {
		tap_ok(0, "a temporary directory");
		return;
	}
	snprintf(prog, sizeof prog, "%s/my-open", dir);
	f = fopen(prog, "w");
	fputs("#!/bin/sh\n", f);
	fclose(f);
	chmod(prog, 0700);
	saved = old ? xstrdup(old) : NULL;
	setenv("PATH", dir, 1);
	tap_ok(command_runnable("my-open") == 0, "a program in $PATH can be run");
	tap_ok(command_runnable("no-such-program") == ENOENT, "one that is not there: ENOENT");
	tap_ok(command_runnable(prog) == 0, "a path to one can be run");
	chmod(prog, 0600);
	tap_ok(command_runnable("my-open") == ENOENT, "a file that is not executable is not found");
	if (saved)
		setenv("PATH", saved, 1);
	else
		unsetenv("PATH");
	free(saved);
	unlink(prog);
	rmdir(dir);
}

int
main(void)
{
	test_argv();
	test_runnable();
	return tap_done();
}
