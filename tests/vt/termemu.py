#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""termemu.py: a small terminal emulator for tests, with a choice of how wide
it draws East Asian Ambiguous characters.

It runs a command on a pseudo-terminal of a given size, types keys into it as
a script says, and prints what is on its screen, with layout checks that tell
whether the program's idea of character widths agrees with the terminal's.

Run it with Debian's /usr/bin/python3 (it needs python3-pyte).

Command line
------------
  termemu.py [options] -- COMMAND [ARG...]

  --size WxH             screen size (default 80x24)
  --ambiguous 1|2        how THIS terminal draws East Asian Ambiguous ("A")
                         characters: 1 cell (default) or 2 cells
  --widths libc|wcwidth  where the other widths come from: glibc's wcwidth()
                         in C.UTF-8 (default; what ncursesw draws with) or the
                         python3-wcwidth module
  --encoding NAME        the terminal's character set, a Python codec name
                         (default utf-8; euc_jp, shift_jis for the terminals
                         of those locales): output decoded, keys encoded
  --env NAME=VALUE       set a variable for the child (repeatable).  The child
                         gets our environment less LINES and COLUMNS, with
                         TERM=xterm-256color and, when no locale variable is
                         set, LANG=C.UTF-8, unless --env says otherwise
  --answer-dsr MODE      how to answer cursor position requests (CSI 6 n):
                         yes (at once, default), no (never), late:MS (after MS
                         milliseconds, whatever the program has done since)
  --script FILE          script to run ("-" for standard input)
  -e LINE                one script line (repeatable; after --script)
  --keys STRING          shorthand for: wait-stable 300 / keys STRING /
                         wait-stable 300 / snapshot screen
  --timeout SEC          overall timeout (default 20); on expiry the screen is
                         printed as "=== timeout", the child killed, exit 3
  --keep-spaces          do not trim trailing spaces in snapshots
  --log FILE             write every byte the program printed to FILE
  --verbose              tell on stderr what happens (keys, replies, resizes)

  With no script at all: wait-stable 300, then snapshot screen.

Script language (one command a line; blank lines and "# ..." are ignored)
---------------------------------------------------------------------
  keys TOKEN...          send each whitespace-separated token as one write,
                         key-delay ms apart (default 20); a token may hold
                         <Name> keys: keys j j <PgDn> <C-l> 国際
  send TEXT              send the rest of the line at once, <Name> expanded
  key-delay MS           gap between the tokens of "keys"
  esc-delay MS           gap after a lone <Esc> token (default 100): curses
                         takes Esc and a key within ESCDELAY (yomu: 25 ms,
                         ncurses: 1000 ms unless set) for Alt+key
  wait-stable MS [T]     wait until the program printed nothing for MS ms
                         (at most T ms, default 10000)
  wait-text TEXT [T]     wait until TEXT is on the screen (T default 10000)
  wait-gone TEXT [T]     wait until TEXT is not on the screen
  wait-exit [T]          wait for the program to exit
  expect-exit STATUS [T] wait for the exit, then ok/not ok: STATUS is a number
                         or "signal N"
  expect-text TEXT       ok/not ok: TEXT is on the screen now
  expect-no-text TEXT    ok/not ok: TEXT is not on the screen now
  resize WxH             new size: TIOCSWINSZ (the kernel sends SIGWINCH;
                         we send one ourselves when the size is unchanged)
  snapshot NAME [keep-spaces]
                         print "=== NAME" and then every row of the screen
  columns NAME           print "=== columns NAME" and, for each row that is
                         not blank, "R: C:ch C:ch ..." (1-based row and the
                         1-based column where every non-blank character starts)
  cursor [NAME]          print "=== cursor NAME row R col C visible|hidden"
  links NAME             print "=== links NAME" and, for each run of cells of a
                         row written inside one OSC 8 hyperlink (and not
                         written over, erased or moved since), "R:C URI TEXT"
  check NAME [edge] [frames] [separator[=COL[,COL...]]] [near=N]
                         print "=== check NAME" and the results of the layout
                         checks (all three when none is named)
  answer-dsr MODE        change the --answer-dsr mode from here on
  sleep MS               pump the program's output for MS ms

  TEXT of wait-text and friends is the rest of the line; a last word that is
  all digits is taken as the timeout when there is text before it.

  Key names (case does not matter): <Enter> <Tab> <S-Tab> <Esc> <Space> <BS>
  <Del> <Ins> <Home> <End> <PgUp> <PgDn> <Up> <Down> <Left> <Right> <F1>..<F12>
  <lt> (a literal "<"), <C-x> (control), <M-x> or <A-x> (Esc prefix), and
  modifiers on cursor and function keys: <S-Up> <C-Right> <M-S-F5>.  Cursor
  keys follow the program's cursor-key mode (CSI ? 1 h gives ESC O A).

Output: snapshots, then lines "ok - ..." / "not ok - ..." from checks and
expectations and failed waits, and last "=== exit STATUS" (a number, or
"signal N", with " (killed at teardown)" when we had to end it).  Rows and
columns in all messages are 1-based, as in CSI row;col H.

Exit status: 0 when every check, expectation and wait passed; 1 when one did
not; 2 for a bad command line or script; 3 on the overall timeout.

Checks
------
  edge       no character was drawn past the right edge: the emulator counts
             every auto-wrap (a character printed while the cursor waits in
             the last column) and every clipped write (no auto-wrap mode, or a
             wide character that no longer fits) since the previous check
  frames     each box is straight: for every corner like "┌" there is a "┐"
             further right on its row, a "└" below it in the same column and a
             "┘" below the "┐", and each row between has "│" (or a tee) at both
             columns; light, heavy, double and rounded boxes
  separator  a vertical rule: at the given column(s), or at the column with a
             "│" on the most rows (at least 3 rows and 40%; none is ok), every
             row between its first and last "│" has one exactly there, and no
             row outside has a "│" within N columns (near=N, default 8)

Python use
----------
  from termemu import Terminal, VTScreen, Parser
  t = Terminal(80, 24, ambiguous=2, env={"LANG": "C.UTF-8"})
  t.spawn(["yomu", "file.txt"]); t.wait_stable(200)
  print("\\n".join(t.screen.text_rows())); print(check_all(t.screen))
  t.close()

  A VTScreen with a Parser works without any child: Parser(s).feed_bytes(b).

Known limits: no scrollback; one width table for the whole screen; resize
keeps the top rows; no double-width/height lines, no left/right margins, no
bidi, no images; replies are given only to CPR (CSI 6 n, CSI ? 6 n), DSR 5,
DA1/DA2 and CSI 18 t; everything else that asks is ignored.
"""

from __future__ import annotations

import argparse
import codecs
import copy
import ctypes
import ctypes.util
import errno
import fcntl
import locale
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
import unicodedata
from collections import defaultdict

try:
    import pyte
except ImportError:  # a Python other than Debian's: borrow its packages
    sys.path.append("/usr/lib/python3/dist-packages")
    import pyte
from pyte import charsets as cs
from pyte import modes as mo
from pyte.screens import Margins, StaticDefaultDict

CSI = "\x1b["


# --------------------------------------------------------------------------
# Widths


def _libc_wcwidth():
    """glibc's wcwidth() in a UTF-8 LC_CTYPE, or None when unavailable."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        fn = libc.wcwidth
        fn.argtypes = [ctypes.c_int]
        fn.restype = ctypes.c_int
    except (OSError, AttributeError):
        return None
    for name in ("C.UTF-8", "C.utf8", "en_US.UTF-8"):
        try:
            locale.setlocale(locale.LC_CTYPE, name)
            break
        except locale.Error:
            continue
    else:
        return None
    if fn(0x4E00) != 2 or fn(0x0301) != 0 or fn(0x41) != 1:
        return None
    return lambda ch: fn(ord(ch))


class Widths:
    """Cell width of one character, as this terminal draws it.

    Base widths come from glibc's wcwidth() (or python3-wcwidth); with
    ambiguous=2, every character whose base width is 1 and whose Unicode
    East_Asian_Width is "A" is drawn 2 cells wide.  Unprintable or unassigned
    characters (-1) take 1 cell, as most terminals draw a box for them;
    C0/C1 controls take 0 and never reach the grid."""

    def __init__(self, ambiguous=1, table="libc"):
        if ambiguous not in (1, 2):
            raise ValueError("ambiguous width must be 1 or 2")
        self.ambiguous = ambiguous
        base = _libc_wcwidth() if table == "libc" else None
        if base is None:
            from wcwidth import wcwidth as base  # python3-wcwidth
            table = "wcwidth"
        self.table = table
        self._base = base
        self._cache = {}

    def __call__(self, ch):
        w = self._cache.get(ch)
        if w is None:
            cp = ord(ch)
            if cp < 0x20 or 0x7F <= cp < 0xA0:
                w = 0
            else:
                w = self._base(ch)
                if w < 0:
                    w = 1
                if (w == 1 and self.ambiguous == 2
                        and unicodedata.east_asian_width(ch) == "A"):
                    w = 2
            self._cache[ch] = w
        return w


# --------------------------------------------------------------------------
# Screen: pyte's Screen with our widths and the fixes a full-screen program
# needs.


class VTScreen(pyte.Screen):
    """A pyte Screen whose draw() uses our own width function.

    Cells: buffer[y][x] is a pyte Char; a wide character is stored at its
    first cell and its second cell holds a Char with data "" (pyte's own
    convention).  The cursor waits in the last column with wrap_pending set
    (pyte instead lets cursor.x reach `columns`, which then leaks into CPR
    replies and EL/ECH)."""

    def __init__(self, columns, lines, ambiguous=1, widths="libc"):
        self.width = Widths(ambiguous, widths)
        self.wrap_pending = False
        # (kind, row, col, char), 0-based row, 1-based col where the char
        # would have started; kind: wrap, clip, wrap-wide or clip-wide
        self.edge_events = []
        self.on_reply = None    # callable(kind, text); kind "cpr" or "other"
        self.replies = []       # used when on_reply is None
        self.cpr_count = 0
        self.private_modes = set()
        self.last_char = None
        self.alt_active = False
        self._other = None
        # OSC 8: the URI open now ("" for none), and the cells written
        # while one was open: (row, col) -> (uri, the character written)
        self.hyperlink = ""
        self.cell_links = {}
        super().__init__(columns, lines)

    # ----- helpers
    def _new_buffer(self):
        return defaultdict(lambda: StaticDefaultDict(self.default_char))

    def _reply(self, kind, text):
        if self.on_reply is not None:
            self.on_reply(kind, text)
        else:
            self.replies.append((kind, text))

    def _is_wide(self, cell):
        return bool(cell.data) and self.width(cell.data[0]) == 2

    def _unsplit(self, line, x):
        """Cell x is about to be overwritten: if it is half of a wide
        character, blank the other half (as xterm and VTE do)."""
        if x not in line:
            return
        cell = line[x]
        if cell.data == "":
            if x > 0 and x - 1 in line and self._is_wide(line[x - 1]):
                line[x - 1] = line[x - 1]._replace(data=" ")
        elif self._is_wide(cell):
            if x + 1 in line and line[x + 1].data == "":
                line[x + 1] = line[x + 1]._replace(data=" ")

    # ----- state
    def reset(self):
        super().reset()
        self.wrap_pending = False
        self.alt_active = False
        self._other = self._new_buffer()
        self.private_modes = {7, 25}
        self.last_char = None
        self.savepoints = []
        self.hyperlink = ""
        self.cell_links = {}

    def resize(self, lines=None, columns=None):
        """New size.  Unlike pyte, keep the top rows (a full-screen program
        redraws anyway) and keep both screens and the tab stops right."""
        lines = lines or self.lines
        columns = columns or self.columns
        for buf in (self.buffer, self._other):
            for y in [y for y in buf if y >= lines]:
                del buf[y]
            for line in buf.values():
                for x in [x for x in line if x >= columns]:
                    del line[x]
                last = columns - 1
                if last in line and self._is_wide(line[last]):
                    line[last] = line[last]._replace(data=" ")
        self.lines, self.columns = lines, columns
        self.margins = None
        self.tabstops = set(range(8, columns, 8))
        self.wrap_pending = False
        self.ensure_hbounds()
        self.ensure_vbounds()
        self.dirty.update(range(lines))

    # ----- text
    def draw(self, data):
        data = data.translate(
            self.g1_charset if self.charset else self.g0_charset)
        for ch in data:
            self._draw_one(ch)

    def _draw_one(self, ch):
        w = self.width(ch)
        cols = self.columns
        if w == 0:
            self._combine(ch)
            return
        autowrap = mo.DECAWM in self.mode
        if self.wrap_pending:
            self.wrap_pending = False
            if autowrap:
                self.edge_events.append(("wrap", self.cursor.y, cols + 1, ch))
                self.carriage_return()
                self.index()
            else:
                self.edge_events.append(("clip", self.cursor.y, cols + 1, ch))
                self.cursor.x = cols - w
        if self.cursor.x + w > cols:  # a wide character in the last column
            if autowrap:
                self.edge_events.append(("wrap-wide", self.cursor.y,
                                         self.cursor.x + 1, ch))
                self.carriage_return()
                self.index()
            else:
                self.edge_events.append(("clip-wide", self.cursor.y,
                                         self.cursor.x + 1, ch))
                self.cursor.x = max(0, cols - w)
        if mo.IRM in self.mode:
            self.insert_characters(w)
        x = self.cursor.x
        line = self.buffer[self.cursor.y]
        self._unsplit(line, x)
        if w == 2 and x + 1 < cols:
            self._unsplit(line, x + 1)
        line[x] = self.cursor.attrs._replace(data=ch)
        if w == 2 and x + 1 < cols:
            line[x + 1] = self.cursor.attrs._replace(data="")
        for i in range(w if x + w <= cols else 1):
            if self.hyperlink:
                self.cell_links[(self.cursor.y, x + i)] = (
                    self.hyperlink, ch if i == 0 else "")
            else:
                self.cell_links.pop((self.cursor.y, x + i), None)
        self.last_char = ch
        if x + w >= cols:
            self.cursor.x = cols - 1
            self.wrap_pending = True
        else:
            self.cursor.x = x + w
        self.dirty.add(self.cursor.y)

    def link_at(self, y, x):
        """The URI cell (Y, X) links to, or None: written inside an OSC 8
        hyperlink and not written over since (a cell erased, scrolled or
        shifted no longer holds what was written, and links no more)."""
        v = self.cell_links.get((y, x))
        if v is None or self.buffer[y][x].data != v[1]:
            return None
        return v[0]

    def link_runs(self):
        """(row, col, uri, text) for each run of cells of a row linking to
        one URI; rows and columns 1-based."""
        runs = []
        for y in range(self.lines):
            x = 0
            while x < self.columns:
                uri = self.link_at(y, x)
                if uri is None:
                    x += 1
                    continue
                x0, text = x, ""
                while x < self.columns and self.link_at(y, x) == uri:
                    text += self.buffer[y][x].data
                    x += 1
                runs.append((y + 1, x0 + 1, uri, text))
        return runs

    def _combine(self, ch):
        """A zero-width character joins the character before the cursor.
        (pyte 0.8.0 drops it and the rest of the text when it is not a
        combining mark, e.g. U+FE0F or U+200D.)"""
        x = self.cursor.x if self.wrap_pending else self.cursor.x - 1
        line = self.buffer[self.cursor.y]
        if x > 0 and line[x].data == "":
            x -= 1
        if x < 0 or not line[x].data.strip():
            return
        line[x] = line[x]._replace(data=line[x].data + ch)

    def repeat(self, count=None):
        """REP (CSI n b): the last printed character, n more times."""
        if self.last_char is None:
            return
        for _ in range(min(count or 1, self.columns * self.lines)):
            self._draw_one(self.last_char)

    # ----- cursor motion pyte gets wrong
    def cursor_up(self, count=None):
        top = self.margins.top if self.margins else 0
        if self.cursor.y < top:
            top = 0
        self.cursor.y = max(self.cursor.y - (count or 1), top)

    def cursor_down(self, count=None):
        bottom = self.margins.bottom if self.margins else self.lines - 1
        if self.cursor.y > bottom:
            bottom = self.lines - 1
        self.cursor.y = min(self.cursor.y + (count or 1), bottom)

    def cursor_to_line(self, line=None):
        y = (line or 1) - 1
        if mo.DECOM in self.mode and self.margins:
            y += self.margins.top
        self.cursor.y = y
        self.ensure_vbounds()

    def linefeed_cr(self):
        """NEL (ESC E): index and carriage return."""
        self.index()
        self.carriage_return()

    def tab_forward(self, count=None):
        for _ in range(count or 1):
            self.tab()

    def tab_back(self, count=None):
        for _ in range(count or 1):
            stops = [t for t in self.tabstops if t < self.cursor.x]
            self.cursor.x = max(stops) if stops else 0

    def set_margins(self, top=None, bottom=None):
        """DECSTBM; "CSI r" resets to the whole screen (pyte keeps the old
        bottom margin)."""
        top = (top or 1) - 1
        bottom = (bottom or self.lines) - 1
        bottom = min(bottom, self.lines - 1)
        if top >= bottom:
            return
        if top == 0 and bottom == self.lines - 1:
            self.margins = None
        else:
            self.margins = Margins(top, bottom)
        self.cursor_position()

    # ----- lines
    def _shift_rows(self, top, bottom, count, down):
        rows = [self.buffer.pop(y, None) for y in range(top, bottom + 1)]
        count = min(count, len(rows))
        if down:
            rows = [None] * count + rows[:len(rows) - count]
        else:
            rows = rows[count:] + [None] * count
        for i, row in enumerate(rows):
            if row is not None:
                self.buffer[top + i] = row
        self.dirty.update(range(top, bottom + 1))

    def insert_lines(self, count=None):
        top, bottom = self.margins or Margins(0, self.lines - 1)
        if top <= self.cursor.y <= bottom:
            self._shift_rows(self.cursor.y, bottom, count or 1, True)
            self.carriage_return()

    def delete_lines(self, count=None):
        # pyte 0.8.0 leaves a row in place when the row below it is blank
        top, bottom = self.margins or Margins(0, self.lines - 1)
        if top <= self.cursor.y <= bottom:
            self._shift_rows(self.cursor.y, bottom, count or 1, False)
            self.carriage_return()

    def scroll_up(self, count=None):
        """SU (CSI n S)."""
        top, bottom = self.margins or Margins(0, self.lines - 1)
        self._shift_rows(top, bottom, count or 1, False)

    def scroll_down(self, count=None):
        """SD (CSI n T)."""
        top, bottom = self.margins or Margins(0, self.lines - 1)
        self._shift_rows(top, bottom, count or 1, True)

    def erase_in_display(self, how=0, private=False):
        if how == 3:  # scrollback only: we have none (pyte clears the screen)
            return
        super().erase_in_display(how)

    # ----- modes and the alternate screen
    ALT_MODES = (47, 1047, 1049)

    def set_mode(self, *modes, **kwargs):
        if kwargs.get("private"):
            self.private_modes.update(modes)
            for m in modes:
                if m in self.ALT_MODES:
                    self._alt(True, m)
            # DECCOLM (3) would make pyte go 132 columns wide: ignore it
            modes = [m for m in modes if m not in self.ALT_MODES and m != 3]
        super().set_mode(*modes, **kwargs)

    def reset_mode(self, *modes, **kwargs):
        if kwargs.get("private"):
            self.private_modes.difference_update(modes)
            for m in modes:
                if m in self.ALT_MODES:
                    self._alt(False, m)
            modes = [m for m in modes if m not in self.ALT_MODES and m != 3]
        super().reset_mode(*modes, **kwargs)

    def _alt(self, on, mode):
        if on == self.alt_active:
            return
        if on:
            if mode == 1049:
                self.save_cursor()
            if mode != 47:
                self._other = self._new_buffer()
        elif mode == 1047:
            self.buffer = self._new_buffer()
        self.buffer, self._other = self._other, self.buffer
        self.alt_active = on
        self.wrap_pending = False
        self.dirty.update(range(self.lines))
        if not on and mode == 1049:
            self.restore_cursor()

    # ----- saved cursor: one slot, restorable many times (pyte: a stack)
    def save_cursor(self):
        self.savepoints = []
        super().save_cursor()

    def restore_cursor(self):
        hidden = self.cursor.hidden
        if self.savepoints:
            sp = self.savepoints[-1]
            self.savepoints = [sp, sp._replace(cursor=copy.copy(sp.cursor))]
        super().restore_cursor()
        self.cursor.hidden = hidden  # DECRC does not touch visibility
        self.wrap_pending = False

    def soft_reset(self):
        """DECSTR (CSI ! p)."""
        self.margins = None
        self.mode.difference_update([mo.IRM, mo.DECOM])
        self.mode.update([mo.DECAWM, mo.DECTCEM])
        self.cursor.hidden = False
        self.cursor.attrs = self.default_char
        self.g0_charset, self.g1_charset = cs.LAT1_MAP, cs.VT100_MAP
        self.charset = 0
        self.savepoints = []
        self.wrap_pending = False

    # ----- reports
    def report_device_status(self, mode=0, private=False):
        if mode == 5 and not private:
            self._reply("other", CSI + "0n")
        elif mode == 6:
            y = self.cursor.y + 1
            x = min(self.cursor.x, self.columns - 1) + 1
            if mo.DECOM in self.mode and self.margins:
                y -= self.margins.top
            self.cpr_count += 1
            self._reply("cpr", CSI + ("?" if private else "")
                        + "%d;%dR" % (y, x))

    def report_device_attributes(self, mode=0, secondary=False, **kwargs):
        if mode == 0:
            self._reply("other", CSI + (">1;10;0c" if secondary else "?62;22c"))

    def window_ops(self, *params):
        if params and params[0] == 18:
            self._reply("other", CSI + "8;%d;%dt" % (self.lines, self.columns))

    # ----- reading the screen
    def grid(self):
        """The screen as rows of cells: the text of the cell, None for the
        second cell of a wide character.  A half of a wide character whose
        other half was overwritten reads as a blank, so every row is exactly
        `columns` cells."""
        W = self.columns
        rows = []
        for y in range(self.lines):
            row = [" "] * W
            line = self.buffer.get(y)
            if line:
                x = 0
                while x < W:
                    d = line[x].data
                    if d and self.width(d[0]) == 2:
                        if x + 1 < W and line[x + 1].data == "":
                            row[x] = d
                            row[x + 1] = None
                            x += 2
                            continue
                        d = " "
                    row[x] = d or " "
                    x += 1
            rows.append(row)
        return rows

    def text_rows(self, keep_spaces=False):
        out = []
        for row in self.grid():
            s = "".join(c for c in row if c is not None)
            out.append(s if keep_spaces else s.rstrip(" "))
        return out

    def column_rows(self):
        """[(row, [(col, text), ...]), ...] for the rows that are not blank;
        1-based rows and columns, blanks left out."""
        out = []
        for y, row in enumerate(self.grid()):
            cells = [(x + 1, c) for x, c in enumerate(row)
                     if c is not None and c != " "]
            if cells:
                out.append((y + 1, cells))
        return out

    def contains(self, text):
        return any(text in r for r in self.text_rows(keep_spaces=True))


# --------------------------------------------------------------------------
# Parser: pyte's Stream drops ESC ( 0 in UTF-8 mode, reads "CSI > c" as DA1,
# "CSI > 4;1 m" as SGR, "CSI ? 2026 $ p" as a stray "p", prints DCS strings,
# and has HPA on "'" instead of "`".  So we parse ourselves and call the
# screen's methods.

GROUND, ESC, CSI_ST, CSI_IGN, OSC, OSC_ESC, STR, STR_ESC = range(8)
_TEXT = re.compile("[^\x00-\x1f\x7f-\x9f]+")
# events after which the cursor still waits in the last column
_KEEP_WRAP = {"select_graphic_rendition", "report_device_status",
              "report_device_attributes", "set_mode", "reset_mode", "bell",
              "define_charset", "shift_in", "shift_out", "save_cursor",
              "set_title", "window_ops"}
_CSI_TABLE = {
    "@": "insert_characters", "A": "cursor_up", "B": "cursor_down",
    "C": "cursor_forward", "D": "cursor_back", "E": "cursor_down1",
    "F": "cursor_up1", "G": "cursor_to_column", "`": "cursor_to_column",
    "H": "cursor_position", "f": "cursor_position", "I": "tab_forward",
    "J": "erase_in_display", "K": "erase_in_line", "L": "insert_lines",
    "M": "delete_lines", "P": "delete_characters", "S": "scroll_up",
    "T": "scroll_down", "X": "erase_characters", "Z": "tab_back",
    "a": "cursor_forward", "b": "repeat", "c": "report_device_attributes",
    "d": "cursor_to_line", "e": "cursor_down", "g": "clear_tab_stop",
    "h": "set_mode", "l": "reset_mode", "m": "select_graphic_rendition",
    "n": "report_device_status", "r": "set_margins", "s": "save_cursor",
    "u": "restore_cursor", "t": "window_ops",
}
_MULTI = {"cursor_position", "set_mode", "reset_mode", "set_margins",
          "select_graphic_rendition", "window_ops"}


class Parser:
    """Bytes from the program to calls on a VTScreen (DEC/ECMA-48 style
    state machine; partial sequences carry over between feeds)."""

    def __init__(self, screen, encoding="utf-8"):
        self.screen = screen
        self.decoder = codecs.getincrementaldecoder(encoding)("replace")
        self.state = GROUND
        self.seq = ""       # intermediates (ESC) or the whole CSI body
        self.string = []

    def feed_bytes(self, data):
        self.feed(self.decoder.decode(data))

    def feed(self, text):
        i, n = 0, len(text)
        match = _TEXT.match
        while i < n:
            if self.state == GROUND:
                m = match(text, i)
                if m:
                    self.screen.draw(m.group())
                    i = m.end()
                    continue
            self._step(text[i])
            i += 1

    def _do(self, name, *args, **kwargs):
        s = self.screen
        if name not in _KEEP_WRAP:
            s.wrap_pending = False
        getattr(s, name)(*args, **kwargs)

    def _control(self, ch):
        """A C0 control in ground state, or inside an escape sequence."""
        if ch == "\x1b":
            self.state, self.seq = ESC, ""
        elif ch in "\x18\x1a":
            self.state = GROUND
        elif ch == "\x08":
            self._do("backspace")
        elif ch == "\t":
            self._do("tab")
        elif ch in "\n\x0b\x0c":
            self._do("linefeed")
        elif ch == "\r":
            self._do("carriage_return")
        elif ch == "\x0e":
            self._do("shift_out")
        elif ch == "\x0f":
            self._do("shift_in")
        # BEL, NUL, DEL and the rest: nothing

    def _step(self, ch):
        st = self.state
        o = ord(ch)
        if st == GROUND:
            if o < 0x20 or o == 0x7F:
                self._control(ch)
            elif o == 0x9B:
                self.state, self.seq = CSI_ST, ""
            elif o == 0x9D:
                self.state, self.string = OSC, []
            elif o in (0x90, 0x98, 0x9E, 0x9F):
                self.state = STR
            elif o == 0x84:
                self._do("index")
            elif o == 0x85:
                self._do("linefeed_cr")
            elif o == 0x8D:
                self._do("reverse_index")
            elif 0x80 <= o < 0xA0:
                pass
            else:
                self.screen.draw(ch)
        elif st == ESC:
            if 0x20 <= o <= 0x2F:
                self.seq += ch
            elif o < 0x20:
                self._control(ch)
            elif ch == "[" and not self.seq:
                self.state, self.seq = CSI_ST, ""
            elif ch == "]" and not self.seq:
                self.state, self.string = OSC, []
            elif ch in "PX^_" and not self.seq:
                self.state = STR
            else:
                self.state = GROUND
                if 0x30 <= o <= 0x7E:
                    self._esc_dispatch(self.seq, ch)
        elif st in (CSI_ST, CSI_IGN):
            if 0x40 <= o <= 0x7E:
                self.state = GROUND
                if st == CSI_ST:
                    self._csi_dispatch(self.seq, ch)
            elif o < 0x20:
                self._control(ch)
            elif st == CSI_IGN or o == 0x7F:
                pass
            elif ch in "<=>?" and not self.seq:
                self.seq = ch
            elif ch in "0123456789;:" and not re.search(r"[ -/]", self.seq):
                self.seq += ch
            elif 0x20 <= o <= 0x2F:
                self.seq += ch
            else:
                self.state = CSI_IGN
            if len(self.seq) > 256:
                self.state = CSI_IGN
        elif st in (OSC, OSC_ESC):
            if st == OSC_ESC:
                self.state = GROUND
                self._osc_dispatch("".join(self.string))
                if ch != "\\":
                    self.state, self.seq = ESC, ""
                    self._step(ch)
            elif ch in "\x07\x9c":
                self.state = GROUND
                self._osc_dispatch("".join(self.string))
            elif ch == "\x1b":
                self.state = OSC_ESC
            elif ch in "\x18\x1a":
                self.state = GROUND
            elif len(self.string) < 4096:
                self.string.append(ch)
        elif st in (STR, STR_ESC):  # DCS, SOS, PM, APC: ignored
            if st == STR_ESC:
                self.state = GROUND
                if ch != "\\":
                    self.state, self.seq = ESC, ""
                    self._step(ch)
            elif ch == "\x1b":
                self.state = STR_ESC
            elif ch in "\x9c\x18\x1a":
                self.state = GROUND

    def _esc_dispatch(self, inter, f):
        if inter == "":
            name = {"7": "save_cursor", "8": "restore_cursor",
                    "D": "index", "E": "linefeed_cr", "M": "reverse_index",
                    "H": "set_tab_stop", "c": "reset"}.get(f)
            if name:
                self._do(name)
            elif f in "=>":   # keypad application/numeric mode
                if f == "=":
                    self.screen.private_modes.add(66)
                else:
                    self.screen.private_modes.discard(66)
        elif inter in ("(", ")"):
            self._do("define_charset", f, mode=inter)
        elif inter == "#" and f == "8":
            self._do("alignment_display")
        # ESC * / ESC + (G2, G3), ESC %, ESC SP F...: nothing

    def _osc_dispatch(self, text):
        code, _, rest = text.partition(";")
        if code in ("0", "2"):
            self.screen.set_title(rest)
        elif code == "8":  # a hyperlink: 8 ; PARAMS ; URI, "" ends it
            self.screen.hyperlink = rest.partition(";")[2]

    def _csi_dispatch(self, body, f):
        prefix = body[:1] if body[:1] in ("<", "=", ">", "?") else ""
        rest = body[len(prefix):]
        m = re.match(r"([0-9;:]*)(.*)$", rest)
        pstr, inter = m.group(1), m.group(2)
        if f == "m" and not prefix and not inter:
            self._do("select_graphic_rendition", *_sgr_params(pstr))
            return
        params = [min(int(p.split(":")[0] or 0), 9999)
                  for p in pstr.split(";")] if pstr else []
        arg0 = params[0] if params else 0
        if inter:
            if inter == "!" and f == "p":
                self._do("soft_reset")
            return  # DECSCUSR, DECRQM, ...: nothing
        if prefix == "?":
            if f in "hl":
                self._do("set_mode" if f == "h" else "reset_mode",
                         *params, private=True)
            elif f == "n":
                self._do("report_device_status", arg0, private=True)
            elif f == "J":
                self._do("erase_in_display", arg0)
            elif f == "K":
                self._do("erase_in_line", arg0)
            return
        if prefix:
            if prefix == ">" and f == "c":
                self._do("report_device_attributes", arg0, secondary=True)
            return
        name = _CSI_TABLE.get(f)
        if name is None:
            return
        if name == "scroll_down" and len(params) > 1:
            return  # CSI Ps;...T is xterm's mouse highlight tracking
        if name in ("save_cursor", "restore_cursor") and params:
            return
        if name in _MULTI:
            self._do(name, *params)
        elif name in ("save_cursor", "restore_cursor"):
            self._do(name)
        else:
            self._do(name, arg0)


def _sgr_params(pstr):
    """SGR parameters, with colon sub-parameters (38:5:n, 38:2::r:g:b)
    flattened to the semicolon form pyte knows."""
    out = []
    for p in pstr.split(";") if pstr else []:
        if ":" in p:
            sub = [int(s or 0) for s in p.split(":")]
            if sub[0] in (38, 48) and len(sub) >= 2 and sub[1] == 2 \
                    and len(sub) >= 6:
                sub = sub[:2] + sub[-3:]
            out.extend(sub)
        else:
            out.append(int(p or 0))
    return out


# --------------------------------------------------------------------------
# Layout checks, on a grid from VTScreen.grid()

TL, TR = frozenset("┌┏╔╭╒╓┍┎"), frozenset("┐┓╗╮╕╖┑┒")
BL, BR = frozenset("└┗╚╰╘╙┕┖"), frozenset("┘┛╝╯╛╜┙┚")
VERT = frozenset("│┃║┆┇┊┋╎╏")
LEFT_SIDE = VERT | frozenset("├┝┞┟┠┡┢┣╞╟╠┼╪╫╬")
RIGHT_SIDE = VERT | frozenset("┤┥┦┧┨┩┪┫╡╢╣┼╪╫╬")
SEP = VERT | frozenset("├┝┠┣╞╟╠┤┥┨┫╡╢╣┼╪╫╬┬┭┮┯┰┱┲┳╤╥╦┴┵┶┷┸┹┺┻╧╨╩")


def _cell(c):
    """The base character of a grid cell; None for a wide character's
    second cell."""
    return c[0] if c else None


def _describe(row, x):
    """What is at 0-based column x of a grid row, for messages."""
    c = row[x]
    if c is None:
        k = x - 1
        return "the second half of %r (col %d)" % (row[k], k + 1)
    return "%r" % c


def _nearest(row, x, chars, near=None, exclude=None):
    best = None
    for k, c in enumerate(row):
        if k != exclude and c is not None and _cell(c) in chars and (
                near is None or abs(k - x) <= near):
            if best is None or abs(k - x) < abs(best - x):
                best = k
    return best


def check_edge(events):
    """Right edge: events are VTScreen.edge_events (a slice of them)."""
    if not events:
        return [(True, "right edge: no auto-wrap and no clipped write")]
    parts = []
    for kind, y, x, ch in events[:4]:
        parts.append({
            "wrap": "row %d col %d: %r auto-wrapped to the next row",
            "clip": "row %d col %d: %r clipped (auto-wrap off)",
            "wrap-wide": "row %d col %d: wide %r does not fit, wrapped",
            "clip-wide": "row %d col %d: wide %r does not fit, clipped",
        }[kind] % (y + 1, x, ch))
    more = " ..." if len(events) > 4 else ""
    return [(False, "right edge: %d character(s) past the right edge (%s%s)"
             % (len(events), "; ".join(parts), more))]


def check_frames(grid, near=8):
    """Every box straight; returns [(ok, message), ...]."""
    H = len(grid)
    W = len(grid[0]) if grid else 0
    boxes, bad = [], []
    used = set()  # corners that belong to a box
    for r in range(H):
        row = grid[r]
        for c in range(W):
            if _cell(row[c]) not in TL:
                continue
            where = "frame at row %d col %d" % (r + 1, c + 1)
            c2 = None
            for k in range(c + 1, W):
                t = _cell(row[k])
                if t in TR:
                    c2 = k
                    break
                if t in TL:
                    break
            if c2 is None:
                bad.append("%s: no ┐ to its right (row %d: nothing closes "
                           "it before the edge)" % (where, r + 1))
                continue
            used.update([(r, c), (r, c2)])
            problems = []
            bottom = None
            stop = H  # the rows r+1 .. stop-1 are checked on the right
            for y in range(r + 1, H):
                t = _cell(grid[y][c])
                if t in LEFT_SIDE:
                    continue
                if t in BL:
                    bottom = stop = y
                    used.add((y, c))
                    break
                k = _nearest(grid[y], c, LEFT_SIDE | BL, exclude=c2)
                problems.append(
                    "row %d: left side expected │ at col %d, found %s%s"
                    % (y + 1, c + 1, _describe(grid[y], c),
                       "" if k is None else
                       "; nearest %s at col %d" % (grid[y][k], k + 1)))
                stop = y
                break
            else:
                problems.append("row %d: no └ below the ┌ (left side runs "
                                "off the screen)" % H)
            for y in range(r + 1, stop):
                t = _cell(grid[y][c2])
                if t not in RIGHT_SIDE:
                    k = _nearest(grid[y], c2, RIGHT_SIDE, exclude=c)
                    problems.append(
                        "row %d: right │ %s, expected col %d" % (
                            y + 1, "missing" if k is None else
                            "at col %d" % (k + 1), c2 + 1))
            if bottom is not None and _cell(grid[bottom][c2]) in BR:
                used.add((bottom, c2))
            elif bottom is not None:
                k = _nearest(grid[bottom], c2, BR, exclude=c)
                problems.append(
                    "row %d: ┘ %s, expected col %d" % (
                        bottom + 1, "missing" if k is None else
                        "at col %d" % (k + 1), c2 + 1))
            if problems:
                more = " ..." if len(problems) > 3 else ""
                bad.append("%s is not straight (%s%s)" % (
                    where, "; ".join(problems[:3]), more))
            else:
                boxes.append("rows %d-%d cols %d-%d" % (
                    r + 1, bottom + 1, c + 1, c2 + 1))
    stray = ["row %d col %d %s" % (y + 1, x + 1, grid[y][x])
             for y in range(H) for x in range(W)
             if _cell(grid[y][x]) in TR | BL | BR and (y, x) not in used]
    if stray:
        more = " ..." if len(stray) > 6 else ""
        bad.append("%d corner(s) belong to no box (%s%s)" % (
            len(stray), "; ".join(stray[:6]), more))
    if bad:
        return [(False, "frames: " + b) for b in bad]
    if not boxes:
        return [(True, "frames: no box on the screen")]
    return [(True, "frames: %d box(es) straight (%s)" % (
        len(boxes), ", ".join(boxes)))]


def find_separator(grid, min_rows=None):
    """0-based column with a vertical line on the most rows, or None."""
    H = len(grid)
    W = len(grid[0]) if grid else 0
    counts = [0] * W
    for row in grid:
        for x, c in enumerate(row):
            if c is not None and _cell(c) in VERT:
                counts[x] += 1
    if not counts:
        return None
    best = max(range(W), key=lambda x: (counts[x], -x))
    need = min_rows if min_rows is not None else max(3, (H * 2 + 4) // 5)
    return best if counts[best] >= need else None


def check_separator(grid, columns=None, near=8):
    """columns: 0-based list, or None to detect one."""
    if columns is None:
        x = find_separator(grid)
        if x is None:
            return [(True, "separator: none detected")]
        columns = [x]
    out = []
    for X in columns:
        rows = [y for y, row in enumerate(grid) if _cell(row[X]) in SEP]
        if not rows:
            out.append((False, "separator: no │ at col %d at all" % (X + 1)))
            continue
        first, last = rows[0], rows[-1]
        problems = []
        for y, row in enumerate(grid):
            if _cell(row[X]) in SEP:
                continue
            k = _nearest(row, X, VERT, near)
            if first <= y <= last:
                problems.append("row %d: %s at col %d, expected │%s" % (
                    y + 1, _describe(row, X), X + 1,
                    "" if k is None else "; │ at col %d" % (k + 1)))
            elif k is not None:
                problems.append("row %d: │ at col %d, expected col %d" % (
                    y + 1, k + 1, X + 1))
        if problems:
            more = " ..." if len(problems) > 3 else ""
            out.append((False, "separator at col %d (rows %d-%d): %d row(s) "
                        "off (%s%s)" % (X + 1, first + 1, last + 1,
                                        len(problems),
                                        "; ".join(problems[:3]), more)))
        else:
            out.append((True, "separator at col %d straight (rows %d-%d)"
                        % (X + 1, first + 1, last + 1)))
    return out


def check_all(screen, which=("edge", "frames", "separator"),
              separator=None, near=8, events=None):
    """Run the checks on a VTScreen; [(ok, message), ...]."""
    grid = screen.grid()
    res = []
    if "edge" in which:
        res += check_edge(screen.edge_events if events is None else events)
    if "frames" in which:
        res += check_frames(grid, near)
    if "separator" in which:
        res += check_separator(grid, separator, near)
    return res


def format_results(results):
    return ["%s - %s" % ("ok" if ok else "not ok", msg) for ok, msg in results]


# --------------------------------------------------------------------------
# Keys

_TILDE = {"ins": 2, "insert": 2, "del": 3, "delete": 3, "pgup": 5,
          "pageup": 5, "pgdn": 6, "pagedown": 6, "f5": 15, "f6": 17,
          "f7": 18, "f8": 19, "f9": 20, "f10": 21, "f11": 23, "f12": 24}
_CURSOR = {"up": "A", "down": "B", "right": "C", "left": "D", "home": "H",
           "end": "F"}
_SS3 = {"f1": "P", "f2": "Q", "f3": "R", "f4": "S"}
_PLAIN = {"enter": "\r", "return": "\r", "cr": "\r", "lf": "\n",
          "tab": "\t", "esc": "\x1b", "escape": "\x1b", "space": " ",
          "spc": " ", "bs": "\x7f", "backspace": "\x7f", "lt": "<",
          "gt": ">", "nul": "\x00"}


class KeyError_(ValueError):
    pass


def key_sequence(name, app_cursor=False):
    """The bytes (as str) a terminal sends for <name>."""
    mods = set()
    base = name
    while len(base) > 2 and base[1] == "-" and base[0].upper() in "SCMA":
        mods.add("M" if base[0].upper() == "A" else base[0].upper())
        base = base[2:]
    low = base.lower()
    code = 1 + (1 if "S" in mods else 0) + (2 if "M" in mods else 0) \
        + (4 if "C" in mods else 0)
    if low == "tab" and mods == {"S"}:
        return CSI + "Z"
    if low in _CURSOR:
        if code == 1:
            return ("\x1bO" if app_cursor else CSI) + _CURSOR[low]
        return CSI + "1;%d%s" % (code, _CURSOR[low])
    if low in _SS3:
        if code == 1:
            return "\x1bO" + _SS3[low]
        return CSI + "1;%d%s" % (code, _SS3[low])
    if low in _TILDE:
        if code == 1:
            return CSI + "%d~" % _TILDE[low]
        return CSI + "%d;%d~" % (_TILDE[low], code)
    if low in _PLAIN:
        s = _PLAIN[low]
    elif len(base) == 1:
        s = base
    else:
        raise KeyError_("unknown key <%s>" % name)
    if "C" in mods:
        if len(s) != 1:
            raise KeyError_("no control form of <%s>" % name)
        o = ord(s)
        if s == "?":
            s = "\x7f"
        elif s == " ":
            s = "\x00"
        elif 0x40 <= o <= 0x7F:
            s = chr(o & 0x1F)
        else:
            raise KeyError_("no control form of <%s>" % name)
    if "S" in mods and len(s) == 1 and s.isalpha():
        s = s.upper()
    if "M" in mods:
        s = "\x1b" + s
    return s


def expand_keys(text, app_cursor=False):
    """Text with <Name> keys expanded."""
    def sub(m):
        return key_sequence(m.group(1), app_cursor)
    return re.sub(r"<([^<>\s]+)>", sub, text)


# --------------------------------------------------------------------------
# Terminal: a child on a pty, its output fed to a VTScreen


class Timeout(Exception):
    pass


def parse_answer_dsr(text):
    if text in ("yes", "no"):
        return (text, 0)
    m = re.fullmatch(r"late:(\d+)", text)
    if not m:
        raise ValueError("--answer-dsr must be yes, no or late:MS")
    return ("late", int(m.group(1)))


def format_status(status):
    if status is None:
        return "none"
    code = os.waitstatus_to_exitcode(status)
    return str(code) if code >= 0 else "signal %d" % -code


class Terminal:
    def __init__(self, columns=80, lines=24, ambiguous=1, env=None,
                 answer_dsr="yes", widths="libc", timeout=20.0, log=None,
                 verbose=False, encoding="utf-8"):
        self.screen = VTScreen(columns, lines, ambiguous, widths)
        self.screen.on_reply = self._on_reply
        self.encoding = encoding
        self.parser = Parser(self.screen, encoding)
        self.answer = parse_answer_dsr(answer_dsr) \
            if isinstance(answer_dsr, str) else answer_dsr
        self.extra_env = dict(env or {})
        self.deadline = time.monotonic() + timeout
        self.timeout = timeout
        self.log = log
        self.verbose = verbose
        self.pid = None
        self.fd = None
        self.eof = False
        self.status = None
        self.killed = False
        self.outq = b""
        self.timers = []          # [(due, bytes)]
        self.last_output = time.monotonic()
        self.started = time.monotonic()

    # ----- life
    def child_env(self):
        env = dict(os.environ)
        for k in ("LINES", "COLUMNS"):
            env.pop(k, None)
        env["TERM"] = "xterm-256color"
        if not any(env.get(k) for k in ("LC_ALL", "LC_CTYPE", "LANG")):
            env["LANG"] = "C.UTF-8"
        env.update(self.extra_env)
        return env

    def spawn(self, argv):
        env = self.child_env()
        winsize = struct.pack("HHHH", self.screen.lines,
                              self.screen.columns, 0, 0)
        pid, fd = pty.fork()
        if pid == 0:  # child: stdin/out/err are the pty, we lead a session
            try:
                for sig in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGINT,
                            signal.SIGHUP, signal.SIGWINCH):
                    signal.signal(sig, signal.SIG_DFL)
                fcntl.ioctl(0, termios.TIOCSWINSZ, winsize)
                attrs = termios.tcgetattr(0)
                attrs[0] |= getattr(termios, "IUTF8", 0o40000)  # Linux value
                termios.tcsetattr(0, termios.TCSANOW, attrs)
                os.execvpe(argv[0], argv, env)
            except BaseException as e:  # noqa: B036 -- must not return
                os.write(2, ("termemu: cannot run %s: %s\r\n"
                             % (argv[0], e)).encode())
            os._exit(127)
        self.pid, self.fd = pid, fd
        os.set_blocking(fd, False)
        self.last_output = time.monotonic()
        self._say("spawned pid %d: %s" % (pid, " ".join(argv)))

    def _say(self, msg):
        if self.verbose:
            t = time.monotonic() - self.started
            sys.stderr.write("termemu %7.3f %s\n" % (t, msg))
            sys.stderr.flush()

    def alive(self):
        self._reap()
        return self.status is None

    def _reap(self):
        if self.pid is None or self.status is not None:
            return
        try:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == self.pid:
            self.status = status
            self._say("child exited: %s" % format_status(status))

    # ----- replies
    def _on_reply(self, kind, text):
        data = text.encode()
        if kind == "cpr":
            mode, ms = self.answer
            self._say("CPR request; answer %r (%s)" % (
                text, mode if mode != "late" else "late %d ms" % ms))
            if mode == "no":
                return
            if mode == "late":
                self.timers.append((time.monotonic() + ms / 1000.0, data))
                return
        self.outq += data

    # ----- I/O
    def send(self, data):
        if isinstance(data, str):
            data = data.encode(self.encoding, "replace")
        self.outq += data
        self._flush()

    def _flush(self):
        while self.outq and self.fd is not None:
            try:
                n = os.write(self.fd, self.outq)
            except BlockingIOError:
                return
            except OSError:
                self.outq = b""
                return
            self.outq = self.outq[n:]

    def pump(self, timeout, enforce_deadline=True):
        """Read and draw the program's output for up to `timeout` seconds
        (less when output comes: returns True then)."""
        now = time.monotonic()
        if enforce_deadline and now >= self.deadline:
            raise Timeout()
        due = [t for t in self.timers if t[0] <= now]
        if due:
            self.timers = [t for t in self.timers if t[0] > now]
            for _, data in due:
                self._say("late CPR answer sent: %r" % data)
                self.outq += data
        self._flush()
        limit = timeout
        if self.timers:
            limit = min(limit, min(t[0] for t in self.timers) - now)
        if enforce_deadline:
            limit = min(limit, self.deadline - now)
        limit = max(0.0, limit)
        if self.fd is None or self.eof:
            if not self.alive() or self.fd is None:
                time.sleep(min(limit, 0.01) if self.status is None
                           else limit)
            else:
                time.sleep(min(limit, 0.01))
            return False
        wl = [self.fd] if self.outq else []
        try:
            r, w, _ = select.select([self.fd], wl, [], limit)
        except InterruptedError:
            return False
        if w:
            self._flush()
        got = False
        if r:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                data = None
            except OSError as e:
                if e.errno != errno.EIO:
                    raise
                data = b""
            if data:
                got = True
                self.last_output = time.monotonic()
                if self.log:
                    self.log.write(data)
                self.parser.feed_bytes(data)
                self._flush()
            elif data == b"":
                self.eof = True
                self._say("end of output")
        self._reap()
        return got

    # ----- waits (milliseconds); True when the condition came
    def wait_stable(self, quiet_ms, timeout_ms=10000):
        start = time.monotonic()
        end = start + timeout_ms / 1000.0
        quiet = quiet_ms / 1000.0
        since = start
        while True:
            now = time.monotonic()
            if self.eof:
                return True
            since = max(since, self.last_output)
            if now - since >= quiet:
                return True
            if now >= end:
                return False
            self.pump(min(quiet - (now - since), end - now))

    def wait_for(self, pred, timeout_ms=10000):
        end = time.monotonic() + timeout_ms / 1000.0
        while True:
            if pred():
                return True
            now = time.monotonic()
            if now >= end or (self.eof and not self.timers):
                return pred()
            self.pump(min(0.05, end - now))

    def wait_text(self, text, timeout_ms=10000):
        return self.wait_for(lambda: self.screen.contains(text), timeout_ms)

    def wait_gone(self, text, timeout_ms=10000):
        return self.wait_for(lambda: not self.screen.contains(text),
                             timeout_ms)

    def wait_exit(self, timeout_ms=10000):
        end = time.monotonic() + timeout_ms / 1000.0
        while self.alive():
            now = time.monotonic()
            if now >= end:
                return None
            self.pump(min(0.05, end - now))
        while not self.eof and self.pump(0.02):  # drain what it printed
            pass
        return self.status

    def sleep(self, ms):
        end = time.monotonic() + ms / 1000.0
        while True:
            now = time.monotonic()
            if now >= end:
                return
            self.pump(end - now)

    def resize(self, columns, lines):
        same = (columns, lines) == (self.screen.columns, self.screen.lines)
        self.screen.resize(lines, columns)
        if self.fd is not None:
            fcntl.ioctl(self.fd, termios.TIOCSWINSZ,
                        struct.pack("HHHH", lines, columns, 0, 0))
        if same and self.alive():
            try:
                os.killpg(self.pid, signal.SIGWINCH)
            except ProcessLookupError:
                pass
        self._say("resized to %dx%d" % (columns, lines))

    def close(self):
        """End the child's process group; its wait status (or None)."""
        if self.pid is None:
            return None
        if self.alive():
            self.killed = True
            for sig, wait in ((signal.SIGHUP, 0.3), (signal.SIGKILL, 2.0)):
                try:
                    os.killpg(self.pid, sig)
                except ProcessLookupError:
                    pass
                end = time.monotonic() + wait
                while self.alive() and time.monotonic() < end:
                    self.pump(0.02, enforce_deadline=False)
                if not self.alive():
                    break
        try:  # what it left behind in its group
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        return self.status


# --------------------------------------------------------------------------
# Script runner


class ScriptError(Exception):
    pass


def _split_timeout(rest, default):
    words = rest.split()
    if len(words) >= 2 and words[-1].isdigit():
        return rest.rsplit(None, 1)[0].strip(), int(words[-1])
    return rest.strip(), default


def _size(text):
    m = re.fullmatch(r"(\d+)x(\d+)", text.strip())
    if not m or int(m.group(1)) < 2 or int(m.group(2)) < 2:
        raise ScriptError("size must be WxH, e.g. 80x24: %r" % text)
    return int(m.group(1)), int(m.group(2))


def _ms(text):
    if not text.isdigit():
        raise ScriptError("expected milliseconds, got %r" % text)
    return int(text)


class Runner:
    def __init__(self, term, out=None, keep_spaces=False):
        self.t = term
        self.out = out or sys.stdout
        self.keep_spaces = keep_spaces
        self.key_delay = 20
        self.esc_delay = 100
        self.failed = False
        self.checked = 0  # edge events already reported by a check

    def emit(self, line):
        self.out.write(line + "\n")
        self.out.flush()

    def result(self, ok, msg):
        if not ok:
            self.failed = True
        self.emit(("ok - " if ok else "not ok - ") + msg)

    def snapshot(self, name, keep=False):
        self.emit("=== " + name)
        for row in self.t.screen.text_rows(keep or self.keep_spaces):
            self.emit(row)

    def app_cursor(self):
        return 1 in self.t.screen.private_modes

    def run(self, lines):
        """Run script lines (already checked by validate())."""
        for lineno, line in lines:
            self.lineno, self.line = lineno, line
            self.command(line)

    def validate(self, lines):
        for lineno, line in lines:
            self.command(line, dry=True, where=lineno)

    def command(self, line, dry=False, where=None):
        t = self.t
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            return
        cmd, _, rest = stripped.partition(" ")
        raw_rest = line.lstrip().partition(" ")[2]
        try:
            if cmd == "keys":
                toks = rest.split()
                for tok in toks:
                    expand_keys(tok)
                if dry:
                    return
                prev = None
                for tok in toks:
                    if prev is not None:
                        t.sleep(max(self.key_delay, self.esc_delay)
                                if prev == "\x1b" else self.key_delay)
                    data = prev = expand_keys(tok, self.app_cursor())
                    t._say("keys %r" % data)
                    t.send(data)
                    t.pump(0)
            elif cmd == "send":
                text = raw_rest.rstrip("\r\n")
                expand_keys(text)
                if not dry:
                    data = expand_keys(text, self.app_cursor())
                    t._say("send %r" % data)
                    t.send(data)
                    t.pump(0)
            elif cmd in ("key-delay", "esc-delay"):
                ms = _ms(rest.strip())
                if not dry:
                    setattr(self, cmd.replace("-", "_"), ms)
            elif cmd == "wait-stable":
                words = rest.split()
                if not 1 <= len(words) <= 2:
                    raise ScriptError("wait-stable MS [TIMEOUT_MS]")
                quiet = _ms(words[0])
                limit = _ms(words[1]) if len(words) > 1 else 10000
                if not dry and not t.wait_stable(quiet, limit):
                    self.result(False, "wait-stable %d: output still "
                                "coming after %d ms" % (quiet, limit))
            elif cmd in ("wait-text", "wait-gone"):
                text, limit = _split_timeout(rest, 10000)
                if not text:
                    raise ScriptError("%s TEXT [TIMEOUT_MS]" % cmd)
                if dry:
                    return
                if cmd == "wait-text" and not t.wait_text(text, limit):
                    self.result(False, "wait-text %r: not on the screen "
                                "after %d ms" % (text, limit))
                elif cmd == "wait-gone" and not t.wait_gone(text, limit):
                    self.result(False, "wait-gone %r: still on the screen "
                                "after %d ms" % (text, limit))
            elif cmd == "wait-exit":
                limit = _ms(rest.strip()) if rest.strip() else 10000
                if not dry and t.wait_exit(limit) is None:
                    self.result(False, "wait-exit: still running after "
                                "%d ms" % limit)
            elif cmd == "expect-exit":
                m = re.fullmatch(r"(\d+|signal \d+)(?:\s+(\d+))?",
                                 rest.strip())
                if not m:
                    raise ScriptError("expect-exit STATUS [TIMEOUT_MS]")
                if dry:
                    return
                want = m.group(1)
                limit = int(m.group(2)) if m.group(2) else 10000
                status = t.wait_exit(limit)
                if status is None:
                    self.result(False, "exit status %s expected, still "
                                "running after %d ms" % (want, limit))
                else:
                    got = format_status(status)
                    self.result(got == want, "exit status %s%s" % (
                        got, "" if got == want else ", expected " + want))
            elif cmd in ("expect-text", "expect-no-text"):
                text = rest.strip()
                if not text:
                    raise ScriptError("%s TEXT" % cmd)
                if dry:
                    return
                on = t.screen.contains(text)
                if cmd == "expect-text":
                    self.result(on, "text %r on the screen" % text)
                else:
                    self.result(not on, "text %r not on the screen" % text)
            elif cmd == "resize":
                w, h = _size(rest)
                if not dry:
                    t.resize(w, h)
            elif cmd == "snapshot":
                words = rest.split()
                if not words or len(words) > 2 or (
                        len(words) == 2 and words[1] != "keep-spaces"):
                    raise ScriptError("snapshot NAME [keep-spaces]")
                if not dry:
                    self.snapshot(words[0], len(words) == 2)
            elif cmd == "columns":
                if not rest.strip():
                    raise ScriptError("columns NAME")
                if not dry:
                    self.emit("=== columns " + rest.strip())
                    for y, cells in t.screen.column_rows():
                        self.emit("%d: %s" % (y, " ".join(
                            "%d:%s" % (x, c) for x, c in cells)))
            elif cmd == "cursor":
                if not dry:
                    s = t.screen
                    self.emit("=== cursor %srow %d col %d %s" % (
                        rest.strip() + " " if rest.strip() else "",
                        s.cursor.y + 1, s.cursor.x + 1,
                        "hidden" if s.cursor.hidden else "visible"))
            elif cmd == "links":
                if not rest.strip():
                    raise ScriptError("links NAME")
                if not dry:
                    self.emit("=== links " + rest.strip())
                    for y, x, uri, text in t.screen.link_runs():
                        self.emit("%d:%d %s %s" % (y, x, uri, text))
            elif cmd == "check":
                self.check(rest.split(), dry)
            elif cmd == "answer-dsr":
                try:
                    mode = parse_answer_dsr(rest.strip())
                except ValueError as e:
                    raise ScriptError(str(e))
                if not dry:
                    t.answer = mode
            elif cmd == "sleep":
                ms = _ms(rest.strip())
                if not dry:
                    t.sleep(ms)
            else:
                raise ScriptError("unknown command %r" % cmd)
        except (KeyError_, ScriptError) as e:
            raise ScriptError("line %s: %s" % (
                where if where is not None else self.lineno, e))

    def check(self, words, dry):
        if not words:
            raise ScriptError("check NAME [edge] [frames] [separator[=COLS]]"
                              " [near=N]")
        name, opts = words[0], words[1:]
        which, sep, near = [], None, 8
        for o in opts:
            if o in ("edge", "frames", "separator"):
                which.append(o)
            elif o.startswith("separator="):
                which.append("separator")
                try:
                    sep = [int(x) - 1 for x in o.split("=", 1)[1].split(",")]
                except ValueError:
                    raise ScriptError("separator=COL[,COL...] (1-based)")
                if any(x < 0 for x in sep):
                    raise ScriptError("separator columns start at 1")
            elif o.startswith("near=") and o[5:].isdigit():
                near = int(o[5:])
            else:
                raise ScriptError("unknown check %r" % o)
        if dry:
            return
        s = self.t.screen
        if sep and any(x >= s.columns for x in sep):
            self.result(False, "separator column past the right edge")
            return
        events = s.edge_events[self.checked:]
        self.checked = len(s.edge_events)
        self.emit("=== check " + name)
        for ok, msg in check_all(s, which or ("edge", "frames", "separator"),
                                 sep, near, events):
            self.result(ok, msg)


# --------------------------------------------------------------------------
# Command line


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="termemu.py", usage="%(prog)s [options] -- COMMAND [ARG...]",
        description="Run COMMAND in a small terminal emulator and print "
        "its screen (see the top of this file).")
    ap.add_argument("--size", default="80x24")
    ap.add_argument("--ambiguous", type=int, choices=(1, 2), default=1)
    ap.add_argument("--widths", choices=("libc", "wcwidth"), default="libc")
    ap.add_argument("--encoding", default="utf-8")
    ap.add_argument("--env", action="append", default=[])
    ap.add_argument("--answer-dsr", default="yes")
    ap.add_argument("--script")
    ap.add_argument("-e", dest="lines", action="append", default=[])
    ap.add_argument("--keys")
    ap.add_argument("--timeout", type=float, default=20.0)
    ap.add_argument("--keep-spaces", action="store_true")
    ap.add_argument("--log")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args(argv)

    def usage(msg):
        sys.stderr.write("termemu.py: %s\n" % msg)
        return 2

    command = args.command
    if command and command[0] == "--":
        command = command[1:]
    if not command:
        return usage("no command (termemu.py [options] -- COMMAND)")
    try:
        cols, rows = _size(args.size)
        answer = parse_answer_dsr(args.answer_dsr)
        codecs.lookup(args.encoding)
    except LookupError:
        return usage("unknown encoding %r" % args.encoding)
    except (ScriptError, ValueError) as e:
        return usage(str(e))
    env = {}
    for item in args.env:
        if "=" not in item:
            return usage("--env wants NAME=VALUE, not %r" % item)
        k, v = item.split("=", 1)
        env[k] = v

    lines = []
    if args.script:
        try:
            f = sys.stdin if args.script == "-" else open(
                args.script, encoding="utf-8")
            with f:
                lines += [(i + 1, s.rstrip("\n")) for i, s in enumerate(f)]
        except OSError as e:
            return usage("cannot read the script: %s" % e)
    lines += [("-e %d" % (i + 1), s) for i, s in enumerate(args.lines)]
    if args.keys is not None:
        lines += [("--keys", "wait-stable 300"), ("--keys", "keys "
                  + args.keys), ("--keys", "wait-stable 300"),
                  ("--keys", "snapshot screen")]
    if not lines:
        lines = [("default", "wait-stable 300"),
                 ("default", "snapshot screen")]

    log = None
    if args.log:
        log = open(args.log, "wb")
    term = Terminal(cols, rows, args.ambiguous, env, answer, args.widths,
                    args.timeout, log, args.verbose, args.encoding)
    runner = Runner(term, sys.stdout, args.keep_spaces)
    try:
        runner.validate(lines)
    except ScriptError as e:
        return usage(str(e))
    code = 0
    try:
        term.spawn(command)
        runner.run(lines)
    except Timeout:
        runner.result(False, "overall timeout of %g s at script line %s: %s"
                      % (args.timeout, runner.lineno, runner.line.strip()))
        runner.snapshot("timeout")
        code = 3
    except ScriptError as e:
        sys.stderr.write("termemu.py: %s\n" % e)
        code = 2
    finally:
        status = term.close()
        runner.emit("=== exit %s%s" % (format_status(status),
                                        " (killed at teardown)"
                                        if term.killed else ""))
        if log:
            log.close()
    if code:
        return code
    return 1 if runner.failed else 0


if __name__ == "__main__":
    sys.exit(main())
