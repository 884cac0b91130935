/* docload.c: the input layer feeding a format, a piece at a time. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "docload.h"

/* The first piece: enough to tell the format by, and a screenful. */
#define FIRST_PIECE (32u * 1024u)

/* Feed a piece to the format, or end the parse at the input's end. */
static bool
feed(struct docload *l, char *piece, size_t len)
{
	if (!piece) {
		l->fmt->end(l->st);
		l->st = NULL;
		return false;
	}
	l->fmt->feed(l->st, piece, len);
	free(piece);
	return true;
}

bool
docload_open(struct docload *l, const char *path, const char *encoding, struct doc *d,
             char **err)
{
	l->d = d;
	l->st = NULL;
	l->fmt = NULL;
	doc_init(d);
	return source_open(&l->src, path, encoding, err);
}

void
docload_begin(struct docload *l, const struct format *fmt)
{
	size_t len = 0;
	char *first = source_next(&l->src, FIRST_PIECE, &len);
	l->fmt = fmt ? fmt : format_detect(first ? first : "", len, l->src.path);
	l->st = l->fmt->begin(l->d);
	feed(l, first, len);
}

bool
docload_step(struct docload *l, size_t max)
{
	size_t len = 0;
	char *piece;
	if (!l->st)
		return false;
	piece = source_next(&l->src, max, &len);
	return feed(l, piece, len);
}

/* Reading the rest at once: one thread reads and decodes the input while
 * the caller parses it, handing pieces over through a queue of a few. */
#define FINISH_PIECE (1u << 20)
#define FINISH_QUEUE 3

struct reader {
	struct source *src;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct {
		char *p;
		size_t len;
	} q[FINISH_QUEUE];
	size_t head, count;
	bool eof;
};

static void *
reader_main(void *arg)
{
	struct reader *r = arg;
	for (;;) {
		size_t len = 0;
		char *p = source_next(r->src, FINISH_PIECE, &len);
		pthread_mutex_lock(&r->mu);
		while (r->count == FINISH_QUEUE)
			pthread_cond_wait(&r->cv, &r->mu);
		if (!p) {
			r->eof = true;
		} else {
			size_t t = (r->head + r->count) % FINISH_QUEUE;
			r->q[t].p = p;
			r->q[t].len = len;
			r->count++;
		}
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
		if (!p)
			return NULL;
	}
}

/* The next piece the reader thread has read, or NULL at the end. */
static char *
reader_take(struct reader *r, size_t *len)
{
	char *p = NULL;
	pthread_mutex_lock(&r->mu);
	while (r->count == 0 && !r->eof)
		pthread_cond_wait(&r->cv, &r->mu);
	if (r->count) {
		p = r->q[r->head].p;
		*len = r->q[r->head].len;
		r->head = (r->head + 1) % FINISH_QUEUE;
		r->count--;
		pthread_cond_broadcast(&r->cv);
	}
	pthread_mutex_unlock(&r->mu);
	return p;
}

void
docload_finish(struct docload *l)
{
	struct reader r = {.src = &l->src};
	pthread_t th;
	size_t len = 0;
	if (!l->st)
		return;
	pthread_mutex_init(&r.mu, NULL);
	pthread_cond_init(&r.cv, NULL);
	if (pthread_create(&th, NULL, reader_main, &r) != 0) {
		/* no thread: the same, in turn */
		while (docload_step(l, FINISH_PIECE))
			;
	} else {
		char *p;
		do
			p = reader_take(&r, &len);
		while (feed(l, p, len));
		pthread_join(th, NULL);
	}
	pthread_cond_destroy(&r.cv);
	pthread_mutex_destroy(&r.mu);
}

/* The next fresh start in TEXT at or after *SCANNED that leaves half of
 * what follows it (the format's resync on the part not yet judged), or 0;
 * on none, *SCANNED moves on to the line start near the middle of that
 * part, so that each byte is judged a bounded number of times. */
static size_t
window_cut(const struct format *f, const struct buf *text, size_t *scanned)
{
	size_t from = *scanned, n = text->len - from, r;
	const char *half;
	if (!f->resync || n == 0)
		return 0;
	r = f->resync(text->p + from, n, n / 2);
	if (r > 0)
		return from + r;
	half = memrchr(text->p + from, '\n', n / 2);
	if (half)
		*scanned = (size_t)(half - text->p) + 1;
	return 0;
}

/* A window: its document, parsed as the text comes; what the format
 * decided on the first, for the others. */
struct window {
	struct doc d;
	void *st;
	struct doc first; /* only its DECIDED */
};

/* Feed the first N bytes of TEXT to W (opened with F first if need be),
 * and drop them from TEXT. */
static void
window_feed(struct window *w, const struct format *f, struct buf *text, size_t n, size_t *scanned)
{
	if (!w->st) {
		doc_init(&w->d);
		doc_set_decided(&w->d, w->first.decided, w->first.decided_len);
		w->st = f->begin(&w->d);
	}
	if (n == 0)
		return;
	f->feed(w->st, text->p, n);
	memmove(text->p, text->p + n, text->len - n);
	text->len -= n;
	*scanned = *scanned > n ? *scanned - n : 0;
}

static void
window_end(struct window *w, const struct format *f, void (*emit)(void *ctx, struct doc *d), void *ctx)
{
	f->end(w->st);
	w->st = NULL;
	if (!w->first.decided)
		doc_set_decided(&w->first, w->d.decided, w->d.decided_len);
	emit(ctx, &w->d);
	doc_free(&w->d);
}

void
docload_windows(struct docload *l, const struct format *fmt, size_t window,
                void (*emit)(void *ctx, struct doc *d), void *ctx)
{
	struct buf text = {0}; /* read, not yet given to the window's parse */
	struct window w = {0};
	size_t scanned = 0;
	bool eof = false;
	while (!eof) {
		size_t len = 0, cut;
		char *piece = source_next(&l->src, l->fmt ? window / 4 : FIRST_PIECE, &len);
		if (piece)
			buf_add(&text, piece, len);
		else
			eof = true;
		free(piece);
		if (!l->fmt)
			l->fmt = fmt ? fmt : format_detect(text.p ? text.p : "", text.len, l->src.path);
		if (eof || text.len < window)
			continue;
		/* a fresh start: the window ends before it, the next begins at
		 * it; none (a long stretch that cannot be cut): the text before
		 * the part still to judge goes on into this window */
		if ((cut = window_cut(l->fmt, &text, &scanned)) > 0) {
			window_feed(&w, l->fmt, &text, cut, &scanned);
			window_end(&w, l->fmt, emit, ctx);
		} else {
			window_feed(&w, l->fmt, &text, scanned, &scanned);
		}
	}
	window_feed(&w, l->fmt, &text, text.len, &scanned);
	window_end(&w, l->fmt, emit, ctx);
	doc_free(&w.first);
	buf_free(&text);
}

bool
docload_tail(struct docload *l, size_t keep, struct doc *out, uint64_t *from, uint64_t *total)
{
	/* a few screenfuls: enough to find a point to start at */
	size_t want = keep * 4 > DOCLOAD_TAIL_MIN ? keep * 4 : DOCLOAD_TAIL_MIN, len, r;
	char *text;
	if (!l->st || l->src.size < l->src.done + DOCLOAD_TAIL_SKIP)
		return false;
	text = source_tail(&l->src, want, from, &len);
	if (!text)
		return false;
	r = l->fmt->resync(text, len, keep);
	format_parse_after(l->fmt, l->d, text + r, len - r, out);
	free(text);
	*from += r; /* a byte count of the decoded text: near enough */
	*total = l->src.size;
	return true;
}

double
docload_progress(const struct docload *l)
{
	if (!l->st)
		return 1.0;
	if (l->src.size == 0)
		return 0.0;
	return (double)l->src.done / (double)l->src.size;
}

void
docload_close(struct docload *l)
{
	if (l->st) {
		l->fmt->end(l->st);
		l->st = NULL;
	}
	source_close(&l->src);
}
