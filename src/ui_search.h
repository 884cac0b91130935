/* ui_search.h: search as the reader does it: the prompt (incremental,
 * with history), n and N with wrap-around, matches in columns and
 * footnotes opened where they are, the results list, and the matches a
 * block shows.  Works on the screen (screen.h); the document must be
 * complete before any of it (the caller reads the rest first). */
#ifndef YOMU_UI_SEARCH_H
#define YOMU_UI_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "screen.h"
#include "search.h"
#include "toc.h"
#include "util.h"

/* A popup to open again when a search is cancelled. */
struct popup_memo {
	int32_t col, note;
	struct anchor at;
};

struct search_ui {
	struct screen *s;
	const struct toc *toc;
	bool kana;                /* hiragana matches katakana */
	bool wrap;                /* n and N wrap around the ends */
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
	struct popup_memo memo[SCREEN_POPUPS];
	int nmemo;
	size_t from;              /* norm offset the incremental search starts at */
};

void search_ui_init(struct search_ui *sr, struct screen *s, const struct toc *toc, bool kana,
                    bool wrap);
void search_ui_free(struct search_ui *sr);
/* Build the search index now. */
void search_prepare(struct search_ui *sr);
/* The same a piece of about MAX bytes at a time: true while there is more. */
bool search_prepare_step(struct search_ui *sr, size_t max);
/* The index is whole: a search needs no wait. */
bool search_ready(const struct search_ui *sr);
void search_prompt_open(struct search_ui *sr, bool backward);
void search_prompt_key(struct search_ui *sr, int32_t key);
void search_step(struct search_ui *sr, bool reverse);
void search_results(struct search_ui *sr);
/* The matches in block B that touch its model bytes FROM..TO (TO may be
 * UINT32_MAX: the end), as original byte ranges; CUR gets the index in OUT
 * of the current match, or -1.  The caller frees *OUT. */
size_t search_block_matches(const struct search_ui *sr, int32_t b, uint32_t from, uint32_t to,
                            struct match **out, long *cur);

#endif
