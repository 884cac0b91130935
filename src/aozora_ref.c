/* aozora_ref.c: the annotations that act on text: pairs (［＃傍点］…
 * ［＃傍点終わり］, 割り注, 注記付き) and forward references, which find the
 * target they quote in the line before them (Forward references) and put
 * a span, a heading, a reading or an editor's note over it. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "aozora_impl.h"
#include "scan.h"
#include "util.h"

/* A forward reference looks this far back for its target. */
#define TARGET_WINDOW 4096

/* ---- targets (Forward references) ---- */

bool
az_find_target(const struct az_line *L, const char *x, size_t n, size_t *start)
{
	const char *t = L->text.p;
	size_t len = L->text.len, lo;
	if (n == 0 || n > len)
		return false;
	lo = len - n > TARGET_WINDOW ? len - n - TARGET_WINDOW : 0;
	for (size_t i = len - n + 1; i-- > lo;)
		if (t[i] == x[0] && memcmp(t + i, x, n) == 0) {
			*start = i;
			return true;
		}
	return false;
}

/* 「…」 at the start of W, nested ones inside: its content, *REST after. */
static bool
quoted(struct az_str w, struct az_str *in, struct az_str *rest)
{
	int depth = 0;
	size_t i = 0;
	if (!az_starts(w, "「"))
		return false;
	while (i < w.n) {
		if (scan_has_prefix(w.s + i, w.n - i, "「"))
			depth++;
		else if (scan_has_prefix(w.s + i, w.n - i, "」") && --depth == 0) {
			*in = (struct az_str){w.s + 3, i - 3};
			*rest = (struct az_str){w.s + i + 3, w.n - i - 3};
			return true;
		}
		i += utf8_get((const uint8_t *)w.s + i, w.n - i, &(uint32_t){0});
	}
	return false;
}

static void
open_pair(struct az_line *L, int what, int kind, int style, int flags)
{
	xgrow(&L->pairs, &L->pairs_cap, L->npairs + 1, sizeof *L->pairs);
	L->pairs[L->npairs++] = (struct az_pair){(uint8_t)what, (uint8_t)kind, (uint8_t)style,
	                                         (uint8_t)flags, (uint32_t)L->text.len,
	                                         (uint32_t)L->note_at, (uint32_t)L->note_len};
}

/* The latest open pair like this one, or -1. */
int
az_find_pair(const struct az_line *L, int what, int kind, int style)
{
	for (size_t k = L->npairs; k-- > 0;) {
		const struct az_pair *p = &L->pairs[k];
		if (p->what != what || p->kind != kind)
			continue;
		if (what == PAIR_SPAN && kind == SPAN_SIZE ? ((int8_t)p->style > 0) == (style > 0)
		                                           : p->style == style || what == PAIR_HEADING)
			return (int)k;
	}
	return -1;
}

static void
drop_pair(struct az_line *L, int k)
{
	memmove(L->pairs + k, L->pairs + k + 1, (L->npairs - (size_t)k - 1) * sizeof *L->pairs);
	L->npairs--;
}

/* A span or heading over [START, END) of the line's text. */
static void
mark(struct az_line *L, int what, int kind, int style, int flags, size_t start, size_t end)
{
	if (what == PAIR_HEADING) {
		az_add_cut(L, CUT_HEAD, style, flags, -1);
		L->cuts[L->ncuts - 1].at = (uint32_t)start;
		L->cuts[L->ncuts - 1].end = (uint32_t)end;
	} else if (end > start) {
		az_line_span(L, start, end, kind, style, -1);
	}
}

/* A reading given by an annotation over [START, END): a ruby of STYLE,
 * unless it would cross a ruby already there. */
static bool
ruby_over(struct az_line *L, size_t start, size_t end, int style, struct az_str y)
{
	struct buf r = {0};
	for (size_t k = 0; k < L->nspans; k++) {
		const struct span *sp = &L->spans[k];
		/* a reading on the other side stands apart: 来《き》た［＃「来た」の左に「北」の注記］ */
		if (sp->kind == SPAN_RUBY && (sp->style & EMPH_LEFT) == (style & EMPH_LEFT) &&
		    sp->start < end && start < sp->end && (sp->start != start || sp->end != end))
			return false;
	}
	if ((style & RUBY_KIND_MASK) == RUBY_BOUKI) {
		/* 傍記: the mark once a character */
		for (size_t i = start; i < end;) {
			uint32_t c;
			i += utf8_get((const uint8_t *)L->text.p + i, end - i, &c);
			buf_add(&r, y.s, y.n);
		}
	} else {
		buf_add(&r, y.s, y.n);
	}
	az_line_span(L, start, end, SPAN_RUBY, style, doc_add_ann(L->d, r.p ? r.p : "", r.len));
	buf_free(&r);
	return true;
}

/* 「Y」の注記, 左に「Y」のルビ, 「×」の傍記 (and with 付き): the style. */
static bool
ruby_instruction(struct az_str w, struct az_str *y, int *style)
{
	bool left;
	struct az_str rest;
	w = az_direction(w, &left);
	if (!quoted(w, y, &rest))
		return false;
	if (az_starts(rest, "の注記"))
		*style = RUBY_ANNOTATION;
	else if (az_starts(rest, "のルビ"))
		*style = RUBY_READING;
	else if (az_starts(rest, "の傍記"))
		*style = RUBY_BOUKI;
	else
		return false;
	rest = az_drop_prefix(rest, "の注記");
	if (!(rest.n == 0 || az_eq(rest, "付き")))
		return false;
	*style |= left ? EMPH_LEFT : 0;
	return true;
}

/* ---- pairs: ［＃傍点］…［＃傍点終わり］ ---- */

void
az_warichu(struct az_line *L, struct az_str c, const char *raw, size_t rn, size_t raw_end)
{
	int k;
	if (!az_has(c, "終わり")) {
		size_t st;
		if (L->text.len == 0 || utf8_prev((const uint8_t *)L->text.p, L->text.len, &st) != 0xFF08)
			az_line_putc(L, 0xFF08, AZC_OTHER);
		open_pair(L, PAIR_WARICHU, SPAN_WARICHU, 0, 0);
		return;
	}
	if ((k = az_find_pair(L, PAIR_WARICHU, SPAN_WARICHU, 0)) < 0) {
		az_unknown(L, c, raw, rn);
		return;
	}
	az_line_span(L, L->pairs[k].start, L->text.len, SPAN_WARICHU, WARICHU_TEXT, -1);
	drop_pair(L, k);
	if (!scan_has_prefix(L->raw + raw_end, L->nraw - raw_end, "）"))
		az_line_putc(L, 0xFF09, AZC_OTHER);
}

/* The start word of a pair: true if it was one. */
bool
az_pair_start(struct az_line *L, struct az_str c)
{
	int kind, style, depth, flags;
	struct az_str y;
	if (az_heading_word(c, &depth, &flags)) {
		open_pair(L, PAIR_HEADING, 0, depth, flags);
	} else if (az_eq(c, "割書")) {
		open_pair(L, PAIR_WARICHU, SPAN_WARICHU, 1, 0);
	} else if (az_span_word(c, &kind, &style)) {
		open_pair(L, PAIR_SPAN, kind, style, 0);
	} else if (az_eq(c, "注記付き") || az_eq(c, "左に注記付き") || az_eq(c, "ルビ付き") || az_eq(c, "左にルビ付き")) {
		bool left;
		y = az_direction(c, &left);
		style = (az_starts(y, "注記") ? RUBY_ANNOTATION : RUBY_READING) | (left ? EMPH_LEFT : 0);
		open_pair(L, PAIR_RUBY, SPAN_RUBY, style, 0);
	} else {
		return false;
	}
	return true;
}

/* The end of a pair: W is the annotation without its 終わり. */
void
az_pair_end(struct az_line *L, struct az_str c, struct az_str w, const char *raw, size_t rn)
{
	int kind = 0, style = 0, depth, flags, what = PAIR_SPAN, k;
	struct az_str y = {"", 0};
	if (az_heading_word(w, &depth, &flags)) {
		what = PAIR_HEADING;
		style = depth;
	} else if (az_eq(w, "割書")) {
		what = PAIR_WARICHU;
		kind = SPAN_WARICHU;
		style = 1;
	} else if (az_eq(w, "大きな文字") || az_eq(w, "小さな文字")) {
		kind = SPAN_SIZE;
		style = az_eq(w, "大きな文字") ? 1 : -1;
	} else if (az_span_word(w, &kind, &style)) {
		;
	} else if (ruby_instruction(w, &y, &style)) {
		what = PAIR_RUBY;
		kind = SPAN_RUBY;
	} else {
		az_unknown(L, c, raw, rn);
		return;
	}
	if ((k = az_find_pair(L, what, kind, style)) < 0) {
		az_unknown(L, c, raw, rn); /* an end with no start */
		return;
	}
	if (what == PAIR_RUBY)
		ruby_over(L, L->pairs[k].start, L->text.len, style, y);
	else if (what == PAIR_WARICHU)
		mark(L, PAIR_SPAN, SPAN_WARICHU, WARICHU_TEXT, 0, L->pairs[k].start, L->text.len);
	else
		mark(L, what, kind, L->pairs[k].style, L->pairs[k].flags, L->pairs[k].start, L->text.len);
	drop_pair(L, k);
}

void
az_note_end_line(struct az_line *L)
{
	/* a pair still open ends with its line (and says so) */
	while (L->npairs) {
		const struct az_pair *p = &L->pairs[L->npairs - 1];
		if (p->what == PAIR_WARICHU)
			az_line_span(L, p->start, L->text.len, SPAN_WARICHU, WARICHU_TEXT, -1);
		else if (p->what != PAIR_RUBY)
			mark(L, p->what, p->kind, p->style, p->flags, p->start, L->text.len);
		/* the opening annotation is the problem */
		az_line_problem(L, L->raw + p->raw_at, p->raw_len);
		L->npairs--;
	}
}

/* ---- forward references: X［＃「X」に傍点］ ---- */

/* The instruction I on the target [S, E): true if understood. */
static bool
forward_on(struct az_line *L, size_t s, size_t e, struct az_str i, struct az_str c)
{
	int kind, style, depth, flags;
	struct az_str y;
	int p, r, col;
	if (az_span_word(i, &kind, &style))
		mark(L, PAIR_SPAN, kind, style, 0, s, e);
	else if (az_heading_word(i, &depth, &flags))
		mark(L, PAIR_HEADING, 0, depth, flags, s, e);
	else if (ruby_instruction(i, &y, &style))
		return ruby_over(L, s, e, style, y);
	else if (az_starts(i, "底本では") || az_eq(i, "ママ"))
		az_line_span(L, s, e, SPAN_NOTE, az_eq(i, "ママ") ? NOTE_MAMA : NOTE_TEIHON,
		             doc_add_ann(L->d, c.s, c.n));
	else if ((az_eq(i, "返り点") || az_eq(i, "訓点送り仮名")) && e == L->text.len) {
		int32_t ref = doc_add_ann(L->d, L->text.p + s, e - s);
		az_line_truncate(L, s);
		az_line_span(L, s, s, SPAN_KUNTEN, az_eq(i, "返り点") ? 0 : 1, ref);
	} else if (az_find_jis(i.s, i.n, &p, &r, &col) && e == L->text.len) {
		size_t at = s;
		L->scratch.len = 0;
		if (!az_jis_to_utf8(L->cv, p, r, col, &L->scratch))
			return false;
		az_line_truncate(L, s);
		az_line_puts(L, L->scratch.p, L->scratch.len);
		az_line_span(L, at, L->text.len, SPAN_GAIJI, GAIJI_RESOLVED, doc_add_ann(L->d, c.s, c.n));
	} else
		return false;
	return true;
}

void
az_forward(struct az_line *L, struct az_str c, const char *raw, size_t rn)
{
	struct az_str x, rest, i;
	size_t s;
	if (!quoted(c, &x, &rest) || rest.n < 3 ||
	    !(az_starts(rest, "に") || az_starts(rest, "は") || az_starts(rest, "の"))) {
		az_unknown(L, c, raw, rn);
		return;
	}
	i = (struct az_str){rest.s + 3, rest.n - 3}; /* after に, は or の */
	if (!az_find_target(L, x.s, x.n, &s)) {
		az_unknown(L, c, raw, rn); /* not found: a note where it stands */
	} else if (!forward_on(L, s, s + x.n, i, c)) {
		/* not understood: a note over its target */
		az_line_span(L, s, s + x.n, SPAN_NOTE, NOTE_UNKNOWN, doc_add_ann(L->d, c.s, c.n));
		az_line_problem(L, raw, rn);
	}
}

/* ルビの「X」は底本では「Y」, ルビの「X」はママ: on the latest ruby X. */
void
az_ruby_note(struct az_line *L, struct az_str c)
{
	struct az_str x, rest;
	int style = az_has(c, "ママ") && !az_has(c, "底本では") ? NOTE_RUBY_MAMA : NOTE_RUBY_TEIHON;
	quoted(az_drop_prefix(c, "ルビの"), &x, &rest);
	for (size_t k = L->nspans; k-- > 0;) {
		const struct span *sp = &L->spans[k];
		if (sp->kind == SPAN_RUBY && az_eq(x, doc_ann(L->d, sp->ref))) {
			az_line_span(L, sp->start, sp->end, SPAN_NOTE, style, doc_add_ann(L->d, c.s, c.n));
			return;
		}
	}
	az_line_span(L, L->text.len, L->text.len, SPAN_NOTE, style, doc_add_ann(L->d, c.s, c.n));
}

