/* text.c: decoding and sanitising: the one place where raw input bytes are
 * turned into text that is safe to lay out and to send to a terminal. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "text.h"
#include "util.h"
#include "width.h"

int
text_is_bidi_control(uint32_t c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
	       c == 0x200F || c == 0x061C;
}

static void
add_codepoint_mark(struct buf *b, uint32_t c)
{
	buf_printf(b, "<U+%04X>", (unsigned)c);
}

char *
text_decode(const uint8_t *in, size_t n, size_t *outlen, struct decode_stats *stats)
{
	struct decode_stats st = {0};
	struct buf b = {0};
	size_t i = 0;
	size_t col = 0; /* cells since the last newline, for tab stops */

	/* Most input is clean: reserve about the input size once. */
	xgrow(&b.p, &b.cap, n + n / 8 + 16, 1);
	b.p[0] = '\0';
	if (n >= 3 && in[0] == 0xEF && in[1] == 0xBB && in[2] == 0xBF)
		i = 3;
	while (i < n) {
		uint8_t c0 = in[i];
		uint32_t c;
		size_t len;

		if (c0 >= 0x20 && c0 < 0x7F) {
			/* Fast path: a run of printable ASCII. */
			size_t j = i + 1;
			while (j < n && in[j] >= 0x20 && in[j] < 0x7F)
				j++;
			buf_add(&b, in + i, j - i);
			col += j - i;
			i = j;
			continue;
		}
		if (c0 == '\n') {
			buf_addc(&b, '\n');
			col = 0;
			i++;
			continue;
		}
		if (c0 == '\r') {
			buf_addc(&b, '\n');
			col = 0;
			i += (i + 1 < n && in[i + 1] == '\n') ? 2 : 1;
			continue;
		}
		if (c0 == '\t') {
			size_t pad = TEXT_TABSTOP - col % TEXT_TABSTOP;
			col += pad;
			while (pad--)
				buf_addc(&b, ' ');
			i++;
			continue;
		}
		if (c0 < 0x20 || c0 == 0x7F) {
			char caret[2] = {'^', c0 == 0x7F ? '?' : (char)(c0 + '@')};
			buf_add(&b, caret, 2);
			col += 2;
			st.controls++;
			if (c0 == 0x1B)
				st.escapes++;
			if (c0 == 0)
				st.nul++;
			i++;
			continue;
		}
		len = utf8_get(in + i, n - i, &c);
		if (c == 0xFFFD && len == 1 && !(n - i >= 3 && in[i] == 0xEF && in[i + 1] == 0xBF &&
		                                 in[i + 2] == 0xBD)) {
			buf_addcp(&b, 0xFFFD);
			col += 1;
			st.invalid++;
			i++;
			continue;
		}
		i += len;
		if (c >= 0x80 && c <= 0x9F) {
			add_codepoint_mark(&b, c);
			col += 8;
			st.controls++;
		} else if (text_is_bidi_control(c)) {
			add_codepoint_mark(&b, c);
			col += 8;
			st.bidi++;
		} else if (c == 0x2028 || c == 0x2029) {
			buf_addc(&b, '\n');
			col = 0;
		} else {
			buf_addcp(&b, c);
			col += (size_t)width_cp(c);
		}
	}
	if (stats)
		*stats = st;
	if (outlen)
		*outlen = b.len;
	return buf_steal(&b);
}
