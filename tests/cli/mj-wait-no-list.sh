#!/bin/bash
# mj-wait against a server without list-by-condition: the lack is detected
# once, then each task is fetched one by one.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.3 --capacity 50 --no-list
seq 1 5 | sed 's/^/nolist /' | mj-submit > sub.jsonl 2>/dev/null
mj-wait -i 200ms < sub.jsonl > out 2>/dev/null
is "$?" 0 "no list-by-condition: every task still waited for"
jq_ok out 'length == 5 and all(.task.status == "SUCCESS")' "... all five SUCCESS"
is "$(sim_stats | jq '.requests["POST /mj/task/list-by-condition"]')" 1 "... the lack detected once"
ok "... then fetched one by one" test "$(sim_stats | jq '.requests["GET /mj/task/fetch"]')" -ge 5
done_testing
