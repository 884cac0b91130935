/* ui.c: the reader's screen for one document: keys and the mouse, the
 * actions they run, the document read between keys, and the size of the
 * panes.  The scrolling is pane.c's, popups screen.c's, the table of
 * contents toc.c's, search ui_search.c's, drawing ui_draw.c's. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui.h"
#include "ui_impl.h"
#include "ui_link.h"
#include "util.h"
#include "width.h"

/* What is read of a document between keys at a time (a key waits for at
 * most one piece), and at once when all of it is needed. */
#define UI_IDLE_PIECE (16u << 10)
#define UI_BULK_PIECE (4u << 20)
/* the text indexed for search between two looks at the keys (about 20 ms) */
#define UI_INDEX_PIECE (1u << 20)
/* The help screen's key column. */
#define HELP_KEYS_CELLS 20

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
	if (!u->loader.step || u->d->complete)
		return false;
	return u->loader.step(u->loader.ctx, max) && !u->d->complete;
}

void
ui_complete(struct ui *u)
{
	while (load_step(u, UI_BULK_PIECE))
		;
	ui_sync(u);
}

static void reader_action(struct ui *u, enum action a);

/* Wait for the rest of the document before action A, which needs all of
 * it: true if it is read (A may go on), else A waits (see ui_idle). */
static bool
need_whole(struct ui *u, enum action a)
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
static void
waiting_key(struct ui *u, int32_t key)
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
		reader_action(u, a);
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


static void open_help(struct ui *u);

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
		open_help(u);
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

static bool
is_heading(const struct block *b)
{
	return b->kind == BLK_CHAPTER || b->kind == BLK_SECTION || b->kind == BLK_HEADING ||
	       b->kind == BLK_PART;
}

static bool
is_part(const struct block *b)
{
	return b->kind == BLK_PART;
}

/* The next (DIR > 0) or previous heading, or file of a book (FILES), N of
 * them on (as far as there are); with a count, or a file, it is a jump. */
static void
goto_heading(struct ui *u, int dir, long n, bool counted, bool files)
{
	struct pane *p = &u->s.body;
	size_t k = p->top.k, found = p->n;
	struct place before;
	if (files && u->d->nparts == 0) {
		ui_message(u, _("This is one file, not a book of several"));
		return;
	}
	/* a heading whose text is already at the top is where we are */
	while (n > 0) {
		/* the next file not read yet: wait for it, as G does */
		if (files && dir > 0 && k + 1 >= p->n && !need_whole(u, ACT_NEXT_FILE))
			return;
		if (dir > 0 ? k + 1 >= p->n : k == 0)
			break;
		k = dir > 0 ? k + 1 : k - 1;
		if ((files ? is_part : is_heading)(&u->d->blocks[p->flow[k]])) {
			found = k;
			n--;
		}
	}
	if (found == p->n) {
		if (files)
			ui_message(u, dir > 0 ? _("No next file") : _("No previous file"));
		else
			ui_message(u, dir > 0 ? _("No next heading") : _("No previous heading"));
		return;
	}
	screen_place_get(&u->s, &before);
	pane_goto_block(p, found);
	if (counted || files)
		screen_history_jumped(&u->s, &before);
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

/* Add TEXT to the help popup PP, wrapped to CELLS after a first line
 * that starts with HEAD (the keys) and further lines INDENT cells in. */
static void
help_add(struct ui *u, struct popup *pp, const char *head, int indent, const char *text, int cells)
{
	struct lline *l;
	struct layout_opts o = {cells > 8 ? cells : 8, false, u->opts.amb};
	size_t n = layout_text(text, strlen(text), 0, 0, &o, &l);
	for (size_t k = 0; k < n || k == 0; k++) {
		struct buf t = {0};
		if (k == 0)
			buf_adds(&t, head);
		else
			for (int i = 0; i < indent; i++)
				buf_addc(&t, ' ');
		if (k < n)
			buf_add(&t, text + l[k].start, l[k].end - l[k].start);
		popup_add(pp, buf_steal(&t), -1);
	}
	free(l);
}

/* One action's line of the help: its keys, then what it does. */
static void
help_action(struct ui *u, struct popup *pp, enum action a, int avail)
{
	struct buf t = {0};
	char *keys = keymap_keys_of(u->keys, a);
	const char *shown = *keys ? keys : _("(unbound)");
	int kw = width_cstr(shown, u->opts.amb), col = 2 + HELP_KEYS_CELLS + 1;
	buf_adds(&t, "  ");
	buf_adds(&t, shown);
	if (avail - col >= 16) {
		/* the description in its column, wrapped under itself */
		for (int pad = HELP_KEYS_CELLS + 1 - kw; pad > 0; pad--)
			buf_addc(&t, ' ');
		if (kw > HELP_KEYS_CELLS)
			buf_addc(&t, ' ');
		help_add(u, pp, t.p, col, _(action_table[a].help), avail - (kw > HELP_KEYS_CELLS ? 3 + kw : col));
	} else {
		/* too narrow for two columns: the description under the keys */
		popup_add(pp, buf_steal(&t), -1);
		help_add(u, pp, "    ", 4, _(action_table[a].help), avail - 4);
	}
	buf_free(&t);
	free(keys);
}

/* The help screen, generated from the live key table; its lines wrap to
 * the screen's width (and are made again when it changes). */
static void
open_help(struct ui *u)
{
	static const char *const ctx_title[CTX_COUNT] = {N_("Reading"),
	                                                 N_("Lists and the table of contents")};
	struct popup *pp;
	struct buf title = {0};
	/* the cells of a line in the popup: its frame and margins take four */
	int avail = (u->s.W - 4 > 10 ? u->s.W - 4 : u->s.W) - 4;
	if (u->opts.format)
		buf_printf(&title, _("Help: keys (%s format)"), u->opts.format);
	else
		buf_adds(&title, _("Help: keys"));
	pp = popup_push(&u->s, &popup_help, title.p, u);
	buf_free(&title);
	if (!pp)
		return;
	for (int ctx = 0; ctx < CTX_COUNT; ctx++) {
		if (ctx > 0)
			popup_add(pp, xstrdup(""), -1);
		popup_add(pp, xstrdup(_(ctx_title[ctx])), -1);
		for (int a = 0; a < ACT_COUNT; a++)
			if ((int)action_table[a].ctx == ctx)
				help_action(u, pp, (enum action)a, avail);
	}
	popup_add(pp, xstrdup(""), -1);
	help_add(u, pp, "", 0, _("Mouse: the wheel scrolls; a click opens a link or a TOC entry."), avail);
	popup_place(&u->s, pp);
}

/* ---- actions ---- */

/* The rows a scrolling action moves pane P by: down > 0, up < 0, else 0.
 * Set vertically, a row is a line and a page all the lines on screen (the
 * next page is the lines at the left); ← and → go the way the eye does. */
static int
scroll_rows(const struct pane *p, enum action a)
{
	bool vert = p->dir != RENDER_HORIZONTAL;
	int page = vert ? p->h : p->h > 2 ? p->h - 1 : 1, half = p->h / 2 > 0 ? p->h / 2 : 1;
	switch (a) {
	case ACT_LINE_DOWN:
		return 1;
	case ACT_LINE_UP:
		return -1;
	case ACT_LINE_LEFT:
		return vert ? 1 : 0;
	case ACT_LINE_RIGHT:
		return vert ? -1 : 0;
	case ACT_PAGE_DOWN:
		return page;
	case ACT_PAGE_UP:
		return -page;
	case ACT_HALF_DOWN:
		return half;
	case ACT_HALF_UP:
		return -half;
	default:
		return 0;
	}
}

int
ui_action_rows(const struct ui *u, enum action a)
{
	return scroll_rows(&u->s.body, a);
}

static void
focus_toc(struct ui *u)
{
	if (u->toc.n == 0) {
		ui_message(u, _("This document has no headings"));
		return;
	}
	if (!u->toc_shown) {
		if (u->s.W < UI_TOC_MIN_TOTAL || u->too_small) {
			/* no room for the pane: the contents over the whole screen
			 * (once the document is read: all of it) */
			if (need_whole(u, ACT_TOC_FOCUS))
				ui_open_contents_list(u);
			return;
		}
		u->opts.toc_visible = true;
		ui_resize(u, u->s.W, u->s.H);
	}
	u->focus_toc = true;
	u->toc.cursor = ui_toc_current(u);
}

/* Back or Forward, N times; false if there was nowhere to go. */
static bool
history_steps(struct ui *u, bool back, long n)
{
	bool moved = false;
	while (n-- > 0 && (back ? screen_history_back(&u->s) : screen_history_forward(&u->s)))
		moved = true;
	return moved;
}

/* Actions that move the pane keys act on, N times (COUNTED: a count was
 * typed); false if A is none of them. */
static bool
move_action(struct ui *u, struct pane *p, enum action a, long n, bool counted)
{
	bool body = p == &u->s.body;
	long reps = n < 1 ? 1 : n;
	struct place before;
	screen_place_get(&u->s, &before);
	switch (a) {
	case ACT_TOP:
		p->top = (struct pos){0, 0};
		break;
	case ACT_BOTTOM:
		if (!need_whole(u, a))
			return true;
		p->top = pane_max_top(p);
		break;
	case ACT_NEXT_HEADING:
	case ACT_PREV_HEADING:
		if (body)
			goto_heading(u, a == ACT_NEXT_HEADING ? 1 : -1, reps, counted, false);
		return true;
	case ACT_NEXT_FILE:
	case ACT_PREV_FILE:
		if (body)
			goto_heading(u, a == ACT_NEXT_FILE ? 1 : -1, reps, counted, true);
		return true;
	case ACT_BACK:
	case ACT_FORWARD:
		if (!history_steps(u, a == ACT_BACK, reps))
			ui_message(u, a == ACT_BACK ? _("No earlier position") : _("No later position"));
		return true;
	case ACT_PERCENT:
		if (need_whole(u, a))
			ui_goto_percent(u, counted ? n : 0);
		return true;
	default:
		if (scroll_rows(p, a) == 0)
			return false;
		pane_scroll(p, (int)(scroll_rows(p, a) * reps));
		return true;
	}
	/* g and G in the body are jumps */
	if (body)
		screen_history_jumped(&u->s, &before);
	return true;
}

static void
search_action(struct ui *u, enum action a, long n)
{
	/* search looks at the whole document: read the rest first */
	if (!need_whole(u, a))
		return;
	switch (a) {
	case ACT_SEARCH_FORWARD:
	case ACT_SEARCH_BACKWARD:
		search_prompt_open(&u->sr, a == ACT_SEARCH_BACKWARD);
		break;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		search_step(&u->sr, a == ACT_SEARCH_PREV, n);
		break;
	default:
		search_results(&u->sr);
		break;
	}
}

static void
cycle_links(struct ui *u, struct pane *p, int dir, long n)
{
	/* round the links on screen: N modulo their number is enough */
	for (long i = 0; i < n && i < 1000; i++)
		if (!pane_cycle_link(p, dir)) {
			ui_message(u, _("No links on screen"));
			return;
		}
	ui_link_describe(u, p);
}

static void
reader_action(struct ui *u, enum action a)
{
	struct pane *p = screen_reader_pane(&u->s);
	bool in_popup = u->s.npop > 0, counted;
	long n = ui_take_count_for(u, &counted), reps = n < 1 ? 1 : n;
	if (!p)
		return;
	if (move_action(u, p, a, n, counted))
		;
	else if (a == ACT_QUIT && !in_popup)
		u->quit = true;
	else if (a == ACT_QUIT || a == ACT_CLOSE)
		popup_close(&u->s);
	else if (a == ACT_TOC_FOCUS && !in_popup)
		focus_toc(u);
	else if (a == ACT_TOC_TOGGLE)
		ui_set_toc_visible(u, !u->opts.toc_visible);
	else if (a == ACT_RUBY_TOGGLE) {
		ui_set_ruby_hidden(u, !u->opts.ruby_hidden);
		ui_message(u, u->opts.ruby_hidden ? _("Ruby hidden") : _("Ruby shown"));
	} else if (a == ACT_NEXT_LINK || a == ACT_PREV_LINK)
		cycle_links(u, p, a == ACT_NEXT_LINK ? 1 : -1, reps);
	else if (a == ACT_OPEN_LINK)
		ui_link_open(u, p);
	else if (a == ACT_FOOTNOTES && !screen_open_footnote_list(&u->s, p))
		ui_message(u, _("No footnotes referenced on screen"));
	else if (a == ACT_COLUMNS) {
		if (need_whole(u, a))
			screen_open_column_list(&u->s);
	}
	else if (a == ACT_HELP)
		open_help(u);
	else if (a == ACT_VERTICAL && !in_popup)
		ui_set_vertical(u, !u->opts.vertical);
	else if (a >= ACT_SEARCH_FORWARD && a <= ACT_SEARCH_RESULTS)
		search_action(u, a, reps);
	else if (a == ACT_MARKS) {
		if (need_whole(u, a))
			ui_mark_action(u, a);
	} else if (a == ACT_SET_MARK || a == ACT_GOTO_MARK)
		ui_mark_action(u, a);
	else if (a == ACT_COPY || a == ACT_COPY_CITATION)
		ui_copy(u, a == ACT_COPY_CITATION);
	else if (a == ACT_WIDER || a == ACT_NARROWER || a == ACT_RESET_WIDTH)
		ui_measure_action(u, a);
	/* an action that waits for the rest keeps its count for then */
	if (u->waiting && u->pending == a && counted)
		ui_set_pending_count(u, n);
	if (action_flags(a) & AF_REDRAW)
		u->redraw = true;
	p = screen_reader_pane(&u->s);
	/* a selection scrolled off screen is dropped */
	if (p == &u->s.body && !(action_flags(a) & AF_KEEP_SEL))
		pane_keep_selection_visible(p);
}

static void
toc_action(struct ui *u, enum action a)
{
	long page = u->s.H > 3 ? u->s.H - 2 : 1;
	switch (a) {
	case ACT_LIST_DOWN:
		toc_move(&u->toc, 1);
		break;
	case ACT_LIST_UP:
		toc_move(&u->toc, -1);
		break;
	case ACT_LIST_TOP:
		u->toc.cursor = 0;
		break;
	case ACT_LIST_BOTTOM:
		toc_move(&u->toc, (long)u->toc.n);
		break;
	case ACT_LIST_PAGE_DOWN:
		toc_move(&u->toc, page);
		break;
	case ACT_LIST_PAGE_UP:
		toc_move(&u->toc, -page);
		break;
	case ACT_LIST_SELECT:
		if (u->toc.n)
			ui_toc_jump(u, u->toc.cursor);
		u->focus_toc = false;
		break;
	case ACT_LIST_LEAVE:
		u->focus_toc = false;
		break;
	default:
		break;
	}
}

void
ui_key(struct ui *u, int32_t key)
{
	enum action a;
	ui_sync(u);
	if (u->waiting) {
		waiting_key(u, key);
		return;
	}
	ui_message(u, NULL);
	if (u->sr.prompting) {
		search_prompt_key(&u->sr, key);
		return;
	}
	if (u->too_small) {
		if (keymap_lookup(u->keys, CTX_READER, key) == ACT_QUIT)
			u->quit = true;
		return;
	}
	if (screen_top_list(&u->s)) {
		if (popup_list_key(&u->s, key))
			return;
		a = keymap_lookup(u->keys, CTX_LIST, key);
		if (a != ACT_NONE)
			popup_list_action(&u->s, a);
		else if (keymap_lookup(u->keys, CTX_READER, key) == ACT_QUIT)
			popup_close(&u->s);
		else
			ui_no_action(u, key);
		return;
	}
	if (u->focus_toc) {
		a = keymap_lookup(u->keys, CTX_LIST, key);
		if (a != ACT_NONE)
			toc_action(u, a);
		else
			ui_no_action(u, key);
		return;
	}
	if (ui_prefix_key(u, key))
		return;
	a = keymap_lookup(u->keys, CTX_READER, key);
	if (a != ACT_NONE) {
		reader_action(u, a);
	} else {
		u->counting = false;
		ui_no_action(u, key);
	}
}

void
ui_mouse(struct ui *u, enum mouse_event ev, int x, int y)
{
	if (!u->opts.mouse || u->too_small || u->waiting)
		return;
	ui_sync(u);
	ui_message(u, NULL);
	if (ev != MOUSE_CLICK) {
		struct pane *p = screen_reader_pane(&u->s);
		if (screen_top_list(&u->s))
			popup_list_action(&u->s, ev == MOUSE_WHEEL_UP ? ACT_LIST_UP : ACT_LIST_DOWN);
		else if (p)
			pane_scroll(p, ev == MOUSE_WHEEL_UP ? -3 : 3);
		return;
	}
	for (size_t i = u->nhits; i-- > 0;) {
		const struct hit *h = &u->hits[i];
		struct pane *p;
		if (h->y != y || x < h->x0 || x >= h->x1)
			continue;
		switch (h->kind) {
		case HIT_TOC:
			u->focus_toc = false;
			ui_toc_jump(u, (size_t)h->a);
			return;
		case HIT_LINK:
			if ((p = screen_reader_pane(&u->s)) != NULL) {
				p->sel = (struct link){h->a, h->b};
				ui_link_open(u, p);
			}
			return;
		case HIT_LIST:
			u->s.pop[u->s.npop - 1].cursor = (size_t)h->a;
			popup_list_action(&u->s, ACT_LIST_SELECT);
			return;
		}
	}
}
