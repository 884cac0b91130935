/* fuzz.h: shared by the libFuzzer targets of tests/fuzz/ and by regress.c,
 * the driver that replays saved inputs without libFuzzer (make check). */
#ifndef YOMU_FUZZ_H
#define YOMU_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An invariant the code promises: a violation is a finding, so abort()
 * (libFuzzer saves the input; the regression driver fails). */
#define FUZZ_CHECK(cond, ...)                                                              \
	do {                                                                                   \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: invariant failed: %s: ", __FILE__, __LINE__, #cond);   \
			fprintf(stderr, __VA_ARGS__);                                                  \
			fputc('\n', stderr);                                                           \
			abort();                                                                       \
		}                                                                                  \
	} while (0)

/* Strict UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF):
 * decode one character of the N > 0 bytes at S into *C; returns its length,
 * or 0 if the bytes there are not valid UTF-8. */
static inline size_t
fuzz_utf8_strict(const uint8_t *s, size_t n, uint32_t *c)
{
	uint32_t v;
	size_t len;
	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, v = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, v = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, v = s[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*c = v;
	return len;
}

/* Abort unless the N bytes at S are valid UTF-8 and, if CLEAN, hold no C0
 * control but '\n', no DEL, no C1 control and no bidi control (IS_BIDI). */
static inline void
fuzz_check_text(const char *s, size_t n, int clean, int (*is_bidi)(uint32_t), const char *what)
{
	const uint8_t *u = (const uint8_t *)s;
	for (size_t i = 0; i < n;) {
		uint32_t c = 0;
		size_t l = fuzz_utf8_strict(u + i, n - i, &c);
		FUZZ_CHECK(l > 0, "%s: invalid UTF-8 at byte %zu (0x%02X)", what, i, u[i]);
		if (clean) {
			FUZZ_CHECK(c == '\n' || c >= 0x20, "%s: C0 control U+%04X at byte %zu", what,
			           (unsigned)c, i);
			FUZZ_CHECK(c != 0x7F, "%s: DEL at byte %zu", what, i);
			FUZZ_CHECK(c < 0x80 || c > 0x9F, "%s: C1 control U+%04X at byte %zu", what,
			           (unsigned)c, i);
			FUZZ_CHECK(!is_bidi || !is_bidi(c), "%s: bidi control U+%04X at byte %zu", what,
			           (unsigned)c, i);
		}
		i += l;
	}
}

#endif
