#!/bin/sh
# reader.sh: the moves a less or w3m user expects, headless (--replay):
# counts (10j, 3], 5n), N% and Np, marks (m, ', '', M with Enter and d),
# the history both ways (Backspace and H back, L forward) through jumps
# only, the contents as a full-screen list below 60 columns and a pane
# that follows the window, unknown keys, regular expressions in the
# prompt and in --count, the document's name and (END) in the status
# line.  (Marks kept across runs: tests/tmux.sh.)
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"

scr() { "$YOMU" --replay "$1" --size "${2:-100x30}"; }
body() { scr "$1" "${2:-100x30}" | sed '$d'; }
status() { scr "$1" "${2:-100x30}" | tail -n 1; }
# the percentage at the right of the status line
pct() { status "$1" "${2:-100x30}" | awk '{ sub(/%$/, "", $NF); print $NF }'; }
has() { # has OUTPUT TEXT NAME: OUTPUT holds TEXT
	case $1 in *"$2"*) ok 0 "$3" ;; *) ok 1 "$3"; printf '# no "%s" in:\n%s\n' "$2" "$1" | sed '2,$s/^/#   /' ;; esac
}
TOC_TO_21='tjjjjjjj<Enter>'

# ---- counts ----
is "$(scr '10j')" "$(scr 'jjjjjjjjjj')" "10j moves as j ten times"
is "$(body '3]')" "$(body ']]]')" "3] moves as ] three times"
is "$(scr '2<Space>')" "$(scr '<Space><Space>')" "a count repeats a page down"
has "$(status '/ICAO<Enter>5n')" "match 6/21" "5n goes five matches on"
has "$(status '/ICAO<Enter>5n2N')" "match 4/21" "and 2N two back"
has "$(status '12')" " 12 " "the digits being typed show in the status line"
is "$(scr '12<Esc>j')" "$(scr 'j')" "Esc cancels them"
is "$(scr '12<Esc>')" "$(scr '')" "and leaves nothing behind"
is "$(body '1000000000j')" "$(body 'G')" "a huge count stops at the end"
is "$(scr '3T')" "$(scr 'T')" "a count before a key that takes none is dropped"

# ---- percentages ----
p=$(pct '50%')
[ "$p" -ge 49 ] && [ "$p" -le 51 ]; ok $? "50% reads 50% in the status line ($p%)"
is "$(scr '50p')" "$(scr '50%')" "50p is 50%"
p=$(pct '25%' 80x24)
[ "$p" -ge 24 ] && [ "$p" -le 26 ]; ok $? "25% at 80x24 reads 25% ($p%)"
is "$(body '100%')" "$(body 'G')" "100% is the end"
is "$(body 'G%')" "$(body '')" "% without a count is the top"
is "$(body '50%<Backspace>')" "$(body '')" "N% is a jump: Backspace returns"
p=$(pct '50%' 80x24)
q=$("$YOMU" --replay '50%' --size 80x24 --replay-stream "$srcdir/data/bluebook-2026-ch4-s1.txt" | tail -n 1 | awk '{ sub(/%$/, "", $NF); print $NF }')
is "$q" "$p" "of a file read piece by piece, 50% reads the whole first"

# ---- marks ----
has "$(status 'jjjjjma')" "Mark a set" "m and a letter sets a mark"
is "$(body "jjjjjmaG'a")" "$(body 'jjjjj')" "' and the letter goes there"
has "$(status "'q")" "Mark q is not set" "a mark not set says so"
has "$(status "m1")" "A mark is a letter" "a mark is a letter"
is "$(scr 'm<Esc>j')" "$(scr 'j')" "Esc after m cancels it"
has "$(status 'm')" "set mark:" "m asks for the letter in the status line"
has "$(status "'")" "go to mark:" "and so does '"
m=$(scr "${TOC_TO_21}maGmBM")
has "$(echo "$m")" "┌ Marks" "M lists the marks"
has "$(echo "$m")" "a  第1節 › 2 › (1)  (1)　国際機関で活躍する日本人" "with the letter, the section path and the first words"
has "$(echo "$m")" "B  第1節 › 3" "every mark, capitals after the small letters"
is "$(body "${TOC_TO_21}maGmBM<Enter>")" "$(body "$TOC_TO_21")" "Enter in the list jumps to the mark"
m=$(scr "${TOC_TO_21}maGmBMd")
echo "$m" | grep -q "a  第1節"; [ $? -eq 1 ]; ok $? "d deletes the mark under the cursor"
has "$(echo "$m")" "B  第1節 › 3" "and keeps the others"
has "$(status "${TOC_TO_21}maGmBMd<Esc>'a")" "Mark a is not set" "the deleted mark is gone"
scr "${TOC_TO_21}maMd" | grep -q "┌ Marks"; [ $? -eq 1 ]; ok $? "deleting the last mark closes the list"
has "$(status 'M')" "No marks are set" "M with no marks says so"
has "$(status 'cd')" "Nothing in this list can be deleted" "d in another list says it deletes nothing"

# '' goes back to where the last jump started, and back again
is "$(body "G''")" "$(body '')" "'' returns to where the last jump started"
is "$(body "G''''")" "$(body 'G')" "'' twice returns to the jump's end"
is "$(body "${TOC_TO_21}jjjmxG'x''")" "$(body 'G')" "'' after going to a mark returns to where that started"
has "$(status "''")" "No jump yet" "'' with no jump says so"

# ---- the history both ways ----
is "$(body "${TOC_TO_21}G<Backspace>")" "$(body "$TOC_TO_21")" "Backspace after G returns"
is "$(body "${TOC_TO_21}GH")" "$(body "$TOC_TO_21")" "H is Backspace"
is "$(body "${TOC_TO_21}GHL")" "$(body "${TOC_TO_21}G")" "L goes forward again"
is "$(body "${TOC_TO_21}<Tab><Enter><Backspace>")" "$(body "$TOC_TO_21")" "a footnote opened is a jump: Backspace closes it"
is "$(body "${TOC_TO_21}<Tab><Enter><Backspace>L")" "$(body "${TOC_TO_21}<Tab><Enter>")" "and L opens it again"
is "$(body "c<Enter><Backspace>")" "$(body '')" "a column opened from the list: Backspace closes it"
is "$(body "c<Enter><Tab><Enter>HH")" "$(body '')" "a footnote in a column, back twice: both closed"
is "$(body "c<Enter><Tab><Enter>H")" "$(body 'c<Enter>')" "back once: the column stays"
# a cross-reference to a column (314ページ コラム参照) opens it: a jump too
t=""
for _ in 1 2 3 4 5 6 7 8; do
	t="$t<Tab>"
	case $(status "/314ページ<Enter>$t") in *"Enter opens"*) break ;; esac
done
scr "/314ページ<Enter>$t<Enter>" | head -n 3 | grep -q "┌ コラム"; ok $? "(a cross-reference opens its column)"
is "$(body "/314ページ<Enter>$t<Enter><Backspace>")" "$(body "/314ページ<Enter>$t")" \
   "a column a cross-reference opened: Backspace closes it"
# a mixed history: contents, G, search, a mark, a footnote
mixed="${TOC_TO_21}G/ICAO<Enter>mzg'z<Tab><Enter>"
is "$(body "${mixed}H")" "$(body "${TOC_TO_21}G/ICAO<Enter>mzg'z")" "mixed history, back 1: the footnote closes"
is "$(body "${mixed}HH")" "$(body "${TOC_TO_21}G/ICAO<Enter>mzg")" "back 2: before the mark"
is "$(body "${mixed}HHH")" "$(body "${TOC_TO_21}G/ICAO<Enter>")" "back 3: the search's match"
is "$(body "${mixed}HHHH")" "$(body "${TOC_TO_21}G")" "back 4: the end"
is "$(body "${mixed}HHHHH")" "$(body "$TOC_TO_21")" "back 5: the contents jump"
is "$(body "${mixed}HHHHHH")" "$(body '')" "back 6: the start"
has "$(status "${mixed}HHHHHHH")" "No earlier position" "back 7: nothing earlier"
is "$(body "${mixed}6H3L")" "$(body "${TOC_TO_21}G/ICAO<Enter>")" "6H then 3L: forward through the same places"
is "$(body "${mixed}6H6L")" "$(body "$mixed")" "6L: all the way forward, the footnote open again"
has "$(status "${mixed}L")" "No later position" "L with nothing ahead says so"
is "$(body "${TOC_TO_21}GHgL")" "$(body '')" "a jump after going back drops what was ahead"
has "$(status "${TOC_TO_21}GHgL")" "No later position" "(and L says so)"
# only jumps: scrolling and ] are not, ]/[ with a count are
is "$(body "${TOC_TO_21}jjjj<Backspace>")" "$(body '')" "scrolling is not a jump"
is "$(body "${TOC_TO_21}]<Backspace>")" "$(body '')" "] is not a jump"
is "$(body "${TOC_TO_21}2]<Backspace>")" "$(body "$TOC_TO_21")" "2] is"
# n that keeps the match on the screen is not a jump (issue 16)
is "$(status '/国際機関<Enter>nn' | sed 's/match [0-9]*/match N/')" "$(status '/国際機関<Enter>' | sed 's/match [0-9]*/match N/')" \
   "(n here keeps the match on the screen)"
is "$(body '/国際機関<Enter>nn<Backspace>')" "$(body '')" "n that keeps the match on screen is not a jump"
is "$(body '/ICAO<Enter>nn<Backspace>')" "$(body '/ICAO<Enter>n')" "n that leaves the screen is"

# ---- the contents ----
has "$(scr 't' 50x20)" "┌ Contents" "t at 50 columns opens the contents over the whole screen"
has "$(scr 't' 50x20)" "(1)　国際機関で活躍する日本人" "with its entries"
is "$(scr 't' 50x20 | head -n 1 | cut -c 1-3)" "┌" "from the first column"
has "$(scr "tjjjjjjj<Enter>" 50x20 | head -n 1)" "(1)　国際機関で活躍する日本人" "Enter jumps to the entry"
is "$(body 'tjjjjjjj<Enter>H' 50x20)" "$(body '' 50x20)" "a jump Backspace undoes"
is "$(body 't<Esc>' 50x20)" "$(body '' 50x20)" "Esc leaves the list"
# the column of the separator: the pane's width
sep() { "$YOMU" "$@" | "$builddir/tests/cellwidth" | awk '$2 >= 0 { print $2 }' | sort -u; }
is "$(sep --replay '' --size 100x30)" 30 "the contents pane at 100 columns: 30 (three tenths)"
w200=$(sep --replay '' --size 200x30)
[ "$w200" -gt 30 ] && [ "$w200" -le 60 ]; ok $? "wider at 200 columns, at most the longest entry ($w200)"
is "$(sep --replay "" --size 60x30)" 20 "at 60 columns: 20, the least (three tenths would be 18)"
printf '[general]\ntoc_width = 40\n' > "$TMPDIR_T/toc40.ini"
is "$(sep -c "$TMPDIR_T/toc40.ini" --replay '' --size 200x30)" 40 "toc_width = 40 wins"

# ---- unknown keys ----
has "$(status 'x')" "x: no action here — h for help" "an unknown key says so"
has "$(status 'tx')" "x: no action here" "in the contents too"
has "$(status 'cx')" "x: no action here" "and in a list"
is "$(scr 'x<Esc>' | sed '$d')" "$(scr '' | sed '$d')" "and does nothing else"
printf '[keys]\nhelp = none\n' > "$TMPDIR_T/nohelp.ini"
is "$("$YOMU" -c "$TMPDIR_T/nohelp.ini" --replay 'x' --size 100x30 | tail -n 1 | sed 's/  *[0-9]*%$//')" " x: no action here" \
   "with no help key, no hint"

# ---- regular expressions ----
has "$(status '/<C-r>ICAO')" "regex /ICAO" "Ctrl-R in the prompt: a regular expression, and the prompt says so"
status '/<C-r><C-r>ICAO' | grep -q "regex"; [ $? -eq 1 ]; ok $? "Ctrl-R again: literal"
has "$(status '/<C-r>ICAO|ITLOS<Enter>')" "match 1/23" "ICAO|ITLOS: 23 matches"
has "$(status '/ICAO|ITLOS<Enter>')" "Pattern not found" "(literally, none)"
has "$(status '/<C-r>(ab')" "bad regular expression at character 3: missing closing parenthesis" "a bad expression says where, while it is typed"
has "$(status '/<C-r>(ab<Enter>')" "bad regular expression at character 3" "and when it is entered"
has "$(status '/<C-r>ICAO|ITLOS<Enter>n')" "match 2/23" "n goes through a regex's matches"
n=$("$YOMU" --replay '/<C-r>ICAO|ITLOS<Enter>n' --size 100x30 --replay-attrs | tr -cd q | wc -c)
is "$n" 5 "each match is highlighted to its own length (ITLOS: 5 cells)"
has "$(scr '/<C-r>ICAO|ITLOS<Enter>s')" '23 matches for "ICAO|ITLOS"' "s lists a regex's matches"
is "$(body '/<C-r>ICAO<Enter>g/<Up><Enter>')" "$(body '/<C-r>ICAO<Enter>')" "↑ recalls a pattern with its mode"
printf '[general]\nsearch_regex = true\n' > "$TMPDIR_T/re.ini"
has "$("$YOMU" -c "$TMPDIR_T/re.ini" --replay '/' --size 100x30 | tail -n 1)" "regex /" "search_regex = true: the prompt opens as a regex"

# --count --regex
is "$("$YOMU" --count 'ICAO|ITLOS' --regex)" 23 "--count PATTERN --regex"
has "$("$YOMU" --regex --replay '/' --size 100x30 | tail -n 1)" "regex /" "--regex: the prompt opens as a regex too"
is "$("$YOMU" -c "$TMPDIR_T/re.ini" --count 'ICAO|ITLOS')" 23 "search_regex = true: --count takes a regex"
"$YOMU" --count '(ab' --regex > "$TMPDIR_T/out" 2> "$TMPDIR_T/err"; st=$?
is "$st:$(cat "$TMPDIR_T/out"):$(cat "$TMPDIR_T/err")" \
   "2::yomu: (ab: bad regular expression at character 3: missing closing parenthesis" \
   "a bad expression: one line, exit status 2, nothing on standard output"
printf '国際民間航空機関（ＩＣＡＯ）と国際海洋法裁判所（ITLOS）。\n\nＩＣＡＯの会議。\n' > "$TMPDIR_T/fw.txt"
is "$("$YOMU" --count 'ICAO|ITLOS' --regex "$TMPDIR_T/fw.txt")" 3 "ICAO|ITLOS finds ＩＣＡＯ written full-width"
is "$("$YOMU" --count 'ＩＣＡＯ|ｉｔｌｏｓ' --regex "$TMPDIR_T/fw.txt")" 3 "and ＩＣＡＯ|ｉｔｌｏｓ finds both"
is "$("$YOMU" --count '（ＩＣＡＯ）' --regex "$TMPDIR_T/fw.txt")" 1 "full-width brackets are literal"
is "$("$YOMU" --count 'ＩＣＡＯ' "$TMPDIR_T/fw.txt")" 2 "(the literal search agrees)"
# ruby readings are searched too, each on its own (an Aozora text)
ao="$srcdir/tests/fixtures/aozora/sample-utf8.txt"
is "$("$YOMU" --count 'み.き' --regex "$ao")" "$("$YOMU" --count 'みさき' "$ao")" "a regex finds a reading as the literal search does"
is "$("$YOMU" --count '.みさき' --regex "$ao")" 0 "and never spans the text and a reading"
has "$("$YOMU" --replay '/<C-r>み.き<Enter>' --size 80x24 "$ao" | tail -n 1)" "match 1/1" "on the screen too, the base shown"
# a large input is counted window by window: the windows add up
i=0
while [ $i -lt 80 ]; do cat "$srcdir/data/bluebook-2026-ch4-s1.txt"; echo; i=$((i + 1)); done > "$TMPDIR_T/big.txt"
is "$("$YOMU" --count 'ICAO|ITLOS' --regex "$TMPDIR_T/big.txt")" $((23 * 80)) "--count --regex on 3 MB (two windows): 80 times 23"
is "$("$YOMU" --count 'ICAO|ITLOS' --regex - < "$TMPDIR_T/big.txt")" $((23 * 80)) "and from standard input"
is "$(YOMU_STREAM_WINDOW=4096 "$YOMU" --count 'ICAO|ITLOS' --regex)" 23 "in 4 KB windows, the chapter's 23"

# ---- the status line ----
has "$(status '')" "外交青書2026" "the status line names the built-in chapter"
printf '本文です。\n' > "$TMPDIR_T/名前.txt"
has "$("$YOMU" --replay '' --size 80x24 "$TMPDIR_T/名前.txt" | tail -n 1)" "名前.txt" "and a file by its name"
printf 'a\033[31mb.txt' > "$TMPDIR_T/esc"
cp "$TMPDIR_T/名前.txt" "$TMPDIR_T/$(cat "$TMPDIR_T/esc")"
has "$("$YOMU" --replay '' --size 80x24 "$TMPDIR_T/$(cat "$TMPDIR_T/esc")" | tail -n 1)" 'a\x1B[31mb.txt' "a name with an escape shows it harmlessly"
has "$(printf '本文です。\n' | "$YOMU" --replay '' --size 80x24 - | tail -n 1)" "standard input" "standard input is named so"
has "$(scr 'G' | sed '$d' | tail -n 1)" "(END)" "(END) below the last line"
scr '' | grep -q "(END)"; [ $? -eq 1 ]; ok $? "and not before the end"
has "$("$YOMU" --replay '' --size 80x24 "$TMPDIR_T/名前.txt" | sed -n 2p)" "(END)" "a short document: right below its text"
done_testing
