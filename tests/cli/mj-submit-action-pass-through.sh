#!/bin/bash
# mj-submit --action: a record without a task has nothing to act on: it
# is passed on as it came, byte for byte, and counts as no failure;
# nothing is sent for it.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2
printf '{"prompt":"no task here","sku":"A-1","n":1.50}\n' > in.jsonl
mj-submit --action U1 in.jsonl > out.jsonl 2> err
is "$?" 0 "status 0"
is "$(cat out.jsonl)" "$(cat in.jsonl)" "the record passed on byte for byte"
is "$(cat err)" "" "nothing said"
is "$(sim_stats | jq '[.requests[]] | add // 0')" 0 "nothing sent"
done_testing
