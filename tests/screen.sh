#!/bin/sh
# screen.sh: headless screen tests.  Scripted keys in (--replay), the final
# screen out as text, compared with reviewed expected files in
# tests/screen/.  "screen.sh --update" rewrites them (review the diff!).
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"
e="$srcdir/tests/screen"
[ "${1:-}" = --update ] && UPDATE=1

# screen NAME SIZE KEYS [extra yomu args]: compare with tests/screen/NAME.txt
screen() {
	name=$1 size=$2 keys=$3
	shift 3
	if [ "${UPDATE:-}" = 1 ]; then
		"$YOMU" --replay "$keys" --size "$size" "$@" > "$e/$name.txt"
	fi
	"$YOMU" --replay "$keys" --size "$size" "$@" > "$TMPDIR_T/$name.txt" 2>"$TMPDIR_T/err"
	st=$?
	if [ $st -eq 0 ] && cmp -s "$e/$name.txt" "$TMPDIR_T/$name.txt"; then
		ok 0 "screen $name ($size: $keys)"
	else
		ok 1 "screen $name ($size: $keys)"
		cat "$TMPDIR_T/err" | sed 's/^/# /'
		diff -u "$e/$name.txt" "$TMPDIR_T/$name.txt" | head -n 30 | sed 's/^/# /'
	fi
}

# attr SIZE KEYS ROW COL: the colour element letter of one cell
attr() {
	"$YOMU" --replay "$2" --size "$1" --replay-attrs | sed -n "$(( $3 + 1 ))p" | cut -c "$(( $4 + 1 ))"
}
# the letters of the elements, in the order of src/theme.h
el() {
	i=0
	for n in BODY CHAPTER SECTION HEADING1 HEADING2 HEADING3 HEADING4 TOC TOC_CURRENT \
		TOC_NOBODY TOC_CURSOR SEPARATOR LINK FOOTNOTE LINK_SELECTED MATCH MATCH_CURRENT \
		POPUP_FRAME POPUP_TITLE POPUP_TEXT STATUS MESSAGE CAPTION COLUMN_FRAME RUBY HELP_KEY; do
		[ "$n" = "$1" ] && { printf "\\$(printf %o $((97 + i)))"; return; }
		i=$((i + 1))
	done
}

TOC_TO_21='tjjjjjjj<Enter>'    # the TOC entry "(1) 国際機関で活躍する日本人"

screen start 100x30 ''
screen toc-jump 100x30 "$TOC_TO_21"
screen footnote 100x30 "$TOC_TO_21<Tab><Enter>"
screen footnote-closed 100x30 "$TOC_TO_21<Tab><Enter><Esc>"
screen column-list 100x30 'c'
screen column 100x30 'cjj<Enter>'
screen column-footnote 100x30 'c<Enter><Tab><Enter>'
screen column-scrolled 100x30 'c<Enter><Space>'
screen link-column 100x30 "tjjjjjjjj<Enter><Esc>"
screen next-heading 100x30 "$TOC_TO_21]"
screen back 100x30 "${TOC_TO_21}G<Backspace>"
screen back-twice 100x30 "${TOC_TO_21}G<Backspace><Backspace>"
screen resize-50x20 100x30 "${TOC_TO_21}jjjj<resize:50x20>"
screen resize-8x3 100x30 "${TOC_TO_21}jjjj<resize:50x20><resize:8x3>"
screen resize-80x24 100x30 "${TOC_TO_21}jjjj<resize:50x20><resize:8x3><resize:80x24>"
screen help 100x30 'h'
screen help-f1 100x40 '<F1>'
screen help-scrolled 80x24 'hjjjjjjjjjjjjjjjjjjjj'
screen help-end 80x24 'hG'
screen toc-hidden 100x30 'T'
screen end 100x30 'G'
screen footnote-list 100x30 "${TOC_TO_21}f"
screen footnote-list-open 100x30 "${TOC_TO_21}fj<Enter>"
screen narrow 59x20 ''
screen tiny 1x1 ''
screen footnote-last 100x30 'G<Tab><Tab><Tab><Enter>'
# on a terminal that draws ambiguous characters two cells wide: frames of
# two-cell sides and corners, an even number of cells wide
screen start-amb2 100x30 '' --ambiguous-width 2
screen column-list-amb2 100x30 'c' --ambiguous-width 2
screen column-amb2 99x30 'c<Enter>' --ambiguous-width 2
screen footnote-amb2 100x30 "$TOC_TO_21<Tab><Enter>" --ambiguous-width 2
screen help-amb2 80x24 'h' --ambiguous-width 2
printf '[general]\ncolumns = inline\n' > "$TMPDIR_T/inline.ini"
screen inline-column-amb2 81x30 'tjjjjjjjj<Enter>' --ambiguous-width 2 -c "$TMPDIR_T/inline.ini"
screen aozora-frame-amb2 61x20 '' --ambiguous-width 2 "$srcdir/tests/fixtures/aozora/frame.txt"
# plain text: a novel's 第N話 in the contents pane; a notice without
# headings has none, its title on the status line
plain=$srcdir/tests/fixtures/plain
screen plain-novel 100x30 '' "$plain/novel.txt"
screen plain-no-toc 100x30 '' "$plain/wrapped.txt"
screen plain-english 80x24 'jjjjjjjjjjjjjjjj' "$plain/english.txt"

grep -q "│" "$e/plain-novel.txt"; ok $? "a novel with 第N話 lines has a contents pane"
grep -q "│" "$e/plain-no-toc.txt"; [ $? -eq 1 ]; ok $? "a text with no headings shows no contents pane"
head -n 1 "$e/plain-no-toc.txt" | grep -q "^ \{9\}各位 *$"; ok $? "its text is centred in the whole width (text_width = auto)"
tail -n 1 "$e/plain-no-toc.txt" | grep -q "春の清掃活動のお知らせ"; ok $? "the status line shows the title, there being no heading"
"$YOMU" --replay 't' --size 100x30 "$plain/wrapped.txt" | tail -n 1 | grep -q "This document has no headings"
ok $? "t on a text with no headings says so"
"$YOMU" --replay 'h' --size 100x30 | head -n 1 | grep -q "Help: keys (bluebook format)"; ok $? "the help screen names the format: bluebook"
"$YOMU" --replay 'h' --size 100x30 "$plain/novel.txt" | head -n 1 | grep -q "Help: keys (plain format)"; ok $? "the help screen names the format: plain"

# the same through the keys
is "$("$YOMU" --replay "$TOC_TO_21<Tab><Enter>q" --size 100x30)" \
   "$("$YOMU" --replay "$TOC_TO_21" --size 100x30)" "q closes the popup first"
is "$("$YOMU" --replay 'tjjjjjjjj<Enter><Esc><Tab><Enter>' --size 100x30 | head -n 28)" \
   "$("$YOMU" --replay 'c<Enter>' --size 100x30 | head -n 28)" "a column opens from its link line as from the column list"
is "$("$YOMU" --replay 'tjjjjjjjj<Enter>' --size 100x30 | head -n 28)" \
   "$("$YOMU" --replay 'c<Enter>' --size 100x30 | head -n 28)" "and from the contents"

# highlights, read from the colour elements
is "$(attr 100x30 "$TOC_TO_21" 7 3)" "$(el TOC_CURRENT)" "the TOC entry of the current position is highlighted"
is "$(attr 100x30 "${TOC_TO_21}]" 10 5)" "$(el TOC_CURRENT)" "the highlight follows the position"
is "$(attr 100x30 "${TOC_TO_21}]" 7 5)" "$(el TOC)" "and leaves the entry before"
is "$(attr 100x30 "" 18 5)" "$(el TOC_NOBODY)" "a section without a body is greyed in the TOC"
is "$(attr 100x30 "" 4 40)" "$(el TOC_NOBODY)" "and in the contents list of the body"
row=$("$YOMU" --replay "$TOC_TO_21" --size 100x30 | grep -n '⁽¹⁾' | head -n 1 | cut -d: -f1)
line=$("$YOMU" --replay "$TOC_TO_21" --size 100x30 --replay-attrs | sed -n "${row}p")
case $line in *"$(el FOOTNOTE)$(el FOOTNOTE)$(el FOOTNOTE)"*) ok 0 "footnote references are highlighted" ;; *) ok 1 "footnote references are highlighted" ;; esac
line=$("$YOMU" --replay "$TOC_TO_21<Tab>" --size 100x30 --replay-attrs | sed -n "${row}p")
case $line in *"$(el LINK_SELECTED)$(el LINK_SELECTED)"*) ok 0 "Tab selects the first link on screen" ;; *) ok 1 "Tab selects the first link on screen" ;; esac
line=$("$YOMU" --replay "$TOC_TO_21<Tab><Tab><S-Tab>" --size 100x30 --replay-attrs | sed -n "${row}p")
case $line in *"$(el LINK_SELECTED)$(el LINK_SELECTED)"*) ok 0 "S-Tab goes back to it" ;; *) ok 1 "S-Tab goes back to it" ;; esac
"$YOMU" --replay "$TOC_TO_21<Tab><Tab>" --size 100x30 --replay-attrs | grep -q "$(el LINK_SELECTED)" ; ok $? "Tab Tab selects the second link"
grep -q "(2) ICAO : International" "$e/footnote.txt"; [ $? -eq 1 ]; ok $? "the first link is footnote 1, not 2"
grep -q "UPU : Universal Postal Union" "$e/footnote.txt"; ok $? "the footnote popup shows the footnote's text"
grep -q "▶ コラム：大沼俊之" "$e/link-column.txt"; ok $? "a column shows as one link line"
grep -q "ICAO：International Civil Aviation Organization" "$e/column-footnote.txt"; ok $? "a column's footnote opens on top of it"
grep -q "terminal too small" "$e/narrow.txt"; [ $? -eq 1 ]; ok $? "59 columns: no TOC pane but the body"
grep -q "│" "$e/narrow.txt"; [ $? -eq 1 ]; ok $? "below 60 columns the TOC hides itself"
grep -q "terminal" "$e/resize-8x3.txt"; ok $? "8x3 says the terminal is too small"
# one name for a column: its popup says コラム once; the list gives title and subtitle
grep -q "COLUMN" "$e/column.txt"; [ $? -eq 1 ]; ok $? "a column's popup is titled コラム, once"
grep -q "│ コラム：支援の輪で、未来をつくる：　ジャパン・プラットフォーム 設立25周年" "$e/column-list.txt"; ok $? "the list of columns gives a title with its subtitle"
grep -q "▶ コラム：国連の舞台を支えてきた日本人の声　紛争の予防" "$e/link-column.txt"; ok $? "the link line names a column the same way"
# footnotes: one form of title in the narrative and in a column
grep -q "脚注 1 " "$e/footnote.txt" && grep -q "脚注 1 " "$e/column-footnote.txt"; ok $? "a footnote's popup is titled 脚注 N in the narrative and in a column"
# the first characters on screen before a resize are on screen after it
body() { sed 's/^.*│ //; s/ //g' "$1" | tr -d '\n'; }
top=$("$YOMU" --replay "${TOC_TO_21}jjjj" --size 100x30 | sed -n 1p | sed 's/.*│ //' | cut -c1-6)
case $(body "$e/resize-50x20.txt") in *"$top"*) r1=0 ;; *) r1=1 ;; esac
case $(body "$e/resize-80x24.txt") in *"$top"*) r2=0 ;; *) r2=1 ;; esac
ok $((r1 + r2)) "resizing keeps the first visible characters on screen ($top)"
grep -q "第1節 › 2 › (1)" "$e/toc-jump.txt"; ok $? "the status line shows the section path"
# the mouse: a click on a TOC entry jumps, a click on a link opens it, the wheel scrolls
is "$("$YOMU" --replay '<click:5,7>' --size 100x30)" "$(cat "$e/toc-jump.txt")" "a click on a TOC entry jumps to it"
col=$(printf '%s\n' "$line" | sed "s/$(el LINK_SELECTED).*//" | wc -c)
is "$("$YOMU" --replay "$TOC_TO_21<click:$((col - 1)),$((row - 1))>" --size 100x30 | grep -c '脚注 1')" 1 "a click on a footnote reference opens it"
is "$("$YOMU" --replay "<wheeldown:50,10><wheeldown:50,10>" --size 100x30)" "$("$YOMU" --replay "jjjjjj" --size 100x30)" "the wheel scrolls three lines a notch"
"$YOMU" --replay 'x<bogus>' --size 80x24 >/dev/null 2>"$TMPDIR_T/err"; st=$?
is "$st:$(cat "$TMPDIR_T/err")" "2:yomu: --replay: <bogus>: unknown key" "an unknown key in a script is an error"
"$YOMU" --replay '' --size 0x5 >/dev/null 2>&1; is "$?" 2 "a bad --size is a usage error"

# a key rebound in a config file (tests/config/rebind.ini: line-down = x)
rb="$srcdir/tests/config/rebind.ini"
is "$("$YOMU" -c "$rb" --replay xxx --size 80x24)" "$("$YOMU" --replay jjj --size 80x24)" \
   "line-down rebound to x: xxx scrolls like jjj"
is "$("$YOMU" -c "$rb" --replay jjj --size 80x24 | sed '$d')" "$("$YOMU" --replay '' --size 80x24 | sed '$d')" \
   "and j no longer does"
is "$("$YOMU" -c "$rb" --replay j --size 80x24 | tail -n 1 | sed 's/  *[0-9]*%$//')" " j: no action here — h for help" \
   "it says so in the status line"
"$YOMU" -c "$rb" --replay h --size 100x30 | grep -q '│   x  *line down  '; ok $? "the help screen shows x for line down"
"$YOMU" -c "$rb" --replay h --size 100x160 | grep -q "│   j, Down  *next entry  "; ok $? "list-down keeps j, Down"
# the help wraps its descriptions at any width, never cutting a word
help_text() { "$YOMU" --replay "$1" --size "$2" | sed -n 's/^.*│ \(.*\) *│.*$/\1/p' | tr -s ' \n' '  '; }
for w in 40 50 60 100; do
	t=$(help_text h "${w}x160")
	r=0
	for d in "quit; closes the top popup first" "list every match of the last search" \
		"Mouse: the wheel scrolls; a click opens a link or a TOC entry."; do
		case $t in *"$d"*) ;; *) r=1; echo "# $w: missing: $d" ;; esac
	done
	ok $r "the help at $w columns shows every description whole, wrapped"
done
is "$(help_text 'h<resize:40x90>' 40x90)" "$(help_text h 40x90)" "the help opened wide and narrowed wraps again"
done_testing
