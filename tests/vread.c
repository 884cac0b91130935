/* vread.c: a test helper.  Reads pages of text set vertically (--dump
 * --vertical, or a screen) on standard input, pages separated by a line
 * holding a form feed, and prints each page's vertical lines from right to
 * left, one output line each: the characters of its two cells from the top
 * down, vertical forms mapped back (︑→、, ︵→（, 丨→ー) and full-width
 * ASCII made half-width, spaces left out.
 *     vread WIDTH GAP [ROWS]
 * WIDTH is the page's width in cells, GAP the cells between two lines, ROWS
 * how many rows of a page to read (default: all; a screen's last row is
 * its status line).  A line "--" ends each page. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "vertical.h"
#include "width.h"

/* One row of a page as cells: the character starting at each cell (0 for
 * the right half of a wide one or nothing). */
struct rowcells {
	uint32_t *c;
	int n;
};

static void
to_cells(const char *s, size_t len, struct rowcells *r, int width)
{
	size_t i = 0;
	int x = 0;
	r->c = calloc((size_t)width + 2, sizeof *r->c);
	r->n = width;
	while (i < len && x < width) {
		uint32_t c;
		int w;
		i += utf8_get((const uint8_t *)s + i, len - i, &c);
		w = width_cp(c, 1);
		if (w == 0)
			continue;
		r->c[x] = c;
		x += w;
	}
}

static void
put_back(struct buf *out, uint32_t c)
{
	c = vert_unform(c);
	if (c >= 0xFF01 && c <= 0xFF5E)
		c = c - 0xFF01 + 0x21;
	if (c != ' ' && c != 0x3000)
		buf_addcp(out, c);
}

static void
page_out(struct rowcells *rows, int nrows, int width, int gap)
{
	int pitch = VSLOT + gap, lines = width / pitch, x0 = width - lines * pitch;
	for (int j = 0; j < lines; j++) {
		int x = x0 + (lines - 1 - j) * pitch;
		struct buf out = {0};
		for (int y = 0; y < nrows; y++)
			for (int k = 0; k < VSLOT; k++)
				if (rows[y].c[x + k])
					put_back(&out, rows[y].c[x + k]);
		printf("%s\n", out.p ? out.p : "");
		buf_free(&out);
	}
	printf("--\n");
}

int
main(int argc, char **argv)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int width, gap, maxrows;
	struct rowcells *rows = NULL;
	int nrows = 0, rcap = 0;
	if (argc < 3)
		return 2;
	width = atoi(argv[1]);
	gap = atoi(argv[2]);
	maxrows = argc > 3 ? atoi(argv[3]) : 1 << 20;
	for (;;) {
		n = getline(&line, &cap, stdin);
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (n < 0 || strcmp(line, "\f") == 0) {
			page_out(rows, nrows, width, gap);
			for (int i = 0; i < nrows; i++)
				free(rows[i].c);
			nrows = 0;
			if (n < 0)
				break;
			continue;
		}
		if (nrows >= maxrows)
			continue;
		if (nrows == rcap) {
			rcap = rcap ? 2 * rcap : 64;
			rows = realloc(rows, (size_t)rcap * sizeof *rows);
		}
		to_cells(line, (size_t)n, &rows[nrows++], width);
	}
	free(rows);
	free(line);
	return 0;
}
