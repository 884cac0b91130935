/* render.h: the screen's view of a block: its display rows for a width,
 * with the marks, rules and link lines the reader shows around the text.
 * Built on the layout engine; cached per block; no curses here. */
#ifndef YOMU_RENDER_H
#define YOMU_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"

enum row_kind { ROW_BLANK, ROW_TEXT, ROW_RULE, ROW_FRAME_TOP, ROW_FRAME_BOTTOM };

enum row_flags {
	ROW_SYNTH = 1, /* the text is the rblock's own string, not the block's */
	ROW_LINK = 2,  /* the whole row is a link (a column in the main text) */
	ROW_MARK = 4,  /* draw the block's mark ([Photo], …) before the text */
	ROW_HANG = 8,
	ROW_FRAMED = 16, /* inside a column's frame in the body: draw its sides */
};

struct row {
	uint32_t start, end; /* byte range; trailing spaces excluded */
	uint16_t indent;     /* cells before the text */
	uint16_t cells;      /* width of the text */
	uint8_t kind;
	uint8_t flags;
	uint8_t el;          /* enum element of the text */
};

/* How a block is shown: in the main text a column is one link line; in a
 * popup it is shown whole. */
enum render_mode { RENDER_MAIN, RENDER_POPUP, RENDER_INLINE };

struct rblock {
	int width;       /* -1: not rendered */
	uint8_t mode;
	uint32_t n;
	struct row *rows;
	char *synth;     /* text of ROW_SYNTH rows */
	const char *mark;
};

struct render {
	const struct doc *d;
	struct rblock *rb; /* one per document block */
	size_t nrb;
	bool hanging;
};

void render_init(struct render *r, const struct doc *d, bool hanging);
void render_free(struct render *r);
/* The document has more blocks: make room for them. */
void render_grow(struct render *r);
/* Forget every cached rendering (after an option changed). */
void render_flush(struct render *r);
const struct rblock *render_block(struct render *r, size_t b, enum render_mode mode, int width);
/* The text a row of block B shows. */
const char *render_row_text(const struct render *r, size_t b, const struct rblock *rb,
                            const struct row *row);
/* Cells a column's frame takes from the width when shown inline. */
#define RENDER_FRAME_CELLS 4

/* No blank line between these two kinds of block (a list, a table's notes). */
bool render_tight(enum block_kind prev, enum block_kind cur);
/* The text of a column's link line in the main text; the caller frees it. */
char *render_column_link(const struct doc *d, size_t head);

#endif
