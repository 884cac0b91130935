/* ui_impl.h: the reader's state, shared by ui.c (the document as read,
 * the panes' size), ui_action.c (keys, the mouse and the actions they
 * run), ui_draw.c (drawing) and the other ui_*.c.  Not for other modules. */
#ifndef YOMU_UI_IMPL_H
#define YOMU_UI_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "screen.h"
#include "toc.h"
#include "ui.h"
#include "ui_search.h"

/* A region of the screen a click acts on. */
enum hit_kind { HIT_TOC, HIT_LINK, HIT_LIST };
struct hit {
	int y, x0, x1;
	enum hit_kind kind;
	int32_t a, b;
};

/* A mark: a place in the document, kept as the reading position is. */
struct ui_mark {
	bool set;
	uint32_t block, offset;
};
/* a to z, A to Z (state.h's order) */
#define UI_MARKS 52
/* A count typed before a key stops growing here. */
#define UI_COUNT_MAX 1000000

struct ui {
	const struct doc *d;
	const struct keymap *keys;
	struct ui_opts opts;
	struct screen s;          /* the body, popups, history, message */
	struct toc toc;
	struct search_ui sr;
	bool too_small, toc_shown, focus_toc, quit, redraw;
	bool match_shown;         /* the current match was drawn in the body */
	int toc_w;
	int toc_longest;          /* cells the longest contents entry needs */
	int toc_longest_min;      /* ... at least (ui_toc_widen) */
	size_t toc_measured;      /* the entries it was measured over */
	bool counting;            /* digits are being typed before a key */
	long count;
	enum action letter_for;   /* m or ' waiting for its letter, or ACT_NONE */
	struct ui_mark marks[UI_MARKS];
	uint64_t *flow_bytes;     /* bytes before each body block, for % */
	size_t synced, bytes_synced; /* the body covers blocks [0, synced) */
	struct ui_loader loader;  /* the rest of a document still being read */
	uint64_t byte_base, byte_total; /* see ui_set_byte_range */
	struct hit *hits;
	size_t nhits, hits_cap;
	/* Waiting for the rest of the document: an action that needs it all
	 * (G, a search, the column list), and the keys typed since, run
	 * once it is read (ui_idle reads it a piece at a time meanwhile). */
	bool waiting;
	enum action pending;      /* or ACT_NONE */
	int32_t *queue;
	size_t nqueue, queue_cap;
	int measure;              /* cells of text; 0: the whole pane */
	int room;                 /* cells of text at the body's whole width (ui_resize) */
	char *clip;               /* a copy asked for (ui_take_clipboard), or NULL */
};

/* Bring the ui up to the document read so far: every entry point calls
 * it, the reading between keys does not. */
void ui_sync(struct ui *u);
/* The share of the document read so far, 0 to 1. */
double ui_progress(const struct ui *u);
/* Scroll the contents pane so that its current entry (or the cursor)
 * shows, as drawing does. */
void ui_toc_follow(struct ui *u);
/* Place the body set vertically in the BODY_W columns from BODY_X
 * (ui_vertical.c). */
void ui_vertical_body(struct ui *u, int body_x, int body_w);
/* The TOC entry of the body's top. */
size_t ui_toc_current(const struct ui *u);
/* Go to the contents entry I (a jump). */
void ui_toc_jump(struct ui *u, size_t i);
/* The body's flow entry and anchor of byte OFFSET of BLOCK (the nearest
 * block in the body if it is not there), reading the document up to it;
 * false if the document has no such block. */
bool ui_anchor_of(struct ui *u, uint32_t block, uint32_t offset, struct anchor *a);

/* Wait for the rest of the document before action A, which needs all of
 * it: true if it is read (A may go on), else A waits (see ui_idle). */
bool ui_need_whole(struct ui *u, enum action a);
/* Marks may still come with the rest of the document (a book's files
 * read later: see ui_loader.mark). */
bool ui_marks_later(const struct ui *u);
/* A key while waiting: q quits at once, Esc stops waiting (the rest is
 * still read between keys), any other key waits its turn. */
void ui_waiting_key(struct ui *u, int32_t key);

/* ---- ui_action.c: keys, the mouse, the actions they run ---- */
/* Run the reading action A on the pane keys act on. */
void ui_reader_action(struct ui *u, enum action a);

/* ---- ui_help.c ---- */
/* Open the help screen for the screen's width. */
void ui_open_help(struct ui *u);

/* ---- ui_jump.c: counts, marks, percentages, the contents as a list ---- */
/* A key that belongs to a count or to m or ' before it: true if taken. */
bool ui_prefix_key(struct ui *u, int32_t key);
/* The count typed before the key being run (1 if none), and whether there
 * was one; the count is then done with. */
long ui_take_count_for(struct ui *u, bool *counted);
/* What the status line shows while a count or a mark's letter is typed,
 * or NULL; the caller frees it. */
char *ui_prefix_text(const struct ui *u);
/* Go to N percent of the document (a jump). */
void ui_goto_percent(struct ui *u, long n);
/* m, ' and M. */
void ui_mark_action(struct ui *u, enum action a);
/* The contents as a full-screen list, for a window too narrow for the
 * pane. */
void ui_open_contents_list(struct ui *u);
/* The contents pane's width for the window (see UI_TOC_AUTO_TENTHS). */
/* Measure the contents entries that came since the last call; a pane
 * that follows the window is laid out again if that widens it. */
void ui_toc_measure(struct ui *u);
int ui_toc_width(const struct ui *u);
/* "x: no action here — h for help" in the status line. */
void ui_no_action(struct ui *u, int32_t key);
/* y (the place, and its citation under it) and Y (the citation only):
 * ui_copy.c. */
void ui_copy(struct ui *u, bool citation_only);
/* Ask for LEN bytes of TEXT to be put on the clipboard (ui_take_clipboard
 * hands it to tui.c); a later request replaces an earlier one. */
void ui_copy_text(struct ui *u, const char *text, size_t len);
/* + - =: ui_measure.c. */
void ui_measure_action(struct ui *u, enum action a);

#endif
