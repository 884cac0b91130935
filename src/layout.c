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

static void
push_line(struct layout_buf *b, size_t *n, const struct lline *l)
{
	xgrow(&b->lines, &b->lines_cap, *n + 1, sizeof *b->lines);
	b->lines[(*n)++] = *l;
}

/* Width of [start, end) without trailing ASCII spaces, which never show. */
static uint16_t
visible_cells(const char *s, uint32_t start, uint32_t end, size_t cells)
{
	while (end > start && s[end - 1] == ' ') {
		end--;
		cells--;
	}
	return (uint16_t)(cells > UINT16_MAX ? UINT16_MAX : cells);
}

/* Where to break a unit that does not fit before byte I of a line that
 * starts at POS: at I, or a little before it so the next line does not start
 * with, nor this one end with, a character JLReq forbids there. */
static size_t
emergency_point(const uint8_t *u, size_t n, size_t pos, size_t i)
{
	size_t j = i;
	for (int tries = 0; tries < 4; tries++) {
		size_t st, k = j;
		uint32_t next, prev;
		while (k < n && u[k] == ' ')
			k++;
		next = 0;
		if (k < n)
			utf8_get(u + k, n - k, &next);
		prev = utf8_prev(u, j, &st);
		if (!lb_no_start(next) && !lb_no_end(prev))
			return j;
		if (st <= pos)
			break;
		j = st;
	}
	return i;
}

size_t
layout_text_buf(const char *s, size_t n, int first, int rest, const struct layout_opts *o,
                struct layout_buf *b)
{
	const uint8_t *u = (const uint8_t *)s;
	char *brk;
	size_t nlines = 0, pos = 0;
	int width = o->width < LAYOUT_MIN_WIDTH ? LAYOUT_MIN_WIDTH : o->width;

	xgrow(&b->brk, &b->brk_cap, n + 1, 1);
	brk = b->brk;
	lb_find(u, n, brk);
	do {
		struct lline l = {0};
		int indent = nlines == 0 ? first : rest;
		size_t avail, cells = 0, i = pos, last_brk = 0, brk_cells = 0, next = n;

		/* On narrow widths an indent gives way: a hanging indent may take
		 * at most half the line, and any indent must leave two wide
		 * characters. */
		if (indent < 0 || width - indent < 4 || (nlines > 0 && indent > width / 2))
			indent = 0;
		avail = (size_t)(width - indent);
		l.start = (uint32_t)pos;
		l.indent = (uint16_t)indent;
		l.flags = nlines == 0 ? LL_FIRST : 0;
		l.end = (uint32_t)n;
		while (i < n) {
			uint32_t c;
			size_t len, w;
			/* the common cases without a call: ASCII and three-byte
			 * kana and kanji */
			if (u[i] < 0x80) {
				c = u[i];
				len = 1;
				w = c >= 0x20;
			} else if ((c = utf8_cjk3(u, n, i)) != 0) {
				/* kana, CJK punctuation and kanji */
				len = 3;
				w = (size_t)width_cp(c, o->amb);
			} else {
				len = utf8_get(u + i, n - i, &c);
				w = (size_t)width_cp(c, o->amb);
			}

			if (c == '\n') {
				l.end = (uint32_t)i;
				next = i + 1;
				break;
			}
			if (i > pos && brk[i] == LB_ALLOW) {
				last_brk = i;
				brk_cells = cells;
			}
			if (c != ' ' && cells + w > avail && i > pos) {
				uint32_t nc = 0;
				/* Hang only where a break is allowed after the mark. */
				bool next_ok = i + len >= n ||
				               (brk[i + len] != LB_NONE &&
				                (utf8_get(u + i + len, n - i - len, &nc), !lb_no_start(nc)));
				if (o->hanging && lb_can_hang(c) && cells <= avail && next_ok) {
					/* Hang the punctuation in the margin. */
					cells += w;
					l.end = (uint32_t)(i + len);
					next = i + len;
					if (cells > avail)
						l.flags |= LL_HANG;
				} else if (last_brk > pos) {
					l.end = (uint32_t)last_brk;
					next = last_brk;
					cells = brk_cells;
				} else {
					/* A unit longer than the line: break at the width,
					 * moved back over characters JLReq keeps off the
					 * line start or end, where the line allows. */
					size_t j = emergency_point(u, n, pos, i);
					l.end = (uint32_t)j;
					next = j;
					cells = (size_t)width_str(u + pos, j - pos, o->amb);
					l.flags |= LL_EMERGENCY;
				}
				break;
			}
			cells += w;
			i += len;
		}
		if (i >= n)
			next = n;
		/* Spaces at a break stay at the end of the line, unseen. */
		if (next > pos && next < n && u[next - 1] != '\n')
			while (next < n && u[next] == ' ')
				next++;
		if (l.end < next && u[l.end] == ' ')
			l.end = (uint32_t)next;
		/* A line ending with a break the text asked for goes on after it. */
		l.cells = visible_cells(s, l.start, l.end, cells);
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

void
layout_buf_free(struct layout_buf *b)
{
	xfree(&b->brk);
	xfree(&b->lines);
	b->brk_cap = b->lines_cap = 0;
}
