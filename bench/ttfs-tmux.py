#!/usr/bin/env python3
"""ttfs-tmux.py: time to first screen, and time to the end after G, of a
pager running in tmux (a window of 100x30, TERM=tmux-256color).

usage: ttfs-tmux.py MARKER END_MARKER -- COMMAND...
Prints "first_screen_s end_s" ("-" if a marker never showed in 20 s).

tmux runs the pager in a window of its own and a control-mode client
(tmux -C) listens: tmux tells it (%output) each piece of output it reads
from the pager, as it reads it.  The first clock starts when the window
is asked for and stops when MARKER has come out; the second starts when
G is sent (through tmux, as a key) and stops when END_MARKER has come out
after it.  Nothing polls the screen, so the measure does not slow tmux.
"""
import os, re, subprocess, sys, tempfile, threading, time

OCTAL = re.compile(rb"\\([0-7]{3})")

def main():
    i = sys.argv.index("--")
    marker, end_marker = sys.argv[1].encode(), sys.argv[2].encode()
    cmd = sys.argv[i + 1:]
    d = tempfile.mkdtemp()
    sock = os.path.join(d, "sock")
    env = dict(os.environ, LC_ALL="C.UTF-8")
    tm = ["tmux", "-S", sock, "-f", "/dev/null"]
    subprocess.run(tm + ["new-session", "-d", "-s", "b", "-x", "100", "-y", "30", "sleep 60"],
                   env=env, check=True)
    subprocess.run(tm + ["set-option", "-g", "status", "off"], env=env, check=True)
    ctl = subprocess.Popen(tm + ["-C", "attach", "-t", "b"], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, env=env, bufsize=0)
    lock = threading.Condition()
    state = {"out": b"", "seen": {}}

    def reader():
        for line in ctl.stdout:
            if not line.startswith(b"%output "):
                continue
            data = line.rstrip(b"\n").split(b" ", 2)
            data = OCTAL.sub(lambda m: bytes([int(m.group(1), 8)]), data[2] if len(data) > 2 else b"")
            now = time.monotonic()
            with lock:
                state["out"] += data
                for m in (marker, end_marker):
                    if m not in state["seen"] and m in state["out"]:
                        state["seen"][m] = now
                lock.notify_all()

    threading.Thread(target=reader, daemon=True).start()

    def send(c):
        ctl.stdin.write((c + "\n").encode())

    def wait_for(m):
        with lock:
            lock.wait_for(lambda: m in state["seen"], timeout=20)
            return state["seen"].get(m)

    send("refresh-client -C 100x30")
    time.sleep(0.05)
    t0 = time.monotonic()
    send("new-window -t b: -n w " + " ".join("'" + a.replace("'", "'\\''") + "'" for a in cmd))
    first = end = None
    t = wait_for(marker)
    if t is not None:
        first = t - t0
        with lock:
            # only what comes after the key counts for the end marker
            state["out"] = b""
            state["seen"].pop(end_marker, None)
        t1 = time.monotonic()
        send("send-keys -t b:w G")
        t = wait_for(end_marker)
        if t is not None:
            end = t - t1
    send("kill-server")
    try:
        ctl.wait(timeout=5)
    except subprocess.TimeoutExpired:
        ctl.kill()
    print(f"{first if first is not None else '-'} {end if end is not None else '-'}")

main()
