# tmux-lib.sh: running yomu in a real terminal (tmux) for the tests.
# Sourced after lib.sh; skips the whole test file when tmux is missing.
# Each run gets a tmux server of its own (a server that is still shutting
# down never meets the next session).
if ! command -v tmux >/dev/null 2>&1; then
	skip "tmux tests" "tmux is not installed"
	done_testing
	exit 0
fi
nsock=0
sock="$TMPDIR_T/tmux.0.sock"
tm() { tmux -S "$sock" "$@"; }
tmux_cleanup() {
	for s in "$TMPDIR_T"/tmux.*.sock; do tmux -S "$s" kill-server >/dev/null 2>&1; done
	rm -rf "$TMPDIR_T"
}
trap tmux_cleanup EXIT

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

# start [ENV=VALUE...]: run yomu ($ARGS, word-split) in the session "y"
# ($SIZE, default 100x30), with $TMUX_SETUP (tmux options) set first; it
# writes its exit status to $TMPDIR_T/status when it ends
start() {
	rm -f "$TMPDIR_T/status" "$TMPDIR_T/err"
	cat > "$TMPDIR_T/run.sh" <<EOS
#!/bin/sh
export LC_ALL=C.UTF-8 HOME="$HOME" XDG_STATE_HOME="$XDG_STATE_HOME" $*
"$YOMU" ${ARGS:-} 2> "$TMPDIR_T/err"
echo "exit=\$?" > "$TMPDIR_T/status"
sleep 30
EOS
	chmod +x "$TMPDIR_T/run.sh"
	tm kill-server >/dev/null 2>&1
	nsock=$((nsock + 1))
	sock="$TMPDIR_T/tmux.$nsock.sock"
	w=${SIZE:-100x30}
	tm -f /dev/null new-session -d -s y -x "${w%x*}" -y "${w#*x}" "sleep 60"
	tm set-option -t y status off >/dev/null 2>&1
	[ -n "${TMUX_SETUP:-}" ] && eval "$TMUX_SETUP"
	tm respawn-pane -k -t y "$TMPDIR_T/run.sh"
}

# finished: wait until yomu has exited (5 s at most)
finished() {
	i=0
	while [ ! -s "$TMPDIR_T/status" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}

# quit: q, and wait for the exit
quit() {
	tm send-keys -t y q
	finished
}
