/* ui.h: the reader's screen for one document: panes, popups, status line,
 * help and the actions keys run.  It draws on a canvas and never calls
 * curses, so the replay mode and the tests see exactly what a terminal
 * would show.  reader.h puts the end of a large document shown before it
 * is all read (G) on top of it. */
#ifndef YOMU_UI_H
#define YOMU_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "canvas.h"
#include "doc.h"
#include "keys.h"
#include "present.h"

/* Below this size the screen says "terminal too small". */
#define UI_MIN_W 20
#define UI_MIN_H 5
/* Below this width the table of contents hides itself (as it does when
 * the document has no headings); t shows it as a list over the whole
 * screen. */
#define UI_TOC_MIN_TOTAL 60
/* The contents pane that follows the window: this share of it (in
 * tenths), at most its longest entry, at least UI_TOC_AUTO_MIN. */
#define UI_TOC_AUTO_TENTHS 3
#define UI_TOC_AUTO_MIN 20

/* text_width = auto: the pane, but at most this many cells of text (40
 * full-width characters, the long end of JLReq's range for horizontal
 * text), centred.  + and - change the measure by UI_MEASURE_STEP cells,
 * down to UI_MIN_MEASURE. */
#define UI_TEXT_WIDTH_AUTO (-1)
#define UI_AUTO_MEASURE 80
#define UI_MEASURE_STEP 2
#define UI_MIN_MEASURE 20

struct ui_opts {
	int text_width;    /* cells of text (the hanging margin beyond them); 0: the
	                    * whole pane; UI_TEXT_WIDTH_AUTO */
	int toc_width;     /* 0: follows the window */
	bool toc_visible;
	bool hanging;
	bool mouse;
	bool columns_inline;       /* columns shown in the body, framed, not as links */
	bool wrap_search;          /* n and N wrap around the ends */
	bool kana_insensitive;     /* search: hiragana matches katakana */
	bool search_regex;         /* the search prompt opens as a regular expression */
	const char *name;          /* the document's name for the status line, or NULL */
	int amb;                   /* cells of an East Asian Ambiguous character (0: 1; tui_run
	                            * resolves auto before the ui sees it) */
	bool vertical;             /* the body is set vertically (縦書き) */
	int vertical_gap;          /* cells between vertical lines: 0 to 2 */
	const struct present_words *words; /* the document's marks; NULL: its language's */
	const char *warning;       /* shown once when the screen opens, or NULL */
	const char *open_command;  /* the open_command setting ("auto", "none", a command) */
	const char *format;        /* the document's format, named on the help screen, or NULL */
	bool ruby_hidden;          /* ruby readings are not shown */
	bool copy_ruby;            /* y: ruby kept as 漢字（かんじ）, not left out */
	const char *copy_command;  /* what carries out a copy (tui.c, replay.c): a
	                            * command, or NULL for the terminal's clipboard */
	int hyperlinks;            /* URLs as OSC 8 hyperlinks (tui.c): enum hyperlink_mode */
};

enum mouse_event { MOUSE_CLICK, MOUSE_WHEEL_UP, MOUSE_WHEEL_DOWN };

struct ui;

/* Where the rest of a document still being read comes from: STEP reads
 * and parses about MAX bytes more (false once the document is complete);
 * PROGRESS tells how much of the input is read, 0 to 1; TAIL, if not NULL,
 * parses the end of the input on its own into OUT (see docload_tail), so
 * that G shows it at once.  A book keeps each file's places through the
 * last two (NULL for one document): MARK, asked after each step, gives a
 * mark whose place became known (a file read later), true while there is
 * one more (a letter already set keeps its place); AT is told the reading
 * position after each key that ran. */
struct ui_loader {
	bool (*step)(void *ctx, size_t max);
	double (*progress)(void *ctx);
	bool (*tail)(void *ctx, size_t keep, struct doc *out, uint64_t *from, uint64_t *total);
	void *ctx;
	bool (*mark)(void *ctx, int *i, uint32_t *block, uint32_t *offset);
	void (*at)(void *ctx, uint32_t block, uint32_t offset);
};

struct ui *ui_new(const struct doc *d, const struct keymap *keys, const struct ui_opts *o, int w,
                  int h);
void ui_free(struct ui **u);
void ui_resize(struct ui *u, int w, int h);
void ui_key(struct ui *u, int32_t key);
void ui_mouse(struct ui *u, enum mouse_event ev, int x, int y);
void ui_draw(struct ui *u, struct canvas *c);
bool ui_done(const struct ui *u);
/* Was an action that redraws the whole terminal run since the last call? */
bool ui_take_redraw(struct ui *u);
/* The reading position: the block and byte offset of the first text on
 * screen.  Setting it scrolls there (as far as the document allows). */
void ui_get_position(struct ui *u, uint32_t *block, uint32_t *offset);
void ui_set_position(struct ui *u, uint32_t block, uint32_t offset);
/* Is the top row the blank row above the top block's text (which a
 * position does not say)?  Put it there (if the block has one). */
bool ui_top_is_gap(struct ui *u);
void ui_top_to_gap(struct ui *u);
/* Mark I (0 to 51: a to z, A to Z): where it is; false if it is not set.
 * Setting it (a block and a byte offset, as a position) or clearing it. */
bool ui_get_mark(const struct ui *u, int i, uint32_t *block, uint32_t *offset);
void ui_set_mark(struct ui *u, int i, bool set, uint32_t block, uint32_t offset);
/* A count being typed (digits before a key), handed from one ui to
 * another (the end of a large document to the whole): false if none. */
bool ui_pending_count(struct ui *u, long *n);
void ui_set_pending_count(struct ui *u, long n);
/* Give the ui a document that is still being read (NULL: it is whole). */
void ui_set_loader(struct ui *u, const struct ui_loader *l);
/* Work done while the user reads: a piece more of the document, then the
 * search index, so that the first key of a search does not wait for it.
 * Returns true while there is more to do. */
bool ui_idle(struct ui *u);
/* Read the rest of the document now. */
void ui_complete(struct ui *u);
/* An action waits for the rest of the document (G, a search, the column
 * list before all is read): keys are queued behind it, q quits at once,
 * Esc stops waiting; ui_idle reads on and then runs them. */
bool ui_waiting(const struct ui *u);
/* KEY waits until the document is read, then goes to the ui. */
void ui_defer_key(struct ui *u, int32_t key);
/* A one-line message for the status line, shown until the next key. */
void ui_message(struct ui *u, const char *msg);
/* The text a copy (y, Y) asks to put on the clipboard since the last
 * call, or NULL; the caller frees it and carries the copy out. */
char *ui_take_clipboard(struct ui *u);
/* The text's measure in cells as changed by + and - (to be remembered
 * with the reading position), or 0 if it is the configured one; setting
 * it (0: the configured one) keeps the first character on screen there. */
int ui_get_measure(const struct ui *u);
void ui_set_measure(struct ui *u, int cells);

/* ---- for the controller above (reader.c) ---- */
/* Popups are open, or the screen is too small: keys are the ui's own. */
bool ui_busy(const struct ui *u);
/* Keys act on the body: no popup, no prompt, the contents not focused. */
bool ui_at_body(const struct ui *u);
/* The rows reading action A scrolls the body by (down > 0, up < 0). */
int ui_action_rows(const struct ui *u, enum action a);
/* Remember the body's position for Backspace. */
void ui_history_push(struct ui *u);
/* Can the body scroll up ROWS rows? */
bool ui_can_scroll_up(const struct ui *u, int rows);
/* Go to the end of the body. */
void ui_goto_end(struct ui *u);
/* The table of contents is on (it shows where there is room). */
bool ui_toc_visible(const struct ui *u);
void ui_set_toc_visible(struct ui *u, bool on);
/* The cells the longest contents entry needs; the pane of U made as wide
 * as entries of CELLS would make it (a tail, like its whole document). */
int ui_toc_longest(const struct ui *u);
void ui_toc_widen(struct ui *u, int cells);
/* Ruby readings are hidden (r switches). */
bool ui_ruby_hidden(const struct ui *u);
void ui_set_ruby_hidden(struct ui *u, bool hidden);
/* The body is set vertically. */
bool ui_vertical(const struct ui *u);
/* Set the body vertically (or not), at the same place in the text. */
void ui_set_vertical(struct ui *u, bool on);
/* The document shown starts at byte FROM of an input of TOTAL bytes (the
 * end of a large one): the percentage is of the whole input. */
void ui_set_byte_range(struct ui *u, uint64_t from, uint64_t total);

#endif
