#!/bin/sh
# config.sh: the configuration file from the command line: every error
# message with its exact FILE:LINE text (fixtures in tests/config/), the
# places the file is looked for, --print-config and --check-config, and the
# options reaching the screen and --dump.
. "${srcdir:-$(dirname "$0")/..}/tests/lib.sh"
fx="$srcdir/tests/config"

# check FIXTURE: --check-config's output for tests/config/FIXTURE, named as
# given (relative, from the fixtures' directory)
check() {
	(cd "$fx" && "$YOMU" --check-config -c "$1")
}

is "$(check keys.ini; echo "st=$?")" "keys.ini:3: unknown action \"scroll-down\"
keys.ini:4: line-down: bad key name \"Dwon\"
keys.ini:5: line-up: bad key name \"PageUp\"
keys.ini:6: key j is bound to both line-down and page-down
keys.ini:7: toc: none cannot be combined with keys
keys.ini:8: top: no keys (write none to unbind the action)
keys.ini:9: bottom: empty key name in the list
keys.ini:11: key x is bound to both help and columns
st=1" "[keys] errors"

is "$(check colors.ini; echo "st=$?")" "colors.ini:3: unknown colour element \"background\"
colors.ini:4: body: bad colour \"purple\"
colors.ini:5: link: colour 256 is out of range (0 to 255)
colors.ini:6: heading-1: bad colour \"#12345\"
colors.ini:7: status: bad attribute \"blink\"
colors.ini:8: ruby: expected \"foreground, background[, attributes]\"
colors.ini:9: caption: bad colour \"\"
st=1" "[colors] errors"

is "$(check general.ini; echo "st=$?")" "general.ini:3: unknown option \"width\"
general.ini:4: text_width: \"eighty\" is not a number
general.ini:5: toc_width: 08 is out of range (10 to 100)
general.ini:6: ambiguous_width: 3 is out of range (1 to 2)
general.ini:7: mouse: \"maybe\" is not a boolean (true/false, yes/no, on/off, 1/0)
general.ini:8: columns: \"sidebar\" must be popup or inline
general.ini:9: state: \"\" is not a boolean (true/false, yes/no, on/off, 1/0)
general.ini:10: hanging_punctuation: \"true ; comments are not allowed after a value\" is not a boolean (true/false, yes/no, on/off, 1/0)
general.ini:11: toc_visible: \"2\" is not a boolean (true/false, yes/no, on/off, 1/0)
st=1" "[general] errors"

is "$(check range.ini; echo "st=$?")" "range.ini:2: text_width: 19 is out of range (0, or 20 to 1000)
range.ini:3: toc_width: 101 is out of range (10 to 100)
range.ini:4: wrap_search: \"-1\" is not a boolean (true/false, yes/no, on/off, 1/0)
range.ini:5: kana_insensitive_search: \"y\" is not a boolean (true/false, yes/no, on/off, 1/0)
st=1" "numbers out of range, and more booleans"

is "$(check syntax.ini; echo "st=$?")" "syntax.ini:1: setting outside a section
syntax.ini:3: unknown section [display]
syntax.ini:5: syntax error: expected [section]
syntax.ini:6: syntax error: expected [section]
syntax.ini:7: syntax error: expected \"name = value\", \"[section]\" or a comment
syntax.ini:8: syntax error: expected \"name = value\", \"[section]\" or a comment
syntax.ini:9: unknown section []
st=1" "lines the INI syntax rejects"
is "$(check good.ini; echo "st=$?")" "st=0" "a file in many forms has no errors"

t="$TMPDIR_T"
# a setting given twice: a warning at the later line, which wins
is "$(check dup.ini; echo "st=$?")" "dup.ini:4: text_width is set again (first set on line 2); the later value is used
dup.ini:8: quit is set again (first set on line 7); the later value is used
dup.ini:11: body is set again (first set on line 10); the later value is used
dup.ini:13: toc_width is set again (first set on line 3); the later value is used
st=1" "a setting given twice, in [general], [keys] and [colors], and in a section given twice"
is "$(cd "$fx" && "$YOMU" -c dup.ini --replay '' --size 80x24 | tail -n 1 | grep -c '^ dup.ini: 4 errors (yomu -c dup.ini --check-config) ')" \
   1 "the screen warns of them, naming the file given with -c in the command that lists them"

# a configuration file is at most 1 MB: /dev/zero is refused at once
timeout 10 "$YOMU" --check-config -c /dev/zero > "$t/out" 2> "$t/err"; st=$?
is "$st:$(cat "$t/out" "$t/err")" "1:yomu: /dev/zero: the configuration file is larger than 1 MB" \
   "-c /dev/zero: an error, not 4 GB of memory"
{ printf '[general]\n'; yes '# a comment line of sixty-four bytes, padded to that length....' | head -n 16383
  echo '# and one of fifty-four bytes to make 1 MB exactly...'; } > "$t/big.ini"
is "$(wc -c < "$t/big.ini"):$("$YOMU" --check-config -c "$t/big.ini"; echo "st=$?")" "1048576:st=0" "a file of 1 MB exactly is read"
printf '#' >> "$t/big.ini"
"$YOMU" --dump -c "$t/big.ini" > /dev/null 2> "$t/err"; st=$?
is "$st:$(cat "$t/err")" "1:yomu: $t/big.ini: the configuration file is larger than 1 MB" "-c FILE over 1 MB: the same error"
mkdir -p "$t/bigxdg/yomu"
cp "$t/big.ini" "$t/bigxdg/yomu/config.ini"
is "$(XDG_CONFIG_HOME=$t/bigxdg "$YOMU" --check-config; echo "st=$?")" "$t/bigxdg/yomu/config.ini: the configuration file is larger than 1 MB
st=1" "the default file over 1 MB: a message in --check-config"

# what iniparser 4.1 would reject the whole file for: each is one error at
# its line, and the rest of the file still applies
t="$TMPDIR_T"
printf '\357\273\277[keys]\r\nline-down = x\r\n' > "$t/bom.ini"
is "$("$YOMU" --check-config -c "$t/bom.ini"; echo "st=$?")" "st=0" "a BOM and CRLF line ends are fine"
printf '[keys]\nquit = Q\000\nline-down = x\n' > "$t/nul.ini"
is "$("$YOMU" --check-config -c "$t/nul.ini"; echo "st=$?")" "$t/nul.ini:2: NUL byte in the line
st=1" "a NUL byte is an error at its line"
{ printf '[general]\n# '; head -c 1020 /dev/zero | tr '\0' x; printf '\nmouse = %1015s\n' no
  printf 'text_width = 40\n'; } > "$t/long.ini"
is "$("$YOMU" --check-config -c "$t/long.ini"; echo "st=$?")" "$t/long.ini:3: line too long (over 1022 bytes)
st=1" "a line over 1022 bytes is an error at its line; 1022 is fine"
is "$("$YOMU" -c "$t/long.ini" --replay '' --size 80x24 | tail -n 1 | grep -c "^ long.ini: 1 error (yomu -c $t/long.ini --check-config) ")" \
   1 "the screen warns of it"
cp "$t/long.ini" "$t/it's mine.ini"
is "$("$YOMU" -c "$t/it's mine.ini" --dump -w 40 2>&1 >/dev/null)" "yomu: it's mine.ini: 1 error (yomu -c '$t/it'\\''s mine.ini' --check-config)" \
   "a file name with a space and a quote is quoted for the shell in the hint"
printf '[general]\ntext_width = 40\n' > "$t/tw.ini"
is "$("$YOMU" -c "$t/long.ini" --replay '' --size 100x30)" "$("$YOMU" -c "$t/tw.ini" --replay '' --size 100x30 | sed '$d'; "$YOMU" -c "$t/long.ini" --replay '' --size 100x30 | tail -n 1)" \
   "and the rest of the file applies"
printf '[keys]\nquit = a, ", '"'"', \\\n' > "$t/quotes.ini"
is "$("$YOMU" --check-config -c "$t/quotes.ini")" "$t/quotes.ini:2: a value cannot hold both \" and ' and end in \\" \
   "a value that iniparser cannot be given is an error, not a wrong value"
printf '[keys]\nquit = \033[31m\n' > "$t/esc.ini"
is "$("$YOMU" --check-config -c "$t/esc.ini")" "$t/esc.ini:2: quit: bad key name \"\\x1B[31m\"" \
   "control characters in a message are escaped"
printf '[colors]\nbody = a\330\234b, default\n' > "$t/alm.ini"
is "$("$YOMU" --check-config -c "$t/alm.ini")" "$t/alm.ini:2: body: bad colour \"a\\xD8\\x9Cb\"" \
   "so is the Arabic letter mark U+061C, a bidi control"

# --print-config: the built-in file, which has no errors
"$YOMU" --print-config > "$t/default.ini"; st=$?
ok $st "--print-config exits 0"
cmp -s "$t/default.ini" "$srcdir/data/yomu.ini"; ok $? "--print-config prints data/yomu.ini"
is "$("$YOMU" --check-config -c "$t/default.ini"; echo "st=$?")" "st=0" "--print-config output passes --check-config"

# where the file is: --config, then $XDG_CONFIG_HOME (if absolute), then ~/.config
is "$("$YOMU" --check-config; echo "st=$?")" "st=0" "no file anywhere: no error"
"$YOMU" --check-config -c "$t/missing.ini" >/dev/null 2>"$t/err"; st=$?
is "$st:$(cat "$t/err")" "1:yomu: $t/missing.ini: No such file or directory" "a missing --config file: exit 1"
"$YOMU" --dump --config "$t/missing.ini" >/dev/null 2>"$t/err"; st=$?
is "$st:$(cat "$t/err")" "1:yomu: $t/missing.ini: No such file or directory" "also when reading (--config)"
printf '[general]\nmouse = maybe\n' > "$t/bad.ini"
mkdir -p "$HOME/.config/yomu" "$t/xdg/yomu"
cp "$t/bad.ini" "$HOME/.config/yomu/config.ini"
is "$("$YOMU" --check-config)" "$HOME/.config/yomu/config.ini:2: mouse: \"maybe\" is not a boolean (true/false, yes/no, on/off, 1/0)" \
   "~/.config/yomu/config.ini"
is "$(XDG_CONFIG_HOME="$t/xdg" "$YOMU" --check-config; echo "st=$?")" "st=0" \
   "\$XDG_CONFIG_HOME/yomu/config.ini replaces ~/.config (missing there: normal)"
printf '[general]\nstate = perhaps\n' > "$t/xdg/yomu/config.ini"
is "$(XDG_CONFIG_HOME="$t/xdg" "$YOMU" --check-config)" "$t/xdg/yomu/config.ini:2: state: \"perhaps\" is not a boolean (true/false, yes/no, on/off, 1/0)" \
   "\$XDG_CONFIG_HOME/yomu/config.ini"
is "$(cd "$t" && XDG_CONFIG_HOME=xdg "$YOMU" --check-config | cut -d: -f1)" "$HOME/.config/yomu/config.ini" \
   "a relative XDG_CONFIG_HOME is ignored"
is "$(XDG_CONFIG_HOME="$t/xdg" "$YOMU" --check-config -c "$fx/good.ini"; echo "st=$?")" "st=0" \
   "--config comes first"
is "$("$YOMU" --dump --width 40 2>&1 >/dev/null)" "yomu: config.ini: 1 error (yomu --check-config)" \
   "--dump warns on standard error"
"$YOMU" --dump --width 40 >/dev/null 2>&1; is "$?" 0 "and goes on"
is "$("$YOMU" --replay '' --size 80x24 | tail -n 1 | grep -c '^ config.ini: 1 error (yomu --check-config) ')" 1 \
   "the screen shows the warning on the status line"
is "$("$YOMU" --replay 'j' --size 80x24 | grep -c 'check-config')" 0 "until the next key"
rm "$HOME/.config/yomu/config.ini"
mkdir "$HOME/.config/yomu/config.ini"
is "$("$YOMU" --check-config; echo "st=$?")" "$HOME/.config/yomu/config.ini: Is a directory
st=1" "a default file that cannot be read is an error"
rmdir "$HOME/.config/yomu/config.ini"

# the options reach the screen and --dump
is "$("$YOMU" -c "$fx/options.ini" --replay '' --size 100x30)" "$("$YOMU" --replay 'T' --size 100x30)" \
   "toc_visible = off hides the table of contents"
w=$("$YOMU" -c "$t/tw.ini" --replay 'T' --size 100x30 | head -n 28 | sed 's/^ *//' | wc -L)
w0=$("$YOMU" --replay 'T' --size 100x30 | head -n 28 | sed 's/^ *//' | wc -L)
[ "$w" -le 42 ] && [ "$w0" -gt 90 ]; ok $? "text_width = 40 narrows the text (widest line: $w, not $w0)"
printf '○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○○\n' > "$t/amb.txt"
printf '[general]\nambiguous_width = 2\n' > "$t/amb.ini"
is "$("$YOMU" --dump --width 20 "$t/amb.txt" | head -n 1 | tr -d '\n' | wc -m)" 18 "ambiguous_width = 1: 18 ○ in the measure of 20 columns (plain text: no indent added)"
is "$("$YOMU" -c "$t/amb.ini" --dump --width 20 "$t/amb.txt" | head -n 1 | tr -d '\n' | wc -m)" 9 "ambiguous_width = 2: 9 ○"
printf '[general]\nhanging_punctuation = false\n' > "$t/hang.ini"
"$YOMU" --dump --width 40 > "$t/hang-on"
"$YOMU" -c "$t/hang.ini" --dump --width 40 > "$t/hang-off"
cmp -s "$t/hang-on" "$t/hang-off"; [ $? -eq 1 ]; ok $? "hanging_punctuation = false changes --dump"

out=$("$YOMU" --help)
case $out in *--config*--print-config*--check-config*) ok 0 "--help lists the config options" ;;
*) ok 1 "--help lists the config options" ;; esac
done_testing
