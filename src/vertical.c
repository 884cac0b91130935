/* vertical.c: characters set vertically: their forms, and the slots they
 * take (see vertical.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "vertical.h"
#include "width.h"

/* Horizontal forms and the vertical ones that stand for them, by the
 * first.  Where Unicode has a vertical presentation form, it is used.  ー
 * has none: 丨 (U+4E28) stands for it, a short stroke centred in the
 * slot as the vertical ー of print, not ︱, the vertical em dash, which
 * fills the slot's height to join the next one (――); so the two stay apart
 * on the page.  ～ and 〜 have none either: ︴, the vertical wavy line. */
static const uint32_t forms[][2] = {
	{0x2013, 0xFE32}, /* – en dash */
	{0x2014, 0xFE31}, /* — em dash */
	{0x2015, 0xFE31}, /* ― horizontal bar */
	{0x2025, 0xFE30}, /* ‥ */
	{0x2026, 0xFE19}, /* … */
	{0x2190, 0x2191}, /* ← → ↑: arrows turn with the text */
	{0x2191, 0x2192},
	{0x2192, 0x2193},
	{0x2193, 0x2190},
	{0x2500, 0x2502}, /* ─ → │ */
	{0x2501, 0x2503}, /* ━ → ┃ */
	{0x2550, 0x2551}, /* ═ → ║ */
	{0x3001, 0xFE11}, /* 、 */
	{0x3002, 0xFE12}, /* 。 */
	{0x3008, 0xFE3F}, /* 〈 */
	{0x3009, 0xFE40}, /* 〉 */
	{0x300A, 0xFE3D}, /* 《 */
	{0x300B, 0xFE3E}, /* 》 */
	{0x300C, 0xFE41}, /* 「 */
	{0x300D, 0xFE42}, /* 」 */
	{0x300E, 0xFE43}, /* 『 */
	{0x300F, 0xFE44}, /* 』 */
	{0x3010, 0xFE3B}, /* 【 */
	{0x3011, 0xFE3C}, /* 】 */
	{0x3014, 0xFE39}, /* 〔 */
	{0x3015, 0xFE3A}, /* 〕 */
	{0x3016, 0xFE17}, /* 〖 */
	{0x3017, 0xFE18}, /* 〗 */
	{0x301C, 0xFE34}, /* 〜 wave dash */
	{0x30FC, 0x4E28}, /* ー */
	{0xFF01, 0xFE15}, /* ！ */
	{0xFF08, 0xFE35}, /* （ */
	{0xFF09, 0xFE36}, /* ） */
	{0xFF0C, 0xFE10}, /* ， */
	{0xFF1A, 0xFE13}, /* ： */
	{0xFF1B, 0xFE14}, /* ； */
	{0xFF1C, 0xFE3F}, /* ＜ */
	{0xFF1E, 0xFE40}, /* ＞ */
	{0xFF1F, 0xFE16}, /* ？ */
	{0xFF3B, 0xFE47}, /* ［ */
	{0xFF3D, 0xFE48}, /* ］ */
	{0xFF5B, 0xFE37}, /* ｛ */
	{0xFF5D, 0xFE38}, /* ｝ */
	{0xFF5E, 0xFE34}, /* ～ */
};
#define NFORMS (sizeof forms / sizeof *forms)

uint32_t
vert_form(uint32_t c)
{
	size_t lo = 0, hi = NFORMS;
	if (c > 0x20 && c < 0x7F)
		c = c - 0x21 + 0xFF01; /* upright, full-width */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (forms[mid][0] < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < NFORMS && forms[lo][0] == c ? forms[lo][1] : c;
}

uint32_t
vert_unform(uint32_t c)
{
	/* of the forms that share one, the first in the table, but ― (the
	 * dash of Japanese text) rather than — */
	if (c == 0xFE31)
		return 0x2015;
	for (size_t k = 0; k < NFORMS; k++)
		if (forms[k][1] == c)
			return forms[k][0];
	return c;
}

/* ---- groups: characters that share slots ---- */

static bool
is_digit(uint8_t b)
{
	return b >= '0' && b <= '9';
}

static bool
is_alnum(uint8_t b)
{
	return is_digit(b) || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
}

/* Superscript marks: footnote references ⁽¹⁾ and the bare ¹²³. */
static bool
is_super(uint32_t c)
{
	return c == 0xB9 || c == 0xB2 || c == 0xB3 || (c >= 0x2070 && c <= 0x207E && c != 0x2072 &&
	                                              c != 0x2073);
}

/* The longest run of superscript marks packed two to a slot. */
#define SUPER_MAX 8

/* The half-width digits around byte I (a digit): [*GS, *GE) if they are
 * a number of one or two digits that stands alone (no letter or digit,
 * no '.', ',' or ':' between digits, next to it). */
static bool
digit_group(const uint8_t *s, size_t n, size_t i, size_t *gs, size_t *ge)
{
	size_t a = i, e = i + 1;
	while (a > 0 && is_digit(s[a - 1]) && i - a < 3)
		a--;
	while (e < n && is_digit(s[e]) && e - i < 3)
		e++;
	if (e - a > 2)
		return false;
	if (a > 0 && (is_alnum(s[a - 1]) ||
	              (a > 1 && (s[a - 1] == '.' || s[a - 1] == ',' || s[a - 1] == ':') &&
	               is_digit(s[a - 2]))))
		return false;
	if (e < n && (is_alnum(s[e]) ||
	              (e + 1 < n && (s[e] == '.' || s[e] == ',' || s[e] == ':') && is_digit(s[e + 1]))))
		return false;
	*gs = a;
	*ge = e;
	return true;
}

static uint32_t
char_at(const uint8_t *s, size_t n, size_t i, size_t *len)
{
	uint32_t c;
	*len = utf8_get(s + i, n - i, &c);
	return c;
}

static bool
super_group(const uint8_t *s, size_t n, size_t i, size_t *gs, size_t *ge)
{
	size_t a = i, e = i, len, st, k = 0;
	while (a > 0 && k <= SUPER_MAX && is_super(utf8_prev(s, a, &st))) {
		a = st;
		k++;
	}
	while (e < n && k <= SUPER_MAX && is_super(char_at(s, n, e, &len))) {
		e += len;
		k++;
	}
	if (k > SUPER_MAX)
		return false;
	*gs = a;
	*ge = e;
	return true;
}

/* The block's offset of byte I of the display text, if it is the block's
 * own text (not a reading put in, not a text of its own). */
static bool
own_model(const struct vtext *t, size_t i, uint32_t *m)
{
	const struct pseg *sg;
	if (!t->b)
		return false;
	if (!t->p || (t->pc->flags & PIECE_OWN)) {
		*m = (uint32_t)i;
		return true;
	}
	if (t->pc->flags & PIECE_SYNTH)
		return false;
	sg = pres_seg(t->p, t->pc, (uint32_t)i);
	if (!sg || sg->el || i < sg->disp)
		return false;
	*m = sg->model + (uint32_t)(i - sg->disp);
	return true;
}

/* The block's offset nearest byte I of the display text: where a reading
 * put in stands; 0 for a text of its own. */
static uint32_t
model_near(const struct vtext *t, size_t i)
{
	uint32_t m;
	if (own_model(t, i, &m))
		return m;
	if (!t->b || !t->p || (t->pc->flags & PIECE_SYNTH))
		return 0;
	m = pres_to_model(t->p, t->pc, (uint32_t)i);
	return m == UINT32_MAX ? 0 : m;
}

/* The spans of one kind over offsets asked in order (the display text
 * follows the block's text): each span is looked at once, so a line of a
 * paragraph of eighty thousand spans costs its own.  Spans of one kind
 * do not overlap (two readings over one base share its range). */
struct span_cur {
	const struct block *b;
	int kind;
	size_t next;              /* the first span not looked at yet */
	const struct span *last;  /* the last of KIND that starts at or before */
};

/* From block offset M, with spans that start at most BACK bytes before
 * it. */
static void
cur_init(struct span_cur *c, const struct block *b, int kind, uint32_t m, uint32_t back)
{
	size_t lo = 0, hi = b ? b->nspans : 0;
	uint32_t from = m > back ? m - back : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (b->spans[mid].start < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	*c = (struct span_cur){b, kind, lo, NULL};
}

/* The span of the cursor's kind over M (not before the last asked), or
 * NULL. */
static const struct span *
cur_at(struct span_cur *c, uint32_t m)
{
	if (!c->b)
		return NULL;
	while (c->next < c->b->nspans && c->b->spans[c->next].start <= m) {
		if (c->b->spans[c->next].kind == c->kind)
			c->last = &c->b->spans[c->next];
		c->next++;
	}
	return c->last && c->last->start <= m && c->last->end > m ? c->last : NULL;
}

/* The display bytes around I whose block offsets lie in SP: at most MAX
 * characters either way, else false. */
static bool
span_extent(const struct vtext *t, size_t i, const struct span *sp, size_t max, size_t *gs,
            size_t *ge)
{
	const uint8_t *s = (const uint8_t *)t->s;
	size_t a = i, e = i, len, st, k = 0;
	uint32_t m;
	while (a > 0 && k <= max) {
		utf8_prev(s, a, &st);
		if (!own_model(t, st, &m) || m < sp->start || m >= sp->end)
			break;
		a = st;
		k++;
	}
	while (e < t->n && k <= max) {
		char_at(s, t->n, e, &len);
		if (!own_model(t, e, &m) || m < sp->start || m >= sp->end)
			break;
		e += len;
		k++;
	}
	if (k > max)
		return false;
	*gs = a;
	*ge = e;
	return true;
}

/* The characters that share slots with byte I: a 縦中横 span, a number of
 * one or two digits, a run of superscript marks. */
static bool
group_at(const struct vtext *t, struct span_cur *tcy, size_t i, uint32_t c, size_t *gs, size_t *ge)
{
	uint32_t m;
	if (tcy->b && own_model(t, i, &m)) {
		const struct span *sp = cur_at(tcy, m);
		if (sp)
			return span_extent(t, i, sp, VTCY_MAX, gs, ge);
	}
	if (c >= '0' && c <= '9')
		return digit_group((const uint8_t *)t->s, t->n, i, gs, ge);
	if (is_super(c))
		return super_group((const uint8_t *)t->s, t->n, i, gs, ge);
	return false;
}

/* Cells of C in a group: a full-width ASCII form is set half-width. */
static unsigned
packed_width(uint32_t c, int amb)
{
	int w;
	if (c >= 0xFF01 && c <= 0xFF5E)
		return 1;
	w = width_cp(c, amb);
	return w > VSLOT ? VSLOT : (unsigned)w;
}

/* Bytes [I, END) of a group that starts at GS, two cells a slot: a
 * character that would straddle two slots starts the next one, and the
 * one before it takes the rest of its slot. */
static void
pack(const struct vtext *t, size_t i, size_t end, size_t gs, size_t from, uint16_t *cells)
{
	const uint8_t *s = (const uint8_t *)t->s;
	size_t prev = (size_t)-1, len;
	unsigned cur = 0;
	for (; i < end; i += len) {
		unsigned w = packed_width(char_at(s, t->n, i, &len), t->amb);
		if (cur + w > VSLOT && prev != (size_t)-1) {
			cells[prev - from] = (uint16_t)(cells[prev - from] + VSLOT - cur);
			cur = 0;
		}
		cells[i - from] = (uint16_t)(w | (i > gs ? VC_GLUE : 0));
		if (w)
			prev = i;
		cur = (cur + w) % VSLOT;
	}
	if (cur && prev != (size_t)-1)
		cells[prev - from] = (uint16_t)(cells[prev - from] + VSLOT - cur);
}

/* ---- ruby set beside its base ---- */

/* A base longer than this (in bytes) is set as it is, its reading cut. */
#define RUBY_BASE_MAX 256

size_t
vruby_len(const char *reading)
{
	size_t k = 0;
	for (const char *p = reading; *p; p++)
		k += ((uint8_t)*p & 0xC0) != 0x80;
	return k;
}

/* The slots the readings over SP's base need: the longest of them. */
static size_t
reading_slots(const struct vtext *t, const struct span *sp)
{
	size_t most = 0;
	for (const struct span *q = sp; q < t->b->spans + t->b->nspans && q->start == sp->start; q++)
		if (q->kind == SPAN_RUBY && q->end == sp->end) {
			size_t k = vruby_len(doc_ann(t->d, q->ref));
			if (k > most)
				most = k;
		}
	return most;
}

static void cells_of(const struct vtext *t, size_t from, size_t to, uint16_t *cells);

/* A ruby base in [FROM, TO) keeps to one line (no break inside it), and
 * its last character takes the slots its reading needs more. */
static void
ruby_pass(const struct vtext *t, size_t from, size_t to, uint16_t *cells)
{
	const uint8_t *s = (const uint8_t *)t->s;
	size_t i = from, len;
	struct span_cur rc;
	cur_init(&rc, t->b, SPAN_RUBY, model_near(t, from), RUBY_BASE_MAX);
	while (i < to) {
		uint32_t m;
		const struct span *sp;
		size_t gs, ge;
		char_at(s, t->n, i, &len);
		if (!own_model(t, i, &m) || !(sp = cur_at(&rc, m)) ||
		    !span_extent(t, i, sp, RUBY_BASE_MAX / 3, &gs, &ge)) {
			i += len;
			continue;
		}
		/* the span's first of its kind at that start carries the rest */
		while (sp > t->b->spans && sp[-1].start == sp->start)
			sp--;
		for (size_t j = i; j < ge && j < to; j += len) {
			char_at(s, t->n, j, &len);
			if (j > gs)
				cells[j - from] |= VC_GLUE;
			if (j + len == ge) {
				size_t base = 0, want = reading_slots(t, sp);
				uint16_t *bc = xcalloc(ge - gs, sizeof *bc);
				cells_of(t, gs, ge, bc);
				for (size_t k = 0; k < ge - gs; k++)
					base += bc[k] & VC_CELLS;
				free(bc);
				/* no longer than a line: a reading longer than that is cut */
				if (t->room > 0 && VSLOT * want > (size_t)t->room)
					want = (size_t)t->room / VSLOT;
				base /= VSLOT;
				if (want > base && want - base < 1000)
					cells[j - from] = (uint16_t)(cells[j - from] + VSLOT * (want - base));
			}
		}
		i = ge < to ? ge : to;
	}
}

/* vtext_cells without the ruby's slots. */
static void
cells_of(const struct vtext *t, size_t from, size_t to, uint16_t *cells)
{
	const uint8_t *s = (const uint8_t *)t->s;
	size_t i = from, len, gs, ge;
	struct span_cur tcy = {0};
	if (t->b && t->b->nspans)
		cur_init(&tcy, t->b, SPAN_TCY, model_near(t, from), 4 * VTCY_MAX);
	while (i < to) {
		uint32_t c = char_at(s, t->n, i, &len);
		if (c == '\n' || width_cp(c, t->amb) == 0) {
			/* a combining mark stays with its character */
			cells[i - from] = c == '\n' ? 0 : VC_GLUE;
			i += len;
		} else if (group_at(t, &tcy, i, c, &gs, &ge) && ge > i) {
			pack(t, i, ge < to ? ge : to, gs, from, cells);
			i = ge < to ? ge : to;
		} else {
			cells[i - from] = VSLOT;
			i += len;
		}
	}
}

void
vtext_cells(const struct vtext *t, size_t from, size_t to, uint16_t *cells)
{
	memset(cells, 0, (to - from) * sizeof *cells);
	cells_of(t, from, to, cells);
	if (t->ruby_aside && t->d && t->b && t->b->nspans)
		ruby_pass(t, from, to, cells);
}

size_t
vtext_width(const char *s, size_t n, int amb)
{
	struct vtext t = {s, n, amb, NULL, NULL, NULL, NULL, false, 0};
	uint16_t *c = xmalloc((n ? n : 1) * sizeof *c);
	size_t w = 0;
	vtext_cells(&t, 0, n, c);
	for (size_t i = 0; i < n; i++)
		w += c[i] & VC_CELLS;
	free(c);
	return w;
}
