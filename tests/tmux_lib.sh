# tmux_lib.sh: running yomu in a real terminal (tmux) for the tests:
# start it in a session of its own, wait for text on the screen, wait for
# it to finish, check the terminal is left sane.  Sourced after lib.sh;
# skips the whole script when tmux is missing.
if ! command -v tmux >/dev/null 2>&1; then
	skip "tmux tests" "tmux is not installed"
	done_testing
	exit 0
fi
CELLWIDTH="$builddir/tests/cellwidth"
# each run gets a tmux server of its own: a server that is still shutting
# down never meets the next session
nsock=0
sock="$TMPDIR_T/tmux.0.sock"
tm() { tmux -S "$sock" "$@"; }
cleanup() {
	for s in "$TMPDIR_T"/tmux.*.sock; do tmux -S "$s" kill-server >/dev/null 2>&1; done
	# a yomu that outlived its terminal goes too: under ASan+UBSan, the
	# SIGHUP of kill-server arriving during LeakSanitizer's check at exit
	# can leave it spinning (with the tracer it forked), which would slow
	# every test after this script
	if [ -f "$TMPDIR_T/pids" ]; then
		while read -r p; do
			case $(tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null) in
			"$YOMU"*)
				pkill -KILL -P "$p" 2>/dev/null
				kill -KILL "$p" 2>/dev/null ;;
			esac
		done < "$TMPDIR_T/pids"
	fi
	rm -rf "$TMPDIR_T"
}
trap cleanup EXIT

# wait_for TEXT: poll the pane until TEXT shows (5 s at most); the pane is
# left in $TMPDIR_T/screen
wait_for() {
	i=0
	while [ $i -lt 50 ]; do
		tm capture-pane -p -t y > "$TMPDIR_T/screen" 2>/dev/null
		grep -q -- "$1" "$TMPDIR_T/screen" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
wait_gone() {
	i=0
	while [ $i -lt 50 ]; do
		tm capture-pane -p -t y > "$TMPDIR_T/screen" 2>/dev/null
		grep -q -- "$1" "$TMPDIR_T/screen" || return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# start [ENV=VALUE...]: run yomu ($ARGS, word-split) in the session "y"
# ($SIZE, default 100x30), with $TMUX_SETUP (tmux commands, e.g. options)
# run before it starts; it writes its pid, and afterwards its exit status
# and the terminal's settings (stty -a)
start() {
	rm -f "$TMPDIR_T/status" "$TMPDIR_T/stty" "$TMPDIR_T/pid" "$TMPDIR_T/err"
	cat > "$TMPDIR_T/run.sh" <<EOS
#!/bin/sh
# Ctrl-\\ goes to the whole process group: this shell stays (yomu sets its
# own handler)
trap '' QUIT
export LC_ALL=C.UTF-8 HOME="$HOME" XDG_STATE_HOME="$XDG_STATE_HOME" $*
sh -c 'echo \$\$ > "$TMPDIR_T/pid"; echo \$\$ >> "$TMPDIR_T/pids"; exec "$YOMU" ${ARGS:-}' 2> "$TMPDIR_T/err"
echo "exit=\$?" > "$TMPDIR_T/status"
stty -a > "$TMPDIR_T/stty"
sleep 30
EOS
	chmod +x "$TMPDIR_T/run.sh"
	tm kill-server >/dev/null 2>&1
	nsock=$((nsock + 1))
	sock="$TMPDIR_T/tmux.$nsock.sock"
	w=${SIZE:-100x30}
	if [ -n "${TMUX_SETUP:-}" ]; then
		# the session first, then the setup, then yomu in its pane
		tm -f /dev/null new-session -d -s y -x "${w%x*}" -y "${w#*x}" "sleep 60"
		tm set-option -t y status off >/dev/null 2>&1
		eval "$TMUX_SETUP"
		tm respawn-pane -k -t y "$TMPDIR_T/run.sh"
	else
		tm -f /dev/null new-session -d -s y -x "${w%x*}" -y "${w#*x}" "$TMPDIR_T/run.sh"
		tm set-option -t y status off >/dev/null 2>&1
	fi
}
# finished: wait until the wrapper has written the terminal's settings
finished() {
	i=0
	while [ ! -s "$TMPDIR_T/stty" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}
# quit: q, and wait for the exit
quit() {
	tm send-keys -t y q
	finished
}
cooked() { # the terminal is back in canonical mode with echo
	grep -q -- '-icanon' "$TMPDIR_T/stty" && return 1
	grep -q -- '-echo ' "$TMPDIR_T/stty" && return 1
	grep -q ' icanon' "$TMPDIR_T/stty" && grep -q ' echo ' "$TMPDIR_T/stty"
}

