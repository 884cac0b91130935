/* text.h: the first layer.  Bytes in, clean UTF-8 out: nothing after this
 * layer ever sees an invalid byte, a control character or a bidi control. */
#ifndef YOMU_TEXT_H
#define YOMU_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What the decoder replaced, so the caller can warn. */
struct decode_stats {
	size_t invalid;   /* bytes that were not UTF-8, one U+FFFD each */
	size_t controls;  /* C0, DEL and C1 controls made visible */
	size_t escapes;   /* of which ESC */
	size_t bidi;      /* bidi controls made visible */
	size_t nul;       /* NUL bytes (the input looks binary) */
};

/* The tab stop interval used when expanding tabs. */
#define TEXT_TABSTOP 8

/* Decode N bytes of UTF-8 at IN into a new NUL-terminated string (the caller
 * frees it), its length in *OUTLEN.  A leading BOM is dropped; CRLF, CR,
 * U+2028 and U+2029 become LF; tabs are expanded; invalid bytes become U+FFFD
 * (one per byte); C0 controls other than LF become caret notation (^[ for
 * ESC, so an escape sequence shows as harmless text), DEL becomes ^?, C1
 * controls and bidi controls become <U+XXXX>.  STATS may be NULL. */
char *text_decode(const uint8_t *in, size_t n, size_t *outlen, struct decode_stats *stats);
/* The same for one piece of a longer input, cut at a line end: only the
 * FIRST piece may start with a BOM to skip. */
char *text_decode_piece(const uint8_t *in, size_t n, bool first, size_t *outlen,
                        struct decode_stats *stats);

/* The encoding of N bytes at IN, as an iconv name: "UTF-8" (with or
 * without a BOM, or plain ASCII), "UTF-16LE"/"UTF-16BE" (with a BOM, or
 * without one: by where the zero bytes, or the kana's 0x30 bytes, fall),
 * else "CP932" (Shift_JIS) or "EUC-JP" (or "EUC-JP-MS" where only its NEC
 * and IBM extensions such as ① decode), whichever decodes the start of the
 * input with fewer errors and more Japanese. */
const char *text_detect_encoding(const uint8_t *in, size_t n);
/* The same; *SURE is false when the guess is weak (a legacy encoding with
 * errors or little Japanese, UTF-8 with many bad bytes, UTF-16 told only by
 * its kana): the user may need --encoding. */
const char *text_guess_encoding(const uint8_t *in, size_t n, bool *sure);

/* Whether iconv knows the encoding NAME. */
int text_encoding_known(const char *name);

/* Convert N bytes in encoding ENC to UTF-8 (a new string, the caller frees
 * it; a UTF-16 BOM is dropped).  A byte that cannot be decoded becomes
 * U+FFFD and conversion goes on after it; *BAD counts them. */
char *text_convert(const uint8_t *in, size_t n, const char *enc, size_t *outlen, size_t *bad);

/* True for the bidi controls the decoder neutralises. */
int text_is_bidi_control(uint32_t c);

/* S (a file name, an option's value, a line of a file...) for a message:
 * control characters, bidi controls and invalid UTF-8 become \xNN, so that
 * nothing a user or a file supplies can drive the terminal through
 * standard error or the status line.  In double quotes if QUOTES.  The
 * caller frees it. */
char *text_escaped(const char *s, bool quotes);

#endif
