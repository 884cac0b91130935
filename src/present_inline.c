/* present_inline.c: what is shown between (or instead of) the characters
 * of a block's own text: ruby readings after their base (unless ruby is
 * hidden), kunten after their character, the break of a 割り注, a mark
 * where a note stands with no text under it, and super- and subscripts in
 * the forms Unicode has for them.  One pass over the spans, sorted once. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "present_impl.h"
#include "theme.h"
#include "util.h"

/* The mark of a note that stands on no text (an annotation not understood). */
#define NOTE_MARK "＊"

/* ---- super- and subscripts ---- */

/* The superscript (SUP) or subscript form of C, or 0 if Unicode has none. */
static uint32_t
script_form(uint32_t c, bool sup)
{
	static const uint32_t sup_digits[10] = {0x2070, 0xB9, 0xB2, 0xB3, 0x2074, 0x2075, 0x2076, 0x2077, 0x2078, 0x2079};
	/* a-z, 0 where there is none (q) */
	static const uint32_t sup_letters[26] = {
		0x1D43, 0x1D47, 0x1D9C, 0x1D48, 0x1D49, 0x1DA0, 0x1D4D, 0x2B0, 0x2071, 0x2B2, 0x1D4F, 0x2E1, 0x1D50,
		0x207F, 0x1D52, 0x1D56, 0, 0x2B3, 0x2E2, 0x1D57, 0x1D58, 0x1D5B, 0x2B7, 0x2E3, 0x2B8, 0x1DBB};
	static const uint32_t sub_letters[26] = {
		0x2090, 0, 0, 0, 0x2091, 0, 0, 0x2095, 0x1D62, 0x2C7C, 0x2096, 0x2097, 0x2098,
		0x2099, 0x2092, 0x209A, 0, 0x1D63, 0x209B, 0x209C, 0x1D64, 0x1D65, 0, 0x2093, 0, 0};
	static const char signs[] = "+-=()";
	const char *sg;
	if (c >= 0xFF01 && c <= 0xFF5E)
		c -= 0xFEE0; /* full-width forms as their ASCII */
	if (c == 0x2212)
		c = '-';
	if (c >= '0' && c <= '9')
		return sup ? sup_digits[c - '0'] : 0x2080 + (c - '0');
	if (c >= 'a' && c <= 'z')
		return sup ? sup_letters[c - 'a'] : sub_letters[c - 'a'];
	if (c && c < 0x80 && (sg = strchr(signs, (int)c)) != NULL)
		return (sup ? 0x207A : 0x208A) + (uint32_t)(sg - signs);
	return 0;
}

/* N bytes at S in script forms into OUT; false (OUT as it was) if a
 * character has none. */
static bool
script_text(const char *s, size_t n, bool sup, struct buf *out)
{
	size_t at = out->len;
	for (size_t i = 0; i < n;) {
		uint32_t c, f;
		i += utf8_get((const uint8_t *)s + i, n - i, &c);
		if ((f = script_form(c, sup)) == 0) {
			out->len = at;
			return false;
		}
		buf_addcp(out, f);
	}
	return true;
}

/* ---- kunten ---- */

/* 返り点 in the kanbun forms (㆑㆒㆓…) when each has one, else as written. */
static void
kaeriten_text(const char *s, struct buf *out)
{
	static const char marks[] = "レ一二三四上中下甲乙丙丁天地人";
	static const uint32_t kanbun[] = {0x3191, 0x3192, 0x3193, 0x3194, 0x3195, 0x3196, 0x3197, 0x3198,
	                                  0x3199, 0x319A, 0x319B, 0x319C, 0x319D, 0x319E, 0x319F};
	size_t at = out->len, n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t l = utf8_get((const uint8_t *)s + i, n - i, &c);
		const char *m = NULL;
		for (size_t k = 0; k + 3 <= sizeof marks - 1; k += 3)
			if (l == 3 && memcmp(marks + k, s + i, 3) == 0)
				m = marks + k;
		if (!m) {
			out->len = at;
			buf_adds(out, s);
			return;
		}
		buf_addcp(out, kanbun[(size_t)(m - marks) / 3]);
		i += l;
	}
}

/* ---- the insertions of a block ---- */

struct ins {
	uint32_t at, skip;  /* where it stands; the text it stands for ends at SKIP */
	uint8_t order, el;  /* at one place: a break, a reading, kunten, a mark */
	uint32_t text, len; /* in the scratch text */
	uint32_t seq;
};

static int
cmp_ins(const void *a, const void *b)
{
	const struct ins *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	if (x->order != y->order)
		return x->order - y->order;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

struct ins_list {
	struct ins *v;
	size_t n, cap;
	struct buf text;
};

static void
add_ins(struct ins_list *l, uint32_t at, uint32_t skip, int order, int el, size_t from)
{
	xgrow(&l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n] = (struct ins){at, skip, (uint8_t)order, (uint8_t)el, (uint32_t)from,
	                          (uint32_t)(l->text.len - from), (uint32_t)l->n};
	l->n++;
}

/* What span SP puts in, if anything, into L. */
static void
span_ins(const struct present *P, const struct block *b, const struct span *sp, struct ins_list *l)
{
	size_t from = l->text.len;
	switch (sp->kind) {
	case SPAN_RUBY:
		/* hidden, or set beside its base (vertical text) */
		if (P->ruby_hidden || P->ruby_aside)
			return;
		buf_adds(&l->text, sp->style & EMPH_LEFT ? "〈" : "《");
		buf_adds(&l->text, doc_ann(P->d, sp->ref));
		buf_adds(&l->text, sp->style & EMPH_LEFT ? "〉" : "》");
		add_ins(l, sp->end, 0, 1, EL_RUBY, from);
		break;
	case SPAN_KUNTEN:
		if (sp->style == 0)
			kaeriten_text(doc_ann(P->d, sp->ref), &l->text);
		else
			buf_adds(&l->text, doc_ann(P->d, sp->ref));
		add_ins(l, sp->start, 0, 2, EL_KUNTEN, from);
		break;
	case SPAN_WARICHU:
		if (sp->style != WARICHU_BREAK)
			return;
		buf_adds(&l->text, "\u3000");
		add_ins(l, sp->start, 0, 0, EL_WARICHU, from);
		break;
	case SPAN_NOTE:
		if (sp->start != sp->end)
			return;
		buf_adds(&l->text, NOTE_MARK);
		add_ins(l, sp->start, 0, 3, EL_NOTE_MARK, from);
		break;
	case SPAN_SUP:
	case SPAN_SUB:
		if (script_text(b->text + sp->start, sp->end - sp->start, sp->kind == SPAN_SUP, &l->text)) {
			add_ins(l, sp->start, sp->end, 0, EL_SCRIPT, from);
		} else {
			/* no such forms: a mark before the text, which keeps its colour */
			buf_adds(&l->text, sp->kind == SPAN_SUP ? "^" : "_");
			add_ins(l, sp->start, 0, 0, EL_SCRIPT, from);
		}
		break;
	default:
		break;
	}
}

bool
present_has_inserts(const struct present *P, const struct block *b)
{
	for (uint32_t s = 0; s < b->nspans; s++) {
		const struct span *sp = &b->spans[s];
		switch (sp->kind) {
		case SPAN_RUBY:
			if (!P->ruby_hidden && !P->ruby_aside)
				return true;
			break;
		case SPAN_KUNTEN:
		case SPAN_SUP:
		case SPAN_SUB:
			return true;
		case SPAN_WARICHU:
			if (sp->style == WARICHU_BREAK)
				return true;
			break;
		case SPAN_NOTE:
			if (sp->start == sp->end)
				return true;
			break;
		default:
			break;
		}
	}
	return false;
}

void
present_put_range(const struct present *P, struct pres *out, struct piece *pc, const struct block *b,
                  uint32_t from, uint32_t to)
{
	struct ins_list l = {0};
	uint32_t cur = from;
	if (to > b->len)
		to = b->len;
	for (uint32_t s = 0; s < b->nspans; s++)
		if (b->spans[s].end >= from && b->spans[s].start <= to)
			span_ins(P, b, &b->spans[s], &l);
	if (l.n > 1)
		qsort(l.v, l.n, sizeof *l.v, cmp_ins);
	for (size_t k = 0; k < l.n; k++) {
		const struct ins *in = &l.v[k];
		if (in->at < cur || in->at > to)
			continue; /* inside a text shown in another form, or outside */
		pres_put(out, pc, b->text + cur, in->at - cur, cur, 0);
		pres_put(out, pc, l.text.p + in->text, in->len, in->at, in->el);
		cur = in->skip > in->at && in->skip <= to ? in->skip : in->at;
	}
	pres_put(out, pc, b->text + cur, to - cur, cur, 0);
	free(l.v);
	buf_free(&l.text);
}

void
present_put_text(const struct present *P, struct pres *out, struct piece *pc, const struct block *b)
{
	present_put_range(P, out, pc, b, 0, b->len);
}
