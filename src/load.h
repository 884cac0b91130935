/* load.h: getting a document's text: reading a file, standard input or the
 * built-in chapter, detecting and converting its encoding, and decoding it
 * into clean UTF-8 (text.c).  Errors are one line: "yomu: PATH: reason". */
#ifndef YOMU_LOAD_H
#define YOMU_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text.h"

struct loaded {
	char *text;              /* clean UTF-8, NUL-terminated */
	size_t len;
	const char *encoding;    /* what it was read as */
	uint64_t key;            /* content hash, for the reading position */
	struct decode_stats stats;
	size_t undecodable;      /* bytes the encoding could not decode */
	char *warning;           /* e.g. a binary file; NULL if none */
};

/* Load PATH ("-": standard input; NULL: the built-in chapter) read as
 * ENCODING (NULL: detect it).  On failure prints one line and returns
 * false. */
bool load_document(const char *path, const char *encoding, struct loaded *out);
void loaded_free(struct loaded *l);

/* FNV-1a, 64 bits: the key of a document's reading position. */
uint64_t load_hash(const uint8_t *p, size_t n);

#endif
