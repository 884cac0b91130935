/* docload.h: a document read and parsed piece by piece: the input layer
 * (load.c) feeding the parser, so the screen can show the start of a large
 * document while the rest is still being read. */
#ifndef YOMU_DOCLOAD_H
#define YOMU_DOCLOAD_H

#include <stdbool.h>

#include "doc.h"
#include "load.h"
#include "parse.h"

struct docload {
	struct source src;
	struct parse_session *ps;
	struct doc *d;
};

/* Open PATH (see source_open) to be parsed into D (initialised here). */
bool docload_open(struct docload *l, const char *path, const char *encoding, struct doc *d);
/* Read and parse about MAX more bytes; false once the document is
 * complete. */
bool docload_step(struct docload *l, size_t max);
/* Read and parse the rest. */
void docload_finish(struct docload *l);
/* The share of the input read so far, 0 to 1. */
double docload_progress(const struct docload *l);
void docload_close(struct docload *l);

#endif
