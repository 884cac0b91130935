/* plain_shape.c: the measures and shapes of a plain-text line: its width
 * and leading space, sentence ends, ornaments, list markers, heading
 * shapes (第N話, ■ title, Chapter N, …) and the title block's lines. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "plain_impl.h"
#include "scan.h"
#include "util.h"
#include "width.h"

#define ORNAMENT_MAX 20
/* A ■ or 【…】 heading's text, in characters. */
#define MARK_TITLE_MAX 30

/* ---- measures ---- */

static bool
space_cp(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0x3000;
}

/* Is there U+3000 (E3 80 80) at byte I of (S, N)? */
static bool
ideographic_space(const char *s, size_t n, size_t i)
{
	return i + 3 <= n && memcmp(s + i, "\u3000", 3) == 0;
}

/* (every line is measured: bytes, not characters decoded) */
size_t
plain_lead(const char *s, size_t n, int *cols)
{
	size_t i = 0;
	int w = 0;
	while (i < n) {
		if (s[i] == ' ')
			w++, i++;
		else if (s[i] == '\t')
			w = (w / 8 + 1) * 8, i++;
		else if (ideographic_space(s, n, i))
			w += 2, i += 3;
		else
			break;
	}
	if (cols)
		*cols = w;
	return i;
}

size_t
plain_rtrim(const char *s, size_t n)
{
	while (n > 0) {
		if (s[n - 1] == ' ' || s[n - 1] == '\t')
			n--;
		else if (n >= 3 && ideographic_space(s, n, n - 3))
			n -= 3;
		else
			break;
	}
	return n;
}

int
plain_width(const char *s, size_t n, int col0)
{
	const uint8_t *u = (const uint8_t *)s;
	long w = col0;
	for (size_t i = 0; i < n;) {
		uint32_t c = u[i] < 0x80 ? u[i] : utf8_cjk3(u, n, i);
		size_t len = 1;
		if (c >= 0x80)
			len = 3;
		else if (u[i] >= 0x80)
			len = utf8_get(u + i, n - i, &c);
		w = c == '\t' ? (w / 8 + 1) * 8 : w + width_cp(c, 1);
		if (w > 1000000)
			return 1000000; /* wider than any rule asks about */
		i += len;
	}
	return (int)(w - col0);
}

static bool
closer(uint32_t c)
{
	return c == 0x300D || c == 0x300F || c == 0xFF09 || c == 0xFF3D || c == 0x3011 || c == 0x3009 ||
	       c == 0x300B || c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == ')' || c == ']';
}

bool
plain_ends_sentence(const char *s, size_t n)
{
	size_t st;
	uint32_t c = 0;
	while (n > 0 && closer(c = scan_last_cp(s, n, &st)))
		n = st;
	if (n == 0)
		return false;
	return c == 0x3002 || c == 0xFF0E || c == '.' || c == 0xFF01 || c == 0xFF1F || c == '!' ||
	       c == '?' || c == 0x2026;
}

/* Is C one of the characters of LIST (UTF-8)?  A whole character's bytes
 * match only at a character's start: UTF-8 synchronises itself. */
static bool
in_list(uint32_t c, const char *list)
{
	char u[5];
	size_t l;
	if (c == 0)
		return false;
	if (c < 0x80)
		return strchr(list, (int)c) != NULL;
	l = utf8_put(c, u);
	u[l] = '\0';
	return strstr(list, u) != NULL;
}

bool
plain_ornament(const char *s, size_t n)
{
	size_t i = 0, len, chars = 0;
	bool any = false;
	while (i < n) {
		uint32_t c = scan_cp_at(s, n, i, &len);
		if (++chars > ORNAMENT_MAX)
			return false;
		if (in_list(c, "＊*※◇◆☆★○●・―-=~"))
			any = true;
		else if (!space_cp(c))
			return false;
		i += len;
	}
	return any;
}

int
plain_underline(const char *s, size_t n)
{
	if (n < 3 || (s[0] != '=' && s[0] != '-'))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (s[i] != s[0])
			return 0;
	return s[0];
}

/* ---- numbers ---- */

/* 〇一二三四五六七八九十百千 */
static bool
kanji_numeral(uint32_t c)
{
	switch (c) {
	case 0x3007: case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94: case 0x516D:
	case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341: case 0x767E: case 0x5343:
		return true;
	default:
		return false;
	}
}

/* A number at I: ASCII or full-width digits (at most MAXD), or kanji
 * numerals with KANJI (at most 8); the offset after it, or I if none.
 * *KANJI_OUT tells which. */
static size_t
number_at(const char *s, size_t n, size_t i, int maxd, bool kanji, bool *kanji_out)
{
	size_t j = i, len;
	int k = 0;
	uint32_t c = scan_cp_at(s, n, j, &len);
	if (kanji_out)
		*kanji_out = false;
	if (scan_digit(c) >= 0) {
		while (len && scan_digit(c) >= 0 && k < maxd + 1) {
			j += len;
			k++;
			c = scan_cp_at(s, n, j, &len);
		}
		return k <= maxd ? j : i;
	}
	if (!kanji)
		return i;
	while (len && kanji_numeral(c) && k < 9) {
		j += len;
		k++;
		c = scan_cp_at(s, n, j, &len);
	}
	if (kanji_out)
		*kanji_out = k > 0;
	return k <= 8 ? j : i;
}

static size_t
skip_spaces(const char *s, size_t n, size_t i)
{
	size_t len;
	while (i < n && space_cp(scan_cp_at(s, n, i, &len)))
		i += len;
	return i;
}

/* The optional title after a label ending at I: the end, spaces and text,
 * or text starting with 「『【(（：:.  *BODY gets where the title starts. */
static bool
title_after(const char *s, size_t n, size_t i, uint32_t *body)
{
	uint32_t c;
	if (i >= n) {
		*body = (uint32_t)n;
		return true;
	}
	c = scan_cp_at(s, n, i, NULL);
	if (space_cp(c)) {
		*body = (uint32_t)skip_spaces(s, n, i);
		return true;
	}
	if (in_list(c, "「『【(（：:")) {
		*body = (uint32_t)i;
		return true;
	}
	return false;
}

/* ---- list markers ---- */

size_t
plain_list_marker(const char *s, size_t n, int *cols)
{
	size_t len, i;
	uint32_t c = scan_cp_at(s, n, 0, &len);
	bool paren = c == '(' || c == 0xFF08, need_space = true;

	if (!len)
		return 0;
	if (in_list(c, "・･•●○■□◆◇※＊*-+") || (c >= 0x2460 && c <= 0x2473)) {
		i = len;
		need_space = false;
	} else {
		i = number_at(s, n, paren ? len : 0, 3, false, NULL);
		if (i == (paren ? len : 0))
			return 0;
		c = scan_cp_at(s, n, i, &len);
		if (paren ? c != ')' && c != 0xFF09 : c != '.' && c != 0xFF0E && c != ')')
			return 0;
		i += len;
	}
	c = scan_cp_at(s, n, i, &len);
	if (len && space_cp(c))
		i += len;
	else if (need_space)
		return 0;
	if (i >= n)
		return 0; /* a marker with nothing after it */
	if (cols)
		*cols = plain_width(s, i, 0);
	return i;
}

/* ---- heading shapes: Japanese ---- */

static const char *const ja_words[] = {"序章", "終章", "序幕", "終幕", "間章", "幕間", "断章",
                                       "プロローグ", "エピローグ", "まえがき", "あとがき", NULL};

/* 第N部, 第N章, 第N節 and their kin. */
static int
ja_ordinal(const char *s, size_t n, struct plain_shape *h)
{
	size_t i = strlen("第"), j, len;
	uint32_t unit;
	int rank;
	if (!scan_has_prefix(s, n, "第") || (j = number_at(s, n, i, 6, true, NULL)) == i)
		return 0;
	unit = scan_cp_at(s, n, j, &len);
	if (in_list(unit, "部編巻"))
		rank = RANK_A;
	else if (in_list(unit, "章話回幕"))
		rank = RANK_B;
	else if (unit == 0x7BC0) /* 節 */
		rank = RANK_C;
	else
		return 0;
	if (!title_after(s, n, j + len, &h->body))
		return 0;
	h->labelled = true;
	return rank;
}

static int
ja_word(const char *s, size_t n, struct plain_shape *h)
{
	for (int k = 0; ja_words[k]; k++)
		if (scan_has_prefix(s, n, ja_words[k]) && title_after(s, n, strlen(ja_words[k]), &h->body)) {
			h->labelled = true;
			return RANK_B;
		}
	return 0;
}

/* ■ title, 【…】 title, a number alone, a kanji numeral alone. */
static int
ja_mark(const char *s, size_t n)
{
	size_t len, j;
	uint32_t c = scan_cp_at(s, n, 0, &len);
	bool kanji;
	if (in_list(c, "■□◆◇●○▼▽★☆◎")) {
		size_t chars = scan_count_chars(s + len, n - len);
		j = skip_spaces(s, n, len);
		return j < n && chars <= MARK_TITLE_MAX ? RANK_D : 0;
	}
	if (c == 0x3010) { /* 【 */
		const char *close = scan_find(s, n, "】");
		size_t inner;
		if (!close)
			return 0;
		inner = scan_count_chars(s + len, (size_t)(close - s) - len);
		return inner >= 1 && inner <= MARK_TITLE_MAX ? RANK_D : 0;
	}
	j = number_at(s, n, 0, 3, true, &kanji);
	if (j == n && j > 0 && (!kanji || scan_count_chars(s, n) <= 4))
		return RANK_D;
	return 0;
}

/* "1. title", "1　title" (E) and "1.1 title", "２．３　結果" (F). */
static int
numbered(const char *s, size_t n, bool kanji)
{
	size_t i = number_at(s, n, 0, 3, kanji, NULL), len, j;
	uint32_t c;
	int dots = 0;
	if (i == 0)
		return 0;
	for (;;) {
		c = scan_cp_at(s, n, i, &len);
		if (c != '.' && c != 0xFF0E)
			break;
		j = number_at(s, n, i + len, 3, false, NULL);
		if (j == i + len)
			break;
		i = j;
		dots++;
	}
	if (dots > 0) {
		if (c == '.' || c == 0xFF0E)
			i += len; /* 1.1. title */
		j = skip_spaces(s, n, i);
		return j > i && j < n ? RANK_F : 0;
	}
	if (c == '.' || c == 0xFF0E) {
		i += len;
		if (scan_digit(scan_cp_at(s, n, i, NULL)) >= 0)
			return 0; /* 1.5倍: a number */
		j = skip_spaces(s, n, i);
		return j < n ? RANK_E : 0;
	}
	j = skip_spaces(s, n, i);
	return j > i && j < n ? RANK_E : 0;
}

static int
ja_shape(const char *s, size_t n, struct plain_shape *h)
{
	int r;
	if ((r = ja_ordinal(s, n, h)) || (r = ja_word(s, n, h)))
		return r;
	r = ja_mark(s, n);
	if (!r)
		r = numbered(s, n, true);
	return r && !plain_ends_sentence(s, n) ? r : 0;
}

/* ---- heading shapes: Latin ---- */

static bool
ascii_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
prefix_ci(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w);
	return n >= m && strncasecmp(s, w, m) == 0 && (n == m || !ascii_letter((uint8_t)s[m]));
}

/* A Roman numeral I to XXXIX at the start: its length, or 0. */
static size_t
roman_at(const char *s, size_t n, bool any_case)
{
	static const char *const tens[] = {"XXX", "XX", "X", ""};
	static const char *const ones[] = {"VIII", "VII", "VI", "IV", "IX", "III", "II", "I", "V", ""};
	size_t best = 0;
	for (int t = 0; t < 4; t++) {
		size_t a = strlen(tens[t]);
		if (n < a || (any_case ? strncasecmp(s, tens[t], a) : strncmp(s, tens[t], a)) != 0)
			continue;
		for (int o = 0; o < 10; o++) {
			size_t b = strlen(ones[o]);
			if (a + b == 0 || n < a + b ||
			    (any_case ? strncasecmp(s + a, ones[o], b) : strncmp(s + a, ones[o], b)) != 0)
				continue;
			if ((n == a + b || !ascii_letter((uint8_t)s[a + b])) && a + b > best)
				best = a + b;
		}
	}
	return best;
}

/* N of "Chapter N": digits, a Roman numeral, or One to Twenty. */
static size_t
latin_number(const char *s, size_t n, size_t i)
{
	static const char *const words[] = {
		"One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
		"Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen",
		"Eighteen", "Nineteen", "Twenty", NULL};
	size_t j = number_at(s, n, i, 4, false, NULL), r;
	if (j > i)
		return j;
	for (int k = 0; words[k]; k++)
		if (prefix_ci(s + i, n - i, words[k]))
			return i + strlen(words[k]);
	r = roman_at(s + i, n - i, true);
	return i + r;
}

static int
latin_labelled(const char *s, size_t n, struct plain_shape *h)
{
	static const struct {
		const char *w;
		int rank;
		bool number;
	} labels[] = {{"Part", RANK_A, true},      {"Book", RANK_A, true},      {"Chapter", RANK_B, true},
	              {"Prologue", RANK_B, false}, {"Epilogue", RANK_B, false}, {"Introduction", RANK_B, false}};
	size_t i, j;
	for (int k = 0; k < 3; k++) {
		size_t hashes = (size_t)k + 1;
		if (n > hashes + 1 && strncmp(s, "###", hashes) == 0 && s[hashes] == ' ') {
			h->labelled = true;
			h->body = (uint32_t)skip_spaces(s, n, hashes);
			return h->body < n ? RANK_A + k : 0;
		}
	}
	for (size_t k = 0; k < sizeof labels / sizeof *labels; k++) {
		if (!prefix_ci(s, n, labels[k].w))
			continue;
		i = strlen(labels[k].w);
		if (labels[k].number) {
			if (i >= n || s[i] != ' ' || (j = latin_number(s, n, i + 1)) == i + 1)
				return 0;
			i = j;
		}
		if (!title_after(s, n, i, &h->body))
			return 0;
		h->labelled = true;
		return labels[k].rank;
	}
	i = roman_at(s, n, false);
	if (i && (i == n || (i + 1 == n && s[i] == '.'))) {
		h->labelled = true;
		h->body = (uint32_t)n;
		return RANK_B;
	}
	return 0;
}

/* A line of capitals: three letters or more, no lower-case one. */
static bool
capitals(const char *s, size_t n)
{
	int upper = 0;
	for (size_t i = 0; i < n; i++) {
		uint8_t c = (uint8_t)s[i];
		if (c >= 'a' && c <= 'z')
			return false;
		if (c >= 'A' && c <= 'Z')
			upper++;
	}
	return upper >= 3;
}

static int
latin_shape(const char *s, size_t n, struct plain_shape *h)
{
	int r = latin_labelled(s, n, h);
	if (r)
		return r;
	r = numbered(s, n, false);
	if (r == RANK_E) {
		/* "3. Results": a dot and a space */
		size_t i = number_at(s, n, 0, 3, false, NULL);
		r = i < n && s[i] == '.' && i + 1 < n && s[i + 1] == ' ' ? RANK_D : 0;
	} else if (r == RANK_F) {
		r = RANK_E;
	} else if (capitals(s, n)) {
		r = RANK_C;
	}
	return r && !plain_ends_sentence(s, n) ? r : 0;
}

int
plain_heading_shape(const char *s, size_t n, bool latin, struct plain_shape *h)
{
	memset(h, 0, sizeof *h);
	if (n == 0 || n > 8 * PLAIN_HEADING_MAX || plain_width(s, n, 0) > PLAIN_HEADING_MAX ||
	    plain_ornament(s, n))
		return 0;
	h->rank = (uint8_t)(latin ? latin_shape(s, n, h) : ja_shape(s, n, h));
	if (!h->rank)
		memset(h, 0, sizeof *h);
	return h->rank;
}

/* ---- the title block ---- */

bool
plain_title_line(const char *s, size_t n, bool latin)
{
	struct plain_shape h;
	uint32_t c = scan_cp_at(s, n, 0, NULL);
	return n > 0 && n <= 8 * PLAIN_HEADING_MAX && plain_width(s, n, 0) <= PLAIN_HEADING_MAX &&
	       !plain_ends_sentence(s, n) && !in_list(c, "「『（(") && !plain_list_marker(s, n, NULL) &&
	       !plain_heading_shape(s, n, latin, &h);
}

char *
plain_author(const char *s, size_t n)
{
	/* 作 only after a space: 山田耕作 is a name */
	static const char *const marks[] = {"作者", "著", "作", NULL};
	if (n > 3 && (strncmp(s, "by ", 3) == 0 || strncmp(s, "By ", 3) == 0))
		s += 3, n -= 3;
	for (int k = 0; marks[k]; k++) {
		size_t m = strlen(marks[k]);
		if (n > m && memcmp(s + n - m, marks[k], m) == 0) {
			size_t z = plain_rtrim(s, n - m);
			if (z > 0 && (k < 2 || z < n - m)) {
				n = z;
				break;
			}
		}
	}
	return xstrndup(s, n);
}

/* ---- language ---- */

void
plain_count_letters(const char *s, size_t n, size_t *ja, size_t *latin)
{
	const uint8_t *u = (const uint8_t *)s;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		if (u[i] < 0x80) {
			*latin += ascii_letter(u[i]);
			i++;
			continue;
		}
		i += utf8_get(u + i, n - i, &c);
		if ((c >= 0x3041 && c <= 0x30FF) || (c >= 0xFF66 && c <= 0xFF9F) || scan_is_han(c))
			(*ja)++;
		else if (c >= 0xC0 && c < 0x250 && c != 0xD7 && c != 0xF7)
			(*latin)++;
	}
}
