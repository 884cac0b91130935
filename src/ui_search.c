/* ui_search.c: the search prompt (incremental, with history), n/N with
 * wrap-around, matches in columns and footnotes opened where they are,
 * and the results list. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "keys.h"
#include "ui_impl.h"
#include "util.h"

#define SEARCH_HISTORY 50
/* The results list shows at most this many matches. */
#define RESULTS_MAX 5000

static void
ensure_index(struct ui *u)
{
	/* the index covers the whole document: read the rest first */
	ui_complete(u);
	if (u->sr.built && u->sr.built_kana == u->opts.kana_insensitive)
		return;
	double t0 = timing_now();
	if (u->sr.built)
		search_index_free(&u->sr.ix);
	search_index_build(&u->sr.ix, u->d, u->opts.kana_insensitive);
	timing_report("search index", t0);
	u->sr.built = true;
	u->sr.built_kana = u->opts.kana_insensitive;
}

void
search_prepare(struct ui *u)
{
	ensure_index(u);
}

void
search_free(struct ui *u)
{
	if (u->sr.built)
		search_index_free(&u->sr.ix);
	free(u->sr.query);
	free(u->sr.last);
	free(u->sr.matches);
	buf_free(&u->sr.input);
	for (size_t i = 0; i < u->sr.nhistory; i++)
		free(u->sr.history[i]);
	free(u->sr.history);
	memset(&u->sr, 0, sizeof u->sr);
}

/* ---- where a block is shown ---- */

/* The column a block belongs to (directly, or through its footnote). */
static int32_t
column_of(const struct doc *d, int32_t b)
{
	return d->blocks[b].kind == BLK_COLUMN ? -1 : d->blocks[b].column;
}

static int32_t
note_of(const struct doc *d, int32_t b)
{
	if (d->blocks[b].kind != BLK_FOOTNOTE)
		return -1;
	for (size_t f = 0; f < d->nnotes; f++)
		if (d->notes[f].def == b)
			return (int32_t)f;
	return -1;
}

static size_t
flow_find(const struct pane *p, int32_t b)
{
	for (size_t k = 0; k < p->n; k++)
		if (p->flow[k] == b)
			return k;
	return 0;
}

/* Scroll P so that byte OFF of flow entry K is on screen: left alone if it
 * is already, else its row goes near the top. */
static void
reveal(struct ui *u, struct pane *p, size_t k, uint32_t off)
{
	struct pos at = p->top;
	const struct rblock *rb = pane_rblock(u, p, k);
	uint32_t sep = pane_block_rows(u, p, k) - rb->n, r = sep;
	for (uint32_t i = 0; i < rb->n; i++)
		if (rb->rows[i].kind == ROW_TEXT && !(rb->rows[i].flags & ROW_SYNTH) &&
		    rb->rows[i].start <= off)
			r = sep + i;
	for (int y = 0; y < p->h; y++) {
		if (at.k == k && at.r == r)
			return;
		if (!pane_next(u, p, &at))
			break;
	}
	p->top.k = k;
	p->top.r = r;
	pane_scroll(u, p, -(p->h > 6 ? 2 : 0));
}

/* Show match M: in the body, or in the popup(s) that hold it. */
static void
show_match(struct ui *u, const struct match *m)
{
	const struct doc *d = u->d;
	int32_t col = column_of(d, m->block), note = note_of(d, m->block);
	while (u->npop)
		popup_close(u);
	if (note >= 0 && d->notes[note].column >= 0)
		col = d->notes[note].column;
	if (col >= 0) {
		struct pane *p;
		popup_open_column(u, col);
		if (!u->npop)
			return;
		p = &u->pop[u->npop - 1].pane;
		if (note < 0)
			reveal(u, p, flow_find(p, m->block), m->start);
		else
			reveal(u, &u->body, flow_find(&u->body, d->cols[col].head), 0);
	}
	if (note >= 0) {
		if (col < 0 && d->notes[note].ref >= 0) {
			/* show the text that references the footnote under it */
			int32_t rb = d->notes[note].ref;
			if (doc_in_main_flow(d, (size_t)rb))
				reveal(u, &u->body, flow_find(&u->body, rb), 0);
		}
		popup_open_footnote(u, note);
		return;
	}
	if (col < 0)
		reveal(u, &u->body, flow_find(&u->body, m->block), m->start);
}

/* ---- matching ---- */

static void
clear_matches(struct ui *u)
{
	xfree(&u->sr.matches);
	xfree(&u->sr.query);
	u->sr.nmatches = 0;
	u->sr.cur = 0;
}

static void
set_matches(struct ui *u, const char *query)
{
	free(u->sr.matches);
	free(u->sr.query);
	u->sr.query = xstrdup(query);
	u->sr.nmatches = search_all(&u->sr.ix, query, &u->sr.matches, &u->sr.nlen);
	u->sr.cur = 0;
}

/* The index of the first match at or after norm offset FROM (NMATCHES if
 * none). */
static size_t
first_match_at(const struct ui *u, size_t from)
{
	size_t lo = 0, hi = u->sr.nmatches;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (u->sr.matches[mid] < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first match at or after FROM (forwards) or before it (backwards). */
static bool
pick_from(struct ui *u, size_t from, bool backward, bool *wrapped)
{
	size_t n = u->sr.nmatches, lo;
	*wrapped = false;
	if (n == 0)
		return false;
	lo = first_match_at(u, from);
	if (!backward) {
		if (lo == n) {
			lo = 0;
			*wrapped = true;
		}
		u->sr.cur = lo;
	} else {
		if (lo == 0) {
			lo = n;
			*wrapped = true;
		}
		u->sr.cur = lo - 1;
	}
	return true;
}

static void
show_current(struct ui *u)
{
	struct match m = search_locate(&u->sr.ix, u->sr.matches[u->sr.cur], u->sr.nlen);
	show_match(u, &m);
}

/* Where a search starts: the top of the top pane. */
static size_t
start_offset(struct ui *u)
{
	struct pane *p = &u->body;
	struct anchor a;
	int32_t b;
	if (u->npop && u->pop[u->npop - 1].kind == POP_PANE)
		p = &u->pop[u->npop - 1].pane;
	if (p->n == 0)
		return 0;
	a = pane_anchor(u, p);
	b = p->flow[a.k];
	return search_norm_offset(&u->sr.ix, b, a.sep ? 0 : a.off);
}

/* ---- the prompt ---- */

static void
remember_popups(struct ui *u)
{
	u->sr.nmemo = 0;
	for (int i = 0; i < u->npop; i++) {
		struct popup *pp = &u->pop[i];
		if (pp->kind != POP_PANE)
			break;
		u->sr.memo[u->sr.nmemo++] =
		    (struct popup_memo){pp->col, pp->note, pane_anchor(u, &pp->pane)};
	}
}

static void
restore_popups(struct ui *u)
{
	while (u->npop)
		popup_close(u);
	pane_restore(u, &u->body, u->sr.saved);
	for (int i = 0; i < u->sr.nmemo; i++) {
		const struct popup_memo *m = &u->sr.memo[i];
		if (m->col >= 0)
			popup_open_column(u, m->col);
		else
			popup_open_footnote(u, m->note);
		if (u->npop && u->pop[u->npop - 1].kind == POP_PANE)
			pane_restore(u, &u->pop[u->npop - 1].pane, m->at);
	}
}

void
search_prompt_open(struct ui *u, bool backward)
{
	/* lists and help are transient: they close */
	while (u->npop && u->pop[u->npop - 1].kind == POP_LIST)
		popup_close(u);
	ensure_index(u);
	u->sr.prompting = true;
	u->sr.backward = backward;
	u->sr.input.len = 0;
	buf_add(&u->sr.input, "", 0);
	u->sr.cursor = 0;
	u->sr.hist_pos = u->sr.nhistory;
	u->sr.saved = pane_anchor(u, &u->body);
	remember_popups(u);
	u->sr.from = start_offset(u);
}

/* Search for the prompt's text as it stands: the view follows. */
static void
incremental(struct ui *u)
{
	bool wrapped;
	double t0 = timing_now();
	restore_popups(u);
	if (u->sr.input.len == 0) {
		clear_matches(u);
		return;
	}
	set_matches(u, u->sr.input.p);
	if (!pick_from(u, u->sr.from, u->sr.backward, &wrapped)) {
		ui_message(u, _("Pattern not found"));
		return;
	}
	show_current(u);
	timing_report("incremental search step (all matches counted, first shown)", t0);
}

static void
history_add(struct ui *u, const char *q)
{
	struct search_ui *s = &u->sr;
	if (s->nhistory && strcmp(s->history[s->nhistory - 1], q) == 0)
		return;
	if (s->nhistory == SEARCH_HISTORY) {
		free(s->history[0]);
		memmove(s->history, s->history + 1, (SEARCH_HISTORY - 1) * sizeof *s->history);
		s->nhistory--;
	}
	s->history = xrealloc(s->history, (s->nhistory + 1) * sizeof *s->history);
	s->history[s->nhistory++] = xstrdup(q);
}

static void
set_input(struct ui *u, const char *s)
{
	u->sr.input.len = 0;
	buf_adds(&u->sr.input, s);
	u->sr.cursor = u->sr.input.len;
}

static void
accept(struct ui *u)
{
	u->sr.prompting = false;
	if (u->sr.input.len == 0) {
		/* an empty pattern repeats the last search */
		if (!u->sr.last) {
			restore_popups(u);
			return;
		}
		set_input(u, u->sr.last);
		incremental(u);
	}
	history_add(u, u->sr.input.p);
	free(u->sr.last);
	u->sr.last = xstrdup(u->sr.input.p);
	if (u->sr.nmatches == 0) {
		restore_popups(u);
		ui_message(u, _("Pattern not found"));
		return;
	}
	{
		/* the jump can be undone with Backspace */
		struct anchor here = pane_anchor(u, &u->body);
		pane_restore(u, &u->body, u->sr.saved);
		history_push(u);
		pane_restore(u, &u->body, here);
	}
}

void
search_prompt_key(struct ui *u, int32_t key)
{
	struct search_ui *s = &u->sr;
	switch (key) {
	case K_ENTER:
		accept(u);
		return;
	case K_ESC:
	case K_CTRL('g'):
		s->prompting = false;
		restore_popups(u);
		/* the last accepted search's matches come back */
		if (s->last)
			set_matches(u, s->last);
		else
			clear_matches(u);
		return;
	case K_BACKSPACE:
	case K_CTRL('h'):
		if (s->cursor == 0) {
			if (s->input.len == 0)
				search_prompt_key(u, K_ESC);
			return;
		}
		{
			size_t st;
			utf8_prev((const uint8_t *)s->input.p, s->cursor, &st);
			memmove(s->input.p + st, s->input.p + s->cursor, s->input.len - s->cursor + 1);
			s->input.len -= s->cursor - st;
			s->cursor = st;
		}
		break;
	case K_DELETE:
		if (s->cursor < s->input.len) {
			uint32_t c;
			size_t l = utf8_get((const uint8_t *)s->input.p + s->cursor, s->input.len - s->cursor, &c);
			memmove(s->input.p + s->cursor, s->input.p + s->cursor + l, s->input.len - s->cursor - l + 1);
			s->input.len -= l;
		}
		break;
	case K_LEFT:
		if (s->cursor > 0)
			utf8_prev((const uint8_t *)s->input.p, s->cursor, &s->cursor);
		return;
	case K_RIGHT:
		if (s->cursor < s->input.len) {
			uint32_t c;
			s->cursor += utf8_get((const uint8_t *)s->input.p + s->cursor, s->input.len - s->cursor, &c);
		}
		return;
	case K_HOME:
	case K_CTRL('a'):
		s->cursor = 0;
		return;
	case K_END:
	case K_CTRL('e'):
		s->cursor = s->input.len;
		return;
	case K_CTRL('u'):
		s->input.len = 0;
		s->input.p[0] = '\0';
		s->cursor = 0;
		break;
	case K_UP:
	case K_DOWN:
		if (s->nhistory == 0)
			return;
		if (key == K_UP && s->hist_pos > 0)
			s->hist_pos--;
		else if (key == K_DOWN && s->hist_pos < s->nhistory)
			s->hist_pos++;
		set_input(u, s->hist_pos < s->nhistory ? s->history[s->hist_pos] : "");
		break;
	default:
		if (key < 0x20 || key >= YK_SPECIAL || key == 0x7F)
			return;
		{
			struct buf ch = {0};
			buf_addcp(&ch, (uint32_t)key);
			xgrow(&s->input.p, &s->input.cap, s->input.len + ch.len + 1, 1);
			memmove(s->input.p + s->cursor + ch.len, s->input.p + s->cursor,
			        s->input.len - s->cursor + 1);
			memcpy(s->input.p + s->cursor, ch.p, ch.len);
			s->input.len += ch.len;
			s->cursor += ch.len;
			buf_free(&ch);
		}
		break;
	}
	incremental(u);
}

/* ---- n, N and the results ---- */

void
search_step(struct ui *u, bool reverse)
{
	bool back = u->sr.backward != reverse, wrapped = false;
	size_t from;
	if (!u->sr.last) {
		ui_message(u, _("No previous search"));
		return;
	}
	ensure_index(u);
	if (!u->sr.matches || u->sr.nmatches == 0 || strcmp(u->sr.query, u->sr.last) != 0) {
		set_matches(u, u->sr.last);
		if (u->sr.nmatches == 0) {
			ui_message(u, _("Pattern not found"));
			return;
		}
		from = start_offset(u);
		pick_from(u, from, back, &wrapped);
	} else if (!back) {
		if (u->sr.cur + 1 < u->sr.nmatches) {
			u->sr.cur++;
		} else {
			if (!u->opts.wrap_search) {
				ui_message(u, _("No more matches below"));
				return;
			}
			u->sr.cur = 0;
			wrapped = true;
		}
	} else {
		if (u->sr.cur > 0) {
			u->sr.cur--;
		} else {
			if (!u->opts.wrap_search) {
				ui_message(u, _("No more matches above"));
				return;
			}
			u->sr.cur = u->sr.nmatches - 1;
			wrapped = true;
		}
	}
	history_push(u);
	show_current(u);
	if (wrapped)
		ui_message(u, back ? _("Search wrapped to the end") : _("Search wrapped to the top"));
}

void
search_goto_result(struct ui *u, size_t i)
{
	if (i >= u->sr.nmatches)
		return;
	history_push(u);
	u->sr.cur = i;
	show_current(u);
}

/* One line of context around a match. */
static char *
result_line(struct ui *u, size_t i)
{
	struct match m = search_locate(&u->sr.ix, u->sr.matches[i], u->sr.nlen);
	const struct block *b = &u->d->blocks[m.block];
	const uint8_t *t = (const uint8_t *)b->text;
	size_t a = m.start, e = m.end, st;
	struct buf out = {0};
	char *path = ui_block_path(u, m.block);
	for (int k = 0; k < 12 && a > b->body; k++) {
		utf8_prev(t, a, &st);
		a = st;
	}
	for (int k = 0; k < 16 && e < b->len; k++) {
		uint32_t c;
		e += utf8_get(t + e, b->len - e, &c);
	}
	buf_adds(&out, path);
	buf_adds(&out, b->kind == BLK_FOOTNOTE ? _(" (footnote): ") : ": ");
	if (a > b->body)
		buf_adds(&out, "…");
	for (size_t k = a; k < e; k++)
		buf_addc(&out, b->text[k] == '\n' ? ' ' : b->text[k]);
	if (e < b->len)
		buf_adds(&out, "…");
	free(path);
	return buf_steal(&out);
}

void
search_results(struct ui *u)
{
	size_t n, cap = 0;
	struct popup *pp;
	struct buf title = {0};
	if (!u->sr.last || u->sr.nmatches == 0) {
		ui_message(u, u->sr.last ? _("Pattern not found") : _("No previous search"));
		return;
	}
	n = u->sr.nmatches < RESULTS_MAX ? u->sr.nmatches : RESULTS_MAX;
	buf_printf(&title, _("%zu matches for \"%s\""), u->sr.nmatches, u->sr.query);
	pp = popup_push_list(u, title.p, LIST_RESULTS);
	buf_free(&title);
	if (!pp)
		return;
	for (size_t i = 0; i < n; i++)
		popup_list_add(pp, &cap, result_line(u, i), (int32_t)i);
	if (n < u->sr.nmatches) {
		struct buf more = {0};
		buf_printf(&more, _("… and %zu more"), u->sr.nmatches - n);
		popup_list_add(pp, &cap, buf_steal(&more), -1);
	}
	pp->cursor = u->sr.cur < n ? u->sr.cur : 0;
	popup_place(u, pp);
}

size_t
search_block_matches(struct ui *u, int32_t b, struct match **out, long *cur)
{
	size_t lo, n = 0, start, end;
	*out = NULL;
	*cur = -1;
	if (!u->sr.built || u->sr.nmatches == 0 || u->sr.nlen == 0)
		return 0;
	start = u->sr.ix.blocks[b].start;
	end = u->sr.ix.blocks[b + 1].start;
	lo = first_match_at(u, start);
	for (size_t i = lo; i < u->sr.nmatches && u->sr.matches[i] < end; i++) {
		*out = xrealloc(*out, (n + 1) * sizeof **out);
		(*out)[n] = search_locate(&u->sr.ix, u->sr.matches[i], u->sr.nlen);
		if (i == u->sr.cur)
			*cur = (long)n;
		n++;
	}
	return n;
}
