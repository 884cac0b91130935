/* main.c: the command line: options, loading the document (a file, standard
 * input or the built-in chapter), and choosing the view. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"
#include "docload.h"
#include "dump.h"
#include "format.h"
#include "i18n.h"
#include "inspect.h"
#include "keys.h"
#include "replay.h"
#include "search.h"
#include "state.h"
#include "text.h"
#include "tui.h"
#include "ui.h"
#include "util.h"
#include "vdump.h"
#include "width.h"
#include "yomu_config.h"


enum mode { MODE_AUTO, MODE_DUMP, MODE_TOC, MODE_REPLAY, MODE_PRINT_CONFIG, MODE_CHECK_CONFIG,
            MODE_COUNT, MODE_FORMATS, MODE_INSPECT };

struct options {
	enum mode mode;
	int width; /* 0: the terminal's, or 80 */
	const char *file;
	const char *replay;
	const char *config; /* --config FILE, or NULL for the default place */
	const char *pattern; /* --count */
	const char *encoding; /* --encoding, or NULL to detect it */
	const struct format *format; /* --format, or NULL to detect it */
	bool no_state;
	int size_w, size_h;
	bool replay_attrs;
	bool replay_stream;
	bool vertical;     /* --vertical */
};

static void
usage(FILE *out)
{
	fprintf(out, _("Usage: %s [OPTION]... [FILE]\n"), "yomu");
	fputs(_("Read a Japanese document in the terminal.  With no FILE, open the built-in\n"
	        "chapter (Diplomatic Bluebook 2026, chapter 4, section 1); with FILE \"-\",\n"
	        "read standard input.\n\n"),
	      out);
	fputs(_("  --toc          print the table of contents and exit\n"
	        "  --dump         print the whole document as plain text and exit\n"
	        "  --inspect      print what yomu made of FILE (its format, how many\n"
	        "                 headings, paragraphs, footnotes, ruby and gaiji, and\n"
	        "                 what it did not understand, line by line) and exit;\n"
	        "                 exit status 1 if something was not understood\n"
	        "  --encoding NAME  read FILE in this encoding (UTF-8, UTF-16, CP932,\n"
	        "                 EUC-JP, … any iconv name) instead of detecting it\n"
	        "  --format NAME  read FILE as this format instead of detecting it;\n"
	        "                 --format list lists the formats\n"
	        "  --no-state     neither restore nor remember the reading position\n"
	        "  --count PATTERN  print how many times PATTERN occurs (matched as the\n"
	        "                 search does: width, case and line breaks ignored) and exit\n"
	        "  -w, --width N  width for --dump, 8 to 1000 (default: the terminal's, or 80)\n"
	        "  --replay KEYS  play KEYS on a screen with no terminal and print the final\n"
	        "                 screen as text: characters are keys, <Name> a named key\n"
	        "                 (<Enter>, <Tab>, <S-Tab>, <Esc>, <Down>, <C-f>, <F1>, <lt>),\n"
	        "                 <resize:WxH> a resize, <click:X,Y> a mouse click\n"
	        "  --size WxH     screen size for --replay (default 80x24)\n"
	        "  --replay-attrs with --replay, print each cell's colour element as a letter\n"
	        "  --replay-stream  with --replay, read FILE as the screen does: the first\n"
	        "                 piece before the first key, the rest at <idle> or when a\n"
	        "                 key needs it\n"
	        "  --vertical     set the text vertically (縦書き); with --dump, print pages\n"
	        "                 of --size WxH cells (default 80x24) separated by a line\n"
	        "                 holding a form feed\n"
	        "  -c, --config FILE  read the configuration from FILE instead of\n"
	        "                 $XDG_CONFIG_HOME/yomu/config.ini or ~/.config/yomu/config.ini\n"
	        "  --print-config print the default configuration (every key, colour and\n"
	        "                 option, commented) and exit\n"
	        "  --check-config print the errors of the configuration file to standard\n"
	        "                 output as FILE:LINE: message; exit 1 if there are any\n"
	        "  -h, --help     show this help and exit\n"
	        "  -V, --version  show the version and exit\n"),
	      out);
	fputs(_("\nWith a terminal, yomu opens the document full-screen: press h for help.\n"
	        "When standard output is not a terminal, or one that cannot move its cursor\n"
	        "(TERM=dumb), it prints the document like --dump.\n"),
	      out);
	fputs(_("See yomu(1) for keys and the configuration file.\n"), out);
}

/* "yomu: NAME: WHY" on standard error, NAME (a path, an argument)
 * escaped. */
static void
name_error(const char *name, const char *why)
{
	char *e = text_escaped(name, false);
	fprintf(stderr, "yomu: %s: %s\n", e, why);
	free(e);
}

static int
usage_error(const char *msg, const char *arg)
{
	if (arg)
		name_error(arg, msg);
	else
		fprintf(stderr, "yomu: %s\n", msg);
	fprintf(stderr, _("Try 'yomu --help' for more information.\n"));
	return 2;
}

static int
terminal_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* -w N: 8 to 1000; false if it is not. */
static bool
parse_width(const char *arg, int *width)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < 8 || v > 1000)
		return false;
	*width = (int)v;
	return true;
}

/* --format NAME: "list" lists the formats. */
static int
parse_format(const char *arg, struct options *o)
{
	if (strcmp(arg, "list") == 0) {
		o->mode = MODE_FORMATS;
		return -1;
	}
	o->format = format_by_name(arg);
	return o->format ? -1 : usage_error(_("unknown format (yomu --format list lists them)"), arg);
}

enum { OPT_TOC = 256, OPT_DUMP, OPT_REPLAY, OPT_SIZE, OPT_REPLAY_ATTRS, OPT_REPLAY_STREAM,
       OPT_PRINT_CONFIG, OPT_CHECK_CONFIG, OPT_COUNT, OPT_ENCODING, OPT_FORMAT, OPT_NO_STATE,
       OPT_INSPECT, OPT_VERTICAL };

static const struct option longopts[] = {
	{"toc", no_argument, NULL, OPT_TOC},
	{"dump", no_argument, NULL, OPT_DUMP},
	{"inspect", no_argument, NULL, OPT_INSPECT},
	{"replay", required_argument, NULL, OPT_REPLAY},
	{"size", required_argument, NULL, OPT_SIZE},
	{"replay-attrs", no_argument, NULL, OPT_REPLAY_ATTRS},
	{"replay-stream", no_argument, NULL, OPT_REPLAY_STREAM},
	{"width", required_argument, NULL, 'w'},
	{"config", required_argument, NULL, 'c'},
	{"print-config", no_argument, NULL, OPT_PRINT_CONFIG},
	{"check-config", no_argument, NULL, OPT_CHECK_CONFIG},
	{"count", required_argument, NULL, OPT_COUNT},
	{"encoding", required_argument, NULL, OPT_ENCODING},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"no-state", no_argument, NULL, OPT_NO_STATE},
	{"vertical", no_argument, NULL, OPT_VERTICAL},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

/* The options that choose what yomu does. */
static const struct {
	int opt;
	enum mode mode;
} mode_opts[] = {
	{OPT_TOC, MODE_TOC},
	{OPT_DUMP, MODE_DUMP},
	{OPT_INSPECT, MODE_INSPECT},
	{OPT_COUNT, MODE_COUNT},
	{OPT_REPLAY, MODE_REPLAY},
	{OPT_PRINT_CONFIG, MODE_PRINT_CONFIG},
	{OPT_CHECK_CONFIG, MODE_CHECK_CONFIG},
};

/* One option C with its argument ARG: -1 to go on, or the exit status. */
static int
apply_option(int c, char *arg, struct options *o, char **argv)
{
	for (size_t i = 0; i < sizeof mode_opts / sizeof *mode_opts; i++)
		if (mode_opts[i].opt == c)
			o->mode = mode_opts[i].mode;
	switch (c) {
	case OPT_COUNT:
		o->pattern = arg;
		break;
	case OPT_REPLAY:
		o->replay = arg;
		break;
	case OPT_ENCODING:
		o->encoding = arg;
		break;
	case OPT_FORMAT:
		return parse_format(arg, o);
	case OPT_NO_STATE:
		o->no_state = true;
		break;
	case OPT_SIZE:
		if (!replay_parse_size(arg, &o->size_w, &o->size_h))
			return usage_error(_("size must be WxH, each from 1 to 1000"), arg);
		break;
	case OPT_VERTICAL:
		o->vertical = true;
		break;
	case OPT_REPLAY_ATTRS:
		o->replay_attrs = true;
		break;
	case OPT_REPLAY_STREAM:
		o->replay_stream = true;
		break;
	case 'c':
		o->config = arg;
		break;
	case 'w':
		if (!parse_width(arg, &o->width))
			return usage_error(_("width must be a number from 8 to 1000"), arg);
		break;
	case 'h':
		usage(stdout);
		return 0;
	case 'V':
		printf("yomu %s\n", PACKAGE_VERSION);
		return 0;
	case ':':
		return usage_error(_("option needs an argument"), argv[optind - 1]);
	case OPT_TOC:
	case OPT_DUMP:
	case OPT_INSPECT:
	case OPT_PRINT_CONFIG:
	case OPT_CHECK_CONFIG:
		break;
	default:
		return usage_error(_("unknown option"), argv[optind - 1]);
	}
	return -1;
}

static int
parse_args(int argc, char **argv, struct options *o)
{
	int c, rc;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":w:c:hV", longopts, NULL)) != -1)
		if ((rc = apply_option(c, optarg, o, argv)) >= 0)
			return rc;
	if (optind < argc)
		o->file = argv[optind++];
	if (optind < argc)
		return usage_error(_("only one file can be read"), argv[optind]);
	return -1;
}

/* Write standard output out; false (with a message) if that failed. */
static bool
flush_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "yomu: %s: %s\n", _("standard output"), strerror(errno));
		return false;
	}
	return true;
}

static bool
loader_step(void *ctx, size_t max)
{
	return docload_step(ctx, max);
}

static bool
loader_tail(void *ctx, size_t keep, struct doc *out, uint64_t *from, uint64_t *total)
{
	return docload_tail(ctx, keep, out, from, total);
}

static double
loader_progress(void *ctx)
{
	return docload_progress(ctx);
}

/* Add W to the one-line warning B. */
static void
join_warning(struct buf *b, const char *w)
{
	if (!w)
		return;
	if (b->len)
		buf_adds(b, "; ");
	buf_adds(b, w);
}

/* Load the configuration into C; returns -1 to go on, or the exit status
 * (a --config file that cannot be read, or --check-config done). */
static int
load_config(const struct options *o, struct config *c)
{
	char *path = o->config ? xstrdup(o->config) : config_default_path();
	int err = config_load(c, path, o->config != NULL), rc = -1;

	if (err) {
		name_error(path, config_strerror(err));
		rc = 1;
	} else if (o->mode == MODE_CHECK_CONFIG) {
		for (size_t i = 0; i < c->nmsgs; i++)
			puts(c->msgs[i]);
		rc = flush_stdout() && c->nmsgs == 0 ? 0 : 1;
	}
	free(path);
	if (rc >= 0)
		config_free(c);
	return rc;
}

/* The marks' language the configuration asks for, or NULL for the
 * document's own. */
static const struct present_words *
words_of(const struct settings *s)
{
	return s->doc_lang == 1 ? present_words_of("ja") : s->doc_lang == 2 ? present_words_of("en") : NULL;
}

/* The ui's options from the configuration's, for a document of FORMAT. */
static struct ui_opts
ui_opts_of(const struct settings *s, const char *warning, const struct format *format)
{
	return (struct ui_opts){
		.text_width = s->text_width,
		.toc_width = s->toc_width,
		.toc_visible = s->toc_visible,
		.hanging = s->hanging,
		.mouse = s->mouse,
		.columns_inline = s->columns_inline,
		.wrap_search = s->wrap_search,
		.kana_insensitive = s->kana_insensitive,
		.ruby_hidden = s->ruby_hidden,
		.amb = s->ambiguous_width,
		.vertical = s->vertical,
		.vertical_gap = s->vertical_gap,
		.words = words_of(s),
		.warning = warning,
		.format = format ? format->name : NULL,
		.open_command = s->open_command,
	};
}

static void
print_formats(void)
{
	const struct format *const *f = format_all();
	for (size_t i = 0; f[i]; i++)
		printf("%-10s %s\n", f[i]->name, _(f[i]->summary));
}

/* The full-screen reader: the start of the document is read, the rest is
 * read between keys. */
static int
run_screen(const struct options *o, struct config *cfg, struct docload *dl)
{
	struct state_pos pos = {0, 0, STATE_MODE_NONE}, *pp = NULL;
	struct ui_loader loader = {loader_step, loader_progress, loader_tail, dl};
	struct buf warn = {0};
	char *swarn = NULL, *bin, *sdir = NULL;
	bool remember = cfg->set.state && !o->no_state && (sdir = state_dir()) != NULL;
	struct ui_opts uo;
	int rc;

	if (remember) {
		state_load(sdir, dl->src.key, &pos, &swarn); /* not found: the top */
		/* --vertical asks for it now, over how the text was left */
		if (o->vertical)
			pos.mode = STATE_MODE_VERTICAL;
		pp = &pos;
	}
	/* one line for all the warnings, shown when the screen opens */
	bin = source_warning(&dl->src);
	join_warning(&warn, cfg->warning);
	join_warning(&warn, bin);
	join_warning(&warn, swarn);
	free(swarn);
	free(bin);
	uo = ui_opts_of(&cfg->set, warn.p, dl->fmt);
	rc = tui_run(dl->d, &cfg->keys, &uo, &cfg->theme, pp, &loader);
	if (remember) {
		char *w = NULL;
		int err = state_save(sdir, dl->src.key, &pos, &w);
		if (w)
			fprintf(stderr, "yomu: %s\n", w);
		else if (err)
			name_error(sdir, strerror(err));
		free(w);
	}
	free(sdir);
	buf_free(&warn);
	return rc;
}

/* --replay and --inspect, on the whole document. */
static int
run_whole(const struct options *o, struct config *cfg, struct docload *dl)
{
	struct ui_opts uo = ui_opts_of(&cfg->set, cfg->warning, dl->fmt);
	char *bin;
	docload_finish(dl);
	if (dl->src.error)
		fprintf(stderr, "yomu: %s\n", dl->src.error);
	if ((bin = source_warning(&dl->src)) != NULL)
		fprintf(stderr, "yomu: %s\n", bin);
	free(bin);
	if (o->mode == MODE_INSPECT)
		return inspect_document(stdout, dl->d, dl->fmt->name, dl->src.encoding) ? 1 : 0;
	/* (the configuration's warning is on its screen) */
	return replay_run(dl->d, &cfg->keys, &uo, o->replay, o->size_w, o->size_h, o->replay_attrs, NULL,
	                  stdout);
}

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

static void
stream_emit(void *ctx, struct doc *d)
{
	struct stream_out *so = ctx;
	struct present_opts po = {so->cfg->set.ambiguous_width, words_of(&so->cfg->set), so->cfg->set.ruby_hidden};
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

static int
run_stream(const struct options *o, struct config *cfg, struct docload *dl)
{
	struct stream_out so = {.o = o, .cfg = cfg};
	char *bin;
	so.dopt = (struct dump_opts){o->width ? o->width : terminal_width(), cfg->set.hanging, 0,
	                             {cfg->set.ambiguous_width, words_of(&cfg->set), cfg->set.ruby_hidden},
	                             &so.carry};
	so.carry.prev = BLK_KIND_COUNT;
	if (cfg->set.vertical && o->mode != MODE_TOC && o->mode != MODE_COUNT) {
		struct vdump_opts vo = {o->size_w, o->size_h, cfg->set.vertical_gap, cfg->set.hanging,
		                        so.dopt.pres};
		so.vd = vdump_begin(stdout, &vo);
	}
	if (cfg->warning)
		fprintf(stderr, "yomu: %s\n", cfg->warning);
	docload_windows(dl, o->format, stream_window(), stream_emit, &so);
	vdump_end(&so.vd);
	if (o->mode == MODE_COUNT) {
		/* as timing_report would: the time spent in each, in total */
		timing_report("search index", timing_now() - so.t_index);
		timing_report("count", timing_now() - so.t_count);
		printf("%zu\n", so.count);
	}
	if (so.held.len)
		fwrite(so.held.p, 1, so.held.len, stdout);
	buf_free(&so.held);
	if (dl->src.error)
		fprintf(stderr, "yomu: %s\n", dl->src.error);
	if ((bin = source_warning(&dl->src)) != NULL)
		fprintf(stderr, "yomu: %s\n", bin);
	free(bin);
	return 0;
}

/* The mode asked for, on the open document. */
static int
run(const struct options *o, struct config *cfg, struct docload *dl)
{
	/* a terminal without cursor addressing (TERM=dumb) gets --dump */
	bool screen = o->mode == MODE_AUTO && isatty(STDOUT_FILENO) && tui_has_screen();
	/* the screen reads standard input whole first: it finds the reading
	 * position by the content */
	if (screen || (o->mode == MODE_REPLAY && o->replay_stream))
		source_slurp(&dl->src);
	else if (o->mode != MODE_REPLAY && o->mode != MODE_INSPECT)
		return run_stream(o, cfg, dl);
	docload_begin(dl, o->format);
	if (screen)
		return run_screen(o, cfg, dl);
	if (o->mode == MODE_REPLAY && o->replay_stream) {
		/* as the screen reads it: the rest between keys (<idle>) */
		struct ui_loader loader = {loader_step, loader_progress, loader_tail, dl};
		struct ui_opts uo = ui_opts_of(&cfg->set, cfg->warning, dl->fmt);
		return replay_run(dl->d, &cfg->keys, &uo, o->replay, o->size_w, o->size_h,
		                  o->replay_attrs, &loader, stdout);
	}
	return run_whole(o, cfg, dl);
}

static void
init_i18n(void)
{
	setlocale(LC_ALL, "");
#if ENABLE_NLS
	{
		/* YOMU_LOCALEDIR: a catalogue not yet installed (the tests) */
		const char *dir = getenv("YOMU_LOCALEDIR");
		bindtextdomain(PACKAGE, dir && *dir ? dir : LOCALEDIR);
		textdomain(PACKAGE);
	}
#endif
}

int
main(int argc, char **argv)
{
	struct options o = {.mode = MODE_AUTO, .size_w = 80, .size_h = 24};
	struct config cfg;
	struct docload dl;
	struct doc d;
	char *err = NULL;
	int rc;

	init_i18n();
	rc = parse_args(argc, argv, &o);
	if (rc >= 0)
		return rc;
	if (o.mode == MODE_PRINT_CONFIG || o.mode == MODE_FORMATS) {
		if (o.mode == MODE_FORMATS)
			print_formats();
		else
			fwrite(yomu_default_ini, 1, yomu_default_ini_len, stdout);
		return flush_stdout() ? 0 : 1;
	}
	/* before the document: a bad --config fails fast */
	rc = load_config(&o, &cfg);
	if (rc >= 0)
		return rc;
	if (o.vertical)
		cfg.set.vertical = true;
	if (o.encoding && !text_encoding_known(o.encoding)) {
		config_free(&cfg);
		return usage_error(_("unknown encoding"), o.encoding);
	}
	if (!docload_open(&dl, o.file, o.encoding, &d, &err)) {
		fprintf(stderr, "yomu: %s\n", err);
		free(err);
		config_free(&cfg);
		doc_free(&d);
		return 1;
	}
	rc = run(&o, &cfg, &dl);
	docload_close(&dl);
	config_free(&cfg);
	doc_free(&d);
	if (rc)
		return rc;
	return flush_stdout() ? 0 : 1;
}
