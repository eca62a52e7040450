#!/bin/bash
# mj-submit: nothing paid twice.  With each submission fault injected at
# 30%, a run and a rerun of the same command with the same journal never
# create two tasks for one prompt; what is safe to retry ends with exactly
# one task; a reply lost after sending is settled by the server's task
# list (taken over if there, sent again only if provably absent), so every
# prompt ends with exactly one task.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=180
N=20

check_kind() {	# check_kind KIND: one run and one rerun under 30% KIND faults
	local kind=$1 j
	j=$kind.journal
	sim_start --duration 0.2 --capacity 100 --slow-ms 200 --fault "submit:$kind:0.3" --seed 7
	seq 1 $N | sed "s/^/$kind prompt /" > in.txt
	mj-submit -j 4 --settle 0 --journal "$j" in.txt > run1.jsonl 2>/dev/null
	mj-submit -j 4 --settle 0 --journal "$j" in.txt > run2.jsonl 2>/dev/null
	sim_stats > stats.json
	is "$(jq '[.submissions[]] | map(select(. > 1)) | length' stats.json)" 0 \
	    "$kind: no prompt submitted twice"
	is "$(wc -l < run2.jsonl | tr -d ' ')" $N "$kind: the rerun writes one record per prompt"
	# every prompt: a task (created once, the id the server gave it) or a
	# "may exist" error whose prompt the server saw at most once
	bad=0
	while IFS= read -r rec; do
		p=$(jq -r .prompt <<<"$rec")
		id=$(jq -r '.task.id // empty' <<<"$rec")
		n=$(jq --arg p "$p" '.submissions[$p] // 0' stats.json)
		if [ -n "$id" ]; then
			[ "$n" = 1 ] && [ "$(sim_get "/_sim/task/$id" | jq -r .prompt)" = "$p" ] || bad=$((bad + 1))
		else
			jq -e '.error.retryable == false and (.error.message | test("may exist"))' <<<"$rec" >/dev/null &&
			    [ "$n" -le 1 ] || bad=$((bad + 1))
		fi
	done < run2.jsonl
	is "$bad" 0 "$kind: each prompt has its one task or says it may exist"
	is "$(jq -s '[.[] | select(.task.id)] | length' run2.jsonl)" $N \
	    "$kind: after the rerun, every prompt has its task"
	is "$(jq -s '[.[] | select(.submit.resumed)] | length' run2.jsonl)" \
	    "$(jq -s '[.[] | select(.task.id)] | length' run1.jsonl)" \
	    "$kind: the rerun resumes every task of the first run, sending nothing"
	sim_stop
}

# refusals: retried until they pass, exactly one task each
check_kind 429
is "$(jq '[.submissions[]] | (length == '$N' and all(. == 1))' stats.json)" true "429: every prompt has exactly one task"
check_kind 503
check_kind reset
check_kind lost
ok "lost: some replies were lost after the task was made" test "$(jq '.faults["submit:lost"] // 0' stats.json)" -gt 0
is "$(jq -s '[.[] | select(.submit.reconciled)] | length' run1.jsonl)" "$(jq '.faults["submit:lost"]' stats.json)" \
    "lost: the first run found each of those tasks in the task list"
is "$(jq '.tasks_created' stats.json)" "$(jq '[.submissions[]] | add' stats.json)" "lost: tasks created = prompts submitted"
check_kind truncated
check_kind invalid

# --retry-unsafe resends what may exist: the user's explicit choice
sim_start --duration 0.2 --capacity 100 --fault-first submit:502:1
echo "unsafe retry" | mj-submit > out 2> err
jq_ok out '.[0].error.retryable == false and (.[0].error.message | test("may exist"))' "502: not resent by default"
sim_post /_sim/faults '{"faults":[{"class":"submit","kind":"502","first":1}]}' >/dev/null
echo "unsafe retry 3" | mj-submit --retry-unsafe > out 2> err
jq_ok out '.[0].task.id != null' "--retry-unsafe: resent after a 502"
done_testing
