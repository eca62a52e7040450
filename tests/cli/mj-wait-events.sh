#!/bin/bash
# mj-wait --events FILE: a line per status or progress change, while
# standard output keeps one record per task.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.3 --jitter 0 --capacity 50
printf '%s\n' 'evented sim:dur=1' | mj-submit | mj-wait -i 200ms --events ev2.jsonl > out 2>/dev/null
jq_ok ev2.jsonl 'length >= 2 and (map(.status) | index("SUCCESS")) != null and all(.id and .at)' \
    "--events: a line per status or progress change"
is "$(wc -l < out | tr -d ' ')" 1 "... while stdout keeps one record per task"
done_testing
