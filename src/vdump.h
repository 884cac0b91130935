/* vdump.h: --dump --vertical: the document set vertically, as pages of
 * text, with the same rendering and painter as the screen. */
#ifndef YOMU_VDUMP_H
#define YOMU_VDUMP_H

#include <stdbool.h>
#include <stdio.h>

#include "doc.h"
#include "present.h"
#include "render.h"

struct vdump_opts {
	int width, height; /* of a page, in cells */
	int gap;           /* cells between two lines: 0 to 2 (2: ruby beside its base) */
	bool hanging;
	struct present_opts pres;
};

/* The whole document set vertically, page by page: each page HEIGHT lines
 * of at most WIDTH cells (trailing spaces trimmed), the vertical lines
 * from right to left; a line holding a form feed between two pages.
 * Columns are framed in the text, footnotes follow the block (or the
 * column) that first references them. */
void vdump_document(FILE *out, const struct doc *d, const struct vdump_opts *o);

/* The same for documents that follow one another as one (the windows of
 * a stream): the pages go on from one to the next; vdump_end writes the
 * last one and frees V. */
struct vdump;
struct vdump *vdump_begin(FILE *out, const struct vdump_opts *o);
void vdump_feed(struct vdump *v, const struct doc *d);
void vdump_end(struct vdump **v);

/* The lines vdump_document sets, in order, rendered by R in DIR for lines
 * HEIGHT cells high: FN gets row ROW of block BLOCK as rendered in MODE
 * (enum render_mode), BLOCK -1 for a blank line, or VDUMP_MISSING(note)
 * for a row of a footnote the document lacks (render_missing_note). */
#define VDUMP_MISSING(note) (-2 - (int32_t)(note))
#define VDUMP_NOTE_OF(block) (-2 - (block))
typedef void vdump_line_fn(void *ctx, int32_t block, uint32_t row, int mode);
void vdump_walk(const struct doc *d, struct render *r, int height, enum render_dir dir,
                vdump_line_fn *fn, void *ctx);

#endif
