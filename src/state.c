/* state.c: the reading-position file.  One line per document:
 *     <key, 16 hex digits> <block> <offset> <unix time>[ <field>]...
 * after a first line "yomu-state 2": the position, then fields, each a
 * mark (<letter><block>:<offset>) or <name>=<value>: w=<cells>, the text's
 * measure as changed while reading; m=h or m=v, how the text was set
 * (horizontally, vertically); the names this version does not know (a
 * later version's) are kept as they are.  Version 1 files (no fields)
 * are read as well and written back as version 2.  Here: the format, read
 * and written, and the entries in memory; the file on disk (the lock, the
 * atomic write, a damaged file kept aside) is state_file.c's. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"
#include "state_impl.h"
#include "util.h"

#define STATE_MAGIC "yomu-state 2"
#define STATE_MAGIC_V1 "yomu-state 1"

/* Parse an unsigned decimal or hex number at *P (up to END). */
static bool
read_u64(const char **p, const char *end, int base, uint64_t *v)
{
	const char *s = *p;
	uint64_t x = 0;
	int digits = 0;
	while (s < end) {
		int d;
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else
			break;
		if (x > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			return false;
		x = x * (uint64_t)base + (uint64_t)d;
		digits++;
		s++;
	}
	if (!digits || digits > 20)
		return false;
	*p = s;
	*v = x;
	return true;
}

int
state_mark_index(uint32_t c)
{
	if (c >= 'a' && c <= 'z')
		return (int)(c - 'a');
	if (c >= 'A' && c <= 'Z')
		return (int)(c - 'A') + 26;
	return -1;
}

char
state_mark_letter(int i)
{
	return (char)(i < 26 ? 'a' + i : 'A' + i - 26);
}

/* "<block><SEP><offset>" at *P. */
static bool
read_pos(const char **p, const char *end, char sep, struct state_pos *pos)
{
	uint64_t b, o;
	const char *s = *p;
	if (!read_u64(&s, end, 10, &b) || s >= end || *s++ != sep || !read_u64(&s, end, 10, &o) ||
	    b > UINT32_MAX || o > UINT32_MAX)
		return false;
	pos->block = (uint32_t)b;
	pos->offset = (uint32_t)o;
	*p = s;
	return true;
}

/* A field " name=value": the measure into DOC, another one (a later
 * version's) added to EXTRA as it is.  False if malformed. */
static bool
parse_field(const char *f, const char *e, struct state_doc *doc, struct buf *extra)
{
	const char *eq = memchr(f, '=', (size_t)(e - f)), *v;
	uint64_t w;
	if (!eq || eq == f || eq + 1 == e)
		return false;
	for (const char *c = f; c < eq; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_'))
			return false;
	for (const char *c = eq + 1; c < e; c++)
		if ((unsigned char)*c < 0x21 || *c == 0x7F)
			return false;
	if (eq - f == 1 && *f == 'w') {
		v = eq + 1;
		if (!read_u64(&v, e, 10, &w) || v != e || w > 1000)
			return false;
		doc->measure = (int32_t)w;
		return true;
	}
	if (eq - f == 1 && *f == 'm') {
		if (e - eq != 2 || (eq[1] != 'h' && eq[1] != 'v'))
			return false;
		doc->mode = eq[1] == 'v' ? STATE_MODE_VERTICAL : STATE_MODE_HORIZONTAL;
		return true;
	}
	if (extra) {
		buf_addc(extra, ' ');
		buf_add(extra, f, (size_t)(e - f));
	}
	return true;
}

static bool
parse_line(const char *s, const char *end, uint64_t *key, struct state_doc *doc, int64_t *when,
           struct buf *extra)
{
	uint64_t t;
	memset(doc, 0, sizeof *doc);
	if (extra)
		extra->len = 0;
	if (!read_u64(&s, end, 16, key) || s >= end || *s++ != ' ' ||
	    !read_pos(&s, end, ' ', &doc->pos) || s >= end || *s++ != ' ' ||
	    !read_u64(&s, end, 10, &t) || t > INT64_MAX)
		return false;
	*when = (int64_t)t;
	/* the fields: marks " a12:340 B7:0" (a letter given twice is
	 * malformed) and " name=value" */
	while (s < end) {
		const char *f, *e;
		int m;
		if (*s++ != ' ' || s >= end)
			return false;
		f = s;
		e = memchr(f, ' ', (size_t)(end - f));
		if (!e)
			e = end;
		if (memchr(f, '=', (size_t)(e - f))) {
			if (!parse_field(f, e, doc, extra))
				return false;
			s = e;
			continue;
		}
		if ((m = state_mark_index((unsigned char)*s++)) < 0 || (doc->marks >> m & 1) ||
		    !read_pos(&s, end, ':', &doc->mark[m]) || s != e)
			return false;
		doc->marks |= (uint64_t)1 << m;
	}
	return true;
}

/* The first line: 1 for ours (this version's or the first, which had no
 * marks), 2 for another version's ("yomu-state N"), 0 for anything
 * else. */
static int
header_kind(const char *p, const char *e)
{
	size_t n = strlen(STATE_MAGIC);
	if ((size_t)(e - p) == n &&
	    (memcmp(p, STATE_MAGIC, n) == 0 || memcmp(p, STATE_MAGIC_V1, n) == 0))
		return 1;
	n = strlen("yomu-state ");
	if ((size_t)(e - p) > n && memcmp(p, "yomu-state ", n) == 0)
		return 2;
	return 0;
}

bool
state_parse_text(const char *text, size_t len, state_entry_fn *fn, void *ctx, size_t *bad_line,
                 int *header)
{
	struct buf extra = {0};
	const char *p = text, *end = text + len;
	size_t line = 0;
	*bad_line = 0;
	*header = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		line++;
		if (e > p && e[-1] == '\r')
			e--;
		if (line == 1) {
			*header = header_kind(p, e);
			if (*header != 1) {
				*bad_line = 1;
				buf_free(&extra);
				return false;
			}
		} else if (e > p || !nl) {
			uint64_t key;
			struct state_doc doc;
			int64_t when;
			/* every line ends with a newline: one without is truncated */
			if (nl && parse_line(p, e, &key, &doc, &when, &extra))
				fn(ctx, key, &doc, when, extra.p, extra.len);
			else if (!*bad_line)
				*bad_line = line;
		}
		p = nl ? nl + 1 : end;
	}
	if (line == 0)
		*bad_line = 1;
	buf_free(&extra);
	return *bad_line == 0;
}

struct public_fn {
	void (*fn)(void *ctx, uint64_t key, const struct state_doc *doc, int64_t when);
	void *ctx;
};

static void
call_public(void *ctx, uint64_t key, const struct state_doc *doc, int64_t when, const char *extra,
            size_t n)
{
	struct public_fn *f = ctx;
	(void)extra;
	(void)n;
	f->fn(f->ctx, key, doc, when);
}

bool
state_parse(const char *text, size_t len,
            void (*fn)(void *ctx, uint64_t key, const struct state_doc *doc, int64_t when), void *ctx)
{
	struct public_fn f = {fn, ctx};
	size_t bad;
	int header;
	return state_parse_text(text, len, call_public, &f, &bad, &header);
}

/* ---- the entries in memory ---- */

void
state_entries_add(void *ctx, uint64_t key, const struct state_doc *doc, int64_t when,
                  const char *extra, size_t n)
{
	struct state_entries *es = ctx;
	xgrow(&es->e, &es->cap, es->n + 1, sizeof *es->e);
	es->e[es->n] = (struct state_entry){key, doc->pos, when, es->n, doc->marks, es->npool,
	                                    doc->measure, n ? xstrndup(extra, n) : NULL, false, doc->mode};
	es->n++;
	for (int m = 0; m < STATE_MARKS; m++)
		if (doc->marks >> m & 1) {
			xgrow(&es->pool, &es->pool_cap, es->npool + 1, sizeof *es->pool);
			es->pool[es->npool++] = doc->mark[m];
		}
}

/* Entry E as a struct state_doc. */
void
state_entry_doc(const struct state_entries *es, const struct state_entry *e, struct state_doc *doc)
{
	size_t k = e->pool;
	memset(doc, 0, sizeof *doc);
	doc->pos = e->pos;
	doc->marks = e->marks;
	doc->measure = e->measure;
	doc->mode = e->mode;
	for (int m = 0; m < STATE_MARKS; m++)
		if (e->marks >> m & 1)
			doc->mark[m] = es->pool[k++];
}

void
state_entries_clear(struct state_entries *es)
{
	for (size_t i = 0; i < es->n; i++)
		xfree(&es->e[i].extra);
	es->n = es->npool = 0;
}

void
state_entries_free(struct state_entries *es)
{
	state_entries_clear(es);
	xfree(&es->e);
	xfree(&es->pool);
	es->n = es->npool = es->cap = es->pool_cap = 0;
}

static int
cmp_key_seq(const void *a, const void *b)
{
	const struct state_entry *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
cmp_when(const void *a, const void *b)
{
	const struct state_entry *x = a, *y = b;
	/* newest first; of one second, one being saved, then the file's order
	 * (written newest first) */
	if (x->when != y->when)
		return x->when < y->when ? 1 : -1;
	if (x->fresh != y->fresh)
		return x->fresh ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* One entry per key, the last one, newest first: sorting, so that a file
 * of many lines is not read in quadratic time. */
void
state_entries_settle(struct state_entries *es)
{
	size_t n = 0;
	if (es->n > 1)
		qsort(es->e, es->n, sizeof *es->e, cmp_key_seq);
	for (size_t i = 0; i < es->n; i++) {
		if (n && es->e[n - 1].key == es->e[i].key)
			free(es->e[--n].extra);
		es->e[n++] = es->e[i];
	}
	es->n = n;
	if (es->n > 1)
		qsort(es->e, es->n, sizeof *es->e, cmp_when);
}

/* Keep at most STATE_MAX_ENTRIES entries of ES (settled, newest first),
 * the N keys being saved among them whatever their time. */
void
state_entries_cap(struct state_entries *es, size_t n, const uint64_t *keys)
{
	size_t kept = 0;
	if (es->n <= STATE_MAX_ENTRIES)
		return;
	/* Fuzzing fix (tests/fuzz/crashes/state/): the positions being saved
	 * are always kept, even when the file holds STATE_MAX_ENTRIES entries
	 * dated later (written while the clock was ahead); otherwise they were
	 * dropped and never restored.  Those go first, the others keep their
	 * order after them. */
	for (size_t i = 0; i < es->n; i++) {
		bool saved = false;
		for (size_t j = 0; j < n && !saved; j++)
			saved = es->e[i].key == keys[j];
		if (saved) {
			struct state_entry e = es->e[i];
			memmove(es->e + kept + 1, es->e + kept, (i - kept) * sizeof e);
			es->e[kept++] = e;
		}
	}
	for (size_t i = STATE_MAX_ENTRIES; i < es->n; i++)
		free(es->e[i].extra);
	es->n = STATE_MAX_ENTRIES;
}

/* The text of the file: the header, then ES (newest first), a line each. */
void
state_entries_write(const struct state_entries *es, struct buf *out)
{
	buf_printf(out, "%s\n", STATE_MAGIC);
	for (size_t i = 0; i < es->n; i++) {
		const struct state_entry *e = &es->e[i];
		size_t k = e->pool;
		buf_printf(out, "%016" PRIx64 " %" PRIu32 " %" PRIu32 " %" PRId64, e->key,
		           e->pos.block, e->pos.offset, e->when);
		for (int m = 0; m < STATE_MARKS; m++)
			if (e->marks >> m & 1) {
				buf_printf(out, " %c%" PRIu32 ":%" PRIu32, state_mark_letter(m),
				           es->pool[k].block, es->pool[k].offset);
				k++;
			}
		if (e->measure > 0 && e->measure <= 1000)
			buf_printf(out, " w=%" PRId32, e->measure);
		if (e->mode != STATE_MODE_NONE)
			buf_printf(out, " m=%c", e->mode == STATE_MODE_VERTICAL ? 'v' : 'h');
		buf_printf(out, "%s\n", e->extra ? e->extra : "");
	}
}
