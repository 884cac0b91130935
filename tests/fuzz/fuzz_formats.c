/* fuzz_formats.c: every format of the table (format_all()), forced, over
 * the decoded input: parsed whole and parsed in pieces cut after line ends
 * at places the input picks, the two documents must be the same; the
 * model must hold (final blocks only grow, texts are clean UTF-8, spans
 * and references inside their blocks); every block is laid out, the
 * document dumped with --dump and --toc, and its end parsed from the
 * format's resync point. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdbool.h>
#include <string.h>

#include "doc.h"
#include "dump.h"
#include "format.h"
#include "fuzz.h"
#include "layout.h"
#include "load.h"
#include "present.h"
#include "text.h"
#include "util.h"

/* A small generator of piece sizes, seeded from the input. */
static uint64_t
next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static bool
same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static void
check_same(const struct doc *a, const struct doc *b, const char *name)
{
	FUZZ_CHECK(a->nblocks == b->nblocks, "%s: in pieces %zu blocks, whole %zu", name, b->nblocks, a->nblocks);
	FUZZ_CHECK(same_str(a->title, b->title) && same_str(a->author, b->author) &&
	               a->para_indent == b->para_indent,
	           "%s: the title, author or indent differ in pieces", name);
	for (size_t i = 0; i < a->nblocks; i++) {
		const struct block *x = &a->blocks[i], *y = &b->blocks[i];
		bool same = x->kind == y->kind && x->level == y->level && x->has_body == y->has_body &&
		            x->flags == y->flags && x->align == y->align && x->indent == y->indent &&
		            x->text_indent == y->text_indent && x->end_off == y->end_off &&
		            x->measure == y->measure && x->column == y->column && x->section == y->section &&
		            x->len == y->len && memcmp(x->text, y->text, x->len) == 0 && x->body == y->body &&
		            same_str(x->aux, y->aux) && x->nspans == y->nspans && x->line == y->line;
		for (uint32_t s = 0; same && s < x->nspans; s++)
			same = x->spans[s].start == y->spans[s].start && x->spans[s].end == y->spans[s].end &&
			       x->spans[s].kind == y->spans[s].kind && x->spans[s].style == y->spans[s].style &&
			       x->spans[s].ref == y->spans[s].ref;
		FUZZ_CHECK(same, "%s: block %zu differs when parsed in pieces", name, i);
	}
	FUZZ_CHECK(a->nnotes == b->nnotes && a->ncols == b->ncols && a->ann.len == b->ann.len &&
	               (a->ann.len == 0 || memcmp(a->ann.p, b->ann.p, a->ann.len) == 0),
	           "%s: footnotes, columns or annotations differ in pieces", name);
	for (size_t i = 0; i < a->nnotes; i++)
		FUZZ_CHECK(!memcmp(&a->notes[i], &b->notes[i], sizeof a->notes[i]), "%s: footnote %zu differs",
		           name, i);
	for (size_t i = 0; i < a->ncols; i++)
		FUZZ_CHECK(!memcmp(&a->cols[i], &b->cols[i], sizeof a->cols[i]), "%s: column %zu differs", name, i);
}

/* F over TEXT in pieces, each cut after a line end; the blocks before
 * nfinal only grow and are whole. */
static void
parse_pieces(const struct format *f, const char *text, size_t len, uint64_t seed, int mean, struct doc *d)
{
	void *st;
	size_t i = 0;
	doc_init(d);
	st = f->begin(d);
	while (i < len) {
		size_t e = i + (size_t)(next_rand(&seed) % (uint64_t)(2 * mean + 1));
		const char *nl = e < len ? memchr(text + e, '\n', len - e) : NULL;
		size_t before = d->nfinal;
		char *piece;
		e = nl ? (size_t)(nl - text) + 1 : len;
		/* a copy: a piece need not outlive the call */
		piece = xstrndup(text + i, e - i);
		f->feed(st, piece, e - i);
		free(piece);
		FUZZ_CHECK(d->nfinal >= before && d->nfinal <= d->nblocks, "%s: nfinal %zu after %zu, of %zu",
		           f->name, d->nfinal, before, d->nblocks);
		for (size_t b = before; b < d->nfinal; b++)
			FUZZ_CHECK(d->blocks[b].text != NULL, "%s: final block %zu has no text", f->name, b);
		i = e;
	}
	f->end(st);
	FUZZ_CHECK(d->complete && d->nfinal == d->nblocks, "%s: not complete at the end", f->name);
}

static void
check_model(const struct doc *d, const char *name)
{
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct block *b = &d->blocks[i];
		FUZZ_CHECK(b->text && b->text[b->len] == '\0' && strlen(b->text) == b->len, "%s: block %zu: text",
		           name, i);
		FUZZ_CHECK(b->body <= b->len, "%s: block %zu: body %u of %u", name, i, (unsigned)b->body,
		           (unsigned)b->len);
		fuzz_check_text(b->text, b->len, 0, NULL, "block text");
		FUZZ_CHECK(b->kind != BLK_HEADING || (b->level >= 1 && b->level <= 4), "%s: block %zu: level %d",
		           name, i, b->level);
		for (uint32_t s = 0; s < b->nspans; s++)
			FUZZ_CHECK(b->spans[s].start <= b->spans[s].end && b->spans[s].end <= b->len,
			           "%s: block %zu span %u", name, i, (unsigned)s);
	}
	if (d->title)
		fuzz_check_text(d->title, strlen(d->title), 1, text_is_bidi_control, "title");
	if (d->author)
		fuzz_check_text(d->author, strlen(d->author), 1, text_is_bidi_control, "author");
}

/* Every text piece of every block covers its text with lines. */
static void
check_layout(const struct doc *d, int width)
{
	struct present P;
	struct pres pres = {0};
	struct layout_opts o = {width, true, 1};
	present_init(&P, d, &(struct present_opts){1, NULL, false});
	for (size_t i = 0; i < d->nblocks; i++) {
		present_block(&P, i, PRES_MAIN, &pres);
		for (size_t k = 0; k < pres.n; k++) {
			const struct piece *pc = &pres.pc[k];
			struct lline *ls = NULL;
			size_t len, n;
			const char *text = pres_text(&pres, d, i, pc, &len);
			uint32_t pos = 0;
			if (pc->kind != PIECE_TEXT)
				continue;
			n = layout_text(text, len, pc->first, pc->rest, &o, &ls);
			for (size_t l = 0; l < n; l++) {
				FUZZ_CHECK(ls[l].start == pos && ls[l].end >= ls[l].start && ls[l].end <= len,
				           "block %zu line %zu: %u..%u after %u of %zu", i, l, (unsigned)ls[l].start,
				           (unsigned)ls[l].end, (unsigned)pos, len);
				pos = ls[l].end;
				if (pos < len && text[pos] == '\n' && l + 1 < n)
					pos++;
			}
			FUZZ_CHECK(pos == len || (pos + 1 == len && text[pos] == '\n'), "block %zu: lines end at %u of %zu",
			           i, (unsigned)pos, len);
			free(ls);
		}
	}
	pres_free(&pres);
}

static void
check_dump(const struct doc *d, int width)
{
	struct dump_opts o = {width, true, 1, {1, NULL, false}, NULL};
	char *out = NULL;
	size_t outlen = 0;
	FILE *mem = open_memstream(&out, &outlen);
	struct toc_entry *toc = NULL;
	size_t ntoc;
	if (!mem)
		return;
	dump_document(mem, d, &o);
	dump_toc(mem, d, &o.pres, NULL);
	fclose(mem);
	fuzz_check_text(out, outlen, 1, text_is_bidi_control, "dump");
	free(out);
	ntoc = doc_toc(d, &toc);
	for (size_t i = 0; i < ntoc; i++)
		FUZZ_CHECK(toc[i].block >= 0 && (size_t)toc[i].block < d->nblocks, "toc %zu: block %d", i,
		           (int)toc[i].block);
	free(toc);
}

static void
check_resync(const struct format *f, const char *text, size_t len, size_t keep)
{
	size_t r = f->resync(text, len, keep);
	struct doc t;
	FUZZ_CHECK(r <= len, "%s: resync at %zu of %zu", f->name, r, len);
	FUZZ_CHECK(r == 0 || (text[r - 1] == '\n' && r + keep <= len),
	           "%s: resync at %zu: not a line start leaving %zu bytes of %zu", f->name, r, keep, len);
	format_parse(f, text + r, len - r, &t);
	FUZZ_CHECK(t.complete && t.nfinal == t.nblocks, "%s: the tail is not complete", f->name);
	check_model(&t, f->name);
	doc_free(&t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct format *const *all = format_all();
	size_t len;
	char *text = text_decode(data, size, &len, NULL);
	uint64_t seed = 0x9E3779B97F4A7C15ULL ^ load_hash(data, size);
	int width = size ? 8 + data[0] % 73 : 40;
	int mean = size > 1 ? 1 + data[size - 1] * 64 : 512;

	if (!seed)
		seed = 1;
	for (size_t k = 0; all[k]; k++) {
		struct doc whole, d;
		format_parse(all[k], text, len, &whole);
		FUZZ_CHECK(whole.complete && whole.nfinal == whole.nblocks, "%s: not complete", all[k]->name);
		check_model(&whole, all[k]->name);
		parse_pieces(all[k], text, len, seed, mean, &d);
		check_same(&whole, &d, all[k]->name);
		doc_free(&d);
		check_layout(&whole, width);
		check_dump(&whole, width);
		check_resync(all[k], text, len, size > 2 ? (size_t)data[1] * 16 : 0);
		doc_free(&whole);
	}
	free(text);
	return 0;
}
