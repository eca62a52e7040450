#!/bin/bash
# mj-submit: read(2) failing in the middle of an input (EIO, made by
# tests/faultinject/faultsys.so on the second read) ends that input after
# its whole lines: the line the error cut is never submitted (a cut
# prompt would be paid for), one message, status 1.
. "$top_srcdir/tests/cli/lib.sh"
FAULTSYS_SO=$top_builddir/tests/faultinject/faultsys.so
[ -f "$FAULTSYS_SO" ] || skip_all "no $FAULTSYS_SO: run through make check"
[ "${MJ_VALGRIND:-0}" = 1 ] && skip_all "faultsys.so does not combine with valgrind"
sim_start --duration 0.2 --capacity 10
# the first read takes 256 KiB: the first line whole, 3 bytes of the second
{ printf 'long %0262135d\n' 0; echo "a prompt cut by the error"; } > in.txt
env LD_PRELOAD="$FAULTSYS_SO${LD_PRELOAD:+:$LD_PRELOAD}" \
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
    FAULTSYS=read:EIO:2 FAULTSYS_PATH=in.txt FAULTSYS_LOG="$TEST_DIR/faultsys.log" \
    mj-submit in.txt > out.jsonl 2> err
is "$?" 1 "a read error mid-input: status 1"
ok "... the fault was made" grep -q 'read 2 on .*in.txt: EIO' faultsys.log
is "$(cat err)" "mj-submit: in.txt: Input/output error" "... one message"
jq_ok out.jsonl 'length == 1 and (.[0].prompt | startswith("long ")) and .[0].task.id != null' \
    "... the whole line before it submitted"
sim_stats > stats.json
is "$(jq '.submissions | length' stats.json)" 1 "... the cut line never sent"
done_testing
