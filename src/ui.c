/* ui.c: the reader's state and the actions keys run: scrolling panes over
 * flows of blocks, the table of contents, links, popups, history. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "dump.h"
#include "i18n.h"
#include "render.h"
#include "theme.h"
#include "ui.h"
#include "ui_impl.h"
#include "util.h"
#include "width.h"

/* What is read of a document between keys at a time (a key waits for at
 * most one piece), and at once when all of it is needed. */
#define UI_IDLE_PIECE (16u << 10)
#define UI_BULK_PIECE (4u << 20)

static size_t flow_index_of(const struct pane *p, int32_t block);
static void tail_leave(struct ui *u);
static void tail_settle(struct ui *u);

/* ---- panes: a scrolling view of a flow of blocks ---- */

/* Columns shown inline: their blocks are in the body's flow, framed. */
static bool
inline_column_block(const struct ui *u, const struct pane *p, size_t k)
{
	const struct block *b = &u->d->blocks[p->flow[k]];
	return p->mode == RENDER_MAIN && u->opts.columns_inline && b->column >= 0;
}

static bool
pane_sep(const struct ui *u, const struct pane *p, size_t k)
{
	if (k == 0)
		return false;
	/* inside a frame the blank lines are the frame's own */
	if (inline_column_block(u, p, k) && u->d->blocks[p->flow[k]].kind != BLK_COLUMN)
		return false;
	return !render_tight(u->d->blocks[p->flow[k - 1]].kind, u->d->blocks[p->flow[k]].kind);
}

const struct rblock *
pane_rblock(struct ui *u, const struct pane *p, size_t k)
{
	enum render_mode mode = inline_column_block(u, p, k) ? RENDER_INLINE : p->mode;
	return render_block(&u->rd, (size_t)p->flow[k], mode, p->w);
}

uint32_t
pane_block_rows(struct ui *u, const struct pane *p, size_t k)
{
	return (pane_sep(u, p, k) ? 1 : 0) + pane_rblock(u, p, k)->n;
}

/* The row R of flow entry K: NULL for a separator. */
const struct row *
pane_row(struct ui *u, const struct pane *p, size_t k, uint32_t r, const struct rblock **rbp)
{
	const struct rblock *rb = pane_rblock(u, p, k);
	uint32_t sep = pane_sep(u, p, k) ? 1 : 0;
	*rbp = rb;
	if (r < sep || r - sep >= rb->n)
		return NULL;
	return &rb->rows[r - sep];
}

bool
pane_next(struct ui *u, const struct pane *p, struct pos *at)
{
	if (p->n == 0)
		return false;
	if (at->r + 1 < pane_block_rows(u, p, at->k)) {
		at->r++;
		return true;
	}
	if (at->k + 1 < p->n) {
		at->k++;
		at->r = 0;
		return true;
	}
	return false;
}

static bool
pane_prev(struct ui *u, const struct pane *p, struct pos *at)
{
	if (at->r > 0) {
		at->r--;
		return true;
	}
	if (at->k > 0) {
		at->k--;
		at->r = pane_block_rows(u, p, at->k) - 1;
		return true;
	}
	return false;
}

static int
pos_cmp(struct pos a, struct pos b)
{
	if (a.k != b.k)
		return a.k < b.k ? -1 : 1;
	return a.r < b.r ? -1 : a.r > b.r;
}

/* The last top position that still fills the pane. */
static struct pos
pane_max_top(struct ui *u, const struct pane *p)
{
	struct pos at = {0, 0};
	if (p->n == 0)
		return at;
	at.k = p->n - 1;
	at.r = pane_block_rows(u, p, at.k) - 1;
	for (int i = 1; i < p->h && pane_prev(u, p, &at); i++)
		;
	return at;
}

static void
pane_clamp(struct ui *u, struct pane *p)
{
	struct pos m = pane_max_top(u, p);
	if (p->n == 0) {
		p->top = (struct pos){0, 0};
		return;
	}
	if (p->top.k >= p->n)
		p->top.k = p->n - 1;
	if (p->top.r >= pane_block_rows(u, p, p->top.k))
		p->top.r = pane_block_rows(u, p, p->top.k) - 1;
	/* of a document still being read, the end is not known yet */
	if (pos_cmp(p->top, m) > 0 && (u->d->complete || p != &u->body))
		p->top = m;
}

void
pane_scroll(struct ui *u, struct pane *p, int delta)
{
	for (; delta > 0 && pane_next(u, p, &p->top); delta--)
		;
	for (; delta < 0 && pane_prev(u, p, &p->top); delta++)
		;
	pane_clamp(u, p);
}

bool
pane_at_end(struct ui *u, const struct pane *p)
{
	return pos_cmp(p->top, pane_max_top(u, p)) >= 0;
}

/* Where the top row starts in its block, to find it again after a reflow. */
struct anchor
pane_anchor(struct ui *u, const struct pane *p)
{
	const struct rblock *rb;
	const struct row *row = p->n ? pane_row(u, p, p->top.k, p->top.r, &rb) : NULL;
	struct anchor a = {p->top.k, 0, row == NULL, false};
	if (row && !(row->flags & ROW_SYNTH)) {
		a.off = row->start;
	} else if (row) {
		a.off = p->top.r; /* synthetic rows: keep the row */
		a.synth = true;
	}
	return a;
}

void
pane_restore(struct ui *u, struct pane *p, struct anchor a)
{
	const struct rblock *rb;
	uint32_t sep, r;
	if (p->n == 0)
		return;
	p->top.k = a.k < p->n ? a.k : p->n - 1;
	p->top.r = 0;
	rb = pane_rblock(u, p, p->top.k);
	sep = pane_sep(u, p, p->top.k) ? 1 : 0;
	if (!a.sep) {
		/* the block's first row, unless a row nearer OFF is found */
		p->top.r = sep;
		for (r = 0; r < rb->n; r++) {
			const struct row *row = &rb->rows[r];
			if (row->flags & ROW_SYNTH) {
				if (a.synth && r + sep == a.off) {
					p->top.r = r + sep;
					break;
				}
				continue;
			}
			if (row->kind == ROW_TEXT && row->start <= a.off)
				p->top.r = r + sep;
		}
	}
	pane_clamp(u, p);
}

void
pane_goto_block(struct ui *u, struct pane *p, size_t k)
{
	p->top.k = k < p->n ? k : (p->n ? p->n - 1 : 0);
	p->top.r = 0;
	/* start at the text, not at the blank line above it */
	if (p->n && pane_sep(u, p, p->top.k))
		p->top.r = 1;
	pane_clamp(u, p);
	p->sel.block = -1;
}

/* ---- links on screen ---- */

void
pane_visible_links(struct ui *u, struct pane *p, struct link **out, size_t *n)
{
	struct pos at = p->top;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (p->n == 0)
		return;
	for (int y = 0; y < p->h; y++) {
		const struct rblock *rb;
		const struct row *row = pane_row(u, p, at.k, at.r, &rb);
		int32_t b = p->flow[at.k];
		if (row && (row->flags & ROW_LINK)) {
			if (!*n || (*out)[*n - 1].block != b || (*out)[*n - 1].span != -1) {
				xgrow(out, &cap, *n + 1, sizeof **out);
				(*out)[(*n)++] = (struct link){b, -1};
			}
		} else if (row && !(row->flags & ROW_SYNTH)) {
			const struct block *bl = &u->d->blocks[b];
			for (uint32_t s = 0; s < bl->nspans; s++) {
				const struct span *sp = &bl->spans[s];
				if (sp->kind != SPAN_FNREF || sp->ref < 0)
					continue;
				if (sp->start >= row->start && sp->start < row->end) {
					xgrow(out, &cap, *n + 1, sizeof **out);
					(*out)[(*n)++] = (struct link){b, (int32_t)s};
				}
			}
		}
		if (!pane_next(u, p, &at))
			break;
	}
}

static void
pane_cycle_link(struct ui *u, struct pane *p, int dir)
{
	struct link *l;
	size_t n, i, cur = (size_t)-1;
	pane_visible_links(u, p, &l, &n);
	if (n == 0) {
		p->sel.block = -1;
		ui_message(u, _("No links on screen"));
		free(l);
		return;
	}
	for (i = 0; i < n; i++)
		if (l[i].block == p->sel.block && l[i].span == p->sel.span)
			cur = i;
	if (cur == (size_t)-1)
		cur = dir > 0 ? 0 : n - 1;
	else
		cur = (cur + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
	p->sel = l[cur];
	free(l);
}

/* ---- the ui ---- */

/* Add the blocks that became final since the last call to the body's
 * flow: the document may still be being read. */
static void
sync_main_flow(struct ui *u)
{
	for (size_t i = u->synced; i < u->d->nfinal; i++) {
		const struct block *b = &u->d->blocks[i];
		bool show = doc_in_main_flow(u->d, i) ||
		            (u->opts.columns_inline && b->column >= 0 && b->kind != BLK_FOOTNOTE);
		if (!show)
			continue;
		xgrow(&u->body.flow, &u->flow_cap, u->body.n + 1, sizeof *u->body.flow);
		u->body.flow[u->body.n++] = (int32_t)i;
	}
	u->synced = u->d->nfinal;
	u->flow_bytes = xrealloc(u->flow_bytes, (u->body.n + 1) * sizeof *u->flow_bytes);
	u->flow_bytes[0] = 0;
	for (size_t k = u->bytes_synced; k < u->body.n; k++)
		u->flow_bytes[k + 1] = u->flow_bytes[k] + u->d->blocks[u->body.flow[k]].len + 1;
	u->bytes_synced = u->body.n;
}

static void
free_toc(struct ui *u)
{
	for (size_t i = 0; i < u->ntoc; i++)
		free(u->toc_text[i]);
	xfree(&u->toc_text);
	xfree(&u->toc);
	u->ntoc = 0;
}

/* The contents again, for a document that grew: the entries are mostly
 * the same as before, so their text is kept where the entry is. */
static void
build_toc(struct ui *u)
{
	struct toc_entry *toc;
	size_t n = doc_toc(u->d, &toc), i;
	char **text = xcalloc(n ? n : 1, sizeof *text);
	for (i = 0; i < n; i++) {
		if (i < u->ntoc && u->toc[i].block == toc[i].block && u->toc[i].no_body == toc[i].no_body &&
		    u->toc[i].column == toc[i].column) {
			text[i] = u->toc_text[i];
			u->toc_text[i] = NULL;
		} else {
			text[i] = dump_toc_text(u->d, &toc[i]);
		}
	}
	free_toc(u);
	u->toc = toc;
	u->toc_text = text;
	u->ntoc = n;
	if (u->toc_cursor >= u->ntoc)
		u->toc_cursor = u->ntoc ? u->ntoc - 1 : 0;
}

/* The document grew: the flow, the contents and the caches follow. */
void
ui_sync(struct ui *u)
{
	if (u->synced == u->d->nfinal && u->toc_complete == u->d->complete)
		return;
	render_grow(&u->rd);
	double t0 = timing_now();
	sync_main_flow(u);
	build_toc(u);
	timing_report("the ui caught up with the document", t0);
	u->toc_complete = u->d->complete;
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

bool
ui_idle(struct ui *u)
{
	if (!u->d->complete && u->loader.step) {
		load_step(u, UI_IDLE_PIECE);
		return true;
	}
	if (u->tail) {
		tail_settle(u);
		if (u->tail)
			return false; /* a popup of the tail is open: the rest waits for it */
	}
	search_prepare(u);
	return false;
}

double
ui_progress(const struct ui *u)
{
	if (u->d->complete || !u->loader.progress)
		return 1.0;
	return u->loader.progress(u->loader.ctx);
}

struct ui *
ui_new(const struct doc *d, const struct keymap *keys, const struct ui_opts *o, int w, int h)
{
	struct ui *u = xcalloc(1, sizeof *u);
	u->d = d;
	u->keys = keys;
	u->opts = *o;
	if (u->opts.toc_width < 10)
		u->opts.toc_width = 10;
	render_init(&u->rd, d, o->hanging);
	u->body.mode = RENDER_MAIN;
	u->body.sel.block = -1;
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
	while (u->npop)
		popup_close(u);
	if (u->tail) {
		ui_free(&u->tail);
		doc_free(u->tail_doc);
		free(u->tail_doc);
	}
	free_toc(u);
	free(u->body.flow);
	free(u->flow_bytes);
	free(u->msg);
	free(u->hits);
	search_free(u);
	render_free(&u->rd);
	free(u);
	*up = NULL;
}

bool
ui_done(const struct ui *u)
{
	return u->quit;
}

void
ui_message(struct ui *u, const char *msg)
{
	if (u->tail)
		ui_message(u->tail, msg);
	free(u->msg);
	u->msg = msg ? xstrdup(msg) : NULL;
}

/* Lay out the panes for the screen size; keeps every pane's position. */
void
ui_resize(struct ui *u, int w, int h)
{
	struct anchor a = {0, 0, false, false};
	bool had = u->W > 0;
	int body_x, body_w, tw;

	if (u->tail)
		ui_resize(u->tail, w, h);
	ui_sync(u);
	if (had)
		a = pane_anchor(u, &u->body);
	u->W = w < 1 ? 1 : w;
	u->H = h < 1 ? 1 : h;
	u->too_small = u->W < UI_MIN_W || u->H < UI_MIN_H;
	u->toc_shown = u->opts.toc_visible && u->W >= UI_TOC_MIN_TOTAL && !u->too_small;
	if (!u->toc_shown && u->focus_toc)
		u->focus_toc = false;
	body_x = u->toc_shown ? u->opts.toc_width + 1 : 0;
	if (u->toc_shown && u->opts.toc_width > u->W / 2) {
		u->toc_w = u->W / 2;
		body_x = u->toc_w + 1;
	} else {
		u->toc_w = u->opts.toc_width;
	}
	body_w = u->W - body_x;
	/* one cell of margin at the left, two at the right for a hanging 、。 */
	tw = body_w - 3;
	if (u->opts.text_width > 0 && tw > u->opts.text_width)
		tw = u->opts.text_width;
	if (tw < 1)
		tw = 1;
	u->body.w = tw;
	u->body.x = body_x + 1 + (body_w - 3 - tw) / 2;
	u->body.y = 0;
	u->body.h = u->H - 1 > 0 ? u->H - 1 : 1;
	if (had)
		pane_restore(u, &u->body, a);
	else
		pane_clamp(u, &u->body);
	for (int i = 0; i < u->npop; i++)
		popup_place(u, &u->pop[i]);
}

void
ui_get_position(struct ui *u, uint32_t *block, uint32_t *offset)
{
	struct anchor a;
	/* a position in the tail is known in the whole document only */
	if (u->tail)
		tail_leave(u);
	ui_sync(u);
	a = pane_anchor(u, &u->body);
	*block = u->body.n ? (uint32_t)u->body.flow[a.k] : 0;
	/* a byte offset: a synthetic row (a column's link) stands for its
	 * block's start */
	*offset = a.sep || a.synth ? 0 : a.off;
}

void
ui_set_position(struct ui *u, uint32_t block, uint32_t offset)
{
	struct anchor a = {0, offset, false, false};
	size_t k;
	/* the block, and a screenful after it */
	if (u->tail)
		tail_leave(u);
	while (block + 64 >= u->d->nfinal && load_step(u, UI_IDLE_PIECE))
		;
	ui_sync(u);
	if (u->body.n == 0 || block >= u->d->nfinal)
		return;
	k = flow_index_of(&u->body, (int32_t)block);
	if (u->body.flow[k] != (int32_t)block)
		a.off = 0; /* not in the body any more (another option): its neighbour */
	a.k = k;
	if (a.off > u->d->blocks[u->body.flow[k]].len)
		a.off = 0;
	pane_restore(u, &u->body, a);
}

/* ---- history ---- */

void
history_push(struct ui *u)
{
	struct anchor a = pane_anchor(u, &u->body);
	if (u->nhist == UI_HISTORY) {
		memmove(u->hist, u->hist + 1, (UI_HISTORY - 1) * sizeof *u->hist);
		u->nhist--;
	}
	u->hist[u->nhist++] = a;
}

static void
history_back(struct ui *u)
{
	if (u->nhist == 0) {
		ui_message(u, _("No earlier position"));
		return;
	}
	pane_restore(u, &u->body, u->hist[--u->nhist]);
	u->body.sel.block = -1;
}

/* ---- headings and the table of contents ---- */

/* The TOC entry a block stands under: the last entry at or before it. */
static size_t
toc_entry_of(const struct ui *u, int32_t b)
{
	size_t cur = 0;
	for (size_t i = 0; i < u->ntoc; i++) {
		if (u->toc[i].no_body)
			continue;
		if (u->toc[i].block > b)
			break;
		cur = i;
	}
	return cur;
}

size_t
toc_current(struct ui *u)
{
	return toc_entry_of(u, u->body.n ? u->body.flow[u->body.top.k] : -1);
}

/* A block's label without the space after it. */
static size_t
label_len(const struct block *b)
{
	size_t n = b->body;
	if (n >= 3 && memcmp(b->text + n - 3, "\u3000", 3) == 0)
		n -= 3;
	else if (n >= 1 && b->text[n - 1] == ' ')
		n--;
	return n;
}

/* "第1節 › 2 › (1)": the headings above a block. */
char *
ui_block_path(struct ui *u, int32_t block)
{
	size_t cur, idx[16];
	int n = 0, depth;
	struct buf t = {0};
	if (u->ntoc == 0)
		return xstrdup("");
	cur = toc_entry_of(u, block);
	depth = u->toc[cur].depth;
	idx[n++] = cur;
	for (size_t i = cur; i-- > 0 && n < 16 && depth > 0;) {
		if (u->toc[i].no_body || u->toc[i].depth >= depth)
			continue;
		idx[n++] = i;
		depth = u->toc[i].depth;
	}
	for (int j = n - 1; j >= 0; j--) {
		const struct toc_entry *e = &u->toc[idx[j]];
		const struct block *b = &u->d->blocks[e->block];
		if (e->depth == 0 && n > 1)
			continue;
		if (t.len)
			buf_adds(&t, " › ");
		if (e->column)
			buf_adds(&t, "コラム");
		else if (b->body)
			buf_add(&t, b->text, label_len(b));
		else
			buf_add(&t, b->text, b->len);
	}
	return buf_steal(&t);
}

static size_t
flow_index_of(const struct pane *p, int32_t block)
{
	size_t lo = 0, hi = p->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (p->flow[mid] < block)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->n ? lo : (p->n ? p->n - 1 : 0);
}

static bool
is_heading(const struct block *b)
{
	return b->kind == BLK_CHAPTER || b->kind == BLK_SECTION || b->kind == BLK_HEADING;
}

static void
goto_heading(struct ui *u, int dir)
{
	struct pane *p = &u->body;
	size_t k = p->top.k;
	/* a heading whose text is already at the top is where we are */
	for (;;) {
		if (dir > 0 ? k + 1 >= p->n : k == 0) {
			ui_message(u, dir > 0 ? _("No next heading") : _("No previous heading"));
			return;
		}
		k = dir > 0 ? k + 1 : k - 1;
		if (is_heading(&u->d->blocks[p->flow[k]]))
			break;
	}
	history_push(u);
	pane_goto_block(u, p, k);
}

void
toc_jump(struct ui *u, size_t i)
{
	int32_t b = u->toc[i].block;
	history_push(u);
	pane_goto_block(u, &u->body, flow_index_of(&u->body, b));
}

/* ---- actions ---- */

static struct pane *
reader_pane(struct ui *u)
{
	for (int i = u->npop - 1; i >= 0; i--)
		if (u->pop[i].kind == POP_PANE)
			return i == u->npop - 1 ? &u->pop[i].pane : NULL;
	return &u->body;
}

static void
open_link(struct ui *u, struct pane *p)
{
	const struct block *b;
	if (p->sel.block < 0) {
		pane_cycle_link(u, p, 1);
		if (p->sel.block < 0)
			return;
	}
	b = &u->d->blocks[p->sel.block];
	if (p->sel.span < 0 && b->kind == BLK_COLUMN)
		popup_open_column(u, b->column);
	else if (p->sel.span >= 0 && (uint32_t)p->sel.span < b->nspans)
		popup_open_footnote(u, b->spans[p->sel.span].ref);
}

/* The rows a scrolling action moves pane P by: down > 0, up < 0, else 0. */
static int
scroll_rows(const struct pane *p, enum action a)
{
	int page = p->h > 2 ? p->h - 1 : 1, half = p->h / 2 > 0 ? p->h / 2 : 1;
	switch (a) {
	case ACT_LINE_DOWN:
		return 1;
	case ACT_LINE_UP:
		return -1;
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

/* ---- the tail: G before the document is all read ----
 *
 * Like less, G does not wait for what comes before the end: the end of the
 * input is parsed on its own (docload_tail) and shown by a ui of its own,
 * while the rest is read between keys.  Keys that stay in the tail
 * (scrolling down, within it, its links and popups) go to that ui; any
 * other key, or the whole document read, hands the position over to the
 * document proper and the tail is dropped. */

/* Can pane P of T go up ROWS rows without leaving the tail's text? */
static bool
tail_can_go_up(struct ui *t, int rows)
{
	struct pos at = t->body.top;
	for (int i = 0; i < rows; i++)
		if (!pane_prev(t, &t->body, &at))
			return false;
	return true;
}

static bool
tail_open(struct ui *u)
{
	struct doc *td;
	struct ui_opts o = u->opts;
	uint64_t from, total;
	/* a few screenfuls of text: at most two bytes a cell */
	size_t keep = (size_t)u->W * (size_t)u->H * 2;
	double t0 = timing_now();
	if (u->d->complete || !u->loader.tail || u->too_small)
		return false;
	td = xcalloc(1, sizeof *td);
	if (!u->loader.tail(u->loader.ctx, keep, td, &from, &total)) {
		free(td);
		return false;
	}
	o.warning = NULL;
	u->tail_doc = td;
	u->tail = ui_new(td, u->keys, &o, u->W, u->H);
	u->tail->byte_base = from;
	u->tail->byte_total = total;
	u->tail->body.top = pane_max_top(u->tail, &u->tail->body);
	timing_report("G: the tail read and laid out", t0);
	return true;
}

/* Does the key go to the tail's ui? */
static bool
tail_takes(struct ui *u, int32_t key)
{
	struct ui *t = u->tail;
	enum action a;
	if (key == K_RESIZE || t->npop || t->too_small)
		return true; /* its popups are its own */
	a = keymap_lookup(u->keys, CTX_READER, key);
	switch (a) {
	case ACT_NONE:
	case ACT_QUIT:
	case ACT_CLOSE:
	case ACT_LINE_DOWN:
	case ACT_PAGE_DOWN:
	case ACT_HALF_DOWN:
	case ACT_BOTTOM:
	case ACT_NEXT_LINK:
	case ACT_PREV_LINK:
	case ACT_OPEN_LINK:
	case ACT_FOOTNOTES:
	case ACT_HELP:
	case ACT_TOC_TOGGLE:
	case ACT_REDRAW:
		return true;
	case ACT_LINE_UP:
	case ACT_PAGE_UP:
	case ACT_HALF_UP:
		return tail_can_go_up(t, -scroll_rows(&t->body, a));
	default:
		return false;
	}
}

static bool
same_block(const struct block *a, const struct block *b)
{
	return a->kind == b->kind && a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

/* Block TB of the tail in the whole document D, or -1: the same block as
 * many blocks from the end, or else the last one with the same text. */
static int32_t
tail_block(const struct doc *d, const struct doc *t, int32_t tb)
{
	size_t from_end = t->nblocks - (size_t)tb, lo;
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
tail_leave(struct ui *u)
{
	struct ui *t = u->tail;
	ui_complete(u);
	if (t->body.n && u->body.n) {
		struct anchor a = pane_anchor(t, &t->body);
		int32_t b = tail_block(u->d, t->d, t->body.flow[a.k]);
		if (b >= 0) {
			a.k = flow_index_of(&u->body, b);
			if (u->body.flow[a.k] != b)
				a = (struct anchor){a.k, 0, false, false};
			pane_restore(u, &u->body, a);
		} else {
			u->body.top = pane_max_top(u, &u->body);
		}
	}
	if (t->opts.toc_visible != u->opts.toc_visible) {
		u->opts.toc_visible = t->opts.toc_visible;
		ui_resize(u, u->W, u->H);
	}
	ui_free(&u->tail);
	doc_free(u->tail_doc);
	xfree(&u->tail_doc);
}

/* Once the whole document is read, and no popup of the tail is open, the
 * document proper takes over. */
static void
tail_settle(struct ui *u)
{
	if (u->tail && u->d->complete && u->tail->npop == 0 && !u->tail->quit)
		tail_leave(u);
}

static void
reader_action(struct ui *u, enum action a)
{
	struct pane *p = reader_pane(u);
	bool in_popup = u->npop > 0;
	if (!p)
		return;
	switch (a) {
	case ACT_QUIT:
		if (in_popup)
			popup_close(u);
		else
			u->quit = true;
		break;
	case ACT_CLOSE:
		if (in_popup)
			popup_close(u);
		break;
	case ACT_LINE_DOWN:
	case ACT_LINE_UP:
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
	case ACT_HALF_DOWN:
	case ACT_HALF_UP:
		pane_scroll(u, p, scroll_rows(p, a));
		break;
	case ACT_TOP:
		if (p == &u->body)
			history_push(u);
		p->top = (struct pos){0, 0};
		break;
	case ACT_BOTTOM:
		if (p == &u->body && tail_open(u)) {
			history_push(u);
			break;
		}
		ui_complete(u);
		if (p == &u->body)
			history_push(u);
		p->top = pane_max_top(u, p);
		break;
	case ACT_NEXT_HEADING:
	case ACT_PREV_HEADING:
		if (p == &u->body)
			goto_heading(u, a == ACT_NEXT_HEADING ? 1 : -1);
		break;
	case ACT_TOC_FOCUS:
		if (in_popup)
			break;
		if (!u->toc_shown) {
			if (u->W < UI_TOC_MIN_TOTAL || u->too_small) {
				ui_message(u, _("The window is too narrow for the table of contents"));
				break;
			}
			u->opts.toc_visible = true;
			ui_resize(u, u->W, u->H);
		}
		u->focus_toc = true;
		u->toc_cursor = toc_current(u);
		break;
	case ACT_TOC_TOGGLE:
		u->opts.toc_visible = !u->opts.toc_visible;
		ui_resize(u, u->W, u->H);
		break;
	case ACT_NEXT_LINK:
		pane_cycle_link(u, p, 1);
		break;
	case ACT_PREV_LINK:
		pane_cycle_link(u, p, -1);
		break;
	case ACT_OPEN_LINK:
		open_link(u, p);
		break;
	case ACT_FOOTNOTES:
		popup_open_footnote_list(u, p);
		break;
	case ACT_COLUMNS:
		ui_complete(u);
		popup_open_column_list(u);
		break;
	case ACT_BACK:
		if (!in_popup)
			history_back(u);
		break;
	case ACT_HELP:
		popup_open_help(u);
		break;
	case ACT_SEARCH_FORWARD:
	case ACT_SEARCH_BACKWARD:
		search_prompt_open(u, a == ACT_SEARCH_BACKWARD);
		break;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		search_step(u, a == ACT_SEARCH_PREV);
		break;
	case ACT_SEARCH_RESULTS:
		search_results(u);
		break;
	case ACT_REDRAW:
		u->redraw = true;
		break;
	default:
		break;
	}
	p = reader_pane(u);
	if (p == &u->body && a != ACT_NEXT_LINK && a != ACT_PREV_LINK && a != ACT_OPEN_LINK &&
	    a != ACT_FOOTNOTES && a != ACT_HELP && a != ACT_COLUMNS) {
		/* a selection scrolled off screen is dropped */
		struct link *l;
		size_t n;
		bool seen = false;
		pane_visible_links(u, p, &l, &n);
		for (size_t i = 0; i < n; i++)
			if (l[i].block == p->sel.block && l[i].span == p->sel.span)
				seen = true;
		if (!seen)
			p->sel.block = -1;
		free(l);
	}
}

static void
list_move(size_t *cursor, size_t n, long delta)
{
	long c = (long)*cursor + delta;
	if (n == 0) {
		*cursor = 0;
		return;
	}
	if (c < 0)
		c = 0;
	if (c >= (long)n)
		c = (long)n - 1;
	*cursor = (size_t)c;
}

static void
toc_action(struct ui *u, enum action a)
{
	long page = u->H > 3 ? u->H - 2 : 1;
	switch (a) {
	case ACT_LIST_DOWN:
		list_move(&u->toc_cursor, u->ntoc, 1);
		break;
	case ACT_LIST_UP:
		list_move(&u->toc_cursor, u->ntoc, -1);
		break;
	case ACT_LIST_TOP:
		u->toc_cursor = 0;
		break;
	case ACT_LIST_BOTTOM:
		list_move(&u->toc_cursor, u->ntoc, (long)u->ntoc);
		break;
	case ACT_LIST_PAGE_DOWN:
		list_move(&u->toc_cursor, u->ntoc, page);
		break;
	case ACT_LIST_PAGE_UP:
		list_move(&u->toc_cursor, u->ntoc, -page);
		break;
	case ACT_LIST_SELECT:
		if (u->ntoc)
			toc_jump(u, u->toc_cursor);
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
	if (u->tail) {
		if (tail_takes(u, key)) {
			ui_key(u->tail, key);
			if (ui_done(u->tail))
				u->quit = true;
			tail_settle(u);
			return;
		}
		tail_leave(u);
	}
	ui_sync(u);
	ui_message(u, NULL);
	if (key == K_RESIZE)
		return;
	if (u->sr.prompting) {
		search_prompt_key(u, key);
		return;
	}
	if (u->too_small) {
		a = keymap_lookup(u->keys, CTX_READER, key);
		if (a == ACT_QUIT)
			u->quit = true;
		return;
	}
	if (u->npop && u->pop[u->npop - 1].kind == POP_LIST) {
		a = keymap_lookup(u->keys, CTX_LIST, key);
		if (a != ACT_NONE)
			popup_list_action(u, a);
		else if (keymap_lookup(u->keys, CTX_READER, key) == ACT_QUIT)
			popup_close(u);
		return;
	}
	if (u->focus_toc) {
		a = keymap_lookup(u->keys, CTX_LIST, key);
		if (a != ACT_NONE)
			toc_action(u, a);
		return;
	}
	a = keymap_lookup(u->keys, CTX_READER, key);
	if (a != ACT_NONE)
		reader_action(u, a);
}

void
ui_mouse(struct ui *u, enum mouse_event ev, int x, int y)
{
	if (!u->opts.mouse || u->too_small)
		return;
	if (u->tail) {
		if (ev != MOUSE_WHEEL_UP || u->tail->npop || tail_can_go_up(u->tail, 3)) {
			ui_mouse(u->tail, ev, x, y);
			tail_settle(u);
			return;
		}
		tail_leave(u);
	}
	ui_sync(u);
	ui_message(u, NULL);
	if (ev != MOUSE_CLICK) {
		struct pane *p = reader_pane(u);
		if (u->npop && u->pop[u->npop - 1].kind == POP_LIST) {
			popup_list_action(u, ev == MOUSE_WHEEL_UP ? ACT_LIST_UP : ACT_LIST_DOWN);
			return;
		}
		if (p)
			pane_scroll(u, p, ev == MOUSE_WHEEL_UP ? -3 : 3);
		return;
	}
	for (size_t i = u->nhits; i-- > 0;) {
		const struct hit *h = &u->hits[i];
		if (h->y != y || x < h->x0 || x >= h->x1)
			continue;
		switch (h->kind) {
		case HIT_TOC:
			u->focus_toc = false;
			toc_jump(u, (size_t)h->a);
			return;
		case HIT_LINK: {
			struct pane *p = reader_pane(u);
			if (!p)
				return;
			p->sel = (struct link){h->a, h->b};
			open_link(u, p);
			return;
		}
		case HIT_LIST:
			u->pop[u->npop - 1].cursor = (size_t)h->a;
			popup_list_action(u, ACT_LIST_SELECT);
			return;
		}
	}
}
