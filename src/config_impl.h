/* config_impl.h: the state config.c and config_keys.c share while files
 * are read.  Private to those two files. */
#ifndef YOMU_CONFIG_IMPL_H
#define YOMU_CONFIG_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "keys.h"
#include "theme.h"
#include "yomu_config.h"

/* The number of [general] options (config.c checks its table against it). */
#define N_OPTIONS 19

/* One slot per setting a file can name; a later line replaces an earlier
 * one, as iniparser would. */
#define SLOT_KEYS N_OPTIONS
#define SLOT_COLORS (SLOT_KEYS + ACT_COUNT)
#define N_SLOTS (SLOT_COLORS + EL_COUNT)

struct entry {
	int line;     /* 0: not set by this file */
	char *value;  /* as our scan read it */
};

/* The keys of an action: the defaults' or a user's, with the line that set
 * them, for the messages about clashes. */
struct keyset {
	int32_t *k;
	size_t n;
	int line;
	const char *file;
	bool user;
};

struct msg {
	int line;
	size_t seq;
	char *text;
};

struct loader {
	const char *file; /* the name in messages */
	struct entry slot[N_SLOTS];
	struct keyset keys[ACT_COUNT];
	struct theme theme;
	struct settings set;
	struct msg *msgs;
	size_t nmsgs, msgcap;
	bool given;       /* the file was named on the command line (-c) */
};

/* Add "FILE:LINE: message" (or "FILE: message" if LINE is 0). */
void config_msg_add(struct loader *L, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The same for L->file. */
void config_error(struct loader *L, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Hand L's messages to C in line order, and the warning about NAME. */
void config_msgs_finish(struct loader *L, struct config *c, const char *name);

/* [keys]: VALUE for action A, read at LINE of L->file. */
void config_apply_keys(struct loader *L, int line, enum action a, const char *value);
/* The keymap from L's keysets, with an error for each key bound twice. */
void config_build_keymap(struct loader *L, struct keymap *m);

static inline const char *
config_skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static inline size_t
config_trim_right(const char *s, size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

#endif
