/* pane.c: the scrolling engine: positions, scrolling, anchors that survive
 * a reflow, and the links on screen. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "pane.h"
#include "present.h"
#include "util.h"

void
pane_init(struct pane *p, const struct view *v, enum render_mode mode)
{
	memset(p, 0, sizeof *p);
	p->v = v;
	p->mode = mode;
	p->sel.block = -1;
}

void
pane_free(struct pane *p)
{
	xfree(&p->flow);
	p->n = p->cap = 0;
}

void
pane_add(struct pane *p, int32_t block)
{
	xgrow(&p->flow, &p->cap, p->n + 1, sizeof *p->flow);
	p->flow[p->n++] = block;
}

/* Columns shown inline: their blocks are in the body's flow, framed. */
static bool
inline_column_block(const struct pane *p, size_t k)
{
	const struct block *b = &p->v->d->blocks[p->flow[k]];
	return p->mode == RENDER_MAIN && p->v->columns_inline && b->column >= 0;
}

/* Is there a blank row before flow entry K? */
static bool
pane_sep(const struct pane *p, size_t k)
{
	const struct block *blocks = p->v->d->blocks;
	if (k == 0)
		return false;
	/* inside a frame the blank lines are the frame's own */
	if (inline_column_block(p, k) && blocks[p->flow[k]].kind != BLK_COLUMN)
		return false;
	if (p->mode == RENDER_MAIN && (blocks[p->flow[k]].flags & BF_FRAME) &&
	    (blocks[p->flow[k - 1]].flags & BF_FRAME) && blocks[p->flow[k]].column < 0)
		return false;
	return !present_tight(blocks[p->flow[k - 1]].kind, blocks[p->flow[k]].kind);
}

const struct rblock *
pane_rblock(const struct pane *p, size_t k)
{
	enum render_mode mode = inline_column_block(p, k) ? RENDER_INLINE : p->mode;
	return render_block_dir(p->v->rd, (size_t)p->flow[k], mode, p->w, (enum render_dir)p->dir);
}

uint32_t
pane_block_rows(const struct pane *p, size_t k)
{
	return (pane_sep(p, k) ? 1 : 0) + pane_rblock(p, k)->n;
}

const struct row *
pane_row(const struct pane *p, size_t k, uint32_t r, const struct rblock **rbp)
{
	const struct rblock *rb = pane_rblock(p, k);
	uint32_t sep = pane_sep(p, k) ? 1 : 0;
	*rbp = rb;
	if (r < sep || r - sep >= rb->n)
		return NULL;
	return &rb->rows[r - sep];
}

bool
pane_next(const struct pane *p, struct pos *at)
{
	if (p->n == 0)
		return false;
	if (at->r + 1 < pane_block_rows(p, at->k)) {
		at->r++;
		return true;
	}
	if (at->k + 1 < p->n) {
		at->k++;
		at->r = 0;
		return true;
	}
	return false;
}

bool
pane_prev(const struct pane *p, struct pos *at)
{
	if (at->r > 0) {
		at->r--;
		return true;
	}
	if (at->k > 0) {
		at->k--;
		at->r = pane_block_rows(p, at->k) - 1;
		return true;
	}
	return false;
}

static int
pos_cmp(struct pos a, struct pos b)
{
	if (a.k != b.k)
		return a.k < b.k ? -1 : 1;
	return a.r < b.r ? -1 : a.r > b.r;
}

struct pos
pane_max_top(const struct pane *p)
{
	struct pos at = {0, 0};
	if (p->n == 0)
		return at;
	at.k = p->n - 1;
	at.r = pane_block_rows(p, at.k) - 1;
	for (int i = p->end_row ? 2 : 1; i < p->h && pane_prev(p, &at); i++)
		;
	return at;
}

void
pane_clamp(struct pane *p)
{
	struct pos m;
	if (p->n == 0) {
		p->top = (struct pos){0, 0};
		return;
	}
	if (p->top.k >= p->n)
		p->top.k = p->n - 1;
	if (p->top.r >= pane_block_rows(p, p->top.k))
		p->top.r = pane_block_rows(p, p->top.k) - 1;
	/* of a document still being read, the end is not known yet */
	m = pane_max_top(p);
	if (pos_cmp(p->top, m) > 0 && !p->open_end)
		p->top = m;
}

void
pane_scroll(struct pane *p, int delta)
{
	for (; delta > 0 && pane_next(p, &p->top); delta--)
		;
	for (; delta < 0 && pane_prev(p, &p->top); delta++)
		;
	pane_clamp(p);
}

bool
pane_at_end(const struct pane *p)
{
	return pos_cmp(p->top, pane_max_top(p)) >= 0;
}

struct anchor
pane_anchor(const struct pane *p)
{
	const struct rblock *rb;
	const struct row *row = p->n ? pane_row(p, p->top.k, p->top.r, &rb) : NULL;
	struct anchor a = {p->top.k, 0, row == NULL, false};
	if (row && !(row->flags & ROW_SYNTH) && row->kind == ROW_TEXT) {
		a.off = render_row_model(rb, row, row->start);
	} else if (row) {
		a.off = p->top.r; /* synthetic rows: keep the row */
		a.synth = true;
	}
	return a;
}

void
pane_restore(struct pane *p, struct anchor a)
{
	const struct rblock *rb;
	uint32_t sep, r;
	if (p->n == 0)
		return;
	p->top.k = a.k < p->n ? a.k : p->n - 1;
	p->top.r = 0;
	rb = pane_rblock(p, p->top.k);
	sep = pane_sep(p, p->top.k) ? 1 : 0;
	if (!a.sep) {
		/* the block's first row, unless a row nearer OFF is found */
		p->top.r = sep;
		for (r = 0; r < rb->n; r++) {
			const struct row *row = &rb->rows[r];
			if ((row->flags & ROW_SYNTH) || row->kind != ROW_TEXT) {
				if (a.synth && r + sep == a.off) {
					p->top.r = r + sep;
					break;
				}
				continue;
			}
			if (render_row_model(rb, row, row->start) <= a.off)
				p->top.r = r + sep;
		}
	}
	pane_clamp(p);
}

void
pane_goto_block(struct pane *p, size_t k)
{
	p->top.k = k < p->n ? k : (p->n ? p->n - 1 : 0);
	p->top.r = 0;
	/* start at the text, not at the blank line above it */
	if (p->n && pane_sep(p, p->top.k))
		p->top.r = 1;
	pane_clamp(p);
	p->sel.block = -1;
}

size_t
pane_index_of(const struct pane *p, int32_t block)
{
	size_t lo = 0, hi = p->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (p->flow[mid] < block)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->n ? lo : (p->n ? p->n - 1 : 0);
}

void
pane_reveal(struct pane *p, size_t k, uint32_t off)
{
	struct pos at = p->top;
	const struct rblock *rb = pane_rblock(p, k);
	uint32_t sep = pane_block_rows(p, k) - rb->n, r = sep;
	for (uint32_t i = 0; i < rb->n; i++)
		if (rb->rows[i].kind == ROW_TEXT && !(rb->rows[i].flags & ROW_SYNTH) &&
		    render_row_model(rb, &rb->rows[i], rb->rows[i].start) <= off)
			r = sep + i;
	for (int y = 0; y < p->h; y++) {
		if (at.k == k && at.r == r)
			return;
		if (!pane_next(p, &at))
			break;
	}
	p->top.k = k;
	p->top.r = r;
	pane_scroll(p, -(p->h > 6 ? 2 : 0));
}

/* ---- links on screen ---- */

static void
push_link(struct link **out, size_t *n, size_t *cap, struct link l)
{
	xgrow(out, cap, *n + 1, sizeof **out);
	(*out)[(*n)++] = l;
}

void
pane_visible_links(const struct pane *p, struct link **out, size_t *n)
{
	struct pos at = p->top;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (p->n == 0)
		return;
	for (int y = 0; y < p->h; y++) {
		const struct rblock *rb;
		const struct row *row = pane_row(p, at.k, at.r, &rb);
		int32_t b = p->flow[at.k];
		if (row && (row->flags & ROW_LINK)) {
			if (!*n || (*out)[*n - 1].block != b || (*out)[*n - 1].span != -1)
				push_link(out, n, &cap, (struct link){b, -1});
		} else if (row && !(row->flags & ROW_SYNTH) && row->kind == ROW_TEXT) {
			const struct block *bl = &p->v->d->blocks[b];
			uint32_t ms = render_row_model(rb, row, row->start);
			uint32_t me = render_row_model(rb, row, row->end);
			/* the links on the row, a link broken over rows once */
			for (uint32_t s = block_first_span(bl, ms); s < bl->nspans && bl->spans[s].start <= me; s++) {
				const struct span *sp = &bl->spans[s];
				struct link l = {b, (int32_t)s};
				/* a note on no text stands after the text of its row */
				bool point = sp->start == sp->end;
				bool point_end = point && sp->start == me && me == bl->len;
				if (!span_is_link(sp))
					continue;
				if (point ? !(sp->start >= ms && (sp->start < me || point_end))
				          : (sp->end <= ms || sp->start >= me))
					continue;
				if (!*n || (*out)[*n - 1].block != b || (*out)[*n - 1].span != l.span)
					push_link(out, n, &cap, l);
			}
		}
		if (!pane_next(p, &at))
			break;
	}
}

bool
pane_cycle_link(struct pane *p, int dir)
{
	struct link *l;
	size_t n, i, cur = (size_t)-1;
	pane_visible_links(p, &l, &n);
	if (n == 0) {
		p->sel.block = -1;
		free(l);
		return false;
	}
	for (i = 0; i < n; i++)
		if (l[i].block == p->sel.block && l[i].span == p->sel.span)
			cur = i;
	if (cur == (size_t)-1)
		cur = dir > 0 ? 0 : n - 1;
	else
		cur = (cur + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
	p->sel = l[cur];
	free(l);
	return true;
}

void
pane_keep_selection_visible(struct pane *p)
{
	struct link *l;
	size_t n;
	bool seen = false;
	pane_visible_links(p, &l, &n);
	for (size_t i = 0; i < n; i++)
		if (l[i].block == p->sel.block && l[i].span == p->sel.span)
			seen = true;
	if (!seen)
		p->sel.block = -1;
	free(l);
}
