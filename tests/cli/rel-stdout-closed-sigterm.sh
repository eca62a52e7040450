#!/bin/bash
# mj-submit: SIGTERM with submissions waiting for their backoff, and
# stdout's reader already gone: the records it would write out cannot
# be; it ends quietly (past the first), status 143, nothing more sent; the same command
# submits each prompt once.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 0 --queue 0
printf 'gone 1\ngone 2\n' > prompts.txt
mkfifo out.fifo
cat out.fifo > /dev/null &
rpid=$!
MJ_RETRY_BASE_MS=20000 mj-submit -j 2 --journal j prompts.txt > out.fifo 2> err &
mpid=$!
wait_until 10 sh -c "curl -s $SIM_URL/_sim/stats |
    jq -e '.requests[\"POST /mj/submit/imagine\"] >= 2' >/dev/null"
sleep 0.3	# both refused, waiting for their backoff
kill "$rpid"
wait "$rpid"
kill -TERM "$mpid"
wait "$mpid"
is "$?" 143 "SIGTERM, the reader gone: status 143"
# the first record's message is said before its write fails; none after
ok "... quietly once the reader is known gone" test "$(wc -l < err)" -le 1
is "$(sim_stats | jq '.requests["POST /mj/submit/imagine"]')" 2 "... nothing more sent"
sim_stop

sim_start --duration 0.2 --capacity 10
mj-submit -j 2 --journal j prompts.txt > out.jsonl 2> err
is "$?" 0 "the same command with room: status 0"
sim_stats > stats.json
one_task_each out.jsonl stats.json "... each prompt its one task"
done_testing
