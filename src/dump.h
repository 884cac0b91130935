/* dump.h: the non-interactive views, --dump, --toc and --count, built on
 * the same presentation, layout engine and search as the screen. */
#ifndef YOMU_DUMP_H
#define YOMU_DUMP_H

#include <stdbool.h>
#include <stdio.h>

#include "doc.h"
#include "present.h"

struct dump_opts {
	int width;
	bool hanging;
	int threads; /* threads laying out the text; 0: one per processor */
	struct present_opts pres; /* the ambiguous width, the marks' language */
};

/* The whole document as plain text laid out for a width. */
void dump_document(FILE *out, const struct doc *d, const struct dump_opts *o);
/* The table of contents, one entry per line, two spaces per depth level. */
void dump_toc(FILE *out, const struct doc *d, const struct present_opts *po);
/* --count: how many times PATTERN occurs (as the search matches, KANA:
 * hiragana matching katakana); in a book, "NAME:COUNT" for each file. */
void dump_count(FILE *out, const struct doc *d, const char *pattern, bool kana);

#endif
