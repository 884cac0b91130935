/* load_test.c: reading a document in (src/load.c): standard input read as
 * it comes, piece by piece, with the same text and the same key (its
 * reading position's) as when it is read whole first. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "load.h"
#include "tap.h"
#include "text.h"
#include "util.h"

/* Standard input from a pipe that a child fills with N bytes of P. */
static pid_t
stdin_from(const char *p, size_t n)
{
	int fd[2];
	pid_t c;
	if (pipe(fd) != 0)
		return -1;
	c = fork();
	if (c == 0) {
		close(fd[0]);
		while (n > 0) {
			ssize_t w = write(fd[1], p, n);
			if (w <= 0)
				_exit(1);
			p += w;
			n -= (size_t)w;
		}
		_exit(0);
	}
	close(fd[1]);
	dup2(fd[0], STDIN_FILENO);
	close(fd[0]);
	return c;
}

/* Read "-" holding N bytes of P (whole first if SLURP): the text is P
 * decoded, the key load_hash(P). */
static void
check_stdin(const char *p, size_t n, bool slurp, size_t max, const char *what)
{
	struct source s;
	struct buf got = {0};
	char *piece, *want, *err = NULL;
	size_t len, wlen, pieces = 0;
	bool size_unknown;
	pid_t c = stdin_from(p, n);

	tap_ok(c > 0 && source_open(&s, "-", NULL, &err), "%s: standard input opens", what);
	free(err);
	size_unknown = s.size == 0;
	if (slurp)
		source_slurp(&s);
	while ((piece = source_next(&s, max, &len)) != NULL) {
		buf_add(&got, piece, len);
		free(piece);
		pieces++;
	}
	want = text_decode((const uint8_t *)p, n, &wlen, NULL);
	tap_ok(got.len == wlen && (wlen == 0 || memcmp(got.p, want, wlen) == 0),
	       "%s: the text, in %zu pieces", what, pieces);
	tap_ok(s.key == load_hash((const uint8_t *)p, n), "%s: the key is the content's", what);
	if (slurp)
		tap_ok(s.size == n, "%s: read whole first, its size is known", what);
	else
		tap_ok(size_unknown && s.done == n, "%s: read as it comes, its size unknown at first", what);
	source_close(&s);
	waitpid(c, NULL, 0);
	free(want);
	buf_free(&got);
}

int
main(void)
{
	struct buf big = {0};
	for (int i = 0; big.len < 300000; i++)
		buf_printf(&big, "第%d段落。テストの文が続きます。\n\n", i);
	check_stdin("", 0, false, 4096, "empty");
	check_stdin("日本語です。\n", strlen("日本語です。\n"), false, 4096, "one line");
	check_stdin(big.p, big.len, false, 16384, "300 KB");
	check_stdin(big.p, big.len, true, 16384, "300 KB, read whole first");
	check_stdin(big.p, big.len, false, 1u << 20, "300 KB in one piece");
	buf_free(&big);
	return tap_done();
}
