#!/bin/bash
# mj-submit --upload: SIGTERM while the upload waits for its reply (before
# any input is read): the upload is given up, status 143, no input read,
# nothing submitted; the same command uploads and submits every prompt,
# once.
. "$top_srcdir/tests/cli/lib.sh"
{ printf '\211PNG\r\n\032\n'; head -c 3000 /dev/urandom; } > ref.png
sim_start --duration 0.2 --slow-ms 60000 --fault-first submit:slow:1 \
    --max-seconds 200
seq 1 2 | sed 's/^/term upload /' > p.txt

mj-submit --upload --image ref.png --journal run.journal p.txt \
    > out.jsonl 2> err &
pid=$!
wait_until 10 sh -c "curl -s $SIM_URL/_sim/stats | jq -e \
    '.requests[\"POST /mj/submit/upload-discord-images\"] >= 1' > /dev/null"
kill -TERM "$pid"
wait "$pid"
is "$?" 143 "SIGTERM while uploading: status 143"
is "$(wc -c < out.jsonl)" 0 "... no input read, no record"
is "$(sim_stats | jq '.requests["POST /mj/submit/imagine"] // 0')" 0 \
    "... no prompt sent"

mj-submit --upload --image ref.png --journal run.journal p.txt \
    > again.jsonl 2> again.err
is "$?" 0 "the same command: status 0"
jq_ok again.jsonl 'length == 2 and all(.task.id)' "... every prompt its task"
is "$(sim_stats | jq '[.submissions[]] | (length == 2 and all(. == 1))')" \
    true "... each submitted once"
done_testing
