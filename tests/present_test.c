/* present_test.c: the presentation (present.c): what each block shows, as
 * --dump writes it, on documents built by hand with every attribute the
 * model carries: indents and hanging indents (字下げ, 折り返し), the line
 * end and its offset (地付き, 地上げ), centring, a narrower measure
 * (字詰め), scene breaks, back matter, page breaks and ruby. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "dump.h"
#include "present.h"
#include "tap.h"
#include "util.h"

static struct block *
para(struct doc *d, const char *text)
{
	struct block *b = doc_add_block(d, BLK_PARA, xstrdup(text), strlen(text));
	d->nfinal = d->nblocks;
	return b;
}

static bool ruby_hidden;
/* --dump with hanging punctuation (ぶら下げ) */
static bool hanging;

static char *
dump_of(struct doc *d, int width)
{
	struct dump_opts o = {width, hanging, 1, {1, NULL, ruby_hidden}, NULL};
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	doc_complete(d);
	dump_document(f, d, &o);
	fclose(f);
	return out;
}

static void
one(const char *name, int width, void (*build)(struct doc *), const char *want)
{
	struct doc d;
	char *got;
	doc_init(&d);
	build(&d);
	got = dump_of(&d, width);
	tap_str(got, want, name);
	free(got);
	doc_free(&d);
}

static void
b_indent(struct doc *d)
{
	para(d, "あいうえおかきくけこさしすせそ")->indent = 2;
}

static void
b_hanging(struct doc *d)
{
	struct block *b = para(d, "あいうえおかきくけこさしすせそ");
	b->indent = 3;
	b->text_indent = -1;
}

static void
b_end(struct doc *d)
{
	struct block *b = para(d, "署名");
	b->align = ALIGN_END;
	b = para(d, "日付");
	b->align = ALIGN_END;
	b->end_off = 2;
}

static void
b_center(struct doc *d)
{
	para(d, "中央")->align = ALIGN_CENTER;
}

static void
b_measure(struct doc *d)
{
	para(d, "あいうえおかきくけこ")->measure = 4;
}

static void
b_measure_indent(struct doc *d)
{
	struct block *b = para(d, "あいうえおかきくけこ");
	b->measure = 4;
	b->indent = 2;
}

static void
b_measure_hang(struct doc *d)
{
	para(d, "あいうえ。おかきくけこ")->measure = 4;
}

static void
b_gap_back(struct doc *d)
{
	para(d, "本文。");
	para(d, "次の場面。")->flags |= BF_GAP;
	para(d, "底本：某")->flags |= BF_BACK;
	para(d, "入力：某")->flags |= BF_BACK;
	doc_add_block(d, BLK_PAGE_BREAK, xstrdup(""), 0);
	para(d, "改ページの後。");
}

static void
b_ruby(struct doc *d)
{
	struct block *b = para(d, "吾輩は猫である。");
	size_t cap = 0;
	block_add_span(b, &cap, 0, strlen("吾輩"), SPAN_RUBY, 0, doc_add_ann(d, "わがはい", 12));
}

static void
b_para_indent(struct doc *d)
{
	d->para_indent = true;
	para(d, "段落。");
}

/* ---- what the formats to come show: readings hidden, kunten, scripts,
 * 割り注, notes on no text, a work's title, figures, frames ---- */

static struct block *
spanned(struct doc *d, const char *text)
{
	return para(d, text);
}

static void
add(struct doc *d, struct block *b, const char *from, const char *to_after, int kind, int style,
    const char *ann)
{
	size_t cap = b->nspans;
	uint32_t s = (uint32_t)(strstr(b->text, from) - b->text);
	uint32_t e = to_after ? (uint32_t)(strstr(b->text + s, to_after) - b->text + strlen(to_after)) : s;
	block_add_span(b, &cap, s, e, kind, style, ann ? doc_add_ann(d, ann, strlen(ann)) : -1);
}

static void
b_two_rubies(struct doc *d)
{
	struct block *b = spanned(d, "青空が広がる。");
	add(d, b, "青空", "青空", SPAN_RUBY, 0, "あおぞら");
	add(d, b, "青空", "青空", SPAN_RUBY, EMPH_LEFT, "そら");
}

static void
b_kunten(struct doc *d)
{
	struct block *b = spanned(d, "登高山望海。");
	add(d, b, "高", NULL, SPAN_KUNTEN, 1, "リテ");
	add(d, b, "高", NULL, SPAN_KUNTEN, 0, "二");
	add(d, b, "望", NULL, SPAN_KUNTEN, 0, "一レ");
	add(d, b, "海", NULL, SPAN_KUNTEN, 0, "未知");
}

static void
b_scripts(struct doc *d)
{
	struct block *b = spanned(d, "H2Oと10m2と4thと①。");
	add(d, b, "2O", "2", SPAN_SUB, 0, NULL);
	add(d, b, "2と4", "2", SPAN_SUP, 0, NULL);
	add(d, b, "th", "th", SPAN_SUP, 0, NULL);
	add(d, b, "①", "①", SPAN_SUP, 0, NULL);
}

static void
b_warichu_note(struct doc *d)
{
	struct block *b = spanned(d, "住所は（東は海まで西は山まで）とある。");
	add(d, b, "東", "西は山まで", SPAN_WARICHU, WARICHU_TEXT, NULL);
	add(d, b, "西", NULL, SPAN_WARICHU, WARICHU_BREAK, NULL);
	add(d, b, "とある", NULL, SPAN_NOTE, NOTE_UNKNOWN, "謎の注記");
	add(d, b, "住所", "住所", SPAN_NOTE, NOTE_TEIHON, "「住所」は底本では「往所」");
}

static void
b_title_figure(struct doc *d)
{
	struct block *b = doc_add_block(d, BLK_TITLE, xstrdup("港の灯"), strlen("港の灯"));
	b->aux = xstrdup("灯台守の話\n水城透訳");
	b = doc_add_block(d, BLK_FIGURE, xstrdup("「灯台と船」のキャプション付きの図"),
	                  strlen("「灯台と船」のキャプション付きの図"));
	b->aux = xstrdup("fig1.png 400x300");
	b = doc_add_block(d, BLK_CAPTION, xstrdup("灯台と船"), strlen("灯台と船"));
	b->section = 1;
	b = doc_add_block(d, BLK_FIGURE, xstrdup("写真"), strlen("写真"));
	b->level = 1;
	doc_add_block(d, BLK_NOTE, xstrdup(""), 0)->aux = xstrdup("［＃未知］");
	para(d, "本文。");
	d->figures = true;
}

static void
b_page_first(struct doc *d)
{
	doc_add_block(d, BLK_PAGE_BREAK, xstrdup(""), 0);
	para(d, "後。");
}

static void
b_frames(struct doc *d)
{
	para(d, "前。");
	para(d, "囲み一。")->flags |= BF_FRAME;
	para(d, "囲み二。")->flags |= BF_FRAME;
	para(d, "後。");
}

static void
test_toc_lines(void)
{
	struct doc d;
	struct present P;
	struct toc_entry *e;
	struct block *b;
	size_t n;
	char *t, *l;
	doc_init(&d);
	b = doc_add_block(&d, BLK_HEADING, xstrdup("三\n旅の終わり"), strlen("三\n旅の終わり"));
	b->level = 2;
	doc_complete(&d);
	present_init(&P, &d, &(struct present_opts){1, NULL, false});
	n = doc_toc(&d, &e);
	t = n ? present_toc_text(&P, &e[0]) : NULL;
	l = n ? present_toc_label(&P, &e[0]) : NULL;
	tap_str(t, "三\u3000旅の終わり", "a heading of two lines is one line in the contents, joined by U+3000");
	tap_str(l, "三\u3000旅の終わり", "and in the status line's path");
	free(t);
	free(l);
	free(e);
	doc_free(&d);
}

int
main(void)
{
	one("字下げ: every line two characters in", 20, b_indent,
	    "    あいうえおかきく\n    けこさしすせそ\n");
	one("折り返し: the first line one character less", 20, b_hanging,
	    "    あいうえおかきく\n      けこさしすせそ\n");
	one("地付き and 地から2字上げ: set to the line end", 20, b_end,
	    "                署名\n\n            日付\n");
	one("centred", 20, b_center, "        中央\n");
	one("字詰め: a narrower measure", 20, b_measure, "あいうえ\nおかきく\nけこ\n");
	one("字詰め inside 字下げ: the measure counts from the indent", 20, b_measure_indent,
	    "    あいうえ\n    おかきく\n    けこ\n");
	hanging = true;
	one("字詰め with hanging punctuation: N characters a line, 、。 past them", 20, b_measure_hang,
	    "あいうえ。\nおかきく\nけこ\n");
	hanging = false;
	one("a scene break, the back matter set apart by a rule, a page break", 20, b_gap_back,
	    "本文。\n\n\n次の場面。\n\n────────────────────\n底本：某\n\n入力：某\n\n"
	    "────────────────────\n\n改ページの後。\n");
	one("ruby: the reading after its base", 30, b_ruby, "吾輩《わがはい》は猫である。\n");
	one("a document whose paragraphs are indented gets 字下げ", 20, b_para_indent, "\u3000段落。\n");
	one("a right and a left reading over one base", 40, b_two_rubies, "青空《あおぞら》〈そら〉が広がる。\n");
	ruby_hidden = true;
	one("ruby = hide: no readings", 40, b_two_rubies, "青空が広がる。\n");
	ruby_hidden = false;
	one("kunten after their character: 返り点 in kanbun forms, 送り仮名 as written", 40, b_kunten,
	    "登リテ㆓高山㆒㆑望未知海。\n");
	one("super- and subscripts in their forms, a mark where there are none", 40, b_scripts,
	    "H₂Oと10m²と4ᵗʰと^①。\n");
	one("a 割り注's break is a space; a note on no text a mark; one on text nothing", 60, b_warichu_note,
	    "住所は（東は海まで\u3000西は山まで）＊とある。\n");
	one("a title centred over the header's lines; figures marked, a caption under its figure", 30,
	    b_title_figure,
	    "            港の灯\n          灯台守の話\n           水城透訳\n\n[Figure] 「灯台と船」\n"
	    "  灯台と船\n\n[Photo] 写真\n\n本文。\n");
	one("consecutive framed blocks share one frame", 20, b_frames,
	    "前。\n\n┌──────────────────┐\n│ 囲み一。         │\n│                  │\n"
	    "│ 囲み二。         │\n└──────────────────┘\n\n後。\n");
	one("a frame on a narrow page: rules above and below", 12, b_frames,
	    "前。\n\n────────────\n囲み一。\n\n囲み二。\n────────────\n\n後。\n");
	/* fuzzing: a rule's piece read its text before any text was put
	 * (UBSan: an offset added to a null pointer) */
	one("a page break first", 10, b_page_first, "──────────\n\n後。\n");
	test_toc_lines();
	return tap_done();
}
