/* load.h: getting a document's text: a file, standard input or the
 * built-in chapter, read piece by piece (a large file shows before it is
 * all read), its encoding detected and converted, and decoded into clean
 * UTF-8 (text.c).  Errors are one line, "PATH: reason", for the caller to
 * show. */
#ifndef YOMU_LOAD_H
#define YOMU_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text.h"
#include "util.h"

struct source {
	const char *path;         /* for messages; "-" for standard input */
	int fd;                   /* -1: BYTES holds everything */
	const uint8_t *bytes;     /* the built-in chapter */
	size_t nbytes, pos;
	uint64_t size;            /* input size in bytes (0 if not known) */
	uint64_t done;            /* input bytes read so far */
	const char *encoding;     /* what it is read as */
	bool utf8;
	void *cd;                 /* iconv_t, for other encodings */
	struct buf owned;         /* standard input, read whole (source_slurp) */
	bool stream;              /* standard input, read as it comes */
	uint64_t hash;            /* of the bytes read so far (FNV-1a), for KEY */
	struct buf raw;           /* input read but not yet converted */
	struct buf text;          /* converted text not yet returned (no line end yet) */
	bool eof, first;
	uint64_t key;             /* identifies the document for its reading position
	                           * (standard input: known once it is all read) */
	struct decode_stats stats;
	size_t undecodable;       /* bytes the encoding could not decode */
	bool binary;              /* a NUL byte was seen */
	char *error;              /* the first read error, "PATH: reason", or NULL */
	bool guessed;             /* the encoding was a weak guess (text_guess_encoding) */
};

/* Open PATH ("-": standard input; NULL: the built-in chapter) to be read as
 * ENCODING (NULL: detect it from the start of the input).  Refuses what is
 * not a document (a directory, a FIFO, a device): false, with the reason
 * in *ERR (the caller frees it).  Standard input is read piece by piece
 * like a file, its size unknown and its key known at its end. */
bool source_open(struct source *s, const char *path, const char *encoding, char **err);
/* Read the rest of standard input now, before the first source_next, so
 * that its size and key are known (the screen needs the key before it
 * opens, to restore the position).  Nothing for other inputs; false on a
 * read error (kept in S->error). */
bool source_slurp(struct source *s);
/* The next piece of clean UTF-8 text, of about MAX input bytes and ending
 * with a line end (the last piece may not); NULL at the end or on a read
 * error (kept in S->error).  The caller frees it. */
char *source_next(struct source *s, size_t max, size_t *len);
void source_close(struct source *s);
/* The end of the input, read out of turn: about the last WANT bytes, from
 * the first line start among them, as clean UTF-8; *FROM gets the input
 * offset it starts at.  NULL if the input cannot be read that way (not a
 * regular file, an encoding that cannot start at any line end, or smaller
 * than WANT).  The caller frees it; S reads on as before. */
char *source_tail(const struct source *s, size_t want, uint64_t *from, size_t *len);
/* A one-line warning about the input read so far (a binary file, or an
 * encoding that was a weak guess: try --encoding), or NULL; the caller
 * frees it. */
char *source_warning(const struct source *s);

/* FNV-1a, 64 bits. */
uint64_t load_hash(const uint8_t *p, size_t n);
struct stat;
/* The key of the regular file PATH (ST its stat): where it is, its size
 * and its time; source_open gives a file this key. */
uint64_t load_file_key(const char *path, const struct stat *st);

#endif
