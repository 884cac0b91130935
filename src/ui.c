/* ui.c: the reader's screen for one document: the document read between
 * keys (and the keys that wait for all of it), the size of the panes, the
 * reading position.  Keys and actions are ui_action.c's, the help
 * ui_help.c's, the scrolling pane.c's, popups screen.c's, the table of
 * contents toc.c's, search ui_search.c's, drawing ui_draw.c's. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui.h"
#include "ui_impl.h"
#include "util.h"

/* What is read of a document between keys at a time (a key waits for at
 * most one piece), and at once when all of it is needed.  4 KB is about
 * 0.06 ms of work: a key typed while the rest is read (G right after the
 * first screen) waits that long at most; 16 KB made it wait 0.25 ms on
 * average, for reading the whole 43 MB benchmark in 0.77 s of work
 * instead of 0.74 to 0.89 s (bench/RESULTS.md). */
#define UI_IDLE_PIECE (4u << 10)
#define UI_BULK_PIECE (4u << 20)
/* the text indexed for search between two looks at the keys (about 20 ms) */
#define UI_INDEX_PIECE (1u << 20)

/* ---- the document as it is read ---- */

/* Add the blocks that became final since the last call to the body's
 * flow: the document may still be being read. */
static void
sync_main_flow(struct ui *u)
{
	struct pane *body = &u->s.body;
	size_t n0 = body->n;
	for (size_t i = u->synced; i < u->d->nfinal; i++) {
		const struct block *b = &u->d->blocks[i];
		bool show = doc_in_main_flow(u->d, i) ||
		            (u->opts.columns_inline && b->column >= 0 && b->kind != BLK_FOOTNOTE);
		if (show)
			pane_add(body, (int32_t)i);
	}
	u->synced = u->d->nfinal;
	if (body->n != n0 || !u->flow_bytes)
		u->flow_bytes = xrealloc(u->flow_bytes, (body->n + 1) * sizeof *u->flow_bytes);
	u->flow_bytes[0] = 0;
	for (size_t k = u->bytes_synced; k < body->n; k++)
		u->flow_bytes[k + 1] = u->flow_bytes[k] + u->d->blocks[body->flow[k]].len + 1;
	u->bytes_synced = body->n;
	body->open_end = !u->d->complete;
}

void
ui_sync(struct ui *u)
{
	double t0;
	bool had_toc = u->toc.n > 0;
	if (u->synced == u->d->nfinal && u->toc.complete == u->d->complete)
		return;
	t0 = timing_now();
	render_grow(&u->s.rd);
	sync_main_flow(u);
	toc_build(&u->toc, &u->s.rd.P);
	ui_toc_measure(u);
	/* the contents pane comes with the first heading read */
	if (u->s.W > 0 && (u->toc.n > 0) != had_toc)
		ui_resize(u, u->s.W, u->s.H);
	timing_report("the ui caught up with the document", t0);
}

void
ui_set_loader(struct ui *u, const struct ui_loader *l)
{
	if (l)
		u->loader = *l;
	else
		memset(&u->loader, 0, sizeof u->loader);
}

/* Read a piece more, of MAX bytes; false when the document is complete.
 * The ui follows at the next ui_sync(). */
static bool
load_step(struct ui *u, size_t max)
{
	bool more;
	int i;
	uint32_t block, offset;
	if (!u->loader.step || u->d->complete)
		return false;
	more = u->loader.step(u->loader.ctx, max) && !u->d->complete;
	/* a book's marks in the file just read */
	while (u->loader.mark && u->loader.mark(u->loader.ctx, &i, &block, &offset))
		if (i >= 0 && i < UI_MARKS && !u->marks[i].set)
			ui_set_mark(u, i, true, block, offset);
	return more;
}

bool
ui_marks_later(const struct ui *u)
{
	return u->loader.mark && u->loader.step && !u->d->complete;
}

void
ui_complete(struct ui *u)
{
	while (load_step(u, UI_BULK_PIECE))
		;
	ui_sync(u);
}

/* Wait for the rest of the document before action A, which needs all of
 * it: true if it is read (A may go on), else A waits (see ui_idle). */
bool
ui_need_whole(struct ui *u, enum action a)
{
	bool search = a >= ACT_SEARCH_FORWARD && a <= ACT_SEARCH_RESULTS;
	if ((u->d->complete || !u->loader.step) && (!search || search_ready(&u->sr) || !u->loader.step)) {
		ui_sync(u);
		return true;
	}
	u->waiting = true;
	u->pending = a;
	ui_message(u, _("Reading the rest of the document… (Esc stops waiting)"));
	return false;
}

void
ui_defer_key(struct ui *u, int32_t key)
{
	u->waiting = true;
	xgrow(&u->queue, &u->queue_cap, u->nqueue + 1, sizeof *u->queue);
	u->queue[u->nqueue++] = key;
}

bool
ui_waiting(const struct ui *u)
{
	return u->waiting;
}

/* A key while waiting: q quits at once, Esc stops waiting (the rest is
 * still read between keys), any other key waits its turn. */
void
ui_waiting_key(struct ui *u, int32_t key)
{
	enum action a = keymap_lookup(u->keys, CTX_READER, key);
	if (a == ACT_QUIT) {
		u->quit = true;
	} else if (a == ACT_CLOSE) {
		u->waiting = false;
		u->pending = ACT_NONE;
		u->nqueue = 0;
		ui_message(u, _("Stopped waiting for the rest of the document"));
	} else {
		ui_defer_key(u, key);
	}
}

/* The document is read: the action that waited, then the keys typed. */
static void
run_waiting(struct ui *u)
{
	enum action a = u->pending;
	int32_t *q = u->queue;
	size_t n = u->nqueue;
	u->waiting = false;
	u->pending = ACT_NONE;
	u->queue = NULL;
	u->nqueue = u->queue_cap = 0;
	ui_sync(u);
	ui_message(u, NULL);
	if (a != ACT_NONE)
		ui_reader_action(u, a);
	for (size_t i = 0; i < n && !u->quit; i++)
		ui_key(u, q[i]);
	free(q);
}

bool
ui_idle(struct ui *u)
{
	if (!u->d->complete && u->loader.step) {
		if (u->waiting)
			ui_message(u, _("Reading the rest of the document… (Esc stops waiting)"));
		load_step(u, UI_IDLE_PIECE);
		return true;
	}
	ui_sync(u);
	/* the search index, a piece at a time: a key never waits long */
	if (search_prepare_step(&u->sr, UI_INDEX_PIECE))
		return true;
	if (u->waiting) {
		run_waiting(u);
		return true;
	}
	return false;
}

double
ui_progress(const struct ui *u)
{
	if (u->d->complete || !u->loader.progress)
		return 1.0;
	return u->loader.progress(u->loader.ctx);
}

/* ---- the ui ---- */

struct ui *
ui_new(const struct doc *d, const struct keymap *keys, const struct ui_opts *o, int w, int h)
{
	struct ui *u = xcalloc(1, sizeof *u);
	u->d = d;
	u->keys = keys;
	u->opts = *o;
	if (u->opts.toc_width != 0 && u->opts.toc_width < 10)
		u->opts.toc_width = 10;
	u->pending = ACT_NONE;
	u->letter_for = ACT_NONE;
	if (u->opts.amb != 2)
		u->opts.amb = 1;
	u->measure = o->text_width == UI_TEXT_WIDTH_AUTO ? UI_AUTO_MEASURE : o->text_width;
	if (u->opts.vertical_gap < 0 || u->opts.vertical_gap > 2)
		u->opts.vertical_gap = 1;
	{
		struct present_opts po = {u->opts.amb, o->words, o->ruby_hidden};
		screen_init(&u->s, d, o->hanging, &po, o->columns_inline);
	}
	search_ui_init(&u->sr, &u->s, &u->toc, o->kana_insensitive, o->wrap_search, o->search_regex);
	ui_sync(u);
	ui_resize(u, w, h);
	if (o->warning)
		ui_message(u, o->warning);
	return u;
}

void
ui_free(struct ui **up)
{
	struct ui *u = *up;
	if (!u)
		return;
	search_ui_free(&u->sr);
	screen_free(&u->s);
	toc_free(&u->toc);
	free(u->flow_bytes);
	free(u->hits);
	free(u->clip);
	free(u->queue);
	free(u);
	*up = NULL;
}

bool
ui_done(const struct ui *u)
{
	return u->quit;
}

bool
ui_take_redraw(struct ui *u)
{
	bool r = u->redraw;
	u->redraw = false;
	return r;
}

void
ui_message(struct ui *u, const char *msg)
{
	screen_message(&u->s, msg);
}


/* Lay out the panes for the screen size; keeps every pane's position. */
void
ui_resize(struct ui *u, int w, int h)
{
	struct screen *s = &u->s;
	struct anchor a = {0, 0, false, false};
	bool had = s->W > 0;
	int body_x, body_w, tw;

	ui_sync(u);
	if (had)
		a = pane_anchor(&s->body);
	s->W = w < 1 ? 1 : w;
	s->H = h < 1 ? 1 : h;
	u->too_small = s->W < UI_MIN_W || s->H < UI_MIN_H;
	/* no pane for a document without headings */
	u->toc_shown = u->opts.toc_visible && s->W >= UI_TOC_MIN_TOTAL && !u->too_small && u->toc.n > 0;
	if (!u->toc_shown)
		u->focus_toc = false;
	u->toc_w = ui_toc_width(u);
	body_x = u->toc_shown ? u->toc_w + present_frame_side(u->opts.amb) : 0;
	s->avoid_x = body_x;
	body_w = s->W - body_x;
	/* one cell of margin at the left; a measure leaves room beyond it at
	 * the right for a hanging 、。 (see layout.h) */
	tw = body_w - 1;
	u->room = tw - (u->opts.hanging && tw > LAYOUT_HANG + 1 ? LAYOUT_HANG : 0);
	if (u->measure > 0 && tw > u->measure + (u->opts.hanging ? LAYOUT_HANG : 0))
		tw = u->measure + (u->opts.hanging ? LAYOUT_HANG : 0);
	if (tw < 1)
		tw = 1;
	s->body.w = tw;
	s->body.x = body_x + 1 + (body_w - 1 - tw) / 2;
	s->body.y = 0;
	s->body.h = s->H - 1 > 0 ? s->H - 1 : 1;
	s->body.dir = RENDER_HORIZONTAL;
	if (u->opts.vertical)
		ui_vertical_body(u, body_x, body_w);
	if (had)
		pane_restore(&s->body, a);
	else
		pane_clamp(&s->body);
	for (int i = 0; i < s->npop; i++)
		popup_place(s, &s->pop[i]);
	/* the help's lines wrap to the width: made again, where it was */
	if (s->npop && s->pop[s->npop - 1].kind == &popup_help && had) {
		size_t top = s->pop[s->npop - 1].top;
		popup_close(s);
		ui_open_help(u);
		if (s->npop) {
			s->pop[s->npop - 1].top = top;
			popup_place(s, &s->pop[s->npop - 1]);
		}
	}
}

void
ui_get_position(struct ui *u, uint32_t *block, uint32_t *offset)
{
	struct anchor a;
	ui_sync(u);
	a = pane_anchor(&u->s.body);
	*block = u->s.body.n ? (uint32_t)u->s.body.flow[a.k] : 0;
	/* a byte offset: a synthetic row (a column's link) stands for its
	 * block's start */
	*offset = a.sep || a.synth ? 0 : a.off;
}

bool
ui_anchor_of(struct ui *u, uint32_t block, uint32_t offset, struct anchor *a)
{
	struct pane *body = &u->s.body;
	size_t k;
	/* the block, and a screenful after it */
	while (block + 64 >= u->d->nfinal && load_step(u, UI_IDLE_PIECE))
		;
	ui_sync(u);
	if (body->n == 0 || block >= u->d->nfinal)
		return false;
	*a = (struct anchor){0, offset, false, false};
	k = pane_index_of(body, (int32_t)block);
	if (body->flow[k] != (int32_t)block)
		a->off = 0; /* not in the body any more (another option): its neighbour */
	a->k = k;
	if (a->off > u->d->blocks[body->flow[k]].len)
		a->off = 0;
	return true;
}

void
ui_set_position(struct ui *u, uint32_t block, uint32_t offset)
{
	struct anchor a;
	if (ui_anchor_of(u, block, offset, &a))
		pane_restore(&u->s.body, a);
	/* the contents pane shows where that is, as a screen drawn there would */
	ui_toc_follow(u);
}

bool
ui_top_is_gap(struct ui *u)
{
	ui_sync(u);
	return u->s.body.n && pane_anchor(&u->s.body).sep;
}

void
ui_top_to_gap(struct ui *u)
{
	struct pane *p = &u->s.body;
	/* the first row of text, with a blank row above it */
	if (p->n && p->top.r == 1 && pane_block_rows(p, p->top.k) > pane_rblock(p, p->top.k)->n) {
		p->top.r = 0;
		pane_clamp(p);
	}
}

void
ui_toc_follow(struct ui *u)
{
	size_t target = u->focus_toc ? u->toc.cursor : ui_toc_current(u);
	int rows = u->s.H - 1;
	if (rows < 1)
		return;
	if (target < u->toc.top)
		u->toc.top = target;
	if (target >= u->toc.top + (size_t)rows)
		u->toc.top = target - (size_t)rows + 1;
}

bool
ui_busy(const struct ui *u)
{
	return u->s.npop > 0 || u->too_small;
}

bool
ui_at_body(const struct ui *u)
{
	return !u->s.npop && !u->too_small && !u->focus_toc && !u->sr.prompting;
}

void
ui_history_push(struct ui *u)
{
	screen_history_push(&u->s);
}

bool
ui_can_scroll_up(const struct ui *u, int rows)
{
	struct pos at = u->s.body.top;
	for (int i = 0; i < rows; i++)
		if (!pane_prev(&u->s.body, &at))
			return false;
	return true;
}

void
ui_goto_end(struct ui *u)
{
	ui_sync(u);
	u->s.body.top = pane_max_top(&u->s.body);
}

bool
ui_toc_visible(const struct ui *u)
{
	return u->opts.toc_visible;
}

void
ui_set_toc_visible(struct ui *u, bool on)
{
	if (u->opts.toc_visible == on)
		return;
	u->opts.toc_visible = on;
	ui_resize(u, u->s.W, u->s.H);
}

bool
ui_ruby_hidden(const struct ui *u)
{
	return u->opts.ruby_hidden;
}

void
ui_set_ruby_hidden(struct ui *u, bool hidden)
{
	struct screen *s = &u->s;
	struct anchor a, pa[SCREEN_POPUPS];
	if (u->opts.ruby_hidden == hidden)
		return;
	/* the lines change: keep every pane at the text it shows */
	ui_sync(u);
	a = pane_anchor(&s->body);
	for (int i = 0; i < s->npop; i++)
		if (s->pop[i].kind->flags & POPK_PANE)
			pa[i] = pane_anchor(&s->pop[i].pane);
	u->opts.ruby_hidden = hidden;
	s->rd.P.ruby_hidden = hidden;
	render_flush(&s->rd);
	pane_restore(&s->body, a);
	for (int i = 0; i < s->npop; i++)
		if (s->pop[i].kind->flags & POPK_PANE)
			pane_restore(&s->pop[i].pane, pa[i]);
}

void
ui_set_byte_range(struct ui *u, uint64_t from, uint64_t total)
{
	u->byte_base = from;
	u->byte_total = total;
}

/* ---- headings and the table of contents ---- */

size_t
ui_toc_current(const struct ui *u)
{
	const struct pane *b = &u->s.body;
	return toc_entry_of(&u->toc, b->n ? b->flow[b->top.k] : -1);
}

void
ui_toc_jump(struct ui *u, size_t i)
{
	const struct toc_entry *e = &u->toc.e[i];
	struct place before;
	screen_place_get(&u->s, &before);
	pane_goto_block(&u->s.body, pane_index_of(&u->s.body, e->block));
	/* a column chosen is opened, as its link would be */
	if (e->column && !u->s.view.columns_inline && u->d->blocks[e->block].column >= 0)
		screen_open_column(&u->s, u->d->blocks[e->block].column);
	screen_history_jumped(&u->s, &before);
}
