/* ui_draw.c: paints the reader onto a canvas: the table of contents, the
 * body, the status line and the popups.  It paints lines the layout made;
 * it never parses text. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "layout.h"
#include "present.h"
#include "theme.h"
#include "ui_impl.h"
#include "util.h"
#include "vdraw.h"
#include "vertical.h"
#include "width.h"

static void
add_hit(struct ui *u, int y, int x0, int x1, enum hit_kind kind, int32_t a, int32_t b)
{
	xgrow(&u->hits, &u->hits_cap, u->nhits + 1, sizeof *u->hits);
	u->hits[u->nhits++] = (struct hit){y, x0, x1, kind, a, b};
}

/* A link's cells X0..X1 on row Y: one hit for each run of them. */
static void
link_hit(struct ui *u, int y, int x0, int x1, int32_t b, int32_t span)
{
	struct hit *h = u->nhits ? &u->hits[u->nhits - 1] : NULL;
	if (h && h->kind == HIT_LINK && h->y == y && h->x1 == x0 && h->a == b && h->b == span)
		h->x1 = x1;
	else
		add_hit(u, y, x0, x1, HIT_LINK, b, span);
}

/* The element a span gives the characters it covers, or -1; *RANK says
 * which wins where spans overlap (a link over emphasis over a 割り注). */
static int
span_el(const struct span *sp, bool selected, int *rank)
{
	int e = sp->style & ~EMPH_LEFT;
	*rank = 0;
	switch (sp->kind) {
	case SPAN_FNREF:
		*rank = 9;
		return selected ? EL_LINK_SELECTED : EL_FOOTNOTE;
	case SPAN_NOTE:
	case SPAN_GAIJI:
		if (sp->start == sp->end || (sp->kind == SPAN_GAIJI && sp->style != GAIJI_UNRESOLVED))
			return -1;
		*rank = 8;
		return selected ? EL_LINK_SELECTED : sp->kind == SPAN_NOTE ? EL_NOTE : EL_GAIJI;
	case SPAN_URL:
	case SPAN_XREF:
		*rank = 7;
		return selected ? EL_LINK_SELECTED : EL_LINK;
	case SPAN_EMPH:
		*rank = 5;
		return e == EMPH_BOLD     ? EL_BOLD
		       : e == EMPH_ITALIC ? EL_ITALIC
		       : e >= EMPH_LINE   ? EL_EMPHASIS_LINE
		                          : EL_EMPHASIS;
	case SPAN_WARICHU:
	case SPAN_SUP:
	case SPAN_SUB:
		*rank = 4;
		return sp->kind == SPAN_WARICHU ? EL_WARICHU : EL_SCRIPT;
	case SPAN_FRAME:
		*rank = 3;
		return EL_FRAME;
	default:
		return -1;
	}
}

/* The column of the right side of a frame drawn from X in W cells. */
static int
frame_right(int x, int w, int amb)
{
	return x + present_frame_width(w, amb) - present_frame_side(amb);
}

static void
draw_frame_row(struct ui *u, struct canvas *c, const struct pane *p, const struct row *row, int y)
{
	int x1 = frame_right(p->x, p->w, c->amb);
	bool top = row->kind == ROW_FRAME_TOP;
	canvas_put(c, y, p->x, top ? 0x250C : 0x2514, row->el);
	canvas_fill(c, y, p->x + present_frame_side(c->amb), x1, 0x2500, row->el);
	canvas_put(c, y, x1, top ? 0x2510 : 0x2518, row->el);
	/* a column's frame says what it is; a frame of the text (罫囲み) does not */
	if (top && p->w > 12 && row->el == EL_COLUMN_FRAME) {
		struct buf label = {0};
		canvas_str(c, y, p->x + 2, x1, present_frame_label(&u->s.rd.P, p->w, &label),
		           EL_COLUMN_FRAME);
		buf_free(&label);
	}
}

/* The element character DISP (in the block's text at M) is drawn in: an
 * insertion's own, a span's, a search match's, or the row's.  The spans
 * that reach the row are gathered once for it. */
struct cell_style {
	const struct block *b;
	uint32_t *near;        /* the spans that reach the row */
	size_t nnear;
	struct match *ms;
	size_t nm, mi;
	long mcur;
};

/* The element of the character at M: a match's, or EL. */
static int
match_el(struct cell_style *cs, uint32_t m, int el)
{
	while (cs->mi < cs->nm && cs->ms[cs->mi].end <= m)
		cs->mi++;
	if (cs->mi < cs->nm && cs->ms[cs->mi].start <= m)
		el = (long)cs->mi == cs->mcur ? EL_MATCH_CURRENT : EL_MATCH;
	return el;
}

static void
gather_spans(struct cell_style *cs, uint32_t ms, uint32_t me)
{
	const struct block *b = cs->b;
	cs->near = xmalloc((b->nspans ? b->nspans : 1) * sizeof *cs->near);
	for (uint32_t s = 0; s < b->nspans; s++)
		if (b->spans[s].start <= me && b->spans[s].end >= ms && b->spans[s].kind != SPAN_LABEL)
			cs->near[cs->nnear++] = s;
}

/* The element of the character at M, W cells at (Y, X) (the cells a
 * click on it acts on). */
static int
char_el(struct ui *u, const struct pane *p, int32_t bi, struct cell_style *cs, uint32_t m, int el,
        int y, int x, int w)
{
	const struct block *b = cs->b;
	int best = -1;
	for (size_t k = 0; k < cs->nnear; k++) {
		const struct span *sp = &b->spans[cs->near[k]];
		bool sel = p->sel.block == bi && p->sel.span == (int32_t)cs->near[k];
		int rank, e;
		if (sp->start > m || sp->end <= m || (e = span_el(sp, sel, &rank)) < 0 || rank <= best)
			continue;
		best = rank;
		el = e;
		/* a link: a click on any of its cells opens it */
		if (span_is_link(sp))
			link_hit(u, y, x, x + w, bi, (int32_t)cs->near[k]);
	}
	return match_el(cs, m, el);
}

/* Cells X0..X1 show the character at M: part of a URL, they link to it
 * (a terminal hyperlink). */
static void
url_cells(struct canvas *c, const struct cell_style *cs, uint32_t m, int y, int x0, int x1)
{
	for (size_t k = 0; k < cs->nnear; k++) {
		const struct span *sp = &cs->b->spans[cs->near[k]];
		char *url;
		if (sp->kind != SPAN_URL || m < sp->start || m >= sp->end)
			continue;
		url = xstrndup(cs->b->text + sp->start, sp->end - sp->start);
		canvas_link(c, y, x0, x1, url);
		free(url);
		return;
	}
}

/* An insertion: the mark of a note on no text is a link. */
static int
insert_el(struct ui *u, const struct pane *p, int32_t bi, struct cell_style *cs, uint32_t m, int ins,
          int y, int x)
{
	if (ins != EL_NOTE_MARK)
		return ins;
	for (size_t k = 0; k < cs->nnear; k++) {
		const struct span *sp = &cs->b->spans[cs->near[k]];
		if (sp->kind == SPAN_NOTE && sp->start == sp->end && sp->start == m) {
			add_hit(u, y, x, x + 2, HIT_LINK, bi, (int32_t)cs->near[k]);
			if (p->sel.block == bi && p->sel.span == (int32_t)cs->near[k])
				return EL_LINK_SELECTED;
		}
	}
	return ins;
}

static void
draw_row(struct ui *u, struct canvas *c, const struct pane *p, size_t k, const struct rblock *rb,
         const struct row *row, int y, int base_el)
{
	int32_t bi = p->flow[k];
	size_t tlen;
	const char *text;
	int x = p->x + row->indent, maxx = p->x + p->w;
	int el = row->el == EL_BODY ? base_el : row->el;
	uint32_t i = row->start;
	bool synth = row->flags & ROW_SYNTH, link = row->flags & ROW_LINK;
	struct cell_style cs = {&u->d->blocks[bi], NULL, 0, NULL, 0, 0, -1};
	int x0 = x, w;

	if (row->kind == ROW_FRAME_TOP || row->kind == ROW_FRAME_BOTTOM) {
		draw_frame_row(u, c, p, row, y);
		return;
	}
	if (row->flags & (ROW_FRAMED | ROW_BOXED)) {
		int fel = row->flags & ROW_BOXED ? EL_FRAME : EL_COLUMN_FRAME;
		canvas_put(c, y, p->x, 0x2502, fel);
		canvas_put(c, y, frame_right(p->x, p->w, c->amb), 0x2502, fel);
		maxx = p->x + 2 + present_frame_inner(p->w, c->amb);
	}
	if (row->kind == ROW_RULE) {
		int rw = row->cells < p->w ? row->cells : p->w;
		canvas_fill(c, y, p->x, p->x + rw, row->start, el);
		return;
	}
	if (row->kind != ROW_TEXT)
		return;
	text = render_row_text(&u->s.rd, (size_t)bi, rb, row, &tlen);
	if (link) /* a column's link line: one link, its matches shown */
		el = p->sel.block == bi && p->sel.span < 0 ? EL_LINK_SELECTED : EL_LINK;
	if (!synth) {
		uint32_t m0 = render_row_model(rb, row, row->start), m1 = render_row_model(rb, row, row->end);
		gather_spans(&cs, m0, m1);
		cs.nm = search_block_matches(&u->sr, bi, m0, m1 < UINT32_MAX ? m1 + 1 : m1, &cs.ms, &cs.mcur);
		if (cs.mcur >= 0)
			u->match_shown = true;
	}
	while (i < row->end && x < maxx) {
		uint32_t cp;
		size_t len = utf8_get((const uint8_t *)text + i, row->end - i, &cp);
		int cel = el, ins = synth ? 0 : render_row_insert_el(rb, row, i);
		if (ins)
			cel = link ? el : insert_el(u, p, bi, &cs, render_row_model(rb, row, i), ins, y, x);
		else if (link)
			cel = match_el(&cs, render_row_model(rb, row, i), el);
		else if (!synth)
			cel = char_el(u, p, bi, &cs, render_row_model(rb, row, i), el, y, x,
			              width_cp(cp, u->opts.amb));
		if (x + width_cp(cp, u->opts.amb) > maxx)
			break;
		w = canvas_put(c, y, x, cp, cel);
		if (!ins && !synth && !link)
			url_cells(c, &cs, render_row_model(rb, row, i), y, x, x + w);
		x += w;
		i += (uint32_t)len;
	}
	if (link)
		add_hit(u, y, x0, x, HIT_LINK, bi, -1);
	free(cs.ms);
	free(cs.near);
}

/* ---- the body set vertically ---- */

/* What vdraw asks of a row's characters: their elements, and the places
 * a click acts on (a slot each). */
struct vrow_style {
	struct ui *u;
	struct canvas *c;
	const struct pane *p;
	int32_t bi;
	const struct rblock *rb;
	struct cell_style cs;
};

static int
vrow_el(void *ctx, const struct row *row, uint32_t disp, int y, int x, int el)
{
	struct vrow_style *v = ctx;
	int ins = row->flags & ROW_SYNTH ? 0 : render_row_insert_el(v->rb, row, disp);
	uint32_t m = render_row_model(v->rb, row, disp);
	if (row->flags & ROW_LINK) {
		/* a column's link line: one link, its matches shown */
		bool sel = v->p->sel.block == v->bi && v->p->sel.span < 0;
		add_hit(v->u, y, x, x + VSLOT, HIT_LINK, v->bi, -1);
		el = sel ? EL_LINK_SELECTED : EL_LINK;
		return ins ? el : match_el(&v->cs, m, el);
	}
	if (row->flags & ROW_SYNTH)
		return el;
	if (ins)
		return insert_el(v->u, v->p, v->bi, &v->cs, m, ins, y, x);
	url_cells(v->c, &v->cs, m, y, x, x + VSLOT);
	return char_el(v->u, v->p, v->bi, &v->cs, m, el, y, x, VSLOT);
}

/* The lines from right to left, each from the top down. */
static void
draw_vpane(struct ui *u, struct canvas *c, struct pane *p, int base_el)
{
	struct pos at = p->top;
	struct vrow_style st = {u, c, p, 0, NULL, {0}};
	struct vdraw vd = {c, &u->s.rd, p->w / VSLOT, p->gap, vrow_el, &st};
	for (int i = 0; i < p->h; i++) {
		const struct row *row = pane_row(p, at.k, at.r, &st.rb);
		if (row) {
			int x = p->x + (p->h - 1 - i) * (VSLOT + p->gap);
			st.bi = p->flow[at.k];
			st.cs = (struct cell_style){&u->d->blocks[st.bi], NULL, 0, NULL, 0, 0, -1};
			if (row->kind == ROW_TEXT && !(row->flags & ROW_SYNTH)) {
				uint32_t m0 = render_row_model(st.rb, row, row->start),
				         m1 = render_row_model(st.rb, row, row->end);
				gather_spans(&st.cs, m0, m1);
				st.cs.nm = search_block_matches(&u->sr, st.bi, m0, m1 < UINT32_MAX ? m1 + 1 : m1,
				                                &st.cs.ms, &st.cs.mcur);
				if (st.cs.mcur >= 0)
					u->match_shown = true;
			}
			vdraw_row(&vd, (size_t)st.bi, st.rb, row, x, p->y,
			          row->el == EL_BODY ? base_el : row->el);
			free(st.cs.ms);
			free(st.cs.near);
		}
		if (!pane_next(p, &at))
			break;
	}
}

static void
draw_pane(struct ui *u, struct canvas *c, struct pane *p, int base_el)
{
	struct pos at = p->top;
	if (p->n == 0)
		return;
	if (p->dir != RENDER_HORIZONTAL) {
		draw_vpane(u, c, p, base_el);
		return;
	}
	for (int i = 0; i < p->h; i++) {
		const struct rblock *rb;
		const struct row *row = pane_row(p, at.k, at.r, &rb);
		if (row)
			draw_row(u, c, p, at.k, rb, row, p->y + i, base_el);
		if (!pane_next(p, &at)) {
			/* below the last line, as less says it */
			if (p->end_row && !p->open_end && i + 1 < p->h)
				canvas_str(c, p->y + i + 1, p->x, p->x + p->w, "(END)", EL_STATUS);
			break;
		}
	}
}

static void
draw_toc(struct ui *u, struct canvas *c)
{
	size_t cur = ui_toc_current(u);
	int rows = u->s.H - 1;
	if (rows < 1)
		return;
	ui_toc_follow(u);
	for (int y = 0; y < rows && u->toc.top + (size_t)y < u->toc.n; y++) {
		size_t i = u->toc.top + (size_t)y;
		int el = u->toc.e[i].no_body ? EL_TOC_NOBODY : EL_TOC;
		int indent = 2 * u->toc.e[i].depth;
		int maxx = u->toc_w - 1;
		if (indent > u->toc_w / 3)
			indent = u->toc_w / 3;
		if (i == cur)
			el = EL_TOC_CURRENT;
		if (u->focus_toc && i == u->toc.cursor)
			el = EL_TOC_CURSOR;
		canvas_fill(c, y, 0, u->toc_w, ' ', el);
		canvas_str_cut(c, y, 1 + indent, maxx, u->toc.text[i], el);
		add_hit(u, y, 0, u->toc_w, HIT_TOC, (int32_t)i, 0);
	}
	for (int y = 0; y < rows; y++)
		canvas_put(c, y, u->toc_w, 0x2502, EL_SEPARATOR);
}

static int
percent(struct ui *u)
{
	struct pane *p = &u->s.body;
	uint64_t total, before;
	double read = ui_progress(u);
	struct anchor a;
	if (p->n == 0 || (read >= 1.0 && pane_at_end(p)))
		return 100;
	total = u->flow_bytes[p->n];
	/* the bytes before the top row: N% shows N% */
	a = pane_anchor(p);
	before = u->flow_bytes[p->top.k] + (a.sep || a.synth ? 0 : a.off);
	/* the tail of a document: of the whole input */
	if (u->byte_total)
		return (int)((u->byte_base + before) * 100 / u->byte_total);
	/* of a document still being read, the total is an estimate */
	if (read < 1.0)
		total = read > 0.0001 ? (uint64_t)((double)total / read) : UINT64_MAX;
	if (!total)
		return 100;
	/* rounded, so that 50% reads 50%; 100% only at the end */
	before = (before * 100 + total / 2) / total;
	return before > 99 ? 99 : (int)before;
}

/* The search prompt: "/" or "?" (after "regex" for a regular
 * expression) and the pattern, the cursor in it; a message at its right,
 * before RW cells of the right part. */
static void
draw_prompt(struct ui *u, struct canvas *c, int y, int rw)
{
	const struct buf *in = &u->sr.input;
	int x0 = 0, cx;
	if (u->sr.regex) {
		x0 = canvas_str(c, y, 0, u->s.W - rw, _("regex"), EL_STATUS);
		x0 += canvas_put(c, y, x0, ' ', EL_STATUS);
	}
	x0 += canvas_put(c, y, x0, u->sr.backward ? '?' : '/', EL_STATUS);
	cx = canvas_text(c, y, x0, u->s.W - rw, in->p ? in->p : "", u->sr.cursor, EL_STATUS);
	canvas_text(c, y, cx, u->s.W - rw, in->p ? in->p + u->sr.cursor : "", in->len - u->sr.cursor,
	            EL_STATUS);
	c->cur_y = y;
	c->cur_x = cx < u->s.W ? cx : u->s.W - 1;
	if (u->s.msg) {
		int mx = u->s.W - rw - width_cstr(u->s.msg, u->opts.amb) - 1;
		canvas_str(c, y, mx > cx + 1 ? mx : cx + 1, u->s.W - rw, u->s.msg, EL_MESSAGE);
	}
}

/* The document's name, right-aligned to end before column END, given at
 * most a third of what is left of the line; returns where it starts. */
static int
draw_name(struct ui *u, struct canvas *c, int y, int end)
{
	int w, room = end / 3, x;
	if (!u->opts.name || !*u->opts.name || room < 6)
		return end;
	w = width_cstr(u->opts.name, u->opts.amb);
	if (w > room)
		w = room;
	x = end - w - 1;
	canvas_str_cut(c, y, x, x + w, u->opts.name, EL_STATUS);
	return x;
}

static void
draw_status(struct ui *u, struct canvas *c)
{
	int y = u->s.H - 1;
	struct buf rb = {0};
	const char *right;
	int rw, end;
	char *left, *prefix;
	canvas_fill(c, y, 0, u->s.W, ' ', EL_STATUS);
	/* "match 3/17" while the current match is on the screen */
	if (u->sr.nmatches && u->sr.query && u->match_shown)
		buf_printf(&rb, " %s %zu/%zu  %d%% ", _("match"), u->sr.cur + 1, u->sr.nmatches,
		           percent(u));
	else
		buf_printf(&rb, " %d%% ", percent(u));
	right = rb.p;
	rw = width_cstr(right, u->opts.amb);
	if (u->sr.prompting) {
		draw_prompt(u, c, y, rw);
		canvas_str(c, y, u->s.W - rw, u->s.W, right, EL_STATUS);
		buf_free(&rb);
		return;
	}
	end = u->s.W - rw;
	if (u->s.msg) {
		canvas_str(c, y, 1, end, u->s.msg, EL_MESSAGE);
		canvas_str(c, y, end, u->s.W, right, EL_STATUS);
		buf_free(&rb);
		return;
	}
	end = draw_name(u, c, y, end);
	if ((prefix = ui_prefix_text(u)) != NULL) {
		canvas_str(c, y, 1, end, prefix, EL_MESSAGE);
		free(prefix);
	} else {
		int x;
		left = toc_path(&u->toc, &u->s.rd.P, u->s.body.n ? u->s.body.flow[u->s.body.top.k] : -1);
		if (!*left && u->d->title) {
			/* no heading above: the document's title */
			free(left);
			left = xstrdup(u->d->title);
		}
		x = canvas_str(c, y, 1, end - 1, left, EL_STATUS);
		if (u->focus_toc)
			canvas_str(c, y, x + 2, end - 1, _("[contents]"), EL_STATUS);
		free(left);
	}
	canvas_str(c, y, u->s.W - rw, u->s.W, right, EL_STATUS);
	buf_free(&rb);
}

static void
draw_frame(struct canvas *c, int x, int y, int w, int h, const char *title, int frame_el,
           int fill_el)
{
	int side = present_frame_side(c->amb), r = frame_right(x, w, c->amb);
	if (w < 2 * side || h < 2)
		return;
	for (int j = y; j < y + h; j++)
		canvas_fill(c, j, x, x + w, ' ', fill_el);
	canvas_put(c, y, x, 0x250C, frame_el);
	canvas_fill(c, y, x + side, r, 0x2500, frame_el);
	canvas_put(c, y, r, 0x2510, frame_el);
	for (int j = y + 1; j < y + h - 1; j++) {
		canvas_put(c, j, x, 0x2502, frame_el);
		canvas_put(c, j, r, 0x2502, frame_el);
	}
	canvas_put(c, y + h - 1, x, 0x2514, frame_el);
	canvas_fill(c, y + h - 1, x + side, r, 0x2500, frame_el);
	canvas_put(c, y + h - 1, r, 0x2518, frame_el);
	if (title && w > 6) {
		int tx = canvas_put(c, y, x + side, ' ', EL_POPUP_TITLE) + x + side;
		tx = canvas_str(c, y, tx, r - 1, title, EL_POPUP_TITLE);
		canvas_put(c, y, tx, ' ', EL_POPUP_TITLE);
	}
}

static void
draw_popup(struct ui *u, struct canvas *c, struct popup *pp)
{
	unsigned f = pp->kind->flags;
	int frame_el = f & POPK_LARGE ? EL_COLUMN_FRAME : EL_POPUP_FRAME;
	int side = present_frame_side(c->amb), r = frame_right(pp->x, pp->w, c->amb);
	draw_frame(c, pp->x, pp->y, pp->w, pp->h, pp->title, frame_el, EL_POPUP_TEXT);
	u->nhits = 0; /* only the top popup takes clicks */
	if (f & POPK_PANE) {
		struct buf pos = {0};
		draw_pane(u, c, &pp->pane, EL_POPUP_TEXT);
		if (!(pp->pane.top.k == 0 && pp->pane.top.r == 0 && pane_at_end(&pp->pane))) {
			buf_printf(&pos, " %s ", pane_at_end(&pp->pane) ? _("end") : _("more ↓"));
			canvas_str(c, pp->y + pp->h - 1, r - width_cstr(pos.p, u->opts.amb), r, pos.p,
			           frame_el);
			buf_free(&pos);
		}
		return;
	}
	for (int j = 0; j < pp->h - 2; j++) {
		size_t i = pp->top + (size_t)j;
		int el = EL_POPUP_TEXT, y = pp->y + 1 + j;
		bool cursor = (f & POPK_CURSOR) && i == pp->cursor;
		if (i >= pp->nitems)
			break;
		if (cursor) {
			el = EL_TOC_CURSOR;
			canvas_fill(c, y, pp->x + side, r, ' ', el);
		}
		canvas_str(c, y, pp->x + 2, r, pp->items[i].text, el);
		if (f & POPK_CURSOR)
			add_hit(u, y, pp->x + side, r, HIT_LIST, (int32_t)i, 0);
	}
}

static void
draw_too_small(struct ui *u, struct canvas *c)
{
	const char *msg = _("terminal too small");
	struct layout_opts o = {u->s.W, false, u->opts.amb};
	struct lline *l;
	size_t n = layout_text(msg, strlen(msg), 0, 0, &o, &l);
	for (size_t i = 0; i < n && (int)i < u->s.H; i++)
		canvas_text(c, (int)i, 0, u->s.W, msg + l[i].start, l[i].end - l[i].start, EL_MESSAGE);
	free(l);
}

void
ui_draw(struct ui *u, struct canvas *c)
{
	ui_sync(u);
	if (c->w != u->s.W || c->h != u->s.H || c->amb != u->opts.amb) {
		canvas_free(c);
		canvas_init(c, u->s.W, u->s.H, u->opts.amb);
	}
	canvas_clear(c, EL_BODY);
	u->nhits = 0;
	u->match_shown = false;
	if (u->too_small) {
		draw_too_small(u, c);
		return;
	}
	if (u->toc_shown)
		draw_toc(u, c);
	draw_pane(u, c, &u->s.body, EL_BODY);
	for (int i = 0; i < u->s.npop; i++)
		draw_popup(u, c, &u->s.pop[i]);
	/* last: it tells whether the current match was drawn (popups leave
	 * the status line alone) */
	draw_status(u, c);
}
