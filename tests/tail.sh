#!/bin/sh
# tail.sh: G on a large document still being read shows its end at once,
# parsed on its own from a point where a parse can start afresh (a tail),
# and hands over to the whole document without moving the text on screen.
# Headless: --replay-stream reads the document as the screen does, the rest
# only at <idle> or when a key needs it; each screen is compared with the
# same keys on the document read whole first.
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"
chapter="$srcdir/data/bluebook-2026-ch4-s1.txt"
big="$TMPDIR_T/big.txt"

# a document larger than what is worth a tail (docload.h: 2 MB left)
repeat() { # repeat FILE N > OUT
	i=0
	while [ $i -lt "$2" ]; do cat "$1"; echo; i=$((i + 1)); done
}
repeat "$chapter" 60 > "$big"

# the screen after KEYS, streamed and whole; the status line's left part
# (the heading path) is left out where the tail cannot know all of it
stream() { "$YOMU" --no-state --replay-stream --replay "$2" --size "$1" "$3"; }
whole() { "$YOMU" --no-state --replay "$2" --size "$1" "$3"; }
body() { sed '$d'; }
percent() { tail -n 1 | awk '{ print $NF }'; }

# compare WHAT NAME SIZE KEYS [FILE]: streamed and whole, the same text on
# screen (WHAT = text: the status line left out) or the same screen
compare() {
	what=$1
	shift
	f=${4:-$big}
	stream "$2" "$3" "$f" > "$TMPDIR_T/s" 2> "$TMPDIR_T/err"
	st=$?
	whole "$2" "$3" "$f" > "$TMPDIR_T/w"
	if [ "$what" = text ]; then
		body < "$TMPDIR_T/s" > "$TMPDIR_T/cs"
		body < "$TMPDIR_T/w" > "$TMPDIR_T/cw"
	else
		cp "$TMPDIR_T/s" "$TMPDIR_T/cs"
		cp "$TMPDIR_T/w" "$TMPDIR_T/cw"
	fi
	[ $st -eq 0 ] && [ -s "$TMPDIR_T/cs" ] && cmp -s "$TMPDIR_T/cs" "$TMPDIR_T/cw"
	r=$?
	ok $r "$1: the same $what as the whole document ($2: $3)"
	if [ $r -ne 0 ]; then
		sed 's/^/# /' "$TMPDIR_T/err"
		diff "$TMPDIR_T/w" "$TMPDIR_T/s" | head -n 20 | sed 's/^/# /'
	fi
}
same_body() { compare text "$@"; }
same_screen() { compare screen "$@"; }

# G shows the end before the rest is read: the contents pane knows only the
# tail's headings then (the last section heading of the chapter), and all
# of them once the rest is read
s=$(stream 100x30 G "$big")
w=$(whole 100x30 G "$big")
is "$(printf '%s\n' "$s" | grep -ac '第1節')" 0 "G at once: the contents pane has only the tail's headings"
is "$(printf '%s\n' "$s" | head -n 1 | grep -ac '^   3　地方自治体')" 1 \
	"G at once: the tail starts at the chapter's last first-level heading"
ok "$([ "$(printf '%s\n' "$w" | grep -ac '第1節')" -gt 0 ] && echo 0 || echo 1)" \
	"G on the whole document: the contents pane has every heading"
is "$(printf '%s\n' "$s" | percent)" "100%" "G at once: 100%"
same_body g-narrow 50x20 G
same_screen g-idle 100x30 'G<idle>'
same_screen g-idle-narrow 50x20 'G<idle>'

# in the tail: scrolling, its links and popups
same_body g-up 50x20 'Gkkkkk'
same_body g-page-up 50x20 'Gbb'
same_body g-down 50x20 'Gbbjjj'
same_body g-footnote 50x20 'G<S-Tab><Enter>'
same_screen g-footnote-idle-esc 100x30 'G<S-Tab><Enter><idle><Esc>'
same_body g-help 50x20 'Gh'

# leaving the tail: keys that need the whole document read it, and go on
# from the same text
same_screen g-far-up 50x20 'Gbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'
same_screen g-top 100x30 'Gg'
same_screen g-back 100x30 'jjjjjG<Backspace>'
same_screen g-search 100x30 'G?国際機関<Enter>'
same_screen g-heading 100x30 'G['
same_screen g-toc 100x30 'Gt'
same_screen g-columns 100x30 'Gc'
same_screen g-resize 100x30 'Gkk<resize:60x20><idle>'
same_screen g-wheel 100x30 'G<wheelup:50,10><wheelup:50,10><idle>'
same_screen g-twice 100x30 'GkkG<idle>'
# a count typed on the end counts for the whole document's key: 50%
p=$(stream 100x30 'G50%' "$big" | percent | tr -d '%')
[ "$p" -ge 49 ] && [ "$p" -le 51 ]; ok $? "G then 50%: the count typed on the end goes to the whole document ($p%)"
# (the text: the contents pane scrolls as it went there)
is "$(stream 100x30 'G50%' "$big" | body | sed 's/^.*│//')" "$(whole 100x30 '50%' "$big" | body | sed 's/^.*│//')" \
   "the same text as 50% on the whole"
stream 100x30 'Gq' "$big" > /dev/null
is $? 0 "q in the tail quits"

# a key that needs the whole document waits for it, the keys typed
# meanwhile wait their turn, q quits at once and Esc stops waiting
same_screen wait-search 100x30 '/国際機関<Enter>nn'
same_screen wait-search-up 100x30 'G?国際機関<Enter>'
s=$(stream 100x30 '/q' "$big")
case $(printf '%s\n' "$s" | tail -n 1) in
*"Reading the rest of the document"*) ok 0 "q while a search waits for the rest quits at once, the rest unread" ;;
*) ok 1 "q while a search waits for the rest quits at once, the rest unread"; printf '%s\n' "$s" | tail -n 1 | sed 's/^/# /' ;;
esac
pc=$(printf '%s\n' "$s" | percent | tr -d %)
ok $([ "${pc:-100}" -lt 100 ]; echo $?) "and the screen then showed less than all of it read (${pc}%)"
is "$(stream 100x30 '/<Esc>' "$big" | tail -n 1 | sed 's/^ //; s/  .*//')" "Stopped waiting for the rest of the document" \
	"Esc stops waiting, and says so"
is "$(stream 100x30 '/<Esc>j' "$big" | body)" "$(stream 100x30 'j' "$big" | body)" "then keys act at once again (j scrolled; no search prompt)"
same_screen wait-columns-typeahead 100x30 'cjj<Enter>'
same_screen wait-leave-typeahead 100x30 'Gbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbjjj' 

# documents of other shapes: no heading to start at (paragraphs), no
# paragraph either (one line per sentence), a line longer than the tail,
# other encodings
awk 'BEGIN { for (i = 0; i < 40000; i++) printf "これは%d番目の段落です。文が続きます。\n\n", i }' > "$TMPDIR_T/paras.txt"
same_screen paras 60x20 G "$TMPDIR_T/paras.txt"
same_screen paras-up 60x20 'Gkkkk<idle>' "$TMPDIR_T/paras.txt"
awk 'BEGIN { for (i = 0; i < 80000; i++) printf "行%dの文章は続いていく\n", i }' > "$TMPDIR_T/lines.txt"
# one paragraph of 80,000 lines: the tail starts inside it, so its lines
# are cut elsewhere until the rest is read, but the end is the end
stream 60x20 G "$TMPDIR_T/lines.txt" | body | tail -n 3 | tr -d ' \n│' | grep -aq '79999の文章は続いていく(END)$'
ok $? "lines: G shows the end of one long paragraph, and (END) below it"
same_screen lines-idle 60x20 'G<idle>' "$TMPDIR_T/lines.txt"
awk 'BEGIN { for (i = 0; i < 300000; i++) printf "長い一行の文。" }' > "$TMPDIR_T/oneline.txt"
same_screen one-line 60x20 G "$TMPDIR_T/oneline.txt"
# (what the legacy encodings cannot hold is left out; two bytes a
# character: a larger document)
repeat "$chapter" 100 > "$TMPDIR_T/bigger.txt"
iconv -c -f UTF-8 -t EUC-JP "$TMPDIR_T/bigger.txt" > "$TMPDIR_T/big.euc" 2>/dev/null
same_body euc-jp 50x20 G "$TMPDIR_T/big.euc"
same_screen euc-jp-idle 100x30 'G<idle>' "$TMPDIR_T/big.euc"
iconv -c -f UTF-8 -t CP932 "$TMPDIR_T/bigger.txt" > "$TMPDIR_T/big.sjis" 2>/dev/null
same_body cp932 50x20 G "$TMPDIR_T/big.sjis"
iconv -f UTF-8 -t UTF-16 "$big" > "$TMPDIR_T/big.u16"
same_screen utf-16 50x20 G "$TMPDIR_T/big.u16"
# set vertically (縦書き): the tail too; v reads the rest and sets the whole
# document horizontally at the same text
same_body v-g 50x20 'vG'
same_body v-g-up 50x20 'vGkkkk<Right>'
same_screen v-g-idle 100x30 'vG<idle>'
same_screen v-g-v 100x30 'vGbv'
# a small document is read whole: no tail
same_screen small 100x30 G "$chapter"

done_testing
