#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""unit.py: checks of termemu.py's screen, parser, checks and keys, without
a child process.  Prints "ok - NAME" or "not ok - NAME" a line (selftest.sh
numbers them) and exits 1 when one failed."""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import termemu as T  # noqa: E402

failed = 0


def ok(cond, name, detail=None):
    global failed
    print(("ok - " if cond else "not ok - ") + name)
    if not cond:
        failed += 1
        if detail is not None:
            for line in str(detail).splitlines():
                print("# " + line)


def screen(data, w=20, h=6, amb=1):
    s = T.VTScreen(w, h, ambiguous=amb)
    T.Parser(s).feed_bytes(data.encode() if isinstance(data, str) else data)
    return s


def cpr(s):
    return [r for k, r in s.replies if k == "cpr"]


def results(s, **kw):
    return T.format_results(T.check_all(s, **kw))


# ----- widths
for amb in (1, 2):
    w = T.Widths(amb)
    for ch in "│①α─■“¹Ж":
        ok(w(ch) == amb, "ambiguous %r is %d cell(s) at --ambiguous %d"
           % (ch, amb, amb), w(ch))
    ok(w("国") == 2 and w("ア") == 2 and w("Ａ") == 2,
       "wide characters are 2 cells at --ambiguous %d" % amb)
    ok(w("a") == 1 and w("\u0301") == 0 and w("\u3099") == 0,
       "narrow 1, combining 0 at --ambiguous %d" % amb)

# ----- cursor position reports
for amb, col in ((1, 4), (2, 5)):
    s = screen("\x1b[2J\x1b[Hab①\x1b[6n", amb=amb)
    ok(cpr(s) == ["\x1b[1;%dR" % col], "CPR after ab① is col %d at "
       "--ambiguous %d" % (col, amb), cpr(s))
s = screen("\x1b[3;5H\x1b[6n\x1b[?6n\x1b[5n")
ok(cpr(s) == ["\x1b[3;5R", "\x1b[?3;5R"] and
   ("other", "\x1b[0n") in s.replies, "CPR, DECXCPR and DSR 5", s.replies)
s = screen("0123456789" * 2 + "\x1b[6n")
ok(cpr(s) == ["\x1b[1;20R"] and not s.edge_events,
   "a full row leaves the cursor in the last column, no wrap yet", cpr(s))
s = screen("abc\x1b[6nde\x1b[6n")
ok(cpr(s) == ["\x1b[1;4R", "\x1b[1;6R"],
   "each CPR sees the output before it", cpr(s))

# ----- text and edge events
s = screen("0123456789" * 2 + "X")
ok(s.text_rows()[:2] == ["0123456789" * 2, "X"] and
   [e[0] for e in s.edge_events] == ["wrap"],
   "auto-wrap is drawn and counted", s.edge_events)
s = screen("\x1b[?7l" + "0123456789" * 2 + "XY")
ok(s.text_rows()[0] == "0123456789012345678Y",
   "without auto-wrap the last column is overwritten", s.text_rows()[0])
ok([e[0] for e in s.edge_events] == ["clip", "clip"],
   "clipped writes are counted", s.edge_events)
s = screen("\x1b[1;20H国")
ok(s.text_rows()[:2] == ["", "国"] and s.edge_events[0][0] == "wrap-wide",
   "a wide character in the last column wraps whole", s.text_rows()[:2])
s = screen("国際\x1b[1;2Hx")
ok(s.text_rows()[0] == " x際", "overwriting half a wide character blanks "
   "the other half", s.text_rows()[0])
s = screen("e\u0301\u200bx\u0301")
ok(s.text_rows()[0] == "e\u0301\u200bx\u0301" and s.cursor.x == 2,
   "zero-width characters join the cell before", s.text_rows()[0])
s = screen("a\tb\x1b[1;20Hc\x08d")
ok(s.text_rows()[0] == "a       b         dc",
   "TAB stops every 8, BS after the last column", s.text_rows()[0])

# ----- charsets and REP
s = screen("\x1b(0lqk\x1b(B q\x1b)0\x0eq\x0fq")
ok(s.text_rows()[0] == "┌─┐ q─q", "ESC ( 0, ESC ) 0 with SO/SI",
   s.text_rows()[0])
s = screen("─\x1b[4bx\x1b[2b")
ok(s.text_rows()[0] == "─────xxx", "REP repeats the last character",
   s.text_rows()[0])
s = screen("\x1b(0q\x1b[3b\x1b(B", amb=2)
ok(s.text_rows()[0] == "────" and s.cursor.x == 8,
   "DEC line drawing takes the Unicode character's width", s.cursor.x)

# ----- motion and editing
s = screen("\x1b[3;4HA\x1b[2AB\x1b[5CC\x1b[2DD\x1b[3BE\x1b[12GF\x1b[2dG"
           "\x1b[15`H")
rows = s.text_rows()
ok(rows[:4] == ["    B    DC", "            G H", "   A", "          EF"]
   and (s.cursor.y, s.cursor.x) == (1, 15), "CUU CUD CUF CUB CHA VPA HPA",
   "%r %r" % (rows, (s.cursor.y, s.cursor.x)))
s = screen("abcdef\x1b[1;2H\x1b[2P\x1b[2;1Habcdef\x1b[2;2H\x1b[2@"
           "\x1b[3;1Habcdef\x1b[3;2H\x1b[2X\x1b[4;1Habcdef\x1b[4;3H\x1b[K")
ok(s.text_rows()[:4] == ["adef", "a  bcdef", "a  def", "ab"],
   "DCH ICH ECH EL", s.text_rows()[:4])
s = screen("1\r\n2\r\n3\r\n4\r\n5\r\n6\x1b[2;1H\x1b[M\x1b[4;1H\x1b[L")
ok(s.text_rows() == ["1", "3", "4", "", "5", "6"], "DL and IL",
   s.text_rows())
s = screen("1\r\n\r\n3\x1b[1;1H\x1b[M")
ok(s.text_rows()[:3] == ["", "3", ""], "DL over a blank row (pyte bug)",
   s.text_rows())
s = screen("1\r\n2\r\n3\r\n4\r\n5\r\n6\x1b[2;4r\x1b[4;1H\n\x1b[r\x1b[6n")
ok(s.text_rows() == ["1", "3", "4", "", "5", "6"] and
   cpr(s) == ["\x1b[1;1R"], "scroll region, LF at its bottom, CSI r",
   s.text_rows())
s = screen("1\r\n2\r\n3\x1b[2S")
ok(s.text_rows()[:2] == ["3", ""], "SU", s.text_rows())
s = screen("x\x1b[3J")
ok(s.text_rows()[0] == "x", "ED 3 leaves the screen alone")
s = screen("x\x1b[2J\x1b[6n")
ok(s.text_rows()[0] == "" and cpr(s) == ["\x1b[1;2R"], "ED 2")
s = screen("main\x1b[?1049h\x1b[Halt\x1b[2;2H\x1b[?1049l\x1b[6n")
ok(s.text_rows()[0] == "main" and cpr(s) == ["\x1b[1;5R"],
   "alternate screen 1049 restores screen and cursor", s.text_rows())
s = screen("main\x1b[?47halt\x1b[?47l")
ok(s.text_rows()[0] == "main", "alternate screen 47")
s = screen("\x1b[?25l\x1b[?1000h\x1b[?2004h\x1b[?1h")
ok(s.cursor.hidden and {1, 1000, 2004} <= s.private_modes,
   "cursor visibility and mode toggles")
s = screen("\x1b[31;1mR\x1b[0m\x1b[38;5;100mG\x1b[m")
c0, c1 = s.buffer[0][0], s.buffer[0][1]
ok(c0.fg == "red" and c0.bold and c1.fg != "default" and not c1.bold,
   "SGR kept per cell", (c0, c1))
s = screen("\x1b[>c\x1b[?2026$p\x1b[>4;1m\x1bPq#0\x1b\\\x1b]0;t\x07ok\x1b[c")
ok(s.text_rows()[0] == "ok" and not s.buffer[0][0].bold and
   ("other", "\x1b[>1;10;0c") in s.replies and
   ("other", "\x1b[?62;22c") in s.replies,
   "DA2, DECRQM, modifyOtherKeys, DCS and OSC are not text", s.replies)
s = screen("ab\x1b7\x1b[3;3H\x1b8c\x1b8d")
ok(s.text_rows()[0] == "abd", "DECSC once, DECRC twice", s.text_rows())
s = screen(b"\xe5\x9b")
T.Parser(s).feed_bytes(b"")
p = T.Parser(s)
p.feed_bytes(b"\xe5\x9b")
p.feed_bytes(b"\xbd\x1b[")
p.feed_bytes(b"6n")
ok(s.text_rows()[0].endswith("国") and cpr(s),
   "UTF-8 and CSI split between reads", s.text_rows())
s = screen("abc")
s.resize(3, 10)
ok((s.columns, s.lines) == (10, 3) and s.text_rows() == ["abc", "", ""],
   "resize")

# ----- checks
GOOD = "\x1b[2;3H┌──┬─┐\x1b[3;3H│ab│c│\x1b[4;3H├──┼─┤\x1b[5;3H└──┴─┘"
s = screen(GOOD)
ok(results(s, which=("frames",)) ==
   ["ok - frames: 1 box(es) straight (rows 2-5 cols 3-8)"],
   "frames: a straight box with tees", results(s))
s = screen("\x1b[2;3H┌──┐\x1b[3;3H│ab│\x1b[4;3H└──┘", amb=2)
r = results(s, which=("frames",))
ok(len(r) == 1 and r[0].startswith("not ok - frames: frame at row 2 col 3")
   and "row 3: right │ at col 7, expected col 9" in r[0],
   "frames: amb-narrow drawing on an amb-2 terminal zigzags", r)
s = screen("\x1b[1;1H┌\x1b[1;2H──\x1b[1;4H┐\x1b[2;1H│\x1b[2;2Hab\x1b[2;4H│"
           "\x1b[3;1H└──┘", amb=2)
r = results(s, which=("frames",))
ok(r and "belong to no box" in r[0] and "row 3 col 1 └" in r[0],
   "frames: corners left without a box are reported", r)
s = screen("\x1b[1;1H┌──┐\x1b[2;1H│ab\x1b[3;1H└──┘")
r = results(s, which=("frames",))
ok(r and "row 2: right │ missing, expected col 4" in r[0],
   "frames: a missing side", r)
# a program that takes α β γ for 1 cell pads them to col 10 like this
SEPS = "".join("\x1b[%d;1H%s%s│ right" % (y, t, " " * (9 - n)) for y, (t, n) in
               enumerate([("plain", 5), ("国際", 4), ("αβγ", 3), ("text", 4),
                          ("more", 4)], 1))
s = screen(SEPS, w=30)
ok(results(s, which=("separator",)) ==
   ["ok - separator at col 10 straight (rows 1-5)"], "separator: straight",
   results(s))
s = screen(SEPS, w=30, amb=2)
r = results(s, which=("separator",))
ok(len(r) == 1 and r[0].startswith("not ok - separator at col 10") and
   "row 3: ' ' at col 10, expected │; │ at col 13" in r[0],
   "separator: a row pushed right by ambiguous characters", r)
s = screen(SEPS, w=30)
r = results(s, which=("separator",), separator=[9])
r += results(s, which=("separator",), separator=[11])
ok(r == ["ok - separator at col 10 straight (rows 1-5)",
         "not ok - separator: no │ at col 12 at all"],
   "separator: a given column", r)
s = screen("x" * 25)
r = results(s, which=("edge",))
ok(r and r[0].startswith("not ok - right edge: 1 character(s)")
   and "row 1 col 21: 'x' auto-wrapped" in r[0], "edge: auto-wrap", r)

# ----- keys
K = T.expand_keys
ok(K("<Up>") == "\x1b[A" and K("<Up>", True) == "\x1bOA" and
   K("<C-Right>") == "\x1b[1;5C" and K("<S-Tab>") == "\x1b[Z" and
   K("<F1><F5><PgDn>") == "\x1bOP\x1b[15~\x1b[6~" and
   K("<C-l><Esc><Enter><M-x><lt>") == "\x0c\x1b\r\x1bx<" and
   K("j国") == "j国", "key names")
try:
    K("<Nope>")
    ok(False, "an unknown key name is an error")
except ValueError:
    ok(True, "an unknown key name is an error")

sys.exit(1 if failed else 0)
