/* bluebook_inline.c: the Bluebook's inline markup, once a block's text is
 * complete: ruby readings, footnote references, URLs and cross-references
 * as spans.  One pass, linear in the block's text. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "bluebook_impl.h"
#include "scan.h"
#include "util.h"

/* Ruby: "^{R}" is the reading of the kanji run that follows it within two
 * characters (the extraction puts a reading wider than its base where it
 * starts, before the base), else of the kanji run just before it. */
bool
bluebook_has_ruby(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	while ((p = memchr(p, '^', (size_t)(end - p))) != NULL) {
		if (p + 1 < end && p[1] == '{')
			return true;
		p++;
	}
	return false;
}

/* The kanji run starting within two characters after AFTER: its start in
 * *BASE, its end returned; 0 if none. */
static size_t
base_after(const char *s, size_t n, size_t after, size_t *base)
{
	size_t j = after, skipped = 0, len;
	while (j < n && skipped <= 2) {
		uint32_t c = scan_cp_at(s, n, j, &len);
		if (scan_is_han(c)) {
			*base = j;
			while (j < n && scan_is_han(scan_cp_at(s, n, j, &len)))
				j += len;
			return j;
		}
		if (c == '\n' || c == 0x3002)
			return 0;
		j += len;
		skipped++;
	}
	return 0;
}

/* The start of the kanji run that ends OUT. */
static size_t
base_before(const struct buf *out)
{
	size_t i = out->len, st;
	while (i > 0 && scan_is_han(scan_last_cp(out->p, i, &st)))
		i = st;
	return i;
}

void
bluebook_rewrite_ruby(const char *s, size_t n, struct buf *out, struct bluebook_ruby **ruby,
                      size_t *nruby)
{
	size_t i = 0, cap = 0;
	*nruby = 0;
	while (i < n) {
		const char *open = s + i, *close;
		size_t ropen, rclose, after, base = 0, base_end, bstart;
		/* "^{" is rare: look for its first byte with memchr */
		while ((open = memchr(open, '^', n - (size_t)(open - s))) != NULL &&
		       ((size_t)(open - s) + 1 >= n || open[1] != '{'))
			open++;
		if (!open || !(close = memchr(open, '}', n - (size_t)(open - s)))) {
			buf_add(out, s + i, n - i);
			break;
		}
		ropen = (size_t)(open - s);
		rclose = (size_t)(close - s);
		after = rclose + 1;
		buf_add(out, s + i, ropen - i);
		base_end = base_after(s, n, after, &base);
		if (base_end) {
			/* what stands between the reading and its base comes first */
			buf_add(out, s + after, base - after);
			bstart = out->len;
			buf_add(out, s + base, base_end - base);
			i = base_end;
		} else {
			bstart = base_before(out);
			i = after;
		}
		xgrow(ruby, &cap, *nruby + 1, sizeof **ruby);
		(*ruby)[(*nruby)++] = (struct bluebook_ruby){bstart, out->len, ropen + 2, rclose - ropen - 2};
	}
	if (!out->p)
		buf_add(out, "", 0);
}

/* Where in (S, N), from I on, a 、 is followed by another "Nページ", or N. */
static size_t
next_separator(const char *s, size_t n, size_t i)
{
	const char *c;
	while ((c = scan_find(s + i, n - i, "、")) != NULL) {
		size_t k = (size_t)(c - s) + 3;
		if (scan_number(s, n, &k) >= 0 && scan_has_prefix(s + k, n - k, "ページ"))
			return (size_t)(c - s);
		i = (size_t)(c - s) + 3;
	}
	return n;
}

/* "314ページ … 参照" from a number at I (J: after the number): the end
 * of the cross-reference, or 0.  "353ページ「…」、352ページ 資料編参照"
 * is two references, the first ending before the 、.  The next 参照,
 * closing parentheses and such 、 are looked for once and kept in NEXT,
 * so that a paragraph of many "Nページ" stays linear. */
static size_t
xref_end(const char *s, size_t n, size_t j, size_t next[4])
{
	static const char *const word[3] = {"参照", "）", ")"};
	size_t stop;
	if (!scan_has_prefix(s + j, n - j, "ページ"))
		return 0;
	for (int k = 0; k < 3; k++)
		if (next[k] < j) {
			const char *p = scan_find(s + j, n - j, word[k]);
			next[k] = p ? (size_t)(p - s) : n;
		}
	if (next[3] < j)
		next[3] = next_separator(s, n, j);
	stop = next[1] < next[2] ? next[1] : next[2];
	if (next[0] >= n || next[0] >= stop)
		return 0;
	return next[3] < next[0] ? next[3] : next[0] + strlen(word[0]);
}

void
bluebook_mark_spans(struct doc *d, int32_t bi, const struct bluebook_ruby *ruby, size_t nruby,
                    const char *raw, const int32_t *refs, size_t nrefs)
{
	struct block *b = &d->blocks[bi];
	size_t ri = 0, next[4] = {0, 0, 0, 0};
	const char *s = b->text;
	size_t n = b->len, cap = 0, i = b->body, len;
	bool any = false;

	if (b->body)
		block_add_span(b, &cap, 0, b->body, SPAN_LABEL, 0, -1);
	for (size_t k = 0; k < nruby; k++)
		block_add_span(b, &cap, (uint32_t)ruby[k].start, (uint32_t)ruby[k].end, SPAN_RUBY, 0,
		               doc_add_ann(d, raw + ruby[k].reading, ruby[k].reading_len));
	while (i < n) {
		uint32_t c;
		uint8_t lead = (uint8_t)s[i];
		size_t j;
		int v;
		/* kana and kanji (lead bytes E3-E9) start no markup: skip them
		 * without decoding; the markup starts with ASCII, ⁽ and the
		 * superscripts (C2, E2) or full-width digits (EF) */
		if (lead >= 0xE3 && lead <= 0xE9 && i + 3 <= n) {
			i += 3;
			continue;
		}
		if (lead < 0x80 && lead != 'h' && !(lead >= '0' && lead <= '9')) {
			i++;
			continue;
		}
		c = scan_cp_at(s, n, i, &len);
		if (c == 0x207D || (b->column >= 0 && scan_superscript_digit(c) >= 0)) {
			v = scan_fnref(s, n, i, b->column >= 0, &j);
			if (v >= 0) {
				/* the footnote the reference was given while assembling */
				block_add_span(b, &cap, (uint32_t)i, (uint32_t)j, SPAN_FNREF, 0,
				               b->kind == BLK_FOOTNOTE ? -1
				               : ri < nrefs            ? refs[ri++]
				                                       : doc_find_note(d, b->column, v));
				any = true;
			}
			i = j;
			continue;
		}
		if (c == 'h' && (j = scan_url(s, n, i)) > i) {
			block_add_span(b, &cap, (uint32_t)i, (uint32_t)j, SPAN_URL, 0, -1);
			any = true;
			i = j;
			continue;
		}
		if (scan_digit(c) >= 0 && (i == b->body || scan_digit(scan_last_cp(s, i, NULL)) < 0)) {
			size_t e;
			j = i;
			scan_number(s, n, &j);
			if ((e = xref_end(s, n, j, next)) > 0) {
				block_add_span(b, &cap, (uint32_t)i, (uint32_t)e, SPAN_XREF, 0, -1);
				any = true;
				i = e;
				continue;
			}
			i = j;
			continue;
		}
		i += len;
	}
	/* the readings' spans and the others are each in text order */
	if (any && nruby)
		block_sort_spans(b);
}
