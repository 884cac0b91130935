/* spawn.c: run a program detached from the reader: no shell, its own
 * session, standard input and output on /dev/null, not waited for (a
 * browser outlives the reader).  Whether it could be started is known at
 * once: the exec's failure comes back through a pipe closed on success. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "spawn.h"
#include "util.h"

/* COMMAND split at spaces, ARG last; NULL-terminated.  The caller frees
 * the array and *WORDS. */
static char **
split(const char *command, const char *arg, char **words)
{
	size_t n = 0, cap = 0;
	char **argv = NULL, *w = xstrdup(command), *save = NULL;
	for (char *t = strtok_r(w, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
		xgrow(&argv, &cap, n + 1, sizeof *argv);
		argv[n++] = t;
	}
	xgrow(&argv, &cap, n + 2, sizeof *argv);
	argv[n++] = (char *)arg;
	argv[n] = NULL;
	*words = w;
	return argv;
}

static void
child(char **argv, int report)
{
	int null = open("/dev/null", O_RDWR);
	pid_t pid;
	setsid();
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		if (null > 2)
			close(null);
	}
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	/* the program's parent is init: the reader never waits for it */
	pid = fork();
	if (pid < 0) {
		int e = errno;
		(void)!write(report, &e, sizeof e);
		_exit(1);
	}
	if (pid > 0)
		_exit(0);
	execvp(argv[0], argv);
	{
		int e = errno;
		(void)!write(report, &e, sizeof e);
	}
	_exit(127);
}

int
spawn_detached(const char *command, const char *arg)
{
	char *words, **argv = split(command, arg, &words);
	int fd[2], e = 0, st;
	pid_t pid;
	ssize_t n;
	if (!argv[1]) {
		/* nothing but the argument: no program */
		free(argv);
		free(words);
		return ENOENT;
	}
	if (pipe(fd) < 0 || fcntl(fd[1], F_SETFD, FD_CLOEXEC) < 0 || fcntl(fd[0], F_SETFD, FD_CLOEXEC) < 0) {
		e = errno;
		free(argv);
		free(words);
		return e;
	}
	pid = fork();
	if (pid == 0) {
		close(fd[0]);
		child(argv, fd[1]);
	}
	if (pid < 0)
		e = errno;
	close(fd[1]);
	if (pid > 0) {
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		while ((n = read(fd[0], &e, sizeof e)) < 0 && errno == EINTR)
			;
		if (n != (ssize_t)sizeof e)
			e = 0;
	}
	close(fd[0]);
	free(argv);
	free(words);
	return e;
}

/* Is PROGRAM a file that can be run, found in PATH? */
static bool
in_path(const char *program)
{
	const char *path = getenv("PATH");
	struct buf f = {0};
	bool found = false;
	if (!path)
		path = "/usr/bin:/bin";
	while (!found) {
		const char *e = strchr(path, ':');
		size_t n = e ? (size_t)(e - path) : strlen(path);
		f.len = 0;
		buf_add(&f, n ? path : ".", n ? n : 1);
		buf_addc(&f, '/');
		buf_adds(&f, program);
		found = access(f.p, X_OK) == 0;
		if (!e)
			break;
		path = e + 1;
	}
	buf_free(&f);
	return found;
}

const char *
spawn_opener(const char *setting)
{
	const char *s = setting ? setting : "auto";
	const char *display = getenv("DISPLAY"), *wayland = getenv("WAYLAND_DISPLAY");
	if (strcmp(s, "none") == 0 || !*s)
		return NULL;
	if (strcmp(s, "auto") != 0)
		return s;
	if (!(display && *display) && !(wayland && *wayland))
		return NULL;
	return in_path("xdg-open") ? "xdg-open" : NULL;
}
