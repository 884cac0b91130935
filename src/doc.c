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
	xfree(&d->name);
	for (size_t i = 0; i < d->nparts; i++) {
		free(d->parts[i].name);
		free(d->parts[i].title);
		free(d->parts[i].author);
	}
	xfree(&d->parts);
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

/* The contents entries without a body in [*NEXT, END), listed. */
static void
toc_flush_contents(const struct doc *d, size_t *next, size_t end, struct toc_entry **out,
                   size_t *n, size_t *cap, int chapter)
{
	for (; *next < end; (*next)++) {
		const struct block *c = &d->blocks[*next];
		if (c->kind == BLK_CONTENTS && c->section < 0)
			toc_push(out, n, cap, chapter, *next, false, true);
	}
}

/* In a book, each file's entries one level below the file's. */
static void
toc_nest_parts(const struct doc *d, struct toc_entry *e, size_t n)
{
	int base = 0;
	for (size_t i = 0; i < n; i++) {
		if (d->blocks[e[i].block].kind == BLK_PART)
			base = 1;
		else
			e[i].depth += base;
	}
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
			/* the work's title: the root, its headings one below (in a
			 * book, its file's entry, which says the title, stands for it) */
			if (!(i > 0 && d->blocks[i - 1].kind == BLK_PART))
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
		case BLK_PART:
			/* a file of a book: the last one's entries are done */
			toc_flush_contents(d, &next_contents, i, out, &n, &cap, chapter);
			toc_push(out, &n, &cap, 0, i, false, false);
			chapter = depth = 0;
			break;
		default:
			break;
		}
	}
	toc_flush_contents(d, &next_contents, d->nfinal, out, &n, &cap, chapter);
	toc_nest_parts(d, *out, n);
	return n;
}

void
doc_set_title(struct doc *d, const char *s, size_t n)
{
	free(d->title);
	d->title = xstrndup(s, n);
}

void
doc_set_author(struct doc *d, const char *s, size_t n)
{
	free(d->author);
	d->author = xstrndup(s, n);
}

/* ---- a book of several files ---- */

/* Where a file's indices start in the book it is appended to. */
struct part_base {
	int32_t block, note, col, ann;
};

/* What span S's ref indexes, as the base to add to it when its document
 * is appended to another: a footnote, an annotation string, a column or
 * a block (a cross-reference's target), or nothing. */
static int32_t
span_ref_base(const struct span *s, const struct part_base *pb)
{
	if (s->ref < 0)
		return 0;
	switch (s->kind) {
	case SPAN_FNREF:
		return pb->note;
	case SPAN_RUBY:
	case SPAN_NOTE:
	case SPAN_GAIJI:
	case SPAN_KUNTEN:
		return pb->ann;
	case SPAN_XREF:
		return s->style == XREF_COLUMN ? pb->col : s->style == XREF_BLOCK ? pb->block : 0;
	default:
		return 0;
	}
}

static void
append_blocks(struct doc *d, struct doc *part, const struct part_base *pb)
{
	xgrow(&d->blocks, &d->cap, d->nblocks + part->nblocks, sizeof *d->blocks);
	for (size_t i = 0; i < part->nblocks; i++) {
		struct block *b = &d->blocks[d->nblocks++];
		*b = part->blocks[i];
		if (b->column >= 0)
			b->column += pb->col;
		if (b->section >= 0)
			b->section += pb->block;
		for (uint32_t k = 0; k < b->nspans; k++)
			b->spans[k].ref += span_ref_base(&b->spans[k], pb);
	}
	xfree(&part->blocks);
	part->nblocks = part->cap = 0;
}

static void
append_notes(struct doc *d, const struct doc *part, const struct part_base *pb)
{
	size_t n0 = d->nnotes;
	xgrow(&d->notes, &d->notes_cap, d->nnotes + part->nnotes, sizeof *d->notes);
	for (size_t i = 0; i < part->nnotes; i++) {
		struct footnote f = part->notes[i];
		if (f.column >= 0)
			f.column += pb->col;
		if (f.def >= 0)
			f.def += pb->block;
		if (f.ref >= 0)
			f.ref += pb->block;
		d->notes[d->nnotes++] = f;
	}
	/* a note is found by scope and number: a later file's wins, as a
	 * later chapter's would.  The table is rebuilt only when it doubles
	 * (appending many files stays linear). */
	if (d->nnotes * 2 > d->note_hash_cap) {
		free(d->note_hash);
		d->note_hash_cap = d->note_hash_cap ? d->note_hash_cap : 64;
		while (d->note_hash_cap < 2 * d->nnotes)
			d->note_hash_cap *= 2;
		d->note_hash = xmalloc(d->note_hash_cap * sizeof *d->note_hash);
		for (size_t i = 0; i < d->note_hash_cap; i++)
			d->note_hash[i] = -1;
		n0 = 0;
	}
	for (size_t i = n0; i < d->nnotes; i++)
		note_hash_put(d, (int32_t)i);
	xgrow(&d->cols, &d->cols_cap, d->ncols + part->ncols, sizeof *d->cols);
	for (size_t i = 0; i < part->ncols; i++)
		d->cols[d->ncols++] =
			(struct column){part->cols[i].head + pb->block, part->cols[i].end + pb->block};
}

void
doc_append_part(struct doc *d, struct doc *part, const char *name, uint64_t key)
{
	struct doc_part *pp;
	const char *t = part->title ? part->title : name;
	struct part_base pb;

	xgrow(&d->parts, &d->parts_cap, d->nparts + 1, sizeof *d->parts);
	pp = &d->parts[d->nparts++];
	*pp = (struct doc_part){d->nblocks, xstrdup(name), part->title, part->author, key,
	                        part->para_indent};
	doc_add_block(d, BLK_PART, xstrdup(t), strlen(t));
	part->title = part->author = NULL;
	if (!d->lang[0])
		memcpy(d->lang, part->lang, sizeof d->lang);
	pb = (struct part_base){(int32_t)d->nblocks, (int32_t)d->nnotes, (int32_t)d->ncols,
	                        (int32_t)d->ann.len};
	append_notes(d, part, &pb);
	append_blocks(d, part, &pb);
	buf_add(&d->ann, part->ann.p, part->ann.len);
	xgrow(&d->problems, &d->problems_cap, d->nproblems + part->nproblems, sizeof *d->problems);
	for (size_t i = 0; i < part->nproblems; i++)
		d->problems[d->nproblems++] = part->problems[i];
	part->nproblems = 0;
	d->nfinal = d->nblocks;
	doc_free(part);
}

const struct doc_part *
doc_part_of(const struct doc *d, size_t b)
{
	size_t lo = 0, hi = d->nparts;
	/* the last part that starts at or before B */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->parts[mid].first <= b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &d->parts[lo - 1] : NULL;
}

const char *
doc_title_at(const struct doc *d, size_t b)
{
	const struct doc_part *p = doc_part_of(d, b);
	return p ? p->title : d->title;
}

const char *
doc_author_at(const struct doc *d, size_t b)
{
	const struct doc_part *p = doc_part_of(d, b);
	return p ? p->author : d->author;
}

const char *
doc_name_at(const struct doc *d, size_t b)
{
	const struct doc_part *p = doc_part_of(d, b);
	return p ? p->name : d->name;
}

bool
doc_para_indent_at(const struct doc *d, size_t b)
{
	const struct doc_part *p = doc_part_of(d, b);
	return p ? p->para_indent : d->para_indent;
}

struct note_key {
	int32_t ref, note;
};

static int
cmp_note_key(const void *a, const void *b)
{
	const struct note_key *x = a, *y = b;
	if (x->ref != y->ref)
		return x->ref < y->ref ? -1 : 1;
	return (x->note > y->note) - (x->note < y->note);
}

/* The footnotes in the order of the blocks that first reference them. */
int32_t *
doc_notes_by_ref(const struct doc *d)
{
	struct note_key *k = xmalloc((d->nnotes ? d->nnotes : 1) * sizeof *k);
	int32_t *order = xmalloc((d->nnotes ? d->nnotes : 1) * sizeof *order);
	for (size_t f = 0; f < d->nnotes; f++)
		k[f] = (struct note_key){d->notes[f].ref, (int32_t)f};
	qsort(k, d->nnotes, sizeof *k, cmp_note_key);
	for (size_t f = 0; f < d->nnotes; f++)
		order[f] = k[f].note;
	free(k);
	return order;
}
