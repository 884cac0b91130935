/* parse.h: recover the structure of a Bluebook chapter from the text of its
 * page-layout extraction (see doc/bluebook-format.md). */
#ifndef YOMU_PARSE_H
#define YOMU_PARSE_H

#include <stddef.h>

#include "doc.h"

/* Parse LEN bytes of clean UTF-8 (the output of text_decode) into D, which
 * must be freshly initialised.  Never fails: text that fits no rule is a
 * paragraph. */
void parse_document(const char *text, size_t len, struct doc *d);

/* The same, piece by piece, so that a large document can be shown before
 * it is all read: each piece ends with a line end (or is the last) and
 * need not outlive the call.  After each piece, the blocks before
 * D->nfinal are final; parse_end() finishes the document. */
struct parse_session;
struct parse_session *parse_begin(struct doc *d);
void parse_feed(struct parse_session *ps, const char *text, size_t len);
void parse_end(struct parse_session **ps);

/* Where in TEXT (LEN bytes of clean UTF-8 from the middle of a document,
 * starting at a line start) a parse can start afresh and take the rest as a
 * parse of the whole document would: the latest chapter, section, column or
 * first-level heading that leaves at least KEEP bytes after it; failing
 * that, the latest paragraph after one that ended a sentence; failing that,
 * 0.  Used to show the end of a large document before all of it is read. */
size_t parse_resync(const char *text, size_t len, size_t keep);

/* Character classes the parser and its tests share. */
int parse_is_han(unsigned c);
/* The digit value of a superscript digit (⁰¹²³⁴⁵⁶⁷⁸⁹), or -1. */
int parse_superscript_digit(unsigned c);

#endif
