#!/usr/bin/env python3
"""ttfs.py: time to first screen, and time to the end after G, of a pager
in a real terminal (a pseudo-terminal, 100x30, TERM=xterm-256color).

usage: ttfs.py [--settle] MARKER END_MARKER -- COMMAND...
Prints "first_screen_s end_s" (end_s is "-" if END_MARKER never showed).
The clock starts before the fork and stops when MARKER has been written
to the terminal; then G is sent and the second clock stops when
END_MARKER has been written.  Like a terminal, it answers a cursor
position request (ESC [ 6 n, which yomu sends once to learn the width of
an ambiguous character) at once, as a terminal drawing them one cell wide
would after yomu's probe: ESC [ 1 ; 2 R.  A pseudo-terminal with nobody
answering would make yomu wait out its 100 ms instead.

With --settle before MARKER, G is sent only once the first screen has
been written whole (no output for 50 ms after MARKER), and END_MARKER
counts only in what comes after G: for an END_MARKER that the first
screen may show too (vertical text, whose first marker is written last).
"""
import fcntl, os, pty, select, struct, sys, termios, time

def read_answering(fd):
    """What the program wrote; a cursor position request answered."""
    data = os.read(fd, 1 << 16)
    if b"\x1b[6n" in data:
        os.write(fd, b"\x1b[1;2R")
    return data

def main():
    i = sys.argv.index("--")
    settle = sys.argv[1] == "--settle"
    a = 2 if settle else 1
    marker, end_marker = sys.argv[a].encode(), sys.argv[a + 1].encode()
    cmd = sys.argv[i + 1:]
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm-256color", LC_ALL="C.UTF-8", LINES="30", COLUMNS="100")
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    buf, first, end, tk = b"", None, None, 0.0
    while True:
        r, _, _ = select.select([fd], [], [], 20)
        if not r:
            break
        try:
            data = read_answering(fd)
        except OSError:
            break
        buf += data
        if first is None and marker in buf:
            first = time.monotonic() - t0
            while settle and select.select([fd], [], [], 0.05)[0]:
                read_answering(fd)
            buf = b""
            tk = time.monotonic()
            os.write(fd, b"G")
        elif first is not None and end_marker in buf.replace(b"\r\n", b""):
            end = time.monotonic() - tk
            break
    os.write(fd, b"q")
    time.sleep(0.05)
    try:
        os.kill(pid, 9)
    except OSError:
        pass
    os.waitpid(pid, 0)
    print(f"{first if first is not None else '-'} {end if end is not None else '-'}")

main()
