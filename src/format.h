/* format.h: the table of document formats.  Each format is one module that
 * fills one struct of operations and turns clean UTF-8 text (text.c) into
 * the common document model (doc.h); the reading of the input, the reader
 * thread, the screen, search, --dump, --toc and the state file know no
 * format.  Adding a format is one file and one line in format.c's table. */
#ifndef YOMU_FORMAT_H
#define YOMU_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"

struct format {
	const char *name;    /* for --format and the screen */
	const char *summary; /* one line for --format list (marked N_()) */
	/* How much TEXT (the first LEN bytes of a document, cut at a line end)
	 * looks like this format: 0 not at all, to 100.  PATH, the file's
	 * name, may be NULL. */
	int (*detect)(const char *text, size_t len, const char *path);
	/* Parse a document into D (initialised by the caller; D->decided may
	 * hold what a parse of the same text decided before: see doc.h): BEGIN, then
	 * FEED with pieces that end at a line end (or are the last) and need
	 * not outlive the call, then END, which completes D and frees the
	 * state.  After each piece, the blocks before D->nfinal are final. */
	void *(*begin)(struct doc *d);
	void (*feed)(void *state, const char *text, size_t len);
	void (*end)(void *state);
	/* Where in TEXT (LEN bytes from the middle of a document, starting at
	 * a line start) a parse can start afresh and read the rest as a parse
	 * of the whole document would, leaving at least KEEP bytes after it;
	 * 0 if it knows none.  Used to show the end of a large document
	 * before all of it is read. */
	size_t (*resync)(const char *text, size_t len, size_t keep);
};

/* The formats, best-known first; NULL-terminated. */
const struct format *const *format_all(void);
/* Add a format to the table (a test's own format): it is detected, named
 * and listed like the others.  At most a few. */
void format_register(const struct format *f);
/* The format called NAME (any case), or NULL. */
const struct format *format_by_name(const char *name);
/* The format that scores highest on TEXT (the first of equal ones); never
 * NULL. */
const struct format *format_detect(const char *text, size_t len, const char *path);
/* Parse all of TEXT as F into D (initialised here). */
void format_parse(const struct format *f, const char *text, size_t len, struct doc *d);
/* The same for TEXT from the middle of the document PREV (from a fresh
 * start: see resync), read the way PREV's format decided (doc.h). */
void format_parse_after(const struct format *f, const struct doc *prev, const char *text, size_t len,
                        struct doc *d);

#endif
