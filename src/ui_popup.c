/* ui_popup.c: popups over the body: a footnote, a column (with its own
 * footnotes on top), the footnote and column lists, and the help screen
 * generated from the live key table. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "keys.h"
#include "ui_impl.h"
#include "util.h"
#include "width.h"

static int
str_cells(const char *s)
{
	return (int)width_str((const uint8_t *)s, strlen(s));
}

static int
clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void
popup_place(struct ui *u, struct popup *pp)
{
	int w, h;
	if (pp->kind == POP_PANE && pp->large) {
		w = u->W > 44 ? u->W - 4 : u->W;
		if (w > 100)
			w = 100;
		h = u->H > 6 ? u->H - 2 : u->H - 1;
	} else if (pp->kind == POP_PANE) {
		int rows = 0;
		w = clampi(u->W - 4, 1, 64);
		pp->pane.w = w - 5 > 1 ? w - 5 : 1;
		for (size_t k = 0; k < pp->pane.n && rows < u->H; k++)
			rows += (int)pane_block_rows(u, &pp->pane, k);
		h = clampi(rows + 2, 3, u->H - 2 > 3 ? u->H - 2 : u->H);
	} else {
		int widest = str_cells(pp->title) + 6;
		for (size_t i = 0; i < pp->nitems; i++)
			if (str_cells(pp->items[i]) + 4 > widest)
				widest = str_cells(pp->items[i]) + 4;
		w = clampi(widest, 10, u->W - 4 > 10 ? u->W - 4 : u->W);
		if (pp->list == LIST_HELP && w < 60)
			w = clampi(60, 1, u->W - 2 > 1 ? u->W - 2 : u->W);
		h = clampi((int)pp->nitems + 2, 3, u->H - 2 > 3 ? u->H - 2 : u->H);
	}
	if (w > u->W)
		w = u->W;
	if (h > u->H - 1)
		h = u->H - 1 > 1 ? u->H - 1 : 1;
	pp->w = w;
	pp->h = h;
	pp->x = (u->W - w) / 2;
	if (!pp->large && u->toc_shown) {
		/* over the body, not over the table of contents */
		int bx = u->toc_w + 1, bw = u->W - bx;
		pp->x = bw >= w ? bx + (bw - w) / 2 : u->W - w;
	}
	pp->y = (u->H - 1 - h) / 2;
	if (pp->kind == POP_PANE) {
		struct anchor a = {0, 0, false, false};
		bool placed = pp->pane.h > 0;
		if (placed)
			a = pane_anchor(u, &pp->pane);
		pp->pane.x = pp->x + 2;
		pp->pane.y = pp->y + 1;
		pp->pane.w = w - 5 > 1 ? w - 5 : 1;
		pp->pane.h = h - 2 > 1 ? h - 2 : 1;
		if (placed)
			pane_restore(u, &pp->pane, a);
		else
			pane_scroll(u, &pp->pane, 0);
	} else {
		size_t vis = (size_t)(h - 2 > 1 ? h - 2 : 1);
		if (pp->list == LIST_HELP || pp->list == LIST_MESSAGE) {
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

static struct popup *popup_push(struct ui *u, enum popup_kind kind, const char *title);

struct popup *
popup_push_list(struct ui *u, const char *title, enum list_kind kind)
{
	struct popup *pp = popup_push(u, POP_LIST, title);
	if (pp)
		pp->list = kind;
	return pp;
}

static struct popup *
popup_push(struct ui *u, enum popup_kind kind, const char *title)
{
	struct popup *pp;
	if (u->npop == UI_POPUPS) {
		ui_message(u, _("Too many popups open"));
		return NULL;
	}
	pp = &u->pop[u->npop++];
	memset(pp, 0, sizeof *pp);
	pp->kind = kind;
	pp->title = xstrdup(title);
	pp->pane.sel.block = -1;
	pp->pane.mode = RENDER_POPUP;
	pp->col = pp->note = -1;
	return pp;
}

void
popup_close(struct ui *u)
{
	struct popup *pp;
	if (u->npop == 0)
		return;
	pp = &u->pop[--u->npop];
	free(pp->title);
	free(pp->pane.flow);
	for (size_t i = 0; i < pp->nitems; i++)
		free(pp->items[i]);
	free(pp->items);
	free(pp->payload);
	memset(pp, 0, sizeof *pp);
}

void
popup_list_add(struct popup *pp, size_t *cap, char *item, int32_t payload)
{
	size_t pcap = *cap;
	xgrow(&pp->items, cap, pp->nitems + 1, sizeof *pp->items);
	xgrow(&pp->payload, &pcap, pp->nitems + 1, sizeof *pp->payload);
	pp->items[pp->nitems] = item;
	pp->payload[pp->nitems] = payload;
	pp->nitems++;
}

static char *
note_label(const struct doc *d, int32_t note)
{
	const struct footnote *f = &d->notes[note];
	struct buf t = {0};
	if (f->def >= 0)
		buf_add(&t, d->blocks[f->def].text, d->blocks[f->def].body);
	else if (f->column < 0)
		buf_printf(&t, "(%d)", f->number);
	else
		buf_printf(&t, "%d", f->number);
	while (t.len && t.p[t.len - 1] == ' ')
		t.p[--t.len] = '\0';
	return buf_steal(&t);
}

void
popup_open_footnote(struct ui *u, int32_t note)
{
	struct popup *pp;
	char *label, *title;
	struct buf t = {0};
	if (note < 0 || (size_t)note >= u->d->nnotes)
		return;
	label = note_label(u->d, note);
	buf_printf(&t, _("Footnote %s"), label);
	title = buf_steal(&t);
	if (u->d->notes[note].def < 0) {
		size_t cap = 0;
		pp = popup_push(u, POP_LIST, title);
		if (pp) {
			struct buf m = {0};
			pp->list = LIST_MESSAGE;
			buf_printf(&m, "%s %s", label, _("(not in this document)"));
			popup_list_add(pp, &cap, buf_steal(&m), -1);
		}
	} else if ((pp = popup_push(u, POP_PANE, title))) {
		pp->note = note;
		pp->pane.flow = xmalloc(sizeof *pp->pane.flow);
		pp->pane.flow[0] = u->d->notes[note].def;
		pp->pane.n = 1;
	}
	free(label);
	free(title);
	if (pp)
		popup_place(u, pp);
}

void
popup_open_column(struct ui *u, int32_t col)
{
	const struct column *c;
	struct popup *pp;
	size_t cap = 0;
	if (col < 0 || (size_t)col >= u->d->ncols)
		return;
	c = &u->d->cols[col];
	pp = popup_push(u, POP_PANE, "コラム COLUMN");
	if (!pp)
		return;
	pp->large = true;
	pp->col = col;
	for (int32_t b = c->head; b < c->end; b++) {
		if (u->d->blocks[b].kind == BLK_FOOTNOTE)
			continue;
		xgrow(&pp->pane.flow, &cap, pp->pane.n + 1, sizeof *pp->pane.flow);
		pp->pane.flow[pp->pane.n++] = b;
	}
	popup_place(u, pp);
}

static char *
note_summary(const struct doc *d, int32_t note)
{
	const struct footnote *f = &d->notes[note];
	struct buf t = {0};
	char *label = note_label(d, note);
	buf_adds(&t, label);
	buf_adds(&t, " ");
	if (f->def >= 0) {
		const struct block *b = &d->blocks[f->def];
		buf_add(&t, b->text + b->body, b->len - b->body);
	} else {
		buf_adds(&t, _("(not in this document)"));
	}
	free(label);
	return buf_steal(&t);
}

void
popup_open_footnote_list(struct ui *u, struct pane *from)
{
	struct link *l;
	size_t n, cap = 0;
	struct popup *pp;
	pane_visible_links(u, from, &l, &n);
	for (size_t i = 0; i < n; i++)
		if (l[i].span >= 0)
			break;
		else if (i + 1 == n)
			n = 0;
	if (n == 0) {
		ui_message(u, _("No footnotes referenced on screen"));
		free(l);
		return;
	}
	pp = popup_push(u, POP_LIST, _("Footnotes on screen"));
	if (pp) {
		pp->list = LIST_FOOTNOTES;
		for (size_t i = 0; i < n; i++) {
			int32_t note;
			bool dup = false;
			if (l[i].span < 0)
				continue;
			note = u->d->blocks[l[i].block].spans[l[i].span].ref;
			for (size_t j = 0; j < pp->nitems; j++)
				dup |= pp->payload[j] == note;
			if (!dup)
				popup_list_add(pp, &cap, note_summary(u->d, note), note);
		}
		popup_place(u, pp);
	}
	free(l);
}

void
popup_open_column_list(struct ui *u)
{
	struct popup *pp;
	size_t cap = 0;
	if (u->d->ncols == 0) {
		ui_message(u, _("This document has no columns"));
		return;
	}
	pp = popup_push(u, POP_LIST, _("Columns"));
	if (!pp)
		return;
	pp->list = LIST_COLUMNS;
	for (size_t c = 0; c < u->d->ncols; c++) {
		const struct block *b = &u->d->blocks[u->d->cols[c].head];
		struct buf t = {0};
		buf_adds(&t, "コラム：");
		buf_add(&t, b->text, b->len);
		popup_list_add(pp, &cap, buf_steal(&t), (int32_t)c);
	}
	popup_place(u, pp);
}

void
popup_open_help(struct ui *u)
{
	static const char *const ctx_title[CTX_COUNT] = {N_("Reading"), N_("Lists and the table of contents")};
	struct popup *pp = popup_push(u, POP_LIST, _("Help: keys"));
	size_t cap = 0;
	if (!pp)
		return;
	pp->list = LIST_HELP;
	for (int ctx = 0; ctx < CTX_COUNT; ctx++) {
		if (ctx > 0)
			popup_list_add(pp, &cap, xstrdup(""), -1);
		popup_list_add(pp, &cap, xstrdup(_(ctx_title[ctx])), -1);
		for (int a = 0; a < ACT_COUNT; a++) {
			struct buf t = {0};
			char *keys;
			int pad;
			if ((int)action_table[a].ctx != ctx)
				continue;
			keys = keymap_keys_of(u->keys, (enum action)a);
			buf_adds(&t, "  ");
			buf_adds(&t, *keys ? keys : _("(unbound)"));
			pad = 20 - str_cells(keys);
			buf_addc(&t, ' ');
			while (pad-- > 0)
				buf_addc(&t, ' ');
			buf_adds(&t, _(action_table[a].help));
			free(keys);
			popup_list_add(pp, &cap, buf_steal(&t), -1);
		}
	}
	popup_list_add(pp, &cap, xstrdup(""), -1);
	popup_list_add(pp, &cap, xstrdup(_("Mouse: the wheel scrolls; a click opens a link or a TOC entry.")), -1);
	popup_place(u, pp);
}

void
popup_list_action(struct ui *u, enum action a)
{
	struct popup *pp = &u->pop[u->npop - 1];
	size_t vis = (size_t)(pp->h - 2 > 1 ? pp->h - 2 : 1);
	bool scroll_only = pp->list == LIST_HELP || pp->list == LIST_MESSAGE;
	size_t n = pp->nitems;
	size_t *c = scroll_only ? &pp->top : &pp->cursor;
	size_t last = scroll_only ? (n > vis ? n - vis : 0) : (n ? n - 1 : 0);

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
	case ACT_LIST_SELECT: {
		int32_t v = n ? pp->payload[pp->cursor] : -1;
		enum list_kind k = pp->list;
		if (k == LIST_FOOTNOTES) {
			popup_close(u);
			popup_open_footnote(u, v);
		} else if (k == LIST_COLUMNS) {
			popup_close(u);
			popup_open_column(u, v);
		} else if (k == LIST_RESULTS && v >= 0) {
			popup_close(u);
			search_goto_result(u, (size_t)v);
		}
		return;
	}
	case ACT_LIST_LEAVE:
		popup_close(u);
		return;
	default:
		break;
	}
	popup_place(u, pp);
}
