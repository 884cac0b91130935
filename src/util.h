/* util.h: allocation that never returns NULL, and a growable byte buffer. */
#ifndef YOMU_UTIL_H
#define YOMU_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow *P, an array of *CAP elements of SIZE bytes, to hold at least NEED. */
void xgrow(void *pp, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Free *PP and set it to NULL. */
void xfree(void *pp);

struct buf {
	char *p;       /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};

void buf_add(struct buf *b, const void *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
/* Append code point C as UTF-8. */
void buf_addcp(struct buf *b, uint32_t c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hand the contents to the caller (who frees them); B is left empty. */
char *buf_steal(struct buf *b);
void buf_free(struct buf *b);

/* Encode code point C as UTF-8 into U (4 bytes of room); returns its length. */
size_t utf8_put(uint32_t c, char *u);
/* Decode one UTF-8 character at S (N > 0 bytes available) into *C; returns
 * its length.  Invalid input gives U+FFFD and length 1. */
size_t utf8_get(const uint8_t *s, size_t n, uint32_t *c);
/* The code point before byte offset I (I > 0); sets *START to its offset. */
uint32_t utf8_prev(const uint8_t *s, size_t i, size_t *start);

/* The three-byte character at S[I] if its lead byte is E3-E9 (kana, CJK
 * punctuation and kanji: the bulk of Japanese text), decoded in line for
 * the loops that see every character; 0 if there is none such there. */
static inline uint32_t
utf8_cjk3(const uint8_t *s, size_t n, size_t i)
{
	if (s[i] < 0xE3 || s[i] > 0xE9 || i + 2 >= n || (s[i + 1] & 0xC0) != 0x80 ||
	    (s[i + 2] & 0xC0) != 0x80)
		return 0;
	return ((uint32_t)(s[i] & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
}

/* LEAF under the XDG directory $VAR, or under ~/HOME_DEFAULT when $VAR is
 * unset, empty or relative; NULL without HOME.  The caller frees it. */
char *xdg_path(const char *var, const char *home_default, const char *leaf);

/* Seconds on a monotonic clock. */
/* Write all N bytes to FD (EINTR retried): 0, or the errno of the failure. */
int write_all(int fd, const void *p, size_t n);
/* The value of a hexadecimal digit, or -1. */
int hex_digit(char c);

double timing_now(void);
/* With YOMU_TIMING=1 in the environment, print "WHAT: N ms" since T0 on
 * standard error (for the benchmarks in bench/). */
void timing_report(const char *what, double t0);

#endif
