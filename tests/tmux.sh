#!/bin/sh
# tmux.sh: the real program in a real terminal (tmux): the chapter appears,
# every row fits the width and the TOC separator stays in one column (layout
# and curses agree on widths), a footnote opens and closes, q exits 0 and
# leaves the terminal in cooked mode.
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"
. "${srcdir:-$(dirname "$0")/..}/tests/tmux_lib.sh"

ARGS=--no-state
start

wait_for "国民と共にある外交"; ok $? "the chapter appears"
wait_for "第4章"
"$CELLWIDTH" < "$TMPDIR_T/screen" > "$TMPDIR_T/widths"
awk '$1 > 100 { bad++ } END { exit bad > 0 }' "$TMPDIR_T/widths"; ok $? "every row fits the 100-column terminal"
n=$(awk '$2 >= 0 { print $2 }' "$TMPDIR_T/widths" | sort -u | wc -l)
rows=$(awk '$2 >= 0' "$TMPDIR_T/widths" | wc -l)
[ "$n" -eq 1 ] && [ "$rows" -ge 25 ]; ok $? "the pane separator stays in one column ($rows rows)"

# a page further: mixed Latin, digits and CJK
tm send-keys -t y ' '
sleep 0.3
tm capture-pane -p -t y > "$TMPDIR_T/screen"
"$CELLWIDTH" < "$TMPDIR_T/screen" > "$TMPDIR_T/widths"
n=$(awk '$2 >= 0 { print $2 }' "$TMPDIR_T/widths" | sort -u | wc -l)
awk '$1 > 100 { bad++ } END { exit bad > 0 }' "$TMPDIR_T/widths" && [ "$n" -eq 1 ]; ok $? "and after a page down"

# a footnote opens and closes
tm send-keys -t y t g j j j j j j j Enter Tab Enter
wait_for "脚注 1"; ok $? "a footnote opens"
grep -q "UPU : Universal Postal Union" "$TMPDIR_T/screen"; ok $? "with its text"
tm send-keys -t y Escape
wait_gone "脚注 1"; ok $? "Esc closes it"

tm send-keys -t y q
finished
is "$(cat "$TMPDIR_T/status" 2>/dev/null)" "exit=0" "q exits with status 0"
cooked; ok $? "after q the terminal is in canonical mode with echo"

# signals: restore the terminal and exit; a crash restores it and re-raises
for sig in TERM INT HUP SEGV; do
	start
	wait_for "第4章" >/dev/null
	kill -"$sig" "$(cat "$TMPDIR_T/pid")"
	finished
	cooked; ok $? "SIG$sig mid-screen leaves the terminal in canonical mode with echo"
done
is "$(cat "$TMPDIR_T/status")" "exit=139" "SIGSEGV is re-raised (exit status 139)"
# Ctrl-\ (SIGQUIT): as SIGTERM, the terminal restored and the position
# saved, exit status 128+3
rm -rf "$XDG_STATE_HOME"
ARGS= start
wait_for "第4章" >/dev/null
tm send-keys -t y G
sleep 0.3
tm send-keys -t y 'C-\'
finished
is "$(cat "$TMPDIR_T/status")" "exit=131" "Ctrl-\\ (SIGQUIT) exits with status 131"
cooked; ok $? "and leaves the terminal in canonical mode with echo"
is "$(tm display-message -p -t y '#{alternate_on}:#{cursor_flag}:#{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}')" "0:1:000" \
	"off the alternate screen, cursor shown, mouse tracking off"
ARGS= start
wait_for "役立つような開発協力に取り組んでいる"; ok $? "and the position is saved"
tm send-keys -t y q
finished
ARGS=--no-state

# the reading position: remembered on quit, structural (another width),
# files with safe modes, written atomically
ARGS=
rm -rf "$XDG_STATE_HOME"
start
wait_for "第4章" >/dev/null
tm send-keys -t y t g j j j j j j j j j j j Enter j j j j
sleep 0.3
tm capture-pane -p -t y > "$TMPDIR_T/before"
top=$(sed -n 1p "$TMPDIR_T/before" | sed 's/.*│ //' | cut -c1-6)
tm send-keys -t y q
finished
SIZE=60x20 start
SIZE=
wait_for "$top"; ok $? "reopened at another width, the first text seen before is on screen ($top)"
tm send-keys -t y q
finished
is "$(stat -c %a "$XDG_STATE_HOME/yomu")" 700 "the state directory is 0700"
is "$(stat -c %a "$XDG_STATE_HOME/yomu/positions")" 600 "the state file is 0600"
ARGS=--no-state start
wait_for "第4章　国民と共にある外交" && grep -q "^ 第4章.*│ 第4章" "$TMPDIR_T/screen"; ok $? "--no-state opens at the top"
tm send-keys -t y q
finished
printf '[general]\nstate = false\n' > "$TMPDIR_T/nostate.ini"
ARGS="-c $TMPDIR_T/nostate.ini" start
wait_for "第4章" >/dev/null; grep -q "^ 第4章.*│ 第4章" "$TMPDIR_T/screen"; ok $? "state = false in the config: the top"
tm send-keys -t y q
finished
# a kill between the write and the rename leaves the old file whole
cp "$XDG_STATE_HOME/yomu/positions" "$TMPDIR_T/positions.before"
ARGS= start YOMU_TEST_KILL_BEFORE_RENAME=1
wait_for "$top" >/dev/null
tm send-keys -t y G q
finished
is "$(cat "$TMPDIR_T/status")" "exit=137" "killed (SIGKILL) between write and rename"
cmp -s "$XDG_STATE_HOME/yomu/positions" "$TMPDIR_T/positions.before"; ok $? "the state file is the old one, intact"
ls "$XDG_STATE_HOME/yomu" | grep -q 'positions.tmp'; ok $? "(the temporary file was left behind)"
start
wait_for "$top"; ok $? "and the next run reads it"
tm send-keys -t y q
finished
ls "$XDG_STATE_HOME/yomu" | grep -q 'positions.tmp'; [ $? -eq 1 ]; ok $? "the next save removes the stale temporary file"
# a column's link line at the top is remembered as its block's start
ARGS= start
wait_for "第4章" >/dev/null
tm send-keys -t y t g j j j j j j j j Enter
wait_for "│ ▶ コラム：大沼俊之" >/dev/null
tm send-keys -t y q
finished
SIZE=80x24 start
wait_for "│ ▶ コラム：大沼俊之" >/dev/null
sed -n 1p "$TMPDIR_T/screen" | grep -q "▶ コラム：大沼俊之"; ok $? "a column's link line at the top comes back at the top"
SIZE=
tm send-keys -t y q
finished

# a corrupt state file: a warning, not a crash, and it is kept aside, not
# replaced
printf 'yomu-state 1\ngarbage\n' > "$XDG_STATE_HOME/yomu/positions"
start
wait_for "damaged"; ok $? "a corrupt state file is ignored with a warning"
tm send-keys -t y q
finished
is "$(cat "$TMPDIR_T/status")" "exit=0" "and yomu runs normally"
is "$(cat "$XDG_STATE_HOME"/yomu/positions.damaged-* 2>/dev/null)" "yomu-state 1
garbage" "the corrupt file is kept aside as positions.damaged-*"
head -n 1 "$XDG_STATE_HOME/yomu/positions" | grep -q '^yomu-state 2$'; ok $? "and a new one is written"
rm -f "$XDG_STATE_HOME"/yomu/positions.damaged-*
# SIGTERM saves the position too
start
wait_for "第4章" >/dev/null
tm send-keys -t y G
sleep 0.3
kill -TERM "$(cat "$TMPDIR_T/pid")"
finished
start
wait_for "役立つような開発協力に取り組んでいる"; ok $? "SIGTERM keeps the reading position"
tm send-keys -t y q
finished
# CRLF line ends (the file edited on another system) are simply read
sed 's/$/\r/' "$XDG_STATE_HOME/yomu/positions" > "$TMPDIR_T/crlf" && cp "$TMPDIR_T/crlf" "$XDG_STATE_HOME/yomu/positions"
start
wait_for "役立つような開発協力に取り組んでいる"; ok $? "a positions file with CRLF line ends is read"
grep -q "damaged" "$TMPDIR_T/screen"; [ $? -eq 1 ]; ok $? "without a warning"
tm send-keys -t y q
finished
LC_ALL=C grep -q "$(printf '\r')" "$XDG_STATE_HOME/yomu/positions"; [ $? -eq 1 ]; ok $? "and written back with LF"
ls "$XDG_STATE_HOME/yomu" | grep -q damaged; [ $? -eq 1 ]; ok $? "(nothing kept aside)"
# how the text was set is remembered with the place (縦書き)
start
wait_for "役立つような開発協力に取り組んでいる" >/dev/null
htop=$(sed 's/^[^│]*│ \{0,1\}//' "$TMPDIR_T/screen" | grep -v '^ *$' | head -n 1 | sed 's/ //g; s/^\(....\).*/\1/')
tm send-keys -t y v
wait_for "︒" >/dev/null
tm send-keys -t y q
finished
grep -q ' m=v$' "$XDG_STATE_HOME/yomu/positions"; ok $? "the positions file says the text was set vertically"
start
wait_for "︒"; ok $? "a document left set vertically opens set vertically"
"$builddir/tests/vread" 100 1 29 < "$TMPDIR_T/screen" | sed '/^--$/d' | head -n 2 | tr -d '\n' | grep -q "$htop"
ok $? "at the same place ($htop)"
tm send-keys -t y v
wait_for "$htop"; ok $? "v sets it horizontally again, at the same place"
tm send-keys -t y q
finished
start
wait_for "$htop" >/dev/null
grep -q "︒" "$TMPDIR_T/screen"; [ $? -eq 1 ]; ok $? "and it opens set horizontally the next time"
tm send-keys -t y q
finished
ARGS=--vertical start
wait_for "︒"; ok $? "--vertical sets it vertically all the same"
tm send-keys -t y q
finished
ARGS=
# a FIFO named positions: no blocking at start, a warning, no save over it
mv "$XDG_STATE_HOME/yomu/positions" "$TMPDIR_T/positions.saved"
mkfifo "$XDG_STATE_HOME/yomu/positions"
start
wait_for "not a regular file"; ok $? "a FIFO named positions: the screen opens with a warning"
tm send-keys -t y q
finished
is "$(cat "$TMPDIR_T/status")" "exit=0" "and q exits 0"
grep -q "positions: not a regular file; reading positions are not saved" "$TMPDIR_T/err"; ok $? "the save says it did not save"
[ -p "$XDG_STATE_HOME/yomu/positions" ]; ok $? "and the FIFO is still there"
rm -f "$XDG_STATE_HOME/yomu/positions"
mv "$TMPDIR_T/positions.saved" "$XDG_STATE_HOME/yomu/positions"

# a monochrome terminal works
ARGS=--no-state start TERM=vt100
wait_for "国民と共にある外交"; ok $? "TERM=vt100 (no colours): the chapter appears"
tm send-keys -t y q
finished
is "$(cat "$TMPDIR_T/status")" "exit=0" "TERM=vt100: q exits 0"

# the terminal goes away while SIGHUP is ignored: EIO ends the program
ARGS=--no-state start
wait_for "第4章" >/dev/null
pid=$(cat "$TMPDIR_T/pid")
rm -f "$TMPDIR_T/status"
cat > "$TMPDIR_T/nohup.sh" <<EOS
#!/bin/sh
trap '' HUP
export LC_ALL=C.UTF-8 HOME="$HOME"
exec "$YOMU" --no-state
EOS
chmod +x "$TMPDIR_T/nohup.sh"
tm kill-server >/dev/null 2>&1
nsock=$((nsock + 1)); sock="$TMPDIR_T/tmux.$nsock.sock"
tm -f /dev/null new-session -d -s z -x 100 -y 30 "sh -c 'echo \$\$ > $TMPDIR_T/pid2; exec $TMPDIR_T/nohup.sh'"
i=0; while [ ! -s "$TMPDIR_T/pid2" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.5
pid=$(cat "$TMPDIR_T/pid2")
tm kill-server >/dev/null 2>&1
i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
kill -0 "$pid" 2>/dev/null; [ $? -ne 0 ]; ok $? "with SIGHUP ignored, a lost terminal (EIO) ends yomu instead of spinning"
kill -9 "$pid" 2>/dev/null

# Ctrl-Z suspends, and the screen is redrawn on resume
nsock=$((nsock + 1)); sock="$TMPDIR_T/tmux.$nsock.sock"
tm -f /dev/null new-session -d -s y -x 100 -y 30 "env -i PATH=\"$PATH\" HOME=\"$HOME\" TERM=screen LC_ALL=C.UTF-8 PS1='prompt$ ' bash --norc -i"
sleep 0.5
tm send-keys -t y "$YOMU --no-state" Enter
wait_for "第4章"; r1=$?
tm send-keys -t y C-z
wait_for "prompt\\$"; r2=$?
tm send-keys -t y "fg" Enter
sleep 0.5
wait_for "国民と共にある外交"; r3=$?
ok $((r1 + r2 + r3)) "Ctrl-Z suspends to the shell and fg redraws the screen"
tm send-keys -t y q
sleep 0.3
tm send-keys -t y "stty -a > $TMPDIR_T/stty2" Enter
sleep 0.3
grep -q ' icanon' "$TMPDIR_T/stty2" && grep -q ' echo ' "$TMPDIR_T/stty2"; ok $? "after suspend and resume, q leaves a sane terminal"

# a large document is shown while it is still being read
i=0
while [ $i -lt 150 ]; do cat "$srcdir/data/bluebook-2026-ch4-s1.txt"; echo; i=$((i + 1)); done > "$TMPDIR_T/big.txt"
ARGS="--no-state $TMPDIR_T/big.txt" start
wait_for "国民と共にある外交"; ok $? "a large document: the first screen"
tm send-keys -t y G
wait_for "役立つような開発協力に取り組んでいる"; ok $? "G reads the rest and goes to the end"
grep -q "100%" "$TMPDIR_T/screen"; ok $? "and says 100%"
tm send-keys -t y / ICAO Enter
wait_for "match 1/3150"; ok $? "a search sees the whole document (3150 matches)"
tm send-keys -t y q
finished
is "$(cat "$TMPDIR_T/status")" "exit=0" "and q exits 0"
# G and q at once, before the rest is read: the end is shown from a tail
# parsed on its own, and the position saved is the end of the document
ARGS="$TMPDIR_T/big.txt"
rm -rf "$XDG_STATE_HOME"
start
tm send-keys -t y G q
finished
is "$(cat "$TMPDIR_T/status")" "exit=0" "G and q at once: exit 0"
start
wait_for "役立つような開発協力に取り組んでいる"; ok $? "reopened at the end after G and q at once"
grep -q "100%" "$TMPDIR_T/screen"; ok $? "and says 100%"
tm send-keys -t y q
finished
ARGS=--no-state

# characters newer than the C library (Unicode 15's U+1FAE8): two cells in
# the layout, drawn as 〓 in them, so the rest of the line keeps its columns
printf '\360\237\253\250%.0s' 1 2 3 4 5 6 7 8 9 10 > "$TMPDIR_T/u15.txt"
printf '|ABC の続き\n\n次の段落\n' >> "$TMPDIR_T/u15.txt"
ARGS="--no-state $TMPDIR_T/u15.txt" start
wait_for "ABC"; ok $? "ten U+1FAE8: the line is drawn"
want=$("$YOMU" --no-state --replay '' --size 100x30 "$TMPDIR_T/u15.txt" | head -n 1 | sed 's/\xF0\x9F\xAB\xA8/〓/g; s/🫨/〓/g')
is "$(head -n 1 "$TMPDIR_T/screen")" "$want" "ten U+1FAE8: the rest of the line stays in its columns (as laid out, 〓 for each)"
"$CELLWIDTH" < "$TMPDIR_T/screen" > "$TMPDIR_T/widths"
awk '$1 > 100 { bad++ } END { exit bad > 0 }' "$TMPDIR_T/widths"; ok $? "and no row runs past the 100 columns"
tm send-keys -t y q
finished
ARGS=--no-state

# Esc then at once a resize, ten times: the read-ahead for Alt+key drops
# nothing, the screen follows every time
start
wait_for "第4章" >/dev/null
good=0
for i in 1 2 3 4 5 6 7 8 9 10; do
	if [ $((i % 2)) -eq 1 ]; then w=70; h=20; else w=100; h=30; fi
	tm send-keys -t y Escape
	sleep 0.01
	tm resize-window -t y -x $w -y $h
	j=0
	while [ $j -lt 30 ]; do
		sleep 0.05
		tm capture-pane -p -t y > "$TMPDIR_T/screen"
		last=$(tail -n 1 "$TMPDIR_T/screen")
		cw=$(printf '%s\n' "$last" | "$CELLWIDTH" | cut -d' ' -f1)
		case $last in *%) ;; *) cw=0 ;; esac
		# the status line is the last row, across the new width
		if [ "$(wc -l < "$TMPDIR_T/screen")" -eq $h ] && [ "$cw" -ge $((w - 1)) ] && [ "$cw" -le $w ]; then
			good=$((good + 1))
			break
		fi
		j=$((j + 1))
	done
done
is "$good" 10 "Esc then a resize, ten times: the screen follows every time"
tm send-keys -t y q
finished

# SIGTERM while a large document is being read: out at once, the terminal
# restored, the position saved
chapter="$srcdir/data/bluebook-2026-ch4-s1.txt"
cp "$chapter" "$TMPDIR_T/huge.txt"
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$TMPDIR_T/huge.txt" "$TMPDIR_T/huge.txt" > "$TMPDIR_T/huge2.txt"; mv "$TMPDIR_T/huge2.txt" "$TMPDIR_T/huge.txt"; done
rm -rf "$XDG_STATE_HOME"
ARGS="$TMPDIR_T/huge.txt" start
# the screen up, its pid written before it (a signal before the screen
# kills yomu as it would any program, with no position yet to keep: slow
# to come under ASan), the rest still being read (about a second for these
# 41 MB)
wait_for "国民と共にある外交" >/dev/null
sleep 0.05
t0=$(date +%s%N)
kill -TERM "$(cat "$TMPDIR_T/pid")"
i=0; while [ ! -s "$TMPDIR_T/status" ] && [ $i -lt 300 ]; do sleep 0.005; i=$((i + 1)); done
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
finished
is "$(cat "$TMPDIR_T/status")" "exit=143" "SIGTERM while a $(($(wc -c < "$TMPDIR_T/huge.txt") >> 20)) MB document is read: exit status 143"
# out, the position saved durably (fsync) and the document read so far
# released, within 300 ms (80 to 200 ms measured beside other tests); a
# build with ASan+UBSan (.ci/run's second pass) is slower and frees and
# checks the whole heap at exit (LeakSanitizer): 250 to 310 ms alone, more
# beside other tests, so 1000 ms there (what this checks there is that the
# signal is not lost while the document is read)
bound=300
grep -q __asan_init "$YOMU" 2>/dev/null && bound=1000
[ "$ms" -le $bound ]; ok $? "within $bound ms (${ms} ms)"
cooked; ok $? "the terminal in canonical mode with echo"
is "$(tm display-message -p -t y '#{alternate_on}:#{cursor_flag}')" "0:1" "off the alternate screen, cursor shown"
[ -s "$XDG_STATE_HOME/yomu/positions" ]; ok $? "and the position saved"
# a search waits for the rest of it: q and SIGTERM still act at once
for how in q TERM; do
	ARGS="--no-state $TMPDIR_T/huge.txt" start
	wait_for "国民と共にある外交" >/dev/null
	tm send-keys -t y /
	sleep 0.05
	t0=$(date +%s%N)
	if [ $how = q ]; then tm send-keys -t y q; else kill -TERM "$(cat "$TMPDIR_T/pid")"; fi
	i=0; while [ ! -s "$TMPDIR_T/status" ] && [ $i -lt 600 ]; do sleep 0.005; i=$((i + 1)); done
	t1=$(date +%s%N)
	ms=$(( (t1 - t0) / 1000000 ))
	finished
	[ "$ms" -le $((bound + 100)) ]; ok $? "$how while / waits for the rest of a large document: out within $((bound + 100)) ms (${ms} ms)"
done
is "$(cat "$TMPDIR_T/status")" "exit=143" "(SIGTERM: exit status 143)"
rm -f "$TMPDIR_T/huge.txt"
ARGS=--no-state

# a terminal without cursor addressing (TERM=dumb): the document printed
# as --dump does, at the terminal's width, not a garbled screen
start TERM=dumb
finished
is "$(cat "$TMPDIR_T/status")" "exit=0" "TERM=dumb: exit 0 at once"
tm capture-pane -p -t y -S - > "$TMPDIR_T/screen"
grep -q "役立つような開発協力に取り組んでいる" "$TMPDIR_T/screen"; ok $? "TERM=dumb: the document is printed"
"$CELLWIDTH" < "$TMPDIR_T/screen" | awk '$1 > 100 { bad++ } $1 > 90 { wide++ } END { exit bad > 0 || wide == 0 }'
ok $? "TERM=dumb: laid out at the terminal's width (100)"

# TERM unset or unknown: a clear error, not an abort
start TERM=
finished
is "$(cat "$TMPDIR_T/status"):$(cat "$TMPDIR_T/err")" "exit=1:yomu: TERM is not set; cannot open the screen (try --dump)" "TERM unset: a clear error"
start TERM=no-such-terminal
finished
is "$(cat "$TMPDIR_T/status"):$(cat "$TMPDIR_T/err")" "exit=1:yomu: no-such-terminal: unknown terminal type (try --dump)" "TERM unknown: a clear error"
# a TERM holding an escape sequence is named escaped
cat > "$TMPDIR_T/evilterm.sh" <<EOS
#!/bin/sh
TERM=\$(printf 'x\\033]2;pwned\\007') "$YOMU" --no-state 2> "$TMPDIR_T/err"
echo "exit=\$?" > "$TMPDIR_T/status"
stty -a > "$TMPDIR_T/stty"
sleep 30
EOS
chmod +x "$TMPDIR_T/evilterm.sh"
rm -f "$TMPDIR_T/status" "$TMPDIR_T/stty" "$TMPDIR_T/err"
tm kill-server >/dev/null 2>&1
nsock=$((nsock + 1)); sock="$TMPDIR_T/tmux.$nsock.sock"
tm -f /dev/null new-session -d -s y -x 100 -y 30 "$TMPDIR_T/evilterm.sh"
finished
is "$(cat "$TMPDIR_T/status"):$(cat "$TMPDIR_T/err")" 'exit=1:yomu: x\x1B]2;pwned\x07: unknown terminal type (try --dump)' \
	"TERM with an escape sequence: named escaped"
done_testing
