/* doc.h: the document model.  A document is a flat array of blocks in
 * reading order; columns (コラム) and footnotes refer into it.  The model
 * knows nothing of widths or terminals. */
#ifndef YOMU_DOC_H
#define YOMU_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

enum block_kind {
	BLK_CHAPTER,    /* 第4章 and its title */
	BLK_CONTENTS,   /* one entry of the chapter's own contents list */
	BLK_SECTION,    /* 第1節 and its title */
	BLK_HEADING,    /* numbered heading, level 1 (1) to 4 (①) */
	BLK_PARA,       /* body paragraph */
	BLK_CAPTION,    /* photo caption */
	BLK_TABLE,      /* a table whose data is missing: its title */
	BLK_TABLE_NOTE, /* (注1)… or 出典：… under a table */
	BLK_FOOTNOTE,   /* a footnote definition */
	BLK_COLUMN,     /* a column (コラム): its title; the body follows */
	BLK_BYLINE,     /* the author line of a column */
	BLK_SUBHEAD,    /* ■ sub-heading inside a column */
	BLK_PAGE_BREAK, /* a page break the text asks for (改ページ); no text; level: enum page_kind */
	BLK_TITLE,      /* the work's title; aux: the header's other lines (subtitle, author, …),
	                 * one a line; the root of the table of contents */
	BLK_FIGURE,     /* an image (挿絵): text its description; aux "FILE" or "FILE WxH";
	                 * level 1 for a photograph */
	BLK_NOTE,       /* a note with nothing to stand on (an annotation alone on its line the
	                 * format did not understand): no text, aux its content; not shown */
	BLK_PART,       /* a file of a book of several: its title, or its name; the
	                 * file's blocks follow (doc_append_part) */
	BLK_KIND_COUNT
};

enum span_kind {
	SPAN_FNREF, /* footnote reference marker; ref = footnote index */
	SPAN_RUBY,  /* ruby over the base [start, end); ref = its reading (doc_ann) */
	SPAN_XREF,  /* a cross-reference such as 314ページ コラム参照; style = enum xref_target */
	SPAN_URL,
	SPAN_LABEL, /* the label of a heading or footnote */
	SPAN_EMPH,  /* emphasis; style = enum emphasis */
	SPAN_NOTE,  /* an editor's note on [start, end); ref = its text (doc_ann) */
	SPAN_GAIJI, /* a character given by a description; ref = it; style 1: not resolved */
	SPAN_TCY,   /* 縦中横: set upright in vertical text */
	SPAN_YOKO,  /* 横組み: set horizontally in vertical text */
	SPAN_WARICHU, /* 割り注: a small note in the line */
	SPAN_SUP,   /* 上付き, 行右小書き */
	SPAN_SUB,   /* 下付き, 行左小書き */
	SPAN_KUNTEN, /* 返り点 (style 0), 訓点送り仮名 (style 1): a point (start == end) after
	              * the character it follows; ref = its text */
	SPAN_FRAME,  /* 罫囲み of a few words in a line */
	SPAN_SIZE,   /* N段階大きな/小さな文字: style = steps as int8_t (> 0 larger) */
	SPAN_CAPTION, /* a caption that is only part of its line */
};

/* Where a cross-reference leads (its span's style), and its ref. */
enum xref_target {
	XREF_PENDING, /* not known until the whole document is read; ref -1 */
	XREF_COLUMN,  /* a column; ref = its index */
	XREF_BLOCK,   /* a place in the text; ref = the block */
	XREF_OUTSIDE, /* something not in this document; ref -1 */
};

/* SPAN_RUBY: what the reading is (or'ed with EMPH_LEFT for a left ruby). */
enum ruby_kind {
	RUBY_READING,    /* 《》, …のルビ */
	RUBY_ANNOTATION, /* …の注記 */
	RUBY_BOUKI,      /* 傍記: marks beside each character */
	RUBY_KIND_MASK = 0x0F,
};

/* SPAN_NOTE: an editor's note (ref: the annotation's content).  A point
 * (start == end) when it marks no text. */
enum note_kind {
	NOTE_UNKNOWN,     /* an annotation the format did not understand */
	NOTE_TEIHON,      /* 「X」は底本では「Y」 */
	NOTE_MAMA,        /* 「X」はママ */
	NOTE_RUBY_TEIHON, /* ルビの「X」は底本では「Y」 */
	NOTE_RUBY_MAMA,   /* ルビの「X」はママ */
};

/* SPAN_GAIJI's style. */
enum { GAIJI_RESOLVED, GAIJI_UNRESOLVED };
/* SPAN_WARICHU's style: the note, or a point where it breaks (［＃改行］). */
enum { WARICHU_TEXT, WARICHU_BREAK };

/* BLK_PAGE_BREAK's level. */
enum page_kind { PAGE_PAGE, PAGE_SHEET, PAGE_SPREAD, PAGE_COLUMN };

/* Emphasis marks and lines beside the text (傍点, 傍線), bold and italic. */
enum emphasis {
	EMPH_SESAME,          /* ゴマ傍点 ﹅ */
	EMPH_WHITE_SESAME,    /* 白ゴマ傍点 ﹆ */
	EMPH_DOT,             /* 丸傍点 ● */
	EMPH_WHITE_DOT,       /* 白丸傍点 ○ */
	EMPH_TRIANGLE,        /* 黒三角傍点 ▲ */
	EMPH_WHITE_TRIANGLE,  /* 白三角傍点 △ */
	EMPH_DOUBLE_CIRCLE,   /* 二重丸傍点 ◎ */
	EMPH_BULLSEYE,        /* 蛇の目傍点 ◉ */
	EMPH_CROSS,           /* ばつ傍点 × */
	EMPH_LINE,            /* 傍線 */
	EMPH_DOUBLE_LINE,     /* 二重傍線 */
	EMPH_CHAIN,           /* 鎖線 */
	EMPH_DASHED,          /* 破線 */
	EMPH_WAVY,            /* 波線 */
	EMPH_BOLD,            /* 太字 */
	EMPH_ITALIC,          /* 斜体 */
	EMPH_LEFT = 0x80,     /* or'ed in: on the left of vertical text */
};

/* A span's ref is an index into the document: what it refers to (a
 * footnote, an annotation string) is moved with it when a document is
 * appended to a book (doc.c, span_ref_base): a new kind with a ref says
 * there what it is. */
struct span {
	uint32_t start, end; /* byte range in the block's text */
	uint8_t kind;
	uint8_t style;       /* SPAN_EMPH: enum emphasis; SPAN_RUBY: EMPH_LEFT for left ruby */
	int32_t ref;
};

/* How a block's lines are set, in full-width characters. */
enum block_align {
	ALIGN_START,  /* from the line start, after the indent */
	ALIGN_END,    /* to the line end, END_OFF characters short of it (地付き, 地上げ) */
	ALIGN_CENTER, /* centred (ページの左右中央) */
};

enum block_flags {
	BF_FRAME = 1, /* inside a ruled frame (罫囲み); consecutive ones share it */
	BF_GAP = 2,   /* an empty line more before it (a scene break) */
	BF_BACK = 4,  /* back matter (a colophon): set apart from the text */
	BF_LINES = 8, /* its lines are kept as they are (verse, code): '\n' in the text */
	BF_RUNIN = 16,  /* a heading run into its paragraph (同行見出し) */
	BF_WINDOW = 32, /* a heading set in a window of its paragraph (窓見出し) */
};

struct block {
	enum block_kind kind;
	uint8_t level;    /* BLK_HEADING: 1..4; otherwise 0 */
	bool has_body;    /* BLK_CONTENTS: its section is in this document */
	uint8_t flags;    /* enum block_flags */
	uint8_t align;    /* enum block_align */
	int8_t indent;    /* 字下げ: characters before every line */
	int8_t text_indent; /* the first line's indent less the others' (折り返し) */
	uint8_t end_off;  /* ALIGN_END: characters short of the line end */
	uint8_t measure;  /* 字詰め: at most this many characters a line; 0: any */
	int32_t column;   /* -1: main text; else the column it belongs to */
	int32_t section;  /* BLK_CONTENTS: the BLK_SECTION block; BLK_CAPTION: its BLK_FIGURE;
	                   * or -1 */
	char *text;       /* the text, clean UTF-8, label first; no ruby readings */
	uint32_t len;
	uint32_t body;    /* offset of the text after the label */
	char *aux;        /* BLK_COLUMN: subtitle; BLK_CONTENTS: page; else NULL */
	struct span *spans; /* in text order */
	uint32_t nspans;
	uint32_t line;    /* 1-based source line where the block starts */
};

struct footnote {
	int32_t column;  /* scope: -1 main text, else the column */
	int number;
	int32_t def;     /* BLK_FOOTNOTE block, or -1 if not in the document */
	int32_t ref;     /* first block that references it, or -1 */
};

struct column {
	int32_t head;    /* its BLK_COLUMN block */
	int32_t end;     /* one past its last block */
};

struct doc {
	struct block *blocks;
	size_t nblocks, cap;
	size_t nfinal;    /* blocks [0, nfinal) are final; the others are still being read */
	bool complete;    /* the whole input is parsed */
	struct footnote *notes;
	size_t nnotes, notes_cap;
	int32_t *note_hash;   /* (scope, number) -> the latest such note */
	size_t note_hash_cap; /* a power of two, or 0 */
	struct column *cols;
	size_t ncols, cols_cap;
	struct buf ann;   /* annotations' strings (ruby readings), NUL-separated */
	char *title;      /* the document's title and author, or NULL */
	char *author;
	/* More about the document (subtitle, translator, 底本, …): KEY, an
	 * English word, and its value, in the order found; a key may repeat. */
	struct doc_meta {
		char *key, *value;
	} *meta;
	size_t nmeta, meta_cap;
	bool para_indent; /* paragraphs start with a full-width indent (字下げ) */
	/* What the format decided on the whole from the text's start (plain
	 * text: its layout, from a sample), for a parse started afresh later
	 * in the same text (a window of --dump, the end shown at once) to
	 * read the rest the same way: set by the format, or given to it
	 * before its begin (doc_set_decided).  NULL: nothing. */
	void *decided;
	size_t decided_len;
	bool in_chapter;  /* it starts inside a chapter (a window of a larger
	                   * document): its headings are a level deeper */
	int8_t depth_before; /* such a window: the depth of the heading before it */
	char lang[8];     /* the language of the text ("ja", "en"), or "" */
	bool figures;     /* figures are blocks of their own: a caption needs no mark */
	char *name;       /* the file's name as shown (no directory), or NULL */
	/* A book of several files: each file's blocks follow its BLK_PART
	 * block.  None in a document of one file. */
	struct doc_part *parts;
	size_t nparts, parts_cap;
	/* What the format did not understand (an unknown annotation), for
	 * --inspect: where, and what. */
	struct doc_problem {
		uint32_t line;
		char *text;
	} *problems;
	size_t nproblems, problems_cap;
};

/* A file of a book (doc_append_part): what the format said of it. */
struct doc_part {
	size_t first;      /* its BLK_PART block; its own blocks follow it */
	char *name;        /* the file's name as shown (no directory) */
	char *title;       /* its title and author, as its format gave them, or NULL */
	char *author;
	uint64_t key;      /* the file's identity (load.h): its reading position is kept by it */
	bool para_indent;  /* its paragraphs start with a full-width indent */
};

/* One line of the table of contents. */
struct toc_entry {
	int depth;       /* 0 chapter, 1 section, 2.. headings; columns one below their parent */
	int32_t block;   /* the block it names */
	bool column;     /* a コラム */
	bool no_body;    /* a contents entry whose section is not in this document */
};

void doc_init(struct doc *d);
void doc_free(struct doc *d);
/* Append a block; the document takes TEXT (malloc'd, LEN bytes). */
struct block *doc_add_block(struct doc *d, enum block_kind kind, char *text, size_t len);
/* A new footnote of number N in SCOPE; returns its index.  Numbering may
 * start again (another chapter): the new one is found from then on. */
int32_t doc_new_note(struct doc *d, int32_t scope, int number);
/* The latest footnote of number N in SCOPE, or -1. */
int32_t doc_find_note(const struct doc *d, int32_t scope, int number);
/* The footnotes' indices in the order of the blocks that first reference
 * them (a new array of nnotes, the caller's). */
int32_t *doc_notes_by_ref(const struct doc *d);
/* Table of contents, in document order; the caller frees *OUT. */
size_t doc_toc(const struct doc *d, struct toc_entry **out);
/* The block's title: its text after the label. */
const char *block_title(const struct block *b, size_t *len);
/* The first span of B that can cover byte M or come after it: spans are
 * in order of start; those before that end by M are passed over (a
 * binary search, then back over the spans still open at M). */
uint32_t block_first_span(const struct block *b, uint32_t m);
/* Is span SP something to follow: a footnote reference with its note, an
 * editor's note, a character given by a description, a cross-reference or
 * a URL? */
bool span_is_link(const struct span *sp);
/* True for blocks shown in the main flow of the body (not column bodies,
 * not footnote definitions). */
bool doc_in_main_flow(const struct doc *d, size_t i);
/* Keep the N bytes at S as an annotation string; returns its reference. */
int32_t doc_add_ann(struct doc *d, const char *s, size_t n);
/* The annotation string REF. */
const char *doc_ann(const struct doc *d, int32_t ref);
/* Add a span to block B; CAP is the caller's count of B's room for spans. */
void block_add_span(struct block *b, size_t *cap, uint32_t start, uint32_t end, int kind,
                    int style, int32_t ref);
/* Something the format did not understand at LINE: N bytes at S. */
void doc_add_problem(struct doc *d, uint32_t line, const char *s, size_t n);
/* Add KEY = N bytes at S to D's metadata. */
void doc_add_meta(struct doc *d, const char *key, const char *s, size_t n);
/* Add a line of N bytes at S to the latest metadata value. */
void doc_extend_meta(struct doc *d, const char *s, size_t n);
/* The first value of KEY, or NULL. */
const char *doc_meta(const struct doc *d, const char *key);
/* Put block B's spans in text order (by start; stable). */
void block_sort_spans(struct block *b);
/* D's format decided N bytes at P on the whole (see struct doc). */
void doc_set_decided(struct doc *d, const void *p, size_t n);
/* The whole input is parsed: mark D complete, and give back spare room. */
void doc_complete(struct doc *d);

/* The document's title and author, as a format found them (copied). */
void doc_set_title(struct doc *d, const char *s, size_t n);
void doc_set_author(struct doc *d, const char *s, size_t n);
/* Append the document PART (complete) to the book D: a BLK_PART block
 * (PART's title, or NAME), then PART's blocks, footnotes, columns and
 * annotations, their references moved along.  PART is left empty; D's
 * blocks are all final, and D is not complete (doc_complete when the last
 * file is in). */
void doc_append_part(struct doc *d, struct doc *part, const char *name, uint64_t key);
/* The file of the book D that block B belongs to, or NULL (a document of
 * one file). */
const struct doc_part *doc_part_of(const struct doc *d, size_t b);
/* The title, author and file name of what block B belongs to: its file's
 * in a book, else the document's; NULL if not known. */
const char *doc_title_at(const struct doc *d, size_t b);
const char *doc_author_at(const struct doc *d, size_t b);
const char *doc_name_at(const struct doc *d, size_t b);
/* Do the paragraphs around block B start with a full-width indent? */
bool doc_para_indent_at(const struct doc *d, size_t b);

#endif
