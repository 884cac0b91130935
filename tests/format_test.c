/* format_test.c: the format table (format.c): a toy format, each line a
 * paragraph, added through the table, is detected, named, listed, read in
 * pieces by the loader like any format, and shown by --dump and the
 * screen through the same presentation. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bluebook.h"
#include "docload.h"
#include "dump.h"
#include "format.h"
#include "keys.h"
#include "reader.h"
#include "tap.h"
#include "text.h"
#include "util.h"

extern const unsigned char yomu_chapter[];
extern const size_t yomu_chapter_len;

/* ---- the toy format: a few lines ---- */

static int
toy_detect(const char *text, size_t len, const char *path)
{
	(void)path;
	return len >= 4 && memcmp(text, "TOY:", 4) == 0 ? 90 : 0;
}

static void *
toy_begin(struct doc *d)
{
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
	(void)keep;
	(void)len;
	return 0;
}

static const struct format toy = {"toy", "each line a paragraph", toy_detect, toy_begin,
                                  toy_feed, toy_end, toy_resync};

/* ---- the tests ---- */

static char *
dump_of(const struct doc *d, int width)
{
	struct dump_opts o = {width, false, 1, {1, NULL}, NULL};
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	dump_document(f, d, &o);
	fclose(f);
	return out;
}

static void
test_table(void)
{
	const struct format *const *all;
	bool listed = false;
	size_t len;
	char *chapter = text_decode(yomu_chapter, yomu_chapter_len, &len, NULL);

	tap_ok(format_by_name("toy") == NULL, "before it is registered, no format is called toy");
	format_register(&toy);
	tap_ok(format_by_name("TOY") == &toy, "registered, it is found by its name, in any case");
	all = format_all();
	for (size_t i = 0; all[i]; i++)
		listed |= all[i] == &toy;
	tap_ok(listed && all[0] == &format_bluebook, "and listed after the built-in ones");
	tap_ok(format_detect("TOY:\nb\n", 7, NULL) == &toy, "a text that looks like it is detected as it");
	tap_ok(format_detect(chapter, len, NULL) == &format_bluebook, "the chapter is not");
	free(chapter);
}

static void
test_parse(void)
{
	static const char text[] = "TOY:\n一行目の段落。\nあいうえおかきくけこさしすせそ\n";
	struct doc d;
	char *out;
	format_parse(&toy, text, sizeof text - 1, &d);
	tap_ok(d.complete && d.nblocks == 3 && d.blocks[1].kind == BLK_PARA,
	       "format_parse: each line a block (%zu)", d.nblocks);
	out = dump_of(&d, 20);
	tap_str(out, "TOY:\n\n一行目の段落。\n\nあいうえおかきくけこ\nさしすせそ\n",
	        "--dump lays out its paragraphs like any (no 字下げ: the format's text has its own)");
	free(out);
	doc_free(&d);
}

/* The loader reads a file through the table: pieces, the format forced
 * or detected. */
static void
test_loader(void)
{
	char path[] = "/tmp/yomu-format-test-XXXXXX";
	int fd = mkstemp(path);
	struct buf big = {0};
	struct docload dl;
	struct doc d;
	char *err = NULL;
	bool ok;

	buf_adds(&big, "TOY:\n");
	for (int i = 0; i < 20000; i++)
		buf_printf(&big, "段落%d。\n", i);
	ok = fd >= 0 && write(fd, big.p, big.len) == (ssize_t)big.len;
	if (fd >= 0)
		close(fd);
	tap_ok(ok, "a toy file of %zu bytes", big.len);
	ok = docload_open(&dl, path, NULL, &d, &err);
	if (ok)
		docload_begin(&dl, NULL);
	tap_ok(ok && dl.fmt == &toy && !d.complete && d.nfinal > 0,
	       "docload detects it from the start, and reads only a first piece (%zu blocks)",
	       d.nblocks);
	if (ok) {
		docload_finish(&dl);
		tap_ok(d.complete && d.nblocks == 20001, "then the rest (%zu blocks)", d.nblocks);
		docload_close(&dl);
		doc_free(&d);
	}
	ok = docload_open(&dl, path, NULL, &d, &err);
	if (ok)
		docload_begin(&dl, &format_bluebook);
	tap_ok(ok && dl.fmt == &format_bluebook, "a format given is not detected");
	if (ok) {
		docload_close(&dl);
		doc_free(&d);
	}
	unlink(path);
	buf_free(&big);
	free(err);
}

/* The screen shows it like any document. */
static void
test_screen(void)
{
	static const char text[] = "TOY:\n最初の行。\n次の行。\n";
	struct doc d;
	struct keymap km;
	struct ui_opts o = {.toc_width = 30, .toc_visible = true, .hanging = true, .mouse = true,
	                    .wrap_search = true, .amb = 1};
	struct reader *r;
	struct canvas c;
	char *screen;

	format_parse(&toy, text, sizeof text - 1, &d);
	keymap_init_defaults(&km);
	r = reader_new(&d, &km, &o, 40, 8, NULL);
	canvas_init(&c, 40, 8, 1);
	reader_draw(r, &c);
	screen = canvas_dump(&c, 0);
	tap_ok(strstr(screen, " 最初の行。\n\n 次の行。\n") != NULL, "the screen shows its paragraphs");
	free(screen);
	canvas_free(&c);
	reader_free(&r);
	keymap_free(&km);
	doc_free(&d);
}

int
main(void)
{
	test_table();
	test_parse();
	test_loader();
	test_screen();
	return tap_done();
}
