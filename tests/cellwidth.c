/* cellwidth.c: a test helper.  For each line of standard input, print its
 * width in cells and the cell column of its first "│" (-1 if none), using
 * the program's own width function; ambiguous characters take the cells
 * the first argument says (1, the default, or 2). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "width.h"

int
main(int argc, char **argv)
{
	int amb = argc > 1 && strcmp(argv[1], "2") == 0 ? 2 : 1;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, stdin)) > 0) {
		const uint8_t *s = (const uint8_t *)line;
		size_t len = (size_t)n, i = 0, cells = 0;
		long bar = -1;
		if (len && line[len - 1] == '\n')
			len--;
		while (i < len) {
			uint32_t c;
			size_t l = utf8_get(s + i, len - i, &c);
			if (c == 0x2502 && bar < 0)
				bar = (long)cells;
			cells += (size_t)width_cp(c, amb);
			i += l;
		}
		printf("%zu %ld\n", cells, bar);
	}
	free(line);
	return 0;
}
