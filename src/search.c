/* search.c: the normalised search index and matching.  The index keeps
 * only where the normalised text differs from the original, and a block
 * is rebuilt into a scratch buffer when it is searched; the normalising
 * itself is search_norm.c's. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "search_impl.h"
#include "util.h"

/* ---- the index: what differs from the original ---- */

/* Patches closer than this are stored as one: a patch costs two bytes. */
#define PATCH_JOIN 3

static void
put_varint(struct buf *b, size_t v)
{
	while (v >= 0x80) {
		buf_addc(b, (char)(0x80 | (v & 0x7F)));
		v >>= 7;
	}
	buf_addc(b, (char)v);
}

static size_t
get_varint(const uint8_t **p)
{
	size_t v = 0;
	unsigned shift = 0;
	uint8_t c;
	do {
		c = *(*p)++;
		v |= (size_t)(c & 0x7F) << shift;
		shift += 7;
	} while (c & 0x80);
	return v;
}

/* One block's record in the index: a varint count of anchors, twice,
 * plus 1 if the block has readings (then a varint length of its own
 * normalised text), the anchors, the patches. */
struct rec {
	const uint8_t *anchors; /* nanchors packed struct norm_anchor */
	size_t nanchors;        /* explicit ones, after the implicit {0, 0} */
	bool readings;          /* the block's readings follow its text */
	size_t text_nlen;       /* READINGS: the length of its own text */
	const uint8_t *patch, *end;
};

static void
rec_get(const struct search_index *ix, size_t b, struct rec *r)
{
	const uint8_t *p;
	r->nanchors = 0;
	r->readings = false;
	r->anchors = r->patch = r->end = NULL;
	if (ix->blocks[b].data == ix->blocks[b + 1].data)
		return; /* nothing stored (and perhaps no data at all) */
	p = ix->data + ix->blocks[b].data;
	r->end = ix->data + ix->blocks[b + 1].data;
	r->nanchors = get_varint(&p);
	r->readings = r->nanchors & 1;
	r->nanchors >>= 1;
	if (r->readings)
		r->text_nlen = get_varint(&p);
	r->anchors = p;
	r->patch = p + r->nanchors * sizeof(struct norm_anchor);
}

/* Anchor K of a block, the implicit {0, 0} being anchor 0. */
static struct norm_anchor
rec_anchor(const struct rec *r, size_t k)
{
	struct norm_anchor a = {0, 0};
	if (k)
		memcpy(&a, r->anchors + (k - 1) * sizeof a, sizeof a);
	return a;
}

/* The length of block B's normalised text (with its readings). */
static size_t
block_nlen(const struct search_index *ix, size_t b)
{
	return ix->blocks[b + 1].start - ix->blocks[b].start - 1;
}

/* ---- ruby readings: searched too, and found on their base ---- */

/* A reading the index searches (傍記 are marks, not words). */
static bool
indexed_reading(const struct span *sp)
{
	return sp->kind == SPAN_RUBY && (sp->style & RUBY_KIND_MASK) != RUBY_BOUKI && sp->ref >= 0;
}

static bool
has_readings(const struct block *bl)
{
	for (uint32_t s = 0; s < bl->nspans; s++)
		if (indexed_reading(&bl->spans[s]))
			return true;
	return false;
}

/* BL's readings after its text in NM's output, each after a NUL (so that
 * no match spans two): the virtual text a block with readings is
 * searched as.  They keep no anchors: a match in one is found on its
 * base (reading_at). */
static void
add_readings(struct normer *nm, const struct doc *d, const struct block *bl)
{
	bool track = nm->track;
	nm->track = false;
	for (uint32_t s = 0; s < bl->nspans; s++) {
		const char *r;
		if (!indexed_reading(&bl->spans[s]))
			continue;
		r = doc_ann(d, bl->spans[s].ref);
		buf_addc(&nm->out, '\0');
		nm->space = false;
		search_norm_into(nm, r, strlen(r), NULL, 0);
	}
	nm->track = track;
}

/* The base of the reading that holds byte REL of block B's readings. */
static struct match
reading_at(const struct search_index *ix, int32_t b, size_t rel)
{
	const struct block *bl = &ix->d->blocks[b];
	struct normer nm = {0};
	struct match m = {b, 0, 0};
	nm.kana = ix->kana;
	for (uint32_t s = 0; s < bl->nspans; s++) {
		const char *r;
		if (!indexed_reading(&bl->spans[s]))
			continue;
		r = doc_ann(ix->d, bl->spans[s].ref);
		nm.out.len = 0;
		nm.space = false;
		search_norm_into(&nm, r, strlen(r), NULL, 0);
		m.start = bl->spans[s].start;
		m.end = bl->spans[s].end;
		if (rel < nm.out.len + 1)
			break;
		rel -= nm.out.len + 1;
	}
	buf_free(&nm.out);
	return m;
}

/* Rebuilt from the original, the anchors and the patches. */
const char *
search_block_text(const struct search_index *ix, size_t b, struct buf *scratch, size_t *outlen)
{
	const struct block *bl = &ix->d->blocks[b];
	size_t n = block_nlen(ix, b), at = 0, all = n;
	struct rec r;
	rec_get(ix, b, &r);
	*outlen = n;
	if (r.nanchors == 0 && r.patch == r.end && !r.readings)
		return bl->text;
	if (r.readings)
		n = r.text_nlen;
	xgrow(&scratch->p, &scratch->cap, all + 1, 1);
	for (size_t k = 0; k <= r.nanchors; k++) {
		struct norm_anchor a = rec_anchor(&r, k);
		size_t end = k < r.nanchors ? rec_anchor(&r, k + 1).norm : n;
		size_t len = end - a.norm;
		/* what lies past the original's end is patched below */
		if (a.orig >= bl->len)
			continue;
		if (len > bl->len - a.orig)
			len = bl->len - a.orig;
		memcpy(scratch->p + a.norm, bl->text + a.orig, len);
	}
	for (const uint8_t *p = r.patch; p < r.end;) {
		size_t len;
		at += get_varint(&p); /* the gap since the last patch */
		len = get_varint(&p);
		memcpy(scratch->p + at, p, len);
		p += len;
		at += len;
	}
	scratch->len = n;
	scratch->p[n] = '\0';
	if (r.readings) {
		/* the readings, normalised again: the index keeps none of them */
		struct normer nm = {0};
		nm.out = *scratch;
		nm.kana = ix->kana;
		add_readings(&nm, ix->d, bl);
		*scratch = nm.out;
		*outlen = scratch->len < all ? scratch->len : all;
	}
	return scratch->p;
}

/* Store BL's record in DATA: NM holds its normalised text and anchors. */
static void
index_block(struct buf *data, const struct block *bl, const struct normer *nm, size_t n, bool readings)
{
	const uint8_t *t = (const uint8_t *)bl->text, *o = (const uint8_t *)nm->out.p;
	size_t pend = 0, pstart = 0, last = 0;
	bool open = false;
	struct buf patches = {0};
	if (nm->nanchors == 0 && n <= bl->len && (n == 0 || memcmp(o, t, n) == 0) && !readings)
		return; /* the common case: the original, perhaps cut short */
	for (size_t k = 0; k <= nm->nanchors; k++) {
		struct norm_anchor a = k ? nm->anchors[k - 1] : (struct norm_anchor){0, 0};
		size_t end = k < nm->nanchors ? nm->anchors[k].norm : n;
		/* the part the original can supply */
		size_t same = a.orig < bl->len ? bl->len - a.orig : 0;
		same = same < end - a.norm ? a.norm + same : end;
		for (size_t x = a.norm; x < end; x++) {
			size_t from = (size_t)a.orig + (x - a.norm);
			/* most of it is equal: skip it a word at a time */
			while (x + 16 <= same && memcmp(o + x, t + from, 16) == 0) {
				x += 16;
				from += 16;
			}
			if (x == end)
				break;
			if (x < same && t[from] == o[x])
				continue;
			if (open && x - pend < PATCH_JOIN) {
				pend = x + 1;
				continue;
			}
			if (open) {
				put_varint(&patches, pstart - last);
				put_varint(&patches, pend - pstart);
				buf_add(&patches, o + pstart, pend - pstart);
				last = pend;
			}
			open = true;
			pstart = x;
			pend = x + 1;
		}
	}
	if (open) {
		put_varint(&patches, pstart - last);
		put_varint(&patches, pend - pstart);
		buf_add(&patches, o + pstart, pend - pstart);
	}
	put_varint(data, nm->nanchors << 1 | readings);
	if (readings)
		put_varint(data, n);
	buf_add(data, nm->anchors, nm->nanchors * sizeof *nm->anchors);
	buf_add(data, patches.p, patches.len);
	buf_free(&patches);
}

/* An index being built: where it got to. */
struct search_build {
	struct normer nm;
	struct buf data;
	size_t start, next; /* the virtual length so far; the next block */
};

void
search_index_begin(struct search_index *ix, const struct doc *d, bool kana)
{
	struct search_build *b = xcalloc(1, sizeof *b);
	memset(ix, 0, sizeof *ix);
	ix->d = d;
	ix->kana = kana;
	b->nm.kana = kana;
	b->nm.track = true;
	ix->blocks = xmalloc((d->nblocks + 1) * sizeof *ix->blocks);
	ix->build = b;
}

/* The index is complete: its end, and back what doubling left unused. */
static void
build_finish(struct search_index *ix)
{
	struct search_build *b = ix->build;
	ix->blocks[ix->d->nblocks] = (struct search_block){b->start, b->data.len};
	ix->len = b->start;
	ix->data_len = b->data.len;
	ix->data = b->data.len ? xrealloc(b->data.p, b->data.len) : NULL;
	if (!b->data.len)
		buf_free(&b->data);
	buf_free(&b->nm.out);
	free(b->nm.anchors);
	free(b);
	ix->build = NULL;
}

bool
search_index_step(struct search_index *ix, size_t max)
{
	struct search_build *b = ix->build;
	size_t done = 0, tn;
	bool readings;
	if (!b)
		return true;
	while (b->next < ix->d->nblocks && done < max) {
		const struct block *bl = &ix->d->blocks[b->next];
		ix->blocks[b->next] = (struct search_block){b->start, b->data.len};
		/* one block at a time: the normalised text is never whole */
		b->nm.out.len = 0;
		b->nm.nanchors = 0;
		b->nm.space = false;
		search_norm_into(&b->nm, bl->text, bl->len, bl->spans, bl->nspans);
		/* block offsets are 32-bit: a longer expansion is cut */
		if (b->nm.out.len > UINT32_MAX / 2)
			b->nm.out.len = UINT32_MAX / 2;
		tn = b->nm.out.len;
		readings = has_readings(bl);
		if (readings)
			add_readings(&b->nm, ix->d, bl);
		index_block(&b->data, bl, &b->nm, tn, readings);
		b->start += b->nm.out.len + 1; /* the separator: no match spans two blocks */
		done += bl->len + 1;
		b->next++;
	}
	if (b->next < ix->d->nblocks)
		return false;
	build_finish(ix);
	return true;
}

void
search_index_build(struct search_index *ix, const struct doc *d, bool kana)
{
	search_index_begin(ix, d, kana);
	search_index_step(ix, SIZE_MAX);
}

void
search_index_free(struct search_index *ix)
{
	if (ix->build) {
		buf_free(&ix->build->data);
		buf_free(&ix->build->nm.out);
		free(ix->build->nm.anchors);
		xfree(&ix->build);
	}
	xfree(&ix->data);
	xfree(&ix->blocks);
	ix->len = ix->data_len = 0;
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
	struct rec r;
	struct norm_anchor a;
	size_t lo = 0, hi, rel = at - ix->blocks[b].start;
	uint32_t blen = ix->d->blocks[b].len;
	uint64_t o;
	rec_get(ix, (size_t)b, &r);
	hi = r.nanchors + 1;
	while (lo + 1 < hi) {
		size_t mid = (lo + hi) / 2;
		if (rec_anchor(&r, mid).norm <= rel)
			lo = mid;
		else
			hi = mid;
	}
	a = rec_anchor(&r, lo);
	o = (uint64_t)a.orig + (rel - a.norm);
	return o > blen ? blen : (uint32_t)o;
}

size_t
search_text_end(const struct search_index *ix, int32_t b)
{
	struct rec r;
	rec_get(ix, (size_t)b, &r);
	return r.readings ? ix->blocks[b].start + r.text_nlen : ix->blocks[b + 1].start - 1;
}

struct match
search_locate(const struct search_index *ix, size_t at, size_t nlen)
{
	struct match m;
	const char *t;
	struct rec r;
	m.block = block_of(ix, at);
	rec_get(ix, (size_t)m.block, &r);
	if (r.readings && at - ix->blocks[m.block].start >= r.text_nlen)
		return reading_at(ix, m.block, at - ix->blocks[m.block].start - r.text_nlen);
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
			if (!search_combining(c))
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
	struct rec r;
	size_t start = ix->blocks[b].start, end = ix->blocks[b + 1].start, lo = 0, hi;
	rec_get(ix, (size_t)b, &r);
	/* K, the first anchor at or after OFF (anchors rise in both offsets;
	 * NANCHORS + 1 if none): OFF is in the segment before it, or else
	 * in text the normalisation dropped, which maps to anchor K */
	hi = r.nanchors + 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rec_anchor(&r, mid).orig < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0) {
		struct norm_anchor a = rec_anchor(&r, lo - 1);
		size_t seg_end = lo <= r.nanchors ? start + rec_anchor(&r, lo).norm : end;
		if ((size_t)a.orig + (seg_end - start - a.norm) > off)
			return start + a.norm + (off - a.orig);
	}
	return lo <= r.nanchors ? start + rec_anchor(&r, lo).norm : end;
}

bool
search_pick(const size_t *m, size_t n, size_t from, bool backward, size_t *i)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m[mid] < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (backward) {
		*i = lo ? lo - 1 : 0;
		return lo > 0;
	}
	*i = lo;
	return lo < n;
}

/* Every match of PATTERN: FN(CTX, norm offset) for each; returns how many,
 * and the normalised pattern's length in *PATLEN. */
static size_t
each_match(const struct search_index *ix, const char *pattern, size_t *patlen,
           void (*fn)(void *ctx, size_t at), void *ctx)
{
	size_t nlen, count = 0;
	char *np = search_normalize(pattern, strlen(pattern), ix->kana, &nlen, NULL);
	struct buf scratch = {0};
	if (patlen)
		*patlen = nlen;
	for (size_t b = 0; nlen && b < ix->d->nblocks; b++) {
		size_t n = block_nlen(ix, b);
		const char *t, *p, *end;
		if (n < nlen)
			continue;
#ifdef __GNUC__
		/* ask for a block's text two blocks ahead: the blocks lie apart
		 * in memory, and rebuilding one would wait for it (a quarter of
		 * the time of a count on a large document).  Written here, not
		 * in a function: GCC takes a function of prefetches alone for
		 * one without effect and drops its calls. */
		if (b + 2 < ix->d->nblocks) {
			const struct block *ahead = &ix->d->blocks[b + 2];
			for (size_t k = 0; k < ahead->len && k < 1024; k += 64)
				__builtin_prefetch(ahead->text + k);
		}
#endif
		t = search_block_text(ix, b, &scratch, &n);
		end = t + n;
		for (p = t; (p = memmem(p, (size_t)(end - p), np, nlen)); p += nlen) {
			if (fn)
				fn(ctx, ix->blocks[b].start + (size_t)(p - t));
			count++;
		}
	}
	buf_free(&scratch);
	free(np);
	return count;
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
