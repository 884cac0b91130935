/* search.h: search that works for Japanese.  The document's text as
 * normalised (NFKC, case folded, optionally katakana folded to hiragana,
 * footnote markers and ruby readings left out), kept as its differences
 * from the original, with a position map back to it; the displayed text is
 * never normalised.  Ruby readings are searched after each block's text,
 * rebuilt when searched (the index keeps none of them), and a match in
 * one is found on its base. */
#ifndef YOMU_SEARCH_H
#define YOMU_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"

struct buf;

/* A point where a block's normalised text stops moving in step with its
 * original: between two anchors, both advance byte for byte.  Offsets are
 * relative to the block; each block starts with an implicit {0, 0}. */
struct norm_anchor {
	uint32_t norm;
	uint32_t orig;
};

/* Norm offsets are virtual: each block's normalised text followed by one
 * separator byte, so that no match spans two blocks.  Only what differs
 * from the original text is stored: most Japanese text normalises to
 * itself and is searched in place. */
struct search_block {
	size_t start;   /* offset of the block's normalised text */
	size_t data;    /* its record in data; empty: the text is the original's */
};

struct search_index {
	const struct doc *d;
	bool kana;           /* katakana folded to hiragana */
	size_t len;          /* the virtual length: every block and its separator */
	struct search_block *blocks; /* one per document block, plus an end marker */
	/* Per block that differs from its original: a varint count of anchors,
	 * the anchors (struct norm_anchor, unaligned), then patches, each a
	 * varint gap since the last one, a varint length and the bytes that
	 * replace the text the anchors project from the original. */
	uint8_t *data;
	size_t data_len;
	struct search_build *build; /* while it is built a piece at a time, or NULL */
};

/* A match: a byte range of one block's original text. */
struct match {
	int32_t block;
	uint32_t start, end;
};

void search_index_build(struct search_index *ix, const struct doc *d, bool kana_insensitive);
/* The same a piece at a time (between keys): begin, then step, which
 * indexes blocks of about MAX bytes and says whether the index is whole.
 * Until it is, only search_index_free may be used on IX. */
void search_index_begin(struct search_index *ix, const struct doc *d, bool kana_insensitive);
bool search_index_step(struct search_index *ix, size_t max);
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
/* Of the N matches at norm offsets M (ascending), the first at or after
 * FROM, or backwards the last before it: its index in *I; false if there
 * is none. */
bool search_pick(const size_t *m, size_t n, size_t from, bool backward, size_t *i);
/* Where block B's own normalised text ends: its ruby readings (searched
 * too, found on their base) follow it up to the block's end. */
size_t search_text_end(const struct search_index *ix, int32_t b);
/* Where a match at norm offset AT of NLEN bytes is in the original text. */
struct match search_locate(const struct search_index *ix, size_t at, size_t nlen);
/* Block B's normalised text, *OUTLEN bytes: the block's own text when nothing
 * in it differs, else rebuilt in SCRATCH (reused from call to call). */
const char *search_block_text(const struct search_index *ix, size_t b, struct buf *scratch,
                              size_t *outlen);
/* The norm offset of byte OFF of block B's text (the first normalised byte
 * at or after it). */
size_t search_norm_offset(const struct search_index *ix, int32_t b, uint32_t off);

#endif
