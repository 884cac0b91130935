/* command.c: splitting a configured command into words, and finding its
 * program (see command.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "util.h"

void
command_argv_free(char ***argv)
{
	if (!*argv)
		return;
	for (char **a = *argv; *a; a++)
		free(*a);
	xfree(argv);
}

/* The next word at *P into W; false at the end, or (with *BAD) at an
 * unclosed quote. */
static bool
next_word(const char **p, struct buf *w, bool *bad)
{
	const char *s = *p;
	char quote = 0;
	bool any = false;
	while (*s == ' ' || *s == '\t')
		s++;
	w->len = 0;
	for (; *s && (quote || (*s != ' ' && *s != '\t')); s++) {
		any = true;
		if (quote == '\'' ? *s == '\'' : quote == '"' ? *s == '"' : false) {
			quote = 0;
		} else if (!quote && (*s == '\'' || *s == '"')) {
			quote = *s;
		} else if (*s == '\\' && quote != '\'' && s[1]) {
			buf_addc(w, *++s);
		} else {
			buf_addc(w, *s);
		}
	}
	*p = s;
	if (quote)
		*bad = true;
	return any && !quote;
}

char **
command_argv(const char *command, const char *arg)
{
	char **argv = NULL;
	size_t n = 0, cap = 0;
	struct buf w = {0};
	bool bad = false;
	const char *p = command ? command : "";
	while (next_word(&p, &w, &bad)) {
		xgrow(&argv, &cap, n + 2, sizeof *argv);
		argv[n++] = xstrndup(w.p ? w.p : "", w.len);
		argv[n] = NULL;
	}
	buf_free(&w);
	if (bad || n == 0) {
		command_argv_free(&argv);
		return NULL;
	}
	if (arg) {
		xgrow(&argv, &cap, n + 2, sizeof *argv);
		argv[n++] = xstrdup(arg);
		argv[n] = NULL;
	}
	return argv;
}

int
command_runnable(const char *name)
{
	const char *path = getenv("PATH"), *p;
	bool found = false;
	if (strchr(name, '/'))
		return access(name, X_OK) == 0 ? 0 : errno;
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path; !found; p++) {
		const char *colon = strchr(p, ':');
		size_t n = colon ? (size_t)(colon - p) : strlen(p);
		struct buf f = {0};
		buf_printf(&f, "%.*s/%s", (int)n, n ? p : ".", name);
		found = access(f.p, X_OK) == 0;
		buf_free(&f);
		if (!colon)
			break;
		p = colon;
	}
	return found ? 0 : ENOENT;
}
