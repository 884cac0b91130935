#!/bin/sh
# cli.sh: the command line: help, version, usage errors, file errors, standard
# input, hostile input, and --dump when stdout is not a terminal.
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"

out=$("$YOMU" --help); st=$?
ok $st "--help exits 0"
case $out in *--dump*--width*) ok 0 "--help lists the options" ;; *) ok 1 "--help lists the options" ;; esac
is "$("$YOMU" --version)" "yomu 0.1.0" "--version"

"$YOMU" --width 7 --dump >/dev/null 2>"$TMPDIR_T/err"; st=$?
is "$st" 2 "a width below 8 is a usage error (status 2)"
is "$(head -n 1 "$TMPDIR_T/err")" "yomu: 7: width must be a number from 8 to 1000" "the usage error names the value"
"$YOMU" --width 1001 --dump >/dev/null 2>&1; is "$?" 2 "a width above 1000 is a usage error"
"$YOMU" --width abc --dump >/dev/null 2>&1; is "$?" 2 "a width that is not a number is a usage error"
"$YOMU" --bogus >/dev/null 2>"$TMPDIR_T/err"; st=$?
is "$st" 2 "an unknown option exits 2"
is "$(head -n 1 "$TMPDIR_T/err")" "yomu: --bogus: unknown option" "an unknown option is named"
"$YOMU" a b >/dev/null 2>&1; is "$?" 2 "two files are a usage error"

"$YOMU" --dump /nonexistent/file.txt >/dev/null 2>"$TMPDIR_T/err"; st=$?
is "$st" 1 "a missing file exits 1"
is "$(cat "$TMPDIR_T/err")" "yomu: /nonexistent/file.txt: No such file or directory" "a missing file: one clear line"
"$YOMU" --dump "$TMPDIR_T" >/dev/null 2>"$TMPDIR_T/err"; st=$?
is "$st" 1 "a directory exits 1"
is "$(cat "$TMPDIR_T/err")" "yomu: $TMPDIR_T: Is a directory" "a directory: one clear line"
mkfifo "$TMPDIR_T/fifo"
"$YOMU" --dump "$TMPDIR_T/fifo" >/dev/null 2>"$TMPDIR_T/err"; st=$?
is "$st" 1 "a FIFO exits 1 without blocking"
is "$(cat "$TMPDIR_T/err")" "yomu: $TMPDIR_T/fifo: not a regular file" "a FIFO: one clear line"
if [ "$(id -u)" -ne 0 ]; then
	echo x > "$TMPDIR_T/secret"; chmod 000 "$TMPDIR_T/secret"
	"$YOMU" --dump "$TMPDIR_T/secret" >/dev/null 2>"$TMPDIR_T/err"
	is "$(cat "$TMPDIR_T/err")" "yomu: $TMPDIR_T/secret: Permission denied" "permission denied"
else
	skip "permission denied" "running as root"
fi

# standard input, and a file on disk, give the same as the built-in chapter
"$YOMU" --dump --width 60 > "$TMPDIR_T/builtin"
"$YOMU" --dump --width 60 - < "$srcdir/data/bluebook-2026-ch4-s1.txt" > "$TMPDIR_T/stdin"
cmp -s "$TMPDIR_T/builtin" "$TMPDIR_T/stdin"; ok $? "FILE - reads standard input"
"$YOMU" --dump --width 60 "$srcdir/data/bluebook-2026-ch4-s1.txt" > "$TMPDIR_T/file"
cmp -s "$TMPDIR_T/builtin" "$TMPDIR_T/file"; ok $? "a file on disk reads like the built-in chapter"
"$YOMU" > "$TMPDIR_T/auto"
"$YOMU" --dump --width 80 > "$TMPDIR_T/d80"
cmp -s "$TMPDIR_T/auto" "$TMPDIR_T/d80"; ok $? "stdout not a terminal: like --dump at width 80"

# standard input is read as it comes, not whole before anything: --dump of
# a pipe takes no more memory than of the same file, and gives the same
yes 'テスト。' | head -c $((16 << 20)) > "$TMPDIR_T/yes.txt"
if command -v /usr/bin/time >/dev/null 2>&1 && ! ldd "$YOMU" | grep -q asan; then
	/usr/bin/time -f %M -o "$TMPDIR_T/rss.file" "$YOMU" --dump -w 80 "$TMPDIR_T/yes.txt" > "$TMPDIR_T/out.file"
	cat "$TMPDIR_T/yes.txt" | /usr/bin/time -f %M -o "$TMPDIR_T/rss.pipe" "$YOMU" --dump -w 80 - > "$TMPDIR_T/out.pipe"
	cmp -s "$TMPDIR_T/out.file" "$TMPDIR_T/out.pipe"; ok $? "16 MB through a pipe: the same --dump as from the file"
	file=$(cat "$TMPDIR_T/rss.file"); pipe=$(cat "$TMPDIR_T/rss.pipe")
	[ "$pipe" -le $((file * 105 / 100 + 2048)) ]; ok $? "and no more memory (${pipe} KB, from the file ${file} KB)"
else
	"$YOMU" --dump -w 80 "$TMPDIR_T/yes.txt" > "$TMPDIR_T/out.file"
	cat "$TMPDIR_T/yes.txt" | "$YOMU" --dump -w 80 - | cmp -s - "$TMPDIR_T/out.file"
	ok $? "16 MB through a pipe: the same --dump as from the file"
	skip "the memory of a pipe" "no /usr/bin/time, or a sanitizer build"
fi
rm -f "$TMPDIR_T/yes.txt" "$TMPDIR_T/out.file" "$TMPDIR_T/out.pipe"

# ... and written as it is read, window by window (each cut where the
# format can start afresh): an endless input shows its start, memory stays
# the same for six times the input, and the output is that of the file
out=$( (yes 'テスト。テスト。

' | timeout 20 "$YOMU" --dump -w 40 - | head -n 1) 2>/dev/null)
is "$out" "テスト。テスト。" "an endless standard input: --dump writes as it reads"
out=$( (yes 'テスト。テスト。

' | timeout 20 "$YOMU" --toc - ; echo "st=$?") 2>/dev/null | tail -n 1)
is "$out" "st=124" "(and --toc of it runs until stopped, in bounded memory)"
if command -v /usr/bin/time >/dev/null 2>&1 && ! ldd "$YOMU" | grep -q asan; then
	for mb in 8 48; do
		yes 'テスト。テスト。

' | head -c $((mb << 20)) | /usr/bin/time -f %M -o "$TMPDIR_T/rss.$mb" "$YOMU" --dump -w 80 - > /dev/null
	done
	a=$(cat "$TMPDIR_T/rss.8") b=$(cat "$TMPDIR_T/rss.48")
	[ "$b" -le $((a * 3 / 2)) ]; ok $? "48 MB through a pipe takes no more memory than 8 MB (${b} KB, ${a} KB)"
else
	skip "memory of a long pipe" "no /usr/bin/time, or a sanitizer build"
fi
i=0
while [ $i -lt 250 ]; do cat "$srcdir/data/bluebook-2026-ch4-s1.txt"; echo; i=$((i + 1)); done > "$TMPDIR_T/rep.txt"
for m in "--dump -w 80" "--dump -w 33" "--toc" "--count ICAO"; do
	"$YOMU" $m "$TMPDIR_T/rep.txt" > "$TMPDIR_T/out.file"
	cat "$TMPDIR_T/rep.txt" | "$YOMU" $m - > "$TMPDIR_T/out.pipe"
	cmp -s "$TMPDIR_T/out.file" "$TMPDIR_T/out.pipe"; ok $? "the chapter 250 times (11 MB, windows) through a pipe: $m as from the file"
done
rm -f "$TMPDIR_T/rep.txt" "$TMPDIR_T/out.file" "$TMPDIR_T/out.pipe"
# windows of 4 KB (YOMU_STREAM_WINDOW), cut where each format starts afresh:
# the same output as windows larger than the document, for every format
u=$srcdir/tests/fixtures/aozora/sample-utf8.txt
{ sed -n '1,18p' "$u"; i=0; while [ $i -lt 20 ]; do sed -n '19,88p' "$u"; echo; i=$((i + 1)); done; sed -n '89,$p' "$u"; } > "$TMPDIR_T/aozora20.txt"
i=0; while [ $i -lt 20 ]; do cat "$srcdir/tests/fixtures/plain/novel.txt"; i=$((i + 1)); done > "$TMPDIR_T/novel20.txt"
for f in "$srcdir/data/bluebook-2026-ch4-s1.txt" "$TMPDIR_T/aozora20.txt" "$TMPDIR_T/novel20.txt" \
	"$srcdir/tests/fixtures/plain/wrapped.txt" "$srcdir/tests/fixtures/plain/english.txt"; do
	for m in "--dump -w 60" "--toc"; do
		"$YOMU" $m "$f" > "$TMPDIR_T/out.file"
		YOMU_STREAM_WINDOW=4096 "$YOMU" $m "$f" > "$TMPDIR_T/out.pipe"
		cmp -s "$TMPDIR_T/out.file" "$TMPDIR_T/out.pipe"; ok $? "windows of 4 KB: $m of $(basename "$f") as in one"
	done
done

# CRLF input reads like LF input
sed 's/$/\r/' "$srcdir/data/bluebook-2026-ch4-s1.txt" | "$YOMU" --dump --width 60 - > "$TMPDIR_T/crlf"
cmp -s "$TMPDIR_T/builtin" "$TMPDIR_T/crlf"; ok $? "CRLF line ends read like LF"
printf '\357\273\277' | cat - "$srcdir/data/bluebook-2026-ch4-s1.txt" | "$YOMU" --dump --width 60 - > "$TMPDIR_T/bom"
cmp -s "$TMPDIR_T/builtin" "$TMPDIR_T/bom"; ok $? "a BOM is skipped"

# hostile input: nothing a terminal would act on reaches the output
printf 'a\033[31mred\033]0;title\007\033P1$r\033\\ \302\233 \342\200\256x\177\000\001\300\257\n' > "$TMPDIR_T/evil"
"$YOMU" --dump --width 40 "$TMPDIR_T/evil" > "$TMPDIR_T/evil.out"; st=$?
ok $st "hostile input: exit 0"
LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$TMPDIR_T/evil.out"; [ $? -eq 1 ]; ok $? "no C0 control or DEL in --dump"
LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$TMPDIR_T/evil.out"; [ $? -eq 1 ]; ok $? "no C1 control in --dump"
LC_ALL=C grep -q "$(printf '\342\200[\252-\256]')" "$TMPDIR_T/evil.out"; [ $? -eq 1 ]; ok $? "no bidi control in --dump"
grep -q '\^\[\[31mred' "$TMPDIR_T/evil.out"; ok $? "ESC is shown as ^["
grep -q '<U+202E>' "$TMPDIR_T/evil.out"; ok $? "a bidi control is shown as <U+202E>"

# formats: listed, forced by name, an unknown one a usage error
"$YOMU" --format list > "$TMPDIR_T/formats"; st=$?
ok $st "--format list exits 0"
grep -q '^bluebook  *text extracted from a printed PDF' "$TMPDIR_T/formats"; ok $? "--format list names each format with a line on it"
"$YOMU" --dump --width 60 --format bluebook > "$TMPDIR_T/forced"
cmp -s "$TMPDIR_T/builtin" "$TMPDIR_T/forced"; ok $? "--format bluebook reads the chapter as detected"
"$YOMU" --dump --format nonsense >/dev/null 2>"$TMPDIR_T/err"; st=$?
is "$st:$(cat "$TMPDIR_T/err" | head -n 1)" "2:yomu: nonsense: unknown format (yomu --format list lists them)" \
   "an unknown format is a usage error that says how to list them"

# the marks yomu puts in a document follow the document's language, not the
# interface's (the tests run under C.UTF-8: an English interface)
"$YOMU" --dump --width 80 > "$TMPDIR_T/ja-marks"
grep -q '［写真］' "$TMPDIR_T/ja-marks" && grep -q '（収録なし）' "$TMPDIR_T/ja-marks" &&
	! grep -q '\[Photo\]\|not in this document' "$TMPDIR_T/ja-marks"; ok $? "a Japanese document: ［写真］ and （収録なし） under an English locale"
printf '[general]\ndocument_language = en\n' > "$TMPDIR_T/en.ini"
"$YOMU" -c "$TMPDIR_T/en.ini" --dump --width 80 > "$TMPDIR_T/en-marks"
grep -q '\[Photo\] ' "$TMPDIR_T/en-marks" && grep -q '(not in this document)' "$TMPDIR_T/en-marks"; ok $? "document_language = en: [Photo] and (not in this document)"
printf '[general]\ndocument_language = fr\n' > "$TMPDIR_T/fr.ini"
is "$("$YOMU" --check-config -c "$TMPDIR_T/fr.ini")" "$TMPDIR_T/fr.ini:2: document_language: \"fr\" must be one of auto, ja, en" \
   "document_language takes auto, ja or en"

# empty documents
: > "$TMPDIR_T/empty"
is "$("$YOMU" --dump "$TMPDIR_T/empty"; echo "st=$?")" "st=0" "an empty file: empty output, exit 0"
printf '\n\n\n' > "$TMPDIR_T/nl"
is "$("$YOMU" --toc "$TMPDIR_T/nl"; echo "st=$?")" "st=0" "only newlines: empty table of contents"
printf 'no final newline' > "$TMPDIR_T/nofinal"
is "$("$YOMU" --dump "$TMPDIR_T/nofinal")" "no final newline" "no final newline"

done_testing
