/* aozora_impl.h: what the files of the Aozora Bunko format share: the
 * characters (aozora_char.c), the inline notation of one line
 * (aozora_line.c, aozora_note.c) and the assembly of blocks
 * (aozora_block.c, aozora.c).  The notation is specified in
 * doc/aozora-format.md; section names below refer to it. */
#ifndef YOMU_AOZORA_IMPL_H
#define YOMU_AOZORA_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <string.h>

#include "doc.h"
#include "scan.h"
#include "util.h"

/* ---- aozora_char.c: characters ---- */

/* The classes of the ruby rule (Character classes). */
enum az_class {
	AZC_OTHER,
	AZC_KANJI,    /* and 々〆〇ヶ※, and whatever a gaiji makes */
	AZC_HIRAGANA,
	AZC_KATAKANA,
	AZC_ZENKAKU,  /* full-width Latin, digits, Greek, Cyrillic */
	AZC_HANKAKU,  /* ASCII letters and digits, # - & ' , and decomposed accents */
	AZC_TERM,     /* . ; " ? ! ) : ends a hankaku run */
};

enum az_class az_class_of(uint32_t c);

/* What converts JIS X 0213 codes: iconv's EUC-JISX0213, opened on first
 * use and kept for the parse. */
struct az_conv {
	void *cd;   /* iconv_t */
	bool tried; /* iconv_open was called (it may have failed) */
};
void az_conv_free(struct az_conv *cv);

/* The character(s) of the gaiji annotation whose content is (S, N) (the
 * text between ※［＃ and ］) appended to OUT: true if its code was
 * resolved, else 〓 was appended (Gaiji). */
bool az_gaiji(struct az_conv *cv, const char *s, size_t n, struct buf *out);
/* The character of JIS X 0213 plane P, row R, cell C appended to OUT (one
 * or two code points); false if the code is not assigned. */
bool az_jis_to_utf8(struct az_conv *cv, int p, int r, int c, struct buf *out);
/* A JIS X 0213 code "P-R-C" anywhere in (S, N): true with the numbers. */
bool az_find_jis(const char *s, size_t n, int *p, int *r, int *c);

/* The accented letter spelt at byte I of (S, N) (Accent decomposition):
 * its code point, *LEN the bytes of the spelling; 0 if none. */
uint32_t az_accent_at(const char *s, size_t n, size_t i, size_t *len);

/* The number written just before byte END of (S, N) in ASCII, full-width
 * or kanji numerals (１０, 10, 十二, 二十三); -1 if none.  Clamped to
 * 9999. */
long az_number_before(const char *s, size_t end);

/* ---- aozora_line.c, aozora_note.c: one line's notation ---- */

/* A place in a line where the blocks it makes are cut (mid-line 地付き,
 * page breaks, images) or a heading stands. */
enum az_cut_kind {
	CUT_ALIGN,   /* the rest of the line is set to the end, A characters short */
	CUT_PAGE,    /* a page break, A: enum page_kind */
	CUT_FIGURE,  /* an image: FIG the index in the line's figures */
	CUT_HEAD,    /* a heading from AT to END, A its depth, B its flags */
};

struct az_cut {
	uint32_t at, end;
	uint8_t kind;
	int16_t a, b;
	int32_t fig;
};

struct az_figure {
	char *desc, *aux;
	bool photo;
};

/* A pair (［＃傍点］…［＃傍点終わり］) or a whole-line request still open. */
enum az_pair_kind {
	PAIR_SPAN,    /* a span of KIND and STYLE */
	PAIR_HEADING, /* STYLE: depth; FLAGS: BF_RUNIN, BF_WINDOW */
	PAIR_RUBY,    /* 注記付き, ルビ付き: STYLE the ruby's style */
	PAIR_WARICHU, /* 割り注 (STYLE 1: 割書, no parentheses) */
};

struct az_pair {
	uint8_t what, kind, style, flags;
	uint32_t start;
	uint32_t raw_at, raw_len; /* its annotation in the line as written */
};

/* What the block layer is asked to do by an annotation of the line
 * (ここから…, ここで…, 本文終わり, ページの左右中央). */
enum az_req_kind {
	REQ_OPEN,      /* open a block of KIND (enum az_blk) with A, B */
	REQ_CLOSE,     /* close the innermost block of KIND */
	REQ_CENTER,    /* ページの左右中央 */
	REQ_BODY_END,  /* 本文終わり: the colophon follows */
};

enum az_blk {
	AB_INDENT,   /* A first line, B the others (字下げ, 折り返し) */
	AB_ALIGN,    /* A characters short of the end (地付き, 字上げ) */
	AB_MEASURE,  /* A characters a line (字詰め) */
	AB_FRAME,    /* 罫囲み */
	AB_SPAN,     /* a span over every block: A kind, B style (太字, 斜体, 横組み, 文字の大きさ) */
	AB_CAPTION,  /* キャプション */
	AB_HEADING,  /* A depth, B flags */
	AB_COUNT
};

struct az_req {
	uint8_t kind, blk;
	int16_t a, b;
	uint32_t at;     /* where in the line's text it stands */
	bool alone;      /* a 字下げ written for one line that may open a block */
	char *text;      /* the annotation, for a problem */
};

/* One line being read: its text without notation, and what the notation
 * made of it. */
struct az_line {
	struct doc *d;
	struct az_conv *cv;
	uint32_t no;        /* its line number */
	bool header;        /* a header line: readings dropped, annotations too */
	struct buf text;
	uint8_t *cls;       /* the ruby class of the character starting at each byte */
	size_t cls_cap;
	struct span *spans;
	size_t nspans, spans_cap;
	struct az_cut *cuts;
	size_t ncuts, cuts_cap;
	struct az_figure *figs;
	size_t nfigs, figs_cap;
	struct az_pair *pairs;
	size_t npairs, pairs_cap;
	struct az_req *reqs;
	size_t nreqs, reqs_cap;
	uint32_t *bars;     /* the ｜ that start a ruby (raw offsets, ascending) */
	size_t nbars, bars_cap;
	size_t floor;       /* a ruby's base starts at or after this */
	size_t bar;         /* where the text after a ｜ starts, or SIZE_MAX */
	/* the whole line's own layout (a one-line 字下げ, 地付き) */
	bool has_indent, has_align;
	int16_t first, hang, end_off;
	bool indent_alone;  /* that 字下げ may open a block (the old form) */
	const char *raw;    /* the line as written, while it is read */
	size_t nraw;
	size_t note_at, note_len; /* the annotation being read, in RAW */
	struct buf scratch;
};

void az_line_init(struct az_line *L, struct doc *d, struct az_conv *cv);
void az_line_free(struct az_line *L);
/* Read the N bytes of line number NO at S into L (emptied first). */
void az_line_read(struct az_line *L, const char *s, size_t n, uint32_t no);
/* Append character C of class CL to the line's text. */
void az_line_putc(struct az_line *L, uint32_t c, enum az_class cl);
/* Append N bytes of text at S (classes from the characters). */
void az_line_puts(struct az_line *L, const char *s, size_t n);
void az_line_span(struct az_line *L, size_t start, size_t end, int kind, int style, int32_t ref);
/* Something not understood on this line: N bytes at S. */
void az_line_problem(struct az_line *L, const char *s, size_t n);
/* A point note at the end of the text so far (an annotation not
 * understood, or its target not found); RAW the annotation as written. */
void az_line_unknown(struct az_line *L, const char *content, size_t n, const char *raw, size_t rn);
/* (S, N) with gaiji and accents resolved, and ｜ and readings removed,
 * into OUT (emptied first). */
void az_resolve(struct az_line *L, const char *s, size_t n, struct buf *out);
/* Cut the text back to byte AT: whatever stood after it is dropped. */
void az_line_truncate(struct az_line *L, size_t at);

/* Act on the annotation ［＃C］ (C: N resolved bytes, RAW the whole
 * annotation as written, RAW_END where the line goes on after it). */
void az_note(struct az_line *L, const char *c, size_t n, const char *raw, size_t rn,
             size_t raw_end);
/* The line is read: close the pairs still open. */
void az_note_end_line(struct az_line *L);
/* Where X (N bytes) stands in the line's text before the end: the last
 * occurrence that ends there, else the nearest before; false if none. */
bool az_find_target(const struct az_line *L, const char *x, size_t n, size_t *start);

/* ---- aozora_note.c, aozora_ref.c: what an annotation means ---- */

/* A view of an annotation's content being taken apart. */
struct az_str {
	const char *s;
	size_t n;
};

static inline bool
az_eq(struct az_str w, const char *lit)
{
	return scan_equals(w.s, w.n, lit);
}

static inline bool
az_starts(struct az_str w, const char *lit)
{
	return scan_has_prefix(w.s, w.n, lit);
}

static inline bool
az_ends(struct az_str w, const char *lit)
{
	size_t l = strlen(lit);
	return w.n >= l && memcmp(w.s + w.n - l, lit, l) == 0;
}

static inline bool
az_has(struct az_str w, const char *lit)
{
	return scan_find(w.s, w.n, lit) != NULL;
}

static inline struct az_str
az_drop_prefix(struct az_str w, const char *lit)
{
	size_t l = strlen(lit);
	return (struct az_str){w.s + l, w.n - l};
}

static inline struct az_str
az_drop_suffix(struct az_str w, const char *lit)
{
	return (struct az_str){w.s, w.n - strlen(lit)};
}

/* The number before the first LIT in W, or DEF. */
long az_number_in(struct az_str w, const char *lit, long def);
/* A direction before a mark (右に, 上に, 左に, 下に): *LEFT for the left
 * side; W without it. */
struct az_str az_direction(struct az_str w, bool *left);
/* A word that makes a span (傍点, 左に傍線, 縦中横, N段階大きな文字, …). */
bool az_span_word(struct az_str w, int *kind, int *style);
/* 大見出し, 同行中見出し, 窓小見出し: the depth, and the flags. */
bool az_heading_word(struct az_str w, int *depth, int *flags);
void az_add_cut(struct az_line *L, int kind, int a, int b, int32_t fig);
/* The annotation C is not understood: a note, and a problem. */
void az_unknown(struct az_line *L, struct az_str c, const char *raw, size_t rn);

/* The latest open pair like this one, or -1. */
int az_find_pair(const struct az_line *L, int what, int kind, int style);
/* 割り注 and 割り注終わり; RAW_END: where the line goes on after it. */
void az_warichu(struct az_line *L, struct az_str c, const char *raw, size_t rn, size_t raw_end);
/* The start word of a pair: true if C was one. */
bool az_pair_start(struct az_line *L, struct az_str c);
/* The end of a pair: W is C without its 終わり. */
void az_pair_end(struct az_line *L, struct az_str c, struct az_str w, const char *raw, size_t rn);
/* X［＃「X」に傍点］: the instruction on the target it quotes. */
void az_forward(struct az_line *L, struct az_str c, const char *raw, size_t rn);
/* ルビの「X」は底本では「Y」, ルビの「X」はママ: on the latest ruby X. */
void az_ruby_note(struct az_line *L, struct az_str c);

/* ---- aozora_block.c: blocks from lines ---- */

struct az_stack {
	struct az_open {
		uint8_t blk;
		int16_t a, b;
		uint32_t line;
		int32_t block;  /* AB_HEADING: the heading being gathered */
		char *text;     /* the annotation that opened it */
	} e[32];
	int n;
};

struct az_blocks {
	struct doc *d;
	struct az_stack st;
	int blank;          /* blank lines since the last block */
	bool centred;       /* ページの左右中央 until the next page break */
	bool back;          /* in the colophon */
	int32_t last_fig;   /* a caption's figure, or -1 */
	int32_t heading;    /* a heading block being gathered (ここから見出し), or -1 */
};

void az_blocks_init(struct az_blocks *B, struct doc *d);
/* Turn the line L into blocks (or add it to an open heading). */
void az_blocks_line(struct az_blocks *B, struct az_line *L);
/* Close every open block (the colophon, or the end), each a problem. */
void az_blocks_close_all(struct az_blocks *B);

#endif
