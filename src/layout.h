/* layout.h: a block and a width go in, display lines come out.  The one
 * layout engine shared by the screen and --dump. */
#ifndef YOMU_LAYOUT_H
#define YOMU_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"

#define LAYOUT_MIN_WIDTH 1
#define LAYOUT_MAX_WIDTH 1000

enum lline_flags {
	LL_HANG = 1,      /* ends with 、。，． hanging past the width */
	LL_EMERGENCY = 2, /* broken inside an unbreakable unit */
	LL_FIRST = 4,     /* first line of its block */
};

/* One display line: a byte range of the block's text, after INDENT cells. */
struct lline {
	uint32_t start, end; /* end excludes a trailing newline; may include trailing spaces */
	uint16_t indent;
	uint16_t cells;      /* width of the text, trailing spaces excluded */
	uint8_t flags;
};

struct layout_opts {
	int width;        /* cells available */
	bool hanging;     /* ぶら下げ: 、。，． may hang one character past the width */
};

/* Lay out N bytes of text at S with the first line indented FIRST cells and
 * the others REST cells.  Returns the number of lines; *OUT is malloc'd (the
 * caller frees it).  Never fails: a unit wider than the line is broken at
 * the width (an emergency break), so no line is wider than the width except
 * by one hanging character. */
size_t layout_text(const char *s, size_t n, int first, int rest, const struct layout_opts *o,
                   struct lline **out);

/* Working memory of layout_text_buf, kept from one call to the next so
 * that laying out many blocks in a row (--dump) allocates almost nothing. */
struct layout_buf {
	char *brk;            /* break opportunities of the text */
	size_t brk_cap;
	struct lline *lines;  /* the lines of the last call */
	size_t lines_cap;
};

/* layout_text with the lines left in B->lines, valid until the next call
 * with B.  Start B zeroed; free it with layout_buf_free. */
size_t layout_text_buf(const char *s, size_t n, int first, int rest, const struct layout_opts *o,
                       struct layout_buf *b);
void layout_buf_free(struct layout_buf *b);

/* Indents a block takes: paragraphs indent their first line by one
 * full-width space; numbered headings, footnotes and notes hang after their
 * label. */
void layout_block_indents(const struct block *b, int *first, int *rest);

/* Lines of one block, as laid out for a width. */
struct block_lines {
	struct lline *lines;
	uint32_t n;
	int width;   /* -1: not laid out */
	bool hanging;
};

/* A per-block cache of layouts for one document and one width: a resize or
 * a large document costs only the blocks asked for. */
struct layout_cache {
	const struct doc *doc;
	struct block_lines *blocks; /* one per document block */
	size_t nblocks;
};

void layout_cache_init(struct layout_cache *c, const struct doc *d);
void layout_cache_free(struct layout_cache *c);
/* Lines of block I for width W (laid out now if not cached for W). */
const struct block_lines *layout_get(struct layout_cache *c, size_t i, const struct layout_opts *o);

#endif
