/* aozora_line.c: one line of an Aozora Bunko text read into its text
 * without notation: the brackets found (Brackets), ruby attached by the
 * class rule (Ruby), gaiji and accents resolved, くの字点 drawn.  What an
 * annotation means is aozora_note.c's.  Linear in the line: brackets are
 * matched in one pass with a stack, and every look ahead is remembered. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "aozora_impl.h"
#include "scan.h"
#include "util.h"

#define NONE SIZE_MAX

/* The notation's characters, as UTF-8. */
#define S_OPEN "［"
#define S_CLOSE "］"
#define S_NOTE "［＃"
#define S_GAIJI "※［＃"
#define S_RUBY_OPEN "《"
#define S_RUBY_CLOSE "》"
#define S_BAR "｜"
#define S_ACC_OPEN "〔"
#define S_ACC_CLOSE "〕"

/* Problems quote at most this much of the line. */
#define PROBLEM_QUOTE 120

static bool
at(const char *s, size_t n, size_t i, const char *lit)
{
	size_t l = strlen(lit);
	return i + l <= n && memcmp(s + i, lit, l) == 0;
}

/* Can the character at byte I start notation (※ ［ 《 〔 ｜ ／)?  Told by
 * its bytes, for the loops that see every character. */
static inline bool
may_start(const uint8_t *s, size_t n, size_t i)
{
	uint8_t b = s[i];
	if (b != 0xE2 && b != 0xE3 && b != 0xEF)
		return false;
	if (i + 2 >= n)
		return false;
	return (b == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0xBB) ||
	       (b == 0xE3 && s[i + 1] == 0x80 && (s[i + 2] == 0x8A || s[i + 2] == 0x94)) ||
	       (b == 0xEF && s[i + 1] == 0xBC && (s[i + 2] == 0xBB || s[i + 2] == 0x8F)) ||
	       (b == 0xEF && s[i + 1] == 0xBD && s[i + 2] == 0x9C);
}

/* ---- brackets: ［ matched with its ］ by a stack, once per text ---- */

struct brackets {
	size_t *open, *close; /* the ［ in order, and the ］ of each (NONE) */
	size_t n, cap, close_cap, k; /* K: the next ［ to look at */
	size_t *stack;
	size_t stack_cap;
};

static void
brackets_find(struct brackets *b, const char *s, size_t n)
{
	size_t depth = 0;
	const char *p = s, *end = s + n;
	b->n = b->k = 0;
	while ((p = memchr(p, 0xEF, (size_t)(end - p))) != NULL) {
		size_t i = (size_t)(p - s);
		if (at(s, n, i, S_OPEN)) {
			xgrow(&b->open, &b->cap, b->n + 1, sizeof *b->open);
			xgrow(&b->close, &b->close_cap, b->n + 1, sizeof *b->close);
			b->open[b->n] = i;
			b->close[b->n] = NONE;
			xgrow(&b->stack, &b->stack_cap, depth + 1, sizeof *b->stack);
			b->stack[depth++] = b->n++;
		} else if (at(s, n, i, S_CLOSE) && depth) {
			b->close[b->stack[--depth]] = i;
		}
		p++;
	}
}

/* The ］ of the ［ at byte I, or NONE. */
static size_t
brackets_close(struct brackets *b, size_t i)
{
	while (b->k < b->n && b->open[b->k] < i)
		b->k++;
	return b->k < b->n && b->open[b->k] == i ? b->close[b->k] : NONE;
}

static void
brackets_free(struct brackets *b)
{
	free(b->open);
	free(b->close);
	free(b->stack);
	memset(b, 0, sizeof *b);
}

/* The next LIT at or after byte I, remembered: NONE if none. */
struct ahead {
	size_t at;  /* the last one found, or N when there is none after FROM */
	size_t from;
};

static size_t
ahead_find(struct ahead *a, const char *s, size_t n, size_t i, const char *lit)
{
	if (a->from == NONE || i < a->from || (a->at != n && a->at < i)) {
		const char *p = scan_find(s + i, n - i, lit);
		a->at = p ? (size_t)(p - s) : n;
		a->from = i;
	}
	return a->at < n ? a->at : NONE;
}

/* 〔…〕 decomposes accents when there is one inside: the next spelling,
 * remembered the same way. */
static bool
accent_inside(struct ahead *a, const char *s, size_t n, size_t i, size_t close)
{
	if (a->from == NONE || i < a->from || (a->at != n && a->at < i)) {
		size_t j, len;
		for (j = i; j < n && !az_accent_at(s, n, j, &len); j++)
			;
		a->at = j;
		a->from = i;
	}
	return a->at < close;
}

/* ---- the line's text ---- */

void
az_line_init(struct az_line *L, struct doc *d, struct az_conv *cv)
{
	memset(L, 0, sizeof *L);
	L->d = d;
	L->cv = cv;
}

void
az_line_free(struct az_line *L)
{
	buf_free(&L->text);
	buf_free(&L->scratch);
	free(L->cls);
	free(L->spans);
	free(L->cuts);
	for (size_t i = 0; i < L->nfigs; i++) {
		free(L->figs[i].desc);
		free(L->figs[i].aux);
	}
	free(L->figs);
	free(L->pairs);
	for (size_t i = 0; i < L->nreqs; i++)
		free(L->reqs[i].text);
	free(L->reqs);
	free(L->bars);
	memset(L, 0, sizeof *L);
}

static void
line_reset(struct az_line *L)
{
	L->text.len = 0;
	if (L->text.p)
		L->text.p[0] = '\0';
	L->nspans = L->ncuts = L->npairs = L->nbars = 0;
	for (size_t i = 0; i < L->nfigs; i++) {
		free(L->figs[i].desc);
		free(L->figs[i].aux);
	}
	L->nfigs = 0;
	for (size_t i = 0; i < L->nreqs; i++)
		free(L->reqs[i].text);
	L->nreqs = 0;
	L->floor = 0;
	L->bar = NONE;
	L->has_indent = L->has_align = L->indent_alone = false;
	L->first = L->hang = L->end_off = 0;
}

void
az_line_putc(struct az_line *L, uint32_t c, enum az_class cl)
{
	size_t at = L->text.len;
	buf_addcp(&L->text, c);
	xgrow(&L->cls, &L->cls_cap, L->text.len, 1);
	L->cls[at] = (uint8_t)cl;
}

void
az_line_puts(struct az_line *L, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint32_t c;
		i += utf8_get((const uint8_t *)s + i, n - i, &c);
		az_line_putc(L, c, az_class_of(c));
	}
}

void
az_line_span(struct az_line *L, size_t start, size_t end, int kind, int style, int32_t ref)
{
	xgrow(&L->spans, &L->spans_cap, L->nspans + 1, sizeof *L->spans);
	L->spans[L->nspans++] = (struct span){(uint32_t)start, (uint32_t)end, (uint8_t)kind,
	                                      (uint8_t)style, ref};
}

void
az_line_problem(struct az_line *L, const char *s, size_t n)
{
	size_t cut = n;
	if (L->header)
		return;
	/* quote a long one up to a whole character */
	if (cut > PROBLEM_QUOTE) {
		cut = PROBLEM_QUOTE;
		while (cut > 0 && ((uint8_t)s[cut] & 0xC0) == 0x80)
			cut--;
	}
	doc_add_problem(L->d, L->no, s, cut);
}

void
az_line_unknown(struct az_line *L, const char *content, size_t n, const char *raw, size_t rn)
{
	if (L->header)
		return;
	az_line_span(L, L->text.len, L->text.len, SPAN_NOTE, NOTE_UNKNOWN,
	             doc_add_ann(L->d, content, n));
	az_line_problem(L, raw, rn);
}

void
az_line_truncate(struct az_line *L, size_t to)
{
	size_t k = 0;
	if (to >= L->text.len)
		return;
	L->text.len = to;
	L->text.p[to] = '\0';
	for (size_t i = 0; i < L->nspans; i++) {
		struct span sp = L->spans[i];
		if (sp.start > to)
			continue;
		if (sp.end > to)
			sp.end = (uint32_t)to;
		L->spans[k++] = sp;
	}
	L->nspans = k;
	for (size_t i = 0; i < L->npairs; i++)
		if (L->pairs[i].start > to)
			L->pairs[i].start = (uint32_t)to;
	for (size_t i = 0; i < L->ncuts; i++) {
		if (L->cuts[i].at > to)
			L->cuts[i].at = (uint32_t)to;
		if (L->cuts[i].end > to)
			L->cuts[i].end = (uint32_t)to;
	}
	if (L->floor > to)
		L->floor = to;
	if (L->bar != NONE && L->bar > to)
		L->bar = to;
}

/* ---- resolving a reading or an annotation's content ---- */

void
az_resolve(struct az_line *L, const char *s, size_t n, struct buf *out)
{
	struct brackets b = {0};
	struct ahead acc = {0, NONE}, racc = {0, NONE}, rclose = {0, NONE};
	size_t i = 0, acc_close = NONE, c;
	out->len = 0;
	brackets_find(&b, s, n);
	while (i < n) {
		if (acc_close == NONE && !may_start((const uint8_t *)s, n, i)) {
			size_t j = i + 1;
			while (j < n && ((uint8_t)s[j] & 0xC0) == 0x80)
				j++;
			buf_add(out, s + i, j - i);
			i = j;
		} else if (at(s, n, i, S_GAIJI) && (c = brackets_close(&b, i + 3)) != NONE) {
			az_gaiji(L->cv, s + i + 9, c - i - 9, out);
			i = c + 3;
		} else if (at(s, n, i, S_NOTE) && (c = brackets_close(&b, i)) != NONE) {
			i = c + 3; /* notation in a quotation says nothing of its text */
		} else if (at(s, n, i, S_RUBY_OPEN) && (c = ahead_find(&rclose, s, n, i + 3, S_RUBY_CLOSE)) != NONE &&
		           c > i + 3) {
			i = c + 3;
		} else if (at(s, n, i, S_BAR)) {
			i += 3;
		} else if (acc_close == NONE && at(s, n, i, S_ACC_OPEN) &&
		           (c = ahead_find(&racc, s, n, i + 3, S_ACC_CLOSE)) != NONE &&
		           accent_inside(&acc, s, n, i + 3, c)) {
			acc_close = c;
			i += 3;
		} else if (i == acc_close) {
			acc_close = NONE;
			i += 3;
		} else {
			size_t len = 1;
			uint32_t cp = acc_close != NONE ? az_accent_at(s, n, i, &len) : 0;
			if (cp)
				buf_addcp(out, cp);
			else
				buf_add(out, s + i, len = utf8_get((const uint8_t *)s + i, n - i, &cp));
			i += len;
		}
	}
	if (!out->p)
		buf_add(out, "", 0);
	brackets_free(&b);
}

/* ---- ruby (Ruby: the attachment rule) ---- */

/* The start of the run of class CL that ends at END, not before the floor. */
static size_t
run_start(const struct az_line *L, size_t end, enum az_class cl)
{
	size_t i = end, st;
	while (i > L->floor) {
		utf8_prev((const uint8_t *)L->text.p, i, &st);
		if (st < L->floor || L->cls[st] != cl)
			break;
		i = st;
	}
	return i;
}

/* The base of a reading at the end of the text: its start, or NONE. */
static size_t
ruby_base(struct az_line *L)
{
	size_t end = L->text.len, st;
	enum az_class cl;
	if (L->bar != NONE)
		return L->bar < end ? L->bar : NONE;
	if (end <= L->floor)
		return NONE;
	utf8_prev((const uint8_t *)L->text.p, end, &st);
	cl = (enum az_class)L->cls[st];
	if (cl == AZC_TERM) {
		/* Dr.《ドクター》: a terminator ends the hankaku run before it */
		size_t s2;
		if (st <= L->floor)
			return NONE;
		utf8_prev((const uint8_t *)L->text.p, st, &s2);
		if (s2 < L->floor || L->cls[s2] != AZC_HANKAKU)
			return NONE;
		return run_start(L, st, AZC_HANKAKU);
	}
	if (cl == AZC_OTHER)
		return NONE;
	return run_start(L, end, cl);
}

/* The reading (R, RN bytes as written): a ruby over its base, or false
 * if it has none (it is then text). */
static bool
attach_ruby(struct az_line *L, const char *r, size_t rn)
{
	size_t base = ruby_base(L);
	if (base == NONE)
		return false;
	az_resolve(L, r, rn, &L->scratch);
	if (L->scratch.len == 0)
		return false;
	L->bar = NONE;
	if (!L->header)
		az_line_span(L, base, L->text.len, SPAN_RUBY, RUBY_READING,
		             doc_add_ann(L->d, L->scratch.p, L->scratch.len));
	L->floor = L->text.len;
	return true;
}

/* ---- the line ---- */

/* Which ｜ start a ruby: the last one before each reading (later ones
 * are text).  Annotations and readings are passed over as the main scan
 * does. */
static void
find_bars(struct az_line *L, const char *s, size_t n, struct brackets *b)
{
	struct ahead rclose = {0, NONE};
	size_t i = 0, pending = NONE, c;
	b->k = 0;
	while (i < n) {
		uint8_t lead = (uint8_t)s[i];
		if (!may_start((const uint8_t *)s, n, i)) {
			i += lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 1;
		} else if (at(s, n, i, S_GAIJI) && (c = brackets_close(b, i + 3)) != NONE) {
			i = c + 3;
		} else if (at(s, n, i, S_NOTE) && (c = brackets_close(b, i)) != NONE) {
			i = c + 3;
		} else if (at(s, n, i, S_BAR)) {
			pending = i;
			i += 3;
		} else if (at(s, n, i, S_RUBY_OPEN) && (c = ahead_find(&rclose, s, n, i + 3, S_RUBY_CLOSE)) != NONE &&
		           c > i + 3) {
			if (pending != NONE) {
				xgrow(&L->bars, &L->bars_cap, L->nbars + 1, sizeof *L->bars);
				L->bars[L->nbars++] = (uint32_t)pending;
				pending = NONE;
			}
			i = c + 3;
		} else {
			i++;
		}
	}
	b->k = 0;
}

/* Where the scan of a line is. */
struct scan {
	const char *s;
	size_t n, i;
	struct brackets b;
	struct ahead rclose, aclose, acc;
	size_t acc_close; /* the 〕 of the accent bracket the scan is in, or NONE */
	size_t nbar;      /* the next of L->bars */
};

static void
unterminated(struct az_line *L, struct scan *sc)
{
	/* the ［ is text, and so is what follows it */
	az_line_problem(L, sc->s + sc->i, sc->n - sc->i);
	az_line_putc(L, 0xFF3B, AZC_OTHER);
	sc->i += 3;
}

static void
scan_gaiji(struct az_line *L, struct scan *sc, size_t close)
{
	size_t start = L->text.len;
	const char *c = sc->s + sc->i + 9;
	size_t cn = close - sc->i - 9;
	bool ok;
	L->scratch.len = 0;
	ok = az_gaiji(L->cv, c, cn, &L->scratch);
	/* a gaiji is a kanji for the ruby rule, whatever it is */
	for (size_t k = 0; k < L->scratch.len;) {
		uint32_t cp;
		k += utf8_get((const uint8_t *)L->scratch.p + k, L->scratch.len - k, &cp);
		az_line_putc(L, cp, AZC_KANJI);
	}
	if (!L->header)
		az_line_span(L, start, L->text.len, SPAN_GAIJI, ok ? GAIJI_RESOLVED : GAIJI_UNRESOLVED,
		             doc_add_ann(L->d, c, cn));
	sc->i = close + 3;
}

static void
scan_note(struct az_line *L, struct scan *sc, size_t close)
{
	size_t from = sc->i;
	struct buf content = {0};
	sc->i = close + 3;
	if (L->header)
		return;
	az_resolve(L, sc->s + from + 6, close - from - 6, &content);
	az_note(L, content.p, content.len, sc->s + from, close + 3 - from, sc->i);
	buf_free(&content);
	/* a ruby's run stops at an annotation */
	L->floor = L->text.len;
}

static void
scan_reading(struct az_line *L, struct scan *sc, size_t close)
{
	if (L->header) {
		sc->i = close + 3; /* a title's readings are dropped */
		return;
	}
	if (attach_ruby(L, sc->s + sc->i + 3, close - sc->i - 3)) {
		sc->i = close + 3;
		return;
	}
	/* no base: 《 is text, and so is the reading (and a ｜ right before
	 * it, which started nothing) */
	if (L->bar != NONE && L->bar == L->text.len)
		az_line_putc(L, 0xFF5C, AZC_OTHER);
	L->bar = NONE;
	az_line_putc(L, 0x300A, AZC_OTHER);
	sc->i += 3;
}

/* The notation at the scan's place, if any: true if it was read. */
static bool
scan_notation(struct az_line *L, struct scan *sc)
{
	const char *s = sc->s;
	size_t n = sc->n, i = sc->i, c;
	if (at(s, n, i, S_GAIJI)) {
		if ((c = brackets_close(&sc->b, i + 3)) != NONE)
			scan_gaiji(L, sc, c);
		else
			return false; /* ※ is text, ［ comes next */
	} else if (at(s, n, i, S_NOTE)) {
		if ((c = brackets_close(&sc->b, i)) != NONE)
			scan_note(L, sc, c);
		else
			unterminated(L, sc);
	} else if (at(s, n, i, S_RUBY_OPEN)) {
		c = ahead_find(&sc->rclose, s, n, i + 3, S_RUBY_CLOSE);
		if (c == NONE) {
			az_line_problem(L, s + i, n - i);
			return false;
		}
		if (c == i + 3) {
			/* 《》 is how the text writes 《》 */
			az_line_puts(L, "《》", strlen("《》"));
			sc->i = c + 3;
		} else {
			scan_reading(L, sc, c);
		}
	} else if (at(s, n, i, S_BAR) && (L->header || (sc->nbar < L->nbars && L->bars[sc->nbar] == i))) {
		/* a ｜ that starts a ruby (in a title, every ｜: readings are
		 * dropped there) */
		sc->nbar += !L->header;
		L->bar = L->text.len;
		L->floor = L->text.len;
		sc->i += 3;
	} else if (sc->acc_close == NONE && at(s, n, i, S_ACC_OPEN) &&
	           (c = ahead_find(&sc->aclose, s, n, i + 3, S_ACC_CLOSE)) != NONE &&
	           accent_inside(&sc->acc, s, n, i + 3, c)) {
		sc->acc_close = c;
		sc->i += 3;
	} else if (i == sc->acc_close) {
		sc->acc_close = NONE;
		sc->i += 3;
	} else {
		return false;
	}
	return true;
}

/* Where the run of plain text from byte I ends: the next character that
 * may start notation (※ ［ 《 〔 ｜ ／, or the 〕 of an accent bracket),
 * or any character while accents are decomposed. */
static size_t
plain_end(const struct scan *sc, size_t i)
{
	const uint8_t *s = (const uint8_t *)sc->s;
	size_t n = sc->n;
	if (sc->acc_close != NONE)
		return i;
	while (i < n) {
		uint8_t b = s[i];
		if (b < 0x80) {
			i++;
			continue;
		}
		if (may_start(s, n, i))
			break;
		i += b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
	}
	return i < n ? i : n;
}

/* The plain text [I, END) into the line whole, each character's class
 * noted: the bulk of a line. */
static void
put_plain(struct az_line *L, const char *s, size_t i, size_t end)
{
	size_t at = L->text.len;
	buf_add(&L->text, s + i, end - i);
	xgrow(&L->cls, &L->cls_cap, L->text.len + 1, 1);
	while (i < end) {
		uint32_t c = utf8_cjk3((const uint8_t *)s, end, i);
		size_t len = 3;
		if (!c)
			len = utf8_get((const uint8_t *)s + i, end - i, &c);
		L->cls[at] = (uint8_t)az_class_of(c);
		at += len;
		i += len;
	}
}

/* One character of text at the scan's place. */
static void
scan_char(struct az_line *L, struct scan *sc)
{
	const char *s = sc->s;
	size_t n = sc->n, i = sc->i, len;
	uint32_t c;
	if (sc->acc_close != NONE && (c = az_accent_at(s, n, i, &len)) != 0) {
		az_line_putc(L, c, AZC_HANKAKU);
		sc->i += len;
		return;
	}
	/* くの字点 (Dakuten katakana, くの字点): ／＼ and ／″＼ */
	if (at(s, n, i, "／＼") || at(s, n, i, "／″＼")) {
		bool voiced = at(s, n, i, "／″＼");
		az_line_putc(L, voiced ? 0x3034 : 0x3033, AZC_OTHER);
		az_line_putc(L, 0x3035, AZC_OTHER);
		sc->i += voiced ? strlen("／″＼") : strlen("／＼");
		return;
	}
	len = utf8_get((const uint8_t *)s + i, n - i, &c);
	az_line_putc(L, c, az_class_of(c));
	sc->i += len;
}

void
az_line_read(struct az_line *L, const char *s, size_t n, uint32_t no)
{
	struct scan sc = {s, n, 0, {0}, {0, NONE}, {0, NONE}, {0, NONE}, NONE, 0};
	line_reset(L);
	L->no = no;
	L->raw = s;
	L->nraw = n;
	brackets_find(&sc.b, s, n);
	find_bars(L, s, n, &sc.b);
	xgrow(&L->cls, &L->cls_cap, n + 1, 1);
	while (sc.i < n) {
		size_t end = plain_end(&sc, sc.i);
		if (end > sc.i) {
			put_plain(L, s, sc.i, end);
			sc.i = end;
			continue;
		}
		if (!scan_notation(L, &sc))
			scan_char(L, &sc);
	}
	if (!L->text.p)
		buf_add(&L->text, "", 0);
	az_note_end_line(L);
	brackets_free(&sc.b);
	L->raw = NULL;
}
