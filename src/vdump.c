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

/* What the lines of one document leave to those of the next. */
struct vcarry {
	bool started;         /* a line was set: blank lines separate blocks */
	enum block_kind prev; /* the kind of the last block set */
	bool boxed;           /* it was in a frame of the text (罫囲み) */
};

/* The walk through the document: which lines, in which order. */
struct vwalk {
	const struct doc *d;
	struct render *r;
	int height;
	enum render_dir dir;
	vdump_line_fn *fn;
	void *ctx;
	struct vcarry c;      /* what one document leaves to the next */
	int32_t *by_ref;      /* footnotes in the order of their first reference */
	size_t nby_ref, next_note;
};

static void
walk_line(struct vwalk *w, int32_t b, uint32_t r, enum render_mode mode)
{
	w->fn(w->ctx, b, r, mode);
	w->c.started = true;
}

/* Block B's lines, after a blank line where blocks are set apart. */
static void
walk_block(struct vwalk *w, size_t b, enum render_mode mode, bool blank)
{
	const struct block *bl = &w->d->blocks[b];
	/* framed blocks of the text (罫囲み) next to each other share a frame,
	 * and the blank line between them is its own */
	bool boxed = mode == RENDER_MAIN && (bl->flags & BF_FRAME) && bl->column < 0;
	uint32_t n;
	if (blank && w->c.started && !(boxed && w->c.boxed) && !present_tight(w->c.prev, bl->kind))
		walk_line(w, -1, 0, mode);
	n = render_block_dir(w->r, b, mode, w->height, w->dir)->n;
	for (uint32_t i = 0; i < n; i++)
		walk_line(w, (int32_t)b, i, mode);
	w->c.prev = bl->kind;
	w->c.boxed = boxed;
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
		if (first && w->c.started)
			walk_line(w, -1, 0, RENDER_NOTE);
		first = false;
		w->c.boxed = false;
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
	w->c.prev = BLK_COLUMN;
	w->c.boxed = false;
	walk_notes(w, head, (size_t)col->end);
}

/* The walk, C carried from a document before (a window of a stream) and
 * back. */
static void
walk(const struct doc *d, struct render *r, int height, enum render_dir dir, vdump_line_fn *fn,
     void *ctx, struct vcarry *c)
{
	struct vwalk w = {d, r, height, dir, fn, ctx, *c, NULL, 0, 0};
	w.by_ref = doc_notes_by_ref(d);
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
	*c = w.c;
}

void
vdump_walk(const struct doc *d, struct render *r, int height, enum render_dir dir,
           vdump_line_fn *fn, void *ctx)
{
	struct vcarry c = {false, BLK_KIND_COUNT, false};
	walk(d, r, height, dir, fn, ctx, &c);
}

/* ---- pages ---- */

/* Pages in progress: each line is painted as it comes (a window of a
 * stream is gone by the time its page is full), the page written when
 * full. */
struct vdump {
	FILE *out;
	struct vdump_opts o;
	struct render r;       /* of the document being fed */
	struct canvas c;
	enum render_dir dir;
	int slots, lines, pitch, x0, gap;
	int n;                 /* lines on the page */
	size_t pages;
	int32_t last;          /* the block of the last line painted, or -1 */
	struct vcarry carry;
};

static void
page_write(struct vdump *v)
{
	char *text;
	if (!v->n)
		return;
	if (v->pages++)
		fputs("\f\n", v->out);
	text = canvas_dump(&v->c, 0);
	fputs(text, v->out);
	free(text);
	canvas_clear(&v->c, EL_BODY);
	v->n = 0;
}

static void
page_add(void *ctx, int32_t b, uint32_t r, int mode)
{
	struct vdump *v = ctx;
	struct vdraw vd = {&v->c, &v->r, v->slots, v->gap, NULL, NULL};
	int x = v->x0 + (v->lines - 1 - v->n) * v->pitch;
	if (b < -1) {
		struct rblock missing;
		render_missing_note(&v->r, VDUMP_NOTE_OF(b), v->slots * VSLOT, v->dir, &missing);
		vdraw_row(&vd, 0, &missing, &missing.rows[r], x, 0, missing.rows[r].el);
		render_rblock_free(&missing);
	} else if (b >= 0) {
		const struct rblock *rb = render_block_dir(&v->r, (size_t)b, (enum render_mode)mode,
		                                           v->slots * VSLOT, v->dir);
		vdraw_row(&vd, (size_t)b, rb, &rb->rows[r], x, 0, rb->rows[r].el);
		/* only what is being painted is kept */
		if (v->last >= 0 && v->last != b)
			render_forget(&v->r, (size_t)v->last);
		v->last = b;
	}
	if (++v->n == v->lines)
		page_write(v);
}

struct vdump *
vdump_begin(FILE *out, const struct vdump_opts *o)
{
	struct vdump *v = xcalloc(1, sizeof *v);
	int w = o->width > 0 ? o->width : 1, h = o->height > 0 ? o->height : 1;
	v->out = out;
	v->o = *o;
	v->gap = o->gap < 0 ? 0 : o->gap > 2 ? 2 : o->gap;
	v->dir = v->gap >= VSLOT ? RENDER_VERTICAL_ASIDE : RENDER_VERTICAL;
	v->pitch = VSLOT + v->gap;
	v->slots = h;
	v->lines = w / v->pitch > 0 ? w / v->pitch : 1;
	v->x0 = w - v->lines * v->pitch > 0 ? w - v->lines * v->pitch : 0;
	v->carry.prev = BLK_KIND_COUNT;
	canvas_init(&v->c, w, h, o->pres.amb);
	return v;
}

void
vdump_feed(struct vdump *v, const struct doc *d)
{
	render_init(&v->r, d, v->o.hanging, &v->o.pres);
	v->last = -1;
	walk(d, &v->r, v->slots * VSLOT, v->dir, page_add, v, &v->carry);
	render_free(&v->r);
}

void
vdump_end(struct vdump **vp)
{
	struct vdump *v = *vp;
	if (!v)
		return;
	page_write(v);
	canvas_free(&v->c);
	free(v);
	*vp = NULL;
}

void
vdump_document(FILE *out, const struct doc *d, const struct vdump_opts *o)
{
	struct vdump *v = vdump_begin(out, o);
	vdump_feed(v, d);
	vdump_end(&v);
}
