#!/bin/bash
# mj-submit --action --modal-prompt killed while the modal's reply is
# awaited: the modal was journaled as sent and reached the server; the
# rerun does not send it again (it may exist) and exits 1.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20
modals() { sim_stats | jq '.requests["POST /mj/submit/modal"] // 0'; }
actions() { sim_stats | jq '.requests["POST /mj/submit/action"] // 0'; }

printf 'prompt,sku\na paper boat,B1\n' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
mj-submit --action U1 < grid.jsonl | mj-wait -i 200ms > up.jsonl 2> err
jq_ok up.jsonl '.[0].task.action == "UPSCALE" and .[0].task.status == "SUCCESS"' "an upscaled task to act on"
upid=$(jq -r .task.id up.jsonl)

# killed while the modal's reply is awaited: the rerun sends nothing twice
# (the record takes the task as fetched now, its customIds fresh: a stale
# refusal would add a request)
jq -c --argjson t "$(sim_api GET "/mj/task/$upid/fetch")" '.task = $t' up.jsonl > upf.jsonl
a0=$(actions); m0=$(modals)
sim_post /_sim/faults '{"faults":[{"class":"submit","kind":"slow","every":2}]}' > /dev/null
mj-submit --journal k.journal --action 'Custom Zoom' --modal-prompt 'a paper boat --zoom 3' \
    < upf.jsonl > k1.jsonl 2> err &
pid=$!
ok "the modal was journaled as sent" wait_until 10 sh -c "test \$(grep -c '^S ' k.journal) -ge 2"
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
ok "... and reached the server" wait_until 10 sh -c "test \$(curl -s $SIM_URL/_sim/stats | jq '.requests[\"POST /mj/submit/modal\"]') -gt $m0"
sim_post /_sim/faults '{"faults":[]}' > /dev/null
mj-submit --journal k.journal --action 'Custom Zoom' --modal-prompt 'a paper boat --zoom 3' \
    < upf.jsonl > k2.jsonl 2> err
is "$?" 1 "the rerun: status 1"
jq_ok k2.jsonl '.[0].error.retryable == false and (.[0].error.message | test("may exist")) and .[0].task.status == "MODAL"' \
    "... the modal whose reply was lost may exist: not sent again"
is "$(( $(actions) - a0 )):$(( $(modals) - m0 ))" 1:1 "... one action and one modal in all"
done_testing
