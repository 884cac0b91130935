/* plain_read.c: plain text's lines read with their neighbours (a heading
 * is known by the lines around it), the sample that decides the layout,
 * the language, the title and the depths of the headings, and where a
 * parse of the end of a large text can start. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "plain_impl.h"
#include "scan.h"
#include "util.h"

/* ---- lines with their neighbours ---- */

void
plain_reader_init(struct plain_reader *r, const struct plain_info *info, plain_line_fn fn, void *ctx)
{
	memset(r, 0, sizeof *r);
	r->info = info;
	r->fn = fn;
	r->ctx = ctx;
	r->title_left = info->title_lines;
}

void
plain_reader_free(struct plain_reader *r)
{
	buf_free(&r->carry);
	buf_free(&r->pend);
	for (int i = 0; i < 3; i++)
		buf_free(&r->title[i]);
}

/* Is the waiting line L a heading, in its place?  NEXT is the line after
 * it (N bytes, no trailing space; LEAD its leading columns), or NULL if a
 * blank line or the end follows.  An underline after it is taken with it. */
static void
heading_place(struct plain_reader *r, struct plain_line *l, const char *next, size_t n, int lead)
{
	struct plain_shape h;
	bool shape = plain_heading_shape(l->s, l->n, r->info->latin, &h) != 0;
	int ul = next && lead == 0 && r->info->latin ? plain_underline(next, n) : 0;

	if (ul && l->lead == 0 &&
	    (shape || (l->n <= 8 * PLAIN_HEADING_MAX && plain_width(l->s, l->n, 0) <= PLAIN_HEADING_MAX &&
	               !plain_ends_sentence(l->s, l->n) && !plain_ornament(l->s, l->n)))) {
		if (!shape)
			h = (struct plain_shape){(uint8_t)(ul == '=' ? RANK_C : RANK_D), false, 0};
		l->head = h;
		r->skip = true;
		return;
	}
	/* labelled shapes after a blank line; the others alone in their
	 * chunk, or set above an indented paragraph */
	if (shape && (h.labelled || !next || lead > 0))
		l->head = h;
}

/* Hand the waiting line over, NEXT being the line after it (see
 * heading_place). */
static void
resolve(struct plain_reader *r, const char *next, size_t n, int lead)
{
	struct plain_line l;
	size_t lb;
	memset(&l, 0, sizeof l);
	l.raw = r->pend.p;
	l.rawn = r->pend.len;
	lb = plain_lead(l.raw, l.rawn, &l.lead);
	l.s = l.raw + lb;
	l.n = l.rawn - lb;
	l.width = plain_width(l.raw, l.rawn, 0);
	l.no = r->pend_no;
	l.blank = r->pend_blank;
	l.first = r->pend_first;
	l.start = l.first || l.blank > 0;
	if (l.start)
		heading_place(r, &l, next, n, lead);
	r->has_pend = false;
	r->fn(r->ctx, &l);
}

static void
take_title(struct plain_reader *r, const char *s, size_t n, bool blank)
{
	size_t lb;
	if (blank) {
		if (r->ntitle)
			r->title_left = 0; /* the block ended early (cannot happen) */
		return;
	}
	lb = plain_lead(s, n, NULL);
	buf_add(&r->title[r->ntitle++], s + lb, n - lb);
	r->title_left--;
}

/* One whole line, without its line end. */
static void
line_in(struct plain_reader *r, const char *s, size_t n)
{
	int lead;
	size_t lb;
	bool blank;
	r->lineno++;
	n = plain_rtrim(s, n);
	lb = plain_lead(s, n, &lead);
	blank = lb == n;
	if (r->title_left > 0 && r->ntitle < 3) {
		take_title(r, s, n, blank);
		return;
	}
	if (blank) {
		if (r->has_pend)
			resolve(r, NULL, 0, 0);
		r->blank++;
		return;
	}
	if (r->has_pend)
		resolve(r, s + lb, n - lb, lead);
	if (r->skip) {
		/* an underline, taken by the heading above it */
		r->skip = false;
		return;
	}
	r->pend.len = 0;
	buf_add(&r->pend, s, n);
	r->pend_no = r->lineno;
	r->pend_blank = r->blank;
	r->pend_first = !r->started;
	r->started = true;
	r->blank = 0;
	r->has_pend = true;
}

void
plain_reader_feed(struct plain_reader *r, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e;
		if (!nl) {
			buf_add(&r->carry, s + i, n - i);
			return;
		}
		e = (size_t)(nl - s);
		if (r->carry.len) {
			buf_add(&r->carry, s + i, e - i);
			line_in(r, r->carry.p, r->carry.len);
			r->carry.len = 0;
		} else {
			line_in(r, s + i, e - i);
		}
		i = e + 1;
	}
}

void
plain_reader_end(struct plain_reader *r)
{
	if (r->carry.len) {
		line_in(r, r->carry.p, r->carry.len);
		r->carry.len = 0;
	}
	if (r->has_pend)
		resolve(r, NULL, 0, 0);
}

/* ---- the sample ---- */

size_t
plain_sample_len(const char *s, size_t n, bool at_end)
{
	const char *nl;
	size_t k = PLAIN_SAMPLE;
	if (n < PLAIN_SAMPLE)
		return at_end ? n : 0;
	if ((nl = memrchr(s, '\n', PLAIN_SAMPLE)) != NULL)
		return (size_t)(nl - s) + 1;
	/* no line end: up to a character */
	while (k > 0 && ((uint8_t)s[k] & 0xC0) == 0x80)
		k--;
	return k;
}

struct widths {
	int *w;        /* of the non-blank lines */
	bool *followed; /* by a non-blank line */
	size_t n, cap;
};

static void
measure_lines(const char *s, size_t n, struct widths *ws)
{
	bool prev = false;
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) : n, z = plain_rtrim(s + i, e - i);
		bool blank = plain_lead(s + i, z, NULL) == z;
		if (!blank) {
			if (prev)
				ws->followed[ws->n - 1] = true;
			size_t cap = ws->cap;
			xgrow(&ws->w, &ws->cap, ws->n + 1, sizeof *ws->w);
			if (ws->cap != cap)
				ws->followed = xrealloc(ws->followed, ws->cap * sizeof *ws->followed);
			ws->w[ws->n] = plain_width(s + i, z, 0);
			ws->followed[ws->n++] = false;
		}
		prev = !blank;
		i = e + 1;
	}
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* The first index of sorted V (N) not below X. */
static size_t
lower_bound(const int *v, size_t n, int x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The wrap column and whether the text is hard-wrapped at it. */
static void
decide_layout(struct plain_info *info, const struct widths *ws)
{
	size_t n = ws->n, need = (n + 9) / 10;
	int *v = xmalloc((n ? n : 1) * sizeof *v);
	if (need < 3)
		need = 3;
	/* Fuzzing fix (tests/fuzz/crashes/formats/): no lines, no widths:
	 * memcpy from NULL is undefined even for 0 bytes */
	if (n)
		memcpy(v, ws->w, n * sizeof *v);
	qsort(v, n, sizeof *v, cmp_int);
	info->nlines = n;
	for (size_t i = n; i > 0; i--) {
		int w = v[i - 1];
		if (i < n && v[i] == w)
			continue;
		if (i - lower_bound(v, n, w - info->tol) >= need) {
			info->wrap = w;
			break;
		}
	}
	free(v);
	if (!info->wrap)
		return;
	for (size_t i = 0; i < n; i++) {
		if (ws->w[i] > info->wrap + 2)
			info->wide++;
		if (ws->w[i] >= info->wrap - info->tol && ws->w[i] <= info->wrap) {
			info->full++;
			info->full_followed += ws->followed[i];
		}
	}
	info->wrapped = n >= 5 && info->wrap >= 40 && info->wrap <= 160 && info->wide <= n / 20 &&
	                info->full_followed * 10 >= info->full * 6;
}

/* The lines of the title block: the first chunk, if another one follows
 * and its 1 to 3 lines look like a title. */
static int
title_lines(const char *s, size_t n, bool latin)
{
	int lines = 0;
	bool in_first = false, after = false;
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) : n, z = plain_rtrim(s + i, e - i);
		size_t lb = plain_lead(s + i, z, NULL);
		if (lb == z) {
			after = in_first || after;
			in_first = false;
		} else if (after) {
			return lines;
		} else {
			in_first = true;
			if (++lines > 3 || !plain_title_line(s + i + lb, z - lb, latin))
				return 0;
		}
		i = e + 1;
	}
	return 0; /* no chunk after it */
}

/* The headings and paragraph gaps of the sample, read as the parse will. */
struct dry {
	bool seen[RANK_COUNT];
	bool last_para;
	size_t bounds, gapped;
};

static void
dry_line(void *ctx, const struct plain_line *l)
{
	struct dry *y = ctx;
	if (l->head.rank) {
		y->seen[l->head.rank] = true;
		y->last_para = false;
		return;
	}
	if (y->last_para) {
		y->bounds++;
		y->gapped += l->blank > 0;
	}
	y->last_para = true;
}

/* The language and the layout only. */
static void
analyse_layout(const char *s, size_t n, struct plain_info *info)
{
	size_t ja = 0, la = 0;
	struct widths ws = {0};
	memset(info, 0, sizeof *info);
	plain_count_letters(s, n, &ja, &la);
	info->latin = la > 0 && ja * 20 < ja + la;
	info->tol = info->latin ? 16 : 4;
	measure_lines(s, n, &ws);
	decide_layout(info, &ws);
	free(ws.w);
	free(ws.followed);
}

void
plain_analyse(const char *s, size_t n, struct plain_info *info)
{
	struct plain_reader r;
	struct dry y;

	analyse_layout(s, n, info);
	info->title_lines = title_lines(s, n, info->latin);

	memset(&y, 0, sizeof y);
	plain_reader_init(&r, info, dry_line, &y);
	plain_reader_feed(&r, s, n);
	plain_reader_end(&r);
	plain_reader_free(&r);
	/* ranks by their order: the highest that occurs is depth 1 */
	for (int k = RANK_A; k < RANK_COUNT; k++) {
		int above = 0;
		for (int j = RANK_A; j < k; j++)
			above += y.seen[j];
		info->depth[k] = (uint8_t)(above >= 2 ? 3 : above + 1);
	}
	/* a text that puts a blank line between its paragraphs breaks a
	 * scene with two */
	info->scene_gap = info->wrapped || y.gapped * 2 > y.bounds ? 2 : 1;
}

/* ---- starting afresh near the end ---- */

/* Does the line at I of TEXT (LEN) end a sentence without being a
 * heading?  *BLANK: is it blank? */
static bool
sentence_at(const char *text, size_t len, size_t i, bool latin, bool *blank)
{
	const char *nl = memchr(text + i, '\n', len - i);
	size_t e = nl ? (size_t)(nl - text) : len, z = plain_rtrim(text + i, e - i);
	size_t lb = plain_lead(text + i, z, NULL);
	struct plain_shape h;
	*blank = lb == z;
	return !*blank && plain_ends_sentence(text + i + lb, z - lb) &&
	       !plain_heading_shape(text + i + lb, z - lb, latin, &h);
}

/* A heading after a blank line starts the same way in any parse; so does
 * a sentence after one, or in a text of one paragraph per line a sentence
 * after any line. */
size_t
plain_resync(const char *text, size_t len, size_t keep)
{
	size_t limit = len > keep ? len - keep : 0;
	size_t strong = SIZE_MAX, chunk = SIZE_MAX;
	struct plain_info info;
	bool prev_blank = false, blank;

	analyse_layout(text, plain_sample_len(text, len, true), &info);
	for (size_t i = 0; i <= limit && i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - text) : len, z = plain_rtrim(text + i, e - i);
		size_t lb = plain_lead(text + i, z, NULL);
		blank = lb == z;
		if (!blank && i > 0 && prev_blank) {
			struct plain_shape h;
			const char *s = text + i + lb;
			if (plain_heading_shape(s, z - lb, info.latin, &h) && h.labelled)
				strong = i;
			else if (sentence_at(text, len, i, info.latin, &blank))
				chunk = i;
		}
		prev_blank = blank;
		i = e + 1;
	}
	if (strong != SIZE_MAX)
		return strong;
	if (chunk != SIZE_MAX || info.wrapped)
		return chunk != SIZE_MAX ? chunk : 0;
	/* the latest line start that is a sentence, from the end back */
	for (size_t i = limit < len ? limit : len; i > 0; i--)
		if (text[i - 1] == '\n' && sentence_at(text, len, i, info.latin, &blank))
			return i;
	return 0;
}
