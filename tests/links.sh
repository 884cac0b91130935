#!/bin/sh
# links.sh: what looks like a link is one (issue 16).  Cross-references
# to columns open them (Tab and Enter, or a click), references to what is
# not in the document say so, URLs open in a popup that runs open_command,
# and a column chosen in the contents opens.  Headless, through --replay.
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"
S=100x30

status() { "$YOMU" --replay "$1" --size "$S" "$@" | tail -n 1; }

# tabs KEYS WORDS: the Tabs after KEYS that select the link the status
# line then describes with WORDS ("" if none within eight)
tabs() {
	t=""
	for _ in 1 2 3 4 5 6 7 8; do
		t="$t<Tab>"
		case $("$YOMU" --replay "$1$t" --size "$S" | tail -n 1) in
		*"$2"*) echo "$t"; return ;;
		esac
	done
}

# a reference to a column: Tab says where it leads, Enter opens it
for ref in "314ページ:大沼俊之国際民間航空機関（ICAO）理事会議長の選出" \
	"318ページ:支援の輪で、未来をつくる" \
	"319ページ:独立行政法人国際協力機構（JICA）海外協力隊発足60周年"; do
	page=${ref%%:*} title=${ref#*:}
	t=$(tabs "/$page<Enter>" "Enter opens コラム：$title")
	ok $([ -n "$t" ]; echo $?) "Tab selects ($page コラム参照) and says it opens the column $title"
	out=$("$YOMU" --replay "/$page<Enter>$t<Enter>" --size "$S")
	case $(printf '%s\n' "$out" | sed -n 1,3p) in
	*"┌ コラム "*"$title"*) ok 0 "Enter on $page opens the column" ;;
	*) ok 1 "Enter on $page opens the column"; printf '%s\n' "$out" | sed -n 1,4p | sed 's/^/# /' ;;
	esac
done

# a click on the reference opens the column too: find its cells
row=$("$YOMU" --replay '/314ページ<Enter>' --size "$S" | grep -n '314ページ' | head -n 1 | cut -d: -f1)
line=$("$YOMU" --replay '/314ページ<Enter>' --size "$S" | sed -n "${row}p")
col=$(printf '%s\n' "${line%%314ページ*}" | python3 -c 'import sys, unicodedata as u; s = sys.stdin.read().rstrip("\n"); print(sum(2 if u.east_asian_width(c) in "WF" else 1 for c in s))')
"$YOMU" --replay "/314ページ<Enter><click:$((col + 2)),$((row - 1))>" --size "$S" | sed -n 1,2p | grep -q '大沼俊之国際民間航空機関'
ok $? "a click on 314ページ opens the ICAO column (row $row, column $col)"

# the selected reference is drawn selected
t=$(tabs "/314ページ<Enter>" "Enter opens")
"$YOMU" --replay "/314ページ<Enter>$t" --size "$S" --replay-attrs | sed -n "${row}p" | grep -q 'oooooooo'
ok $? "the selected cross-reference is drawn in the selected link's colour"

# references to what is not in the document
t=$(tabs "/353ページ<Enter>" "Not in this document: 353ページ「JPO経験者の声」")
ok $([ -n "$t" ]; echo $?) "Tab on 353ページ「JPO経験者の声」 says it is not in this document"
is "$("$YOMU" --replay "/353ページ<Enter>$t<Enter>" --size "$S" | tail -n 1 | sed 's/  .*//')" \
	" Not in this document: 353ページ「JPO経験者の声」" "and Enter says so again, opening nothing"
t=$(tabs "/353ページ<Enter>" "Not in this document: 352ページ 資料編参照")
ok $([ -n "$t" ]; echo $?) "352ページ 資料編参照 is a link of its own"
mkdir -p "$TMPDIR_T/locale/ja/LC_MESSAGES"
msgfmt -o "$TMPDIR_T/locale/ja/LC_MESSAGES/yomu.mo" "$srcdir/po/ja.po" 2>/dev/null
LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 YOMU_LOCALEDIR=$TMPDIR_T/locale "$YOMU" --replay "/353ページ<Enter>$(tabs "/353ページ<Enter>" "353ページ「JPO")" --size "$S" | tail -n 1 | grep -q 'この文書にはありません'
st=$?
if locale -a 2>/dev/null | grep -qi '^ja_JP.utf-\?8$' && command -v msgfmt >/dev/null 2>&1; then
	ok $st "in Japanese: この文書にはありません"
else
	skip "in Japanese: この文書にはありません" "no ja_JP.UTF-8 locale"
fi

# a URL: Tab shows it, Enter opens a popup that runs open_command
t=$(tabs "/mofa-irc<Enter>" "https://www.mofa-irc.go.jp/")
ok $([ -n "$t" ]; echo $?) "Tab on a URL shows it in the status line"
opener="$TMPDIR_T/opener"
printf '#!/bin/sh\nprintf "%%s\\n" "$@" > "%s/opened"\n' "$TMPDIR_T" > "$opener"
chmod +x "$opener"
printf '[general]\nopen_command = %s --new-tab\n' "$opener" > "$TMPDIR_T/open.ini"
out=$("$YOMU" -c "$TMPDIR_T/open.ini" --replay "/mofa-irc<Enter>$t<Enter>" --size "$S")
case $out in
*"┌ Link "*"│ https://www.mofa-irc.go.jp/ "*"│ o  open it with $opener --new-tab "*) ok 0 "Enter on a URL shows it with the key that opens it" ;;
*) ok 1 "Enter on a URL shows it with the key that opens it"; printf '%s\n' "$out" | sed 's/^/# /' ;;
esac
is "$("$YOMU" -c "$TMPDIR_T/open.ini" --replay "/mofa-irc<Enter>$t<Enter>o" --size "$S" | tail -n 1 | sed 's/   .*//')" \
	" Opened with $opener --new-tab" "o runs open_command"
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$TMPDIR_T/opened" ] && break; sleep 0.1; done
is "$(cat "$TMPDIR_T/opened" 2>/dev/null | tr '\n' ' ')" "--new-tab https://www.mofa-irc.go.jp/ " \
	"with its own words and the URL as its last argument, no shell"
rm -f "$TMPDIR_T/opened"
"$YOMU" -c "$TMPDIR_T/open.ini" --replay "/mofa-irc<Enter>$t<Enter><Enter>" --size "$S" >/dev/null
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$TMPDIR_T/opened" ] && break; sleep 0.1; done
[ -s "$TMPDIR_T/opened" ]; ok $? "Enter on the popup's first line opens it too"
# the same splitter as copy_command: quotes keep a blank in the program's path
mkdir -p "$TMPDIR_T/my tools"
cp "$opener" "$TMPDIR_T/my tools/open it"
rm -f "$TMPDIR_T/opened"
printf '[general]\nopen_command = "'"'"'%s/my tools/open it'"'"' '"'"'a b'"'"'"\n' "$TMPDIR_T" > "$TMPDIR_T/quoted.ini"
is "$("$YOMU" -c "$TMPDIR_T/quoted.ini" --replay "/mofa-irc<Enter>$t<Enter>o" --size "$S" | tail -n 1 | sed 's/   .*//')" \
	" Opened with '$TMPDIR_T/my tools/open it' 'a b'" "open_command: a quoted program path with a blank runs"
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$TMPDIR_T/opened" ] && break; sleep 0.1; done
is "$(cat "$TMPDIR_T/opened" 2>/dev/null | tr '\n' '|')" "a b|https://www.mofa-irc.go.jp/|" \
	"its quoted words are one argument each, split as copy_command's are"
printf '[general]\nopen_command = %s/no-such-program\n' "$TMPDIR_T" > "$TMPDIR_T/bad.ini"
"$YOMU" -c "$TMPDIR_T/bad.ini" --replay "/mofa-irc<Enter>$t<Enter>o" --size "$S" | tail -n 1 | grep -q "Could not run $TMPDIR_T/no-such-program: No such file or directory"
ok $? "a program that cannot run says why in one line"
printf '[general]\nopen_command = none\n' > "$TMPDIR_T/none.ini"
out=$("$YOMU" -c "$TMPDIR_T/none.ini" --replay "/mofa-irc<Enter>$t<Enter>o" --size "$S")
case $out in
*"o  (nothing opens links here: see open_command)"*"Nothing opens links here: set open_command in the config"*) ok 0 "open_command = none: the popup and o say nothing opens links" ;;
*) ok 1 "open_command = none: the popup and o say nothing opens links" ;;
esac
# auto: xdg-open only in a graphical session
out=$(env -u DISPLAY -u WAYLAND_DISPLAY "$YOMU" --replay "/mofa-irc<Enter>$t<Enter>" --size "$S")
case $out in *"nothing opens links here"*) ok 0 "auto with no graphical session: nothing opens links" ;; *) ok 1 "auto with no graphical session: nothing opens links" ;; esac
mkdir -p "$TMPDIR_T/bin"
cp "$opener" "$TMPDIR_T/bin/xdg-open"
out=$(DISPLAY=:9 PATH="$TMPDIR_T/bin:$PATH" "$YOMU" --replay "/mofa-irc<Enter>$t<Enter>" --size "$S")
case $out in *"o  open it with xdg-open"*) ok 0 "auto with DISPLAY and xdg-open in PATH: xdg-open" ;; *) ok 1 "auto with DISPLAY and xdg-open in PATH: xdg-open" ;; esac

# y on the popup copies the URL (OSC 52 or copy_command: --replay shows
# what was copied), and so does Enter on its line
for k in y 'j<Enter>'; do
	out=$(env -u DISPLAY -u WAYLAND_DISPLAY "$YOMU" --replay "/mofa-irc<Enter>$t<Enter>$k" --size "$S")
	is "$(printf '%s\n' "$out" | sed -n '/^-- copied --$/,$p' | tr '\n' '|')" "-- copied --|https://www.mofa-irc.go.jp/|" \
		"$k on the link's popup copies the URL"
	case $(printf '%s\n' "$out" | sed -n "$(( ${S#*x} ))p") in
	*" Copied the link: https://www.mofa-irc.go.jp/ "*) ok 0 "$k: the status line says it was copied" ;;
	*) ok 1 "$k: the status line says it was copied"; printf '%s\n' "$out" | tail -n 3 | sed 's/^/# /' ;;
	esac
done
case $(env -u DISPLAY -u WAYLAND_DISPLAY "$YOMU" --replay "/mofa-irc<Enter>$t<Enter>" --size "$S") in
*"│ o  (nothing opens links here: see open_command) "*"│ y  copy it "*) ok 0 "the popup shows y  copy it under o" ;;
*) ok 1 "the popup shows y  copy it under o" ;;
esac
out=$(env -u DISPLAY -u WAYLAND_DISPLAY "$YOMU" --replay "/mofa-irc<Enter>$t<Enter>o" --size "$S")
case $out in
*"-- copied --"*) ok 1 "o with nothing to open links copies nothing" ;;
*" Nothing opens links here: set open_command in the config"*) ok 0 "o with no graphical session (auto) says nothing opens links" ;;
*) ok 1 "o with no graphical session (auto) says nothing opens links" ;;
esac

# a column chosen in the contents opens (the 9th entry is the ICAO column)
out=$("$YOMU" --replay 'tjjjjjjjj<Enter>' --size "$S")
case $(printf '%s\n' "$out" | sed -n 1,2p) in
*"┌ コラム "*"大沼俊之国際民間航空機関"*) ok 0 "a column chosen in the contents opens" ;;
*) ok 1 "a column chosen in the contents opens" ;;
esac
is "$("$YOMU" --replay 'tjjjjjjjj<Enter><Esc>' --size "$S" | sed -n 1p | sed 's/.*│ //')" "▶ コラム：大沼俊之国際民間航空機関（ICAO）理事会議長の選出" \
	"and Esc leaves the body at the column's link line"
done_testing
