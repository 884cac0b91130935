/* search_norm.c: what search compares: text normalised (NFKC, case folded,
 * katakana folded onto hiragana, spaces collapsed), with where each piece
 * came from.  The hot path keeps characters that normalise to themselves
 * (ASCII, kana, kanji) out of libunistring, so indexing a large document
 * stays linear and fast. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <uninorm.h>

#include "search.h"
#include "search_impl.h"
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

bool
search_combining(uint32_t c)
{
	/* the marks that follow a base: combining marks and the halfwidth
	 * voiced sound marks ﾞﾟ, which NFKC composes with the kana before */
	return (c >= 0x0300 && c <= 0x036F) || c == 0x3099 || c == 0x309A || c == 0xFF9E ||
	       c == 0xFF9F || (width_cp(c, 1) == 0 && c >= 0x0300 && c != 0x200B && c != 0xFEFF);
}

/* Record that norm offset NORM came from original offset ORIG, unless the
 * two still advance in step since the last anchor. */
static void
note_anchor(struct normer *nm, size_t norm, uint32_t orig)
{
	struct norm_anchor l = {0, 0};
	if (!nm->track || norm > UINT32_MAX)
		return;
	if (nm->nanchors)
		l = nm->anchors[nm->nanchors - 1];
	if (norm >= l.norm && (size_t)orig >= l.orig && norm - l.norm == (size_t)orig - l.orig)
		return;
	xgrow(&nm->anchors, &nm->anchors_cap, nm->nanchors + 1, sizeof *nm->anchors);
	nm->anchors[nm->nanchors++] = (struct norm_anchor){(uint32_t)norm, orig};
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
		if (nm->space || nm->out.len == 0)
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
		{
			/* every stable character past ASCII is one of these */
			uint32_t c = utf8_cjk3(s, n, i);
			if (!c || !stable(c))
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
		}
	}
	return i;
}

/* Fold the katakana in N bytes of stable text (ASCII and three-byte
 * characters) to hiragana, in place: a fold keeps the length. */
static void
fold_kana_bytes(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t c = utf8_cjk3(p, n, i), f;
		if (!c) {
			i++;
			continue;
		}
		if ((f = kana_fold(c)) != c)
			utf8_put(f, (char *)p + i);
		i += 3;
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

/* Normalise [S, S+N), leaving out the footnote markers among SPANS. */
void
search_norm_into(struct normer *nm, const char *text, size_t n, const struct span *spans,
                 size_t nspans)
{
	const uint8_t *s = (const uint8_t *)text;
	size_t i = 0, sp = 0;
	while (i < n) {
		uint32_t c;
		size_t len, j;
		while (sp < nspans && (spans[sp].end <= i || spans[sp].kind != SPAN_FNREF))
			sp++;
		if (sp < nspans && spans[sp].start <= i) {
			/* footnote markers are not part of the words (ruby readings
			 * are not in the text at all) */
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
			if (!search_combining(m))
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
	search_norm_into(&nm, s, n, NULL, 0);
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
