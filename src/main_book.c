/* main_book.c: several files, or a directory, read as one book: on the
 * screen, in --replay, and in --dump, --toc and --count a file at a time. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "book.h"
#include "doc.h"
#include "dump.h"
#include "main_impl.h"
#include "replay.h"
#include "search.h"
#include "state.h"
#include "tui.h"
#include "ui.h"
#include "util.h"

static bool
book_loader_step(void *ctx, size_t max)
{
	return book_step(ctx, max);
}

static double
book_loader_progress(void *ctx)
{
	return book_progress(ctx);
}

/* Where a book opens: in the file read last, where it was left.  Its
 * position is kept by the file's key, its block counted in the file. */
static bool
book_restore(struct book *b, const char *sdir, struct state_doc *st, struct buf *warn)
{
	uint64_t *keys = xcalloc(b->n ? b->n : 1, sizeof *keys);
	struct state_doc *docs = xcalloc(b->n ? b->n : 1, sizeof *docs);
	size_t *order = xcalloc(b->n ? b->n : 1, sizeof *order);
	char *w = NULL;
	size_t which = 0;
	bool found;
	for (size_t i = 0; i < b->n; i++)
		keys[i] = b->f[i].key ? b->f[i].key : 1; /* standard input: known once read */
	found = state_load_many(sdir, keys, b->n, docs, order, &w) > 0;
	if (found) {
		which = order[0];
		*st = docs[which];
	}
	main_join_warning(warn, w);
	free(w);
	free(keys);
	free(docs);
	free(order);
	if (!found)
		return false;
	book_read_through(b, which);
	for (size_t p = 0; p < b->d->nparts; p++)
		if (b->d->parts[p].key == b->f[which].key) {
			/* counted in the file: its title line is the file's top */
			uint32_t base = (uint32_t)b->d->parts[p].first + 1;
			st->pos.block += base;
			for (int m = 0; m < STATE_MARKS; m++)
				st->mark[m].block += base;
			return true;
		}
	return false;
}

/* The book read between keys; each file's position (and the marks in it)
 * kept by its own key. */
static int
run_book_screen(const struct options *o, struct config *cfg, struct book *b,
                const struct termenc *te)
{
	struct state_doc st;
	struct ui_loader loader = {.step = book_loader_step, .progress = book_loader_progress, .ctx = b};
	struct buf warn = {0};
	char *sdir = main_state_dir(o, cfg), *notes;
	const struct doc_part *part;
	int rc;

	memset(&st, 0, sizeof st);
	if (sdir && !book_restore(b, sdir, &st, &warn)) {
		int32_t measure = st.measure;
		memset(&st, 0, sizeof st);
		st.measure = measure;
	}
	notes = book_take_notes(b);
	main_join_warning(&warn, notes);
	free(notes);
	rc = main_show(o, cfg, b->d, NULL, &loader, sdir ? &st : NULL, warn.p, NULL, te);
	part = doc_part_of(b->d, st.pos.block);
	if (sdir && part) {
		/* in its file: its title line is the file's top; the marks in it */
		struct state_doc in;
		uint32_t base = (uint32_t)part->first + 1;
		uint32_t end = part + 1 < b->d->parts + b->d->nparts ? (uint32_t)part[1].first : UINT32_MAX;
		memset(&in, 0, sizeof in);
		in.measure = st.measure;
		if (st.pos.block >= base)
			in.pos = (struct state_pos){st.pos.block - base, st.pos.offset};
		for (int m = 0; m < STATE_MARKS; m++)
			if ((st.marks >> m & 1) && st.mark[m].block >= base && st.mark[m].block < end) {
				in.mark[m] = (struct state_pos){st.mark[m].block - base, st.mark[m].offset};
				in.marks |= (uint64_t)1 << m;
			}
		main_remember(sdir, part->key, &in);
	}
	free(sdir);
	buf_free(&warn);
	return rc;
}

/* --dump, --toc and --count of a book: one file at a time, each a book of
 * its own file, written as one (the memory of the largest file). */
struct book_out {
	const struct options *o;
	const struct config *cfg;
	struct dump_opts dopt;
	struct dump_carry carry;
};

static void
book_emit(void *ctx, struct doc *d)
{
	struct book_out *bo = ctx;
	struct present_opts po = bo->dopt.pres;
	if (bo->o->mode == MODE_TOC) {
		dump_toc(stdout, d, &po, NULL);
	} else if (bo->o->mode == MODE_COUNT) {
		struct search_index ix;
		search_index_build(&ix, d, bo->cfg->set.kana_insensitive);
		printf("%s:%zu\n", d->parts[0].name, search_count(&ix, bo->o->pattern));
		search_index_free(&ix);
	} else {
		dump_document(stdout, d, &bo->dopt);
	}
	fflush(stdout);
}

/* Say on standard error what the book skipped and could not read. */
static void
book_report(struct book *b)
{
	char *notes = book_take_notes(b);
	if (notes)
		fprintf(stderr, "yomu: %s\n", notes);
	if (b->error)
		fprintf(stderr, "yomu: %s\n", b->error);
	free(notes);
}

/* Several files, or a directory: a book. */
int
main_run_book(const struct options *o, struct config *cfg, const struct termenc *te)
{
	struct book b;
	struct doc d;
	char *err = NULL;
	int rc = 0;
	if (!book_open(&b, o->files, o->nfiles, o->encoding, o->format, &d, &err)) {
		fprintf(stderr, "yomu: %s\n", err);
		free(err);
		book_close(&b);
		doc_free(&d);
		return 1;
	}
	if (o->mode == MODE_AUTO && isatty(STDOUT_FILENO) && tui_has_screen()) {
		book_begin(&b);
		rc = run_book_screen(o, cfg, &b, te);
	} else if (o->mode == MODE_REPLAY) {
		struct ui_loader loader = {.step = book_loader_step, .progress = book_loader_progress,
		                           .ctx = &b};
		struct ui_opts uo = main_ui_opts(&cfg->set, cfg->warning, NULL);
		book_begin(&b);
		if (!o->replay_stream)
			book_finish(&b);
		rc = replay_run(&d, &cfg->keys, &uo, o->replay, o->size_w, o->size_h, o->replay_attrs,
		                o->replay_stream ? &loader : NULL, stdout);
	} else {
		struct book_out bo = {.o = o, .cfg = cfg};
		bo.dopt = main_dump_opts(o, cfg, &bo.carry);
		if (cfg->warning)
			fprintf(stderr, "yomu: %s\n", cfg->warning);
		book_each(&b, book_emit, &bo);
	}
	book_report(&b);
	book_close(&b);
	doc_free(&d);
	return rc;
}
