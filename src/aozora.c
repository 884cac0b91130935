/* aozora.c: the Aozora Bunko format (doc/aozora-format.md): the file's
 * parts (the header that names the work, the legend, the body, the
 * colophon), read line by line from pieces of any size; detection, and
 * where a parse can start afresh near the end of a large file.  The
 * notation of a line is aozora_line.c's, its blocks aozora_block.c's. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "aozora.h"
#include "aozora_impl.h"
#include "i18n.h"
#include "scan.h"
#include "util.h"

/* The header is at most this many lines (File layout: Header). */
#define HEADER_MAX 6
/* A legend is looked for over at most this much text: a real one is
 * twenty lines.  Past it, the dashed line was not a legend's. */
#define LEGEND_MAX_LINES 256
#define LEGEND_MAX_BYTES (64u * 1024u)

enum part { PART_HEADER, PART_AFTER_HEADER, PART_LEGEND, PART_BODY };

/* Lines held until what they are is known. */
struct held {
	struct buf text;     /* the lines, each followed by '\n' */
	uint32_t *no;        /* their numbers */
	size_t n, cap;
};

struct parser {
	struct doc *d;
	struct az_conv cv;
	struct az_line L;
	struct az_blocks B;
	enum part part;
	struct held held;    /* the header's lines, or the legend's */
	struct buf partial;  /* a line not ended yet */
	uint32_t no;         /* the last line's number */
	bool fields;         /* the colophon's fields are still read */
	bool field;          /* the last colophon line was a field: a line
	                      * indented after it goes on with it */
};

static void
held_add(struct held *h, const char *s, size_t n, uint32_t no)
{
	buf_add(&h->text, s, n);
	buf_addc(&h->text, '\n');
	xgrow(&h->no, &h->cap, h->n + 1, sizeof *h->no);
	h->no[h->n++] = no;
}

/* Line K of the held lines: its start, *LEN its length. */
static const char *
held_line(const struct held *h, size_t k, size_t *len)
{
	const char *p = h->text.p;
	for (size_t i = 0; i < k; i++)
		p = strchr(p, '\n') + 1;
	*len = (size_t)(strchr(p, '\n') - p);
	return p;
}

static void
held_clear(struct held *h)
{
	h->text.len = 0;
	h->n = 0;
}

/* A line of spaces only (U+0020, U+3000, tabs). */
static bool
blank_line(const char *s, size_t n)
{
	size_t i = 0, len;
	while (i < n) {
		uint32_t c = scan_cp_at(s, n, i, &len);
		if (c != ' ' && c != 0x3000 && c != '\t')
			return false;
		i += len;
	}
	return true;
}

/* A line of ASCII dashes only: the legend's border. */
static bool
dash_line(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '-')
			return false;
	return true;
}

/* ---- the header (File layout: Header) ---- */

/* A header line written in the original's script: ASCII, and JIS X 0208
 * rows 1 and 2, ０–９, Greek and Cyrillic. */
static bool
original_line(const char *s, size_t n)
{
	size_t i = 0, len;
	while (i < n) {
		uint32_t c = scan_cp_at(s, n, i, &len);
		bool ok = c < 0x80 || (c >= 0x3000 && c <= 0x303F) || (c >= 0x309B && c <= 0x309E) ||
		          (c >= 0x30FB && c <= 0x30FE) || (c >= 0xFF01 && c <= 0xFF20) ||
		          (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||
		          (c >= 0xFFE0 && c <= 0xFFE5) || (c >= 0x2010 && c <= 0x2312) ||
		          (c >= 0x25A0 && c <= 0x266F) || (c >= 0x391 && c <= 0x3C9) ||
		          (c >= 0x401 && c <= 0x451) || c == 0xA7 || c == 0xA8 || c == 0xB0 || c == 0xB1 ||
		          c == 0xB4 || c == 0xB6 || c == 0xD7 || c == 0xF7;
		if (!ok)
			return false;
		i += len;
	}
	return true;
}

/* What a person's line is, by its ending. */
static const char *
person_key(const char *s)
{
	size_t n = strlen(s);
	struct {
		const char *end, *key;
	} const ends[] = {{"校訂", "editor"}, {"編集", "editor"}, {"編訳", "editor_translator"},
	                  {"編", "editor"}, {"訳", "translator"}};
	for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
		size_t l = strlen(ends[k].end);
		if (n >= l && memcmp(s + n - l, ends[k].end, l) == 0)
			return ends[k].key;
	}
	return "author";
}

static bool
is_author(const char *s)
{
	return strcmp(person_key(s), "author") == 0;
}

/* The fields of a header of K lines H[0..K-1] (aozora2html
 * Header#build_header_info), KEY[i] for line i; a line keyed "+subtitle"
 * is joined to the subtitle before it. */
static void
header_keys(char **h, size_t k, const char **key)
{
	key[0] = "title";
	if (k == 2) {
		key[1] = person_key(h[1]);
	} else if (k == 3) {
		if (original_line(h[1], strlen(h[1]))) {
			key[1] = "original_title";
			key[2] = person_key(h[2]);
		} else if (is_author(h[2])) {
			key[1] = "subtitle";
			key[2] = "author";
		} else {
			key[1] = "author";
			key[2] = person_key(h[2]);
		}
	} else if (k == 4) {
		key[1] = original_line(h[1], strlen(h[1])) ? "original_title" : "subtitle";
		if (is_author(h[3])) {
			key[2] = strcmp(key[1], "subtitle") == 0 ? "+subtitle" : "subtitle";
			key[3] = "author";
		} else {
			key[2] = "author";
			key[3] = person_key(h[3]);
		}
	} else if (k >= 5) {
		key[1] = "original_title";
		key[2] = "subtitle";
		key[k - 1] = person_key(h[k - 1]);
		if (k == 6)
			key[3] = "original_subtitle";
		if (is_author(h[k - 1]))
			key[k - 2] = "+subtitle"; /* aozora2html rejects this one */
		else
			key[k - 2] = "author";
	}
}

/* The work's title block and its metadata from header lines H[0..K-1]. */
static void
make_title(struct parser *p, char **h, size_t k, uint32_t no)
{
	const char *key[HEADER_MAX] = {0};
	struct buf aux = {0};
	struct block *b;
	header_keys(h, k, key);
	for (size_t i = 0; i < k; i++) {
		if (key[i][0] == '+' && p->d->nmeta && strcmp(p->d->meta[p->d->nmeta - 1].key, key[i] + 1) == 0) {
			struct buf j = {0};
			buf_adds(&j, p->d->meta[p->d->nmeta - 1].value);
			buf_adds(&j, "\u3000");
			buf_adds(&j, h[i]);
			free(p->d->meta[p->d->nmeta - 1].value);
			p->d->meta[p->d->nmeta - 1].value = buf_steal(&j);
		} else {
			doc_add_meta(p->d, key[i][0] == '+' ? key[i] + 1 : key[i], h[i], strlen(h[i]));
		}
		if (i > 0) {
			if (aux.len)
				buf_addc(&aux, '\n');
			buf_adds(&aux, h[i]);
		}
	}
	p->d->title = xstrdup(h[0]);
	if (doc_meta(p->d, "author"))
		p->d->author = xstrdup(doc_meta(p->d, "author"));
	b = doc_add_block(p->d, BLK_TITLE, xstrdup(h[0]), strlen(h[0]));
	b->line = no;
	b->aux = aux.len ? buf_steal(&aux) : NULL;
	buf_free(&aux);
}

static void body_line(struct parser *p, const char *s, size_t n, uint32_t no);

/* The header is known: K of the held lines name the work, the rest
 * (when there are more than a header holds) are the body's. */
static void
end_header(struct parser *p, size_t k)
{
	char *h[HEADER_MAX];
	size_t len;
	for (size_t i = 0; i < k; i++) {
		const char *s = held_line(&p->held, i, &len);
		p->L.header = true;
		az_line_read(&p->L, s, len, p->held.no[i]);
		p->L.header = false;
		h[i] = xstrndup(p->L.text.p, p->L.text.len);
	}
	if (k)
		make_title(p, h, k, p->held.no[0]);
	for (size_t i = 0; i < k; i++)
		free(h[i]);
	for (size_t i = k; i < p->held.n; i++) {
		const char *s = held_line(&p->held, i, &len);
		body_line(p, s, len, p->held.no[i]);
	}
	held_clear(&p->held);
}

/* ---- the colophon (File layout: Colophon) ---- */

static bool
date_line(const char *s, size_t n, const char *word)
{
	size_t i = 0;
	return scan_number(s, n, &i) >= 0 && n >= strlen(word) &&
	       memcmp(s + n - strlen(word), word, strlen(word)) == 0 && scan_find(s, n, "年");
}

/* The colophon's fields from the text of one of its lines. */
static void
colophon_fields(struct parser *p, const char *s, size_t n)
{
	static const struct {
		const char *prefix, *key;
	} fields[] = {{"底本の親本：", "source_parent"}, {"底本：", "source"},
	              {"初出：", "first_published"}, {"入力：", "input_by"}, {"校正：", "proofread_by"}};
	size_t a = scan_skip_spaces(s, n, 0);
	if (scan_has_prefix(s, n, "青空文庫作成ファイル：")) {
		p->fields = false; /* the closing boilerplate */
		return;
	}
	if (a > 0) {
		if (a < n && p->field)
			doc_extend_meta(p->d, s + a, n - a);
		return;
	}
	p->field = true;
	for (size_t k = 0; k < sizeof fields / sizeof *fields; k++)
		if (scan_has_prefix(s, n, fields[k].prefix)) {
			size_t l = strlen(fields[k].prefix);
			doc_add_meta(p->d, fields[k].key, s + l, n - l);
			return;
		}
	p->field = false;
	if (scan_has_prefix(s, n, "※"))
		doc_add_meta(p->d, "notes", s, n);
	else if (date_line(s, n, "作成"))
		doc_add_meta(p->d, "created", s, n - strlen("作成"));
	else if (date_line(s, n, "修正"))
		doc_add_meta(p->d, "revised", s, n - strlen("修正"));
}

/* ---- lines ---- */

static void
body_line(struct parser *p, const char *s, size_t n, uint32_t no)
{
	if (blank_line(s, n)) {
		p->B.blank++;
		return;
	}
	if (!p->B.back && scan_has_prefix(s, n, "底本：")) {
		az_blocks_close_all(&p->B);
		p->B.back = true;
		p->fields = true;
	}
	az_line_read(&p->L, s, n, no);
	if (p->B.back && p->fields)
		colophon_fields(p, p->L.text.p, p->L.text.len);
	if (!p->B.back) {
		az_blocks_line(&p->B, &p->L);
		if (p->B.back) { /* 本文終わり */
			az_blocks_close_all(&p->B);
			p->fields = true;
		}
	} else {
		az_blocks_line(&p->B, &p->L);
	}
}

/* The legend never closed: its lines are the body's. */
static void
legend_is_body(struct parser *p)
{
	size_t len;
	p->part = PART_BODY;
	for (size_t i = 0; i < p->held.n; i++) {
		const char *s = held_line(&p->held, i, &len);
		body_line(p, s, len, p->held.no[i]);
	}
	held_clear(&p->held);
}

static void
one_line(struct parser *p, const char *s, size_t n)
{
	uint32_t no = ++p->no;
	if (n && s[n - 1] == '\r')
		n--;
	switch (p->part) {
	case PART_HEADER:
		if (blank_line(s, n)) {
			p->part = PART_AFTER_HEADER;
			end_header(p, p->held.n);
			return;
		}
		held_add(&p->held, s, n, no);
		if (p->held.n > HEADER_MAX) {
			/* no header: the first line is the title, the rest body */
			p->part = PART_BODY;
			end_header(p, 1);
		}
		return;
	case PART_AFTER_HEADER:
		if (blank_line(s, n))
			return;
		if (dash_line(s, n)) {
			p->part = PART_LEGEND;
			held_add(&p->held, s, n, no);
			return;
		}
		p->part = PART_BODY;
		break;
	case PART_LEGEND:
		held_add(&p->held, s, n, no);
		if (dash_line(s, n)) {
			held_clear(&p->held); /* the legend explains what yomu shows */
			p->part = PART_BODY;
		} else if (p->held.n > LEGEND_MAX_LINES || p->held.text.len > LEGEND_MAX_BYTES) {
			legend_is_body(p);
		}
		return;
	case PART_BODY:
		break;
	}
	body_line(p, s, n, no);
}

static void
set_final(struct parser *p)
{
	p->d->nfinal = p->B.heading >= 0 ? (size_t)p->B.heading : p->d->nblocks;
}

static void *
aozora_begin(struct doc *d)
{
	struct parser *p = xcalloc(1, sizeof *p);
	p->d = d;
	az_line_init(&p->L, d, &p->cv);
	az_blocks_init(&p->B, d);
	return p;
}

static void
aozora_feed(void *st, const char *text, size_t len)
{
	struct parser *p = st;
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		if (!nl) {
			buf_add(&p->partial, text + i, len - i);
			break;
		}
		if (p->partial.len) {
			buf_add(&p->partial, text + i, (size_t)(nl - text) - i);
			one_line(p, p->partial.p, p->partial.len);
			p->partial.len = 0;
		} else {
			one_line(p, text + i, (size_t)(nl - text) - i);
		}
		i = (size_t)(nl - text) + 1;
	}
	set_final(p);
}

static void
aozora_end(void *st)
{
	struct parser *p = st;
	if (p->partial.len)
		one_line(p, p->partial.p, p->partial.len);
	if (p->part == PART_HEADER && p->held.n) {
		/* no blank line at all: the first line is the title */
		p->part = PART_BODY;
		end_header(p, 1);
	} else if (p->part == PART_LEGEND) {
		legend_is_body(p);
	}
	az_blocks_close_all(&p->B);
	doc_complete(p->d);
	/* the readings and notes' pool keeps no spare room either */
	if (p->d->ann.len && p->d->ann.cap > p->d->ann.len + 1) {
		p->d->ann.p = xrealloc(p->d->ann.p, p->d->ann.len + 1);
		p->d->ann.cap = p->d->ann.len + 1;
	}
	az_line_free(&p->L);
	az_conv_free(&p->cv);
	buf_free(&p->partial);
	buf_free(&p->held.text);
	free(p->held.no);
	free(p);
}

/* ---- detection and the tail ---- */

/* A reading: 《 and kana up to 》 after a character that is not a space. */
static bool
kana_reading(const char *s, size_t n, size_t i, size_t *end)
{
	size_t j = i + 3, len, k = 0;
	if (i == 0 || scan_is_space(scan_last_cp(s, i, NULL)) || scan_last_cp(s, i, NULL) == '\n')
		return false;
	while (j < n && k < 20) {
		uint32_t c = scan_cp_at(s, n, j, &len);
		if (c == 0x300B) {
			*end = j + len;
			return k > 0;
		}
		if (!scan_is_kana(c))
			return false;
		j += len;
		k++;
	}
	return false;
}

/* 〔…〕 with an accent spelt in it (Accent decomposition), on one line. */
static bool
accent_bracket(const char *s, size_t n, size_t i)
{
	size_t len;
	for (size_t j = i + 3; j < n && j < i + 200 && s[j] != '\n'; j++) {
		if (scan_has_prefix(s + j, n - j, "〕"))
			return false;
		if (az_accent_at(s, n, j, &len))
			return true;
	}
	return false;
}

static int
aozora_detect(const char *text, size_t len, const char *path)
{
	size_t notes = 0, ruby = 0, i = 0, end;
	const char *p;
	(void)path;
	if (scan_find(text, len, "【テキスト中に現れる記号について】"))
		return 95;
	for (p = text; (p = scan_find(p, len - (size_t)(p - text), "［＃")) != NULL && notes < 100; p += 6)
		notes++;
	for (p = text; (p = scan_find(p, len - (size_t)(p - text), "〔")) != NULL && notes < 100; p += 3)
		notes += accent_bracket(text, len, (size_t)(p - text));
	while ((p = scan_find(text + i, len - i, "《")) != NULL && ruby < 100) {
		i = (size_t)(p - text);
		if (kana_reading(text, len, i, &end))
			ruby++;
		i += 3;
	}
	if (notes && ruby)
		return 90;
	if (notes >= 2 || ruby >= 3)
		return 80;
	if (notes || ruby)
		return 40;
	return 0;
}

/* Where the tail of a large file can be read afresh: at a blank line
 * (the parse then finds no header) before a heading, or else before a
 * paragraph, that leaves KEEP bytes after it. */
static size_t
aozora_resync(const char *text, size_t len, size_t keep)
{
	size_t limit = len > keep ? len - keep : 0, i = 0, blank = SIZE_MAX;
	size_t strong = SIZE_MAX, weak = 0;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - text) : len;
		if (blank_line(text + i, e - i)) {
			if (blank == SIZE_MAX)
				blank = i;
		} else {
			if (blank != SIZE_MAX && blank <= limit) {
				if (scan_find(text + i, e - i, "見出し］"))
					strong = blank;
				else if (scan_has_prefix(text + i, e - i, "\u3000"))
					weak = blank;
			}
			blank = SIZE_MAX;
		}
		if (!nl)
			break;
		i = e + 1;
	}
	return strong != SIZE_MAX ? strong : weak;
}

const struct format format_aozora = {
	"aozora",
	N_("Aozora Bunko text (青空文庫): ruby, annotations, gaiji"),
	aozora_detect,
	aozora_begin,
	aozora_feed,
	aozora_end,
	aozora_resync,
};
