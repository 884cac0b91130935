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

static char *
dump_of(struct doc *d, int width)
{
	struct dump_opts o = {width, false, 1, {1, NULL}, NULL};
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
	one("a scene break, the back matter set apart by a rule, a page break", 20, b_gap_back,
	    "本文。\n\n\n次の場面。\n\n────────────────────\n底本：某\n\n入力：某\n\n"
	    "────────────────────\n\n改ページの後。\n");
	one("ruby: the reading after its base", 30, b_ruby, "吾輩《わがはい》は猫である。\n");
	one("a document whose paragraphs are indented gets 字下げ", 20, b_para_indent, "\u3000段落。\n");
	return tap_done();
}
