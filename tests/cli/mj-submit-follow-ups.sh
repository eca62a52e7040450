#!/bin/bash
# mj-submit --action: follow-ups of a finished grid by button name
# (upscale, V2, reroll), each created once with the fresh customId after
# the record's had gone stale; each names its button and parent.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20
printf 'prompt,sku\na paper boat,B1\n' | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
jq_ok grid.jsonl '.[0].task.status == "SUCCESS" and (.[0].task.buttons | length) >= 9' "a finished grid to act on"
pid=$(jq -r .task.id grid.jsonl)
# another fetch makes the record's customIds stale (the simulator changes them)
sim_api GET "/mj/task/$pid/fetch" > /dev/null

mj-submit --action 'upscale,V2,reroll' < grid.jsonl > fu.jsonl 2> err
is "$?" 0 "upscale, V2 and reroll of one grid"
jq_ok fu.jsonl 'length == 6 and all(.task.id != null)' "one record per follow-up (U1..U4, V2, reroll)"
jq_ok fu.jsonl 'map(.parent.button) | sort == ["U1","U2","U3","U4","V2","reroll"]' "each names its button in parent"
jq_ok fu.jsonl "all(.parent.id == \"$pid\" and .parent.action == \"IMAGINE\" and .sku == \"B1\")" \
    "parent id and action; the input's fields kept"
is "$(sim_stats | jq "[.actions | to_entries[] | select(.key | startswith(\"$pid \"))] | map(.value) | (length == 6 and all(. == 1))")" \
    true "each follow-up created once, with the fresh customId after a stale refusal"
ok "the stale customId made a refetch of the parent" test "$(sim_stats | jq '.requests["GET /mj/task/fetch"] // 0')" -ge 2
done_testing
