/* opener.c: what opens a link (open_command), run detached from the
 * reader: no shell, its own session, standard input and output on
 * /dev/null, not waited for (a browser outlives the reader).  Whether it could be started is known at
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

#include "command.h"
#include "opener.h"

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
opener_run(const char *command, const char *arg)
{
	char **argv = command_argv(command, arg);
	int fd[2], e = 0, st;
	pid_t pid;
	ssize_t n;
	if (!argv)
		return EINVAL; /* no program, or a quote not closed */
	if (pipe2(fd, O_CLOEXEC) < 0) {
		e = errno;
		command_argv_free(&argv);
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
	command_argv_free(&argv);
	return e;
}

const char *
opener_find(const char *setting)
{
	const char *s = setting ? setting : "auto";
	const char *display = getenv("DISPLAY"), *wayland = getenv("WAYLAND_DISPLAY");
	if (strcmp(s, "none") == 0 || !*s)
		return NULL;
	if (strcmp(s, "auto") != 0)
		return s;
	if (!(display && *display) && !(wayland && *wayland))
		return NULL;
	return command_runnable("xdg-open") == 0 ? "xdg-open" : NULL;
}
