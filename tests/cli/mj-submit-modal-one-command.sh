#!/bin/bash
# mj-submit --action 'Custom Zoom' --modal-prompt: the modal the action's
# reply opens (code 21) is completed in the same run: one record, the
# parent kept, one action and one modal; the same command again resumes
# the modal's task from the journal and sends nothing.
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
done_testing
