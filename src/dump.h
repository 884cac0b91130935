/* dump.h: the non-interactive views, --dump and --toc, built on the same
 * presentation and layout engine as the screen. */
#ifndef YOMU_DUMP_H
#define YOMU_DUMP_H

#include <stdbool.h>
#include <stdio.h>

#include "doc.h"
#include "present.h"

/* Where the output stands between documents dumped one after the other
 * as one (the windows of a stream): the last block kind written, and
 * whether anything was. */
struct dump_carry {
	enum block_kind prev;
	bool started;
};

struct dump_opts {
	int width;
	bool hanging;
	int threads; /* threads laying out the text; 0: one per processor */
	struct present_opts pres; /* the ambiguous width, the marks' language, ruby shown or not */
	struct dump_carry *carry; /* NULL: a document of its own; else read and updated */
};

/* The whole document as plain text laid out for a width. */
void dump_document(FILE *out, const struct doc *d, const struct dump_opts *o);
/* The table of contents, one entry per line, two spaces per depth level.
 * HELD: NULL for a whole document; for the windows of a stream, what one
 * leaves to the next (the sections not in it that close it), written
 * before the next one's first chapter or section, or by the caller at
 * the end. */
void dump_toc(FILE *out, const struct doc *d, const struct present_opts *po, struct buf *held);

#endif
