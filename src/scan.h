/* scan.h: small scanners over UTF-8 text and the character classes the
 * document formats share.  A byte range (S, N) is never read past N. */
#ifndef YOMU_SCAN_H
#define YOMU_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Kanji (CJK Unified and its extensions, compatibility ideographs) and 々. */
bool scan_is_han(uint32_t c);
/* Hiragana and katakana, with ー and the iteration marks. */
bool scan_is_kana(uint32_t c);
/* The value of an ASCII or full-width digit, or -1. */
int scan_digit(uint32_t c);
/* The value of a superscript digit (⁰¹²³⁴⁵⁶⁷⁸⁹), or -1. */
int scan_superscript_digit(uint32_t c);
/* An ASCII or an ideographic space. */
bool scan_is_space(uint32_t c);

/* The character at byte I of (S, N), its length in *LEN; 0 past the end. */
uint32_t scan_cp_at(const char *s, size_t n, size_t i, size_t *len);
/* The last character of (S, N), where it starts in *START. */
uint32_t scan_last_cp(const char *s, size_t n, size_t *start);
size_t scan_count_chars(const char *s, size_t n);
bool scan_has_prefix(const char *s, size_t n, const char *p);
bool scan_equals(const char *s, size_t n, const char *p);
const char *scan_find(const char *s, size_t n, const char *p);
/* A number of at most six ASCII or full-width digits at *I, *I moved past
 * it; -1 if none. */
long scan_number(const char *s, size_t n, size_t *i);
size_t scan_skip_spaces(const char *s, size_t n, size_t i);
/* (S, N) with the spaces at both ends cut off: the offset of the first
 * character kept; *END gets the end of the last. */
size_t scan_trim(const char *s, size_t n, size_t *end);

/* A footnote reference such as ⁽¹²⁾ at byte I, or with BARE a bare
 * superscript number ¹²: its number, *END set past it; -1 if there is
 * none at I (then *END is where scanning may go on). */
int scan_fnref(const char *s, size_t n, size_t i, bool bare, size_t *end);
/* The end of a URL (http:// or https://) that starts at I, without a
 * closing parenthesis or full stop the prose puts after it; I if none. */
size_t scan_url(const char *s, size_t n, size_t i);

#endif
