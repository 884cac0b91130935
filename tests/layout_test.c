/* layout_test.c: the layout engine: one test per JLReq rule with a small
 * fixture, indents, frames, caching, and a property test over the built-in
 * chapter at every width from 8 to 200. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "dump.h"
#include "layout.h"
#include "linebreak.h"
#include "bluebook.h"
#include "format.h"
#include "present.h"
#include "render.h"
#include "tap.h"
#include "text.h"
#include "util.h"
#include "width.h"

extern const unsigned char yomu_chapter[];
extern const size_t yomu_chapter_len;

/* The ambiguous width the tests lay out with. */
static int amb_cells = 1;

/* Lay out S at width W and join the lines with '|' (indents as spaces). */
static char *
lay(const char *s, int w, bool hang, int first, int rest)
{
	struct layout_opts o = {w, hang, amb_cells};
	struct lline *l;
	size_t n = layout_text(s, strlen(s), first, rest, &o, &l);
	struct buf b = {0};
	for (size_t i = 0; i < n; i++) {
		size_t e = l[i].end;
		if (i)
			buf_addc(&b, '|');
		for (int k = 0; k < l[i].indent; k++)
			buf_addc(&b, ' ');
		while (e > l[i].start && s[e - 1] == ' ')
			e--;
		buf_add(&b, s + l[i].start, e - l[i].start);
	}
	free(l);
	return buf_steal(&b);
}

static void
expect(const char *s, int w, bool hang, const char *want, const char *name)
{
	char *got = lay(s, w, hang, 0, 0);
	tap_str(got, want, name);
	free(got);
}

static void
test_rules(void)
{
	/* 禁則: never at line start */
	expect("あいう、えお", 6, false, "あい|う、え|お", "、 pushes its character down when hanging is off");
	expect("あい、うえお", 6, true, "あい、|うえ|お",
	       "、 hangs into the margin inside the width (ぶら下げ)");
	expect("あい。", 6, true, "あい。", "。 hangs at the end of the text");
	expect("あいう。", 6, true, "あい|う。", "with hanging on, the text keeps to the measure: nothing goes past the width");
	expect("あいう、えお", 6, false, "あい|う、え|お", "with hanging off, the measure is the whole width");
	expect("万国郵便連合⁽¹⁾では", 12, false, "万国郵便連|合⁽¹⁾では",
	       "a footnote reference (合印) never starts a line: it stays with the character before");
	expect("国際機関¹は、", 8, false, "国際機|関¹は、", "nor does a bare superscript reference");
	expect("「フィールド」勤務", 8, true, "「フィー|ルド」|勤務",
	       "an emergency break inside a unit uses the hang margin rather than break a JLReq rule");
	expect("あいデータ", 6, false, "あい|データ", "ー never starts a line");
	expect("あいきょう", 6, false, "あい|きょう", "small kana never start a line");
	expect("あい人々", 6, false, "あい|人々", "々 never starts a line");
	expect("あいう」え", 6, false, "あい|う」え", "a closing bracket never starts a line");
	expect("ありがとう～", 10, false, "ありがと|う～", "～ never starts a line");
	/* never at line end */
	expect("あい「う」", 6, false, "あい|「う」", "an opening bracket never ends a line");
	/* kept whole */
	expect("あい１２３４", 8, false, "あい|１２３４", "a full-width digit run is kept whole");
	expect("あいう2025年", 8, false, "あいう|2025年", "an ASCII number is kept whole");
	expect("増加は50%です", 8, false, "増加は|50%です", "a number with % is kept whole");
	expect("気温は30℃で", 8, false, "気温は|30℃で", "a number with ℃ is kept whole");
	expect("機関ICAOの", 6, false, "機関|ICAOの", "a Latin word is kept whole");
	expect("あいう……え", 7, false, "あい|う……え", "…… is not split");
	expect("あいう——え", 7, false, "あいう|——え", "—— is not split");
	/* emergency breaks */
	{
		const char *url = "https://www.mofa.go.jp/mofaj/ms/lpc/page25_001870.html";
		char *got = lay(url, 16, true, 0, 0);
		struct buf joined = {0};
		int ok = 1;
		for (char *p = got, *q; p; p = q) {
			q = strchr(p, '|');
			size_t len = q ? (size_t)(q - p) : strlen(p);
			if (len > 16)
				ok = 0;
			buf_add(&joined, p, len);
			if (q)
				q++;
		}
		tap_ok(ok && strcmp(joined.p, url) == 0, "a URL longer than the width is broken at the width");
		tap_diag("%s", got);
		free(got);
		buf_free(&joined);
	}
	expect("abcdefghijklmnopqrstuvwxyz", 10, false, "abcdefghij|klmnopqrst|uvwxyz",
	       "a long Latin word: emergency breaks");
	expect("①②③④⑤⑥⑦⑧⑨⑩", 8, false, "①②③④⑤⑥⑦⑧|⑨⑩", "a run of ①②③: emergency break");
	/* indents */
	{
		char *got = lay("あいうえおかきく", 8, false, 2, 0);
		tap_str(got, "  あいう|えおかき|く", "first-line indent (字下げ) of two cells");
		free(got);
		got = lay("(1)　査証制度の見直し", 12, false, 0, 5);
		tap_str(got, "(1)　査証制|     度の見|     直し", "hanging indent after a label");
		free(got);
	}
	{
		/* a character set vertically with its reading beside (甚《はなはだ》:
		 * eight cells) after an indent of four on a line of ten */
		static const uint16_t cells[] = {2, 0, 0, 8, 0, 0};
		struct layout_opts o = {10, false, 1};
		struct layout_buf lb = {0};
		size_t n = layout_text_cells("兵甚", 6, 4, 4, &o, cells, &lb);
		tap_ok(n == 2 && lb.lines[1].start == 3 && lb.lines[1].cells == 8 && lb.lines[1].indent == 2,
		       "an indent gives way to a character longer than the room it leaves");
		layout_buf_free(&lb);
	}
	expect("あい\nう", 10, false, "あい|う", "a newline is a forced break");
	/* ambiguous_width = 2: ①…… and ■ take two cells */
	amb_cells = 2;
	expect("①②③④⑤", 6, false, "①②③|④⑤", "ambiguous_width = 2 lays out ① as two cells");
	amb_cells = 1;
	expect("①②③④⑤", 6, false, "①②③④⑤", "ambiguous_width = 1 lays out ① as one cell");
	expect("", 10, false, "", "empty text gives one empty line");
	{
		struct lline *l;
		struct layout_opts o = {6, true, 1};
		size_t n = layout_text("あい、うえお", strlen("あい、うえお"), 0, 0, &o, &l);
		tap_ok(n == 3 && (l[0].flags & LL_HANG) && l[0].cells == 6, "a hanging line is flagged");
		free(l);
	}
}

/* Frames in --dump: every framed line is exactly the width, │ at both ends. */
static void
test_frames(void)
{
	static const char fixture[] = "コラム\n\nCOLUMN\n\n題名\n\n本文です。あいうえおかきくけこさしすせそ、たちつてと。\n";
	struct doc d;
	size_t len;
	char *t = text_decode((const uint8_t *)fixture, sizeof fixture - 1, &len, NULL);
	char *out = NULL;
	size_t outlen = 0;
	FILE *f = open_memstream(&out, &outlen);
	struct dump_opts o = {24, true, 0, {1, NULL, false}, NULL};
	int lines = 0, ok = 1;

	format_parse(&format_bluebook, t, len, &d);
	dump_document(f, &d, &o);
	fclose(f);
	for (char *p = out, *q; p && *p; p = q) {
		q = strchr(p, '\n');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		if (width_str((const uint8_t *)p, n, 1) != 24)
			ok = 0;
		if (lines > 0 && (strncmp(p, "│", 3) != 0 && strncmp(p, "└", 3) != 0))
			ok = 0;
		lines++;
		if (q)
			q++;
	}
	tap_ok(ok && lines >= 5 && strncmp(out, "┌─ コラム", 10) == 0, "a column is framed; the frame counts in the width");
	if (!ok)
		tap_diag("%s", out);
	free(out);
	doc_free(&d);
	free(t);

	/* on a narrow page it is ruled off instead */
	t = text_decode((const uint8_t *)fixture, sizeof fixture - 1, &len, NULL);
	format_parse(&format_bluebook, t, len, &d);
	out = NULL;
	f = open_memstream(&out, &outlen);
	o.width = 10;
	dump_document(f, &d, &o);
	fclose(f);
	tap_ok(strncmp(out, "──コラム──\n", strlen("──コラム──\n")) == 0 && !strstr(out, "│"),
	       "below 20 cells a column is ruled off");
	free(out);
	doc_free(&d);
	free(t);
}

/* The chapter 30 times over (1.3 MB: several parts) dumped by one thread
 * and by several: the same text, whoever laid out which part. */
static void
test_threads(void)
{
	struct buf src = {0};
	struct doc d;
	size_t len;
	char *t, *one = NULL;
	size_t onelen = 0;

	for (int i = 0; i < 30; i++) {
		buf_add(&src, yomu_chapter, yomu_chapter_len);
		buf_addc(&src, '\n');
	}
	t = text_decode((const uint8_t *)src.p, src.len, &len, NULL);
	format_parse(&format_bluebook, t, len, &d);
	for (int w = 16; w <= 80; w += 64) {
		for (int th = 1; th <= 3; th++) {
			struct dump_opts o = {w, true, th, {1, NULL, false}, NULL};
			char *out = NULL;
			size_t outlen = 0;
			FILE *f = open_memstream(&out, &outlen);
			dump_document(f, &d, &o);
			fclose(f);
			if (th == 1) {
				one = out;
				onelen = outlen;
				continue;
			}
			tap_ok(outlen == onelen && memcmp(out, one, outlen) == 0,
			       "width %d: %d threads write what one does (%zu bytes)", w, th, outlen);
			free(out);
		}
		free(one);
	}
	doc_free(&d);
	free(t);
	buf_free(&src);
}

static bool
same_line(const struct lline *a, const struct lline *b)
{
	return a->start == b->start && a->end == b->end && a->indent == b->indent &&
	       a->cells == b->cells && a->flags == b->flags;
}

/* Checks one laid-out text against the JLReq rules and its width. */
struct prop {
	long too_wide, bad_start, bad_end, order, lines, reused;
};

static void
check_lines(struct prop *pr, const char *text, size_t len, const struct lline *l, size_t n, int w)
{
	const uint8_t *s = (const uint8_t *)text;
	struct buf cat = {0};
	for (size_t i = 0; i < n; i++) {
		uint32_t c0 = 0, cl = 0;
		size_t st, e = l[i].end;
		pr->lines++;
		buf_add(&cat, text + l[i].start, l[i].end - l[i].start);
		while (e > l[i].start && s[e - 1] == ' ')
			e--;
		if (e > l[i].start) {
			utf8_get(s + l[i].start, e - l[i].start, &c0);
			cl = utf8_prev(s, e, &st);
		}
		if (l[i].indent + l[i].cells > w)
			pr->too_wide++;
		if (!(l[i].flags & LL_EMERGENCY) && i > 0 && !(l[i - 1].flags & LL_EMERGENCY) &&
		    lb_no_start(c0))
			pr->bad_start++;
		if (!(l[i].flags & LL_EMERGENCY) && i + 1 < n && lb_no_end(cl))
			pr->bad_end++;
	}
	if ((cat.p ? cat.len : 0) != len || (len && memcmp(cat.p, text, len) != 0))
		pr->order++;
	buf_free(&cat);
}

/* The property test: every block of the chapter, as the presentation shows
 * it, at every width 8..200. */
static void
test_property(void)
{
	struct doc d;
	struct present P;
	struct pres pres = {0};
	size_t len;
	char *t = text_decode(yomu_chapter, yomu_chapter_len, &len, NULL);
	struct prop pr = {0};
	struct layout_buf lb = {0}; /* one for every block and width, as --dump does */

	format_parse(&format_bluebook, t, len, &d);
	present_init(&P, &d, &(struct present_opts){1, NULL, false});
	for (int w = 8; w <= 200; w++) {
		struct layout_opts o = {w, true, 1};
		for (size_t b = 0; b < d.nblocks; b++) {
			present_block(&P, b, PRES_MAIN, &pres);
			for (size_t k = 0; k < pres.n; k++) {
				const struct piece *pc = &pres.pc[k];
				struct lline *l;
				size_t tl, n;
				const char *text = pres_text(&pres, &d, b, pc, &tl);
				if (pc->kind != PIECE_TEXT)
					continue;
				n = layout_text(text, tl, pc->first, pc->rest, &o, &l);
				if (layout_text_buf(text, tl, pc->first, pc->rest, &o, &lb) != n)
					pr.reused++;
				else
					for (size_t i = 0; i < n; i++)
						if (!same_line(&lb.lines[i], &l[i])) {
							pr.reused++;
							break;
						}
				check_lines(&pr, text, tl, l, n, w);
				free(l);
			}
		}
	}
	tap_diag("%ld lines laid out over widths 8..200", pr.lines);
	tap_ok(pr.too_wide == 0, "no line wider than the width, hanging 、。，． included (%ld)",
	       pr.too_wide);
	tap_ok(pr.bad_start == 0,
	       "no line starts with a forbidden character outside emergency breaks (%ld)", pr.bad_start);
	tap_ok(pr.bad_end == 0, "no line ends with a forbidden character outside emergency breaks (%ld)",
	       pr.bad_end);
	tap_ok(pr.order == 0, "the lines, concatenated, are the text shown (%ld pieces differ)",
	       pr.order);
	tap_ok(pr.reused == 0,
	       "layout_text_buf with its memory reused gives layout_text's lines (%ld differ)",
	       pr.reused);
	layout_buf_free(&lb);
	pres_free(&pres);
	doc_free(&d);
	free(t);
}

/* The screen's cache of rendered blocks. */
static void
test_cache(void)
{
	struct doc d;
	struct render r;
	size_t len, laid = 0;
	char *t = text_decode(yomu_chapter, yomu_chapter_len, &len, NULL);
	const struct rblock *a, *b;

	format_parse(&format_bluebook, t, len, &d);
	render_init(&r, &d, true, &(struct present_opts){1, NULL, false});
	a = render_block(&r, 10, RENDER_MAIN, 80);
	b = render_block(&r, 10, RENDER_MAIN, 80);
	tap_ok(a == b && a->width == 80 && a->rows == b->rows, "a block is laid out once per width");
	for (size_t i = 0; i < r.nrb; i++)
		laid += r.rb[i].width >= 0;
	tap_ok(laid == 1, "only the blocks asked for are laid out (%zu)", laid);
	a = render_block(&r, 10, RENDER_MAIN, 40);
	tap_ok(a->width == 40 && a->n > 0, "another width lays the block out again");
	render_free(&r);
	doc_free(&d);
	free(t);
}

/* A line that an emergency break ends where spaces follow: its width is
 * its text's, the spaces after it not taken off twice (fuzzing). */
static void
test_emergency_cells(void)
{
	const char *t = "(3) 外国人材";
	struct layout_opts o = {4, true, 1};
	struct lline *l = NULL;
	size_t n = layout_text(t, strlen(t), 0, 0, &o, &l);
	tap_ok(n > 1 && l[0].end == 4 && l[0].cells == 3 && (l[0].flags & LL_EMERGENCY),
	       "\"(3) \" at width 4: an emergency line of 3 cells (got %u)", n ? (unsigned)l[0].cells : 0);
	free(l);
}

int
main(void)
{
	test_emergency_cells();
	test_rules();
	test_frames();
	test_threads();
	test_cache();
	test_property();
	return tap_done();
}
