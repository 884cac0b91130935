/* screen.c: the body pane, the popups over it, the history of jumps and
 * the status line's message (see screen.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "layout.h"
#include "screen.h"
#include "util.h"
#include "width.h"

void
screen_init(struct screen *s, const struct doc *d, bool hanging, const struct present_opts *po,
            bool columns_inline)
{
	memset(s, 0, sizeof *s);
	s->d = d;
	render_init(&s->rd, d, hanging, po);
	s->view = (struct view){d, &s->rd, columns_inline};
	pane_init(&s->body, &s->view, RENDER_MAIN);
}

void
screen_free(struct screen *s)
{
	popup_close_all(s);
	pane_free(&s->body);
	xfree(&s->msg);
	render_free(&s->rd);
}

void
screen_message(struct screen *s, const char *msg)
{
	free(s->msg);
	s->msg = msg ? xstrdup(msg) : NULL;
}

struct pane *
screen_reader_pane(struct screen *s)
{
	for (int i = s->npop - 1; i >= 0; i--)
		if (s->pop[i].kind->flags & POPK_PANE)
			return i == s->npop - 1 ? &s->pop[i].pane : NULL;
	return &s->body;
}

struct popup *
screen_top_list(struct screen *s)
{
	if (s->npop && !(s->pop[s->npop - 1].kind->flags & POPK_PANE))
		return &s->pop[s->npop - 1];
	return NULL;
}

/* ---- history ---- */

void
screen_history_push(struct screen *s)
{
	struct anchor a = pane_anchor(&s->body);
	if (s->nhist == SCREEN_HISTORY) {
		memmove(s->hist, s->hist + 1, (SCREEN_HISTORY - 1) * sizeof *s->hist);
		s->nhist--;
	}
	s->hist[s->nhist++] = a;
}

bool
screen_history_back(struct screen *s)
{
	if (s->nhist == 0)
		return false;
	pane_restore(&s->body, s->hist[--s->nhist]);
	s->body.sel.block = -1;
	return true;
}

/* ---- popups ---- */

static int
clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The size of a popup for the screen. */
static void
popup_size(struct screen *s, struct popup *pp, int *w, int *h)
{
	unsigned f = pp->kind->flags;
	int amb = s->rd.P.amb;
	if (f & POPK_LARGE) {
		*w = s->W > 44 ? s->W - 4 : s->W;
		if (*w > 100)
			*w = 100;
		*h = s->H > 6 ? s->H - 2 : s->H - 1;
	} else if (f & POPK_PANE) {
		int rows = 0;
		*w = clampi(s->W - 4, 1, 64);
		pp->pane.w = *w - 3 > 1 ? *w - 3 : 1;
		for (size_t k = 0; k < pp->pane.n && rows < s->H; k++)
			rows += (int)pane_block_rows(&pp->pane, k);
		*h = clampi(rows + 2, 3, s->H - 2 > 3 ? s->H - 2 : s->H);
	} else {
		int widest = width_cstr(pp->title, amb) + 6;
		for (size_t i = 0; i < pp->nitems; i++)
			if (width_cstr(pp->items[i].text, amb) + 4 > widest)
				widest = width_cstr(pp->items[i].text, amb) + 4;
		*w = clampi(widest, 10, s->W - 4 > 10 ? s->W - 4 : s->W);
		if ((f & POPK_WIDE) && *w < 60)
			*w = clampi(60, 1, s->W - 2 > 1 ? s->W - 2 : s->W);
		*h = clampi((int)pp->nitems + 2, 3, s->H - 2 > 3 ? s->H - 2 : s->H);
	}
	if (*w > s->W)
		*w = s->W;
	if (*h > s->H - 1)
		*h = s->H - 1 > 1 ? s->H - 1 : 1;
}

void
popup_place(struct screen *s, struct popup *pp)
{
	int w, h;
	popup_size(s, pp, &w, &h);
	pp->w = w;
	pp->h = h;
	pp->x = (s->W - w) / 2;
	if (!(pp->kind->flags & POPK_LARGE) && s->avoid_x > 0) {
		/* over the body, not over the table of contents */
		int bw = s->W - s->avoid_x;
		pp->x = bw >= w ? s->avoid_x + (bw - w) / 2 : s->W - w;
	}
	pp->y = (s->H - 1 - h) / 2;
	if (pp->kind->flags & POPK_PANE) {
		struct anchor a = {0, 0, false, false};
		bool placed = pp->pane.h > 0;
		if (placed)
			a = pane_anchor(&pp->pane);
		pp->pane.x = pp->x + 2;
		pp->pane.y = pp->y + 1;
		pp->pane.w = w - 3 > 1 ? w - 3 : 1;
		pp->pane.h = h - 2 > 1 ? h - 2 : 1;
		if (placed)
			pane_restore(&pp->pane, a);
		else
			pane_scroll(&pp->pane, 0);
	} else {
		size_t vis = (size_t)(h - 2 > 1 ? h - 2 : 1);
		if (!(pp->kind->flags & POPK_CURSOR)) {
			/* no cursor: the view scrolls, within the list */
			if (pp->top + vis > pp->nitems)
				pp->top = pp->nitems > vis ? pp->nitems - vis : 0;
		} else {
			if (pp->cursor < pp->top)
				pp->top = pp->cursor;
			if (pp->cursor >= pp->top + vis)
				pp->top = pp->cursor - vis + 1;
		}
	}
}

struct popup *
popup_push(struct screen *s, const struct popup_kind *k, const char *title, void *owner)
{
	struct popup *pp;
	if (s->npop == SCREEN_POPUPS) {
		screen_message(s, _("Too many popups open"));
		return NULL;
	}
	pp = &s->pop[s->npop++];
	memset(pp, 0, sizeof *pp);
	pp->kind = k;
	pp->owner = owner;
	pp->title = xstrdup(title);
	pane_init(&pp->pane, &s->view, RENDER_POPUP);
	pp->col = pp->note = -1;
	return pp;
}

void
popup_close(struct screen *s)
{
	struct popup *pp;
	if (s->npop == 0)
		return;
	pp = &s->pop[--s->npop];
	free(pp->title);
	pane_free(&pp->pane);
	for (size_t i = 0; i < pp->nitems; i++)
		free(pp->items[i].text);
	free(pp->items);
	memset(pp, 0, sizeof *pp);
}

void
popup_close_all(struct screen *s)
{
	while (s->npop)
		popup_close(s);
}

void
popup_add(struct popup *pp, char *item, int32_t payload)
{
	xgrow(&pp->items, &pp->items_cap, pp->nitems + 1, sizeof *pp->items);
	pp->items[pp->nitems++] = (struct popup_item){item, payload};
}

bool
popup_list_action(struct screen *s, enum action a)
{
	struct popup *pp = screen_top_list(s);
	size_t vis, n, last, *c;
	bool scroll_only;
	if (!pp)
		return false;
	vis = (size_t)(pp->h - 2 > 1 ? pp->h - 2 : 1);
	scroll_only = !(pp->kind->flags & POPK_CURSOR);
	n = pp->nitems;
	c = scroll_only ? &pp->top : &pp->cursor;
	last = scroll_only ? (n > vis ? n - vis : 0) : (n ? n - 1 : 0);
	switch (a) {
	case ACT_LIST_DOWN:
		if (*c < last)
			(*c)++;
		break;
	case ACT_LIST_UP:
		if (*c > 0)
			(*c)--;
		break;
	case ACT_LIST_TOP:
		*c = 0;
		break;
	case ACT_LIST_BOTTOM:
		*c = last;
		break;
	case ACT_LIST_PAGE_DOWN:
		*c = *c + vis < last ? *c + vis : last;
		break;
	case ACT_LIST_PAGE_UP:
		*c = *c > vis ? *c - vis : 0;
		break;
	case ACT_LIST_SELECT:
		if (pp->kind->select)
			pp->kind->select(pp->owner, n ? pp->items[pp->cursor].payload : -1);
		return true;
	case ACT_LIST_LEAVE:
		popup_close(s);
		return true;
	default:
		return false;
	}
	popup_place(s, pp);
	return true;
}

bool
popup_list_key(struct screen *s, int32_t key)
{
	struct popup *pp = screen_top_list(s);
	const char *k;
	if (!pp || !pp->kind->keys || key <= 0 || key >= 0x80 || !pp->kind->select)
		return false;
	k = strchr(pp->kind->keys, (int)key);
	if (!k)
		return false;
	pp->kind->select(pp->owner, (int32_t)(k - pp->kind->keys));
	return true;
}

/* ---- footnotes and columns ---- */

static void
select_footnote(void *owner, int32_t note)
{
	struct screen *s = owner;
	popup_close(s);
	screen_open_footnote(s, note);
}

static void
select_column(void *owner, int32_t col)
{
	struct screen *s = owner;
	popup_close(s);
	screen_open_column(s, col);
}

const struct popup_kind popup_footnote = {POPK_PANE, NULL, NULL};
const struct popup_kind popup_column = {POPK_PANE | POPK_LARGE, NULL, NULL};
const struct popup_kind popup_footnote_list = {POPK_CURSOR, select_footnote, NULL};
const struct popup_kind popup_column_list = {POPK_CURSOR, select_column, NULL};
const struct popup_kind popup_help = {POPK_WIDE, NULL, NULL};
const struct popup_kind popup_message = {0, NULL, NULL};

void
screen_open_footnote(struct screen *s, int32_t note)
{
	struct popup *pp;
	char *title;
	if (note < 0 || (size_t)note >= s->d->nnotes)
		return;
	title = present_note_title(&s->rd.P, note);
	if (s->d->notes[note].def < 0) {
		if ((pp = popup_push(s, &popup_message, title, s)) != NULL)
			popup_add(pp, present_note_missing(&s->rd.P, note), -1);
	} else if ((pp = popup_push(s, &popup_footnote, title, s)) != NULL) {
		pp->note = note;
		pane_add(&pp->pane, s->d->notes[note].def);
	}
	free(title);
	if (pp)
		popup_place(s, pp);
}

void
screen_open_note(struct screen *s, int32_t block, int32_t span)
{
	const struct span *sp = &s->d->blocks[block].spans[span];
	const char *text = doc_ann(s->d, sp->ref);
	struct layout_opts o = {s->W - 8 > 56 ? 56 : (s->W - 8 > 8 ? s->W - 8 : 8), false, s->rd.P.amb};
	struct lline *l;
	struct popup *pp;
	size_t n;
	char *title = present_note_kind(&s->rd.P, sp);
	pp = popup_push(s, &popup_message, title, s);
	free(title);
	if (!pp)
		return;
	/* the note's text, in lines that fit */
	n = layout_text(text, strlen(text), 0, 0, &o, &l);
	for (size_t i = 0; i < n; i++)
		popup_add(pp, xstrndup(text + l[i].start, l[i].end - l[i].start), -1);
	if (!n)
		popup_add(pp, xstrdup(""), -1);
	free(l);
	popup_place(s, pp);
}

void
screen_open_column(struct screen *s, int32_t col)
{
	const struct column *c;
	struct popup *pp;
	char *title;
	if (col < 0 || (size_t)col >= s->d->ncols)
		return;
	c = &s->d->cols[col];
	title = present_column_title(&s->rd.P, col);
	pp = popup_push(s, &popup_column, title, s);
	free(title);
	if (!pp)
		return;
	pp->col = col;
	for (int32_t b = c->head; b < c->end; b++)
		if (s->d->blocks[b].kind != BLK_FOOTNOTE)
			pane_add(&pp->pane, b);
	popup_place(s, pp);
}

bool
screen_open_footnote_list(struct screen *s, const struct pane *from)
{
	struct link *l;
	size_t n, notes = 0;
	struct popup *pp;
	pane_visible_links(from, &l, &n);
	/* footnotes only: the other links are notes of the text */
	for (size_t i = 0; i < n; i++)
		if (l[i].span >= 0 && s->d->blocks[l[i].block].spans[l[i].span].kind != SPAN_FNREF)
			l[i].span = -1;
	for (size_t i = 0; i < n; i++)
		notes += l[i].span >= 0;
	if (notes == 0) {
		free(l);
		return false;
	}
	pp = popup_push(s, &popup_footnote_list, _("Footnotes on screen"), s);
	if (pp) {
		for (size_t i = 0; i < n; i++) {
			int32_t note;
			bool dup = false;
			if (l[i].span < 0)
				continue;
			note = s->d->blocks[l[i].block].spans[l[i].span].ref;
			for (size_t j = 0; j < pp->nitems; j++)
				dup |= pp->items[j].payload == note;
			if (!dup)
				popup_add(pp, present_note_summary(&s->rd.P, note), note);
		}
		popup_place(s, pp);
	}
	free(l);
	return true;
}

void
screen_open_column_list(struct screen *s)
{
	struct popup *pp;
	if (s->d->ncols == 0) {
		screen_message(s, _("This document has no columns"));
		return;
	}
	pp = popup_push(s, &popup_column_list, _("Columns"), s);
	if (!pp)
		return;
	for (size_t c = 0; c < s->d->ncols; c++)
		popup_add(pp, present_column_item(&s->rd.P, (int32_t)c), (int32_t)c);
	popup_place(s, pp);
}
