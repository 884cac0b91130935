/* book_test.c: a book of several files in the model (doc.c's
 * doc_append_part): the blocks, footnotes, columns and ruby of each file
 * moved along with their references, the table of contents nesting each
 * file's headings under it, the file a block belongs to; and what y and Y
 * copy (cite.c): the text with or without ruby, and the citation. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "book.h"
#include "cite.h"
#include "doc.h"
#include "format.h"
#include "present.h"
#include "tap.h"
#include "toc.h"
#include "util.h"

/* A Bluebook chapter: a chapter, a section, headings, a footnote, a
 * column with a footnote of its own, and ruby. */
static const char chapter[] =
	"第4章\n\n国民と共にある外交\n\n第1節\n\n世界とのつながり\n\n"
	"1 外国人との共生\n\n(1) 総論\n\n"
	"外務省は国際機関⁽¹⁾と連携している。^{かんじ}漢字を読む。\n\n"
	"(1) UPU : Universal Postal Union\n\n"
	"2 国際社会で活躍する日本人\n\n"
	"コラム\n\nCOLUMN\n\n国連の声\n\n私は国連¹で働いています。\n\n1 国際連合\n\n"
	"(1) 国際機関\n\n国際機関は組織である。\n";

static void
parse(struct doc *d, const char *text)
{
	format_parse(format_by_name("bluebook"), text, strlen(text), d);
}

/* The first block of D of KIND at or after FROM, or -1. */
static int32_t
find(const struct doc *d, enum block_kind kind, size_t from)
{
	for (size_t i = from; i < d->nblocks; i++)
		if (d->blocks[i].kind == kind)
			return (int32_t)i;
	return -1;
}

static int32_t
find_text(const struct doc *d, const char *text, size_t from)
{
	for (size_t i = from; i < d->nblocks; i++)
		if (strstr(d->blocks[i].text, text))
			return (int32_t)i;
	return -1;
}

/* The book of two chapters (the second with a title of its own) and an
 * empty file. */
static void
build_book(struct doc *book)
{
	struct doc a, b, c;
	doc_init(book);
	parse(&a, chapter);
	parse(&b, chapter);
	doc_set_title(&b, "第二の文書", strlen("第二の文書"));
	doc_set_author(&b, "水城透", strlen("水城透"));
	parse(&c, "");
	doc_append_part(book, &a, "a.txt", 0xA);
	doc_append_part(book, &b, "b.txt", 0xB);
	doc_append_part(book, &c, "c.txt", 0xC);
	doc_complete(book);
}

static void
test_append(void)
{
	struct doc one, book;
	int32_t p2, ref1, ref2, col2;
	const struct span *fn2 = NULL, *ruby2 = NULL;

	parse(&one, chapter);
	build_book(&book);
	tap_ok(book.nparts == 3 && book.blocks[0].kind == BLK_PART && book.parts[0].first == 0 &&
	           book.nblocks == 2 * one.nblocks + 3 && book.nnotes == 2 * one.nnotes &&
	           book.ncols == 2 * one.ncols,
	       "three files: a part block each, then each file's blocks, notes and columns");
	p2 = (int32_t)book.parts[1].first;
	tap_ok(book.blocks[p2].kind == BLK_PART && strcmp(book.blocks[p2].text, "第二の文書") == 0 &&
	           strcmp(book.blocks[0].text, "a.txt") == 0 &&
	           strcmp(book.blocks[book.parts[2].first].text, "c.txt") == 0,
	       "a file's part block says its title, or else its name");

	/* the second file's footnote reference leads to its own footnote */
	ref2 = find_text(&book, "外務省は国際機関", (size_t)p2);
	ref1 = find_text(&book, "外務省は国際機関", 0);
	for (uint32_t k = 0; ref2 >= 0 && k < book.blocks[ref2].nspans; k++) {
		const struct span *sp = &book.blocks[ref2].spans[k];
		if (sp->kind == SPAN_FNREF)
			fn2 = sp;
		if (sp->kind == SPAN_RUBY)
			ruby2 = sp;
	}
	tap_ok(fn2 && fn2->ref == (int32_t)one.nnotes && book.notes[fn2->ref].ref == ref2 &&
	           book.notes[fn2->ref].def > p2 &&
	           strstr(book.blocks[book.notes[fn2->ref].def].text, "UPU"),
	       "a footnote reference of the second file: its own footnote, its blocks moved");
	tap_ok(ruby2 && strcmp(doc_ann(&book, ruby2->ref), "かんじ") == 0 && ref1 >= 0 && ref1 < p2,
	       "its ruby reading moved with it");
	col2 = book.blocks[find(&book, BLK_COLUMN, (size_t)p2)].column;
	tap_ok(col2 == (int32_t)one.ncols && book.cols[col2].head > p2 &&
	           book.blocks[book.cols[col2].head].kind == BLK_COLUMN &&
	           book.notes[book.nnotes - 1].column == col2,
	       "its column, and the column's footnote scope, moved");
	tap_ok(doc_find_note(&book, col2, 1) == (int32_t)book.nnotes - 1 &&
	           doc_find_note(&book, -1, 1) == (int32_t)one.nnotes,
	       "notes are found by scope and number: the later file's win");
	tap_ok(doc_part_of(&book, 0) == &book.parts[0] &&
	           doc_part_of(&book, (size_t)p2 - 1) == &book.parts[0] &&
	           doc_part_of(&book, (size_t)p2) == &book.parts[1] &&
	           doc_part_of(&book, book.nblocks - 1) == &book.parts[2] &&
	           doc_part_of(&one, 3) == NULL,
	       "the file a block belongs to; none in a document of one file");
	tap_ok(book.parts[1].key == 0xB && strcmp(book.parts[1].name, "b.txt") == 0 &&
	           book.parts[1].para_indent && strcmp(book.lang, "ja") == 0,
	       "each file keeps its key, its name and how its paragraphs start");
	tap_ok(doc_title_at(&book, 3) == NULL && strcmp(doc_name_at(&book, 3), "a.txt") == 0 &&
	           strcmp(doc_title_at(&book, (size_t)p2 + 3), "第二の文書") == 0 &&
	           strcmp(doc_author_at(&book, (size_t)p2 + 3), "水城透") == 0,
	       "title, author and name of the file a block is in");
	doc_free(&one);
	doc_free(&book);
}

static void
test_toc(void)
{
	struct doc one, book;
	struct toc_entry *e, *eo;
	size_t n, no;
	bool nested = true;
	parse(&one, chapter);
	build_book(&book);
	no = doc_toc(&one, &eo);
	n = doc_toc(&book, &e);
	tap_ok(n == 2 * no + 3, "the contents: the files' entries and each file's (%zu, %zu)", n, no);
	tap_ok(e[0].depth == 0 && e[0].block == 0 && e[1 + no].depth == 0 &&
	           e[2 + 2 * no].depth == 0 && e[2 + 2 * no].block == (int32_t)book.parts[2].first,
	       "each file a top-level entry");
	for (size_t i = 0; i < no; i++)
		nested &= e[1 + i].depth == eo[i].depth + 1 && e[2 + no + i].depth == eo[i].depth + 1;
	tap_ok(nested, "each file's own entries one level below it");
	free(e);
	free(eo);
	doc_free(&one);
	doc_free(&book);
}

/* The citation of the first block holding TEXT at or after block FROM. */
static char *
cite_of(struct doc *d, const char *text, size_t from)
{
	struct present P;
	struct toc t = {0};
	struct buf b = {0};
	present_init(&P, d, &(struct present_opts){1, NULL, false});
	toc_build(&t, &P);
	cite_place(&t, &P, find_text(d, text, from), &b);
	toc_free(&t);
	return buf_steal(&b);
}

static void
test_cite(void)
{
	struct doc d, book;
	char *s;
	struct buf b = {0};
	int32_t bi;

	parse(&d, chapter);
	doc_set_title(&d, "外交青書2026", strlen("外交青書2026"));
	s = cite_of(&d, "外務省は国際機関", 0);
	tap_str(s, "『外交青書2026』第4章第1節 1(1)", "the chapter: 『title』 and the labels, grouped");
	free(s);
	s = cite_of(&d, "私は国連", 0);
	tap_str(s, "『外交青書2026』第4章第1節 2 コラム：国連の声", "in a column: the column's name");
	free(s);
	s = cite_of(&d, "国民と共にある外交", 0);
	tap_str(s, "『外交青書2026』第4章", "the chapter heading itself");
	free(s);
	xfree(&d.title);
	d.name = xstrdup("ch4.txt");
	s = cite_of(&d, "国際機関は組織", 0);
	tap_str(s, "ch4.txt 第4章第1節 2(1)", "no title: the file's name, then the labels");
	free(s);
	bi = find_text(&d, "漢字", 0);
	cite_block_text(&d, (size_t)bi, false, &b);
	tap_str(b.p, "外務省は国際機関⁽¹⁾と連携している。漢字を読む。", "copied text: ruby left out");
	b.len = 0;
	cite_block_text(&d, (size_t)bi, true, &b);
	tap_str(b.p, "外務省は国際機関⁽¹⁾と連携している。漢字（かんじ）を読む。",
	        "or kept as 漢字（かんじ）");
	buf_free(&b);
	doc_free(&d);

	/* an Aozora-like text: its author and title, a heading without a label */
	doc_init(&d);
	doc_set_title(&d, "蜘蛛の糸", strlen("蜘蛛の糸"));
	doc_set_author(&d, "芥川龍之介", strlen("芥川龍之介"));
	doc_add_block(&d, BLK_HEADING, xstrdup("一"), strlen("一"))->level = 2;
	doc_add_block(&d, BLK_PARA, xstrdup("ある日の事でございます。"), strlen("ある日の事でございます。"));
	doc_add_block(&d, BLK_HEADING, xstrdup("二"), strlen("二"))->level = 2;
	doc_add_block(&d, BLK_PARA, xstrdup("御釈迦様は極楽の"), strlen("御釈迦様は極楽の"));
	doc_complete(&d);
	s = cite_of(&d, "御釈迦様", 0);
	tap_str(s, "芥川龍之介『蜘蛛の糸』二", "an Aozora text: 著者『題名』見出し");
	free(s);
	doc_free(&d);

	build_book(&book);
	s = cite_of(&book, "外務省は国際機関", 0);
	tap_str(s, "a.txt 第4章第1節 1(1)", "in a book: the file's name (it has no title)");
	free(s);
	s = cite_of(&book, "外務省は国際機関", book.parts[1].first);
	tap_str(s, "水城透『第二の文書』第4章第1節 1(1)", "or its own author and title");
	free(s);
	doc_free(&book);

	doc_init(&d);
	doc_add_block(&d, BLK_PARA, xstrdup("ただの文。"), strlen("ただの文。"));
	doc_complete(&d);
	s = cite_of(&d, "ただの文", 0);
	tap_str(s, "", "standard input, no headings: nothing to cite");
	free(s);
	doc_free(&d);
}

/* ---- reading a book: each file its own encoding and format ---- */

/* A toy format: a first line "TOY:", then each line a paragraph. */
static int
toy_detect(const char *text, size_t len, const char *path)
{
	(void)path;
	return len >= 4 && memcmp(text, "TOY:", 4) == 0 ? 90 : 0;
}

static void *
toy_begin(struct doc *d)
{
	doc_set_title(d, "おもちゃ", strlen("おもちゃ"));
	return d;
}

static void
toy_feed(void *st, const char *text, size_t len)
{
	struct doc *d = st;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - text) : len;
		if (e > i)
			doc_add_block(d, BLK_PARA, xstrndup(text + i, e - i), e - i);
		i = e + 1;
	}
	d->nfinal = d->nblocks;
}

static void
toy_end(void *st)
{
	doc_complete(st);
}

static size_t
toy_resync(const char *text, size_t len, size_t keep)
{
	(void)text;
	(void)len;
	(void)keep;
	return 0;
}

static const struct format toy = {"toy", "each line a paragraph", toy_detect, toy_begin,
                                  toy_feed, toy_end, toy_resync};

static void
write_file(const char *dir, const char *name, const char *bytes, size_t n)
{
	char path[512];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	fwrite(bytes, 1, n, f);
	fclose(f);
}

static void
test_load(void)
{
	char dir[] = "/tmp/yomu-book-XXXXXX", cmd[600], *err = NULL, *notes;
	/* 鳥が空を飛ぶ。 in Shift_JIS */
	static const char sjis[] = "\x92\xb9\x82\xaa\x8b\xf3\x82\xf0\x94\xf2\x82\xd4\x81\x42\n";
	char *paths[1];
	struct book b;
	struct doc d;
	int32_t bi;

	format_register(&toy);
	if (!mkdtemp(dir)) {
		tap_ok(0, "a temporary directory");
		return;
	}
	write_file(dir, "ch1.txt", chapter, strlen(chapter));
	write_file(dir, "ch2.txt", sjis, strlen(sjis));
	write_file(dir, "ch10.txt", "TOY:\n一行目\n二行目\n", strlen("TOY:\n一行目\n二行目\n"));
	write_file(dir, "photo.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
	write_file(dir, ".hidden.txt", "隠し\n", strlen("隠し\n"));
	snprintf(cmd, sizeof cmd, "%s/sub", dir);
	mkdir(cmd, 0700);
	paths[0] = dir;
	tap_ok(book_wanted(paths, 1) && book_open(&b, paths, 1, NULL, NULL, &d, &err) && !err,
	       "a directory is a book");
	tap_ok(b.n == 3 && strcmp(b.f[0].name, "ch1.txt") == 0 && strcmp(b.f[1].name, "ch2.txt") == 0 &&
	           strcmp(b.f[2].name, "ch10.txt") == 0 && b.f[0].key && b.f[0].key != b.f[1].key,
	       "of its text files in name order, numbers by value; each with its key");
	notes = book_take_notes(&b);
	tap_str(notes, "photo.png: not a text file; skipped",
	        "what is not text is skipped with a note; hidden files and directories quietly");
	free(notes);
	book_begin(&b);
	tap_ok(d.nparts == 1 && !d.complete && book_progress(&b) < 1.0,
	       "the first file is read before the rest");
	book_read_through(&b, 1);
	tap_ok(d.nparts == 2, "then as far as a file asked for");
	book_finish(&b);
	tap_ok(d.nparts == 3 && d.complete && book_progress(&b) == 1.0, "then all of it");
	bi = find_text(&d, "鳥が空を飛ぶ。", 0);
	tap_ok(bi > (int32_t)d.parts[1].first && (size_t)bi < d.parts[2].first,
	       "each file is decoded in its own encoding (Shift_JIS)");
	tap_ok(d.parts[0].para_indent && !d.parts[2].para_indent &&
	           strcmp(d.blocks[d.parts[2].first].text, "おもちゃ") == 0 &&
	           d.blocks[d.parts[2].first + 1].kind == BLK_PARA &&
	           strcmp(d.blocks[d.parts[2].first + 2].text, "一行目") == 0,
	       "and read in its own format (the toy format's title, its paragraphs)");
	book_close(&b);
	doc_free(&d);

	paths[0] = cmd;
	tap_ok(book_wanted(paths, 1) && !book_open(&b, paths, 1, NULL, NULL, &d, &err) && err &&
	           strstr(err, ": no text files in this directory"),
	       "a directory with no text file: an error");
	free(err);
	book_close(&b);
	doc_free(&d);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", dir);
}

int
main(void)
{
	test_load();
	test_append();
	test_toc();
	test_cite();
	return tap_done();
}
