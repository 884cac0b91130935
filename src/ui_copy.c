/* ui_copy.c: y and Y: what is copied (the open footnote or column, the
 * selected link's target, else the paragraph at the top of the body), its
 * citation (cite.c), and the request that tui.c or --replay carries out
 * (ui_take_clipboard).  The ui never writes to the terminal itself. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "cite.h"
#include "i18n.h"
#include "ui_impl.h"
#include "util.h"

/* What is copied and where it stands: the block its citation names, and
 * what to say after the headings (a footnote's name), or NULL. */
struct copy {
	struct buf text;
	int32_t at;
	char *extra;
};

static void
copy_note(struct ui *u, int32_t note, struct copy *c)
{
	const struct footnote *f;
	if (note < 0 || (size_t)note >= u->d->nnotes)
		return;
	f = &u->d->notes[note];
	if (f->def >= 0) {
		cite_block_text(u->d, (size_t)f->def, u->opts.copy_ruby, &c->text);
	} else {
		char *m = present_note_missing(&u->s.rd.P, note);
		buf_adds(&c->text, m);
		free(m);
	}
	c->at = f->ref >= 0 ? f->ref : f->def;
	c->extra = present_note_title(&u->s.rd.P, note);
}

/* A column's text as its popup shows it: its blocks, one a line. */
static void
copy_column(struct ui *u, int32_t col, struct copy *c)
{
	const struct column *k;
	if (col < 0 || (size_t)col >= u->d->ncols)
		return;
	k = &u->d->cols[col];
	for (int32_t b = k->head; b < k->end; b++) {
		if (u->d->blocks[b].kind == BLK_FOOTNOTE)
			continue;
		if (c->text.len)
			buf_addc(&c->text, '\n');
		cite_block_text(u->d, (size_t)b, u->opts.copy_ruby, &c->text);
	}
	c->at = k->head;
}

/* The selected link of pane P: a footnote reference copies the footnote,
 * a column's link its title. */
static void
copy_link(struct ui *u, const struct pane *p, struct copy *c)
{
	const struct block *b = &u->d->blocks[p->sel.block];
	if (p->sel.span >= 0 && (uint32_t)p->sel.span < b->nspans) {
		const struct span *sp = &b->spans[p->sel.span];
		if (sp->kind == SPAN_FNREF) {
			copy_note(u, sp->ref, c);
			return;
		}
		buf_add(&c->text, b->text + sp->start, sp->end - sp->start);
		c->at = p->sel.block;
	} else if (b->kind == BLK_COLUMN) {
		char *name = present_column_item(&u->s.rd.P, b->column);
		buf_adds(&c->text, name);
		free(name);
		c->at = p->sel.block;
	}
}

static bool
is_heading(const struct block *b)
{
	switch (b->kind) {
	case BLK_CHAPTER:
	case BLK_SECTION:
	case BLK_HEADING:
	case BLK_CONTENTS:
	case BLK_PART:
	case BLK_TITLE:
		return true;
	default:
		return b->len == 0;
	}
}

/* The paragraph at the top of the body: below a heading at the top, the
 * first paragraph that starts on screen; else the top block itself. */
static void
copy_top(struct ui *u, struct copy *c)
{
	const struct pane *p = &u->s.body;
	int32_t pick = -1;
	long rows = 0;
	for (size_t k = p->top.k; k < p->n && rows < p->h; k++) {
		int32_t b = p->flow[k];
		const struct block *bl = &u->d->blocks[b];
		if (pick < 0 && bl->len)
			pick = b;
		if (!is_heading(bl)) {
			pick = b;
			break;
		}
		rows += (long)pane_block_rows(p, k) - (k == p->top.k ? (long)p->top.r : 0);
	}
	if (pick < 0)
		return;
	cite_block_text(u->d, (size_t)pick, u->opts.copy_ruby, &c->text);
	c->at = pick;
}

static void
copy_what(struct ui *u, struct copy *c)
{
	struct pane *p = screen_reader_pane(&u->s);
	const struct popup *top = u->s.npop ? &u->s.pop[u->s.npop - 1] : NULL;
	if (!p)
		return;
	if (p->sel.block >= 0)
		copy_link(u, p, c);
	else if (top && p == &top->pane && top->note >= 0)
		copy_note(u, top->note, c);
	else if (top && p == &top->pane && top->col >= 0)
		copy_column(u, top->col, c);
	else if (p == &u->s.body)
		copy_top(u, c);
}

void
ui_copy_text(struct ui *u, const char *text, size_t len)
{
	free(u->clip);
	u->clip = xstrndup(text, len);
}

void
ui_copy(struct ui *u, bool citation_only)
{
	struct copy c = {{0}, -1, NULL};
	struct buf cite = {0}, msg = {0};
	size_t lines = 1;

	copy_what(u, &c);
	if (c.at >= 0)
		cite_place(&u->toc, &u->s.rd.P, c.at, &cite);
	if (c.extra) {
		if (cite.len)
			buf_addc(&cite, ' ');
		buf_adds(&cite, c.extra);
	}
	if (citation_only ? cite.len == 0 : c.text.len == 0) {
		ui_message(u, citation_only ? _("No citation for this place") : _("Nothing to copy here"));
	} else if (citation_only) {
		buf_printf(&msg, _("Copied the citation: %s"), cite.p);
		ui_copy_text(u, cite.p, cite.len);
	} else {
		if (cite.len) {
			buf_addc(&c.text, '\n');
			buf_add(&c.text, cite.p, cite.len);
		}
		for (size_t i = 0; i < c.text.len; i++)
			lines += c.text.p[i] == '\n';
		buf_printf(&msg, P_("Copied %zu line", "Copied %zu lines", lines), lines);
		ui_copy_text(u, c.text.p, c.text.len);
	}
	if (msg.len)
		ui_message(u, msg.p);
	buf_free(&msg);
	buf_free(&cite);
	buf_free(&c.text);
	free(c.extra);
}

char *
ui_take_clipboard(struct ui *u)
{
	char *t = u->clip;
	u->clip = NULL;
	return t;
}
