#!/bin/bash
# mj-submit --action --max-cost: a follow-up whose kind has no price in
# the --prices table is not submitted (its cost cannot be counted): a
# retryable error record naming the kind; the priced ones are submitted.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 20 --stable-customids
echo "a paper boat" | mj-submit | mj-wait -i 200ms > grid.jsonl 2> err
jq_ok grid.jsonl '.[0].task.status == "SUCCESS"' "a finished grid to act on"
printf 'imagine * 0.05\nupscale * 0.02\n' > prices.txt

mj-submit --action U1,V1 --prices prices.txt --max-cost 1 < grid.jsonl > fu.jsonl 2> err
is "$?" 1 "status 1"
jq_ok fu.jsonl 'map(select(.parent.button == "U1"))[0].task.id != null' "U1 (priced) submitted"
jq_ok fu.jsonl 'map(select(.parent.button == "V1"))[0] | .task == null and
    .error.retryable == true and (.error.message | test("no price for variation .* under --max-cost"))' \
    "V1 (no price): a retryable error record naming its kind"
ok "... said on stderr" grep -q "no price for variation" err
is "$(sim_stats | jq '[.actions[]] | add')" 1 "the server received the one priced follow-up"
done_testing
