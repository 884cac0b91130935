/* render.c: display rows of a block for the screen, cached per block. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "present.h"
#include "render.h"
#include "theme.h"
#include "util.h"
#include "vertical.h"
#include "width.h"

void
render_init(struct render *r, const struct doc *d, bool hanging, const struct present_opts *o)
{
	memset(r, 0, sizeof *r);
	r->d = d;
	r->hanging = hanging;
	present_init(&r->P, d, o);
	render_grow(r);
}

static void rblock_clear(struct rblock *rb);

void
render_grow(struct render *r)
{
	size_t n = r->d->nblocks;
	if (n <= r->nrb && r->rb)
		return;
	/* the last block of a frame closed it: a block after it may not */
	if (r->rb && r->nrb && (r->d->blocks[r->nrb - 1].flags & BF_FRAME))
		rblock_clear(&r->rb[r->nrb - 1]);
	r->rb = xrealloc(r->rb, (n ? n : 1) * sizeof *r->rb);
	for (size_t i = r->nrb; i < n; i++) {
		memset(&r->rb[i], 0, sizeof r->rb[i]);
		r->rb[i].width = -1;
	}
	r->nrb = n;
}

static void
rblock_clear(struct rblock *rb)
{
	xfree(&rb->rows);
	if (rb->pres) {
		pres_free(rb->pres);
		xfree(&rb->pres);
	}
	rb->n = 0;
	rb->width = -1;
}

void
render_flush(struct render *r)
{
	for (size_t i = 0; i < r->nrb; i++)
		rblock_clear(&r->rb[i]);
}

void
render_free(struct render *r)
{
	if (r->rb)
		render_flush(r);
	xfree(&r->rb);
	pres_free(&r->scratch);
	layout_buf_free(&r->lb);
	xfree(&r->vcells);
	r->vcells_cap = 0;
}

static void rows_of(struct render *r, size_t bi, int width, bool hang, struct rblock *rb);

void
render_missing_note(struct render *r, int32_t note, int width, enum render_dir dir,
                    struct rblock *rb)
{
	struct present P = r->P;
	memset(rb, 0, sizeof *rb);
	rb->dir = (uint8_t)dir;
	rb->width = rb->laid = width;
	rb->mode = RENDER_NOTE;
	P.vertical = dir != RENDER_HORIZONTAL;
	present_missing_note(&P, note, &r->scratch);
	rows_of(r, 0, width, r->hanging, rb);
}

void
render_rblock_free(struct rblock *rb)
{
	rblock_clear(rb);
}

void
render_forget(struct render *r, size_t b)
{
	if (b < r->nrb)
		rblock_clear(&r->rb[b]);
}

/* The vertical text of piece PC of P (block BI), its display text S. */
static void
piece_vtext(const struct render *r, size_t bi, const struct pres *p, const struct piece *pc,
            const char *s, size_t len, enum render_dir dir, int width, struct vtext *t)
{
	bool synth = pc->flags & PIECE_SYNTH;
	/* a ruby's slots keep within the line, less the margin 、。 hang into
	 * (the same for the layout and the painter: the width alone) */
	*t = (struct vtext){s, len, r->P.amb, r->d, synth ? NULL : &r->d->blocks[bi], p, pc,
	                    dir == RENDER_VERTICAL_ASIDE && !r->P.ruby_hidden,
	                    width > LAYOUT_HANG + VSLOT ? width - LAYOUT_HANG : VSLOT};
}

void
render_row_vtext(const struct render *r, size_t b, const struct rblock *rb, const struct row *row,
                 struct vtext *out)
{
	static const struct piece own = {.flags = PIECE_OWN};
	size_t len;
	const char *s = render_row_text(r, b, rb, row, &len);
	const struct pres *p = rb->pres;
	piece_vtext(r, b, p, p ? &p->pc[row->piece] : &own, s, len, (enum render_dir)rb->dir, rb->laid,
	            out);
}

static void
push_row(struct rblock *rb, size_t *cap, struct row row)
{
	xgrow(&rb->rows, cap, rb->n + 1, sizeof *rb->rows);
	rb->rows[rb->n++] = row;
}

/* The cells of each character of a piece set vertically (NULL: set
 * horizontally). */
static const uint16_t *
piece_cells(struct render *r, size_t bi, const struct pres *p, const struct piece *pc,
            const char *s, size_t len, enum render_dir dir, int width)
{
	struct vtext t;
	if (dir == RENDER_HORIZONTAL)
		return NULL;
	xgrow(&r->vcells, &r->vcells_cap, len + 1, sizeof *r->vcells);
	piece_vtext(r, bi, p, pc, s, len, dir, width, &t);
	vtext_cells(&t, 0, len, r->vcells);
	return r->vcells;
}

/* The rows of piece K of P, laid out for WIDTH. */
static void
piece_rows(struct render *r, size_t bi, const struct pres *p, size_t k, int width, bool hang,
           struct rblock *rb, size_t *cap)
{
	const struct piece *pc = &p->pc[k];
	uint8_t flags = (uint8_t)((pc->flags & PIECE_LINK ? ROW_LINK : 0) |
	                          (pc->flags & PIECE_SYNTH ? ROW_SYNTH : 0));
	size_t len, nl;
	const char *s = pres_text(p, r->d, bi, pc, &len);
	const uint16_t *cells;
	int margin;

	if (pc->kind == PIECE_RULE) {
		/* across the text's measure, not the margin a 、。 hangs into */
		int measure = width - (hang && width > LAYOUT_HANG + 1 ? LAYOUT_HANG : 0);
		push_row(rb, cap, (struct row){pc->rule, 0, 0, (uint16_t)measure, ROW_RULE, 0, pc->el, (uint8_t)k});
		return;
	}
	if (pc->kind == PIECE_BLANK) {
		push_row(rb, cap, (struct row){0, 0, 0, 0, ROW_BLANK, 0, EL_BODY, (uint8_t)k});
		return;
	}
	cells = piece_cells(r, bi, p, pc, s, len, (enum render_dir)rb->dir, width);
	nl = pres_lay_cells(pc, s, len, width, hang, r->P.amb, cells, &r->lb, &margin);
	for (size_t i = 0; i < nl; i++) {
		const struct lline *l = &r->lb.lines[i];
		uint32_t e = l->end;
		uint8_t f = (uint8_t)(flags | (l->flags & LL_EMERGENCY ? ROW_EMERGENCY : 0));
		while (e > l->start && s[e - 1] == ' ')
			e--;
		push_row(rb, cap, (struct row){l->start, e, (uint16_t)(margin + l->indent), l->cells,
		                               ROW_TEXT, f, pc->el, (uint8_t)k});
	}
}

/* Block BI shown on its own for WIDTH (in a popup, or in the main text). */
static void
render_into(struct render *r, size_t bi, enum render_mode mode, int width, bool hang,
            struct rblock *rb)
{
	struct present P = r->P;
	enum pres_ctx ctx = mode == RENDER_MAIN ? PRES_MAIN : mode == RENDER_NOTE ? PRES_NOTE : PRES_POPUP;

	rb->width = rb->laid = width;
	rb->mode = (uint8_t)mode;
	P.vertical = rb->dir != RENDER_HORIZONTAL;
	P.ruby_aside = rb->dir == RENDER_VERTICAL_ASIDE;
	present_block(&P, bi, ctx, &r->scratch);
	rows_of(r, bi, width, hang, rb);
}

/* The rows of what the presentation made (in R->scratch) for block BI. */
static void
rows_of(struct render *r, size_t bi, int width, bool hang, struct rblock *rb)
{
	struct pres *p = &r->scratch;
	size_t cap = 0;
	bool own = true;
	for (size_t k = 0; k < p->n; k++) {
		piece_rows(r, bi, p, k, width, hang, rb, &cap);
		own = own && (p->pc[k].flags & PIECE_OWN);
	}
	if (rb->n == 0)
		push_row(rb, &cap, (struct row){0, 0, 0, 0, ROW_BLANK, 0, EL_BODY, 0});
	if (!own) {
		/* the rows refer to the pieces' texts: keep them */
		rb->pres = xmalloc(sizeof *rb->pres);
		*rb->pres = *p;
		memset(p, 0, sizeof *p);
	}
}

/* A column shown inline in the body: its blocks inside a frame. */
static void
render_inline(struct render *r, size_t bi, int width, struct rblock *rb)
{
	const struct block *b = &r->d->blocks[bi];
	const struct column *col = &r->d->cols[b->column];
	int inner = present_frame_inner(width, r->P.amb);
	size_t cap = 0;
	int32_t last = col->end - 1;
	struct rblock in = {.dir = rb->dir};

	while (last > col->head && r->d->blocks[last].kind == BLK_FOOTNOTE)
		last--;
	if (inner < 4) {
		/* too narrow for a frame: as in a popup */
		render_into(r, bi, RENDER_POPUP, width, r->hanging, rb);
		return;
	}
	if (b->kind == BLK_COLUMN)
		push_row(rb, &cap, (struct row){0, 0, 0, (uint16_t)width, ROW_FRAME_TOP, 0, EL_COLUMN_FRAME, 0});
	else if (!present_tight(r->d->blocks[bi - 1].kind, b->kind))
		/* the blank line between blocks is inside the frame */
		push_row(rb, &cap, (struct row){0, 0, 0, 0, ROW_BLANK, ROW_FRAMED, EL_BODY, 0});
	/* the block as a popup shows it, two cells in, between the sides;
	 * nothing hangs past a frame */
	render_into(r, bi, RENDER_POPUP, inner, false, &in);
	for (uint32_t i = 0; i < in.n; i++) {
		struct row row = in.rows[i];
		row.indent = (uint16_t)(row.indent + 2);
		row.flags |= ROW_FRAMED;
		push_row(rb, &cap, row);
	}
	rb->pres = in.pres;
	in.pres = NULL;
	rblock_clear(&in);
	if ((int32_t)bi == last)
		push_row(rb, &cap, (struct row){0, 0, 0, (uint16_t)width, ROW_FRAME_BOTTOM, 0, EL_COLUMN_FRAME, 0});
	rb->width = width;
	rb->laid = inner;
	rb->mode = RENDER_INLINE;
}

/* The block of the main flow before (DIR < 0) or after BI, or -1. */
static int32_t
flow_near(const struct doc *d, size_t bi, int dir)
{
	size_t i = bi;
	while (dir < 0 ? i-- > 0 : ++i < d->nblocks)
		if (doc_in_main_flow(d, i))
			return (int32_t)i;
	return -1;
}

static bool
boxed(const struct doc *d, int32_t i)
{
	return i >= 0 && (d->blocks[i].flags & BF_FRAME) && d->blocks[i].column < 0;
}

/* A framed block (罫囲み) in the body: its rows between the sides of the
 * frame it shares with the framed blocks next to it, which draw its top
 * and bottom. */
static void
render_boxed(struct render *r, size_t bi, int width, struct rblock *rb)
{
	const struct doc *d = r->d;
	int32_t prev = flow_near(d, bi, -1);
	int inner = present_frame_inner(width, r->P.amb);
	size_t cap = 0;
	struct rblock in = {.dir = rb->dir};
	if (inner < 4) {
		render_into(r, bi, RENDER_MAIN, width, r->hanging, rb);
		return;
	}
	if (!boxed(d, prev))
		push_row(rb, &cap, (struct row){0, 0, 0, (uint16_t)width, ROW_FRAME_TOP, 0, EL_FRAME, 0});
	else if (!present_tight(d->blocks[prev].kind, d->blocks[bi].kind))
		push_row(rb, &cap, (struct row){0, 0, 0, 0, ROW_BLANK, ROW_BOXED, EL_BODY, 0});
	render_into(r, bi, RENDER_MAIN, inner, false, &in);
	for (uint32_t i = 0; i < in.n; i++) {
		struct row row = in.rows[i];
		row.indent = (uint16_t)(row.indent + 2);
		row.flags |= ROW_BOXED;
		push_row(rb, &cap, row);
	}
	rb->pres = in.pres;
	in.pres = NULL;
	rblock_clear(&in);
	if (!boxed(d, flow_near(d, bi, 1)))
		push_row(rb, &cap, (struct row){0, 0, 0, (uint16_t)width, ROW_FRAME_BOTTOM, 0, EL_FRAME, 0});
	rb->width = width;
	rb->laid = inner;
	rb->mode = RENDER_MAIN;
}

const struct rblock *
render_block(struct render *r, size_t b, enum render_mode mode, int width)
{
	return render_block_dir(r, b, mode, width, RENDER_HORIZONTAL);
}

const struct rblock *
render_block_dir(struct render *r, size_t b, enum render_mode mode, int width, enum render_dir dir)
{
	struct rblock *rb = &r->rb[b];
	if (width < 1)
		width = 1;
	if (mode == RENDER_INLINE && r->d->blocks[b].column < 0)
		mode = RENDER_MAIN;
	if (rb->width != width || rb->mode != (uint8_t)mode || rb->dir != (uint8_t)dir) {
		rblock_clear(rb);
		rb->dir = (uint8_t)dir;
		if (mode == RENDER_INLINE)
			render_inline(r, b, width, rb);
		else if (mode == RENDER_MAIN && boxed(r->d, (int32_t)b))
			render_boxed(r, b, width, rb);
		else
			render_into(r, b, mode, width, r->hanging, rb);
	}
	return rb;
}

const char *
render_row_text(const struct render *r, size_t b, const struct rblock *rb, const struct row *row,
                size_t *len)
{
	if (!rb->pres) {
		*len = r->d->blocks[b].len;
		return r->d->blocks[b].text;
	}
	return pres_text(rb->pres, r->d, b, &rb->pres->pc[row->piece], len);
}

uint32_t
render_row_model(const struct rblock *rb, const struct row *row, uint32_t disp)
{
	if (!rb->pres)
		return disp;
	return pres_to_model(rb->pres, &rb->pres->pc[row->piece], disp);
}

int
render_row_insert_el(const struct rblock *rb, const struct row *row, uint32_t disp)
{
	const struct pseg *s = rb->pres ? pres_seg(rb->pres, &rb->pres->pc[row->piece], disp) : NULL;
	return s && s->disp <= disp ? s->el : 0;
}
