/* dump.c: --dump and --toc.  Paints the lines the layout engine makes into
 * plain text: columns framed, captions marked, footnotes after the block
 * that references them. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "dump.h"
#include "i18n.h"
#include "layout.h"
#include "util.h"
#include "width.h"

/* Narrower than this, a column is ruled off instead of framed. */
#define COLUMN_FRAME_MIN 20

/* Output is gathered here and written in pieces of this size: one fwrite
 * per piece rather than several stdio calls per line. */
#define OUT_PIECE (256u * 1024u)

/* Where lines go: straight out, or inside a column's frame. */
struct sink {
	FILE *out;
	struct buf *ob;          /* what is not yet written to OUT */
	struct layout_buf *lb;   /* the layout's working memory, reused */
	int width;   /* of the whole output */
	int inner;   /* cells for text: the width less the frame */
	bool framed;
	bool hanging;
	bool started; /* something was written: blank lines separate blocks */
	/* the footnotes in the order of the blocks that first reference them,
	 * and the next one to print: blocks are written in order */
	const int32_t *by_ref;
	size_t nby_ref, next_note;
};

static void
put(struct sink *k, const char *s, size_t n)
{
	buf_add(k->ob, s, n);
}

static void
put_str(struct sink *k, const char *s)
{
	put(k, s, strlen(s));
}

static void
put_spaces(struct sink *k, int n)
{
	static const char spaces[] = "                                ";
	while (n > 0) {
		int m = n < (int)sizeof spaces - 1 ? n : (int)sizeof spaces - 1;
		put(k, spaces, (size_t)m);
		n -= m;
	}
}

static void
put_repeat(struct sink *k, const char *s, int n)
{
	while (n-- > 0)
		put_str(k, s);
}

/* Write out what was gathered once there is a piece of it (ALL: the rest). */
static void
flush_some(struct sink *k, bool all)
{
	if (k->ob->len >= OUT_PIECE || (all && k->ob->len)) {
		fwrite(k->ob->p, 1, k->ob->len, k->out);
		k->ob->len = 0;
	}
}

static int
str_cells(const char *s)
{
	return (int)width_str((const uint8_t *)s, strlen(s));
}

/* An indent of INDENT cells; ZENKAKU prints the paragraph indent (字下げ)
 * as the full-width space it is, so copied text keeps it. */
static void
put_indent(struct sink *k, int indent, bool zenkaku)
{
	if (zenkaku && indent == 2)
		put_str(k, "\u3000");
	else
		put_spaces(k, indent);
}

static void
emit_line(struct sink *k, const char *s, size_t n, int indent, int cells, bool zenkaku)
{
	if (k->framed) {
		put_str(k, "│ ");
		put_indent(k, indent, zenkaku);
		put(k, s, n);
		put_spaces(k, k->inner - indent - cells);
		put_str(k, " │\n");
	} else {
		put_indent(k, indent, zenkaku);
		put(k, s, n);
		put(k, "\n", 1);
	}
	k->started = true;
	flush_some(k, false);
}

static void
emit_raw(struct sink *k, const char *s, size_t n, int indent, int cells)
{
	emit_line(k, s, n, indent, cells, false);
}

static void
emit_blank(struct sink *k)
{
	if (k->started)
		emit_raw(k, "", 0, 0, 0);
}

/* Lay out S and write it, every line shifted right by MARGIN cells. */
static void
emit_text(struct sink *k, const char *s, size_t n, int margin, int first, int rest)
{
	bool zenkaku = margin == 0 && first == 2 && rest == 0;
	struct layout_opts o = {k->inner - margin, k->hanging && !k->framed};
	const struct lline *lines;
	size_t nl;

	/* On a narrow page a margin that would leave too little gives way. */
	if (o.width < 4 || o.width < k->inner / 2) {
		margin = 0;
		o.width = k->inner;
	}
	nl = layout_text_buf(s, n, first, rest, &o, k->lb);
	lines = k->lb->lines;
	for (size_t i = 0; i < nl; i++) {
		size_t e = lines[i].end;
		while (e > lines[i].start && s[e - 1] == ' ')
			e--;
		emit_line(k, s + lines[i].start, e - lines[i].start, margin + lines[i].indent,
		          lines[i].cells, zenkaku && (lines[i].flags & LL_FIRST));
	}
}

static void
emit_block_text(struct sink *k, const struct block *b, int margin)
{
	int first, rest;
	layout_block_indents(b, &first, &rest);
	emit_text(k, b->text, b->len, margin, first, rest);
}

/* TEXT after a marker such as "[Photo] ", aligned after the marker. */
static void
emit_marked(struct sink *k, const char *marker, const char *text, size_t n, int margin)
{
	struct buf t = {0};
	int mw = str_cells(marker);
	buf_adds(&t, marker);
	buf_add(&t, text, n);
	emit_text(k, t.p, t.len, margin, 0, mw);
	buf_free(&t);
}

static void
emit_rule(struct sink *k, const char *ch)
{
	int w = width_cp(0x2500) > 0 ? width_cp(0x2500) : 1;
	struct buf t = {0};
	for (int i = 0; i < k->inner / w; i++)
		buf_adds(&t, ch);
	emit_raw(k, t.p ? t.p : "", t.len, 0, (k->inner / w) * w);
	buf_free(&t);
}

static void
emit_footnote(struct sink *k, const struct doc *d, const struct footnote *f)
{
	if (f->def >= 0) {
		emit_block_text(k, &d->blocks[f->def], 2);
	} else {
		struct buf t = {0};
		if (f->column < 0)
			buf_printf(&t, "(%d) ", f->number);
		else
			buf_printf(&t, "%d ", f->number);
		emit_marked(k, t.p, _("(not in this document)"), strlen(_("(not in this document)")),
		            2);
		buf_free(&t);
	}
}

static void
emit_notes_of(struct sink *k, const struct doc *d, size_t blk)
{
	bool first = true;
	while (k->next_note < k->nby_ref && d->notes[k->by_ref[k->next_note]].ref < (int32_t)blk)
		k->next_note++;
	for (; k->next_note < k->nby_ref; k->next_note++) {
		const struct footnote *f = &d->notes[k->by_ref[k->next_note]];
		if (f->ref != (int32_t)blk)
			break;
		if (first)
			emit_blank(k);
		first = false;
		emit_footnote(k, d, f);
	}
}

static const struct doc *sort_doc;

static int
cmp_ref(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	int32_t rx = sort_doc->notes[x].ref, ry = sort_doc->notes[y].ref;
	if (rx != ry)
		return rx < ry ? -1 : 1;
	return x < y ? -1 : x > y;
}

char *
dump_contents_text(const struct block *b)
{
	struct buf t = {0};
	buf_add(&t, b->text, b->len);
	if (b->aux) {
		buf_adds(&t, "\u3000");
		buf_adds(&t, b->aux);
	}
	if (!b->has_body) {
		buf_adds(&t, "\u3000");
		buf_adds(&t, _("(not in this document)"));
	}
	return buf_steal(&t);
}

static void
emit_contents(struct sink *k, const struct block *b)
{
	char *t = dump_contents_text(b);
	int first, rest;
	layout_block_indents(b, &first, &rest);
	emit_text(k, t, strlen(t), 2, first, rest);
	free(t);
}

static void
emit_byline(struct sink *k, const struct block *b)
{
	int w = (int)width_str((const uint8_t *)b->text, b->len);
	/* A byline is set flush right when it fits on one line. */
	if (w <= k->inner)
		emit_raw(k, b->text, b->len, k->inner - w, w);
	else
		emit_block_text(k, b, 0);
}

static void emit_column(struct sink *k, const struct doc *d, size_t head);

static void
emit_block(struct sink *k, const struct doc *d, size_t i, enum block_kind prev)
{
	const struct block *b = &d->blocks[i];
	bool tight = (b->kind == BLK_CONTENTS && prev == BLK_CONTENTS) ||
	             (b->kind == BLK_TABLE_NOTE && (prev == BLK_TABLE || prev == BLK_TABLE_NOTE));
	if (!tight)
		emit_blank(k);
	switch (b->kind) {
	case BLK_CHAPTER:
		emit_block_text(k, b, 0);
		emit_rule(k, "═");
		break;
	case BLK_SECTION:
		emit_block_text(k, b, 0);
		emit_rule(k, "─");
		break;
	case BLK_CONTENTS:
		emit_contents(k, b);
		break;
	case BLK_CAPTION:
		emit_marked(k, _("[Photo] "), b->text, b->len, 0);
		break;
	case BLK_TABLE:
		emit_marked(k, _("[Table] "), b->text, b->len, 0);
		emit_marked(k, "", _("(the table's data is not in this document)"),
		            strlen(_("(the table's data is not in this document)")), 2);
		break;
	case BLK_TABLE_NOTE:
		emit_block_text(k, b, 2);
		break;
	case BLK_BYLINE:
		emit_byline(k, b);
		break;
	case BLK_COLUMN:
		emit_column(k, d, i);
		break;
	default:
		emit_block_text(k, b, 0);
		break;
	}
	emit_notes_of(k, d, i);
}

static void
emit_border(struct sink *k, const char *left, const char *label, const char *right)
{
	int lw = label ? str_cells(label) : 0;
	int fill = k->width - 2 - lw;
	put_str(k, left);
	if (label && fill >= 1) {
		put_str(k, "─");
		put_str(k, label);
		fill -= 1;
	} else if (label && fill >= 0) {
		put_str(k, label);
	} else {
		fill += lw;
	}
	put_repeat(k, "─", fill);
	put_str(k, right);
	put(k, "\n", 1);
}

static void
emit_column(struct sink *outer, const struct doc *d, size_t head)
{
	const struct block *h = &d->blocks[head];
	const struct column *col = &d->cols[h->column];
	struct sink k = *outer;
	enum block_kind prev = BLK_COLUMN;
	char *label = NULL;
	struct buf lb = {0};

	/* the longest label that fits the border */
	{
		static const char *const labels[] = {" コラム COLUMN ", " コラム ", "コラム"};
		size_t li = 0;
		while (li + 1 < sizeof labels / sizeof *labels &&
		       str_cells(labels[li]) + 3 > outer->width)
			li++;
		buf_adds(&lb, labels[li]);
	}
	label = buf_steal(&lb);
	/* Framed where there is room; on a narrow page, ruled off above and
	 * below so that the text keeps the whole width. */
	k.framed = outer->width >= COLUMN_FRAME_MIN;
	k.inner = k.framed ? outer->width - 4 : outer->width;
	k.started = false;
	emit_border(&k, k.framed ? "┌" : "─", label, k.framed ? "┐" : "─");
	free(label);
	emit_text(&k, h->text, h->len, 0, 0, 0);
	if (h->aux)
		emit_text(&k, h->aux, strlen(h->aux), 2, 0, 0);
	for (int32_t i = col->head + 1; i < col->end; i++) {
		if (d->blocks[i].kind == BLK_FOOTNOTE)
			continue;
		emit_block(&k, d, (size_t)i, prev);
		prev = d->blocks[i].kind;
	}
	k.framed = false; /* the bottom border is written whole */
	emit_border(&k, k.inner == outer->width ? "─" : "└", NULL, k.inner == outer->width ? "─" : "┘");
	outer->started = true;
}

void
dump_document(FILE *out, const struct doc *d, const struct dump_opts *o)
{
	struct buf ob = {0};
	struct layout_buf lb = {0};
	struct sink k = {out, &ob, &lb, o->width, o->width, false, o->hanging, false, NULL, 0, 0};
	enum block_kind prev = BLK_KIND_COUNT;
	int32_t *order = xmalloc((d->nnotes ? d->nnotes : 1) * sizeof *order);
	for (size_t f = 0; f < d->nnotes; f++)
		order[f] = (int32_t)f;
	sort_doc = d;
	qsort(order, d->nnotes, sizeof *order, cmp_ref);
	k.by_ref = order;
	k.nby_ref = d->nnotes;
	for (size_t i = 0; i < d->nblocks; i++) {
		if (!doc_in_main_flow(d, i))
			continue;
		emit_block(&k, d, i, prev);
		prev = d->blocks[i].kind;
	}
	flush_some(&k, true);
	buf_free(&ob);
	layout_buf_free(&lb);
	free(order);
}

char *
dump_toc_text(const struct doc *d, const struct toc_entry *e)
{
	const struct block *b = &d->blocks[e->block];
	struct buf t = {0};
	if (e->column) {
		buf_adds(&t, "コラム ");
		buf_add(&t, b->text, b->len);
		if (b->aux) {
			buf_adds(&t, " ");
			buf_adds(&t, b->aux);
		}
	} else {
		buf_add(&t, b->text, b->len);
	}
	if (e->no_body) {
		buf_adds(&t, " ");
		buf_adds(&t, _("(not in this document)"));
	}
	return buf_steal(&t);
}

void
dump_toc(FILE *out, const struct doc *d)
{
	struct toc_entry *toc;
	size_t n = doc_toc(d, &toc);
	for (size_t i = 0; i < n; i++) {
		char *s = dump_toc_text(d, &toc[i]);
		for (int sp = 0; sp < 2 * toc[i].depth; sp++)
			fputc(' ', out);
		fputs(s, out);
		fputc('\n', out);
		free(s);
	}
	free(toc);
}
