/* plain_impl.h: what the plain-text format's files share: the shapes of
 * its lines (plain_shape.c), the reading of lines with their neighbours
 * and of the sample that decides the layout (plain_read.c), for the
 * assembly of blocks (plain.c).  The rules are doc/plain-format.md's. */
#ifndef YOMU_PLAIN_IMPL_H
#define YOMU_PLAIN_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* The layout, the language, the title and the depths of the headings are
 * decided on this much of the start of the text (all of a shorter one):
 * a streaming parse sees no more before it shows the first screen, and
 * the same bytes decide whatever the pieces. */
#define PLAIN_SAMPLE (16u * 1024u)
/* Wider than this (columns), a line is no heading and no title. */
#define PLAIN_HEADING_MAX 60

/* The ranks of heading shapes, highest first (doc/plain-format.md). */
enum plain_rank { RANK_NONE, RANK_A, RANK_B, RANK_C, RANK_D, RANK_E, RANK_F, RANK_COUNT };

/* A line's heading shape. */
struct plain_shape {
	uint8_t rank;     /* enum plain_rank; RANK_NONE: no heading */
	bool labelled;    /* 第N話, Chapter N, …: a heading wherever a blank line is before it */
	uint32_t body;    /* labelled: where the title after the label starts (or the end) */
};

/* What the sample says about the whole text. */
struct plain_info {
	bool latin;       /* a text in Latin letters, not Japanese */
	bool wrapped;     /* hard-wrapped, not one paragraph per line */
	int tol;          /* T: how far short of the wrap column a full line may fall */
	int wrap;         /* W: the wrap column, 0 if none */
	size_t nlines;    /* N: non-blank lines in the sample */
	size_t wide;      /* lines wider than W + 2 */
	size_t full, full_followed; /* full lines, those followed by a non-blank one */
	int title_lines;  /* lines of the title block (0: none) */
	int scene_gap;    /* blank lines before a paragraph that make a scene break */
	uint8_t depth[RANK_COUNT]; /* the depth of each rank's headings, 1 to 3 */
};

/* ---- plain_shape.c: measures and shapes of one line ---- */

/* Leading spaces, tabs and U+3000 of (S, N): their bytes; *COLS their
 * columns (a tab to the next multiple of 8). */
size_t plain_lead(const char *s, size_t n, int *cols);
/* N less the trailing spaces, tabs and U+3000. */
size_t plain_rtrim(const char *s, size_t n);
/* The columns of (S, N): wide characters 2, combining marks 0, a tab to the
 * next multiple of 8 from column COL0. */
int plain_width(const char *s, size_t n, int col0);
/* After closing brackets and quotes, one of 。．.！？!?… */
bool plain_ends_sentence(const char *s, size_t n);
/* Only ornaments (＊*※◇◆☆★○●・―-=~) and spaces, at most 20 characters. */
bool plain_ornament(const char *s, size_t n);
/* '=' or '-' for a line of three or more of them (a heading's underline), else 0. */
int plain_underline(const char *s, size_t n);
/* A list marker (・, ①, "1. ", "(1) ", …) at the start of (S, N), with the
 * space after it: its bytes, *COLS its columns; 0 if none. */
size_t plain_list_marker(const char *s, size_t n, int *cols);
/* The heading shape of the line (S, N) (no leading or trailing space): its
 * rank, 0 if none. */
int plain_heading_shape(const char *s, size_t n, bool latin, struct plain_shape *h);
/* Can the line (S, N) be a line of the title block? */
bool plain_title_line(const char *s, size_t n, bool latin);
/* Add the Japanese characters (kana, kanji) and Latin letters of (S, N). */
void plain_count_letters(const char *s, size_t n, size_t *ja, size_t *latin);
/* The author line without "by " or a trailing 著, 作, 作者. */
char *plain_author(const char *s, size_t n);

/* ---- plain_read.c: lines with their neighbours; the sample ---- */

/* A line of the body, with what the lines around it say. */
struct plain_line {
	const char *raw;  /* the line without its trailing space */
	size_t rawn;
	const char *s;    /* without its leading space either */
	size_t n;
	int lead;         /* columns of leading space */
	int width;        /* columns of the line, leading space included */
	uint32_t no;      /* 1-based line number */
	int blank;        /* blank lines before it */
	bool first;       /* the first line of the body */
	bool start;       /* it starts a chunk: the first, or after a blank line */
	struct plain_shape head; /* head.rank: it is a heading, by shape and place */
};

typedef void (*plain_line_fn)(void *ctx, const struct plain_line *l);

/* Reads lines fed piece by piece: takes the title block off the start,
 * then hands every body line over once the line after it is known. */
struct plain_reader {
	const struct plain_info *info;
	plain_line_fn fn;
	void *ctx;
	struct buf carry;  /* the start of a line not ended yet */
	struct buf pend;   /* the line waiting for the one after it */
	bool has_pend, pend_first, started;
	int pend_blank, blank, title_left;
	uint32_t pend_no, lineno;
	bool skip;         /* the line just read was an underline taken by its heading */
	struct buf title[3];
	int ntitle;
};

void plain_reader_init(struct plain_reader *r, const struct plain_info *info, plain_line_fn fn,
                       void *ctx);
/* N bytes of text, cut anywhere (a line not ended is kept for the next). */
void plain_reader_feed(struct plain_reader *r, const char *s, size_t n);
/* The input is at its end: hand over what is held. */
void plain_reader_end(struct plain_reader *r);
void plain_reader_free(struct plain_reader *r);

/* Decide the layout, language, title block, scene breaks and heading
 * depths of a text from its sample (S, N). */
void plain_analyse(const char *s, size_t n, struct plain_info *info);
/* How many bytes of (S, N), the start of a text, make its sample. */
size_t plain_sample_len(const char *s, size_t n, bool at_end);
size_t plain_resync(const char *text, size_t len, size_t keep);

#endif
