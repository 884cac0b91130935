/* aozora_block.c: the blocks a read line makes (One body line is one
 * block, cut where a heading, a mid-line 地付き, a page break or an image
 * stands), with their layout from the stack of open blocks (Block
 * structure): 字下げ, 地付き, 字詰め, 罫囲み, キャプション, headings gathered
 * over several lines, and the spans a block of 太字 or 横組み puts over
 * every line. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "aozora_impl.h"
#include "scan.h"
#include "util.h"

/* Indents and offsets are kept to what a screen can show. */
#define MAX_CHARS 100

static int
clampc(long v)
{
	return v < 0 ? 0 : v > MAX_CHARS ? MAX_CHARS : (int)v;
}

void
az_blocks_init(struct az_blocks *B, struct doc *d)
{
	memset(B, 0, sizeof *B);
	B->d = d;
	B->last_fig = -1;
	B->heading = -1;
}

/* The innermost open block of kind BLK, or NULL. */
static struct az_open *
innermost(struct az_blocks *B, int blk)
{
	for (int k = B->st.n; k-- > 0;)
		if (B->st.e[k].blk == blk)
			return &B->st.e[k];
	return NULL;
}

/* ---- the stack ---- */

static void
close_from(struct az_blocks *B, int k)
{
	while (B->st.n > k)
		free(B->st.e[--B->st.n].text);
	if (!innermost(B, AB_HEADING))
		B->heading = -1;
}

static void
open_block(struct az_blocks *B, const struct az_req *r, uint32_t no)
{
	struct az_open *top = B->st.n ? &B->st.e[B->st.n - 1] : NULL;
	/* 字下げ after 字下げ replaces it; 地付き after 字上げ too */
	const char *text = r->text ? r->text : "";
	if (top && top->blk == r->blk && (r->blk == AB_INDENT || r->blk == AB_ALIGN))
		close_from(B, B->st.n - 1);
	if (B->st.n == (int)(sizeof B->st.e / sizeof *B->st.e)) {
		doc_add_problem(B->d, no, text, strlen(text));
		return;
	}
	B->st.e[B->st.n++] = (struct az_open){r->blk, r->a, r->b, no, -1, xstrdup(text)};
	if (r->blk == AB_HEADING)
		B->heading = -1;
}

/* Close the innermost block like R's; false if none is open. */
static bool
close_block(struct az_blocks *B, const struct az_req *r)
{
	for (int k = B->st.n; k-- > 0;) {
		const struct az_open *o = &B->st.e[k];
		if (o->blk != r->blk)
			continue;
		if (r->blk == AB_SPAN &&
		    (o->a != r->a || (r->a == SPAN_SIZE ? (o->b > 0) != (r->b > 0) : o->b != r->b)))
			continue;
		close_from(B, k);
		return true;
	}
	return false;
}

void
az_blocks_close_all(struct az_blocks *B)
{
	/* closed leniently, but each one never closed is a problem */
	for (int k = 0; k < B->st.n; k++)
		if (B->st.e[k].text[0])
			doc_add_problem(B->d, B->st.e[k].line, B->st.e[k].text, strlen(B->st.e[k].text));
	close_from(B, 0);
}

/* ---- making blocks ---- */

/* What one block of a line is. */
struct seg {
	size_t from, to;
	int kind;       /* BLK_PARA, BLK_HEADING */
	int depth, hflags;
	bool end;       /* set to the line end, OFF short of it */
	int off;
	bool lead;      /* it starts the line: leading spaces are its indent */
	bool runin;     /* it follows a run-in heading: leading spaces go */
};

static struct block *
add_block(struct az_blocks *B, int kind, char *text, size_t len, uint32_t line)
{
	struct block *b = doc_add_block(B->d, (enum block_kind)kind, text, len);
	int32_t bi = (int32_t)B->d->nblocks - 1;
	b->line = line;
	if (B->back)
		b->flags |= BF_BACK;
	if (kind == BLK_CAPTION) {
		b->section = B->last_fig;
	} else if (kind == BLK_FIGURE) {
		B->last_fig = bi;
	} else {
		B->last_fig = -1;
	}
	if (kind != BLK_HEADING) {
		/* a heading gathered over lines goes on after this in a new block */
		struct az_open *h = innermost(B, AB_HEADING);
		if (h) {
			h->block = -1;
			B->heading = -1;
		}
	}
	return b;
}

/* The spans of the line over [FROM, TO) into block B, moved to its start;
 * points at FROM..TO not yet given to a block. */
static void
give_spans(struct az_line *L, struct block *b, size_t *cap, size_t from, size_t to, size_t base)
{
	for (size_t k = 0; k < L->nspans; k++) {
		struct span *sp = &L->spans[k];
		size_t s = sp->start, e = sp->end;
		if (sp->kind == 0xFF)
			continue;
		if (s == e) {
			if (s < from || s > to)
				continue;
			block_add_span(b, cap, (uint32_t)(base + s - from), (uint32_t)(base + s - from), sp->kind,
			               sp->style, sp->ref);
			sp->kind = 0xFF; /* a point goes to one block */
			continue;
		}
		if (s < from)
			s = from;
		if (e > to)
			e = to;
		if (s < e)
			block_add_span(b, cap, (uint32_t)(base + s - from), (uint32_t)(base + e - from), sp->kind,
			               sp->style, sp->ref);
	}
}

/* The layout of a block of the line from the open blocks and the line's
 * own annotations; LEAD spaces were at its start. */
static void
set_layout(struct az_blocks *B, const struct az_line *L, const struct seg *g, struct block *b,
           int lead)
{
	struct az_open *in = innermost(B, AB_INDENT), *al = innermost(B, AB_ALIGN),
	               *me = innermost(B, AB_MEASURE);
	int first = 0, hang = 0;
	if (L->has_indent) {
		first = L->first;
		hang = L->hang;
	} else if (in) {
		first = in->a;
		hang = in->b;
	}
	first = clampc(first + lead);
	hang = clampc(hang);
	b->indent = (int8_t)hang;
	b->text_indent = (int8_t)(first - hang);
	if (g->end || L->has_align || al) {
		b->align = ALIGN_END;
		b->end_off = (uint8_t)clampc(g->end ? g->off : L->has_align ? L->end_off : al->a);
	} else if (B->centred) {
		b->align = ALIGN_CENTER;
	}
	if (me && me->a > 0)
		b->measure = (uint8_t)(me->a > 255 ? 255 : me->a);
	if (innermost(B, AB_FRAME))
		b->flags |= BF_FRAME;
}

/* The spans a block of 太字, 斜体, 横組み or 文字の大きさ puts over B. */
static void
block_spans(struct az_blocks *B, struct block *b, size_t *cap)
{
	for (int k = 0; k < B->st.n; k++)
		if (B->st.e[k].blk == AB_SPAN && b->len)
			block_add_span(b, cap, 0, b->len, B->st.e[k].a, B->st.e[k].b, -1);
}

/* Leading ideographic spaces at FROM: how many, *AT moved past them. */
static int
leading_spaces(const struct az_line *L, size_t *at, size_t to)
{
	int n = 0;
	while (*at + 3 <= to && memcmp(L->text.p + *at, "\u3000", 3) == 0) {
		*at += 3;
		n++;
	}
	return n;
}

/* A caption span over the whole text makes the line a caption. */
static bool
whole_caption(struct block *b)
{
	for (uint32_t k = 0; k < b->nspans; k++)
		if (b->spans[k].kind == SPAN_CAPTION && b->spans[k].start == 0 && b->spans[k].end == b->len) {
			memmove(b->spans + k, b->spans + k + 1, (b->nspans - k - 1) * sizeof *b->spans);
			b->nspans--;
			return true;
		}
	return false;
}

/* Add the segment to the heading gathered over lines (ここから見出し). */
static void
gather_heading(struct az_blocks *B, struct az_line *L, struct az_open *h, size_t from, size_t to)
{
	struct block *b;
	size_t at, cap;
	if (h->block < 0) {
		b = add_block(B, BLK_HEADING, NULL, 0, L->no);
		b->level = (uint8_t)h->a;
		b->flags |= (uint8_t)h->b;
		set_layout(B, L, &(struct seg){0}, b, 0);
		h->block = (int32_t)B->d->nblocks - 1;
		B->heading = h->block;
	}
	b = &B->d->blocks[h->block];
	cap = b->nspans;
	at = b->len + (b->len ? 1 : 0);
	b->text = xrealloc(b->text, at + (to - from) + 1);
	if (b->len)
		b->text[b->len] = '\n';
	memcpy(b->text + at, L->text.p + from, to - from);
	b->len = (uint32_t)(at + to - from);
	b->text[b->len] = '\0';
	give_spans(L, b, &cap, from, to, at);
	block_sort_spans(b);
}

static void
emit_text(struct az_blocks *B, struct az_line *L, const struct seg *g, bool *first_block)
{
	size_t from = g->from, to = g->to, cap = 0;
	int lead = 0;
	struct az_open *h = innermost(B, AB_HEADING);
	struct block *b;
	if (g->lead && !g->end && !L->has_align && !innermost(B, AB_ALIGN))
		lead = leading_spaces(L, &from, to);
	else if (g->runin)
		leading_spaces(L, &from, to);
	if (from >= to)
		return;
	if (g->kind == BLK_PARA && h) {
		gather_heading(B, L, h, from, to);
		return;
	}
	b = add_block(B, g->kind == BLK_HEADING ? BLK_HEADING
	                 : innermost(B, AB_CAPTION) ? BLK_CAPTION : BLK_PARA,
	              xstrndup(L->text.p + from, to - from), to - from, L->no);
	if (g->kind == BLK_HEADING) {
		b->level = (uint8_t)g->depth;
		b->flags |= (uint8_t)g->hflags;
	}
	set_layout(B, L, g, b, lead);
	if (*first_block && B->blank > 0 && B->d->nblocks > 1 && !B->back &&
	    b->kind != BLK_HEADING && B->d->blocks[B->d->nblocks - 2].kind != BLK_HEADING &&
	    B->d->blocks[B->d->nblocks - 2].kind != BLK_TITLE)
		b->flags |= BF_GAP;
	give_spans(L, b, &cap, from, to, 0);
	block_spans(B, b, &cap);
	if (b->kind == BLK_PARA && whole_caption(b)) {
		b->kind = BLK_CAPTION;
		b->section = B->d->nblocks >= 2 && B->d->blocks[B->d->nblocks - 2].kind == BLK_FIGURE
		                 ? (int32_t)B->d->nblocks - 2 : -1;
	}
	block_sort_spans(b);
	/* blocks are most of a document's memory: no spare room for spans */
	if (b->nspans)
		b->spans = xrealloc(b->spans, b->nspans * sizeof *b->spans);
	*first_block = false;
	B->blank = 0;
}

static void
emit_cut(struct az_blocks *B, struct az_line *L, const struct az_cut *c)
{
	struct block *b;
	if (c->kind == CUT_PAGE) {
		b = add_block(B, BLK_PAGE_BREAK, xstrdup(""), 0, L->no);
		b->level = (uint8_t)c->a;
		B->centred = false;
	} else if (c->kind == CUT_FIGURE) {
		struct az_figure *f = &L->figs[c->fig];
		b = add_block(B, BLK_FIGURE, f->desc, strlen(f->desc), L->no);
		f->desc = NULL;
		b->aux = f->aux;
		f->aux = NULL;
		b->level = f->photo;
		B->d->figures = true;
		set_layout(B, L, &(struct seg){0}, b, 0);
	}
	B->blank = 0;
}

/* ---- a line's blocks ---- */

/* A place where the blocks of a line change. */
struct ev {
	size_t at;
	int order;  /* at one place: a heading ends, then cuts, then one starts */
	int cut;
};

static int
cmp_ev(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	if (x->order != y->order)
		return x->order - y->order;
	return x->cut - y->cut;
}

static void
line_blocks(struct az_blocks *B, struct az_line *L)
{
	struct ev *ev = xmalloc((2 * L->ncuts + 1) * sizeof *ev);
	size_t nev = 0;
	struct seg g = {0, 0, BLK_PARA, 0, 0, false, 0, true, false};
	int head = -1;
	bool first_block = true;
	for (size_t k = 0; k < L->ncuts; k++) {
		if (L->cuts[k].kind == CUT_HEAD) {
			ev[nev++] = (struct ev){L->cuts[k].at, 2, (int)k};
			ev[nev++] = (struct ev){L->cuts[k].end, 0, (int)k};
		} else {
			ev[nev++] = (struct ev){L->cuts[k].at, 1, (int)k};
		}
	}
	qsort(ev, nev, sizeof *ev, cmp_ev);
	for (size_t k = 0; k < nev; k++) {
		const struct az_cut *c = &L->cuts[ev[k].cut];
		if (c->kind == CUT_HEAD && (ev[k].order == 2 ? head >= 0 : head != ev[k].cut))
			continue; /* a heading inside a heading is not one */
		g.to = ev[k].at;
		if (g.to > g.from || c->kind != CUT_HEAD)
			emit_text(B, L, &g, &first_block);
		g.lead = g.lead && g.to == 0;
		g.runin = false;
		if (c->kind == CUT_HEAD && ev[k].order == 2) {
			head = ev[k].cut;
			g.kind = BLK_HEADING;
			g.depth = c->a;
			g.hflags = c->b;
		} else if (c->kind == CUT_HEAD) {
			head = -1;
			g.kind = BLK_PARA;
			g.runin = (c->b & (BF_RUNIN | BF_WINDOW)) != 0;
		} else if (c->kind == CUT_ALIGN) {
			g.end = true;
			g.off = c->a;
		} else {
			emit_cut(B, L, c);
			first_block = false;
		}
		g.from = g.to;
	}
	g.to = L->text.len;
	emit_text(B, L, &g, &first_block);
	free(ev);
}

/* Does the line show anything? Spaces alone are nothing. */
static bool
has_text(const struct az_line *L)
{
	size_t i = 0;
	if (L->ncuts)
		return true;
	while (i < L->text.len) {
		uint32_t c;
		i += utf8_get((const uint8_t *)L->text.p + i, L->text.len - i, &c);
		if (!scan_is_space(c))
			return true;
	}
	return false;
}

/* A request of the line; false if it closes nothing open. */
static bool
apply_req(struct az_blocks *B, const struct az_req *r, uint32_t no)
{
	switch (r->kind) {
	case REQ_OPEN:
		open_block(B, r, no);
		return true;
	case REQ_CLOSE:
		return close_block(B, r);
	case REQ_CENTER:
		B->centred = true;
		return true;
	default:
		B->back = true;
		return true;
	}
}

/* A request that closes nothing: a note block if the line is only that,
 * and a problem. */
static void
stray(struct az_blocks *B, struct az_line *L, const struct az_req *r, bool text)
{
	doc_add_problem(B->d, L->no, r->text, strlen(r->text));
	if (!text) {
		struct block *b = add_block(B, BLK_NOTE, xstrdup(""), 0, L->no);
		b->aux = xstrdup(r->text);
	}
}

void
az_blocks_line(struct az_blocks *B, struct az_line *L)
{
	bool text = has_text(L);
	for (size_t k = 0; k < L->nreqs; k++)
		if ((!text || L->reqs[k].at == 0) && !apply_req(B, &L->reqs[k], L->no))
			stray(B, L, &L->reqs[k], text);
	if (!text) {
		/* a line of annotations only: a 字下げ on it opens a block */
		if (L->has_indent && L->indent_alone)
			open_block(B, &(struct az_req){REQ_OPEN, AB_INDENT, L->first, L->hang, 0, true,
			                               NULL}, L->no);
		for (size_t k = 0; k < L->nspans; k++)
			if (L->spans[k].kind == SPAN_NOTE && !L->nreqs) {
				/* a note with nothing to stand on */
				struct block *b = add_block(B, BLK_NOTE, xstrdup(""), 0, L->no);
				b->aux = xstrdup(doc_ann(B->d, L->spans[k].ref));
			}
		return;
	}
	line_blocks(B, L);
	for (size_t k = 0; k < L->nreqs; k++)
		if (L->reqs[k].at > 0 && !apply_req(B, &L->reqs[k], L->no))
			stray(B, L, &L->reqs[k], true);
}
