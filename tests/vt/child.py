#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""child.py: small programs for selftest.sh to run under termemu.py.

  child.py dsr TEXT [WAIT_MS]   clear, print TEXT at the top left, ask for
                                the cursor position (CSI 6 n) and print on
                                row 3 "reply R;C after N ms" or "no reply"
  child.py size                 print "size WxH" now and after each SIGWINCH;
                                exit on "q"
  child.py box                  curses: box() around the screen and some text
                                in it; exit 0 on "q"
"""

import os
import select
import signal
import sys
import termios
import time
import tty


def raw_read(fd, timeout):
    """Bytes up to the first "R", or what came before the timeout."""
    end = time.monotonic() + timeout
    buf = b""
    while not buf.endswith(b"R"):
        left = end - time.monotonic()
        if left <= 0:
            break
        r, _, _ = select.select([fd], [], [], left)
        if r:
            buf += os.read(fd, 64)
    return buf


def dsr(text, wait_ms="1000"):
    fd = sys.stdin.fileno()
    old = termios.tcgetattr(fd)
    tty.setraw(fd)
    try:
        out = sys.stdout.buffer
        out.write(b"\x1b[H\x1b[2J" + text.encode() + b"\x1b[6n")
        out.flush()
        start = time.monotonic()
        reply = raw_read(fd, int(wait_ms) / 1000.0)
        ms = (time.monotonic() - start) * 1000
        if reply.startswith(b"\x1b[") and reply.endswith(b"R"):
            msg = "reply %s after %d ms" % (reply[2:-1].decode(), ms)
        elif reply:
            msg = "garbage %r" % reply
        else:
            msg = "no reply"
        out.write(b"\x1b[3;1H" + msg.encode() + b"\x1b[4;1Hdone")
        out.flush()
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, old)


def size():
    def show(*_):
        sz = os.get_terminal_size(sys.stdout.fileno())
        sys.stdout.write("size %dx%d\r\n" % (sz.columns, sz.lines))
        sys.stdout.flush()
    signal.signal(signal.SIGWINCH, show)
    fd = sys.stdin.fileno()
    old = termios.tcgetattr(fd)
    tty.setraw(fd)
    try:
        show()
        end = time.monotonic() + 10
        while time.monotonic() < end:
            try:
                r, _, _ = select.select([fd], [], [], 0.2)
            except InterruptedError:
                continue
            if r and os.read(fd, 1) == b"q":
                break
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, old)


def box():
    import curses
    import locale
    locale.setlocale(locale.LC_ALL, "")

    def main(stdscr):
        curses.curs_set(0)
        stdscr.box()
        stdscr.addstr(1, 2, "yomu 国際機関 test")
        stdscr.addstr(2, 2, "q to quit")
        stdscr.refresh()
        while stdscr.getch() != ord("q"):
            pass
    curses.wrapper(main)


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what == "dsr":
        dsr(*sys.argv[2:])
    elif what == "size":
        size()
    elif what == "box":
        box()
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
