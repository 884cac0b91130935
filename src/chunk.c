/* chunk.c: lines and chunks, fed piece by piece (see chunk.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "chunk.h"
#include "scan.h"
#include "util.h"

void
chunker_init(struct chunker *k, bool trim, chunk_fn fn, void *ctx)
{
	memset(k, 0, sizeof *k);
	k->trim = trim;
	k->fn = fn;
	k->ctx = ctx;
}

void
chunker_free(struct chunker *k)
{
	buf_free(&k->text);
	xfree(&k->held);
	xfree(&k->view);
	k->nheld = k->held_cap = k->view_cap = 0;
}

/* Hand over held lines [0, N) as a part of the open chunk (its end if
 * LAST, with NEXT the first line of the chunk after it), and drop them. */
static void
hand_over(struct chunker *k, size_t n, bool last, const struct chunk_held *next)
{
	struct chunk_view v;
	struct chunk_line nl;
	size_t drop;
	xgrow(&k->view, &k->view_cap, n + 1, sizeof *k->view);
	for (size_t i = 0; i < n; i++)
		k->view[i] = (struct chunk_line){k->text.p + k->held[i].off, k->held[i].n, k->held[i].no};
	if (next)
		nl = (struct chunk_line){k->text.p + next->off, next->n, next->no};
	v = (struct chunk_view){k->view, n, k->done, last, k->blank_before, next ? &nl : NULL};
	k->fn(k->ctx, &v);
	k->done = last ? 0 : k->done + n;
	/* what stays held moves to the front: at most a part of one chunk */
	drop = n < k->nheld ? k->held[n].off : k->text.len;
	memmove(k->text.p, k->text.p + drop, k->text.len - drop);
	k->text.len -= drop;
	memmove(k->held, k->held + n, (k->nheld - n) * sizeof *k->held);
	k->nheld -= n;
	for (size_t i = 0; i < k->nheld; i++)
		k->held[i].off -= drop;
}

static void
add_line(struct chunker *k, const char *s, size_t n)
{
	size_t a = 0, z = n, tz;
	size_t ta = scan_trim(s, n, &tz);
	k->lineno++;
	if (ta == tz) {
		k->blank++;
		if (k->nheld || k->done)
			k->closed = true;
		return;
	}
	if (k->trim) {
		a = ta;
		z = tz;
	}
	xgrow(&k->held, &k->held_cap, k->nheld + 1, sizeof *k->held);
	k->held[k->nheld++] = (struct chunk_held){k->text.len, z - a, k->lineno};
	buf_add(&k->text, s + a, z - a);
	if (k->closed) {
		/* the chunk before this line is whole: hand it over with this
		 * line in view */
		struct chunk_held next = k->held[k->nheld - 1];
		hand_over(k, k->nheld - 1, true, &next);
		k->closed = false;
	}
	if (k->nheld == 1 && k->done == 0) {
		k->blank_before = k->blank;
		k->blank = 0;
	}
	if (k->text.len > CHUNK_LOOK && k->nheld > 0)
		hand_over(k, k->nheld, false, NULL);
}

void
chunker_feed(struct chunker *k, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) : n;
		add_line(k, s + i, e - i);
		i = e + 1;
	}
}

void
chunker_end(struct chunker *k)
{
	if (k->nheld || k->done)
		hand_over(k, k->nheld, true, NULL);
	k->closed = false;
}

void
chunk_text(const struct chunk_view *v, size_t max, struct buf *out)
{
	out->len = 0;
	buf_add(out, "", 0);
	for (size_t i = 0; i < v->count && (i == 0 || out->len < max); i++)
		buf_add(out, v->lines[i].s, v->lines[i].n);
}
