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
#include "ui_search.h"
#include "util.h"

#define SEARCH_HISTORY 50
/* The results list shows at most this many matches. */
#define RESULTS_MAX 5000

void
search_ui_init(struct search_ui *sr, struct screen *s, const struct toc *toc, bool kana, bool wrap)
{
	memset(sr, 0, sizeof *sr);
	sr->s = s;
	sr->toc = toc;
	sr->kana = kana;
	sr->wrap = wrap;
}

/* The index covers the whole document, which the caller has read. */
bool
search_prepare_step(struct search_ui *sr, size_t max)
{
	double t0;
	if (sr->built && sr->built_kana == sr->kana && !sr->ix.build)
		return false;
	t0 = timing_now();
	if (!sr->built || sr->built_kana != sr->kana) {
		if (sr->built)
			search_index_free(&sr->ix);
		search_index_begin(&sr->ix, sr->s->d, sr->kana);
		sr->built = true;
		sr->built_kana = sr->kana;
	}
	if (!search_index_step(&sr->ix, max))
		return true;
	timing_report("search index", t0);
	return false;
}

bool
search_ready(const struct search_ui *sr)
{
	return sr->built && sr->built_kana == sr->kana && !sr->ix.build;
}

void
search_prepare(struct search_ui *sr)
{
	search_prepare_step(sr, SIZE_MAX);
}

void
search_ui_free(struct search_ui *sr)
{
	if (sr->built)
		search_index_free(&sr->ix);
	free(sr->query);
	free(sr->last);
	free(sr->matches);
	buf_free(&sr->input);
	for (size_t i = 0; i < sr->nhistory; i++)
		free(sr->history[i]);
	free(sr->history);
	memset(sr, 0, sizeof *sr);
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

/* Flow entry of block B in P, or 0. */
static size_t
flow_find(const struct pane *p, int32_t b)
{
	size_t k = pane_index_of(p, b);
	return k < p->n && p->flow[k] == b ? k : 0;
}

/* Show match M: in the body, or in the popup(s) that hold it. */
static void
show_match(struct search_ui *sr, const struct match *m)
{
	const struct doc *d = sr->s->d;
	int32_t col = column_of(d, m->block), note = note_of(d, m->block);
	popup_close_all(sr->s);
	if (note >= 0 && d->notes[note].column >= 0)
		col = d->notes[note].column;
	if (col >= 0) {
		struct pane *p;
		screen_open_column(sr->s, col);
		if (!sr->s->npop)
			return;
		p = &sr->s->pop[sr->s->npop - 1].pane;
		if (note < 0)
			pane_reveal(p, flow_find(p, m->block), m->start);
		else
			pane_reveal(&sr->s->body, flow_find(&sr->s->body, d->cols[col].head), 0);
	}
	if (note >= 0) {
		if (col < 0 && d->notes[note].ref >= 0) {
			/* show the text that references the footnote under it */
			int32_t rb = d->notes[note].ref;
			if (doc_in_main_flow(d, (size_t)rb))
				pane_reveal(&sr->s->body, flow_find(&sr->s->body, rb), 0);
		}
		screen_open_footnote(sr->s, note);
		return;
	}
	if (col < 0)
		pane_reveal(&sr->s->body, flow_find(&sr->s->body, m->block), m->start);
}

/* ---- matching ---- */

static void
clear_matches(struct search_ui *sr)
{
	xfree(&sr->matches);
	xfree(&sr->query);
	sr->nmatches = 0;
	sr->cur = 0;
}

static void
set_matches(struct search_ui *sr, const char *query)
{
	free(sr->matches);
	free(sr->query);
	sr->query = xstrdup(query);
	sr->nmatches = search_all(&sr->ix, query, &sr->matches, &sr->nlen);
	sr->cur = 0;
}

/* The first match at or after FROM (forwards) or before it (backwards),
 * going round the end to the other one. */
static bool
pick_from(struct search_ui *sr, size_t from, bool backward, bool *wrapped)
{
	*wrapped = false;
	if (sr->nmatches == 0)
		return false;
	if (!search_pick(sr->matches, sr->nmatches, from, backward, &sr->cur)) {
		sr->cur = backward ? sr->nmatches - 1 : 0;
		*wrapped = true;
	}
	return true;
}

static void
show_current(struct search_ui *sr)
{
	struct match m = search_locate(&sr->ix, sr->matches[sr->cur], sr->nlen);
	show_match(sr, &m);
}

/* Where a search starts: the top of the top pane. */
static size_t
start_offset(struct search_ui *sr)
{
	struct pane *p = &sr->s->body;
	struct anchor a;
	int32_t b;
	if (sr->s->npop && sr->s->pop[sr->s->npop - 1].kind->flags & POPK_PANE)
		p = &sr->s->pop[sr->s->npop - 1].pane;
	if (p->n == 0)
		return 0;
	a = pane_anchor(p);
	b = p->flow[a.k];
	return search_norm_offset(&sr->ix, b, a.sep ? 0 : a.off);
}

/* ---- the prompt ---- */

static void
remember_popups(struct search_ui *sr)
{
	sr->nmemo = 0;
	for (int i = 0; i < sr->s->npop; i++) {
		struct popup *pp = &sr->s->pop[i];
		if (!(pp->kind->flags & POPK_PANE))
			break;
		sr->memo[sr->nmemo++] =
		    (struct popup_memo){pp->col, pp->note, pane_anchor(&pp->pane)};
	}
}

static void
restore_popups(struct search_ui *sr)
{
	popup_close_all(sr->s);
	pane_restore(&sr->s->body, sr->saved);
	for (int i = 0; i < sr->nmemo; i++) {
		const struct popup_memo *m = &sr->memo[i];
		if (m->col >= 0)
			screen_open_column(sr->s, m->col);
		else
			screen_open_footnote(sr->s, m->note);
		if (sr->s->npop && sr->s->pop[sr->s->npop - 1].kind->flags & POPK_PANE)
			pane_restore(&sr->s->pop[sr->s->npop - 1].pane, m->at);
	}
}

void
search_prompt_open(struct search_ui *sr, bool backward)
{
	/* lists and help are transient: they close */
	while (screen_top_list(sr->s))
		popup_close(sr->s);
	search_prepare(sr);
	sr->prompting = true;
	sr->backward = backward;
	sr->input.len = 0;
	buf_add(&sr->input, "", 0);
	sr->cursor = 0;
	sr->hist_pos = sr->nhistory;
	sr->saved = pane_anchor(&sr->s->body);
	remember_popups(sr);
	sr->from = start_offset(sr);
}

/* Search for the prompt's text as it stands: the view follows. */
static void
incremental(struct search_ui *sr)
{
	bool wrapped;
	double t0 = timing_now();
	restore_popups(sr);
	if (sr->input.len == 0) {
		clear_matches(sr);
		return;
	}
	set_matches(sr, sr->input.p);
	if (!pick_from(sr, sr->from, sr->backward, &wrapped)) {
		screen_message(sr->s, _("Pattern not found"));
		return;
	}
	show_current(sr);
	timing_report("incremental search step (all matches counted, first shown)", t0);
}

static void
history_add(struct search_ui *sr, const char *q)
{
	struct search_ui *s = sr;
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
set_input(struct search_ui *sr, const char *s)
{
	sr->input.len = 0;
	buf_adds(&sr->input, s);
	sr->cursor = sr->input.len;
}

static void
accept(struct search_ui *sr)
{
	sr->prompting = false;
	if (sr->input.len == 0) {
		/* an empty pattern repeats the last search */
		if (!sr->last) {
			restore_popups(sr);
			return;
		}
		set_input(sr, sr->last);
		incremental(sr);
	}
	history_add(sr, sr->input.p);
	free(sr->last);
	sr->last = xstrdup(sr->input.p);
	if (sr->nmatches == 0) {
		restore_popups(sr);
		screen_message(sr->s, _("Pattern not found"));
		return;
	}
	{
		/* the jump can be undone with Backspace */
		struct anchor here = pane_anchor(&sr->s->body);
		pane_restore(&sr->s->body, sr->saved);
		screen_history_push(sr->s);
		pane_restore(&sr->s->body, here);
	}
}

/* Delete the N bytes at AT of the prompt's text. */
static void
input_delete(struct search_ui *s, size_t at, size_t n)
{
	memmove(s->input.p + at, s->input.p + at + n, s->input.len - at - n + 1);
	s->input.len -= n;
}

/* A key that moves the prompt's cursor: true if KEY is one. */
static bool
prompt_move(struct search_ui *s, int32_t key)
{
	uint32_t c;
	switch (key) {
	case K_LEFT:
		if (s->cursor > 0)
			utf8_prev((const uint8_t *)s->input.p, s->cursor, &s->cursor);
		return true;
	case K_RIGHT:
		if (s->cursor < s->input.len)
			s->cursor += utf8_get((const uint8_t *)s->input.p + s->cursor,
			                      s->input.len - s->cursor, &c);
		return true;
	case K_HOME:
	case K_CTRL('a'):
		s->cursor = 0;
		return true;
	case K_END:
	case K_CTRL('e'):
		s->cursor = s->input.len;
		return true;
	default:
		return false;
	}
}

/* A key that edits the prompt's text: true if it changed. */
static bool
prompt_edit(struct search_ui *s, int32_t key)
{
	size_t st;
	uint32_t c;
	switch (key) {
	case K_BACKSPACE:
	case K_CTRL('h'):
		if (s->cursor == 0)
			return false;
		utf8_prev((const uint8_t *)s->input.p, s->cursor, &st);
		input_delete(s, st, s->cursor - st);
		s->cursor = st;
		return true;
	case K_DELETE:
		if (s->cursor >= s->input.len)
			return false;
		input_delete(s, s->cursor,
		             utf8_get((const uint8_t *)s->input.p + s->cursor, s->input.len - s->cursor, &c));
		return true;
	case K_CTRL('u'):
		set_input(s, "");
		return true;
	case K_UP:
	case K_DOWN:
		if (s->nhistory == 0)
			return false;
		if (key == K_UP && s->hist_pos > 0)
			s->hist_pos--;
		else if (key == K_DOWN && s->hist_pos < s->nhistory)
			s->hist_pos++;
		set_input(s, s->hist_pos < s->nhistory ? s->history[s->hist_pos] : "");
		return true;
	default:
		if (key < 0x20 || key >= YK_SPECIAL || key == 0x7F)
			return false;
		{
			char u[4];
			size_t n = utf8_put((uint32_t)key, u);
			xgrow(&s->input.p, &s->input.cap, s->input.len + n + 1, 1);
			memmove(s->input.p + s->cursor + n, s->input.p + s->cursor,
			        s->input.len - s->cursor + 1);
			memcpy(s->input.p + s->cursor, u, n);
			s->input.len += n;
			s->cursor += n;
		}
		return true;
	}
}

void
search_prompt_key(struct search_ui *sr, int32_t key)
{
	switch (key) {
	case K_ENTER:
		accept(sr);
		return;
	case K_BACKSPACE:
	case K_CTRL('h'):
		/* Backspace on an empty prompt leaves it, as Esc */
		if (sr->input.len > 0)
			break;
		/* fall through */
	case K_ESC:
	case K_CTRL('g'):
		sr->prompting = false;
		restore_popups(sr);
		/* the last accepted search's matches come back */
		if (sr->last)
			set_matches(sr, sr->last);
		else
			clear_matches(sr);
		return;
	default:
		break;
	}
	if (!prompt_move(sr, key) && prompt_edit(sr, key))
		incremental(sr);
}

/* ---- n, N and the results ---- */

void
search_step(struct search_ui *sr, bool reverse)
{
	bool back = sr->backward != reverse, wrapped = false;
	size_t from;
	if (!sr->last) {
		screen_message(sr->s, _("No previous search"));
		return;
	}
	search_prepare(sr);
	if (!sr->matches || sr->nmatches == 0 || strcmp(sr->query, sr->last) != 0) {
		set_matches(sr, sr->last);
		if (sr->nmatches == 0) {
			screen_message(sr->s, _("Pattern not found"));
			return;
		}
		from = start_offset(sr);
		pick_from(sr, from, back, &wrapped);
	} else if (!back) {
		if (sr->cur + 1 < sr->nmatches) {
			sr->cur++;
		} else {
			if (!sr->wrap) {
				screen_message(sr->s, _("No more matches below"));
				return;
			}
			sr->cur = 0;
			wrapped = true;
		}
	} else {
		if (sr->cur > 0) {
			sr->cur--;
		} else {
			if (!sr->wrap) {
				screen_message(sr->s, _("No more matches above"));
				return;
			}
			sr->cur = sr->nmatches - 1;
			wrapped = true;
		}
	}
	screen_history_push(sr->s);
	show_current(sr);
	if (wrapped)
		screen_message(sr->s, back ? _("Search wrapped to the end") : _("Search wrapped to the top"));
}

/* Enter in the results list: go to match I. */
static void
select_result(void *owner, int32_t i)
{
	struct search_ui *sr = owner;
	if (i < 0 || (size_t)i >= sr->nmatches)
		return;
	popup_close(sr->s);
	screen_history_push(sr->s);
	sr->cur = (size_t)i;
	show_current(sr);
}

static const struct popup_kind popup_results = {POPK_CURSOR, select_result, NULL};

/* One line of context around a match. */
static char *
result_line(struct search_ui *sr, size_t i)
{
	struct match m = search_locate(&sr->ix, sr->matches[i], sr->nlen);
	const struct block *b = &sr->s->d->blocks[m.block];
	const uint8_t *t = (const uint8_t *)b->text;
	size_t a = m.start, e = m.end, st;
	struct buf out = {0};
	char *path = toc_path(sr->toc, &sr->s->rd.P, m.block);
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
search_results(struct search_ui *sr)
{
	size_t n;
	struct popup *pp;
	struct buf title = {0};
	if (!sr->last || sr->nmatches == 0) {
		screen_message(sr->s, sr->last ? _("Pattern not found") : _("No previous search"));
		return;
	}
	n = sr->nmatches < RESULTS_MAX ? sr->nmatches : RESULTS_MAX;
	buf_printf(&title, P_("%zu match for \"%s\"", "%zu matches for \"%s\"", sr->nmatches), sr->nmatches,
	           sr->query);
	pp = popup_push(sr->s, &popup_results, title.p, sr);
	buf_free(&title);
	if (!pp)
		return;
	for (size_t i = 0; i < n; i++)
		popup_add(pp, result_line(sr, i), (int32_t)i);
	if (n < sr->nmatches) {
		struct buf more = {0};
		buf_printf(&more, P_("… and %zu more", "… and %zu more", sr->nmatches - n), sr->nmatches - n);
		popup_add(pp, buf_steal(&more), -1);
	}
	pp->cursor = sr->cur < n ? sr->cur : 0;
	popup_place(sr->s, pp);
}

static int
cmp_match(const void *a, const void *b)
{
	const struct match *x = a, *y = b;
	return (x->start > y->start) - (x->start < y->start);
}

size_t
search_block_matches(const struct search_ui *sr, int32_t b, uint32_t from, uint32_t to,
                     struct match **out, long *cur)
{
	size_t lo, n = 0, cap = 0, start, end, nfrom, nto, tend;
	bool cur_seen = false;
	struct match mcur = {0, 0, 0};
	*out = NULL;
	*cur = -1;
	if (!search_ready(sr) || sr->nmatches == 0 || sr->nlen == 0 || from >= to)
		return 0;
	start = sr->ix.blocks[b].start;
	end = sr->ix.blocks[b + 1].start;
	tend = search_text_end(&sr->ix, b);
	/* only the matches that can touch FROM..TO: those that start at most
	 * a pattern's length before it, up to its end (a row of a paragraph
	 * with a million matches locates a row's worth) */
	nfrom = search_norm_offset(&sr->ix, b, from);
	nto = to == UINT32_MAX ? end : search_norm_offset(&sr->ix, b, to) + 1;
	nfrom = nfrom > start + sr->nlen ? nfrom - sr->nlen : start;
	if (nto > tend)
		nto = tend;
	for (int pass = 0; pass < 2; pass++) {
		/* then the block's readings, each found on its base */
		size_t a = pass ? tend : nfrom, z = pass ? end : nto;
		search_pick(sr->matches, sr->nmatches, a, false, &lo);
		for (size_t i = lo; i < sr->nmatches && sr->matches[i] < z; i++) {
			struct match m = search_locate(&sr->ix, sr->matches[i], sr->nlen);
			if (pass && (m.start >= to || m.end <= from))
				continue;
			xgrow(out, &cap, n + 1, sizeof **out);
			(*out)[n++] = m;
			if (i == sr->cur) {
				cur_seen = true;
				mcur = m;
			}
		}
	}
	if (n > 1)
		qsort(*out, n, sizeof **out, cmp_match);
	for (size_t i = 0; cur_seen && i < n; i++)
		if ((*out)[i].start == mcur.start && (*out)[i].end == mcur.end) {
			*cur = (long)i;
			break;
		}
	return n;
}
