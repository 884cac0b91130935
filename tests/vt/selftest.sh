#!/bin/sh
# selftest.sh: TAP tests of termemu.py, the test terminal emulator, with small
# child programs (printf, cat, child.py) rather than yomu.  Needs Debian's
# /usr/bin/python3 with python3-pyte.  Takes about five seconds.
here=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3
EMU="$here/termemu.py"
CHILD="$here/child.py"
export LC_ALL=C.UTF-8 LANG=C.UTF-8
n=0
fails=0
out=

pass() { n=$((n + 1)); printf "ok %d - %s\n" "$n" "$1"; }
fail() {
	n=$((n + 1))
	printf "not ok %d - %s\n" "$n" "$1"
	fails=$((fails + 1))
	if [ -n "$out" ]; then printf '%s\n' "$out" | sed 's/^/#   /'; fi
}
# COND; tap $? NAME: pass when COND succeeded
tap() { if [ "$1" -eq 0 ]; then pass "$2"; else fail "$2"; fi; }
has() { printf '%s\n' "$out" | grep -q -e "$1"; }
hasnt() { ! has "$1"; }
# emu ARGS...: run the emulator, output in $out, exit status in $rc
emu() { out=$("$PY" "$EMU" "$@" 2>&1); rc=$?; }

if ! "$PY" -c 'import pyte' 2>/dev/null; then
	echo "1..0 # SKIP $PY has no pyte (apt-get install python3-pyte)"
	exit 0
fi

# --- the screen, parser, checks and keys, without a child
unit=$("$PY" "$here/unit.py")
unit_rc=$?
while IFS= read -r line; do
	case $line in
	"ok - "*) pass "${line#ok - }" ;;
	"not ok - "*) fail "${line#not ok - }" ;;
	*) printf "%s\n" "$line" ;;
	esac
done <<EOF
$unit
EOF
[ "$unit_rc" -eq 0 ]
tap $? "unit.py exits 0 when all passed"

# --- widths on a pty
draw='printf "\033[H\033[2J│x\n①x\nαx\n国x\n"'
emu --size 20x5 --ambiguous 1 -e 'wait-exit 3000' -e 'columns c' -- sh -c "$draw"
has '^1: 1:│ 2:x$' && has '^2: 1:① 2:x$' && has '^3: 1:α 2:x$' && has '^4: 1:国 3:x$'
tap $? "amb 1: │ ① α take 1 cell, 国 2"
emu --size 20x5 --ambiguous 2 -e 'wait-exit 3000' -e 'columns c' -- sh -c "$draw"
has '^1: 1:│ 3:x$' && has '^2: 1:① 3:x$' && has '^3: 1:α 3:x$' && has '^4: 1:国 3:x$'
tap $? "amb 2: │ ① α take 2 cells, 国 2"

# --- another character set: 国 in EUC-JP is B9 F1, ① is not in it; keys too
emu --size 20x6 --encoding euc_jp -e 'wait-text x 3000' -e 'send 外<Enter>' -e 'wait-text done 3000' \
	-e 'columns c' -e 'snapshot s' -- sh -c 'printf "\271\361x\n"; od -An -tx1 -N2; echo done'
has '^1: 1:国 3:x$' && has 'b3 b0'
tap $? "--encoding euc_jp: output decoded, keys encoded"
emu --size 20x3 --encoding nonesuch -- true
[ "$rc" -eq 2 ] && has 'unknown encoding'
tap $? "--encoding with an unknown codec: exit 2"

# --- cursor position reports
emu --size 30x5 --ambiguous 1 -e 'wait-text done 3000' -e 'snapshot s' -- "$PY" "$CHILD" dsr 'ab①'
has '^reply 1;4 after [0-9]\{1,3\} ms$'
tap $? "amb 1: CPR after ab① says col 4, at once"
emu --size 30x5 --ambiguous 2 -e 'wait-text done 3000' -e 'snapshot s' -- "$PY" "$CHILD" dsr 'ab①'
has '^reply 1;5 after [0-9]\{1,3\} ms$'
tap $? "amb 2: CPR after ab① says col 5, at once"
emu --size 30x5 --answer-dsr no -e 'wait-text done 3000' -e 'snapshot s' -- "$PY" "$CHILD" dsr 'ab①' 300
has '^no reply$'
tap $? "--answer-dsr no: no reply"
emu --size 30x5 --answer-dsr late:300 -e 'wait-text done 3000' -e 'snapshot s' -- "$PY" "$CHILD" dsr 'ab①' 2000
ms=$(printf '%s\n' "$out" | sed -n 's/^reply 1;4 after \([0-9]*\) ms$/\1/p')
[ -n "$ms" ] && [ "$ms" -ge 280 ] && [ "$ms" -le 1000 ]
tap $? "--answer-dsr late:300: reply after ~300 ms (${ms:-none})"
emu --size 30x3 --answer-dsr late:300 -e 'wait-text started 3000' -e 'sleep 100' \
	-e 'expect-no-text [2;1R' -e 'wait-text ^[[2;1R 2000' -e 'snapshot s' \
	-- sh -c 'echo started; printf "\033[6n"; exec cat'
[ "$rc" -eq 0 ] && has '^\^\[\[2;1R$'
tap $? "a late reply reaches a program that moved on, as input"

# --- frames drawn with explicit cursor moves, as curses would
frame='printf "\033[H\033[2J\033[2;3H┌──┐\033[3;3H│ab│\033[4;3H└──┘"; sleep 5'
emu --size 20x6 --ambiguous 1 -e 'wait-stable 100' -e 'check f' -- sh -c "$frame"
[ "$rc" -eq 0 ] && has '^ok - frames: 1 box(es) straight (rows 2-4 cols 3-6)$'
tap $? "amb 1: the frame check passes"
emu --size 20x6 --ambiguous 2 -e 'wait-stable 100' -e 'check f' -- sh -c "$frame"
[ "$rc" -eq 1 ] && has '^not ok - frames: frame at row 2 col 3 is not straight (row 3: right │ at col 7, expected col 9)$'
tap $? "amb 2: the frame check fails, naming the row"

# --- a curses program: box() and some text
box() {
	emu --size 40x10 --ambiguous "$1" --env TERM=xterm-256color --env LANG=C.UTF-8 \
		-e 'wait-text q to quit 5000' -e 'wait-stable 100' -e 'snapshot box' \
		-e 'check box' -e 'keys q' -e 'expect-exit 0 3000' -- "$PY" "$CHILD" box
}
box 1
[ "$rc" -eq 0 ] && has '^ok - right edge' && hasnt '^not ok' &&
	has '^ok - frames: 1 box(es) straight (rows 1-10 cols 1-40)$' &&
	has '^ok - exit status 0$' && has '^│ yomu 国際機関 test  *│$'
tap $? "curses box() at amb 1: every check passes"
box 2
[ "$rc" -eq 1 ] && has '^not ok - frames: ' && has '^ok - exit status 0$'
tap $? "curses box() at amb 2: the frame check fails (curses takes │ for 1 cell)"
has '^not ok - right edge: [0-9]* character(s) past the right edge (row 1 col 41: .─. auto-wrapped'
tap $? "curses box() at amb 2: the edge check counts the wraps"

# --- separator
sep='printf "\033[H\033[2Jplain    │ right\nαβγ      │ right\ntext     │ right\n"; sleep 5'
emu --size 30x4 --ambiguous 1 -e 'wait-stable 100' -e 'check s separator' -- sh -c "$sep"
[ "$rc" -eq 0 ] && has '^ok - separator at col 10 straight (rows 1-3)$'
tap $? "amb 1: separator detected and straight"
emu --size 30x4 --ambiguous 2 -e 'wait-stable 100' -e 'check s separator=10' -- sh -c "$sep"
[ "$rc" -eq 1 ] &&
	has "^not ok - separator at col 10 (rows 1-3): 1 row(s) off (row 2: ' ' at col 10, expected │; │ at col 13)$"
tap $? "amb 2: separator off on the row with αβγ"

# --- resize
emu --size 30x5 -e 'wait-text size 30x5 3000' -e 'resize 50x20' -e 'wait-text size 50x20 3000' \
	-e 'snapshot s' -e 'keys q' -e 'expect-exit 0' -- "$PY" "$CHILD" size
[ "$rc" -eq 0 ] && has '^size 30x5$' && has '^size 50x20$'
tap $? "resize: the child sees 50x20 after SIGWINCH"

# --- keys, environment, exits, timeouts
emu --size 30x4 -e 'wait-stable 100' -e 'keys a b <Enter>' -e 'wait-stable 100' \
	-e 'snapshot s' -e 'keys <C-c>' -e 'expect-exit signal 2' -- cat
[ "$rc" -eq 0 ] && [ "$(printf '%s\n' "$out" | grep -c '^ab$')" -eq 2 ]
tap $? "keys reach the program; <C-c> is SIGINT"
# shellcheck disable=SC2016 # the child expands them
emu --size 40x3 --keys 'x' -- sh -c 'echo "$TERM ${LINES-none} $LANG"; exec cat'
has '^xterm-256color none C.UTF-8$' && has '^x$'
tap $? "--keys; TERM=xterm-256color and no LINES by default"
# shellcheck disable=SC2016 # the child expands them
out=$(LINES=5 COLUMNS=9 "$PY" "$EMU" --size 40x3 --env FOO=bar -e 'wait-stable 100' \
	-e 'snapshot s' -- sh -c 'echo "${LINES-none} ${COLUMNS-none} $FOO"; exec cat' 2>&1)
has '^none none bar$'
tap $? "LINES and COLUMNS are not passed on; --env is"
emu --size 20x3 -e 'expect-exit 0' -- sh -c 'exit 3'
[ "$rc" -eq 1 ] && has '^not ok - exit status 3, expected 0$' && has '^=== exit 3$'
tap $? "expect-exit mismatch: not ok, exit 1"
emu --size 20x3 -e 'frobnicate' -- true
[ "$rc" -eq 2 ] && has 'unknown command'
tap $? "a bad script line: exit 2"
start=$(date +%s)
emu --size 20x3 --timeout 0.5 -e 'wait-text never 60000' -- sh -c 'trap "" HUP; echo hung; sleep 60'
end=$(date +%s)
[ "$rc" -eq 3 ] && has '^not ok - overall timeout of 0.5 s' && has '^hung$' &&
	has '^=== exit signal 9 (killed at teardown)$' && [ $((end - start)) -le 3 ]
tap $? "a hung child: overall timeout, screen shown, killed, exit 3, in time"
pidfile=$(mktemp)
emu --size 20x3 -e 'wait-stable 100' -- sh -c "sleep 60 & echo \$! >$pidfile; wait"
bg=$(cat "$pidfile")
rm -f "$pidfile"
sleep 0.1
# gone, or a zombie (where nothing reaps orphans)
state=$(cut -d' ' -f3 "/proc/$bg/stat" 2>/dev/null)
has '^=== exit signal 1 (killed at teardown)$' && [ -n "$bg" ] && { [ -z "$state" ] || [ "$state" = Z ]; }
tap $? "teardown kills the whole process group"

echo "1..$n"
[ "$fails" -eq 0 ]
