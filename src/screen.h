/* screen.h: what the reader's screen holds below its actions: the body
 * pane, the popups over it (kinds as data: a descriptor says what each
 * kind shows and what choosing an item does), the history of jumps and
 * the status line's message.  The table of contents, search and the
 * actions (toc.c, ui_search.c, ui.c) work through it; it calls none of
 * them. */
#ifndef YOMU_SCREEN_H
#define YOMU_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "keys.h"
#include "pane.h"
#include "present.h"
#include "render.h"

#define SCREEN_HISTORY 64
#define SCREEN_POPUPS 8

enum popup_flags {
	POPK_PANE = 1,   /* shows blocks in a pane (a footnote, a column) */
	POPK_CURSOR = 2, /* a list with a cursor; else a list that scrolls */
	POPK_LARGE = 4,  /* nearly the whole screen */
	POPK_WIDE = 8,   /* at least 60 columns wide where the screen allows */
};

/* A kind of popup. */
struct popup_kind {
	unsigned flags;
	/* Enter on item PAYLOAD of a list; OWNER is what push gave. */
	void (*select)(void *owner, int32_t payload);
	/* Keys that choose at once: the Nth selects payload N; or NULL. */
	const char *keys;
};

struct popup_item {
	char *text;
	int32_t payload;
};

struct popup {
	const struct popup_kind *kind;
	void *owner;
	char *title;
	int x, y, w, h;           /* the frame */
	struct pane pane;         /* POPK_PANE */
	struct popup_item *items; /* a list */
	size_t nitems, items_cap, cursor, top;
	int32_t col, note;        /* what a pane popup shows: a column, or a footnote */
};

struct screen {
	const struct doc *d;
	struct render rd;
	struct view view;
	struct pane body;
	int W, H;
	int avoid_x;  /* popups that are not large stay right of this column */
	struct popup pop[SCREEN_POPUPS];
	int npop;
	struct anchor hist[SCREEN_HISTORY];
	int nhist;
	char *msg;    /* the status line's message until the next key, or NULL */
};

extern const struct popup_kind popup_footnote, popup_column, popup_footnote_list,
	popup_column_list, popup_help, popup_message;

void screen_init(struct screen *s, const struct doc *d, bool hanging,
                 const struct present_opts *po, bool columns_inline);
void screen_free(struct screen *s);
void screen_message(struct screen *s, const char *msg);
/* The pane keys act on: the top popup's, the body, or NULL (a list). */
struct pane *screen_reader_pane(struct screen *s);
/* The top popup if it is a list, else NULL. */
struct popup *screen_top_list(struct screen *s);

/* ---- history: where the body was before each jump ---- */
void screen_history_push(struct screen *s);
bool screen_history_back(struct screen *s);

/* ---- popups ---- */
struct popup *popup_push(struct screen *s, const struct popup_kind *k, const char *title,
                         void *owner);
/* Add ITEM (the list takes it) with PAYLOAD. */
void popup_add(struct popup *pp, char *item, int32_t payload);
void popup_place(struct screen *s, struct popup *pp);
void popup_close(struct screen *s);
void popup_close_all(struct screen *s);
/* A list's move or choice; false if A is not one of the list's actions. */
bool popup_list_action(struct screen *s, enum action a);
/* KEY on the top list, if its kind has keys of its own: true if taken. */
bool popup_list_key(struct screen *s, int32_t key);

void screen_open_footnote(struct screen *s, int32_t note);
void screen_open_column(struct screen *s, int32_t col);
/* The text of a note, or of a character the text could only describe:
 * span SPAN of BLOCK. */
void screen_open_note(struct screen *s, int32_t block, int32_t span);
/* The footnotes referenced on pane P; false if there are none. */
bool screen_open_footnote_list(struct screen *s, const struct pane *p);
void screen_open_column_list(struct screen *s);

#endif
