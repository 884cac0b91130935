/* pane.h: the scrolling engine: a pane is a window of rows over a flow of
 * blocks (the body, or a popup's footnote or column), rendered on demand.
 * It knows the document and its rendering only through a small view. */
#ifndef YOMU_PANE_H
#define YOMU_PANE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "render.h"

/* What every pane over one document shares. */
struct view {
	const struct doc *d;
	struct render *rd;
	bool columns_inline; /* columns shown in the body, framed, not as links */
};

struct pos {
	size_t k;   /* index in the pane's flow */
	uint32_t r; /* row in that block, its separator row first */
};

/* A link: a span (a footnote reference, an editor's note, a character the
 * text could only describe) or a column's link line (span -1). */
struct link {
	int32_t block;
	int32_t span;
};

/* A position that survives a reflow: a block and a byte offset. */
struct anchor {
	size_t k;
	uint32_t off;  /* a byte offset; for a synthetic row, its row index */
	bool sep;
	bool synth;    /* the top row is not the block's own text */
};

struct pane {
	const struct view *v;
	int32_t *flow;  /* block indices, ascending */
	size_t n, cap;
	enum render_mode mode;
	struct pos top;
	int x, y, w, h; /* text area on screen; w is the layout width */
	struct link sel;
	bool open_end;  /* the end is not known yet: a document still being read */
	bool end_row;   /* at the end, a row is left below the last (the body: "(END)") */
	/* enum render_dir.  Set vertically, a row is a vertical line: W is its
	 * height in cells (VSLOT a row of the screen), H the lines a page
	 * holds, and the lines stand from right to left, GAP cells apart, in
	 * the area from X (the leftmost line's column) and Y (its top). */
	uint8_t dir;
	uint8_t gap;
};

void pane_init(struct pane *p, const struct view *v, enum render_mode mode);
void pane_free(struct pane *p);
void pane_add(struct pane *p, int32_t block);

const struct rblock *pane_rblock(const struct pane *p, size_t k);
uint32_t pane_block_rows(const struct pane *p, size_t k);
/* The row R of flow entry K (its block's rows in *RBP): NULL for a
 * separator. */
const struct row *pane_row(const struct pane *p, size_t k, uint32_t r, const struct rblock **rbp);
bool pane_next(const struct pane *p, struct pos *at);
bool pane_prev(const struct pane *p, struct pos *at);
/* The last top position that still fills the pane. */
struct pos pane_max_top(const struct pane *p);
void pane_clamp(struct pane *p);
void pane_scroll(struct pane *p, int delta);
bool pane_at_end(const struct pane *p);
/* Where the top row starts in its block, to find it again after a reflow. */
struct anchor pane_anchor(const struct pane *p);
void pane_restore(struct pane *p, struct anchor a);
/* Go to flow entry K, its text at the top. */
void pane_goto_block(struct pane *p, size_t k);
/* The flow entry of BLOCK, or of the nearest block after it (the last if
 * none). */
size_t pane_index_of(const struct pane *p, int32_t block);
/* Scroll so that byte OFF of flow entry K is on screen: left alone if it
 * is already, else its row goes near the top. */
void pane_reveal(struct pane *p, size_t k, uint32_t off);

/* The links on screen, in order; the caller frees *OUT. */
void pane_visible_links(const struct pane *p, struct link **out, size_t *n);
/* Select the next (DIR > 0) or previous link on screen; false if none. */
bool pane_cycle_link(struct pane *p, int dir);
/* Drop the selection if it is no longer on screen. */
void pane_keep_selection_visible(struct pane *p);

#endif
