#!/bin/sh
# vertical.sh: text set vertically (縦書き).  Golden pages of --dump
# --vertical (a passage of the chapter, a novel-style text, each at two
# sizes), and the screen set vertically through --replay: v on the first
# screen, paging both ways, ← and →, a search match highlighted, a click on
# a footnote reference, a resize, back to horizontal at the same place.
# "vertical.sh --update" rewrites the golden files (review the diff!).
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"
v="$srcdir/tests/vertical"
VREAD="$builddir/tests/vread"
[ "${1:-}" = --update ] && UPDATE=1

# golden NAME ARGS...: yomu ARGS against tests/vertical/NAME
golden() {
	name=$1
	shift
	if [ "${UPDATE:-}" = 1 ]; then
		"$YOMU" "$@" > "$v/$name"
	fi
	"$YOMU" "$@" > "$TMPDIR_T/$name" 2>"$TMPDIR_T/err"
	if [ $? -eq 0 ] && cmp -s "$v/$name" "$TMPDIR_T/$name"; then
		ok 0 "golden $name"
	else
		ok 1 "golden $name"
		sed 's/^/# /' "$TMPDIR_T/err"
		diff -u "$v/$name" "$TMPDIR_T/$name" | head -n 30 | sed 's/^/# /'
	fi
}

golden passage-40x12.out --dump --vertical --size 40x12 "$v/passage.txt"
golden passage-64x20.out --dump --vertical --size 64x20 "$v/passage.txt"
golden novel-40x12.out --dump --vertical --size 40x12 "$v/novel.txt"
golden novel-30x24.out --dump --vertical --size 30x24 "$v/novel.txt"
printf '[general]\nvertical_gap = 2\ncolumns = inline\n' > "$TMPDIR_T/gap2.ini"
golden passage-gap2-48x16.out -c "$TMPDIR_T/gap2.ini" --dump --vertical --size 48x16 "$v/passage.txt"
# real Aozora Bunko texts (tests/fixtures/aozora): ruby, 縦中横, 字下げ, 地付き,
# frames, emphasis; ruby in the text with a gap of 1, beside it with 2
a="$srcdir/tests/fixtures/aozora"
golden aozora-sample-40x16.out --dump --vertical --size 40x16 "$a/sample-utf8.txt"
printf '[general]\nvertical_gap = 2\n' > "$TMPDIR_T/gap2only.ini"
golden aozora-sample-gap2-48x20.out -c "$TMPDIR_T/gap2only.ini" --dump --vertical --size 48x20 "$a/sample-utf8.txt"
golden aozora-tcy-40x12.out --dump --vertical --size 40x12 "$a/tcy.txt"
golden aozora-indent-40x24.out --dump --vertical --size 40x24 "$a/indent.txt"
golden aozora-frame-40x12.out --dump --vertical --size 40x12 "$a/frame.txt"
# on the screen, with a gap of 2: the reading beside its base; r hides it
# (and the base no longer keeps room for it)
"$YOMU" -c "$TMPDIR_T/gap2only.ini" --replay v --size 60x20 "$a/ruby.txt" | grep -q '港み'
ok $? "vertical_gap = 2: みなとまち stands beside 港町"
"$YOMU" -c "$TMPDIR_T/gap2only.ini" --replay vr --size 60x20 "$a/ruby.txt" > "$TMPDIR_T/hidden"
grep -q '港み' "$TMPDIR_T/hidden"; [ $? -eq 1 ] && grep -q '町' "$TMPDIR_T/hidden"
ok $? "r hides the readings beside their bases"
"$YOMU" --replay v --size 60x20 "$a/ruby.txt" | "$VREAD" 60 1 19 | tr -d '\n' | grep -q '古い港町《みなとまち》の坂を登った。'
ok $? "vertical_gap = 1: the reading in the text (︽みなとまち︾), as in horizontal text"
golden screen-start.out --replay v --size 100x30
golden screen-page.out --replay 'v<Space>' --size 100x30

# the pages: H lines each, a line holding a form feed between them
"$YOMU" --dump --vertical --size 40x12 > "$TMPDIR_T/pages"
ff=$(grep -c "$(printf '\f')" "$TMPDIR_T/pages")
lines=$(wc -l < "$TMPDIR_T/pages")
is "$lines" "$(( (ff + 1) * 12 + ff ))" "--dump --vertical: pages of 12 lines, a form feed line between ($((ff + 1)) pages)"
"$builddir/tests/cellwidth" < "$TMPDIR_T/pages" | awk '$1 > 40 { bad++ } END { exit bad > 0 }'
ok $? "no line of a page is wider than 40 cells"
"$YOMU" --dump --vertical "$v/novel.txt" | head -n 25 | tail -n 1 | grep -q "$(printf '\f')"
ok $? "--size is 80x24 by default"
"$YOMU" --vertical --dump --size 40x12 "$v/novel.txt" | "$VREAD" 40 1 | tr -d '\n-' > "$TMPDIR_T/read"
grep -q '「いらっしゃい。……ブレンドでいい?」' "$TMPDIR_T/read"; ok $? "the columns read right to left, the forms mapped back, give the text"
is "$("$YOMU" --dump --vertical --size 40x12 - < "$v/novel.txt" | md5sum)" \
   "$("$YOMU" --dump --vertical --size 40x12 "$v/novel.txt" | md5sum)" "standard input: the same pages"
# a document read in windows (over 2 MB): the pages go on from one window
# to the next, the text in order as in the whole
i=0
while [ $i -lt 60 ]; do cat "$srcdir/data/bluebook-2026-ch4-s1.txt"; echo; i=$((i + 1)); done > "$TMPDIR_T/ch60.txt"
"$YOMU" --dump --vertical --size 40x12 "$srcdir/data/bluebook-2026-ch4-s1.txt" | "$VREAD" 40 1 | grep -v '^--$' | tr -d '\n' > "$TMPDIR_T/one"
"$YOMU" --dump --vertical --size 40x12 "$TMPDIR_T/ch60.txt" > "$TMPDIR_T/pages60"
"$VREAD" 40 1 < "$TMPDIR_T/pages60" | grep -v '^--$' | tr -d '\n' > "$TMPDIR_T/sixty"
i=0
while [ $i -lt 60 ]; do cat "$TMPDIR_T/one"; i=$((i + 1)); done > "$TMPDIR_T/one60"
cmp -s "$TMPDIR_T/one60" "$TMPDIR_T/sixty"; ok $? "60 chapters (2.6 MB, read in windows): the text of 60 chapters, in order"
ff=$(grep -c "$(printf '\f')" "$TMPDIR_T/pages60")
is "$(wc -l < "$TMPDIR_T/pages60")" "$(( (ff + 1) * 12 + ff ))" "and pages of 12 lines throughout"
# windows of 4 KB (YOMU_STREAM_WINDOW): the same pages as in one window
r=0
for f in "$srcdir/data/bluebook-2026-ch4-s1.txt" "$srcdir/tests/fixtures/aozora/sample-utf8.txt" \
	"$srcdir/tests/fixtures/aozora/frame.txt" "$v/novel.txt"; do
	"$YOMU" --dump --vertical --size 40x12 "$f" > "$TMPDIR_T/w1"
	YOMU_STREAM_WINDOW=4096 "$YOMU" --dump --vertical --size 40x12 "$f" > "$TMPDIR_T/w4k"
	cmp -s "$TMPDIR_T/w1" "$TMPDIR_T/w4k" || { r=1; echo "# differs: $f"; }
done
ok $r "windows of 4 KB: the same pages (the chapter, Aozora texts, a novel)"
printf '[general]\nwriting_mode = vertical\n' > "$TMPDIR_T/vert.ini"
is "$("$YOMU" -c "$TMPDIR_T/vert.ini" --dump --size 40x12 "$v/novel.txt" | md5sum)" \
   "$("$YOMU" --dump --vertical --size 40x12 "$v/novel.txt" | md5sum)" "writing_mode = vertical: --dump sets the text vertically"

# ---- the screen ----
# the text of the body's vertical lines from the right (100x30, gap 1)
cols() { "$VREAD" 100 1 29 | sed '/^--$/d'; }
TOC_TO_21='tjjjjjjj<Enter>'    # the TOC entry "(1) 国際機関で活躍する日本人"
first=$("$YOMU" --replay v --size 100x30 | cols | head -n 1)
is "$first" "第4章国民と共にある外交" "v: the first line, at the right, is the chapter's title"
"$YOMU" --replay v --size 100x30 | tail -n 1 | grep -q '^ 第4章 .* 0%$'; ok $? "the status line stays horizontal"
"$YOMU" --replay v --size 100x30 | head -n 1 | grep -q '^ 第4章　国民と共にある外交  *│'; ok $? "the contents pane stays horizontal"
is "$("$YOMU" -c "$TMPDIR_T/vert.ini" --replay '' --size 100x30)" "$("$YOMU" --replay v --size 100x30)" \
   "writing_mode = vertical opens set vertically"
is "$("$YOMU" --vertical --replay '' --size 100x30)" "$("$YOMU" --replay v --size 100x30)" "and so does --vertical"

# paging: a page is the lines on screen (22 at 100x30 with the contents)
is "$("$YOMU" --replay 'v<Space>' --size 100x30)" "$("$YOMU" --replay "v$(printf 'j%.0s' $(seq 22))" --size 100x30)" \
   "Space shows the next page: the 22 lines at the left"
is "$("$YOMU" --replay 'v<PgDn>' --size 100x30)" "$("$YOMU" --replay 'v<Space>' --size 100x30)" "PgDn too"
is "$("$YOMU" --replay 'v<Space><Space>b' --size 100x30)" "$("$YOMU" --replay 'v<Space>' --size 100x30)" "b goes back a page"
is "$("$YOMU" --replay 'v<Space>b' --size 100x30)" "$("$YOMU" --replay 'v' --size 100x30)" "back to the first page"
p1=$("$YOMU" --replay 'v' --size 100x30 | cols | sed -n 2p)
is "$("$YOMU" --replay 'vj' --size 100x30 | cols | head -n 1)" "$p1" "j: one line on (the second line comes to the right)"
is "$("$YOMU" --replay 'v<Left>' --size 100x30)" "$("$YOMU" --replay 'vj' --size 100x30)" "← goes on a line, as the eye does"
is "$("$YOMU" --replay 'vjj<Right>' --size 100x30)" "$("$YOMU" --replay 'vj' --size 100x30)" "→ goes back a line"
is "$("$YOMU" --replay 'vjjk' --size 100x30)" "$("$YOMU" --replay 'vj' --size 100x30)" "k goes back a line"
is "$("$YOMU" --replay '<Left><Right>' --size 100x30)" "$("$YOMU" --replay '' --size 100x30)" "← and → leave horizontal text alone"
"$YOMU" --replay 'vG' --size 100x30 | tail -n 1 | grep -q '100%$'; ok $? "G goes to the end (100%)"
is "$("$YOMU" --replay 'vGg' --size 100x30)" "$("$YOMU" --replay 'v' --size 100x30)" "g to the top"

# a search match, highlighted in the vertical line it is in
attrs=$("$YOMU" --replay 'v/ICAO<Enter>' --size 100x30 --replay-attrs)
cur=$(printf '%s\n' "$attrs" | grep -n 'q' | head -n 2)
n1=$(printf '%s\n' "$cur" | sed -n 1p | cut -d: -f1)
n2=$(printf '%s\n' "$cur" | sed -n 2p | cut -d: -f1)
x1=$(printf '%s\n' "$cur" | sed -n 1p | cut -d: -f2- | sed 's/q.*//' | wc -c)
x2=$(printf '%s\n' "$cur" | sed -n 2p | cut -d: -f2- | sed 's/q.*//' | wc -c)
is "$((n2 - n1)):$((x2 - x1))" "1:0" "the current match (ICAO) is highlighted down one line, a letter a row"
"$YOMU" --replay 'v/ICAO<Enter>' --size 100x30 | cols | head -n 4 | grep -q 'ICAO'; ok $? "and its line is near the right"

# a click on a footnote reference opens it
scr=$("$YOMU" --replay "${TOC_TO_21}v<Space>" --size 100x30 --replay-attrs)
row=$(printf '%s\n' "$scr" | grep -n 'n' | head -n 1 | cut -d: -f1)
col=$(printf '%s\n' "$scr" | sed -n "${row}p" | sed 's/n.*//' | wc -c)
"$YOMU" --replay "${TOC_TO_21}v<Space><click:$((col - 1)),$((row - 1))>" --size 100x30 > "$TMPDIR_T/click"
grep -q '脚注 1 ' "$TMPDIR_T/click" && grep -q 'UPU : Universal Postal Union' "$TMPDIR_T/click"
ok $? "a click on a footnote reference in vertical text opens it, in a horizontal popup"
is "$("$YOMU" --replay "${TOC_TO_21}v<Space><Tab><Enter>" --size 100x30)" "$(cat "$TMPDIR_T/click")" \
   "as Tab and Enter do"

# a click on a column's link line (▶ コラム：…, down a vertical line) opens
# the column
scr=$("$YOMU" --replay "${TOC_TO_21}v<Space><Space>" --size 100x30)
row=$(printf '%s\n' "$scr" | grep -n '▶' | head -n 1 | cut -d: -f1)
col=$(printf '%s\n' "$scr" | sed -n "${row}p" | sed 's/▶.*//' | "$builddir/tests/cellwidth" | cut -d' ' -f1)
"$YOMU" --replay "${TOC_TO_21}v<Space><Space><click:$col,$((row - 1))>" --size 100x30 > "$TMPDIR_T/click"
grep -q '┌ コラム ─' "$TMPDIR_T/click" && grep -q '│ 大沼俊之国際民間航空機関（ICAO）理事会議長の選出 ' "$TMPDIR_T/click"
ok $? "a click on a column's link line (a vertical line) opens the column"

# resize: the first character seen stays on screen
top=$("$YOMU" --replay "${TOC_TO_21}vjjj" --size 100x30 | cols | head -n 1 | sed 's/^\(....\).*/\1/')
"$YOMU" --replay "${TOC_TO_21}vjjj<resize:60x20>" --size 100x30 | "$VREAD" 60 1 19 | tr -d '\n' > "$TMPDIR_T/r1"
case $(cat "$TMPDIR_T/r1") in *"$top"*) r1=0 ;; *) r1=1 ;; esac
"$YOMU" --replay "${TOC_TO_21}vjjj<resize:60x20><resize:100x30>" --size 100x30 | cols | head -n 3 | tr -d '\n' > "$TMPDIR_T/r2"
case $(cat "$TMPDIR_T/r2") in *"$top"*) r2=0 ;; *) r2=1 ;; esac
ok $((r1 + r2)) "resizing keeps the first characters on screen ($top)"

# back to horizontal at the same place
hv=$("$YOMU" --replay "${TOC_TO_21}vjjjjv" --size 100x30 | sed -n 1p | sed 's/.*│ //; s/ //g')
vt=$("$YOMU" --replay "${TOC_TO_21}vjjjj" --size 100x30 | cols | head -n 1 | sed 's/^\(....\).*/\1/')
case $hv in *"$vt"*) r=0 ;; *) r=1 ;; esac
ok $r "v again: horizontal, the first line holds where the vertical page began ($vt)"
is "$("$YOMU" --replay "${TOC_TO_21}vv" --size 100x30)" "$("$YOMU" --replay "$TOC_TO_21" --size 100x30)" \
   "v v: the screen is as it was"

# no crash at the smallest sizes, the popups over vertical text
"$YOMU" --replay 'v<Space><Space>' --size 20x5 > /dev/null; ok $? "v at 20x5"
"$YOMU" --replay 'v<resize:8x3>v<resize:30x8>v' --size 40x10 > /dev/null; ok $? "v through resizes to too small and back"
"$YOMU" --replay 'vh' --size 100x50 | grep -q '│   v  *set the text vertically'; ok $? "the help lists v"
printf '[general]\nvertical_gap = 0\n' > "$TMPDIR_T/gap0.ini"
is "$("$YOMU" -c "$TMPDIR_T/gap0.ini" --replay v --size 100x30 | "$VREAD" 100 0 29 | head -n 1)" \
   "第4章国民と共にある外交" "vertical_gap = 0: lines two cells apart"
printf '[general]\nvertical_gap = 3\n' > "$TMPDIR_T/gap3.ini"
"$YOMU" -c "$TMPDIR_T/gap3.ini" --check-config > "$TMPDIR_T/out"
grep -q 'vertical_gap: 3 is out of range (0 to 2)' "$TMPDIR_T/out"; ok $? "vertical_gap is 0 to 2"
done_testing
