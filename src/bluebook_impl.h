/* bluebook_impl.h: what the Bluebook format's files share: the shapes of
 * its lines (bluebook_shape.c) and the inline markup of a finished block
 * (bluebook_inline.c), for the assembly of blocks (bluebook.c). */
#ifndef YOMU_BLUEBOOK_IMPL_H
#define YOMU_BLUEBOOK_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "util.h"

/* ---- bluebook_shape.c ---- */

enum label_shape {
	SHAPE_NONE,
	SHAPE_NUMBER, /* "1 …" */
	SHAPE_PAREN,  /* "(1) …" */
	SHAPE_KANA,   /* "ア …" */
	SHAPE_CIRCLE, /* "① …" */
};

/* The label of a numbered line. */
struct label {
	enum label_shape shape;
	long number;
	size_t label_end; /* bytes of the label */
	size_t text;      /* offset of the text after it */
};

/* Columns are written in the polite です・ます style, the main narrative in
 * the plain である style. */
enum style { STYLE_NEUTRAL, STYLE_POLITE, STYLE_PLAIN };

/* "第N<unit>" at the start of (S, N): the offset after it, or 0. */
size_t shape_ordinal(const char *s, size_t n, const char *unit);
/* A line "第N<unit>" alone or followed by a space and its title: the
 * offset after "第N<unit>", or 0. */
size_t shape_ordinal_heading(const char *s, size_t n, const char *unit);
/* A line that starts with a label (1, (1), ア, ①) and has text after it. */
bool shape_label(const char *s, size_t n, struct label *lb);
/* A page number standing alone: "(4)", "312". */
bool shape_page_marker(const char *s, size_t n);
/* "(注1)…", "出典：…": a note under a table. */
bool shape_table_note(const char *s, size_t n);
/* A sentence end that closes a paragraph; anything else was cut by a page. */
bool shape_ends_sentence(const char *s, size_t n);
/* Is the labelled line (S, N), alone in its chunk, a heading: short, and
 * not a sentence? */
bool shape_heading_text(const char *s, size_t n, const struct label *lb);
/* The style of writing of (S, N), from its sentence ends. */
enum style shape_style(const char *s, size_t n);
/* "role  surname given": a short line ending in a name of two parts. */
bool shape_byline(const char *s, size_t n);
/* The format's resync and detect (see format.h). */
size_t bluebook_resync(const char *text, size_t len, size_t keep);
int bluebook_detect(const char *text, size_t len, const char *path);

/* ---- bluebook_inline.c ---- */

/* A ruby reading: the base [START, END) in the rewritten text, the
 * reading at READING (READING_LEN bytes) in the raw text. */
struct bluebook_ruby {
	size_t start, end, reading, reading_len;
};

/* Is there a ruby "^{" in (S, N)? */
bool bluebook_has_ruby(const char *s, size_t n);
/* The raw text (S, N) without its ruby "^{R}" into OUT; RUBY gets each
 * reading and its base (the caller frees it). */
void bluebook_rewrite_ruby(const char *s, size_t n, struct buf *out, struct bluebook_ruby **ruby,
                           size_t *nruby);
/* The spans of block BI: its label, readings (in RAW, the text they were
 * rewritten from), footnote references (REFS: the footnote of each, in
 * order), URLs and cross-references. */
void bluebook_mark_spans(struct doc *d, int32_t bi, const struct bluebook_ruby *ruby,
                         size_t nruby, const char *raw, const int32_t *refs, size_t nrefs);

/* ---- bluebook_xref.c ---- */

/* Where each cross-reference of the complete document D leads: a column,
 * a place, or outside the document (span style enum xref_target). */
void bluebook_resolve_xrefs(struct doc *d);

#endif
