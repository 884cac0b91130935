/* inspect.c: --inspect: what the reader made of a document, read from
 * the model alone, so that it works for every format. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "i18n.h"
#include "inspect.h"

struct counts {
	size_t headings, paras, ruby, gaiji, gaiji_unresolved, notes;
};

static void
count(const struct doc *d, struct counts *c)
{
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct block *b = &d->blocks[i];
		if (b->kind == BLK_CHAPTER || b->kind == BLK_SECTION || b->kind == BLK_HEADING)
			c->headings++;
		else if (b->kind == BLK_PARA)
			c->paras++;
		for (uint32_t s = 0; s < b->nspans; s++) {
			const struct span *sp = &b->spans[s];
			if (sp->kind == SPAN_RUBY)
				c->ruby++;
			else if (sp->kind == SPAN_GAIJI && sp->style == GAIJI_UNRESOLVED)
				c->gaiji_unresolved++;
			else if (sp->kind == SPAN_GAIJI)
				c->gaiji++;
			else if (sp->kind == SPAN_NOTE && sp->style != NOTE_UNKNOWN)
				c->notes++;
		}
	}
}

size_t
inspect_document(FILE *out, const struct doc *d, const char *format, const char *encoding)
{
	struct counts c = {0};
	count(d, &c);
	fprintf(out, _("format: %s\n"), format);
	if (encoding)
		fprintf(out, _("encoding: %s\n"), encoding);
	if (d->title)
		fprintf(out, _("title: %s\n"), d->title);
	if (d->author)
		fprintf(out, _("author: %s\n"), d->author);
	fprintf(out, _("blocks: %zu\n"), d->nblocks);
	fprintf(out, _("headings: %zu\n"), c.headings);
	fprintf(out, _("paragraphs: %zu\n"), c.paras);
	fprintf(out, _("footnotes: %zu\n"), d->nnotes);
	fprintf(out, _("ruby: %zu\n"), c.ruby);
	fprintf(out, _("gaiji: %zu resolved, %zu not resolved\n"), c.gaiji, c.gaiji_unresolved);
	fprintf(out, _("editor's notes: %zu\n"), c.notes);
	fprintf(out, _("not understood: %zu\n"), d->nproblems);
	for (size_t i = 0; i < d->nproblems; i++)
		fprintf(out, _("line %u: %s\n"), (unsigned)d->problems[i].line, d->problems[i].text);
	return d->nproblems;
}
