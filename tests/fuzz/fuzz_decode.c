/* fuzz_decode.c: the first layer (src/text.c).  Whatever the bytes, and
 * whatever encoding they are read as, the decoder's output is valid UTF-8
 * with no C0 control but '\n', no DEL, no C1 control and no bidi control:
 * nothing after it can be made to send an escape sequence to the terminal. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "load.h"
#include "text.h"
#include "util.h"

static void
check_decoded(const uint8_t *in, size_t n, const char *what)
{
	struct decode_stats st;
	size_t len = (size_t)-1;
	char *out = text_decode(in, n, &len, &st);
	FUZZ_CHECK(out != NULL, "%s: no output", what);
	FUZZ_CHECK(len != (size_t)-1 && out[len] == '\0', "%s: not NUL-terminated at its length",
	           what);
	FUZZ_CHECK(strlen(out) == len, "%s: a NUL inside the output", what);
	FUZZ_CHECK(st.escapes <= st.controls && st.nul <= st.controls, "%s: stats", what);
	FUZZ_CHECK(st.invalid <= n, "%s: more invalid bytes than input", what);
	fuzz_check_text(out, len, 1, text_is_bidi_control, what);
	free(out);
}

static void
check_converted(const uint8_t *in, size_t n, const char *enc)
{
	size_t len = (size_t)-1, bad = (size_t)-1;
	char *u = text_convert(in, n, enc, &len, &bad);
	FUZZ_CHECK(u != NULL && len != (size_t)-1 && u[len] == '\0', "%s: output", enc);
	FUZZ_CHECK(bad <= n, "%s: more undecodable bytes than input", enc);
	/* iconv's UTF-8 is valid UTF-8, controls and all */
	fuzz_check_text(u, len, 0, NULL, enc);
	check_decoded((const uint8_t *)u, len, enc);
	free(u);
}

/* UTF-8 decoded a piece at a time, each piece cut after a '\n' as load.c
 * cuts them, gives the same text as decoded whole. */
static void
check_pieces(const uint8_t *in, size_t n, const char *whole, size_t wlen, uint8_t every)
{
	struct buf b = {0};
	size_t start = 0, lines = 0;
	bool first = true;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && !(in[i] == '\n' && ++lines % (every % 8 + 1) == 0))
			continue;
		if (i < n)
			i++; /* the piece ends after its newline */
		{
			size_t len;
			char *piece = text_decode_piece(in + start, i - start, first, &len, NULL);
			fuzz_check_text(piece, len, 1, text_is_bidi_control, "piece");
			buf_add(&b, piece, len);
			free(piece);
		}
		first = false;
		start = i;
		if (i == n)
			break;
		i--;
	}
	FUZZ_CHECK(b.len == wlen && (wlen == 0 || memcmp(b.p, whole, wlen) == 0),
	           "decoded in pieces: %zu bytes, whole: %zu bytes", b.len, wlen);
	buf_free(&b);
}

/* The real input path (load.c): the bytes in a file, read and converted
 * as a stream; the pieces are clean, and together the same text as the
 * bytes converted and decoded whole. */
static void
check_source(const uint8_t *in, size_t n, const char *enc, size_t max)
{
	static char path[4096];
	struct source src;
	struct buf b = {0};
	char *piece, *want, *conv = NULL;
	size_t len, wlen, clen, bad;
	int fd;

	if (!path[0]) {
		const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(path, sizeof path, "%s/yomu-fuzz-decode.%ld", base, (long)getpid());
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	FUZZ_CHECK(fd >= 0, "open %s", path);
	FUZZ_CHECK(write(fd, in, n) == (ssize_t)n, "write %s", path);
	close(fd);
	{
		char *err = NULL;
		FUZZ_CHECK(source_open(&src, path, enc, &err), "source_open %s: %s",
		           enc ? enc : "(detect)", err ? err : "");
	}
	while ((piece = source_next(&src, max, &len)) != NULL) {
		fuzz_check_text(piece, len, 1, text_is_bidi_control, "source piece");
		buf_add(&b, piece, len);
		free(piece);
	}
	if (strcmp(src.encoding, "UTF-8") == 0) {
		want = text_decode(in, n, &wlen, NULL);
	} else {
		conv = text_convert(in, n, src.encoding, &clen, &bad);
		want = text_decode((const uint8_t *)conv, clen, &wlen, NULL);
	}
	FUZZ_CHECK(b.len == wlen && (wlen == 0 || memcmp(b.p, want, wlen) == 0),
	           "%s read as a stream: %zu bytes, whole: %zu bytes", src.encoding, b.len, wlen);
	source_close(&src);
	unlink(path);
	free(want);
	free(conv);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact-size copy, so that ASan sees any read past the end */
	uint8_t *in = malloc(size ? size : 1);
	const char *enc;
	if (size)
		memcpy(in, data, size);
	else
		in[0] = 0;
	check_decoded(in, size, "text_decode");
	{
		size_t wlen;
		char *whole = text_decode(in, size, &wlen, NULL);
		check_pieces(in, size, whole, wlen, size ? data[0] : 0);
		free(whole);
	}
	{
		static const char *const forced[] = {NULL, "UTF-8", "CP932", "EUC-JP", "UTF-16LE",
		                                     "UTF-16BE"};
		uint8_t k = size ? data[size - 1] : 0;
		check_source(in, size, NULL, 1 + (size_t)k * 97u % 8192u);
		check_source(in, size, forced[k % 6], 1 + (size_t)k * 31u);
	}
	enc = text_detect_encoding(in, size);
	FUZZ_CHECK(enc && (!strcmp(enc, "UTF-8") || !strcmp(enc, "UTF-16LE") ||
	                   !strcmp(enc, "UTF-16BE") || !strcmp(enc, "CP932") ||
	                   !strcmp(enc, "EUC-JP") || !strcmp(enc, "EUC-JP-MS")),
	           "detected %s", enc ? enc : "(null)");
	if (strcmp(enc, "UTF-8") != 0)
		check_converted(in, size, enc);
	check_converted(in, size, "CP932");
	check_converted(in, size, "EUC-JP");
	check_converted(in, size, "UTF-16LE");
	free(in);
	return 0;
}
