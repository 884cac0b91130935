/* clipboard.c: OSC 52 and the copy command (see clipboard.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clipboard.h"
#include "command.h"
#include "i18n.h"
#include "text.h"
#include "util.h"

/* What of the command's error output is kept for the message. */
#define ERR_KEEP 512

static void
base64(struct buf *b, const unsigned char *p, size_t n)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		buf_addc(b, tab[v >> 18 & 63]);
		buf_addc(b, tab[v >> 12 & 63]);
		buf_addc(b, i + 1 < n ? tab[v >> 6 & 63] : '=');
		buf_addc(b, i + 2 < n ? tab[v & 63] : '=');
	}
}

char *
clipboard_osc52(const char *text, size_t n, bool tmux, size_t *len)
{
	struct buf b = {0}, enc = {0};
	base64(&enc, (const unsigned char *)text, n);
	buf_printf(&b, "\033]52;c;%s\a", enc.p ? enc.p : "");
	if (tmux)
		/* tmux's passthrough: every ESC inside doubled */
		buf_printf(&b, "\033Ptmux;\033\033]52;c;%s\a\033\\", enc.p ? enc.p : "");
	buf_free(&enc);
	*len = b.len;
	return buf_steal(&b);
}

/* ---- the command ---- */

/* "NAME: WHAT" (the name escaped), into *ERR. */
static void
run_error(char **err, const char *name, const char *what)
{
	struct buf b = {0};
	char *e = text_escaped(name, false);
	buf_printf(&b, "%s: %s", e, what);
	free(e);
	*err = buf_steal(&b);
}

struct child {
	pid_t pid;
	int in, err;        /* our ends: its standard input and error output */
	const char *text;
	size_t n, sent;
	struct buf errout;  /* the first ERR_KEEP bytes of its error output */
	int status;
	bool exited;
};

/* One turn: write what it takes, read what it says, see if it is done. */
static void
child_turn(struct child *c, int timeout_ms)
{
	struct pollfd p[2];
	int np = 0;
	if (c->in >= 0)
		p[np++] = (struct pollfd){c->in, POLLOUT, 0};
	if (c->err >= 0)
		p[np++] = (struct pollfd){c->err, POLLIN, 0};
	poll(p, (nfds_t)np, timeout_ms); /* with nothing to watch: a pause */
	if (c->in >= 0 && c->sent < c->n) {
		ssize_t w = write(c->in, c->text + c->sent, c->n - c->sent);
		if (w > 0)
			c->sent += (size_t)w;
		else if (w < 0 && errno != EAGAIN && errno != EINTR)
			c->sent = c->n; /* it stopped reading (EPIPE): nothing more to give */
	}
	if (c->in >= 0 && c->sent == c->n) {
		close(c->in);
		c->in = -1;
	}
	if (c->err >= 0) {
		char tmp[256];
		ssize_t r = read(c->err, tmp, sizeof tmp);
		if (r > 0 && c->errout.len < ERR_KEEP)
			buf_add(&c->errout, tmp, (size_t)r);
		else if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
			close(c->err);
			c->err = -1;
		}
	}
	if (!c->exited && waitpid(c->pid, &c->status, WNOHANG) == c->pid)
		c->exited = true;
}

/* Why the command failed, from its status and its first line of error
 * output; NULL if it did not. */
static char *
child_failure(struct child *c)
{
	struct buf why = {0};
	if (WIFEXITED(c->status) && WEXITSTATUS(c->status) == 0)
		return NULL;
	if (WIFEXITED(c->status))
		buf_printf(&why, _("exit status %d"), WEXITSTATUS(c->status));
	else
		buf_printf(&why, _("killed by signal %d"), WTERMSIG(c->status));
	if (c->errout.len) {
		size_t line = strcspn(c->errout.p, "\n");
		char *first = xstrndup(c->errout.p, line), *e = text_escaped(first, false);
		buf_printf(&why, ": %s", e);
		free(e);
		free(first);
	}
	return buf_steal(&why);
}

/* In the child: the pipes on its standard input and error, its output to
 * /dev/null, the default action for the signals the reader catches; then
 * the program.  Only async-signal-safe calls. */
static void
child_exec(char **argv, int in, int err)
{
	int null = open("/dev/null", O_WRONLY);
	dup2(in, STDIN_FILENO);
	dup2(err, STDERR_FILENO);
	if (null >= 0)
		dup2(null, STDOUT_FILENO);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	execvp(argv[0], argv);
	_exit(127);
}

static bool
spawn(struct child *c, char **argv, char **err)
{
	int in[2], er[2], rc = command_runnable(argv[0]);
	if (rc != 0) {
		run_error(err, argv[0], strerror(rc));
		return false;
	}
	if (pipe2(in, O_CLOEXEC) != 0) {
		run_error(err, argv[0], strerror(errno));
		return false;
	}
	if (pipe2(er, O_CLOEXEC) != 0) {
		run_error(err, argv[0], strerror(errno));
		close(in[0]);
		close(in[1]);
		return false;
	}
	c->pid = fork();
	if (c->pid == 0)
		child_exec(argv, in[0], er[1]);
	rc = errno;
	close(in[0]);
	close(er[1]);
	if (c->pid < 0) {
		run_error(err, argv[0], strerror(rc));
		close(in[1]);
		close(er[0]);
		return false;
	}
	c->in = in[1];
	c->err = er[0];
	fcntl(c->in, F_SETFL, fcntl(c->in, F_GETFL) | O_NONBLOCK);
	fcntl(c->err, F_SETFL, fcntl(c->err, F_GETFL) | O_NONBLOCK);
	return true;
}

bool
clipboard_run(const char *command, const char *text, size_t n, char **err)
{
	char **argv = command_argv(command, NULL);
	struct child c = {.text = text, .n = n, .in = -1, .err = -1};
	struct sigaction ign = {.sa_handler = SIG_IGN}, old;
	double t0 = timing_now();
	char *why;

	*err = NULL;
	if (!argv) {
		run_error(err, "copy_command", _("empty, or a quote is not closed"));
		return false;
	}
	if (!spawn(&c, argv, err)) {
		command_argv_free(&argv);
		return false;
	}
	/* a command that stops reading must not take yomu down with it */
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	while (!c.exited && (timing_now() - t0) * 1000 < CLIPBOARD_TIMEOUT_MS)
		child_turn(&c, 20);
	if (c.exited && c.err >= 0)
		child_turn(&c, 0); /* what it said just before it exited */
	sigaction(SIGPIPE, &old, NULL);
	if (!c.exited) {
		kill(c.pid, SIGKILL);
		waitpid(c.pid, &c.status, 0);
		run_error(err, argv[0], _("did not finish in 5 seconds"));
	} else if ((why = child_failure(&c)) != NULL) {
		run_error(err, argv[0], why);
		free(why);
	}
	if (c.in >= 0)
		close(c.in);
	if (c.err >= 0)
		close(c.err);
	buf_free(&c.errout);
	command_argv_free(&argv);
	return *err == NULL;
}
