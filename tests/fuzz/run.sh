#!/bin/sh
# run.sh [SECONDS [TARGET...]]: build the libFuzzer targets of tests/fuzz/
# with clang (ASan+UBSan) and run each for SECONDS (default 600), two at a
# time on a machine with two cores or more.  Targets: decode layout config
# state formats (default: all).  Each starts from its seed corpus (corpus/TARGET/)
# copied into the working corpus, which is kept between runs.
#
# Environment: FUZZ_BUILD (default tests/fuzz/build), CC (default clang),
# FUZZ_JOBS (targets run at once), builddir (where config.h and the
# configured tree are: default the source tree, built in-tree).
# Prints per target: execs, exec/s, cov, ft and crashes; the inputs that
# crashed are in $FUZZ_BUILD/artifacts/TARGET/.  Exits 1 if any crashed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
: "${builddir:=$top}"
builddir=$(cd "$builddir" && pwd)
: "${FUZZ_BUILD:=$here/build}"
: "${CC:=clang}"
secs=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-decode layout config state formats}
if [ -z "${FUZZ_JOBS:-}" ]; then
	FUZZ_JOBS=$(nproc 2>/dev/null || echo 1)
	[ "$FUZZ_JOBS" -gt 2 ] && FUZZ_JOBS=2
fi

die() { echo "run.sh: $*" >&2; exit 2; }
command -v "$CC" >/dev/null 2>&1 || die "$CC not found (install clang and libclang-rt-dev)"
[ -f "$builddir/config.h" ] || die "$builddir/config.h missing: run ./configure first"

mkdir -p "$FUZZ_BUILD/obj" || exit 2
B=$(cd "$FUZZ_BUILD" && pwd)
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
CFLAGS_F="-g -O1 -std=c11 -DHAVE_CONFIG_H -DLOCALEDIR=\"/usr/share/locale\" -I$builddir -I$top/src -I$builddir/src -I/usr/include/iniparser"

# the embedded data, as make generates it
sh "$top/build-aux/embed.sh" yomu_chapter "$top/data/bluebook-2026-ch4-s1.txt" > "$B/chapter_data.c" &&
	sh "$top/build-aux/embed.sh" yomu_default_ini "$top/data/yomu.ini" > "$B/default_ini.c" ||
	die "cannot generate the embedded data"

# the library, once, instrumented for coverage
objs=
for src in "$top"/src/*.c "$B/chapter_data.c" "$B/default_ini.c"; do
	base=$(basename "$src" .c)
	case $src in
	"$top"/src/main.c | "$top"/src/main_*.c | "$top"/src/tui.c | "$top"/src/tui_*.c | "$top"/src/chapter_data.c | "$top"/src/default_ini.c) continue ;;
	esac
	obj="$B/obj/$base.o"
	if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ -n "$(find "$top/src" -name '*.h' -newer "$obj" 2>/dev/null)" ]; then
		# shellcheck disable=SC2086
		$CC $CFLAGS_F -fsanitize=fuzzer-no-link $SAN -c "$src" -o "$obj" || die "compiling $src failed"
	fi
	objs="$objs $obj"
done
for t in $targets; do
	[ -f "$here/fuzz_$t.c" ] || die "no target $t"
	# shellcheck disable=SC2086
	$CC $CFLAGS_F -fsanitize=fuzzer $SAN "$here/fuzz_$t.c" $objs \
		-lunistring -liniparser -lncursesw $(pkg-config --libs libpcre2-8 2>/dev/null || echo -lpcre2-8) -o "$B/fuzz_$t" || die "linking fuzz_$t failed"
done

run_one() { # run_one TARGET
	t=$1
	mkdir -p "$B/corpus/$t" "$B/artifacts/$t"
	[ -d "$here/corpus/$t" ] && cp -p "$here/corpus/$t"/* "$B/corpus/$t/" 2>/dev/null
	# inputs up to 1 MB: work that is quadratic in a line or a paragraph
	# (issue 14's shapes, seeded as corpus/*/shape-*) only shows on long
	# ones, as a timeout
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
		"$B/fuzz_$t" -max_len=1048576 -timeout=10 -rss_limit_mb=2048 \
		-max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="$B/artifacts/$t/" "$B/corpus/$t" > "$B/$t.log" 2>&1
	echo $? > "$B/$t.status"
}

echo "fuzzing: $targets, $secs s each, $FUZZ_JOBS at a time"
running=0
for t in $targets; do
	run_one "$t" &
	running=$((running + 1))
	if [ "$running" -ge "$FUZZ_JOBS" ]; then
		wait
		running=0
	fi
done
wait

fail=0
printf '%-8s %12s %8s %7s %7s %8s\n' target execs exec/s cov ft crashes
for t in $targets; do
	log="$B/$t.log"
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	stats=$(grep -E '^#[0-9]+.*cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1)
	cov=$(printf '%s\n' "$stats" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(printf '%s\n' "$stats" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	crashes=$(find "$B/artifacts/$t" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) -newer "$B/fuzz_$t" | wc -l)
	[ -z "$execs" ] && execs=$(printf '%s\n' "$stats" | sed -n 's/^#\([0-9]*\).*/\1/p')
	printf '%-8s %12s %8s %7s %7s %8s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$crashes"
	if [ "$crashes" -gt 0 ] || [ "$(cat "$B/$t.status")" -ne 0 ]; then
		fail=1
		echo "  $t: see $log and $B/artifacts/$t/"
	fi
done
exit $fail
