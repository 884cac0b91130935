/* present.h: what each block of a document shows, decided once for the
 * screen (render.c) and --dump (dump.c): its text with what is shown
 * between its characters (ruby readings), marks and labels, the indents
 * of its lines, its alignment, rules, and the words the reader shows
 * about the document (contents entries, column and footnote titles).
 * Between the model and the layout: no widths of its own, no terminal. */
#ifndef YOMU_PRESENT_H
#define YOMU_PRESENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "layout.h"
#include "util.h"

/* Where a block is shown. */
enum pres_ctx {
	PRES_MAIN,  /* in the body: a column is one link line */
	PRES_POPUP, /* in a popup or a column's frame: a column shows its title */
	PRES_NOTE,  /* a footnote printed under the block that references it */
};

enum piece_kind {
	PIECE_TEXT,
	PIECE_RULE,  /* a line of RULE characters across the width */
	PIECE_BLANK, /* an empty line */
};

enum piece_flags {
	PIECE_LINK = 1,    /* the whole piece is a link (a column's link line) */
	PIECE_SYNTH = 2,   /* a text of its own, not the block's */
	PIECE_ZENKAKU = 4, /* the first line's indent is a full-width space (字下げ) */
	PIECE_END = 8,     /* set flush to the line end, END_OFF cells short of it,
	                    * when it fits on one line */
	PIECE_OWN = 16,    /* the text is the block's own text, whole: nothing put in */
	PIECE_CENTER = 32, /* centred when it fits on one line */
};

/* A stretch of a piece's display text. */
struct pseg {
	uint32_t disp;  /* where it starts in the display text */
	uint32_t model; /* where it comes from in the block's text; an insertion: where it stands */
	uint32_t len;
	uint8_t el;     /* 0: the block's own text; else an insertion shown in this element */
};

/* One run of text to lay out (or a rule). */
struct piece {
	uint8_t kind;
	uint8_t el;     /* enum element of its text, or of the rule */
	uint8_t flags;
	bool hang;      /* hanging punctuation is allowed */
	int16_t margin; /* cells before every line (given up on a narrow page) */
	int16_t first, rest; /* indents of the first line and of the others */
	int16_t measure; /* at most this many cells a line (字詰め); 0: the width */
	int16_t end_off; /* PIECE_END: cells short of the line end */
	uint32_t rule;  /* PIECE_RULE: its character */
	uint32_t text, len;  /* the display text: bytes of the output's TEXT */
	uint32_t seg, nsegs; /* its segments in the output's SEGS (none for PIECE_OWN) */
};

/* A block as shown: its pieces in order. */
struct pres {
	struct piece *pc;
	size_t n, pc_cap;
	struct buf text;
	struct pseg *segs;
	size_t nsegs, segs_cap;
};

/* The words shown inside a document (marks, labels): they follow the
 * document's language, not the interface's. */
struct present_words {
	const char *lang;
	const char *photo;         /* before a photo's caption */
	const char *table;         /* before a table's title */
	const char *missing;       /* after what the document refers to and lacks */
	const char *table_missing; /* under a table whose data the text lost */
	const char *footnote;      /* "Footnote", before a footnote's number */
	const char *column;        /* "Column" (a コラム) */
	const char *sep;           /* between a column's title and subtitle, a mark and a name */
	const char *figure;        /* before a figure's description */
	const char *note;          /* a note's popup: a note the format did not understand */
	const char *editor_note;   /* an editor's (入力者) note */
	const char *gaiji;         /* a character not in the text (外字) */
};

/* The words of a language ("ja", "en"); NULL if it has none. */
const struct present_words *present_words_of(const char *lang);

/* The options of how a document is shown. */
struct present_opts {
	int amb; /* cells of an East Asian Ambiguous character: 1 or 2 */
	const struct present_words *words; /* NULL: the document's language's */
	bool ruby_hidden; /* ruby readings are not shown (ruby = hide) */
};

struct present {
	const struct doc *d;
	int amb;
	const struct present_words *w;
	bool ruby_hidden;
	/* set vertically (the renderer's business): widths of labels in
	 * slots, and with RUBY_ASIDE the readings are not put in the text
	 * (they are set beside their bases) */
	bool vertical, ruby_aside;
};

void present_init(struct present *P, const struct doc *d, const struct present_opts *o);
/* Block BI as shown in CTX, into OUT (emptied first, its memory reused). */
void present_block(const struct present *P, size_t bi, enum pres_ctx ctx, struct pres *out);
/* A footnote the document references but does not hold, under its block. */
void present_missing_note(const struct present *P, int32_t note, struct pres *out);
void pres_free(struct pres *p);

/* The display text of piece PC of block BI, *LEN bytes. */
const char *pres_text(const struct pres *p, const struct doc *d, size_t bi,
                      const struct piece *pc, size_t *len);
/* The segment of PC's display text that holds byte DISP; NULL for the
 * block's own text or a text of its own. */
const struct pseg *pres_seg(const struct pres *p, const struct piece *pc, uint32_t disp);
/* The offset in the block's text of byte DISP of PC's display text (for
 * an insertion, where it stands); UINT32_MAX for a text of its own. */
uint32_t pres_to_model(const struct pres *p, const struct piece *pc, uint32_t disp);
/* Lay out TEXT (LEN bytes) of PC for WIDTH cells into LB (see
 * layout_text_buf), with hanging punctuation only if HANG and the piece
 * allow it; *MARGIN gets the margin kept (a narrow page gives it up).  A
 * piece set to the end or centred that fits on one line is one line. */
size_t pres_lay(const struct piece *pc, const char *text, size_t len, int width, bool hang,
                int amb, struct layout_buf *lb, int *margin);
/* The same with the cells of each character given (vertical text: see
 * layout_opts.cells); NULL: their widths. */
size_t pres_lay_cells(const struct piece *pc, const char *text, size_t len, int width, bool hang,
                      int amb, const uint16_t *cells, struct layout_buf *lb, int *margin);

/* No blank line between these two kinds of block (a list, a table's notes). */
bool present_tight(enum block_kind prev, enum block_kind cur);
/* The label in a column's frame that fits WIDTH cells, built in OUT. */
const char *present_frame_label(const struct present *P, int width, struct buf *out);
/* Narrower than this, a column is ruled off instead of framed. */
#define PRESENT_FRAME_MIN 20
/* Cells a column's frame takes from the width: a side and a space each
 * side (at amb 2, a side of two cells). */
#define PRESENT_FRAME_CELLS 4
/* The cells a frame's side or corner takes: box-drawing characters are
 * East Asian Ambiguous, so two where the terminal draws those wide. */
static inline int
present_frame_side(int amb)
{
	return amb == 2 ? 2 : 1;
}
/* The width of a frame drawn in WIDTH cells: at amb 2 an even number, as
 * its rules are runs of two-cell ─ between two-cell corners (the cell left
 * over is outside it, at the right). */
static inline int
present_frame_width(int width, int amb)
{
	return amb == 2 ? width & ~1 : width;
}
/* The cells for text inside a frame drawn in WIDTH cells. */
static inline int
present_frame_inner(int width, int amb)
{
	return present_frame_width(width, amb) - PRESENT_FRAME_CELLS;
}

/* The words the reader shows about the document; the caller frees them. */
char *present_toc_text(const struct present *P, const struct toc_entry *e);
/* A TOC entry's short name for the status line's path ("第1節", "(1)"). */
char *present_toc_label(const struct present *P, const struct toc_entry *e);
char *present_column_title(const struct present *P, int32_t col);
char *present_column_item(const struct present *P, int32_t col);
/* A column's mark and title without its subtitle ("コラム：title"). */
char *present_column_name(const struct present *P, int32_t col);
char *present_note_title(const struct present *P, int32_t note);
char *present_note_label(const struct present *P, int32_t note);
/* A footnote's label and text on one line, for a list. */
char *present_note_summary(const struct present *P, int32_t note);
/* The title of a popup that shows a note of the text (SPAN_NOTE) or a
 * character the text could only describe (SPAN_GAIJI). */
char *present_note_kind(const struct present *P, const struct span *sp);
/* The line shown for a footnote not in the document. */
char *present_note_missing(const struct present *P, int32_t note);

#endif
