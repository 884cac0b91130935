/* state.h: the reading position and the marks of each document,
 * remembered across runs in $XDG_STATE_HOME/yomu/positions
 * (~/.local/state/yomu/ by default), keyed by the document's identity
 * (a file's path, size and time; standard input by its content). */
#ifndef YOMU_STATE_H
#define YOMU_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How the text was set when it was left. */
enum state_mode { STATE_MODE_NONE, STATE_MODE_HORIZONTAL, STATE_MODE_VERTICAL };

/* A structural position: it survives another terminal width. */
struct state_pos {
	uint32_t block;
	uint32_t offset; /* byte offset in the block's text */
};

/* Marks: a to z, then A to Z. */
#define STATE_MARKS 52

/* What is remembered of one document.  A book of several files keeps one
 * of these per file, under each file's key. */
struct state_doc {
	struct state_pos pos;
	int32_t measure;                    /* cells of text as changed (+ -); 0: as configured */
	uint8_t mode;                       /* enum state_mode: how the text was set; NONE: not said */
	uint64_t marks;                     /* bit I: mark I is set */
	struct state_pos mark[STATE_MARKS];
};

/* The index of mark letter C (a-z, A-Z), or -1. */
int state_mark_index(uint32_t c);
/* The letter of mark I. */
char state_mark_letter(int i);

/* At most this many documents are remembered; the oldest go first. */
#define STATE_MAX_ENTRIES 500

/* The state directory, or NULL if neither XDG_STATE_HOME (absolute) nor
 * HOME is set.  The caller frees it. */
char *state_dir(void);

/* Look up KEY in DIR's file.  Returns true and fills *DOC if found.  A file
 * yomu cannot read whole is never replaced: a regular file (damaged,
 * truncated, unreadable, over 1 MB) is kept aside as
 * positions.damaged-YYYYMMDD-HHMMSS, its good lines written back as a new
 * file; anything else (a FIFO, a directory, a link, another version's
 * file) is left alone and never saved over.  *WARNING (the caller frees
 * it) then says which and where, else it is NULL.  CRLF line ends are
 * read as they are. */
bool state_load(const char *dir, uint64_t key, struct state_doc *doc, char **warning);
/* The same for the N documents KEYS at once (the files of a book), in
 * one reading of the file: DOCS[K] filled for each key found, the indices
 * K of those found in ORDER (N of them at most), the one remembered last
 * first.  Returns how many were found. */
size_t state_load_many(const char *dir, const uint64_t *keys, size_t n, struct state_doc *docs,
                       size_t *order, char **warning);

/* Remember DOCS[I] for KEYS[I], I < N (a book's files at once), each
 * replacing what was remembered of that key: read-modify-write under a
 * lock, written to a temporary file, fsync'd, then renamed over the old
 * one, so a crash or a
 * second yomu quitting at the same moment leaves a valid file.  The
 * directory is created 0700, the file 0600.  What cannot be read is dealt
 * with as state_load does, and said in *WARNING (the caller frees it; NULL
 * if there is nothing to say).  Returns 0 or an errno value (EEXIST: a
 * file that may not be replaced is there). */
int state_save(const char *dir, size_t n, const uint64_t *keys, const struct state_doc *docs,
               char **warning);

/* Parse a state file's text (either version: "yomu-state 1" lines have
 * no marks): calls FN for each valid entry, returns false if anything in
 * it was malformed.  (Exposed for the tests and the fuzz target.) */
bool state_parse(const char *text, size_t len,
                 void (*fn)(void *ctx, uint64_t key, const struct state_doc *doc, int64_t when),
                 void *ctx);

#endif
