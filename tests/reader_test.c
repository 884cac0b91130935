/* reader_test.c: the reader (reader.c, ui.c) driven through its API: what
 * the action table says an action is. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "bluebook.h"
#include "canvas.h"
#include "format.h"
#include "keys.h"
#include "reader.h"
#include "tap.h"
#include "text.h"
#include "util.h"

extern const unsigned char yomu_chapter[];
extern const size_t yomu_chapter_len;

static struct doc D;

static struct reader *
open_reader(const struct keymap *km)
{
	struct ui_opts o = {.toc_width = 30, .toc_visible = true, .hanging = true, .mouse = true,
	                    .wrap_search = true, .amb = 1};
	return reader_new(&D, km, &o, 100, 30, NULL);
}

/* The screen R shows; the caller frees it. */
static char *
screen_of(struct reader *r)
{
	struct canvas c;
	char *s;
	canvas_init(&c, 100, 30, 1);
	reader_draw(r, &c);
	s = canvas_dump(&c, 0);
	canvas_free(&c);
	return s;
}

/* The redraw action asks the terminal for a full redraw, whatever its
 * key; a key bound to another action does not. */
static void
test_redraw(void)
{
	struct keymap km;
	struct reader *r;
	char *want, *got;

	keymap_init_defaults(&km);
	r = open_reader(&km);
	reader_key(r, 'j');
	reader_key(r, 'j');
	reader_take_redraw(r);
	want = screen_of(r);
	reader_free(&r);
	r = open_reader(&km);
	reader_key(r, K_CTRL('l'));
	tap_ok(reader_take_redraw(r), "C-l (redraw) asks for a full redraw");
	tap_ok(!reader_take_redraw(r), "once");
	reader_key(r, 'j');
	tap_ok(!reader_take_redraw(r), "j does not");
	reader_free(&r);

	keymap_bind(&km, 'x', ACT_REDRAW);
	keymap_bind(&km, K_CTRL('l'), ACT_LINE_DOWN);
	r = open_reader(&km);
	reader_key(r, 'x');
	tap_ok(reader_take_redraw(r), "redraw rebound to x: x redraws");
	reader_key(r, K_CTRL('l'));
	reader_key(r, K_CTRL('l'));
	got = screen_of(r);
	tap_ok(!reader_take_redraw(r) && strcmp(got, want) == 0,
	       "C-l bound to line-down scrolls as j does, and does only that");
	free(got);
	free(want);
	reader_free(&r);
	keymap_free(&km);
}

/* The table carries what the side lists used to: the flags of every
 * action are the ones its behaviour needs. */
static void
test_flags(void)
{
	tap_ok((action_flags(ACT_LINE_DOWN) & AF_TAIL) && (action_flags(ACT_LINE_UP) & AF_TAIL_UP) &&
	           !(action_flags(ACT_TOP) & (AF_TAIL | AF_TAIL_UP)),
	       "the tail takes scrolling down, and up within itself, not g");
	tap_ok((action_flags(ACT_NEXT_LINK) & AF_KEEP_SEL) && !(action_flags(ACT_LINE_DOWN) & AF_KEEP_SEL),
	       "Tab keeps the selection, j does not");
	tap_ok(action_flags(ACT_NONE) == 0, "no action, no flags");
}

/* A URL on screen: its cells, and only those, link to it (for terminal
 * hyperlinks); a popup drawn over some of them takes them out. */
static void
test_url_cells(void)
{
	struct keymap km;
	struct reader *r;
	struct canvas c;
	const char *url = "https://www.mofa-irc.go.jp/";
	size_t linked = 0, shown = 0, wrong = 0;
	keymap_init_defaults(&km);
	r = open_reader(&km);
	for (const char *k = "/mofa-irc\n"; *k; k++)
		reader_key(r, *k);
	canvas_init(&c, 100, 30, 1);
	reader_draw(r, &c);
	for (int y = 0; y < c.h; y++) {
		char *row = NULL;
		for (int x = 0; x < c.w; x++) {
			const struct cell *e = &c.cells[(size_t)y * (size_t)c.w + (size_t)x];
			if (e->link) {
				linked++;
				if (strcmp(c.links[e->link - 1], url) != 0)
					wrong++;
			}
		}
		(void)row;
	}
	{
		char *s = canvas_dump(&c, 0), *p = s;
		while ((p = strstr(p, url)) != NULL) {
			shown += strlen(url);
			p += strlen(url);
		}
		free(s);
	}
	tap_ok(linked > 0 && linked == shown && wrong == 0,
	       "the cells of the URL on screen link to it (%zu cells, %zu of its characters shown)", linked, shown);
	/* the link's popup over it: the cells it covers link no more */
	reader_key(r, '\t');
	reader_key(r, '\t');
	reader_key(r, '\n');
	reader_draw(r, &c);
	linked = 0;
	for (int i = 0; i < c.w * c.h; i++)
		linked += c.cells[i].link != 0;
	tap_ok(linked < shown, "a popup drawn over the link takes its cells out (%zu left)", linked);
	canvas_free(&c);
	reader_free(&r);
	keymap_free(&km);
}

/* A document read between keys that is a book: the loader gives a mark
 * once the block it stands on is read, and is told the position after
 * every key.  D seen through a copy whose end is read 20 blocks a step. */
struct fake_book {
	struct doc d;
	int given;
	size_t told;
	uint32_t at_block;
};

static bool
fake_step(void *ctx, size_t max)
{
	struct fake_book *fb = ctx;
	(void)max;
	fb->d.nfinal = fb->d.nfinal + 20 < fb->d.nblocks ? fb->d.nfinal + 20 : fb->d.nblocks;
	fb->d.complete = fb->d.nfinal == fb->d.nblocks;
	return !fb->d.complete;
}

static double
fake_progress(void *ctx)
{
	struct fake_book *fb = ctx;
	return (double)fb->d.nfinal / (double)fb->d.nblocks;
}

/* Mark c at block 60 and mark a at 80, once 80 is read. */
static bool
fake_mark(void *ctx, int *i, uint32_t *block, uint32_t *offset)
{
	struct fake_book *fb = ctx;
	if (fb->given == 2 || fb->d.nfinal <= 80)
		return false;
	*i = fb->given ? 0 : 2;
	*block = fb->given ? 80 : 60;
	*offset = 0;
	fb->given++;
	return true;
}

static void
fake_at(void *ctx, uint32_t block, uint32_t offset)
{
	struct fake_book *fb = ctx;
	(void)offset;
	fb->told++;
	fb->at_block = block;
}

static void
test_book_loader(void)
{
	struct keymap km;
	struct reader *r;
	struct fake_book fb = {.d = D};
	struct ui_loader l = {.step = fake_step, .progress = fake_progress, .ctx = &fb,
	                      .mark = fake_mark, .at = fake_at};
	struct ui_opts o = {.toc_width = 30, .toc_visible = true, .hanging = true, .amb = 1};
	uint32_t block, offset;

	fb.d.nfinal = 10;
	fb.d.complete = false;
	keymap_init_defaults(&km);
	r = reader_new(&fb.d, &km, &o, 100, 30, &l);
	reader_set_mark(r, 0, 5, 0); /* a: the reader's own */
	reader_key(r, 'j');
	reader_get_position(r, &block, &offset);
	tap_ok(fb.told == 1 && fb.at_block == block, "the loader is told the position after a key");
	tap_ok(!reader_get_mark(r, 2, &block, &offset), "a mark in what is not read yet: not there yet");
	reader_key(r, '\'');
	reader_key(r, 'c');
	reader_get_position(r, &block, &offset);
	tap_ok(reader_get_mark(r, 2, &block, &offset) && block == 60,
	       "'c: the rest read, the mark given, and gone to");
	reader_get_position(r, &block, &offset);
	tap_ok(fb.told == 3 && fb.at_block == block && block >= 55 && block <= 60,
	       "the loader told where ('c took the reader to block %u)", (unsigned)block);
	tap_ok(reader_get_mark(r, 0, &block, &offset) && block == 5,
	       "a mark given for a letter the reader has set: the reader's stays");
	reader_free(&r);
	keymap_free(&km);
}

int
main(void)
{
	size_t len;
	char *t = text_decode(yomu_chapter, yomu_chapter_len, &len, NULL);
	format_parse(&format_bluebook, t, len, &D);
	free(t);
	test_redraw();
	test_flags();
	test_url_cells();
	test_book_loader();
	doc_free(&D);
	return tap_done();
}
