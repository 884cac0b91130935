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
#include "book_state.h"
#include "doc.h"
#include "dump.h"
#include "main_impl.h"
#include "replay.h"
#include "search.h"
#include "state.h"
#include "tui.h"
#include "ui.h"
#include "util.h"

/* The book read between keys, its files' places kept (see book_state.h):
 * the loader's context is the book's state, whose B is the book. */
static bool
book_loader_step(void *ctx, size_t max)
{
	struct book_state *bs = ctx;
	return book_step(bs->b, max);
}

static double
book_loader_progress(void *ctx)
{
	struct book_state *bs = ctx;
	return book_progress(bs->b);
}

static bool
book_loader_mark(void *ctx, int *i, uint32_t *block, uint32_t *offset)
{
	return book_state_mark(ctx, i, block, offset);
}

static void
book_loader_at(void *ctx, uint32_t block, uint32_t offset)
{
	book_state_at(ctx, block, offset);
}

/* The book on the screen, read between keys; each file's position and
 * marks kept by its own key. */
static int
run_book_screen(const struct options *o, struct config *cfg, struct book *b,
                const struct termenc *te)
{
	struct state_doc st;
	struct book_state bs;
	struct ui_loader loader = {.step = book_loader_step, .progress = book_loader_progress,
	                           .ctx = &bs};
	struct buf warn = {0};
	char *sdir = main_state_dir(o, cfg), *notes, *w = NULL;
	int rc;

	memset(&st, 0, sizeof st);
	memset(&bs, 0, sizeof bs);
	bs.b = b;
	if (sdir) {
		book_state_load(&bs, b, sdir, &st, &w); /* none: the top */
		main_join_warning(&warn, w);
		free(w);
		loader.mark = book_loader_mark;
		loader.at = book_loader_at;
	}
	if (o->vertical)
		st.mode = STATE_MODE_VERTICAL;
	notes = book_take_notes(b);
	main_join_warning(&warn, notes);
	free(notes);
	rc = main_show(o, cfg, b->d, NULL, &loader, sdir ? &st : NULL, warn.p, NULL, te);
	if (sdir) {
		/* the file quit in first, then the others that changed: one save */
		uint64_t *keys;
		struct state_doc *docs;
		size_t n = book_state_changes(&bs, &st, &keys, &docs);
		if (n)
			main_remember(sdir, n, keys, docs);
		free(keys);
		free(docs);
	}
	book_state_free(&bs);
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
		struct book_state bs = {.b = &b};
		struct ui_loader loader = {.step = book_loader_step, .progress = book_loader_progress,
		                           .ctx = &bs};
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
