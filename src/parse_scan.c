/* parse_scan.c: small scanners over UTF-8 text, for the parser. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "parse.h"
#include "parse_impl.h"
#include "util.h"

/* ---- character classes ---- */

int
parse_is_han(unsigned c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005 ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

int
is_kana(unsigned c)
{
	return (c >= 0x3041 && c <= 0x309F) || (c >= 0x30A0 && c <= 0x30FF);
}

int
parse_superscript_digit(unsigned c)
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
digit_value(uint32_t c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 0xFF10 && c <= 0xFF19)
		return (int)(c - 0xFF10);
	return -1;
}

bool
is_space(uint32_t c)
{
	return c == ' ' || c == 0x3000;
}

/* ---- small scanners over (s, n) ---- */

uint32_t
cp_at(const char *s, size_t n, size_t i, size_t *len)
{
	uint32_t c;
	size_t l = i < n ? utf8_get((const uint8_t *)s + i, n - i, &c) : 0;
	if (i >= n)
		c = 0;
	if (len)
		*len = l;
	return c;
}

uint32_t
last_cp(const char *s, size_t n, size_t *start)
{
	size_t st = 0;
	uint32_t c = n ? utf8_prev((const uint8_t *)s, n, &st) : 0;
	if (start)
		*start = st;
	return c;
}

size_t
count_chars(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

bool
has_prefix(const char *s, size_t n, const char *p)
{
	size_t m = strlen(p);
	return n >= m && memcmp(s, p, m) == 0;
}

bool
equals(const char *s, size_t n, const char *p)
{
	return n == strlen(p) && memcmp(s, p, n) == 0;
}

const char *
find_str(const char *s, size_t n, const char *p)
{
	return memmem(s, n, p, strlen(p));
}

/* Read a number of ASCII or full-width digits at *I; -1 if none. */
long
read_number(const char *s, size_t n, size_t *i)
{
	long v = 0;
	int digits = 0;
	size_t len;
	for (;;) {
		int dv = digit_value(cp_at(s, n, *i, &len));
		if (dv < 0 || digits >= 6)
			break;
		v = v * 10 + dv;
		digits++;
		*i += len;
	}
	return digits ? v : -1;
}

size_t
skip_spaces(const char *s, size_t n, size_t i)
{
	size_t len;
	while (i < n && is_space(cp_at(s, n, i, &len)))
		i += len;
	return i;
}

