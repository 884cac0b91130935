/* book_state.h: the reading positions and marks of a book's files, each
 * kept under its own file's key, its blocks counted in the file (so that
 * the file opened alone finds them).  At open every file's entry is
 * loaded: the book opens where it was left last, with the marks of every
 * file (a file not read yet hands its marks to the ui once its part of
 * the book is known); while reading, the place in each file the top of
 * the screen passes through is kept; at quit, the files whose position or
 * marks changed are written, in one state_save.  The ui knows no books:
 * it reads and tells through struct ui_loader (mark, at). */
#ifndef YOMU_BOOK_STATE_H
#define YOMU_BOOK_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "book.h"
#include "state.h"

/* What is known of one file of the book. */
struct book_place {
	bool found;           /* an entry was loaded */
	bool visited;         /* the top of the screen was in the file */
	struct state_doc was; /* the entry loaded, counted in the file */
	struct state_pos at;  /* where the top of the screen was last, in the file */
	uint64_t pending;     /* its marks the ui has not had yet (bit I: mark I) */
};

struct book_state {
	struct book *b;
	struct book_place *f;           /* one per file of B */
	size_t *part_file;              /* the file of each part of the book mapped so far */
	size_t nmapped;
	size_t next_file;               /* the file the next part is looked for from */
	size_t scan;                    /* parts before it have handed their marks */
	int owner[STATE_MARKS];         /* the file whose mark I the ui was given, or -1 */
	bool handed[STATE_MARKS];       /* ... and has been given it, at: */
	struct state_pos handed_at[STATE_MARKS]; /* counted in the book */
};

/* Load the entry of every file of B from SDIR into BS; *ST is made where
 * the book opens (the file remembered last, read through), with the
 * marks of the files read so far, counted in the book.  False if no file
 * has an entry (*ST zero).  *WARNING as state_load's (the caller frees
 * it). */
bool book_state_load(struct book_state *bs, struct book *b, const char *sdir, struct state_doc *st,
                     char **warning);
/* A mark whose place became known as the book is read: true with mark *I
 * at BLOCK, OFFSET (in the book), false when there is none more for now
 * (the ui loader's mark). */
bool book_state_mark(struct book_state *bs, int *i, uint32_t *block, uint32_t *offset);
/* The top of the screen is at BLOCK, OFFSET of the book (the ui loader's
 * at). */
void book_state_at(struct book_state *bs, uint32_t block, uint32_t offset);
/* What to save once the reader quit at ST (in the book, its marks those
 * of the whole book): *KEYS and *DOCS (the caller frees both), the file
 * quit in first, then every other file read whose position or marks
 * changed, each counted in its file.  Returns how many. */
size_t book_state_changes(struct book_state *bs, const struct state_doc *st, uint64_t **keys,
                          struct state_doc **docs);
void book_state_free(struct book_state *bs);

#endif
