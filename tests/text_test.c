/* text_test.c: the decoding layer: BOM, line ends, invalid bytes, controls,
 * escape sequences, bidi controls and tabs. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

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
	return tap_done();
}
