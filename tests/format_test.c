/* format_test.c: the format table (format.c): a toy format, each line a
 * paragraph, added through the table, is detected, named, listed, read in
 * pieces by the loader like any format, and shown by --dump and the
 * screen through the same presentation.  Then detection, a table: every
 * fixture of the test tree, the built-in chapter and the chapter in CP932
 * and EUC-JP, each read as the loader reads it, and the format it must be
 * detected as. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <dirent.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bluebook.h"
#include "docload.h"
#include "dump.h"
#include "format.h"
#include "keys.h"
#include "load.h"
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
	struct dump_opts o = {width, false, 1, {1, NULL, false}, NULL};
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

/* ---- detection, on every fixture ---- */

/* The chapter converted to ENC as "iconv -c" would (what ENC cannot hold,
 * such as ⁽¹⁾, dropped), written to a temporary file; its name, or NULL. */
static char *
chapter_in(const char *enc)
{
	iconv_t cd = iconv_open(enc, "UTF-8");
	char *in = (char *)yomu_chapter, *out, *o;
	size_t left = yomu_chapter_len, room = 4 * yomu_chapter_len, n;
	char path[] = "/tmp/yomu-detect-XXXXXX";
	int fd;
	if (cd == (iconv_t)-1)
		return NULL;
	o = out = xmalloc(room);
	while (left > 0 && iconv(cd, &in, &left, &o, &room) == (size_t)-1) {
		if (errno != EILSEQ && errno != EINVAL)
			break;
		/* skip the character ENC has not */
		do
			in++, left--;
		while (left > 0 && ((unsigned char)*in & 0xC0) == 0x80);
	}
	iconv_close(cd);
	n = (size_t)(o - out);
	fd = mkstemp(path);
	if (fd < 0 || write(fd, out, n) != (ssize_t)n) {
		free(out);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	close(fd);
	free(out);
	return xstrdup(path);
}

/* The format PATH (NULL: the built-in chapter) is detected as by the
 * loader, and the score of each format on the first piece it reads. */
static const struct format *
detected(const char *path, struct buf *scores)
{
	const struct format *const *all = format_all();
	struct source src;
	struct docload dl;
	struct doc d;
	char *err = NULL, *first;
	size_t len = 0;
	const struct format *f = NULL;
	if (docload_open(&dl, path, NULL, &d, &err)) {
		docload_begin(&dl, NULL);
		f = dl.fmt;
		docload_close(&dl);
		doc_free(&d);
	}
	free(err);
	err = NULL;
	scores->len = 0;
	buf_adds(scores, "");
	if (!source_open(&src, path, NULL, &err)) {
		free(err);
		return f;
	}
	first = source_next(&src, 32u * 1024u, &len);
	for (size_t i = 0; all[i]; i++)
		buf_printf(scores, "%s%s %d", i ? ", " : "", all[i]->name, all[i]->detect(first ? first : "", len, path));
	free(first);
	source_close(&src);
	return f;
}

/* The highest score of the formats other than NOT on PATH's start. */
static int
best_other(const char *path, const char *not)
{
	const struct format *const *all = format_all();
	struct source src;
	char *err = NULL, *first;
	size_t len = 0;
	int best = 0;
	if (!source_open(&src, path, NULL, &err)) {
		free(err);
		return 100;
	}
	first = source_next(&src, 32u * 1024u, &len);
	for (size_t i = 0; all[i]; i++)
		if (strcmp(all[i]->name, not) != 0) {
			int s = all[i]->detect(first ? first : "", len, path);
			best = s > best ? s : best;
		}
	free(first);
	source_close(&src);
	return best;
}

static void
detect_row(const char *path, const char *shown, const char *want)
{
	struct buf scores = {0};
	const struct format *f = detected(path, &scores);
	tap_ok(f && strcmp(f->name, want) == 0, "detect: %s is %s (got %s; %s)", shown, want,
	       f ? f->name : "nothing", scores.p ? scores.p : "");
	buf_free(&scores);
}

/* Every file of tests/fixtures/DIR is WANT. */
static void
detect_dir(const char *dir, const char *want, bool others_low)
{
	const char *top = getenv("srcdir");
	struct buf path = {0};
	struct dirent **list;
	int n;
	buf_printf(&path, "%s/tests/fixtures/%s", top ? top : ".", dir);
	n = scandir(path.p, &list, NULL, alphasort);
	tap_ok(n > 2, "detect: the fixtures in %s", path.p);
	for (int i = 0; i < n; i++) {
		struct buf file = {0}, shown = {0};
		if (strstr(list[i]->d_name, ".txt")) {
			buf_printf(&file, "%s/%s", path.p, list[i]->d_name);
			buf_printf(&shown, "%s/%s", dir, list[i]->d_name);
			detect_row(file.p, shown.p, want);
			if (others_low) {
				int s = best_other(file.p, "aozora");
				tap_ok(s < 70, "detect: %s: the formats but aozora score below 70 (%d)", shown.p, s);
			}
		}
		buf_free(&file);
		buf_free(&shown);
		free(list[i]);
	}
	if (n >= 0)
		free(list);
	buf_free(&path);
}

static void
test_detect(void)
{
	static const char *const encs[] = {"CP932", "EUC-JP"};
	/* the Aozora format is another module's: until it is in the table,
	 * its files read as plain text, and nothing else may claim them */
	const char *aozora = format_by_name("aozora") ? "aozora" : "plain";
	const char *top = getenv("srcdir");
	struct buf trap = {0};

	detect_row(NULL, "the built-in chapter", "bluebook");
	for (size_t i = 0; i < 2; i++) {
		char *p = chapter_in(encs[i]), shown[64];
		snprintf(shown, sizeof shown, "the chapter in %s", encs[i]);
		tap_ok(p != NULL, "detect: the chapter converted to %s", encs[i]);
		if (p) {
			detect_row(p, shown, "bluebook");
			unlink(p);
			free(p);
		}
	}
	detect_dir("plain", "plain", false);
	detect_dir("aozora", aozora, true);
	buf_printf(&trap, "%s/tests/fixtures/plain/novel-bluebook-trap.txt", top ? top : ".");
	tap_ok(best_other(trap.p, "plain") == 0 && format_by_name("bluebook")->detect("", 0, NULL) == 0,
	       "detect: the novel with Bluebook-like lines shows none of the Bluebook's own marks");
	buf_free(&trap);
}

int
main(void)
{
	test_table();
	test_parse();
	test_loader();
	test_screen();
	test_detect();
	return tap_done();
}
