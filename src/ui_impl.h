/* ui_impl.h: the reader's internal state, shared by ui.c (actions),
 * ui_popup.c (popups) and ui_draw.c (drawing).  Not for other modules. */
#ifndef YOMU_UI_IMPL_H
#define YOMU_UI_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "render.h"
#include "search.h"
#include "ui.h"
#include "util.h"

#define UI_HISTORY 64
#define UI_POPUPS 8

struct pos {
	size_t k;   /* index in the pane's flow */
	uint32_t r; /* row in that block, its separator row first */
};

/* A link: a footnote reference (span >= 0) or a column's link line. */
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
	int32_t *flow; /* block indices */
	size_t n;
	enum render_mode mode;
	struct pos top;
	int x, y, w, h; /* text area on screen; w is the layout width */
	struct link sel;
};

enum popup_kind { POP_PANE, POP_LIST };
enum list_kind { LIST_FOOTNOTES, LIST_COLUMNS, LIST_HELP, LIST_MESSAGE, LIST_RESULTS };

struct popup {
	enum popup_kind kind;
	enum list_kind list;
	char *title;
	int x, y, w, h;     /* the frame */
	struct pane pane;   /* POP_PANE */
	char **items;       /* POP_LIST */
	int32_t *payload;
	size_t nitems, cursor, top;
	bool large;         /* a column: nearly the whole screen */
	int32_t col, note;  /* what a pane popup shows: a column, or a footnote */
};

/* A popup to open again when a search is cancelled. */
struct popup_memo {
	int32_t col, note;
	struct anchor at;
};

struct search_ui {
	bool built;               /* the index is built (on the first search) */
	bool built_kana;
	struct search_index ix;
	char *query;              /* the pattern of the matches below */
	char *last;               /* the last accepted pattern: n and N use it */
	size_t nlen;              /* its normalised length */
	size_t *matches;          /* norm offsets, in document order */
	size_t nmatches, cur;
	bool backward;            /* the search went backwards: n goes back */
	/* the prompt */
	bool prompting;
	struct buf input;
	size_t cursor;            /* byte offset in input */
	char **history;
	size_t nhistory, hist_pos;
	struct anchor saved;      /* where the search started */
	struct popup_memo memo[UI_POPUPS];
	int nmemo;
	size_t from;              /* norm offset the incremental search starts at */
};

enum hit_kind { HIT_TOC, HIT_LINK, HIT_LIST };
struct hit {
	int y, x0, x1;
	enum hit_kind kind;
	int32_t a, b;
};

struct ui {
	const struct doc *d;
	const struct keymap *keys;
	struct ui_opts opts;
	struct render rd;
	int W, H;
	bool too_small, toc_shown, focus_toc, quit, redraw;
	int toc_w;
	struct toc_entry *toc;
	char **toc_text;
	size_t ntoc, toc_cursor, toc_top;
	struct pane body;
	uint64_t *flow_bytes; /* bytes before each main-flow block, for % */
	size_t flow_cap, synced, bytes_synced; /* the flow covers blocks [0, synced) */
	bool toc_complete;
	struct ui_loader loader; /* the rest of a document still being read */
	/* G before the document is all read: its end, parsed on its own and
	 * shown by a ui of its own until the whole document is read */
	struct ui *tail;
	struct doc *tail_doc;
	uint64_t byte_base, byte_total; /* a tail's ui: where its text starts in the input, and the input's size */
	struct popup pop[UI_POPUPS];
	int npop;
	struct anchor hist[UI_HISTORY];
	int nhist;
	char *msg;
	struct search_ui sr;
	struct hit *hits;
	size_t nhits, hits_cap;
};

/* ui.c */
const struct rblock *pane_rblock(struct ui *u, const struct pane *p, size_t k);
uint32_t pane_block_rows(struct ui *u, const struct pane *p, size_t k);
const struct row *pane_row(struct ui *u, const struct pane *p, size_t k, uint32_t r,
                           const struct rblock **rbp);
bool pane_next(struct ui *u, const struct pane *p, struct pos *at);
void pane_scroll(struct ui *u, struct pane *p, int delta);
bool pane_at_end(struct ui *u, const struct pane *p);
struct anchor pane_anchor(struct ui *u, const struct pane *p);
void pane_restore(struct ui *u, struct pane *p, struct anchor a);
void pane_goto_block(struct ui *u, struct pane *p, size_t k);
void pane_visible_links(struct ui *u, struct pane *p, struct link **out, size_t *n);
size_t toc_current(struct ui *u);
void toc_jump(struct ui *u, size_t i);
void history_push(struct ui *u);

/* Bring the ui up to the document read so far: every entry point calls
 * it, the reading between keys does not. */
void ui_sync(struct ui *u);
/* The share of the document read so far, 0 to 1. */
double ui_progress(const struct ui *u);

/* ui_search.c */
/* Build the search index now (the document must be complete). */
void search_prepare(struct ui *u);
void search_prompt_open(struct ui *u, bool backward);
void search_prompt_key(struct ui *u, int32_t key);
void search_step(struct ui *u, bool reverse);
void search_results(struct ui *u);
void search_goto_result(struct ui *u, size_t i);
void search_free(struct ui *u);
/* The matches in block B as original byte ranges; CUR gets the index in
 * OUT of the current match, or -1.  The caller frees *OUT. */
size_t search_block_matches(struct ui *u, int32_t b, struct match **out, long *cur);
char *ui_block_path(struct ui *u, int32_t block);

/* ui_popup.c */
struct popup *popup_push_list(struct ui *u, const char *title, enum list_kind kind);
/* Add ITEM (the list takes it) with PAYLOAD; CAP is the caller's counter. */
void popup_list_add(struct popup *pp, size_t *cap, char *item, int32_t payload);
void popup_place(struct ui *u, struct popup *pp);
void popup_close(struct ui *u);
void popup_open_footnote(struct ui *u, int32_t note);
void popup_open_column(struct ui *u, int32_t col);
void popup_open_footnote_list(struct ui *u, struct pane *from);
void popup_open_column_list(struct ui *u);
void popup_open_help(struct ui *u);
void popup_list_action(struct ui *u, enum action a);

#endif
