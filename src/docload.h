/* docload.h: a document read and parsed piece by piece: the input layer
 * (load.c) feeding the document's format (format.h), so that the screen
 * can show the start of a large document while the rest is still being
 * read.  It knows no format: it detects one and calls its table. */
#ifndef YOMU_DOCLOAD_H
#define YOMU_DOCLOAD_H

#include <stdbool.h>

#include "doc.h"
#include "format.h"
#include "load.h"

struct docload {
	struct source src;
	const struct format *fmt;
	void *st;       /* the format's parse, or NULL once it is complete */
	struct doc *d;
};

/* Open PATH (see source_open) to be parsed into D (initialised here).  On
 * failure, *ERR is the reason (the caller frees it). */
bool docload_open(struct docload *l, const char *path, const char *encoding, struct doc *d,
                  char **err);
/* Read and parse the first piece as FMT, or as the format detected from
 * it if FMT is NULL. */
void docload_begin(struct docload *l, const struct format *fmt);
/* Read and parse about MAX more bytes; false once the document is
 * complete. */
bool docload_step(struct docload *l, size_t max);
/* Read and parse the rest. */
void docload_finish(struct docload *l);
/* Instead of begin, step and finish: read the input in windows of about
 * WINDOW bytes of text, each cut where the format can start afresh (its
 * resync) and parsed as a document of its own, handed to EMIT and freed:
 * memory stays bounded by the window (and the longest stretch with no
 * fresh start), and the first window is out before the input ends.  FMT
 * as for docload_begin; L->d is not used. */
void docload_windows(struct docload *l, const struct format *fmt, size_t window,
                     void (*emit)(void *ctx, struct doc *d), void *ctx);
/* A tail is worth reading only with this much input still to read. */
#define DOCLOAD_TAIL_SKIP (2u << 20)
#define DOCLOAD_TAIL_MIN (16u << 10)

/* The end of the document, parsed on its own into OUT (initialised here)
 * from a point where a parse can start afresh (the format's resync) that
 * leaves at least KEEP bytes of text: what G shows at once while the rest
 * is still being read.  *FROM gets about where in the input OUT starts,
 * *TOTAL the input's size.  False if the input cannot be read that way, or
 * if little of it is left to read (then read it). */
bool docload_tail(struct docload *l, size_t keep, struct doc *out, uint64_t *from,
                  uint64_t *total);
/* The share of the input read so far, 0 to 1. */
double docload_progress(const struct docload *l);
void docload_close(struct docload *l);

#endif
