/* inspect.h: --inspect, what the reader made of a document: its format,
 * counts of what it found, and what it did not understand. */
#ifndef YOMU_INSPECT_H
#define YOMU_INSPECT_H

#include <stdio.h>

#include "doc.h"

/* Print the report on D, read as FORMAT in ENCODING (NULL if not known);
 * returns how many things were not understood. */
size_t inspect_document(FILE *out, const struct doc *d, const char *format, const char *encoding);

#endif
