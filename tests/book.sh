#!/bin/sh
# book.sh: headless tests of the reader's tools of issue 18's second half:
# a book of several files or a directory (its contents, --dump, --toc and
# --count, } and {, search across its files, mixed encodings), copying
# with y and Y (the text, the citation, copy_ruby, copy_command), and the
# measure (+ - =, text_width = auto).  Golden files in tests/book/;
# "book.sh --update" rewrites them (review the diff!).
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"
e="$srcdir/tests/book"
fx="$srcdir/tests/fixtures/book"
chapter="$srcdir/data/bluebook-2026-ch4-s1.txt"
[ "${1:-}" = --update ] && UPDATE=1

golden() { # NAME ARGS...: standard output against tests/book/NAME
	name=$1
	shift
	[ "${UPDATE:-}" = 1 ] && "$YOMU" "$@" > "$e/$name" 2>/dev/null
	"$YOMU" "$@" > "$TMPDIR_T/$name" 2>"$TMPDIR_T/err"
	if cmp -s "$e/$name" "$TMPDIR_T/$name"; then
		ok 0 "golden $name"
	else
		ok 1 "golden $name"
		diff -u "$e/$name" "$TMPDIR_T/$name" | head -n 30 | sed 's/^/# /'
	fi
}
# the status line of KEYS on the book ARGS...
status() { keys=$1; shift; "$YOMU" --replay "$keys" --size 100x30 "$@" | sed -n 30p; }
# what KEYS copied (after the screen's 30 rows)
copied() { keys=$1; shift; "$YOMU" --replay "$keys" --size 100x30 "$@" | sed -n '31,$p'; }

# ---- a directory: its text files in name order, each read on its own ----
golden toc.txt --toc "$fx"
golden dump-40.txt --dump --width 40 "$fx"
is "$(cat "$TMPDIR_T/err")" "yomu: image.png: not a text file; skipped" \
   "what is not text is skipped with a note on standard error"
grep -q '隠し' "$TMPDIR_T/dump-40.txt"; [ $? -eq 1 ]; ok $? "hidden files are left out"
is "$(grep '^[^ ]' "$e/toc.txt" | tr '\n' ' ')" "ch1-utf8.txt ch2-sjis.txt ch3-utf16.txt 蜘蛛の試験 ch10-eucjp.txt " \
   "each file a top-level entry of the contents, by its title or its name, ch2 before ch10"
for w in 鳥が空を飛ぶ 魚が泳ぐ 猫が眠る ある日の事でございます; do
	grep -q "$w" "$TMPDIR_T/dump-40.txt" || bad="$bad $w"
done
is "${bad:-}" "" "UTF-8, Shift_JIS, UTF-16 and EUC-JP files in one book, each decoded"
grep -q '^　吾輩は猫である' "$TMPDIR_T/dump-40.txt" && grep -q '^鳥が空を飛ぶ' "$TMPDIR_T/dump-40.txt" &&
	grep -q '御釈迦様《お' "$TMPDIR_T/dump-40.txt"
ok $? "and read in its own format: Bluebook (paragraphs indented), plain text (not), Aozora (ruby)"
is "$("$YOMU" --count 猫 "$fx" 2>/dev/null)" "ch1-utf8.txt:4
ch2-sjis.txt:1
ch3-utf16.txt:0
ch4-aozora-sjis.txt:0
ch10-eucjp.txt:1" "--count: NAME:COUNT for each file"
is "$("$YOMU" --toc "$fx/ch10-eucjp.txt" "$fx/ch1-utf8.txt" | grep -v '^ ')" "ch10-eucjp.txt
ch1-utf8.txt" "files named on the command line: in that order"
golden dump-two-80.txt --dump --width 80 "$fx/ch1-utf8.txt" "$fx/ch2-sjis.txt"
"$YOMU" --dump "$fx/ch1-utf8.txt" "$TMPDIR_T/missing.txt" >/dev/null 2>"$TMPDIR_T/err"; st=$?
is "$st:$(cat "$TMPDIR_T/err")" "1:yomu: $TMPDIR_T/missing.txt: No such file or directory" \
   "a missing file of a book: named, exit 1, before anything is read"
printf '標準入力の文。\n' | "$YOMU" --dump --width 40 "$fx/ch3-utf16.txt" - > "$TMPDIR_T/out"
is "$(tail -n 4 "$TMPDIR_T/out")" "standard input
══════════════════════════════════════

標準入力の文。" "standard input can be one file of a book"

evil=$(printf 'x\033]0;pwned\007.txt')
printf '第1章 悪い名前\n' > "$TMPDIR_T/$evil"
"$YOMU" --toc "$fx/ch1-utf8.txt" "$TMPDIR_T/$evil" > "$TMPDIR_T/out"
is "$(grep -v '^ ' "$TMPDIR_T/out" | tail -n 1)" 'x\x1B]0;pwned\x07.txt' "a file's name with an escape sequence is shown escaped"
"$YOMU" --replay '}' --size 100x30 "$fx/ch1-utf8.txt" "$TMPDIR_T/$evil" | LC_ALL=C grep -q "$(printf '\033')"
[ $? -eq 1 ]; ok $? "and never reaches the screen"
rm -f "$TMPDIR_T/$evil"

# ---- the screen: the contents, } and {, search across the files ----
for i in a b c; do cp "$chapter" "$TMPDIR_T/$i.txt"; done
book="$TMPDIR_T/a.txt $TMPDIR_T/b.txt $TMPDIR_T/c.txt"
[ "${UPDATE:-}" = 1 ] && (cd "$TMPDIR_T" && "$YOMU" --replay '' --size 100x30 a.txt b.txt c.txt > "$e/screen-start.txt")
(cd "$TMPDIR_T" && "$YOMU" --replay '' --size 100x30 a.txt b.txt c.txt) > "$TMPDIR_T/start"
cmp -s "$e/screen-start.txt" "$TMPDIR_T/start"; ok $? "the screen of a book: each file in the contents, its headings under it"
# shellcheck disable=SC2086
{
is "$(status '}' $book | cut -c1-10)" " b.txt    " "} goes to the next file; the status line names it"
is "$("$YOMU" --replay '}' --size 100x30 $book | sed -n 1p | sed 's/.*│ //')" "b.txt" \
   "its title line at the top"
is "$(status '}}' $book | cut -c1-10)" " c.txt    " "and the next"
is "$(status '}}}' $book | sed 's/  *[0-9]*%$//')" " No next file" "past the last: says so"
is "$(status '}}{' $book | cut -c1-10)" " b.txt    " "{ goes back a file"
is "$(status '}}jjjj{' $book | cut -c1-10)" " c.txt    " "{ in a file: to its start first"
is "$("$YOMU" --replay '}}jjjj{' --size 100x30 $book | sed -n 1p | sed 's/.*│ //')" "c.txt" \
   "its title line at the top"
is "$(status '{' $book | sed 's/  *[0-9]*%$//')" " No previous file" "before the first: says so"
is "$(status '}]]]]' $book | sed 's/  *[0-9]*%$//')" " b.txt › 第1節 › 1 › (1)" \
   "the status line: the file, then the headings"
is "$(status '}' | sed 's/  *[0-9]*%$//')" " This is one file, not a book of several" \
   "} in a document of one file: says so"
is "$(status '/ICAO<Enter>' $book | sed 's/.* match/match/; s/ .*//')" "match" "search: the first match"
is "$(status '/ICAO<Enter>' $book | grep -o 'match [0-9]*/[0-9]*')" "match 1/63" \
   "search counts the matches of every file (3 x 21)"
is "$(status '/ICAO<Enter>nnnnnnnnnnnnnnnnnnnnn' $book | grep -o '^ [a-z.]*\|match [0-9]*/[0-9]*' | tr '\n' ' ')" \
   " b.txt match 22/63 " "n goes on into the next file"
is "$(status '?ICAO<Enter>' $book | grep -o '^ [a-z.]*\|match [0-9]*/[0-9]*' | tr '\n' ' ')" \
   " c.txt match 63/63 " "and backwards from the top wraps to the last file's last match"
"$YOMU" --replay '/ICAO<Enter>s' --size 100x30 $book > "$TMPDIR_T/results"
grep -q '│ *a\.txt › ' "$TMPDIR_T/results" && grep -q '│ *b\.txt › ' "$TMPDIR_T/results"
ok $? "the results list names each match's file"
is "$(status 'G' $book | grep -o '[0-9]*%$')" "100%" "G reads the whole book and goes to its end"
}
is "$("$YOMU" --replay-stream --replay '}' --size 100x30 "$TMPDIR_T/a.txt" "$TMPDIR_T/b.txt" | sed -n 30p | cut -c1-10)" \
   " b.txt    " "read between keys (--replay-stream), } reads on to the next file"

# ---- copying: y and Y ----
TOC_TO_21='tjjjjjjj<Enter>'    # the TOC entry "(1) 国際機関で活躍する日本人"
cite='『外交青書2026』第4章第1節 2(1)'
c=$(copied "${TOC_TO_21}y")
is "$(printf '%s\n' "$c" | sed -n 1p)" "-- copied --" "y: what was copied follows the screen"
printf '%s\n' "$c" | sed -n 2p | grep -q '^国際機関は、国際社会共通の利益のために設立された組織である。世界中'
ok $? "y below a heading: the first paragraph on screen"
is "$(printf '%s\n' "$c" | sed -n 3p)" "$cite" "with its citation under it: 『title』 and the headings' labels"
is "$(printf '%s\n' "$c" | wc -l)" 3 "and nothing else"
is "$(status "${TOC_TO_21}y" | sed 's/  *[0-9]*%$//')" " Copied 2 lines" "the status line says what was copied"
is "$(copied "${TOC_TO_21}Y" | sed -n 2,3p)" "$cite" "Y: only the citation"
is "$(status "${TOC_TO_21}Y" | sed 's/  *[0-9]*%$//')" " Copied the citation: $cite" "and says it"
copied "${TOC_TO_21}jjjjjjjjjjy" | sed -n 2p | grep -q '^国際機関は、国際社会共通'
ok $? "a paragraph half scrolled off: still the one at the top"
is "$(copied "${TOC_TO_21}<Tab><Enter>y" | sed -n 2,3p)" "(1) UPU : Universal Postal Union
$cite 脚注 1" "in a footnote's popup: the footnote, cited as the footnote of the place"
is "$(copied "${TOC_TO_21}<Tab>y" | sed -n 2,3p)" "(1) UPU : Universal Postal Union
$cite 脚注 1" "a footnote reference selected: the footnote it leads to"
c=$(copied 'c<Enter>y')
is "$(printf '%s\n' "$c" | sed -n 2p)" "大沼俊之国際民間航空機関（ICAO）理事会議長の選出" "in a column's popup: the whole column"
is "$(printf '%s\n' "$c" | tail -n 1)" "$cite コラム：大沼俊之国際民間航空機関（ICAO）理事会議長の選出" \
   "cited by its name"
is "$(status "c<Enter>y" | sed 's/  *[0-9]*%$//')" " Copied $(($(printf '%s\n' "$c" | wc -l) - 1)) lines" "counting its lines"
is "$(copied 'yy' | grep -c -- '-- copied --')" 2 "each copy is reported"
# a file with ruby, no title: the file's name in the citation
printf '第1章\n\n読み方\n\n1 漢字の話\n\n^{かんじ}漢字を^{よ}読む。\n' > "$TMPDIR_T/ruby.txt"
is "$(copied 'y' "$TMPDIR_T/ruby.txt" | sed -n 2,3p)" "漢字を読む。
ruby.txt 第1章 1" "ruby left out; a file without a title: its name and the labels"
printf '[general]\ncopy_ruby = true\n' > "$TMPDIR_T/ruby.ini"
is "$(copied 'y' -c "$TMPDIR_T/ruby.ini" "$TMPDIR_T/ruby.txt" | sed -n 2p)" "漢字（かんじ）を読（よ）む。" \
   "copy_ruby = true: kept as 漢字（かんじ）"
# shellcheck disable=SC2086
is "$(copied '}]]]]Y' $book | sed -n 2p)" "b.txt 第4章第1節 1(1)" "in a book: the file's name, then the labels"
# an Aozora text: its author and title from its header, headings without labels
az="$srcdir/tests/fixtures/aozora"
is "$(copied ']]]]]]]]]]Y' "$az/headings.txt" | sed -n 2p)" "水城透『見出しの試験』第二部　山 霧の谷" \
   "an Aozora text: 著者『題名』 and its headings, each standing alone"
is "$(copied 'y' "$az/ruby.txt" | sed -n 2,3p)" "古い港町の坂を登った。
水城透『ルビの試験』" "its ruby left out of the copy"
is "$(copied 'y' -c "$TMPDIR_T/ruby.ini" "$az/ruby.txt" | sed -n 2p)" "古い港町（みなとまち）の坂を登った。" \
   "or kept with copy_ruby"
is "$(copied 'y' "$fx/ch4-aozora-sjis.txt" "$chapter" | tail -n 1)" "水城透『蜘蛛の試験』一" \
   "in a book: an Aozora file's own author and title"
# copy_command: run without a shell, the text on its standard input
cat > "$TMPDIR_T/copy it.sh" <<'EOS'
#!/bin/sh
cat > "$1"
EOS
chmod +x "$TMPDIR_T/copy it.sh"
# (in double quotes: quotes around a whole value are removed)
printf "[general]\ncopy_command = \"'%s' '%s'\"\n" "$TMPDIR_T/copy it.sh" "$TMPDIR_T/clip" > "$TMPDIR_T/cmd.ini"
"$YOMU" -c "$TMPDIR_T/cmd.ini" --replay "${TOC_TO_21}y" --size 100x30 > /dev/null
is "$(sed -n 2p "$TMPDIR_T/clip")" "$cite" "copy_command gets the text on its standard input"
grep -q '^国際機関は、国際社会共通' "$TMPDIR_T/clip"; ok $? "the paragraph, then the citation"
printf '[general]\ncopy_command = sh -c "echo no display >&2; exit 1"\n' > "$TMPDIR_T/bad.ini"
is "$("$YOMU" -c "$TMPDIR_T/bad.ini" --replay y --size 100x30 | sed -n 30p | sed 's/  *[0-9]*%$//')" \
   " copy_command: sh: exit status 1: no display" "a copy_command that fails: the status line says why"

# ---- the measure: text_width = auto, + - = ----
# the measure: the length of the chapter's rule, across it
measure() { "$YOMU" --replay "$1" --size 120x30 ${2:+-c "$2"} | sed -n 2p | tr -d ' \n' | wc -m; }
is "$(measure 'T')" 80 "text_width = auto: 40 characters at most, on a wide pane"
is "$("$YOMU" --replay 'T' --size 120x30 | sed -n 2p | sed 's/═.*//' | wc -L)" 19 \
   "centred in the pane (a hanging 。 goes beyond it)"
is "$(measure 'T-')" 78 "- narrows it by a character"
is "$(measure 'T-+++')" 84 "+ widens it by one"
is "$(measure 'T---=')" 80 "= restores it"
is "$(status 'T-' | sed 's/  *[0-9]*%$//')" " Text width: 39 characters" "the status line says the width"
printf '[general]\ntext_width = 0\n' > "$TMPDIR_T/tw0.ini"
is "$(measure 'T' "$TMPDIR_T/tw0.ini")" 117 "text_width = 0: the whole pane"
is "$("$YOMU" -c "$TMPDIR_T/tw0.ini" --replay 'T+' --size 120x30 | sed -n 30p | sed 's/  *[0-9]*%$//')" \
   " The text is as wide as the window" "+ at the whole pane: says so"
is "$(measure 'T-' "$TMPDIR_T/tw0.ini")" 115 "- from the whole pane"
is "$("$YOMU" --replay 'T-----------------------------------' --size 120x30 | sed -n 30p | sed 's/  *[0-9]*%$//')" \
   " The text is as narrow as it goes" "- down to 10 characters, not below"
is "$(status 'T------------------------------' | sed 's/  *[0-9]*%$//')" " Text width: 10 characters" \
   "(10 characters)"
# the first character on screen stays on the top line
top() { "$YOMU" --replay "$1" --size 120x30 | sed -n 1p | sed 's/^ *//'; }
before=$(top "T${TOC_TO_21}jjjjj" | sed 's/^\(...\).*/\1/')
bad=
for k in - -- --- + ++ +++ -+= ; do
	after=$("$YOMU" --replay "T${TOC_TO_21}jjjjj$k" --size 120x30 | sed -n 1,2p | sed 's/^ *//' | tr -d '\n')
	case $after in *"$before"*) ;; *) bad="$bad $k" ;; esac
done
is "${bad:-}" "" "after + - and =, the top line holds the first characters seen before ($before)"

done_testing
