/* yomu_config.h: the configuration file (config.c): keys, colours and
 * options read from data/yomu.ini (compiled in) and the user's INI file,
 * with every error named by FILE:LINE.  It knows nothing of the screen:
 * main.c hands the settings to the modules that use them.
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

/* data/yomu.ini, embedded by build-aux/embed.sh. */
extern const unsigned char yomu_default_ini[];
extern const size_t yomu_default_ini_len;

/* The [general] options. */
struct settings {
	int text_width;          /* cells of text; 0: the whole pane; -1: auto */
	int toc_width;           /* 0: follows the window */
	int ambiguous_width;     /* 0 auto (ask the terminal), 1 or 2 */
	bool toc_visible;
	bool hanging;            /* hanging_punctuation */
	bool mouse;
	bool columns_inline;     /* columns = inline */
	bool wrap_search;
	bool kana_insensitive;   /* kana_insensitive_search */
	bool state;              /* remember reading positions */
	int doc_lang;            /* document_language: 0 auto, 1 ja, 2 en */
	char *open_command;      /* what opens a link: "auto", "none" or a command */
	int hyperlinks;          /* OSC 8 links: 0 auto, 1 on, 2 off */
	bool search_regex;       /* search with regular expressions by default */
	bool ruby_hidden;        /* ruby = hide: readings are not shown */
	char *copy_command;      /* what y and Y copy with: a command, or "" (OSC 52) */
	bool copy_ruby;          /* copied text keeps ruby as 漢字（かんじ） */
	bool vertical;           /* writing_mode = vertical */
	int vertical_gap;        /* cells between vertical lines, 0 to 2 */
};

struct config {
	struct keymap keys;
	struct theme theme;      /* as configured: fit it with theme_resolve() */
	struct settings set;
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

#endif
