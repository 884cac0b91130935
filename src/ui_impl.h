/* ui_impl.h: the reader's state, shared by ui.c (keys, mouse and the
 * actions they run) and ui_draw.c (drawing).  Not for other modules. */
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

#endif
