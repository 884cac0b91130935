#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
/* width_test.c: width_cp against glibc's wcwidth and against the Unicode
 * EastAsianWidth.txt table, the ambiguous-width switch, and width_str. */

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700	/* wcwidth, clock_gettime */
#endif

#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "tap.h"
#include "width.h"

#define EAW_FILE "/usr/share/unicode/EastAsianWidth.txt"
#define MAX_DIAG 8

/* The ambiguous width the functions are asked with. */
static int amb_cells = 1;

static int
is_surrogate(uint32_t c)
{
	return c >= 0xD800 && c <= 0xDFFF;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
utf8_locale(void)
{
	return setlocale(LC_CTYPE, "C.UTF-8") != NULL
	    || setlocale(LC_CTYPE, "en_US.UTF-8") != NULL;
}

#define UCD_DIR "/usr/share/unicode"

/* Per code point, from Unicode 15.0's UnicodeData.txt, EastAsianWidth.txt
 * and DerivedCoreProperties.txt: 'z' a mark or format control (Mn, Me,
 * Cf) or an unassigned default-ignorable, 'W' East Asian Wide or
 * Fullwidth (with the file's defaults for unassigned CJK code points),
 * 'a' anything else assigned, 0 unassigned.  NULL without the files. */
static char *
load_u15(void)
{
	char *u = calloc(0x110000, 1), line[512];
	FILE *f = fopen(UCD_DIR "/UnicodeData.txt", "r");
	unsigned long first = 0;

	if (!u || !f) {
		free(u);
		if (f)
			fclose(f);
		return NULL;
	}
	while (fgets(line, sizeof line, f)) {
		char *name = strchr(line, ';'), *gc = name ? strchr(name + 1, ';') : NULL;
		unsigned long c = strtoul(line, NULL, 16), lo = c;
		char k;
		if (!gc || c > 0x10FFFF)
			continue;
		if (strstr(name, "First>")) {
			first = c;
			continue;
		}
		if (strstr(name, "Last>"))
			lo = first;
		k = strncmp(gc + 1, "Mn", 2) == 0 || strncmp(gc + 1, "Me", 2) == 0 ||
		    strncmp(gc + 1, "Cf", 2) == 0 ? 'z' : 'a';
		for (unsigned long x = lo; x <= c; x++)
			u[x] = k;
	}
	fclose(f);
	f = fopen(UCD_DIR "/EastAsianWidth.txt", "r");
	while (f && fgets(line, sizeof line, f)) {
		char *end, *semi = strchr(line, ';');
		unsigned long lo = strtoul(line, &end, 16), hi = lo;
		if (line[0] == '#' || !semi)
			continue;
		if (strncmp(end, "..", 2) == 0)
			hi = strtoul(end + 2, NULL, 16);
		if (semi[1] == 'W' || semi[1] == 'F')
			for (unsigned long x = lo; x <= hi && x <= 0x10FFFF; x++)
				if (u[x] == 'a')
					u[x] = 'W';
	}
	if (f)
		fclose(f);
	f = fopen(UCD_DIR "/DerivedCoreProperties.txt", "r");
	while (f && fgets(line, sizeof line, f)) {
		char *end;
		unsigned long lo = strtoul(line, &end, 16), hi = lo;
		if (line[0] == '#' || !strstr(line, "; Default_Ignorable_Code_Point"))
			continue;
		if (strncmp(end, "..", 2) == 0)
			hi = strtoul(end + 2, NULL, 16);
		for (unsigned long x = lo; x <= hi && x <= 0x10FFFF; x++)
			if (!u[x])
				u[x] = 'z';
	}
	if (f)
		fclose(f);
	/* EastAsianWidth.txt's defaults for unassigned code points, and the
	 * emoji blocks, whose next code points will be wide emoji */
	for (uint32_t c = 0; c <= 0x10FFFF; c++)
		if (!u[c] && ((c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
		              (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFD) ||
		              (c >= 0x30000 && c <= 0x3FFFD) || (c >= 0x1F300 && c <= 0x1F64F) ||
		              (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x1FA70 && c <= 0x1FAFF)))
			u[c] = 'W';
	return u;
}

/* The width of C where glibc's wcwidth says -1: none for controls, the
 * line and paragraph separators, noncharacters, marks and format
 * controls; else two for the wide ones, one for the rest (printable,
 * or not yet assigned). */
static int
want_unknown(uint32_t c, const char *u15)
{
	if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2028 || c == 0x2029 ||
	    (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE || u15[c] == 'z')
		return 0;
	return u15[c] == 'W' ? 2 : 1;
}

static void
test_glibc(const char *u15)
{
	long bad = 0, badneg = 0, checked = 0;

	if (!utf8_locale()) {
		tap_ok(1, "# SKIP width_cp == wcwidth: no UTF-8 locale");
		tap_ok(1, "# SKIP where wcwidth is -1: no UTF-8 locale");
		return;
	}
	amb_cells = 1;
	for (uint32_t c = 0; c <= 0x10FFFF; c++) {
		int g, w;

		if (is_surrogate(c))
			continue;
		g = wcwidth((wchar_t)c);
		w = width_cp(c, amb_cells);
		if (g >= 0) {
			checked++;
			if (w != g && bad++ < MAX_DIAG)
				tap_diag("U+%04X: width_cp %d, wcwidth %d",
				    (unsigned)c, w, g);
		} else if (u15 && w != want_unknown(c, u15) && badneg++ < MAX_DIAG) {
			tap_diag("U+%04X: width_cp %d, wcwidth -1, Unicode 15 %d",
			    (unsigned)c, w, want_unknown(c, u15));
		}
	}
	tap_ok(bad == 0, "width_cp == wcwidth on all %ld printable code points "
	    "(%ld mismatches)", checked, bad);
	if (u15)
		tap_ok(badneg == 0, "where wcwidth is -1, width_cp follows Unicode "
		    "15.0 (%ld mismatches)", badneg);
	else
		tap_ok(1, "# SKIP where wcwidth is -1: no " UCD_DIR);
}

/* Where glibc 2.36 (Unicode 14) disagrees with EastAsianWidth.txt 15.0;
 * found by running this test, each with the reason.  (The code points new
 * in Unicode 15 were here too, 0 cells, before width.c gave them Unicode
 * 15's widths.) */
static const struct {
	uint32_t lo, hi;
	const char *why;
} eaw_known[] = {
	{ 0x4DC0, 0x4DFF, "Yijing hexagrams: EAW N, glibc makes them wide" },
};

static const char *
eaw_known_why(uint32_t c)
{
	for (size_t i = 0; i < sizeof eaw_known / sizeof eaw_known[0]; i++)
		if (c >= eaw_known[i].lo && c <= eaw_known[i].hi)
			return eaw_known[i].why;
	return NULL;
}

/* EAW property per code point: 'W', 'F', 'A', 'n' (N, Na, H) or 0 when
 * the line is skipped (unassigned, marks, format and control characters,
 * which are zero-width or unprintable whatever their EAW). */
static int
load_eaw(char *prop, char *amb)
{
	FILE *f = fopen(EAW_FILE, "r");
	char line[512];

	if (!f)
		return 0;
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		char p[4] = "", cat[4] = "";
		char *semi = strchr(line, ';'), *hash = strchr(line, '#');
		char *end;

		if (line[0] == '#' || !semi || !hash)
			continue;
		lo = strtoul(line, &end, 16);
		hi = lo;
		if (strncmp(end, "..", 2) == 0)
			hi = strtoul(end + 2, NULL, 16);
		if (sscanf(semi + 1, " %3[A-Za-z]", p) != 1
		    || sscanf(hash + 1, " %3s", cat) != 1 || hi > 0x10FFFF)
			continue;
		for (unsigned long c = lo; c <= hi; c++)
			amb[c] = strcmp(p, "A") == 0;
		if (cat[0] == 'M' || strcmp(cat, "Cn") == 0
		    || strcmp(cat, "Cf") == 0 || strcmp(cat, "Cc") == 0
		    || strcmp(cat, "Cs") == 0)
			continue;
		for (unsigned long c = lo; c <= hi; c++)
			prop[c] = strcmp(p, "W") == 0 ? 'W'
			    : strcmp(p, "F") == 0 ? 'F'
			    : strcmp(p, "A") == 0 ? 'A' : 'n';
	}
	fclose(f);
	return 1;
}

static void
test_eaw(const char *prop)
{
	long bad_wide = 0, bad_narrow = 0, n_wide = 0, n_narrow = 0;
	long known = 0;

	amb_cells = 1;
	for (uint32_t c = 0; c <= 0x10FFFF; c++) {
		const char *why;
		int w = width_cp(c, amb_cells);
		int wide = prop[c] == 'W' || prop[c] == 'F';
		int fail;

		if (prop[c] == 0 || prop[c] == 'A')
			continue;
		fail = wide ? w != 2 : w > 1;
		if (wide)
			n_wide++;
		else
			n_narrow++;
		if (!fail)
			continue;
		if ((why = eaw_known_why(c)) != NULL) {
			known++;
			continue;
		}
		if ((wide ? bad_wide++ : bad_narrow++) < MAX_DIAG)
			tap_diag("U+%04X: EAW %c, width_cp %d", (unsigned)c,
			    prop[c], w);
	}
	for (size_t i = 0; i < sizeof eaw_known / sizeof eaw_known[0]; i++)
		tap_diag("known deviation U+%04X..U+%04X: %s",
		    (unsigned)eaw_known[i].lo, (unsigned)eaw_known[i].hi,
		    eaw_known[i].why);
	tap_diag("%ld code points skipped as known deviations", known);
	tap_ok(bad_wide == 0, "EAW W/F code points are 2 cells (%ld checked, "
	    "%ld mismatches)", n_wide, bad_wide);
	tap_ok(bad_narrow == 0, "EAW N/Na/H code points are at most 1 cell "
	    "(%ld checked, %ld mismatches)", n_narrow, bad_narrow);
}

/* With the switch on, exactly the EAW A code points that were 1 cell
 * become 2; the fast paths must not bypass this. */
static void
test_amb_table(const char *amb)
{
	long bad = 0, widened = 0;

	for (uint32_t c = 0; c <= 0x10FFFF; c++) {
		int w1, w2, want;

		amb_cells = 1;
		w1 = width_cp(c, amb_cells);
		amb_cells = 2;
		w2 = width_cp(c, amb_cells);
		want = amb[c] && w1 == 1 ? 2 : w1;
		widened += w2 != w1;
		if (w2 != want && bad++ < MAX_DIAG)
			tap_diag("U+%04X: ambiguous=2 gives %d, want %d",
			    (unsigned)c, w2, want);
	}
	amb_cells = 1;
	tap_ok(bad == 0, "ambiguous=2 widens exactly the 1-cell EAW A code "
	    "points (%ld widened, %ld mismatches)", widened, bad);
}

static void
test_ambiguous(void)
{
	static const uint32_t amb[] = { 0x00B0, 0x2460, 0x25A0, 0x2026 };
	static const uint32_t same[] = { 'A', '~', 0x4E00, 0x3042, 0xFF21,
		0xFF76, 0x0301 };
	int ok1 = 1, ok2 = 1, oks = 1;
	int before[sizeof same / sizeof same[0]];

	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
		before[i] = width_cp(same[i], amb_cells);
	amb_cells = 2;
	for (size_t i = 0; i < sizeof amb / sizeof amb[0]; i++) {
		if (width_cp(amb[i], amb_cells) != 2) {
			ok2 = 0;
			tap_diag("U+%04X is %d", (unsigned)amb[i],
			    width_cp(amb[i], amb_cells));
		}
	}
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		if (width_cp(same[i], amb_cells) != before[i]) {
			oks = 0;
			tap_diag("U+%04X changed to %d", (unsigned)same[i],
			    width_cp(same[i], amb_cells));
		}
	}
	tap_ok(ok2, "ambiguous=2: U+00B0 U+2460 U+25A0 U+2026 are 2 cells");
	tap_ok(oks, "ambiguous=2: ASCII, kanji, kana, fullwidth unaffected");
	amb_cells = 1;
	for (size_t i = 0; i < sizeof amb / sizeof amb[0]; i++) {
		if (width_cp(amb[i], amb_cells) != 1) {
			ok1 = 0;
			tap_diag("U+%04X is %d", (unsigned)amb[i],
			    width_cp(amb[i], amb_cells));
		}
		if (utf8_locale() && wcwidth((wchar_t)amb[i]) != 1) {
			ok1 = 0;
			tap_diag("glibc says U+%04X is %d", (unsigned)amb[i],
			    wcwidth((wchar_t)amb[i]));
		}
	}
	tap_ok(ok1, "ambiguous=1: the same four are 1 cell, as in glibc");
	ok1 = width_cp(0x2460, 0) == 1 && width_cp(0x2460, 7) == 1;
	tap_ok(ok1, "any ambiguous width but 2 is one cell");
}

static void
test_specific(void)
{
	static const struct {
		uint32_t c;
		int w;
		const char *name;
	} t[] = {
		{ 0x3248, 2, "CIRCLED NUMBER TEN ON BLACK SQUARE" },
		{ 0x324F, 2, "CIRCLED NUMBER EIGHTY ON BLACK SQUARE" },
		{ 0x4DC0, 2, "HEXAGRAM FOR THE CREATIVE HEAVEN" },
		{ 0x00AD, 1, "SOFT HYPHEN" },
		{ 0x0600, 1, "ARABIC NUMBER SIGN" },
		{ 0x200B, 0, "ZERO WIDTH SPACE" },
		{ 0x3000, 2, "IDEOGRAPHIC SPACE" },
		{ 'A', 1, "LATIN CAPITAL LETTER A" },
		{ 0x3042, 2, "HIRAGANA LETTER A" },
		{ 0x0301, 0, "COMBINING ACUTE ACCENT" },
		{ 0xFF21, 2, "FULLWIDTH LATIN CAPITAL LETTER A" },
		{ 0xFF76, 1, "HALFWIDTH KATAKANA LETTER KA" },
		{ 0x1F600, 2, "GRINNING FACE" },
		{ 0x0007, 0, "BELL (control)" },
		{ 0xD800, 0, "lone surrogate" },
		{ 0x110000, 0, "beyond U+10FFFF" },
		/* unknown to glibc 2.36 (Unicode 14) */
		{ 0x1FAE8, 2, "SHAKING FACE (Unicode 15)" },
		{ 0x1F6DC, 2, "WIRELESS (Unicode 15)" },
		{ 0x31350, 2, "CJK Extension H (Unicode 15)" },
		{ 0x1FAF9, 2, "unassigned, in an emoji block" },
		{ 0x2FFF0, 2, "unassigned, in plane 2" },
		{ 0x0378, 1, "unassigned BMP code point" },
		{ 0x10D40, 1, "unassigned, outside wide blocks" },
		{ 0x11F00, 0, "KAWI SIGN CANDRABINDU (a mark, Unicode 15)" },
		{ 0x1E08F, 0, "COMBINING CYRILLIC BYELORUSSIAN-UKRAINIAN I (Unicode 15)" },
		{ 0x13439, 0, "EGYPTIAN HIEROGLYPH INSERT AT MIDDLE (a format control, Unicode 15)" },
		{ 0xE0080, 0, "unassigned, a default-ignorable (tags block)" },
		{ 0xFDD0, 0, "noncharacter" },
		{ 0x10FFFF, 0, "noncharacter" },
	};

	amb_cells = 1;
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int w = width_cp(t[i].c, amb_cells);

		tap_ok(w == t[i].w, "U+%04X %s: %d (want %d)", (unsigned)t[i].c,
		    t[i].name, w, t[i].w);
	}
}

static size_t
str_width(const char *s)
{
	return width_str((const uint8_t *)s, strlen(s), amb_cells);
}

static void
test_str(void)
{
	const char *mixed = "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E" "abc"
	    "\xE2\x91\xA0";	/* 日本語abc① */
	size_t w;

	amb_cells = 1;
	w = str_width(mixed);
	tap_ok(w == 10, "width_str(\"日本語abc①\") = %zu (want 10)", w);
	amb_cells = 2;
	w = str_width(mixed);
	amb_cells = 1;
	tap_ok(w == 11, "width_str(\"日本語abc①\") with ambiguous=2 = %zu "
	    "(want 11)", w);
	/* 3 letters, and each bad byte is 1 cell: a stray 0xFF, a truncated
	 * あ (E3 81), an overlong '/' (C0 AF), an encoded surrogate
	 * (ED A0 80). */
	w = str_width("a\xFF" "b" "\xE3\x81" "c" "\xC0\xAF" "\xED\xA0\x80");
	tap_ok(w == 11, "width_str on invalid UTF-8 = %zu (want 11)", w);
	/* A real U+FFFD is ambiguous; an invalid byte stays 1 cell. */
	amb_cells = 2;
	w = str_width("\xEF\xBF\xBD") * 10 + str_width("\xFE");
	amb_cells = 1;
	tap_ok(w == 21, "ambiguous=2: U+FFFD is 2, an invalid byte still 1");
	/* N cuts あ in half: the leftover lead bytes count as invalid. */
	w = width_str((const uint8_t *)"a\xE3\x81\x82", 3, amb_cells);
	tap_ok(w == 3 && str_width("") == 0 && str_width("\t\n") == 0,
	    "width_str honours N; empty and control-only strings are 0");
}

static void
test_speed(void)
{
	volatile unsigned long sink = 0;
	double t0 = now(), dt;

	for (uint32_t c = 0; c <= 0x10FFFF; c++)
		sink += (unsigned long)width_cp(c, amb_cells);
	dt = now() - t0;
	tap_diag("width_cp over U+0000..U+10FFFF: %.3f s", dt);
	(void)sink;
}

int
main(void)
{
	char *prop = calloc(0x110000, 1), *amb = calloc(0x110000, 1), *u15 = load_u15();

	if (!prop || !amb)
		return 99;
	test_glibc(u15);
	if (load_eaw(prop, amb)) {
		test_eaw(prop);
		test_amb_table(amb);
	} else {
		tap_ok(1, "# SKIP EAW W/F are 2 cells: no " EAW_FILE);
		tap_ok(1, "# SKIP EAW N/Na/H are at most 1 cell: no " EAW_FILE);
		tap_ok(1, "# SKIP ambiguous=2 widens EAW A: no " EAW_FILE);
	}
	test_ambiguous();
	test_specific();
	test_str();
	test_speed();
	free(prop);
	free(amb);
	free(u15);
	return tap_done();
}
