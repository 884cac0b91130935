/* main_stream.c: --dump, --toc and --count of one document, read in
 * windows cut at the format's fresh starts, each written as it comes. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "docload.h"
#include "dump.h"
#include "main_impl.h"
#include "search.h"
#include "search_regex.h"
#include "util.h"
#include "vdump.h"

/* --dump, --toc and --count (and what stands for --dump): the input window
 * by window, each written (or counted) as soon as it is read, in bounded
 * memory whatever the input's size; the same output as the whole
 * document's (the windows are cut where the format starts afresh). */
#define STREAM_WINDOW (2u << 20)

/* The window: YOMU_STREAM_WINDOW bytes if set (from 4 KB up: to see the
 * windows' seams in tests, or to trade memory for fewer of them). */
static size_t
stream_window(void)
{
	const char *e = getenv("YOMU_STREAM_WINDOW");
	char *end;
	unsigned long long n = e && *e ? strtoull(e, &end, 10) : 0;
	if (!n || *end || n < 4096 || n > (1ull << 40))
		return STREAM_WINDOW;
	return (size_t)n;
}

struct stream_out {
	const struct options *o;
	const struct config *cfg;
	struct dump_opts dopt;
	struct dump_carry carry;
	struct doc first;  /* what the first window says of the whole: its language */
	bool have_first;
	size_t count;
	double t_index, t_count; /* --count: the time in each (YOMU_TIMING) */
	struct search_re *re;    /* --count with a regular expression, or NULL */
	char *error;             /* what stopped the regular expression, or NULL */
	struct buf held;   /* --toc: what a window leaves to the next */
	struct vdump *vd;  /* --dump set vertically: its pages go on from window to window */
};

/* What window D leaves to the next about its headings, in CARRY: a
 * chapter was seen (the next starts inside one), and the depth of the
 * last heading (a column at the next one's start sits below it). */
static void
carry_headings(struct doc *carry, const struct doc *d)
{
	struct toc_entry *t;
	size_t n = doc_toc(d, &t);
	for (size_t i = 0; i < d->nblocks && !carry->in_chapter; i++)
		carry->in_chapter = d->blocks[i].kind == BLK_CHAPTER;
	for (size_t i = n; i-- > 0;)
		if (!t[i].column && !t[i].no_body) {
			carry->depth_before = (int8_t)(t[i].depth < 100 ? t[i].depth : 100);
			break;
		}
	free(t);
}

struct dump_opts
main_dump_opts(const struct options *o, const struct config *cfg, struct dump_carry *carry)
{
	const struct settings *s = &cfg->set;
	carry->prev = BLK_KIND_COUNT;
	return (struct dump_opts){o->width ? o->width : main_terminal_width(), s->hanging, 0,
	                          {s->ambiguous_width, main_words_of(s), s->ruby_hidden}, carry};
}

static void
stream_emit(void *ctx, struct doc *d)
{
	struct stream_out *so = ctx;
	struct present_opts po = so->dopt.pres;
	/* the document's language and paragraph style are the first window's */
	if (!so->have_first) {
		memcpy(so->first.lang, d->lang, sizeof d->lang);
		so->first.para_indent = d->para_indent;
		so->have_first = true;
	} else {
		memcpy(d->lang, so->first.lang, sizeof d->lang);
		d->para_indent = so->first.para_indent;
		d->in_chapter = so->first.in_chapter;
		d->depth_before = so->first.depth_before;
	}
	carry_headings(&so->first, d);
	if (so->o->mode == MODE_TOC) {
		dump_toc(stdout, d, &po, &so->held);
	} else if (so->o->mode == MODE_COUNT) {
		struct search_index ix;
		double t0 = timing_now();
		search_index_build(&ix, d, so->cfg->set.kana_insensitive);
		so->t_index += timing_now() - t0;
		t0 = timing_now();
		/* matches never span two blocks, nor two windows */
		if (so->re && !so->error)
			so->count += search_re_count(&ix, so->re, &so->error);
		else if (!so->re)
			so->count += search_count(&ix, so->o->pattern);
		so->t_count += timing_now() - t0;
		search_index_free(&ix);
	} else if (so->vd) {
		vdump_feed(so->vd, d);
	} else {
		dump_document(stdout, d, &so->dopt);
	}
	fflush(stdout);
}

int
main_run_stream(const struct options *o, struct config *cfg, struct docload *dl)
{
	struct stream_out so = {.o = o, .cfg = cfg};
	int rc = 0;
	so.dopt = main_dump_opts(o, cfg, &so.carry);
	/* a bad expression is told before anything is read: exit status 2 */
	if (o->mode == MODE_COUNT && cfg->set.search_regex &&
	    !(so.re = search_re_compile(o->pattern, cfg->set.kana_insensitive, &so.error))) {
		main_name_error(o->pattern, so.error);
		free(so.error);
		return 2;
	}
	if (cfg->set.vertical && o->mode != MODE_TOC && o->mode != MODE_COUNT) {
		struct vdump_opts vo = {o->size_w, o->size_h, cfg->set.vertical_gap, cfg->set.hanging,
		                        so.dopt.pres};
		so.vd = vdump_begin(stdout, &vo);
	}
	if (cfg->warning)
		fprintf(stderr, "yomu: %s\n", cfg->warning);
	if (o->amb_warning)
		fprintf(stderr, "yomu: %s\n", o->amb_warning);
	docload_windows(dl, o->format, stream_window(), stream_emit, &so);
	search_re_free(&so.re);
	vdump_end(&so.vd);
	if (o->mode == MODE_COUNT && so.error) {
		/* PCRE2 gave up (a match limit): no count */
		main_name_error(o->pattern, so.error);
		free(so.error);
		rc = 2;
	} else if (o->mode == MODE_COUNT) {
		/* as timing_report would: the time spent in each, in total */
		timing_report("search index", timing_now() - so.t_index);
		timing_report("count", timing_now() - so.t_count);
		printf("%zu\n", so.count);
	}
	if (so.held.len)
		fwrite(so.held.p, 1, so.held.len, stdout);
	buf_free(&so.held);
	main_report_source(&dl->src);
	return rc;
}
