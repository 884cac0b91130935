/* bluebook_impl.h: what the Bluebook format's two files share: the inline
 * markup of a finished block (bluebook_inline.c). */
#ifndef YOMU_BLUEBOOK_IMPL_H
#define YOMU_BLUEBOOK_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "util.h"

/* A ruby reading: the base [START, END) in the rewritten text, the
 * reading at READING (READING_LEN bytes) in the raw text. */
struct bluebook_ruby {
	size_t start, end, reading, reading_len;
};

/* Is there a ruby "^{" in (S, N)? */
bool bluebook_has_ruby(const char *s, size_t n);
/* The raw text (S, N) without its ruby "^{R}" into OUT; RUBY gets each
 * reading and its base (the caller frees it). */
void bluebook_rewrite_ruby(const char *s, size_t n, struct buf *out, struct bluebook_ruby **ruby,
                           size_t *nruby);
/* The spans of block BI: its label, readings (in RAW, the text they were
 * rewritten from), footnote references (REFS: the footnote of each, in
 * order), URLs and cross-references. */
void bluebook_mark_spans(struct doc *d, int32_t bi, const struct bluebook_ruby *ruby,
                         size_t nruby, const char *raw, const int32_t *refs, size_t nrefs);

#endif
