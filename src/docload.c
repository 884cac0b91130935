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

bool
docload_tail(struct docload *l, size_t keep, struct doc *out, uint64_t *from, uint64_t *total)
{
	/* a few screenfuls: enough to find a point to start at */
	size_t want = keep * 4 > DOCLOAD_TAIL_MIN ? keep * 4 : DOCLOAD_TAIL_MIN, len, r;
	char *text;
	if (!l->ps || l->src.size < l->src.done + DOCLOAD_TAIL_SKIP)
		return false;
	text = source_tail(&l->src, want, from, &len);
	if (!text)
		return false;
	r = parse_resync(text, len, keep);
	doc_init(out);
	parse_document(text + r, len - r, out);
	free(text);
	*from += r; /* a byte count of the decoded text: near enough */
	*total = l->src.size;
	return true;
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
