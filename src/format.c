/* format.c: the table of document formats, detection and the whole-text
 * parse every format gets for free. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <strings.h>

#include "aozora.h"
#include "bluebook.h"
#include "format.h"
#include "plain.h"

/* Room for formats registered at run time. */
#define EXTRA_FORMATS 4

/* The table: one line per format, then the registered ones and a NULL. */
static const struct format *table[3 + EXTRA_FORMATS + 1] = {
	&format_bluebook,
	&format_aozora,
	&format_plain,
};

const struct format *const *
format_all(void)
{
	return table;
}

void
format_register(const struct format *f)
{
	size_t i = 0;
	while (table[i])
		i++;
	if (i + 1 < sizeof table / sizeof *table)
		table[i] = f;
}

const struct format *
format_by_name(const char *name)
{
	for (size_t i = 0; table[i]; i++)
		if (strcasecmp(table[i]->name, name) == 0)
			return table[i];
	return NULL;
}

const struct format *
format_detect(const char *text, size_t len, const char *path)
{
	const struct format *best = table[0];
	int best_score = -1;
	for (size_t i = 0; table[i]; i++) {
		int s = table[i]->detect(text, len, path);
		if (s > best_score) {
			best = table[i];
			best_score = s;
		}
	}
	return best;
}

void
format_parse(const struct format *f, const char *text, size_t len, struct doc *d)
{
	format_parse_after(f, NULL, text, len, d);
}

void
format_parse_after(const struct format *f, const struct doc *prev, const char *text, size_t len,
                   struct doc *d)
{
	void *st;
	doc_init(d);
	if (prev)
		doc_set_decided(d, prev->decided, prev->decided_len);
	st = f->begin(d);
	f->feed(st, text, len);
	f->end(st);
}
