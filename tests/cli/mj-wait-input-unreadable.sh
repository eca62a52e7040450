#!/bin/bash
# mj-wait: an operand that opens but cannot be read (a directory, a read
# failing with EIO) is reported once and skipped, the operands after it
# are read, status 1; a read that fails mid-file hands out the whole
# lines before it and drops the bytes after its last newline, which are
# no whole record.  (It used to report a directory again and again,
# without end.)
. "$top_srcdir/tests/cli/lib.sh"
FAULTSYS_SO=$top_builddir/tests/faultinject/faultsys.so
sim_start
mkdir adir
printf '%s\n' '{"note":"first"}' > first.jsonl
printf '%s\n' '{"note":"last"}' > last.jsonl
run_prog mj-wait first.jsonl adir last.jsonl > out 2> err
is "$?" 1 "a directory among the operands: status 1"
is "$(cat err)" "mj-wait: adir: Is a directory" "... said once"
jq_ok out 'map(.note) == ["first", "last"]' \
    "... the operands before and after it read"

[ -f "$FAULTSYS_SO" ] || { diag "no $FAULTSYS_SO"; done_testing; exit; }
[ "${MJ_VALGRIND:-0}" = 1 ] && { done_testing; exit; }
# one read takes the whole file; the second, for its end, fails
printf '%s\n%s' '{"note":"whole"}' '{"note":"cut' > broken.jsonl
env LD_PRELOAD="$FAULTSYS_SO${LD_PRELOAD:+:$LD_PRELOAD}" \
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
    FAULTSYS=read:EIO:2 FAULTSYS_PATH=broken.jsonl \
    FAULTSYS_LOG="$TEST_DIR/faultsys.log" \
    mj-wait broken.jsonl last.jsonl > out 2> err
is "$?" 1 "a read failing mid-file: status 1"
is "$(cat err)" "mj-wait: broken.jsonl: Input/output error" "... said once"
ok "... the fault was made" grep -q 'read .*broken.jsonl: EIO' faultsys.log
jq_ok out 'map(.note) == ["whole", "last"]' \
    "... the whole line out, the cut one dropped, the next operand read"
done_testing
