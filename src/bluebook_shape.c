/* bluebook_shape.c: the shapes of the Bluebook extraction's lines
 * (chapter and section lines, numbered labels, page numbers, table notes,
 * sentence ends, the two styles of writing, bylines), and what they allow
 * before a parse: where it can start afresh near the end of a large
 * document, and how much a text looks like the format. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>
#include <string.h>

#include "bluebook_impl.h"
#include "scan.h"
#include "util.h"

/* A heading or byline longer than this (in characters) is body text. */
#define HEADING_MAX_CHARS 60
#define BYLINE_MAX_CHARS 80

/* ---- line shapes ---- */

/* "第N<unit>" at the start; returns the offset after it, or 0. */
size_t
shape_ordinal(const char *s, size_t n, const char *unit)
{
	size_t i = 0;
	if (!scan_has_prefix(s, n, "第"))
		return 0;
	i = strlen("第");
	if (scan_number(s, n, &i) < 0)
		return 0;
	if (!scan_has_prefix(s + i, n - i, unit))
		return 0;
	return i + strlen(unit);
}

/* A line "第N<unit>" alone or followed by a space and its title: the offset
 * after "第N<unit>", or 0. */
size_t
shape_ordinal_heading(const char *s, size_t n, const char *unit)
{
	size_t off = shape_ordinal(s, n, unit);
	if (off == 0 || (off < n && !scan_is_space(scan_cp_at(s, n, off, NULL))))
		return 0;
	return off;
}

static bool
heading_kana(uint32_t c)
{
	static const char kana[] = "アイウエオカキクケコサシスセソタチツテトナニヌネノ";
	for (size_t i = 0; kana[i];) {
		uint32_t k;
		i += utf8_get((const uint8_t *)kana + i, sizeof kana - 1 - i, &k);
		if (k == c)
			return true;
	}
	return false;
}

bool
shape_label(const char *s, size_t n, struct label *lb)
{
	size_t i = 0, len;
	uint32_t c = scan_cp_at(s, n, 0, &len);

	memset(lb, 0, sizeof *lb);
	if (scan_digit(c) >= 0) {
		lb->number = scan_number(s, n, &i);
		if (i >= n || !scan_is_space(scan_cp_at(s, n, i, NULL)))
			return false;
		lb->shape = SHAPE_NUMBER;
		lb->label_end = i;
	} else if (c == '(' || c == 0xFF08) {
		i = len;
		lb->number = scan_number(s, n, &i);
		c = scan_cp_at(s, n, i, &len);
		if (lb->number < 0 || (c != ')' && c != 0xFF09))
			return false;
		i += len;
		lb->shape = SHAPE_PAREN;
		lb->label_end = i;
	} else if (heading_kana(c)) {
		i = len;
		if (i >= n || !scan_is_space(scan_cp_at(s, n, i, NULL)))
			return false;
		lb->shape = SHAPE_KANA;
		lb->label_end = i;
	} else if (c >= 0x2460 && c <= 0x2473) {
		lb->shape = SHAPE_CIRCLE;
		lb->number = (long)(c - 0x2460 + 1);
		lb->label_end = len;
	} else {
		return false;
	}
	lb->text = scan_skip_spaces(s, n, lb->label_end);
	return lb->text < n;
}

/* A page number standing alone: "(4)", "312". */
bool
shape_page_marker(const char *s, size_t n)
{
	size_t i = 0, len;
	uint32_t c = scan_cp_at(s, n, 0, &len);
	bool paren = c == '(' || c == 0xFF08;
	if (paren)
		i = len;
	if (scan_number(s, n, &i) < 0)
		return false;
	if (paren) {
		c = scan_cp_at(s, n, i, &len);
		if (c != ')' && c != 0xFF09)
			return false;
		i += len;
	}
	return i == n;
}

bool
shape_table_note(const char *s, size_t n)
{
	return scan_has_prefix(s, n, "(注") || scan_has_prefix(s, n, "（注") || scan_has_prefix(s, n, "出典：") ||
	       scan_has_prefix(s, n, "出典:");
}

/* Sentence ends that close a paragraph; anything else was cut by a page. */
bool
shape_ends_sentence(const char *s, size_t n)
{
	size_t st;
	uint32_t c = scan_last_cp(s, n, &st);
	/* footnote markers after the full stop do not count */
	while (n > 0 && (scan_superscript_digit(c) >= 0 || c == 0x207D || c == 0x207E)) {
		n = st;
		c = scan_last_cp(s, n, &st);
	}
	if (c == 0x300D || c == 0x300F || c == 0xFF09 || c == ')') /* 」』）) */
		c = scan_last_cp(s, st, NULL);
	return c == 0x3002 || c == 0xFF0E || c == '.' || c == 0xFF01 || c == 0xFF1F || c == '!' ||
	       c == '?';
}

/* Is the labelled line (S, N), alone in its chunk, a heading: short, and
 * not a sentence? */
bool
shape_heading_text(const char *s, size_t n, const struct label *lb)
{
	return scan_count_chars(s + lb->text, n - lb->text) <= HEADING_MAX_CHARS && !shape_ends_sentence(s, n);
}

/* Columns are written in the polite です・ます style, the main narrative in
 * the plain である style: a paragraph's sentence ends say which it is. */
enum style
shape_style(const char *s, size_t n)
{
	/* the words before each 。: ます, です, ました, でした, ません, ましょう */
	static const char *const polite[] = {"ます", "です", "した", "せん", "しょう", NULL};
	const char *p = s, *end = s + n;
	bool full_stop = false;
	while ((p = memmem(p, (size_t)(end - p), "。", 3)) != NULL) {
		full_stop = true;
		for (int k = 0; polite[k]; k++) {
			size_t m = strlen(polite[k]);
			if ((size_t)(p - s) >= m && memcmp(p - m, polite[k], m) == 0 &&
			    (k < 2 || ((size_t)(p - s) >= m + 3 &&
			               (memcmp(p - m - 3, "ま", 3) == 0 || memcmp(p - m - 3, "で", 3) == 0))))
				return STYLE_POLITE;
		}
		p += 3;
	}
	return full_stop ? STYLE_PLAIN : STYLE_NEUTRAL;
}

/* "role  surname given": a short line ending in a name of two parts. */
bool
shape_byline(const char *s, size_t n)
{
	size_t end = n, st;
	int parts = 0;
	uint32_t c;

	if (scan_count_chars(s, n) > BYLINE_MAX_CHARS || scan_find(s, n, "。"))
		return false;
	while (parts < 2) {
		size_t chars = 0;
		while (end > 0) {
			c = scan_last_cp(s, end, &st);
			if (!(scan_is_han(c) || (parts == 0 && scan_is_kana(c))))
				break;
			end = st;
			chars++;
		}
		if (chars == 0 || chars > 5)
			return false;
		c = scan_last_cp(s, end, &st);
		if (!scan_is_space(c))
			return false;
		end = st;
		parts++;
	}
	return end > 0; /* a role must stand before the name */
}

/* ---- starting afresh near the end ---- */

/* Is the line (S, N), the first of a chunk of NLINES lines, one that every
 * parse takes the same way whatever came before it: a chapter, a section,
 * a column, or a heading of the first level (which ends any column)? */
static bool
fresh_start(const char *s, size_t n, size_t nlines)
{
	struct label lb;
	if (scan_equals(s, n, "コラム") || shape_ordinal_heading(s, n, "章") || shape_ordinal_heading(s, n, "節"))
		return true;
	return nlines == 1 && shape_label(s, n, &lb) && lb.shape == SHAPE_NUMBER &&
	       shape_heading_text(s, n, &lb);
}

size_t
bluebook_resync(const char *text, size_t len, size_t keep)
{
	size_t limit = len > keep ? len - keep : 0;
	size_t strong = SIZE_MAX, weak = SIZE_MAX, i = 0;
	/* the chunk being read (lines between blank lines): where it starts,
	 * its first line, its lines so far; the text may start inside one */
	bool in_chunk = true, judge = false, after_sentence = false, sentence = false;
	size_t start = 0, fa = 0, fz = 0, lines = 0;

	for (;;) {
		const char *nl = i < len ? memchr(text + i, '\n', len - i) : NULL;
		size_t e = nl ? (size_t)(nl - text) : len;
		size_t a = scan_skip_spaces(text, e, i), z = e, st;
		bool blank = a == z;
		while (z > a && scan_is_space(scan_last_cp(text + a, z - a, &st)))
			z = a + st;
		if (!blank && !in_chunk) {
			in_chunk = true;
			judge = i <= limit;
			after_sentence = sentence;
			start = i, fa = a, fz = z, lines = 0;
		}
		if (!blank) {
			lines++;
			sentence = shape_ends_sentence(text + a, z - a);
		}
		if ((blank || !nl) && in_chunk) {
			/* the chunk is whole: can a parse start at it? */
			struct label lb;
			if (judge && fresh_start(text + fa, fz - fa, lines))
				strong = start;
			else if (judge && after_sentence && !shape_label(text + fa, fz - fa, &lb))
				weak = start;
			in_chunk = judge = false;
		}
		if (!nl)
			break;
		i = e + 1;
	}
	if (strong != SIZE_MAX)
		return strong;
	return weak != SIZE_MAX ? weak : 0;
}

/* ---- detection ---- */

/* "第N節  title  page": an entry of the chapter's contents. */
static bool
contents_entry(const char *s, size_t n)
{
	size_t lab = shape_ordinal(s, n, "節"), z = n, st;
	if (!lab || lab >= n || !scan_is_space(scan_cp_at(s, n, lab, NULL)))
		return false;
	while (z > lab && scan_digit(scan_last_cp(s, z, &st)) >= 0)
		z = st;
	if (z == n || !scan_is_space(scan_last_cp(s, z, &st)))
		return false;
	return scan_skip_spaces(s, z, lab) < z; /* a title between */
}

/* The extraction's marks in a sample, counted. */
struct marks {
	int refs, contents, columns, ruby; /* its own: no other text has them */
	int weak;                          /* page numbers, 第N節, table notes: novels have them too */
};

/* The references ⁽N⁾ and the ruby ^{…} of the whole of (S, N). */
static void
count_inline(const char *s, size_t n, struct marks *m)
{
	const char *p;
	for (size_t i = 0; (p = memmem(s + i, n - i, "\u207D", 3)) != NULL;) {
		size_t end;
		i = (size_t)(p - s);
		if (scan_fnref(s, n, i, false, &end) >= 0)
			m->refs++;
		i = end > i ? end : i + 1;
	}
	/* the next } and line end, each looked for again only once passed:
	 * one long line costs one pass */
	const char *close = NULL, *nl = NULL, *e = s + n;
	bool any_close = true, any_nl = true;
	for (const char *q = s; (q = memmem(q, (size_t)(e - q), "^{", 2)) != NULL; q += 2) {
		if (any_close && (!close || close < q))
			any_close = (close = memchr(q, '}', (size_t)(e - q))) != NULL;
		if (any_nl && (!nl || nl < q))
			any_nl = (nl = memchr(q, '\n', (size_t)(e - q))) != NULL;
		if (close && (!nl || close < nl))
			m->ruby++;
	}
}

static void
count_line(const char *s, size_t n, bool after_column, struct marks *m)
{
	/* the marks start with 第 (E7), 出 (E5), a digit, a parenthesis,
	 * full-width ones (EF) or C: most lines start otherwise */
	uint8_t b = (uint8_t)s[0];
	if (b != 0xE7 && b != 0xE5 && b != 0xEF && b != '(' && b != 'C' && (b < '0' || b > '9'))
		return;
	if (contents_entry(s, n))
		m->contents++;
	else if (after_column && scan_equals(s, n, "COLUMN"))
		m->columns++;
	else if (shape_page_marker(s, n) || shape_ordinal_heading(s, n, "節") || shape_table_note(s, n))
		m->weak++;
}

static int
at_most(int v, int max)
{
	return v < max ? v : max;
}

/* How much TEXT looks like the extraction: by its own marks only
 * (superscript references ⁽N⁾, contents entries, a コラム line followed
 * by COLUMN, ^{…} ruby).  Page numbers alone on a line, 第N節 lines and
 * table notes only add to those: a novel has them too
 * (tests/fixtures/plain/novel-bluebook-trap.txt), and a wrong guess must
 * cost little, so a text without two of its own marks scores 0 and reads
 * as plain text. */
int
bluebook_detect(const char *text, size_t len, const char *path)
{
	struct marks m = {0};
	bool after_column = false;
	int own, weak;
	(void)path;
	count_inline(text, len, &m);
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - text) : len, z;
		size_t a = scan_trim(text + i, e - i, &z);
		if (a < z) {
			count_line(text + i + a, z - a, after_column, &m);
			after_column = scan_equals(text + i + a, z - a, "コラム");
		}
		i = e + 1;
	}
	own = 2 * at_most(m.refs, 5) + 4 * at_most(m.contents, 3) + 4 * at_most(m.columns, 3) +
	      2 * at_most(m.ruby, 3);
	weak = at_most(m.weak, 6);
	if (own < 4)
		return 0;
	return at_most(40 + 2 * (own + weak), 95);
}
