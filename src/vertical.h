/* vertical.h: text set vertically (縦書き).  A vertical line is a column of
 * slots, one full-width character each (VSLOT cells: the terminal draws
 * the column two cells wide); punctuation and brackets take their
 * vertical presentation forms; one or two half-width digits stand upright
 * together in one slot (縦中横), as does a 縦中横 span of the model.  The
 * layout (layout.c) lays a text out in slots through the cells this module
 * gives each character; the painter (vdraw.c) draws the slots.  No
 * terminal here. */
#ifndef YOMU_VERTICAL_H
#define YOMU_VERTICAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "layout.h"
#include "present.h"

/* Cells of a slot. */
#define VSLOT 2
/* In the cells of a character (vtext_cells): no line may break before it
 * (inside a 縦中横 group or a ruby base). */
#define VC_GLUE LAYOUT_GLUE
#define VC_CELLS LAYOUT_CELLS

/* The form character C takes in vertical text: its vertical presentation
 * form (、→︑, 「→﹁, …→︙, ―→︱, ー→丨, ～→︴ …), a half-width ASCII
 * character's full-width one (A→Ａ, (→︵), or C itself. */
uint32_t vert_form(uint32_t c);
/* The character a vertical form stands for (︑→、, ︵→（, 丨→ー, ↓→→);
 * C itself if it is none.  Full-width forms stay full-width. */
uint32_t vert_unform(uint32_t c);

/* A text to be set vertically: a piece's display text, with what tells its
 * groups apart (the 縦中横 spans of its block, the ruby set beside it). */
struct vtext {
	const char *s;           /* the display text, N bytes */
	size_t n;
	int amb;
	const struct doc *d;     /* for ruby readings; NULL: no spans */
	const struct block *b;   /* the block whose spans apply; NULL: none */
	const struct pres *p;    /* display offsets to the block's (NULL: the same) */
	const struct piece *pc;
	bool ruby_aside;         /* ruby is set beside its base: the base takes
	                          * as many slots as its reading */
	int room;                /* cells a line holds: a base with its reading
	                          * beside takes no more, the reading cut (0: no
	                          * bound) */
};

/* The cells of each character of bytes [FROM, TO) of T's text into
 * CELLS[i - FROM] (at the first byte of each character; VC_GLUE or'ed in
 * where no line may break before it): a slot (VSLOT) for most characters,
 * 0 for a combining mark, a slot shared by one or two half-width digits
 * (縦中横), by a 縦中横 span of up to VTCY_MAX characters or by
 * superscript marks two at a time (⁽¹⁾), and the slots a ruby set beside
 * its base needs more than the base.  FROM must be where a line may
 * start (a slot starts there); the result for a character does not depend
 * on where FROM is. */
void vtext_cells(const struct vtext *t, size_t from, size_t to, uint16_t *cells);
/* The cells of N bytes at S set vertically, with no spans (a label). */
size_t vtext_width(const char *s, size_t n, int amb);

/* Characters a 縦中横 group holds at most; longer ones are set one
 * character a slot. */
#define VTCY_MAX 4

/* The characters of a ruby reading: the slots it takes beside its base. */
size_t vruby_len(const char *reading);

#endif
