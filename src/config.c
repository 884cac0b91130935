/* config.c: the configuration file.  The built-in data/yomu.ini is read
 * first, then the user's file over it; every error is reported as
 * FILE:LINE: message and what it concerns keeps its default.
 *
 * iniparser 4.1 (Debian 12) rejects a whole file for one line over 1023
 * bytes, a NUL byte or a BOM, reads numbers as octal, can crash in
 * getint/getboolean (CVE-2023-33461) and gives no line numbers.  So our own
 * scan reads the file: it knows the lines, catches those cases and the
 * syntax errors, and keeps one (section, name, value, line) per setting.
 * The settings it accepted are written, quoted, into a clean temporary file
 * that iniparser loads; every value is then read with iniparser_getstring
 * and checked against the scan, and numbers and booleans are parsed here. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iniparser.h>

#include "config_impl.h"
#include "i18n.h"
#include "text.h"
#include "util.h"
#include "yomu_config.h"

/* Longest line iniparser 4.1 reads (its buffer is 1024 bytes with the
 * newline and the NUL). */
#define INI_MAX_LINE 1022
#define BUILTIN_NAME "<built-in yomu.ini>"
/* A larger file is not a configuration: reading stops there (-c /dev/zero
 * would otherwise fill the memory). */
#define CONFIG_MAX_BYTES (1u << 20)

enum section { SEC_GENERAL, SEC_KEYS, SEC_COLORS, SEC_COUNT, SEC_NONE, SEC_SKIP };
static const char *const section_names[SEC_COUNT] = {"general", "keys", "colors"};

/* OPT_CHOICE: a bool named by two words; OPT_ENUM: an int, the index of
 * its word among up to four; OPT_STRING: any text (the settings own it).
 * An OPT_INT with a word in choice[0] takes it for -1 (text_width = auto). */
enum opt_type { OPT_INT, OPT_BOOL, OPT_CHOICE, OPT_ENUM, OPT_STRING };
static const struct option_def {
	const char *name;
	enum opt_type type;
	size_t off;           /* of the field in struct settings */
	int min, max;         /* OPT_INT: the range; 0 is also allowed if zero_ok */
	bool zero_ok;
	const char *choice[5]; /* OPT_CHOICE: the words for false and true; OPT_ENUM: the words */
} options[] = {
	{"text_width", OPT_INT, offsetof(struct settings, text_width), 20, 1000, true, {"auto"}},
	{"toc_width", OPT_INT, offsetof(struct settings, toc_width), 10, 100, true, {0}},
	{"toc_visible", OPT_BOOL, offsetof(struct settings, toc_visible), 0, 0, false, {0}},
	{"hanging_punctuation", OPT_BOOL, offsetof(struct settings, hanging), 0, 0, false, {0}},
	{"ambiguous_width", OPT_ENUM, offsetof(struct settings, ambiguous_width), 0, 0, false,
	 {"auto", "1", "2", NULL}},
	{"columns", OPT_CHOICE, offsetof(struct settings, columns_inline), 0, 0, false,
	 {"popup", "inline"}},
	{"mouse", OPT_BOOL, offsetof(struct settings, mouse), 0, 0, false, {0}},
	{"wrap_search", OPT_BOOL, offsetof(struct settings, wrap_search), 0, 0, false, {0}},
	{"kana_insensitive_search", OPT_BOOL, offsetof(struct settings, kana_insensitive), 0, 0,
	 false, {0}},
	{"state", OPT_BOOL, offsetof(struct settings, state), 0, 0, false, {0}},
	{"document_language", OPT_ENUM, offsetof(struct settings, doc_lang), 0, 0, false,
	 {"auto", "ja", "en", NULL}},
	{"open_command", OPT_STRING, offsetof(struct settings, open_command), 0, 0, false, {0}},
	{"hyperlinks", OPT_ENUM, offsetof(struct settings, hyperlinks), 0, 0, false,
	 {"auto", "on", "off", NULL}},
	{"search_regex", OPT_BOOL, offsetof(struct settings, search_regex), 0, 0, false, {0}},
	{"ruby", OPT_CHOICE, offsetof(struct settings, ruby_hidden), 0, 0, false, {"inline", "hide"}},
	{"copy_command", OPT_STRING, offsetof(struct settings, copy_command), 0, 0, false, {0}},
	{"copy_ruby", OPT_BOOL, offsetof(struct settings, copy_ruby), 0, 0, false, {0}},
	{"writing_mode", OPT_CHOICE, offsetof(struct settings, vertical), 0, 0, false,
	 {"horizontal", "vertical"}},
	{"vertical_gap", OPT_INT, offsetof(struct settings, vertical_gap), 0, 2, false, {0}},
};
_Static_assert(sizeof options / sizeof *options == N_OPTIONS, "N_OPTIONS in config_impl.h");

static void
ascii_lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/* ---- the scan ---- */

static const char *slot_name(size_t i);

/* The value after "=", trimmed, without the quotes if it is all in "..."
 * or '...'.  There are no comments after a value: "#" and ";" are keys,
 * and #rrggbb is a colour. */
static char *
scan_value(const char *p)
{
	size_t n;
	p = config_skip_ws(p);
	n = config_trim_right(p, strlen(p));
	if (n >= 2 && (p[0] == '"' || p[0] == '\'') && p[n - 1] == p[0])
		return xstrndup(p + 1, n - 2);
	return xstrndup(p, n);
}

/* The slot of NAME in section SEC, or -1. */
static int
slot_of(enum section sec, const char *name)
{
	switch (sec) {
	case SEC_GENERAL:
		for (size_t i = 0; i < N_OPTIONS; i++)
			if (strcmp(name, options[i].name) == 0)
				return (int)i;
		return -1;
	case SEC_KEYS:
		for (int a = 0; a < ACT_COUNT; a++)
			if (strcmp(name, action_table[a].name) == 0)
				return (int)SLOT_KEYS + a;
		return -1;
	case SEC_COLORS: {
		int e = element_lookup(name);
		return e < 0 ? -1 : (int)SLOT_COLORS + e;
	}
	default:
		return -1;
	}
}

static void
scan_section(struct loader *L, int line, const char *s, enum section *sec)
{
	const char *close = strchr(s, ']');
	const char *rest = close ? config_skip_ws(close + 1) : NULL;
	char *name;

	*sec = SEC_SKIP;
	if (!rest || *rest) {
		config_error(L, line, "%s", _("syntax error: expected [section]"));
		return;
	}
	s = config_skip_ws(s + 1);
	name = xstrndup(s, config_trim_right(s, (size_t)(close - s)));
	ascii_lower(name);
	for (int i = 0; i < SEC_COUNT; i++)
		if (strcmp(name, section_names[i]) == 0)
			*sec = (enum section)i;
	if (*sec == SEC_SKIP) {
		char *e = text_escaped(name, false);
		config_error(L, line, _("unknown section [%s]"), e);
		free(e);
	}
	free(name);
}

static void
scan_line(struct loader *L, int line, const char *s, enum section *sec)
{
	const char *eq;
	char *name, *value;
	int slot;

	s = config_skip_ws(s);
	if (!*s || *s == '#' || *s == ';')
		return;
	if (*s == '[') {
		scan_section(L, line, s, sec);
		return;
	}
	eq = strchr(s, '=');
	if (!eq || eq == s) {
		config_error(L, line, "%s",
		             _("syntax error: expected \"name = value\", \"[section]\" "
		               "or a comment"));
		return;
	}
	value = scan_value(eq + 1);
	name = xstrndup(s, config_trim_right(s, (size_t)(eq - s)));
	ascii_lower(name);
	if (*sec == SEC_NONE) {
		config_error(L, line, "%s", _("setting outside a section"));
	} else if (*sec != SEC_SKIP) {
		slot = slot_of(*sec, name);
		if (slot < 0) {
			char *q = text_escaped(name, true);
			if (*sec == SEC_GENERAL)
				config_error(L, line, _("unknown option %s"), q);
			else if (*sec == SEC_KEYS)
				config_error(L, line, _("unknown action %s"), q);
			else
				config_error(L, line, _("unknown colour element %s"), q);
			free(q);
		} else {
			if (L->slot[slot].line)
				config_error(L, line,
				             _("%s is set again (first set on line %d); the later "
				               "value is used"),
				             slot_name((size_t)slot), L->slot[slot].line);
			free(L->slot[slot].value);
			L->slot[slot].value = value;
			L->slot[slot].line = line;
			value = NULL;
		}
	}
	free(name);
	free(value);
}

static void
scan(struct loader *L, const char *text, size_t len)
{
	enum section sec = SEC_NONE;
	size_t pos = 0;
	int line = 0;

	/* a BOM is only an encoding mark: skip it (iniparser would fail) */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < len) {
		const char *s = text + pos, *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		char *copy;
		pos += n + (nl ? 1 : 0);
		line++;
		if (n && s[n - 1] == '\r')
			n--;
		if (memchr(s, '\0', n)) {
			config_error(L, line, "%s", _("NUL byte in the line"));
			continue;
		}
		if (n > INI_MAX_LINE) {
			config_error(L, line, _("line too long (over %d bytes)"), INI_MAX_LINE);
			continue;
		}
		copy = xstrndup(s, n);
		scan_line(L, line, copy, &sec);
		free(copy);
	}
}

/* ---- iniparser ---- */

static int
ini_quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

static const char *
slot_section(size_t i)
{
	return section_names[i < SLOT_KEYS ? SEC_GENERAL : i < SLOT_COLORS ? SEC_KEYS : SEC_COLORS];
}

static const char *
slot_name(size_t i)
{
	if (i < SLOT_KEYS)
		return options[i].name;
	if (i < SLOT_COLORS)
		return action_table[i - SLOT_KEYS].name;
	return element_names[i - SLOT_COLORS];
}

/* VALUE as iniparser reads it back unchanged: in double quotes, else single
 * quotes, else bare (iniparser would take a bare trailing backslash for a
 * continuation, and ; or # for a comment).  False if none of these does. */
static bool
ini_quote(struct buf *b, const char *v)
{
	size_t n = strlen(v);
	if (!strchr(v, '"'))
		buf_printf(b, "\"%s\"", v);
	else if (!strchr(v, '\''))
		buf_printf(b, "'%s'", v);
	else if (n && v[n - 1] != '\\' && !strpbrk(v, ";#"))
		buf_adds(b, v);
	else
		return false;
	return true;
}

/* Write TEXT to a private temporary file and load it with iniparser, which
 * only reads files.  NULL if that fails. */
static dictionary *
ini_load_text(const char *text, size_t len)
{
	const char *dir = getenv("TMPDIR");
	struct buf path = {0};
	dictionary *d = NULL;
	size_t off = 0;
	int fd;

	if (!dir || dir[0] != '/')
		dir = "/tmp";
	buf_printf(&path, "%s/yomu-ini-XXXXXX", dir);
	fd = mkstemp(path.p);
	if (fd < 0) {
		buf_free(&path);
		return NULL;
	}
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	if (close(fd) == 0 && off == len) {
		iniparser_set_error_callback(ini_quiet);
		d = iniparser_load(path.p);
	}
	unlink(path.p);
	buf_free(&path);
	return d;
}

/* ---- applying the values ---- */

static bool
parse_bool(const char *s, bool *out)
{
	static const char *const words[][2] = {
		{"false", "true"}, {"no", "yes"}, {"off", "on"}, {"0", "1"}};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		for (int v = 0; v < 2; v++)
			if (strcasecmp(s, words[i][v]) == 0) {
				*out = v;
				return true;
			}
	return false;
}

/* Decimal only, whatever the leading zeros ("08" is eight); saturates far
 * beyond any range so that a long number is just out of range. */
static bool
parse_decimal(const char *s, long *out)
{
	bool neg = *s == '-';
	long v = 0;
	if (*s == '-' || *s == '+')
		s++;
	if (!*s || strspn(s, "0123456789") != strlen(s))
		return false;
	for (; *s; s++)
		if (v < 100000000)
			v = v * 10 + (*s - '0');
	*out = neg ? -v : v;
	return true;
}

/* An OPT_ENUM option's value V (Q quoted): the index of its word. */
static void
apply_enum(struct loader *L, int line, const struct option_def *o, const char *v, const char *q,
           int *field)
{
	struct buf words = {0};
	for (int i = 0; o->choice[i]; i++)
		if (strcasecmp(v, o->choice[i]) == 0) {
			*field = i;
			return;
		}
	for (int i = 0; o->choice[i]; i++)
		buf_printf(&words, "%s%s", i ? ", " : "", o->choice[i]);
	config_error(L, line, _("%s: %s must be one of %s"), o->name, q, words.p);
	buf_free(&words);
}

static void
apply_option(struct loader *L, int line, const struct option_def *o, const char *v)
{
	char *field = (char *)&L->set + o->off;
	char *q = text_escaped(v, true);
	long n;
	bool b;

	switch (o->type) {
	case OPT_INT:
		if (o->choice[0] && strcasecmp(v, o->choice[0]) == 0)
			*(int *)(void *)field = -1;
		else if (!parse_decimal(v, &n))
			config_error(L, line, _("%s: %s is not a number"), o->name, q);
		else if (o->zero_ok && n == 0)
			*(int *)(void *)field = 0;
		else if ((n < o->min || n > o->max) && o->zero_ok)
			/* V is all digits (with a sign): no need to escape it */
			config_error(L, line, _("%s: %s is out of range (0, or %d to %d)"), o->name,
			             v, o->min, o->max);
		else if (n < o->min || n > o->max)
			config_error(L, line, _("%s: %s is out of range (%d to %d)"), o->name, v,
			             o->min, o->max);
		else
			*(int *)(void *)field = (int)n;
		break;
	case OPT_BOOL:
		if (parse_bool(v, &b))
			*(bool *)(void *)field = b;
		else
			config_error(L, line,
			             _("%s: %s is not a boolean (true/false, yes/no, on/off, 1/0)"),
			             o->name, q);
		break;
	case OPT_CHOICE:
		if (strcasecmp(v, o->choice[0]) == 0 || strcasecmp(v, o->choice[1]) == 0)
			*(bool *)(void *)field = strcasecmp(v, o->choice[1]) == 0;
		else
			config_error(L, line, _("%s: %s must be %s or %s"), o->name, q,
			             o->choice[0], o->choice[1]);
		break;
	case OPT_ENUM:
		apply_enum(L, line, o, v, q, (int *)(void *)field);
		break;
	case OPT_STRING:
		free(*(char **)(void *)field);
		*(char **)(void *)field = xstrdup(v);
		break;
	}
	free(q);
}

static void
apply_color(struct loader *L, int line, enum element e, const char *v)
{
	const char *name = element_names[e];
	char *bad, *q;
	enum style_err err = style_parse(v, &L->theme.el[e], &bad);

	if (err == STYLE_OK)
		return;
	q = bad ? text_escaped(bad, true) : NULL;
	if (err == STYLE_BAD_COLOR)
		config_error(L, line, _("%s: bad colour %s"), name, q);
	else if (err == STYLE_COLOR_RANGE)
		config_error(L, line, _("%s: colour %s is out of range (0 to 255)"), name, bad);
	else if (err == STYLE_BAD_ATTR)
		config_error(L, line, _("%s: bad attribute %s"), name, q);
	else
		config_error(L, line, _("%s: expected \"foreground, background[, attributes]\""),
		             name);
	free(q);
	free(bad);
}

static int
entry_by_line(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;
	return (x->line > y->line) - (x->line < y->line);
}

/* Read the file's values through iniparser and apply them in line order. */
static void
apply_entries(struct loader *L)
{
	struct entry *order[N_SLOTS];
	struct buf clean = {0}, key = {0};
	dictionary *d = NULL;
	size_t n = 0;

	for (int s = 0; s < SEC_COUNT; s++) {
		buf_printf(&clean, "[%s]\n", section_names[s]);
		for (size_t i = 0; i < N_SLOTS; i++) {
			if (!L->slot[i].line || strcmp(slot_section(i), section_names[s]) != 0)
				continue;
			buf_printf(&clean, "%s = ", slot_name(i));
			if (!ini_quote(&clean, L->slot[i].value))
				buf_adds(&clean, "\"\""); /* caught by the comparison below */
			buf_addc(&clean, '\n');
		}
	}
	/* If iniparser cannot be run (no temporary file), the scan's values are
	 * the same ones by construction: use them rather than fail. */
	d = ini_load_text(clean.p, clean.len);
	buf_free(&clean);
	for (size_t i = 0; i < N_SLOTS; i++)
		if (L->slot[i].line)
			order[n++] = &L->slot[i];
	qsort(order, n, sizeof *order, entry_by_line);
	for (size_t j = 0; j < n; j++) {
		size_t i = (size_t)(order[j] - L->slot);
		const char *v = order[j]->value;
		int line = order[j]->line;
		if (d) {
			const char *iv;
			key.len = 0;
			buf_printf(&key, "%s:%s", slot_section(i), slot_name(i));
			iv = iniparser_getstring(d, key.p, NULL);
			if (!iv || strcmp(iv, v) != 0) {
				config_error(L, line, "%s",
				             _("a value cannot hold both \" and ' and end in \\"));
				continue;
			}
			v = iv;
		}
		if (i < SLOT_KEYS)
			apply_option(L, line, &options[i], v);
		else if (i < SLOT_COLORS)
			config_apply_keys(L, line, (enum action)(i - SLOT_KEYS), v);
		else
			apply_color(L, line, (enum element)(i - SLOT_COLORS), v);
	}
	buf_free(&key);
	if (d)
		iniparser_freedict(d);
}

static void
load_file_text(struct loader *L, const char *name, const char *text, size_t len)
{
	L->file = name;
	scan(L, text, len);
	apply_entries(L);
	for (size_t i = 0; i < N_SLOTS; i++) {
		xfree(&L->slot[i].value);
		L->slot[i].line = 0;
	}
}

static void
finish(struct loader *L, struct config *c, const char *name)
{
	const struct settings *s = &L->set;

	config_build_keymap(L, &c->keys);
	c->theme = L->theme;
	c->set = *s;
	config_msgs_finish(L, c, name);
	for (int a = 0; a < ACT_COUNT; a++)
		free(L->keys[a].k);
}

/* Load the defaults, then (if NAME) the file's TEXT, then FILE_ERROR (a
 * message about NAME that has no line) if any. */
static void
load(struct config *c, const char *name, const char *text, size_t len, const char *file_error,
     bool given)
{
	struct loader L;

	memset(&L, 0, sizeof L);
	L.given = given;
	memset(c, 0, sizeof *c);
	theme_init_plain(&L.theme);
	/* only for a setting the built-in file lacks, which a test forbids */
	L.set.ambiguous_width = 0;
	load_file_text(&L, BUILTIN_NAME, (const char *)yomu_default_ini, yomu_default_ini_len);
	for (int a = 0; a < ACT_COUNT; a++)
		L.keys[a].user = false;
	if (file_error)
		config_msg_add(&L, name, 0, "%s", file_error);
	else if (name)
		load_file_text(&L, name, text, len);
	finish(&L, c, name ? name : BUILTIN_NAME);
}

void
config_load_text(struct config *c, const char *name, const char *text, size_t len)
{
	load(c, name, text, len, NULL, false);
}

/* Read all of PATH; returns 0 or an errno value (EFBIG: over
 * CONFIG_MAX_BYTES, and reading stopped there). */
static int
read_path(const char *path, struct buf *b)
{
	char tmp[16384];
	struct stat st;
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK), err = 0;

	if (fd < 0)
		return errno;
	if (fstat(fd, &st) != 0)
		err = errno;
	else if (S_ISDIR(st.st_mode))
		err = EISDIR;
	if (err) {
		close(fd);
		return err;
	}
	/* O_NONBLOCK only kept open() from waiting on a FIFO: read normally
	 * (a FIFO with no writer reads as empty) */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	for (;;) {
		ssize_t r = read(fd, tmp, sizeof tmp);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			err = errno;
		if (r <= 0)
			break;
		if (b->len + (size_t)r > CONFIG_MAX_BYTES) {
			err = EFBIG;
			break;
		}
		buf_add(b, tmp, (size_t)r);
	}
	close(fd);
	return err;
}

const char *
config_strerror(int err)
{
	if (err == EFBIG)
		return _("the configuration file is larger than 1 MB");
	return strerror(err);
}

int
config_load(struct config *c, const char *path, bool must_exist)
{
	struct buf b = {0};
	int err = path ? read_path(path, &b) : 0;

	if (err && (must_exist || err == ENOENT)) {
		load(c, NULL, NULL, 0, NULL, false);
		buf_free(&b);
		return must_exist ? err : 0;
	}
	load(c, path, b.p ? b.p : "", b.len, err ? config_strerror(err) : NULL, must_exist);
	buf_free(&b);
	return 0;
}

char *
config_default_path(void)
{
	return xdg_path("XDG_CONFIG_HOME", ".config", "yomu/config.ini");
}

void
config_free(struct config *c)
{
	keymap_free(&c->keys);
	for (size_t i = 0; i < c->nmsgs; i++)
		free(c->msgs[i]);
	xfree(&c->msgs);
	c->nmsgs = 0;
	xfree(&c->warning);
	xfree(&c->set.open_command);
	xfree(&c->set.copy_command);
}
