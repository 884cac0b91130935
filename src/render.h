/* render.h: the screen's view of a block: its display rows for a width,
 * laid out from what the presentation (present.h) says the block shows,
 * with the frame of a column shown in the text.  Cached per block, keyed
 * by width and mode; no curses here. */
#ifndef YOMU_RENDER_H
#define YOMU_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "layout.h"
#include "present.h"

enum row_kind { ROW_BLANK, ROW_TEXT, ROW_RULE, ROW_FRAME_TOP, ROW_FRAME_BOTTOM };

enum row_flags {
	ROW_SYNTH = 1,  /* the text is not the block's own (no offsets in it) */
	ROW_LINK = 2,   /* the whole row is a link (a column in the main text) */
	ROW_FRAMED = 4, /* inside a column's frame in the body: draw its sides */
	ROW_BOXED = 8,  /* inside a frame of the text (罫囲み): draw its sides */
	ROW_EMERGENCY = 16, /* broken inside what JLReq keeps together */
};

struct row {
	uint32_t start, end; /* byte range of the piece's display text, trailing
	                      * spaces excluded; ROW_RULE: START is the rule's
	                      * character */
	uint16_t indent;     /* cells before the text */
	uint16_t cells;      /* width of the text */
	uint8_t kind;
	uint8_t flags;
	uint8_t el;          /* enum element of the text */
	uint8_t piece;       /* the presentation's piece it shows */
};

/* How a block is shown: in the main text a column is one link line, and
 * consecutive framed blocks (BF_FRAME) share one frame; in a popup it is
 * shown whole; inline, framed in the main text; a footnote under the
 * block that references it (vertical --dump). */
enum render_mode { RENDER_MAIN, RENDER_POPUP, RENDER_INLINE, RENDER_NOTE };

/* The direction of the lines.  Vertically, a row is a vertical line (a
 * column of slots, see vertical.h), its cells counted from the top; with
 * RENDER_VERTICAL_ASIDE ruby is set beside its base (the gap between the
 * lines is wide enough), not put in the text. */
enum render_dir { RENDER_HORIZONTAL, RENDER_VERTICAL, RENDER_VERTICAL_ASIDE };

struct rblock {
	int width;       /* -1: not rendered */
	int laid;        /* the width its rows were laid out for (less inside a frame) */
	uint8_t mode;
	uint8_t dir;     /* enum render_dir */
	uint32_t n;
	struct row *rows;
	struct pres *pres; /* NULL: every row shows the block's own text */
};

struct render {
	const struct doc *d;
	struct present P;
	struct rblock *rb; /* one per document block */
	size_t nrb;
	bool hanging;
	struct pres scratch;
	struct layout_buf lb;
	uint16_t *vcells;  /* the cells of a text set vertically */
	size_t vcells_cap;
};

void render_init(struct render *r, const struct doc *d, bool hanging, const struct present_opts *o);
void render_free(struct render *r);
/* The document has more blocks: make room for them. */
void render_grow(struct render *r);
/* Forget every cached rendering (after an option changed). */
void render_flush(struct render *r);
const struct rblock *render_block(struct render *r, size_t b, enum render_mode mode, int width);
/* The same in the direction DIR: WIDTH is then the height of a line in
 * cells (VSLOT a character). */
const struct rblock *render_block_dir(struct render *r, size_t b, enum render_mode mode, int width,
                                      enum render_dir dir);
/* The rows of a footnote the document references but does not hold
 * (see present_missing_note), into RB (the caller's; free it with
 * render_rblock_free).  Its rows are all of a text of their own: any
 * block index stands for it. */
void render_missing_note(struct render *r, int32_t note, int width, enum render_dir dir,
                         struct rblock *rb);
void render_rblock_free(struct rblock *rb);
/* Forget block B's rendering (--dump keeps only what it writes). */
void render_forget(struct render *r, size_t b);
/* How the text of a row of block B is set vertically (see vertical.h):
 * its spans and its offsets, for vtext_cells. */
struct vtext;
void render_row_vtext(const struct render *r, size_t b, const struct rblock *rb,
                      const struct row *row, struct vtext *out);
/* The text a row of block B shows, *LEN bytes. */
const char *render_row_text(const struct render *r, size_t b, const struct rblock *rb,
                            const struct row *row, size_t *len);
/* The offset in block B's text of byte DISP of the row's text: where a
 * reading put in stands, for an insertion; UINT32_MAX for a text of its
 * own. */
uint32_t render_row_model(const struct rblock *rb, const struct row *row, uint32_t disp);
/* The element an insertion at byte DISP of the row's text is shown in, or 0
 * for the block's own text. */
int render_row_insert_el(const struct rblock *rb, const struct row *row, uint32_t disp);

#endif
