#!/bin/bash
# Out of memory while the metrics file is written (--metrics FILE: a
# temporary FILE.XXXXXX made with mkstemp, then renamed over FILE): at
# each allocation point of metrics_write and metrics_text, found by a
# traced run as rel-oom.sh finds its points, the program exits 1 with
# one "out of memory" line and the temporary file is gone (the exit
# unlinks the temporary files in flight, xalloc.h); FILE, if there, is
# whole.  mj-pack with no input writes the file at its start and at its
# end, and needs no server.
. "$top_srcdir/tests/cli/lib.sh"
SHIM=$top_builddir/tests/faultinject/failmalloc.so
POINTS=$top_srcdir/tests/faultinject/oompoints.py
[ -f "$SHIM" ] || skip_all "no $SHIM: run through make check"
[ "${MJ_VALGRIND:-0}" = 1 ] &&
    skip_all "failmalloc.so does not combine with valgrind"
command -v addr2line >/dev/null || skip_all "no addr2line"
preload=(LD_PRELOAD="$SHIM${LD_PRELOAD:+:$LD_PRELOAD}"
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0:detect_leaks=0")

env "${preload[@]}" FAILMALLOC_TRACE=ref.trace FAILMALLOC_LOG=ref.log \
    mj-pack --metrics ref.prom -o ref.tar < /dev/null > /dev/null 2> ref.err
is "$?" 0 "the reference run: status 0"
grep -q 'allocations' ref.log 2>/dev/null ||
    skip_all "failmalloc.so does not take hold here"
"$PYTHON3" "$POINTS" ref.trace "$top_builddir/src/mj-pack" \
    'metrics_write|metrics_text' > points
ok "the metrics' allocation points found" test -s points

bad=0
while read -r n; do
	d=p-$n
	mkdir "$d"
	env "${preload[@]}" FAILMALLOC="$n" mj-pack --metrics "$d/m.prom" \
	    -o "$d/x.tar" < /dev/null > /dev/null 2> "$d/err"
	st=$?
	why=
	[ "$st" = 1 ] || why+=" status $st;"
	[ "$(cat "$d/err")" = "mj-pack: out of memory" ] ||
	    why+=" stderr: $(head -c 200 "$d/err");"
	for f in "$d"/m.prom.*; do
		[ -e "$f" ] && why+=" left: ${f##*/};"
	done
	[ ! -e "$d/m.prom" ] || grep -q '^mjpipe_' "$d/m.prom" ||
	    why+=" m.prom not whole;"
	if [ -n "$why" ]; then
		diag "point $n:$why"
		bad=$((bad + 1))
	fi
done < points
is "$bad" 0 "every point ($(grep -c . points)): status 1, one message, \
no temporary file left"
done_testing
