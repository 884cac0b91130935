/* present_impl.h: what present.c and present_inline.c share: writing a
 * piece's display text.  Not for other modules. */
#ifndef YOMU_PRESENT_IMPL_H
#define YOMU_PRESENT_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "present.h"

/* Append N bytes at S to PC's display text: the block's text from MODEL
 * if EL is 0, else an insertion standing at MODEL, shown in EL. */
void pres_put(struct pres *out, struct piece *pc, const char *s, size_t n, uint32_t model, int el);
/* Does block B show anything besides its own text (readings, kunten,
 * marks, scripts)? */
bool present_has_inserts(const struct present *P, const struct block *b);
/* Block B's own text into PC with what is shown between its characters. */
void present_put_text(const struct present *P, struct pres *out, struct piece *pc,
                      const struct block *b);
/* The same for bytes FROM to TO of it (a column's title, its subtitle). */
void present_put_range(const struct present *P, struct pres *out, struct piece *pc,
                       const struct block *b, uint32_t from, uint32_t to);

#endif
