/* plain.c: the plain-text format: blocks from text without markup (see
 * doc/plain-format.md).  The start of the text decides its layout: one
 * paragraph per line (novels, web fiction: every line a block, blank
 * lines as scene breaks) or hard-wrapped (mail, notices, English prose:
 * full lines joined into paragraphs, short lines kept as lines).  The
 * lines themselves come from plain_read.c, each with what the lines
 * around it say. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "format.h"
#include "i18n.h"
#include "plain.h"
#include "plain_impl.h"
#include "scan.h"
#include "util.h"

/* An indent (in full-width characters) is at most this. */
#define INDENT_MAX 40

/* A chunk held while it may be preformatted: its lines, copied. */
struct held {
	struct plain_line l; /* raw and s point into the held text at use */
	size_t off;
};

struct plain {
	struct doc *d;
	struct plain_info info;
	bool decided, titled;
	struct buf head;      /* the input before the layout is decided */
	struct plain_reader rd;
	bool any_block;       /* a body block was made */
	bool after_heading;   /* the last block made is a heading */
	/* hard-wrapped: the paragraph being joined, and the line before */
	struct buf open;
	bool has_open;
	struct block para;    /* its settings (text unset) */
	bool has_prev, prev_full, prev_end;
	int item_cont;        /* the leading columns of a list item's next lines, or -1 */
	/* Latin, hard-wrapped: a chunk that may be preformatted, and the
	 * preformatted block being built (its lines with their indent) */
	struct held *cand;
	size_t ncand, cand_cap;
	struct buf cand_text;
	struct buf pre;
	bool has_pre;
	struct block pre_b;
};

static int
half(int cols)
{
	return cols / 2 > INDENT_MAX ? INDENT_MAX : cols / 2;
}

static struct block *
add_block(struct plain *p, enum block_kind kind, const char *s, size_t n, uint32_t line)
{
	char *t = xmalloc(n + 1);
	struct block *b;
	memcpy(t, s, n);
	t[n] = '\0';
	b = doc_add_block(p->d, kind, t, n);
	b->line = line;
	p->any_block = true;
	p->after_heading = kind == BLK_HEADING;
	return b;
}

/* Does a paragraph after BLANK blank lines follow a scene break?  Never
 * the first, nor the first after a heading. */
static bool
scene_break(const struct plain *p, int blank)
{
	return p->any_block && !p->after_heading && blank >= p->info.scene_gap;
}

static void
add_heading(struct plain *p, const struct plain_line *l)
{
	struct block *b = add_block(p, BLK_HEADING, l->s, l->n, l->no);
	b->level = p->info.depth[l->head.rank];
	b->body = l->head.labelled ? l->head.body : 0;
	b->text_indent = (int8_t)half(l->lead);
}

/* ---- one paragraph per line ---- */

static void
lines_line(struct plain *p, const struct plain_line *l)
{
	struct block *b;
	bool brk;
	if (l->head.rank) {
		add_heading(p, l);
		return;
	}
	brk = scene_break(p, l->blank);
	b = add_block(p, BLK_PARA, l->s, l->n, l->no);
	b->text_indent = (int8_t)half(l->lead);
	if (brk)
		b->flags |= BF_GAP;
}

/* ---- hard-wrapped ---- */

static void
close_open(struct plain *p)
{
	struct block *b;
	if (!p->has_open)
		return;
	b = add_block(p, BLK_PARA, p->open.p, p->open.len, p->para.line);
	b->indent = p->para.indent;
	b->text_indent = p->para.text_indent;
	b->align = p->para.align;
	b->flags = p->para.flags;
	p->has_open = false;
}

static bool
ascii_alnum(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Join the next line of a paragraph: Japanese without a separator (a
 * space between two Latin words or numbers), Latin with a space (none
 * after a hyphen that may be a word's). */
static void
join(struct plain *p, const char *s, size_t n)
{
	struct buf *o = &p->open;
	size_t st;
	uint32_t a = scan_last_cp(o->p, o->len, &st), b = scan_cp_at(s, n, 0, NULL);
	if (!p->info.latin) {
		if (ascii_alnum(a) && ascii_alnum(b))
			buf_addc(o, ' ');
	} else {
		uint32_t before = scan_last_cp(o->p, st, NULL);
		if (!(a == '-' && ((before | 0x20) >= 'a' && (before | 0x20) <= 'z') && b >= 'a' && b <= 'z'))
			buf_addc(o, ' ');
	}
	buf_add(o, s, n);
}

static void
set_prev(struct plain *p, const struct plain_line *l, bool end)
{
	int w = p->info.wrap;
	p->has_prev = true;
	/* a line past the ceiling is no wrapped line: the text is not
	 * wrapped there, whatever its start said */
	p->prev_full = l->width >= w - p->info.tol && l->width <= w + 2;
	p->prev_end = end;
}

static void
start_block(struct plain *p, const struct plain_line *l, bool end)
{
	int mcols = 0;
	size_t marker = end ? 0 : plain_list_marker(l->s, l->n, &mcols);
	memset(&p->para, 0, sizeof p->para);
	p->para.line = l->no;
	if (scene_break(p, l->blank))
		p->para.flags = BF_GAP;
	p->item_cont = -1;
	if (end) {
		/* a date or a signature set to the line end */
		p->para.align = ALIGN_END;
	} else if (marker) {
		int hang = half(l->lead + mcols);
		p->para.indent = (int8_t)hang;
		p->para.text_indent = (int8_t)(half(l->lead) - hang);
		p->item_cont = l->lead + mcols;
	} else {
		p->para.text_indent = (int8_t)half(l->lead);
	}
	p->open.len = 0;
	buf_add(&p->open, l->s, l->n);
	p->has_open = true;
	set_prev(p, l, end);
	if (end)
		close_open(p);
}

static void
wrapped_line(struct plain *p, const struct plain_line *l)
{
	int w = p->info.wrap, t = p->info.tol;
	bool end, cont;
	if (l->head.rank) {
		close_open(p);
		add_heading(p, l);
		p->has_prev = false;
		return;
	}
	end = l->lead >= w / 2 && l->width >= w - t && l->width <= w;
	cont = p->has_open && p->has_prev && !l->start && !p->prev_end && p->prev_full && !end;
	if (cont && ((p->item_cont > 0 && l->lead == p->item_cont) ||
	             (l->lead == 0 && !plain_list_marker(l->s, l->n, NULL)))) {
		join(p, l->s, l->n);
		set_prev(p, l, false);
		return;
	}
	close_open(p);
	start_block(p, l, end);
}

/* ---- Latin, hard-wrapped: preformatted chunks ---- */

static void
hold(struct plain *p, const struct plain_line *l)
{
	xgrow(&p->cand, &p->cand_cap, p->ncand + 1, sizeof *p->cand);
	p->cand[p->ncand].l = *l;
	p->cand[p->ncand++].off = p->cand_text.len;
	buf_add(&p->cand_text, l->raw, l->rawn);
}

/* The held line K, its pointers into the held text. */
static struct plain_line
held_line(const struct plain *p, size_t k)
{
	struct plain_line l = p->cand[k].l;
	const char *raw = p->cand_text.p + p->cand[k].off;
	l.s = raw + (l.s - l.raw);
	l.raw = raw;
	return l;
}

/* The held chunk is preformatted: its lines join the block. */
static void
commit_held(struct plain *p)
{
	close_open(p);
	for (size_t k = 0; k < p->ncand; k++) {
		struct plain_line l = held_line(p, k);
		if (!p->has_pre) {
			memset(&p->pre_b, 0, sizeof p->pre_b);
			p->pre_b.line = l.no;
			p->pre_b.flags = BF_LINES | (scene_break(p, l.blank) ? BF_GAP : 0);
			p->pre.len = 0;
			p->has_pre = true;
		} else {
			buf_addc(&p->pre, '\n');
			for (int b = 0; b < l.blank; b++)
				buf_addc(&p->pre, '\n');
		}
		buf_add(&p->pre, l.raw, l.rawn);
	}
	p->ncand = 0;
	p->cand_text.len = 0;
}

/* Of the line (S, N), the bytes of its first COMMON columns of leading
 * space. */
static size_t
strip_cols(const char *s, size_t n, int common)
{
	size_t j = 0, len;
	int cols = 0;
	while (j < n && cols < common) {
		uint32_t c = scan_cp_at(s, n, j, &len);
		int w = c == '\t' ? (cols / 8 + 1) * 8 - cols : c == ' ' ? 1 : c == 0x3000 ? 2 : -1;
		if (w < 0 || cols + w > common)
			break;
		cols += w;
		j += len;
	}
	return j;
}

/* The preformatted block is whole: the indent common to its lines goes. */
static void
close_pre(struct plain *p)
{
	struct buf out = {0};
	const char *t = p->pre.p;
	int common = -1;
	struct block *b;
	if (!p->has_pre)
		return;
	for (size_t i = 0; i <= p->pre.len;) {
		const char *nl = memchr(t + i, '\n', p->pre.len - i);
		size_t e = nl ? (size_t)(nl - t) : p->pre.len;
		int cols;
		plain_lead(t + i, e - i, &cols);
		if (e > i && (common < 0 || cols < common))
			common = cols;
		i = e + 1;
	}
	for (size_t i = 0; i <= p->pre.len;) {
		const char *nl = memchr(t + i, '\n', p->pre.len - i);
		size_t e = nl ? (size_t)(nl - t) : p->pre.len, j = i + strip_cols(t + i, e - i, common);
		if (i > 0)
			buf_addc(&out, '\n');
		buf_add(&out, t + j, e - j);
		i = e + 1;
	}
	b = add_block(p, BLK_PARA, out.p ? out.p : "", out.len, p->pre_b.line);
	b->flags = p->pre_b.flags;
	buf_free(&out);
	p->has_pre = false;
}

static void
replay_held(struct plain *p)
{
	for (size_t k = 0; k < p->ncand; k++) {
		struct plain_line l = held_line(p, k);
		wrapped_line(p, &l);
	}
	p->ncand = 0;
	p->cand_text.len = 0;
}

/* Is L taken as a line of a chunk that may be preformatted: every line
 * indented by 4 columns or more? */
static bool
pre_line(struct plain *p, const struct plain_line *l)
{
	bool indented = l->lead >= 4;
	if (l->start) {
		if (p->ncand)
			commit_held(p);
		if (indented) {
			hold(p, l);
			return true;
		}
		close_pre(p);
		return false;
	}
	if (!p->ncand)
		return false;
	if (indented) {
		hold(p, l);
		return true;
	}
	/* not preformatted after all: its lines are read as any */
	close_pre(p);
	replay_held(p);
	return false;
}

/* ---- the format ---- */

static void
on_line(void *ctx, const struct plain_line *l)
{
	struct plain *p = ctx;
	if (!p->info.wrapped)
		lines_line(p, l);
	else if (!p->info.latin || !pre_line(p, l))
		wrapped_line(p, l);
}

/* The title block, once its lines are read: title, (subtitle,) author. */
static void
set_title(struct plain *p)
{
	const struct buf *t = p->rd.title;
	int n = p->info.title_lines;
	struct buf b = {0};
	if (p->titled || n == 0 || p->rd.ntitle < n)
		return;
	p->titled = true;
	buf_add(&b, t[0].p, t[0].len);
	if (n == 3) {
		buf_adds(&b, p->info.latin ? ": " : "\u3000");
		buf_add(&b, t[1].p, t[1].len);
	}
	p->d->title = buf_steal(&b);
	if (n >= 2)
		p->d->author = plain_author(t[n - 1].p, t[n - 1].len);
}

static void
decide(struct plain *p, size_t sample)
{
	const char *h = p->head.p ? p->head.p : "";
	plain_analyse(h, sample, &p->info);
	/* for a parse of the rest of the text from a fresh start */
	doc_set_decided(p->d, &p->info, sizeof p->info);
	plain_reader_init(&p->rd, &p->info, on_line, p);
	p->decided = true;
	plain_reader_feed(&p->rd, h, p->head.len);
	buf_free(&p->head);
}

static void *
plain_begin(struct doc *d)
{
	struct plain *p = xcalloc(1, sizeof *p);
	p->d = d;
	p->item_cont = -1;
	d->para_indent = false; /* the text's own indents are kept */
	if (d->decided && d->decided_len == sizeof p->info) {
		/* the rest of a text whose start decided: read it that way (its
		 * title block is behind) */
		memcpy(&p->info, d->decided, sizeof p->info);
		p->info.title_lines = 0;
		plain_reader_init(&p->rd, &p->info, on_line, p);
		p->decided = true;
	}
	return p;
}

static void
plain_feed(void *st, const char *text, size_t len)
{
	struct plain *p = st;
	if (p->decided) {
		plain_reader_feed(&p->rd, text, len);
	} else {
		size_t k;
		buf_add(&p->head, text, len);
		if ((k = plain_sample_len(p->head.p ? p->head.p : "", p->head.len, false)) > 0)
			decide(p, k);
	}
	set_title(p);
	/* blocks are made whole: all of them are final */
	p->d->nfinal = p->d->nblocks;
}

static void
plain_end(void *st)
{
	struct plain *p = st;
	if (!p->decided)
		decide(p, plain_sample_len(p->head.p ? p->head.p : "", p->head.len, true));
	plain_reader_end(&p->rd);
	if (p->ncand)
		commit_held(p);
	close_pre(p);
	close_open(p);
	set_title(p);
	doc_complete(p->d);
	plain_reader_free(&p->rd);
	buf_free(&p->open);
	buf_free(&p->pre);
	buf_free(&p->cand_text);
	free(p->cand);
	free(p);
}

/* Any text reads as plain text: the fallback, below every format that
 * recognises a text as its own. */
static int
plain_detect(const char *text, size_t len, const char *path)
{
	(void)text;
	(void)len;
	(void)path;
	return 10;
}

const struct format format_plain = {
	"plain",
	N_("plain text: novels and web fiction, notices and mail, English prose"),
	plain_detect,
	plain_begin,
	plain_feed,
	plain_end,
	plain_resync,
};
