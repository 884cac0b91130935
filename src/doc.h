/* doc.h: the document model.  A document is a flat array of blocks in
 * reading order; columns (コラム) and footnotes refer into it.  The model
 * knows nothing of widths or terminals. */
#ifndef YOMU_DOC_H
#define YOMU_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
	BLK_KIND_COUNT
};

enum span_kind {
	SPAN_FNREF, /* footnote reference marker; ref = footnote index */
	SPAN_RUBY,  /* a ruby reading, shown as 《…》 after its base */
	SPAN_XREF,  /* a cross-reference such as 314ページ コラム参照 */
	SPAN_URL,
	SPAN_LABEL, /* the label of a heading or footnote */
};

struct span {
	uint32_t start, end; /* byte range in the block's text */
	uint8_t kind;
	int32_t ref;
};

struct block {
	enum block_kind kind;
	uint8_t level;    /* BLK_HEADING: 1..4; otherwise 0 */
	bool has_body;    /* BLK_CONTENTS: its section is in this document */
	int32_t column;   /* -1: main text; else the column it belongs to */
	int32_t section;  /* BLK_CONTENTS: the BLK_SECTION block, or -1 */
	char *text;       /* display text, clean UTF-8, label first */
	uint32_t len;
	uint32_t body;    /* offset of the text after the label */
	char *aux;        /* BLK_COLUMN: subtitle; BLK_CONTENTS: page; else NULL */
	struct span *spans;
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
/* Table of contents, in document order; the caller frees *OUT. */
size_t doc_toc(const struct doc *d, struct toc_entry **out);
/* The block's title: its text after the label. */
const char *block_title(const struct block *b, size_t *len);
/* True for blocks shown in the main flow of the body (not column bodies,
 * not footnote definitions). */
bool doc_in_main_flow(const struct doc *d, size_t i);
const char *block_kind_name(enum block_kind k);

#endif
