/* width.h: the one cell-width function of the program.  AMB, the cells an
 * East Asian Ambiguous character takes (1 or 2), is the terminal's: it is
 * passed in, never kept here, so that every cache of a layout keys on it. */
#ifndef YOMU_WIDTH_H
#define YOMU_WIDTH_H

#include <stddef.h>
#include <stdint.h>

/* Cells taken by code point C: 0, 1 or 2.  Never negative: a control
 * character (which the decoder never lets through) counts as 0. */
int width_cp_any(uint32_t c, int amb);

/* width_cp_any, with the bulk of Japanese text (kanji, kana) and printable
 * ASCII answered in line: the layout asks once per character. */
static inline int
width_cp(uint32_t c, int amb)
{
	if (c >= 0x20 && c < 0x7F)
		return 1;
	if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A0 && c <= 0x30FF))
		return 2;
	return width_cp_any(c, amb);
}

/* Is C East Asian Ambiguous (a width the terminal decides)? */
int width_is_ambiguous(uint32_t c);

/* Cells taken by the N bytes of UTF-8 at S (invalid bytes count 1 each). */
size_t width_str(const uint8_t *s, size_t n, int amb);
/* The same for a NUL-terminated string. */
int width_cstr(const char *s, int amb);

#endif
