#!/bin/sh
# search.sh: headless tests of search: incremental search, editing and
# history, n/N with wrap-around, highlighting, the results list, and
# matches that land in a column or a footnote.
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"
e="$srcdir/tests/search"
[ "${1:-}" = --update ] && UPDATE=1

screen() { # NAME SIZE KEYS: compare with tests/search/NAME.txt
	name=$1 size=$2 keys=$3
	[ "${UPDATE:-}" = 1 ] && "$YOMU" --replay "$keys" --size "$size" > "$e/$name.txt"
	"$YOMU" --replay "$keys" --size "$size" > "$TMPDIR_T/$name.txt" 2>&1
	if cmp -s "$e/$name.txt" "$TMPDIR_T/$name.txt"; then
		ok 0 "search screen $name ($keys)"
	else
		ok 1 "search screen $name ($keys)"
		diff -u "$e/$name.txt" "$TMPDIR_T/$name.txt" | head -n 30 | sed 's/^/# /'
	fi
}
scr() { "$YOMU" --replay "$1" --size "${2:-100x30}"; }
attrs() { "$YOMU" --replay "$1" --size "${2:-100x30}" --replay-attrs; }
status() { scr "$1" | tail -n 1; }
# letters of the elements (src/theme.h order): search-match p, search-current q
M=p C=q

screen incremental 100x30 '/国際機関'
screen accepted 100x30 '/国際機関<Enter>'
screen column 100x30 '/ICAO法律局<Enter>'
screen footnote 100x30 '/Universal Postal<Enter>'
screen results 100x30 '/ICAO<Enter>s'
screen results-jump 100x30 '/ICAO<Enter>sjjj<Enter>'

case $(status '/国際機') in "/国際機 "*"match 1/"*) ok 0 "the prompt shows the pattern as it is typed, with match i/N" ;; *) ok 1 "the prompt shows the pattern as it is typed" ;; esac
is "$(scr '/国際機関<Esc>')" "$(scr '')" "Esc cancels and returns to where you were"
is "$(scr 'c<Enter>/国際機関<Esc>')" "$(scr 'c<Enter>')" "Esc returns into the popup the search started from"
is "$(scr '/ICAX<Backspace>O<Enter>')" "$(scr '/ICAO<Enter>')" "Backspace edits the pattern"
is "$(scr '/ABC<C-u>ICAO<Enter>')" "$(scr '/ICAO<Enter>')" "Ctrl-U clears it"
is "$(scr '/ICO<Left>A<Enter>')" "$(scr '/ICAO<Enter>')" "the cursor keys move in it"
is "$(scr '/国機<Left>際<Enter>')" "$(scr '/国際機<Enter>')" "wide characters are edited whole"
is "$(scr '/ICAO<Enter>g/<Up><Enter>')" "$(scr '/ICAO<Enter>')" "↑ recalls the last pattern"
is "$(scr '/ＩＣＡＯ<Enter>')" "$(scr '/icao<Enter>')" "ＩＣＡＯ finds what icao finds"
is "$(status '/国際社会共通の利益のために設立<Enter>')" "$(status '/国際社会共通の利益のために設立<Enter>')" "deterministic"
case $(status '/国際社会共通の利益のために設立<Enter>') in *"match 1/1"*) ok 0 "a match across a reflowed line break" ;; *) ok 1 "a match across a reflowed line break" ;; esac
case $(status '/連合（UPU）では<Enter>') in *"match 1/1"*) ok 0 "a match across a footnote marker" ;; *) ok 1 "a match across a footnote marker" ;; esac
case $(status '/在中國日本国大使館の微博<Enter>') in *"match 1/1"*) ok 0 "a match across a ruby reading" ;; *) ok 1 "a match across a ruby reading" ;; esac

# n and N, with wrap-around
case $(status '/ICAO法律局<Enter>n') in *"Search wrapped to the top"*"match 1/1"*) ok 0 "n wraps around and says so" ;; *) ok 1 "n wraps around and says so" ;; esac
case $(status '/ICAO法律局<Enter>N') in *"Search wrapped to the end"*) ok 0 "N wraps around backwards and says so" ;; *) ok 1 "N wraps around backwards" ;; esac
case $(status '/ICAO<Enter>nn') in *"match 3/"*) ok 0 "n goes to the next match" ;; *) ok 1 "n goes to the next match" ;; esac
case $(status '/ICAO<Enter>nnN') in *"match 2/"*) ok 0 "N goes to the previous match" ;; *) ok 1 "N goes to the previous match" ;; esac
case $(status '?ICAO<Enter>') in *"match 21/21"*) ok 0 "? searches backwards (wrapping to the last match)" ;; *) ok 1 "? searches backwards" ;; esac
case $(status 'n') in *"No previous search"*) ok 0 "n with no search says so" ;; *) ok 1 "n with no search says so" ;; esac
case $(status '/存在しない語句<Enter>') in *"Pattern not found"*) ok 0 "a pattern that is not there says so" ;; *) ok 1 "not found" ;; esac

# highlighting: every match on screen, the current one distinctly
a=$(attrs '/国際機関<Enter>')
cur=$(printf '%s\n' "$a" | tr -cd "$C" | wc -c)
all=$(printf '%s\n' "$a" | tr -cd "$M" | wc -c)
is "$cur" 8 "the current match is highlighted distinctly (4 wide characters)"
[ "$all" -ge 16 ]; ok $? "the other matches on screen are highlighted ($all cells)"
a=$(attrs '/国際機関<Enter>n')
is "$(printf '%s\n' "$a" | tr -cd "$C" | wc -c)" 8 "after n, one current match"
is "$(attrs '/国際機関<Esc>')" "$(attrs '')" "a cancelled search leaves no highlight"
is "$(status '/ICAO<Enter>/国際<Esc>n')" "$(status '/ICAO<Enter>n')" "after a cancelled search, n repeats the last accepted one"
# --count: the same matching without a screen
is "$("$YOMU" --count ICAO)" 21 "--count counts matches"
is "$("$YOMU" --count ＩＣＡＯ)" 21 "--count ignores full-width and half-width"
is "$("$YOMU" --count 'icao')" 21 "--count ignores case"
is "$("$YOMU" --count '連合（UPU）では')" 1 "--count matches across footnote markers"
printf '[general]\nkana_insensitive_search = true\n' > "$TMPDIR_T/kana.ini"
is "$("$YOMU" --count 'じゃぱん')" 0 "katakana and hiragana differ by default"
is "$("$YOMU" -c "$TMPDIR_T/kana.ini" --count 'じゃぱん')" "$("$YOMU" --count 'ジャパン')" "kana_insensitive_search = true folds them"
# every word of the document is searched: column titles and subtitles too
is "$("$YOMU" --count 設立25周年)" 1 "a column's subtitle is searched"
is "$("$YOMU" --count 紛争の予防と平和的解決)" 1 "and another"
is "$("$YOMU" --count ジャパン・プラットフォーム)" 3 "every ジャパン・プラットフォーム, subtitle included"
# the narrative after a column's link lines is not the column's
st=$("$YOMU" --replay '/国際機関勤務<Enter>' --size 100x12 | tail -n 1)
case $st in *"第1節 › 2 › (1)"*コラム*) ok 1 "text after a column is not labelled as the column" ;;
*"第1節 › 2 › (1)"*) ok 0 "text after a column is not labelled as the column" ;;
*) ok 1 "text after a column is not labelled as the column"; echo "# $st" ;; esac
row=$("$YOMU" --replay '/国際機関勤務<Enter>' --size 100x12 | grep -n '(1)　国際機関で活躍' | cut -d: -f1)
is "$("$YOMU" --replay '/国際機関勤務<Enter>' --size 100x12 --replay-attrs | sed -n "${row}p" | cut -c 3)" i \
   "the contents pane highlights its section, (1), not the column above"
is "$("$YOMU" --replay '/外務省<Enter>s' --size 120x60 | grep -c '› コラム')" 2 "the results list labels only the matches in columns as the column's"
printf '[general]\nwrap_search = false\n' > "$TMPDIR_T/nowrap.ini"
case $("$YOMU" -c "$TMPDIR_T/nowrap.ini" --replay '/ICAO法律局<Enter>n' --size 100x30 | tail -n 1) in *"No more matches below"*) ok 0 "wrap_search = false stops at the end" ;; *) ok 1 "wrap_search = false stops at the end" ;; esac
done_testing
