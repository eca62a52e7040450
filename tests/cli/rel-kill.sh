#!/bin/bash
# Crash and resume: one program of the pipeline, chosen at random, is
# killed with SIGKILL at a random instant (seeded), KILLS times; then the
# same command runs to its end.  Every prompt has exactly one task and
# ends with its image on disk (right sha256) and in the archive (a kill
# between a request and its reply is settled by the server's task list);
# no .part file is left behind.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-300}
KILLS=${KILLS:-4}
N=${N:-40}
RANDOM=${SEED:-777}
sim_start --duration 0.4 --jitter 0.3 --capacity 100 --image-bytes 200000
seq 1 "$N" | sed 's/^/crash prompt /' > prompts.txt
J=$TEST_DIR/run.journal E=$TEST_DIR/events.jsonl O=$TEST_DIR/out A=$TEST_DIR/out.tar.gz

pipeline() {
	mj-submit -j 4 --rate 20 --journal "$J" prompts.txt 2>>err.log |
	    mj-wait -i 200ms --events "$E" 2>>err.log |
	    mj-fetch -j 4 -d "$O" 2>>err.log |
	    mj-pack -o "$A" > final.jsonl 2>>err.log
}
marks=("$J" "$E" "-d $O" "-o $A")
names=(mj-submit mj-wait mj-fetch mj-pack)

for k in $(seq 1 "$KILLS"); do
	pipeline &
	ppid_=$!
	delay=$(( 50 + RANDOM % 700 ))
	stage=$(( RANDOM % 4 ))
	sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
	pid=""
	for off in 0 1 2 3; do	# the chosen one, or the next still running
		pid=$(pgrep -f -- "${marks[$(( (stage + off) % 4 ))]}" | head -1)
		[ -n "$pid" ] && { stage=$(( (stage + off) % 4 )); break; }
	done
	if [ -n "$pid" ]; then
		kill -9 "$pid"
		diag "run $k: killed ${names[$stage]} after $delay ms"
	else
		diag "run $k: the pipeline had already ended at $delay ms"
	fi
	wait_until 60 sh -c "! kill -0 $ppid_ 2>/dev/null" || kill -9 -- "$ppid_"
	wait "$ppid_" 2>/dev/null
done
pipeline
sim_stats > stats.json

is "$(jq '[.submissions[]] | map(select(. > 1)) | length' stats.json)" 0 "no prompt submitted twice"
is "$(wc -l < final.jsonl | tr -d ' ')" "$N" "the last run writes one record per prompt"
bad=0; ok_n=0
while IFS= read -r rec; do
	if jq -e '.task.status == "SUCCESS" and (.error | not)' >/dev/null <<<"$rec"; then
		path=$(jq -r '.files[0].path' <<<"$rec")
		[ -f "$path" ] && [ "$(sha256sum < "$path" | cut -d' ' -f1)" = "$(jq -r '.files[0].sha256' <<<"$rec")" ] &&
		    [ "$(jq -r '.archive.members[0]' <<<"$rec")" = "$(basename "$path")" ] &&
		    ok_n=$((ok_n + 1)) || bad=$((bad + 1))
	else
		bad=$((bad + 1)); diag "not complete: $rec"
	fi
done < final.jsonl
is "$bad" 0 "every prompt: its file, whole and packed ($ok_n complete)"
is "$(jq '[.submissions[]] | (length == '"$N"' and all(. == 1))' stats.json)" true \
    "every prompt has exactly one task on the server"
ok "no .part file left" test -z "$(find "$O" -name '*.part')"
ok "the archive is whole" sh -c "bsdtar -tf '$A' > /dev/null && test ! -e '$A.part'"
ok "the archive holds every file" sh -c \
    "[ \"\$(bsdtar -tf '$A' | grep -vc manifest.jsonl)\" = \"$ok_n\" ]"
done_testing
