/* layout.c: Japanese line layout.  Greedy filling over the tailored break
 * opportunities of linebreak.c, with hanging punctuation (ぶら下げ) and
 * emergency breaks. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "linebreak.h"
#include "util.h"
#include "width.h"

/* The options of one layout, with the cells of the characters (NULL:
 * their widths). */
struct layout_in {
	int width;
	bool hanging;
	int amb;
	const uint16_t *cells;
};

static void
push_line(struct layout_buf *b, size_t *n, const struct lline *l)
{
	xgrow(&b->lines, &b->lines_cap, *n + 1, sizeof *b->lines);
	b->lines[(*n)++] = *l;
}

/* Width of [start, end) without trailing ASCII spaces, which never show. */
static uint16_t
visible_cells(const char *s, uint32_t start, uint32_t end, size_t cells, const uint16_t *cw)
{
	while (end > start && s[end - 1] == ' ') {
		end--;
		cells -= cw ? (cw[end] & LAYOUT_CELLS) : 1;
	}
	return (uint16_t)(cells > UINT16_MAX ? UINT16_MAX : cells);
}

/* May a line end at byte J: JLReq lets the character after it (past the
 * spaces that stay at the line's end) start a line, and the one before it
 * end one? */
static bool
breakable_at(const uint8_t *u, size_t n, size_t j, const uint16_t *cw)
{
	size_t st, k = j;
	uint32_t next = 0;
	if (cw && j < n && (cw[j] & LAYOUT_GLUE))
		return false;
	while (k < n && u[k] == ' ')
		k++;
	if (k < n)
		utf8_get(u + k, n - k, &next);
	return !lb_no_start(next) && !lb_no_end(utf8_prev(u, j, &st));
}

/* Where to break a unit that does not fit before byte I (CELLS cells into
 * a line that starts at POS): at the last point before I where JLReq
 * allows a line to end, else at the first one after I that still fits the
 * whole width AVAIL (the margin a hanging 、。 would take), else at I. */
static size_t
emergency_point(const uint8_t *u, size_t n, size_t pos, size_t i, size_t cells, size_t avail,
                const struct layout_in *o)
{
	size_t j = i, st;
	while (j > pos) {
		if (breakable_at(u, n, j, o->cells))
			return j;
		utf8_prev(u, j, &st);
		j = st;
	}
	for (j = i; j < n && u[j] != '\n';) {
		uint32_t c;
		size_t len = utf8_get(u + j, n - j, &c);
		cells += o->cells ? (o->cells[j] & LAYOUT_CELLS) : (size_t)width_cp(c, o->amb);
		if (cells > avail)
			break;
		j += len;
		if (breakable_at(u, n, j, o->cells))
			return j;
	}
	/* never inside what keeps together (a 縦中横 pair): back to its start */
	while (o->cells && i > pos && (o->cells[i] & LAYOUT_GLUE)) {
		utf8_prev(u, i, &st);
		i = st;
	}
	return i;
}

/* Cells of bytes [FROM, TO). */
static size_t
range_cells(const uint8_t *u, size_t from, size_t to, const struct layout_in *o)
{
	size_t w = 0;
	if (!o->cells)
		return width_str(u + from, to - from, o->amb);
	for (size_t i = from; i < to; i++)
		w += o->cells[i] & LAYOUT_CELLS;
	return w;
}

/* The character at U[I] and its width. */
static size_t
char_at(const uint8_t *u, size_t n, size_t i, const struct layout_in *o, uint32_t *c, size_t *w)
{
	size_t len;
	/* the common cases without a call: ASCII and three-byte kana and
	 * kanji */
	if (u[i] < 0x80) {
		*c = u[i];
		*w = *c >= 0x20;
		len = 1;
	} else {
		if ((*c = utf8_cjk3(u, n, i)) != 0)
			len = 3;
		else
			len = utf8_get(u + i, n - i, c);
		*w = (size_t)width_cp(*c, o->amb);
	}
	if (o->cells)
		*w = o->cells[i] & LAYOUT_CELLS;
	return len;
}

/* Where the line from POS ends when C (LEN bytes at I, W cells) does not
 * fit after CELLS cells of the measure: hanging C in the margin up to
 * AVAIL, at the last break, or at an emergency break.  Sets L's end and
 * flags and *CELLS; returns where the next line starts. */
static size_t
break_line(const uint8_t *u, size_t n, const char *brk, const struct layout_in *o, size_t pos,
           size_t i, uint32_t c, size_t len, size_t w, size_t avail, size_t last_brk,
           size_t brk_cells, struct lline *l, size_t *cells)
{
	uint32_t nc = 0;
	/* Hang only where a break is allowed after the mark. */
	bool next_ok = i + len >= n || (brk[i + len] != LB_NONE &&
	                                (utf8_get(u + i + len, n - i - len, &nc), !lb_no_start(nc)));
	if (o->hanging && lb_can_hang(c) && *cells + w <= avail && next_ok) {
		/* Hang the punctuation in the margin. */
		*cells += w;
		l->end = (uint32_t)(i + len);
		l->flags |= LL_HANG;
		return i + len;
	}
	if (last_brk > pos) {
		l->end = (uint32_t)last_brk;
		*cells = brk_cells;
		return last_brk;
	}
	/* A unit longer than the line: break at the measure, moved over
	 * characters JLReq keeps off the line start or end, where the line
	 * allows. */
	i = emergency_point(u, n, pos, i, *cells, avail, o);
	if (i == pos) {
		/* what keeps together is longer than the line: the line ends
		 * at the measure all the same */
		size_t l2, sum = 0, w2;
		uint32_t c2;
		for (i = pos; i < n; i += l2, sum += w2) {
			l2 = char_at(u, n, i, o, &c2, &w2);
			if (i > pos && sum + w2 > avail)
				break;
		}
	}
	l->end = (uint32_t)i;
	*cells = range_cells(u, pos, i, o);
	l->flags |= LL_EMERGENCY;
	return i;
}

/* Fill line L from POS with at most AVAIL cells (CELLS gets the width of
 * what it holds); returns where the next line starts.  With hanging
 * punctuation the text fills AVAIL less the margin it hangs into. */
static size_t
fill_line(const uint8_t *u, size_t n, const char *brk, const struct layout_in *o, size_t pos,
          size_t avail, struct lline *l, size_t *cells)
{
	size_t i = pos, last_brk = 0, brk_cells = 0;
	size_t measure = o->hanging && avail > LAYOUT_HANG + 1 ? avail - LAYOUT_HANG : avail;
	*cells = 0;
	l->end = (uint32_t)n;
	while (i < n) {
		uint32_t c;
		size_t w, len = char_at(u, n, i, o, &c, &w);
		if (c == '\n') {
			l->end = (uint32_t)i;
			return i + 1;
		}
		if (i > pos && brk[i] == LB_ALLOW) {
			last_brk = i;
			brk_cells = *cells;
		}
		if (c != ' ' && *cells + w > measure && i > pos)
			return break_line(u, n, brk, o, pos, i, c, len, w, avail, last_brk, brk_cells, l,
			                  cells);
		*cells += w;
		i += len;
	}
	return n;
}

size_t
layout_text_buf(const char *s, size_t n, int first, int rest, const struct layout_opts *o,
                struct layout_buf *b)
{
	return layout_text_cells(s, n, first, rest, o, NULL, b);
}

size_t
layout_text_cells(const char *s, size_t n, int first, int rest, const struct layout_opts *opts,
                  const uint16_t *cw, struct layout_buf *b)
{
	const struct layout_in in = {opts->width, opts->hanging, opts->amb, cw}, *o = &in;
	const uint8_t *u = (const uint8_t *)s;
	size_t nlines = 0, pos = 0;
	int width = o->width < LAYOUT_MIN_WIDTH ? LAYOUT_MIN_WIDTH : o->width;

	xgrow(&b->brk, &b->brk_cap, n + 1, 1);
	lb_find(u, n, b->brk);
	if (o->cells)
		for (size_t i = 0; i < n; i++)
			if (o->cells[i] & LAYOUT_GLUE)
				b->brk[i] = LB_NONE;
	do {
		struct lline l = {0};
		int indent = nlines == 0 ? first : rest;
		size_t cells, next;

		/* On narrow widths an indent gives way: a hanging indent may take
		 * at most half the line, and any indent must leave two wide
		 * characters. */
		if (indent < 0 || width - indent < 4 || (nlines > 0 && indent > width / 2))
			indent = 0;
		l.start = (uint32_t)pos;
		l.indent = (uint16_t)indent;
		l.flags = nlines == 0 ? LL_FIRST : 0;
		next = fill_line(u, n, b->brk, o, pos, (size_t)(width - indent), &l, &cells);
		/* Spaces at a break stay at the end of the line, unseen. */
		if (next > pos && next < n && u[next - 1] != '\n')
			while (next < n && u[next] == ' ')
				next++;
		/* (CELLS is the width of [start, end) as fill_line left it) */
		l.cells = visible_cells(s, l.start, l.end, cells, o->cells);
		/* and gives way to what keeps together and is longer than the
		 * room it leaves (a ruby base with its reading set beside) */
		if (indent > 0 && (int)l.cells > width - indent)
			l.indent = (uint16_t)(width > (int)l.cells ? width - (int)l.cells : 0);
		if (l.end < next && u[l.end] == ' ')
			l.end = (uint32_t)next;
		push_line(b, &nlines, &l);
		pos = next;
	} while (pos < n);
	return nlines;
}

size_t
layout_text(const char *s, size_t n, int first, int rest, const struct layout_opts *o,
            struct lline **out)
{
	struct layout_buf b = {0};
	size_t nlines = layout_text_buf(s, n, first, rest, o, &b);
	*out = b.lines;
	b.lines = NULL;
	layout_buf_free(&b);
	return nlines;
}

size_t
layout_single(const char *s, size_t n, int indent, int cells, struct layout_buf *b)
{
	size_t nlines = 0;
	struct lline l = {0, (uint32_t)n, (uint16_t)indent, 0, LL_FIRST};
	l.cells = visible_cells(s, 0, (uint32_t)n, (size_t)cells, NULL);
	push_line(b, &nlines, &l);
	return nlines;
}

void
layout_buf_free(struct layout_buf *b)
{
	xfree(&b->brk);
	xfree(&b->lines);
	b->brk_cap = b->lines_cap = 0;
}
