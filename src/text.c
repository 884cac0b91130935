/* text.c: decoding and sanitising: the one place where raw input bytes are
 * turned into text that is safe to lay out and to send to a terminal. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdlib.h>
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

char *
text_escaped(const char *s, bool quotes)
{
	struct buf b = {0};
	size_t n = strlen(s);
	if (quotes)
		buf_addc(&b, '"');
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t len = utf8_get((const uint8_t *)s + i, n - i, &c);
		if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || text_is_bidi_control(c) ||
		    c == 0x2028 || c == 0x2029 || (c == 0xFFFD && len == 1))
			for (size_t k = 0; k < len; k++)
				buf_printf(&b, "\\x%02X", (unsigned char)s[i + k]);
		else
			buf_add(&b, s + i, len);
		i += len;
	}
	if (quotes)
		buf_addc(&b, '"');
	if (!b.p)
		buf_adds(&b, "");
	return buf_steal(&b);
}

static void
add_codepoint_mark(struct buf *b, uint32_t c)
{
	buf_printf(b, "<U+%04X>", (unsigned)c);
}

/* The end of the run from I of characters the decoder passes unchanged:
 * printable ASCII, and valid UTF-8 that is not a C1 control, a bidi
 * control or a line or paragraph separator. */
static size_t
clean_run(const uint8_t *in, size_t i, size_t n)
{
	while (i < n) {
		uint8_t c0 = in[i];
		uint32_t c;
		size_t l;
		if (c0 >= 0x20 && c0 < 0x7F) {
			i++;
			continue;
		}
		if (c0 < 0xC2)
			break;
		/* kana, kanji and CJK punctuation (U+3000-U+9FFF) need no
		 * change: only their continuation bytes are checked */
		if (c0 >= 0xE3 && c0 <= 0xE9 && i + 2 < n && (in[i + 1] & 0xC0) == 0x80 &&
		    (in[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		l = utf8_get(in + i, n - i, &c);
		if (c == 0xFFFD && l == 1)
			break;
		if (c <= 0x9F || text_is_bidi_control(c) || c == 0x2028 || c == 0x2029 ||
		    (c == 0xFEFF && i == 0))
			break;
		i += l;
	}
	return i;
}

char *
text_decode(const uint8_t *in, size_t n, size_t *outlen, struct decode_stats *stats)
{
	return text_decode_piece(in, n, true, outlen, stats);
}

/* The decoder's output and what it has to know of the line it is on. */
struct decoder {
	struct buf b;
	struct decode_stats st;
	size_t col;        /* cells since the last newline, for tab stops */
	size_t line_start; /* where the output line began */
	bool line_dirty;   /* text was added since COL was right */
};

static void
dec_newline(struct decoder *d)
{
	buf_addc(&d->b, '\n');
	d->col = 0;
	d->line_start = d->b.len;
	d->line_dirty = false;
}

static void
dec_tab(struct decoder *d)
{
	size_t pad;
	/* the column is only needed here: count it now, as the text's author
	 * saw it (ambiguous characters narrow: the terminal yomu draws on is
	 * not known here) */
	if (d->line_dirty)
		d->col = width_str((const uint8_t *)d->b.p + d->line_start, d->b.len - d->line_start, 1);
	pad = TEXT_TABSTOP - d->col % TEXT_TABSTOP;
	d->col += pad;
	while (pad--)
		buf_addc(&d->b, ' ');
	d->line_dirty = false;
}

/* A C0 control or DEL, as ^X. */
static void
dec_control(struct decoder *d, uint8_t c0)
{
	char caret[2] = {'^', c0 == 0x7F ? '?' : (char)(c0 + '@')};
	buf_add(&d->b, caret, 2);
	d->line_dirty = true;
	d->st.controls++;
	if (c0 == 0x1B)
		d->st.escapes++;
	if (c0 == 0)
		d->st.nul++;
}

/* The character at IN[I] that no fast path took: an invalid byte, a C1 or
 * bidi control, a line or paragraph separator, or one to copy.  Returns
 * the bytes it took. */
static size_t
dec_other(struct decoder *d, const uint8_t *in, size_t i, size_t n)
{
	uint32_t c;
	size_t len = utf8_get(in + i, n - i, &c);
	d->line_dirty = true;
	if (c == 0xFFFD && len == 1 &&
	    !(n - i >= 3 && in[i] == 0xEF && in[i + 1] == 0xBF && in[i + 2] == 0xBD)) {
		buf_addcp(&d->b, 0xFFFD);
		d->st.invalid++;
	} else if (c >= 0x80 && c <= 0x9F) {
		add_codepoint_mark(&d->b, c);
		d->st.controls++;
	} else if (text_is_bidi_control(c)) {
		add_codepoint_mark(&d->b, c);
		d->st.bidi++;
	} else if (c == 0x2028 || c == 0x2029) {
		dec_newline(d);
	} else {
		buf_add(&d->b, in + i, len);
	}
	return len;
}

char *
text_decode_piece(const uint8_t *in, size_t n, bool first, size_t *outlen,
                  struct decode_stats *stats)
{
	struct decoder d = {0};
	size_t i = 0;

	/* Most input is clean: reserve about the input size once. */
	xgrow(&d.b.p, &d.b.cap, n + n / 8 + 16, 1);
	d.b.p[0] = '\0';
	if (first && n >= 3 && in[0] == 0xEF && in[1] == 0xBB && in[2] == 0xBF)
		i = 3;
	while (i < n) {
		uint8_t c0 = in[i];
		if ((c0 >= 0x20 && c0 < 0x7F) || c0 >= 0xC2) {
			/* The fast path: a run of printable ASCII and valid UTF-8
			 * that needs no change is copied whole. */
			size_t j = clean_run(in, i, n);
			if (j > i) {
				buf_add(&d.b, in + i, j - i);
				d.line_dirty = true;
				i = j;
				continue;
			}
		}
		if (c0 == '\n' || c0 == '\r') {
			dec_newline(&d);
			i += c0 == '\r' && i + 1 < n && in[i + 1] == '\n' ? 2 : 1;
		} else if (c0 == '\t') {
			dec_tab(&d);
			i++;
		} else if (c0 < 0x20 || c0 == 0x7F) {
			dec_control(&d, c0);
			i++;
		} else {
			i += dec_other(&d, in, i, n);
		}
	}
	if (stats)
		*stats = d.st;
	if (outlen)
		*outlen = d.b.len;
	return buf_steal(&d.b);
}

/* ---- encodings ---- */

/* Bytes of valid and invalid UTF-8 in N bytes at IN. */
static void
utf8_census(const uint8_t *in, size_t n, size_t *multibyte, size_t *invalid)
{
	*multibyte = *invalid = 0;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t l;
		if (in[i] < 0x80) {
			i++;
			continue;
		}
		l = utf8_get(in + i, n - i, &c);
		if (c == 0xFFFD && l == 1) {
			/* a sequence cut by the end of the sample is not an error */
			if (n - i < 4 && in[i] >= 0xC2 && in[i] <= 0xF4)
				break;
			(*invalid)++;
		} else {
			(*multibyte)++;
		}
		i += l;
	}
}

int
text_encoding_known(const char *name)
{
	iconv_t cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		return 0;
	iconv_close(cd);
	return 1;
}

char *
text_convert(const uint8_t *in, size_t n, const char *enc, size_t *outlen, size_t *bad)
{
	iconv_t cd = iconv_open("UTF-8", enc);
	struct buf b = {0};
	char *ip = (char *)in;
	size_t left = n;

	*bad = 0;
	if (cd == (iconv_t)-1) {
		*outlen = 0;
		return xstrdup("");
	}
	xgrow(&b.p, &b.cap, n * 2 + 16, 1);
	while (left > 0) {
		char *op;
		size_t room, r;
		xgrow(&b.p, &b.cap, b.len + 4096, 1);
		op = b.p + b.len;
		room = b.cap - b.len - 1;
		r = iconv(cd, &ip, &left, &op, &room);
		b.len = (size_t)(op - b.p);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		/* EILSEQ, or EINVAL at the end: one marker for the byte */
		buf_addcp(&b, 0xFFFD);
		(*bad)++;
		ip++;
		left--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	b.p[b.len] = '\0';
	/* the UTF-16 BOM comes out as U+FEFF at the start */
	if (b.len >= 3 && memcmp(b.p, "\xEF\xBB\xBF", 3) == 0) {
		memmove(b.p, b.p + 3, b.len - 2);
		b.len -= 3;
	}
	iconv_close(cd);
	*outlen = b.len;
	return buf_steal(&b);
}

/* How well ENC reads the sample: errors, and Japanese characters found. */
static void
score(const uint8_t *in, size_t n, const char *enc, size_t *errors, size_t *japanese)
{
	size_t len, bad;
	char *u = text_convert(in, n, enc, &len, &bad);
	*errors = bad;
	*japanese = 0;
	for (size_t i = 0; i < len;) {
		uint32_t c;
		i += utf8_get((const uint8_t *)u + i, len - i, &c);
		if ((c >= 0x3041 && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF) || c == 0x3001 ||
		    c == 0x3002)
			(*japanese)++;
	}
	free(u);
}

/* ---- UTF-16 without a BOM ---- */

/* A code unit Japanese or ASCII text is made of. */
static bool
u16_plausible(unsigned u)
{
	return (u >= 0x20 && u <= 0x7E) || u == 0x09 || u == 0x0A || u == 0x0D ||
	       (u >= 0xA0 && u <= 0xFF) ||     /* Latin-1 */
	       (u >= 0x370 && u <= 0x4FF) ||   /* Greek, Cyrillic */
	       (u >= 0x2010 && u <= 0x27BF) || /* punctuation, symbols, arrows, boxes, shapes */
	       (u >= 0x3000 && u <= 0x33FF) || /* CJK punctuation, kana, enclosed, units */
	       (u >= 0x4E00 && u <= 0x9FFF) || /* kanji */
	       (u >= 0xF900 && u <= 0xFAFF) || (u >= 0xFF01 && u <= 0xFFEF); /* full width */
}

/* How N bytes at IN read as UTF-16 in one byte order (BE or not). */
struct u16_score {
	size_t units;
	size_t good;   /* plausible code units (a surrogate pair counts two) */
	size_t zero;   /* zero high bytes: ASCII, line ends */
	size_t kana;   /* U+3000..U+30FF: kana and CJK punctuation */
};

static void
u16_score(const uint8_t *in, size_t n, bool be, struct u16_score *sc)
{
	memset(sc, 0, sizeof *sc);
	for (size_t i = 0; i + 1 < n; i += 2) {
		unsigned hi = be ? in[i] : in[i + 1], lo = be ? in[i + 1] : in[i];
		unsigned u = hi << 8 | lo;
		sc->units++;
		sc->zero += hi == 0;
		if (u >= 0x3000 && u <= 0x30FF)
			sc->kana++;
		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
			unsigned u2 = be ? (unsigned)in[i + 2] << 8 | in[i + 3]
			                 : (unsigned)in[i + 3] << 8 | in[i + 2];
			if (u2 >= 0xDC00 && u2 <= 0xDFFF) {
				sc->units++;
				sc->good += 2;
				i += 2;
			}
			continue;
		}
		sc->good += u16_plausible(u);
	}
}

/* "UTF-16LE" or "UTF-16BE" if the N bytes at IN (no BOM) are UTF-16, else
 * NULL; *SURE is false when only the kana say so.  VALID_UTF8: the bytes are
 * valid UTF-8 (NULs included).
 *
 * Read in the right byte order, nearly every code unit is one that text is
 * made of (ASCII, kana, kanji, full-width forms, common symbols); a binary
 * file, or text in another encoding, gives code units all over the range.
 * That alone is not enough: CP932 read as UTF-16BE is "kanji" too.  So one
 * of two patterns must be there as well: ASCII-heavy text has a zero high
 * byte in many code units (UTF-8, CP932 and EUC-JP text has no zero byte at
 * all), and Japanese text has the high byte 0x30 (kana, 、。「」) in many
 * (those encodings only use the byte 0x30 for the digit 0). */
static const char *
detect_utf16(const uint8_t *in, size_t n, bool valid_utf8, bool *sure)
{
	struct u16_score le, be, *s;
	bool big;
	u16_score(in, n, false, &le);
	u16_score(in, n, true, &be);
	big = be.good > le.good || (be.good == le.good && be.zero > le.zero);
	s = big ? &be : &le;
	*sure = true;
	if (s->units == 0 || s->good * 10 < s->units * 9)
		return NULL;
	if (s->zero * 4 >= s->units)
		return big ? "UTF-16BE" : "UTF-16LE";
	/* Japanese text in UTF-16 is not valid UTF-8: this is UTF-8 with a
	 * NUL here and there (a binary file) */
	if (valid_utf8)
		return NULL;
	/* line ends and ASCII among Japanese */
	if (s->zero * 50 >= s->units && s->zero > 0)
		return big ? "UTF-16BE" : "UTF-16LE";
	if (s->units < 4 || s->kana * 100 < s->units * 15)
		return NULL;
	/* kana alone, without a line end or ASCII to confirm them: a guess */
	*sure = false;
	return big ? "UTF-16BE" : "UTF-16LE";
}

const char *
text_guess_encoding(const uint8_t *in, size_t n, bool *sure)
{
	/* enough to decide on, without reading a large file twice */
	size_t sample = n < 262144 ? n : 262144, mb, inv, e1, j1, e2, j2;
	const char *u16;
	*sure = true;
	if (n >= 3 && in[0] == 0xEF && in[1] == 0xBB && in[2] == 0xBF)
		return "UTF-8";
	if (n >= 2 && in[0] == 0xFF && in[1] == 0xFE)
		return "UTF-16LE";
	if (n >= 2 && in[0] == 0xFE && in[1] == 0xFF)
		return "UTF-16BE";
	utf8_census(in, sample, &mb, &inv);
	if (inv == 0 && !memchr(in, 0, sample))
		return "UTF-8"; /* the common case: no need to look further */
	if ((u16 = detect_utf16(in, sample, inv == 0, sure)) != NULL)
		return u16;
	*sure = true;
	/* plain ASCII, or UTF-8 with at most a few bad bytes (shown as
	 * markers) */
	if (inv == 0 || inv * 20 <= mb)
		return "UTF-8";
	score(in, sample, "CP932", &e1, &j1);
	score(in, sample, "EUC-JP", &e2, &j2);
	{
		bool euc = e2 < e1 || (e2 == e1 && j2 > j1);
		size_t e = euc ? e2 : e1, j = euc ? j2 : j1, eo = euc ? e1 : e2, jo = euc ? j1 : j2;
		/* A legacy encoding must explain the bytes UTF-8 cannot: fewer
		 * errors, and Japanese where UTF-8 saw bad bytes (a character
		 * takes two).  Otherwise it is damaged UTF-8, shown with
		 * markers. */
		if (e < inv && j * 4 >= inv && inv > mb) {
			/* Sure if it reads cleanly (but for a character cut by
			 * the end of the sample, or one in 200 it cannot map),
			 * Japanese for the bytes UTF-8 could not read, and the
			 * other encoding does not read cleanly too (halfwidth
			 * katakana in CP932 are kanji in EUC-JP) */
			*sure = e <= 1 + j / 200 && j * 2 >= inv && eo > 1 + jo / 200;
			/* EUC-JP with the NEC and IBM extensions (①, ㈱) that
			 * CP932 has: read the plain one where it is enough, as
			 * the two map a few characters differently */
			if (euc && e2 > 0) {
				size_t e3, j3;
				score(in, sample, "EUC-JP-MS", &e3, &j3);
				if (e3 < e2) {
					*sure = e3 <= 1 + j3 / 200 && j3 * 2 >= inv && eo > 1 + jo / 200;
					return "EUC-JP-MS";
				}
			}
			return euc ? "EUC-JP" : "CP932";
		}
	}
	*sure = false;
	return "UTF-8";
}

const char *
text_detect_encoding(const uint8_t *in, size_t n)
{
	bool sure;
	return text_guess_encoding(in, n, &sure);
}
