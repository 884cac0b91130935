#!/bin/sh
# reader-tmux.sh: the moves of tests/reader.sh in a real terminal (tmux):
# a count, 50%, marks set and kept across runs (listed, used, deleted,
# the deletion kept too), '', back and forward, the contents over the
# whole screen at 50 columns, an unknown key, a regular expression
# typed with Ctrl-R, the name and (END) in the status line.
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "${srcdir:-$(dirname "$0")/..}/tests/tmux_lib.sh"

# the screen after KEYS as --replay draws it (the state file left alone)
replay() { "$YOMU" --no-state --replay "$1" --size "${2:-100x30}" | sed 's/ *$//'; }
# the pane now, once it has settled
settle() {
	sleep 0.3
	tm capture-pane -p -t y | sed 's/ *$//' > "$TMPDIR_T/screen"
}
same() { # same KEYS NAME: the pane is what --replay KEYS draws
	settle
	if [ "$(cat "$TMPDIR_T/screen")" = "$(replay "$1" "${SIZE:-100x30}")" ]; then
		ok 0 "$2"
	else
		ok 1 "$2"
		diff "$TMPDIR_T/screen" /dev/stdin <<EOF | head -n 10 | sed 's/^/# /'
$(replay "$1" "${SIZE:-100x30}")
EOF
	fi
}
TOC_KEYS="t j j j j j j j Enter"
# Esc then a key at once is Alt and the key: a pause after it
esc() { tm send-keys -t y Escape; sleep 0.2; }

# the keys sent so far, in --replay's notation: the pane must be what
# --replay draws after them all
ARGS=--no-state
start
wait_for "第4章" >/dev/null
tm send-keys -t y 1 0 j
same '10j' "10j in a terminal"
tm send-keys -t y 1 2
wait_for " 12 "; ok $? "the count shows while it is typed"
esc
tm send-keys -t y j
same '10j12<Esc>j' "Esc cancels it"
K='10j12<Esc>j'
tm send-keys -t y g 5 0 %
K="${K}g50%"
settle
p=$(tail -n 1 "$TMPDIR_T/screen" | awk '{ sub(/%$/, "", $NF); print $NF }')
[ "$p" -ge 49 ] && [ "$p" -le 51 ]; ok $? "50%: the status line reads $p%"
tm send-keys -t y G
K="${K}G"
wait_for "(END)"; ok $? "G: (END) below the last line"
grep -q "外交青書2026" "$TMPDIR_T/screen"; ok $? "the status line names the document"
tm send-keys -t y "'" "'"
K="${K}''"
same "$K" "'' returns to where G started"
tm send-keys -t y g $TOC_KEYS G BSpace
K="${K}gtjjjjjjj<Enter>G<Backspace>"
same "$K" "Backspace returns through the jump"
tm send-keys -t y L
K="${K}L"
same "$K" "L goes forward again"
tm send-keys -t y H
K="${K}H"
same "$K" "H goes back"
tm send-keys -t y x
wait_for "x: no action here — h for help"; ok $? "an unknown key says so"
tm send-keys -t y g / C-r
wait_for "regex /"; ok $? "Ctrl-R: the prompt says regex"
tm send-keys -t y "ICAO|ITLOS" Enter
wait_for "match 1/23"; ok $? "a regular expression: 23 matches"
tm send-keys -t y q
finished
is "$(cat "$TMPDIR_T/status")" "exit=0" "q exits 0"

# the contents over the whole screen below 60 columns
SIZE=50x20
start
wait_for "第4章" >/dev/null
tm send-keys -t y t
wait_for "┌ Contents"; ok $? "t at 50 columns: the contents over the whole screen"
tm send-keys -t y j j j j j j j Enter
same 'tjjjjjjj<Enter>' "Enter jumps to the entry"
tm send-keys -t y q
finished
SIZE=

# marks: kept with the reading position, across runs
rm -rf "$XDG_STATE_HOME"
ARGS=
start
wait_for "第4章" >/dev/null
tm send-keys -t y $TOC_KEYS m a G m B
wait_for "Mark B set"; ok $? "marks set"
tm send-keys -t y q
finished
grep -q "^yomu-state 2$" "$XDG_STATE_HOME/yomu/positions" && grep -q " a[0-9]*:[0-9]* B[0-9]*:[0-9]*\( [a-z]*=[^ ]*\)*$" "$XDG_STATE_HOME/yomu/positions"
ok $? "the state file holds them after the position"
start
wait_for "役立つような開発協力" >/dev/null
tm send-keys -t y M
wait_for "┌ Marks"; ok $? "reopened: M lists the marks"
grep -q "a  第1節 › 2 › (1)  (1)　国際機関で活躍する日本人" "$TMPDIR_T/screen" && grep -q "B  第1節 › 3" "$TMPDIR_T/screen"
ok $? "both, with their places"
esc
tm send-keys -t y "'" a
wait_for "^ 第1節 › 2 › (1) "; ok $? "' and a goes to the mark kept across runs"
tm send-keys -t y M d
esc
tm send-keys -t y q
finished
start
wait_for "第4章" >/dev/null
tm send-keys -t y "'" a
wait_for "Mark a is not set"; ok $? "a mark deleted stays deleted after reopening"
tm send-keys -t y "'" B
wait_for "役立つような開発協力"; ok $? "and the other is still there"
tm send-keys -t y q
finished
ARGS=--no-state
done_testing
