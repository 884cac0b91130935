/* scan.c: small scanners over UTF-8 text, for the document formats. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "scan.h"
#include "util.h"

/* ---- character classes ---- */

bool
scan_is_han(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005 ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

bool
scan_is_kana(uint32_t c)
{
	return (c >= 0x3041 && c <= 0x309F) || (c >= 0x30A0 && c <= 0x30FF);
}

int
scan_superscript_digit(uint32_t c)
{
	if (c == 0x2070)
		return 0;
	if (c == 0x00B9)
		return 1;
	if (c == 0x00B2)
		return 2;
	if (c == 0x00B3)
		return 3;
	if (c >= 0x2074 && c <= 0x2079)
		return (int)(c - 0x2070);
	return -1;
}

int
scan_digit(uint32_t c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 0xFF10 && c <= 0xFF19)
		return (int)(c - 0xFF10);
	return -1;
}

bool
scan_is_space(uint32_t c)
{
	return c == ' ' || c == 0x3000;
}

/* ---- small scanners over (s, n) ---- */

uint32_t
scan_cp_at(const char *s, size_t n, size_t i, size_t *len)
{
	uint32_t c = 0;
	size_t l = i < n ? utf8_get((const uint8_t *)s + i, n - i, &c) : 0;
	if (len)
		*len = l;
	return c;
}

uint32_t
scan_last_cp(const char *s, size_t n, size_t *start)
{
	size_t st = 0;
	uint32_t c = n ? utf8_prev((const uint8_t *)s, n, &st) : 0;
	if (start)
		*start = st;
	return c;
}

size_t
scan_count_chars(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

bool
scan_has_prefix(const char *s, size_t n, const char *p)
{
	size_t m = strlen(p);
	return n >= m && memcmp(s, p, m) == 0;
}

bool
scan_equals(const char *s, size_t n, const char *p)
{
	return n == strlen(p) && memcmp(s, p, n) == 0;
}

const char *
scan_find(const char *s, size_t n, const char *p)
{
	return memmem(s, n, p, strlen(p));
}

long
scan_number(const char *s, size_t n, size_t *i)
{
	long v = 0;
	int digits = 0;
	size_t len;
	for (;;) {
		int dv = scan_digit(scan_cp_at(s, n, *i, &len));
		if (dv < 0 || digits >= 6)
			break;
		v = v * 10 + dv;
		digits++;
		*i += len;
	}
	return digits ? v : -1;
}

size_t
scan_skip_spaces(const char *s, size_t n, size_t i)
{
	size_t len;
	while (i < n && scan_is_space(scan_cp_at(s, n, i, &len)))
		i += len;
	return i;
}

size_t
scan_trim(const char *s, size_t n, size_t *end)
{
	size_t a = scan_skip_spaces(s, n, 0), z = n, st;
	while (z > a && scan_is_space(scan_last_cp(s, z, &st)))
		z = st;
	*end = z;
	return a;
}

int
scan_fnref(const char *s, size_t n, size_t i, bool bare, size_t *end)
{
	size_t len, j = i;
	uint32_t c = scan_cp_at(s, n, i, &len);
	int v = 0, digits = 0, dv;
	bool paren = c == 0x207D;

	if (!paren && !(bare && scan_superscript_digit(c) >= 0)) {
		*end = i + (len ? len : 1);
		return -1;
	}
	if (paren)
		j += len;
	while ((dv = scan_superscript_digit(scan_cp_at(s, n, j, &len))) >= 0 && digits < 6) {
		v = v * 10 + dv;
		digits++;
		j += len;
	}
	*end = j > i ? j : i + 1;
	if (!digits)
		return -1;
	if (paren) {
		if (scan_cp_at(s, n, j, &len) != 0x207E)
			return -1;
		*end = j + len;
	}
	return v;
}

static bool
url_char(uint8_t c)
{
	return c > 0x20 && c < 0x7F && c != '<' && c != '>' && c != '"' && c != '`';
}

size_t
scan_url(const char *s, size_t n, size_t i)
{
	size_t j = i;
	if (!scan_has_prefix(s + i, n - i, "http://") && !scan_has_prefix(s + i, n - i, "https://"))
		return i;
	while (j < n && url_char((uint8_t)s[j]))
		j++;
	/* a closing parenthesis or full stop after a URL is prose */
	while (j > i && strchr(".,)", s[j - 1]))
		j--;
	return j;
}
