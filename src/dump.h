/* dump.h: the non-interactive views, --dump and --toc, built on the same
 * presentation and layout engine as the screen. */
#ifndef YOMU_DUMP_H
#define YOMU_DUMP_H

#include <stdbool.h>
#include <stdio.h>

#include "doc.h"

struct dump_opts {
	int width;
	bool hanging;
	int threads; /* threads laying out the text; 0: one per processor */
	int amb;     /* cells of an East Asian Ambiguous character: 1 or 2 */
	bool ruby_hidden; /* ruby readings are not shown */
};

/* The whole document as plain text laid out for a width. */
void dump_document(FILE *out, const struct doc *d, const struct dump_opts *o);
/* The table of contents, one entry per line, two spaces per depth level. */
void dump_toc(FILE *out, const struct doc *d);

#endif
