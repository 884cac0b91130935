/* load.c: reading a document in, piece by piece.  Refuses what is not a
 * document (a directory, a FIFO, a device) before the screen starts; reads
 * a regular file as it is needed, so a large one shows at once; converts
 * other encodings with iconv as a stream; cuts pieces at line ends and
 * hands each to the decoder (text.c). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "load.h"
#include "util.h"

extern const unsigned char yomu_chapter[];
extern const size_t yomu_chapter_len;

/* Enough of the start of the input to tell its encoding by. */
#define SAMPLE (64u * 1024u)

/* "yomu: NAME: WHY" on standard error, NAME escaped. */
#define FNV_OFFSET 0xcbf29ce484222325ULL

/* FNV-1a over N more bytes: load_hash in pieces. */
static uint64_t
fnv_update(uint64_t h, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

uint64_t
load_hash(const uint8_t *p, size_t n)
{
	return fnv_update(FNV_OFFSET, p, n) ^ (uint64_t)n;
}

/* Keep the first error: "PATH: reason", the name escaped (nothing in a
 * file's name may drive the terminal the message goes to). */
static void
set_error(struct source *s, const char *what, const char *reason)
{
	struct buf b = {0};
	char *e;
	if (s->error)
		return;
	e = text_escaped(what, false);
	buf_printf(&b, "%s: %s", e, reason);
	free(e);
	s->error = buf_steal(&b);
}

/* Read up to N more bytes of the file into S->raw; false on an error
 * (kept in S->error).  Sets S->eof at the end. */
static bool
read_some(struct source *s, size_t n)
{
	if (s->fd < 0) {
		size_t k = s->nbytes - s->pos < n ? s->nbytes - s->pos : n;
		buf_add(&s->raw, s->bytes + s->pos, k);
		s->pos += k;
		s->done += k;
		if (s->pos == s->nbytes)
			s->eof = true;
		return true;
	}
	xgrow(&s->raw.p, &s->raw.cap, s->raw.len + n + 1, 1);
	while (n > 0) {
		ssize_t r = read(s->fd, s->raw.p + s->raw.len, n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			set_error(s, s->stream ? _("standard input") : s->path, strerror(errno));
			s->eof = true;
			if (s->stream)
				s->key = s->hash ^ s->done; /* of what could be read */
			return false;
		}
		if (r == 0) {
			s->eof = true;
			/* standard input is known by its content, as a whole */
			if (s->stream)
				s->key = s->hash ^ s->done;
			break;
		}
		if (s->stream)
			s->hash = fnv_update(s->hash, (const uint8_t *)s->raw.p + s->raw.len, (size_t)r);
		s->raw.len += (size_t)r;
		s->done += (uint64_t)r;
		n -= (size_t)r;
	}
	s->raw.p[s->raw.len] = '\0';
	return true;
}

/* Move what can be converted from S->raw to S->text. */
static void
convert_raw(struct source *s)
{
	char *ip = s->raw.p;
	size_t left = s->raw.len;

	if (s->utf8) {
		if (s->text.len == 0) {
			/* nothing to convert: the buffers change places */
			struct buf t = s->text;
			s->text = s->raw;
			s->raw = t;
		} else {
			buf_add(&s->text, s->raw.p ? s->raw.p : "", s->raw.len);
		}
		s->raw.len = 0;
		return;
	}
	while (left > 0) {
		char *op;
		size_t room, r;
		xgrow(&s->text.p, &s->text.cap, s->text.len + left * 2 + 64, 1);
		op = s->text.p + s->text.len;
		room = s->text.cap - s->text.len - 1;
		r = iconv((iconv_t)s->cd, &ip, &left, &op, &room);
		s->text.len = (size_t)(op - s->text.p);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL && !s->eof)
			break; /* a character cut by the end of what was read */
		/* a byte that cannot be decoded: one marker, go on after it */
		buf_addcp(&s->text, 0xFFFD);
		s->undecodable++;
		ip++;
		left--;
		iconv((iconv_t)s->cd, NULL, NULL, NULL, NULL);
	}
	memmove(s->raw.p, ip, left);
	s->raw.len = left;
	if (s->text.p)
		s->text.p[s->text.len] = '\0';
}

/* Hand S's error over to *ERR and close S: the open failed. */
static bool
open_failed(struct source *s, char **err)
{
	*err = s->error;
	s->error = NULL;
	source_close(s);
	return false;
}

bool
source_open(struct source *s, const char *path, const char *encoding, char **err)
{
	struct stat st;
	memset(s, 0, sizeof *s);
	s->fd = -1;
	s->first = true;
	s->path = path ? path : "-";
	if (!path) {
		s->bytes = yomu_chapter;
		s->nbytes = yomu_chapter_len;
	} else if (strcmp(path, "-") == 0) {
		/* read as it comes, like a file, but never again (no tail),
		 * its size unknown and its key, from its content, known at
		 * its end */
		s->fd = STDIN_FILENO;
		s->stream = true;
		s->hash = FNV_OFFSET;
	} else {
		int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0) {
			set_error(s, path, strerror(errno));
			return open_failed(s, err);
		}
		if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode) || !S_ISREG(st.st_mode)) {
			int e = errno;
			set_error(s, path, S_ISDIR(st.st_mode) ? strerror(EISDIR)
			                   : !S_ISREG(st.st_mode) ? _("not a regular file")
			                                          : strerror(e));
			close(fd);
			return open_failed(s, err);
		}
		/* regular files never block: plain reads from here */
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		s->fd = fd;
		s->size = (uint64_t)st.st_size;
		/* a file is known by where it is, its size and its time */
		{
			struct buf k = {0};
			char *rp = realpath(path, NULL);
			buf_printf(&k, "%s\n%llu\n%lld.%09ld", rp ? rp : path, (unsigned long long)st.st_size,
			           (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
			s->key = load_hash((const uint8_t *)k.p, k.len);
			free(rp);
			buf_free(&k);
		}
	}
	if (s->fd < 0) {
		s->size = s->nbytes;
		s->key = load_hash(s->bytes, s->nbytes);
	}
	if (s->stream)
		s->size = 0;
	/* the encoding, from the start of the input */
	if (s->fd >= 0 && !read_some(s, SAMPLE))
		return open_failed(s, err);
	if (encoding) {
		s->encoding = encoding;
	} else {
		bool sure;
		if (s->fd >= 0)
			s->encoding = text_guess_encoding((const uint8_t *)(s->raw.p ? s->raw.p : ""),
			                                  s->raw.len, &sure);
		else
			s->encoding = text_guess_encoding(s->bytes, s->nbytes, &sure);
		s->guessed = !sure;
	}
	s->utf8 = strcasecmp(s->encoding, "UTF-8") == 0 || strcasecmp(s->encoding, "UTF8") == 0;
	if (!s->utf8) {
		iconv_t cd = iconv_open("UTF-8", s->encoding);
		if (cd == (iconv_t)-1) {
			set_error(s, s->encoding, _("unknown encoding"));
			return open_failed(s, err);
		}
		s->cd = cd;
	}
	return true;
}

bool
source_slurp(struct source *s)
{
	if (!s->stream || s->fd < 0)
		return true;
	while (!s->eof)
		if (!read_some(s, 1u << 20))
			return false;
	/* what is read but not converted becomes the bytes to read from, as
	 * for the built-in chapter */
	s->owned = s->raw;
	memset(&s->raw, 0, sizeof s->raw);
	s->bytes = (const uint8_t *)(s->owned.p ? s->owned.p : "");
	s->nbytes = s->owned.len;
	s->pos = 0;
	s->done = 0;
	s->size = s->nbytes;
	s->eof = false;
	s->fd = -1;
	return true;
}

char *
source_next(struct source *s, size_t max, size_t *len)
{
	size_t cut = 0, scanned = 0; /* no line end in the text before SCANNED */
	char *out;
	struct decode_stats st;

	for (;;) {
		const char *nl = NULL;
		if (s->raw.len || (s->eof && s->raw.len))
			convert_raw(s);
		if (s->text.len >= max || s->eof) {
			/* the last line end within MAX, or else the first after it;
			 * what was looked at already is not again (a line of
			 * megabytes is read in many turns: linear) */
			size_t lim = s->text.len < max ? s->text.len : max;
			if (lim > scanned)
				nl = memrchr(s->text.p + scanned, '\n', lim - scanned);
			if (!nl && s->text.len > lim) {
				size_t from = lim > scanned ? lim : scanned;
				nl = memchr(s->text.p + from, '\n', s->text.len - from);
			}
			if (!nl)
				scanned = s->text.len;
			if (nl)
				cut = (size_t)(nl - s->text.p) + 1;
			else if (s->eof)
				cut = s->text.len;
			if (cut || s->eof)
				break;
		}
		if (!read_some(s, max > 16384 ? max : 16384)) {
			*len = 0;
			return NULL;
		}
		if (s->eof)
			convert_raw(s);
	}
	if (cut == 0) {
		*len = 0;
		return NULL;
	}
	/* a UTF-16 BOM comes out of iconv as U+FEFF; UTF-8's is skipped by
	 * the decoder, on the first piece only */
	{
		const uint8_t *p = (const uint8_t *)s->text.p;
		size_t skip = 0;
		if (s->first && !s->utf8 && cut >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
			skip = 3;
		out = text_decode_piece(p + skip, cut - skip, s->first, len, &st);
	}
	s->first = false;
	s->stats.invalid += st.invalid;
	s->stats.controls += st.controls;
	s->stats.escapes += st.escapes;
	s->stats.bidi += st.bidi;
	s->stats.nul += st.nul;
	if (st.nul)
		s->binary = true;
	memmove(s->text.p, s->text.p + cut, s->text.len - cut);
	s->text.len -= cut;
	s->text.p[s->text.len] = '\0';
	return out;
}

/* Encodings in which a line end is one byte that no character contains: a
 * read can start at any line end. */
static bool
line_aligned(const struct source *s)
{
	static const char *const ok[] = {"EUC-JP", "EUCJP", "EUC-JP-MS", "CP932", "SHIFT_JIS", "SHIFT-JIS", "SJIS",
	                                 "WINDOWS-31J", "MS_KANJI", "ASCII", "US-ASCII", NULL};
	if (s->utf8)
		return true;
	for (int i = 0; ok[i]; i++)
		if (strcasecmp(s->encoding, ok[i]) == 0)
			return true;
	return false;
}

char *
source_tail(const struct source *s, size_t want, uint64_t *from, size_t *len)
{
	struct buf raw = {0};
	struct decode_stats st;
	uint64_t start;
	const char *nl;
	char *out, *conv = NULL;
	size_t skip, clen, bad;

	if (s->fd < 0 || !line_aligned(s) || s->size <= want)
		return NULL;
	start = s->size - want;
	xgrow(&raw.p, &raw.cap, want + 1, 1);
	while (raw.len < want) {
		ssize_t r = pread(s->fd, raw.p + raw.len, want - raw.len, (off_t)(start + raw.len));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break; /* an error, or the file shrank: the reader proper will say */
		raw.len += (size_t)r;
	}
	nl = raw.len ? memchr(raw.p, '\n', raw.len) : NULL;
	if (!nl) {
		buf_free(&raw);
		return NULL;
	}
	skip = (size_t)(nl - raw.p) + 1;
	if (!s->utf8) {
		conv = text_convert((const uint8_t *)raw.p + skip, raw.len - skip, s->encoding, &clen, &bad);
		out = text_decode_piece((const uint8_t *)conv, clen, false, len, &st);
	} else {
		out = text_decode_piece((const uint8_t *)raw.p + skip, raw.len - skip, false, len, &st);
	}
	free(conv);
	buf_free(&raw);
	*from = start + skip;
	return out;
}

char *
source_warning(const struct source *s)
{
	struct buf w = {0};
	char *name;
	if (!s->binary && !s->guessed)
		return NULL;
	name = text_escaped(s->path, false);
	if (s->binary)
		buf_printf(&w,
		           P_("%s: a binary file (%zu NUL byte): shown with control characters as ^@ marks",
		              "%s: a binary file (%zu NUL bytes): shown with control characters as ^@ marks",
		              s->stats.nul),
		           name, s->stats.nul);
	else /* (of a binary file, the encoding hardly matters) */
		buf_printf(&w, _("%s: the encoding was guessed as %s; if the text looks wrong, try "
		                 "--encoding NAME"),
		           name, s->encoding);
	free(name);
	return buf_steal(&w);
}

void
source_close(struct source *s)
{
	if (s->fd >= 0 && s->fd != STDIN_FILENO)
		close(s->fd);
	s->fd = -1;
	if (s->cd)
		iconv_close((iconv_t)s->cd);
	s->cd = NULL;
	s->bytes = NULL;
	buf_free(&s->owned);
	buf_free(&s->raw);
	buf_free(&s->text);
	xfree(&s->error);
}
