/* book_state.c: the positions and marks of a book's files, each under its
 * own key, counted in its file (see book_state.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "book_state.h"
#include "doc.h"
#include "util.h"

#define NO_FILE ((size_t)-1)

/* Which file each part of the book is: the parts come in the files'
 * order, a file that could not be read making none. */
static void
map_parts(struct book_state *bs)
{
	const struct doc *d = bs->b->d;
	if (bs->nmapped == d->nparts)
		return;
	bs->part_file = xrealloc(bs->part_file, d->nparts * sizeof *bs->part_file);
	for (size_t p = bs->nmapped; p < d->nparts; p++) {
		size_t k = bs->next_file;
		while (k < bs->b->n && bs->b->f[k].key != d->parts[p].key)
			k++;
		bs->part_file[p] = k < bs->b->n ? k : NO_FILE;
		if (k < bs->b->n)
			bs->next_file = k + 1;
	}
	bs->nmapped = d->nparts;
}

/* A file's blocks start after its title line, the part's first block. */
static uint32_t
part_base(const struct book_state *bs, size_t p)
{
	return (uint32_t)bs->b->d->parts[p].first + 1;
}

/* The part BLOCK of the book is in, or NO_FILE. */
static size_t
part_index(const struct book_state *bs, uint32_t block)
{
	const struct doc *d = bs->b->d;
	const struct doc_part *part = doc_part_of(d, block);
	return part ? (size_t)(part - d->parts) : NO_FILE;
}

/* POS of the book counted in part P (its title line: the file's top). */
static struct state_pos
in_file(const struct book_state *bs, size_t p, struct state_pos pos)
{
	uint32_t base = part_base(bs, p);
	if (pos.block < base)
		return (struct state_pos){0, 0};
	return (struct state_pos){pos.block - base, pos.offset};
}

static bool
same_pos(struct state_pos a, struct state_pos b)
{
	return a.block == b.block && a.offset == b.offset;
}

bool
book_state_load(struct book_state *bs, struct book *b, const char *sdir, struct state_doc *st,
                char **warning)
{
	size_t n = b->n, nfound, newest = NO_FILE;
	uint64_t *keys = xcalloc(n ? n : 1, sizeof *keys);
	struct state_doc *docs = xcalloc(n ? n : 1, sizeof *docs);
	size_t *order = xcalloc(n ? n : 1, sizeof *order);
	int i;
	uint32_t block, offset;

	memset(bs, 0, sizeof *bs);
	memset(st, 0, sizeof *st);
	bs->b = b;
	bs->f = xcalloc(n ? n : 1, sizeof *bs->f);
	for (i = 0; i < STATE_MARKS; i++)
		bs->owner[i] = -1;
	for (size_t k = 0; k < n; k++)
		keys[k] = b->f[k].key;
	nfound = state_load_many(sdir, keys, n, docs, order, warning);
	/* newest first: of two files with a mark of one letter, the one left
	 * last has it in the book (the other keeps its own, see
	 * book_state_changes) */
	for (size_t j = 0; j < nfound; j++) {
		size_t k = order[j];
		if (keys[k] == 0)
			continue; /* standard input: known once it is read */
		bs->f[k].found = true;
		bs->f[k].was = docs[k];
		if (newest == NO_FILE)
			newest = k;
		for (i = 0; i < STATE_MARKS; i++)
			if ((docs[k].marks >> i & 1) && bs->owner[i] < 0) {
				bs->owner[i] = (int)k;
				bs->f[k].pending |= (uint64_t)1 << i;
			}
	}
	free(keys);
	free(docs);
	free(order);
	if (newest == NO_FILE)
		return false;
	/* the book opens in that file: read through it */
	book_read_through(b, newest);
	map_parts(bs);
	for (size_t p = 0; p < bs->nmapped; p++)
		if (bs->part_file[p] == newest) {
			struct state_pos at = bs->f[newest].was.pos;
			st->measure = bs->f[newest].was.measure;
			st->mode = bs->f[newest].was.mode;
			st->pos = (struct state_pos){at.block + part_base(bs, p), at.offset};
			break;
		}
	/* the marks of the files read so far; the others' as they are read */
	while (book_state_mark(bs, &i, &block, &offset)) {
		st->mark[i] = (struct state_pos){block, offset};
		st->marks |= (uint64_t)1 << i;
	}
	return true;
}

bool
book_state_mark(struct book_state *bs, int *i, uint32_t *block, uint32_t *offset)
{
	map_parts(bs);
	for (; bs->scan < bs->nmapped; bs->scan++) {
		size_t k = bs->part_file[bs->scan];
		struct book_place *f = k == NO_FILE ? NULL : &bs->f[k];
		int m;
		if (!f || !f->pending)
			continue;
		for (m = 0; !(f->pending >> m & 1); m++)
			;
		f->pending &= ~((uint64_t)1 << m);
		*i = m;
		*block = f->was.mark[m].block + part_base(bs, bs->scan);
		*offset = f->was.mark[m].offset;
		bs->handed[m] = true;
		bs->handed_at[m] = (struct state_pos){*block, *offset};
		return true;
	}
	return false;
}

void
book_state_at(struct book_state *bs, uint32_t block, uint32_t offset)
{
	size_t p, k;
	map_parts(bs);
	p = part_index(bs, block);
	if (p == NO_FILE || p >= bs->nmapped || (k = bs->part_file[p]) == NO_FILE)
		return;
	bs->f[k].visited = true;
	bs->f[k].at = in_file(bs, p, (struct state_pos){block, offset});
}

/* Mark I of the book as the reader left it is not the one it was given
 * (set elsewhere, or deleted). */
static bool
touched(const struct book_state *bs, const struct state_doc *st, int i)
{
	bool has = st->marks >> i & 1;
	if (has != bs->handed[i])
		return true;
	return has && !same_pos(st->mark[i], bs->handed_at[i]);
}

/* What file K (part P) is now: its position, its marks (those of the
 * book in it, and those of its own the book never showed, kept while
 * their letter was left alone), the book's measure.  True if that
 * differs from what was remembered. */
static bool
file_now(const struct book_state *bs, const struct state_doc *st, size_t p, size_t k,
         struct state_doc *out)
{
	const struct book_place *f = &bs->f[k];
	struct state_pos was_pos = f->found ? f->was.pos : (struct state_pos){0, 0};
	uint64_t was_marks = f->found ? f->was.marks : 0;
	bool changed = false;

	memset(out, 0, sizeof *out);
	out->pos = f->visited ? f->at : was_pos;
	out->measure = st->measure;
	out->mode = st->mode;
	for (int i = 0; i < STATE_MARKS; i++) {
		uint64_t bit = (uint64_t)1 << i;
		if ((st->marks & bit) && part_index(bs, st->mark[i].block) == p) {
			out->mark[i] = in_file(bs, p, st->mark[i]);
			out->marks |= bit;
		} else if ((was_marks & bit) && !touched(bs, st, i) &&
		           !(bs->owner[i] == (int)k && bs->handed[i])) {
			out->mark[i] = f->was.mark[i];
			out->marks |= bit;
		}
		if ((out->marks & bit) && (was_marks & bit) && !same_pos(out->mark[i], f->was.mark[i]))
			changed = true;
	}
	return changed || out->marks != was_marks || !same_pos(out->pos, was_pos);
}

size_t
book_state_changes(struct book_state *bs, const struct state_doc *st, uint64_t **keys,
                   struct state_doc **docs)
{
	size_t p_quit, n = 0;
	map_parts(bs);
	*keys = xcalloc(bs->nmapped ? bs->nmapped : 1, sizeof **keys);
	*docs = xcalloc(bs->nmapped ? bs->nmapped : 1, sizeof **docs);
	book_state_at(bs, st->pos.block, st->pos.offset);
	p_quit = part_index(bs, st->pos.block);
	/* the file quit in first: the newest, where the book opens next */
	if (p_quit != NO_FILE && p_quit < bs->nmapped && bs->part_file[p_quit] != NO_FILE) {
		file_now(bs, st, p_quit, bs->part_file[p_quit], &(*docs)[n]);
		(*keys)[n++] = bs->b->d->parts[p_quit].key;
	}
	for (size_t p = 0; p < bs->nmapped; p++) {
		size_t k = bs->part_file[p];
		if (p == p_quit || k == NO_FILE)
			continue;
		if (file_now(bs, st, p, k, &(*docs)[n]))
			(*keys)[n++] = bs->b->d->parts[p].key;
	}
	return n;
}

void
book_state_free(struct book_state *bs)
{
	xfree(&bs->f);
	xfree(&bs->part_file);
	bs->nmapped = bs->scan = bs->next_file = 0;
}
