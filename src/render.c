/* render.c: display rows of a block for the screen, cached per block. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "dump.h"
#include "i18n.h"
#include "layout.h"
#include "render.h"
#include "theme.h"
#include "util.h"
#include "width.h"

void
render_init(struct render *r, const struct doc *d, bool hanging)
{
	r->d = d;
	r->hanging = hanging;
	r->rb = NULL;
	r->nrb = 0;
	render_grow(r);
}

void
render_grow(struct render *r)
{
	size_t n = r->d->nblocks;
	if (n <= r->nrb && r->rb)
		return;
	r->rb = xrealloc(r->rb, (n ? n : 1) * sizeof *r->rb);
	for (size_t i = r->nrb; i < n; i++) {
		memset(&r->rb[i], 0, sizeof r->rb[i]);
		r->rb[i].width = -1;
	}
	r->nrb = n;
}

static void
rblock_clear(struct rblock *rb)
{
	xfree(&rb->rows);
	xfree(&rb->synth);
	rb->n = 0;
	rb->width = -1;
	rb->mark = NULL;
}

void
render_flush(struct render *r)
{
	for (size_t i = 0; i < r->nrb; i++)
		rblock_clear(&r->rb[i]);
}

void
render_free(struct render *r)
{
	if (r->rb)
		render_flush(r);
	xfree(&r->rb);
}

bool
render_tight(enum block_kind prev, enum block_kind cur)
{
	return (cur == BLK_CONTENTS && prev == BLK_CONTENTS) ||
	       (cur == BLK_TABLE_NOTE && (prev == BLK_TABLE || prev == BLK_TABLE_NOTE));
}

char *
render_column_link(const struct doc *d, size_t head)
{
	struct buf t = {0};
	const struct block *b = &d->blocks[head];
	buf_adds(&t, "▶ コラム：");
	buf_add(&t, b->text, b->len);
	if (b->aux) {
		buf_adds(&t, "　");
		buf_adds(&t, b->aux);
	}
	return buf_steal(&t);
}

static void
push_row(struct rblock *rb, size_t *cap, struct row row)
{
	xgrow(&rb->rows, cap, rb->n + 1, sizeof *rb->rows);
	rb->rows[rb->n++] = row;
}

/* Lay out S (N bytes) into rows of RB, MARGIN cells in. */
static void
add_lines(struct rblock *rb, size_t *cap, const char *s, size_t n, int width, int margin, int first,
          int rest, bool hanging, int el, int flags)
{
	struct layout_opts o = {width - margin, hanging};
	struct lline *l;
	size_t nl;
	if (o.width < 4 || o.width < width / 2) {
		margin = 0;
		o.width = width;
	}
	nl = layout_text(s, n, first, rest, &o, &l);
	for (size_t i = 0; i < nl; i++) {
		uint32_t e = l[i].end;
		while (e > l[i].start && s[e - 1] == ' ')
			e--;
		push_row(rb, cap,
		         (struct row){l[i].start, e, (uint16_t)(margin + l[i].indent), l[i].cells,
		                      ROW_TEXT,
		                      (uint8_t)(flags | (l[i].flags & LL_HANG ? ROW_HANG : 0) |
		                                (i > 0 ? 0 : 0)),
		                      (uint8_t)el});
	}
	free(l);
}

static int
heading_el(const struct block *b)
{
	switch (b->kind) {
	case BLK_CHAPTER:
		return EL_CHAPTER;
	case BLK_SECTION:
		return EL_SECTION;
	case BLK_HEADING:
		return EL_HEADING1 + (b->level > 0 ? b->level - 1 : 0);
	case BLK_SUBHEAD:
		return EL_HEADING3;
	default:
		return EL_BODY;
	}
}

static void
render_into(struct render *r, size_t bi, enum render_mode mode, int width, struct rblock *rb)
{
	const struct block *b = &r->d->blocks[bi];
	size_t cap = 0;
	int first, rest;
	bool hang = r->hanging;

	rb->width = width;
	rb->mode = (uint8_t)mode;
	layout_block_indents(b, &first, &rest);
	switch (b->kind) {
	case BLK_CHAPTER:
	case BLK_SECTION:
		add_lines(rb, &cap, b->text, b->len, width, 0, first, rest, hang, heading_el(b), 0);
		push_row(rb, &cap, (struct row){0, 0, 0, (uint16_t)width, ROW_RULE, 0, (uint8_t)heading_el(b)});
		break;
	case BLK_CONTENTS:
		rb->synth = dump_contents_text(b);
		add_lines(rb, &cap, rb->synth, strlen(rb->synth), width, 2, first, rest, hang,
		          b->has_body ? EL_BODY : EL_TOC_NOBODY, ROW_SYNTH);
		break;
	case BLK_CAPTION:
	case BLK_TABLE: {
		const char *mark = b->kind == BLK_CAPTION ? _("[Photo] ") : _("[Table] ");
		int mw = (int)width_str((const uint8_t *)mark, strlen(mark));
		size_t from = rb->n;
		rb->mark = mark;
		add_lines(rb, &cap, b->text, b->len, width, 0, mw, mw, hang, EL_CAPTION, 0);
		if (rb->n > from)
			rb->rows[from].flags |= ROW_MARK;
		if (b->kind == BLK_TABLE) {
			const char *note = _("(the table's data is not in this document)");
			size_t off;
			struct buf t = {0};
			buf_adds(&t, note);
			rb->synth = buf_steal(&t);
			off = rb->n;
			add_lines(rb, &cap, rb->synth, strlen(rb->synth), width, 2, 0, 0, hang, EL_CAPTION,
			          ROW_SYNTH);
			(void)off;
		}
		break;
	}
	case BLK_TABLE_NOTE:
		add_lines(rb, &cap, b->text, b->len, width, 2, first, rest, hang, EL_CAPTION, 0);
		break;
	case BLK_COLUMN:
		if (mode == RENDER_MAIN) {
			rb->synth = render_column_link(r->d, bi);
			add_lines(rb, &cap, rb->synth, strlen(rb->synth), width, 0, 0, 2, false, EL_LINK,
			          ROW_SYNTH | ROW_LINK);
		} else {
			add_lines(rb, &cap, b->text, b->len, width, 0, 0, 0, hang, EL_POPUP_TITLE, 0);
			if (b->aux) {
				rb->synth = xstrdup(b->aux);
				add_lines(rb, &cap, rb->synth, strlen(rb->synth), width, 2, 0, 0, hang,
				          EL_POPUP_TITLE, ROW_SYNTH);
			}
		}
		break;
	case BLK_BYLINE: {
		int w = (int)width_str((const uint8_t *)b->text, b->len);
		if (w <= width)
			push_row(rb, &cap, (struct row){0, b->len, (uint16_t)(width - w), (uint16_t)w, ROW_TEXT, 0, EL_BODY});
		else
			add_lines(rb, &cap, b->text, b->len, width, 0, 0, 0, hang, EL_BODY, 0);
		break;
	}
	default:
		add_lines(rb, &cap, b->text, b->len, width, 0, first, rest, hang, heading_el(b), 0);
		break;
	}
	if (rb->n == 0)
		push_row(rb, &cap, (struct row){0, 0, 0, 0, ROW_BLANK, 0, EL_BODY});
}

/* A column shown inline in the body: its blocks inside a frame. */
static void
render_inline(struct render *r, size_t bi, int width, struct rblock *rb)
{
	const struct block *b = &r->d->blocks[bi];
	const struct column *col = &r->d->cols[b->column];
	int inner = width - RENDER_FRAME_CELLS;
	size_t cap;
	int32_t last = col->end - 1;
	bool hang = r->hanging;

	while (last > col->head && r->d->blocks[last].kind == BLK_FOOTNOTE)
		last--;
	if (inner < 4) {
		/* too narrow for a frame: as in a popup */
		render_into(r, bi, RENDER_POPUP, width, rb);
		return;
	}
	r->hanging = false; /* nothing hangs past a frame */
	cap = 0;
	if (b->kind == BLK_COLUMN)
		push_row(rb, &cap, (struct row){0, 0, 0, (uint16_t)width, ROW_FRAME_TOP, 0, EL_COLUMN_FRAME});
	else if (!render_tight(r->d->blocks[bi - 1].kind, b->kind))
		/* the blank line between blocks is inside the frame */
		push_row(rb, &cap, (struct row){0, 0, 0, 0, ROW_BLANK, ROW_FRAMED, EL_BODY});
	{
		/* the block as a popup shows it, two cells in, between the sides */
		struct rblock in = {0};
		render_into(r, bi, RENDER_POPUP, inner, &in);
		for (uint32_t i = 0; i < in.n; i++) {
			struct row row = in.rows[i];
			row.indent = (uint16_t)(row.indent + 2);
			row.flags |= ROW_FRAMED;
			push_row(rb, &cap, row);
		}
		rb->synth = in.synth;
		rb->mark = in.mark;
		in.synth = NULL;
		rblock_clear(&in);
	}
	if ((int32_t)bi == last)
		push_row(rb, &cap, (struct row){0, 0, 0, (uint16_t)width, ROW_FRAME_BOTTOM, 0, EL_COLUMN_FRAME});
	r->hanging = hang;
	rb->width = width;
	rb->mode = RENDER_INLINE;
}

const struct rblock *
render_block(struct render *r, size_t b, enum render_mode mode, int width)
{
	struct rblock *rb = &r->rb[b];
	if (width < 1)
		width = 1;
	if (mode == RENDER_INLINE && r->d->blocks[b].column < 0)
		mode = RENDER_MAIN;
	if (rb->width != width || rb->mode != (uint8_t)mode) {
		rblock_clear(rb);
		if (mode == RENDER_INLINE)
			render_inline(r, b, width, rb);
		else
			render_into(r, b, mode, width, rb);
	}
	return rb;
}

const char *
render_row_text(const struct render *r, size_t b, const struct rblock *rb, const struct row *row)
{
	return (row->flags & ROW_SYNTH) ? rb->synth : r->d->blocks[b].text;
}
