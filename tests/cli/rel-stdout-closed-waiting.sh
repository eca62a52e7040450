#!/bin/bash
# mj-submit: stdout's reader gone while submissions wait for their
# backoff (queue full): they are not sent again, the run ends quietly
# with status 1, and the same command
# submits them, each prompt once.
. "$top_srcdir/tests/cli/lib.sh"
# the first request is answered 2 s late (a task); the others at once
sim_start --duration 30 --jitter 0 --capacity 1 --queue 0 --fault-first submit:late:1 --slow-ms 2000
seq 1 3 | sed 's/^/waiting /' > prompts.txt
# the reader is gone before mj-submit starts: the first is taken, and
# its record's write fails while the other two, refused, wait 5 s for
# their backoff
(sleep 1; MJ_RETRY_BASE_MS=5000 exec mj-submit -j 3 --journal j prompts.txt 2> err) | true
rc=${PIPESTATUS[0]}
is "$rc" 1 "stdout closed early: status 1"
is "$(cat err)" "" "... quietly"
sim_stats > stats.json
is "$(jq .tasks_created stats.json)" 1 "... one task created"
ok "... the journal holds the one task" test "$(grep -c '^T ' j)" = 1
sim_stop

sim_start --duration 0.2 --capacity 10
mj-submit -j 3 --journal j prompts.txt > out.jsonl 2> err
is "$?" 0 "the same command: status 0"
jq_ok out.jsonl 'length == 3 and all(.task.id != null) and (map(select(.submit.resumed)) | length == 1)' \
    "... every prompt its task, the first resumed"
is "$(sim_stats | jq '[.submissions[]] | add')" 2 "... the two others submitted, each once"
done_testing
