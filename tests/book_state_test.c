/* book_state_test.c: the positions and marks of a book's files
 * (book_state.c): every file's entry loaded, the marks of a file read
 * later handed over once it is read, a letter two files have going to the
 * one left last, and at quit only the files that changed written, each
 * counted in its file. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book.h"
#include "book_state.h"
#include "doc.h"
#include "state.h"
#include "tap.h"
#include "util.h"

static char dir[] = "/tmp/yomu-bookstate-XXXXXX";
static char *sdir, *paths[3];

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Plain text: each paragraph a block. */
static void
make_files(void)
{
	static const char *const names[] = {"one.txt", "two.txt", "three.txt"};
	for (int i = 0; i < 3; i++) {
		struct buf p = {0}, t = {0};
		buf_printf(&p, "%s/%s", dir, names[i]);
		for (int k = 0; k < 12; k++)
			buf_printf(&t, "第%d部の段落%d。ここに文がある。\n\n", i + 1, k);
		write_file(p.p, t.p);
		buf_free(&t);
		paths[i] = buf_steal(&p);
	}
	{
		struct buf s = {0};
		buf_printf(&s, "%s/state", dir);
		sdir = buf_steal(&s);
	}
}

static void
open_book(struct book *b, struct doc *d)
{
	char *err = NULL;
	if (!book_open(b, paths, 3, NULL, NULL, d, &err))
		tap_diag("book_open: %s", err ? err : "?");
	free(err);
	book_begin(b);
}

static uint32_t
base(const struct doc *d, size_t p)
{
	return (uint32_t)d->parts[p].first + 1;
}

static void
save_one(uint64_t key, struct state_pos pos, int n, const int *marks, const struct state_pos *at)
{
	struct state_doc s;
	char *w = NULL;
	memset(&s, 0, sizeof s);
	s.pos = pos;
	for (int i = 0; i < n; i++) {
		s.marks |= (uint64_t)1 << marks[i];
		s.mark[marks[i]] = at[i];
	}
	if (state_save(sdir, 1, &key, &s, &w) != 0 || w)
		tap_diag("state_save: %s", w ? w : "failed");
	free(w);
}

static size_t
index_of(const uint64_t *keys, size_t n, uint64_t key)
{
	for (size_t i = 0; i < n; i++)
		if (keys[i] == key)
			return i;
	return n;
}

static void
test_book_state(void)
{
	struct book b;
	struct doc d;
	struct book_state bs;
	struct state_doc st, q;
	uint64_t *keys;
	struct state_doc *docs;
	size_t n, k;
	char *w = NULL;
	int i;
	uint32_t block, offset;
	uint64_t key[3];

	open_book(&b, &d);
	for (k = 0; k < 3; k++)
		key[k] = b.f[k].key;
	tap_ok(!book_state_load(&bs, &b, sdir, &st, &w) && !w && st.marks == 0 && st.pos.block == 0,
	       "no entries: the book opens at its top");
	book_state_free(&bs);
	book_close(&b);
	doc_free(&d);

	/* three.txt: marks a and b (left first); one.txt: mark a (left last,
	 * saved later) */
	save_one(key[2], (struct state_pos){5, 0}, 2, (int[]){0, 1},
	         (struct state_pos[]){{1, 0}, {4, 3}});
	save_one(key[0], (struct state_pos){3, 0}, 1, (int[]){0}, (struct state_pos[]){{2, 0}});

	open_book(&b, &d);
	tap_ok(book_state_load(&bs, &b, sdir, &st, &w) && !w, "every file's entry loaded");
	tap_ok(d.nparts == 1 && st.pos.block == 3 + base(&d, 0) && st.pos.offset == 0,
	       "the book opens in the file left last, its first file read only (%zu parts)", d.nparts);
	tap_ok(st.marks == 1 && st.mark[0].block == 2 + base(&d, 0),
	       "its mark a, counted in the book; a of three.txt loses to it");
	tap_ok(!book_state_mark(&bs, &i, &block, &offset), "three.txt's b waits for its file");
	book_finish(&b);
	tap_ok(book_state_mark(&bs, &i, &block, &offset) && i == 1 && block == 4 + base(&d, 2) &&
	           offset == 3 && !book_state_mark(&bs, &i, &block, &offset),
	       "read: its b is handed over, counted in the book, and only that");
	st.mark[1] = (struct state_pos){block, offset};
	st.marks |= 2;

	/* the top of the screen went through two.txt, the reader quit in one.txt */
	book_state_at(&bs, 6 + base(&d, 1), 7);
	book_state_at(&bs, base(&d, 1) - 1, 0); /* two.txt's title line */
	book_state_at(&bs, 8 + base(&d, 1), 2);
	st.pos = (struct state_pos){4 + base(&d, 0), 5};
	st.measure = 60;
	n = book_state_changes(&bs, &st, &keys, &docs);
	tap_ok(n == 2 && keys[0] == key[0] && keys[1] == key[1],
	       "quit: the file quit in first, then the one passed through; three.txt unchanged, not written");
	tap_ok(docs[0].pos.block == 4 && docs[0].pos.offset == 5 && docs[0].marks == 1 &&
	           docs[0].mark[0].block == 2 && docs[0].measure == 60,
	       "each counted in its file: the position, its marks, the measure");
	tap_ok(docs[1].pos.block == 8 && docs[1].pos.offset == 2 && docs[1].marks == 0,
	       "two.txt: where the top of the screen left it");
	free(keys);
	free(docs);

	/* mark b deleted (M, d) */
	st.marks &= ~(uint64_t)2;
	n = book_state_changes(&bs, &st, &keys, &docs);
	k = index_of(keys, n, key[2]);
	tap_ok(k < n && docs[k].marks == 1 && docs[k].mark[0].block == 1 && docs[k].pos.block == 5,
	       "b deleted: three.txt written without it, its own a (never shown) kept, its position kept");
	free(keys);
	free(docs);

	/* mark a set again, in two.txt */
	st.mark[0] = (struct state_pos){9 + base(&d, 1), 0};
	n = book_state_changes(&bs, &st, &keys, &docs);
	k = index_of(keys, n, key[2]);
	tap_ok(keys[0] == key[0] && docs[0].marks == 0 && docs[index_of(keys, n, key[1])].marks == 1 &&
	           docs[index_of(keys, n, key[1])].mark[0].block == 9 && k < n && docs[k].marks == 0,
	       "a set in two.txt: one letter, one place (one.txt's and three.txt's go)");
	tap_ok(state_save(sdir, n, keys, docs, &w) == 0 && !w, "saved in one call");
	free(keys);
	free(docs);
	book_state_free(&bs);
	book_close(&b);
	doc_free(&d);

	memset(&q, 0, sizeof q);
	tap_ok(state_load(sdir, key[1], &q, &w) && q.pos.block == 8 && q.marks == 1 && q.mark[0].block == 9,
	       "two.txt alone finds its position and its mark");
	open_book(&b, &d);
	tap_ok(book_state_load(&bs, &b, sdir, &st, &w) && st.pos.block == 4 + base(&d, 0) && st.marks == 0,
	       "the book opens again in the file quit in");
	book_finish(&b);
	tap_ok(book_state_mark(&bs, &i, &block, &offset) && i == 0 && block == 9 + base(&d, 1),
	       "with two.txt's mark");
	n = book_state_changes(&bs, &(struct state_doc){.pos = st.pos, .marks = 1, .mark[0] = {block, offset}},
	                       &keys, &docs);
	tap_ok(n == 1 && keys[0] == key[0], "nothing changed: only the file quit in is written");
	free(keys);
	free(docs);
	book_state_free(&bs);
	book_close(&b);
	doc_free(&d);
}

int
main(void)
{
	char cmd[600];
	if (!mkdtemp(dir)) {
		tap_ok(0, "a temporary directory");
		return tap_done();
	}
	make_files();
	test_book_state();
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", dir);
	for (int i = 0; i < 3; i++)
		free(paths[i]);
	free(sdir);
	return tap_done();
}
