/* search.c: the normalised search index and matching.  The hot path keeps
 * characters that normalise to themselves (ASCII, kana, kanji) out of
 * libunistring, so indexing a large document stays linear and fast. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <uninorm.h>

#include "search.h"
#include "util.h"
#include "width.h"

/* Katakana that have a hiragana twin (ァ..ヶ, ヽヾ) fold onto it. */
static uint32_t
kana_fold(uint32_t c)
{
	if ((c >= 0x30A1 && c <= 0x30F6) || c == 0x30FD || c == 0x30FE)
		return c - 0x60;
	return c;
}

/* Characters that normalise (NFKC + case fold) to themselves. */
static bool
stable(uint32_t c)
{
	/* the most frequent first: kanji, kana, then ASCII and punctuation */
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3041 && c <= 0x3096) ||
	       (c >= 0x30A1 && c <= 0x30FA) || (c >= 0x20 && c < 0x7F && !(c >= 'A' && c <= 'Z')) ||
	       (c >= 0x3001 && c <= 0x3002) || c == 0x30FC || (c >= 0x300C && c <= 0x300F) ||
	       (c >= 0x3400 && c <= 0x4DBF);
}

static bool
combining(uint32_t c)
{
	/* the marks that follow a base: combining marks and the halfwidth
	 * voiced sound marks ﾞﾟ, which NFKC composes with the kana before */
	return (c >= 0x0300 && c <= 0x036F) || c == 0x3099 || c == 0x309A || c == 0xFF9E ||
	       c == 0xFF9F || (width_cp(c) == 0 && c >= 0x0300 && c != 0x200B && c != 0xFEFF);
}

struct normer {
	struct buf out;
	uint32_t *orig;     /* optional: per output byte */
	size_t orig_cap;
	bool track;         /* keep anchors (for the index) */
	struct norm_anchor *anchors;
	size_t nanchors, anchors_cap;
	bool kana;
	bool space;         /* the last output was a space: spaces collapse */
};

/* Record that norm offset NORM came from original offset ORIG, unless the
 * two still advance in step since the last anchor. */
static void
note_anchor(struct normer *nm, size_t norm, uint32_t orig)
{
	if (!nm->track)
		return;
	if (nm->nanchors) {
		const struct norm_anchor *l = &nm->anchors[nm->nanchors - 1];
		if (norm >= l->norm && (size_t)orig >= l->orig && norm - l->norm == (size_t)orig - l->orig)
			return;
	}
	xgrow(&nm->anchors, &nm->anchors_cap, nm->nanchors + 1, sizeof *nm->anchors);
	nm->anchors[nm->nanchors++] = (struct norm_anchor){norm, orig};
}

/* Append normalised character C, which came from original offset ORIG. */
static void
emit_cp(struct normer *nm, uint32_t c, uint32_t orig)
{
	char u[4];
	size_t n, at = nm->out.len;
	if (nm->kana)
		c = kana_fold(c);
	if (c == ' ' || c == 0x3000 || c == '\n' || c == '\t') {
		/* white space and line breaks collapse: a match may span them */
		if (nm->space || nm->out.len == 0 || nm->out.p[nm->out.len - 1] == '\0')
			return;
		nm->space = true;
		c = ' ';
	} else {
		nm->space = false;
	}
	n = utf8_put(c, u);
	note_anchor(nm, at, orig);
	buf_add(&nm->out, u, n);
	if (nm->orig) {
		xgrow(&nm->orig, &nm->orig_cap, nm->out.len, sizeof *nm->orig);
		for (size_t i = at; i < nm->out.len; i++)
			nm->orig[i] = orig;
	}
}

/* The end of the run of characters from I (before LIM) that normalise to
 * themselves and are not followed by a combining mark: ASCII other than
 * capitals and white space, and the common kana and kanji. */
static size_t
stable_run(const uint8_t *s, size_t i, size_t lim, size_t n)
{
	while (i < lim) {
		uint8_t b = s[i];
		if (b < 0x80) {
			if ((b >= 'A' && b <= 'Z') || b <= ' ' || b == 0x7F)
				break;
			i++;
			continue;
		}
		if ((b & 0xF0) == 0xE0 && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
		    (s[i + 2] & 0xC0) == 0x80) {
			uint32_t c = ((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) |
			             (s[i + 2] & 0x3F);
			if (!stable(c))
				break;
			/* a mark after it (ﾞ, U+3099, …) would compose with it:
			 * only a stable character or ASCII may follow */
			if (i + 3 < n && s[i + 3] >= 0x80) {
				uint32_t m;
				utf8_get(s + i + 3, n - i - 3, &m);
				if (!stable(m))
					break;
			}
			i += 3;
			continue;
		}
		break;
	}
	return i;
}

/* Fold the katakana in N bytes of stable text to hiragana, in place. */
static void
fold_kana_bytes(uint8_t *p, size_t n)
{
	for (size_t i = 0; i + 2 < n + 0 && i < n;) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		{
			uint32_t c = ((uint32_t)(p[i] & 0x0F) << 12) | ((uint32_t)(p[i + 1] & 0x3F) << 6) |
			             (p[i + 2] & 0x3F);
			uint32_t f = kana_fold(c);
			if (f != c) {
				p[i] = (uint8_t)(0xE0 | (f >> 12));
				p[i + 1] = (uint8_t)(0x80 | ((f >> 6) & 0x3F));
				p[i + 2] = (uint8_t)(0x80 | (f & 0x3F));
			}
			i += 3;
		}
	}
}

/* Normalise one cluster (a base and its marks) the slow way. */
static void
normalize_cluster(struct normer *nm, const uint8_t *s, size_t n, uint32_t orig)
{
	size_t nlen = 0, flen = 0;
	uint8_t *nfkc = u8_normalize(UNINORM_NFKC, s, n, NULL, &nlen);
	uint8_t *folded;
	if (!nfkc)
		return;
	folded = u8_casefold(nfkc, nlen, NULL, UNINORM_NFKC, NULL, &flen);
	if (folded) {
		for (size_t i = 0; i < flen;) {
			uint32_t c;
			i += utf8_get(folded + i, flen - i, &c);
			emit_cp(nm, c, orig);
		}
	}
	free(folded);
	free(nfkc);
}

/* Normalise [S, S+N), skipping the byte ranges in SKIP (pairs). */
static void
normalize_into(struct normer *nm, const char *text, size_t n, const struct span *spans,
               size_t nspans)
{
	const uint8_t *s = (const uint8_t *)text;
	size_t i = 0, sp = 0;
	while (i < n) {
		uint32_t c;
		size_t len, j;
		while (sp < nspans && spans[sp].end <= i)
			sp++;
		if (sp < nspans && spans[sp].start <= i &&
		    (spans[sp].kind == SPAN_FNREF || spans[sp].kind == SPAN_RUBY)) {
			/* footnote markers and ruby readings are not part of the words */
			i = spans[sp].end;
			continue;
		}
		{
			/* the common case: a run of characters that normalise to
			 * themselves is copied whole */
			size_t lim = n, run;
			if (sp < nspans && spans[sp].start > i)
				lim = spans[sp].start;
			run = stable_run(s, i, lim, n);
			if (run > i) {
				size_t at = nm->out.len;
				note_anchor(nm, at, (uint32_t)i);
				buf_add(&nm->out, s + i, run - i);
				if (nm->kana)
					fold_kana_bytes((uint8_t *)nm->out.p + at, run - i);
				if (nm->orig) {
					xgrow(&nm->orig, &nm->orig_cap, nm->out.len, sizeof *nm->orig);
					for (size_t k = 0; k < run - i; k++)
						nm->orig[at + k] = (uint32_t)(i + k);
				}
				nm->space = false;
				i = run;
				continue;
			}
		}
		len = utf8_get(s + i, n - i, &c);
		j = i + len;
		/* gather the marks that follow */
		while (j < n) {
			uint32_t m;
			size_t ml = utf8_get(s + j, n - j, &m);
			if (!combining(m))
				break;
			j += ml;
		}
		if (j == i + len && stable(c)) {
			emit_cp(nm, c, (uint32_t)i);
		} else if (j == i + len && c >= 'A' && c <= 'Z') {
			emit_cp(nm, c + 32, (uint32_t)i);
		} else {
			normalize_cluster(nm, s + i, j - i, (uint32_t)i);
			/* what follows is in step with the original again */
			note_anchor(nm, nm->out.len, (uint32_t)j);
		}
		i = j;
	}
}

char *
search_normalize(const char *s, size_t n, bool kana, size_t *outlen, uint32_t **orig)
{
	struct normer nm = {0};
	nm.kana = kana;
	if (orig)
		nm.orig = xmalloc(sizeof *nm.orig);
	normalize_into(&nm, s, n, NULL, 0);
	/* a trailing space is not part of a pattern */
	if (nm.out.len && nm.out.p[nm.out.len - 1] == ' ')
		nm.out.p[--nm.out.len] = '\0';
	if (outlen)
		*outlen = nm.out.len;
	if (orig)
		*orig = nm.orig;
	free(nm.anchors);
	return buf_steal(&nm.out);
}

void
search_index_build(struct search_index *ix, const struct doc *d, bool kana)
{
	struct normer nm = {0};
	memset(ix, 0, sizeof *ix);
	ix->d = d;
	ix->kana = kana;
	nm.kana = kana;
	nm.track = true;
	/* most text is kept byte for byte: reserve about its size once */
	{
		size_t total = 0;
		for (size_t b = 0; b < d->nblocks; b++)
			total += d->blocks[b].len + 1;
		xgrow(&nm.out.p, &nm.out.cap, total + 1, 1);
	}
	ix->blocks = xmalloc((d->nblocks + 1) * sizeof *ix->blocks);
	for (size_t b = 0; b < d->nblocks; b++) {
		const struct block *bl = &d->blocks[b];
		size_t start = nm.out.len;
		ix->blocks[b].start = start;
		ix->blocks[b].anchor = nm.nanchors;
		nm.space = false;
		/* each block starts with an anchor at its own origin */
		xgrow(&nm.anchors, &nm.anchors_cap, nm.nanchors + 1, sizeof *nm.anchors);
		nm.anchors[nm.nanchors++] = (struct norm_anchor){start, 0};
		normalize_into(&nm, bl->text, bl->len, bl->spans, bl->nspans);
		buf_addc(&nm.out, '\0'); /* no match spans two blocks */
		nm.space = false;
	}
	ix->blocks[d->nblocks].start = nm.out.len;
	ix->blocks[d->nblocks].anchor = nm.nanchors;
	ix->len = nm.out.len;
	ix->norm = nm.out.p ? buf_steal(&nm.out) : xstrdup("");
	ix->anchors = nm.anchors;
	ix->nanchors = nm.nanchors;
}

void
search_index_free(struct search_index *ix)
{
	xfree(&ix->norm);
	xfree(&ix->blocks);
	xfree(&ix->anchors);
	ix->len = ix->nanchors = 0;
}

/* The block holding norm offset AT. */
static int32_t
block_of(const struct search_index *ix, size_t at)
{
	size_t lo = 0, hi = ix->d->nblocks;
	while (lo + 1 < hi) {
		size_t mid = (lo + hi) / 2;
		if (ix->blocks[mid].start <= at)
			lo = mid;
		else
			hi = mid;
	}
	return (int32_t)lo;
}

/* Original offset of norm offset AT in block B. */
static uint32_t
orig_of(const struct search_index *ix, int32_t b, size_t at)
{
	size_t lo = ix->blocks[b].anchor, hi = ix->blocks[b + 1].anchor;
	const struct norm_anchor *a;
	uint32_t blen = ix->d->blocks[b].len;
	uint64_t o;
	if (lo >= hi)
		return 0;
	while (lo + 1 < hi) {
		size_t mid = (lo + hi) / 2;
		if (ix->anchors[mid].norm <= at)
			lo = mid;
		else
			hi = mid;
	}
	a = &ix->anchors[lo];
	o = (uint64_t)a->orig + (at - a->norm);
	return o > blen ? blen : (uint32_t)o;
}

struct match
search_locate(const struct search_index *ix, size_t at, size_t nlen)
{
	struct match m;
	const char *t;
	m.block = block_of(ix, at);
	m.start = orig_of(ix, m.block, at);
	m.end = orig_of(ix, m.block, at + (nlen ? nlen - 1 : 0));
	/* the end: past the whole character the last byte came from */
	t = ix->d->blocks[m.block].text;
	if (nlen && m.end < ix->d->blocks[m.block].len) {
		uint32_t c, blen = ix->d->blocks[m.block].len;
		m.end += (uint32_t)utf8_get((const uint8_t *)t + m.end, blen - m.end, &c);
		/* with the marks that were normalised with it (ｶﾞ) */
		while (m.end < blen) {
			size_t l = utf8_get((const uint8_t *)t + m.end, blen - m.end, &c);
			if (!combining(c))
				break;
			m.end += (uint32_t)l;
		}
	}
	if (m.end < m.start)
		m.end = m.start;
	return m;
}

size_t
search_norm_offset(const struct search_index *ix, int32_t b, uint32_t off)
{
	size_t lo = ix->blocks[b].anchor, hi = ix->blocks[b + 1].anchor;
	size_t end = ix->blocks[b + 1].start;
	/* the first anchor segment that reaches OFF */
	for (size_t k = lo; k < hi; k++) {
		const struct norm_anchor *a = &ix->anchors[k];
		size_t seg_end = k + 1 < hi ? ix->anchors[k + 1].norm : end;
		if (a->orig >= off)
			return a->norm;
		if ((size_t)a->orig + (seg_end - a->norm) > off)
			return a->norm + (off - a->orig);
	}
	return end;
}

bool
search_find(const struct search_index *ix, const char *npat, size_t nlen, size_t from,
            bool backward, size_t *at)
{
	if (nlen == 0)
		return false;
	if (!backward) {
		const char *p;
		if (from >= ix->len)
			return false;
		p = memmem(ix->norm + from, ix->len - from, npat, nlen);
		if (!p)
			return false;
		*at = (size_t)(p - ix->norm);
		return true;
	} else {
		/* the last match before FROM: scan forward, keeping the last */
		const char *p = ix->norm, *last = NULL;
		size_t lim = from < ix->len ? from : ix->len;
		while ((p = memmem(p, (size_t)(ix->norm + ix->len - p), npat, nlen)) &&
		       (size_t)(p - ix->norm) < lim) {
			last = p;
			p++;
		}
		if (!last)
			return false;
		*at = (size_t)(last - ix->norm);
		return true;
	}
}

/* Every match of PATTERN: FN(CTX, norm offset) for each; returns how many,
 * and the normalised pattern's length in *PATLEN. */
static size_t
each_match(const struct search_index *ix, const char *pattern, size_t *patlen,
           void (*fn)(void *ctx, size_t at), void *ctx)
{
	size_t nlen, n = 0;
	char *np = search_normalize(pattern, strlen(pattern), ix->kana, &nlen, NULL);
	const char *p = ix->norm, *end = ix->norm + ix->len;
	if (patlen)
		*patlen = nlen;
	if (nlen)
		while ((p = memmem(p, (size_t)(end - p), np, nlen))) {
			if (fn)
				fn(ctx, (size_t)(p - ix->norm));
			n++;
			p += nlen;
		}
	free(np);
	return n;
}

struct collect {
	size_t *at;
	size_t n, cap;
};

static void
collect(void *ctx, size_t at)
{
	struct collect *c = ctx;
	xgrow(&c->at, &c->cap, c->n + 1, sizeof *c->at);
	c->at[c->n++] = at;
}

size_t
search_all(const struct search_index *ix, const char *pattern, size_t **out, size_t *patlen)
{
	struct collect c = {NULL, 0, 0};
	size_t n = each_match(ix, pattern, patlen, collect, &c);
	*out = c.at;
	return n;
}

size_t
search_count(const struct search_index *ix, const char *pattern)
{
	return each_match(ix, pattern, NULL, NULL, NULL);
}
