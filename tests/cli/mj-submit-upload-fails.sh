#!/bin/bash
# mj-submit --upload: an upload that fails (not for want of the endpoint):
# every record is read and written out, not submitted and retryable, with
# one message.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 20 --fault-every submit:500:1
stat() { sim_stats | jq "$1"; }
# a 300 KiB PNG: the signature, then bytes
{ printf '\211PNG\r\n\032\n'; head -c 307200 /dev/urandom; } > ref.png

seq 1 6 | sed 's/^/upload fails /' | mj-submit --upload --image ref.png > uf.jsonl 2> err
is "$?" 1 "a failed upload: exit status 1"
jq_ok uf.jsonl 'length == 6 and all(.error.retryable == true and .task == null and (.error.message | startswith("not submitted: ")))' \
    "... every record written out, not submitted, retryable"
is "$(grep -c 'nothing is submitted' err)" 1 "... one message for them all"
is "$(sim_stats | jq '[.requests | to_entries[] | select(.key | startswith("POST /mj/submit/imagine")) | .value] | add // 0')" 0 \
    "... and no prompt sent"
sim_stop
done_testing
