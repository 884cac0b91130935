/* bluebook_xref.c: where "314ページ コラム参照" leads.  The text of a
 * printed book refers to its pages, and the extraction has lost them; what
 * is left is the page each section starts on (the chapter's contents list:
 * 第1節 312, 第2節 324), the order of the blocks, and the words.  A block's
 * page is estimated from how far into its section's text it is; a
 * reference to a column goes to the column whose estimated pages are
 * nearest the one it names, and among those as near, to the one whose title
 * shares most words with the sentence that refers to it.  A page outside
 * every section of the document is not in it.
 *
 * Run once the document is complete; linear in its size (each reference
 * looks at the few columns near its page). */
#include <stdlib.h>
#include <string.h>

#include "bluebook_impl.h"
#include "scan.h"

/* the most columns a reference weighs (those nearest its page) */
#define XREF_CANDIDATES 32
/* how much of a title and of the referring sentence is compared, in bytes */
#define XREF_WORDS_MAX 600
/* a section with no next entry in the contents list: its length in pages
 * is its characters over this (a page of the Bluebook holds about 2,000) */
#define XREF_CHARS_PER_PAGE 2000

struct xsec {
	int32_t first, end; /* its blocks */
	long p0, p1;        /* its pages: [p0, p1) */
	size_t c0, chars;   /* characters before it, and in it */
};

/* The page a reference names: the number it starts with. */
static long
xref_page(const struct block *b, const struct span *sp)
{
	size_t i = sp->start;
	return scan_number(b->text, sp->end, &i);
}

/* The page of character offset C (counted from the document's start) in
 * section S. */
static long
page_at(const struct xsec *s, size_t c)
{
	size_t in = c > s->c0 ? c - s->c0 : 0;
	if (s->chars == 0)
		return s->p0;
	if (in >= s->chars)
		in = s->chars - 1;
	return s->p0 + (long)((double)in * (double)(s->p1 - s->p0) / (double)s->chars);
}

/* The sections of D with pages from the contents list, in order; *POS gets
 * the characters before each block (NBLOCKS + 1 of them). */
static size_t
sections(const struct doc *d, struct xsec **out, size_t **pos)
{
	size_t n = 0, cap = 0;
	struct xsec *s = NULL;
	size_t *c = xmalloc((d->nblocks + 1) * sizeof *c);
	c[0] = 0;
	for (size_t i = 0; i < d->nblocks; i++)
		c[i + 1] = c[i] + scan_count_chars(d->blocks[i].text, d->blocks[i].len);
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct block *b = &d->blocks[i];
		size_t k = i + 1, e;
		long p1 = -1;
		if (b->kind != BLK_CONTENTS || !b->has_body || b->section < 0 || !b->aux)
			continue;
		/* the next entry's page ends it (each entry looks on to the next
		 * one only: linear) */
		while (k < d->nblocks && d->blocks[k].kind != BLK_CONTENTS)
			k++;
		if (k < d->nblocks && d->blocks[k].kind == BLK_CONTENTS && d->blocks[k].aux)
			p1 = atol(d->blocks[k].aux);
		/* its blocks: up to the next section or chapter */
		for (e = (size_t)b->section + 1; e < d->nblocks; e++)
			if (d->blocks[e].kind == BLK_SECTION || d->blocks[e].kind == BLK_CHAPTER)
				break;
		xgrow(&s, &cap, n + 1, sizeof *s);
		s[n].first = b->section;
		s[n].end = (int32_t)e;
		s[n].p0 = atol(b->aux);
		s[n].c0 = c[b->section];
		s[n].chars = c[e] - c[b->section];
		if (p1 <= s[n].p0)
			p1 = s[n].p0 + 1 + (long)(s[n].chars / XREF_CHARS_PER_PAGE);
		s[n].p1 = p1;
		n++;
	}
	*out = s;
	*pos = c;
	return n;
}

/* ---- words: the pairs of adjacent letters a sentence and a title share ---- */

static bool
word_char(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 0x3041 && c <= 0x30FF) ||
	       (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

static uint32_t
fold(uint32_t c)
{
	if (c >= 0xFF01 && c <= 0xFF5E)
		c -= 0xFEE0;
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	return c;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* The distinct pairs of word characters in (S, N), not both hiragana
 * (those are endings and particles: の, して), sorted; the count. */
static size_t
pairs(const char *s, size_t n, uint64_t *out)
{
	size_t k = 0, i = 0, len;
	uint32_t prev = 0;
	if (n > XREF_WORDS_MAX)
		n = XREF_WORDS_MAX;
	while (i < n) {
		uint32_t c = fold(scan_cp_at(s, n, i, &len));
		if (len == 0)
			break;
		if (!word_char(c))
			c = 0;
		if (prev && c && !(prev >= 0x3041 && prev <= 0x309F && c >= 0x3041 && c <= 0x309F))
			out[k++] = (uint64_t)prev << 32 | c;
		prev = c;
		i += len;
	}
	qsort(out, k, sizeof *out, cmp_u64);
	{
		size_t u = 0;
		for (size_t j = 0; j < k; j++)
			if (u == 0 || out[u - 1] != out[j])
				out[u++] = out[j];
		k = u;
	}
	return k;
}

static size_t
shared(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t i = 0, j = 0, n = 0;
	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			n++;
			i++;
			j++;
		} else if (a[i] < b[j])
			i++;
		else
			j++;
	}
	return n;
}

/* The sentence around the reference SP in B: from the last 。 before it to
 * the first after it, at most XREF_WORDS_MAX bytes before it. */
static void
sentence(const struct block *b, const struct span *sp, size_t *from, size_t *to)
{
	static const char stop[] = "\xE3\x80\x82"; /* 。 */
	size_t a = sp->start > XREF_WORDS_MAX ? sp->start - XREF_WORDS_MAX : b->body;
	const char *p, *e;
	if (a < b->body)
		a = b->body;
	while ((p = scan_find(b->text + a, sp->start - a, stop)) != NULL)
		a = (size_t)(p - b->text) + 3;
	/* a cut in the middle of a character moves to the next one */
	while (a < sp->start && ((uint8_t)b->text[a] & 0xC0) == 0x80)
		a++;
	e = scan_find(b->text + sp->end, b->len - sp->end, stop);
	*from = a;
	*to = e ? (size_t)(e - b->text) : b->len;
}

/* The words of column C's title and subtitle. */
static size_t
title_pairs(const struct doc *d, const struct column *c, uint64_t *out)
{
	const struct block *h = &d->blocks[c->head];
	size_t tl, n;
	const char *t = block_title(h, &tl);
	struct buf all = {0};
	buf_add(&all, t, tl > XREF_WORDS_MAX ? XREF_WORDS_MAX : tl);
	if (h->aux) {
		buf_addc(&all, ' ');
		buf_adds(&all, h->aux);
	}
	n = pairs(all.p ? all.p : "", all.len, out);
	buf_free(&all);
	return n;
}

/* The column that reference SP of block B, to page PAGE of section S,
 * names, or -1.  CP holds each column's estimated first page. */
static int32_t
pick_column(const struct doc *d, const struct xsec *s, const long *cp, const long *ce,
            const struct block *b, const struct span *sp, long page)
{
	uint64_t ctx[XREF_WORDS_MAX], tw[XREF_WORDS_MAX];
	size_t from, to, nctx, lo = 0, hi = d->ncols;
	int32_t best = -1;
	long best_dist = 0;
	size_t best_words = 0;
	sentence(b, sp, &from, &to);
	nctx = pairs(b->text + from, to - from, ctx);
	/* the first column whose last page reaches PAGE - 1 */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ce[mid] < page - 1)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t k = lo; k < d->ncols && cp[k] <= page + 1 && k < lo + XREF_CANDIDATES; k++) {
		long dist;
		size_t words;
		if (d->cols[k].head < s->first || d->cols[k].head >= s->end)
			continue;
		dist = page < cp[k] ? cp[k] - page : page > ce[k] ? page - ce[k] : 0;
		words = shared(ctx, nctx, tw, title_pairs(d, &d->cols[k], tw));
		/* nearer wins; as near, more words in common */
		if (best < 0 || dist < best_dist || (dist == best_dist && words > best_words)) {
			best = (int32_t)k;
			best_dist = dist;
			best_words = words;
		}
	}
	/* a column a page away only when the words say so */
	if (best >= 0 && best_dist > 0 && best_words == 0)
		best = -1;
	return best;
}

/* The first block of section S whose end is estimated on page PAGE or
 * after (the estimate grows with the block: a binary search). */
static int32_t
block_on_page(const struct xsec *s, const size_t *pos, long page)
{
	int32_t lo = s->first, hi = s->end;
	while (lo < hi) {
		int32_t mid = lo + (hi - lo) / 2;
		if (page_at(s, pos[mid + 1] ? pos[mid + 1] - 1 : 0) < page)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->end ? lo : s->first;
}

static void
resolve(struct doc *d, const struct xsec *sec, size_t nsec, const size_t *pos, const long *cp,
        const long *ce, struct block *b, struct span *sp)
{
	static const char column_word[] = "\xE3\x82\xB3\xE3\x83\xA9\xE3\x83\xA0"; /* コラム */
	long page = xref_page(b, sp);
	const struct xsec *s = NULL;
	for (size_t k = 0; k < nsec && !s; k++)
		if (page >= sec[k].p0 && page < sec[k].p1)
			s = &sec[k];
	if (!s) {
		sp->style = XREF_OUTSIDE;
		sp->ref = -1;
		return;
	}
	if (scan_find(b->text + sp->start, sp->end - sp->start, column_word)) {
		int32_t c = pick_column(d, s, cp, ce, b, sp, page);
		if (c >= 0) {
			sp->style = XREF_COLUMN;
			sp->ref = c;
			return;
		}
	}
	sp->style = XREF_BLOCK;
	sp->ref = block_on_page(s, pos, page);
}

void
bluebook_resolve_xrefs(struct doc *d)
{
	struct xsec *sec;
	size_t *pos, nsec = sections(d, &sec, &pos);
	long *cp = xmalloc((d->ncols + 1) * sizeof *cp), *ce = xmalloc((d->ncols + 1) * sizeof *ce);
	/* each column's estimated pages: monotone, as the columns are in order */
	for (size_t k = 0; k < d->ncols; k++) {
		const struct column *c = &d->cols[k];
		cp[k] = ce[k] = -1;
		for (size_t j = 0; j < nsec; j++)
			if (c->head >= sec[j].first && c->head < sec[j].end) {
				cp[k] = page_at(&sec[j], pos[c->head]);
				ce[k] = page_at(&sec[j], pos[c->end] ? pos[c->end] - 1 : 0);
			}
		if (k && cp[k] < cp[k - 1]) /* a column outside every section */
			cp[k] = cp[k - 1];
		if (ce[k] < cp[k])
			ce[k] = cp[k];
	}
	for (size_t i = 0; i < d->nblocks; i++) {
		struct block *b = &d->blocks[i];
		for (uint32_t k = 0; k < b->nspans; k++)
			if (b->spans[k].kind == SPAN_XREF)
				resolve(d, sec, nsec, pos, cp, ce, b, &b->spans[k]);
	}
	free(cp);
	free(ce);
	free(sec);
	free(pos);
}
