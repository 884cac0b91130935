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
#include "theme.h"
#include "ui_impl.h"
#include "util.h"
#include "width.h"

static void
add_hit(struct ui *u, int y, int x0, int x1, enum hit_kind kind, int32_t a, int32_t b)
{
	xgrow(&u->hits, &u->hits_cap, u->nhits + 1, sizeof *u->hits);
	u->hits[u->nhits++] = (struct hit){y, x0, x1, kind, a, b};
}

static int
str_cells(const char *s)
{
	return (int)width_str((const uint8_t *)s, strlen(s));
}

/* The element a span gives the characters it covers. */
static int
span_el(const struct span *sp, bool selected, int base)
{
	switch (sp->kind) {
	case SPAN_FNREF:
		return selected ? EL_LINK_SELECTED : EL_FOOTNOTE;
	case SPAN_RUBY:
		return EL_RUBY;
	case SPAN_URL:
	case SPAN_XREF:
		return EL_LINK;
	default:
		return base;
	}
}

static void
draw_row(struct ui *u, struct canvas *c, const struct pane *p, size_t k, const struct rblock *rb,
         const struct row *row, int y, int base_el)
{
	int32_t bi = p->flow[k];
	const struct block *b = &u->d->blocks[bi];
	const char *text = render_row_text(&u->rd, (size_t)bi, rb, row);
	int x = p->x + row->indent, maxx = p->x + p->w + 2;
	int el = row->el == EL_BODY ? base_el : row->el;
	size_t i = row->start, s = 0, mi = 0, nm = 0;
	bool synth = row->flags & ROW_SYNTH;
	struct match *ms = NULL;
	long mcur = -1;

	if (row->kind == ROW_FRAME_TOP || row->kind == ROW_FRAME_BOTTOM) {
		int x1 = p->x + p->w - 1;
		bool top = row->kind == ROW_FRAME_TOP;
		canvas_put(c, y, p->x, top ? 0x250C : 0x2514, EL_COLUMN_FRAME);
		canvas_fill(c, y, p->x + 1, x1, 0x2500, EL_COLUMN_FRAME);
		canvas_put(c, y, x1, top ? 0x2510 : 0x2518, EL_COLUMN_FRAME);
		if (top && p->w > 12)
			canvas_str(c, y, p->x + 2, x1, " コラム COLUMN ", EL_COLUMN_FRAME);
		return;
	}
	if (row->flags & ROW_FRAMED) {
		canvas_put(c, y, p->x, 0x2502, EL_COLUMN_FRAME);
		canvas_put(c, y, p->x + p->w - 1, 0x2502, EL_COLUMN_FRAME);
		maxx = p->x + p->w - 2;
	}
	if (row->kind == ROW_RULE) {
		int w = row->cells < p->w ? row->cells : p->w;
		canvas_fill(c, y, p->x, p->x + w, b->kind == BLK_CHAPTER ? 0x2550 : 0x2500, el);
		return;
	}
	if (row->kind != ROW_TEXT)
		return;
	if ((row->flags & ROW_MARK) && rb->mark) {
		int mw = str_cells(rb->mark);
		canvas_str(c, y, x - mw, x, rb->mark, EL_CAPTION);
	}
	if (row->flags & ROW_LINK) {
		bool sel = p->sel.block == bi && p->sel.span < 0;
		int x1 = canvas_text(c, y, x, maxx, text + row->start, row->end - row->start,
		                     sel ? EL_LINK_SELECTED : EL_LINK);
		add_hit(u, y, x, x1, HIT_LINK, bi, -1);
		return;
	}
	if (!synth)
		nm = search_block_matches(u, bi, &ms, &mcur);
	while (i < row->end && x < maxx) {
		uint32_t cp;
		size_t len = utf8_get((const uint8_t *)text + i, row->end - i, &cp);
		int cel = el;
		if (!synth) {
			while (s < b->nspans && b->spans[s].end <= i)
				s++;
			if (s < b->nspans && b->spans[s].start <= i && b->spans[s].kind != SPAN_LABEL) {
				const struct span *sp = &b->spans[s];
				bool sel = p->sel.block == bi && p->sel.span == (int32_t)s;
				cel = span_el(sp, sel, el);
				if (sp->kind == SPAN_FNREF && sp->start == i) {
					int w = (int)width_str((const uint8_t *)text + sp->start, sp->end - sp->start);
					add_hit(u, y, x, x + w, HIT_LINK, bi, (int32_t)s);
				}
			}
		}
		while (mi < nm && ms[mi].end <= i)
			mi++;
		if (mi < nm && ms[mi].start <= i)
			cel = (long)mi == mcur ? EL_MATCH_CURRENT : EL_MATCH;
		if (x + width_cp(cp) > maxx)
			break;
		x += canvas_put(c, y, x, cp, cel);
		i += len;
	}
	free(ms);
}

static void
draw_pane(struct ui *u, struct canvas *c, struct pane *p, int base_el)
{
	struct pos at = p->top;
	if (p->n == 0)
		return;
	for (int i = 0; i < p->h; i++) {
		const struct rblock *rb;
		const struct row *row = pane_row(u, p, at.k, at.r, &rb);
		if (row)
			draw_row(u, c, p, at.k, rb, row, p->y + i, base_el);
		if (!pane_next(u, p, &at))
			break;
	}
}

static void
draw_toc(struct ui *u, struct canvas *c)
{
	size_t cur = toc_current(u);
	size_t target = u->focus_toc ? u->toc_cursor : cur;
	int rows = u->H - 1;
	if (rows < 1)
		return;
	if (target < u->toc_top)
		u->toc_top = target;
	if (target >= u->toc_top + (size_t)rows)
		u->toc_top = target - (size_t)rows + 1;
	for (int y = 0; y < rows && u->toc_top + (size_t)y < u->ntoc; y++) {
		size_t i = u->toc_top + (size_t)y;
		int el = u->toc[i].no_body ? EL_TOC_NOBODY : EL_TOC;
		int indent = 2 * u->toc[i].depth;
		int maxx = u->toc_w - 1, x;
		if (indent > u->toc_w / 3)
			indent = u->toc_w / 3;
		if (i == cur)
			el = EL_TOC_CURRENT;
		if (u->focus_toc && i == u->toc_cursor)
			el = EL_TOC_CURSOR;
		canvas_fill(c, y, 0, u->toc_w, ' ', el);
		x = canvas_str(c, y, 1 + indent, maxx, u->toc_text[i], el);
		if (x >= maxx && str_cells(u->toc_text[i]) > maxx - 1 - indent)
			canvas_put(c, y, maxx - 1 >= 0 ? maxx - 1 : 0, 0x2026, el);
		add_hit(u, y, 0, u->toc_w, HIT_TOC, (int32_t)i, 0);
	}
	for (int y = 0; y < rows; y++)
		canvas_put(c, y, u->toc_w, 0x2502, EL_SEPARATOR);
}

static int
percent(struct ui *u)
{
	struct pane *p = &u->body;
	uint64_t total, before;
	double read = ui_progress(u);
	if (p->n == 0 || (read >= 1.0 && pane_at_end(u, p)))
		return 100;
	total = u->flow_bytes[p->n];
	before = u->flow_bytes[p->top.k];
	/* the tail of a document: of the whole input */
	if (u->byte_total)
		return (int)((u->byte_base + before) * 100 / u->byte_total);
	/* of a document still being read, the total is an estimate */
	if (read < 1.0)
		total = read > 0.0001 ? (uint64_t)((double)total / read) : UINT64_MAX;
	return total ? (int)(before * 100 / total) : 100;
}

static void
draw_status(struct ui *u, struct canvas *c)
{
	int y = u->H - 1;
	char right[32];
	int rw, x;
	char *left;
	canvas_fill(c, y, 0, u->W, ' ', EL_STATUS);
	if (u->sr.nmatches && u->sr.query)
		snprintf(right, sizeof right, " %s %zu/%zu  %d%% ", _("match"), u->sr.cur + 1,
		         u->sr.nmatches, percent(u));
	else
		snprintf(right, sizeof right, " %d%% ", percent(u));
	rw = str_cells(right);
	if (u->sr.prompting) {
		/* the prompt: "/" or "?" and the pattern, the cursor in it */
		const struct buf *in = &u->sr.input;
		int x0 = canvas_put(c, y, 0, u->sr.backward ? '?' : '/', EL_STATUS);
		int cx = canvas_text(c, y, x0, u->W - rw, in->p ? in->p : "", u->sr.cursor, EL_STATUS);
		canvas_text(c, y, cx, u->W - rw, in->p ? in->p + u->sr.cursor : "", in->len - u->sr.cursor,
		            EL_STATUS);
		c->cur_y = y;
		c->cur_x = cx < u->W ? cx : u->W - 1;
		if (u->msg)
			canvas_str(c, y, u->W - rw - str_cells(u->msg) - 1, u->W - rw, u->msg, EL_MESSAGE);
	} else if (u->msg) {
		canvas_str(c, y, 1, u->W - rw, u->msg, EL_MESSAGE);
	} else {
		left = ui_block_path(u, u->body.n ? u->body.flow[u->body.top.k] : -1);
		x = canvas_str(c, y, 1, u->W - rw, left, EL_STATUS);
		if (u->focus_toc)
			canvas_str(c, y, x + 2, u->W - rw, _("[contents]"), EL_STATUS);
		free(left);
	}
	canvas_str(c, y, u->W - rw, u->W, right, EL_STATUS);
}

static void
draw_frame(struct canvas *c, int x, int y, int w, int h, const char *title, int frame_el,
           int fill_el)
{
	if (w < 2 || h < 2)
		return;
	for (int j = y; j < y + h; j++)
		canvas_fill(c, j, x, x + w, ' ', fill_el);
	canvas_put(c, y, x, 0x250C, frame_el);
	canvas_fill(c, y, x + 1, x + w - 1, 0x2500, frame_el);
	canvas_put(c, y, x + w - 1, 0x2510, frame_el);
	for (int j = y + 1; j < y + h - 1; j++) {
		canvas_put(c, j, x, 0x2502, frame_el);
		canvas_put(c, j, x + w - 1, 0x2502, frame_el);
	}
	canvas_put(c, y + h - 1, x, 0x2514, frame_el);
	canvas_fill(c, y + h - 1, x + 1, x + w - 1, 0x2500, frame_el);
	canvas_put(c, y + h - 1, x + w - 1, 0x2518, frame_el);
	if (title && w > 6) {
		int tx = canvas_put(c, y, x + 1, ' ', EL_POPUP_TITLE) + x + 1;
		tx = canvas_str(c, y, tx, x + w - 2, title, EL_POPUP_TITLE);
		canvas_put(c, y, tx, ' ', EL_POPUP_TITLE);
	}
}

static void
draw_popup(struct ui *u, struct canvas *c, struct popup *pp, bool top)
{
	int frame_el = pp->large ? EL_COLUMN_FRAME : EL_POPUP_FRAME;
	draw_frame(c, pp->x, pp->y, pp->w, pp->h, pp->title, frame_el, EL_POPUP_TEXT);
	u->nhits = 0; /* only the top popup takes clicks */
	(void)top;
	if (pp->kind == POP_PANE) {
		char pos[16];
		draw_pane(u, c, &pp->pane, EL_POPUP_TEXT);
		if (!(pp->pane.top.k == 0 && pp->pane.top.r == 0 && pane_at_end(u, &pp->pane))) {
			snprintf(pos, sizeof pos, " %s ",
			         pane_at_end(u, &pp->pane) ? _("end") : _("more ↓"));
			canvas_str(c, pp->y + pp->h - 1, pp->x + pp->w - 1 - str_cells(pos),
			           pp->x + pp->w - 1, pos, frame_el);
		}
		return;
	}
	for (int j = 0; j < pp->h - 2; j++) {
		size_t i = pp->top + (size_t)j;
		int el = EL_POPUP_TEXT, y = pp->y + 1 + j;
		bool cursor = pp->list != LIST_HELP && pp->list != LIST_MESSAGE && i == pp->cursor;
		if (i >= pp->nitems)
			break;
		if (cursor) {
			el = EL_TOC_CURSOR;
			canvas_fill(c, y, pp->x + 1, pp->x + pp->w - 1, ' ', el);
		}
		canvas_str(c, y, pp->x + 2, pp->x + pp->w - 1, pp->items[i], el);
		if (pp->list != LIST_HELP && pp->list != LIST_MESSAGE)
			add_hit(u, y, pp->x + 1, pp->x + pp->w - 1, HIT_LIST, (int32_t)i, 0);
	}
}

static void
draw_too_small(struct ui *u, struct canvas *c)
{
	const char *msg = _("terminal too small");
	struct layout_opts o = {u->W, false};
	struct lline *l;
	size_t n = layout_text(msg, strlen(msg), 0, 0, &o, &l);
	for (size_t i = 0; i < n && (int)i < u->H; i++)
		canvas_text(c, (int)i, 0, u->W, msg + l[i].start, l[i].end - l[i].start, EL_MESSAGE);
	free(l);
}

void
ui_draw(struct ui *u, struct canvas *c)
{
	if (u->tail) {
		ui_draw(u->tail, c);
		return;
	}
	ui_sync(u);
	if (c->w != u->W || c->h != u->H) {
		canvas_free(c);
		canvas_init(c, u->W, u->H);
	}
	canvas_clear(c, EL_BODY);
	u->nhits = 0;
	u->redraw = false;
	if (u->too_small) {
		draw_too_small(u, c);
		return;
	}
	if (u->toc_shown)
		draw_toc(u, c);
	draw_pane(u, c, &u->body, EL_BODY);
	draw_status(u, c);
	for (int i = 0; i < u->npop; i++)
		draw_popup(u, c, &u->pop[i], i == u->npop - 1);
}
