/* book.h: several files read as one document, a book: `yomu a.txt b.txt`,
 * or a directory (`yomu chapters/`) for its text files in name order.
 * Each file is read on its own (its own encoding and format detected),
 * parsed whole into a document of its own and appended to the book
 * (doc_append_part): the first before the screen opens, the others between
 * keys.  Past that, the book is one document like any other: the screen,
 * search, --dump, --toc and the state file know no books.
 *
 * One file alone is no book: main.c reads it with docload, streaming, as
 * ever. */
#ifndef YOMU_BOOK_H
#define YOMU_BOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "docload.h"
#include "format.h"
#include "util.h"

struct book_file {
	char *path;    /* to open: as given, or DIR/NAME */
	char *name;    /* as shown: its last component, made printable */
	uint64_t key;  /* load_file_key; 0 for standard input (known once it is read) */
	uint64_t size;
	bool read;     /* read and appended (or given up) */
};

struct book {
	struct book_file *f;
	size_t n, cap;
	size_t next;          /* the file being read, or the next to read */
	bool reading;         /* DL is open on f[next] */
	struct docload dl;
	struct doc part;      /* the file being read */
	struct doc *d;        /* the book */
	const char *encoding; /* --encoding, or NULL */
	const struct format *fmt; /* --format, or NULL */
	uint64_t total, done; /* input bytes: all the files', and those read */
	struct buf notes;     /* files skipped and warnings, "NAME: why; ..." */
	char *error;          /* the first file that could not be read, "PATH: reason" */
};

/* Are these arguments a book: several of them, or a directory? */
bool book_wanted(char *const *paths, size_t n);
/* List the files PATHS name (a directory stands for its files that are
 * not hidden, in name order, those that are not text skipped with a note)
 * into B, to be read into D (initialised here).  False, with *ERR ("PATH:
 * reason"; the caller frees it), if one cannot be read or a directory has
 * no text file in it. */
bool book_open(struct book *b, char *const *paths, size_t n, const char *encoding,
               const struct format *fmt, struct doc *d, char **err);
/* Read the first file whole into the book. */
void book_begin(struct book *b);
/* Read about MAX bytes more; false once the book is complete. */
bool book_step(struct book *b, size_t max);
/* Read the rest. */
void book_finish(struct book *b);
/* Instead of begin, step and finish: read the files one at a time, each
 * whole into a book of that one file (its BLK_PART block first), handed
 * to EMIT and freed: --dump, --toc and --count of a book, in the memory of
 * its largest file. */
void book_each(struct book *b, void (*emit)(void *ctx, struct doc *d), void *ctx);
/* The share of the input read so far, 0 to 1. */
double book_progress(const struct book *b);
/* Read the files up to file I (and I) into the book. */
void book_read_through(struct book *b, size_t i);
/* The notes gathered since the last call, as one line, or NULL; the
 * caller frees it. */
char *book_take_notes(struct book *b);
void book_close(struct book *b);

#endif
