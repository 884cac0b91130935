/* search.h: search that works for Japanese.  A normalised copy of the
 * document's text (NFKC, case folded, optionally katakana folded to
 * hiragana, footnote markers and ruby readings left out) with a position
 * map back to the original; the displayed text is never normalised. */
#ifndef YOMU_SEARCH_H
#define YOMU_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"

/* A point where the normalised text's offset stops moving in step with the
 * original's: between two anchors, both advance byte for byte. */
struct norm_anchor {
	size_t norm;
	uint32_t orig;
};

struct search_block {
	size_t start;   /* offset of the block's text in norm */
	size_t anchor;  /* index of its first anchor */
};

struct search_index {
	const struct doc *d;
	bool kana;           /* katakana folded to hiragana */
	char *norm;          /* every block's normalised text, each ended by '\0' */
	size_t len;
	struct search_block *blocks; /* one per document block, plus an end marker */
	struct norm_anchor *anchors;
	size_t nanchors;
};

/* A match: a byte range of one block's original text. */
struct match {
	int32_t block;
	uint32_t start, end;
};

void search_index_build(struct search_index *ix, const struct doc *d, bool kana_insensitive);
void search_index_free(struct search_index *ix);

/* Normalise N bytes of S as the index does; the caller frees the result.
 * ORIG, if not NULL, receives a malloc'd array giving for each byte of the
 * result the offset in S it came from. */
char *search_normalize(const char *s, size_t n, bool kana, size_t *outlen, uint32_t **orig);

/* All matches of PATTERN, in document order; *OUT is malloc'd (norm
 * offsets).  Returns the count; 0 for an empty pattern. */
size_t search_all(const struct search_index *ix, const char *pattern, size_t **out,
                  size_t *patlen);
/* Count the matches without keeping them. */
size_t search_count(const struct search_index *ix, const char *pattern);
/* The first match at or after norm offset FROM (or the last one before it,
 * backwards); false if none. */
bool search_find(const struct search_index *ix, const char *npat, size_t nlen, size_t from,
                 bool backward, size_t *at);
/* Where a match at norm offset AT of NLEN bytes is in the original text. */
struct match search_locate(const struct search_index *ix, size_t at, size_t nlen);
/* The norm offset of byte OFF of block B's text (the first normalised byte
 * at or after it). */
size_t search_norm_offset(const struct search_index *ix, int32_t b, uint32_t off);

#endif
