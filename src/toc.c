/* toc.c: the table of contents as the reader shows it (see toc.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "toc.h"
#include "util.h"


void
toc_free(struct toc *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->text[i]);
	xfree(&t->text);
	xfree(&t->e);
	t->n = 0;
}

void
toc_build(struct toc *t, const struct present *P)
{
	struct toc_entry *e;
	size_t n = doc_toc(P->d, &e);
	char **text = xcalloc(n ? n : 1, sizeof *text);
	for (size_t i = 0; i < n; i++) {
		if (i < t->n && t->e[i].block == e[i].block && t->e[i].no_body == e[i].no_body &&
		    t->e[i].column == e[i].column) {
			text[i] = t->text[i];
			t->text[i] = NULL;
		} else {
			text[i] = present_toc_text(P, &e[i]);
		}
	}
	toc_free(t);
	t->d = P->d;
	t->e = e;
	t->text = text;
	t->n = n;
	t->complete = P->d->complete;
	if (t->cursor >= t->n)
		t->cursor = t->n ? t->n - 1 : 0;
}

/* Does entry I stand over block B (which comes at or after it)?  A column
 * stands over its own blocks only: the text after it, and a footnote of
 * the narrative defined among its blocks, are the narrative's. */
static bool
covers(const struct toc *t, size_t i, int32_t b)
{
	const struct toc_entry *e = &t->e[i];
	if (e->no_body)
		return false;
	return !e->column || (b >= 0 && t->d->blocks[b].column == t->d->blocks[e->block].column);
}

size_t
toc_entry_of(const struct toc *t, int32_t b)
{
	size_t cur = 0, outer = 0;
	for (size_t i = 0; i < t->n; i++) {
		if (t->e[i].block > b)
			break;
		if (t->e[i].no_body)
			continue;
		if (!t->e[i].column)
			outer = i;
		cur = covers(t, i, b) ? i : outer;
	}
	return cur;
}

size_t
toc_ancestors(const struct toc *t, int32_t block, size_t *idx, size_t max)
{
	size_t cur, n = 0;
	int depth;
	if (t->n == 0 || max == 0)
		return 0;
	cur = toc_entry_of(t, block);
	depth = t->e[cur].depth;
	idx[n++] = cur;
	for (size_t i = cur; i-- > 0 && n < max && depth > 0;) {
		if (t->e[i].no_body || t->e[i].depth >= depth)
			continue;
		idx[n++] = i;
		depth = t->e[i].depth;
	}
	/* outermost first */
	for (size_t i = 0; i < n / 2; i++) {
		size_t x = idx[i];
		idx[i] = idx[n - 1 - i];
		idx[n - 1 - i] = x;
	}
	return n;
}

char *
toc_path(const struct toc *t, const struct present *P, int32_t block)
{
	size_t idx[TOC_PATH_MAX], n = toc_ancestors(t, block, idx, TOC_PATH_MAX);
	struct buf out = {0};
	int top;
	if (n == 0)
		return xstrdup("");
	/* a file of a book stays in its path; the file's own top (a
	 * chapter) is left out where a deeper heading says more */
	top = t->d->blocks[t->e[idx[0]].block].kind == BLK_PART ? 1 : 0;
	for (size_t j = 0; j < n; j++) {
		const struct toc_entry *e = &t->e[idx[j]];
		char *label;
		if (e->depth == top && j + 1 < n)
			continue;
		if (out.len)
			buf_adds(&out, " › ");
		label = present_toc_label(P, e);
		buf_adds(&out, label);
		free(label);
	}
	return buf_steal(&out);
}

void
toc_move(struct toc *t, long delta)
{
	long c = (long)t->cursor + delta;
	if (t->n == 0) {
		t->cursor = 0;
		return;
	}
	if (c < 0)
		c = 0;
	if (c >= (long)t->n)
		c = (long)t->n - 1;
	t->cursor = (size_t)c;
}
