/* state_impl.h: the state file's entries in memory, shared by state.c
 * (the format) and state_file.c (the file on disk).  Not for other
 * modules. */
#ifndef YOMU_STATE_IMPL_H
#define YOMU_STATE_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "state.h"

struct buf;

/* One document's line. */
struct state_entry {
	uint64_t key;
	struct state_pos pos;
	int64_t when;
	size_t seq;     /* the order in the file: of one key, the last line counts */
	uint64_t marks; /* as in struct state_doc */
	size_t pool;    /* its marks, in letter order, from here in the pool */
	int32_t measure;
	char *extra;    /* a later version's fields, kept as they are, or NULL */
	bool fresh;     /* being saved now: of one second, newer than the file's */
	uint8_t mode;   /* enum state_mode */
};

struct state_entries {
	struct state_entry *e;
	size_t n, cap;
	struct state_pos *pool; /* the marks of every entry: most have none */
	size_t npool, pool_cap;
};

/* What state_parse_text calls for each entry: EXTRA holds the fields of a
 * later version (" name=value"...), N bytes. */
typedef void state_entry_fn(void *ctx, uint64_t key, const struct state_doc *doc, int64_t when,
                            const char *extra, size_t n);

/* state_parse, telling the first bad line (1-based; 0 if none) and what
 * the first line was: 1 for ours (this version's or the first, which had
 * no marks), 2 for another version's ("yomu-state N"), 0 for anything
 * else.  Lines may end with CRLF. */
bool state_parse_text(const char *text, size_t len, state_entry_fn *fn, void *ctx, size_t *bad_line,
                      int *header);

/* Add an entry to ES (CTX): a state_entry_fn. */
void state_entries_add(void *ctx, uint64_t key, const struct state_doc *doc, int64_t when,
                       const char *extra, size_t n);
/* Entry E as a struct state_doc. */
void state_entry_doc(const struct state_entries *es, const struct state_entry *e,
                     struct state_doc *doc);
void state_entries_clear(struct state_entries *es);
void state_entries_free(struct state_entries *es);
/* One entry per key, the last one, newest first. */
void state_entries_settle(struct state_entries *es);
/* Keep at most STATE_MAX_ENTRIES entries of ES (settled, newest first),
 * the N keys being saved among them whatever their time. */
void state_entries_cap(struct state_entries *es, size_t n, const uint64_t *keys);
/* The text of the file: the header, then ES (newest first), a line each. */
void state_entries_write(const struct state_entries *es, struct buf *out);

#endif
