/* state_test.c: the reading-position file: parsing, corrupt and truncated
 * files, the round trip, file modes, the size cap, and two writers at the
 * same moment. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "state.h"
#include "tap.h"
#include "util.h"

static int count;
static void
count_fn(void *ctx, uint64_t key, const struct state_pos *pos, int64_t when)
{
	(void)ctx;
	(void)key;
	(void)pos;
	(void)when;
	count++;
}

static bool
parses(const char *s, int *n)
{
	bool ok;
	count = 0;
	ok = state_parse(s, strlen(s), count_fn, NULL);
	*n = count;
	return ok;
}

static void
write_text(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");
	fputs(s, f);
	fclose(f);
}

int
main(void)
{
	char tmpl[] = "/tmp/yomu-state-XXXXXX";
	char *dir, *sub, *file;
	struct state_pos p = {12, 345}, q;
	char *warn;
	struct stat st;
	int n;
	struct buf b = {0};

	tap_ok(parses("yomu-state 1\n00000000000000ff 3 4 1700000000\n", &n) && n == 1, "a valid file parses");
	tap_ok(!parses("yomu-state 1\n00000000000000ff 3 4 1700000000", &n), "a truncated last line is noticed");
	tap_ok(!parses("yomu-state 2\n", &n), "another format version is not read");
	tap_ok(!parses("", &n), "an empty file is not a state file");
	tap_ok(!parses("yomu-state 1\nzz 1 2 3\n00000000000000ff 3 4 5\n", &n) && n == 1,
	       "a bad line is reported, the good ones are kept");
	tap_ok(!parses("yomu-state 1\nff 99999999999 2 3\n", &n) && n == 0, "an out-of-range block is refused");
	tap_ok(!parses("yomu-state 1\n\377\376\0garbage\n", &n), "binary garbage is refused");

	dir = mkdtemp(tmpl);
	buf_printf(&b, "%s/a/b/yomu", dir);
	sub = buf_steal(&b);
	tap_ok(!state_load(sub, 1, &q, &warn) && warn == NULL, "no file: nothing found, no warning");
	tap_ok(state_save(sub, 0xabcdefULL, &p) == 0, "save creates the directories");
	tap_ok(state_load(sub, 0xabcdefULL, &q, &warn) && q.block == 12 && q.offset == 345 && !warn,
	       "the position comes back");
	memset(&st, 0, sizeof st);
	n = stat(sub, &st);
	tap_ok(n == 0 && (st.st_mode & 0777) == 0700, "the directory is 0700 (%o)",
	       (unsigned)(st.st_mode & 0777));
	buf_printf(&b, "%s/positions", sub);
	file = buf_steal(&b);
	memset(&st, 0, sizeof st);
	n = stat(file, &st);
	tap_ok(n == 0 && (st.st_mode & 0777) == 0600, "the file is 0600 (%o)",
	       (unsigned)(st.st_mode & 0777));
	p.block = 7;
	state_save(sub, 0x1234ULL, &p);
	tap_ok(state_load(sub, 0xabcdefULL, &q, &warn) && q.block == 12 && state_load(sub, 0x1234ULL, &q, &warn) &&
	           q.block == 7,
	       "two documents, two positions");

	write_text(file, "yomu-state 1\nthis is not right\n");
	tap_ok(!state_load(sub, 0xabcdefULL, &q, &warn) && warn && strstr(warn, "damaged"),
	       "a corrupt file is ignored with a warning");
	free(warn);
	write_text(file, "yomu-state 1\n0000000000abcdef 1 2");
	tap_ok(!state_load(sub, 0xabcdefULL, &q, &warn) && warn, "a truncated file is ignored with a warning");
	free(warn);
	tap_ok(state_save(sub, 0xabcdefULL, &p) == 0 && state_load(sub, 0xabcdefULL, &q, &warn) && !warn,
	       "saving over a corrupt file makes it valid again");

	/* the cap */
	for (uint64_t k = 0; k < STATE_MAX_ENTRIES + 20; k++)
		state_save(sub, 0x100000 + k, &p);
	{
		FILE *f = fopen(file, "r");
		int lines = 0, c;
		while ((c = fgetc(f)) != EOF)
			lines += c == '\n';
		fclose(f);
		tap_ok(lines == STATE_MAX_ENTRIES + 1, "at most %d documents are kept (%d lines)", STATE_MAX_ENTRIES, lines);
	}

	/* two writers at the same moment: the file stays valid, both kept */
	{
		pid_t a, c;
		int sa, sc;
		struct state_pos pa = {1, 1}, pc = {2, 2};
		unlink(file);
		a = fork();
		if (a == 0) {
			for (int i = 0; i < 200; i++)
				state_save(sub, 0xAAAA, &pa);
			_exit(0);
		}
		c = fork();
		if (c == 0) {
			for (int i = 0; i < 200; i++)
				state_save(sub, 0xCCCC, &pc);
			_exit(0);
		}
		waitpid(a, &sa, 0);
		waitpid(c, &sc, 0);
		tap_ok(state_load(sub, 0xAAAA, &q, &warn) && !warn && q.block == 1 &&
		           state_load(sub, 0xCCCC, &q, &warn) && !warn && q.block == 2,
		       "two processes saving at once leave a valid file with both positions");
	}
	free(file);
	free(sub);
	{
		char cmd[256];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			tap_diag("could not remove %s", dir);
	}
	return tap_done();
}
