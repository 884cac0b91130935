/* aozora_char.c: the characters of the Aozora Bunko notation: the classes
 * of the ruby rule, gaiji codes (JIS X 0213 through iconv, Unicode),
 * accent decomposition and the numbers of 字下げ and the like. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "aozora_impl.h"
#include "scan.h"
#include "util.h"

/* ---- classes (Character classes) ---- */

enum az_class
az_class_of(uint32_t c)
{
	if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0x20000 && c <= 0x323AF) || (c >= 0x3005 && c <= 0x3007) || c == 0x30F6 || c == 0x203B)
		return AZC_KANJI;
	if ((c >= 0x3041 && c <= 0x3093) || c == 0x309D || c == 0x309E)
		return AZC_HIRAGANA;
	if ((c >= 0x30A1 && c <= 0x30F4) || (c >= 0x30FC && c <= 0x30FE))
		return AZC_KATAKANA;
	if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A) ||
	    (c >= 0x391 && c <= 0x3A9) || (c >= 0x3B1 && c <= 0x3C9) || (c >= 0x410 && c <= 0x44F) ||
	    c == 0x2212 || c == 0xFF06 || c == 0x2019 || c == 0xFF0C || c == 0xFF0E)
		return AZC_ZENKAKU;
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '#' ||
	    c == '-' || c == '&' || c == '\'' || c == ',')
		return AZC_HANKAKU;
	if (c == '.' || c == ';' || c == '"' || c == '?' || c == '!' || c == ')')
		return AZC_TERM;
	return AZC_OTHER;
}

/* ---- gaiji (Gaiji) ---- */

void
az_conv_free(struct az_conv *cv)
{
	if (cv->cd)
		iconv_close((iconv_t)cv->cd);
	cv->cd = NULL;
	cv->tried = false;
}

bool
az_jis_to_utf8(struct az_conv *cv, int p, int r, int c, struct buf *out)
{
	char in[3], res[16], *ip = in, *op = res;
	size_t il, ol = sizeof res;
	if (p < 1 || p > 2 || r < 1 || r > 94 || c < 1 || c > 94)
		return false;
	if (!cv->tried) {
		iconv_t cd = iconv_open("UTF-8", "EUC-JISX0213");
		cv->tried = true;
		cv->cd = cd == (iconv_t)-1 ? NULL : (void *)cd;
	}
	if (!cv->cd)
		return false;
	il = 0;
	if (p == 2)
		in[il++] = (char)0x8F;
	in[il++] = (char)(0xA0 + r);
	in[il++] = (char)(0xA0 + c);
	iconv((iconv_t)cv->cd, NULL, NULL, NULL, NULL);
	if (iconv((iconv_t)cv->cd, &ip, &il, &op, &ol) == (size_t)-1 ||
	    /* a kana that may take a combining mark is held back: flush it */
	    iconv((iconv_t)cv->cd, NULL, NULL, &op, &ol) == (size_t)-1 || op == res) {
		iconv((iconv_t)cv->cd, NULL, NULL, NULL, NULL);
		return false;
	}
	buf_add(out, res, (size_t)(op - res));
	return true;
}

static bool
is_ascii_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* One or two ASCII digits at S[*I], *I moved past them; -1 if none. */
static int
two_digits(const char *s, size_t n, size_t *i)
{
	int v = 0, k = 0;
	while (*i < n && is_ascii_digit(s[*i]) && k < 2) {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		k++;
	}
	return k ? v : -1;
}

bool
az_find_jis(const char *s, size_t n, int *p, int *r, int *c)
{
	for (size_t i = 0; i + 4 < n; i++) {
		size_t j = i + 2;
		if ((s[i] != '1' && s[i] != '2') || s[i + 1] != '-')
			continue;
		*r = two_digits(s, n, &j);
		if (*r < 0 || j >= n || s[j] != '-')
			continue;
		j++;
		*c = two_digits(s, n, &j);
		if (*c < 0)
			continue;
		*p = s[i] - '0';
		return true;
	}
	return false;
}

/* "U+546D", "u+6db6", "unicode6DDA": the code point, or 0. */
static uint32_t
find_unicode(const char *s, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++) {
		size_t j;
		uint32_t v = 0;
		int k = 0;
		if ((s[i] == 'U' || s[i] == 'u') && s[i + 1] == '+')
			j = i + 2;
		else if (i + 7 < n && strncasecmp(s + i, "unicode", 7) == 0)
			j = i + 7;
		else
			continue;
		while (j < n && k < 6 && hex_digit(s[j]) >= 0) {
			v = v * 16 + (uint32_t)hex_digit(s[j++]);
			k++;
		}
		if (k >= 4 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF) && v > 0)
			return v;
	}
	return 0;
}

bool
az_gaiji(struct az_conv *cv, const char *s, size_t n, struct buf *out)
{
	int p, r, c;
	uint32_t u;
	size_t at = out->len;
	/* the old form 「※」は「…」 */
	if (scan_has_prefix(s, n, "「※」は") || scan_has_prefix(s, n, "「※」の")) {
		s += strlen("「※」は");
		n -= strlen("「※」は");
	}
	if (!scan_find(s, n, "非0213外字") && az_find_jis(s, n, &p, &r, &c)) {
		const char *first = scan_find(s, n, "※");
		bool two = first && scan_find(first + 3, n - (size_t)(first + 3 - s), "※");
		if (!two && az_jis_to_utf8(cv, p, r, c, out)) {
			/* 濁点付き二の字点 has the code of 二の字点 */
			if (scan_find(s, n, "濁点付き二の字点") && p == 1 && r == 2 && c == 22)
				buf_addcp(out, 0x3099);
			return true;
		}
		out->len = at;
	}
	if ((u = find_unicode(s, n)) != 0) {
		buf_addcp(out, u);
		return true;
	}
	buf_addcp(out, 0x3013);
	return false;
}

/* ---- accent decomposition (Accent decomposition): the spelling, a
 * letter (or two for a ligature) followed by its mark, and the letter it
 * stands for.  The table of aozora2html's yml/accent_table.yml, 72
 * entries. ---- */

static const struct accent {
	char spell[4];
	uint32_t cp;
} accents[] = {
	{"!@", 0xA1}, {"?@", 0xBF},
	{"AE&", 0xC6}, {"ae&", 0xE6}, {"OE&", 0x152}, {"oe&", 0x153},
	{"A`", 0xC0}, {"A'", 0xC1}, {"A^", 0xC2}, {"A~", 0xC3}, {"A:", 0xC4}, {"A&", 0xC5}, {"A_", 0x100},
	{"a`", 0xE0}, {"a'", 0xE1}, {"a^", 0xE2}, {"a~", 0xE3}, {"a:", 0xE4}, {"a&", 0xE5}, {"a_", 0x101},
	{"C,", 0xC7}, {"c,", 0xE7},
	{"E`", 0xC8}, {"E'", 0xC9}, {"E^", 0xCA}, {"E:", 0xCB}, {"E_", 0x112},
	{"e`", 0xE8}, {"e'", 0xE9}, {"e^", 0xEA}, {"e:", 0xEB}, {"e_", 0x113},
	{"I`", 0xCC}, {"I'", 0xCD}, {"I^", 0xCE}, {"I:", 0xCF}, {"I_", 0x12A},
	{"i`", 0xEC}, {"i'", 0xED}, {"i^", 0xEE}, {"i:", 0xEF}, {"i_", 0x12B},
	{"N~", 0xD1}, {"n~", 0xF1},
	{"O`", 0xD2}, {"O'", 0xD3}, {"O^", 0xD4}, {"O~", 0xD5}, {"O:", 0xD6}, {"O/", 0xD8}, {"O_", 0x14C},
	{"o`", 0xF2}, {"o'", 0xF3}, {"o^", 0xF4}, {"o~", 0xF5}, {"o:", 0xF6}, {"o/", 0xF8}, {"o_", 0x14D},
	{"U`", 0xD9}, {"U'", 0xDA}, {"U^", 0xDB}, {"U:", 0xDC}, {"U_", 0x16A},
	{"u`", 0xF9}, {"u'", 0xFA}, {"u^", 0xFB}, {"u:", 0xFC}, {"u_", 0x16B},
	{"Y'", 0xDD}, {"y'", 0xFD}, {"y:", 0xFF}, {"s&", 0xDF},
};

uint32_t
az_accent_at(const char *s, size_t n, size_t i, size_t *len)
{
	char c = s[i];
	if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '!' || c == '?') || i + 1 >= n)
		return 0;
	/* ligatures first: the longer spelling wins */
	for (size_t k = 0; k < sizeof accents / sizeof *accents; k++) {
		size_t l = strlen(accents[k].spell);
		if (l <= n - i && memcmp(s + i, accents[k].spell, l) == 0) {
			*len = l;
			return accents[k].cp;
		}
	}
	return 0;
}

/* ---- numbers ---- */

/* The digit of a numeral character: 0-9, 10 for 十, -1 for none. */
static int
numeral(uint32_t c)
{
	static const uint32_t kanji[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
	                                 0x516D, 0x4E03, 0x516B, 0x4E5D}; /* 〇一二三四五六七八九 */
	int d = scan_digit(c);
	if (d >= 0)
		return d;
	if (c == 0x5341) /* 十 */
		return 10;
	for (int k = 0; k < 10; k++)
		if (kanji[k] == c)
			return k;
	return -1;
}

long
az_number_before(const char *s, size_t end)
{
	size_t i = end, st;
	long a = 0, b = 0, digits = 0;
	bool ten = false, any = false;
	while (i > 0 && numeral(utf8_prev((const uint8_t *)s, i, &st)) >= 0 && end - st < 64)
		i = st;
	/* aozora2html: 〇-九 to digits, then A十B → AB, A十 → A0, 十B → 1B */
	while (i < end) {
		uint32_t c;
		i += utf8_get((const uint8_t *)s + i, end - i, &c);
		int d = numeral(c);
		any = true;
		if (d == 10) {
			a = ten ? a : (digits ? a : 1);
			ten = true;
			digits = 0;
			b = 0;
			continue;
		}
		if (ten) {
			b = b * 10 + d;
		} else {
			a = a * 10 + d;
			digits++;
		}
		if (a > 9999 || b > 9999)
			return 9999;
	}
	if (!any)
		return -1;
	a = ten ? a * 10 + b : a;
	return a > 9999 ? 9999 : a;
}
