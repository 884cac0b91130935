/* search_regex.c: regular expressions over the normalised index (see
 * search_regex.h).  The index's text is NFKC, case folded, its white
 * space collapsed to one space, footnote markers and ruby readings left
 * out (search.c), one block at a time: an expression is applied to each
 * block on its own, as the literal search is, so ^ and $ are a block's
 * start and end and no match spans two blocks.
 *
 * Ruby readings follow a block's text there, each after a NUL: each is
 * searched on its own, and a match in one is found on its base.
 *
 * The pattern is normalised the same way where it is text, and left as
 * it is where it is syntax:
 *   - a run of characters outside ASCII is a literal: normalised as the
 *     index's text is (ＩＣＡＯ → icao, （ → (, ｶﾞ → ガ, katakana to
 *     hiragana when the index folds kana), and what became an ASCII
 *     metacharacter escaped (（UPU） matches the text's "(upu)");
 *   - ASCII capitals fold to small letters (ICAO, [A-Z]), since the text
 *     has none, but not in escapes (\D, \W, \p{Lu}, \x{4E00}, \k<Name>)
 *     nor in the heads of groups ((?<Name>...), (*UTF)); \Q...\E is a
 *     literal throughout;
 *   - a character that normalises to several (㍻ → 平成) stands for all
 *     of them: a quantifier after it applies to the last one, and inside
 *     [...] it stands for each of them.
 * Matching is linear in the index: each block's text is searched once,
 * every match from where the last one ended. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "search_regex.h"
#include "util.h"

/* The JIT's stack grows to this, for expressions that recurse deeply. */
#define RE_JIT_STACK_MAX (1u << 20)
/* Zero bytes after a subject: the JIT reads ahead in 16-byte steps, past
 * the subject's end (never across a page, so it cannot fault, but it
 * reads what is not the subject's, which valgrind rightly reports). */
#define RE_SUBJECT_PAD 64

struct search_re {
	pcre2_code *code;
	char *source;
	bool jit;
};

/* ---- the pattern, normalised ---- */

struct tx {
	const char *p;
	size_t n, i;      /* the pattern, its length, where the scan is */
	size_t ci;        /* the characters of the pattern before I */
	bool kana;
	struct buf out;
	size_t *at;       /* per byte of OUT: the character of the pattern it came from */
	size_t at_cap;
};

static void
tx_put(struct tx *t, const char *s, size_t n, size_t ci)
{
	xgrow(&t->at, &t->at_cap, t->out.len + n, sizeof *t->at);
	for (size_t k = 0; k < n; k++)
		t->at[t->out.len + k] = ci;
	buf_add(&t->out, s, n);
}

/* Copy N bytes of the pattern as they are. */
static void
tx_copy(struct tx *t, size_t n)
{
	if (n > t->n - t->i)
		n = t->n - t->i;
	for (size_t k = 0; k < n; k++) {
		/* a character is counted at its first byte */
		bool first = ((unsigned char)t->p[t->i] & 0xC0) != 0x80;
		tx_put(t, t->p + t->i, 1, first || t->ci == 0 ? t->ci : t->ci - 1);
		t->ci += first;
		t->i++;
	}
}

/* Copy the pattern as it is up to and including the first CLOSE (or to
 * its end). */
static void
tx_copy_to(struct tx *t, char close)
{
	const char *e = memchr(t->p + t->i, close, t->n - t->i);
	tx_copy(t, e ? (size_t)(e - (t->p + t->i)) + 1 : t->n - t->i);
}

/* One ASCII character of syntax: a capital folds. */
static void
tx_ascii(struct tx *t, bool escape_punct)
{
	char c = t->p[t->i];
	if (c >= 'A' && c <= 'Z')
		c = (char)(c - 'A' + 'a');
	if (escape_punct && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) && c != ' ')
		tx_put(t, "\\", 1, t->ci);
	tx_put(t, &c, 1, t->ci);
	t->i++;
	t->ci++;
}

/* A run of characters outside ASCII: a literal, normalised as the index
 * is; ASCII punctuation it turns into is escaped. */
static void
tx_literal(struct tx *t)
{
	size_t j = t->i, nchars = 0, nlen;
	struct buf in = {0};
	char *norm;
	while (j < t->n && (unsigned char)t->p[j] >= 0x80) {
		if (((unsigned char)t->p[j] & 0xC0) != 0x80)
			nchars++;
		j++;
	}
	/* between two underscores, which normalise to themselves and never
	 * compose: a space the run starts or ends with is kept */
	buf_addc(&in, '_');
	buf_add(&in, t->p + t->i, j - t->i);
	buf_addc(&in, '_');
	norm = search_normalize(in.p, in.len, t->kana, &nlen, NULL);
	for (size_t k = 1; k + 1 < nlen; k++) {
		unsigned char c = (unsigned char)norm[k];
		if (c < 0x80 && c != ' ' && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			tx_put(t, "\\", 1, t->ci);
		tx_put(t, norm + k, 1, t->ci);
	}
	free(norm);
	buf_free(&in);
	t->ci += nchars;
	t->i = j;
}

/* \Q...\E: everything a literal. */
static void
tx_quoted(struct tx *t)
{
	t->i += 2;
	t->ci += 2;
	while (t->i < t->n) {
		if (t->p[t->i] == '\\' && t->i + 1 < t->n && t->p[t->i + 1] == 'E') {
			t->i += 2;
			t->ci += 2;
			return;
		}
		if ((unsigned char)t->p[t->i] >= 0x80)
			tx_literal(t);
		else
			tx_ascii(t, true);
	}
}

/* An escape: kept as it is, with what it takes in braces or brackets. */
static void
tx_escape(struct tx *t)
{
	char c, next;
	if (t->i + 1 >= t->n) {
		tx_copy(t, 1);
		return;
	}
	c = t->p[t->i + 1];
	if ((unsigned char)c >= 0x80) {
		/* \あ: the character itself */
		t->i++;
		t->ci++;
		tx_literal(t);
		return;
	}
	if (c == 'Q') {
		tx_quoted(t);
		return;
	}
	tx_copy(t, 2);
	next = t->i < t->n ? t->p[t->i] : '\0';
	if (c == 'c')
		tx_copy(t, 1);
	else if (strchr("xopPNgku", c) && next == '{')
		tx_copy_to(t, '}');
	else if (strchr("gk", c) && (next == '<' || next == '\''))
		tx_copy_to(t, next == '<' ? '>' : '\'');
	else if ((c == 'p' || c == 'P') && next && (unsigned char)next < 0x80)
		tx_copy(t, 1); /* \pL */
}

/* The head of a group: "(?<name>", "(?i)", "(*UTF)" as they are. */
static void
tx_group(struct tx *t)
{
	const char *s = t->p + t->i;
	size_t left = t->n - t->i;
	if (left >= 2 && s[1] == '*') {
		tx_copy_to(t, ')');
		return;
	}
	if (left < 3 || s[1] != '?') {
		tx_copy(t, 1);
		return;
	}
	if (s[2] == '#') {
		tx_copy_to(t, ')');
	} else if (left >= 4 && s[2] == '<' && (s[3] == '=' || s[3] == '!')) {
		tx_copy(t, 4);
	} else if (strchr("=!:|>*", s[2])) {
		tx_copy(t, 3);
	} else if (s[2] == '\'') {
		tx_copy(t, 3);
		tx_copy_to(t, '\'');
	} else {
		/* a name, flags, a number: up to the ':', ')' or '>' that ends it */
		tx_copy(t, 2);
		while (t->i < t->n && (unsigned char)t->p[t->i] < 0x80) {
			char c = t->p[t->i];
			tx_copy(t, 1);
			if (c == ':' || c == ')' || c == '>')
				break;
		}
	}
}

/* [...]: its ranges fold as the text does. */
static void
tx_class(struct tx *t)
{
	tx_copy(t, 1);
	if (t->i < t->n && t->p[t->i] == '^')
		tx_copy(t, 1);
	if (t->i < t->n && t->p[t->i] == ']')
		tx_copy(t, 1);
	while (t->i < t->n && t->p[t->i] != ']') {
		unsigned char c = (unsigned char)t->p[t->i];
		if (c >= 0x80)
			tx_literal(t);
		else if (c == '\\')
			tx_escape(t);
		else if (c == '[' && t->i + 1 < t->n && t->p[t->i + 1] == ':')
			tx_copy_to(t, ']'); /* [:alpha:] */
		else
			tx_ascii(t, false);
	}
	tx_copy(t, 1);
}

static void
tx_run(struct tx *t)
{
	while (t->i < t->n) {
		unsigned char c = (unsigned char)t->p[t->i];
		if (c >= 0x80)
			tx_literal(t);
		else if (c == '\\')
			tx_escape(t);
		else if (c == '(')
			tx_group(t);
		else if (c == '[')
			tx_class(t);
		else
			tx_ascii(t, false);
	}
	buf_add(&t->out, "", 0);
}

/* ---- compiling ---- */

struct search_re *
search_re_compile(const char *pattern, bool kana, char **err)
{
	struct tx t = {0};
	struct search_re *re;
	pcre2_code *code;
	int errcode;
	PCRE2_SIZE erroff;

	*err = NULL;
	t.p = pattern;
	t.n = strlen(pattern);
	t.kana = kana;
	tx_run(&t);
	/* PCRE2_MATCH_INVALID_UTF: a subject is never checked whole before
	 * it is matched (that check took three times the matching on a
	 * large document), and bytes that are not UTF-8, should a block hold
	 * any, never match */
	code = pcre2_compile((PCRE2_SPTR)t.out.p, t.out.len,
	                     PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &errcode, &erroff, NULL);
	if (!code) {
		PCRE2_UCHAR msg[256];
		struct buf e = {0};
		/* the character of the pattern where it went wrong, from 1 */
		size_t at = erroff < t.out.len ? t.at[erroff] + 1 : t.ci;
		if (at > t.ci)
			at = t.ci;
		if (at < 1)
			at = 1;
		if (pcre2_get_error_message(errcode, msg, sizeof msg) < 0)
			strcpy((char *)msg, "?");
		buf_printf(&e, _("bad regular expression at character %zu: %s"), at, (const char *)msg);
		*err = buf_steal(&e);
		buf_free(&t.out);
		free(t.at);
		return NULL;
	}
	re = xcalloc(1, sizeof *re);
	re->code = code;
	re->source = buf_steal(&t.out);
	re->jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
	free(t.at);
	return re;
}

void
search_re_free(struct search_re **rp)
{
	struct search_re *re = *rp;
	if (!re)
		return;
	pcre2_code_free(re->code);
	free(re->source);
	free(re);
	*rp = NULL;
}

const char *
search_re_source(const struct search_re *re)
{
	return re->source;
}

/* ---- matching ---- */

struct re_run {
	pcre2_match_data *md;
	pcre2_match_context *mc;
	pcre2_jit_stack *js;
	void (*fn)(void *ctx, size_t at, uint32_t len);
	void *ctx;
	size_t count;
	int error;       /* the PCRE2 error that stopped the matching, or 0 */
};

/* The matches in one block's text T of N bytes, which starts at norm
 * offset START.  False if matching must stop (RUN->error). */
static bool
re_block(const struct search_re *re, struct re_run *run, const char *t, size_t n, size_t start)
{
	size_t off = 0, last_end = 0;
	while (off <= n) {
		PCRE2_SIZE *ov;
		size_t s, e;
		/* empty matches are not matches: PCRE2 looks on for a longer one */
		int rc = pcre2_match(re->code, (PCRE2_SPTR)t, n, off, PCRE2_NOTEMPTY, run->md, run->mc);
		if (rc == PCRE2_ERROR_NOMATCH)
			return true;
		if (rc < 0) {
			run->error = rc;
			return false;
		}
		ov = pcre2_get_ovector_pointer(run->md);
		s = ov[0];
		e = ov[1];
		/* \K can put a start before the last end: matches never
		 * overlap */
		if (e > s && s >= last_end) {
			if (run->fn)
				run->fn(run->ctx, start + s, (uint32_t)(e - s));
			run->count++;
			last_end = e;
		}
		if (e > off) {
			off = e;
		} else {
			/* on by one character */
			uint32_t c;
			if (off >= n)
				return true;
			off += utf8_get((const uint8_t *)t + off, n - off, &c);
		}
	}
	return true;
}

/* A block's text, then its ruby readings, each after a NUL (search.c):
 * searched apart, so that no match spans two of them, as the literal
 * search has it. */
static bool
re_segments(const struct search_re *re, struct re_run *run, const char *t, size_t n, size_t start)
{
	size_t a = 0;
	while (a <= n) {
		const char *nul = memchr(t + a, '\0', n - a);
		size_t z = nul ? (size_t)(nul - t) : n;
		if (z > a && !re_block(re, run, t + a, z - a, start + a))
			return false;
		if (!nul)
			break;
		a = z + 1;
	}
	return true;
}

static size_t
re_each(const struct search_index *ix, const struct search_re *re,
        void (*fn)(void *ctx, size_t at, uint32_t len), void *ctx, char **err)
{
	struct re_run run = {0};
	struct buf scratch = {0}, subject = {0};
	*err = NULL;
	run.fn = fn;
	run.ctx = ctx;
	run.md = pcre2_match_data_create_from_pattern(re->code, NULL);
	run.mc = pcre2_match_context_create(NULL);
	if (re->jit && (run.js = pcre2_jit_stack_create(32u << 10, RE_JIT_STACK_MAX, NULL)) != NULL)
		pcre2_jit_stack_assign(run.mc, NULL, run.js);
	for (size_t b = 0; run.md && run.mc && b < ix->d->nblocks; b++) {
		size_t n;
		const char *t = search_block_text(ix, b, &scratch, &n);
		if (!n)
			continue;
		/* a copy with zeros after it: a memcpy of the document, a few
		 * milliseconds on 43 MB */
		xgrow(&subject.p, &subject.cap, n + RE_SUBJECT_PAD, 1);
		memcpy(subject.p, t, n);
		memset(subject.p + n, 0, RE_SUBJECT_PAD);
		if (!re_segments(re, &run, subject.p, n, ix->blocks[b].start))
			break;
	}
	if (!run.md || !run.mc)
		run.error = PCRE2_ERROR_NOMEMORY;
	if (run.error) {
		PCRE2_UCHAR msg[256];
		struct buf e = {0};
		if (pcre2_get_error_message(run.error, msg, sizeof msg) < 0)
			strcpy((char *)msg, "?");
		buf_printf(&e, _("the search stopped: %s"), (const char *)msg);
		*err = buf_steal(&e);
	}
	buf_free(&scratch);
	buf_free(&subject);
	if (run.js)
		pcre2_jit_stack_free(run.js);
	if (run.mc)
		pcre2_match_context_free(run.mc);
	if (run.md)
		pcre2_match_data_free(run.md);
	return run.count;
}

struct re_collect {
	size_t *at;
	uint32_t *lens;
	size_t n, cap, lcap;
};

static void
re_collect(void *ctx, size_t at, uint32_t len)
{
	struct re_collect *c = ctx;
	xgrow(&c->at, &c->cap, c->n + 1, sizeof *c->at);
	xgrow(&c->lens, &c->lcap, c->n + 1, sizeof *c->lens);
	c->at[c->n] = at;
	c->lens[c->n++] = len;
}

size_t
search_re_all(const struct search_index *ix, const struct search_re *re, size_t **at,
              uint32_t **lens, char **err)
{
	struct re_collect c = {0};
	re_each(ix, re, re_collect, &c, err);
	*at = c.at;
	*lens = c.lens;
	return c.n;
}

size_t
search_re_count(const struct search_index *ix, const struct search_re *re, char **err)
{
	return re_each(ix, re, NULL, NULL, err);
}
