/* vdraw.c: painting vertical lines onto a canvas (see vdraw.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "present.h"
#include "theme.h"
#include "util.h"
#include "vdraw.h"
#include "vertical.h"
#include "width.h"

uint32_t
vdraw_slot_char(uint32_t c, int amb)
{
	uint32_t f = vert_form(c);
	/* a half-width character without a full-width form stays as it is */
	return width_cp(f, amb) > 0 ? f : c;
}

uint32_t
vdraw_packed_char(uint32_t c)
{
	return c >= 0xFF01 && c <= 0xFF5E ? c - 0xFF01 + 0x21 : c;
}

static void
draw_rule(const struct vdraw *v, const struct row *row, int x, int y0, int el)
{
	uint32_t cp = vert_form(row->start);
	int from = row->indent / VSLOT, n = row->cells / VSLOT;
	for (int s = from; s < from + n && s < v->slots; s++)
		canvas_put(v->c, y0 + s, x, cp, el);
}

/* A frame turned with the text: a column's (コラム) or one of the text
 * (罫囲み, in its own element): its first line is the one at the right
 * (┐│┘, a column's label down it), its last the one at the left (┌│└),
 * and the lines between carry its top and bottom sides. */
static void
draw_frame(const struct vdraw *v, const struct row *row, int x, int y0)
{
	struct canvas *c = v->c;
	int y1 = y0 + v->slots - 1, pitch = VSLOT + v->gap;
	bool head = row->kind == ROW_FRAME_TOP;
	int el = row->flags & ROW_BOXED ? EL_FRAME : row->el;
	if (row->kind != ROW_FRAME_TOP && row->kind != ROW_FRAME_BOTTOM) {
		canvas_fill(c, y0, x, x + pitch, 0x2500, el);
		canvas_fill(c, y1, x, x + pitch, 0x2500, el);
		return;
	}
	canvas_put(c, y0, x, head ? 0x2510 : 0x250C, el);
	for (int y = y0 + 1; y < y1; y++)
		canvas_put(c, y, x, 0x2502, el);
	canvas_put(c, y1, x, head ? 0x2518 : 0x2514, el);
	if (!head) {
		canvas_fill(c, y0, x + 1, x + pitch, 0x2500, el);
		canvas_fill(c, y1, x + 1, x + pitch, 0x2500, el);
	} else if (v->slots > 6 && el == EL_COLUMN_FRAME) {
		struct buf label = {0};
		const char *s = present_frame_label(&v->r->P, v->slots * VSLOT, &label);
		int y = y0 + 2;
		for (size_t i = 0, n = strlen(s); i < n && y < y1 - 1;) {
			uint32_t cp;
			i += utf8_get((const uint8_t *)s + i, n - i, &cp);
			if (cp != ' ')
				canvas_put(c, y++, x, vdraw_slot_char(cp, c->amb), el);
		}
		buf_free(&label);
	}
}

/* Where the characters of a row went: for each byte of its text that
 * starts a character, its cells and how far from the line's top (in
 * cells) it stands. */
struct placed {
	uint32_t start, end;
	uint16_t *cells, *pos;
};

/* One character alone in its slot, or sharing it (half-width). */
static int
put_char(const struct vdraw *v, uint32_t cp, unsigned cw, int off, int y, int x, int el)
{
	if (cw >= VSLOT && off == 0)
		return canvas_put(v->c, y, x, vdraw_slot_char(cp, v->c->amb), el);
	return canvas_put(v->c, y, x + off, vdraw_packed_char(cp), el);
}

static void
draw_text(const struct vdraw *v, const struct row *row, const char *text, struct placed *pl,
          int x, int y0, int el)
{
	int pos = row->indent - row->indent % VSLOT, ly = -1, lx = 0;
	for (uint32_t i = row->start; i < row->end;) {
		uint32_t cp;
		size_t len = utf8_get((const uint8_t *)text + i, row->end - i, &cp);
		unsigned cw = pl->cells[i - row->start] & VC_CELLS;
		int y = y0 + pos / VSLOT, off = pos % VSLOT;
		pl->pos[i - row->start] = (uint16_t)pos;
		if (cw == 0) {
			/* a combining mark joins the character before it */
			if (ly >= 0 && cp != '\n')
				canvas_put(v->c, ly, lx, cp, el);
		} else if (pos / VSLOT < v->slots) {
			int cel = v->style ? v->style(v->ctx, row, i, y, x + off, el) : el;
			int w = put_char(v, cp, cw, off, y, x, cel);
			ly = y;
			lx = x + off + (w ? w : 1);
		}
		pos += (int)cw;
		i += (uint32_t)len;
	}
}

/* ---- beside the characters: ruby and emphasis marks ---- */

/* Put CP beside the line at X: at its right, or at its left (the gap of
 * the line after it, where nothing of that line is). */
static void
put_aside(const struct vdraw *v, int y, int x, bool left, uint32_t cp, int el)
{
	int w = width_cp(cp, v->c->amb), ax = left ? x - v->gap : x + VSLOT;
	if (w <= 0 || w > v->gap || y < 0 || y >= v->c->h || ax < 0 || ax + w > v->c->w)
		return;
	if (left && v->c->cells[(size_t)y * (size_t)v->c->w + (size_t)ax].cp != ' ')
		return;
	canvas_put(v->c, y, ax, cp, el);
}

/* The marks of emphasis beside each character, by enum emphasis: a
 * full-width mark where the gap is wide enough, else a half-width one. */
static uint32_t
emph_mark(int style, int gap)
{
	static const uint32_t wide[] = {0xFE45, 0xFE46, 0x25CF, 0x25CB, 0x25B2, 0x25B3, 0x25CE,
	                                0x25C9, 0x00D7, 0x2502, 0x2551, 0x2506, 0x254E, 0xFE34};
	static const uint32_t narrow[] = {0x2022, 0x25E6, 0x25CF, 0x25CB, 0x25B2, 0x25B3, 0x25CE,
	                                  0x25C9, 0x00D7, 0x2502, 0x2551, 0x2506, 0x254E, 0x2307};
	if (style < 0 || style > EMPH_WAVY)
		return 0;
	return gap >= VSLOT ? wide[style] : narrow[style];
}

/* The display bytes of ROW whose block offsets are in [A, B): the first
 * and one past the last character, or false. */
static bool
row_part(const struct rblock *rb, const struct row *row, const char *text, uint32_t a, uint32_t b,
         uint32_t *from, uint32_t *to)
{
	bool any = false;
	for (uint32_t i = row->start; i < row->end;) {
		uint32_t cp, m = render_row_model(rb, row, i);
		size_t len = utf8_get((const uint8_t *)text + i, row->end - i, &cp);
		if (m >= a && m < b && !render_row_insert_el(rb, row, i)) {
			if (!any)
				*from = i;
			*to = i + (uint32_t)len;
			any = true;
		}
		i += (uint32_t)len;
	}
	return any;
}

/* Slots of display bytes [A, B) of T. */
static size_t
slots_of(const struct vtext *t, uint32_t a, uint32_t b)
{
	uint16_t *c;
	size_t w = 0;
	if (b <= a)
		return 0;
	c = xmalloc((b - a) * sizeof *c);
	vtext_cells(t, a, b, c);
	for (uint32_t i = 0; i < b - a; i++)
		w += c[i] & VC_CELLS;
	free(c);
	return w / VSLOT;
}

/* A reading beside its base: centred on a longer base, else from the
 * base's first slot down the slots the base took for it; the part of it
 * beside this line's part of the base. */
static void
draw_reading(const struct vdraw *v, const struct vtext *t, const struct row *row,
             const struct placed *pl, const struct span *sp, uint32_t from, uint32_t to, int x,
             int y0)
{
	const char *s = doc_ann(v->r->d, sp->ref);
	/* the base in the display text: the block's offsets where it is the
	 * block's own text whole (readings are not put in: they are here) */
	uint32_t bs = t->pc && (t->pc->flags & PIECE_OWN) ? sp->start : from;
	uint32_t be = t->pc && (t->pc->flags & PIECE_OWN) ? sp->end : to;
	size_t group = slots_of(t, bs, be), before = slots_of(t, bs, from);
	size_t here = slots_of(t, from, to), len = vruby_len(s), off = group > len ? (group - len) / 2 : 0;
	int top = pl->pos[from - row->start] / VSLOT;
	size_t j = 0;
	for (size_t i = 0, n = strlen(s); i < n; j++) {
		uint32_t cp;
		size_t g = off + j;
		i += utf8_get((const uint8_t *)s + i, n - i, &cp);
		if (g >= before && g < before + here && top + (int)(g - before) < v->slots)
			put_aside(v, y0 + top + (int)(g - before), x, sp->style & EMPH_LEFT,
			          vdraw_slot_char(cp, v->c->amb), EL_RUBY);
	}
}

static void
draw_marks(const struct vdraw *v, const struct row *row, const struct placed *pl, const char *text,
           const struct span *sp, uint32_t from, uint32_t to, int x, int y0)
{
	uint32_t mark = emph_mark(sp->style & ~EMPH_LEFT, v->gap);
	if (!mark)
		return;
	for (uint32_t i = from; i < to;) {
		uint32_t cp;
		size_t len = utf8_get((const uint8_t *)text + i, to - i, &cp);
		if ((pl->cells[i - row->start] & VC_CELLS) && pl->pos[i - row->start] / VSLOT < v->slots)
			put_aside(v, y0 + pl->pos[i - row->start] / VSLOT, x, sp->style & EMPH_LEFT, mark,
			          EL_BODY);
		i += (uint32_t)len;
	}
}

/* Ruby (set aside) and emphasis marks over the row's characters. */
static void
draw_asides(const struct vdraw *v, size_t b, const struct rblock *rb, const struct row *row,
            const char *text, const struct placed *pl, int x, int y0)
{
	const struct block *bl = &v->r->d->blocks[b];
	uint32_t m0 = render_row_model(rb, row, row->start), m1 = render_row_model(rb, row, row->end);
	struct vtext t;
	size_t lo = 0, hi = bl->nspans;
	if (v->gap < 1 || m0 == UINT32_MAX)
		return;
	render_row_vtext(v->r, b, rb, row, &t);
	/* the spans that start before the row's end, from those that may
	 * still reach into it (as ui_draw.c's first_span, and those that
	 * start a little before it) */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (bl->spans[mid].start < m0)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo > 0 && (bl->spans[lo - 1].end > m0 || bl->spans[lo - 1].start + 1024 >= m0))
		lo--;
	for (size_t k = lo; k < bl->nspans && bl->spans[k].start <= m1; k++) {
		const struct span *sp = &bl->spans[k];
		bool reading = sp->kind == SPAN_RUBY && rb->dir == RENDER_VERTICAL_ASIDE &&
		               !v->r->P.ruby_hidden;
		uint32_t from = 0, to = 0;
		if ((!reading && sp->kind != SPAN_EMPH) || sp->end <= m0 ||
		    !row_part(rb, row, text, sp->start, sp->end, &from, &to))
			continue;
		if (reading)
			draw_reading(v, &t, row, pl, sp, from, to, x, y0);
		else
			draw_marks(v, row, pl, text, sp, from, to, x, y0);
	}
}

void
vdraw_row(const struct vdraw *v, size_t b, const struct rblock *rb, const struct row *row, int x,
          int y0, int el)
{
	struct placed pl;
	struct vtext t;
	size_t tlen;
	const char *text;
	if (row->flags & (ROW_FRAMED | ROW_BOXED) || row->kind == ROW_FRAME_TOP ||
	    row->kind == ROW_FRAME_BOTTOM)
		draw_frame(v, row, x, y0);
	if (row->kind == ROW_RULE)
		draw_rule(v, row, x, y0, el);
	if (row->kind != ROW_TEXT || row->end <= row->start)
		return;
	text = render_row_text(v->r, b, rb, row, &tlen);
	render_row_vtext(v->r, b, rb, row, &t);
	pl.start = row->start;
	pl.end = row->end;
	pl.cells = xmalloc((row->end - row->start) * sizeof *pl.cells);
	pl.pos = xcalloc(row->end - row->start, sizeof *pl.pos);
	vtext_cells(&t, row->start, row->end, pl.cells);
	draw_text(v, row, text, &pl, x, y0, el);
	if (!(row->flags & ROW_SYNTH))
		draw_asides(v, b, rb, row, text, &pl, x, y0);
	free(pl.cells);
	free(pl.pos);
}
