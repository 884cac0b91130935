#!/bin/sh
# tmux-book.sh: the tools of issue 18's second half in a real terminal
# (tmux): a book of three files (its contents, } and {, search across its
# files, a reading position and marks kept for each file after quitting,
# whether the book is reopened or a file alone), copying
# through tmux's clipboard with set-clipboard on (y, Y, then tmux
# show-buffer) and through copy_command, and + - = with the position kept
# and the width remembered.
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "$srcdir/tests/tmux_lib.sh"
chapter="$srcdir/data/bluebook-2026-ch4-s1.txt"
for i in a b c; do cp "$chapter" "$TMPDIR_T/$i.txt"; done
book="$TMPDIR_T/a.txt $TMPDIR_T/b.txt $TMPDIR_T/c.txt"
# the status line; the first row of the text (right of the contents)
status_line() { tm capture-pane -p -t y | sed -n "${1:-30}p"; }
first_text() { tm capture-pane -p -t y | sed -n 1p | sed 's/.*│ *//'; }
# Esc alone (not read as Alt with the key after it)
esc() { tm send-keys -t y Escape; sleep 0.2; }
# wait_status TEXT: until the status line starts with " TEXT"
wait_status() {
	i=0
	while [ $i -lt 50 ]; do
		case $(status_line "${2:-30}") in " $1"*) return 0 ;; esac
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# ---- a book of three files ----
ARGS="--no-state $book" start
# the other files are read between keys: their entries come
wait_for '^ b\.txt  *│' && grep -q '^ a\.txt  *│ a\.txt' "$TMPDIR_T/screen"
ok $? "a book: each file an entry of the contents, the first file's title line at the top"
tm send-keys -t y '}'
wait_status "b.txt"; ok $? "} goes to the next file, and the status line names it"
[ "$(first_text)" = "b.txt" ]; ok $? "its title line at the top"
tm send-keys -t y '}'
wait_status "c.txt"; ok $? "} again: the third file"
tm send-keys -t y '{'
wait_status "b.txt"; ok $? "{ goes back"
tm send-keys -t y g / I C A O Enter
wait_for "match 1/63"; ok $? "search counts the matches of the three files"
tm send-keys -t y n n n n n n n n n n n n n n n n n n n n n
wait_for "match 22/63" && wait_status "b.txt"; ok $? "n goes on into the next file"
quit
is "$(cat "$TMPDIR_T/status")" "exit=0" "q exits 0"

# ---- a reading position for each file ----
rm -rf "$XDG_STATE_HOME"
ARGS="$book" start
wait_for "国民と共にある外交" >/dev/null
tm send-keys -t y '}' ']' ']' ']' ']' j j j
wait_status "b.txt › 第1節 › 1 › (1)" >/dev/null
sleep 0.3
top=$(first_text | sed 's/^\(......\).*/\1/')
quit
grep -c . "$XDG_STATE_HOME/yomu/positions" | grep -q '^2$'; ok $? "one position saved, of the file read ($top)"
ARGS="$book" start
wait_status "b.txt › 第1節 › 1 › (1)"; ok $? "the book opens again in the file read last"
[ "$(first_text | sed 's/^\(......\).*/\1/')" = "$top" ]; ok $? "where it was left"
quit
ARGS="$TMPDIR_T/b.txt" start
wait_status "第1節 › 1 › (1)"; ok $? "that file alone opens at its own position"
[ "$(first_text | sed 's/^\(......\).*/\1/')" = "$top" ]; ok $? "the same place"
quit
ARGS="$TMPDIR_T/a.txt" start
wait_for "国民と共にある外交" >/dev/null
[ "$(first_text)" = "第4章　国民と共にある外交" ]; ok $? "a file not read yet opens at its top"
quit
ARGS="$book" start
wait_status "a.txt"; ok $? "a.txt was read last (alone): the book opens in it"
tm send-keys -t y '}' '}' j j j j j
wait_status "c.txt" >/dev/null
quit
ARGS="$book" start
wait_status "c.txt"; ok $? "read on into the next file: the book opens there next time"
quit

# ---- every file's position and marks (issue 18: "kept per file") ----
rm -rf "$XDG_STATE_HOME"
ARGS="$book" start
wait_for "国民と共にある外交" >/dev/null
tm send-keys -t y ']' ']' j j m a
wait_for "Mark a set" >/dev/null
tm send-keys -t y '}' ']' ']' ']' ']' j j j
wait_status "b.txt › 第1節 › 1 › (1)" >/dev/null
sleep 0.3
btop=$(first_text | sed 's/^\(......\).*/\1/')
tm send-keys -t y m b
wait_for "Mark b set" >/dev/null
tm send-keys -t y '}'
wait_status "c.txt" >/dev/null
quit
is "$(grep -c . "$XDG_STATE_HOME/yomu/positions")" 4 "quit in c.txt: a.txt and b.txt (marks set, left) saved with it"
ARGS="$book" start
wait_status "c.txt"; ok $? "the book opens in the file quit in"
tm send-keys -t y M
wait_for "^.*│ a  a\.txt › 第1節" && grep -q "│ b  b\.txt › 第1節 › 1 › (1)" "$TMPDIR_T/screen"
ok $? "M lists the marks of both files"
esc
tm send-keys -t y "'" a
wait_status "a.txt › 第1節 › 1"; ok $? "'a goes to the mark in a.txt"
tm send-keys -t y "'" b
wait_status "b.txt › 第1節 › 1 › (1)"; ok $? "'b to the one in b.txt"
[ "$(first_text | sed 's/^\(......\).*/\1/')" = "$btop" ]; ok $? "at its place ($btop)"
quit
ARGS="$TMPDIR_T/b.txt" start
wait_status "第1節 › 1 › (1)"; ok $? "b.txt, left in the middle by }, opens there alone"
[ "$(first_text | sed 's/^\(......\).*/\1/')" = "$btop" ]; ok $? "at the place left ($btop)"
quit
ARGS="$book" start
wait_status "b.txt"; ok $? "b.txt was read last (alone): the book opens in it"
tm send-keys -t y M
wait_for "│ a  a\.txt › 第1節" >/dev/null
tm send-keys -t y d
wait_gone "│ a  a\.txt › 第1節"; ok $? "M, d: mark a deleted"
esc
quit
ARGS="$book" start
wait_status "b.txt" >/dev/null
tm send-keys -t y M
wait_for "│ b  b\.txt › 第1節" && ! grep -q "│ a  a\.txt" "$TMPDIR_T/screen"
ok $? "reopened: mark b is listed, the deleted mark a is not"
esc
tm send-keys -t y "'" a
wait_for "Mark a is not set"; ok $? "and 'a says it is not set"
quit
ARGS="$TMPDIR_T/a.txt" start
wait_for "国民と共にある外交" >/dev/null
tm send-keys -t y "'" a
wait_for "Mark a is not set"; ok $? "nor in a.txt opened alone"
quit

# ---- copying through tmux's clipboard (set-clipboard on) ----
cite='『外交青書2026』第4章第1節 2(1)'
TMUX_SETUP='tm set-option -s set-clipboard on' ARGS=--no-state start
wait_for "国民と共にある外交" >/dev/null
tm send-keys -t y t j j j j j j j Enter y
wait_for "Copied 2 lines"; ok $? "y: the status line says what was copied"
sleep 0.2
tm show-buffer > "$TMPDIR_T/buffer" 2>/dev/null
head -n 1 "$TMPDIR_T/buffer" | grep -q '^国際機関は、国際社会共通の利益のために設立された組織である。'
ok $? "tmux show-buffer: the paragraph at the top"
is "$(tail -n 1 "$TMPDIR_T/buffer")" "$cite" "and its citation under it"
tm send-keys -t y Y
wait_for "Copied the citation" >/dev/null
sleep 0.2
is "$(tm show-buffer 2>/dev/null)" "$cite" "Y: the citation alone"
quit

# ---- copy_command: a script that writes its standard input to a file ----
printf '#!/bin/sh\ncat > "%s"\n' "$TMPDIR_T/clip" > "$TMPDIR_T/copy.sh"
chmod +x "$TMPDIR_T/copy.sh"
printf '[general]\ncopy_command = %s\n' "$TMPDIR_T/copy.sh" > "$TMPDIR_T/copy.ini"
ARGS="--no-state -c $TMPDIR_T/copy.ini" start
wait_for "国民と共にある外交" >/dev/null
tm send-keys -t y t j j j j j j j Enter y
wait_for "Copied 2 lines" >/dev/null
quit
is "$(tail -n 1 "$TMPDIR_T/clip" 2>/dev/null)" "$cite" "copy_command gets the paragraph and its citation"
grep -q '^国際機関は、国際社会共通' "$TMPDIR_T/clip"; ok $? "the paragraph first"
cooked=$(cat "$TMPDIR_T/status")
is "$cooked" "exit=0" "and yomu goes on, then exits 0"

# ---- + - = : the first character kept on screen, the width remembered ----
rm -rf "$XDG_STATE_HOME"
SIZE=120x30 ARGS="$TMPDIR_T/a.txt" start
wait_for "国民と共にある外交" >/dev/null
tm send-keys -t y j j j j j j j j j j j j j j j j j j j j
sleep 0.3
before=$(first_text | sed 's/^\(...\).*/\1/')
tm send-keys -t y - -
wait_for "Text width: 38 characters"; ok $? "- twice: 38 characters"
tm capture-pane -p -t y | sed -n 1,2p | sed 's/.*│ *//' | tr -d '\n' | grep -q "$before"
ok $? "the first characters seen before are still on the top line ($before)"
quit
grep -q ' w=76\( m=[hv]\)\{0,1\}$' "$XDG_STATE_HOME/yomu/positions"; ok $? "the width is saved with the position (w=76)"
SIZE=120x30 ARGS="$TMPDIR_T/a.txt" start
wait_for "$before" >/dev/null
tm capture-pane -p -t y | sed -n 1,2p | sed 's/.*│ *//' | tr -d '\n' | grep -q "$before"
ok $? "reopened: at the same place"
tm capture-pane -p -t y | sed '$d' | sed 's/.*│ *//' > "$TMPDIR_T/body"
[ "$(wc -L < "$TMPDIR_T/body")" -le 78 ] && [ "$(wc -L < "$TMPDIR_T/body")" -ge 74 ]
ok $? "and at the width left ($(wc -L < "$TMPDIR_T/body") cells, a hanging 。 included)"
tm send-keys -t y =
wait_for "Text width: 40 characters"; ok $? "= restores 40 characters"
quit
grep -q ' w=' "$XDG_STATE_HOME/yomu/positions"; [ $? -eq 1 ]; ok $? "and nothing is kept for the width then"
done_testing
