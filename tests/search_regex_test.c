/* search_regex_test.c: regular expressions over the normalised index:
 * the pattern normalised where it is text and left alone where it is
 * syntax, matches mapped back to the original, lengths per match, no
 * empty and no overlapping matches, errors with their position, and the
 * whole chapter against the literal search. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "bluebook.h"
#include "doc.h"
#include "format.h"
#include "search.h"
#include "search_regex.h"
#include "tap.h"
#include "text.h"
#include "util.h"

extern const unsigned char yomu_chapter[];
extern const size_t yomu_chapter_len;

static void
load(struct doc *d, const char *s, size_t n)
{
	size_t len;
	char *t = text_decode((const uint8_t *)s, n, &len, NULL);
	format_parse(&format_bluebook, t, len, d);
	free(t);
}

/* PATTERN as it is compiled. */
static void
source(const char *pattern, bool kana, const char *want, const char *name)
{
	char *err = NULL;
	struct search_re *re = search_re_compile(pattern, kana, &err);
	tap_str(re ? search_re_source(re) : err, want, name);
	search_re_free(&re);
	free(err);
}

/* The error compiling PATTERN. */
static void
error(const char *pattern, const char *want, const char *name)
{
	char *err = NULL;
	struct search_re *re = search_re_compile(pattern, false, &err);
	tap_str(re ? "(compiled)" : err, want, name);
	search_re_free(&re);
	free(err);
}

/* The original texts the matches of PATTERN cover in DOCSRC, joined by
 * "|". */
static char *
found(const char *docsrc, const char *pattern, bool kana)
{
	struct doc d;
	struct search_index ix;
	struct search_re *re;
	struct buf out = {0};
	char *err = NULL;
	size_t *at = NULL, n;
	uint32_t *lens = NULL;
	load(&d, docsrc, strlen(docsrc));
	search_index_build(&ix, &d, kana);
	re = search_re_compile(pattern, kana, &err);
	n = re ? search_re_all(&ix, re, &at, &lens, &err) : 0;
	for (size_t i = 0; i < n; i++) {
		struct match m = search_locate(&ix, at[i], lens[i]);
		if (i)
			buf_addc(&out, '|');
		buf_add(&out, d.blocks[m.block].text + m.start, m.end - m.start);
	}
	if (err)
		buf_adds(&out, err);
	buf_add(&out, "", 0);
	free(at);
	free(lens);
	free(err);
	search_re_free(&re);
	search_index_free(&ix);
	doc_free(&d);
	return buf_steal(&out);
}

static void
find(const char *docsrc, const char *pattern, bool kana, const char *want, const char *name)
{
	char *got = found(docsrc, pattern, kana);
	tap_str(got, want, name);
	free(got);
}

/* The whole chapter: a regex of literal words counts what the literal
 * search counts, alternatives add up, and the matches never overlap. */
static void
test_chapter(void)
{
	struct doc d;
	struct search_index ix;
	char *err = NULL;
	size_t *at, n, bad = 0;
	uint32_t *lens;
	struct search_re *re;
	load(&d, (const char *)yomu_chapter, yomu_chapter_len);
	search_index_build(&ix, &d, false);
	re = search_re_compile("ICAO|ITLOS", false, &err);
	n = re ? search_re_all(&ix, re, &at, &lens, &err) : 0;
	tap_ok(n == search_count(&ix, "ICAO") + search_count(&ix, "ITLOS") && n > 20 && !err,
	       "ICAO|ITLOS counts ICAO and ITLOS (%zu)", n);
	for (size_t i = 0; i < n; i++) {
		struct match m = search_locate(&ix, at[i], lens[i]);
		const char *t = d.blocks[m.block].text + m.start;
		if (!((m.end - m.start == 4 && strncmp(t, "ICAO", 4) == 0) ||
		      (m.end - m.start == 5 && strncmp(t, "ITLOS", 5) == 0)) ||
		    (i && at[i] < at[i - 1] + lens[i - 1]))
			bad++;
	}
	tap_ok(n && bad == 0, "each maps back to ICAO or ITLOS, in order, none overlapping");
	tap_ok(search_re_count(&ix, re, &err) == n && !err, "search_re_count agrees with search_re_all");
	free(at);
	free(lens);
	search_re_free(&re);
	re = search_re_compile("国際機関", false, &err);
	tap_ok(re && search_re_count(&ix, re, &err) == search_count(&ix, "国際機関"),
	       "a literal word counts as the literal search does");
	search_re_free(&re);
	re = search_re_compile("\\p{Han}+", false, &err);
	n = re ? search_re_all(&ix, re, &at, &lens, &err) : 0;
	for (size_t i = 1; i < n; i++)
		if (at[i] < at[i - 1] + lens[i - 1])
			bad++;
	tap_ok(n > 1000 && bad == 0, "\\p{Han}+: %zu runs of kanji, none overlapping", n);
	free(at);
	free(lens);
	search_re_free(&re);
	search_index_free(&ix);
	doc_free(&d);
}

/* A block that is not UTF-8 (no format makes one; the model does not
 * forbid it): no crash; the index holds U+FFFD for its bytes, as the
 * screen shows them, and the rest is found. */
static void
test_invalid_utf8(void)
{
	struct doc d;
	struct search_index ix;
	struct search_re *re;
	char *err = NULL;
	size_t *at = NULL, n;
	uint32_t *lens = NULL;
	doc_init(&d);
	{
		static const char bad[] = "ab\xff\xfe\xc3" "cd ICAO \xe3\x81";
		doc_add_block(&d, BLK_PARA, xstrdup(bad), strlen(bad));
	}
	d.nfinal = d.nblocks;
	d.complete = true;
	search_index_build(&ix, &d, false);
	re = search_re_compile("b.*d|icao", false, &err);
	n = re ? search_re_all(&ix, re, &at, &lens, &err) : 0;
	tap_ok(n == 2 && lens[0] == 12 && lens[1] == 4 && !err,
	       "bytes that are not UTF-8 match as U+FFFD; the rest is found (%zu)", n);
	free(at);
	free(lens);
	free(err);
	search_re_free(&re);
	search_index_free(&ix);
	doc_free(&d);
}

int
main(void)
{
	/* what is text is normalised, what is syntax is kept */
	source("ＩＣＡＯ", false, "icao", "ＩＣＡＯ in a pattern is the text's icao");
	source("ICAO|ITLOS", false, "icao|itlos", "ASCII capitals fold");
	source("（UPU）", false, "\\(upu\\)", "full-width brackets are literals, escaped");
	source("[A-Z]+", false, "[a-z]+", "a range of capitals folds");
	source("\\D\\W\\S\\B\\p{Lu}\\x{4E00}\\N{U+3042}", false, "\\D\\W\\S\\B\\p{Lu}\\x{4E00}\\N{U+3042}",
	       "escapes keep their capitals");
	source("(?<Name>A)\\k<Name>", false, "(?<Name>a)\\k<Name>", "group names keep theirs");
	source("\\QA.B\\E.", false, "a\\.b.", "\\Q...\\E is literal throughout");
	source("ｶﾞ+", false, "ガ+", "ｶﾞ is one character: the quantifier applies to ガ");
	source("カタカナ", true, "かたかな", "katakana fold to hiragana when the index folds them");
	source("[ァ-ン]", true, "[ぁ-ん]", "so do the ends of a range");
	source("a\u3000b", false, "a b", "a full-width space is the text's space");
	source("(?i)A", false, "(?i)a", "flags are kept");
	source("\\あ", false, "あ", "an escaped character is itself");

	/* errors name the character where the expression went wrong */
	error("(ab", "bad regular expression at character 3: missing closing parenthesis",
	      "a missing ) is told at the end");
	error("ab)", "bad regular expression at character 3: unmatched closing parenthesis",
	      "an unmatched ) where it is");
	error("国際[機関", "bad regular expression at character 5: missing terminating ] for character class",
	      "positions count characters, not bytes");
	error("a{2,1}", "bad regular expression at character 6: numbers out of order in {} quantifier",
	      "a quantifier out of order");

	/* matches in the text, mapped back to it */
	find("国際民間航空機関（ＩＣＡＯ）と国際海洋法裁判所（ITLOS）。\n", "ICAO|ITLOS", false, "ＩＣＡＯ|ITLOS",
	     "ICAO|ITLOS finds ＩＣＡＯ in the text");
	find("国際民間航空機関（ＩＣＡＯ）と国際海洋法裁判所（ITLOS）。\n", "ＩＣＡＯ|ｉｔｌｏｓ", false, "ＩＣＡＯ|ITLOS",
	     "and so does ＩＣＡＯ|ｉｔｌｏｓ");
	find("これはｶﾞｲﾄﾞです。\n", "ガ.ド", false, "ｶﾞｲﾄﾞ", "a match maps back to half-width kana");
	find("万国郵便連合（UPU）⁽¹⁾では\n\n(1) UPU : Universal Postal Union\n", "（UPU）で", false,
	     "（UPU）⁽¹⁾で", "across a footnote marker, its brackets literal");
	find("aaa bab\n", "a*", false, "aaa|a", "empty matches are not matches");
	find("一二三。\n\n四五。\n", "^\\p{Han}+。$", false, "一二三。|四五。", "^ and $ are a block's start and end");
	find("一二。\n\n三四。\n", "二。.?三", false, "", "no match spans two blocks");
	find("一二。\n\n三四。\n", "二。", false, "二。", "(the first half of that is there)");
	find("ジャパン・プラットフォーム\n", "じゃ.ん", true, "ジャパン", "kana-insensitive, as the index");
	find("abcabc\n", "(?<=a)bc", false, "bc|bc", "lookbehind works from where the last match ended");
	test_chapter();
	test_invalid_utf8();
	return tap_done();
}
