/* search_test.c: the normaliser and its position map: full-width and
 * half-width forms, case, composed half-width kana, compatibility
 * characters, kana folding, line breaks, footnote markers and ruby. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "aozora.h"
#include "doc.h"
#include "bluebook.h"
#include "format.h"
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
	format_parse(&format_bluebook, t, len, d);
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

/* Block B's normalised text as the index holds it (a copy). */
static char *
block_norm(const struct search_index *ix, size_t b, bool *in_place)
{
	struct buf sc = {0};
	size_t n;
	const char *t = search_block_text(ix, b, &sc, &n);
	char *res = xstrndup(t, n);
	*in_place = t == ix->d->blocks[b].text;
	buf_free(&sc);
	return res;
}

/* Every match of PATTERN in D as "block:start-end" of the original text. */
static char *
places(const char *docsrc, const char *pattern, bool kana)
{
	struct doc d;
	struct search_index ix;
	size_t *m, nlen, n;
	struct buf out = {0};
	load(&d, docsrc);
	search_index_build(&ix, &d, kana);
	n = search_all(&ix, pattern, &m, &nlen);
	buf_add(&out, "", 0);
	for (size_t i = 0; i < n; i++) {
		struct match mt = search_locate(&ix, m[i], nlen);
		buf_printf(&out, "%s%d:%u-%u", i ? " " : "", (int)mt.block, (unsigned)mt.start,
		           (unsigned)mt.end);
	}
	free(m);
	search_index_free(&ix);
	doc_free(&d);
	return buf_steal(&out);
}

/* A one-block document, its index and its block's normalised text. */
struct fixture {
	struct doc d;
	struct search_index ix;
	char *t;
	bool in_place;
};

static void
fx_open(struct fixture *f, const char *src, bool kana)
{
	load(&f->d, src);
	search_index_build(&f->ix, &f->d, kana);
	f->t = block_norm(&f->ix, 0, &f->in_place);
}

static void
fx_close(struct fixture *f)
{
	free(f->t);
	search_index_free(&f->ix);
	doc_free(&f->d);
}

/* Blocks stored in place and blocks rebuilt from their differences. */
static void
test_representation(void)
{
	struct fixture f;

	fx_open(&f, "国際機関の活動について。\n", false);
	tap_ok(f.ix.data_len == 0 && f.in_place && strcmp(f.t, "国際機関の活動について。") == 0,
	       "text that normalises to itself is searched in place, nothing stored");
	tap_ok(search_count(&f.ix, "活動") == 1, "and is found there");
	fx_close(&f);

	fx_open(&f,
	        "国際民間航空機関（ＩＣＡＯ）と国際機関の関係は、ICAO法律局が扱う。日本は、"
	        "国際社会の平和と繁栄のために様々な取組を進めている。\n",
	        false);
	tap_ok(!f.in_place && f.ix.data_len > 0 && f.ix.data_len < f.d.blocks[0].len / 2,
	       "a block with edits keeps only them (%zu bytes of %u)", f.ix.data_len,
	       f.d.blocks[0].len);
	tap_str(f.t, "国際民間航空機関(icao)と国際機関の関係は、icao法律局が扱う。日本は、国際社会の平和と"
	             "繁栄のために様々な取組を進めている。",
	        "and is rebuilt from them");
	tap_ok(search_count(&f.ix, "ICAO") == 2, "both forms are found");
	fx_close(&f);

	fx_open(&f, "万国郵便連合（UPU）⁽¹⁾では\n\n(1) UPU : Universal Postal Union\n", false);
	tap_str(f.t, "万国郵便連合(upu)では", "a footnote marker is left out of the rebuilt text");
	fx_close(&f);

	fx_open(&f, "在中國日本国大使館^{ウェイボー}の微博\n", false);
	tap_str(f.t, "在中國日本国大使館の微博", "so is a ruby reading");
	fx_close(&f);

	fx_open(&f, "国際機関である。⁽¹⁾\n\n(1) 注である。\n", false);
	tap_ok(f.in_place && strcmp(f.t, "国際機関である。") == 0,
	       "a trailing footnote marker: the original, cut short, in place");
	fx_close(&f);

	/* katakana folding makes a block differ that is otherwise kept as is */
	fx_open(&f, "ジャパン・プラットフォームとじゃぱん\n", false);
	tap_ok(f.in_place && search_count(&f.ix, "じゃぱん") == 1,
	       "without kana folding: in place, one match");
	fx_close(&f);
	fx_open(&f, "ジャパン・プラットフォームとじゃぱん\n", true);
	tap_ok(!f.in_place, "with kana folding the block is rebuilt");
	tap_str(f.t, "じゃぱん・ぷらっとふぉーむとじゃぱん", "with its katakana folded");
	tap_ok(search_count(&f.ix, "ジャパン") == 2, "and both spellings match");
	fx_close(&f);
}

/* Matches at the edges of blocks, and never across two. */
static void
test_edges(void)
{
	char *p;
	/* in place: the blocks are their own normalised text */
	/* paragraphs end with a full stop (else a page break cut them) */
	const char *inplace = "国際機関で始まる。\n\n終わりは国際機関。\n\nそして国際。\n\n機関。\n";
	const char *rebuilt = "ＩＣＡＯで始まる。\n\n終わりはＩＣＡＯ。\n\nそしてＩＣ。\n\nＡＯ。\n";
	p = places(inplace, "国際機関", false);
	tap_str(p, "0:0-12 1:12-24", "matches at the start of a block and before its full stop");
	free(p);
	p = places(inplace, "機関。", false);
	tap_str(p, "1:18-27 3:0-9", "a match that ends a block, in place");
	free(p);
	p = places(inplace, "国際。機関", false);
	tap_str(p, "", "no match across two blocks, in place");
	free(p);
	p = places(rebuilt, "icao", false);
	tap_str(p, "0:0-12 1:12-24", "the same in rebuilt blocks");
	free(p);
	p = places(rebuilt, "ａｏ。", false);
	tap_str(p, "1:18-27 3:0-9", "a match that ends a rebuilt block");
	free(p);
	p = places(rebuilt, "ic。ao", false);
	tap_str(p, "", "no match across two rebuilt blocks");
	free(p);
	/* a block in place between rebuilt ones */
	p = places("ＩＣＡＯ.\n\nicao.\n\nＩＣＡＯ.\n", "icao.", false);
	tap_str(p, "0:0-13 1:0-5 2:0-13", "each block is searched whole, in place or rebuilt");
	free(p);
}

/* search_find from an offset, forwards and backwards. */
static void
test_find(void)
{
	struct doc d;
	struct search_index ix;
	size_t *m, nlen, n, at = 0;
	load(&d, "ICAO と ＩＣＡＯ。\n\n国際機関。\n\nicaoの話。\n");
	search_index_build(&ix, &d, false);
	n = search_all(&ix, "icao", &m, &nlen);
	tap_ok(n == 3, "three matches (%zu)", n);
	if (n == 3) {
		tap_ok(search_pick(m, n, ix.len, true, &at) && at == 2,
		       "backwards from the end: the last match");
		tap_ok(search_pick(m, n, m[2], true, &at) && at == 1,
		       "backwards from a match: the one before");
		tap_ok(!search_pick(m, n, m[0], true, &at), "backwards from the first: none");
		tap_ok(search_pick(m, n, m[0] + 1, false, &at) && at == 1,
		       "forwards from inside a match: the next");
		tap_ok(search_pick(m, n, search_norm_offset(&ix, 1, 0), false, &at) && at == 2,
		       "forwards from a block without a match: the one after it");
		tap_ok(!search_pick(m, n, m[2] + 1, false, &at), "forwards past the last: none");
		for (size_t i = 0; i < n; i++) {
			struct match mt = search_locate(&ix, m[i], nlen);
			tap_ok(search_norm_offset(&ix, mt.block, mt.start) == m[i],
			       "match %zu: its original offset maps back to it", i);
		}
	}
	free(m);
	search_index_free(&ix);
	doc_free(&d);
}

/* Every block of the chapter rebuilt as the normaliser gives it. */
static void
test_chapter_blocks(const struct doc *d, bool kana)
{
	struct search_index ix;
	size_t bad = 0, in_place = 0, total = 0, checked = 0;
	search_index_build(&ix, d, kana);
	for (size_t b = 0; b < d->nblocks; b++) {
		bool here;
		char *t = block_norm(&ix, b, &here), *want;
		size_t n = strlen(t), wn;
		total += d->blocks[b].len;
		in_place += here;
		if (d->blocks[b].nspans == 0) {
			/* the normaliser drops a trailing space, as in a pattern */
			want = search_normalize(d->blocks[b].text, d->blocks[b].len, kana, &wn, NULL);
			if (n && t[n - 1] == ' ')
				n--;
			if (n != wn || memcmp(t, want, n)) {
				if (!bad)
					tap_diag("block %zu: [%.*s] want [%s]", b, (int)n, t, want);
				bad++;
			}
			checked++;
			free(want);
		}
		free(t);
	}
	tap_ok(bad == 0 && checked > 50,
	       "kana %d: %zu blocks rebuilt as normalised (%zu in place, %zu of %zu bytes stored)",
	       kana, checked, in_place, ix.data_len, total);
	tap_ok(ix.data_len < total / 5, "kana %d: the index stores less than a fifth of the text", kana);
	search_index_free(&ix);
}

/* Ruby readings: a search for one finds its base (src/search.c indexes
 * them after each block's text); a match never spans the text and a
 * reading, nor two readings. */
static size_t
aozora_matches(const char *src, const char *pattern, bool kana, char **first, size_t *data_len)
{
	struct doc d;
	struct search_index ix;
	size_t *m, nlen, n;
	format_parse(&format_aozora, src, strlen(src), &d);
	search_index_build(&ix, &d, kana);
	n = search_all(&ix, pattern, &m, &nlen);
	*first = NULL;
	if (n) {
		struct match mt = search_locate(&ix, m[0], nlen);
		*first = xstrndup(d.blocks[mt.block].text + mt.start, mt.end - mt.start);
	}
	if (data_len)
		*data_len = ix.data_len;
	tap_ok(search_count(&ix, pattern) == n, "search_count agrees (%s)", pattern);
	free(m);
	search_index_free(&ix);
	doc_free(&d);
	return n;
}

static void
test_readings(void)
{
	static const char src[] = "題\n\n　古い港町《みなとまち》の灯台守《とうだいもり》。\n"
	                          "工場［＃「工場」に「×」の傍記］の｜白い灯台《しろいとうだい》。\n";
	char *got;
	size_t n, data;
	n = aozora_matches(src, "みなとまち", false, &got, &data);
	tap_ok(n == 1, "a reading is found (%zu)", n);
	tap_str(got, "港町", "on its base");
	free(got);
	tap_ok(data <= 2 * 3, "the index keeps two bytes a block for its readings (%zu)", data);
	n = aozora_matches(src, "港町", false, &got, NULL);
	tap_ok(n == 1, "the base is found once: its reading is not text (%zu)", n);
	free(got);
	n = aozora_matches(src, "トウダイモリ", true, &got, NULL);
	tap_ok(n == 1, "kana-insensitive, in a reading too");
	tap_str(got, "灯台守", "on its base");
	free(got);
	n = aozora_matches(src, "しろいとうだい", false, &got, NULL);
	tap_str(got, "白い灯台", "a reading over a base of several classes (｜)");
	free(got);
	tap_ok(aozora_matches(src, "町みなと", false, &got, NULL) == 0, "no match across the text and a reading");
	free(got);
	tap_ok(aozora_matches(src, "まちとうだい", false, &got, NULL) == 0, "nor across two readings");
	free(got);
	tap_ok(aozora_matches(src, "××", false, &got, NULL) == 0, "傍記 marks are not readings");
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
	find("在中國日本国大使館^{ウェイボー}の微博（中国SNS）\n", "の微博（", false, "の微博（",
	     "a match across a ruby reading (an annotation beside the text)");
	find("ジャパン・プラットフォーム\n", "じゃぱん", true, "ジャパン", "kana-insensitive match");
	find("在中國日本国大使館^{ウェイボー}の微博（中国SNS）\n", "ウェイボー", false, "微博",
	     "a search for a ruby reading finds its base");
	test_readings();
	find("Ｍｏｖｅ！と言った。\n", "move!", false, "Ｍｏｖｅ！", "full-width Latin and punctuation");

	{
		/* the whole chapter: counts and positions are consistent */
		struct doc d;
		struct search_index ix;
		size_t *m, nlen, n, bad = 0;
		char *t;
		size_t len;
		t = text_decode(yomu_chapter, yomu_chapter_len, &len, NULL);
		format_parse(&format_bluebook, t, len, &d);
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
			size_t at, *mm, nl, nn;
			int32_t b = -1;
			for (size_t i = 0; i < d.nblocks && b < 0; i++)
				if (strstr(d.blocks[i].text, "ICAO法律局"))
					b = (int32_t)i;
			nn = search_all(&ix, "icao法律局", &mm, &nl);
			tap_ok(b >= 0 && search_pick(mm, nn, search_norm_offset(&ix, 0, 0), false, &at) &&
			           search_locate(&ix, mm[at], nl).block == b,
			       "a match inside a column is found in its block");
			free(mm);
		}
		{
			/* built a piece at a time, between keys: the same index */
			struct search_index ix2;
			int steps = 1;
			search_index_begin(&ix2, &d, false);
			while (!search_index_step(&ix2, 4096))
				steps++;
			tap_ok(steps > 5 && ix2.len == ix.len && ix2.data_len == ix.data_len &&
			           memcmp(ix2.blocks, ix.blocks, (d.nblocks + 1) * sizeof *ix.blocks) == 0 &&
			           (ix.data_len == 0 || memcmp(ix2.data, ix.data, ix.data_len) == 0) &&
			           search_count(&ix2, "icao") == n,
			       "the index built 4 KB at a time (%d steps) is the index built at once", steps);
			search_index_free(&ix2);
			/* and one dropped half built leaks nothing (valgrind, ASan) */
			search_index_begin(&ix2, &d, true);
			search_index_step(&ix2, 4096);
			search_index_free(&ix2);
		}
		search_index_free(&ix);
		test_chapter_blocks(&d, false);
		test_chapter_blocks(&d, true);
		doc_free(&d);
	}
	test_representation();
	test_edges();
	test_find();
	return tap_done();
}
