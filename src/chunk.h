/* chunk.h: a document's lines grouped into chunks (runs of non-blank lines
 * between blank lines), fed piece by piece, for the formats that read a
 * paragraph by the blank lines around it.  A chunk is handed over once the
 * first line of the next one is known.  Linear in the input: each line is
 * copied once, and a chunk longer than CHUNK_LOOK bytes (a text with no
 * blank lines) is handed over in parts as it comes instead of held whole. */
#ifndef YOMU_CHUNK_H
#define YOMU_CHUNK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* What of a chunk is held before it is handed over in parts. */
#define CHUNK_LOOK (64u * 1024u)

struct chunk_line {
	const char *s;
	size_t n;
	uint32_t no; /* 1-based line number in the document */
};

/* A chunk, or a part of one, handed over. */
struct chunk_view {
	const struct chunk_line *lines;
	size_t count;
	size_t first;  /* the index in the chunk of lines[0] */
	bool last;     /* the chunk ends with lines[count - 1] */
	int blank;     /* blank lines before the chunk */
	const struct chunk_line *next; /* LAST: the next chunk's first line; NULL at the end */
};

typedef void (*chunk_fn)(void *ctx, const struct chunk_view *v);

struct chunk_held {
	size_t off, n;
	uint32_t no;
};

struct chunker {
	bool trim;        /* lines are handed over without spaces at their ends */
	chunk_fn fn;
	void *ctx;
	struct buf text;  /* the held lines' text */
	struct chunk_held *held;
	size_t nheld, held_cap;
	struct chunk_line *view; /* the lines handed over, pointing into TEXT */
	size_t view_cap;
	size_t done;      /* lines of the open chunk handed over already */
	bool closed;      /* a blank line came after the held chunk */
	int blank, blank_before;
	uint32_t lineno;
};

/* Blank lines are those of spaces only (ASCII and ideographic); with TRIM
 * the others lose the spaces at both ends. */
void chunker_init(struct chunker *k, bool trim, chunk_fn fn, void *ctx);
/* N bytes of text that end with a line end (or are the last). */
void chunker_feed(struct chunker *k, const char *s, size_t n);
/* Hand over what is held: the input is at its end. */
void chunker_end(struct chunker *k);
void chunker_free(struct chunker *k);
/* The lines of V as one string, without line ends, at most MAX bytes of
 * whole lines past the first; OUT is reset first. */
void chunk_text(const struct chunk_view *v, size_t max, struct buf *out);

#endif
