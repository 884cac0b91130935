/* plain_test.c: the plain-text format (plain*.c) on the fixtures of
 * tests/fixtures/plain/, against what tests/fixtures/README.md says a
 * correct reader builds: the layout each is read in, the blocks, headings
 * and their depths, indents and hanging indents, scene breaks, lines kept
 * and the title; then the same document whatever the pieces it is fed
 * in, the first blocks before all is read, and the end of a large text
 * parsed on its own (G).  The format is found through the table by its
 * name. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "format.h"
#include "plain_impl.h"
#include "tap.h"
#include "text.h"
#include "util.h"

static const struct format *F;

/* ---- reading the fixtures ---- */

static char *
slurp(const char *name, size_t *len)
{
	const char *dir = getenv("srcdir");
	struct buf path = {0}, b = {0};
	char chunk[65536];
	size_t n;
	FILE *f;
	char *t;
	buf_printf(&path, "%s/tests/fixtures/plain/%s", dir ? dir : ".", name);
	f = fopen(path.p, "rb");
	if (!f) {
		tap_diag("cannot open %s", path.p);
		buf_free(&path);
		*len = 0;
		return xstrdup("");
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	t = text_decode((const uint8_t *)(b.p ? b.p : ""), b.len, len, NULL);
	buf_free(&b);
	buf_free(&path);
	return t;
}

static void
parse(const char *text, size_t len, struct doc *d)
{
	if (F)
		format_parse(F, text, len, d);
	else
		doc_init(d);
}

/* ---- what a block should be ---- */

/* KIND: 'P' para, 'H' heading, 'L' preformatted (lines kept).  INDENT and
 * HANG as the spec counts them (the first line's indent, the others').
 * TEXT: exact, or "start…end" (either may be empty). */
struct want {
	char kind;
	int level, indent, hang;
	bool end, brk;
	const char *text;
};

static bool
text_is(const struct block *b, const char *want)
{
	const char *dots = strstr(want, "…");
	size_t a, z;
	if (!dots)
		return strlen(want) == b->len && memcmp(b->text, want, b->len) == 0;
	a = (size_t)(dots - want);
	z = strlen(dots + strlen("…"));
	return b->len >= a + z && memcmp(b->text, want, a) == 0 &&
	       memcmp(b->text + b->len - z, dots + strlen("…"), z) == 0;
}

static bool
block_is(const struct block *b, const struct want *w, size_t i)
{
	bool kind = w->kind == 'H' ? b->kind == BLK_HEADING && b->level == w->level
	                           : b->kind == BLK_PARA && ((b->flags & BF_LINES) != 0) == (w->kind == 'L');
	bool ok = kind && b->indent + b->text_indent == w->indent && b->indent == w->hang &&
	          (b->align == ALIGN_END) == w->end && ((b->flags & BF_GAP) != 0) == w->brk &&
	          text_is(b, w->text);
	if (!ok)
		tap_diag("block %zu: kind %d level %d indent %d+%d align %d flags %d [%s]", i + 1, (int)b->kind,
		         b->level, b->indent, b->text_indent, b->align, b->flags, b->text);
	return ok;
}

/* The blocks of D are WANT, N of them. */
static void
check_blocks(const struct doc *d, const struct want *want, size_t n, const char *name)
{
	size_t bad = 0;
	for (size_t i = 0; i < n && i < d->nblocks; i++)
		bad += !block_is(&d->blocks[i], &want[i], i);
	tap_ok(d->nblocks == n && bad == 0, "%s: %zu blocks as the README says (%zu, %zu wrong)", name, n,
	       d->nblocks, bad);
}

static bool
str_is(const char *got, const char *want)
{
	return want ? got && strcmp(got, want) == 0 : got == NULL;
}

/* The layout the sample decides (the README's table). */
static void
check_info(const char *text, size_t len, bool latin, size_t n, int w, size_t wide, bool wrapped,
           const char *name)
{
	struct plain_info in;
	plain_analyse(text, len, &in);
	tap_ok(in.latin == latin && in.nlines == n && in.wrap == w && (wide == (size_t)-1 || in.wide == wide) &&
	           in.wrapped == wrapped,
	       "%s: %s, N=%zu, W=%d, %zu lines wider than W+2: %s (got %s N=%zu W=%d wide %zu, %zu of %zu "
	       "full lines continued)",
	       name, latin ? "Latin" : "Japanese", n, w, wide, wrapped ? "hard-wrapped" : "one per line",
	       in.latin ? "Latin" : "Japanese", in.nlines, in.wrap, in.wide, in.full_followed, in.full);
}

/* ---- one paragraph per line ---- */

/* Every non-blank line after the title block is a block, in order: the
 * headings at HEADS (1-based, 0-terminated), the others paragraphs with
 * the leading U+3000 as their indent; scene breaks at BRKS. */
static void
check_lines(const struct doc *d, const char *text, size_t len, int skip, const int *heads, const int *brks,
            const char *name)
{
	struct want *w = xcalloc(len + 1, sizeof *w);
	char **texts = xcalloc(len + 1, sizeof *texts);
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - text) : len, a = i;
		if (e > i && skip-- <= 0) {
			bool indented = e - i >= 3 && memcmp(text + i, "\u3000", 3) == 0;
			if (indented)
				a += 3;
			texts[n] = xstrndup(text + a, e - a);
			w[n] = (struct want){'P', 0, indented, 0, false, false, texts[n]};
			n++;
		}
		i = e + 1;
	}
	for (const int *h = heads; *h; h++) {
		w[*h - 1].kind = 'H';
		w[*h - 1].level = 1;
	}
	for (const int *b = brks; *b; b++)
		w[*b - 1].brk = true;
	check_blocks(d, w, n, name);
	for (size_t i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	free(w);
}

static void
test_novel(void)
{
	static const int heads[] = {1, 14, 24, 0}, brks[] = {8, 21, 0};
	size_t len;
	char *t = slurp("novel.txt", &len);
	struct doc d;
	struct toc_entry *toc = NULL;
	size_t ntoc;

	check_info(t, len, false, 34, 42, 15, false, "novel.txt");
	parse(t, len, &d);
	tap_ok(str_is(d.title, "灯台のある町") && str_is(d.author, "水城透"),
	       "novel.txt: title 灯台のある町, author 水城透 (not body blocks)");
	/* the title block and the blank line after it are not blocks */
	check_lines(&d, t, len, 2, heads, brks, "novel.txt, one paragraph per line");
	ntoc = doc_toc(&d, &toc);
	tap_ok(ntoc == 3 && toc[0].block == 0 && toc[1].block == 13 && toc[2].block == 23 && toc[0].depth == 1,
	       "novel.txt: a table of contents of the three 第N話 at depth 1 (%zu entries)", ntoc);
	tap_ok(d.nblocks > 1 && d.blocks[0].body == strlen("第一話　") && !d.para_indent,
	       "novel.txt: 第一話 is the heading's label; no 字下げ added to paragraphs");
	free(toc);
	doc_free(&d);
	free(t);
}

static void
test_trap(void)
{
	static const int heads[] = {1, 9, 0}, brks[] = {0};
	size_t len;
	char *t = slurp("novel-bluebook-trap.txt", &len);
	struct doc d;

	check_info(t, len, false, 20, 20, (size_t)-1, false, "novel-bluebook-trap.txt");
	parse(t, len, &d);
	tap_ok(str_is(d.title, "三一二号室の手帳") && str_is(d.author, "水城透"),
	       "novel-bluebook-trap.txt: title and author");
	/* 1　はじめに, 312, (1), （２）…, 2　町の地図: paragraphs, every
	 * character kept */
	check_lines(&d, t, len, 2, heads, brks, "novel-bluebook-trap.txt: numbered lines are text");
	tap_ok(d.nblocks == 18 && text_is(&d.blocks[10], "312") && text_is(&d.blocks[12], "(1)") &&
	           text_is(&d.blocks[2], "1　はじめに") && text_is(&d.blocks[16], "2　町の地図") &&
	           text_is(&d.blocks[14], "（２）とだけ書いた紙切れが、…") &&
	           text_is(&d.blocks[17], "…「(3) ここで待つ」と書き込まれていた。"),
	       "novel-bluebook-trap.txt: the page-number and footnote look-alikes are kept");
	doc_free(&d);
	free(t);
}

static void
test_wrapped(void)
{
	static const struct want w[] = {
		{'P', 0, 0, 0, false, false, "各位"},
		{'P', 0, 1, 0, false, false,
		 "日頃より町内会の活動にご協力いただき、まことにありがとうございます。今年も春の清掃活動を"
		 "行いますので、ご案内いたします。当日は軍手とごみ袋を町内会で用意しますので、手ぶらでお越し"
		 "ください。"},
		{'P', 0, 1, 0, false, false,
		 "雨天の場合は一週間後の同じ時刻に延期します。延期するかどうかは前日の夕方までに決め、回覧板と"
		 "公園の掲示板でお知らせします。"},
		{'P', 0, 0, 0, false, false, "記"},
		{'P', 0, 0, 1, false, false, "・日時　四月二十日（日）午前九時から十一時まで"},
		{'P', 0, 0, 1, false, false, "・集合　中央公園の東口"},
		{'P', 0, 0, 1, false, false, "・持ち物　帽子、飲み物"},
		{'P', 0, 0, 1, false, false,
		 "・その他　小学生以下のお子さんは、保護者の方と一緒にご参加ください。集めたごみは町内会で分別"
		 "して出します。"},
		{'P', 0, 1, 0, false, false, "ご不明な点がありましたら、下記の担当までお気軽にお問い合わせください。"},
		{'P', 0, 0, 0, false, false, "以上"},
		{'P', 0, 0, 0, true, false, "令和六年四月一日"},
		{'P', 0, 0, 0, false, false, "みなと町内会　環境係"},
		{'P', 0, 0, 0, false, false, "担当　山田一郎"},
		{'P', 0, 0, 0, false, false, "電話　〇一二―三四五―六七八九"},
	};
	size_t len;
	char *t = slurp("wrapped.txt", &len);
	struct doc d;
	struct plain_info in;
	struct toc_entry *toc = NULL;

	check_info(t, len, false, 19, 72, 0, true, "wrapped.txt");
	plain_analyse(t, len, &in);
	tap_ok(in.full == 6 && in.full_followed == 5, "wrapped.txt: 5 of 6 full lines continued (%zu of %zu)",
	       in.full_followed, in.full);
	parse(t, len, &d);
	tap_ok(str_is(d.title, "春の清掃活動のお知らせ") && str_is(d.author, NULL),
	       "wrapped.txt: title 春の清掃活動のお知らせ, no author");
	check_blocks(&d, w, sizeof w / sizeof *w,
	             "wrapped.txt: full lines joined, short ones kept, list items hang, the date to the end");
	tap_ok(doc_toc(&d, &toc) == 0, "wrapped.txt: no headings, an empty table of contents");
	free(toc);
	doc_free(&d);
	free(t);
}

static void
test_english(void)
{
	static const struct want w[] = {
		{'H', 1, 0, 0, false, false, "Chapter 1: The Spit of Sand"},
		{'P', 0, 0, 0, false, false,
		 "The lighthouse stood at the end of a long spit of sand, so far from the harbour that the "
		 "fishermen called it the last house in the world. Nobody in the town could remember when it had "
		 "been built, and nobody could remember a night when its lamp had failed."},
		{'P', 0, 0, 0, false, false, "Mina found the path to it …the sound of gulls."},
		{'P', 0, 0, 0, false, false, "Halfway along …opened for years."},
		{'P', 0, 0, 0, false, false,
		 "\"You want to know who lives out there,\" he said. \"Everybody does, sooner or later. The "
		 "question is whether you want to know badly enough to ask him yourself?\""},
		{'P', 0, 0, 0, false, false, "\"Yes,\" said Mina."},
		{'P', 0, 0, 0, false, false, "He laughed at that, …said on the first page:"},
		{'L', 0, 0, 0, false, false, "def lamp_on(hour):\n    return hour >= 18 or hour < 6\n\nprint(lamp_on(19))"},
		{'P', 0, 0, 0, false, false, "The keeper had copied …count the hours."},
	};
	size_t len;
	char *t = slurp("english.txt", &len);
	struct doc d;
	struct plain_info in;

	check_info(t, len, true, 27, 72, 0, true, "english.txt");
	plain_analyse(t, len, &in);
	tap_ok(in.full == 16 && in.full_followed == 14, "english.txt: 14 of 16 full lines continued (%zu of %zu)",
	       in.full_followed, in.full);
	parse(t, len, &d);
	tap_ok(str_is(d.title, "The Keeper of the Light") && str_is(d.author, "Mara Quill"),
	       "english.txt: title, author without \"by\"");
	check_blocks(&d, w, sizeof w / sizeof *w,
	             "english.txt: joined with spaces, ?\" ends a paragraph, the code kept as lines");
	tap_ok(d.nblocks > 0 && d.blocks[0].body == strlen("Chapter 1"), "english.txt: Chapter 1 is the label");
	doc_free(&d);
	free(t);
}

/* ---- the rules, one by one ---- */

/* The blocks of TEXT as "H1:text|P:text|…" (L for lines kept, a * after
 * the kind for a scene break). */
static char *
shape_of(const char *text)
{
	struct doc d;
	struct buf b = {0};
	parse(text, strlen(text), &d);
	buf_adds(&b, "");
	for (size_t i = 0; i < d.nblocks; i++) {
		const struct block *k = &d.blocks[i];
		if (i)
			buf_addc(&b, '|');
		if (k->kind == BLK_HEADING)
			buf_printf(&b, "H%d", k->level);
		else
			buf_addc(&b, k->flags & BF_LINES ? 'L' : 'P');
		if (k->flags & BF_GAP)
			buf_addc(&b, '*');
		buf_printf(&b, ":%s", k->text);
	}
	if (d.title)
		buf_printf(&b, " [%s/%s]", d.title, d.author ? d.author : "");
	doc_free(&d);
	return buf_steal(&b);
}

static void
rule(const char *text, const char *want, const char *name)
{
	char *got = shape_of(text);
	tap_str(got, want, name);
	free(got);
}

static void
test_rules(void)
{
	rule("本文。\n1　はじめに\n2　町の地図\n", "P:本文。|P:1　はじめに|P:2　町の地図",
	     "a numbered line under a line of text is no heading");
	rule("第一部　海\n\n第一章　朝\n\n本文。\n\n第二章　夜\n\n本文。\n",
	     "H1:第一部　海|H2:第一章　朝|P:本文。|H2:第二章　夜|P:本文。",
	     "部 at depth 1, 章 at depth 2");
	rule("序章\n\n本文。\n\n■ 登場人物\n\n本文。\n\n【第一話】出会い\n\n本文。\n\n一\n\n本文。\n",
	     "H1:序章|P:本文。|H2:■ 登場人物|P:本文。|H2:【第一話】出会い|P:本文。|H2:一|P:本文。",
	     "序章, ■ title, 【…】 title and a kanji numeral alone; ranks B then D");
	rule("1. はじめに\n\n本文。\n\n1.1 背景\n\n本文。\n\n２．３　結果\n\n本文。\n",
	     "H1:1. はじめに|P:本文。|H2:1.1 背景|P:本文。|H2:２．３　結果|P:本文。",
	     "numbered headings 1. and 1.1");
	rule("一。\n\n第三話　嵐だ！\n\n「一」\n\n＊　＊　＊\n\n本文。\n",
	     "P:一。|H1:第三話　嵐だ！|P:「一」|P:＊　＊　＊|P:本文。",
	     "a sentence or a dialogue line is no heading; an ornament line is a paragraph; 第N話 may end with ！");
	rule("本文。\n\n第一話\n　本文の続き。\n\n見出しでない\n　本文。\n",
	     "P:本文。|H1:第一話|P:本文の続き。|P*:見出しでない|P:本文。",
	     "a labelled heading set directly above an indented paragraph; not any line");
	rule("本文。\n\n12\n　段落。\n12\n　段落。\n",
	     "P:本文。|H1:12|P:段落。|P:12|P:段落。",
	     "a number alone before an indented paragraph, after a blank line only");
	rule("Part Two\n\nChapter One\n\nText.\n\nIV.\n\nMore text.\n\nTHE HARBOUR\n\nText.\n\nTHE END.\n",
	     "H1:Part Two|H2:Chapter One|P:Text.|H2:IV.|P:More text.|H3:THE HARBOUR|P:Text.|P:THE END.",
	     "Latin: Part, Chapter, a Roman numeral, capitals; THE END. is a sentence");
	rule("Text here.\n\nThe Harbour\n===========\n\nText there.\n\nMethod\n------\n\nEnd.\n",
	     "P:Text here.|H1:The Harbour|P:Text there.|H2:Method|P:End.",
	     "Latin: underlined headings, the underline makes no block");
	rule("a.\n\nb.\n\nc.\n\n\nd.\n", "P:a.|P:b.|P:c.|P*:d.",
	     "a text with a blank line between its paragraphs: a scene break is two");
	rule("a.\nb.\nc.\n\nd.\n\n\n\n\n\n\ne.\n", "P:a.|P:b.|P:c.|P*:d.|P*:e.",
	     "one paragraph per line: a blank line is a scene break, and seven make one");
	rule("Title\nby Someone\n\nText.\n", "P:Text. [Title/Someone]", "title and author");
	rule("題名\n副題\n作者名　著\n\n本文。\n", "P:本文。 [題名　副題/作者名]", "title, subtitle, author 著");
	rule("山田耕作\n\n本文。\n", "P:本文。 [山田耕作/]", "one line: a title");
	rule("一行だけ\n", "P:一行だけ", "a text of one line has no title block");
	rule("", "", "an empty text");
	rule("\n\n\n", "", "blank lines only");
}

/* Hard-wrapped joining: Japanese without a separator but between Latin
 * words, Latin with a space, a hyphen kept. */
static void
test_joins(void)
{
	struct buf ja = {0}, en = {0};
	char *got;
	/* five full lines of 36 full-width characters (72 columns) */
	for (int i = 0; i < 5; i++) {
		buf_adds(&ja, "\u3000あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめ\n");
		buf_adds(&ja, "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむABC\n");
		buf_adds(&ja, "DEFで終わる。\n\n");
	}
	got = shape_of(ja.p);
	tap_ok(strstr(got, "むめあいう") && strstr(got, "ABC DEF") && !strstr(got, "むめ あ"),
	       "Japanese: lines joined without a space, two Latin words with one");
	free(got);
	for (int i = 0; i < 5; i++) {
		buf_adds(&en, "The keeper of the light had a well-kept log, and in it a word that was\n");
		buf_adds(&en, "broken at the line end, a word that the keeper thought was very well-\n");
		buf_adds(&en, "known, and the keeper wrote it down in the log every single night of\n");
		buf_adds(&en, "the year.\n\n");
	}
	got = shape_of(en.p);
	tap_ok(strstr(got, "that was broken") && strstr(got, "well-known") != NULL,
	       "Latin: lines joined with a space; a hyphen at the end kept, nothing put after it");
	free(got);
	buf_free(&ja);
	buf_free(&en);
}

/* ---- pieces, streaming, the tail ---- */

static bool
same_doc(const struct doc *a, const struct doc *b)
{
	if (a->nblocks != b->nblocks || !str_is(a->title, b->title) || !str_is(a->author, b->author) ||
	    b->nfinal != b->nblocks || !b->complete)
		return false;
	for (size_t i = 0; i < a->nblocks; i++) {
		const struct block *x = &a->blocks[i], *y = &b->blocks[i];
		if (x->kind != y->kind || x->level != y->level || x->flags != y->flags || x->align != y->align ||
		    x->indent != y->indent || x->text_indent != y->text_indent || x->body != y->body ||
		    x->line != y->line || x->len != y->len || memcmp(x->text, y->text, x->len) != 0)
			return false;
	}
	return true;
}

/* TEXT fed a line at a time, and in pieces of random sizes cut after a
 * line end, builds the document it builds whole. */
static void
pieces(const char *text, size_t len, const char *name)
{
	struct doc whole, d;
	bool same_lines = true, same_rand = true, final_ok = true;
	parse(text, len, &whole);
	for (int round = 0; round < 11 && F; round++) {
		void *ps;
		doc_init(&d);
		ps = F->begin(&d);
		for (size_t i = 0; i < len;) {
			size_t e = round == 0 ? i : i + (size_t)(rand() % 40000);
			const char *nl = e < len ? memchr(text + e, '\n', len - e) : NULL;
			size_t before = d.nfinal;
			e = nl ? (size_t)(nl - text) + 1 : len;
			F->feed(ps, text + i, e - i);
			final_ok &= d.nfinal >= before && d.nfinal <= d.nblocks;
			i = e;
		}
		F->end(ps);
		*(round == 0 ? &same_lines : &same_rand) &= same_doc(&whole, &d);
		doc_free(&d);
	}
	tap_ok(F && same_lines && same_rand && final_ok,
	       "%s: the same document fed a line at a time and in random pieces (%zu blocks)", name,
	       whole.nblocks);
	doc_free(&whole);
}

/* The fixture NAME repeated to more than the sample. */
static char *
repeated(const char *name, size_t times, size_t *len)
{
	size_t n;
	char *t = slurp(name, &n), *r = xmalloc(n * times + 1);
	for (size_t i = 0; i < times; i++)
		memcpy(r + i * n, t, n);
	r[n * times] = '\0';
	free(t);
	*len = n * times;
	return r;
}

static void
test_pieces(void)
{
	static const char *const names[] = {"novel.txt", "wrapped.txt", "english.txt", "novel-bluebook-trap.txt"};
	srand(15);
	for (size_t k = 0; k < 4; k++) {
		size_t len;
		char *t = slurp(names[k], &len);
		pieces(t, len, names[k]);
		free(t);
		t = repeated(names[k], 40, &len);
		pieces(t, len, names[k]);
		free(t);
	}
}

/* A text of no blank lines shows its start before the rest is read. */
static void
test_stream(void)
{
	const size_t lines = 300000;
	struct buf b = {0};
	struct doc d;
	void *ps;
	size_t first = 0;
	for (size_t i = 0; i < lines; i++)
		buf_adds(&b, "あ。\n");
	doc_init(&d);
	ps = F ? F->begin(&d) : NULL;
	for (size_t i = 0; ps && i < b.len; i += 32768) {
		F->feed(ps, b.p + i, b.len - i < 32768 ? b.len - i : 32768);
		if (!first)
			first = d.nfinal;
	}
	if (ps)
		F->end(ps);
	tap_ok(first > 1000 && d.nblocks == lines && !d.blocks[1].flags,
	       "no blank lines: %zu blocks final after the first 32 KB, %zu in all", first, d.nblocks);
	doc_free(&d);
	buf_free(&b);
}

/* Are the blocks of T the last blocks of D? */
static bool
same_end(const struct doc *d, const struct doc *t)
{
	size_t off;
	if (t->nblocks == 0 || t->nblocks > d->nblocks)
		return false;
	off = d->nblocks - t->nblocks;
	for (size_t i = 0; i < t->nblocks; i++) {
		const struct block *a = &d->blocks[off + i], *b = &t->blocks[i];
		if (a->kind != b->kind || a->level != b->level || a->len != b->len ||
		    memcmp(a->text, b->text, a->len) != 0 || a->text_indent != b->text_indent)
			return false;
	}
	return true;
}

static void
tails(const char *name, size_t times)
{
	size_t len, tries = 0, starts = 0, same = 0;
	char *t = repeated(name, times, &len);
	struct doc whole;
	parse(t, len, &whole);
	for (size_t cut = len / 2; cut + 8000 < len; cut += 997) {
		const char *nl = memchr(t + cut, '\n', len - cut);
		size_t from, r;
		struct doc td;
		if (!nl || !F)
			break;
		from = (size_t)(nl - t) + 1;
		r = F->resync(t + from, len - from, 2000);
		tries++;
		if (r == 0 || (t[from + r - 1] != '\n'))
			continue;
		starts++;
		parse(t + from + r, len - from - r, &td);
		same += same_end(&whole, &td);
		doc_free(&td);
	}
	tap_ok(tries > 20 && starts == tries && same == starts,
	       "%s: the end parsed from its resync point is the end of the whole parse (%zu of %zu, %zu tried)",
	       name, same, starts, tries);
	doc_free(&whole);
	free(t);
}

static void
test_resync(void)
{
	static const char text[] = "前の段落。\n\n第二話　港\n\n本文。\n\n本文の続き\n\n最後。\n";
	if (!F) {
		tap_ok(0, "resync: no plain format");
		return;
	}
	tap_ok(F->resync(text, sizeof text - 1, 0) == strlen("前の段落。\n\n"),
	       "resync: the latest labelled heading after a blank line");
	tap_ok(F->resync(text, sizeof text - 1, sizeof text) == 0, "resync: nothing leaves KEEP bytes: 0");
	tap_ok(F->resync("", 0, 10) == 0 && F->resync("一行", 6, 0) == 0, "resync: empty text, one line");
	tails("novel.txt", 60);
	tails("english.txt", 80);
}

int
main(void)
{
	F = format_by_name("plain");
	tap_ok(F != NULL, "the table has a format called plain");
	test_novel();
	test_trap();
	test_wrapped();
	test_english();
	test_rules();
	test_joins();
	test_pieces();
	test_stream();
	test_resync();
	return tap_done();
}
