#!/bin/bash
# mj-submit: a request whose reply was lost is settled by the server's task
# list (GET /mj/task/list) when it carried mjpipe's state tag: the task
# found is taken over, a list without it gets the request sent again, and
# every other case still says "may exist".  The simulator counts what it
# received, so "exactly one task per prompt" is checked where it is made.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=240
N=24

prompts() { seq 1 $N | sed "s/^/$1 prompt /" > in.txt; }

# every record of FILE has the one task the server made for its prompt
one_task_each() {	# one_task_each FILE STATS DESC
	local bad=0 rec p id
	while IFS= read -r rec; do
		p=$(jq -r .prompt <<<"$rec")
		id=$(jq -r '.task.id // empty' <<<"$rec")
		[ -n "$id" ] && [ "$(jq --arg p "$p" '.submissions[$p] // 0' "$2")" = 1 ] &&
		    [ "$(sim_get "/_sim/task/$id" | jq -r .prompt)" = "$p" ] ||
		    { bad=$((bad + 1)); diag "not one task: $rec"; }
	done < "$1"
	is "$bad" 0 "$3"
}

# --- in one run: replies lost after the task was made ------------------
sim_start --duration 0.2 --capacity 100 --seed 3 --fault submit:lost:0.3
prompts lost
mj-submit -j 4 --settle 0 --journal j1 in.txt > out.jsonl 2> err
is "$?" 0 "lost replies: the run succeeds"
sim_stats > stats.json
is "$(wc -l < out.jsonl | tr -d ' ')" $N "lost replies: one record per prompt"
one_task_each out.jsonl stats.json "lost replies: each prompt has exactly its one task, in its record"
ok "lost replies: some were lost" test "$(jq '.faults["submit:lost"] // 0' stats.json)" -gt 0
is "$(jq -s '[.[] | select(.submit.reconciled)] | length' out.jsonl)" \
    "$(jq '.faults["submit:lost"]' stats.json)" "lost replies: each found in the task list (reconciled)"
is "$(jq '.tasks_created' stats.json)" $N "lost replies: $N tasks created, no more"
ok "lost replies: the task list was read" test "$(jq .task_list_requests stats.json)" -gt 0
ok "lost replies: the journal has a tagged send line" grep -Eq '^S [0-9a-f]{64} [0-9]+$' j1
sim_stop

# --- in one run: requests refused before they were processed -------------
sim_start --duration 0.2 --capacity 100 --seed 5 --fault submit:503:0.3
prompts 503
mj-submit -j 4 --settle 0 --journal j2 in.txt > out.jsonl 2> err
is "$?" 0 "503s: the run succeeds"
sim_stats > stats.json
one_task_each out.jsonl stats.json "503s: each prompt has exactly its one task"
ok "503s: some requests failed" test "$(jq '.faults["submit:503"] // 0' stats.json)" -gt 0
is "$(jq -s '[.[] | select(.submit.reconciled)] | length' out.jsonl)" 0 "503s: none found: they were sent again"
ok "503s: the journal says nothing was created for them" grep -Eq '^R [0-9a-f]{64}$' j2
sim_stop

# --- what cannot be settled still says "may exist" ----------------------
sim_start --duration 0.2 --capacity 100 --fault-first submit:lost:1
echo "no journal" | mj-submit --settle 0 > out.jsonl 2> err
jq_ok out.jsonl '.[0].error.retryable == false and (.[0].error.message | test("may exist"))' \
    "no journal: may exist"
is "$(sim_stats | jq .task_list_requests)" 0 "no journal: the task list is not read"
sim_post /_sim/faults '{"faults":[{"class":"submit","kind":"lost","first":1}]}' >/dev/null
echo "own state" | mj-submit --settle 0 --state mine --journal j3 > out.jsonl 2> err
jq_ok out.jsonl '.[0].error.retryable == false and (.[0].error.message | test("may exist"))' \
    "a state of its own: may exist (its task cannot be told from others)"
ok "a state of its own: sent as given" test "$(sim_stats | jq '[.submissions[]] | add')" = 2
sim_stop

sim_start --duration 0.2 --capacity 100 --no-task-list --fault-first submit:lost:1
echo "no list" | mj-submit --settle 0 --journal j4 > out.jsonl 2> err
jq_ok out.jsonl '.[0].error.retryable == false and (.[0].error.message | test("may exist.*no task list"))' \
    "a server without a task list: may exist, and why"
ok "a server without a task list: one task, not sent again" test "$(sim_stats | jq '.tasks_created')" = 1
sim_post /_sim/faults '{"faults":[{"class":"submit","kind":"502","first":1}]}' >/dev/null
echo "no list 502" | mj-submit --settle 0 --journal j4 > out.jsonl 2> err
jq_ok out.jsonl '.[0].error.http == 502 and (.[0].error.message | test("may exist"))' \
    "... and the record keeps the HTTP status of the reply that was lost"
sim_stop

sim_start --duration 0.2 --capacity 100 --fault-first submit:lost:1 --fault poll:invalid:1
echo "bad list" | mj-submit --settle 0 --journal j5 > out.jsonl 2> err
jq_ok out.jsonl '.[0].error.retryable == false and (.[0].error.message | test("may exist.*unreadable"))' \
    "an unreadable task list: may exist, and why"
ok "an unreadable task list is asked for again" test "$(sim_stats | jq .task_list_requests)" -ge 2
is "$(sim_stats | jq .tasks_created)" 1 "an unreadable task list: not sent again"
sim_stop

# --- a rerun settles what an earlier run could not ----------------------
# the first run cannot read the list (503 on every query); the rerun can
sim_start --duration 0.2 --capacity 100 --seed 9 --fault submit:lost:0.25 \
    --fault submit:reset:0.25 --fault poll:503:1
prompts rerun
MJ_RETRY_BASE_MS=1 mj-submit -j 4 --settle 0 --journal j6 in.txt > run1.jsonl 2> err
maybe=$(jq -s '[.[] | select(.error.message // "" | test("may exist"))] | length' run1.jsonl)
ok "first run: some may exist ($maybe)" test "$maybe" -gt 0
sim_post /_sim/faults '{"faults":[]}' >/dev/null
t0=$(date +%s)
mj-submit -j 4 --settle 4 --journal j6 in.txt > run2.jsonl 2> err2
is "$?" 0 "rerun: succeeds"
ok "rerun: waited for the lost replies to settle, and said so" grep -q "waiting .* to settle" err2
ok "rerun: the wait took about --settle" test $(( $(date +%s) - t0 )) -ge 2
sim_stats > stats.json
one_task_each run2.jsonl stats.json "rerun: each prompt has exactly its one task"
found=$(jq -s '[.[] | select(.submit.resumed and .submit.reconciled)] | length' run2.jsonl)
is "$found" "$(jq '.faults["submit:lost"]' stats.json)" "rerun: each lost reply's task taken over ($found)"
is "$(jq -s '[.[] | select(.submit.resumed)] | length' run2.jsonl)" \
    "$(( $(jq -s '[.[] | select(.task.id)] | length' run1.jsonl) + found ))" \
    "rerun: the first run's tasks resumed too"
mj-submit -j 4 --settle 0 --journal j6 in.txt > run3.jsonl 2> err3
is "$(jq -s '[.[] | select(.submit.resumed and (.submit.reconciled | not))] | length' run3.jsonl)" $N \
    "a third run: every task from the journal, no list needed"
is "$(sim_stats | jq .task_list_requests)" "$(jq .task_list_requests stats.json)" \
    "a third run: the task list is not read again"
sim_stop

# --- journals the list cannot settle -------------------------------------
sim_start --duration 0.2 --capacity 100 --fault submit:503:1 --fault poll:503:1
echo "old request" | mj-submit --settle 0 --journal j7 > /dev/null 2>&1
sim_post /_sim/faults '{"faults":[]}' >/dev/null
cp j7 j8
sed -i -E 's/^(S [0-9a-f]{64}) [0-9]+$/\1 1000000000/' j7
echo "old request" | mj-submit --settle 0 --journal j7 > out.jsonl 2> err
jq_ok out.jsonl '.[0].error.retryable == false and (.[0].error.message | test("may exist.*7 days"))' \
    "a request of long ago: not found, but too old to tell"
sed -i -E 's/^(S [0-9a-f]{64}) [0-9]+$/\1/' j8
echo "old request" | mj-submit --settle 0 --journal j8 > out.jsonl 2> err
jq_ok out.jsonl '.[0].error.retryable == false and (.[0].error.message | test("may exist.*without mjpipe.s state tag"))' \
    "a request sent without the tag (an older journal): may exist"
is "$(sim_stats | jq .tasks_created)" 0 "neither was sent again"
sim_stop
done_testing
