/* config_test.c: the configuration: every key-name and colour form, the
 * nearest-colour rules and NO_COLOR, the built-in yomu.ini against the
 * action table, and how a user's file overrides it (src/config.c,
 * src/theme.c).  The exact FILE:LINE messages are tested in config.sh. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keys.h"
#include "tap.h"
#include "theme.h"
#include "util.h"
#include "yomu_config.h"

/* The keys of VALUE as their names, "|"-separated, or "bad:ITEM". */
static char *
keys_of(const char *value)
{
	struct buf b = {0};
	int32_t *k;
	size_t n;
	char *bad;
	if (!config_parse_keys(value, &k, &n, &bad)) {
		buf_printf(&b, "bad:%s", bad);
		free(bad);
		return buf_steal(&b);
	}
	for (size_t i = 0; i < n; i++) {
		char name[32];
		keyname_of(k[i], name, sizeof name);
		buf_printf(&b, "%s%s", i ? "|" : "", name);
	}
	free(k);
	if (!b.p)
		buf_adds(&b, "");
	return buf_steal(&b);
}

static void
is_keys(const char *value, const char *want)
{
	char *got = keys_of(value);
	char name[256];
	snprintf(name, sizeof name, "keys \"%s\"", value);
	tap_str(got, want, name);
	free(got);
}

static int32_t
one_key(const char *value)
{
	int32_t *k, r;
	size_t n;
	char *bad;
	if (!config_parse_keys(value, &k, &n, &bad)) {
		free(bad);
		return K_NONE;
	}
	r = n == 1 ? k[0] : K_NONE;
	free(k);
	return r;
}

static void
test_key_names(void)
{
	static const struct {
		const char *name;
		int32_t key;
	} forms[] = {
		{"q", 'q'}, {"Q", 'Q'}, {"/", '/'}, {"[", '['}, {"あ", 0x3042}, {"é", 0xE9},
		{"Space", ' '}, {"space", ' '}, {"Enter", K_ENTER}, {"Esc", K_ESC}, {"Tab", K_TAB},
		{"S-Tab", K_BTAB}, {"Backspace", K_BACKSPACE}, {"Up", K_UP}, {"Down", K_DOWN},
		{"Left", K_LEFT}, {"Right", K_RIGHT}, {"PgUp", K_PGUP}, {"PgDn", K_PGDN},
		{"Home", K_HOME}, {"End", K_END}, {"Insert", K_INSERT}, {"Delete", K_DELETE},
		{"C-f", K_CTRL('f')}, {"C-F", K_CTRL('f')}, {"M-x", 'x' | YK_ALT},
		{"M-Enter", K_ENTER | YK_ALT}, {"M-あ", 0x3042 | YK_ALT}, {",", ','},
	};
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
		tap_ok(one_key(forms[i].name) == forms[i].key, "key name \"%s\"", forms[i].name);
	for (int f = 1; f <= 12; f++) {
		char name[8];
		snprintf(name, sizeof name, "F%d", f);
		tap_ok(one_key(name) == K_F1 + f - 1, "key name \"%s\"", name);
	}
	is_keys("j, Down", "j|Down");
	is_keys("  Space ,PgDn,C-f  ", "Space|PgDn|C-f");
	is_keys(",", ",");
	is_keys("a, ,", "a|,");
	is_keys(", , a", ",|a");
	is_keys("a, ,, b", "a|,|b");
	is_keys("Dwon", "bad:Dwon");
	is_keys("j, jj", "bad:jj");
	is_keys("F13", "bad:F13");
	is_keys("F0", "bad:F0");
	is_keys("C-", "bad:C-");
	is_keys("C-ff", "bad:C-ff");
	is_keys("M-", "bad:M-");
	is_keys("Page Down", "bad:Page Down");
	is_keys("j,", "bad:");
	is_keys("j,,k", "bad:");
	is_keys("", "bad:");
	is_keys("\x01", "bad:\x01");
	is_keys("\xff", "bad:\xff");
}

static void
test_colors(void)
{
	static const struct {
		const char *s;
		enum style_err err;
		int color;
	} forms[] = {
		{"default", STYLE_OK, COLOR_DEFAULT}, {"DEFAULT", STYLE_OK, COLOR_DEFAULT},
		{"black", STYLE_OK, 0}, {"red", STYLE_OK, 1}, {"green", STYLE_OK, 2},
		{"yellow", STYLE_OK, 3}, {"blue", STYLE_OK, 4}, {"magenta", STYLE_OK, 5},
		{"cyan", STYLE_OK, 6}, {"white", STYLE_OK, 7}, {"bright-black", STYLE_OK, 8},
		{"bright-red", STYLE_OK, 9}, {"bright-green", STYLE_OK, 10},
		{"bright-yellow", STYLE_OK, 11}, {"bright-blue", STYLE_OK, 12},
		{"bright-magenta", STYLE_OK, 13}, {"bright-cyan", STYLE_OK, 14},
		{"bright-white", STYLE_OK, 15}, {"Red", STYLE_OK, 1}, {"0", STYLE_OK, 0},
		{"255", STYLE_OK, 255}, {"08", STYLE_OK, 8}, {"0196", STYLE_OK, 196},
		{"#ff8000", STYLE_OK, COLOR_RGB | 0xFF8000}, {"#FF8000", STYLE_OK, COLOR_RGB | 0xFF8000},
		{"#000000", STYLE_OK, COLOR_RGB}, {"256", STYLE_COLOR_RANGE, 0},
		{"99999999999999999999", STYLE_COLOR_RANGE, 0}, {"-1", STYLE_BAD_COLOR, 0},
		{"#12345", STYLE_BAD_COLOR, 0}, {"#1234567", STYLE_BAD_COLOR, 0},
		{"#GGGGGG", STYLE_BAD_COLOR, 0}, {"purple", STYLE_BAD_COLOR, 0},
		{"bright-", STYLE_BAD_COLOR, 0}, {"", STYLE_BAD_COLOR, 0}, {"0x10", STYLE_BAD_COLOR, 0},
	};
	static const char *const attrs[] = {"bold", "underline", "reverse", "dim", "italic"};
	struct style st;
	unsigned a = 0;
	char *bad;

	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		int c = -2;
		enum style_err e = color_parse(forms[i].s, &c);
		tap_ok(e == forms[i].err && (e != STYLE_OK || c == forms[i].color), "colour \"%s\"",
		       forms[i].s);
	}
	for (size_t i = 0; i < 5; i++) {
		unsigned one = 0;
		tap_ok(attr_parse(attrs[i], &one) == STYLE_OK && one == 1u << i, "attribute %s",
		       attrs[i]);
	}
	tap_ok(attr_parse("blink", &a) == STYLE_BAD_ATTR && a == 0, "attribute blink is bad");

	tap_ok(style_parse("red, #000080, bold, Italic", &st, &bad) == STYLE_OK && st.fg == 1 &&
	       st.bg == (COLOR_RGB | 0x80) && st.attrs == (ATTR_BOLD | ATTR_ITALIC) && !bad,
	       "style: fg, bg, attributes");
	tap_ok(style_parse("default,default", &st, &bad) == STYLE_OK && st.fg == COLOR_DEFAULT &&
	       st.attrs == 0, "style: no spaces, no attributes");
	st.fg = 5;
	tap_ok(style_parse("red", &st, &bad) == STYLE_FORM && !bad && st.fg == 5,
	       "style: the background is needed, and an error changes nothing");
	tap_ok(style_parse("red, purple", &st, &bad) == STYLE_BAD_COLOR && bad &&
	       strcmp(bad, "purple") == 0, "style: the bad colour is named");
	free(bad);
	tap_ok(style_parse("red, 300", &st, &bad) == STYLE_COLOR_RANGE && bad &&
	       strcmp(bad, "300") == 0, "style: a colour out of range");
	free(bad);
	tap_ok(style_parse("red, blue, bold, blink", &st, &bad) == STYLE_BAD_ATTR && bad &&
	       strcmp(bad, "blink") == 0, "style: the bad attribute is named");
	free(bad);
	tap_ok(style_parse("red, blue, ", &st, &bad) == STYLE_BAD_ATTR && bad && !*bad,
	       "style: an empty attribute");
	free(bad);
}

static void
test_nearest(void)
{
	static const struct {
		int color, ncolors, want;
	} cases[] = {
		{COLOR_DEFAULT, 256, COLOR_DEFAULT},
		{1, 256, 1},
		{196, 256, 196},
		{COLOR_RGB | 0xFF0000, 256, 196},    /* the cube, not the themable 9 */
		{COLOR_RGB | 0x5F87AF, 256, 67},     /* exactly a cube entry */
		{COLOR_RGB | 0x808080, 256, 244},    /* the grey ramp: 8 + 10 * 12 */
		{COLOR_RGB | 0x000000, 256, 16},
		{COLOR_RGB | 0xFF0000, 16, 9},
		{COLOR_RGB | 0xFF0000, 8, 1},
		{COLOR_RGB | 0xFF8000, 8, 3},        /* orange: nearer yellow than red */
		{COLOR_RGB | 0x0000EE, 16, 4},
		{196, 16, 9},
		{196, 8, 1},
		{244, 16, 8},
		{231, 8, 7},                         /* cube white */
		{9, 16, 9},
		{9, 8, 1},                           /* bright-red: plain red */
		{15, 8, 7},
		{8, 8, 0},
		{200, 88, 13},                       /* 88 colours: treated as 16 */
		{1, 2, COLOR_DEFAULT},               /* fewer than 8: monochrome */
		{COLOR_RGB | 0xFF0000, 0, COLOR_DEFAULT},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int got = color_nearest(cases[i].color, cases[i].ncolors);
		tap_ok(got == cases[i].want, "nearest of %#x on %d colours: %d (got %d)",
		       (unsigned)cases[i].color, cases[i].ncolors, cases[i].want, got);
	}
}

static void
test_resolve(void)
{
	struct theme t, r;
	bool all_default = true, attrs_kept = true;

	theme_init_plain(&t);
	t.el[EL_LINK] = (struct style){6, COLOR_DEFAULT, ATTR_UNDERLINE};
	t.el[EL_MATCH] = (struct style){0, COLOR_RGB | 0xFFFF00, ATTR_BOLD};
	t.el[EL_STATUS] = (struct style){COLOR_DEFAULT, COLOR_DEFAULT, ATTR_REVERSE};

	theme_resolve(&t, 256, true, &r);
	for (int e = 0; e < EL_COUNT; e++) {
		all_default &= r.el[e].fg == COLOR_DEFAULT && r.el[e].bg == COLOR_DEFAULT;
		attrs_kept &= r.el[e].attrs == t.el[e].attrs;
	}
	tap_ok(all_default, "NO_COLOR: no colour at all");
	tap_ok(attrs_kept, "NO_COLOR: the attributes stay");

	theme_resolve(&t, 0, false, &r);
	tap_ok(r.el[EL_LINK].fg == COLOR_DEFAULT && r.el[EL_MATCH].bg == COLOR_DEFAULT &&
	       r.el[EL_LINK].attrs == ATTR_UNDERLINE, "monochrome: attributes only");

	theme_resolve(&t, 8, false, &r);
	tap_ok(r.el[EL_LINK].fg == 6 && r.el[EL_MATCH].fg == 0 && r.el[EL_MATCH].bg == 3 &&
	       r.el[EL_STATUS].fg == COLOR_DEFAULT, "8 colours: #ffff00 becomes yellow");
	theme_resolve(&t, 256, false, &r);
	tap_ok(r.el[EL_MATCH].bg == 226, "256 colours: #ffff00 becomes 226");
}

/* Is NAME set in section SECTION of the built-in yomu.ini? */
static bool
ini_names(const char *section, const char *name)
{
	const char *s = (const char *)yomu_default_ini, *end = s + yomu_default_ini_len;
	bool in = false;
	size_t sl = strlen(section), nl = strlen(name);
	while (s < end) {
		const char *e = memchr(s, '\n', (size_t)(end - s));
		size_t n = e ? (size_t)(e - s) : (size_t)(end - s);
		if (n && s[0] == '[')
			in = n == sl + 2 && strncmp(s + 1, section, sl) == 0;
		else if (in && n > nl && strncmp(s, name, nl) == 0 && (s[nl] == ' ' || s[nl] == '='))
			return true;
		s += n + 1;
	}
	return false;
}

static void
test_defaults(void)
{
	static const char *const opts[] = {
		"text_width", "toc_width", "toc_visible", "hanging_punctuation", "ambiguous_width",
		"columns", "mouse", "wrap_search", "kana_insensitive_search", "state"};
	struct config c;
	struct keymap def;
	bool same = true, named = true;

	config_load_text(&c, "none.ini", "", 0);
	tap_ok(c.nmsgs == 0 && !c.warning, "the built-in yomu.ini has no errors");
	for (size_t i = 0; i < c.nmsgs; i++)
		tap_diag("%s", c.msgs[i]);

	/* the defaults in yomu.ini are the X-macro's, in the same order */
	keymap_init_defaults(&def);
	for (int a = 0; a < ACT_COUNT; a++) {
		char *x = keymap_keys_of(&c.keys, (enum action)a), *y = keymap_keys_of(&def, (enum action)a);
		if (strcmp(x, y) != 0) {
			tap_diag("%s: yomu.ini has \"%s\", keys.h has \"%s\"", action_table[a].name, x, y);
			same = false;
		}
		free(x);
		free(y);
		if (!ini_names("keys", action_table[a].name)) {
			tap_diag("action %s is not in yomu.ini", action_table[a].name);
			named = false;
		}
	}
	tap_ok(same, "yomu.ini binds every action to the keys of keys.h");
	tap_ok(c.keys.n == def.n, "and to no other key");
	keymap_free(&def);
	for (int e = 0; e < EL_COUNT; e++)
		if (!ini_names("colors", element_names[e])) {
			tap_diag("element %s is not in yomu.ini", element_names[e]);
			named = false;
		}
	for (size_t i = 0; i < sizeof opts / sizeof *opts; i++)
		if (!ini_names("general", opts[i])) {
			tap_diag("option %s is not in yomu.ini", opts[i]);
			named = false;
		}
	tap_ok(named, "yomu.ini names every action, colour element and option");

	tap_ok(c.set.text_width == 0 && c.set.toc_width == 30 && c.set.toc_visible && c.set.hanging &&
	       c.set.mouse && !c.set.columns_inline && c.set.wrap_search && !c.set.kana_insensitive &&
	       c.set.ambiguous_width == 1 && c.set.state, "the default options");
	tap_ok(c.theme.el[EL_HEADING1].fg == 2 && c.theme.el[EL_HEADING1].attrs == ATTR_BOLD &&
	       c.theme.el[EL_MATCH].fg == 0 && c.theme.el[EL_MATCH].bg == 3 &&
	       c.theme.el[EL_STATUS].attrs == ATTR_REVERSE && c.theme.el[EL_BODY].fg == COLOR_DEFAULT,
	       "the default colours");
	{
		/* headings of each depth are told apart */
		bool apart = true;
		for (int a = EL_CHAPTER; a <= EL_HEADING4; a++)
			for (int b = a + 1; b <= EL_HEADING4; b++) {
				const struct style *x = &c.theme.el[a], *y = &c.theme.el[b];
				if (x->fg == y->fg && x->bg == y->bg && x->attrs == y->attrs) {
					tap_diag("%s and %s look the same", element_names[a], element_names[b]);
					apart = false;
				}
			}
		tap_ok(apart, "every depth of heading has colours of its own");
	}
	config_free(&c);
}

static struct config
load(const char *text)
{
	struct config c;
	config_load_text(&c, "t.ini", text, strlen(text));
	return c;
}

/* The keys bound to A in C, as the help lists them, are WANT. */
static void
keys_are(const struct config *c, enum action a, const char *want, const char *name)
{
	char *k = keymap_keys_of(&c->keys, a);
	tap_str(k, want, name);
	free(k);
}

static void
test_overrides(void)
{
	struct config c;

	c = load("[keys]\nline-down = x\n");
	tap_ok(c.nmsgs == 0, "a rebinding: no error");
	tap_ok(keymap_lookup(&c.keys, CTX_READER, 'x') == ACT_LINE_DOWN, "x runs line-down");
	tap_ok(keymap_lookup(&c.keys, CTX_READER, 'j') == ACT_NONE &&
	       keymap_lookup(&c.keys, CTX_READER, K_DOWN) == ACT_NONE,
	       "the default keys of line-down are replaced, not added to");
	tap_ok(keymap_lookup(&c.keys, CTX_LIST, 'j') == ACT_LIST_DOWN, "list-down keeps j");
	tap_ok(keymap_lookup(&c.keys, CTX_READER, 'k') == ACT_LINE_UP, "other actions keep theirs");
	config_free(&c);

	c = load("[KEYS]\nHelp = none\nline-down = j\nline-down = h, j\n");
	keys_are(&c, ACT_HELP, "", "none unbinds an action");
	keys_are(&c, ACT_LINE_DOWN, "h, j", "the last of two lines wins; names are case-insensitive");
	tap_ok(c.nmsgs == 1, "h is free once help is unbound");
	if (c.nmsgs)
		tap_str(c.msgs[0],
		        "t.ini:4: line-down is set again (first set on line 3); the later value is used",
		        "the line that sets an action again is named, with the first one");
	config_free(&c);

	c = load("[keys]\npage-down = j\nline-down = Down\n");
	tap_ok(c.nmsgs == 0 && keymap_lookup(&c.keys, CTX_READER, 'j') == ACT_PAGE_DOWN,
	       "a key moved from one action to another, in any order");
	config_free(&c);

	c = load("[keys]\npage-down = j, x\n");
	tap_ok(c.nmsgs == 1 && keymap_lookup(&c.keys, CTX_READER, 'j') == ACT_LINE_DOWN &&
	       keymap_lookup(&c.keys, CTX_READER, 'x') == ACT_PAGE_DOWN,
	       "a key taken by a default stays with it; the rest of the line applies");
	if (c.nmsgs)
		tap_str(c.msgs[0], "t.ini:2: key j is bound to both line-down and page-down",
		        "the clash names both actions");
	config_free(&c);

	c = load("[keys]\nline-down = Dwon\n[general]\ntext_width = 5\ntoc_width = 040\n"
	         "mouse = OFF\nhanging_punctuation = no\ntoc_visible = 0\nwrap_search = false\n"
	         "kana_insensitive_search = Yes\nstate = off\ncolumns = Inline\nambiguous_width = 2\n"
	         "[colors]\nlink = bright-red, 17, italic\nbody = red\n");
	tap_ok(c.nmsgs == 3, "three errors");
	tap_ok(keymap_lookup(&c.keys, CTX_READER, 'j') == ACT_LINE_DOWN,
	       "a bad key name keeps the action's defaults");
	tap_ok(c.set.text_width == 0, "a number out of range keeps the default");
	tap_ok(c.set.toc_width == 40, "numbers are decimal (040 is forty)");
	tap_ok(!c.set.mouse && !c.set.hanging && !c.set.toc_visible && !c.set.wrap_search &&
	       c.set.kana_insensitive && !c.set.state && c.set.columns_inline && c.set.ambiguous_width == 2,
	       "booleans in every spelling, columns, ambiguous_width");
	tap_ok(c.theme.el[EL_LINK].fg == 9 && c.theme.el[EL_LINK].bg == 17 &&
	       c.theme.el[EL_LINK].attrs == ATTR_ITALIC, "a colour element is replaced whole");
	tap_ok(c.theme.el[EL_BODY].fg == COLOR_DEFAULT, "a bad colour line keeps the default");
	tap_str(c.warning, "t.ini: 3 errors (yomu --check-config)", "the warning for the screen");
	config_free(&c);

	c = load("[general]\ntext_width = 20\ntoc_width = 10\n[general]\ntext_width = 1000\n"
	         "toc_width = 100\nmouse=1\n");
	tap_ok(c.nmsgs == 2 && c.set.text_width == 1000 && c.set.toc_width == 100 && c.set.mouse,
	       "the ends of the ranges; a section may come back; the later value wins");
	if (c.nmsgs == 2) {
		tap_str(c.msgs[0],
		        "t.ini:5: text_width is set again (first set on line 2); the later value is used",
		        "a setting given twice is a warning at the later line");
		tap_str(c.msgs[1],
		        "t.ini:6: toc_width is set again (first set on line 3); the later value is used",
		        "naming the first");
	}
	config_free(&c);
	c = load("[general]\ntext_width = 5\ntext_width = 72\n");
	tap_ok(c.nmsgs == 1 && c.set.text_width == 72,
	       "an out-of-range value set again: only the later one is checked and used");
	config_free(&c);

	c = load("[general]\ntext_width = x\n");
	tap_str(c.warning, "t.ini: 1 error (yomu --check-config)", "one error: singular");
	config_free(&c);

	c = load("[keys]\nquit = a, \", ', \\\n");
	tap_ok(c.nmsgs == 1 && keymap_lookup(&c.keys, CTX_READER, 'q') == ACT_QUIT,
	       "a value iniparser cannot hold is an error, not a wrong value");
	config_free(&c);

	c = load("[keys]\nquit = '\", \\, ='\nhelp = #, ;\nback = \"a, ,\"\ntop = \"g\n"
	         "bottom = x ; y\n");
	keys_are(&c, ACT_QUIT, "\", \\, =", "quotes, backslashes and = pass through iniparser");
	keys_are(&c, ACT_HELP, "#, ;", "# and ; are keys: no comments after a value");
	keys_are(&c, ACT_BACK, "a, ,", "quotes around a whole value are removed");
	tap_ok(c.nmsgs == 2 && strstr(c.msgs[0], "bad key name \"\"g\"") &&
	       strstr(c.msgs[1], "bad key name \"x ; y\""), "a lone quote is kept; ; is no comment");
	config_free(&c);
}

static void
test_paths(void)
{
	char *p;
	struct config c;
	char dir[] = "/tmp/yomu-config-test-XXXXXX";

	setenv("HOME", "/home/u", 1);
	setenv("XDG_CONFIG_HOME", "/x/cfg", 1);
	p = config_default_path();
	tap_str(p, "/x/cfg/yomu/config.ini", "XDG_CONFIG_HOME first");
	free(p);
	setenv("XDG_CONFIG_HOME", "rel/cfg", 1);
	p = config_default_path();
	tap_str(p, "/home/u/.config/yomu/config.ini", "a relative XDG_CONFIG_HOME is ignored");
	free(p);
	setenv("XDG_CONFIG_HOME", "", 1);
	p = config_default_path();
	tap_str(p, "/home/u/.config/yomu/config.ini", "an empty XDG_CONFIG_HOME is ignored");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	p = config_default_path();
	tap_str(p, "/home/u/.config/yomu/config.ini", "no XDG_CONFIG_HOME: ~/.config");
	free(p);
	unsetenv("HOME");
	tap_ok(config_default_path() == NULL, "no HOME either: no file");

	tap_ok(config_load(&c, "/nonexistent/yomu.ini", true) == ENOENT && c.nmsgs == 0 &&
	       keymap_lookup(&c.keys, CTX_READER, 'q') == ACT_QUIT,
	       "a missing --config file is an error, with the defaults loaded");
	config_free(&c);
	tap_ok(config_load(&c, "/nonexistent/yomu.ini", false) == 0 && c.nmsgs == 0,
	       "a missing default file is normal");
	config_free(&c);
	tap_ok(config_load(&c, NULL, false) == 0 && c.nmsgs == 0, "no file at all");
	config_free(&c);
	tap_ok(config_load(&c, "/dev/zero", true) == EFBIG &&
	           strcmp(config_strerror(EFBIG), "the configuration file is larger than 1 MB") == 0,
	       "an endless file: EFBIG, read no further than 1 MB");
	config_free(&c);
	if (mkdtemp(dir)) {
		tap_ok(config_load(&c, dir, true) == EISDIR, "a directory as --config");
		config_free(&c);
		tap_ok(config_load(&c, dir, false) == 0 && c.nmsgs == 1, "a directory as the default file");
		if (c.nmsgs)
			tap_ok(strstr(c.msgs[0], ": Is a directory") != NULL, "says so: %s", c.msgs[0]);
		config_free(&c);
		rmdir(dir);
	}
}

int
main(void)
{
	test_key_names();
	test_colors();
	test_nearest();
	test_resolve();
	test_defaults();
	test_overrides();
	test_paths();
	return tap_done();
}
