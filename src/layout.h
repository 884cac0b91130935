/* layout.h: a block and a width go in, display lines come out.  The one
 * layout engine shared by the screen and --dump. */
#ifndef YOMU_LAYOUT_H
#define YOMU_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LAYOUT_MIN_WIDTH 1
#define LAYOUT_MAX_WIDTH 1000

/* The margin at the line end that 、。，． hang into (ぶら下げ): one
 * full-width character.  With hanging punctuation, the text's measure is
 * the width less this, and nothing goes past the width. */
#define LAYOUT_HANG 2

enum lline_flags {
	LL_HANG = 1,      /* ends with 、。，． hanging in the margin past the measure */
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
	int width;        /* cells available: no line is wider */
	bool hanging;     /* ぶら下げ: the text's measure is WIDTH less LAYOUT_HANG,
	                   * and 、。，． may hang into that margin */
	int amb;          /* cells of an East Asian Ambiguous character: 1 or 2 */
};

/* Lay out N bytes of text at S with the first line indented FIRST cells and
 * the others REST cells.  Returns the number of lines; *OUT is malloc'd (the
 * caller frees it).  Never fails: a unit wider than the line is broken at
 * the measure (an emergency break), so no line is wider than the width. */
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
/* layout_text_buf with the cells each character takes given: CELLS[i] is
 * what the character at byte I takes in place of its width (vertical
 * text: a slot each, see vertical.h), LAYOUT_GLUE or'ed in where no line
 * may break before it. */
#define LAYOUT_GLUE 0x8000u
#define LAYOUT_CELLS 0x7FFFu
size_t layout_text_cells(const char *s, size_t n, int first, int rest, const struct layout_opts *o,
                         const uint16_t *cells, struct layout_buf *b);
void layout_buf_free(struct layout_buf *b);
/* One line of all N bytes at S, INDENT cells in, CELLS wide, into B (a
 * text set to the line end or centred). */
size_t layout_single(const char *s, size_t n, int indent, int cells, struct layout_buf *b);

#endif
