/* search_regex.h: regular expressions (PCRE2, UTF mode, JIT when there is
 * one) over the same normalised text the literal search uses (search.h),
 * so that ＩＣＡＯ in the text matches `ICAO|ITLOS`.  The pattern's own
 * characters are normalised where they are text: a character typed
 * outside ASCII (ＩＣＡＯ, （, ｶﾞ) is a literal, normalised as the index
 * is and escaped if it became a metacharacter; ASCII is the syntax, its
 * capitals folded except in escapes (\D, \p{Lu}, \x{4E00}) and group
 * names.  See search_re_compile. */
#ifndef YOMU_SEARCH_REGEX_H
#define YOMU_SEARCH_REGEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "search.h"

struct search_re;

/* Compile PATTERN for an index that folds kana or not (KANA).  NULL if it
 * is not a valid expression, with *ERR (the caller frees it) saying where
 * and why in one line: "at character 3: missing closing parenthesis". */
struct search_re *search_re_compile(const char *pattern, bool kana, char **err);
void search_re_free(struct search_re **re);
/* The expression as it was given to PCRE2, after normalisation. */
const char *search_re_source(const struct search_re *re);

/* Every match of RE in the index, in document order and never
 * overlapping: *AT gets their norm offsets and *LENS their lengths (both
 * malloc'd, NULL if there are none).  A block is searched once from its
 * start, each match from where the last one ended; empty matches are
 * not matches.  Returns the count.  If PCRE2 gives up (a match limit),
 * *ERR (the caller frees it) says so and the matches before are kept;
 * else *ERR is NULL. */
size_t search_re_all(const struct search_index *ix, const struct search_re *re, size_t **at,
                     uint32_t **lens, char **err);
/* The same, counting only. */
size_t search_re_count(const struct search_index *ix, const struct search_re *re, char **err);

#endif
