/* present.c: what each block kind shows, for the screen and --dump alike
 * (see present.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "present.h"
#include "present_impl.h"
#include "theme.h"
#include "util.h"
#include "vertical.h"
#include "width.h"

static const struct present_words words[] = {
	{"ja", "［写真］", "［表］", "（収録なし）", "（表のデータは収録なし）", "脚注", "コラム", "：", "［図］",
	 "注記", "入力者注", "外字"},
	{"en", "[Photo] ", "[Table] ", "(not in this document)", "(the table's data is not in this document)",
	 "Footnote", "Column", ": ", "[Figure] ", "Note", "Editor's note", "Character not in the text"},
};

const struct present_words *
present_words_of(const char *lang)
{
	for (size_t i = 0; lang && i < sizeof words / sizeof *words; i++)
		if (strncmp(lang, words[i].lang, 2) == 0)
			return &words[i];
	return NULL;
}

void
present_init(struct present *P, const struct doc *d, const struct present_opts *o)
{
	P->d = d;
	P->amb = o->amb == 2 ? 2 : 1;
	P->w = o->words ? o->words : present_words_of(d->lang);
	if (!P->w)
		P->w = &words[1];
	P->ruby_hidden = o->ruby_hidden;
	P->vertical = P->ruby_aside = false;
}

/* Cells of a label or a mark: in slots when the text is set vertically. */
static int
label_cells(const struct present *P, const char *s, size_t n)
{
	if (P->vertical)
		return (int)vtext_width(s, n, P->amb);
	return (int)width_str((const uint8_t *)s, n, P->amb);
}

void
pres_free(struct pres *p)
{
	xfree(&p->pc);
	xfree(&p->segs);
	buf_free(&p->text);
	p->n = p->pc_cap = p->nsegs = p->segs_cap = 0;
}

/* ---- building pieces ---- */

static struct piece *
add_piece(struct pres *out, int kind, int el, int flags, int margin, int first, int rest)
{
	struct piece *pc;
	xgrow(&out->pc, &out->pc_cap, out->n + 1, sizeof *out->pc);
	pc = &out->pc[out->n++];
	memset(pc, 0, sizeof *pc);
	pc->kind = (uint8_t)kind;
	pc->el = (uint8_t)el;
	pc->flags = (uint8_t)flags;
	pc->hang = !(flags & PIECE_LINK);
	pc->margin = (int16_t)margin;
	pc->first = (int16_t)first;
	pc->rest = (int16_t)rest;
	pc->text = (uint32_t)out->text.len;
	pc->seg = (uint32_t)out->nsegs;
	return pc;
}

void
pres_put(struct pres *out, struct piece *pc, const char *s, size_t n, uint32_t model, int el)
{
	if (n == 0)
		return;
	if (!(pc->flags & PIECE_SYNTH)) {
		xgrow(&out->segs, &out->segs_cap, out->nsegs + 1, sizeof *out->segs);
		out->segs[out->nsegs++] = (struct pseg){pc->len, model, (uint32_t)n, (uint8_t)el};
		pc->nsegs++;
	}
	buf_add(&out->text, s, n);
	pc->len += (uint32_t)n;
}

static void
put_str(struct pres *out, struct piece *pc, const char *s, uint32_t model, int el)
{
	pres_put(out, pc, s, strlen(s), model, el);
}

/* A column head's text is its title, a line end, and its subtitle: where
 * the title ends (the whole text if there is no subtitle). */
static uint32_t
title_end(const struct block *b)
{
	const char *nl = memchr(b->text, '\n', b->len);
	return nl ? (uint32_t)(nl - b->text) : b->len;
}

/* A piece of the block's text, with PREFIX (shown in PREFIX_EL) and SUFFIX
 * (in the piece's element) around it. */
static struct piece *
text_piece(const struct present *P, struct pres *out, const struct block *b, int el, int flags,
           int margin, int first, int rest, const char *prefix, int prefix_el, const char *suffix)
{
	bool own = !prefix && !suffix && !present_has_inserts(P, b);
	struct piece *pc = add_piece(out, PIECE_TEXT, el, flags | (own ? PIECE_OWN : 0), margin,
	                             first, rest);
	if (own) {
		pc->len = b->len;
		return pc;
	}
	if (prefix)
		put_str(out, pc, prefix, 0, prefix_el);
	present_put_text(P, out, pc, b);
	if (suffix)
		put_str(out, pc, suffix, b->len, el);
	return pc;
}

/* A text of its own. */
static struct piece *
synth_piece(struct pres *out, const char *s, int el, int flags, int margin, int first, int rest)
{
	struct piece *pc = add_piece(out, PIECE_TEXT, el, flags | PIECE_SYNTH, margin, first, rest);
	put_str(out, pc, s, 0, 0);
	return pc;
}

/* ---- what each kind shows ---- */

static void set_alignment(const struct present *P, const struct block *b, struct piece *pc);
static void block_indents(const struct present *P, const struct block *b, int *first, int *rest);

static int
heading_el(const struct block *b)
{
	switch (b->kind) {
	case BLK_CHAPTER:
	case BLK_PART:
		return EL_CHAPTER;
	case BLK_SECTION:
		return EL_SECTION;
	case BLK_HEADING:
		return EL_HEADING1 + (b->level > 0 ? (b->level > 4 ? 3 : b->level - 1) : 0);
	case BLK_SUBHEAD:
		return EL_HEADING3;
	default:
		return EL_BODY;
	}
}

/* The indents of a block's lines, in cells: a paragraph indents its first
 * line by one full-width space (where the document's paragraphs do);
 * numbered headings, footnotes and notes hang after their label; then
 * the block's own 字下げ. */
static void
block_indents(const struct present *P, const struct block *b, int *first, int *rest)
{
	*first = *rest = 0;
	switch (b->kind) {
	case BLK_PARA:
		if (doc_para_indent_at(P->d, (size_t)(b - P->d->blocks)))
			*first = 2;
		break;
	case BLK_CHAPTER:
	case BLK_SECTION:
	case BLK_CONTENTS:
	case BLK_HEADING:
	case BLK_FOOTNOTE:
	case BLK_TABLE_NOTE:
	case BLK_SUBHEAD:
		*rest = label_cells(P, b->text, b->body);
		break;
	default:
		break;
	}
	*first += 2 * (b->indent + b->text_indent);
	*rest += 2 * b->indent;
	if (*first < 0)
		*first = 0;
	if (*rest < 0)
		*rest = 0;
}

static void
present_contents(const struct present *P, const struct block *b, struct pres *out)
{
	struct buf suffix = {0};
	int first, rest;
	block_indents(P, b, &first, &rest);
	if (b->aux) {
		buf_adds(&suffix, "\u3000");
		buf_adds(&suffix, b->aux);
	}
	if (!b->has_body) {
		buf_adds(&suffix, "\u3000");
		buf_adds(&suffix, P->w->missing);
	}
	text_piece(P, out, b, b->has_body ? EL_BODY : EL_TOC_NOBODY, 0, 2, first, rest, NULL, 0,
	           suffix.p);
	buf_free(&suffix);
}

/* The work's title, and the header's other lines (subtitle, author, …)
 * under it, each centred. */
static void
present_title(const struct present *P, const struct block *b, struct pres *out)
{
	const char *l = b->aux;
	text_piece(P, out, b, EL_TITLE, PIECE_CENTER, 0, 0, 0, NULL, 0, NULL);
	while (l && *l) {
		size_t n = strcspn(l, "\n");
		char *line = xstrndup(l, n);
		synth_piece(out, line, EL_BODY, PIECE_CENTER, 0, 0, 0);
		free(line);
		l += n + (l[n] == '\n');
	}
}

/* An image: its mark and its description, without the words that say a
 * caption comes with it (「X」のキャプション付きの図 is 「X」). */
static void
present_figure(const struct present *P, const struct block *b, struct pres *out)
{
	static const char with_caption[] = "のキャプション付きの図";
	const char *mark = b->level ? P->w->photo : P->w->figure;
	int mw = (int)width_str((const uint8_t *)mark, strlen(mark), P->amb), first, rest;
	size_t n = b->len, l = sizeof with_caption - 1;
	struct piece *pc;
	block_indents(P, b, &first, &rest);
	if (n > l && memcmp(b->text + n - l, with_caption, l) == 0)
		n -= l;
	pc = add_piece(out, PIECE_TEXT, EL_CAPTION, 0, 0, first, rest + mw);
	put_str(out, pc, mark, 0, EL_CAPTION);
	pres_put(out, pc, b->text, n, 0, 0);
	set_alignment(P, b, pc);
}

/* A caption or a table's title after its mark, aligned after the mark. */
static void
present_marked(const struct present *P, const struct block *b, const char *mark, struct pres *out)
{
	int mw = label_cells(P, mark, strlen(mark));
	text_piece(P, out, b, EL_CAPTION, 0, 0, 0, mw, mark, EL_CAPTION, NULL);
}

/* A column's head: in the body, its link line (コラム：title　subtitle);
 * in its popup or frame, its title and subtitle. */
static void
present_column_head(const struct present *P, size_t bi, enum pres_ctx ctx, struct pres *out)
{
	const struct block *b = &P->d->blocks[bi];
	uint32_t te = title_end(b);
	struct piece *pc;
	if (ctx == PRES_MAIN) {
		pc = add_piece(out, PIECE_TEXT, EL_LINK, PIECE_LINK, 0, 0, 2);
		put_str(out, pc, "▶ ", 0, EL_LINK);
		put_str(out, pc, P->w->column, 0, EL_LINK);
		put_str(out, pc, P->w->sep, 0, EL_LINK);
		present_put_range(P, out, pc, b, 0, te);
		if (te < b->len) {
			put_str(out, pc, "　", te, EL_LINK);
			present_put_range(P, out, pc, b, te + 1, b->len);
		}
		return;
	}
	pc = add_piece(out, PIECE_TEXT, EL_POPUP_TITLE, 0, 0, 0, 0);
	present_put_range(P, out, pc, b, 0, te);
	if (te < b->len) {
		pc = add_piece(out, PIECE_TEXT, EL_POPUP_TITLE, 0, 2, 0, 0);
		present_put_range(P, out, pc, b, te + 1, b->len);
	}
}

/* What stands before a block: an empty line for a scene break, a rule
 * before the back matter. */
static void
present_before(const struct present *P, size_t bi, struct pres *out)
{
	const struct block *b = &P->d->blocks[bi];
	if (b->flags & BF_GAP)
		add_piece(out, PIECE_BLANK, EL_BODY, 0, 0, 0, 0);
	if ((b->flags & BF_BACK) && (bi == 0 || !(P->d->blocks[bi - 1].flags & BF_BACK)))
		add_piece(out, PIECE_RULE, EL_SEPARATOR, 0, 0, 0, 0)->rule = 0x2500;
}

/* How the block's own lines are set: its measure and alignment. */
static void
set_alignment(const struct present *P, const struct block *b, struct piece *pc)
{
	if (b->measure)
		pc->measure = (int16_t)(2 * b->measure);
	if (b->align == ALIGN_END) {
		pc->flags |= PIECE_END;
		pc->end_off = (int16_t)(2 * b->end_off);
	} else if (b->align == ALIGN_CENTER) {
		pc->flags |= PIECE_CENTER;
	}
	(void)P;
}

void
present_block(const struct present *P, size_t bi, enum pres_ctx ctx, struct pres *out)
{
	const struct block *b = &P->d->blocks[bi];
	int first, rest, el = heading_el(b), flags = 0;
	struct piece *pc;

	out->n = out->nsegs = 0;
	out->text.len = 0;
	present_before(P, bi, out);
	block_indents(P, b, &first, &rest);
	switch (b->kind) {
	case BLK_CHAPTER:
	case BLK_SECTION:
	case BLK_PART:
		text_piece(P, out, b, el, 0, 0, first, rest, NULL, 0, NULL);
		pc = add_piece(out, PIECE_RULE, el, 0, 0, 0, 0);
		pc->rule = b->kind == BLK_SECTION ? 0x2500 : 0x2550;
		return;
	case BLK_CONTENTS:
		present_contents(P, b, out);
		return;
	case BLK_CAPTION:
		if (P->d->figures) {
			/* under its figure, which has the mark */
			pc = text_piece(P, out, b, EL_CAPTION, 0, 2, first, rest, NULL, 0, NULL);
			set_alignment(P, b, pc);
		} else {
			present_marked(P, b, P->w->photo, out);
		}
		return;
	case BLK_TITLE:
		present_title(P, b, out);
		return;
	case BLK_FIGURE:
		present_figure(P, b, out);
		return;
	case BLK_NOTE:
		return; /* not shown: --inspect lists it */
	case BLK_TABLE:
		present_marked(P, b, P->w->table, out);
		synth_piece(out, P->w->table_missing, EL_CAPTION, 0, 2, 0, 0);
		return;
	case BLK_TABLE_NOTE:
		text_piece(P, out, b, EL_CAPTION, 0, 2, first, rest, NULL, 0, NULL);
		return;
	case BLK_COLUMN:
		present_column_head(P, bi, ctx, out);
		return;
	case BLK_PAGE_BREAK:
		pc = add_piece(out, PIECE_RULE, EL_SEPARATOR, 0, 0, 0, 0);
		pc->rule = 0x2500;
		return;
	case BLK_BYLINE:
		flags = PIECE_END;
		break;
	case BLK_PARA:
		if (first == 2 && rest == 0)
			flags = PIECE_ZENKAKU;
		break;
	default:
		break;
	}
	pc = text_piece(P, out, b, el, flags, ctx == PRES_NOTE ? 2 : 0, first, rest, NULL, 0, NULL);
	set_alignment(P, b, pc);
}

void
present_missing_note(const struct present *P, int32_t note, struct pres *out)
{
	const struct footnote *f = &P->d->notes[note];
	struct buf t = {0};
	int mw;
	out->n = out->nsegs = 0;
	out->text.len = 0;
	if (f->column < 0)
		buf_printf(&t, "(%d) ", f->number);
	else
		buf_printf(&t, "%d ", f->number);
	mw = label_cells(P, t.p, t.len);
	buf_adds(&t, P->w->missing);
	synth_piece(out, t.p, EL_BODY, 0, 2, 0, mw);
	buf_free(&t);
}

/* ---- reading what was built ---- */

const char *
pres_text(const struct pres *p, const struct doc *d, size_t bi, const struct piece *pc,
          size_t *len)
{
	*len = pc->len;
	if (pc->flags & PIECE_OWN)
		return d->blocks[bi].text;
	/* pieces with no text (a rule) may come before any text was put */
	return p->text.p ? p->text.p + pc->text : "";
}

const struct pseg *
pres_seg(const struct pres *p, const struct piece *pc, uint32_t disp)
{
	const struct pseg *s;
	size_t lo = 0, hi = pc->nsegs;
	if (pc->flags & (PIECE_OWN | PIECE_SYNTH) || !pc->nsegs)
		return NULL;
	s = p->segs + pc->seg;
	/* the last segment that starts at or before DISP */
	while (lo + 1 < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s[mid].disp <= disp)
			lo = mid;
		else
			hi = mid;
	}
	return &s[lo];
}

uint32_t
pres_to_model(const struct pres *p, const struct piece *pc, uint32_t disp)
{
	const struct pseg *s;
	if (pc->flags & PIECE_OWN)
		return disp;
	if (pc->flags & PIECE_SYNTH)
		return UINT32_MAX;
	s = pres_seg(p, pc, disp);
	if (!s)
		return 0;
	if (s->el || disp < s->disp)
		return s->model;
	return s->model + (disp - s->disp < s->len ? disp - s->disp : s->len);
}

size_t
pres_lay(const struct piece *pc, const char *text, size_t len, int width, bool hang, int amb,
         struct layout_buf *lb, int *margin)
{
	return pres_lay_cells(pc, text, len, width, hang, amb, NULL, lb, margin);
}

size_t
pres_lay_cells(const struct piece *pc, const char *text, size_t len, int width, bool hang,
               int amb, const uint16_t *cells, struct layout_buf *lb, int *margin)
{
	struct layout_opts o = {width - pc->margin, hang, amb};
	*margin = pc->margin;
	/* On a narrow page a margin that would leave too little gives way. */
	if (o.width < 4 || o.width < width / 2) {
		*margin = 0;
		o.width = width;
	}
	/* a piece whose punctuation does not hang keeps to the measure of the
	 * text around it all the same */
	if (hang && !pc->hang && o.width > LAYOUT_HANG + 1) {
		o.width -= LAYOUT_HANG;
		o.hanging = false;
	}
	/* 字詰め counts from the indent, as a box inside the 字下げ's margin
	 * (aozora2html: the jizume div inside the jisage div); 、。 hang past it */
	if (pc->measure > 0) {
		int m = pc->rest + pc->measure + (o.hanging ? LAYOUT_HANG : 0);
		if (m < o.width)
			o.width = m;
	}
	if ((pc->flags & (PIECE_END | PIECE_CENTER)) && !memchr(text, '\n', len)) {
		/* within the text's measure, not the margin punctuation hangs into */
		int w = 0, room = o.width - (o.hanging && o.width > LAYOUT_HANG + 1 ? LAYOUT_HANG : 0) - pc->first;
		if (cells)
			for (size_t i = 0; i < len; i++)
				w += cells[i] & LAYOUT_CELLS;
		else
			w = (int)width_str((const uint8_t *)text, len, amb);
		if (pc->flags & PIECE_END)
			room -= pc->end_off;
		if (w <= room)
			return layout_single(text, len,
			                     pc->first + (pc->flags & PIECE_END ? room - w : (room - w) / 2),
			                     w, lb);
	}
	return layout_text_cells(text, len, pc->first, pc->rest, &o, cells, lb);
}

/* ---- rules between blocks, frames ---- */

bool
present_tight(enum block_kind prev, enum block_kind cur)
{
	return (cur == BLK_CONTENTS && prev == BLK_CONTENTS) ||
	       (cur == BLK_TABLE_NOTE && (prev == BLK_TABLE || prev == BLK_TABLE_NOTE)) ||
	       (cur == BLK_CAPTION && prev == BLK_FIGURE);
}

const char *
present_frame_label(const struct present *P, int width, struct buf *out)
{
	out->len = 0;
	buf_printf(out, " %s ", P->w->column);
	if (width_cstr(out->p, P->amb) + 3 > width) {
		out->len = 0;
		buf_adds(out, P->w->column);
	}
	return out->p;
}

/* ---- words about the document ---- */

/* N bytes at S into T, its lines (a heading of several) joined by U+3000. */
static void
add_one_line(struct buf *t, const char *s, size_t n)
{
	const char *nl;
	while ((nl = memchr(s, '\n', n)) != NULL) {
		buf_add(t, s, (size_t)(nl - s));
		buf_adds(t, "\u3000");
		n -= (size_t)(nl - s) + 1;
		s = nl + 1;
	}
	buf_add(t, s, n);
}

char *
present_toc_text(const struct present *P, const struct toc_entry *e)
{
	const struct block *b = &P->d->blocks[e->block];
	struct buf t = {0};
	if (e->column) {
		char *name = present_column_item(P, b->column);
		buf_adds(&t, name);
		free(name);
	} else {
		add_one_line(&t, b->text, b->len);
	}
	if (e->no_body) {
		buf_adds(&t, " ");
		buf_adds(&t, P->w->missing);
	}
	return buf_steal(&t);
}

char *
present_toc_label(const struct present *P, const struct toc_entry *e)
{
	const struct block *b = &P->d->blocks[e->block];
	size_t n = b->body;
	if (e->column)
		return xstrdup(P->w->column);
	if (!n) {
		struct buf t = {0};
		add_one_line(&t, b->text, b->len);
		return t.p ? buf_steal(&t) : xstrdup("");
	}
	/* the label without the space after it */
	if (n >= 3 && memcmp(b->text + n - 3, "\u3000", 3) == 0)
		n -= 3;
	else if (b->text[n - 1] == ' ')
		n--;
	return xstrndup(b->text, n);
}

char *
present_column_title(const struct present *P, int32_t col)
{
	(void)col;
	return xstrdup(P->w->column);
}

char *
present_column_item(const struct present *P, int32_t col)
{
	const struct block *b = &P->d->blocks[P->d->cols[col].head];
	uint32_t te = title_end(b);
	struct buf t = {0};
	buf_adds(&t, P->w->column);
	buf_adds(&t, P->w->sep);
	buf_add(&t, b->text, te);
	if (te < b->len) {
		buf_adds(&t, "　");
		buf_add(&t, b->text + te + 1, b->len - te - 1);
	}
	return buf_steal(&t);
}

char *
present_column_name(const struct present *P, int32_t col)
{
	const struct block *b = &P->d->blocks[P->d->cols[col].head];
	struct buf t = {0};
	buf_adds(&t, P->w->column);
	buf_adds(&t, P->w->sep);
	buf_add(&t, b->text, title_end(b));
	return buf_steal(&t);
}

char *
present_note_label(const struct present *P, int32_t note)
{
	const struct doc *d = P->d;
	const struct footnote *f = &d->notes[note];
	struct buf t = {0};
	if (f->def >= 0)
		buf_add(&t, d->blocks[f->def].text, d->blocks[f->def].body);
	else if (f->column < 0)
		buf_printf(&t, "(%d)", f->number);
	else
		buf_printf(&t, "%d", f->number);
	while (t.len && t.p[t.len - 1] == ' ')
		t.p[--t.len] = '\0';
	return buf_steal(&t);
}

char *
present_note_title(const struct present *P, int32_t note)
{
	struct buf t = {0};
	/* one form in the narrative and in a column: "Footnote 1" */
	buf_printf(&t, "%s %d", P->w->footnote, P->d->notes[note].number);
	return buf_steal(&t);
}

char *
present_note_summary(const struct present *P, int32_t note)
{
	const struct footnote *f = &P->d->notes[note];
	char *label = present_note_label(P, note);
	struct buf t = {0};
	buf_adds(&t, label);
	buf_adds(&t, " ");
	if (f->def >= 0) {
		const struct block *b = &P->d->blocks[f->def];
		buf_add(&t, b->text + b->body, b->len - b->body);
	} else {
		buf_adds(&t, P->w->missing);
	}
	free(label);
	return buf_steal(&t);
}

char *
present_note_kind(const struct present *P, const struct span *sp)
{
	if (sp->kind == SPAN_GAIJI)
		return xstrdup(P->w->gaiji);
	return xstrdup(sp->style == NOTE_UNKNOWN ? P->w->note : P->w->editor_note);
}

char *
present_note_missing(const struct present *P, int32_t note)
{
	char *label = present_note_label(P, note);
	struct buf t = {0};
	buf_printf(&t, "%s %s", label, P->w->missing);
	free(label);
	return buf_steal(&t);
}
