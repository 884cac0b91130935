/* bluebook.c: the Bluebook format: turns the text of a page-layout
 * extraction back into a document: headings by depth, paragraphs joined
 * across page breaks, footnotes per scope, columns with their real extent,
 * figures out of the flow.  The conventions it relies on are written down
 * in doc/bluebook-format.md. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bluebook.h"
#include "bluebook_impl.h"
#include "chunk.h"
#include "doc.h"
#include "format.h"
#include "i18n.h"
#include "scan.h"
#include "util.h"

/* A caption longer than this (in characters) is body text. */
#define CAPTION_MAX_CHARS 150

/* A chunk's whole text is looked at up to this many bytes: a caption, a
 * column's style or its end are told by far less. */
#define CHUNK_TEXT_MAX (CHUNK_LOOK / 2)

/* What the parser builds for each block before its inline markup is read. */
struct pblock {
	char *label;
	const char *sep; /* between label and text */
	struct buf raw;
	int32_t *refs;   /* the footnote of each reference, in text order */
	size_t nrefs, refs_cap;
};

enum expect { EXPECT_NONE, EXPECT_CHAPTER_TITLE, EXPECT_SECTION_TITLE, EXPECT_COLUMN_TITLE };

struct parser {
	struct doc *d;
	struct chunker ck;
	const struct chunk_view *cv; /* the chunk (part) being read */
	int32_t item;        /* the block the chunk's lines go to, or -1 */
	bool chunk_open;     /* the chunk was handed over in part: more of it comes */
	size_t nfinished;    /* blocks whose inline markup is done */
	struct pblock *pb; /* for blocks [pb_base, nblocks): those not finished */
	size_t pb_cap, pb_base;
	struct contents_ref {
		int32_t block;
		char *label; /* "第2節": its block may be finished before the section comes */
	} *contents;
	size_t ncontents, contents_cap;
	int32_t column;    /* current column, or -1 for the main text */
	int32_t open_main; /* main paragraph cut by a page break, or -1 */
	int32_t open_col;  /* column paragraph cut by a page break, or -1 */
	enum expect expect;
	int32_t expect_block;
	long heading_no[SHAPE_CIRCLE + 1]; /* the last heading's number at each
	                                    * label depth; 0: none since the
	                                    * heading above it */
	/* of the narrative [0] and the current column [1]: the last footnote
	 * defined (its number and block) and the last paragraph */
	long note_no[2];
	int32_t note_block[2], para[2];
	bool refs_seen[2]; /* references were found (else their marks were lost) */
};

/* The parser's data of block B, which is not finished yet. */
static struct pblock *
pbk(struct parser *p, int32_t b)
{
	return &p->pb[(size_t)b - p->pb_base];
}

/* ---- footnote references, seen while assembling ---- */

/* Give each footnote reference in S (⁽N⁾ always, a bare superscript
 * number only where BARE: inside a column) its footnote in SCOPE, and note
 * them in BLOCK's list. */
static void
scan_refs(struct parser *p, const char *s, size_t n, bool bare, int32_t scope, int32_t block)
{
	size_t i = 0, end;
	while (i < n) {
		int num;
		/* ⁽ and the superscript digits start with the bytes E2 or C2
		 * (¹²³, bare only): everything else is passed over */
		const char *q = memchr(s + i, 0xE2, n - i);
		size_t next = q ? (size_t)(q - s) : n;
		if (bare && (q = memchr(s + i, 0xC2, next - i)) != NULL)
			next = (size_t)(q - s);
		if (next >= n)
			break;
		num = scan_fnref(s, n, next, bare, &end);
		i = end;
		if (num >= 0) {
			/* a number whose footnote was already defined starts a
			 * new footnote: the numbering began again */
			int32_t f = doc_find_note(p->d, scope, num);
			struct pblock *pb = pbk(p, block);
			if (f < 0 || p->d->notes[f].def >= 0)
				f = doc_new_note(p->d, scope, num);
			if (p->d->notes[f].ref < 0)
				p->d->notes[f].ref = block;
			xgrow(&pb->refs, &pb->refs_cap, pb->nrefs + 1, sizeof *pb->refs);
			pb->refs[pb->nrefs++] = f;
			p->refs_seen[scope >= 0] = true;
		}
	}
}

static bool
has_main_ref(const char *s, size_t n)
{
	return scan_find(s, n, "⁽") != NULL;
}

/* Referenced in SCOPE and not yet defined. */
static bool
note_pending(const struct parser *p, int32_t scope, long number)
{
	int32_t f;
	if (number < 0 || number > 100000)
		return false;
	f = doc_find_note(p->d, scope, (int)number);
	return f >= 0 && p->d->notes[f].ref >= 0 && p->d->notes[f].def < 0;
}

/* ---- building blocks ---- */

static int32_t
new_block(struct parser *p, enum block_kind kind, uint32_t lineno)
{
	struct block *b = doc_add_block(p->d, kind, NULL, 0);
	size_t i = p->d->nblocks - 1;
	xgrow(&p->pb, &p->pb_cap, p->d->nblocks - p->pb_base, sizeof *p->pb);
	memset(pbk(p, (int32_t)i), 0, sizeof *p->pb);
	pbk(p, (int32_t)i)->sep = "";
	b->line = lineno;
	b->column = p->column;
	return (int32_t)i;
}

static void
set_label(struct parser *p, int32_t blk, const char *s, size_t n, const char *sep)
{
	pbk(p, blk)->label = xstrndup(s, n);
	pbk(p, blk)->sep = sep;
}

/* Where a "⁽" that ends the N bytes at S with only superscript digits
 * after it, its "⁾" still to come, starts; else N. */
static size_t
open_ref_start(const char *s, size_t n)
{
	size_t i = n, st;
	while (i > 0) {
		uint32_t c = scan_last_cp(s, i, &st);
		if (c == 0x207D)
			return st;
		if (scan_superscript_digit(c) < 0)
			break;
		i = st;
	}
	return n;
}

/* Append text to a block, joining lines the way the page broke them: no
 * space between Japanese characters, one between two Latin words. */
static void
append_text(struct parser *p, int32_t blk, const char *s, size_t n)
{
	struct buf *r = &pbk(p, blk)->raw;
	size_t from;
	if (n == 0)
		return;
	if (r->len) {
		uint32_t a = scan_last_cp(r->p, r->len, NULL);
		uint32_t b = scan_cp_at(s, n, 0, NULL);
		if (a < 0x80 && b < 0x80 && a != ' ' && b != ' ' && a != '\n')
			buf_addc(r, ' ');
	}
	/* Fuzzing fix (tests/fuzz/crashes/layout/): a reference the page
	 * broke across lines ("…⁽" then "⁷⁾…") is scanned whole, from its
	 * "⁽", so that it gets its footnote here like any other.  It was left
	 * to parse_inline's fallback, which linked it only if that footnote
	 * existed when the block was finished: not the same when the input
	 * comes in pieces. */
	from = open_ref_start(r->p, r->len);
	buf_add(r, s, n);
	{
		const struct block *bl = &p->d->blocks[blk];
		/* a footnote's own text references nothing */
		if (bl->kind != BLK_FOOTNOTE)
			scan_refs(p, r->p + from, r->len - from, bl->column >= 0, bl->column, blk);
	}
}

static void
close_column(struct parser *p)
{
	if (p->column >= 0) {
		p->d->cols[p->column].end = (int32_t)p->d->nblocks;
		p->column = -1;
		p->open_col = -1;
	}
}

static void
close_paragraphs(struct parser *p)
{
	p->open_main = -1;
	p->open_col = -1;
}

static int32_t
add_simple(struct parser *p, enum block_kind kind, const struct chunk_line *l, size_t text_off)
{
	int32_t b = new_block(p, kind, l->no);
	append_text(p, b, l->s + text_off, l->n - text_off);
	return b;
}

/* ---- the chunk-level classifier ---- */

/* Is the chunk being read one line long? */
static bool
one_line_chunk(const struct parser *p)
{
	return p->cv->first == 0 && p->cv->last && p->cv->count == 1;
}

static bool
next_chunk_is_table_note(const struct parser *p)
{
	const struct chunk_line *l = p->cv->last ? p->cv->next : NULL;
	return l && shape_table_note(l->s, l->n);
}

static void
start_column(struct parser *p, const struct chunk_line *l)
{
	struct doc *d = p->d;
	int32_t b;
	close_column(p);
	p->open_col = -1;
	xgrow(&d->cols, &d->cols_cap, d->ncols + 1, sizeof *d->cols);
	b = new_block(p, BLK_COLUMN, l->no);
	d->blocks[b].column = (int32_t)d->ncols;
	d->cols[d->ncols].head = b;
	d->cols[d->ncols].end = b + 1;
	p->column = (int32_t)d->ncols++;
	p->note_no[1] = 0;
	p->note_block[1] = p->para[1] = -1;
	p->refs_seen[1] = false;
	p->expect = EXPECT_COLUMN_TITLE;
	p->expect_block = b;
}

/* Split "title subtitle" at the first space between two non-Latin
 * characters (Latin words keep their spaces): the column's text is the
 * title, a line end, and the subtitle, all of it read and searched. */
static void
set_column_title(struct parser *p, int32_t b, const char *s, size_t n)
{
	size_t i = 0, len;
	while (i < n) {
		uint32_t c = scan_cp_at(s, n, i, &len);
		if (scan_is_space(c) && i > 0) {
			uint32_t before = scan_last_cp(s, i, NULL);
			size_t j = scan_skip_spaces(s, n, i);
			uint32_t after = scan_cp_at(s, n, j, NULL);
			if (before >= 0x80 && after >= 0x80 && j < n) {
				append_text(p, b, s, i);
				append_text(p, b, "\n", 1);
				append_text(p, b, s + j, n - j);
				return;
			}
		}
		i += len;
	}
	append_text(p, b, s, n);
}

static void
handle_title(struct parser *p, const struct chunk_line *l)
{
	int32_t b = p->expect_block;
	if (p->expect == EXPECT_COLUMN_TITLE)
		set_column_title(p, b, l->s, l->n);
	else
		append_text(p, b, l->s, l->n);
	p->expect = EXPECT_NONE;
}

static void
match_section(struct parser *p, int32_t sec)
{
	struct doc *d = p->d;
	const char *lab = pbk(p, sec)->label;
	for (size_t k = 0; k < p->ncontents; k++) {
		int32_t i = p->contents[k].block;
		if (d->blocks[i].section < 0 && strcmp(p->contents[k].label, lab) == 0) {
			d->blocks[i].section = sec;
			d->blocks[i].has_body = true;
			return;
		}
	}
}

/* "第N節  title  page" in the contents list. */
static bool
try_contents(struct parser *p, const struct chunk_line *l)
{
	size_t lab = shape_ordinal(l->s, l->n, "節"), i, st, page_start;
	int32_t b;
	if (!lab || lab >= l->n || !scan_is_space(scan_cp_at(l->s, l->n, lab, NULL)))
		return false;
	/* the page number at the end */
	page_start = l->n;
	while (page_start > 0 && scan_digit(scan_last_cp(l->s, page_start, &st)) >= 0)
		page_start = st;
	if (page_start == l->n || page_start == 0 || !scan_is_space(scan_last_cp(l->s, page_start, NULL)))
		return false;
	i = scan_skip_spaces(l->s, l->n, lab);
	{
		size_t tend = page_start;
		while (tend > i && scan_is_space(scan_last_cp(l->s, tend, &st)))
			tend = st;
		if (tend <= i)
			return false;
		b = new_block(p, BLK_CONTENTS, l->no);
		p->d->blocks[b].column = -1;
		xgrow(&p->contents, &p->contents_cap, p->ncontents + 1, sizeof *p->contents);
		p->contents[p->ncontents].block = b;
		p->contents[p->ncontents++].label = xstrndup(l->s, lab);
		set_label(p, b, l->s, lab, "\u3000");
		append_text(p, b, l->s + i, tend - i);
		p->d->blocks[b].aux = xstrndup(l->s + page_start, l->n - page_start);
	}
	return true;
}

static void
add_text(struct parser *p, const struct chunk_line *l, bool continuation, int32_t *item)
{
	struct buf whole = {0};
	const char *ws;
	size_t wn;
	int32_t b;

	if (continuation && *item >= 0) {
		append_text(p, *item, l->s, l->n);
		goto done;
	}
	/* the whole chunk, when it is looked at: most are one line, used as
	 * it is */
	if (one_line_chunk(p)) {
		ws = l->s;
		wn = l->n;
	} else if (p->cv->blank >= 2 || (p->column >= 0 && p->open_col < 0)) {
		chunk_text(p->cv, CHUNK_TEXT_MAX, &whole);
		ws = whole.p;
		wn = whole.len;
	} else {
		ws = NULL;
		wn = 0;
	}
	/* A caption: a short line after a run of blank lines (the photo's
	 * space), not a sentence. */
	if (p->cv->blank >= 2 && wn <= 4 * CAPTION_MAX_CHARS && scan_count_chars(ws, wn) <= CAPTION_MAX_CHARS &&
	    !shape_ends_sentence(ws, wn)) {
		*item = add_simple(p, BLK_CAPTION, l, 0);
		goto done;
	}
	if (p->column >= 0) {
		if (p->open_col >= 0) {
			*item = p->open_col;
			append_text(p, *item, l->s, l->n);
			goto done;
		}
		/* The main narrative resumes: its style, or its footnote
		 * markers, end the column. */
		if (shape_style(ws, wn) == STYLE_PLAIN || has_main_ref(ws, wn))
			close_column(p);
	}
	if (p->column < 0 && p->open_main >= 0) {
		*item = p->open_main;
		append_text(p, *item, l->s, l->n);
		goto done;
	}
	b = new_block(p, BLK_PARA, l->no);
	append_text(p, b, l->s, l->n);
	p->para[p->column >= 0] = b;
	*item = b;
done:
	buf_free(&whole);
	/* Whether the paragraph is left open is known at the chunk's end. */
	if (*item >= 0 && p->d->blocks[*item].kind == BLK_PARA) {
		const struct buf *r = &pbk(p, *item)->raw;
		bool open = !shape_ends_sentence(r->p, r->len);
		if (p->d->blocks[*item].column >= 0)
			p->open_col = open ? *item : -1;
		else
			p->open_main = open ? *item : -1;
	}
}

/* "第N章 title" or "第N節 title", the title maybe on the next line: a
 * chapter or section heading, which ends any column and paragraph. */
static bool
try_ordinal_heading(struct parser *p, const struct chunk_line *l, const char *unit, enum block_kind kind,
                    enum expect title)
{
	size_t off = shape_ordinal_heading(l->s, l->n, unit);
	int32_t b;
	if (off == 0)
		return false;
	close_column(p);
	close_paragraphs(p);
	memset(p->heading_no, 0, sizeof p->heading_no);
	if (kind == BLK_CHAPTER) {
		/* footnotes are numbered afresh in every chapter */
		p->note_no[0] = 0;
		p->note_block[0] = p->para[0] = -1;
		p->refs_seen[0] = false;
	}
	b = new_block(p, kind, l->no);
	set_label(p, b, l->s, off, "\u3000");
	if (kind == BLK_SECTION)
		match_section(p, b);
	if (off < l->n) {
		size_t t = scan_skip_spaces(l->s, l->n, off);
		append_text(p, b, l->s + t, l->n - t);
	} else {
		p->expect = title;
		p->expect_block = b;
	}
	return true;
}

/* A note under a table: its label is "(注1)" or "出典：". */
static int32_t
add_table_note(struct parser *p, const struct chunk_line *l)
{
	const char *close;
	size_t lab, off;
	int32_t b;
	if (scan_has_prefix(l->s, l->n, "出典"))
		close = scan_find(l->s, l->n, "：") ? scan_find(l->s, l->n, "：")
		                                   : scan_find(l->s, l->n, ":");
	else
		close = scan_find(l->s, l->n, ")") ? scan_find(l->s, l->n, ")")
		                                  : scan_find(l->s, l->n, "）");
	lab = close ? (size_t)(close - l->s) + (size_t)(*close == ':' || *close == ')' ? 1 : 3) : 0;
	b = new_block(p, BLK_TABLE_NOTE, l->no);
	/* "出典：" carries its own full-width separator */
	set_label(p, b, l->s, lab, lab && (unsigned char)l->s[lab - 1] >= 0x80 ? "" : " ");
	off = scan_skip_spaces(l->s, l->n, lab);
	append_text(p, b, l->s + off, l->n - off);
	return b;
}

/* Does a heading numbered LB come next in its numbering: the first at
 * its depth since the heading above, or the one after the last?  A "(1)"
 * right after "(1)", or a "1" inside "2", is out of sequence. */
static bool
in_sequence(const struct parser *p, const struct label *lb)
{
	long last = p->heading_no[lb->shape];
	return last == 0 || lb->number == last + 1;
}

/* Does the text of a labelled line read like a footnote's definition: a
 * term and a colon ("UPU : Universal Postal Union", "ICAO：…"), a link,
 * or a line that ends with a colon (its link on the next: "…参照：")? */
static bool
definition_shape(const char *s, size_t n)
{
	const char *colon = scan_find(s, n, "：");
	const char *ascii = memchr(s, ':', n);
	if (scan_find(s, n, "http://") || scan_find(s, n, "https://"))
		return true;
	if (ascii && ascii + 1 < s + n && ascii[1] == ' ')
		return true;
	if (scan_last_cp(s, n, NULL) == 0xFF1A || scan_last_cp(s, n, NULL) == ':')
		return true;
	return colon && (size_t)(colon - s) <= 3 * 20;
}

/* A footnote LB defined in SCOPE at block B (0: the narrative, 1: the
 * column): referenced earlier, or read as one from its shape. */
static void
define_note(struct parser *p, int32_t f, int side, int32_t b, const struct label *lb)
{
	p->d->notes[f].def = b;
	/* a definition no reference was found for (its mark lost by the
	 * encoding) goes with the paragraph before it */
	if (p->d->notes[f].ref < 0)
		p->d->notes[f].ref = p->para[side];
	p->note_no[side] = lb->number;
	p->note_block[side] = b;
}

/* The footnote a labelled line defines: one referenced and not yet
 * defined; else, where no reference was found at all (the mark ⁽¹⁾ does
 * not survive Shift_JIS or EUC-JP), a definition after a paragraph,
 * numbered next, shaped like one or following another.  -1 if none. */
static int32_t
note_defined(struct parser *p, const struct chunk_line *l, const struct label *lb, int32_t scope,
             int side)
{
	int32_t f;
	bool run;
	if (note_pending(p, scope, lb->number))
		return doc_find_note(p->d, scope, (int)lb->number);
	/* (numbered next: the first may have any number in a parse that
	 * starts afresh in the middle of a document, as G's does) */
	if (p->refs_seen[side] || p->para[side] < 0 ||
	    (p->note_no[side] && lb->number != p->note_no[side] + 1))
		return -1;
	run = p->note_block[side] >= 0 && p->note_block[side] == (int32_t)p->d->nblocks - 1;
	if (!run && !definition_shape(l->s + lb->text, l->n - lb->text))
		return -1;
	f = doc_find_note(p->d, scope, (int)lb->number);
	if (f < 0 || p->d->notes[f].def >= 0)
		f = doc_new_note(p->d, scope, (int)lb->number);
	return f;
}

/* A labelled line: the definition of a footnote, or a numbered heading
 * alone in its chunk and in sequence.  Sets *ITEM and returns true if it
 * is either. */
static bool
try_labelled(struct parser *p, const struct chunk_line *l, const struct label *lb, int32_t *item)
{
	int32_t scope = p->column, b, f = -1;
	int side = p->column >= 0;
	bool heading = one_line_chunk(p) && shape_heading_text(l->s, l->n, lb) && in_sequence(p, lb);
	if ((lb->shape == SHAPE_PAREN && p->column < 0) || (lb->shape == SHAPE_NUMBER && p->column >= 0))
		f = note_defined(p, l, lb, scope, side);
	else if (lb->shape == SHAPE_PAREN && note_pending(p, -1, lb->number))
		f = doc_find_note(p->d, scope = -1, (int)lb->number), side = 0;
	if (f >= 0) {
		b = new_block(p, BLK_FOOTNOTE, l->no);
		p->d->blocks[b].column = scope;
		set_label(p, b, l->s, lb->label_end, " ");
		append_text(p, b, l->s + lb->text, l->n - lb->text);
		define_note(p, f, side, b, lb);
		*item = b;
		return true;
	}
	if (!heading)
		return false;
	close_column(p);
	close_paragraphs(p);
	b = new_block(p, BLK_HEADING, l->no);
	p->d->blocks[b].level = (uint8_t)lb->shape;
	p->heading_no[lb->shape] = lb->number;
	for (int k = lb->shape + 1; k <= SHAPE_CIRCLE; k++)
		p->heading_no[k] = 0;
	set_label(p, b, l->s, lb->label_end, "\u3000");
	append_text(p, b, l->s + lb->text, l->n - lb->text);
	*item = -1;
	return true;
}

/* "■ title": a table's title when notes follow it, else a sub-heading. */
static int32_t
add_square(struct parser *p, const struct chunk_line *l)
{
	size_t off = scan_skip_spaces(l->s, l->n, strlen("■"));
	int32_t b;
	if (next_chunk_is_table_note(p)) {
		/* Tables belong to the narrative, never to a column. */
		close_column(p);
		return add_simple(p, BLK_TABLE, l, off);
	}
	b = new_block(p, BLK_SUBHEAD, l->no);
	if (p->column >= 0)
		p->open_col = -1;
	else
		close_paragraphs(p);
	set_label(p, b, l->s, strlen("■"), " ");
	append_text(p, b, l->s + off, l->n - off);
	return b;
}

/* A line that opens something of its own (a column, a title, a chapter,
 * a contents entry, a section, a page number to drop); false if L is none
 * of these. */
static bool
try_structure(struct parser *p, const struct chunk_line *l, int32_t *item)
{
	if (scan_equals(l->s, l->n, "コラム")) {
		start_column(p, l);
		*item = -1;
	} else if (p->expect == EXPECT_COLUMN_TITLE && scan_equals(l->s, l->n, "COLUMN")) {
		/* the column's English label: dropped */
	} else if (p->expect != EXPECT_NONE) {
		handle_title(p, l);
		*item = p->expect_block;
	} else if (try_ordinal_heading(p, l, "章", BLK_CHAPTER, EXPECT_CHAPTER_TITLE) ||
	           try_contents(p, l) ||
	           try_ordinal_heading(p, l, "節", BLK_SECTION, EXPECT_SECTION_TITLE)) {
		*item = -1;
	} else if (!shape_page_marker(l->s, l->n)) {
		return false;
	}
	return true;
}

/* Line L, the K-th of its chunk. */
static void
handle_line(struct parser *p, const struct chunk_line *l, size_t k, int32_t *item)
{
	struct label lb;
	if (try_structure(p, l, item))
		return;
	if (shape_table_note(l->s, l->n))
		*item = add_table_note(p, l);
	else if (shape_label(l->s, l->n, &lb) && try_labelled(p, l, &lb, item))
		;
	else if (scan_has_prefix(l->s, l->n, "■") && k == 0)
		*item = add_square(p, l);
	else if (p->column >= 0 && one_line_chunk(p) && shape_byline(l->s, l->n)) {
		*item = add_simple(p, BLK_BYLINE, l, 0);
		p->open_col = -1;
	} else
		add_text(p, l, k > 0, item);
}

static void
finish_block(struct parser *p, int32_t bi)
{
	struct block *b = &p->d->blocks[bi];
	struct pblock *pb = pbk(p, bi);
	struct buf out = {0};
	struct bluebook_ruby *ruby = NULL;
	size_t nruby = 0;

	if (pb->label) {
		buf_adds(&out, pb->label);
		if (pb->raw.len)
			buf_adds(&out, pb->sep);
	} else if (pb->raw.len && !bluebook_has_ruby(pb->raw.p, pb->raw.len)) {
		/* most blocks: the text as it was gathered */
		out = pb->raw;
		memset(&pb->raw, 0, sizeof pb->raw);
	}
	b->body = pb->label ? (uint32_t)out.len : 0;
	/* Fuzzing fix (tests/fuzz/crashes/layout/): the ranges of the
	 * bases are offsets in OUT, label included; adding the label's
	 * length again put a labelled block's ruby spans off by it, up to
	 * past the end of its text. */
	if (pb->raw.len || !out.p)
		bluebook_rewrite_ruby(pb->raw.p ? pb->raw.p : "", pb->raw.len, &out, &ruby, &nruby);
	b->len = (uint32_t)out.len;
	/* blocks are most of a document's memory: no spare capacity */
	b->text = xrealloc(buf_steal(&out), (size_t)b->len + 1);
	bluebook_mark_spans(p->d, bi, ruby, nruby, pb->raw.p, pb->refs, pb->nrefs);
	free(ruby);
	xfree(&pb->label);
	xfree(&pb->refs);
	buf_free(&pb->raw);
}

/* ---- chunks, fed piece by piece ---- */

static void
on_chunk(void *ctx, const struct chunk_view *v)
{
	struct parser *p = ctx;
	p->cv = v;
	if (v->first == 0)
		p->item = -1;
	for (size_t i = 0; i < v->count; i++)
		handle_line(p, &v->lines[i], v->first + i, &p->item);
	p->cv = NULL;
	/* a chunk handed over in parts: the next part goes on with its item */
	p->chunk_open = !v->last;
}

/* Blocks that nothing can append to any more get their inline markup. */
static void
finish_ready(struct parser *p)
{
	size_t ready = p->d->nblocks;
	if (p->open_main >= 0 && (size_t)p->open_main < ready)
		ready = (size_t)p->open_main;
	if (p->open_col >= 0 && (size_t)p->open_col < ready)
		ready = (size_t)p->open_col;
	if (p->expect != EXPECT_NONE && p->expect_block >= 0 && (size_t)p->expect_block < ready)
		ready = (size_t)p->expect_block;
	/* the item of a chunk whose next part is still to come is not done,
	 * even after a full stop (a text with no blank lines) */
	if (p->chunk_open && p->item >= 0 && (size_t)p->item < ready)
		ready = (size_t)p->item;
	for (; p->nfinished < ready; p->nfinished++)
		finish_block(p, (int32_t)p->nfinished);
	p->d->nfinal = p->nfinished;
	/* the finished blocks' parser data is spent: drop it, so that it
	 * does not grow with the document */
	if (p->nfinished - p->pb_base >= 4096) {
		size_t drop = p->nfinished - p->pb_base;
		memmove(p->pb, p->pb + drop, (p->d->nblocks - p->nfinished) * sizeof *p->pb);
		p->pb_base = p->nfinished;
	}
	/* an open column shows what is final of it so far */
	if (p->column >= 0)
		p->d->cols[p->column].end = (int32_t)ready > p->d->cols[p->column].head
		                                ? (int32_t)ready
		                                : p->d->cols[p->column].head + 1;
}

static void *
bluebook_begin(struct doc *d)
{
	struct parser *p = xcalloc(1, sizeof *p);
	p->d = d;
	d->para_indent = true;
	memcpy(d->lang, "ja", 3);
	p->column = -1;
	p->open_main = p->open_col = -1;
	p->expect_block = -1;
	p->item = -1;
	p->note_block[0] = p->note_block[1] = p->para[0] = p->para[1] = -1;
	chunker_init(&p->ck, true, on_chunk, p);
	return p;
}

static void
bluebook_feed(void *st, const char *text, size_t len)
{
	struct parser *p = st;
	chunker_feed(&p->ck, text, len);
	finish_ready(p);
}

static void
bluebook_end(void *st)
{
	struct parser *p = st;
	chunker_end(&p->ck);
	close_column(p);
	p->open_main = p->open_col = -1;
	p->expect = EXPECT_NONE;
	finish_ready(p);
	bluebook_resolve_xrefs(p->d);
	doc_complete(p->d);
	chunker_free(&p->ck);
	free(p->pb);
	for (size_t k = 0; k < p->ncontents; k++)
		free(p->contents[k].label);
	free(p->contents);
	free(p);
}

const struct format format_bluebook = {
	"bluebook",
	N_("text extracted from a printed PDF such as the Diplomatic Bluebook"),
	bluebook_detect,
	bluebook_begin,
	bluebook_feed,
	bluebook_end,
	bluebook_resync,
};
