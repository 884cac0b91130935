/* dump.h: the non-interactive views, --dump and --toc, built on the same
 * layout engine as the screen. */
#ifndef YOMU_DUMP_H
#define YOMU_DUMP_H

#include <stdbool.h>
#include <stdio.h>

#include "doc.h"

struct dump_opts {
	int width;
	bool hanging;
	int threads; /* threads laying out the text; 0: one per processor */
};

/* The whole document as plain text laid out for a width. */
void dump_document(FILE *out, const struct doc *d, const struct dump_opts *o);
/* The table of contents, one entry per line, two spaces per depth level. */
void dump_toc(FILE *out, const struct doc *d);
/* The line of a contents entry: label, title, page, and a mark when its
 * section is not in the document.  The caller frees it. */
char *dump_contents_text(const struct block *b);
/* The text of a TOC entry (label, title, marks); the caller frees it. */
char *dump_toc_text(const struct doc *d, const struct toc_entry *e);

#endif
