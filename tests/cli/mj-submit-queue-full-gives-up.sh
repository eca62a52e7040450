#!/bin/bash
# mj-submit: a queue that stays full (capacity 0, queue 0: code 23 to
# every submission; code 9 on trueai) is tried again a hundred times, not
# forever: then the record is a retryable error with the server's words
# and code, nothing was created, and the same command submits it once the
# server has room.
. "$top_srcdir/tests/cli/lib.sh"
MJ_RETRY_BASE_MS=1	# a hundred backoffs of at most 32 ms
sim_start --duration 0.2 --capacity 0 --queue 0 --lang en
echo "no room" | mj-submit > out.jsonl 2> err
is "$?" 1 "status 1"
jq_ok out.jsonl 'length == 1 and .[0].task == null and .[0].error.retryable == true and
    (.[0].error.code == 23 or .[0].error.code == 9) and (.[0].error.message | test("queue"; "i"))' \
    "a retryable error record with the server's words and code"
sim_stats > stats.json
is "$(jq '.requests["POST /mj/submit/imagine"]' stats.json)" 101 "sent 101 times: 100 tries again"
is "$(jq .tasks_created stats.json)" 0 "nothing created"
sim_stop

sim_start --duration 0.2 --capacity 0 --queue 0 --lang en
echo "no room" | mj-submit --journal j > /dev/null 2> err
is "$?" 1 "with a journal: status 1"
sim_stop
sim_start --duration 0.2 --capacity 10
echo "no room" | mj-submit --journal j > out.jsonl 2> err
is "$?" 0 "the same command, the server with room: status 0"
sim_stats > stats.json
one_task_each out.jsonl stats.json "... its one task"
done_testing
