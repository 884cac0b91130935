/* yomu_config.h: the configuration file (config.c): keys, colours and
 * options read from data/yomu.ini (compiled in) and the user's INI file,
 * with every error named by FILE:LINE.  Also the [colors] value syntax and
 * the colour fitting of theme.c.
 *
 * Not "config.h": in src/ that name would hide autoconf's config.h from
 * every source file, since #include "..." looks beside the includer first. */
#ifndef YOMU_YOMU_CONFIG_H
#define YOMU_YOMU_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "keys.h"
#include "theme.h"
#include "ui.h"

/* data/yomu.ini, embedded by build-aux/embed.sh. */
extern const unsigned char yomu_default_ini[];
extern const size_t yomu_default_ini_len;

struct config {
	struct keymap keys;
	struct theme theme;      /* as configured: fit it with theme_resolve() */
	struct ui_opts ui;       /* ui.warning points into this struct */
	int ambiguous_width;     /* 1 or 2, for width_set_ambiguous() */
	bool state;              /* remember reading positions (not used yet) */
	char **msgs;             /* "FILE:LINE: message", in line order */
	size_t nmsgs;
	char *warning;           /* "config.ini: 3 errors (...)", or NULL */
};

/* The user's file when no --config is given: $XDG_CONFIG_HOME/yomu/config.ini
 * if that variable is an absolute path, else ~/.config/yomu/config.ini, else
 * NULL.  The caller frees it. */
char *config_default_path(void);

/* Load the built-in defaults, then PATH over them (if not NULL).  Errors in
 * the file are collected in C->msgs, and what they concern keeps its
 * default.  A file that cannot be read is an error returned as an errno
 * value if MUST_EXIST, else it is ignored if missing (ENOENT) and reported
 * in C->msgs otherwise.  Returns 0 or that errno value; C is usable
 * either way. */
int config_load(struct config *c, const char *path, bool must_exist);
/* The message for config_load's error ERR (EFBIG: the file is over 1 MB). */
const char *config_strerror(int err);
/* The same with the file's bytes given; NAME is used in the messages. */
void config_load_text(struct config *c, const char *name, const char *text, size_t len);
void config_free(struct config *c);

/* A [keys] value: "j, Down, C-f".  Stores the keys in a new array *KEYS
 * (the caller frees it) and returns true; on a bad key name returns false
 * with *BAD set to a copy of that item (the caller frees it). */
bool config_parse_keys(const char *value, int32_t **keys, size_t *n, char **bad);

/* ---- theme.c ---- */

enum style_err { STYLE_OK, STYLE_BAD_COLOR, STYLE_COLOR_RANGE, STYLE_BAD_ATTR, STYLE_FORM };

/* Every element default on default, no attributes. */
void theme_init_plain(struct theme *t);
/* The element named NAME (any case), or -1. */
int element_lookup(const char *name);
/* One colour: default, a name (red, bright-red), 0-255 or #rrggbb. */
enum style_err color_parse(const char *s, int *out);
/* One attribute (bold, underline, reverse, dim, italic), or'ed into *OUT. */
enum style_err attr_parse(const char *s, unsigned *out);
/* "fg, bg[, attribute...]"; on an error *BAD is a copy of the bad item
 * (or NULL for STYLE_FORM) and *ST is unchanged. */
enum style_err style_parse(const char *s, struct style *st, char **bad);
/* The palette entry a terminal of NCOLORS colours shows for COLOR: itself
 * if it has it, else the nearest in the xterm palette; COLOR_DEFAULT when
 * NCOLORS < 8 (no usable colour). */
int color_nearest(int color, int ncolors);
/* IN fitted to NCOLORS colours; NO_COLOR keeps only the attributes. */
void theme_resolve(const struct theme *in, int ncolors, bool no_color, struct theme *out);

#endif
