#!/bin/sh
# hostile.sh: bad input is normal input: encodings, controls and escape
# sequences, binary files, huge lines, and the safe rendering of all of
# them in --dump and on the screen.
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"
T=$TMPDIR_T
chapter="$srcdir/data/bluebook-2026-ch4-s1.txt"

# ---- encodings, detected ----
head -c 6000 "$chapter" | iconv -c -f UTF-8 -t UTF-8 > "$T/u8.txt"
"$YOMU" --dump --width 60 "$T/u8.txt" > "$T/u8.out"
for enc in CP932 EUC-JP; do
	iconv -c -f UTF-8 -t $enc "$T/u8.txt" > "$T/$enc.txt"
	iconv -c -f $enc -t UTF-8 "$T/$enc.txt" > "$T/$enc.back"
	"$YOMU" --dump --width 60 "$T/$enc.back" > "$T/$enc.want"
	"$YOMU" --dump --width 60 "$T/$enc.txt" > "$T/$enc.out" 2>"$T/err"
	cmp -s "$T/$enc.want" "$T/$enc.out"; ok $? "$enc is detected and converted"
done
# the whole chapter in the legacy encodings: the same contents as in UTF-8,
# though its footnote marks (⁽¹⁾) are lost: turned into ? (a converter that
# replaces what it cannot encode) or dropped (iconv -c); EUC-JP keeps ①
# only with the NEC extensions (EUC-JP-MS)
"$YOMU" --toc "$chapter" > "$T/toc.u8"
sed 's/[⁽⁾⁰¹²³⁴⁵⁶⁷⁸⁹]/?/g' "$chapter" | iconv -c -f UTF-8 -t CP932 > "$T/chapter.sjis"
"$YOMU" --toc "$T/chapter.sjis" | cmp -s - "$T/toc.u8"; ok $? "CP932, footnote marks lost as ?: the same contents as the UTF-8 chapter"
iconv -c -f UTF-8 -t EUC-JP-MS "$chapter" > "$T/chapter.euc" 2>/dev/null
"$YOMU" --toc "$T/chapter.euc" | cmp -s - "$T/toc.u8"; ok $? "EUC-JP (with ①), footnote marks dropped: the same contents"
"$YOMU" --dump "$T/chapter.euc" | grep -q '^①　そのほかの主要外交分野での連携'; ok $? "EUC-JP-MS is detected where plain EUC-JP cannot read ①"
printf '\377\376' > "$T/u16le.txt"; iconv -f UTF-8 -t UTF-16LE "$T/u8.txt" >> "$T/u16le.txt"
"$YOMU" --dump --width 60 "$T/u16le.txt" | cmp -s - "$T/u8.out"; ok $? "UTF-16LE with a BOM is detected"
printf '\376\377' > "$T/u16be.txt"; iconv -f UTF-8 -t UTF-16BE "$T/u8.txt" >> "$T/u16be.txt"
"$YOMU" --dump --width 60 "$T/u16be.txt" | cmp -s - "$T/u8.out"; ok $? "UTF-16BE with a BOM is detected"
printf '\357\273\277' | cat - "$T/u8.txt" | "$YOMU" --dump --width 60 - | cmp -s - "$T/u8.out"; ok $? "UTF-8 with a BOM"
# UTF-16 without a BOM: by where the zero bytes fall, and quietly
for enc in UTF-16LE UTF-16BE; do
	iconv -f UTF-8 -t $enc "$T/u8.txt" > "$T/nobom.txt"
	"$YOMU" --dump --width 60 "$T/nobom.txt" > "$T/nobom.out" 2> "$T/err"
	cmp -s "$T/nobom.out" "$T/u8.out" && [ ! -s "$T/err" ]; ok $? "$enc without a BOM is detected, without a warning"
	printf '日本語です。\n漢字' | iconv -t $enc | head -c 15 > "$T/odd.txt"
	is "$("$YOMU" --dump "$T/odd.txt" 2>&1 | tr -d '\n')" "日本語です。�" "$enc without a BOM cut to an odd length: the last byte is a marker"
done
printf 'ASCII text in UTF-16, no BOM.\n' | iconv -t UTF-16LE > "$T/ascii16.txt"
is "$("$YOMU" --dump "$T/ascii16.txt" 2>&1)" "ASCII text in UTF-16, no BOM." "ASCII in UTF-16LE without a BOM (plain text)"
# a weak guess says so, once, with the way out
printf 'caf\351 na\357ve r\351sum\351 \340 la cr\350me\n' > "$T/latin1.txt"
"$YOMU" --dump "$T/latin1.txt" > /dev/null 2> "$T/err"
is "$(cat "$T/err")" "yomu: $T/latin1.txt: the encoding was guessed as CP932; if the text looks wrong, try --encoding NAME" \
	"a weak guess of the encoding names --encoding"
is "$("$YOMU" --dump --encoding ISO-8859-1 "$T/latin1.txt" 2>&1)" "café naïve résumé à la crème" "and --encoding reads it"
"$YOMU" --dump "$T/CP932.txt" > /dev/null 2> "$T/err"
[ ! -s "$T/err" ]; ok $? "a clear guess (CP932) says nothing"
printf '日本語です。\n' | iconv -f UTF-8 -t CP932 > "$T/short.sjis"
is "$("$YOMU" --dump "$T/short.sjis")" "日本語です。" "a short Shift_JIS file"
# a wrong guess is overridden
is "$("$YOMU" --dump --encoding CP932 "$T/short.sjis")" "日本語です。" "--encoding forces an encoding"
"$YOMU" --dump --encoding EUC-JP "$T/short.sjis" > "$T/forced" 2>&1
grep -q '日本語' "$T/forced"; [ $? -eq 1 ] && grep -q '�\|<U+' "$T/forced"; ok $? "a wrong --encoding shows undecodable bytes as markers"
"$YOMU" --dump --encoding NO-SUCH-ENCODING "$T/short.sjis" >/dev/null 2>"$T/err"; st=$?
is "$st:$(head -n 1 "$T/err")" "2:yomu: NO-SUCH-ENCODING: unknown encoding" "an unknown encoding is a usage error"
printf '\203\n' > "$T/cut.sjis"; cat "$T/short.sjis" >> "$T/cut.sjis"; printf '\202' >> "$T/cut.sjis"
"$YOMU" --dump --encoding CP932 "$T/cut.sjis" > "$T/cut.out"; ok $? "a truncated Shift_JIS character at the end"
grep -q '�' "$T/cut.out"; ok $? "is shown as a marker"

# ---- controls, escapes, bidi: in --dump and on the screen ----
printf 'CSI \033[2J\033[31mred\033[0m OSC \033]0;pwned\007 \033]8;;http://x\033\\link DCS \033P1$r\033\\ lone \033 end\n' > "$T/esc.txt"
printf 'C1 raw \233\235 encoded \302\233\302\235 DEL \177 NUL \000 bell \007 bs \010 ff \014 vt \013\n' >> "$T/esc.txt"
printf 'bidi \342\200\256evil\342\200\254 \342\201\246x\342\201\251 \342\200\216\342\200\217\330\234\n' >> "$T/esc.txt"
printf 'unterminated \033]0;no end' >> "$T/esc.txt"
"$YOMU" --dump --width 60 "$T/esc.txt" > "$T/esc.out" 2>"$T/err"; st=$?
ok $st "--dump of control and escape sequences exits 0"
LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$T/esc.out"; [ $? -eq 1 ]; ok $? "--dump has no byte 0x00-0x08, 0x0B-0x1F or 0x7F"
is "$(LC_ALL=C tr -cd '\000' < "$T/esc.out" | wc -c)" 0 "--dump has no NUL"
LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$T/esc.out"; [ $? -eq 1 ]; ok $? "--dump has no C1 control"
LC_ALL=C grep -q "$(printf '\342\200[\216\217\252-\256]\|\342\201[\246-\251]\|\330\234')" "$T/esc.out"; [ $? -eq 1 ]; ok $? "--dump has no bidi control"
grep -q '\^\[\[2J\^\[\[31mred' "$T/esc.out"; ok $? "CSI shows as ^["
grep -q '\^\[\]0;pwned\^G' "$T/esc.out"; ok $? "OSC shows as ^[ ... ^G"
grep -q '<U+009B>' "$T/esc.out" && grep -q '<U+202E>' "$T/esc.out" && grep -q '<U+2066>' "$T/esc.out"; ok $? "encoded C1 and bidi controls show as <U+XXXX>"
grep -q 'DEL \^?' "$T/esc.out"; ok $? "DEL shows as ^?"
grep -q 'binary file' "$T/err"; ok $? "a NUL byte: a warning line"
"$YOMU" --replay '' --size 100x30 "$T/esc.txt" > "$T/esc.scr"
grep -q '\^\[\[31mred' "$T/esc.scr" && grep -q '<U+202E>' "$T/esc.scr"; ok $? "the screen shows the marks"
"$YOMU" --replay 'G' --size 100x30 "$T/esc.txt" | LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')"; [ $? -eq 1 ]; ok $? "the screen holds no control byte"

# ---- invalid UTF-8: one marker per bad byte ----
printf 'a\300\257b\355\240\200c\364\220\200\200d\343\201' > "$T/bad.txt"
is "$("$YOMU" --dump "$T/bad.txt")" "a��b���c����d��" "overlong, surrogate, above U+10FFFF, truncated: one marker each byte"

# ---- binary files ----
head -c 3000 /bin/sh > "$T/bin"
"$YOMU" --dump --width 80 "$T/bin" > "$T/bin.out" 2>"$T/err"; st=$?
ok $st "a binary file: exit 0"
grep -q 'binary file' "$T/err"; ok $? "a binary file: a warning line"
LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$T/bin.out"; [ $? -eq 1 ]; ok $? "a binary file: safe output"

# ---- size ----
yes 'あいうえおかきくけこ、' | head -n 330000 | tr -d '\n' > "$T/longline.txt"; echo '。' >> "$T/longline.txt"
sz=$(wc -c < "$T/longline.txt")
if command -v /usr/bin/time >/dev/null 2>&1 && ! ldd "$YOMU" | grep -q asan; then
	/usr/bin/time -f %M -o "$T/rss" "$YOMU" --dump --width 80 "$T/longline.txt" > "$T/longline.out"; st=$?
	rss=$(cat "$T/rss")
	ok $st "a single 10 MB line ($sz bytes) lays out"
	[ "$rss" -lt $((sz * 8 / 1024 + 20000)) ]; ok $? "memory stays proportional to the input (${rss} KB for $((sz / 1024)) KB)"
else
	"$YOMU" --dump --width 80 "$T/longline.txt" > "$T/longline.out"; ok $? "a single 10 MB line ($sz bytes) lays out"
	skip "memory of the 10 MB line" "no /usr/bin/time, or a sanitizer build"
fi
is "$("$builddir/tests/cellwidth" < "$T/longline.out" | awk '$1 > 80 + 2 { bad++ } END { print (NR > 80000 && !bad) }')" 1 "into many lines, none too wide"
yes abcdefghij | head -n 30000 | tr -d '\n' > "$T/word.txt"; echo >> "$T/word.txt"
"$YOMU" --dump --width 40 "$T/word.txt" > "$T/word.out"; st=$?
ok $st "a 300 KB word lays out"
"$builddir/tests/cellwidth" < "$T/word.out" | awk '$1 > 40 { bad++ } END { exit bad > 0 }'; ok $? "broken at the width, never wider"
# ---- names in messages: a name is escaped (\x1B, \x07 ...), never raw ----
# a file name holding an OSC 52 sequence (it would set the clipboard)
evil=$(printf 'x\033]52;c;cHduZWQ=\007')
shown='x\x1B]52;c;cHduZWQ=\x07'
# clean FILE NAME: no ESC or BEL in FILE, and the escaped name is there
clean() {
	if LC_ALL=C grep -q "$(printf '[\033\007]')" "$1"; then
		ok 1 "$2: no ESC or BEL on standard error"
		return
	fi
	grep -qF "$shown" "$1"; st=$?
	ok $st "$2: no ESC or BEL on standard error, and the name is there"
	[ $st -eq 0 ] || sed 's/^/# /' "$1"
}
"$YOMU" --dump "$T/$evil.txt" >/dev/null 2>"$T/err"
clean "$T/err" "a missing file"
mkdir "$T/$evil.d"
"$YOMU" --dump "$T/$evil.d" >/dev/null 2>"$T/err"
clean "$T/err" "a directory"
printf 'a\000b\n' > "$T/$evil.bin"
"$YOMU" --dump "$T/$evil.bin" >/dev/null 2>"$T/err"
clean "$T/err" "a binary file"
"$YOMU" --dump --encoding "$evil" "$T/u8.txt" >/dev/null 2>"$T/err"
clean "$T/err" "an unknown --encoding"
"$YOMU" --dump -c "$T/$evil.ini" >/dev/null 2>"$T/err"
clean "$T/err" "a -c file that does not exist"
printf '[general]\nnope = 1\n' > "$T/$evil.ini"
"$YOMU" --check-config -c "$T/$evil.ini" > "$T/err" 2>&1
clean "$T/err" "--check-config names the file"
"$YOMU" --dump -c "$T/$evil.ini" >/dev/null 2>"$T/err"
clean "$T/err" "the configuration's warning on --dump"
"$YOMU" --dump --width "$evil" >/dev/null 2>"$T/err"
clean "$T/err" "a usage error names the value"
"$YOMU" --replay "<$evil>" >/dev/null 2>"$T/err"
clean "$T/err" "an unknown --replay key"
bidi=$(printf 'a\342\200\256b\330\234c')
"$YOMU" --dump "$T/$bidi" >/dev/null 2>"$T/err"
LC_ALL=C grep -q "$(printf '\342\200\256\\|\330\234')" "$T/err"; [ $? -eq 1 ] && grep -qF 'a\xE2\x80\xAEb\xD8\x9Cc' "$T/err"
ok $? "bidi controls in a name (U+202E, U+061C) are escaped"
bad=$(printf 'a\377b')
"$YOMU" --dump "$T/$bad" >/dev/null 2>"$T/err"
grep -qF 'a\xFFb' "$T/err"; ok $? "invalid UTF-8 in a name is escaped"
done_testing
