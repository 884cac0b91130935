/* doc.c: the document model: blocks, footnotes, columns, and the table of
 * contents derived from them. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "util.h"

void
doc_init(struct doc *d)
{
	memset(d, 0, sizeof *d);
}

void
doc_set_decided(struct doc *d, const void *p, size_t n)
{
	xfree(&d->decided);
	d->decided_len = 0;
	if (!p || !n)
		return;
	d->decided = xmalloc(n);
	memcpy(d->decided, p, n);
	d->decided_len = n;
}

void
doc_free(struct doc *d)
{
	for (size_t i = 0; i < d->nblocks; i++) {
		xfree(&d->blocks[i].text);
		xfree(&d->blocks[i].aux);
		xfree(&d->blocks[i].spans);
	}
	xfree(&d->blocks);
	xfree(&d->notes);
	xfree(&d->note_hash);
	xfree(&d->cols);
	buf_free(&d->ann);
	for (size_t i = 0; i < d->nproblems; i++)
		free(d->problems[i].text);
	xfree(&d->problems);
	xfree(&d->title);
	xfree(&d->author);
	xfree(&d->decided);
	for (size_t i = 0; i < d->nmeta; i++) {
		free(d->meta[i].key);
		free(d->meta[i].value);
	}
	xfree(&d->meta);
	doc_init(d);
}

struct block *
doc_add_block(struct doc *d, enum block_kind kind, char *text, size_t len)
{
	struct block *b;
	xgrow(&d->blocks, &d->cap, d->nblocks + 1, sizeof *d->blocks);
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->column = -1;
	b->section = -1;
	b->text = text;
	b->len = (uint32_t)len;
	return b;
}

/* Both the scope and the number reach the bits the slot is taken from:
 * footnotes "1" of a thousand columns must not collide. */
static size_t
note_slot(int32_t scope, int number, size_t cap)
{
	uint64_t h = (uint64_t)(uint32_t)scope * 0x9E3779B97F4A7C15ULL ^
	             (uint64_t)(uint32_t)number * 0xC2B2AE3D27D4EB4FULL;
	h ^= h >> 31;
	h *= 0xFF51AFD7ED558CCDULL;
	h ^= h >> 33;
	return (size_t)h & (cap - 1);
}

int32_t
doc_find_note(const struct doc *d, int32_t scope, int number)
{
	if (!d->note_hash_cap)
		return -1;
	for (size_t i = note_slot(scope, number, d->note_hash_cap);; i = (i + 1) & (d->note_hash_cap - 1)) {
		int32_t f = d->note_hash[i];
		if (f < 0)
			return -1;
		if (d->notes[f].column == scope && d->notes[f].number == number)
			return f;
	}
}

static void
note_hash_put(struct doc *d, int32_t f)
{
	const struct footnote *n = &d->notes[f];
	size_t i = note_slot(n->column, n->number, d->note_hash_cap);
	for (;; i = (i + 1) & (d->note_hash_cap - 1)) {
		int32_t g = d->note_hash[i];
		if (g < 0 || (d->notes[g].column == n->column && d->notes[g].number == n->number)) {
			d->note_hash[i] = f;
			return;
		}
	}
}

int32_t
doc_new_note(struct doc *d, int32_t scope, int number)
{
	struct footnote *f;
	int32_t idx;
	xgrow(&d->notes, &d->notes_cap, d->nnotes + 1, sizeof *d->notes);
	f = &d->notes[d->nnotes];
	f->column = scope;
	f->number = number;
	f->def = -1;
	f->ref = -1;
	idx = (int32_t)d->nnotes++;
	if (d->nnotes * 2 > d->note_hash_cap) {
		/* keep the table at most half full; rebuild it in note order so
		 * that the latest note of each number wins */
		d->note_hash_cap = d->note_hash_cap ? d->note_hash_cap * 2 : 64;
		free(d->note_hash);
		d->note_hash = xmalloc(d->note_hash_cap * sizeof *d->note_hash);
		for (size_t i = 0; i < d->note_hash_cap; i++)
			d->note_hash[i] = -1;
		for (size_t i = 0; i < d->nnotes; i++)
			note_hash_put(d, (int32_t)i);
	} else {
		note_hash_put(d, idx);
	}
	return idx;
}

const char *
block_title(const struct block *b, size_t *len)
{
	*len = b->len - b->body;
	return b->text + b->body;
}

uint32_t
block_first_span(const struct block *b, uint32_t m)
{
	uint32_t lo = 0, hi = b->nspans;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (b->spans[mid].start < m)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo > 0 && b->spans[lo - 1].end > m)
		lo--;
	return lo;
}

bool
span_is_link(const struct span *sp)
{
	return ((sp->kind == SPAN_FNREF || sp->kind == SPAN_NOTE ||
	         (sp->kind == SPAN_GAIJI && sp->style == GAIJI_UNRESOLVED)) && sp->ref >= 0) ||
	       sp->kind == SPAN_XREF || sp->kind == SPAN_URL;
}

bool
doc_in_main_flow(const struct doc *d, size_t i)
{
	const struct block *b = &d->blocks[i];
	if (b->kind == BLK_FOOTNOTE || b->kind == BLK_NOTE)
		return false;
	/* A column is shown in the main flow by its head (a link) only. */
	return b->column < 0 || b->kind == BLK_COLUMN;
}

int32_t
doc_add_ann(struct doc *d, const char *s, size_t n)
{
	size_t at = d->ann.len;
	buf_add(&d->ann, s, n);
	buf_addc(&d->ann, '\0');
	return (int32_t)at;
}

const char *
doc_ann(const struct doc *d, int32_t ref)
{
	return ref >= 0 && (size_t)ref < d->ann.len ? d->ann.p + ref : "";
}

void
doc_add_problem(struct doc *d, uint32_t line, const char *s, size_t n)
{
	xgrow(&d->problems, &d->problems_cap, d->nproblems + 1, sizeof *d->problems);
	d->problems[d->nproblems++] = (struct doc_problem){line, xstrndup(s, n)};
}

void
doc_add_meta(struct doc *d, const char *key, const char *s, size_t n)
{
	xgrow(&d->meta, &d->meta_cap, d->nmeta + 1, sizeof *d->meta);
	d->meta[d->nmeta++] = (struct doc_meta){xstrdup(key), xstrndup(s, n)};
}

void
doc_extend_meta(struct doc *d, const char *s, size_t n)
{
	struct buf b = {0};
	struct doc_meta *m;
	if (!d->nmeta)
		return;
	m = &d->meta[d->nmeta - 1];
	buf_adds(&b, m->value);
	buf_addc(&b, '\n');
	buf_add(&b, s, n);
	free(m->value);
	m->value = buf_steal(&b);
}

const char *
doc_meta(const struct doc *d, const char *key)
{
	for (size_t i = 0; i < d->nmeta; i++)
		if (strcmp(d->meta[i].key, key) == 0)
			return d->meta[i].value;
	return NULL;
}

void
block_add_span(struct block *b, size_t *cap, uint32_t start, uint32_t end, int kind, int style,
               int32_t ref)
{
	xgrow(&b->spans, cap, b->nspans + 1, sizeof *b->spans);
	b->spans[b->nspans++] = (struct span){start, end, (uint8_t)kind, (uint8_t)style, ref};
}

/* Merge the sorted runs [A, M) and [M, Z) of S through TMP; the first run
 * wins ties, so the sort is stable. */
static void
merge_spans(struct span *s, struct span *tmp, size_t a, size_t m, size_t z)
{
	size_t i = a, j = m, k = a;
	while (i < m && j < z)
		tmp[k++] = s[j].start < s[i].start ? s[j++] : s[i++];
	while (i < m)
		tmp[k++] = s[i++];
	while (j < z)
		tmp[k++] = s[j++];
	memcpy(s + a, tmp + a, (z - a) * sizeof *s);
}

void
block_sort_spans(struct block *b)
{
	size_t n = b->nspans;
	struct span *tmp;
	bool sorted = true;
	for (size_t i = 1; i < n && sorted; i++)
		sorted = b->spans[i - 1].start <= b->spans[i].start;
	if (sorted)
		return;
	/* bottom-up merge sort: n log n, and stable */
	tmp = xmalloc(n * sizeof *tmp);
	for (size_t w = 1; w < n; w *= 2)
		for (size_t a = 0; a + w < n; a += 2 * w)
			merge_spans(b->spans, tmp, a, a + w, a + 2 * w < n ? a + 2 * w : n);
	free(tmp);
}

void
doc_complete(struct doc *d)
{
	d->complete = true;
	d->nfinal = d->nblocks;
	/* no spare capacity is kept in the document's arrays */
	if (d->nblocks) {
		d->blocks = xrealloc(d->blocks, d->nblocks * sizeof *d->blocks);
		d->cap = d->nblocks;
	}
}

static void
toc_push(struct toc_entry **out, size_t *n, size_t *cap, int depth, size_t block, bool column,
         bool no_body)
{
	xgrow(out, cap, *n + 1, sizeof **out);
	(*out)[*n] = (struct toc_entry){depth, (int32_t)block, column, no_body};
	(*n)++;
}

size_t
doc_toc(const struct doc *d, struct toc_entry **out)
{
	size_t n = 0, cap = 0;
	size_t next_contents = 0; /* contents entries not yet listed */
	int chapter = d->in_chapter ? 1 : 0;
	int depth = d->depth_before > chapter ? d->depth_before : chapter; /* of the last heading */

	*out = NULL;
	/* only what is final of a document still being read */
	for (size_t i = 0; i < d->nfinal; i++) {
		const struct block *b = &d->blocks[i];
		switch (b->kind) {
		case BLK_TITLE:
			/* the work's title: the root, its headings one below */
			toc_push(out, &n, &cap, 0, i, false, false);
			break;
		case BLK_CHAPTER:
			/* the last chapter's sections not in the document close it */
			for (; next_contents < i; next_contents++) {
				const struct block *c = &d->blocks[next_contents];
				if (c->kind == BLK_CONTENTS && c->section < 0)
					toc_push(out, &n, &cap, chapter, next_contents, false, true);
			}
			toc_push(out, &n, &cap, 0, i, false, false);
			chapter = 1;
			depth = 0;
			break;
		case BLK_SECTION:
			/* Contents entries without a body that come before this
			 * section are listed in their place. */
			for (; next_contents < d->nfinal; next_contents++) {
				const struct block *c = &d->blocks[next_contents];
				if (c->kind != BLK_CONTENTS)
					continue;
				if (c->section == (int32_t)i) {
					next_contents++;
					break;
				}
				if (c->section < 0)
					toc_push(out, &n, &cap, chapter, next_contents, false, true);
			}
			toc_push(out, &n, &cap, chapter, i, false, false);
			depth = chapter;
			break;
		case BLK_HEADING:
			if (b->column >= 0)
				break;
			depth = chapter + b->level;
			toc_push(out, &n, &cap, depth, i, false, false);
			break;
		case BLK_COLUMN:
			toc_push(out, &n, &cap, depth + 1, i, true, false);
			break;
		default:
			break;
		}
	}
	for (; next_contents < d->nfinal; next_contents++) {
		const struct block *c = &d->blocks[next_contents];
		if (c->kind == BLK_CONTENTS && c->section < 0)
			toc_push(out, &n, &cap, chapter, next_contents, false, true);
	}
	return n;
}
