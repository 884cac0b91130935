/* search_impl.h: the normaliser, shared by search_norm.c (normalising)
 * and search.c (the index over it).  Not for other modules. */
#ifndef YOMU_SEARCH_IMPL_H
#define YOMU_SEARCH_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "search.h"
#include "util.h"

/* Normalised text being made, and (for the index) where it came from. */
struct normer {
	struct buf out;
	uint32_t *orig;     /* optional: per output byte */
	size_t orig_cap;
	bool track;         /* keep anchors (for the index) */
	struct norm_anchor *anchors; /* the current block's, after its implicit {0, 0} */
	size_t nanchors, anchors_cap;
	bool kana;
	bool space;         /* the last output was a space: spaces collapse */
};

/* Characters that follow a base and belong to it: combining marks and
 * the halfwidth voiced sound marks. */
bool search_combining(uint32_t c);
/* Normalise [TEXT, TEXT+N) onto NM, leaving out the footnote markers
 * among SPANS. */
void search_norm_into(struct normer *nm, const char *text, size_t n, const struct span *spans,
                      size_t nspans);

#endif
