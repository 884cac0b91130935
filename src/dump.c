/* dump.c: --dump and --toc.  Paints the lines the layout engine makes into
 * plain text: columns framed, captions marked, footnotes after the block
 * that references them. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dump.h"
#include "i18n.h"
#include "layout.h"
#include "util.h"
#include "width.h"

/* Narrower than this, a column is ruled off instead of framed. */
#define COLUMN_FRAME_MIN 20

/* The main flow is laid out in parts of about this much text, by as many
 * threads as there are processors (up to DUMP_MAX_THREADS), each part into
 * its own buffer; the parts are written out in order, each with one fwrite.
 * At most PARTS_AHEAD parts wait, done, for those before them. */
#define PART_TEXT (256u * 1024u)
#define DUMP_MAX_THREADS 4
#define PARTS_AHEAD 8

/* Where lines go: straight out, or inside a column's frame. */
struct sink {
	struct buf *ob;          /* the output of the part being laid out */
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

/* A stretch of the main flow: blocks [FROM, TO), laid out into OUT. */
struct part {
	size_t from, to;
	enum block_kind prev; /* the main-flow block before FROM */
	bool started;         /* something was written before FROM */
	bool done;            /* OUT is complete */
	struct buf out;
};

/* The parts of one dump and who does what: threads take the next part to
 * lay out; the calling thread also writes the done parts out in order.
 * Which thread lays out a part changes nothing in what it holds. */
struct dump_job {
	const struct doc *d;
	const struct dump_opts *o;
	const int32_t *by_ref; /* footnotes in the order of their first reference */
	size_t nby_ref;
	struct part *parts;
	size_t nparts, next_take, next_write;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

/* The first of the footnotes sorted by reference that block BLK or a later
 * one references: where a part starting at BLK takes them up. */
static size_t
first_note_from(const struct dump_job *j, size_t blk)
{
	size_t lo = 0, hi = j->nby_ref;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (j->d->notes[j->by_ref[mid]].ref < (int32_t)blk)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
run_part(const struct dump_job *j, struct part *p, struct layout_buf *lb)
{
	struct sink k = {&p->out, lb, j->o->width, j->o->width, false, j->o->hanging,
	                 p->started, j->by_ref, j->nby_ref, first_note_from(j, p->from)};
	enum block_kind prev = p->prev;
	for (size_t i = p->from; i < p->to; i++) {
		if (!doc_in_main_flow(j->d, i))
			continue;
		emit_block(&k, j->d, i, prev);
		prev = j->d->blocks[i].kind;
	}
}

/* With the lock held: lay out the next part if one may be taken now. */
static bool
take_part(struct dump_job *j, struct layout_buf *lb)
{
	size_t i;
	if (j->next_take >= j->nparts || j->next_take >= j->next_write + PARTS_AHEAD)
		return false;
	i = j->next_take++;
	pthread_mutex_unlock(&j->mu);
	run_part(j, &j->parts[i], lb);
	pthread_mutex_lock(&j->mu);
	j->parts[i].done = true;
	pthread_cond_broadcast(&j->cv);
	return true;
}

static void *
dump_worker(void *arg)
{
	struct dump_job *j = arg;
	struct layout_buf lb = {0};
	pthread_mutex_lock(&j->mu);
	while (j->next_take < j->nparts)
		if (!take_part(j, &lb))
			pthread_cond_wait(&j->cv, &j->mu);
	pthread_mutex_unlock(&j->mu);
	layout_buf_free(&lb);
	return NULL;
}

/* Cut the main flow into parts of about PART_TEXT bytes of text, at blocks
 * of the main flow (a column goes whole with its head). */
static void
make_parts(struct dump_job *j)
{
	const struct doc *d = j->d;
	size_t cap = 0, from = 0, text = 0;
	enum block_kind prev = BLK_KIND_COUNT, part_prev = prev;
	bool started = false, part_started = false;
	for (size_t i = 0; i <= d->nblocks; i++) {
		bool in_main = i < d->nblocks && doc_in_main_flow(d, i);
		if ((i == d->nblocks && (i > from || j->nparts == 0)) || (in_main && text >= PART_TEXT)) {
			xgrow(&j->parts, &cap, j->nparts + 1, sizeof *j->parts);
			j->parts[j->nparts++] = (struct part){from, i, part_prev, part_started, false, {0}};
			from = i;
			text = 0;
			part_prev = prev;
			part_started = started;
		}
		if (i == d->nblocks)
			break;
		text += d->blocks[i].len;
		if (in_main) {
			prev = d->blocks[i].kind;
			started = true;
		}
	}
}

static int
thread_count(const struct dump_opts *o)
{
	long n = o->threads > 0 ? o->threads : sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > DUMP_MAX_THREADS ? DUMP_MAX_THREADS : (int)n;
}

void
dump_document(FILE *out, const struct doc *d, const struct dump_opts *o)
{
	struct dump_job j = {.d = d, .o = o};
	struct layout_buf lb = {0};
	pthread_t th[DUMP_MAX_THREADS - 1];
	int nth = 0, want = thread_count(o);
	int32_t *order = xmalloc((d->nnotes ? d->nnotes : 1) * sizeof *order);

	for (size_t f = 0; f < d->nnotes; f++)
		order[f] = (int32_t)f;
	sort_doc = d;
	qsort(order, d->nnotes, sizeof *order, cmp_ref);
	j.by_ref = order;
	j.nby_ref = d->nnotes;
	make_parts(&j);
	pthread_mutex_init(&j.mu, NULL);
	pthread_cond_init(&j.cv, NULL);
	/* no more threads than parts; one that cannot start leaves its share
	 * to the others */
	while (nth + 1 < want && (size_t)nth + 1 < j.nparts &&
	       pthread_create(&th[nth], NULL, dump_worker, &j) == 0)
		nth++;
	pthread_mutex_lock(&j.mu);
	while (j.next_write < j.nparts) {
		struct part *p = &j.parts[j.next_write];
		if (p->done) {
			pthread_mutex_unlock(&j.mu);
			if (p->out.len)
				fwrite(p->out.p, 1, p->out.len, out);
			buf_free(&p->out);
			pthread_mutex_lock(&j.mu);
			j.next_write++;
			pthread_cond_broadcast(&j.cv);
		} else if (!take_part(&j, &lb)) {
			pthread_cond_wait(&j.cv, &j.mu);
		}
	}
	pthread_mutex_unlock(&j.mu);
	for (int t = 0; t < nth; t++)
		pthread_join(th[t], NULL);
	pthread_cond_destroy(&j.cv);
	pthread_mutex_destroy(&j.mu);
	layout_buf_free(&lb);
	free(j.parts);
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
