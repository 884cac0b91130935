/* state_test.c: the reading-position file: parsing, corrupt and truncated
 * files, the round trip, file modes, the size cap, two writers at the
 * same moment, and files yomu cannot read: kept aside, never replaced. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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


/* state_save, its warning dropped */
static int
save(const char *dir, uint64_t key, const struct state_pos *pos)
{
	char *w = NULL;
	int err = state_save(dir, key, pos, &w);
	free(w);
	return err;
}

static char *
read_text(const char *path)
{
	struct buf b = {0};
	FILE *f = fopen(path, "rb");
	char tmp[4096];
	size_t n;
	if (!f)
		return NULL;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_add(&b, tmp, n);
	fclose(f);
	if (!b.p)
		buf_adds(&b, "");
	return buf_steal(&b);
}

/* The files of DIR named positions.damaged-*: how many, and the path of
 * the last one in name order (the caller frees it). */
static int
damaged_files(const char *dir, char **last)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;
	char *best = NULL;
	if (last)
		*last = NULL;
	if (!d)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "positions.damaged-", 18) != 0)
			continue;
		n++;
		if (!best || strcmp(de->d_name, best) > 0) {
			free(best);
			best = xstrdup(de->d_name);
		}
	}
	closedir(d);
	if (last && best) {
		struct buf b = {0};
		buf_printf(&b, "%s/%s", dir, best);
		*last = buf_steal(&b);
	}
	free(best);
	return n;
}

static void
remove_damaged(const char *dir)
{
	char *p;
	while (damaged_files(dir, &p) > 0) {
		unlink(p);
		free(p);
	}
}

/* Load KEY from DIR's file holding TEXT: the file yomu cannot read all of
 * is kept aside byte for byte, the warning names where, the good lines
 * stay readable, and a save afterwards keeps everything. */
static void
check_kept(const char *dir, const char *file, const char *text, size_t len, const char *what,
           const char *reason, bool good_lines)
{
	struct state_pos q, p = {5, 6, STATE_MODE_NONE};
	char *warn = NULL, *kept = NULL, *back = NULL;
	bool found;
	FILE *f = fopen(file, "wb");
	fwrite(text, 1, len, f);
	fclose(f);
	remove_damaged(dir);
	found = state_load(dir, 0xAAAAULL, &q, &warn);
	tap_ok(warn && strstr(warn, reason) && strstr(warn, "positions.damaged-"),
	       "%s: the warning says why and where the file is kept (%s)", what, warn ? warn : "none");
	tap_ok(damaged_files(dir, &kept) == 1 && (back = read_text(kept)) != NULL &&
	           memcmp(back, text, len) == 0,
	       "%s: kept aside byte for byte", what);
	free(back);
	tap_ok(good_lines ? found && q.block == 1 && q.offset == 2 : !found,
	       good_lines ? "%s: the good lines are still read" : "%s: nothing restored", what);
	free(warn);
	warn = NULL;
	tap_ok(save(dir, 0xBBBBULL, &p) == 0 && state_load(dir, 0xBBBBULL, &q, &warn) && !warn &&
	           (!good_lines || (state_load(dir, 0xCCCCULL, &q, &warn) && q.block == 7)) &&
	           damaged_files(dir, NULL) == 1,
	       "%s: then a save keeps the good lines and the kept file", what);
	free(warn);
	free(kept);
}

int
main(void)
{
	char tmpl[] = "/tmp/yomu-state-XXXXXX";
	char *dir, *sub, *file;
	struct state_pos p = {12, 345, STATE_MODE_NONE}, q;
	char *warn;
	struct stat st;
	int n;
	struct buf b = {0};

	tap_ok(parses("yomu-state 1\n00000000000000ff 3 4 1700000000\n", &n) && n == 1, "a valid file parses");
	tap_ok(!parses("yomu-state 1\n00000000000000ff 3 4 1700000000", &n), "a truncated last line is noticed");
	tap_ok(!parses("yomu-state 3\n", &n), "another format version is not read");
	tap_ok(parses("yomu-state 2\n00000000000000ff 3 4 1700000000 v\n0000000000000100 3 4 1700000000 h\n"
	              "0000000000000101 3 4 1700000000\n", &n) && n == 3,
	       "version 2: how the text was set, h or v, or nothing");
	tap_ok(!parses("yomu-state 2\n00000000000000ff 3 4 1700000000 x\n", &n) && n == 0 &&
	           !parses("yomu-state 2\n00000000000000ff 3 4 1700000000 vv\n", &n) && n == 0,
	       "anything else after the time is refused");
	tap_ok(!parses("", &n), "an empty file is not a state file");
	tap_ok(!parses("yomu-state 1\nzz 1 2 3\n00000000000000ff 3 4 5\n", &n) && n == 1,
	       "a bad line is reported, the good ones are kept");
	tap_ok(!parses("yomu-state 1\nff 99999999999 2 3\n", &n) && n == 0, "an out-of-range block is refused");
	tap_ok(!parses("yomu-state 1\n\377\376\0garbage\n", &n), "binary garbage is refused");

	dir = mkdtemp(tmpl);
	buf_printf(&b, "%s/a/b/yomu", dir);
	sub = buf_steal(&b);
	tap_ok(!state_load(sub, 1, &q, &warn) && warn == NULL, "no file: nothing found, no warning");
	tap_ok(save(sub, 0xabcdefULL, &p) == 0, "save creates the directories");
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
	p.mode = STATE_MODE_VERTICAL;
	save(sub, 0x1234ULL, &p);
	tap_ok(state_load(sub, 0x1234ULL, &q, &warn) && q.mode == STATE_MODE_VERTICAL && !warn &&
	           state_load(sub, 0xabcdefULL, &q, &warn) && q.mode == STATE_MODE_NONE,
	       "the writing mode comes back with the position");
	p.mode = STATE_MODE_HORIZONTAL;
	save(sub, 0x1234ULL, &p);
	tap_ok(state_load(sub, 0x1234ULL, &q, &warn) && q.mode == STATE_MODE_HORIZONTAL,
	       "and horizontal too");
	p.mode = STATE_MODE_NONE;
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
	tap_ok(save(sub, 0xabcdefULL, &p) == 0 && state_load(sub, 0xabcdefULL, &q, &warn) && !warn,
	       "saving over a corrupt file makes it valid again");

	/* the cap */
	for (uint64_t k = 0; k < STATE_MAX_ENTRIES + 20; k++)
		save(sub, 0x100000 + k, &p);
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
		struct state_pos pa = {1, 1, STATE_MODE_NONE}, pc = {2, 2, STATE_MODE_NONE};
		unlink(file);
		a = fork();
		if (a == 0) {
			for (int i = 0; i < 200; i++)
				save(sub, 0xAAAA, &pa);
			_exit(0);
		}
		c = fork();
		if (c == 0) {
			for (int i = 0; i < 200; i++)
				save(sub, 0xCCCC, &pc);
			_exit(0);
		}
		waitpid(a, &sa, 0);
		waitpid(c, &sc, 0);
		tap_ok(state_load(sub, 0xAAAA, &q, &warn) && !warn && q.block == 1 &&
		           state_load(sub, 0xCCCC, &q, &warn) && !warn && q.block == 2,
		       "two processes saving at once leave a valid file with both positions");
	}

	/* files yomu cannot read all of: kept aside, never replaced */
	{
		static const char crlf[] = "yomu-state 1\r\n000000000000aaaa 1 2 1700000000\r\n"
		                           "000000000000cccc 7 8 1700000001\r\n";
		static const char midline[] = "yomu-state 1\n000000000000aaaa 1 2 1700000000\n"
		                              "this line is damaged\n000000000000cccc 7 8 1700000001\n";
		static const char header[] = "yomu-stat 1\n000000000000aaaa 1 2 1700000000\n";
		static const char newer[] = "yomu-state 3\nwhatever a later yomu writes\n";
		struct buf big = {0};
		char *lock, *text = NULL, *kept = NULL;
		struct state_pos r = {9, 9, STATE_MODE_NONE};

		unlink(file);
		remove_damaged(sub); /* from the corrupt files above */
		write_text(file, crlf);
		warn = NULL;
		tap_ok(state_load(sub, 0xAAAAULL, &q, &warn) && q.block == 1 && !warn &&
		           damaged_files(sub, NULL) == 0,
		       "CRLF line ends: read as they are, no warning (%s)", warn ? warn : "none");
		xfree(&warn);
		tap_ok(save(sub, 0xBBBBULL, &r) == 0 && (text = read_text(file)) != NULL &&
		           !strchr(text, '\r') && strstr(text, "000000000000aaaa 1 2") &&
		           strstr(text, "000000000000cccc 7 8") && strstr(text, "000000000000bbbb 9 9"),
		       "CRLF line ends: written back with LF, every position kept");
		tap_ok(text && strncmp(text, "yomu-state 2\n", 13) == 0,
		       "a file of version 1 is read and written back as version 2");
		xfree(&text);

		check_kept(sub, file, midline, sizeof midline - 1, "a damaged line in the middle",
		           "line 3", true);
		check_kept(sub, file, header, sizeof header - 1, "a damaged first line", "damaged", false);
		buf_adds(&big, "yomu-state 1\n");
		while (big.len <= (1u << 20))
			buf_adds(&big, "000000000000dddd 1 2 1700000000\n");
		check_kept(sub, file, big.p, big.len, "a file over 1 MB", "1 MB", false);
		buf_free(&big);

		/* two in one second: the second does not replace the first */
		remove_damaged(sub);
		write_text(file, header);
		state_load(sub, 1, &q, &warn);
		xfree(&warn);
		write_text(file, midline);
		state_load(sub, 1, &q, &warn);
		xfree(&warn);
		tap_ok(damaged_files(sub, &kept) == 2, "two damaged files at once: both kept");
		xfree(&kept);
		remove_damaged(sub);

		/* damaged between the load and the save: the save keeps it aside */
		unlink(file);
		save(sub, 0xAAAAULL, &r);
		write_text(file, midline);
		tap_ok(save(sub, 0xBBBBULL, &r) == 0 && damaged_files(sub, &kept) == 1 &&
		           (text = read_text(kept)) && strcmp(text, midline) == 0,
		       "a file damaged after the load: the save keeps it aside too");
		xfree(&text);
		xfree(&kept);
		warn = NULL;
		tap_ok(state_load(sub, 0xCCCCULL, &q, &warn) && q.block == 7 && !warn &&
		           state_load(sub, 0xBBBBULL, &q, &warn) && q.block == 9 && !warn,
		       "with its good lines and the new position");
		remove_damaged(sub);

		/* written by another version: left alone, not saved over */
		write_text(file, newer);
		tap_ok(!state_load(sub, 0xAAAAULL, &q, &warn) && warn && strstr(warn, "version"),
		       "another format version: a warning (%s)", warn ? warn : "none");
		xfree(&warn);
		tap_ok(save(sub, 0xAAAAULL, &r) != 0 && (text = read_text(file)) &&
		           strcmp(text, newer) == 0 && damaged_files(sub, NULL) == 0,
		       "and no save over it");
		xfree(&text);

		/* not a regular file: no blocking open, a warning, no save */
		alarm(20); /* a FIFO that blocks fails the test instead of hanging it */
		unlink(file);
		mkfifo(file, 0600);
		warn = NULL;
		tap_ok(!state_load(sub, 0xAAAAULL, &q, &warn) && warn && strstr(warn, "not a regular file"),
		       "a FIFO named positions: a warning at once (%s)", warn ? warn : "none");
		xfree(&warn);
		memset(&st, 0, sizeof st);
		tap_ok(save(sub, 0xAAAAULL, &r) != 0 && lstat(file, &st) == 0 && S_ISFIFO(st.st_mode),
		       "and no save over it");
		unlink(file);
		mkdir(file, 0700);
		tap_ok(!state_load(sub, 0xAAAAULL, &q, &warn) && warn && save(sub, 0xAAAAULL, &r) != 0,
		       "a directory named positions: a warning, no save");
		xfree(&warn);
		rmdir(file);
		buf_printf(&b, "%s/positions.lock", sub);
		lock = buf_steal(&b);
		unlink(lock);
		mkfifo(lock, 0600);
		tap_ok(save(sub, 0xAAAAULL, &r) != 0 && access(file, F_OK) != 0,
		       "a FIFO named positions.lock: no save");
		unlink(lock);
		free(lock);
		alarm(0);

		/* unreadable (mode 000): root reads it anyway, so as root the
		 * test runs as nobody in a child */
		unlink(file);
		save(sub, 0xAAAAULL, &r);
		chmod(file, 0);
		{
			pid_t c;
			int status = -1;
			bool as_nobody = geteuid() == 0;
			if (as_nobody) {
				char cmd[512];
				snprintf(cmd, sizeof cmd, "chown -R 65534:65534 '%s'", dir);
				as_nobody = system(cmd) == 0;
			}
			c = fork();
			if (c == 0) {
				char *w = NULL;
				bool found;
				if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
					_exit(77);
				if (access(file, R_OK) == 0)
					_exit(77);
				int rc;
				found = state_load(sub, 0xAAAAULL, &q, &w);
				rc = !found && w && strstr(w, strerror(EACCES)) &&
				             strstr(w, "positions.damaged-") && damaged_files(sub, NULL) == 1
				         ? 0
				         : 1;
				/* (valgrind's leak check runs in the child too) */
				free(w);
				free(file);
				free(sub);
				_exit(rc);
			}
			waitpid(c, &status, 0);
			if (WIFEXITED(status) && WEXITSTATUS(status) == 77)
				tap_ok(1, "# SKIP mode 000: cannot drop root here");
			else
				tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
				       "mode 000 (unreadable): kept aside with a warning%s",
				       as_nobody ? " (run as nobody: the tests run as root)" : "");
			chmod(file, 0600);
			remove_damaged(sub);
		}
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
