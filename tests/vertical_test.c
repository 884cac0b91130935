/* vertical_test.c: text set vertically (vertical.c, the vertical rows of
 * render.c, vdraw.c, vdump.c).  The forms of characters, the slots they
 * take (縦中横, ruby beside its base), a document in the shape of an Aozora
 * text built by hand (ruby, 縦中横, 字下げ, 地付き, emphasis) against
 * golden pages, and properties over the chapter and every fixture at many
 * page sizes: the columns read from right to left and top to bottom, the
 * vertical forms mapped back, give the text in order; no line starts or
 * ends with what JLReq forbids there except at an emergency break; no
 * line is longer than the page is high, no page wider than it is wide.
 * YOMU_UPDATE_GOLDEN=1 rewrites the golden pages (review the diff). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "docload.h"
#include "linebreak.h"
#include "render.h"
#include "tap.h"
#include "theme.h"
#include "util.h"
#include "vdraw.h"
#include "vdump.h"
#include "vertical.h"
#include "width.h"

/* ---- forms ---- */

static void
test_forms(void)
{
	static const uint32_t pairs[][2] = {
		{0x3001, 0xFE11}, {0x3002, 0xFE12}, {0x300C, 0xFE41}, {0x300D, 0xFE42},
		{0x300E, 0xFE43}, {0x300F, 0xFE44}, {0xFF08, 0xFE35}, {0xFF09, 0xFE36},
		{0x3010, 0xFE3B}, {0x3011, 0xFE3C}, {0x3014, 0xFE39}, {0x3015, 0xFE3A},
		{0x300A, 0xFE3D}, {0x300B, 0xFE3E}, {0x3008, 0xFE3F}, {0x3009, 0xFE40},
		{0x2026, 0xFE19}, {0x2025, 0xFE30}, {0xFF1A, 0xFE13}, {0xFF1B, 0xFE14},
		{0xFF01, 0xFE15}, {0xFF1F, 0xFE16}, {0x2015, 0xFE31}, {0x30FC, 0x4E28},
		{0xFF5E, 0xFE34}, {'(', 0xFE35}, {'!', 0xFE15}, {'A', 0xFF21}, {'5', 0xFF15},
		{0x2192, 0x2193}, {0x3042, 0x3042}, {0x6F22, 0x6F22}, {0x3083, 0x3083},
	};
	int bad = 0;
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		if (vert_form(pairs[i][0]) != pairs[i][1]) {
			tap_diag("U+%04X gives U+%04X, not U+%04X", pairs[i][0], vert_form(pairs[i][0]),
			         pairs[i][1]);
			bad++;
		}
	tap_ok(!bad, "vertical forms: 、。「」『』（）【】〔〕《》〈〉…‥：；！？―ー～, ASCII upright");
	bad = 0;
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		uint32_t c = pairs[i][0] < 0x80 ? 0xFF01 + pairs[i][0] - 0x21 : pairs[i][0];
		if (c != 0xFF5E && vert_unform(vert_form(c)) != c)
			bad++;
	}
	tap_ok(!bad && vert_unform(0xFE31) == 0x2015 && vert_unform(0x2193) == 0x2192,
	       "and they map back");
	tap_ok(vert_form(0x2014) == 0xFE31 && vert_form(0x2013) == 0xFE32 && vert_form(0x301C) == 0xFE34,
	       "— and ― are ︱, – is ︲, 〜 is ︴");
	tap_ok(vdraw_packed_char(0xFF01) == '!' && vdraw_slot_char('7', 1) == 0xFF17 &&
	           vdraw_slot_char(0xE9, 1) == 0xE9,
	       "in a 縦中横 slot half-width; alone, full-width where there is a form");
}

/* ---- slots ---- */

/* The cells of each character of S as "2 1 1g": g where no line may
 * break before it. */
static char *
cells_str(const struct vtext *t)
{
	uint16_t *c = xcalloc(t->n + 1, sizeof *c);
	struct buf b = {0};
	vtext_cells(t, 0, t->n, c);
	for (size_t i = 0; i < t->n; i++)
		if (((uint8_t)t->s[i] & 0xC0) != 0x80)
			buf_printf(&b, "%s%u%s", b.len ? " " : "", c[i] & VC_CELLS, c[i] & VC_GLUE ? "g" : "");
	free(c);
	if (!b.p)
		buf_adds(&b, "");
	return buf_steal(&b);
}

static void
cells_is(const char *s, const char *want, const char *name)
{
	struct vtext t = {s, strlen(s), 1, NULL, NULL, NULL, NULL, false, 0};
	char *got = cells_str(&t);
	tap_str(got, want, name);
	free(got);
}

static struct block *
para(struct doc *d, const char *text)
{
	struct block *b = doc_add_block(d, BLK_PARA, xstrdup(text), strlen(text));
	d->nfinal = d->nblocks;
	return b;
}

/* The byte offset of the first NEEDLE in B's text. */
static uint32_t
at(const struct block *b, const char *needle)
{
	const char *p = strstr(b->text, needle);
	return p ? (uint32_t)(p - b->text) : 0;
}

static void
span_over(struct doc *d, struct block *b, const char *target, int kind, int style,
          const char *ann)
{
	size_t cap = b->nspans;
	uint32_t s = at(b, target);
	block_add_span(b, &cap, s, s + (uint32_t)strlen(target), kind, style,
	               ann ? doc_add_ann(d, ann, strlen(ann)) : -1);
	block_sort_spans(b);
}

static void
model_cells_is(struct doc *d, struct block *b, bool aside, const char *want, const char *name)
{
	struct vtext t = {b->text, b->len, 1, d, b, NULL, NULL, aside, 0};
	char *got = cells_str(&t);
	tap_str(got, want, name);
	free(got);
}

static void
test_cells(void)
{
	struct doc d;
	struct block *b;
	cells_is("漢字かな", "2 2 2 2", "a slot a character");
	cells_is("昭和29年", "2 2 1 1g 2", "two half-width digits share a slot, kept together (縦中横)");
	cells_is("第5回", "2 2 2", "one digit has a slot of its own");
	cells_is("2025年", "2 2 2 2 2", "a longer number: a digit a slot");
	cells_is("H2O", "2 2 2", "a digit in a word: a slot");
	cells_is("3.5と10:30", "2 2 2 2 2 2 2 2 2", "digits around . and : are one number");
	cells_is("機関⁽¹⁾が", "2 2 1 1g 2g 2", "a footnote mark ⁽¹⁾: two marks a slot");
	cells_is("ABC abc", "2 2 2 2 2 2 2", "Latin letters and a space: a slot each");
	cells_is("か\xcc\x81き", "2 0g 2", "a combining mark takes no slot and stays with its character");

	doc_init(&d);
	b = para(&d, "昭和１２年と！？と100と2001");
	span_over(&d, b, "１２", SPAN_TCY, 0, NULL);
	span_over(&d, b, "！？", SPAN_TCY, 0, NULL);
	span_over(&d, b, "100", SPAN_TCY, 0, NULL);
	span_over(&d, b, "2001", SPAN_TCY, 0, NULL);
	model_cells_is(&d, b, false, "2 2 1 1g 2 2 1 1g 2 1 1g 2g 2 1 1g 1g 1g",
	               "a 縦中横 span: full-width set half-width, two a slot");
	b = para(&d, "読みと漢字と字など");
	span_over(&d, b, "読", SPAN_RUBY, 0, "よみ");
	span_over(&d, b, "漢字", SPAN_RUBY, 0, "かん");
	span_over(&d, b, "字な", SPAN_RUBY, 0, "ながいよみがな");
	model_cells_is(&d, b, true, "4 2 2 2 2g 2 2 12g 2",
	               "ruby beside: the base takes the slots of its reading, kept together");
	model_cells_is(&d, b, false, "2 2 2 2 2 2 2 2 2", "ruby in the text: nothing more");
	{
		/* the sample's 青空文庫［＃「青空文庫」の左に「aozora bunko」のルビ］ on
		 * a short column: the base with its reading took more than a
		 * line, and the line was longer than the column */
		struct vtext t = {b->text, b->len, 1, &d, b, NULL, NULL, true, 8};
		char *got = cells_str(&t);
		tap_str(got, "4 2 2 2 2g 2 2 6g 2",
		        "ruby beside: a base with its reading takes no more than a line, the reading cut");
		free(got);
	}
	doc_free(&d);
	tap_ok(vtext_width("(1)　", strlen("(1)　"), 1) == 8, "a label's width in slots: (1)　is four");
}

/* ---- a document in the shape of an Aozora text ---- */

static void
build_aozora(struct doc *d)
{
	struct block *b;
	d->para_indent = true;
	b = doc_add_block(d, BLK_HEADING, xstrdup("第一章　港の朝"), strlen("第一章　港の朝"));
	b->level = 1;
	b->indent = 3;
	b = para(d, "昭和29年の夏、私は港町の坂を登った。灯台守の老人は「おはよう！」と言い、"
	            "ちょっとだけ笑った――それが最初だった……。");
	span_over(d, b, "29", SPAN_TCY, 0, NULL);
	span_over(d, b, "港町", SPAN_RUBY, 0, "みなとまち");
	span_over(d, b, "灯台守", SPAN_RUBY, 0, "とうだいもり");
	span_over(d, b, "笑", SPAN_RUBY, EMPH_LEFT, "わら");
	b = para(d, "ボートは12月のはじめに戻る。 Seaside Hotel は2024年に閉じた。");
	span_over(d, b, "はじめ", SPAN_EMPH, EMPH_SESAME, NULL);
	b = para(d, "前略　お元気ですか。こちらは毎日、海を見ています。");
	b->indent = 2;
	b->text_indent = -1;
	b = para(d, "四月十日　健一");
	b->align = ALIGN_END;
	b->end_off = 2;
	b = para(d, "（終）");
	b->align = ALIGN_END;
	doc_complete(d);
}

/* A paragraph with two footnote references: one to a footnote it holds,
 * one to a footnote it lacks. */
static void
build_notes(struct doc *d)
{
	struct block *b = para(d, "港の灯台⁽¹⁾は古い。岬の家⁽²⁾も古い。");
	strcpy(d->lang, "ja");
	int32_t n1 = doc_new_note(d, -1, 1), n2 = doc_new_note(d, -1, 2);
	size_t cap = 0;
	block_add_span(b, &cap, at(b, "⁽¹⁾"), at(b, "⁽¹⁾") + (uint32_t)strlen("⁽¹⁾"), SPAN_FNREF, 0, n1);
	block_add_span(b, &cap, at(b, "⁽²⁾"), at(b, "⁽²⁾") + (uint32_t)strlen("⁽²⁾"), SPAN_FNREF, 0, n2);
	d->notes[n1].ref = d->notes[n2].ref = 0;
	b = doc_add_block(d, BLK_FOOTNOTE, xstrdup("(1) 明治の灯台。"), strlen("(1) 明治の灯台。"));
	b->body = (uint32_t)strlen("(1) ");
	d->notes[n1].def = (int32_t)(d->nblocks - 1);
	d->nfinal = d->nblocks;
	doc_complete(d);
}

static char *
vdump_of(const struct doc *d, int w, int h, int gap)
{
	struct vdump_opts o = {w, h, gap, true, {1, NULL, false}};
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	vdump_document(f, d, &o);
	fclose(f);
	return out;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct buf b = {0};
	char tmp[4096];
	size_t n;
	if (!f)
		return NULL;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_add(&b, tmp, n);
	fclose(f);
	if (!b.p)
		buf_adds(&b, "");
	return buf_steal(&b);
}

static void
golden(const char *srcdir, const char *name, const char *got)
{
	struct buf path = {0};
	char *want;
	buf_printf(&path, "%s/tests/vertical/%s", srcdir, name);
	if (getenv("YOMU_UPDATE_GOLDEN") && *getenv("YOMU_UPDATE_GOLDEN") == '1') {
		FILE *f = fopen(path.p, "wb");
		if (f) {
			fputs(got, f);
			fclose(f);
		}
	}
	want = slurp(path.p);
	tap_str(got, want ? want : "(missing)", name);
	free(want);
	buf_free(&path);
}

static void check_doc(const char *name, const struct doc *d);

static void
test_aozora(const char *srcdir)
{
	struct doc d;
	char *a, *b, *c;
	doc_init(&d);
	build_aozora(&d);
	a = vdump_of(&d, 40, 12, 1);
	b = vdump_of(&d, 30, 18, 1);
	c = vdump_of(&d, 40, 16, 2);
	golden(srcdir, "aozora-40x12.out", a);
	golden(srcdir, "aozora-30x18.out", b);
	golden(srcdir, "aozora-40x16-gap2.out", c);
	tap_ok(strstr(a, "29") && !strstr(a, "２９") && strstr(a, "12") && strstr(a, "２\n"),
	       "縦中横 29 stands upright in one slot; 12 too; 2024 one digit a slot");
	tap_ok(strstr(a, "︽") && strstr(a, "み") && !strstr(c, "︽"),
	       "ruby in the text with a gap of 1, beside the base with 2");
	tap_ok(strstr(c, "﹅") != NULL && strstr(a, "•") != NULL,
	       "傍点 beside their characters: ﹅ in a wide gap, • in a narrow one");
	free(a);
	free(b);
	free(c);
	doc_free(&d);
	doc_init(&d);
	build_notes(&d);
	a = vdump_of(&d, 30, 12, 1);
	golden(srcdir, "notes-30x12.out", a);
	tap_ok(strstr(a, "明") && strstr(a, "収") != NULL,
	       "footnotes after their block: one it holds, one it lacks (（収録なし）)");
	free(a);
	check_doc("a document lacking a footnote", &d);
	doc_free(&d);
}

/* ---- properties ---- */

static uint32_t
norm(uint32_t c)
{
	c = vert_unform(c);
	return c >= 0xFF01 && c <= 0xFF5E ? c - 0xFF01 + 0x21 : c;
}

static bool
skipped(uint32_t c)
{
	return c == ' ' || c == 0x3000 || c == '\n' || (c >= 0x2500 && c <= 0x257F);
}

/* The characters of a row as the page should show them, mapped back. */
static void
expect_row(const struct render *r, size_t b, const struct rblock *rb, const struct row *row,
           int slots, struct buf *out)
{
	size_t len;
	const char *s;
	/* a column's frame says what it is; a frame of the text (罫囲み) does not */
	if (row->kind == ROW_FRAME_TOP && slots > 6 && row->el == EL_COLUMN_FRAME) {
		struct buf label = {0};
		const char *t = present_frame_label(&r->P, slots * VSLOT, &label);
		int k = 0;
		for (size_t i = 0, n = strlen(t); i < n && k < slots - 4;) {
			uint32_t c;
			i += utf8_get((const uint8_t *)t + i, n - i, &c);
			if (c != ' ') {
				buf_addcp(out, norm(vert_form(c)));
				k++;
			}
		}
		buf_free(&label);
	}
	if (row->kind != ROW_TEXT)
		return;
	s = render_row_text(r, b, rb, row, &len);
	for (uint32_t i = row->start; i < row->end;) {
		uint32_t c;
		i += (uint32_t)utf8_get((const uint8_t *)s + i, row->end - i, &c);
		if (!skipped(c))
			buf_addcp(out, norm(width_cp(c, 1) ? vert_form(c) : c));
	}
}

struct expect {
	struct render *r;
	enum render_dir dir;
	int slots;
	struct buf text;
	size_t lines;
};

static void
expect_line(void *ctx, int32_t b, uint32_t r, int mode)
{
	struct expect *e = ctx;
	e->lines++;
	if (b < -1) {
		struct rblock rb;
		render_missing_note(e->r, VDUMP_NOTE_OF(b), e->slots * VSLOT, e->dir, &rb);
		expect_row(e->r, 0, &rb, &rb.rows[r], e->slots, &e->text);
		render_rblock_free(&rb);
	} else if (b >= 0) {
		const struct rblock *rb = render_block_dir(e->r, (size_t)b, (enum render_mode)mode,
		                                           e->slots * VSLOT, e->dir);
		expect_row(e->r, (size_t)b, rb, &rb->rows[r], e->slots, &e->text);
	}
}

/* The pages of OUT read back: each page H lines of at most W cells, a
 * line with a form feed between them; the characters of the lines (two
 * cells each, from the right) mapped back into TEXT.  False if a page is
 * not W x H. */
static bool
read_pages(const char *out, int w, int h, int gap, struct buf *text, size_t *pages, char *why,
           size_t whylen)
{
	int pitch = VSLOT + gap, lines = w / pitch > 0 ? w / pitch : 1;
	int x0 = w - lines * pitch > 0 ? w - lines * pitch : 0;
	uint32_t *cells = xcalloc((size_t)(w + 2) * (size_t)h * 2, sizeof *cells);
	const char *p = out;
	bool ok = true;
	*pages = 0;
	while (*p && ok) {
		int y = 0;
		memset(cells, 0, (size_t)(w + 2) * (size_t)h * 2 * sizeof *cells);
		for (; *p && strncmp(p, "\f\n", 2) != 0; y++) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			int x = 0, last = -1;
			for (size_t i = 0; i < n;) {
				uint32_t c;
				int cw;
				i += utf8_get((const uint8_t *)p + i, n - i, &c);
				cw = width_cp(c, 1);
				if (y < h && cw == 0 && last >= 0)
					cells[((size_t)y * (size_t)(w + 2) + (size_t)last) * 2 + 1] = c;
				if (cw == 0)
					continue;
				if (y < h && x < w) {
					cells[((size_t)y * (size_t)(w + 2) + (size_t)x) * 2] = c;
					last = x;
				}
				x += cw;
			}
			if (x > w) {
				snprintf(why, whylen, "page %zu line %d is %d cells wide", *pages + 1, y + 1, x);
				ok = false;
			}
			p = nl ? nl + 1 : p + n;
		}
		if (y != h && ok) {
			snprintf(why, whylen, "page %zu has %d lines", *pages + 1, y);
			ok = false;
		}
		if (*p)
			p += 2;
		for (int j = 0; j < lines; j++)
			for (int yy = 0; yy < h; yy++)
				for (int k = 0; k < VSLOT; k++) {
					size_t ci = ((size_t)yy * (size_t)(w + 2) + (size_t)(x0 + (lines - 1 - j) * pitch + k)) * 2;
					if (cells[ci] && !skipped(norm(cells[ci])))
						buf_addcp(text, norm(cells[ci]));
					if (cells[ci] && cells[ci + 1])
						buf_addcp(text, cells[ci + 1]);
				}
		(*pages)++;
	}
	free(cells);
	return ok;
}

/* JLReq at the ends of the lines of one piece, and the lines within the
 * page's height; the pieces' texts covered in order. */
static void
check_rows(const struct render *r, size_t b, const struct rblock *rb, int height, int *bad_kinsoku,
           int *bad_height, int *bad_cover, struct buf *why)
{
	for (uint32_t i = 0; i < rb->n; i++) {
		const struct row *row = &rb->rows[i], *next = i + 1 < rb->n ? &rb->rows[i + 1] : NULL;
		size_t len, st;
		const char *s;
		uint32_t c;
		if (row->kind != ROW_TEXT)
			continue;
		if (row->indent + row->cells > height) {
			(*bad_height)++;
			if (!why->len)
				buf_printf(why, "block %zu line %u: %u + %u cells", b, i, row->indent, row->cells);
		}
		s = render_row_text(r, b, rb, row, &len);
		if (next && next->kind == ROW_TEXT && next->piece == row->piece) {
			uint32_t j = row->end;
			while (j < next->start && (s[j] == ' ' || s[j] == '\n'))
				j++;
			if (j != next->start) {
				(*bad_cover)++;
				if (!why->len)
					buf_printf(why, "block %zu: bytes %u-%u between two lines", b, row->end,
					           next->start);
			}
			/* the line broken in an emergency is the one before the break */
			if (next->start < next->end && !(row->flags & ROW_EMERGENCY) &&
			    (utf8_get((const uint8_t *)s + next->start, next->end - next->start, &c),
			     lb_no_start(c))) {
				(*bad_kinsoku)++;
				if (!why->len)
					buf_printf(why, "block %zu: a line starts with U+%04X", b, c);
			}
			if (row->end > row->start && !(row->flags & ROW_EMERGENCY) &&
			    lb_no_end(utf8_prev((const uint8_t *)s, row->end, &st))) {
				(*bad_kinsoku)++;
				if (!why->len)
					buf_printf(why, "block %zu: a line ends with an opening bracket", b);
			}
		}
	}
}

struct prop {
	const char *name;
	const struct doc *d;
	int checked, failed;
};

static void
check_size(struct prop *pp, int w, int h, int gap)
{
	const struct doc *d = pp->d;
	struct render r;
	struct present_opts po = {1, NULL, false};
	enum render_dir dir = gap >= VSLOT ? RENDER_VERTICAL_ASIDE : RENDER_VERTICAL;
	struct expect e = {&r, dir, h, {0}, 0};
	struct buf got = {0}, why = {0};
	int kin = 0, hi = 0, cov = 0;
	char *out = vdump_of(d, w, h, gap), msg[200] = "";
	size_t pages;
	bool ok;

	render_init(&r, d, true, &po);
	vdump_walk(d, &r, h * VSLOT, dir, expect_line, &e);
	for (size_t b = 0; b < d->nblocks; b++) {
		enum render_mode mode = d->blocks[b].kind == BLK_FOOTNOTE ? RENDER_NOTE
		                        : doc_in_main_flow(d, b)          ? RENDER_MAIN
		                                                          : RENDER_INLINE;
		const struct rblock *rb = render_block_dir(&r, b, mode, h * VSLOT, dir);
		check_rows(&r, b, rb, h * VSLOT, &kin, &hi, &cov, &why);
		render_forget(&r, b);
	}
	ok = read_pages(out, w, h, gap, &got, &pages, msg, sizeof msg);
	if (ok && (!got.p || !e.text.p || strcmp(got.p, e.text.p) != 0)) {
		size_t k = 0;
		while (got.p && e.text.p && got.p[k] && got.p[k] == e.text.p[k])
			k++;
		snprintf(msg, sizeof msg, "read back differs at byte %zu: ...%.40s... for ...%.40s...", k,
		         got.p ? got.p + (k > 12 ? k - 12 : 0) : "", e.text.p ? e.text.p + (k > 12 ? k - 12 : 0) : "");
		ok = false;
	}
	pp->checked++;
	if (!ok || kin || hi || cov) {
		pp->failed++;
		tap_diag("%s at %dx%d gap %d: %s%s%s (JLReq %d, too long %d, gaps %d)", pp->name, w, h, gap,
		         msg, why.len ? "; " : "", why.len ? why.p : "", kin, hi, cov);
	}
	buf_free(&got);
	buf_free(&why);
	buf_free(&e.text);
	free(out);
	render_free(&r);
}

static void
check_doc(const char *name, const struct doc *d)
{
	static const int sizes[][2] = {{20, 5},  {24, 6},   {30, 8},   {40, 12}, {33, 7},
	                               {60, 16}, {80, 24},  {100, 30}, {21, 40}, {52, 11}};
	struct prop pp = {name, d, 0, 0};
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
		for (int gap = 0; gap <= 2; gap++)
			check_size(&pp, sizes[i][0], sizes[i][1], gap);
	tap_ok(pp.failed == 0, "%s: %d page sizes and gaps: read back in order, JLReq kept, lines fit",
	       name, pp.checked);
}

static bool
load_doc(const char *path, struct doc *d)
{
	struct docload dl;
	char *err = NULL;
	if (!docload_open(&dl, path, NULL, d, &err)) {
		tap_diag("%s: %s", path ? path : "(chapter)", err ? err : "?");
		free(err);
		doc_free(d);
		return false;
	}
	docload_begin(&dl, NULL);
	docload_finish(&dl);
	docload_close(&dl);
	return true;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
test_properties(const char *srcdir)
{
	static const char *const dirs[] = {"tests/fixtures", "tests/fixtures/aozora",
	                                   "tests/fixtures/plain", "tests/vertical"};
	struct doc d;
	if (load_doc(NULL, &d)) {
		check_doc("the chapter", &d);
		doc_free(&d);
	}
	for (size_t k = 0; k < sizeof dirs / sizeof *dirs; k++) {
		struct buf dir = {0};
		DIR *dp;
		struct dirent *de;
		char **names = NULL;
		size_t n = 0, cap = 0;
		buf_printf(&dir, "%s/%s", srcdir, dirs[k]);
		if ((dp = opendir(dir.p)) != NULL) {
			while ((de = readdir(dp)) != NULL) {
				size_t l = strlen(de->d_name);
				if (l > 4 && strcmp(de->d_name + l - 4, ".txt") == 0) {
					xgrow(&names, &cap, n + 1, sizeof *names);
					names[n++] = xstrdup(de->d_name);
				}
			}
			closedir(dp);
		}
		if (n)
			qsort(names, n, sizeof *names, cmp_str);
		for (size_t i = 0; i < n; i++) {
			struct buf path = {0};
			buf_printf(&path, "%s/%s", dir.p, names[i]);
			if (load_doc(path.p, &d)) {
				struct buf nm = {0};
				buf_printf(&nm, "%s/%s", dirs[k], names[i]);
				check_doc(nm.p, &d);
				buf_free(&nm);
				doc_free(&d);
			}
			buf_free(&path);
			free(names[i]);
		}
		free(names);
		buf_free(&dir);
	}
}

int
main(void)
{
	const char *srcdir = getenv("srcdir");
	if (!srcdir || !*srcdir)
		srcdir = ".";
	test_forms();
	test_cells();
	test_aozora(srcdir);
	{
		struct doc d;
		doc_init(&d);
		build_aozora(&d);
		check_doc("the Aozora-like document", &d);
		doc_free(&d);
	}
	test_properties(srcdir);
	return tap_done();
}
