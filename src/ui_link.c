/* ui_link.c: following links.  A footnote reference opens its note, a
 * column's link line and a cross-reference to a column open the column, a
 * cross-reference to a place in the text goes there, one to something not
 * in the document says so, a URL opens a small popup with the keys that
 * open it (open_command) and copy it, and an editor's note or a character
 * given by its description (Aozora Bunko) opens a popup with its text.  What the status line says of
 * the link selected is here too. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "opener.h"
#include "present.h"
#include "text.h"
#include "ui_impl.h"
#include "ui_link.h"
#include "util.h"

/* The text of span SP of block B, made safe to show. */
static char *
span_text(const struct block *b, const struct span *sp)
{
	char *raw = xstrndup(b->text + sp->start, sp->end - sp->start), *t = text_escaped(raw, false);
	free(raw);
	return t;
}

/* ---- a URL's popup ---- */

enum url_item { URL_OPEN, URL_COPY };

static void
select_url(void *owner, int32_t payload)
{
	struct ui *u = owner;
	struct popup *pp = screen_top_list(&u->s);
	const char *opener = opener_find(u->opts.open_command);
	char *url;
	int e;
	struct buf m = {0};
	if (!pp || pp->nitems == 0)
		return;
	url = xstrdup(pp->items[0].text);
	if (payload == URL_COPY) {
		/* tui.c or --replay carries it out, as for y */
		popup_close(&u->s);
		ui_copy_text(u, url, strlen(url));
		buf_printf(&m, _("Copied the link: %s"), url);
		ui_message(u, m.p);
	} else if (payload == URL_OPEN && !opener) {
		ui_message(u, _("Nothing opens links here: set open_command in the config"));
	} else if (payload == URL_OPEN) {
		popup_close(&u->s);
		if ((e = opener_run(opener, url)) != 0)
			buf_printf(&m, _("Could not run %s: %s"), opener, strerror(e));
		else
			buf_printf(&m, _("Opened with %s"), opener);
		ui_message(u, m.p);
	}
	buf_free(&m);
	free(url);
}

/* o opens, y copies: the keys of items URL_OPEN and URL_COPY */
const struct popup_kind popup_url = {POPK_CURSOR | POPK_WIDE, select_url, "oy", NULL};

static void
open_url(struct ui *u, const char *url)
{
	const char *opener = opener_find(u->opts.open_command);
	struct popup *pp = popup_push(&u->s, &popup_url, _("Link"), u);
	struct buf t = {0};
	if (!pp)
		return;
	popup_add(pp, xstrdup(url), URL_OPEN);
	popup_add(pp, xstrdup(""), -1);
	if (opener)
		buf_printf(&t, _("o  open it with %s"), opener);
	else
		buf_printf(&t, _("o  (nothing opens links here: see open_command)"));
	popup_add(pp, buf_steal(&t), URL_OPEN);
	popup_add(pp, xstrdup(_("y  copy it")), URL_COPY);
	pp->cursor = 2;
	popup_place(&u->s, pp);
}

/* ---- following ---- */

/* Go to block B of the text: in the body, or in its column.  A jump:
 * Back returns (closing the column, or to the popups left). */
static void
goto_block(struct ui *u, int32_t b)
{
	const struct block *bl = &u->d->blocks[b];
	struct place before;
	if (bl->column >= 0 && !u->s.view.columns_inline && (size_t)bl->column < u->d->ncols) {
		screen_history_push(&u->s);
		screen_open_column(&u->s, bl->column);
		return;
	}
	screen_place_get(&u->s, &before);
	popup_close_all(&u->s);
	pane_goto_block(&u->s.body, pane_index_of(&u->s.body, b));
	screen_history_jumped(&u->s, &before);
}

static void
follow_xref(struct ui *u, const struct block *b, const struct span *sp)
{
	char *t;
	struct buf m = {0};
	switch (sp->style) {
	case XREF_COLUMN:
		screen_history_push(&u->s);
		screen_open_column(&u->s, sp->ref);
		return;
	case XREF_BLOCK:
		if (sp->ref >= 0 && (size_t)sp->ref < u->d->nblocks)
			goto_block(u, sp->ref);
		return;
	case XREF_OUTSIDE:
		t = span_text(b, sp);
		buf_printf(&m, _("Not in this document: %s"), t);
		ui_message(u, m.p);
		free(t);
		buf_free(&m);
		return;
	default:
		ui_message(u, _("Where this leads is known once the whole document is read"));
		return;
	}
}

void
ui_link_open(struct ui *u, struct pane *p)
{
	const struct block *b;
	const struct span *sp;
	char *url;
	if (p->sel.block < 0 && !pane_cycle_link(p, 1)) {
		ui_message(u, _("No links on screen"));
		return;
	}
	b = &u->d->blocks[p->sel.block];
	/* a popup opened is a jump, which Back closes */
	if (p->sel.span < 0) {
		if (b->kind == BLK_COLUMN) {
			screen_history_push(&u->s);
			screen_open_column(&u->s, b->column);
		}
		return;
	}
	if ((uint32_t)p->sel.span >= b->nspans)
		return;
	sp = &b->spans[p->sel.span];
	switch (sp->kind) {
	case SPAN_FNREF:
		screen_history_push(&u->s);
		screen_open_footnote(&u->s, sp->ref);
		break;
	case SPAN_XREF:
		follow_xref(u, b, sp);
		break;
	case SPAN_URL:
		url = xstrndup(b->text + sp->start, sp->end - sp->start);
		open_url(u, url);
		free(url);
		break;
	case SPAN_NOTE:
	case SPAN_GAIJI:
		screen_open_note(&u->s, p->sel.block, p->sel.span);
		break;
	default:
		break;
	}
}

void
ui_link_describe(struct ui *u, const struct pane *p)
{
	const struct block *b;
	const struct span *sp;
	struct buf m = {0};
	char *t;
	if (p->sel.block < 0 || p->sel.span < 0)
		return;
	b = &u->d->blocks[p->sel.block];
	if ((uint32_t)p->sel.span >= b->nspans)
		return;
	sp = &b->spans[p->sel.span];
	if (sp->kind == SPAN_URL) {
		t = span_text(b, sp);
		ui_message(u, t);
		free(t);
	} else if (sp->kind == SPAN_NOTE || sp->kind == SPAN_GAIJI) {
		/* an editor's note, a character's description: its text */
		ui_message(u, doc_ann(u->d, sp->ref));
	} else if (sp->kind == SPAN_XREF && sp->style == XREF_OUTSIDE) {
		follow_xref(u, b, sp);
	} else if (sp->kind == SPAN_XREF && sp->style == XREF_COLUMN) {
		t = present_column_item(&u->s.rd.P, sp->ref);
		buf_printf(&m, _("Enter opens %s"), t);
		ui_message(u, m.p);
		free(t);
	}
	buf_free(&m);
}
