/* vdump.c: --dump --vertical.  The lines of the main flow, columns framed
 * and footnotes after what references them, filled into pages from right
 * to left and painted as the screen paints them. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "render.h"
#include "theme.h"
#include "util.h"
#include "vdraw.h"
#include "vdump.h"
#include "vertical.h"

/* A line on the page: row R of block B as rendered in MODE, or a blank
 * line between blocks (B < 0). */
struct vline {
	int32_t b;
	uint32_t r;
	uint8_t mode;
};

/* The walk through the document: which lines, in which order. */
struct vwalk {
	const struct doc *d;
	struct render *r;
	int height;
	enum render_dir dir;
	vdump_line_fn *fn;
	void *ctx;
	bool started;         /* a line was set: blank lines separate blocks */
	enum block_kind prev; /* the kind of the last block set */
	int32_t *by_ref;      /* footnotes in the order of their first reference */
	size_t nby_ref, next_note;
};

static void
walk_line(struct vwalk *w, int32_t b, uint32_t r, enum render_mode mode)
{
	w->fn(w->ctx, b, r, mode);
	w->started = true;
}

/* Block B's lines, after a blank line where blocks are set apart. */
static void
walk_block(struct vwalk *w, size_t b, enum render_mode mode, bool blank)
{
	uint32_t n;
	if (blank && w->started && !present_tight(w->prev, w->d->blocks[b].kind))
		walk_line(w, -1, 0, mode);
	n = render_block_dir(w->r, b, mode, w->height, w->dir)->n;
	for (uint32_t i = 0; i < n; i++)
		walk_line(w, (int32_t)b, i, mode);
	w->prev = w->d->blocks[b].kind;
}

/* The footnotes first referenced by blocks [FROM, TO). */
static void
walk_notes(struct vwalk *w, size_t from, size_t to)
{
	const struct doc *d = w->d;
	bool first = true;
	for (; w->next_note < w->nby_ref; w->next_note++) {
		const struct footnote *f = &d->notes[w->by_ref[w->next_note]];
		if (f->ref >= (int32_t)to)
			break;
		if (f->ref < (int32_t)from)
			continue;
		if (first && w->started)
			walk_line(w, -1, 0, RENDER_NOTE);
		first = false;
		if (f->def >= 0) {
			walk_block(w, (size_t)f->def, RENDER_NOTE, false);
		} else {
			/* one the document lacks: a line that says so */
			struct rblock rb;
			render_missing_note(w->r, w->by_ref[w->next_note], w->height, w->dir, &rb);
			for (uint32_t i = 0; i < rb.n; i++)
				walk_line(w, VDUMP_MISSING(w->by_ref[w->next_note]), i, RENDER_NOTE);
			render_rblock_free(&rb);
		}
	}
}

/* A column, framed, then the footnotes its blocks reference. */
static void
walk_column(struct vwalk *w, size_t head)
{
	const struct column *col = &w->d->cols[w->d->blocks[head].column];
	walk_block(w, head, RENDER_INLINE, true);
	for (int32_t i = col->head + 1; i < col->end; i++)
		if (w->d->blocks[i].kind != BLK_FOOTNOTE)
			walk_block(w, (size_t)i, RENDER_INLINE, false);
	w->prev = BLK_COLUMN;
	walk_notes(w, head, (size_t)col->end);
}

struct note_key {
	int32_t ref, note;
};

static int
cmp_note_key(const void *a, const void *b)
{
	const struct note_key *x = a, *y = b;
	if (x->ref != y->ref)
		return x->ref < y->ref ? -1 : 1;
	return (x->note > y->note) - (x->note < y->note);
}

static int32_t *
notes_by_ref(const struct doc *d)
{
	struct note_key *k = xmalloc((d->nnotes ? d->nnotes : 1) * sizeof *k);
	int32_t *order = xmalloc((d->nnotes ? d->nnotes : 1) * sizeof *order);
	for (size_t f = 0; f < d->nnotes; f++)
		k[f] = (struct note_key){d->notes[f].ref, (int32_t)f};
	qsort(k, d->nnotes, sizeof *k, cmp_note_key);
	for (size_t f = 0; f < d->nnotes; f++)
		order[f] = k[f].note;
	free(k);
	return order;
}

void
vdump_walk(const struct doc *d, struct render *r, int height, enum render_dir dir,
           vdump_line_fn *fn, void *ctx)
{
	struct vwalk w = {d, r, height, dir, fn, ctx, false, BLK_KIND_COUNT, NULL, 0, 0};
	w.by_ref = notes_by_ref(d);
	w.nby_ref = d->nnotes;
	for (size_t i = 0; i < d->nblocks; i++) {
		if (!doc_in_main_flow(d, i))
			continue;
		if (d->blocks[i].kind == BLK_COLUMN && d->blocks[i].column >= 0) {
			walk_column(&w, i);
			continue;
		}
		walk_block(&w, i, RENDER_MAIN, true);
		walk_notes(&w, i, i + 1);
	}
	free(w.by_ref);
}

/* ---- pages ---- */

struct vpage {
	FILE *out;
	struct render r;
	struct canvas c;
	enum render_dir dir;
	int slots, lines, pitch, x0, gap;
	struct vline *v;
	size_t n, cap, pages;
};

static void
page_flush(struct vpage *pg)
{
	struct vdraw vd = {&pg->c, &pg->r, pg->slots, pg->gap, NULL, NULL};
	char *text;
	if (!pg->n)
		return;
	canvas_clear(&pg->c, EL_BODY);
	for (size_t j = 0; j < pg->n; j++) {
		const struct vline *l = &pg->v[j];
		const struct rblock *rb;
		struct rblock missing;
		int x = pg->x0 + (pg->lines - 1 - (int)j) * pg->pitch;
		if (l->b == -1)
			continue;
		if (l->b < -1) {
			render_missing_note(&pg->r, VDUMP_NOTE_OF(l->b), pg->slots * VSLOT, pg->dir, &missing);
			vdraw_row(&vd, 0, &missing, &missing.rows[l->r], x, 0, missing.rows[l->r].el);
			render_rblock_free(&missing);
			continue;
		}
		rb = render_block_dir(&pg->r, (size_t)l->b, (enum render_mode)l->mode, pg->slots * VSLOT,
		                      pg->dir);
		vdraw_row(&vd, (size_t)l->b, rb, &rb->rows[l->r], x, 0, rb->rows[l->r].el);
	}
	if (pg->pages++)
		fputs("\f\n", pg->out);
	text = canvas_dump(&pg->c, 0);
	fputs(text, pg->out);
	free(text);
	/* only the last block may go on to the next page */
	for (size_t j = 0; j + 1 < pg->n; j++)
		if (pg->v[j].b >= 0 && pg->v[j].b != pg->v[pg->n - 1].b)
			render_forget(&pg->r, (size_t)pg->v[j].b);
	pg->n = 0;
}

static void
page_add(void *ctx, int32_t b, uint32_t r, int mode)
{
	struct vpage *pg = ctx;
	xgrow(&pg->v, &pg->cap, pg->n + 1, sizeof *pg->v);
	pg->v[pg->n++] = (struct vline){b, r, (uint8_t)mode};
	if (pg->n == (size_t)pg->lines)
		page_flush(pg);
}

void
vdump_document(FILE *out, const struct doc *d, const struct vdump_opts *o)
{
	struct vpage pg = {.out = out};
	int w = o->width > 0 ? o->width : 1, h = o->height > 0 ? o->height : 1;
	pg.gap = o->gap < 0 ? 0 : o->gap > 2 ? 2 : o->gap;
	pg.dir = pg.gap >= VSLOT ? RENDER_VERTICAL_ASIDE : RENDER_VERTICAL;
	pg.pitch = VSLOT + pg.gap;
	pg.slots = h;
	pg.lines = w / pg.pitch > 0 ? w / pg.pitch : 1;
	pg.x0 = w - pg.lines * pg.pitch > 0 ? w - pg.lines * pg.pitch : 0;
	render_init(&pg.r, d, o->hanging, &o->pres);
	canvas_init(&pg.c, w, h, o->pres.amb);
	vdump_walk(d, &pg.r, pg.slots * VSLOT, pg.dir, page_add, &pg);
	page_flush(&pg);
	free(pg.v);
	canvas_free(&pg.c);
	render_free(&pg.r);
}
