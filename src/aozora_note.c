/* aozora_note.c: what an annotation ［＃…］ means, in the order of
 * doc/aozora-format.md's Dispatch order: the words of the notation, the
 * requests to the block layer (ここから…, ここで…), one-line layout (字下げ,
 * 地付き), cuts (page breaks, images), kunten and old dakuten.  Pairs and
 * forward references are aozora_ref.c's.  What is not understood becomes
 * a note and a problem, never text. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "aozora_impl.h"
#include "scan.h"
#include "util.h"

/* The number before the first LIT in W, or DEF. */
long
az_number_in(struct az_str w, const char *lit, long def)
{
	const char *p = scan_find(w.s, w.n, lit);
	long v = p ? az_number_before(w.s, (size_t)(p - w.s)) : -1;
	return v < 0 ? def : v;
}

/* ---- the words of the notation ---- */

static const struct word {
	const char *w;
	uint8_t kind, style;
} span_words[] = {
	{"傍点", SPAN_EMPH, EMPH_SESAME},
	{"白ゴマ傍点", SPAN_EMPH, EMPH_WHITE_SESAME},
	{"丸傍点", SPAN_EMPH, EMPH_DOT},
	{"白丸傍点", SPAN_EMPH, EMPH_WHITE_DOT},
	{"黒三角傍点", SPAN_EMPH, EMPH_TRIANGLE},
	{"白三角傍点", SPAN_EMPH, EMPH_WHITE_TRIANGLE},
	{"二重丸傍点", SPAN_EMPH, EMPH_DOUBLE_CIRCLE},
	{"蛇の目傍点", SPAN_EMPH, EMPH_BULLSEYE},
	{"ばつ傍点", SPAN_EMPH, EMPH_CROSS},
	{"傍線", SPAN_EMPH, EMPH_LINE},
	{"二重傍線", SPAN_EMPH, EMPH_DOUBLE_LINE},
	{"鎖線", SPAN_EMPH, EMPH_CHAIN},
	{"破線", SPAN_EMPH, EMPH_DASHED},
	{"波線", SPAN_EMPH, EMPH_WAVY},
	{"太字", SPAN_EMPH, EMPH_BOLD},
	{"斜体", SPAN_EMPH, EMPH_ITALIC},
	{"縦中横", SPAN_TCY, 0},
	{"横組み", SPAN_YOKO, 0},
	{"罫囲み", SPAN_FRAME, 0},
	{"キャプション", SPAN_CAPTION, 0},
	{"上付き小文字", SPAN_SUP, 0},
	{"行右小書き", SPAN_SUP, 0},
	{"下付き小文字", SPAN_SUB, 0},
	{"行左小書き", SPAN_SUB, 0},
};

/* A direction before a mark: 左に and 下に put it on the left. */
struct az_str
az_direction(struct az_str w, bool *left)
{
	static const char *const dirs[] = {"右に", "上に", "左に", "下に"};
	*left = false;
	for (int k = 0; k < 4; k++)
		if (az_starts(w, dirs[k])) {
			*left = k >= 2;
			return az_drop_prefix(w, dirs[k]);
		}
	return w;
}

/* A word that makes a span (傍点, 左に傍線, 縦中横, N段階大きな文字, …). */
bool
az_span_word(struct az_str w, int *kind, int *style)
{
	bool left;
	struct az_str b = az_direction(w, &left);
	for (size_t k = 0; k < sizeof span_words / sizeof *span_words; k++) {
		if (!az_eq(b, span_words[k].w))
			continue;
		if (left && span_words[k].kind != SPAN_EMPH)
			return false;
		*kind = span_words[k].kind;
		*style = span_words[k].style | (left ? EMPH_LEFT : 0);
		return true;
	}
	if (!left && (az_ends(w, "段階大きな文字") || az_ends(w, "段階小さな文字"))) {
		long v = az_number_in(w, "段階", 1);
		*kind = SPAN_SIZE;
		/* the steps, signed: a block's close compares their signs */
		v = v > 100 ? 100 : v;
		*style = (int)(az_ends(w, "大きな文字") ? v : -v);
		return true;
	}
	return false;
}

/* 大見出し, 同行中見出し, 窓小見出し: the depth, and the flags. */
bool
az_heading_word(struct az_str w, int *depth, int *flags)
{
	static const char *const sizes[] = {"大見出し", "中見出し", "小見出し"};
	*flags = 0;
	if (az_starts(w, "同行")) {
		*flags = BF_RUNIN;
		w = az_drop_prefix(w, "同行");
	} else if (az_starts(w, "窓")) {
		*flags = BF_WINDOW;
		w = az_drop_prefix(w, "窓");
	}
	for (int k = 0; k < 3; k++)
		if (az_eq(w, sizes[k])) {
			*depth = k + 1;
			return true;
		}
	return false;
}

/* ---- what an annotation does ---- */

static void
add_req(struct az_line *L, int kind, int blk, int a, int b)
{
	xgrow(&L->reqs, &L->reqs_cap, L->nreqs + 1, sizeof *L->reqs);
	L->reqs[L->nreqs++] = (struct az_req){(uint8_t)kind, (uint8_t)blk, (int16_t)a, (int16_t)b,
	                                      (uint32_t)L->text.len, false,
	                                      xstrndup(L->raw + L->note_at, L->note_len)};
}

void
az_add_cut(struct az_line *L, int kind, int a, int b, int32_t fig)
{
	xgrow(&L->cuts, &L->cuts_cap, L->ncuts + 1, sizeof *L->cuts);
	L->cuts[L->ncuts++] = (struct az_cut){(uint32_t)L->text.len, (uint32_t)L->text.len, (uint8_t)kind,
	                                      (int16_t)a, (int16_t)b, fig};
}

void
az_unknown(struct az_line *L, struct az_str c, const char *raw, size_t rn)
{
	az_line_unknown(L, c.s, c.n, raw, rn);
}

/* ---- block requests: ここから…, ここで… (Block structure) ---- */

/* One part of a ここから annotation: a request, or false. */
static bool
open_part(struct az_line *L, struct az_str p)
{
	int kind, style, depth, flags;
	if (az_ends(p, "字下げ")) {
		long v = az_number_in(p, "字下げ", 0);
		add_req(L, REQ_OPEN, AB_INDENT, (int)v, (int)v);
	} else if (az_eq(p, "改行天付き")) {
		add_req(L, REQ_OPEN, AB_INDENT, 0, 0);
	} else if (az_eq(p, "地付き")) {
		add_req(L, REQ_OPEN, AB_ALIGN, 0, 0);
	} else if (az_ends(p, "字上げ")) {
		add_req(L, REQ_OPEN, AB_ALIGN, (int)az_number_in(p, "字上げ", 0), 0);
	} else if (az_ends(p, "字詰め")) {
		add_req(L, REQ_OPEN, AB_MEASURE, (int)az_number_in(p, "字詰め", 0), 0);
	} else if (az_eq(p, "罫囲み")) {
		add_req(L, REQ_OPEN, AB_FRAME, 0, 0);
	} else if (az_eq(p, "キャプション")) {
		add_req(L, REQ_OPEN, AB_CAPTION, 0, 0);
	} else if (az_heading_word(p, &depth, &flags)) {
		add_req(L, REQ_OPEN, AB_HEADING, depth, flags);
	} else if (az_span_word(p, &kind, &style) && kind != SPAN_FRAME && kind != SPAN_CAPTION) {
		add_req(L, REQ_OPEN, AB_SPAN, kind, style);
	} else {
		return false;
	}
	return true;
}

/* ここから2字下げ、折り返して4字下げ: the first line's indent and the others'. */
static void
hanging(struct az_line *L, struct az_str c, const char *raw, size_t rn)
{
	const char *fold = scan_find(c.s, c.n, "折り返して");
	struct az_str before = {c.s, (size_t)(fold - c.s)}, after = {fold, c.n - before.n};
	long first = az_number_in(before, "字下げ", 0), hang = az_number_in(after, "字下げ", -1);
	if (hang < 0) {
		az_unknown(L, c, raw, rn);
		return;
	}
	if (az_starts(c, "ここから")) {
		add_req(L, REQ_OPEN, AB_INDENT, (int)first, (int)hang);
		return;
	}
	/* with text after it, for its line; alone on its line, a block */
	L->has_indent = true;
	L->indent_alone = true;
	L->first = (int16_t)first;
	L->hang = (int16_t)hang;
}

static void
block_open(struct az_line *L, struct az_str c, const char *raw, size_t rn)
{
	struct az_str rest = az_drop_prefix(c, "ここから");
	size_t nreqs = L->nreqs;
	while (rest.n) {
		const char *sep = scan_find(rest.s, rest.n, "、");
		struct az_str part = {rest.s, sep ? (size_t)(sep - rest.s) : rest.n};
		if (!open_part(L, part)) {
			while (L->nreqs > nreqs) /* all of it, or nothing */
				free(L->reqs[--L->nreqs].text);
			az_unknown(L, c, raw, rn);
			return;
		}
		rest = sep ? (struct az_str){sep + 3, rest.n - part.n - 3} : (struct az_str){rest.s + rest.n, 0};
	}
}

static void
block_close(struct az_line *L, struct az_str c, const char *raw, size_t rn)
{
	struct az_str w = az_drop_prefix(c, "ここで");
	int kind, style, depth, flags;
	if (!az_ends(w, "終わり")) {
		az_unknown(L, c, raw, rn);
		return;
	}
	w = az_drop_suffix(w, "終わり");
	if (az_eq(w, "字下げ"))
		add_req(L, REQ_CLOSE, AB_INDENT, 0, 0);
	else if (az_eq(w, "地付き") || az_eq(w, "字上げ"))
		add_req(L, REQ_CLOSE, AB_ALIGN, 0, 0);
	else if (az_eq(w, "字詰め"))
		add_req(L, REQ_CLOSE, AB_MEASURE, 0, 0);
	else if (az_eq(w, "罫囲み"))
		add_req(L, REQ_CLOSE, AB_FRAME, 0, 0);
	else if (az_eq(w, "キャプション"))
		add_req(L, REQ_CLOSE, AB_CAPTION, 0, 0);
	else if (az_heading_word(w, &depth, &flags))
		add_req(L, REQ_CLOSE, AB_HEADING, depth, flags);
	else if (az_eq(w, "大きな文字") || az_eq(w, "小さな文字"))
		add_req(L, REQ_CLOSE, AB_SPAN, SPAN_SIZE, az_eq(w, "大きな文字") ? 1 : -1);
	else if (az_span_word(w, &kind, &style))
		add_req(L, REQ_CLOSE, AB_SPAN, kind, style);
	else
		az_unknown(L, c, raw, rn);
}

/* ---- one-line layout: 字下げ, 地付き, 字上げ ---- */

static void
indent_note(struct az_line *L, struct az_str c)
{
	long v;
	if (az_has(c, "まで") || az_has(c, "終わり")) {
		/* the old end of a block: 字下げ終わり, ここまで字下げ */
		add_req(L, REQ_CLOSE, AB_INDENT, 0, 0);
		return;
	}
	v = az_number_in(c, "字下げ", 0);
	L->has_indent = true;
	L->first = L->hang = (int16_t)(v > 9999 ? 9999 : v);
	/* alone on its line it opens a block (aozora2html apply_jisage) */
	L->indent_alone = !az_has(c, "この行");
}

static void
align_note(struct az_line *L, struct az_str c)
{
	long off = az_ends(c, "字上げ") ? az_number_in(c, "字上げ", 0) : 0;
	if (L->text.len == 0) {
		L->has_align = true;
		L->end_off = (int16_t)off;
	} else {
		az_add_cut(L, CUT_ALIGN, (int)off, 0, -1); /* the rest of the line */
	}
}

/* ---- images (Images and captions) ---- */

static bool
image_file(struct az_str f)
{
	static const char *const exts[] = {".png", ".jpg", ".jpeg", ".gif"};
	for (int k = 0; k < 4; k++) {
		size_t l = strlen(exts[k]);
		if (f.n > l && strncasecmp(f.s + f.n - l, exts[k], l) == 0)
			return true;
	}
	return false;
}

/* 横320×縦240 (digits may be full-width): "WxH", or nothing. */
static void
image_size(struct az_str s, struct buf *aux)
{
	const char *x = scan_find(s.s, s.n, "×");
	size_t i, j;
	long w, h;
	if (!x || !az_starts(s, "横"))
		return;
	i = strlen("横");
	w = scan_number(s.s, (size_t)(x - s.s), &i);
	j = (size_t)(x - s.s) + strlen("×");
	if (scan_has_prefix(s.s + j, s.n - j, "縦"))
		j += strlen("縦");
	h = scan_number(s.s, s.n, &j);
	if (w >= 0 && h >= 0)
		buf_printf(aux, " %ldx%ld", w, h);
}

/* desc（file、横W×縦H）入る: a figure cut into the line. */
static bool
image(struct az_line *L, struct az_str c)
{
	const char *open = NULL, *p = c.s;
	struct az_str in, file;
	struct buf aux = {0};
	struct az_figure *f;
	if (!az_ends(c, "）入る"))
		return false;
	while ((p = scan_find(p, c.n - (size_t)(p - c.s), "（")) != NULL)
		open = p++;
	if (!open)
		return false;
	in = (struct az_str){open + 3, c.n - (size_t)(open + 3 - c.s) - strlen("）入る")};
	p = scan_find(in.s, in.n, "、");
	file = (struct az_str){in.s, p ? (size_t)(p - in.s) : in.n};
	if (!image_file(file))
		return false;
	buf_add(&aux, file.s, file.n);
	if (p)
		image_size((struct az_str){p + 3, in.n - file.n - 3}, &aux);
	xgrow(&L->figs, &L->figs_cap, L->nfigs + 1, sizeof *L->figs);
	f = &L->figs[L->nfigs++];
	f->desc = xstrndup(c.s, (size_t)(open - c.s));
	f->aux = buf_steal(&aux);
	f->photo = scan_find(c.s, (size_t)(open - c.s), "写真") != NULL;
	az_add_cut(L, CUT_FIGURE, 0, 0, (int32_t)L->nfigs - 1);
	return true;
}

/* ---- kunten, old dakuten ---- */

static bool
kaeriten(struct az_str c)
{
	static const char set[] = "一二三四五六七八九十レ上中下甲乙丙丁天地人";
	for (size_t i = 0; i < c.n;) {
		uint32_t ch;
		size_t l = utf8_get((const uint8_t *)c.s + i, c.n - i, &ch);
		char u[5] = {0};
		memcpy(u, c.s + i, l);
		if (l != 3 || !strstr(set, u))
			return false;
		i += l;
	}
	return c.n > 0;
}

/* ワ゛［＃濁点付き片仮名ワ、1-7-82］: the kana and its ゛ become ヷ. */
static bool
dakuten(struct az_line *L, struct az_str c)
{
	static const char *const kana[] = {"ワ゛", "ヰ゛", "ヱ゛", "ヲ゛"};
	int p, r, col;
	if (!az_find_jis(c.s, c.n, &p, &r, &col) || p != 1 || r != 7 || col < 82 || col > 85)
		return false;
	for (int k = 0; k < 4; k++) {
		size_t l = strlen(kana[k]), s = L->text.len - l;
		if (col - 82 == k && L->text.len >= l && memcmp(L->text.p + s, kana[k], l) == 0 &&
		    s >= L->floor) {
			az_line_truncate(L, s);
			az_line_putc(L, 0x30F7 + (uint32_t)k, AZC_KATAKANA);
			az_line_span(L, s, L->text.len, SPAN_GAIJI, GAIJI_RESOLVED, doc_add_ann(L->d, c.s, c.n));
			return true;
		}
	}
	return false;
}

/* ---- the dispatch ---- */

/* Annotations of their own: page breaks, centring, 改行, ruby notes. */
static bool
simple(struct az_line *L, struct az_str c)
{
	static const char *const breaks[] = {"改ページ", "改丁", "改見開き", "改段"};
	for (int k = 0; k < 4; k++)
		if (az_eq(c, breaks[k])) {
			az_add_cut(L, CUT_PAGE, k, 0, -1);
			return true;
		}
	if (az_eq(c, "ページの左右中央")) {
		add_req(L, REQ_CENTER, 0, 0, 0);
	} else if (az_eq(c, "改行") && az_find_pair(L, PAIR_WARICHU, SPAN_WARICHU, 0) >= 0) {
		az_line_span(L, L->text.len, L->text.len, SPAN_WARICHU, WARICHU_BREAK, -1);
	} else if (az_starts(c, "ルビの「")) {
		az_ruby_note(L, c);
	} else {
		return false;
	}
	return true;
}

void
az_note(struct az_line *L, const char *cs, size_t n, const char *raw, size_t rn, size_t raw_end)
{
	struct az_str c = {cs, n};
	L->note_at = (size_t)(raw - L->raw);
	L->note_len = rn;
	if (n == 0)
		az_unknown(L, c, raw, rn);
	else if (az_has(c, "折り返して"))
		hanging(L, c, raw, rn);
	else if (az_starts(c, "ここから"))
		block_open(L, c, raw, rn);
	else if (az_starts(c, "ここで"))
		block_close(L, c, raw, rn);
	else if (az_has(c, "割り注"))
		az_warichu(L, c, raw, rn, raw_end);
	else if (az_has(c, "字下げ"))
		indent_note(L, c);
	else if (image(L, c))
		;
	else if (az_eq(c, "本文終わり"))
		add_req(L, REQ_BODY_END, 0, 0, 0);
	else if (az_ends(c, "終わり"))
		az_pair_end(L, c, az_drop_suffix(c, "終わり"), raw, rn);
	else if (az_starts(c, "「"))
		az_forward(L, c, raw, rn);
	else if (dakuten(L, c))
		;
	else if (kaeriten(c))
		az_line_span(L, L->text.len, L->text.len, SPAN_KUNTEN, 0, doc_add_ann(L->d, c.s, c.n));
	else if (az_starts(c, "（") && az_ends(c, "）") && n > 6)
		az_line_span(L, L->text.len, L->text.len, SPAN_KUNTEN, 1, doc_add_ann(L->d, c.s + 3, n - 6));
	else if (az_ends(c, "地付き") || az_ends(c, "字上げ"))
		align_note(L, c);
	else if (az_pair_start(L, c) || simple(L, c))
		;
	else
		az_unknown(L, c, raw, rn);
}
