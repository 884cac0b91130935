/* text_test.c: the decoding layer: BOM, line ends, invalid bytes, controls,
 * escape sequences, bidi controls and tabs; encoding detection, UTF-16
 * without a BOM among it. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "text.h"
#include "util.h"

static char *
dec(const char *in, size_t n, struct decode_stats *st)
{
	size_t len;
	return text_decode((const uint8_t *)in, n, &len, st);
}

static void
check(const char *in, size_t n, const char *want, const char *name)
{
	char *got = dec(in, n, NULL);
	tap_str(got, want, name);
	free(got);
}

#define CHECK(in, want, name) check(in, sizeof in - 1, want, name)

/* No byte a terminal would act on survives decoding. */
static int
is_safe(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t l = utf8_get((const uint8_t *)s + i, n - i, &c);
		if (c == 0xFFFD && l == 1 && !((unsigned char)s[i] == 0xEF))
			return 0; /* invalid UTF-8 in the output */
		if ((c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F) || text_is_bidi_control(c))
			return 0;
		i += l;
	}
	return 1;
}


/* IN (UTF-8) converted to TO by iconv, as a test fixture; NULL if iconv
 * cannot.  The caller frees it. */
static char *
conv(const char *to, const char *in, size_t n, size_t *outlen)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	size_t cap = n * 4 + 16, left = n, room = cap;
	char *out, *ip = (char *)in, *op;
	if (cd == (iconv_t)-1)
		return NULL;
	out = op = malloc(cap);
	while (left > 0 && iconv(cd, &ip, &left, &op, &room) == (size_t)-1) {
		/* what the encoding lacks is left out (iconv -c) */
		ip++;
		left--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	*outlen = (size_t)(op - out);
	return out;
}

static char *
read_all(const char *path, size_t *n)
{
	struct buf b = {0};
	FILE *f = fopen(path, "rb");
	char tmp[65536];
	size_t r;
	*n = 0;
	if (!f)
		return NULL;
	while ((r = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_add(&b, tmp, r);
	fclose(f);
	*n = b.len;
	return buf_steal(&b);
}

static bool
is_utf16(const char *enc)
{
	return strncmp(enc, "UTF-16", 6) == 0;
}

/* UTF-16 without a BOM, both byte orders, whole and cut to an odd length. */
static void
check_utf16(const char *utf8, size_t n, const char *what)
{
	static const char *const order[] = {"UTF-16LE", "UTF-16BE"};
	for (int o = 0; o < 2; o++) {
		size_t len;
		char *u = conv(order[o], utf8, n, &len);
		const char *whole, *odd;
		if (!u) {
			tap_ok(1, "# SKIP %s in %s: no iconv", what, order[o]);
			continue;
		}
		whole = text_detect_encoding((const uint8_t *)u, len);
		odd = text_detect_encoding((const uint8_t *)u, len - 1);
		tap_ok(strcmp(whole, order[o]) == 0 && strcmp(odd, order[o]) == 0,
		       "%s in %s without a BOM: %s, and %s with its last byte cut", what, order[o], whole,
		       odd);
		free(u);
	}
}

/* The chapter in ENC: detected as WANT whole, and never as UTF-16 in any
 * slice (odd starts and lengths among them). */
static void
check_never_utf16(const char *chapter, size_t n, const char *enc, const char *want)
{
	size_t len, slices = 0, bad = 0;
	char *t = strcmp(enc, "UTF-8") == 0 ? NULL : conv(enc, chapter, n, &len);
	const char *all;
	const uint8_t *p = (const uint8_t *)(t ? t : chapter);
	if (!t)
		len = n;
	all = text_detect_encoding(p, len);
	tap_ok(strcmp(all, want) == 0, "the chapter in %s is detected as %s (%s)", enc, want, all);
	static const size_t sizes[] = {5, 8, 15, 16, 31, 64, 100, 255, 1000, 4097, 20000};
	for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
		for (size_t size = sizes[k], at = 0; at + size <= len; at += size / 4 + 37) {
			const char *e = text_detect_encoding(p + at, size);
			slices++;
			if (is_utf16(e) && bad++ < 5)
				tap_diag("%s: %zu bytes at %zu read as %s", enc, size, at, e);
		}
	tap_ok(bad == 0, "the chapter in %s: no slice of it is taken for UTF-16 (%zu of %zu)", enc,
	       bad, slices);
	free(t);
}

/* Every slice of the chapter in UTF-16 (even starts, any length) of 64
 * bytes or more is read as UTF-16 in its byte order. */
static void
check_utf16_slices(const char *chapter, size_t n)
{
	static const char *const order[] = {"UTF-16LE", "UTF-16BE"};
	static const size_t sizes[] = {64, 101, 256, 1001, 4096, 20001};
	for (int o = 0; o < 2; o++) {
		size_t len, slices = 0, bad = 0;
		char *u = conv(order[o], chapter, n, &len);
		if (!u)
			continue;
		for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++)
			for (size_t size = sizes[k], at = 0; at + size <= len; at += (size / 4 + 37) & ~(size_t)1) {
				const char *e = text_detect_encoding((const uint8_t *)u + at, size);
				slices++;
				if (strcmp(e, order[o]) != 0 && bad++ < 5)
					tap_diag("%s: %zu bytes at %zu read as %s", order[o], size, at, e);
			}
		tap_ok(bad == 0, "the chapter in %s: every slice of it is read so (%zu of %zu not)",
		       order[o], bad, slices);
		free(u);
	}
}

static void
test_detect(void)
{
	static const char ascii[] = "Hello, world.\nThis is plain ASCII text, 100% of it.\n";
	static const char ja[] = "日本語の文章です。国際機関（ICAO）で働く。\n";
	static const char ja_only[] = "日本語の文章です。漢字と仮名だけの一文。";
	const char *dir = getenv("srcdir");
	struct buf path = {0};
	char *chapter;
	size_t n;

	check_utf16(ascii, sizeof ascii - 1, "ASCII");
	check_utf16(ja, sizeof ja - 1, "Japanese");
	check_utf16(ja_only, sizeof ja_only - 1, "Japanese without a line end or ASCII");
	check_utf16("A\n", 2, "two ASCII characters");

	buf_printf(&path, "%s/data/bluebook-2026-ch4-s1.txt", dir && *dir ? dir : ".");
	chapter = read_all(path.p, &n);
	buf_free(&path);
	if (!chapter) {
		tap_ok(1, "# SKIP the chapter: not found (set srcdir)");
		return;
	}
	check_utf16(chapter, n < 20000 ? n : 20000, "the chapter's first 20000 bytes");
	check_utf16(chapter, n, "the whole chapter");
	check_utf16_slices(chapter, n);
	check_never_utf16(chapter, n, "UTF-8", "UTF-8");
	check_never_utf16(chapter, n, "CP932", "CP932");
	check_never_utf16(chapter, n, "EUC-JP", "EUC-JP");
	free(chapter);
}

int
main(void)
{
	struct decode_stats st;
	char *s;

	CHECK("\xEF\xBB\xBF日本", "日本", "a leading BOM is skipped");
	CHECK("a\xEF\xBB\xBF" "b", "a\xEF\xBB\xBF" "b", "a BOM inside the text is kept (ZWNBSP)");
	CHECK("a\r\nb\rc\n", "a\nb\nc\n", "CRLF and CR become LF");
	CHECK("a\xE2\x80\xA8" "b", "a\nb", "U+2028 becomes a line end");

	/* invalid UTF-8: one marker per bad byte */
	CHECK("\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD", "overlong: one U+FFFD per byte");
	CHECK("\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", "surrogate: one U+FFFD per byte");
	CHECK("\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD",
	      "above U+10FFFF: one U+FFFD per byte");
	CHECK("a\xE3\x81", "a\xEF\xBF\xBD\xEF\xBF\xBD", "truncated at end of input");
	CHECK("\xE3\x81" "a", "\xEF\xBF\xBD\xEF\xBF\xBD" "a", "truncated, then resynchronised");
	CHECK("\x80\x9F", "\xEF\xBF\xBD\xEF\xBF\xBD", "raw C1 bytes are invalid bytes");
	CHECK("\xEF\xBF\xBD", "\xEF\xBF\xBD", "a real U+FFFD passes");
	s = dec("a\xFF" "b\xC0", 4, &st);
	tap_ok(st.invalid == 2, "invalid bytes are counted (%zu)", st.invalid);
	free(s);

	/* controls */
	CHECK("a\x01" "b", "a^Ab", "C0 control in caret notation");
	CHECK("\x1B[31mred\x1B[0m", "^[[31mred^[[0m", "CSI sequence made visible");
	CHECK("\x1B]0;title\x07", "^[]0;title^G", "OSC sequence made visible");
	CHECK("\x1BP1$r\x1B\\", "^[P1$r^[\\", "DCS sequence made visible");
	CHECK("\x1B", "^[", "unterminated ESC at end");
	CHECK("a\x7F", "a^?", "DEL");
	CHECK("a\0b", "a^@b", "NUL");
	CHECK("\xC2\x85\xC2\x9B", "<U+0085><U+009B>", "encoded C1 controls");
	s = dec("\x1B[1m\0", 5, &st);
	tap_ok(st.escapes == 1 && st.nul == 1 && st.controls == 2, "controls counted");
	free(s);

	/* bidi controls */
	CHECK("a\xE2\x80\xAE" "b", "a<U+202E>b", "RLO");
	CHECK("\xE2\x80\xAA\xE2\x81\xA6\xE2\x80\x8E\xE2\x80\x8F\xD8\x9C",
	      "<U+202A><U+2066><U+200E><U+200F><U+061C>", "LRE, LRI, LRM, RLM, ALM");

	/* tabs expand to the next multiple of 8 cells */
	CHECK("a\tb", "a       b", "tab after one cell");
	CHECK("日本\tx", "日本    x", "tab after two wide characters");
	CHECK("12345678\tx", "12345678        x", "tab at a stop");
	CHECK("a\n\tb", "a\n        b", "tab stops restart at each line");

	/* ordinary text passes unchanged */
	CHECK("国際民間航空機関（ICAO）⁽²⁾", "国際民間航空機関（ICAO）⁽²⁾", "Japanese text unchanged");
	CHECK("", "", "empty input");

	/* names in messages: escaped, never raw */
	s = text_escaped("a\x1B]52;c;eA==\x07\xE2\x80\xAE\xD8\x9C\xFF\xC2\x85日本", false);
	tap_str(s, "a\\x1B]52;c;eA==\\x07\\xE2\\x80\\xAE\\xD8\\x9C\\xFF\\xC2\\x85日本",
	        "text_escaped: controls, bidi controls (U+061C too), invalid bytes and C1 as \\xNN");
	free(s);
	s = text_escaped("", true);
	tap_str(s, "\"\"", "text_escaped: an empty name in quotes");
	free(s);

	/* every byte value, and random bytes: the output is always safe */
	{
		char all[256 * 3];
		size_t len;
		int safe = 1;
		for (int i = 0; i < 256; i++) {
			all[3 * i] = (char)i;
			all[3 * i + 1] = (char)(0x80 | (i & 0x3F));
			all[3 * i + 2] = 'x';
		}
		s = text_decode((const uint8_t *)all, sizeof all, &len, NULL);
		safe = is_safe(s, len);
		free(s);
		srand(12345);
		for (int round = 0; round < 2000 && safe; round++) {
			char r[64];
			for (size_t i = 0; i < sizeof r; i++)
				r[i] = (char)(rand() & 0xFF);
			s = text_decode((const uint8_t *)r, sizeof r, &len, NULL);
			safe = is_safe(s, len) && strlen(s) == len;
			free(s);
		}
		tap_ok(safe, "no control, C1 or bidi control survives, for every byte and random input");
	}
	test_detect();
	return tap_done();
}
