/* ui_help.c: the help screen, generated from the live key table and
 * wrapped to the screen's width. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui.h"
#include "ui_impl.h"
#include "util.h"
#include "width.h"

/* The help screen's key column. */
#define HELP_KEYS_CELLS 20

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
void
ui_open_help(struct ui *u)
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
