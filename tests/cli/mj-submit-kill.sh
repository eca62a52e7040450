#!/bin/bash
# mj-submit: killed with SIGKILL at random instants (seeded), then run
# again with the same journal until it ends: no prompt is ever submitted
# twice, every prompt ends with its one task (a kill between sending and
# writing the reply down is settled by the server's task list), and the
# journal stays readable.  KILLS runs (3 here, more in check-long).
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-240}
KILLS=${KILLS:-3}
N=${N:-60}
RANDOM=${SEED:-4242}
sim_start --duration 0.2 --capacity 1000 --queue 1000
seq 1 $N | sed 's/^/kill prompt /' > in.txt

for k in $(seq 1 "$KILLS"); do
	# a delay of 20 to 400 ms into a run of about a second
	delay=$(( 20 + RANDOM % 380 ))
	mj-submit -j 4 --rate 80 --journal run.journal in.txt >> partial.jsonl 2>/dev/null &
	pid=$!
	sleep "$(printf '0.%03d' "$delay")"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	diag "kill $k after $delay ms: $(grep -c '^T ' run.journal) tasks in the journal"
done
mj-submit -j 4 --journal run.journal in.txt > final.jsonl 2> err
sim_stats > stats.json

is "$(jq '[.submissions[]] | map(select(. > 1)) | length' stats.json)" 0 "no prompt submitted twice"
is "$(wc -l < final.jsonl | tr -d ' ')" $N "the last run writes one record per prompt"
bad=0; maybe=0
while IFS= read -r rec; do
	p=$(jq -r .prompt <<<"$rec")
	id=$(jq -r '.task.id // empty' <<<"$rec")
	n=$(jq --arg p "$p" '.submissions[$p] // 0' stats.json)
	if [ -n "$id" ]; then
		[ "$n" = 1 ] && [ "$(sim_get "/_sim/task/$id" | jq -r .prompt)" = "$p" ] || bad=$((bad + 1))
	else
		maybe=$((maybe + 1))
		jq -e '.error.retryable == false and (.error.message | test("may exist")) and (.error.key | length == 64)' \
		    <<<"$rec" >/dev/null && [ "$n" -le 1 ] || bad=$((bad + 1))
	fi
done < final.jsonl
is "$bad" 0 "each prompt has exactly its one task, or says it may exist ($maybe did)"
is "$maybe" 0 "no prompt is left 'may exist': the task list settled each"
is "$(jq '.tasks_created' stats.json)" "$(jq '[.submissions[]] | add' stats.json)" "no task the journal does not know of twice"
# the journal: the header, then only S/T/R lines (a torn one was cut)
is "$(head -1 run.journal)" "# mjpipe journal 1" "the journal starts with its header"
is "$(sed 1d run.journal | grep -Evc '^(S [0-9a-f]{64}( [0-9]+)?|T [0-9a-f]{64} [0-9]+|R [0-9a-f]{64})$')" 0 \
    "... then only whole S, T and R lines (a torn one was cut)"
mj-submit -j 4 --journal run.journal in.txt > again.jsonl 2>/dev/null
is "$(sim_stats | jq .tasks_created)" "$(jq .tasks_created stats.json)" "one more run sends nothing at all"
done_testing
