/* theme.c: colour elements, the [colors] value syntax (colours and
 * attributes), and fitting a theme to what the terminal can show.  No curses
 * here, so the nearest-colour rules are unit-tested. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "theme.h"
#include "util.h"

const char *const element_names[EL_COUNT] = {
#define X(e, name) name,
	ELEMENTS(X)
#undef X
};

static const char *const color_names[16] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
	"bright-black", "bright-red", "bright-green", "bright-yellow",
	"bright-blue", "bright-magenta", "bright-cyan", "bright-white",
};

static const struct {
	const char *name;
	unsigned attr;
} attr_names[] = {
	{"bold", ATTR_BOLD}, {"underline", ATTR_UNDERLINE}, {"reverse", ATTR_REVERSE},
	{"dim", ATTR_DIM},   {"italic", ATTR_ITALIC},
};

void
theme_init_plain(struct theme *t)
{
	for (int e = 0; e < EL_COUNT; e++) {
		t->el[e].fg = t->el[e].bg = COLOR_DEFAULT;
		t->el[e].attrs = 0;
	}
}

int
element_lookup(const char *name)
{
	for (int e = 0; e < EL_COUNT; e++)
		if (strcasecmp(name, element_names[e]) == 0)
			return e;
	return -1;
}

enum style_err
color_parse(const char *s, int *out)
{
	size_t n = strlen(s);
	if (strcasecmp(s, "default") == 0) {
		*out = COLOR_DEFAULT;
		return STYLE_OK;
	}
	for (int i = 0; i < 16; i++)
		if (strcasecmp(s, color_names[i]) == 0) {
			*out = i;
			return STYLE_OK;
		}
	if (s[0] == '#') {
		int v = 0;
		if (n != 7)
			return STYLE_BAD_COLOR;
		for (size_t i = 1; i < 7; i++) {
			int h = hex_digit(s[i]);
			if (h < 0)
				return STYLE_BAD_COLOR;
			v = v * 16 + h;
		}
		*out = COLOR_RGB | v;
		return STYLE_OK;
	}
	if (n > 0 && strspn(s, "0123456789") == n) {
		/* decimal, whatever the leading zeros: "08" is eight */
		long v = 0;
		for (size_t i = 0; i < n && v <= 255; i++)
			v = v * 10 + (s[i] - '0');
		if (v > 255)
			return STYLE_COLOR_RANGE;
		*out = (int)v;
		return STYLE_OK;
	}
	return STYLE_BAD_COLOR;
}

enum style_err
attr_parse(const char *s, unsigned *out)
{
	for (size_t i = 0; i < sizeof attr_names / sizeof *attr_names; i++)
		if (strcasecmp(s, attr_names[i].name) == 0) {
			*out |= attr_names[i].attr;
			return STYLE_OK;
		}
	return STYLE_BAD_ATTR;
}

/* Split S at commas into trimmed items; the caller frees the array and the
 * items. */
static char **
split_commas(const char *s, size_t *n)
{
	char **v = NULL;
	size_t cap = 0;
	*n = 0;
	for (;;) {
		const char *e = strchr(s, ',');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		while (len && (*s == ' ' || *s == '\t'))
			s++, len--;
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		xgrow(&v, &cap, *n + 1, sizeof *v);
		v[(*n)++] = xstrndup(s, len);
		if (!e)
			return v;
		s = e + 1;
	}
}

enum style_err
style_parse(const char *s, struct style *st, char **bad)
{
	size_t n;
	char **item = split_commas(s, &n);
	struct style r = {COLOR_DEFAULT, COLOR_DEFAULT, 0};
	enum style_err err = STYLE_OK;

	*bad = NULL;
	if (n < 2) {
		err = STYLE_FORM;
	} else {
		for (size_t i = 0; i < n && err == STYLE_OK; i++) {
			if (i < 2)
				err = color_parse(item[i], i == 0 ? &r.fg : &r.bg);
			else
				err = attr_parse(item[i], &r.attrs);
			if (err != STYLE_OK && !*bad)
				*bad = xstrdup(item[i]);
		}
	}
	for (size_t i = 0; i < n; i++)
		free(item[i]);
	free(item);
	if (err == STYLE_OK)
		*st = r;
	return err;
}

/* The xterm palette: 0-15 as xterm sets them, the 6x6x6 cube, the greys. */
static void
palette_rgb(int i, int rgb[3])
{
	static const unsigned char sys[16][3] = {
		{0, 0, 0},       {205, 0, 0},     {0, 205, 0},     {205, 205, 0},
		{0, 0, 238},     {205, 0, 205},   {0, 205, 205},   {229, 229, 229},
		{127, 127, 127}, {255, 0, 0},     {0, 255, 0},     {255, 255, 0},
		{92, 92, 255},   {255, 0, 255},   {0, 255, 255},   {255, 255, 255},
	};
	static const unsigned char level[6] = {0, 95, 135, 175, 215, 255};
	if (i < 16) {
		for (int k = 0; k < 3; k++)
			rgb[k] = sys[i][k];
	} else if (i < 232) {
		i -= 16;
		rgb[0] = level[i / 36];
		rgb[1] = level[i / 6 % 6];
		rgb[2] = level[i % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (i - 232);
	}
}

int
color_nearest(int color, int ncolors)
{
	int rgb[3], lo, hi, best = 0;
	long best_d = LONG_MAX;

	if (color == COLOR_DEFAULT || ncolors < 8)
		return COLOR_DEFAULT;
	/* 88 colours, an old xterm build, have another cube: use their first 16 */
	ncolors = ncolors >= 256 ? 256 : ncolors >= 16 ? 16 : 8;
	if (!(color & COLOR_RGB) && color < ncolors)
		return color;
	/* bright-x without the bright half of the palette: the plain x, which
	 * is what an 8-colour terminal shows for bold text anyway */
	if (!(color & COLOR_RGB) && color < 16)
		return color - 8;
	if (color & COLOR_RGB) {
		rgb[0] = (color >> 16) & 0xFF;
		rgb[1] = (color >> 8) & 0xFF;
		rgb[2] = color & 0xFF;
	} else {
		palette_rgb(color, rgb);
	}
	/* On 256 colours, search only the cube and the greys: themes redefine
	 * 0-15, so they are no promise of any particular colour. */
	lo = ncolors == 256 ? 16 : 0;
	hi = ncolors;
	for (int i = lo; i < hi; i++) {
		int p[3];
		long d = 0;
		palette_rgb(i, p);
		for (int k = 0; k < 3; k++)
			d += (long)(p[k] - rgb[k]) * (p[k] - rgb[k]);
		if (d < best_d) {
			best_d = d;
			best = i;
		}
	}
	return best;
}

void
theme_resolve(const struct theme *in, int ncolors, bool no_color, struct theme *out)
{
	for (int e = 0; e < EL_COUNT; e++) {
		out->el[e].attrs = in->el[e].attrs;
		out->el[e].fg = no_color ? COLOR_DEFAULT : color_nearest(in->el[e].fg, ncolors);
		out->el[e].bg = no_color ? COLOR_DEFAULT : color_nearest(in->el[e].bg, ncolors);
	}
}
