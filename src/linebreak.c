/* linebreak.c: where a line of Japanese text may (or must) be broken:
 * libunistring's UAX #14 opportunities, then the JLReq strict tailoring. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <unilbrk.h>

#include "linebreak.h"
#include "util.h"

bool
lb_no_start(uint32_t c)
{
	if (c < 0x80)
		/* The ASCII forms of the closing brackets and of the
		 * punctuation in JLReq cl-04..cl-07. */
		return c == ')' || c == ']' || c == '}' || c == ',' || c == '.' ||
		       c == ':' || c == ';' || c == '!' || c == '?';
	/* Small kana (cl-11): in ぁ-お and ゃ-よ (and katakana ァ-オ, ャ-ヨ) small
	 * and full-size kana alternate, small ones at odd code points. */
	if ((c >= 0x3041 && c <= 0x304A) || (c >= 0x30A1 && c <= 0x30AA))
		return (c & 1) == 1;
	if ((c >= 0x3083 && c <= 0x3088) || (c >= 0x30E3 && c <= 0x30E8))
		return (c & 1) == 1;
	if (c >= 0x31F0 && c <= 0x31FF)         /* ㇰ-ㇿ Katakana Phonetic Extensions */
		return true;
	if (c >= 0xFF67 && c <= 0xFF70)         /* halfwidth ｧ-ｯ and ｰ */
		return true;
	switch (c) {
	/* cl-02 closing brackets; ｠ and the halfwidth ｣ belong with them. */
	case 0xFF09: case 0x3015: case 0xFF3D: case 0xFF5D: case 0x3009:
	case 0x300B: case 0x300D: case 0x300F: case 0x3011: case 0x3019:
	case 0x3017: case 0x301F: case 0x2019: case 0x201D: case 0x00BB:
	case 0xFF60: case 0xFF63:
	/* cl-03 hyphens ‐ ゠ – 〜 and the ～ used in its place. */
	case 0x2010: case 0x30A0: case 0x2013: case 0x301C: case 0xFF5E:
	/* cl-04 dividing punctuation ？！‼⁇⁈⁉. */
	case 0xFF1F: case 0xFF01: case 0x203C: case 0x2047: case 0x2048: case 0x2049:
	/* cl-05 middle dots ・：； (and halfwidth ･), cl-06 full stops 。． (｡),
	 * cl-07 commas 、，(､). */
	case 0x30FB: case 0xFF1A: case 0xFF1B: case 0xFF65:
	case 0x3002: case 0xFF0E: case 0xFF61:
	case 0x3001: case 0xFF0C: case 0xFF64:
	/* cl-09 iteration marks ヽヾゝゞ々〻, cl-10 prolonged sound mark ー. */
	case 0x30FD: case 0x30FE: case 0x309D: case 0x309E: case 0x3005: case 0x303B:
	case 0x30FC:
	/* small っ ゎ ゕ ゖ ッ ヮ ヵ ヶ, outside the paired ranges above. */
	case 0x3063: case 0x308E: case 0x3095: case 0x3096:
	case 0x30C3: case 0x30EE: case 0x30F5: case 0x30F6:
	/* halfwidth (semi-)voiced sound marks only ever follow a kana. */
	case 0xFF9E: case 0xFF9F:
	/* footnote reference marks (合印: ⁽¹⁾, and the bare ¹²³ of columns)
	 * stay with the character before them */
	case 0x207D: case 0x207E: case 0x2070: case 0x00B9: case 0x00B2: case 0x00B3:
	case 0x2074: case 0x2075: case 0x2076: case 0x2077: case 0x2078: case 0x2079:
		return true;
	default:
		return false;
	}
}

bool
lb_no_end(uint32_t c)
{
	switch (c) {
	/* JLReq cl-01 opening brackets, with ｟ and the halfwidth ｢. */
	case '(': case '[': case '{': case 0x00AB:
	case 0xFF08: case 0x3014: case 0xFF3B: case 0xFF5B: case 0x3008:
	case 0x300A: case 0x300C: case 0x300E: case 0x3010: case 0x3018:
	case 0x3016: case 0x301D: case 0x2018: case 0x201C:
	case 0xFF5F: case 0xFF62:
		return true;
	default:
		return false;
	}
}

bool
lb_can_hang(uint32_t c)
{
	return c == 0x3001 || c == 0x3002 || c == 0xFF0C || c == 0xFF0E ||
	       c == ',' || c == '.';
}

/* Letters and digits that make up a Latin word or a number: ASCII, Latin-1
 * and Latin Extended letters, full-width digits and letters. */
static bool
is_word(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
	if (c >= 0xC0 && c <= 0x24F)
		return c != 0xD7 && c != 0xF7;
	return (c >= 0x1E00 && c <= 0x1EFF) ||
	       (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
	       (c >= 0xFF41 && c <= 0xFF5A);
}

static bool
is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/* Separators inside a number: 1,000  3.5  10:30 and their full-width forms. */
static bool
is_numsep(uint32_t c)
{
	return c == ',' || c == '.' || c == ':' || c == 0xFF0C || c == 0xFF0E || c == 0xFF1A;
}

/* Unit signs that stay with the number before them: % ％ ‰ ° ℃ ℉ and the
 * squared unit symbols ㌔㌘㍍… (U+3300-3357) and ㍱…㏟ (U+3371-33DF). */
static bool
is_unit(uint32_t c)
{
	return c == '%' || c == 0xFF05 || c == 0x2030 || c == 0xB0 || c == 0x2103 ||
	       c == 0x2109 || (c >= 0x3300 && c <= 0x3357) || (c >= 0x3371 && c <= 0x33DF);
}

/* …… ‥‥ —— ―― (JLReq cl-08 inseparable characters) come in pairs. */
static bool
is_inseparable(uint32_t c)
{
	return c == 0x2026 || c == 0x2025 || c == 0x2014 || c == 0x2015;
}

/* Must the break between P1 and C (P2 precedes P1) be suppressed? */
static bool
tailor_prohibits(uint32_t p2, uint32_t p1, uint32_t c)
{
	/* the most common case: before a kanji, only an opening bracket
	 * forbids the break */
	if (c >= 0x4E00 && c <= 0x9FFF)
		return lb_no_end(p1);
	if (lb_no_start(c) || lb_no_end(p1))
		return true;
	if (is_word(p1) && is_word(c))
		return true;
	if (is_digit(p1) && is_unit(c))
		return true;
	if (p1 == 0xB0 && c < 0x80 && is_word(c))       /* °C */
		return true;
	if (is_digit(p2) && is_numsep(p1) && is_digit(c))
		return true;
	return p1 == c && is_inseparable(c);
}

static bool
is_url_byte(uint8_t b)
{
	if ((b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z'))
		return true;
	/* RFC 3986 unreserved, reserved and '%' of percent-encoding. */
	for (const char *p = "-._~:/?#[]@!$&'()*+,;=%"; *p; p++)
		if (b == (uint8_t)*p)
			return true;
	return false;
}

/* Does S start with PRE (lower case), ignoring the case of ASCII letters? */
static bool
has_prefix_ci(const uint8_t *s, size_t n, const char *pre)
{
	for (size_t i = 0; pre[i]; i++) {
		uint8_t b = i < n ? s[i] : 0;
		if (b >= 'A' && b <= 'Z')
			b = (uint8_t)(b | 0x20);
		if (b != (uint8_t)pre[i])
			return false;
	}
	return true;
}

/* If a URL starts at S[I], return the offset just past it (past a closing
 * '>' if OPEN_ANGLE), else I.  All URL characters are ASCII, so scanning bytes
 * is enough; whitespace, '>' or any non-ASCII byte ends it. */
static size_t
url_end(const uint8_t *s, size_t n, size_t i, bool open_angle)
{
	size_t j;

	if (has_prefix_ci(s + i, n - i, "http://"))
		j = i + 7;
	else if (has_prefix_ci(s + i, n - i, "https://"))
		j = i + 8;
	else
		return i;
	while (j < n && is_url_byte(s[j]))
		j++;
	if (open_angle && j < n && s[j] == '>')
		j++;
	return j;
}

/* Plain characters: the ideographs U+4E00-9FFF and the full-size hiragana
 * and katakana, one bit each for U+3040-30FF.  They are all of UAX #14
 * class ID, allow a break on both sides of one another, and no rule of
 * UAX #14 looks back past one (nor does the tailoring), so a plain
 * character between two stretches of text cuts them apart.  The small kana,
 * ー, the iteration marks and ・ are not plain.  tests/linebreak_test.c
 * checks the table against lb_no_start and libunistring. */
static const uint64_t plain_kana[3] = {
	0xfffffff7fffffd54ULL, /* U+3040-307F */
	0xfffffd54001fbf57ULL, /* U+3080-30BF */
	0x079fbf57fffffff7ULL, /* U+30C0-30FF */
};

bool
lb_is_plain(uint32_t c)
{
	if (c >= 0x4E00 && c <= 0x9FFF)
		return true;
	if (c >= 0x3040 && c <= 0x30FF)
		return (plain_kana[(c - 0x3040) >> 6] >> (c & 63)) & 1;
	return false;
}

/* The plain character encoded at S[I], if there is one (three bytes). */
static bool
plain_at(const uint8_t *s, size_t n, size_t i)
{
	uint32_t c = utf8_cjk3(s, n, i);
	return c && lb_is_plain(c);
}

/* Give libunistring the stretch of text that starts at LO (a plain
 * character or the start of the text) and goes on past I to the first plain
 * character followed by another (or to the end): its opportunities in that
 * stretch are those of the whole text, because plain characters cut the
 * context on both sides.  BRK[LO] keeps what it had.  Returns the end. */
static size_t
uax14_window(const uint8_t *s, size_t n, char *brk, size_t lo, size_t i)
{
	size_t hi = i;
	char keep[3] = {0, 0, 0};
	size_t nkeep = i - lo < 3 ? i - lo : 3;

	while (hi < n) {
		if (plain_at(s, n, hi) && (hi + 3 >= n || plain_at(s, n, hi + 3))) {
			hi += 3;
			break;
		}
		hi++;
	}
	memcpy(keep, brk + lo, nkeep);
	u8_possible_linebreaks(s + lo, hi - lo, "UTF-8", brk + lo);
	memcpy(brk + lo, keep, nkeep);
	return hi;
}

/* libunistring's opportunities translated to enum lb_class, and with
 * TAILOR the JLReq tailoring, in one pass.  libunistring writes one value
 * per byte, so BRK itself is its output buffer: no allocation at all.  It
 * is asked only about the stretches that are not runs of plain characters:
 * between two plain characters a break is always allowed.  Tailoring only
 * ever removes opportunities; a mandatory break is never removed: a newline
 * ends the line whatever follows. */
static void
find_breaks(const uint8_t *s, size_t n, char *brk, bool tailor)
{
	uint32_t p1 = 0, p2 = 0;        /* the two characters before S[I] */
	size_t url_lo = 0, url_hi = 0;  /* no breaks at URL_LO < i < URL_HI */
	size_t uax_hi = 0;              /* libunistring's values are in BRK below this */
	size_t i = 0;
	bool must = false, p1_plain = false;

	if (n == 0)
		return;
	while (i < n) {
		uint32_t c;
		size_t len;
		int v;
		bool plain = false;

		/* kana and kanji, the bulk of the text, decoded in line */
		if ((c = utf8_cjk3(s, n, i)) != 0) {
			len = 3;
			plain = lb_is_plain(c);
		} else {
			len = utf8_get(s + i, n - i, &c);
		}
		if (plain && p1_plain && i >= uax_hi) {
			/* UAX #14 allows it and nothing in the tailoring forbids it */
			brk[i] = LB_ALLOW;
			brk[i + 1] = brk[i + 2] = LB_NONE;
			p2 = p1;
			p1 = c;
			i += 3;
			continue;
		}
		if (i >= uax_hi)
			uax_hi = uax14_window(s, n, brk, i == 0 ? 0 : i - 3, i);
		v = brk[i];

		/* libunistring marks a mandatory break on the newline character
		 * itself ("s[i] is a line break character"), where the slot means
		 * "before s[i]".  Before a newline UAX #14 never breaks (LB6), so
		 * that slot becomes LB_NONE and the break moves to the first byte
		 * of the next character, i.e. after the newline.  A newline that
		 * ends the text has nowhere to put it: end of text is LB3's break
		 * anyway.  CR_BEFORE_LF is the CR of a CR LF pair; the LF carries
		 * the mandatory break. */
		brk[i] = must ? LB_MUST
		         : (v == UC_BREAK_POSSIBLE || v == UC_BREAK_HYPHENATION) ? LB_ALLOW
		                                                                  : LB_NONE;
		must = v == UC_BREAK_MANDATORY;
		/* libunistring may group malformed bytes differently from utf8_get();
		 * only the first byte of our characters may carry a value. */
		for (size_t k = 1; k < len; k++)
			brk[i + k] = LB_NONE;

		if (tailor) {
			if (i >= url_hi && (c | 0x20) == 'h') {
				bool angle = i > 0 && s[i - 1] == '<';
				size_t e = url_end(s, n, i, angle);
				if (e > i) {
					url_lo = angle ? i - 1 : i;
					url_hi = e;
				}
			}
			if (i > 0 && brk[i] == LB_ALLOW &&
			    ((url_lo < i && i < url_hi) || tailor_prohibits(p2, p1, c)))
				brk[i] = LB_NONE;
		}
		p2 = p1;
		p1 = c;
		p1_plain = plain;
		i += len;
	}
	brk[0] = LB_NONE;
}

void
lb_uax14(const uint8_t *s, size_t n, char *brk)
{
	find_breaks(s, n, brk, false);
}

void
lb_find(const uint8_t *s, size_t n, char *brk)
{
	find_breaks(s, n, brk, true);
}
