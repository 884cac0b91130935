/* cite.h: what y and Y copy: the text of a place in the document (its ruby
 * left out, or put in as 漢字（かんじ）) and its citation: 著者『題名』 and the
 * labels of the headings above it, or the file's name and those labels.
 * Built from the model and the contents as shown; no terminal. */
#ifndef YOMU_CITE_H
#define YOMU_CITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "present.h"
#include "toc.h"
#include "util.h"

/* Append block B's text to OUT: the ruby readings left out, or with RUBY
 * put in after their bases in full-width parentheses. */
void cite_block_text(const struct doc *d, size_t b, bool ruby, struct buf *out);

/* Append the citation of block B to OUT: the title and author of the
 * document (of B's file, in a book), or else its file's name, and the
 * labels of the headings B stands under: 『外交青書2026』第4章第1節 2(1),
 * 芥川龍之介『蜘蛛の糸』二, notes.txt 第2章.  Nothing if none of these is
 * known. */
void cite_place(const struct toc *t, const struct present *P, int32_t b, struct buf *out);

#endif
