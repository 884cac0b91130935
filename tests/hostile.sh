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
printf '\377\376' > "$T/u16le.txt"; iconv -f UTF-8 -t UTF-16LE "$T/u8.txt" >> "$T/u16le.txt"
"$YOMU" --dump --width 60 "$T/u16le.txt" | cmp -s - "$T/u8.out"; ok $? "UTF-16LE with a BOM is detected"
printf '\376\377' > "$T/u16be.txt"; iconv -f UTF-8 -t UTF-16BE "$T/u8.txt" >> "$T/u16be.txt"
"$YOMU" --dump --width 60 "$T/u16be.txt" | cmp -s - "$T/u8.out"; ok $? "UTF-16BE with a BOM is detected"
printf '\357\273\277' | cat - "$T/u8.txt" | "$YOMU" --dump --width 60 - | cmp -s - "$T/u8.out"; ok $? "UTF-8 with a BOM"
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
done_testing
