#!/bin/bash
# mj-submit: the key refused (401) while a submission's queue-full refusal
# is still on its way (answered late, after the stop): it is not tried
# again, nor is the one read after the stop; every record is a retryable
# "refused the key" error, one message, status 2 (the server took none:
# a key refused before any was taken is a configuration error).  The
# same command once the key works and the server has room: each prompt
# once.  The input is fed line by line: the 401 must come while the first
# reply is awaited (a queue-full answer makes mj-submit send fewer at
# once, so a refusal first would hold the rest back until it came).
. "$top_srcdir/tests/cli/lib.sh"
sim_start --capacity 0 --queue 0 --lang en --fault-first submit:late:1 --slow-ms 3000
printf 'full 1\nfull 2\nfull 3\n' > in.txt
posts() { sim_stats | jq '.requests["POST /mj/submit/imagine"] // 0'; }
mkfifo in.fifo
mj-submit -j 3 --journal j in.fifo > out.jsonl 2> err &
pid=$!
exec 3> in.fifo
echo 'full 1' >&3
wait_until 10 sh -c "curl -s $SIM_URL/_sim/stats |
    jq -e '.requests[\"POST /mj/submit/imagine\"] >= 1' >/dev/null"
sim_post /_sim/revoke '{"revoked":true}' > /dev/null
echo 'full 2' >&3
wait_until 10 sh -c "curl -s $SIM_URL/_sim/stats | jq -e '.auth_failures >= 1' >/dev/null"
echo 'full 3' >&3
exec 3>&-
wait "$pid"
is "$?" 2 "status 2: the key refused before any submission was taken"
jq_ok out.jsonl 'length == 3 and all(.task == null and .error.retryable == true and
    .error.message == "not submitted: the API refused the key")' \
    "three retryable records: the key was refused"
is "$(grep -c 'refused the key' err)" 1 "one message on stderr"
sim_stats > stats.json
is "$(jq .tasks_created stats.json)" 0 "nothing created"
is "$(jq .auth_failures stats.json)" 1 "nothing sent after the refusal"
is "$(jq '.requests["POST /mj/submit/imagine"]' stats.json)" 2 \
    "the late one not sent again, the third never sent"
sim_stop

sim_start --capacity 10 --duration 0.2
mj-submit -j 3 --journal j in.txt > out2.jsonl 2> err
is "$?" 0 "the same command, the key working, the server with room: status 0"
sim_stats > stats.json
one_task_each out2.jsonl stats.json "... each prompt its one task"
done_testing
