/* canvas.c: the cell grid the screen is drawn on. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "theme.h"
#include "util.h"
#include "width.h"

void
canvas_init(struct canvas *c, int w, int h, int amb)
{
	c->w = w < 1 ? 1 : w;
	c->h = h < 1 ? 1 : h;
	c->amb = amb == 2 ? 2 : 1;
	c->cells = xcalloc((size_t)c->w * (size_t)c->h, sizeof *c->cells);
	c->cur_y = c->cur_x = -1;
	c->links = NULL;
	c->nlinks = c->links_cap = 0;
	canvas_clear(c, EL_BODY);
}

void
canvas_free(struct canvas *c)
{
	for (size_t i = 0; i < c->nlinks; i++)
		free(c->links[i]);
	xfree(&c->links);
	c->nlinks = c->links_cap = 0;
	xfree(&c->cells);
	c->w = c->h = 0;
}

void
canvas_clear(struct canvas *c, int el)
{
	for (int i = 0; i < c->w * c->h; i++)
		c->cells[i] = (struct cell){' ', 0, (uint8_t)el, 1, 0};
	c->cur_y = c->cur_x = -1;
	for (size_t i = 0; i < c->nlinks; i++)
		free(c->links[i]);
	c->nlinks = 0;
}


static struct cell *
at(struct canvas *c, int y, int x)
{
	return &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
}

void
canvas_link(struct canvas *c, int y, int x0, int x1, const char *url)
{
	uint16_t id;
	if (y < 0 || y >= c->h || x0 >= x1)
		return;
	/* the same URL as the last one (a link drawn a cell at a time) */
	if (c->nlinks && strcmp(c->links[c->nlinks - 1], url) == 0) {
		id = (uint16_t)c->nlinks;
	} else {
		if (c->nlinks >= UINT16_MAX)
			return;
		xgrow(&c->links, &c->links_cap, c->nlinks + 1, sizeof *c->links);
		c->links[c->nlinks++] = xstrdup(url);
		id = (uint16_t)c->nlinks;
	}
	for (int x = x0 < 0 ? 0 : x0; x < x1 && x < c->w; x++)
		at(c, y, x)->link = id;
}

/* Writing over half of a wide character blanks its other half. */
static void
unsplit(struct canvas *c, int y, int x)
{
	struct cell *p = at(c, y, x);
	if (p->width == 0 && x > 0) {
		struct cell *l = at(c, y, x - 1);
		l->cp = ' ';
		l->comb = 0;
		l->width = 1;
	} else if (p->width == 2 && x + 1 < c->w) {
		struct cell *r = at(c, y, x + 1);
		r->cp = ' ';
		r->width = 1;
	}
}

int
canvas_put(struct canvas *c, int y, int x, uint32_t cp, int el)
{
	int w;
	if (y < 0 || y >= c->h || x < 0 || x >= c->w)
		return 0;
	w = width_cp(cp, c->amb);
	if (w == 0) {
		/* a combining mark joins the character before it */
		if (x > 0) {
			struct cell *p = at(c, y, x - 1);
			if (p->width == 0 && x > 1)
				p = at(c, y, x - 2);
			if (!p->comb)
				p->comb = cp;
		}
		return 0;
	}
	if (x + w > c->w) {
		unsplit(c, y, x);
		*at(c, y, x) = (struct cell){' ', 0, (uint8_t)el, 1, 0};
		return 0;
	}
	unsplit(c, y, x);
	if (w == 2)
		unsplit(c, y, x + 1);
	*at(c, y, x) = (struct cell){cp, 0, (uint8_t)el, (uint8_t)w, 0};
	if (w == 2)
		*at(c, y, x + 1) = (struct cell){0, 0, (uint8_t)el, 0, 0};
	return w;
}

int
canvas_text(struct canvas *c, int y, int x, int maxx, const char *s, size_t n, int el)
{
	size_t i = 0;
	if (maxx > c->w)
		maxx = c->w;
	while (i < n && x < maxx) {
		uint32_t cp;
		size_t len = utf8_get((const uint8_t *)s + i, n - i, &cp);
		int w = width_cp(cp, c->amb);
		if (cp == '\n')
			break;
		if (x + w > maxx) {
			canvas_fill(c, y, x, maxx, ' ', el);
			return maxx;
		}
		x += canvas_put(c, y, x, cp, el);
		i += len;
	}
	return x;
}

int
canvas_str(struct canvas *c, int y, int x, int maxx, const char *s, int el)
{
	return canvas_text(c, y, x, maxx, s, strlen(s), el);
}

int
canvas_str_cut(struct canvas *c, int y, int x, int maxx, const char *s, int el)
{
	size_t i = 0, n = strlen(s);
	if (x + width_cstr(s, c->amb) <= maxx)
		return canvas_str(c, y, x, maxx, s, el);
	/* as much as fits before one cell for the ellipsis */
	while (i < n) {
		uint32_t cp;
		size_t len = utf8_get((const uint8_t *)s + i, n - i, &cp);
		if (x + width_cp(cp, c->amb) > maxx - 1)
			break;
		x += canvas_put(c, y, x, cp, el);
		i += len;
	}
	return x + canvas_put(c, y, x, 0x2026, el);
}

void
canvas_fill(struct canvas *c, int y, int x0, int x1, uint32_t cp, int el)
{
	for (int x = x0; x < x1;) {
		int w = canvas_put(c, y, x, cp, el);
		x += w ? w : 1;
	}
}

char *
canvas_dump(const struct canvas *c, int attrs)
{
	struct buf b = {0};
	for (int y = 0; y < c->h; y++) {
		size_t keep = b.len;
		for (int x = 0; x < c->w; x++) {
			const struct cell *p = &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
			if (attrs) {
				/* a letter a element: a-z, then A-Z */
				buf_addc(&b, (char)(p->el < 26 ? 'a' + p->el : 'A' + p->el - 26));
				keep = b.len;
				continue;
			}
			if (p->width == 0)
				continue;
			buf_addcp(&b, p->cp);
			if (p->comb)
				buf_addcp(&b, p->comb);
			if (p->cp != ' ')
				keep = b.len;
		}
		b.len = keep;
		buf_addc(&b, '\n');
	}
	return buf_steal(&b);
}
