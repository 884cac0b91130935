/* reader.c: the end of a large document shown before it is all read, as a
 * controller above the ui (see reader.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "reader.h"
#include "util.h"

struct reader {
	struct ui *u;         /* the whole document (as far as it is read) */
	struct ui *tail;      /* its end, while the rest is read; or NULL */
	struct doc *tail_doc;
	const struct doc *d;
	const struct keymap *keys;
	struct ui_opts opts;
	struct ui_loader loader;
	int w, h;
};

struct reader *
reader_new(const struct doc *d, const struct keymap *keys, const struct ui_opts *o, int w, int h,
           const struct ui_loader *loader)
{
	struct reader *r = xcalloc(1, sizeof *r);
	r->d = d;
	r->keys = keys;
	r->opts = *o;
	r->w = w;
	r->h = h;
	if (loader)
		r->loader = *loader;
	r->u = ui_new(d, keys, o, w, h);
	ui_set_loader(r->u, loader);
	return r;
}

static void
tail_drop(struct reader *r)
{
	ui_free(&r->tail);
	if (r->tail_doc) {
		doc_free(r->tail_doc);
		xfree(&r->tail_doc);
	}
}

void
reader_free(struct reader **rp)
{
	struct reader *r = *rp;
	if (!r)
		return;
	tail_drop(r);
	ui_free(&r->u);
	free(r);
	*rp = NULL;
}

/* G before the document is all read: its end, shown at once. */
static bool
tail_open(struct reader *r)
{
	struct ui_opts o = r->opts;
	uint64_t from, total;
	/* a few screenfuls of text: at most two bytes a cell */
	size_t keep = (size_t)r->w * (size_t)r->h * 2;
	double t0 = timing_now();
	if (r->d->complete || !r->loader.tail || ui_busy(r->u))
		return false;
	r->tail_doc = xcalloc(1, sizeof *r->tail_doc);
	if (!r->loader.tail(r->loader.ctx, keep, r->tail_doc, &from, &total)) {
		xfree(&r->tail_doc);
		return false;
	}
	o.warning = NULL;
	o.toc_visible = ui_toc_visible(r->u);
	o.ruby_hidden = ui_ruby_hidden(r->u);
	o.vertical = ui_vertical(r->u);
	r->tail = ui_new(r->tail_doc, r->keys, &o, r->w, r->h);
	ui_set_measure(r->tail, ui_get_measure(r->u));
	/* the contents pane as wide as the document's, though the tail has
	 * few headings: the text stands where it will in the whole document */
	ui_toc_widen(r->tail, ui_toc_longest(r->u));
	ui_set_byte_range(r->tail, from, total);
	ui_goto_end(r->tail);
	timing_report("G: the tail read and laid out", t0);
	return true;
}

static bool
same_block(const struct block *a, const struct block *b)
{
	return a->kind == b->kind && a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

/* Block TB of the tail in the whole document D, or -1: the same block as
 * many blocks from the end, or else the last one with the same text. */
static int32_t
tail_block(const struct doc *d, const struct doc *t, uint32_t tb)
{
	size_t from_end = t->nblocks - tb, lo;
	if (from_end <= d->nblocks && same_block(&d->blocks[d->nblocks - from_end], &t->blocks[tb]))
		return (int32_t)(d->nblocks - from_end);
	lo = d->nblocks > 4 * t->nblocks ? d->nblocks - 4 * t->nblocks : 0;
	for (size_t i = d->nblocks; i-- > lo;)
		if (same_block(&d->blocks[i], &t->blocks[tb]))
			return (int32_t)i;
	return -1;
}

/* Read the whole document and show in it what the tail shows. */
static void
tail_leave(struct reader *r)
{
	uint32_t tb, off;
	int32_t b;
	ui_complete(r->u);
	ui_get_position(r->tail, &tb, &off);
	b = r->tail_doc->nblocks ? tail_block(r->d, r->tail_doc, tb) : -1;
	if (b >= 0) {
		/* a position names text: the blank row above it is kept apart */
		bool gap = !ui_vertical(r->tail) && ui_top_is_gap(r->tail);
		ui_set_position(r->u, (uint32_t)b, off);
		if (gap)
			ui_top_to_gap(r->u);
	} else
		ui_goto_end(r->u);
	ui_set_toc_visible(r->u, ui_toc_visible(r->tail));
	ui_set_ruby_hidden(r->u, ui_ruby_hidden(r->tail));
	tail_drop(r);
}

/* Once the whole document is read, and no popup of the tail is open, the
 * document proper takes over. */
static void
tail_settle(struct reader *r)
{
	if (r->tail && r->d->complete && !ui_busy(r->tail) && !ui_done(r->tail))
		tail_leave(r);
}

/* Does the key go to the tail? */
static bool
tail_takes(struct reader *r, int32_t key)
{
	enum action a;
	unsigned f;
	if (ui_busy(r->tail))
		return true; /* its popups are its own */
	a = keymap_lookup(r->keys, CTX_READER, key);
	f = action_flags(a);
	if (a == ACT_NONE || (f & AF_TAIL))
		return true;
	return (f & AF_TAIL_UP) && ui_can_scroll_up(r->tail, -ui_action_rows(r->tail, a));
}

/* Tell the loader where the reader is (a book keeps each file's place):
 * the whole document's body, not while a key waits for the rest. */
static void
report_at(struct reader *r)
{
	uint32_t block, offset;
	if (!r->loader.at || r->tail || ui_waiting(r->u))
		return;
	ui_get_position(r->u, &block, &offset);
	r->loader.at(r->loader.ctx, block, offset);
}

static void
key_to(struct reader *r, int32_t key)
{
	if (ui_waiting(r->u)) {
		/* queued behind what waits for the rest (or q, Esc) */
		ui_key(r->u, key);
		return;
	}
	if (r->tail) {
		long n;
		bool counting;
		if (tail_takes(r, key)) {
			ui_key(r->tail, key);
			tail_settle(r);
			return;
		}
		/* a count typed on the tail counts for the key (50%) */
		counting = ui_pending_count(r->tail, &n);
		if (counting)
			ui_set_pending_count(r->u, n);
		if (!r->d->complete && r->loader.step) {
			/* up out of the end: once the rest is read (see reader_idle) */
			ui_defer_key(r->u, key);
			ui_message(r->tail, _("Reading the rest of the document… (Esc stops waiting)"));
			return;
		}
		tail_leave(r);
	} else if (keymap_lookup(r->keys, CTX_READER, key) == ACT_BOTTOM && ui_at_body(r->u) &&
	           tail_open(r)) {
		ui_history_push(r->u);
		return;
	}
	ui_key(r->u, key);
}

void
reader_key(struct reader *r, int32_t key)
{
	key_to(r, key);
	report_at(r);
}

void
reader_mouse(struct reader *r, enum mouse_event ev, int x, int y)
{
	if (r->tail) {
		if (ev != MOUSE_WHEEL_UP || ui_busy(r->tail) || ui_can_scroll_up(r->tail, 3)) {
			ui_mouse(r->tail, ev, x, y);
			tail_settle(r);
			return;
		}
		tail_leave(r);
	}
	ui_mouse(r->u, ev, x, y);
	report_at(r);
}

void
reader_resize(struct reader *r, int w, int h)
{
	r->w = w;
	r->h = h;
	if (r->tail)
		ui_resize(r->tail, w, h);
	ui_resize(r->u, w, h);
}

void
reader_draw(struct reader *r, struct canvas *c)
{
	ui_draw(r->tail ? r->tail : r->u, c);
}

bool
reader_waiting(const struct reader *r)
{
	return ui_waiting(r->u);
}

bool
reader_done(const struct reader *r)
{
	return ui_done(r->u) || (r->tail && ui_done(r->tail));
}

bool
reader_take_redraw(struct reader *r)
{
	bool t = r->tail && ui_take_redraw(r->tail);
	return ui_take_redraw(r->u) || t;
}

static bool
idle_step(struct reader *r)
{
	if (!r->d->complete && r->loader.step)
		return ui_idle(r->u);
	if (r->tail && ui_waiting(r->u))
		tail_leave(r); /* a key waited to leave the end: it is read */
	if (r->tail) {
		tail_settle(r);
		if (r->tail)
			return false; /* a popup of the tail is open: the rest waits for it */
	}
	return ui_idle(r->u);
}

bool
reader_idle(struct reader *r)
{
	bool waited = ui_waiting(r->u), more = idle_step(r);
	if (waited && !ui_waiting(r->u))
		report_at(r); /* the keys that waited for the rest ran */
	return more;
}

void
reader_get_position(struct reader *r, uint32_t *block, uint32_t *offset)
{
	/* a position in the tail is known in the whole document only */
	if (r->tail)
		tail_leave(r);
	ui_get_position(r->u, block, offset);
}

bool
reader_get_mark(struct reader *r, int i, uint32_t *block, uint32_t *offset)
{
	return ui_get_mark(r->u, i, block, offset);
}

void
reader_set_mark(struct reader *r, int i, uint32_t block, uint32_t offset)
{
	ui_set_mark(r->u, i, true, block, offset);
}

void
reader_set_position(struct reader *r, uint32_t block, uint32_t offset)
{
	if (r->tail)
		tail_leave(r);
	ui_set_position(r->u, block, offset);
}

int
reader_get_measure(struct reader *r)
{
	return ui_get_measure(r->u);
}

void
reader_set_measure(struct reader *r, int cells)
{
	if (r->tail)
		tail_leave(r);
	ui_set_measure(r->u, cells);
}

char *
reader_take_clipboard(struct reader *r)
{
	char *t = r->tail ? ui_take_clipboard(r->tail) : NULL;
	char *w = ui_take_clipboard(r->u);
	if (t && w) {
		free(t);
		return w;
	}
	return t ? t : w;
}

void
reader_message(struct reader *r, const char *msg)
{
	ui_message(r->tail ? r->tail : r->u, msg);
}

bool
reader_vertical(struct reader *r)
{
	return ui_vertical(r->tail ? r->tail : r->u);
}

void
reader_set_vertical(struct reader *r, bool on)
{
	if (r->tail)
		tail_leave(r);
	ui_set_vertical(r->u, on);
}
