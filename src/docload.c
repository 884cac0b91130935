/* docload.c: the input layer feeding the parser, a piece at a time. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "docload.h"

bool
docload_open(struct docload *l, const char *path, const char *encoding, struct doc *d)
{
	l->d = d;
	l->ps = NULL;
	doc_init(d);
	if (!source_open(&l->src, path, encoding))
		return false;
	l->ps = parse_begin(d);
	return true;
}

bool
docload_step(struct docload *l, size_t max)
{
	size_t len;
	char *piece;
	if (!l->ps)
		return false;
	piece = source_next(&l->src, max, &len);
	if (!piece) {
		parse_end(&l->ps);
		return false;
	}
	parse_feed(l->ps, piece, len);
	free(piece);
	return true;
}

void
docload_finish(struct docload *l)
{
	while (docload_step(l, 4u << 20))
		;
}

double
docload_progress(const struct docload *l)
{
	if (!l->ps)
		return 1.0;
	if (l->src.size == 0)
		return 0.0;
	return (double)l->src.done / (double)l->src.size;
}

void
docload_close(struct docload *l)
{
	if (l->ps)
		parse_end(&l->ps);
	source_close(&l->src);
}
