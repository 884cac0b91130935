/* aozora_test.c: the Aozora Bunko format (src/aozora*.c) on every fixture
 * of tests/fixtures/aozora/, against what tests/fixtures/README.md says a
 * correct reader builds: blocks, kinds, depths, indents, alignment, ruby,
 * emphasis, gaiji, notes, problems; the Shift_JIS sample as the UTF-8 one;
 * pieces of any size; detection.
 *
 * Each block is described on one line (describe()):
 *   KIND[ props] text[ | spans]
 * KIND: P, H1-H3, PB(kind), FIG, CAP, NOTE, TITLE.  props: i=F/H (first
 * line and other lines' indent, in characters, when not 0/0), end+N,
 * centred, m=N (字詰め), frame, gap, back, dogyo, mado, of=N (a caption's
 * figure, as a block number from 1).  spans: ruby 港町/みなとまち (L left,
 * A annotation, B 傍記), em:KIND[L] over its text, bold, italic, tcy,
 * yoko, frame, warichu, br@N (a break after N characters), sup, sub,
 * size±N, gaiji U+XXXX.. (? unresolved), note:KIND over its text (@N a
 * point after N characters), kaeri:T@N, okuri:T@N. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aozora.h"
#include "doc.h"
#include "format.h"
#include "load.h"
#include "scan.h"
#include "tap.h"
#include "util.h"

static const char *srcdir;

static char *
slurp(const char *name, size_t *len)
{
	char path[1024];
	FILE *f;
	struct buf b = {0};
	char tmp[4096];
	size_t n;
	snprintf(path, sizeof path, "%s/tests/fixtures/aozora/%s", srcdir, name);
	f = fopen(path, "rb");
	if (!f) {
		tap_diag("cannot open %s", path);
		*len = 0;
		return xstrdup("");
	}
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_add(&b, tmp, n);
	fclose(f);
	*len = b.len;
	return b.p ? buf_steal(&b) : xstrdup("");
}

static void
parse_text(const char *text, size_t len, struct doc *d)
{
	format_parse(&format_aozora, text, len, d);
}

static void
parse_whole(const char *text, struct doc *d)
{
	parse_text(text, strlen(text), d);
}

static void
parse_fixture(const char *name, struct doc *d)
{
	size_t len;
	char *t = slurp(name, &len);
	parse_text(t, len, d);
	free(t);
}

/* ---- describing a document ---- */

static size_t
chars(const char *s, size_t n)
{
	return scan_count_chars(s, n);
}

static const char *const emph_names[] = {
	"sesame", "white_sesame", "black_circle", "white_circle", "black_triangle", "white_triangle",
	"bullseye", "fisheye", "saltire", "solid", "double", "dotted", "dashed", "wave", "bold", "italic",
};
static const char *const note_names[] = {"unknown", "teihon", "mama", "ruby_teihon", "ruby_mama"};

static void
describe_span(struct buf *o, const struct doc *d, const struct block *b, const struct span *sp)
{
	const char *t = b->text + sp->start;
	int n = (int)(sp->end - sp->start);
	size_t at = chars(b->text, sp->start);
	switch (sp->kind) {
	case SPAN_RUBY:
		buf_printf(o, " ruby %.*s/%s%s%s", n, t, doc_ann(d, sp->ref), sp->style & EMPH_LEFT ? "L" : "",
		           (sp->style & RUBY_KIND_MASK) == RUBY_ANNOTATION ? "A"
		           : (sp->style & RUBY_KIND_MASK) == RUBY_BOUKI    ? "B"
		                                                           : "");
		break;
	case SPAN_EMPH:
		if ((sp->style & 0x7F) == EMPH_BOLD || (sp->style & 0x7F) == EMPH_ITALIC)
			buf_printf(o, " %s %.*s", emph_names[sp->style & 0x7F], n, t);
		else
			buf_printf(o, " em:%s%s %.*s", emph_names[sp->style & 0x7F], sp->style & EMPH_LEFT ? "L" : "",
			           n, t);
		break;
	case SPAN_GAIJI:
		buf_adds(o, " gaiji");
		for (size_t i = sp->start; i < sp->end;) {
			uint32_t c;
			i += utf8_get((const uint8_t *)b->text + i, sp->end - i, &c);
			buf_printf(o, " U+%04X", c);
		}
		if (sp->style == GAIJI_UNRESOLVED)
			buf_adds(o, "?");
		break;
	case SPAN_NOTE:
		if (sp->start == sp->end)
			buf_printf(o, " note:%s@%zu", note_names[sp->style], at);
		else
			buf_printf(o, " note:%s %.*s", note_names[sp->style], n, t);
		break;
	case SPAN_KUNTEN:
		buf_printf(o, " %s:%s@%zu", sp->style ? "okuri" : "kaeri", doc_ann(d, sp->ref), at);
		break;
	case SPAN_WARICHU:
		if (sp->style == WARICHU_BREAK)
			buf_printf(o, " br@%zu", at);
		else
			buf_printf(o, " warichu %.*s", n, t);
		break;
	case SPAN_SIZE:
		buf_printf(o, " size%+d %.*s", (int)(int8_t)sp->style, n, t);
		break;
	default: {
		static const char *const names[] = {[SPAN_TCY] = "tcy", [SPAN_YOKO] = "yoko", [SPAN_SUP] = "sup",
		                                    [SPAN_SUB] = "sub", [SPAN_FRAME] = "frame",
		                                    [SPAN_CAPTION] = "caption"};
		buf_printf(o, " %s %.*s", sp->kind < sizeof names / sizeof *names && names[sp->kind]
		                              ? names[sp->kind] : "?", n, t);
	}
	}
}

static void
describe_kind(struct buf *o, const struct block *b)
{
	static const char *const pages[] = {"page", "sheet", "spread", "column"};
	switch (b->kind) {
	case BLK_PARA:
		buf_adds(o, "P");
		break;
	case BLK_HEADING:
		buf_printf(o, "H%d", b->level);
		break;
	case BLK_PAGE_BREAK:
		buf_printf(o, "PB(%s)", pages[b->level & 3]);
		break;
	case BLK_FIGURE:
		buf_printf(o, "FIG(%s%s)", b->aux ? b->aux : "", b->level ? " photo" : "");
		break;
	case BLK_CAPTION:
		buf_adds(o, "CAP");
		break;
	case BLK_NOTE:
		buf_printf(o, "NOTE(%s)", b->aux ? b->aux : "");
		break;
	case BLK_TITLE:
		buf_adds(o, "TITLE");
		break;
	default:
		buf_printf(o, "K%d", b->kind);
	}
}

static void
describe_props(struct buf *o, const struct block *b)
{
	int first = b->indent + b->text_indent, hang = b->indent;
	if (first || hang)
		buf_printf(o, " i=%d/%d", first, hang);
	if (b->align == ALIGN_END)
		buf_printf(o, " end+%d", b->end_off);
	if (b->align == ALIGN_CENTER)
		buf_adds(o, " centred");
	if (b->measure)
		buf_printf(o, " m=%d", b->measure);
	if (b->flags & BF_FRAME)
		buf_adds(o, " frame");
	if (b->flags & BF_GAP)
		buf_adds(o, " gap");
	if (b->flags & BF_BACK)
		buf_adds(o, " back");
	if (b->flags & BF_RUNIN)
		buf_adds(o, " dogyo");
	if (b->flags & BF_WINDOW)
		buf_adds(o, " mado");
}

/* A caption's figure, numbered as the README numbers blocks (from 1,
 * after the title). */
static void
describe_of(struct buf *o, const struct doc *d, const struct block *b)
{
	size_t titles = d->nblocks && d->blocks[0].kind == BLK_TITLE;
	if (b->section < 0)
		buf_adds(o, " of=none");
	else
		buf_printf(o, " of=%d", (int)((size_t)b->section - titles + 1));
}

/* Block I, numbered from 1 after the title. */
static char *
describe_block(const struct doc *d, size_t i)
{
	const struct block *b = &d->blocks[i];
	struct buf o = {0};
	describe_kind(&o, b);
	describe_props(&o, b);
	if (b->kind == BLK_CAPTION)
		describe_of(&o, d, b);
	if (b->len)
		buf_printf(&o, " %.*s", (int)b->len, b->text);
	if (b->nspans)
		buf_adds(&o, " |");
	for (uint32_t k = 0; k < b->nspans; k++)
		describe_span(&o, d, b, &b->spans[k]);
	return buf_steal(&o);
}

/* The whole body: one line a block, the title block left out. */
static char *
describe(const struct doc *d)
{
	struct buf o = {0};
	for (size_t i = 0; i < d->nblocks; i++) {
		char *s;
		if (d->blocks[i].kind == BLK_TITLE)
			continue;
		s = describe_block(d, i);
		buf_adds(&o, s);
		buf_addc(&o, '\n');
		free(s);
	}
	return o.p ? buf_steal(&o) : xstrdup("");
}

/* Compare the description of a fixture with WANT, line by line. */
static void
check_fixture(const char *name, const char *want)
{
	struct doc d;
	char *got;
	parse_fixture(name, &d);
	got = describe(&d);
	if (!tap_ok(strcmp(got, want) == 0, "%s: the blocks of tests/fixtures/README.md", name)) {
		const char *g = got, *w = want;
		for (int line = 1; *g || *w; line++) {
			size_t gl = strcspn(g, "\n"), wl = strcspn(w, "\n");
			if (gl != wl || memcmp(g, w, gl) != 0) {
				tap_diag("block %d:", line);
				tap_diag("  got:  %.*s", (int)gl, g);
				tap_diag("  want: %.*s", (int)wl, w);
			}
			g += gl + (g[gl] == '\n');
			w += wl + (w[wl] == '\n');
		}
	}
	free(got);
	doc_free(&d);
}

#include "aozora_fixtures.h"

/* ---- the rest of the document: title, metadata, problems ---- */

static void
test_metadata(void)
{
	struct doc d;
	parse_fixture("frontback.txt", &d);
	tap_str(d.title, "港の灯", "frontback: the title");
	tap_str(d.author, "ジョン・スミス", "frontback: the author");
	tap_str(doc_meta(&d, "original_title"), "The Harbor Light", "frontback: original_title");
	tap_str(doc_meta(&d, "subtitle"), "灯台守の話", "frontback: subtitle");
	tap_str(doc_meta(&d, "translator"), "水城透訳", "frontback: translator (the whole line)");
	tap_str(doc_meta(&d, "source"), "「港の灯」架空書房\n2001（平成13）年4月1日第1刷発行",
	        "frontback: source, with its indented line");
	tap_str(doc_meta(&d, "source_parent"), "「灯台守の話」架空社\n1950（昭和25）年", "frontback: source_parent");
	tap_str(doc_meta(&d, "first_published"), "「架空文芸」架空社\n1949（昭和24）年3月号",
	        "frontback: first_published");
	tap_str(doc_meta(&d, "notes"), "※「港町」と「湊町」の混在は、底本通りにしました。", "frontback: notes");
	tap_str(doc_meta(&d, "input_by"), "水城透", "frontback: input_by");
	tap_str(doc_meta(&d, "proofread_by"), "青木しずく", "frontback: proofread_by");
	tap_str(doc_meta(&d, "created"), "2020年1月1日", "frontback: created");
	tap_str(doc_meta(&d, "revised"), "2021年2月3日", "frontback: revised");
	tap_ok(d.nblocks > 0 && d.blocks[0].kind == BLK_TITLE, "frontback: the title is the first block");
	tap_str(d.nblocks ? d.blocks[0].aux : NULL, "The Harbor Light\n灯台守の話\nジョン・スミス\n水城透訳",
	        "frontback: the title block carries the header's other lines");
	tap_ok(d.nproblems == 0, "frontback: nothing not understood");
	doc_free(&d);

	parse_fixture("sample-utf8.txt", &d);
	tap_str(d.title, "潮騒の町", "sample: the title");
	tap_str(d.author, "水城透", "sample: the author");
	tap_str(doc_meta(&d, "subtitle"), "灯台守の手記より", "sample: the subtitle");
	tap_str(doc_meta(&d, "source"), "「潮騒の町」架空書房\n2005（平成17）年5月1日第1刷発行", "sample: source");
	tap_str(doc_meta(&d, "created"), "2024年6月1日", "sample: created");
	tap_ok(d.nproblems == 0, "sample: nothing not understood");
	doc_free(&d);
}

static void
test_toc(void)
{
	struct doc d;
	struct toc_entry *e;
	size_t n;
	struct buf depths = {0};
	parse_fixture("headings.txt", &d);
	n = doc_toc(&d, &e);
	for (size_t i = 0; i < n; i++)
		buf_printf(&depths, "%d", e[i].depth);
	tap_str(depths.p, "0123123223223", "headings: the TOC, the title at the root, then 1,2,3,1,2,3,2,2,3,2,2,3");
	free(e);
	buf_free(&depths);
	doc_free(&d);
}

static void
test_problems(void)
{
	static const struct {
		uint32_t line;
		const char *text;
	} want[] = {
		{4, "［＃ここで行が終わる"}, {5, "［＃この注記は誰も知らない］"}, {9, "《よみ の行。"},
		{12, "［＃傍点］"}, {13, "［＃傍点終わり］"}, {15, "［＃「存在しない」に傍点］"},
		{17, "［＃］"}, {18, "［＃大見出し］"}, {19, "［＃ここで字下げ終わり］"}, {20, "［＃ここから罫囲み］"},
	};
	struct doc d;
	bool same;
	parse_fixture("broken.txt", &d);
	same = d.nproblems == sizeof want / sizeof *want;
	for (size_t i = 0; same && i < d.nproblems; i++)
		same = d.problems[i].line == want[i].line && strcmp(d.problems[i].text, want[i].text) == 0;
	if (!tap_ok(same, "broken: every problem, with its line"))
		for (size_t i = 0; i < d.nproblems; i++)
			tap_diag("%u: %s", d.problems[i].line, d.problems[i].text);
	doc_free(&d);
}

/* ---- the same document whatever the pieces ---- */

/* A document's whole description: blocks, metadata and problems. */
static char *
whole(const struct doc *d)
{
	struct buf o = {0};
	char *s = describe(d);
	buf_adds(&o, s);
	free(s);
	buf_printf(&o, "title %s author %s\n", d->title ? d->title : "-", d->author ? d->author : "-");
	for (size_t i = 0; i < d->nmeta; i++)
		buf_printf(&o, "meta %s=%s\n", d->meta[i].key, d->meta[i].value);
	for (size_t i = 0; i < d->nproblems; i++)
		buf_printf(&o, "problem %u %s\n", d->problems[i].line, d->problems[i].text);
	return buf_steal(&o);
}

/* Parse TEXT fed in pieces of about STEP bytes, cut after a line end
 * (LINES) or anywhere; check that the final blocks never change. */
static char *
pieces(const char *text, size_t len, size_t step, bool lines, bool *stable)
{
	struct doc d;
	void *st;
	size_t at = 0;
	char **seen = NULL;
	size_t nseen = 0;
	doc_init(&d);
	st = format_aozora.begin(&d);
	while (at < len) {
		size_t end = at + step < len ? at + step : len;
		if (lines)
			while (end < len && text[end - 1] != '\n')
				end++;
		format_aozora.feed(st, text + at, end - at);
		at = end;
		/* what was final stays as it was */
		seen = xrealloc(seen, d.nfinal * sizeof *seen + 1);
		for (; nseen < d.nfinal; nseen++)
			seen[nseen] = describe_block(&d, nseen);
	}
	format_aozora.end(st);
	for (size_t i = 0; i < nseen; i++) {
		char *now = describe_block(&d, i);
		*stable = *stable && strcmp(now, seen[i]) == 0;
		free(now);
		free(seen[i]);
	}
	free(seen);
	{
		char *s = whole(&d);
		doc_free(&d);
		return s;
	}
}

static void
test_pieces(const char *name)
{
	static const size_t steps[] = {1, 2, 7, 64, 333, 4096};
	size_t len;
	char *text = slurp(name, &len), *want;
	struct doc d;
	bool same = true, stable = true;
	parse_text(text, len, &d);
	want = whole(&d);
	doc_free(&d);
	for (size_t k = 0; k < sizeof steps / sizeof *steps; k++)
		for (int lines = 0; lines < 2; lines++) {
			char *got = pieces(text, len, steps[k], lines, &stable);
			if (strcmp(got, want) != 0) {
				same = false;
				tap_diag("%s: pieces of %zu bytes%s differ", name, steps[k], lines ? " (at line ends)" : "");
			}
			free(got);
		}
	tap_ok(same, "%s: the same document whatever the pieces (at line ends or anywhere)", name);
	tap_ok(stable, "%s: a block is never changed once final", name);
	free(want);
	free(text);
}

/* ---- Shift_JIS with CRLF, as the decoder gives it ---- */

static char *
load_decoded(const char *name, size_t max)
{
	char path[1024];
	struct source src;
	struct buf all = {0};
	char *err = NULL, *piece;
	size_t len;
	snprintf(path, sizeof path, "%s/tests/fixtures/aozora/%s", srcdir, name);
	if (!source_open(&src, path, NULL, &err)) {
		tap_diag("%s", err);
		free(err);
		return xstrdup("");
	}
	while ((piece = source_next(&src, max, &len)) != NULL) {
		buf_add(&all, piece, len);
		free(piece);
	}
	tap_ok(strcmp(src.encoding, "CP932") == 0 || strcmp(name, "sample-sjis.txt") != 0,
	       "%s is read as CP932 (%s)", name, src.encoding);
	source_close(&src);
	return all.p ? buf_steal(&all) : xstrdup("");
}

static void
test_sjis(void)
{
	size_t ulen;
	char *utf8 = slurp("sample-utf8.txt", &ulen), *sjis = load_decoded("sample-sjis.txt", 64 << 10);
	char *a, *b;
	struct doc d1, d2;
	parse_text(utf8, ulen, &d1);
	parse_text(sjis, strlen(sjis), &d2);
	a = whole(&d1);
	b = whole(&d2);
	tap_ok(strcmp(a, b) == 0, "sample-sjis.txt (CP932, CRLF) makes the document of sample-utf8.txt");
	tap_ok(strcmp(utf8, sjis) == 0, "and the decoder gives it the same text, CRLF made LF");
	free(a);
	free(b);
	doc_free(&d1);
	doc_free(&d2);
	free(utf8);
	free(sjis);
}

/* ---- detection ---- */

static int
score(const char *text)
{
	return format_aozora.detect(text, strlen(text), NULL);
}

static void
test_detect(void)
{
	size_t len;
	char *t = slurp("sample-utf8.txt", &len);
	tap_ok(format_aozora.detect(t, len, NULL) >= 90, "detect: a real file (legend, notes, ruby) scores 90 or more");
	tap_ok(format_detect(t, len, NULL) == &format_aozora, "detect: the sample is read as Aozora Bunko");
	free(t);
	t = slurp("ruby.txt", &len);
	tap_ok(format_aozora.detect(t, len, NULL) >= 90, "detect: notes and ruby without a legend: 90");
	free(t);
	tap_ok(score("吾輩は猫である。名前はまだ無い。\nどこで生れたかとんと見当がつかぬ。\n") == 0,
	       "detect: a text with none of the signs scores 0");
	tap_ok(score("The Keeper of the Light\nby Mara Quill\n") == 0, "detect: English scores 0");
	tap_ok(score("魯迅の《狂人日記》を読んだ。\n") < 50,
	       "detect: 《》 around a title (Chinese style) is not ruby: below the Bluebook's 50");
	tap_ok(score("港町《みなとまち》の坂。灯台《とうだい》。岬《みさき》。\n") > 50,
	       "detect: readings in kana after kanji are ruby");
	tap_ok(score("本文［＃「本文」に傍点］です。\n一行［＃３字下げ］\n") > 50, "detect: annotations alone");
	tap_ok(score("彼は 〔cafe'〕 で〔Gru:n〕を。\n") > 50 && score("〔本全集所収〕と〔注〕。\n") == 0,
	       "detect: accent brackets are notation, brackets without an accent are not");
	for (size_t i = 0; i < sizeof fixtures / sizeof *fixtures; i++) {
		t = slurp(fixtures[i].name, &len);
		tap_ok(format_detect(t, len, NULL) == &format_aozora, "detect: %s is read as Aozora Bunko (%d)",
		       fixtures[i].name, format_aozora.detect(t, len, NULL));
		free(t);
	}
}

/* ---- the tail of a large file ---- */

static void
test_resync(void)
{
	size_t len, keep = 2000;
	char *t = slurp("sample-utf8.txt", &len);
	const char *body = strstr(t, "［＃改ページ］");
	const char *end = strstr(t, "\n\n\n\n底本");
	struct buf big = {0};
	struct doc whole_doc, tail;
	size_t r;
	bool same = true;
	/* a long text: the body many times, then the colophon */
	buf_add(&big, t, (size_t)(body - t));
	for (int i = 0; i < 40; i++)
		buf_add(&big, body, (size_t)(end - body) + 1);
	buf_adds(&big, end);
	r = format_aozora.resync(big.p, big.len, keep);
	tap_ok(r > 0 && r + keep <= big.len && big.p[r] == '\n' && big.p[r - 1] == '\n',
	       "resync: at a blank line, KEEP bytes before the end");
	tap_ok(strstr(big.p + r, "見出し］") != NULL && strncmp(big.p + r + 1, "［＃", 6) == 0 &&
	           scan_find(big.p + r, 200, "見出し］"),
	       "resync: before a heading");
	parse_text(big.p, big.len, &whole_doc);
	parse_text(big.p + r, big.len - r, &tail);
	tap_ok(tail.nblocks > 10 && tail.blocks[0].kind != BLK_TITLE, "resync: the tail has no title");
	for (size_t i = 1; i <= tail.nblocks && same; i++) {
		char *a = describe_block(&whole_doc, whole_doc.nblocks - i), *b = describe_block(&tail, tail.nblocks - i);
		same = strcmp(a, b) == 0;
		if (!same)
			tap_diag("from the end %zu: [%s] [%s]", i, a, b);
		free(a);
		free(b);
	}
	tap_ok(same, "resync: the tail's blocks are the end of the whole document's");
	tap_ok(format_aozora.resync("短い\n", 7, 2000) == 0, "resync: nothing to start at: 0");
	doc_free(&whole_doc);
	doc_free(&tail);
	buf_free(&big);
	free(t);
}

/* ---- bad input is normal input ---- */

static void
test_hostile(void)
{
	static const char *const pats[] = {"［＃", "《", "〔", "｜", "※［＃", "［", "］", "》", "《あ", "a'〔",
	                                    "［＃「", "［＃ここから２字下げ］", "［＃傍点］"};
	struct doc d;
	for (size_t k = 0; k < sizeof pats / sizeof *pats; k++) {
		struct buf t = {0};
		bool ok = true;
		buf_adds(&t, "題\n著者\n\n");
		for (int i = 0; i < 20000; i++)
			buf_adds(&t, pats[k]);
		buf_adds(&t, "漢字《かんじ》\n");
		parse_text(t.p, t.len, &d);
		/* one line: all of it is text (or closed), and the ruby at its end works */
		ok = d.nblocks >= 2 && d.blocks[d.nblocks - 1].nspans > 0;
		tap_ok(ok, "hostile: a line of 20000 \"%s\" is read, and what follows still works", pats[k]);
		doc_free(&d);
		buf_free(&t);
	}
	parse_whole("題\n\n灯台［＃「灯台」は未知の指示］の光\n", &d);
	tap_ok(d.nblocks == 2 && d.blocks[1].nspans == 1 && d.blocks[1].spans[0].kind == SPAN_NOTE &&
	           d.blocks[1].spans[0].start == 0 && d.blocks[1].spans[0].end == strlen("灯台") && d.nproblems == 1,
	       "an instruction not understood on a target found: a note over the target, and a problem");
	doc_free(&d);
	parse_whole("題\n\n前｜《よみ》後\n", &d);
	tap_str(d.nblocks == 2 ? d.blocks[1].text : NULL, "前｜《よみ》後", "hostile: a ｜ with nothing before its reading is kept");
	doc_free(&d);
	parse_whole("題\n\n［＃９９９９９字下げ］遠い\n［＃ここから９９９９９字詰め］\n広い\n", &d);
	tap_ok(d.nblocks == 3 && d.blocks[1].indent == 100 && d.blocks[2].measure == 255,
	       "hostile: huge numbers are clamped");
	doc_free(&d);
	/* fuzzing: the requests of a ここから that is not understood in
	 * full were dropped without their texts (a leak under valgrind) */
	parse_whole("題\n\n［＃ここから２字下げ、未知の指示］\n後の行\n", &d);
	tap_ok(d.nblocks == 3 && d.blocks[1].kind == BLK_NOTE && d.blocks[2].indent == 0 && d.nproblems == 1,
	       "hostile: a ここから understood in part opens nothing, and is a problem");
	doc_free(&d);
	parse_whole("題\n\n※［＃「x」、第3水準1-99-99］※［＃「y」、U+D800］※［＃「z」、U+110000］\n", &d);
	tap_ok(d.nblocks == 2 && strcmp(d.blocks[1].text, "〓〓〓") == 0, "hostile: invalid gaiji codes are 〓");
	doc_free(&d);
}

/* ---- what the sample of the notation list (chukiichiran.txt) found ---- */

static void
body_is(const char *text, const char *want, size_t problems, const char *name)
{
	struct doc d;
	char *got;
	parse_whole(text, &d);
	got = describe(&d);
	tap_str(got, want, name);
	tap_ok(d.nproblems == problems, "%s: %zu problems (%zu)", name, problems, d.nproblems);
	free(got);
	doc_free(&d);
}

static void
test_chuki(void)
{
	/* the block of a smaller size was never closed: its steps were kept
	 * as 255, which the close's -1 did not match */
	body_is("題\n\n［＃ここから１段階小さな文字］\n小さい行\n［＃ここで小さな文字終わり］\n後の行\n",
	        "P 小さい行 | size-1 小さい行\nP 後の行\n", 0,
	        "［＃ここから１段階小さな文字］ is closed by ［＃ここで小さな文字終わり］");
	body_is("題\n\n［＃ここから２段階大きな文字］\n大きい行\n［＃ここで大きな文字終わり］\n後の行\n",
	        "P 大きい行 | size+2 大きい行\nP 後の行\n", 0,
	        "［＃ここから２段階大きな文字］ is closed by ［＃ここで大きな文字終わり］");
	/* a left note over a base that has a reading on its right over a
	 * part of it: the two sides do not cross */
	body_is("題\n\n東《ひがし》を差《さ》して来《き》た［＃「来た」に白丸傍点］［＃「来た」の左に「北」の注記］の為に\n",
	        "P 東を差して来たの為に | ruby 東/ひがし ruby 差/さ ruby 来/き em:white_circle 来た ruby 来た/北LA\n",
	        0, "a left 注記 over a base with a right reading on part of it");
	body_is("題\n\n来《き》た［＃「来た」に「北」の注記］\n",
	        "P 来た | ruby 来/き note:unknown 来た\n", 1,
	        "a right 注記 crossing a right reading is still a note");
}

int
main(int argc, char **argv)
{
	srcdir = getenv("srcdir");
	if (!srcdir)
		srcdir = ".";
	if (argc > 1) {
		/* aozora_test FIXTURE: its description, to write an expectation */
		struct doc d;
		char *s;
		parse_fixture(argv[1], &d);
		s = describe(&d);
		fputs(s, stdout);
		for (size_t i = 0; i < d.nproblems; i++)
			printf("problem %u: %s\n", d.problems[i].line, d.problems[i].text);
		for (size_t i = 0; i < d.nmeta; i++)
			printf("meta %s: %s\n", d.meta[i].key, d.meta[i].value);
		free(s);
		doc_free(&d);
		return 0;
	}
	for (size_t i = 0; i < sizeof fixtures / sizeof *fixtures; i++)
		check_fixture(fixtures[i].name, fixtures[i].want);
	test_metadata();
	test_toc();
	test_problems();
	for (size_t i = 0; i < sizeof fixtures / sizeof *fixtures; i++)
		test_pieces(fixtures[i].name);
	test_sjis();
	test_detect();
	test_resync();
	test_hostile();
	test_chuki();
	return tap_done();
}
