/* util.c: allocation wrappers (out of memory is fatal, with a clear line) and
 * the growable buffer every module builds its strings in. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static void
die_oom(void)
{
	fputs("yomu: out of memory\n", stderr);
	exit(1);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

void
xgrow(void *pp, size_t *cap, size_t need, size_t size)
{
	void **p = pp;
	size_t c = *cap;
	if (need <= c)
		return;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > SIZE_MAX / 2)
			die_oom();
		c *= 2;
	}
	if (c > SIZE_MAX / size)
		die_oom();
	*p = xrealloc(*p, c * size);
	*cap = c;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
xfree(void *pp)
{
	void **p = pp;
	free(*p);
	*p = NULL;
}

void
buf_add(struct buf *b, const void *s, size_t n)
{
	xgrow(&b->p, &b->cap, b->len + n + 1, 1);
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

size_t
utf8_put(uint32_t c, char *u)
{
	if (c < 0x80) {
		u[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		u[0] = (char)(0xC0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		u[0] = (char)(0xE0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	u[0] = (char)(0xF0 | (c >> 18));
	u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	u[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

void
buf_addcp(struct buf *b, uint32_t c)
{
	char u[4];
	buf_add(b, u, utf8_put(c, u));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	xgrow(&b->p, &b->cap, b->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *
buf_steal(struct buf *b)
{
	char *p = b->p ? b->p : xstrdup("");
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}

void
buf_free(struct buf *b)
{
	xfree(&b->p);
	b->len = b->cap = 0;
}

size_t
utf8_get(const uint8_t *s, size_t n, uint32_t *c)
{
	uint8_t b = s[0];
	if (b < 0x80) {
		*c = b;
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80) {
		*c = ((uint32_t)(b & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if (b >= 0xE0 && b <= 0xEF && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		uint32_t v = ((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
			*c = v;
			return 3;
		}
	}
	if (b >= 0xF0 && b <= 0xF4 && n >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
	    (s[3] & 0xC0) == 0x80) {
		uint32_t v = ((uint32_t)(b & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
		             ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		if (v >= 0x10000 && v <= 0x10FFFF) {
			*c = v;
			return 4;
		}
	}
	*c = 0xFFFD;
	return 1;
}

uint32_t
utf8_prev(const uint8_t *s, size_t i, size_t *start)
{
	size_t j = i;
	uint32_t c;
	/* Back over at most three continuation bytes, then check that the
	 * sequence really decodes to end at I. */
	while (j > 0 && i - j < 4) {
		j--;
		if ((s[j] & 0xC0) != 0x80)
			break;
	}
	if (utf8_get(s + j, i - j, &c) == i - j) {
		*start = j;
		return c;
	}
	*start = i - 1;
	return 0xFFFD;
}

double
timing_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
timing_report(const char *what, double t0)
{
	const char *e = getenv("YOMU_TIMING");
	if (e && *e && *e != '0')
		fprintf(stderr, "%s: %.3f ms\n", what, (timing_now() - t0) * 1000.0);
}

char *
xdg_path(const char *var, const char *home_default, const char *leaf)
{
	const char *x = getenv(var), *home = getenv("HOME");
	struct buf b = {0};
	/* XDG: an empty or relative value is to be ignored */
	if (x && x[0] == '/')
		buf_printf(&b, "%s/%s", x, leaf);
	else if (home && home[0] == '/')
		buf_printf(&b, "%s/%s/%s", home, home_default, leaf);
	else
		return NULL;
	return buf_steal(&b);
}

int
write_all(int fd, const void *p, size_t n)
{
	const char *s = p;
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		if (w == 0)
			return EIO;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
