/* width.c: terminal cell widths of code points and UTF-8 strings, made to
 * agree with glibc's wcwidth because that is what ncursesw draws with; for
 * code points glibc does not know, Unicode 15.0's widths (tui.c draws
 * those itself). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "width.h"

#include <unictype.h>
#include <unistr.h>
#include <uniwidth.h>

/* A range of code points and what the table says of it. */
struct width_range {
	uint32_t lo, hi;
	int cells;
};

/* Where libunistring 1.0's uc_width(c, "UTF-8") and glibc 2.36's wcwidth
 * (both Unicode 14) disagree, found by comparing the two over every code
 * point: 91 code points.  glibc draws the soft hyphen and the prepended
 * concatenation marks (format characters that carry a glyph), makes five
 * nonspacing marks that libunistring leaves spacing zero-width, and widens
 * the ambiguous U+3248..U+324F and the neutral Yijing hexagrams.  Sorted,
 * disjoint. */
static const struct width_range glibc_fixes[] = {
	{ 0x00AD, 0x00AD, 1 },	/* SOFT HYPHEN */
	{ 0x0600, 0x0605, 1 },	/* ARABIC NUMBER SIGN..NUMBER MARK ABOVE */
	{ 0x06DD, 0x06DD, 1 },	/* ARABIC END OF AYAH */
	{ 0x070F, 0x070F, 1 },	/* SYRIAC ABBREVIATION MARK */
	{ 0x0890, 0x0891, 1 },	/* ARABIC POUND/PIASTRE MARK ABOVE */
	{ 0x08E2, 0x08E2, 1 },	/* ARABIC DISPUTED END OF AYAH */
	{ 0x0CBF, 0x0CBF, 0 },	/* KANNADA VOWEL SIGN I */
	{ 0x0CC6, 0x0CC6, 0 },	/* KANNADA VOWEL SIGN E */
	{ 0x3248, 0x324F, 2 },	/* CIRCLED NUMBER TEN..EIGHTY ON BLACK SQUARE */
	{ 0x4DC0, 0x4DFF, 2 },	/* YIJING HEXAGRAM SYMBOLS */
	{ 0x110BD, 0x110BD, 1 },	/* KAITHI NUMBER SIGN */
	{ 0x110CD, 0x110CD, 1 },	/* KAITHI NUMBER SIGN ABOVE */
	{ 0x11A07, 0x11A08, 0 },	/* ZANABAZAR SQUARE VOWEL SIGN AI, AU */
	{ 0x11C3F, 0x11C3F, 0 },	/* BHAIKSUKI SIGN VIRAMA */
};

/* East Asian Width "A" (ambiguous), generated from EastAsianWidth.txt
 * 15.0.0 with adjacent ranges merged.  Not uc_width(c, "EUC-JP"): that
 * widens every narrow code point in U+00A1..U+FF60, including some 11,000
 * that are not ambiguous (Hebrew, Arabic, Thai, ...), and none of the
 * ambiguous private-use planes 15 and 16. */
static const struct width_range ambiguous[] = {
	{ 0x00A1, 0x00A1, 2 }, { 0x00A4, 0x00A4, 2 }, { 0x00A7, 0x00A8, 2 },
	{ 0x00AA, 0x00AA, 2 }, { 0x00AD, 0x00AE, 2 }, { 0x00B0, 0x00B4, 2 },
	{ 0x00B6, 0x00BA, 2 }, { 0x00BC, 0x00BF, 2 }, { 0x00C6, 0x00C6, 2 },
	{ 0x00D0, 0x00D0, 2 }, { 0x00D7, 0x00D8, 2 }, { 0x00DE, 0x00E1, 2 },
	{ 0x00E6, 0x00E6, 2 }, { 0x00E8, 0x00EA, 2 }, { 0x00EC, 0x00ED, 2 },
	{ 0x00F0, 0x00F0, 2 }, { 0x00F2, 0x00F3, 2 }, { 0x00F7, 0x00FA, 2 },
	{ 0x00FC, 0x00FC, 2 }, { 0x00FE, 0x00FE, 2 }, { 0x0101, 0x0101, 2 },
	{ 0x0111, 0x0111, 2 }, { 0x0113, 0x0113, 2 }, { 0x011B, 0x011B, 2 },
	{ 0x0126, 0x0127, 2 }, { 0x012B, 0x012B, 2 }, { 0x0131, 0x0133, 2 },
	{ 0x0138, 0x0138, 2 }, { 0x013F, 0x0142, 2 }, { 0x0144, 0x0144, 2 },
	{ 0x0148, 0x014B, 2 }, { 0x014D, 0x014D, 2 }, { 0x0152, 0x0153, 2 },
	{ 0x0166, 0x0167, 2 }, { 0x016B, 0x016B, 2 }, { 0x01CE, 0x01CE, 2 },
	{ 0x01D0, 0x01D0, 2 }, { 0x01D2, 0x01D2, 2 }, { 0x01D4, 0x01D4, 2 },
	{ 0x01D6, 0x01D6, 2 }, { 0x01D8, 0x01D8, 2 }, { 0x01DA, 0x01DA, 2 },
	{ 0x01DC, 0x01DC, 2 }, { 0x0251, 0x0251, 2 }, { 0x0261, 0x0261, 2 },
	{ 0x02C4, 0x02C4, 2 }, { 0x02C7, 0x02C7, 2 }, { 0x02C9, 0x02CB, 2 },
	{ 0x02CD, 0x02CD, 2 }, { 0x02D0, 0x02D0, 2 }, { 0x02D8, 0x02DB, 2 },
	{ 0x02DD, 0x02DD, 2 }, { 0x02DF, 0x02DF, 2 }, { 0x0300, 0x036F, 2 },
	{ 0x0391, 0x03A1, 2 }, { 0x03A3, 0x03A9, 2 }, { 0x03B1, 0x03C1, 2 },
	{ 0x03C3, 0x03C9, 2 }, { 0x0401, 0x0401, 2 }, { 0x0410, 0x044F, 2 },
	{ 0x0451, 0x0451, 2 }, { 0x2010, 0x2010, 2 }, { 0x2013, 0x2016, 2 },
	{ 0x2018, 0x2019, 2 }, { 0x201C, 0x201D, 2 }, { 0x2020, 0x2022, 2 },
	{ 0x2024, 0x2027, 2 }, { 0x2030, 0x2030, 2 }, { 0x2032, 0x2033, 2 },
	{ 0x2035, 0x2035, 2 }, { 0x203B, 0x203B, 2 }, { 0x203E, 0x203E, 2 },
	{ 0x2074, 0x2074, 2 }, { 0x207F, 0x207F, 2 }, { 0x2081, 0x2084, 2 },
	{ 0x20AC, 0x20AC, 2 }, { 0x2103, 0x2103, 2 }, { 0x2105, 0x2105, 2 },
	{ 0x2109, 0x2109, 2 }, { 0x2113, 0x2113, 2 }, { 0x2116, 0x2116, 2 },
	{ 0x2121, 0x2122, 2 }, { 0x2126, 0x2126, 2 }, { 0x212B, 0x212B, 2 },
	{ 0x2153, 0x2154, 2 }, { 0x215B, 0x215E, 2 }, { 0x2160, 0x216B, 2 },
	{ 0x2170, 0x2179, 2 }, { 0x2189, 0x2189, 2 }, { 0x2190, 0x2199, 2 },
	{ 0x21B8, 0x21B9, 2 }, { 0x21D2, 0x21D2, 2 }, { 0x21D4, 0x21D4, 2 },
	{ 0x21E7, 0x21E7, 2 }, { 0x2200, 0x2200, 2 }, { 0x2202, 0x2203, 2 },
	{ 0x2207, 0x2208, 2 }, { 0x220B, 0x220B, 2 }, { 0x220F, 0x220F, 2 },
	{ 0x2211, 0x2211, 2 }, { 0x2215, 0x2215, 2 }, { 0x221A, 0x221A, 2 },
	{ 0x221D, 0x2220, 2 }, { 0x2223, 0x2223, 2 }, { 0x2225, 0x2225, 2 },
	{ 0x2227, 0x222C, 2 }, { 0x222E, 0x222E, 2 }, { 0x2234, 0x2237, 2 },
	{ 0x223C, 0x223D, 2 }, { 0x2248, 0x2248, 2 }, { 0x224C, 0x224C, 2 },
	{ 0x2252, 0x2252, 2 }, { 0x2260, 0x2261, 2 }, { 0x2264, 0x2267, 2 },
	{ 0x226A, 0x226B, 2 }, { 0x226E, 0x226F, 2 }, { 0x2282, 0x2283, 2 },
	{ 0x2286, 0x2287, 2 }, { 0x2295, 0x2295, 2 }, { 0x2299, 0x2299, 2 },
	{ 0x22A5, 0x22A5, 2 }, { 0x22BF, 0x22BF, 2 }, { 0x2312, 0x2312, 2 },
	{ 0x2460, 0x24E9, 2 }, { 0x24EB, 0x254B, 2 }, { 0x2550, 0x2573, 2 },
	{ 0x2580, 0x258F, 2 }, { 0x2592, 0x2595, 2 }, { 0x25A0, 0x25A1, 2 },
	{ 0x25A3, 0x25A9, 2 }, { 0x25B2, 0x25B3, 2 }, { 0x25B6, 0x25B7, 2 },
	{ 0x25BC, 0x25BD, 2 }, { 0x25C0, 0x25C1, 2 }, { 0x25C6, 0x25C8, 2 },
	{ 0x25CB, 0x25CB, 2 }, { 0x25CE, 0x25D1, 2 }, { 0x25E2, 0x25E5, 2 },
	{ 0x25EF, 0x25EF, 2 }, { 0x2605, 0x2606, 2 }, { 0x2609, 0x2609, 2 },
	{ 0x260E, 0x260F, 2 }, { 0x261C, 0x261C, 2 }, { 0x261E, 0x261E, 2 },
	{ 0x2640, 0x2640, 2 }, { 0x2642, 0x2642, 2 }, { 0x2660, 0x2661, 2 },
	{ 0x2663, 0x2665, 2 }, { 0x2667, 0x266A, 2 }, { 0x266C, 0x266D, 2 },
	{ 0x266F, 0x266F, 2 }, { 0x269E, 0x269F, 2 }, { 0x26BF, 0x26BF, 2 },
	{ 0x26C6, 0x26CD, 2 }, { 0x26CF, 0x26D3, 2 }, { 0x26D5, 0x26E1, 2 },
	{ 0x26E3, 0x26E3, 2 }, { 0x26E8, 0x26E9, 2 }, { 0x26EB, 0x26F1, 2 },
	{ 0x26F4, 0x26F4, 2 }, { 0x26F6, 0x26F9, 2 }, { 0x26FB, 0x26FC, 2 },
	{ 0x26FE, 0x26FF, 2 }, { 0x273D, 0x273D, 2 }, { 0x2776, 0x277F, 2 },
	{ 0x2B56, 0x2B59, 2 }, { 0x3248, 0x324F, 2 }, { 0xE000, 0xF8FF, 2 },
	{ 0xFE00, 0xFE0F, 2 }, { 0xFFFD, 0xFFFD, 2 }, { 0x1F100, 0x1F10A, 2 },
	{ 0x1F110, 0x1F12D, 2 }, { 0x1F130, 0x1F169, 2 }, { 0x1F170, 0x1F18D, 2 },
	{ 0x1F18F, 0x1F190, 2 }, { 0x1F19B, 0x1F1AC, 2 }, { 0xE0100, 0xE01EF, 2 },
	{ 0xF0000, 0xFFFFD, 2 }, { 0x100000, 0x10FFFD, 2 },
};

/* What sorted, disjoint table T of N ranges says of C, or -1. */
static int
lookup(const struct width_range *t, size_t n, uint32_t c)
{
	size_t lo = 0, hi = n;
	if (c < t[0].lo || c > t[n - 1].hi)
		return -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c > t[mid].hi)
			lo = mid + 1;
		else if (c < t[mid].lo)
			hi = mid;
		else
			return t[mid].cells;
	}
	return -1;
}

int
width_is_ambiguous(uint32_t c)
{
	return lookup(ambiguous, sizeof ambiguous / sizeof ambiguous[0], c) > 0;
}

/* ---- code points newer than the C library ----
 *
 * glibc 2.36 and libunistring 1.0 know Unicode 14: a code point assigned
 * since (Unicode 15 emoji such as U+1FAE8, CJK Extension H) is unassigned
 * to them, and wcwidth says -1.  Giving it 0 cells let ten of them stack
 * up in one cell of the layout while the terminal showed them side by
 * side.  They get the width Unicode 15.0 gives them instead, and code
 * points still unassigned the width they will most likely have. */
/* Generated by tools/gen-width15.py from EastAsianWidth-15.0.0.txt, DerivedAge.txt,
 * UnicodeData.txt and DerivedCoreProperties.txt of Unicode 15.0. */
/* zero width: marks and format controls new in 15.0, unassigned default-ignorables */
static const struct width_range zero15[] = {
	{ 0x0ECE, 0x0ECE, 0 }, { 0x2065, 0x2065, 0 }, { 0xFFF0, 0xFFF8, 0 },
	{ 0x10EFD, 0x10EFF, 0 }, { 0x11241, 0x11241, 0 }, { 0x11F00, 0x11F01, 0 },
	{ 0x11F36, 0x11F3A, 0 }, { 0x11F40, 0x11F40, 0 }, { 0x11F42, 0x11F42, 0 },
	{ 0x13439, 0x13440, 0 }, { 0x13447, 0x13455, 0 }, { 0x1E08F, 0x1E08F, 0 },
	{ 0x1E4EC, 0x1E4EF, 0 }, { 0xE0000, 0xE0FFF, 0 },
};
/* two cells: East Asian Wide and Fullwidth in 15.0, and the unassigned CJK and emoji code points */
static const struct width_range wide15[] = {
	{ 0xFA6E, 0xFAFF, 2 }, { 0x1B132, 0x1B132, 2 }, { 0x1B155, 0x1B155, 2 },
	{ 0x1F6DC, 0x1F6DC, 2 }, { 0x1FA75, 0x1FAFF, 2 }, { 0x2A6E0, 0x2FFFD, 2 },
	{ 0x3134B, 0x3FFFD, 2 },
};

/* The cells of C, a code point the C library does not know (Unicode 15.0,
 * tables above): none for noncharacters and for marks and format controls,
 * two for East Asian Wide ones, else one. */
static int
width_unknown(uint32_t c)
{
	if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
		return 0;
	if (lookup(zero15, sizeof zero15 / sizeof zero15[0], c) >= 0)
		return 0;
	if (lookup(wide15, sizeof wide15 / sizeof wide15[0], c) >= 0)
		return 2;
	return 1;
}

static int
width_slow(uint32_t c, int amb)
{
	int w = lookup(glibc_fixes, sizeof glibc_fixes / sizeof glibc_fixes[0], c);

	if (w < 0) {
		w = uc_width(c, "UTF-8");
		if (w < 0)
			return 0;
		/* glibc calls the line and paragraph separators unprintable
		 * (the decoder makes them line ends anyway) */
		if (c == 0x2028 || c == 0x2029)
			return 0;
		if (uc_is_general_category(c, UC_CATEGORY_Cn))
			w = width_unknown(c);
	}
	if (w == 1 && amb == 2 && width_is_ambiguous(c))
		return 2;
	return w;
}

int
width_cp_any(uint32_t c, int amb)
{
	/* Everything below the combining diacritics is one cell in glibc
	 * except the C0/C1 controls. */
	if (c < 0x300) {
		if (c < 0x20 || (c >= 0x7F && c < 0xA0))
			return 0;
		if (amb == 2 && c >= 0xA1 && width_is_ambiguous(c))
			return 2;
		return 1;
	}
	/* Wide blocks that are fully assigned, hold no combining marks and
	 * no ambiguous characters: the bulk of Japanese text. */
	if (c >= 0x3000) {
		if ((c >= 0x4E00 && c <= 0x9FFF)	/* CJK Unified */
		    || (c >= 0x3041 && c <= 0x3096)	/* hiragana */
		    || (c >= 0x30A0 && c <= 0x30FF)	/* katakana */
		    || (c >= 0x3000 && c <= 0x3029)	/* CJK punctuation */
		    || (c >= 0x3400 && c <= 0x4DBF)	/* Extension A */
		    || (c >= 0xFF01 && c <= 0xFF60)	/* fullwidth forms */
		    || (c >= 0xAC00 && c <= 0xD7A3))	/* Hangul syllables */
			return 2;
		if (c >= 0xFF61 && c <= 0xFF9F)	/* halfwidth katakana */
			return 1;
	}
	if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	return width_slow(c, amb);
}

size_t
width_str(const uint8_t *s, size_t n, int amb)
{
	const uint8_t *end = s + n;
	size_t cells = 0;

	while (s < end) {
		ucs4_t uc;
		int len;

		if (*s >= 0x20 && *s < 0x7F) {
			cells++;
			s++;
			continue;
		}
		/* The strict decoder, because u8_mbtouc swallows a whole
		 * truncated sequence as one U+FFFD and cannot tell a
		 * decoding error from a real U+FFFD (ambiguous width). */
		len = u8_mbtoucr(&uc, s, (size_t)(end - s));
		if (len < 0) {
			cells++;
			s++;
			continue;
		}
		cells += (size_t)width_cp(uc, amb);
		s += len;
	}
	return cells;
}

int
width_cstr(const char *s, int amb)
{
	return (int)width_str((const uint8_t *)s, strlen(s), amb);
}
