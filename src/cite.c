/* cite.c: the text and the citation of a place, for copying (see cite.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "cite.h"

void
cite_block_text(const struct doc *d, size_t bi, bool ruby, struct buf *out)
{
	const struct block *b = &d->blocks[bi];
	uint32_t at = 0;
	if (ruby) {
		for (uint32_t s = 0; s < b->nspans; s++) {
			const struct span *sp = &b->spans[s];
			/* readings only: not an annotation or marks beside the text */
			if (sp->kind != SPAN_RUBY || (sp->style & RUBY_KIND_MASK) != RUBY_READING ||
			    sp->end < at || sp->end > b->len)
				continue;
			buf_add(out, b->text + at, sp->end - at);
			at = sp->end;
			buf_adds(out, "（");
			buf_adds(out, doc_ann(d, sp->ref));
			buf_adds(out, "）");
		}
	}
	buf_add(out, b->text + at, b->len - at);
}

/* How a heading's label joins the one before it: labels of one group run
 * together (第4章第1節, 2(1)); a space comes between groups, and around a
 * heading that has no label of its own (its whole text stands for it). */
enum label_group { GROUP_ALONE, GROUP_PARTS, GROUP_NUMBERED };

static enum label_group
label_group(const struct block *b, const struct toc_entry *e)
{
	if (e->column || b->body == 0)
		return GROUP_ALONE;
	return b->kind == BLK_HEADING ? GROUP_NUMBERED : GROUP_PARTS;
}

/* Is S Japanese (a kana or kanji in it)?  A Japanese title is cited as
 * 『題名』, another as “Title”. */
static bool
japanese(const char *s)
{
	size_t n = strlen(s), i = 0;
	while (i < n) {
		uint32_t c;
		i += utf8_get((const uint8_t *)s + i, n - i, &c);
		if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) ||
		    (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF))
			return true;
	}
	return false;
}

/* The title, author or name before the labels; true if a space should
 * come before the first label. */
static bool
cite_source(const struct doc *d, size_t b, struct buf *out)
{
	const char *title = doc_title_at(d, b), *author = doc_author_at(d, b);
	const char *name = doc_name_at(d, b);
	if (title && japanese(title)) {
		if (author)
			buf_adds(out, author);
		buf_printf(out, "『%s』", title);
		return false;
	}
	if (title) {
		if (author)
			buf_printf(out, "%s, ", author);
		buf_printf(out, "“%s”", title);
		return true;
	}
	if (name)
		buf_adds(out, name);
	return name != NULL;
}

void
cite_place(const struct toc *t, const struct present *P, int32_t b, struct buf *out)
{
	const struct doc *d = P->d;
	size_t idx[TOC_PATH_MAX], n = 0;
	bool space, first = true;
	enum label_group prev = GROUP_ALONE;

	if (b < 0 || (size_t)b >= d->nblocks)
		return;
	space = cite_source(d, (size_t)b, out);
	if (t->n && t->e[toc_entry_of(t, b)].block <= b)
		n = toc_ancestors(t, b, idx, TOC_PATH_MAX);
	for (size_t j = 0; j < n; j++) {
		const struct toc_entry *e = &t->e[idx[j]];
		const struct block *hb = &d->blocks[e->block];
		enum label_group g = label_group(hb, e);
		char *label;
		if (hb->kind == BLK_PART || hb->kind == BLK_TITLE)
			continue; /* its title or name came first */
		label = e->column ? present_column_name(P, hb->column) : present_toc_label(P, e);
		if (first ? space : g == GROUP_ALONE || g != prev)
			buf_addc(out, ' ');
		buf_adds(out, label);
		free(label);
		first = false;
		prev = g;
	}
}
