/* ui_action.c: keys and the mouse, and the actions they run: moving
 * (headings, files, the history), search, links, the contents pane. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "i18n.h"
#include "ui.h"
#include "ui_impl.h"
#include "ui_link.h"

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
		if (files && dir > 0 && k + 1 >= p->n && !ui_need_whole(u, ACT_NEXT_FILE))
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
			if (ui_need_whole(u, ACT_TOC_FOCUS))
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
		if (!ui_need_whole(u, a))
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
		if (ui_need_whole(u, a))
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
	if (!ui_need_whole(u, a))
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

void
ui_reader_action(struct ui *u, enum action a)
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
		if (ui_need_whole(u, a))
			screen_open_column_list(&u->s);
	}
	else if (a == ACT_HELP)
		ui_open_help(u);
	else if (a == ACT_VERTICAL && !in_popup)
		ui_set_vertical(u, !u->opts.vertical);
	else if (a >= ACT_SEARCH_FORWARD && a <= ACT_SEARCH_RESULTS)
		search_action(u, a, reps);
	else if (a == ACT_MARKS) {
		if (ui_need_whole(u, a))
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
		ui_waiting_key(u, key);
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
		ui_reader_action(u, a);
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
