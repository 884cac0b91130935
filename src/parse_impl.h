/* parse_impl.h: what the parser's files share: small scanners over UTF-8
 * text (parse_scan.c) and the inline markup pass (parse_inline.c). */
#ifndef YOMU_PARSE_IMPL_H
#define YOMU_PARSE_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "util.h"

int is_kana(unsigned c);
int digit_value(uint32_t c);
bool is_space(uint32_t c);
/* The character at byte I of (S, N), its length in *LEN; 0 past the end. */
uint32_t cp_at(const char *s, size_t n, size_t i, size_t *len);
/* The last character of (S, N), where it starts in *START. */
uint32_t last_cp(const char *s, size_t n, size_t *start);
size_t count_chars(const char *s, size_t n);
bool has_prefix(const char *s, size_t n, const char *p);
bool equals(const char *s, size_t n, const char *p);
const char *find_str(const char *s, size_t n, const char *p);
/* A number of ASCII or full-width digits at *I; -1 if none. */
long read_number(const char *s, size_t n, size_t *i);
size_t skip_spaces(const char *s, size_t n, size_t i);

/* Is there a ruby "^{" in (S, N)? */
bool parse_has_ruby(const char *s, size_t n);
/* Ruby "^{R}" rewritten as "base《R》" into OUT; RUBY gets the byte ranges
 * of the readings in OUT (pairs; the caller frees it). */
void parse_rewrite_ruby(const char *s, size_t n, struct buf *out, size_t **ruby, size_t *nruby);
/* The spans of block BI: its label, readings, footnote references (REFS:
 * the footnote of each, in order), URLs and cross-references. */
void parse_mark_spans(struct doc *d, int32_t bi, const size_t *ruby, size_t nruby,
                      const int32_t *refs, size_t nrefs);

#endif
