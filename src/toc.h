/* toc.h: the table of contents as the reader shows it: its entries and
 * their texts, the entry a block stands under, the path of headings above
 * a block (the status line's "第1節 › 2 › (1)"), and the cursor of the
 * contents pane. */
#ifndef YOMU_TOC_H
#define YOMU_TOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "present.h"

struct toc {
	const struct doc *d;
	struct toc_entry *e;
	char **text;
	size_t n, cursor, top;
	bool complete;      /* built from the whole document */
};

/* Build the contents again for a document that grew (the entries are
 * mostly the same: their texts are kept). */
void toc_build(struct toc *t, const struct present *P);
void toc_free(struct toc *t);
/* The entry block B stands under: the last entry at or before it (0 if
 * none), but for a column's entry only while B is in that column. */
size_t toc_entry_of(const struct toc *t, int32_t b);
/* Entries above a block in a path, at most. */
#define TOC_PATH_MAX 16
/* The entries block B stands under, outermost first, into IDX (at most
 * MAX); returns how many. */
size_t toc_ancestors(const struct toc *t, int32_t b, size_t *idx, size_t max);
/* "第1節 › 2 › (1)": the headings above block B; the caller frees it. */
char *toc_path(const struct toc *t, const struct present *P, int32_t b);
/* Move the cursor by DELTA entries, within the list. */
void toc_move(struct toc *t, long delta);

#endif
