#!/bin/bash
# SIGTERM while a submission is on the wire, its refusal answered after
# the stop: it is not tried again.  A full queue (code 23): a retryable
# error record, and the same command submits it once.  A customId
# refused as stale: the parent is not read again, the record's error is
# retryable, and the same command reads it and submits the action once.
# Status 143 both times; nothing created until the rerun.
. "$top_srcdir/tests/cli/lib.sh"

# queue full, answered 3 s after the request came (fault late)
sim_start --capacity 0 --queue 0 --lang en --fault-first submit:late:1 --slow-ms 3000
echo "term full" > in.txt
mj-submit --journal j in.txt > out.jsonl 2> err &
pid=$!
wait_until 10 sh -c "curl -s $SIM_URL/_sim/stats |
    jq -e '.requests[\"POST /mj/submit/imagine\"] >= 1' >/dev/null"
kill -TERM "$pid"
wait "$pid"
is "$?" 143 "queue full after SIGTERM: status 143"
# the server's own code: 23 on comet, 9 on trueai-org (api.md 7b)
full=23
[ "${MJ_TEST_DIALECT:-}" = trueai ] && full=9
jq_ok out.jsonl 'length == 1 and .[0].task == null and .[0].error.retryable == true and
    .[0].error.code == '"$full" "... a retryable error record with code $full"
sim_stats > stats.json
is "$(jq '.requests["POST /mj/submit/imagine"]' stats.json)" 1 "... not tried again"
is "$(jq .tasks_created stats.json)" 0 "... nothing created"
sim_stop
sim_start --capacity 10 --duration 0.2
mj-submit --journal j in.txt > out2.jsonl 2> err
is "$?" 0 "the same command with room: status 0"
sim_stats > stats.json
one_task_each out2.jsonl stats.json "... its one task"
sim_stop

# a stale customId, answered 3 s after the request came
sim_start --duration 0.2 --jitter 0 --capacity 20 --lang en --slow-ms 3000
echo "a paper boat" | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
jq_ok grid.jsonl '.[0].task.status == "SUCCESS"' "a finished grid to act on"
pid=$(jq -r .task.id grid.jsonl)
sim_api GET "/mj/task/$pid/fetch" > /dev/null	# its customIds now stale
reads=$(sim_stats | jq '.requests["GET /mj/task/fetch"]')
sim_post /_sim/faults '{"faults":[{"class":"submit","kind":"late","first":1}]}' > /dev/null
mj-submit --action U1 < grid.jsonl > fu.jsonl 2> err &
pid=$!
wait_until 10 sh -c "curl -s $SIM_URL/_sim/stats |
    jq -e '.requests[\"POST /mj/submit/action\"] >= 1' >/dev/null"
kill -TERM "$pid"
wait "$pid"
is "$?" 143 "a stale customId after SIGTERM: status 143"
jq_ok fu.jsonl 'length == 1 and .[0].task == null and .[0].error.code == 4 and
    .[0].error.retryable == true and
    .[0].error.message == "invalid customId; interrupted before the parent task was read again"' \
    "... a retryable error record, code 4, saying why"
sim_stats > stats.json
is "$(jq ".requests[\"GET /mj/task/fetch\"] - $reads" stats.json)" 0 "... the parent not read again"
is "$(jq '.requests["POST /mj/submit/action"]' stats.json)" 1 "... not sent again"
is "$(jq '[.actions[]] | add // 0' stats.json)" 0 "... nothing created"
mj-submit --action U1 < grid.jsonl > fu2.jsonl 2> err
is "$?" 0 "the same command: status 0"
jq_ok fu2.jsonl 'length == 1 and (.[0].task.id | length > 0) and (.[0] | has("error") | not)' \
    "... the action submitted"
is "$(sim_stats | jq '[.actions[]] | add // 0')" 1 "... once"
done_testing
