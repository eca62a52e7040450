#!/bin/bash
# mj-wait --events FILE when things go wrong: a failed task's line
# carries its failReason; a file that cannot be opened is a usage error
# before anything is polled; a file that cannot be written (a full disk)
# is one warning, and the records still come out whole.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.3 --jitter 0 --capacity 50
printf '%s\n' 'fine' 'sim:fail broken' | mj-submit > sub 2>/dev/null
before=$(sim_stats | jq .poll_requests)

run_prog mj-wait -i 200ms --events nodir/ev.jsonl < sub > out 2> err
is "$?" 2 "--events in a missing directory: status 2"
is "$(cat err)" "mj-wait: nodir/ev.jsonl: No such file or directory" \
    "... the file named"
is "$(wc -c < out | tr -d ' ')" 0 "... no record"
is "$(sim_stats | jq .poll_requests)" "$before" "... nothing polled"

run_prog mj-wait -i 200ms --events ev.jsonl < sub > out 2> err
is "$?" 1 "a failed task: status 1"
jq_ok ev.jsonl 'map(select(.status == "FAILURE")) | length == 1 and
    (.[0].failReason | length > 0)' \
    "the failed task's line has its failReason"
jq_ok ev.jsonl 'map(select(.status == "SUCCESS")) | length == 1 and
    (.[0] | has("failReason") | not)' "... a success's has none"

run_prog mj-wait -i 200ms --events /dev/full < sub > out 2> err
is "$?" 1 "--events on a full disk: the status of the tasks"
is "$(cat err)" \
    "mj-wait: warning: /dev/full: No space left on device; no more events written" \
    "... one warning for the whole run"
jq_ok out 'length == 2 and (map(.task.status) | sort) == ["FAILURE", "SUCCESS"]' \
    "... every record out, whole"
done_testing
