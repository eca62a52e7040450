#!/bin/bash
# stdout on a full device (/dev/full): each program status 1, saying so.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 100
seq 1 30 | sed 's/^/res /' > prompts.txt
mj-submit < prompts.txt 2>/dev/null | mj-wait -i 100ms 2>/dev/null > done.jsonl
mj-fetch -d out < done.jsonl > fetched.jsonl 2>/dev/null

for p in "mj-submit -n prompts.txt" "mj-wait -i 100ms done.jsonl" \
    "mj-fetch -d out fetched.jsonl" "mj-pack -o f.tar fetched.jsonl"; do
	name=${p%% *}
	$p > /dev/full 2> err
	is "$?" 1 "$name: stdout on /dev/full: status 1"
	ok "$name: ... saying so" grep -q "^$name: stdout: No space left on device" err
done
sim_stop
done_testing
