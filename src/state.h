/* state.h: the reading position of each document, remembered across runs
 * in $XDG_STATE_HOME/yomu/positions (~/.local/state/yomu/ by default). */
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
	uint8_t mode;    /* enum state_mode: NONE for a file of version 1 */
};

/* At most this many documents are remembered; the oldest go first. */
#define STATE_MAX_ENTRIES 500

/* The state directory, or NULL if neither XDG_STATE_HOME (absolute) nor
 * HOME is set.  The caller frees it. */
char *state_dir(void);

/* Look up KEY in DIR's file.  Returns true and fills *POS if found.  A file
 * yomu cannot read whole is never replaced: a regular file (damaged,
 * truncated, unreadable, over 1 MB) is kept aside as
 * positions.damaged-YYYYMMDD-HHMMSS, its good lines written back as a new
 * file; anything else (a FIFO, a directory, a link, another version's
 * file) is left alone and never saved over.  *WARNING (the caller frees
 * it) then says which and where, else it is NULL.  CRLF line ends are
 * read as they are. */
bool state_load(const char *dir, uint64_t key, struct state_pos *pos, char **warning);

/* Remember POS for KEY: read-modify-write under a lock, written to a
 * temporary file, fsync'd, then renamed over the old one, so a crash or a
 * second yomu quitting at the same moment leaves a valid file.  The
 * directory is created 0700, the file 0600.  What cannot be read is dealt
 * with as state_load does, and said in *WARNING (the caller frees it; NULL
 * if there is nothing to say).  Returns 0 or an errno value (EEXIST: a
 * file that may not be replaced is there). */
int state_save(const char *dir, uint64_t key, const struct state_pos *pos, char **warning);

/* Parse a state file's text: calls FN for each valid entry, returns false
 * if anything in it was malformed.  (Exposed for the tests and the fuzz
 * target.) */
bool state_parse(const char *text, size_t len,
                 void (*fn)(void *ctx, uint64_t key, const struct state_pos *pos, int64_t when),
                 void *ctx);

#endif
