/* main.c: the command line: options, loading the document (a file, standard
 * input or the built-in chapter), and choosing the view (the screen, --replay,
 * --inspect; --dump and the like are main_stream.c's, books main_book.c's). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "book.h"
#include "doc.h"
#include "docload.h"
#include "format.h"
#include "i18n.h"
#include "inspect.h"
#include "main_impl.h"
#include "keys.h"
#include "replay.h"
#include "state.h"
#include "termenc.h"
#include "text.h"
#include "tui.h"
#include "ui.h"
#include "util.h"
#include "yomu_config.h"

static void
usage(FILE *out)
{
	fprintf(out, _("Usage: %s [OPTION]... [FILE]...\n"), "yomu");
	fputs(_("Read a Japanese document in the terminal.  With no FILE, open the built-in\n"
	        "chapter (Diplomatic Bluebook 2026, chapter 4, section 1); with FILE \"-\",\n"
	        "read standard input.  Several files, or a directory (its text files in\n"
	        "name order), are read as one book.\n\n"),
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
	        "                 search does: width, case and line breaks ignored) and exit;\n"
	        "                 of several files, NAME:COUNT for each\n"
	        "  --regex        PATTERN (--count) and the search prompt are regular\n"
	        "                 expressions (PCRE2), as with search_regex = true\n"
	        "  -w, --width N  width for --dump, 8 to 1000 (default: the terminal's, or 80)\n"
	        "  --ambiguous-width auto|1|2  cells an East Asian ambiguous character\n"
	        "                 (○ ① │ Greek…) takes; auto asks the terminal when the\n"
	        "                 screen opens, and is 1 for --dump and --replay\n"
	        "  --replay KEYS  play KEYS on a screen with no terminal and print the final\n"
	        "                 screen as text: characters are keys, <Name> a named key\n"
	        "                 (<Enter>, <Tab>, <S-Tab>, <Esc>, <Down>, <C-f>, <F1>, <lt>),\n"
	        "                 <resize:WxH> a resize, <click:X,Y> a mouse click; then\n"
	        "                 what the keys copied (y, Y), each after \"-- copied --\"\n"
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
void
main_name_error(const char *name, const char *why)
{
	char *e = text_escaped(name, false);
	fprintf(stderr, "yomu: %s: %s\n", e, why);
	free(e);
}

static int
usage_error(const char *msg, const char *arg)
{
	if (arg)
		main_name_error(arg, msg);
	else
		fprintf(stderr, "yomu: %s\n", msg);
	fprintf(stderr, _("Try 'yomu --help' for more information.\n"));
	return 2;
}

int
main_terminal_width(void)
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

/* An ambiguous width, "auto", "1" or "2": 0, 1 or 2; -1 for anything
 * else. */
static int
parse_amb(const char *s)
{
	if (strcasecmp(s, "auto") == 0)
		return 0;
	if (strcmp(s, "1") == 0 || strcmp(s, "2") == 0)
		return s[0] - '0';
	return -1;
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
       OPT_REGEX, OPT_INSPECT, OPT_AMBIGUOUS, OPT_VERTICAL };

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
	{"ambiguous-width", required_argument, NULL, OPT_AMBIGUOUS},
	{"regex", no_argument, NULL, OPT_REGEX},
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
	case OPT_REGEX:
		o->regex = true;
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
	case OPT_AMBIGUOUS:
		if ((o->amb = parse_amb(arg)) < 0)
			return usage_error(_("the ambiguous width must be auto, 1 or 2"), arg);
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
	o->files = argv + optind;
	o->nfiles = (size_t)(argc - optind);
	o->file = o->nfiles ? o->files[0] : NULL;
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
void
main_join_warning(struct buf *b, const char *w)
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
		main_name_error(path, config_strerror(err));
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

/* The ambiguous width: --ambiguous-width, else YOMU_AMBIGUOUS_WIDTH, else
 * the configuration's; 0 is auto.  A bad YOMU_AMBIGUOUS_WIDTH is a warning
 * in O->amb_warning and is ignored. */
static void
resolve_amb(struct options *o, struct settings *s)
{
	const char *env = getenv("YOMU_AMBIGUOUS_WIDTH");
	int v;
	if (o->amb >= 0) {
		s->ambiguous_width = o->amb;
	} else if (env && *env) {
		if ((v = parse_amb(env)) >= 0) {
			s->ambiguous_width = v;
		} else {
			struct buf b = {0};
			char *q = text_escaped(env, true);
			buf_printf(&b, _("%s: %s must be one of %s"), "YOMU_AMBIGUOUS_WIDTH", q,
			           "auto, 1, 2");
			free(q);
			o->amb_warning = buf_steal(&b);
		}
	}
}

/* The marks' language the configuration asks for, or NULL for the
 * document's own. */
const struct present_words *
main_words_of(const struct settings *s)
{
	return s->doc_lang == 1 ? present_words_of("ja") : s->doc_lang == 2 ? present_words_of("en") : NULL;
}

/* The document's name for the status line: the file's name, or the
 * built-in chapter's title; the caller frees it. */
static char *
doc_name(const struct options *o)
{
	const char *slash;
	if (!o->file)
		return xstrdup("外交青書2026");
	if (strcmp(o->file, "-") == 0)
		return xstrdup(_("standard input"));
	slash = strrchr(o->file, '/');
	return text_escaped(slash && slash[1] ? slash + 1 : o->file, false);
}

/* The ui's options from the configuration's, for a document of FORMAT. */
struct ui_opts
main_ui_opts(const struct settings *s, const char *warning, const struct format *format)
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
		.search_regex = s->search_regex,
		.ruby_hidden = s->ruby_hidden,
		.amb = s->ambiguous_width,
		.vertical = s->vertical,
		.vertical_gap = s->vertical_gap,
		.words = main_words_of(s),
		.warning = warning,
		.format = format ? format->name : NULL,
		.open_command = s->open_command,
		.copy_ruby = s->copy_ruby,
		.copy_command = s->copy_command && *s->copy_command ? s->copy_command : NULL,
		.hyperlinks = s->hyperlinks,
	};
}

static void
print_formats(void)
{
	const struct format *const *f = format_all();
	for (size_t i = 0; f[i]; i++)
		printf("%-10s %s\n", f[i]->name, _(f[i]->summary));
}

/* The built-in chapter: what its text does not say of itself. */
#define BUILTIN_TITLE "外交青書2026"

/* The full-screen reader on D (of FORMAT, or NULL for several; NAME for the
 * status line), opened at *ST (NULL: the top, and nothing is remembered);
 * on return *ST is where the reader was, with its marks.  The rest of D is
 * read between keys by LOADER. */
int
main_show(const struct options *o, struct config *cfg, const struct doc *d, const struct format *format,
          struct ui_loader *loader, struct state_doc *st, const char *warnings, const char *name,
          const struct termenc *te)
{
	struct buf warn = {0};
	struct ui_opts uo;
	int rc;
	/* one line for all the warnings, shown when the screen opens */
	main_join_warning(&warn, cfg->warning);
	main_join_warning(&warn, o->amb_warning);
	main_join_warning(&warn, warnings);
	uo = main_ui_opts(&cfg->set, warn.p, format);
	uo.name = name;
	rc = tui_run(d, &cfg->keys, &uo, &cfg->theme, st, loader, te->term_locale);
	buf_free(&warn);
	return rc;
}

/* Remember DOCS[I] for KEYS[I], I < N, in SDIR in one save, saying on
 * standard error what went wrong. */
void
main_remember(const char *sdir, size_t n, const uint64_t *keys, const struct state_doc *docs)
{
	char *w = NULL;
	int err = state_save(sdir, n, keys, docs, &w);
	if (w)
		fprintf(stderr, "yomu: %s\n", w);
	else if (err)
		main_name_error(sdir, strerror(err));
	free(w);
}

/* The state directory, if reading positions are remembered. */
char *
main_state_dir(const struct options *o, const struct config *cfg)
{
	return cfg->set.state && !o->no_state ? state_dir() : NULL;
}

/* The full-screen reader: the start of the document is read, the rest is
 * read between keys. */
static int
run_screen(const struct options *o, struct config *cfg, struct docload *dl,
           const struct termenc *te)
{
	struct state_doc st;
	struct ui_loader loader = {.step = loader_step, .progress = loader_progress,
	                           .tail = loader_tail, .ctx = dl};
	struct buf warn = {0};
	char *swarn = NULL, *bin, *sdir = main_state_dir(o, cfg), *name = doc_name(o);
	int rc;

	memset(&st, 0, sizeof st);
	if (sdir)
		state_load(sdir, dl->src.key, &st, &swarn); /* not found: the top */
	/* --vertical asks for it now, over how the text was left */
	if (o->vertical)
		st.mode = STATE_MODE_VERTICAL;
	bin = source_warning(&dl->src);
	main_join_warning(&warn, bin);
	main_join_warning(&warn, swarn);
	free(swarn);
	free(bin);
	rc = main_show(o, cfg, dl->d, dl->fmt, &loader, sdir ? &st : NULL, warn.p, name, te);
	if (sdir)
		main_remember(sdir, 1, &dl->src.key, &st);
	free(sdir);
	free(name);
	buf_free(&warn);
	return rc;
}

void
main_report_source(const struct source *src)
{
	char *bin;
	if (src->error)
		fprintf(stderr, "yomu: %s\n", src->error);
	if ((bin = source_warning(src)) != NULL)
		fprintf(stderr, "yomu: %s\n", bin);
	free(bin);
}

/* --replay and --inspect, on the whole document. */
static int
run_whole(const struct options *o, struct config *cfg, struct docload *dl)
{
	struct ui_opts uo = main_ui_opts(&cfg->set, cfg->warning, dl->fmt);
	char *name;
	int rc;
	docload_finish(dl);
	main_report_source(&dl->src);
	if (o->amb_warning)
		fprintf(stderr, "yomu: %s\n", o->amb_warning);
	if (o->mode == MODE_INSPECT)
		return inspect_document(stdout, dl->d, dl->fmt->name, dl->src.encoding) ? 1 : 0;
	/* (the configuration's warning is on its screen) */
	name = doc_name(o);
	uo.name = name;
	rc = replay_run(dl->d, &cfg->keys, &uo, o->replay, o->size_w, o->size_h, o->replay_attrs, NULL,
	                stdout);
	free(name);
	return rc;
}

/* The mode asked for, on the open document. */
static int
run(const struct options *o, struct config *cfg, struct docload *dl, struct termenc *te)
{
	/* a terminal without cursor addressing (TERM=dumb) gets --dump */
	bool screen = o->mode == MODE_AUTO && isatty(STDOUT_FILENO) && tui_has_screen();
	const char *why = termenc_message(te, screen);

	if (screen && why) {
		fprintf(stderr, "yomu: %s\n", why);
		return 1;
	}
	if (!screen) {
		if (why)
			fprintf(stderr, "yomu: %s\n", why);
		/* auto: there is no terminal to ask */
		if (cfg->set.ambiguous_width == 0)
			cfg->set.ambiguous_width = 1;
	}
	/* the screen reads standard input whole first: it finds the reading
	 * position by the content */
	if (screen || (o->mode == MODE_REPLAY && o->replay_stream))
		source_slurp(&dl->src);
	else if (o->mode != MODE_REPLAY && o->mode != MODE_INSPECT)
		return main_run_stream(o, cfg, dl);
	docload_begin(dl, o->format);
	if (!o->file && !dl->d->title)
		doc_set_title(dl->d, BUILTIN_TITLE, strlen(BUILTIN_TITLE));
	if (screen)
		return run_screen(o, cfg, dl, te);
	if (o->mode == MODE_REPLAY && o->replay_stream) {
		/* as the screen reads it: the rest between keys (<idle>) */
		struct ui_loader loader = {.step = loader_step, .progress = loader_progress,
	                           .tail = loader_tail, .ctx = dl};
		struct ui_opts uo = main_ui_opts(&cfg->set, cfg->warning, dl->fmt);
		char *name = doc_name(o);
		int rc;
		uo.name = name;
		rc = replay_run(dl->d, &cfg->keys, &uo, o->replay, o->size_w, o->size_h,
		                o->replay_attrs, &loader, stdout);
		free(name);
		return rc;
	}
	return run_whole(o, cfg, dl);
}

/* The name a file is shown by: its last component, made printable. */
static char *
shown_name(const char *path)
{
	const char *slash;
	if (!path || strcmp(path, "-") == 0)
		return NULL;
	slash = strrchr(path, '/');
	return text_escaped(slash && slash[1] ? slash + 1 : path, false);
}

/* All but the locale's set-up. */
static int
yomu_main(int argc, char **argv, struct options *o, struct termenc *te)
{
	struct config cfg;
	struct docload dl;
	struct doc d;
	char *err = NULL;
	int rc;

	rc = parse_args(argc, argv, o);
	if (rc >= 0)
		return rc;
	if (o->mode == MODE_PRINT_CONFIG || o->mode == MODE_FORMATS) {
		if (o->mode == MODE_FORMATS)
			print_formats();
		else
			fwrite(yomu_default_ini, 1, yomu_default_ini_len, stdout);
		return flush_stdout() ? 0 : 1;
	}
	/* before the document: a bad --config fails fast */
	rc = load_config(o, &cfg);
	if (rc >= 0)
		return rc;
	/* --regex is search_regex = true for this run, --vertical vertical */
	if (o->regex)
		cfg.set.search_regex = true;
	if (o->vertical)
		cfg.set.vertical = true;
	resolve_amb(o, &cfg.set);
	if (o->encoding && !text_encoding_known(o->encoding)) {
		config_free(&cfg);
		return usage_error(_("unknown encoding"), o->encoding);
	}
	if (book_wanted(o->files, o->nfiles)) {
		rc = main_run_book(o, &cfg, te);
		config_free(&cfg);
		return rc ? rc : flush_stdout() ? 0 : 1;
	}
	if (!docload_open(&dl, o->file, o->encoding, &d, &err)) {
		fprintf(stderr, "yomu: %s\n", err);
		free(err);
		config_free(&cfg);
		doc_free(&d);
		return 1;
	}
	d.name = shown_name(o->file);
	rc = run(o, &cfg, &dl, te);
	docload_close(&dl);
	config_free(&cfg);
	doc_free(&d);
	if (rc)
		return rc;
	return flush_stdout() ? 0 : 1;
}

int
main(int argc, char **argv)
{
	struct options o = {.mode = MODE_AUTO, .size_w = 80, .size_h = 24, .amb = -1};
	struct termenc te;
	int rc;

	termenc_init(&te);
	rc = yomu_main(argc, argv, &o, &te);
	free(o.amb_warning);
	termenc_free(&te);
	return rc;
}
