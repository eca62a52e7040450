#!/bin/bash
# mj-submit --action with --modal-prompt (and --mask, --remix): the modal
# that the action's reply opens (code 21) is completed in the same run,
# journaled, the parent kept; a rerun and a kill send nothing twice; the
# two-step way still works.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20
modals() { sim_stats | jq '.requests["POST /mj/submit/modal"] // 0'; }
actions() { sim_stats | jq '.requests["POST /mj/submit/action"] // 0'; }

printf 'prompt,sku\na paper boat,B1\n' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
mj-submit --action U1 < grid.jsonl | mj-wait -i 200ms > up.jsonl 2> err
jq_ok up.jsonl '.[0].task.action == "UPSCALE" and .[0].task.status == "SUCCESS"' "an upscaled task to act on"
upid=$(jq -r .task.id up.jsonl)

# Custom Zoom in one command
a0=$(actions); m0=$(modals)
mj-submit --journal cz.journal --action 'Custom Zoom' --modal-prompt 'a paper boat --zoom 2' \
    < up.jsonl > cz.jsonl 2> err
is "$?" 0 "Custom Zoom and its modal in one command"
jq_ok cz.jsonl "length == 1 and .[0].submit.endpoint == \"/mj/submit/modal\" and .[0].submit.code == 1" \
    "one record, for the modal submission"
jq_ok cz.jsonl ".[0].parent == {\"id\":\"$upid\",\"action\":\"UPSCALE\",\"button\":\"Custom Zoom\"} and .[0].sku == \"B1\"" \
    "the parent is the task whose button was clicked; the input's fields kept"
tid=$(jq -r .task.id cz.jsonl)
is "$(sim_get "/_sim/task/$tid" | jq -c '[.action, .modal.prompt]')" '["CUSTOM_ZOOM","a paper boat --zoom 2"]' \
    "the modal reached the task the action opened, with the prompt"
is "$(( $(actions) - a0 )):$(( $(modals) - m0 ))" 1:1 "one action, one modal"
mj-wait -i 200ms < cz.jsonl > czw.jsonl 2>/dev/null
jq_ok czw.jsonl '.[0].task.status == "SUCCESS" and .[0].task.prompt == "a paper boat --zoom 2"' "the zoom runs to SUCCESS"
mj-submit --journal cz.journal --action 'Custom Zoom' --modal-prompt 'a paper boat --zoom 2' \
    < up.jsonl > cz2.jsonl 2> err
is "$?" 0 "the same command again"
jq_ok cz2.jsonl ".[0].submit.resumed and .[0].task.id == \"$tid\" and .[0].submit.endpoint == \"/mj/submit/modal\"" \
    "... resumes the modal's task from the journal"
is "$(( $(actions) - a0 )):$(( $(modals) - m0 ))" 1:1 "... and sends nothing"

# Vary (Region): the mask and the prompt go with the modal
printf '\211PNG\r\n\032\n\0\0\0\rIHDRmask' > mask.png
mj-submit --action 'Vary (Region)' --mask mask.png --modal-prompt 'a red sail' < up.jsonl > vr.jsonl 2> err
is "$?" 0 "Vary (Region) with --mask in one command"
vid=$(jq -r .task.id vr.jsonl)
is "$(sim_get "/_sim/task/$vid" | jq -c '[.action, .modal.prompt, (.modal.maskBase64 | startswith("data:image/png;base64,"))]')" \
    '["INPAINT","a red sail",true]' "... the modal carries the mask and the prompt"
jq_ok vr.jsonl '.[0].parent.button == "Vary (Region)"' "... with its parent"
# the modal refused (no mask): the record names the task still waiting
mj-submit --action 'Vary (Region)' --modal-prompt 'a red sail' < up.jsonl > vr2.jsonl 2> err
is "$?" 1 "a modal refused: status 1"
jq_ok vr2.jsonl '.[0].error.code == 4 and .[0].task.status == "MODAL" and (.[0].task.id | length > 0) and .[0].parent.button == "Vary (Region)"' \
    "... the record names the task that still waits in its modal"

# remix: the variation opens a modal for the new prompt
mj-submit --action V1 --remix --modal-prompt 'a green boat' < grid.jsonl | mj-wait -i 200ms > rx.jsonl 2> err
jq_ok rx.jsonl '.[0].task.action == "VARIATION" and .[0].task.status == "SUCCESS" and .[0].task.prompt == "a green boat" and .[0].parent.button == "V1"' \
    "--remix: the variation runs with the new prompt"

# an action that opens no modal is recorded as it is
m0=$(modals)
mj-submit --action U2 --modal-prompt 'unused' < grid.jsonl > u2.jsonl 2> err
jq_ok u2.jsonl '.[0].submit.endpoint == "/mj/submit/action" and .[0].submit.code == 1' \
    "an action that opens no modal: its own record"
is "$(modals)" "$m0" "... and no modal sent"

# the two-step way still works
mj-submit --action 'Custom Zoom' < up.jsonl | mj-wait -i 200ms > two.jsonl 2> err
jq_ok two.jsonl '.[0].task.status == "MODAL"' "two steps: the action leaves a task in MODAL"
mj-submit --modal-prompt 'a paper boat --zoom 1.5' < two.jsonl | mj-wait -i 200ms > two2.jsonl 2> err
jq_ok two2.jsonl '.[0].task.status == "SUCCESS" and .[0].parent.button == "Custom Zoom" and .[0].submit.endpoint == "/mj/submit/modal"' \
    "... then --modal-prompt completes it"

# the action's reply lost: the task list shows its task in MODAL
a0=$(actions); m0=$(modals)
sim_post /_sim/faults '{"faults":[{"class":"submit","kind":"lost","first":1}]}' > /dev/null
mj-submit --journal l.journal --action 'Custom Zoom' --modal-prompt 'a paper boat --zoom 4' \
    < up.jsonl > l.jsonl 2> err
is "$?" 0 "the action's reply lost: the run succeeds"
sim_post /_sim/faults '{"faults":[]}' > /dev/null
jq_ok l.jsonl '.[0].submit.endpoint == "/mj/submit/modal" and .[0].submit.code == 1 and .[0].parent.button == "Custom Zoom"' \
    "... its task found in the task list, waiting in MODAL: the modal followed"
is "$(( $(actions) - a0 )):$(( $(modals) - m0 ))" 1:1 "... one action, one modal"

# killed while the modal's reply is awaited: the rerun sends nothing twice
# (the record takes the task as fetched now: the task list read above
# changed its customIds, and a stale refusal would add a request)
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
