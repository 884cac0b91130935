/* width.h: the one cell-width function of the program, agreeing with what
 * ncursesw draws (glibc wcwidth in a UTF-8 locale). */
#ifndef YOMU_WIDTH_H
#define YOMU_WIDTH_H

#include <stddef.h>
#include <stdint.h>

/* East Asian Ambiguous characters take 1 cell (glibc, the default) or 2. */
void width_set_ambiguous(int cells);
int width_get_ambiguous(void);

/* Cells taken by code point C: 0, 1 or 2.  Never negative: a control
 * character (which the decoder never lets through) counts as 0. */
int width_cp_any(uint32_t c);

/* width_cp_any, with the bulk of Japanese text (kanji, kana) and printable
 * ASCII answered in line: the layout asks once per character. */
static inline int
width_cp(uint32_t c)
{
	if (c >= 0x20 && c < 0x7F)
		return 1;
	if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A0 && c <= 0x30FF))
		return 2;
	return width_cp_any(c);
}

/* Cells taken by the N bytes of UTF-8 at S (invalid bytes count 1 each). */
size_t width_str(const uint8_t *s, size_t n);

#endif
