/* parse_inline.c: inline markup, once a block's text is complete: ruby
 * readings, footnote references, URLs and cross-references as spans. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "parse_impl.h"
#include "util.h"

static void
add_span(struct block *b, size_t *cap, size_t start, size_t end, int kind, int32_t ref)
{
	xgrow(&b->spans, cap, b->nspans + 1, sizeof *b->spans);
	b->spans[b->nspans++] = (struct span){(uint32_t)start, (uint32_t)end, (uint8_t)kind, ref};
}

/* Ruby: "^{R}" is the reading of the kanji run that follows it within two
 * characters (the extraction puts a reading wider than its base where it
 * starts, before the base), else of the kanji run just before it.  The
 * reading is shown as 《R》 after its base. */
bool
parse_has_ruby(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	while ((p = memchr(p, '^', (size_t)(end - p))) != NULL) {
		if (p + 1 < end && p[1] == '{')
			return true;
		p++;
	}
	return false;
}

void
parse_rewrite_ruby(const char *s, size_t n, struct buf *out, size_t **ruby, size_t *nruby)
{
	size_t i = 0, cap = 0;
	*nruby = 0;
	while (i < n) {
		const char *open = s + i;
		/* "^{" is rare: look for its first byte with memchr */
		while ((open = memchr(open, '^', n - (size_t)(open - s))) != NULL &&
		       ((size_t)(open - s) + 1 >= n || open[1] != '{'))
			open++;
		const char *close;
		size_t ropen, rclose, after, base_end, len;
		if (!open || !(close = memchr(open, '}', n - (size_t)(open - s)))) {
			buf_add(out, s + i, n - i);
			break;
		}
		ropen = (size_t)(open - s);
		rclose = (size_t)(close - s);
		after = rclose + 1;
		/* look for a kanji run starting within two characters after */
		{
			size_t j = after, skipped = 0;
			base_end = 0;
			while (j < n && skipped <= 2) {
				uint32_t c = cp_at(s, n, j, &len);
				if (parse_is_han(c)) {
					while (j < n && parse_is_han(cp_at(s, n, j, &len)))
						j += len;
					base_end = j;
					break;
				}
				if (c == '\n' || c == 0x3002)
					break;
				j += len;
				skipped++;
			}
		}
		if (base_end) {
			buf_add(out, s + i, ropen - i);
			buf_add(out, s + after, base_end - after);
			i = base_end;
		} else {
			buf_add(out, s + i, ropen - i);
			i = after;
		}
		xgrow(ruby, &cap, *nruby + 2, sizeof **ruby);
		(*ruby)[(*nruby)++] = out->len;
		buf_adds(out, "《");
		buf_add(out, s + ropen + 2, rclose - ropen - 2);
		buf_adds(out, "》");
		(*ruby)[(*nruby)++] = out->len;
	}
	if (!out->p)
		buf_add(out, "", 0);
}

static bool
in_ruby(const size_t *ruby, size_t nruby, size_t pos)
{
	for (size_t k = 0; k + 1 < nruby; k += 2)
		if (pos >= ruby[k] && pos < ruby[k + 1])
			return true;
	return false;
}

static bool
url_char(uint32_t c)
{
	return c > 0x20 && c < 0x7F && c != '<' && c != '>' && c != '"' && c != '`';
}

void
parse_mark_spans(struct doc *d, int32_t bi, const size_t *ruby, size_t nruby, const int32_t *refs,
           size_t nrefs)
{
	struct block *b = &d->blocks[bi];
	size_t ri = 0;
	const char *s = b->text;
	size_t n = b->len, cap = 0, i = b->body, len;

	if (b->body)
		add_span(b, &cap, 0, b->body, SPAN_LABEL, -1);
	for (size_t k = 0; k + 1 < nruby; k += 2)
		add_span(b, &cap, ruby[k], ruby[k + 1], SPAN_RUBY, -1);
	while (i < n) {
		uint32_t c;
		uint8_t lead = (uint8_t)s[i];
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
		c = cp_at(s, n, i, &len);
		if (in_ruby(ruby, nruby, i)) {
			i += len;
			continue;
		}
		if (c == 0x207D || (b->column >= 0 && parse_superscript_digit(c) >= 0)) {
			size_t j = c == 0x207D ? i + len : i;
			int v = 0, digits = 0, dv;
			while ((dv = parse_superscript_digit(cp_at(s, n, j, &len))) >= 0 && digits < 6) {
				v = v * 10 + dv;
				digits++;
				j += len;
			}
			if (digits && (c != 0x207D || cp_at(s, n, j, &len) == 0x207E)) {
				if (c == 0x207D)
					j += len;
				/* the footnote the reference was given while assembling */
				add_span(b, &cap, i, j, SPAN_FNREF,
				         b->kind == BLK_FOOTNOTE ? -1
				         : ri < nrefs            ? refs[ri++]
				                                 : doc_find_note(d, b->column, v));
				i = j;
				continue;
			}
			i = j > i ? j : i + 1;
			continue;
		}
		if ((c == 'h' && (has_prefix(s + i, n - i, "http://") ||
		                  has_prefix(s + i, n - i, "https://")))) {
			size_t j = i;
			while (j < n && url_char((unsigned char)s[j]))
				j++;
			/* a closing parenthesis or full stop after a URL is prose */
			while (j > i && strchr(".,)", s[j - 1]))
				j--;
			add_span(b, &cap, i, j, SPAN_URL, -1);
			i = j;
			continue;
		}
		if (digit_value(c) >= 0 && (i == b->body || digit_value(last_cp(s, i, NULL)) < 0)) {
			/* "314ページ … 参照" */
			size_t j = i;
			read_number(s, n, &j);
			if (has_prefix(s + j, n - j, "ページ")) {
				const char *ref = find_str(s + j, n - j, "参照");
				const char *stop = find_str(s + j, n - j, "）");
				const char *stop2 = find_str(s + j, n - j, ")");
				if (stop2 && (!stop || stop2 < stop))
					stop = stop2;
				if (ref && (!stop || ref < stop)) {
					size_t e = (size_t)(ref - s) + strlen("参照");
					add_span(b, &cap, i, e, SPAN_XREF, -1);
					i = e;
					continue;
				}
			}
			i = j;
			continue;
		}
		i += len;
	}
	/* keep spans in text order */
	for (size_t a = 1; a < b->nspans; a++) {
		struct span t = b->spans[a];
		size_t k = a;
		while (k > 0 && b->spans[k - 1].start > t.start) {
			b->spans[k] = b->spans[k - 1];
			k--;
		}
		b->spans[k] = t;
	}
}

