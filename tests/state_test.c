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
count_fn(void *ctx, uint64_t key, const struct state_doc *doc, int64_t when)
{
	(void)ctx;
	(void)key;
	(void)doc;
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


/* state_save of a position without marks, its warning dropped */
static int
save(const char *dir, uint64_t key, const struct state_pos *pos)
{
	char *w = NULL;
	struct state_doc doc;
	int err;
	memset(&doc, 0, sizeof doc);
	doc.pos = *pos;
	err = state_save(dir, 1, &key, &doc, &w);
	free(w);
	return err;
}

/* state_load, the position only */
static bool
load(const char *dir, uint64_t key, struct state_pos *pos, char **warning)
{
	struct state_doc doc;
	bool found = state_load(dir, key, &doc, warning);
	if (found)
		*pos = doc.pos;
	return found;
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
	struct state_pos q, p = {5, 6};
	char *warn = NULL, *kept = NULL, *back = NULL;
	bool found;
	FILE *f = fopen(file, "wb");
	fwrite(text, 1, len, f);
	fclose(f);
	remove_damaged(dir);
	found = load(dir, 0xAAAAULL, &q, &warn);
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
	tap_ok(save(dir, 0xBBBBULL, &p) == 0 && load(dir, 0xBBBBULL, &q, &warn) && !warn &&
	           (!good_lines || (load(dir, 0xCCCCULL, &q, &warn) && q.block == 7)) &&
	           damaged_files(dir, NULL) == 1,
	       "%s: then a save keeps the good lines and the kept file", what);
	free(warn);
	free(kept);
}

static struct state_doc got_doc;
static uint64_t got_key;
static void
keep_fn(void *ctx, uint64_t key, const struct state_doc *doc, int64_t when)
{
	(void)ctx;
	(void)when;
	got_key = key;
	got_doc = *doc;
}

/* Marks: their syntax, the round trip, a version 1 file read and written
 * back as version 2, several documents saved at once. */
static void
test_marks(const char *dir)
{
	char *file, *text = NULL, *warn = NULL;
	struct buf b = {0};
	struct state_doc d, e;
	uint64_t keys[3] = {0xB001, 0xB002, 0xB003};
	struct state_doc docs[3];
	bool ok;
	int n;

	tap_ok(parses("yomu-state 2\n00000000000000ff 3 4 1700000000 a1:2 Z30:40\n", &n) && n == 1,
	       "a line with marks parses");
	{
		static const char line[] = "yomu-state 2\n00000000000000ff 3 4 1700000000 a1:2 Z30:40\n";
		state_parse(line, strlen(line), keep_fn, NULL);
	}
	tap_ok(got_key == 0xff && got_doc.pos.block == 3 && got_doc.pos.offset == 4 &&
	           got_doc.marks == ((uint64_t)1 << 0 | (uint64_t)1 << 51) && got_doc.mark[0].block == 1 &&
	           got_doc.mark[0].offset == 2 && got_doc.mark[51].block == 30 &&
	           got_doc.mark[51].offset == 40,
	       "the marks a and Z and their places are read");
	tap_ok(!parses("yomu-state 2\nff 3 4 5 a1:2 a3:4\n", &n) && n == 0, "a mark given twice is refused");
	tap_ok(!parses("yomu-state 2\nff 3 4 5 !1:2\n", &n) && n == 0, "a mark that is not a letter is refused");
	tap_ok(!parses("yomu-state 2\nff 3 4 5 a1\n", &n) && !parses("yomu-state 2\nff 3 4 5 a1:\n", &n) &&
	           !parses("yomu-state 2\nff 3 4 5 a1:2 \n", &n) &&
	           !parses("yomu-state 2\nff 3 4 5 a99999999999:2\n", &n),
	       "a mark without its offset, a trailing space, an out-of-range block are refused");
	tap_ok(parses("yomu-state 1\nff 3 4 5\n", &n) && n == 1 && parses("yomu-state 2\nff 3 4 5\n", &n) &&
	           n == 1,
	       "lines without marks read in either version");
	tap_ok(state_mark_index('a') == 0 && state_mark_index('z') == 25 && state_mark_index('A') == 26 &&
	           state_mark_index('Z') == 51 && state_mark_index('0') < 0 && state_mark_index(0x3042) < 0 &&
	           state_mark_letter(0) == 'a' && state_mark_letter(51) == 'Z',
	       "mark letters a to z, then A to Z");

	buf_printf(&b, "%s/marks", dir);
	file = NULL;
	{
		struct buf f = {0};
		buf_printf(&f, "%s/positions", b.p);
		file = buf_steal(&f);
	}
	mkdir(b.p, 0700);
	/* a file of the first version: read, and written back as version 2 */
	write_text(file, "yomu-state 1\n000000000000aaaa 5 6 1700000000\n");
	memset(&d, 0, sizeof d);
	d.pos = (struct state_pos){7, 8};
	d.marks = (uint64_t)1 << 2 | (uint64_t)1 << 30;
	d.mark[2] = (struct state_pos){10, 11};
	d.mark[30] = (struct state_pos){12, 13};
	ok = state_load(b.p, 0xAAAA, &e, &warn) && !warn && e.pos.block == 5 && e.marks == 0;
	tap_ok(ok, "a version 1 file is read (no marks)");
	tap_ok(state_save(b.p, 1, &keys[0], &d, &warn) == 0 && !warn && (text = read_text(file)) &&
	           strncmp(text, "yomu-state 2\n", 13) == 0 && strstr(text, "000000000000aaaa 5 6 1700000000\n") &&
	           strstr(text, " 7 8 ") && strstr(text, " c10:11 E12:13\n"),
	       "a save writes version 2, the marks after the position, the old entry kept");
	xfree(&text);
	memset(&e, 0, sizeof e);
	tap_ok(state_load(b.p, keys[0], &e, &warn) && !warn && e.pos.block == 7 && e.marks == d.marks &&
	           e.mark[2].block == 10 && e.mark[2].offset == 11 && e.mark[30].block == 12 &&
	           e.mark[30].offset == 13,
	       "the marks come back");
	/* deleting a mark: the document's entry is replaced whole */
	d.marks = (uint64_t)1 << 30;
	state_save(b.p, 1, &keys[0], &d, &warn);
	tap_ok(state_load(b.p, keys[0], &e, &warn) && e.marks == ((uint64_t)1 << 30),
	       "a mark deleted is gone after the next save");
	/* a book: several documents at once, each with its own marks */
	for (int i = 0; i < 3; i++) {
		memset(&docs[i], 0, sizeof docs[i]);
		docs[i].pos = (struct state_pos){(uint32_t)(100 + i), 0};
		docs[i].marks = (uint64_t)1 << i;
		docs[i].mark[i] = (struct state_pos){(uint32_t)(200 + i), (uint32_t)i};
	}
	ok = state_save(b.p, 3, keys, docs, &warn) == 0 && !warn;
	for (int i = 0; i < 3; i++)
		ok = ok && state_load(b.p, keys[i], &e, &warn) && e.pos.block == (uint32_t)(100 + i) &&
		     e.marks == ((uint64_t)1 << i) && e.mark[i].block == (uint32_t)(200 + i);
	tap_ok(ok, "three documents saved at once keep their own positions and marks");
	tap_ok(state_load(b.p, 0xAAAA, &e, &warn) && e.pos.block == 5, "and the others are kept");
	free(file);
	buf_free(&b);
}

int
main(void)
{
	char tmpl[] = "/tmp/yomu-state-XXXXXX";
	char *dir, *sub, *file;
	struct state_pos p = {12, 345}, q;
	struct state_doc qd;
	char *warn;
	struct stat st;
	int n;
	struct buf b = {0};

	tap_ok(parses("yomu-state 1\n00000000000000ff 3 4 1700000000\n", &n) && n == 1, "a valid file parses");
	tap_ok(!parses("yomu-state 1\n00000000000000ff 3 4 1700000000", &n), "a truncated last line is noticed");
	tap_ok(!parses("yomu-state 3\n", &n), "another format version is not read");
	tap_ok(parses("yomu-state 2\n00000000000000ff 3 4 1700000000 m=v\n0000000000000100 3 4 1700000000 m=h\n"
	              "0000000000000101 3 4 1700000000\n", &n) && n == 3,
	       "version 2: how the text was set, m=h or m=v, or nothing");
	tap_ok(!parses("yomu-state 2\n00000000000000ff 3 4 1700000000 m=x\n", &n) && n == 0 &&
	           !parses("yomu-state 2\n00000000000000ff 3 4 1700000000 m=vv\n", &n) && n == 0,
	       "another writing mode is refused");
	tap_ok(!parses("", &n), "an empty file is not a state file");
	tap_ok(!parses("yomu-state 1\nzz 1 2 3\n00000000000000ff 3 4 5\n", &n) && n == 1,
	       "a bad line is reported, the good ones are kept");
	tap_ok(!parses("yomu-state 1\nff 99999999999 2 3\n", &n) && n == 0, "an out-of-range block is refused");
	tap_ok(!parses("yomu-state 1\n\377\376\0garbage\n", &n), "binary garbage is refused");

	dir = mkdtemp(tmpl);
	buf_printf(&b, "%s/a/b/yomu", dir);
	sub = buf_steal(&b);
	tap_ok(!load(sub, 1, &q, &warn) && warn == NULL, "no file: nothing found, no warning");
	tap_ok(save(sub, 0xabcdefULL, &p) == 0, "save creates the directories");
	tap_ok(load(sub, 0xabcdefULL, &q, &warn) && q.block == 12 && q.offset == 345 && !warn,
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
	save(sub, 0x1234ULL, &p);
	tap_ok(load(sub, 0xabcdefULL, &q, &warn) && q.block == 12 && load(sub, 0x1234ULL, &q, &warn) &&
	           q.block == 7,
	       "two documents, two positions");
	{
		/* how the text was set: m=v or m=h, or not said */
		struct state_doc dv;
		memset(&dv, 0, sizeof dv);
		dv.pos = (struct state_pos){7, 0};
		dv.mode = STATE_MODE_VERTICAL;
		state_save(sub, 1, (uint64_t[]){0x1234ULL}, &dv, &warn);
		xfree(&warn);
		tap_ok(state_load(sub, 0x1234ULL, &qd, &warn) && qd.mode == STATE_MODE_VERTICAL && !warn &&
		           state_load(sub, 0xabcdefULL, &qd, &warn) && qd.mode == STATE_MODE_NONE,
		       "the writing mode comes back with the position");
		dv.mode = STATE_MODE_HORIZONTAL;
		state_save(sub, 1, (uint64_t[]){0x1234ULL}, &dv, &warn);
		xfree(&warn);
		tap_ok(state_load(sub, 0x1234ULL, &qd, &warn) && qd.mode == STATE_MODE_HORIZONTAL,
		       "and horizontal too");
	}
	tap_ok(load(sub, 0xabcdefULL, &q, &warn) && q.block == 12 && load(sub, 0x1234ULL, &q, &warn) &&
	           q.block == 7,
	       "two documents, two positions");

	/* the fields after the time: the measure, and what a later version
	 * wrote, kept as it is */
	tap_ok(parses("yomu-state 2\n00000000000000ff 3 4 1700000000 w=40 marks=a:1:2\n", &n) && n == 1,
	       "fields after the time: the measure and a later version's");
	tap_ok(!parses("yomu-state 2\n00000000000000ff 3 4 1700000000 w=x\n", &n) && n == 0 &&
	           !parses("yomu-state 2\n00000000000000ff 3 4 1700000000 w=1001\n", &n) &&
	           !parses("yomu-state 2\n00000000000000ff 3 4 1700000000 =1\n", &n) &&
	           !parses("yomu-state 2\n00000000000000ff 3 4 1700000000 w=40 \n", &n) &&
	           !parses("yomu-state 2\n00000000000000ff 3 4 1700000000 W=40\n", &n),
	       "a bad measure, a field without a name or value, a trailing space: refused");
	write_text(file, "yomu-state 1\n0000000000000abc 5 6 1700000000\n");
	tap_ok(state_load(sub, 0xabcULL, &qd, &warn) && !warn && qd.pos.block == 5 && qd.pos.offset == 6 &&
	           qd.measure == 0,
	       "the version before (yomu-state 1) is read");
	write_text(file, "yomu-state 2\n0000000000000abc 5 6 1700000000 w=44 future=x\n"
	                 "0000000000000def 1 1 1700000001 later=y\n");
	tap_ok(state_load(sub, 0xabcULL, &qd, &warn) && !warn && qd.measure == 44, "the measure comes back");
	{
		struct state_doc m;
		uint64_t keys[] = {0xabcULL, 0xdefULL, 0x999ULL};
		char *text;
		memset(&m, 0, sizeof m);
		m.pos = (struct state_pos){2, 3};
		m.measure = 30;
		tap_ok(state_save(sub, 1, (uint64_t[]){0xdefULL}, &m, &warn) == 0 && !warn && (text = read_text(file)) &&
		           strncmp(text, "yomu-state 2\n0000000000000def 2 3 ", 34) == 0 &&
		           strstr(text, " w=30 later=y\n") &&
		           strstr(text, "0000000000000abc 5 6 1700000000 w=44 future=x\n"),
		       "a save writes the measure, and keeps a later version's fields, its own and others'");
		xfree(&text);
		{
			struct state_doc many[3];
			size_t order[3] = {9, 9, 9};
			memset(many, 0, sizeof many);
			tap_ok(state_load_many(sub, keys, 3, many, order, &warn) == 2 && !warn &&
			           order[0] == 1 && order[1] == 0 && many[1].pos.block == 2 &&
			           many[1].measure == 30 && many[0].pos.block == 5 && many[0].measure == 44,
			       "of several keys (a book's files), each found, the one saved last first");
			tap_ok(state_load_many(sub, keys + 2, 1, many, order, &warn) == 0 && !warn,
			       "none of them: none found");
		}
		{
			/* a book's files saved at once: the first given is the newest */
			struct state_doc two[2], many[3];
			size_t order[3];
			memset(two, 0, sizeof two);
			memset(many, 0, sizeof many);
			two[0].pos = (struct state_pos){8, 0};
			two[0].marks = 1;
			two[0].mark[0] = (struct state_pos){9, 1};
			two[1].pos = (struct state_pos){4, 0};
			tap_ok(state_save(sub, 2, (uint64_t[]){0x999ULL, 0xabcULL}, two, &warn) == 0 && !warn &&
			           state_load_many(sub, keys, 3, many, order, &warn) == 3 && order[0] == 2 &&
			           order[1] == 0 && order[2] == 1 && many[2].pos.block == 8 &&
			           many[2].marks == 1 && many[2].mark[0].block == 9 && many[0].pos.block == 4 &&
			           many[1].pos.block == 2,
			       "several saved in one call: each its own, the first of them the newest");
		}
	}

	write_text(file, "yomu-state 1\nthis is not right\n");
	tap_ok(!load(sub, 0xabcdefULL, &q, &warn) && warn && strstr(warn, "damaged"),
	       "a corrupt file is ignored with a warning");
	free(warn);
	write_text(file, "yomu-state 1\n0000000000abcdef 1 2");
	tap_ok(!load(sub, 0xabcdefULL, &q, &warn) && warn, "a truncated file is ignored with a warning");
	free(warn);
	tap_ok(save(sub, 0xabcdefULL, &p) == 0 && load(sub, 0xabcdefULL, &q, &warn) && !warn,
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
		struct state_pos pa = {1, 1}, pc = {2, 2};
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
		tap_ok(load(sub, 0xAAAA, &q, &warn) && !warn && q.block == 1 &&
		           load(sub, 0xCCCC, &q, &warn) && !warn && q.block == 2,
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
		struct state_pos r = {9, 9};

		unlink(file);
		remove_damaged(sub); /* from the corrupt files above */
		write_text(file, crlf);
		warn = NULL;
		tap_ok(load(sub, 0xAAAAULL, &q, &warn) && q.block == 1 && !warn &&
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
		load(sub, 1, &q, &warn);
		xfree(&warn);
		write_text(file, midline);
		load(sub, 1, &q, &warn);
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
		tap_ok(load(sub, 0xCCCCULL, &q, &warn) && q.block == 7 && !warn &&
		           load(sub, 0xBBBBULL, &q, &warn) && q.block == 9 && !warn,
		       "with its good lines and the new position");
		remove_damaged(sub);

		/* written by another version: left alone, not saved over */
		write_text(file, newer);
		tap_ok(!load(sub, 0xAAAAULL, &q, &warn) && warn && strstr(warn, "version"),
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
		tap_ok(!load(sub, 0xAAAAULL, &q, &warn) && warn && strstr(warn, "not a regular file"),
		       "a FIFO named positions: a warning at once (%s)", warn ? warn : "none");
		xfree(&warn);
		memset(&st, 0, sizeof st);
		tap_ok(save(sub, 0xAAAAULL, &r) != 0 && lstat(file, &st) == 0 && S_ISFIFO(st.st_mode),
		       "and no save over it");
		unlink(file);
		mkdir(file, 0700);
		tap_ok(!load(sub, 0xAAAAULL, &q, &warn) && warn && save(sub, 0xAAAAULL, &r) != 0,
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
				found = load(sub, 0xAAAAULL, &q, &w);
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
	test_marks(dir);
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
