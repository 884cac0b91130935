/* linebreak.h: line-break opportunities: libunistring's UAX #14 tailored to
 * the strict rules of JLReq (W3C Requirements for Japanese Text Layout). */
#ifndef YOMU_LINEBREAK_H
#define YOMU_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum lb_class {
	LB_NONE = 0,     /* no break before this byte */
	LB_ALLOW = 1,    /* a line may break before this byte */
	LB_MUST = 2,     /* a line must break before this byte (after a newline) */
};

/* Characters JLReq forbids at the start / end of a line (strict). */
bool lb_no_start(uint32_t c);
bool lb_no_end(uint32_t c);
/* 、。，． (and ASCII , .) that may hang past the right edge. */
bool lb_can_hang(uint32_t c);

/* Ideographs and full-size kana: class ID in UAX #14, a break allowed
 * between any two of them, before and after them only UAX #14 decides. */
bool lb_is_plain(uint32_t c);

/* Raw UAX #14 opportunities, untailored, from libunistring: BRK[i] is one of
 * enum lb_class for byte I of the N bytes of UTF-8 at S.  BRK[0] is LB_NONE. */
void lb_uax14(const uint8_t *s, size_t n, char *brk);

/* Tailored opportunities: UAX #14 plus the JLReq strict rules, kept-whole
 * units (full-width digit runs, numbers with units, % and ℃, Latin words,
 * URLs, …… and ——).  Only the first byte of a character is ever set. */
void lb_find(const uint8_t *s, size_t n, char *brk);

#endif
