/* search_test.c: the normaliser and its position map: full-width and
 * half-width forms, case, composed half-width kana, compatibility
 * characters, kana folding, line breaks, footnote markers and ruby. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "parse.h"
#include "search.h"
#include "tap.h"
#include "text.h"
#include "util.h"

extern const unsigned char yomu_chapter[];
extern const size_t yomu_chapter_len;

static void
norm(const char *in, bool kana, const char *want, const char *name)
{
	size_t n;
	char *got = search_normalize(in, strlen(in), kana, &n, NULL);
	tap_str(got, want, name);
	free(got);
}

static void
load(struct doc *d, const char *s)
{
	size_t len;
	char *t = text_decode((const uint8_t *)s, strlen(s), &len, NULL);
	doc_init(d);
	parse_document(t, len, d);
	free(t);
}

/* The original text a single match of PATTERN covers in D. */
static char *
matched(const char *docsrc, const char *pattern, bool kana, size_t *count)
{
	struct doc d;
	struct search_index ix;
	size_t *m, nlen;
	char *res = NULL;
	load(&d, docsrc);
	search_index_build(&ix, &d, kana);
	*count = search_all(&ix, pattern, &m, &nlen);
	if (*count) {
		struct match mt = search_locate(&ix, m[0], nlen);
		res = xstrndup(d.blocks[mt.block].text + mt.start, mt.end - mt.start);
	}
	free(m);
	search_index_free(&ix);
	doc_free(&d);
	return res;
}

static void
find(const char *docsrc, const char *pattern, bool kana, const char *want, const char *name)
{
	size_t n;
	char *got = matched(docsrc, pattern, kana, &n);
	tap_ok(n == 1 && got && strcmp(got, want) == 0, "%s", name);
	if (!(n == 1 && got && strcmp(got, want) == 0))
		tap_diag("count %zu, matched [%s], want [%s]", n, got ? got : "(none)", want);
	free(got);
}

int
main(void)
{
	norm("ＩＣＡＯ", false, "icao", "ＩＣＡＯ normalises to icao");
	norm("ICAO", false, "icao", "Latin case is folded");
	norm("ｶﾀｶﾅ", false, "カタカナ", "half-width katakana become full-width");
	norm("ｶﾞ", false, "ガ", "ｶﾞ composes to ガ");
	norm("㍻", false, "平成", "㍻ expands to 平成");
	norm("１２３", false, "123", "full-width digits");
	norm("カタカナ", true, "かたかな", "katakana fold to hiragana as an option");
	norm("カタカナ", false, "カタカナ", "and not without it");
	norm("a  b\n c", false, "a b c", "white space and line breaks collapse");

	find("国際民間航空機関（ＩＣＡＯ）は、\n", "icao", false, "ＩＣＡＯ", "a match maps back to ＩＣＡＯ");
	find("これはｶﾞｲﾄﾞです。\n", "ガイド", false, "ｶﾞｲﾄﾞ", "a match maps back to half-width kana");
	find("年号は㍻です。\n", "平成", false, "㍻", "a match maps back to ㍻");
	find("国際民間航空\n\n機関（ICAO）では、\n", "航空機関", false, "航空機関",
	     "a match across a line (and page) break");
	find("万国郵便連合（UPU）⁽¹⁾では\n\n(1) UPU : Universal Postal Union\n", "UPU）では", false,
	     "UPU）⁽¹⁾では", "a match across a footnote marker");
	find("在中國日本国大使館^{ウェイボー}の微博（中国SNS）\n", "の微博（", false, "の微博《ウェイボー》（",
	     "a match across a ruby reading");
	find("ジャパン・プラットフォーム\n", "じゃぱん", true, "ジャパン", "kana-insensitive match");
	find("Ｍｏｖｅ！と言った。\n", "move!", false, "Ｍｏｖｅ！", "full-width Latin and punctuation");

	{
		/* the whole chapter: counts and positions are consistent */
		struct doc d;
		struct search_index ix;
		size_t *m, nlen, n, bad = 0;
		char *t;
		size_t len;
		t = text_decode(yomu_chapter, yomu_chapter_len, &len, NULL);
		doc_init(&d);
		parse_document(t, len, &d);
		free(t);
		search_index_build(&ix, &d, false);
		n = search_all(&ix, "ICAO", &m, &nlen);
		for (size_t i = 0; i < n; i++) {
			struct match mt = search_locate(&ix, m[i], nlen);
			if (mt.end - mt.start != 4 || strncmp(d.blocks[mt.block].text + mt.start, "ICAO", 4))
				bad++;
		}
		tap_ok(n > 20 && bad == 0, "every ICAO in the chapter maps back exactly (%zu matches)", n);
		tap_ok(search_count(&ix, "icao") == n, "search_count agrees with search_all");
		free(m);
		{
			size_t at;
			int32_t b = -1;
			for (size_t i = 0; i < d.nblocks && b < 0; i++)
				if (strstr(d.blocks[i].text, "ICAO法律局"))
					b = (int32_t)i;
			tap_ok(b >= 0 && search_find(&ix, "icao法律局", strlen("icao法律局"),
			                             search_norm_offset(&ix, 0, 0), false, &at) &&
			           search_locate(&ix, at, strlen("icao法律局")).block == b,
			       "a match inside a column is found in its block");
		}
		search_index_free(&ix);
		doc_free(&d);
	}
	return tap_done();
}
