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
#include "layout.h"
#include "present.h"
#include "util.h"
#include "width.h"

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
	struct pres *pres;       /* the presentation's, reused */
	const struct present *P;
	int width;   /* of the whole output */
	int inner;   /* cells for text: the width less the frame */
	bool framed;
	bool in_column; /* the blocks of a column (framed, or ruled off) */
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
		/* a side and a space; a side of two cells at amb 2 */
		bool wide = present_frame_side(k->P->amb) == 2;
		put_str(k, wide ? "│" : "│ ");
		put_indent(k, indent, zenkaku);
		put(k, s, n);
		put_spaces(k, k->inner - indent - cells);
		put_str(k, wide ? "│\n" : " │\n");
	} else {
		put_indent(k, indent, zenkaku);
		put(k, s, n);
		put(k, "\n", 1);
	}
	k->started = true;
}

static void
emit_blank(struct sink *k)
{
	if (k->started)
		emit_line(k, "", 0, 0, 0, false);
}

/* A rule across the text's measure (the width less the margin a hanging
 * 、。 takes). */
static void
emit_rule(struct sink *k, uint32_t cp)
{
	int w = width_cp(cp, k->P->amb) > 0 ? width_cp(cp, k->P->amb) : 1;
	int measure = k->inner - (k->hanging && !k->framed ? LAYOUT_HANG : 0);
	struct buf t = {0};
	for (int i = 0; i < measure / w; i++)
		buf_addcp(&t, cp);
	emit_line(k, t.p ? t.p : "", t.len, 0, (measure / w) * w, false);
	buf_free(&t);
}

/* Piece PC of block BI, laid out and written. */
static void
emit_piece(struct sink *k, size_t bi, const struct piece *pc)
{
	size_t len, nl;
	const char *s = pres_text(k->pres, k->P->d, bi, pc, &len);
	int margin;

	if (pc->kind == PIECE_RULE) {
		emit_rule(k, pc->rule);
		return;
	}
	if (pc->kind == PIECE_BLANK) {
		emit_line(k, "", 0, 0, 0, false);
		return;
	}
	nl = pres_lay(pc, s, len, k->inner, k->hanging && !k->framed, k->P->amb, k->lb, &margin);
	for (size_t i = 0; i < nl; i++) {
		const struct lline *l = &k->lb->lines[i];
		size_t e = l->end;
		while (e > l->start && s[e - 1] == ' ')
			e--;
		emit_line(k, s + l->start, e - l->start, margin + l->indent, l->cells,
		          (pc->flags & PIECE_ZENKAKU) && (l->flags & LL_FIRST));
	}
}

/* What the presentation made, written: K->pres holds block BI's pieces. */
static void
emit_pres(struct sink *k, size_t bi)
{
	for (size_t i = 0; i < k->pres->n; i++)
		emit_piece(k, bi, &k->pres->pc[i]);
}

static void
emit_footnote(struct sink *k, const struct footnote *f, int32_t note)
{
	if (f->def >= 0) {
		present_block(k->P, (size_t)f->def, PRES_NOTE, k->pres);
		emit_pres(k, (size_t)f->def);
	} else {
		present_missing_note(k->P, note, k->pres);
		emit_pres(k, 0);
	}
}

static void
emit_notes_of(struct sink *k, const struct doc *d, size_t blk)
{
	bool first = true;
	while (k->next_note < k->nby_ref && d->notes[k->by_ref[k->next_note]].ref < (int32_t)blk)
		k->next_note++;
	for (; k->next_note < k->nby_ref; k->next_note++) {
		int32_t f = k->by_ref[k->next_note];
		if (d->notes[f].ref != (int32_t)blk)
			break;
		if (first)
			emit_blank(k);
		first = false;
		emit_footnote(k, &d->notes[f], f);
	}
}

static void emit_column(struct sink *k, const struct doc *d, size_t head);

static void
emit_block(struct sink *k, const struct doc *d, size_t i, enum block_kind prev)
{
	const struct block *b = &d->blocks[i];
	if (!present_tight(prev, b->kind))
		emit_blank(k);
	if (b->kind == BLK_COLUMN && !k->in_column) {
		emit_column(k, d, i);
	} else {
		present_block(k->P, i, k->in_column ? PRES_POPUP : PRES_MAIN, k->pres);
		emit_pres(k, i);
	}
	emit_notes_of(k, d, i);
}

static void
emit_border(struct sink *k, const char *left, const char *label, const char *right)
{
	int side = present_frame_side(k->P->amb);
	int lw = label ? width_cstr(label, k->P->amb) : 0;
	/* the cells between the corners */
	int room = present_frame_width(k->width, k->P->amb) - 2 * side;
	put_str(k, left);
	if (label && room >= side + lw) {
		put_str(k, "─");
		put_str(k, label);
		room -= side + lw;
	} else if (label && room >= lw) {
		put_str(k, label);
		room -= lw;
	}
	put_repeat(k, "─", room / side);
	put_spaces(k, room % side);
	put_str(k, right);
	put(k, "\n", 1);
}

/* A column: framed where there is room; on a narrow page, ruled off above
 * and below so that the text keeps the whole width. */
static void
emit_column(struct sink *outer, const struct doc *d, size_t head)
{
	const struct column *col = &d->cols[d->blocks[head].column];
	struct sink k = *outer;
	enum block_kind prev = BLK_COLUMN;

	k.framed = outer->width >= PRESENT_FRAME_MIN;
	k.in_column = true;
	k.inner = k.framed ? present_frame_inner(outer->width, k.P->amb) : outer->width;
	k.started = false;
	{
		struct buf label = {0};
		emit_border(&k, k.framed ? "┌" : "─", present_frame_label(k.P, outer->width, &label),
		            k.framed ? "┐" : "─");
		buf_free(&label);
	}
	present_block(k.P, head, PRES_POPUP, k.pres);
	emit_pres(&k, head);
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

/* Is block I framed (罫囲み), outside a column? */
static bool
boxed(const struct doc *d, size_t i)
{
	return (d->blocks[i].flags & BF_FRAME) && d->blocks[i].column < 0;
}

/* Consecutive framed blocks of the main flow from FROM (before TO): one
 * frame around them, or rules above and below on a narrow page.  Returns
 * where the main flow goes on; *PREV gets the kind of the last block. */
static size_t
emit_frame(struct sink *outer, const struct doc *d, size_t from, size_t to, enum block_kind *prev)
{
	struct sink k = *outer;
	enum block_kind last = BLK_KIND_COUNT;
	size_t i;
	if (!present_tight(*prev, d->blocks[from].kind))
		emit_blank(outer);
	k.framed = outer->width >= PRESENT_FRAME_MIN;
	k.inner = k.framed ? present_frame_inner(outer->width, k.P->amb) : outer->width;
	k.started = false;
	emit_border(&k, k.framed ? "┌" : "─", NULL, k.framed ? "┐" : "─");
	for (i = from; i < to; i++) {
		if (!doc_in_main_flow(d, i))
			continue;
		if (!boxed(d, i))
			break;
		emit_block(&k, d, i, last);
		last = d->blocks[i].kind;
	}
	k.framed = false; /* the bottom border is written whole */
	emit_border(&k, k.inner == outer->width ? "─" : "└", NULL, k.inner == outer->width ? "─" : "┘");
	outer->started = true;
	*prev = last;
	return i;
}

/* A stretch of the main flow: blocks [FROM, TO), laid out into OUT. */
struct part {
	size_t from, to;
	enum block_kind prev; /* the main-flow block before FROM */
	bool started;         /* something was written before FROM */
	bool done;            /* OUT is complete */
	struct buf out;
};

/* A thread's working memory, reused from part to part. */
struct work {
	struct layout_buf lb;
	struct pres pres;
};

/* The parts of one dump and who does what: threads take the next part to
 * lay out; the calling thread also writes the done parts out in order.
 * Which thread lays out a part changes nothing in what it holds. */
struct dump_job {
	const struct doc *d;
	const struct dump_opts *o;
	struct present P;
	int32_t *by_ref; /* footnotes in the order of their first reference */
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
run_part(const struct dump_job *j, struct part *p, struct work *w)
{
	struct sink k = {
		.ob = &p->out, .lb = &w->lb, .pres = &w->pres, .P = &j->P,
		.width = j->o->width, .inner = j->o->width, .hanging = j->o->hanging,
		.started = p->started, .by_ref = j->by_ref, .nby_ref = j->nby_ref,
		.next_note = first_note_from(j, p->from),
	};
	enum block_kind prev = p->prev;
	for (size_t i = p->from; i < p->to; i++) {
		if (!doc_in_main_flow(j->d, i))
			continue;
		if (boxed(j->d, i)) {
			i = emit_frame(&k, j->d, i, p->to, &prev) - 1;
			continue;
		}
		emit_block(&k, j->d, i, prev);
		prev = j->d->blocks[i].kind;
	}
}

/* With the lock held: lay out the next part if one may be taken now. */
static bool
take_part(struct dump_job *j, struct work *w)
{
	size_t i;
	if (j->next_take >= j->nparts || j->next_take >= j->next_write + PARTS_AHEAD)
		return false;
	i = j->next_take++;
	pthread_mutex_unlock(&j->mu);
	run_part(j, &j->parts[i], w);
	pthread_mutex_lock(&j->mu);
	j->parts[i].done = true;
	pthread_cond_broadcast(&j->cv);
	return true;
}

static void
work_free(struct work *w)
{
	layout_buf_free(&w->lb);
	pres_free(&w->pres);
}

static void *
dump_worker(void *arg)
{
	struct dump_job *j = arg;
	struct work w = {0};
	pthread_mutex_lock(&j->mu);
	while (j->next_take < j->nparts)
		if (!take_part(j, &w))
			pthread_cond_wait(&j->cv, &j->mu);
	pthread_mutex_unlock(&j->mu);
	work_free(&w);
	return NULL;
}

/* Cut the main flow into parts of about PART_TEXT bytes of text, at blocks
 * of the main flow (a column goes whole with its head). */
static void
make_parts(struct dump_job *j)
{
	const struct doc *d = j->d;
	size_t cap = 0, from = 0, text = 0;
	enum block_kind prev = j->o->carry ? j->o->carry->prev : BLK_KIND_COUNT, part_prev = prev;
	bool started = j->o->carry && j->o->carry->started, part_started = started, prev_boxed = false;
	for (size_t i = 0; i <= d->nblocks; i++) {
		bool in_main = i < d->nblocks && doc_in_main_flow(d, i);
		/* a frame goes whole into one part */
		bool inside = in_main && prev_boxed && boxed(d, i);
		if ((i == d->nblocks && (i > from || j->nparts == 0)) ||
		    (in_main && text >= PART_TEXT && !inside)) {
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
			prev_boxed = boxed(d, i);
		}
	}
	if (j->o->carry)
		*j->o->carry = (struct dump_carry){prev, started};
}

static int
thread_count(const struct dump_opts *o)
{
	long n = o->threads > 0 ? o->threads : sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > DUMP_MAX_THREADS ? DUMP_MAX_THREADS : (int)n;
}

/* The calling thread: write the parts out in order, laying out one itself
 * while the next to write is not done. */
static void
write_parts(struct dump_job *j, FILE *out, struct work *w)
{
	pthread_mutex_lock(&j->mu);
	while (j->next_write < j->nparts) {
		struct part *p = &j->parts[j->next_write];
		if (p->done) {
			pthread_mutex_unlock(&j->mu);
			if (p->out.len)
				fwrite(p->out.p, 1, p->out.len, out);
			buf_free(&p->out);
			pthread_mutex_lock(&j->mu);
			j->next_write++;
			pthread_cond_broadcast(&j->cv);
		} else if (!take_part(j, w)) {
			pthread_cond_wait(&j->cv, &j->mu);
		}
	}
	pthread_mutex_unlock(&j->mu);
}

/* The document's title and author (plain text's title block), over its
 * text. */
static void
dump_title(FILE *out, const struct doc *d, const struct dump_opts *o)
{
	const char *lines[2] = {d->title, d->author};
	struct layout_opts lo = {o->width, false, o->pres.amb};
	for (int i = 0; i < 2; i++) {
		struct lline *ls = NULL;
		size_t n;
		if (!lines[i])
			continue;
		n = layout_text(lines[i], strlen(lines[i]), 0, 0, &lo, &ls);
		for (size_t k = 0; k < n; k++) {
			uint32_t e = ls[k].end;
			while (e > ls[k].start && lines[i][e - 1] == ' ')
				e--;
			fwrite(lines[i] + ls[k].start, 1, e - ls[k].start, out);
			fputc('\n', out);
		}
		free(ls);
	}
	fputc('\n', out);
}

void
dump_document(FILE *out, const struct doc *d, const struct dump_opts *o)
{
	struct dump_job j = {.d = d, .o = o};
	struct work w = {0};
	pthread_t th[DUMP_MAX_THREADS - 1];
	int nth = 0, want = thread_count(o);

	present_init(&j.P, d, &o->pres);
	/* the title and author first, unless the document shows them itself
	 * (a title block); a stream's: once, before its first window */
	if (d->title && !(d->nblocks && d->blocks[0].kind == BLK_TITLE) && !(o->carry && o->carry->started))
		dump_title(out, d, o);
	j.by_ref = doc_notes_by_ref(d);
	j.nby_ref = d->nnotes;
	make_parts(&j);
	pthread_mutex_init(&j.mu, NULL);
	pthread_cond_init(&j.cv, NULL);
	/* no more threads than parts; one that cannot start leaves its share
	 * to the others */
	while (nth + 1 < want && (size_t)nth + 1 < j.nparts &&
	       pthread_create(&th[nth], NULL, dump_worker, &j) == 0)
		nth++;
	write_parts(&j, out, &w);
	for (int t = 0; t < nth; t++)
		pthread_join(th[t], NULL);
	pthread_cond_destroy(&j.cv);
	pthread_mutex_destroy(&j.mu);
	work_free(&w);
	free(j.parts);
	free(j.by_ref);
}

void
dump_toc(FILE *out, const struct doc *d, const struct present_opts *po, struct buf *held)
{
	struct toc_entry *toc;
	struct present P;
	size_t n = doc_toc(d, &toc), end = n;
	struct buf line = {0};
	present_init(&P, d, po);
	/* a window with more to come: the sections not in the document that
	 * end it belong after what comes next, up to a chapter or section */
	if (held)
		while (end > 0 && toc[end - 1].no_body)
			end--;
	for (size_t i = 0; i < n; i++) {
		char *s = present_toc_text(&P, &toc[i]);
		if (held && held->len && (toc[i].depth <= 1 || i >= end) && toc[i].block >= 0 &&
		    (d->blocks[toc[i].block].kind == BLK_CHAPTER || d->blocks[toc[i].block].kind == BLK_SECTION)) {
			fwrite(held->p, 1, held->len, out);
			held->len = 0;
		}
		line.len = 0;
		for (int sp = 0; sp < 2 * toc[i].depth; sp++)
			buf_addc(&line, ' ');
		buf_adds(&line, s);
		buf_addc(&line, '\n');
		if (i >= end)
			buf_add(held, line.p, line.len);
		else
			fwrite(line.p, 1, line.len, out);
		free(s);
	}
	buf_free(&line);
	free(toc);
}
