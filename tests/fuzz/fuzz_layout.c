/* fuzz_layout.c: decoded text through the parser, the layout engine, --dump,
 * the table of contents, the search index and the headless screen.
 *
 * The input is the document.  Its first bytes also choose the parameters:
 * byte 0 the width (8..200, or 1..7 when its top nibble is 0xF), byte 1 the
 * options and where the search pattern is taken from, byte 2 its length;
 * the last bytes are a key script for the screen. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdbool.h>
#include <string.h>

#include "bluebook.h"
#include "canvas.h"
#include "doc.h"
#include "dump.h"
#include "format.h"
#include "fuzz.h"
#include "keys.h"
#include "layout.h"
#include "linebreak.h"
#include "present.h"
#include "reader.h"
#include "search.h"
#include "text.h"
#include "util.h"
#include "width.h"

/* The format under test: the Bluebook's, the most involved. */
static const struct format *const F = &format_bluebook;

static int
pick_width(uint8_t b)
{
	if ((b & 0xF0) == 0xF0)
		return 1 + b % 7;
	return 8 + b % 193;
}

/* The lines of a text (a block's, as the presentation shows it) cover it
 * exactly, and none is wider than the width (but a lone wide character on
 * a line too narrow for it). */
static void
check_lines(const char *text, size_t len, int first, int rest, size_t bi, int width, bool hanging)
{
	struct layout_opts o = {width, hanging, 1};
	struct lline *ls = NULL;
	const uint8_t *u = (const uint8_t *)text;
	size_t n;
	uint32_t pos = 0;

	n = layout_text(text, len, first, rest, &o, &ls);
	FUZZ_CHECK(n >= 1 && ls, "block %zu: no lines", bi);
	for (size_t k = 0; k < n; k++) {
		const struct lline *l = &ls[k];
		int over;
		FUZZ_CHECK(l->start == pos, "block %zu line %zu: starts at %u, not %u", bi, k,
		           (unsigned)l->start, (unsigned)pos);
		FUZZ_CHECK(l->end >= l->start && l->end <= len, "block %zu line %zu: end %u of %zu",
		           bi, k, (unsigned)l->end, len);
		FUZZ_CHECK(k == n - 1 || l->end > l->start || text[l->end] == '\n',
		           "block %zu line %zu: empty line not at a newline", bi, k);
		{
			/* the visible text: trailing spaces never show */
			uint32_t e = l->end, c;
			size_t st, vis, nvis = 0;
			while (e > l->start && u[e - 1] == ' ')
				e--;
			vis = width_str(u + l->start, e - l->start, 1);
			FUZZ_CHECK(l->cells == (vis > UINT16_MAX ? UINT16_MAX : vis),
			           "block %zu line %zu: %u cells, text takes %zu", bi, k,
			           (unsigned)l->cells, vis);
			FUZZ_CHECK(l->indent + vis <= (size_t)width + 1,
			           "block %zu line %zu: indent %u + %zu cells at width %d", bi, k,
			           (unsigned)l->indent, vis, width);
			over = (int)l->indent + (int)vis - width;
			if (over > 0) {
				FUZZ_CHECK(e > l->start, "block %zu line %zu: over the width with no text", bi,
				           k);
				c = utf8_prev(u, e, &st);
				for (uint32_t i = l->start; i < e;) {
					uint32_t cc;
					i += (uint32_t)utf8_get(u + i, e - i, &cc);
					if (width_cp(cc, 1) > 0)
						nvis++;
				}
				/* nothing goes past the width, hanging 、。 included (they
				 * hang into a margin inside it): only a lone wide
				 * character on a line too narrow for it */
				FUZZ_CHECK(nvis == 1 && l->indent == 0,
				           "block %zu line %zu: %d cells over width %d, ends U+%04X", bi, k,
				           over, width, (unsigned)c);
			}
		}
		pos = l->end;
		if (pos < len && text[pos] == '\n' && k + 1 < n)
			pos++;
	}
	FUZZ_CHECK(pos == len || (pos + 1 == len && text[pos] == '\n'),
	           "block %zu: lines end at %u of %zu", bi, (unsigned)pos, len);
	free(ls);
}

/* Every text piece of block BI as the presentation shows it. */
static void
check_layout(const struct present *P, struct pres *pres, size_t bi, int width, bool hanging)
{
	present_block(P, bi, PRES_MAIN, pres);
	for (size_t k = 0; k < pres->n; k++) {
		const struct piece *pc = &pres->pc[k];
		size_t len;
		const char *text = pres_text(pres, P->d, bi, pc, &len);
		if (pc->kind == PIECE_TEXT)
			check_lines(text, len, pc->first, pc->rest, bi, width, hanging);
	}
}

static bool
same_spans(const struct block *a, const struct block *b)
{
	for (uint32_t i = 0; i < a->nspans; i++)
		if (a->spans[i].start != b->spans[i].start || a->spans[i].end != b->spans[i].end ||
		    a->spans[i].kind != b->spans[i].kind || a->spans[i].ref != b->spans[i].ref)
			return false;
	return true;
}

/* The document parsed piece by piece, each piece cut after a line end as
 * the loader cuts them, is the document parsed whole. */
static void
check_pieces(const char *text, size_t len, const struct doc *want, uint8_t every)
{
	struct doc d;
	void *ps;
	size_t start = 0, lines = 0;

	doc_init(&d);
	ps = F->begin(&d);
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n' && ++lines % (every % 16 + 1) == 0) {
			/* a copy: a piece need not outlive the call */
			char *piece = xstrndup(text + start, i + 1 - start);
			F->feed(ps, piece, i + 1 - start);
			free(piece);
			start = i + 1;
		}
	if (start < len) {
		char *piece = xstrndup(text + start, len - start);
		F->feed(ps, piece, len - start);
		free(piece);
	}
	F->end(ps);
	FUZZ_CHECK(d.nblocks == want->nblocks, "in pieces %zu blocks, whole %zu", d.nblocks,
	           want->nblocks);
	for (size_t i = 0; i < d.nblocks; i++) {
		const struct block *a = &d.blocks[i], *b = &want->blocks[i];
		FUZZ_CHECK(a->kind == b->kind && a->level == b->level && a->has_body == b->has_body &&
		               a->column == b->column && a->section == b->section &&
		               a->len == b->len && !memcmp(a->text, b->text, a->len) &&
		               a->body == b->body && a->nspans == b->nspans &&
		               same_spans(a, b) &&
		               !a->aux == !b->aux && (!a->aux || !strcmp(a->aux, b->aux)) &&
		               a->line == b->line,
		           "block %zu differs when parsed in pieces (every %d lines)", i, every % 16 + 1);
	}
	FUZZ_CHECK(d.nnotes == want->nnotes && d.ncols == want->ncols,
	           "in pieces %zu notes %zu columns, whole %zu, %zu", d.nnotes, d.ncols,
	           want->nnotes, want->ncols);
	for (size_t i = 0; i < d.nnotes; i++)
		FUZZ_CHECK(!memcmp(&d.notes[i], &want->notes[i], sizeof d.notes[i]),
		           "footnote %zu differs when parsed in pieces", i);
	for (size_t i = 0; i < d.ncols; i++)
		FUZZ_CHECK(!memcmp(&d.cols[i], &want->cols[i], sizeof d.cols[i]),
		           "column %zu differs when parsed in pieces", i);
	doc_free(&d);
}

/* A point to start a parse of the end at is a line start that leaves KEEP
 * bytes after it, or 0; the parse from there is a document like any. */
static void
check_resync(const char *text, size_t len, size_t keep)
{
	size_t r = F->resync(text, len, keep);
	struct doc t;
	FUZZ_CHECK(r <= len, "resync at %zu of %zu", r, len);
	FUZZ_CHECK(r == 0 || (text[r - 1] == '\n' && r + keep <= len),
	           "resync at %zu: not a line start leaving %zu bytes of %zu", r, keep, len);
	format_parse(F, text + r, len - r, &t);
	FUZZ_CHECK(t.complete && t.nfinal == t.nblocks, "the tail is not complete");
	doc_free(&t);
}

static void
check_search(const struct doc *d, const char *pattern, bool kana)
{
	struct search_index ix;
	size_t *at = NULL, nlen = 0, n;
	search_index_build(&ix, d, kana);
	n = search_all(&ix, pattern, &at, &nlen);
	FUZZ_CHECK(n == search_count(&ix, pattern), "search_count differs");
	for (size_t i = 0; i < n && i < 200; i++) {
		struct match m = search_locate(&ix, at[i], nlen);
		FUZZ_CHECK(m.block >= 0 && (size_t)m.block < d->nblocks, "match %zu: block %d", i,
		           (int)m.block);
		FUZZ_CHECK(m.start <= m.end && m.end <= d->blocks[m.block].len,
		           "match %zu: %u..%u in block %d of %u bytes", i, (unsigned)m.start,
		           (unsigned)m.end, (int)m.block, (unsigned)d->blocks[m.block].len);
		(void)search_norm_offset(&ix, m.block, m.start);
	}
	if (n) {
		size_t where;
		FUZZ_CHECK(search_pick(at, n, at[n - 1] + 1, true, &where) && where == n - 1,
		           "search_pick backwards misses the last match");
		FUZZ_CHECK(search_pick(at, n, at[0], false, &where) && where == 0,
		           "search_pick forwards misses the first match");
	}
	free(at);
	search_index_free(&ix);
}

static void
check_canvas(const struct canvas *c)
{
	char *s = canvas_dump(c, 0);
	fuzz_check_text(s, strlen(s), 1, text_is_bidi_control, "screen");
	free(s);
	s = canvas_dump(c, 1);
	free(s);
}

static const int32_t key_table[] = {
	'j', 'k', ' ', 'G', 'g', K_TAB, K_ENTER, 'c', 'f', 'h', '/', 'n', 'q', K_ESC,
	'j', 'j', ' ', K_ENTER, 'N', K_BTAB, K_BACKSPACE, 't', 'T', ']', '[', 's', '?', 'b',
};
#define NKEYS (sizeof key_table / sizeof key_table[0])

static void
drive_screen(const struct doc *d, const uint8_t *script, size_t n, const char *pattern)
{
	struct keymap km;
	struct ui_opts o = {.toc_width = 30, .toc_visible = true, .hanging = true, .mouse = true,
	                    .wrap_search = true, .amb = 1};
	struct canvas c;
	struct reader *u;
	int w = 80, h = 24;

	if (n > 0)
		w = 1 + script[0] % 140;
	if (n > 1)
		h = 1 + script[1] % 60;
	keymap_init_defaults(&km);
	u = reader_new(d, &km, &o, w, h, NULL);
	canvas_init(&c, w, h, 1);
	if (n > 4) {
		/* a remembered position, as a damaged state file may give it:
		 * any block, any byte offset */
		uint32_t b = script[2] % (d->nblocks + 2), off = (uint32_t)script[3] * 7u;
		if (script[4] == 0xFF)
			b = UINT32_MAX, off = UINT32_MAX;
		reader_set_position(u, b, off);
	}
	reader_draw(u, &c);
	for (size_t i = 2; i < n && !reader_done(u); i++) {
		uint8_t k = script[i];
		if (k >= 0xD0 && k < 0xE0 && i + 1 < n) {
			/* the mouse, anywhere (and outside) the screen */
			int x = script[i + 1] % 150 - 5, y = (k & 0x0F) * 4 + script[i + 1] % 4 - 2;
			reader_mouse(u, (enum mouse_event)(script[i + 1] % 3), x, y);
			i++;
		} else if (k >= 0xF0 && i + 1 < n) {
			/* resize */
			reader_resize(u, 1 + (k & 0x0F) * 9 + script[i + 1] % 9, 1 + script[i + 1] % 50);
			i++;
		} else if (k >= 0xE0) {
			/* type the pattern (in a search prompt), then Enter */
			for (size_t j = 0; pattern[j];) {
				uint32_t cp;
				j += utf8_get((const uint8_t *)pattern + j, strlen(pattern + j), &cp);
				reader_key(u, (int32_t)cp);
			}
			reader_key(u, K_ENTER);
		} else {
			reader_key(u, key_table[k % NKEYS]);
		}
		reader_draw(u, &c);
	}
	reader_draw(u, &c);
	check_canvas(&c);
	{
		uint32_t b, off;
		reader_get_position(u, &b, &off);
		/* (the offset is a byte offset, or for a synthetic row such as a
		 * column's link box its row index, which can exceed the length) */
		FUZZ_CHECK(d->nblocks == 0 || b < d->nblocks, "position %u:%u of %zu blocks",
		           (unsigned)b, (unsigned)off, d->nblocks);
		reader_set_position(u, b, off);
		reader_draw(u, &c);
	}
	canvas_free(&c);
	reader_free(&u);
	keymap_free(&km);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc d;
	size_t len, nscript, ntoc;
	char *text, *pattern, *out = NULL;
	size_t outlen = 0;
	FILE *mem;
	struct toc_entry *toc = NULL;
	int width = size ? pick_width(data[0]) : 40;
	uint8_t opt = size > 1 ? data[1] : 0;
	struct dump_opts dopts = {width < 8 ? 8 : width, (opt & 1) == 0, 1, {1, NULL, false}, NULL};
	struct present P;
	struct pres pres = {0};

	text = text_decode(data, size, &len, NULL);
	format_parse(F, text, len, &d);
	present_init(&P, &d, &(struct present_opts){1, NULL, false});

	for (size_t i = 0; i < d.nblocks; i++) {
		const struct block *b = &d.blocks[i];
		FUZZ_CHECK(b->text && b->text[b->len] == '\0' && strlen(b->text) == b->len,
		           "block %zu: text", i);
		FUZZ_CHECK(b->body <= b->len, "block %zu: body %u of %u", i, (unsigned)b->body,
		           (unsigned)b->len);
		fuzz_check_text(b->text, b->len, 0, NULL, "block text");
		for (uint32_t s = 0; s < b->nspans; s++)
			FUZZ_CHECK(b->spans[s].start <= b->spans[s].end && b->spans[s].end <= b->len,
			           "block %zu span %u", i, (unsigned)s);
		check_layout(&P, &pres, i, width, true);
		if (opt & 2)
			check_layout(&P, &pres, i, width, false);
	}

	check_pieces(text, len, &d, size > 1 ? data[1] >> 4 : 0);
	check_resync(text, len, size > 2 ? (size_t)data[2] * 4 : 0);

	mem = open_memstream(&out, &outlen);
	if (mem) {
		dump_document(mem, &d, &dopts);
		dump_toc(mem, &d, &dopts.pres, NULL);
		fclose(mem);
		fuzz_check_text(out, outlen, 1, text_is_bidi_control, "dump");
		free(out);
	}
	ntoc = doc_toc(&d, &toc);
	for (size_t i = 0; i < ntoc; i++) {
		char *t;
		FUZZ_CHECK(toc[i].block >= 0 && (size_t)toc[i].block < d.nblocks, "toc %zu: block %d", i,
		           (int)toc[i].block);
		t = present_toc_text(&P, &toc[i]);
		fuzz_check_text(t, strlen(t), 1, text_is_bidi_control, "toc text");
		free(t);
	}
	free(toc);

	/* the pattern: a few characters of the text (so that it is found), or
	 * of the raw bytes (decoded as the prompt would take them) */
	if (opt & 4) {
		size_t at = len ? (size_t)(size > 3 ? data[3] * 131u : 0) % len : 0, plen = 0;
		size_t want = 1 + (size > 2 ? data[2] % 6 : 0);
		while (at > 0 && ((uint8_t)text[at] & 0xC0) == 0x80)
			at--;
		for (size_t j = at, k = 0; j < len && k < want; k++) {
			uint32_t cp;
			j += utf8_get((const uint8_t *)text + j, len - j, &cp);
			plen = j - at;
		}
		pattern = xstrndup(text + at, plen);
	} else {
		size_t plen = size > 2 ? 1 + data[2] % 8 : 0;
		if (plen > size - 3)
			plen = size > 3 ? size - 3 : 0;
		pattern = text_decode(data + 3, plen, NULL, NULL);
	}
	for (char *p = pattern; *p; p++)
		if (*p == '\n')
			*p = ' ';
	check_search(&d, pattern, (opt & 8) != 0);

	nscript = size < 16 ? size : 16;
	drive_screen(&d, data + size - nscript, nscript, pattern);

	free(pattern);
	pres_free(&pres);
	doc_free(&d);
	free(text);
	return 0;
}
