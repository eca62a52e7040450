#!/bin/bash
# mj-fetch --split where libvips cannot be used (a libvips.so.42 that is
# no library; tests/faultinject/novips.so, whose vips_init fails): a
# usage error before anything is read or fetched, saying why.
. "$top_srcdir/tests/cli/lib.sh"
STUB=$top_builddir/tests/faultinject/novips.so
[ -f "$STUB" ] || skip_all "no $STUB: run through make check"
mkdir broken stub
: > broken/libvips.so.42
cp "$STUB" stub/libvips.so.42
sim_start --duration 0.1 --jitter 0
echo 'one' | mj-submit 2>/dev/null | mj-wait -i 100ms 2>/dev/null > done.jsonl
before=$(sim_stats | jq "[.requests[]] | add")

LD_LIBRARY_PATH=$TEST_DIR/broken run_prog mj-fetch --split -d a < done.jsonl > out 2> err
is "$?" 2 "libvips not loadable: status 2"
ok "... saying why and what to install" grep -q \
    '^mj-fetch: libvips cannot start: .*file too short (install the Debian package libvips42)$' err
LD_LIBRARY_PATH=$TEST_DIR/stub run_prog mj-fetch --split -d b < done.jsonl > out 2> err
is "$?" 2 "libvips that cannot start: status 2"
is "$(cat err)" "mj-fetch: libvips cannot start: novips: no loaders in this install" \
    "... its message, first line only"
is "$(cat out)" "" "... no record printed"
ok "... nothing written" test ! -e a -a ! -e b
is "$(sim_stats | jq "[.requests[]] | add")" "$before" "... nothing fetched"
LD_LIBRARY_PATH=$TEST_DIR/stub run_prog mj-fetch -d c < done.jsonl > out 2> err
is "$?" 0 "without --split libvips is never loaded: status 0"
sim_stop
done_testing
