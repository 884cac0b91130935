/* ui_jump.c: the reader's moves that come from less: counts typed before
 * a key (10j, 3], 5n), N% and Np, marks (m and a letter sets one at the
 * top of the screen, ' and the letter goes there, '' back to where the
 * last jump started, M lists them), a word for a key that does nothing;
 * and the contents: a pane whose width follows the window, or a list over
 * the whole screen when the window is too narrow for the pane. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "state.h"
#include "ui_impl.h"
#include "util.h"
#include "width.h"

/* The first words of a mark's line in the list, at most. */
#define MARK_WORDS_CHARS 24

/* ---- counts and the letters after m and ' ---- */

static bool
is_cancel(const struct ui *u, int32_t key)
{
	return key == K_ESC || keymap_lookup(u->keys, CTX_READER, key) == ACT_CLOSE;
}

static void set_mark(struct ui *u, int32_t key);
static void goto_mark(struct ui *u, int32_t key);

bool
ui_prefix_key(struct ui *u, int32_t key)
{
	if (u->letter_for != ACT_NONE) {
		enum action p = u->letter_for;
		u->letter_for = ACT_NONE;
		u->counting = false;
		if (is_cancel(u, key))
			return true;
		if (p == ACT_SET_MARK)
			set_mark(u, key);
		else
			goto_mark(u, key);
		return true;
	}
	/* a digit that is not bound to an action starts or goes on with a count */
	if (key >= '0' && key <= '9' && keymap_lookup(u->keys, CTX_READER, key) == ACT_NONE) {
		long n = (u->counting ? u->count : 0) * 10 + (key - '0');
		u->count = n > UI_COUNT_MAX ? UI_COUNT_MAX : n;
		u->counting = true;
		return true;
	}
	if (u->counting && is_cancel(u, key)) {
		u->counting = false;
		return true;
	}
	return false;
}

long
ui_take_count_for(struct ui *u, bool *counted)
{
	*counted = u->counting;
	u->counting = false;
	if (!*counted)
		return 1;
	return u->count;
}

bool
ui_pending_count(struct ui *u, long *n)
{
	*n = u->count;
	return u->counting;
}

void
ui_set_pending_count(struct ui *u, long n)
{
	u->count = n < 0 ? 0 : n > UI_COUNT_MAX ? UI_COUNT_MAX : n;
	u->counting = true;
}

char *
ui_prefix_text(const struct ui *u)
{
	struct buf b = {0};
	if (u->letter_for == ACT_SET_MARK)
		buf_adds(&b, _("set mark: "));
	else if (u->letter_for == ACT_GOTO_MARK)
		buf_adds(&b, _("go to mark: "));
	else if (u->counting)
		buf_printf(&b, "%ld", u->count);
	else
		return NULL;
	return buf_steal(&b);
}

/* ---- percentages ---- */

void
ui_goto_percent(struct ui *u, long n)
{
	struct pane *body = &u->s.body;
	struct anchor a = {0, 0, false, false};
	struct place before;
	uint64_t total, target;
	size_t lo = 0, hi;
	ui_complete(u);
	if (body->n == 0)
		return;
	screen_place_get(&u->s, &before);
	popup_close_all(&u->s);
	body->sel.block = -1;
	if (n >= 100) {
		body->top = pane_max_top(body);
		screen_history_jumped(&u->s, &before);
		return;
	}
	total = u->flow_bytes[body->n];
	target = n <= 0 ? 0 : total * (uint64_t)n / 100;
	/* the last block that starts at or before the target */
	hi = body->n;
	while (lo + 1 < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (u->flow_bytes[mid] <= target)
			lo = mid;
		else
			hi = mid;
	}
	a.k = lo;
	{
		const struct block *b = &u->d->blocks[body->flow[lo]];
		uint64_t off = target - u->flow_bytes[lo];
		if (off > b->len)
			off = b->len;
		/* on a character's first byte */
		while (off > 0 && off < b->len && ((unsigned char)b->text[off] & 0xC0) == 0x80)
			off--;
		a.off = (uint32_t)off;
	}
	pane_restore(body, a);
	screen_history_jumped(&u->s, &before);
}

/* ---- marks ---- */

static void
set_mark(struct ui *u, int32_t key)
{
	int i = key < YK_SPECIAL ? state_mark_index((uint32_t)key) : -1;
	struct buf m = {0};
	uint32_t block, off;
	if (i < 0) {
		ui_message(u, _("A mark is a letter, a to z or A to Z"));
		return;
	}
	ui_get_position(u, &block, &off);
	ui_set_mark(u, i, true, block, off);
	buf_printf(&m, _("Mark %c set"), state_mark_letter(i));
	ui_message(u, m.p);
	buf_free(&m);
}

/* Go to mark I, a jump. */
static void
jump_to_mark(struct ui *u, int i)
{
	struct anchor a;
	struct place before;
	if (!ui_anchor_of(u, u->marks[i].block, u->marks[i].offset, &a)) {
		ui_message(u, _("That mark is past the end of the document"));
		return;
	}
	screen_place_get(&u->s, &before);
	popup_close_all(&u->s);
	pane_restore(&u->s.body, a);
	u->s.body.sel.block = -1;
	screen_history_jumped(&u->s, &before);
}

static void
goto_mark(struct ui *u, int32_t key)
{
	int i = key < YK_SPECIAL ? state_mark_index((uint32_t)key) : -1;
	struct buf m = {0};
	if (key == '\'') {
		if (!screen_history_last(&u->s))
			ui_message(u, _("No jump yet to go back to"));
		return;
	}
	if (i < 0) {
		ui_message(u, _("A mark is a letter, a to z or A to Z"));
		return;
	}
	if (!u->marks[i].set && ui_marks_later(u))
		ui_complete(u); /* a book's mark in a file not read yet, as M does */
	if (!u->marks[i].set) {
		buf_printf(&m, _("Mark %c is not set"), state_mark_letter(i));
		ui_message(u, m.p);
		buf_free(&m);
		return;
	}
	jump_to_mark(u, i);
}

static void
select_mark(void *owner, int32_t i)
{
	struct ui *u = owner;
	popup_close(&u->s);
	if (i >= 0 && i < UI_MARKS && u->marks[i].set)
		jump_to_mark(u, i);
}

static void
remove_mark(void *owner, int32_t i)
{
	struct ui *u = owner;
	if (i >= 0 && i < UI_MARKS)
		u->marks[i].set = false;
}

static const struct popup_kind popup_marks = {POPK_CURSOR | POPK_WIDE, select_mark, NULL, remove_mark};

/* "a  第1節 › 2 › (1)  国際機関は、国際社会共通の…": the letter, the
 * headings above the mark, and the first words at it. */
static char *
mark_item(struct ui *u, int i)
{
	const struct ui_mark *mk = &u->marks[i];
	const struct block *b = &u->d->blocks[mk->block];
	const uint8_t *t = (const uint8_t *)b->text;
	size_t at = mk->offset < b->len ? mk->offset : 0;
	struct buf out = {0};
	char *path = toc_path(&u->toc, &u->s.rd.P, (int32_t)mk->block);
	int k;
	buf_printf(&out, "%c  %s  ", state_mark_letter(i), path);
	free(path);
	for (k = 0; k < MARK_WORDS_CHARS && at < b->len; k++) {
		uint32_t c;
		size_t n = utf8_get(t + at, b->len - at, &c);
		if (c == '\n')
			buf_addc(&out, ' ');
		else
			buf_add(&out, b->text + at, n);
		at += n;
	}
	if (at < b->len)
		buf_adds(&out, "…");
	return buf_steal(&out);
}

static void
open_mark_list(struct ui *u)
{
	struct popup *pp;
	size_t n = 0;
	ui_complete(u);
	for (int i = 0; i < UI_MARKS; i++)
		n += u->marks[i].set && u->marks[i].block < u->d->nblocks;
	if (n == 0) {
		ui_message(u, _("No marks are set (m and a letter sets one)"));
		return;
	}
	pp = popup_push(&u->s, &popup_marks, _("Marks"), u);
	if (!pp)
		return;
	for (int i = 0; i < UI_MARKS; i++)
		if (u->marks[i].set && u->marks[i].block < u->d->nblocks)
			popup_add(pp, mark_item(u, i), i);
	popup_place(&u->s, pp);
}

void
ui_mark_action(struct ui *u, enum action a)
{
	if (a == ACT_MARKS)
		open_mark_list(u);
	else
		u->letter_for = a;
}

bool
ui_get_mark(const struct ui *u, int i, uint32_t *block, uint32_t *offset)
{
	if (i < 0 || i >= UI_MARKS || !u->marks[i].set)
		return false;
	*block = u->marks[i].block;
	*offset = u->marks[i].offset;
	return true;
}

void
ui_set_mark(struct ui *u, int i, bool set, uint32_t block, uint32_t offset)
{
	if (i >= 0 && i < UI_MARKS)
		u->marks[i] = (struct ui_mark){set, block, offset};
}

/* ---- the contents as a list ---- */

static void
select_contents(void *owner, int32_t i)
{
	struct ui *u = owner;
	popup_close(&u->s);
	if (i >= 0 && (size_t)i < u->toc.n)
		ui_toc_jump(u, (size_t)i);
}

static const struct popup_kind popup_contents = {POPK_CURSOR | POPK_FULL, select_contents, NULL, NULL};

void
ui_open_contents_list(struct ui *u)
{
	struct popup *pp;
	ui_complete(u);
	if (u->toc.n == 0) {
		ui_message(u, _("This document has no table of contents"));
		return;
	}
	pp = popup_push(&u->s, &popup_contents, _("Contents"), u);
	if (!pp)
		return;
	for (size_t i = 0; i < u->toc.n; i++) {
		struct buf t = {0};
		for (int d = 0; d < u->toc.e[i].depth; d++)
			buf_adds(&t, "  ");
		buf_adds(&t, u->toc.text[i]);
		popup_add(pp, buf_steal(&t), (int32_t)i);
	}
	pp->cursor = ui_toc_current(u);
	popup_place(&u->s, pp);
}

/* ---- the contents pane's width ---- */

/* The width of the contents pane: the option's, or one that follows the
 * window, at most the longest entry and at least UI_TOC_AUTO_MIN. */
int
ui_toc_width(const struct ui *u)
{
	int w = u->opts.toc_width;
	if (w == 0) {
		w = u->s.W * UI_TOC_AUTO_TENTHS / 10;
		if (w > u->toc_longest && w > u->toc_longest_min)
			w = u->toc_longest > u->toc_longest_min ? u->toc_longest : u->toc_longest_min;
		if (w < UI_TOC_AUTO_MIN)
			w = UI_TOC_AUTO_MIN;
	}
	return w > u->s.W / 2 ? u->s.W / 2 : w;
}

int
ui_toc_longest(const struct ui *u)
{
	return u->toc_longest > u->toc_longest_min ? u->toc_longest : u->toc_longest_min;
}

void
ui_toc_widen(struct ui *u, int cells)
{
	u->toc_longest_min = cells;
	if (u->s.W > 0)
		ui_resize(u, u->s.W, u->s.H);
}

/* The cells the longest contents entry needs in the pane, measured as
 * entries come (a large document's contents grow while it is read); a
 * pane that follows the window is laid out again if that widens it. */
void
ui_toc_measure(struct ui *u)
{
	if (u->toc_measured > u->toc.n)
		u->toc_measured = u->toc_longest = 0;
	for (size_t i = u->toc_measured; i < u->toc.n; i++) {
		int w = 2 + 2 * u->toc.e[i].depth + width_cstr(u->toc.text[i], u->opts.amb);
		if (w > u->toc_longest)
			u->toc_longest = w;
	}
	u->toc_measured = u->toc.n;
	if (u->s.W > 0 && u->toc_shown && ui_toc_width(u) != u->toc_w)
		ui_resize(u, u->s.W, u->s.H);
}

/* ---- keys that do nothing ---- */

/* "x: no action here — h for help" in the status line. */
void
ui_no_action(struct ui *u, int32_t key)
{
	char name[32];
	char *help = keymap_keys_of(u->keys, ACT_HELP), *comma = strchr(help, ',');
	struct buf m = {0};
	if (comma)
		*comma = '\0';
	keyname_of(key, name, sizeof name);
	if (*help)
		buf_printf(&m, _("%s: no action here — %s for help"), name, help);
	else
		buf_printf(&m, _("%s: no action here"), name);
	ui_message(u, m.p);
	buf_free(&m);
	free(help);
}
