#!/bin/bash
# The whole pipeline under faults: mj-submit --journal | mj-wait |
# mj-fetch | mj-pack, each simulator fault on every endpoint class, then
# the same command once more.  Afterwards every prompt has exactly one
# task (a lost reply is settled by the server's task list), every
# SUCCESS has its image on disk with the served sha256 and in the
# archive, and every other record says why.  KINDS, RATES and N are
# larger in check-long (long-rel-pipeline.sh).
TEST_TIMEOUT=${TEST_TIMEOUT:-300}	# before lib.sh, whose watchdog reads it
. "$top_srcdir/tests/cli/lib.sh"
N=${N:-30}
KINDS=${KINDS:-"503 reset lost invalid"}
RATES=${RATES:-"0.3"}

pipeline() {
	mj-submit -j 8 --journal run.journal prompts.txt 2>>err.log |
	    mj-wait -i 200ms 2>>err.log |
	    mj-fetch -d out 2>>err.log |
	    mj-pack -o out.tar.gz > final.jsonl 2>>err.log
}

for rate in $RATES; do
for kind in $KINDS; do
	name="$kind at $rate"
	rm -rf run.journal out out.tar.gz final.jsonl err.log
	sim_start --duration 0.3 --capacity 100 --slow-ms 300 --seed 11 --fault "all:$kind:$rate"
	seq 1 "$N" | sed "s/^/pipeline $kind $rate /" > prompts.txt
	pipeline
	pipeline	# the rerun: finishes what can be finished, pays nothing twice
	sim_stats > stats.json
	sim_post /_sim/faults '{"faults":[]}' >/dev/null	# for our own checks
	is "$(jq '[.submissions[]] | map(select(. > 1)) | length' stats.json)" 0 "$name: no prompt submitted twice"
	is "$(jq '[.submissions[]] | (length == '"$N"' and all(. == 1))' stats.json)" true \
	    "$name: every prompt has exactly one task on the server"
	is "$(jq -s 'map(select(.error.message // "" | test("may exist"))) | length' final.jsonl)" 0 \
	    "$name: none is left 'may exist' (the task list settled each lost reply)"
	is "$(jq -s 'map(.prompt) | unique | length' final.jsonl)" "$N" "$name: every prompt has its record"
	is "$(wc -l < final.jsonl | tr -d ' ')" "$N" "$name: ... exactly one"
	bad=0
	while IFS= read -r rec; do
		st=$(jq -r '.task.status // "none"' <<<"$rec")
		if [ "$st" = SUCCESS ] && ! jq -e .error >/dev/null <<<"$rec"; then
			# the file is there, with the sha256 of what was served, and packed
			path=$(jq -r '.files[0].path' <<<"$rec")
			sum=$(jq -r '.files[0].sha256' <<<"$rec")
			id=$(jq -r .task.id <<<"$rec")
			served=$(curl -s "$SIM_URL/mj/image/$id" | sha256sum | cut -d' ' -f1)
			[ -f "$path" ] && [ "$(sha256sum < "$path" | cut -d' ' -f1)" = "$sum" ] &&
			    [ "$sum" = "$served" ] &&
			    jq -e --arg m "$(basename "$path")" '.archive.members | index($m)' >/dev/null <<<"$rec" ||
			    { bad=$((bad + 1)); diag "$name: bad success: $rec"; }
		else
			jq -e '.error.message | length > 0' >/dev/null <<<"$rec" ||
			    { bad=$((bad + 1)); diag "$name: no reason: $rec"; }
		fi
	done < final.jsonl
	is "$bad" 0 "$name: each SUCCESS on disk, right sha256, packed; the others say why"
	ok "$name: the archive holds every file" sh -c \
	    "[ \"\$(bsdtar -tf out.tar.gz | grep -vc manifest.jsonl)\" = \"\$(jq -s '[.[].archive.members[]] | length' final.jsonl)\" ]"
	ok "$name: faults were injected" test "$(jq '[.faults[]] | add // 0' stats.json)" -gt 0
	diag "$name: $(jq -s 'map(select(.task.status == "SUCCESS" and (.error | not))) | length' final.jsonl) of $N succeeded; $(jq -s 'map(select(.error.message // "" | test("may exist"))) | length' final.jsonl) may exist (reply lost after sending)"
	sim_stop
done
done
done_testing
