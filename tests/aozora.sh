#!/bin/sh
# aozora.sh: an Aozora Bunko text on the screen (headless, --replay):
# ruby shown and hidden (the r key, the ruby option, --dump), a heading
# jump, 傍点 in their colour, an editor's note and a gaiji's description
# opened, frames, G on a large file; and --inspect on the fixtures.
# Screens are compared with reviewed files in tests/screen/aozora-*.txt;
# "aozora.sh --update" rewrites them (review the diff!).
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"
e="$srcdir/tests/screen"
fx="$srcdir/tests/fixtures/aozora"
[ "${1:-}" = --update ] && UPDATE=1

# screen NAME SIZE KEYS FILE [yomu args]: compare with tests/screen/NAME.txt
screen() {
	name=$1 size=$2 keys=$3 file=$4
	shift 4
	if [ "${UPDATE:-}" = 1 ]; then
		"$YOMU" --no-state --replay "$keys" --size "$size" "$@" "$file" > "$e/$name.txt"
	fi
	"$YOMU" --no-state --replay "$keys" --size "$size" "$@" "$file" > "$TMPDIR_T/$name.txt" 2>"$TMPDIR_T/err"
	st=$?
	if [ $st -eq 0 ] && cmp -s "$e/$name.txt" "$TMPDIR_T/$name.txt"; then
		ok 0 "screen $name ($size: $keys)"
	else
		ok 1 "screen $name ($size: $keys)"
		sed 's/^/# /' "$TMPDIR_T/err"
		diff -u "$e/$name.txt" "$TMPDIR_T/$name.txt" | head -n 30 | sed 's/^/# /'
	fi
}
run() { "$YOMU" --no-state --replay "$2" --size "$1" "$3"; }
attrs() { "$YOMU" --no-state --replay "$2" --size "$1" --replay-attrs "$3"; }
# the letter --replay-attrs prints for element NAME of src/theme.h
el() {
	i=0
	for n in $(sed -n 's/^[[:space:]]*X(\([A-Z_0-9]*\), .*/\1/p' "$srcdir/src/theme.h"); do
		if [ "$n" = "$1" ]; then
			if [ $i -lt 26 ]; then printf "\\$(printf %o $((97 + i)))"; else printf "\\$(printf %o $((65 + i - 26)))"; fi
			return
		fi
		i=$((i + 1))
	done
}
has() { # has TEXT NEEDLE NAME
	case $1 in *"$2"*) ok 0 "$3" ;; *) ok 1 "$3"; printf '%s\n' "$1" | sed 's/^/# /' | head -n 30 ;; esac
}
hasnt() { # hasnt TEXT NEEDLE NAME
	case $1 in *"$2"*) ok 1 "$3"; printf '%s\n' "$1" | sed 's/^/# /' | head -n 30 ;; *) ok 0 "$3" ;; esac
}

sample=$fx/sample-sjis.txt

# ---- the screen ----
screen aozora-start 80x24 '' "$sample"
screen aozora-ruby-hidden 80x24 'r' "$sample"
screen aozora-heading 80x24 ']]' "$sample"
screen aozora-frame 60x22 '' "$fx/frame.txt"
screen aozora-note 70x16 '<Tab><Enter>' "$fx/notes.txt"

# ruby: shown, hidden by r, shown again, and the text stays where it was
s=$(run 80x24 '' "$sample")
case $s in *"岬《みさき》が一本"*"［＃"* | *"［＃"*"岬《みさき》が一本"*) ok 1 "ruby is shown after its base, no notation raw" ;;
*"岬《みさき》が一本"*) ok 0 "ruby is shown after its base, no notation raw" ;;
*) ok 1 "ruby is shown after its base, no notation raw" ;; esac
s=$(run 80x24 'r' "$sample")
hasnt "$s" "《" "r hides the readings"
has "$s" "岬が一本" "and the base stays"
has "$(printf '%s\n' "$s" | tail -n 1)" "Ruby hidden" "the status line says so"
[ "$(run 80x24 'rr' "$sample" | sed '$d')" = "$(run 80x24 '' "$sample" | sed '$d')" ] &&
	[ "$(run 80x24 'r' "$sample" | sed '$d')" != "$(run 80x24 '' "$sample" | sed '$d')" ]
ok $? "r twice shows them again"
# the body's part of a screen's first line (after the contents pane)
top() { run "$@" | sed -n 1p | sed 's/^[^│]*│ *//; s/ *$//'; }
before=$(top 80x24 'jjjjjjjjjjjj' "$sample" | sed 's/《[^》]*》//g' | cut -c 1-9)
after=$(run 80x24 'jjjjjjjjjjjjr' "$sample")
case $(printf '%s\n' "$after" | sed -n 1p) in
*"$before"*) case $after in *《*) ok 1 "r keeps the text at the top where it was" ;;
	*) ok 0 "r keeps the text at the top where it was" ;; esac ;;
*) ok 1 "r keeps the text at the top where it was"; echo "# [$before] not in [$(printf '%s\n' "$after" | sed -n 1p)]" ;;
esac
[ "$(run 80x24 'jjjjjjjjjjjjrr' "$sample" | sed '$d')" = "$(run 80x24 'jjjjjjjjjjjj' "$sample" | sed '$d')" ] &&
	[ "$(run 80x24 'jjjjjjjjjjjjr' "$sample" | sed '$d')" != "$(run 80x24 'jjjjjjjjjjjj' "$sample" | sed '$d')" ]
ok $? "and r again brings back the same screen"
printf '[general]\nruby = hide\n' > "$TMPDIR_T/hide.ini"
s=$("$YOMU" --no-state -c "$TMPDIR_T/hide.ini" --replay '' --size 80x24 "$sample")
hasnt "$s" "《みさき》" "ruby = hide: no readings on the screen"
s=$("$YOMU" --no-state -c "$TMPDIR_T/hide.ini" --replay 'r' --size 80x24 "$sample")
case $s in *"岬《みさき》"*"Ruby shown"*) ok 0 "ruby = hide: r shows them" ;; *) ok 1 "ruby = hide: r shows them" ;; esac
hasnt "$("$YOMU" -c "$TMPDIR_T/hide.ini" --dump --width 60 "$sample")" "《" "ruby = hide: --dump leaves them out"
printf '[general]\nruby = above\n' > "$TMPDIR_T/bad.ini"
is "$("$YOMU" --check-config -c "$TMPDIR_T/bad.ini")" \
	"$TMPDIR_T/bad.ini:2: ruby: \"above\" must be inline or hide" "ruby = above is an error"

# a search for a reading finds its base, readings shown or not
s=$(run 70x30 'T/みさき<Enter>' "$fx/sample-utf8.txt")
has "$(printf '%s\n' "$s" | tail -n 1)" "match 1/1 " "a search for a reading (みさき) finds it, once"
row=$(printf '%s\n' "$s" | grep -n '岬《みさき》' | head -n 1 | cut -d: -f1)
is "$(attrs 70x30 'T/みさき<Enter>' "$fx/sample-utf8.txt" | sed -n "${row}p" | cut -c 22-25)" \
	"$(el MATCH_CURRENT)$(el MATCH_CURRENT)$(el RUBY)$(el RUBY)" "its base is highlighted, not the reading"
is "$(run 70x30 'Tr/みさき<Enter>' "$fx/sample-utf8.txt" | tail -n 1 | grep -o 'match [0-9/]*')" \
	"match 1/1" "the same match with readings hidden"

# a heading jump: ] goes to the next heading, in the contents too
s=$(run 80x24 ']' "$sample")
is "$(top 80x24 ']' "$sample")" "上　春" "] jumps to the first heading"
is "$(printf '%s\n' "$s" | tail -n 1 | awk '{ print $1 }')" "上　春" "the status line's path names it"
is "$(top 80x24 ']]]' "$sample")" "手紙" "] ] ] reaches the third"

# 傍点 in the emphasis colour, 傍線 in theirs, the rest as the body
a=$(attrs 70x12 'T' "$fx/emphasis.txt")
row=$(run 70x12 'T' "$fx/emphasis.txt" | grep -n '春と春の風' | head -n 1 | cut -d: -f1)
line=$(printf '%s\n' "$a" | sed -n "${row}p")
is "$(printf '%s' "$line" | cut -c 2-3)" "$(el EMPHASIS)$(el EMPHASIS)" "a 傍点 on one character: its cells in the emphasis colour"
is "$(printf '%s' "$line" | cut -c 4-5)" "$(el BODY)$(el BODY)" "the character after it in the body's"
is "$(printf '%s' "$line" | cut -c 6-11)" "$(el EMPHASIS)$(el EMPHASIS)$(el EMPHASIS)$(el EMPHASIS)$(el EMPHASIS)$(el EMPHASIS)" \
	"a 傍点 pair over three characters"
a=$(attrs 70x90 'T' "$fx/emphasis.txt")
row=$(run 70x90 'T' "$fx/emphasis.txt" | grep -n '線と一本の線' | head -n 1 | cut -d: -f1)
is "$(printf '%s\n' "$a" | sed -n "${row}p" | cut -c 2-3)" "$(el EMPHASIS_LINE)$(el EMPHASIS_LINE)" "a 傍線 in its own colour"
row=$(run 70x90 'T' "$fx/emphasis.txt" | grep -n '太い字と' | head -n 1 | cut -d: -f1)
is "$(printf '%s\n' "$a" | sed -n "${row}p" | cut -c 2-3)" "$(el BOLD)$(el BOLD)" "太字 in bold"
row=$(run 70x30 'T' "$fx/sample-utf8.txt" | grep -n '岬《みさき》' | head -n 1 | cut -d: -f1)
is "$(attrs 70x30 'T' "$fx/sample-utf8.txt" | sed -n "${row}p" | cut -c 22-27)" \
	"$(el BODY)$(el BODY)$(el RUBY)$(el RUBY)$(el RUBY)$(el RUBY)" "a reading in the ruby colour, its base in the body's"

# an editor's note: Tab selects the text it is on, its text in the status
# line; Enter opens it
s=$(run 70x16 '<Tab>' "$fx/notes.txt")
has "$(printf '%s\n' "$s" | tail -n 1)" "「紋様」は底本では「絞様」" "Tab on an editor's note: its text in the status line"
row=$(printf '%s\n' "$s" | grep -n '紋様の着物' | cut -d: -f1)
# the cells of 紋 (wherever the contents pane leaves the text)
line=$(printf '%s\n' "$s" | sed -n "${row}p")
c=$(printf '%s\n' "${line%%紋様の着物*}" | python3 -c 'import sys, unicodedata as u; s = sys.stdin.read().rstrip("\n"); print(sum(2 if u.east_asian_width(c) in "WF" else 1 for c in s))')
is "$(attrs 70x16 '<Tab>' "$fx/notes.txt" | sed -n "${row}p" | cut -c $((c + 1))-$((c + 2)))" "$(el LINK_SELECTED)$(el LINK_SELECTED)" \
	"and selects the text it is on"
is "$(attrs 70x16 '' "$fx/notes.txt" | sed -n "${row}p" | cut -c $((c + 1))-$((c + 2)))" "$(el NOTE)$(el NOTE)" \
	"unselected, that text is in the editor-note colour"
s=$(run 70x16 '<Tab><Enter>' "$fx/notes.txt")
has "$s" "Editor's note" "Enter opens the note in a popup"
has "$s" "│ 「紋様」は底本では「絞様」 │" "with its text"
[ "$(run 70x16 '<Tab><Enter><Esc>' "$fx/notes.txt" | sed '$d')" = "$(run 70x16 '<Tab>' "$fx/notes.txt" | sed '$d')" ] &&
	[ "$(run 70x16 '<Tab><Enter>' "$fx/notes.txt" | sed '$d')" != "$(run 70x16 '<Tab>' "$fx/notes.txt" | sed '$d')" ]
ok $? "Esc closes it"
s=$(run 70x16 '<Tab><Tab><Enter>' "$fx/notes.txt")
has "$s" "│ 「行きます」はママ │" "the next Tab, the next note"

# a gaiji with no code: 〓, its description on Tab and in a popup
keys='TGkkkkkk'
s=$(run 70x12 "$keys" "$fx/gaiji.txt")
has "$s" "番号のない字は〓である。" "a gaiji with no code is 〓"
s=$(run 70x12 "$keys<Tab>" "$fx/gaiji.txt")
has "$(printf '%s\n' "$s" | tail -n 1)" "「土へん＋竒」、ページ数-行数" "Tab on it: its description in the status line"
s=$(run 70x12 "$keys<Tab><Enter>" "$fx/gaiji.txt")
has "$s" "Character not in the text" "Enter opens its description"
has "$s" "「土へん＋竒」、ページ数-行数" "with the description"

# an annotation not understood: a dim mark, never its text
s=$("$YOMU" --dump --width 80 "$fx/broken.txt" | tr -d '\n')
hasnt "$s" "この注記は誰も知らない" "an unknown annotation is not shown"
has "$s" "未知の注記＊のある行。" "but marked where it stands"
hasnt "$s" "［＃「" "nothing of the notation is printed raw"

# ---- --dump and --toc of every fixture: nothing of the notation raw ----
for f in $(grep -l '［＃' "$fx"/*.txt); do
	out=$("$YOMU" --dump --width 60 "$f")
	# the only brackets left are the ones broken.txt and ruby.txt write as text
	n=$(printf '%s\n' "$out" | grep -c '［＃\|※［')
	case ${f##*/} in broken.txt) want=1 ;; *) want=0 ;; esac
	is "$n" "$want" "--dump ${f##*/}: no annotation printed raw"
done

has "$("$YOMU" --dump --width 60 "$fx/accent.txt")" "彼は café で待っていた。" "--dump accent.txt: accents decomposed"

# ---- G on a large file: its end at once, the same text as when whole ----
big=$TMPDIR_T/big.txt
u=$fx/sample-utf8.txt
{
	sed -n '1,18p' "$u"
	i=0
	while [ $i -lt 500 ]; do sed -n '19,88p' "$u"; echo; i=$((i + 1)); done
	sed -n '89,$p' "$u"
} > "$big"
s=$("$YOMU" --no-state --replay-stream --replay 'TG' --size 80x24 "$big" | sed '$d')
w=$("$YOMU" --no-state --replay 'TG' --size 80x24 "$big" | sed '$d')
[ "$s" = "$w" ] && [ "$(printf '%s\n' "$s" | grep -A1 '──────────' | tail -n 1 | sed 's/^ *//' | cut -c 1-9)" = "底本：" ]
ok $? "G on a large file still being read: the end at once (the colophon set apart), as the whole document shows it"

# ---- --inspect ----
"$YOMU" --inspect "$fx/broken.txt" > "$TMPDIR_T/inspect" 2>&1
st=$?
is "$st" 1 "--inspect broken.txt: exit status 1, something was not understood"
s=$(cat "$TMPDIR_T/inspect")
has "$s" "format: aozora" "--inspect names the format"
has "$s" "line 5: ［＃この注記は誰も知らない］" "--inspect lists what it did not understand, with its line"
has "$s" "line 19: ［＃ここで字下げ終わり］" "and every such annotation"
is "$(grep -c '^line [0-9]*: ' "$TMPDIR_T/inspect")" 10 "ten of them"
"$YOMU" --inspect "$sample" > "$TMPDIR_T/inspect" 2>&1
st=$?
is "$st" 0 "--inspect sample-sjis.txt: exit status 0"
is "$(cat "$TMPDIR_T/inspect")" "format: aozora
encoding: CP932
title: 潮騒の町
author: 水城透
blocks: 52
headings: 7
paragraphs: 42
footnotes: 0
ruby: 10
gaiji: 2 resolved, 0 not resolved
editor's notes: 0
not understood: 0" "--inspect sample-sjis.txt: the counts"
has "$("$YOMU" --inspect "$fx/gaiji.txt")" "gaiji: 19 resolved, 2 not resolved" "--inspect gaiji.txt: gaiji counted"
# the sample of the whole notation list (aozorahack/aozora2html): every
# annotation understood, nothing of the notation raw
c=$fx/chukiichiran.txt
"$YOMU" --inspect "$c" > "$TMPDIR_T/inspect" 2>&1
is "$?" 0 "--inspect chukiichiran.txt: exit status 0"
has "$(cat "$TMPDIR_T/inspect")" "not understood: 0" "--inspect chukiichiran.txt: not understood: 0"
# readings hidden, what is left of 《》｜［＃※ is what the gaiji of its last
# lines make (the notation's characters as text), each alone on its line
s=$("$YOMU" -c "$TMPDIR_T/hide.ini" --dump --width 60 "$c")
is "$(printf '%s\n' "$s" | grep -v '^[《》［］〔〕｜＃※]$' | grep -c '［＃\|※［\|《\|》\|｜\|＃\|※')" 0 \
	"--dump chukiichiran.txt: no notation raw"
is "$(printf '%s\n' "$s" | grep -c "〔[^〕]*[A-Za-z][\`'^:~&,_/]")" 0 "--dump chukiichiran.txt: no accent left spelt"
has "$s" "繁雑な日本の étiquette も、" "--dump chukiichiran.txt: accents decomposed"
# set vertically the brackets take their vertical forms: count the marks
s=$("$YOMU" -c "$TMPDIR_T/hide.ini" --dump --vertical --size 60x20 "$c")
is "$(printf '%s\n' "$s" | grep -o '＃\|※\|︽\|︾\|｜' | wc -l | tr -d ' ')" 5 \
	"--dump --vertical chukiichiran.txt: no notation raw (one ＃ ※ ︽ ︾ ｜ each, the gaiji's)"
"$YOMU" --inspect > "$TMPDIR_T/inspect" 2>&1
is "$?" 0 "--inspect on the built-in chapter: exit status 0"
has "$(cat "$TMPDIR_T/inspect")" "format: bluebook" "it works for every format"

done_testing
