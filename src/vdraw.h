/* vdraw.h: painting vertical lines onto a canvas, for the screen
 * (ui_draw.c) and the vertical --dump (vdump.c): each character in its
 * slot in its vertical form, 縦中横 groups upright, ruby and emphasis
 * marks beside their characters, rules and the frames of columns turned
 * with the text.  It paints the lines the layout made; it never breaks
 * lines. */
#ifndef YOMU_VDRAW_H
#define YOMU_VDRAW_H

#include <stddef.h>
#include <stdint.h>

#include "canvas.h"
#include "render.h"

struct vdraw {
	struct canvas *c;
	const struct render *r;
	int slots;  /* slots in a line: the page's height */
	int gap;    /* cells between two lines, at the right of each */
	/* The element the character at byte DISP of ROW's text (at Y, X on
	 * the canvas) is drawn in; EL is the row's.  NULL: EL. */
	int (*style)(void *ctx, const struct row *row, uint32_t disp, int y, int x, int el);
	void *ctx;
};

/* Line ROW of block B (rendered as RB) with its slots from (Y0, X) down:
 * X is the first of the line's two cells; the gap is at its right. */
void vdraw_row(const struct vdraw *v, size_t b, const struct rblock *rb, const struct row *row,
               int x, int y0, int el);

/* The character shown for C alone in a slot (its vertical form), and for
 * C sharing a slot in a 縦中横 group (half-width). */
uint32_t vdraw_slot_char(uint32_t c, int amb);
uint32_t vdraw_packed_char(uint32_t c);

#endif
