#!/bin/bash
# stdout closed early (SIGPIPE): each program stops quietly, status 1;
# mj-submit journals the replies due and stops sending, and a rerun
# submits the rest, each prompt once.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --capacity 100
seq 1 30 | sed 's/^/res /' > prompts.txt
mj-submit < prompts.txt 2>/dev/null | mj-wait -i 100ms 2>/dev/null > done.jsonl
mj-fetch -d out < done.jsonl > fetched.jsonl 2>/dev/null

for p in "mj-submit --journal pipe.journal prompts2.txt" "mj-wait -i 100ms done.jsonl" \
    "mj-fetch -d out fetched.jsonl" "mj-pack -o p.tar fetched.jsonl"; do
	seq 1 30 | sed 's/^/pipe /' > prompts2.txt
	name=${p%% *}
	$p 2> err | head -1 > /dev/null
	rc=${PIPESTATUS[0]}
	ok "$name: stdout closed early: ends with status 1 or 0 ($rc)" test "$rc" -le 1
	is "$(cat err)" "" "$name: stdout closed early: quietly"
done
is "$(grep -c '^T ' pipe.journal)" "$(grep -c '^S ' pipe.journal)" \
    "mj-submit: replies due when stdout closed still reached the journal"
sent=$(sim_stats | jq '[.submissions | to_entries[] | select(.key | startswith("pipe"))] | length')
ok "mj-submit: stopped sending once its reader was gone ($sent of 30 sent)" test "$sent" -lt 30
mj-submit --journal pipe.journal prompts2.txt > rest.jsonl 2>/dev/null
is "$(sim_stats | jq '[.submissions | to_entries[] | select(.key | startswith("pipe")) | .value] | (length == 30 and all(. == 1))')" \
    true "mj-submit: a rerun submits the rest, each prompt once"
sim_stop
done_testing
