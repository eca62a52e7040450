#!/bin/bash
# HTTPS: the pipeline through nginx with TLS (HTTP/2 offered) in front of
# the simulator and its images, trusting a CA made by the test through
# CURL_CA_BUNDLE, never --insecure; 503s injected, run twice: every prompt
# one task, every file the bytes served, TLS sessions resumed.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-180}
N=12

pipeline() {
	mj-submit -j 8 --journal run.journal prompts.txt 2>>err.log |
	    mj-wait -i 200ms 2>>err.log |
	    mj-fetch -d out 2>>err.log |
	    mj-pack -o out.tar.gz > final.jsonl 2>>err.log
}
requests() { wc -l < "$TLS_DIR/access.log" | tr -d ' '; }

sim_start_tls --duration 0.2 --capacity 50 --fault all:503:0.2 --seed 5
seq 1 "$N" | sed 's/^/tls prompt /' > prompts.txt
pipeline
pipeline	# the rerun: nothing paid twice
sim_stats > stats.json
sim_post /_sim/faults '{"faults":[]}' >/dev/null	# for our own checks
is "$(jq '[.submissions[]] | (length == '"$N"' and all(. == 1))' stats.json)" true \
    "over HTTPS (503s injected): every prompt has exactly one task"
jq_ok final.jsonl 'length == '"$N"' and all(.task.status == "SUCCESS" and .error == null)' \
    "over HTTPS: every record a success"
jq_ok final.jsonl 'all(.files[0].url | startswith("https://localhost:"))' \
    "the images came over HTTPS too"
bad=0
while IFS= read -r rec; do
	path=$(jq -r '.files[0].path' <<<"$rec")
	sum=$(jq -r '.files[0].sha256' <<<"$rec")
	id=$(jq -r .task.id <<<"$rec")
	served=$(curl -s "$SIM_URL/mj/image/$id" | sha256sum | cut -d' ' -f1)
	[ -f "$path" ] && [ "$(sha256sum < "$path" | cut -d' ' -f1)" = "$sum" ] &&
	    [ "$sum" = "$served" ] || bad=$((bad + 1))
done < final.jsonl
is "$bad" 0 "each file on disk with the sha256 the simulator served"
ok "the archive holds every file" test "$(bsdtar -tf out.tar.gz | grep -c '\.png$')" = "$N"
ok "the front saw HTTP/2 over TLS" grep -q 'HTTP/2.0' "$TLS_DIR/access.log"
ok "submissions resumed TLS sessions (shared cache), each on its own connection" \
    grep -q 'POST /mj/submit/imagine HTTP/1.1" 200 TLSv1.3 reused=r' "$TLS_DIR/access.log"
ok "no --insecure needed: no certificate complaint" sh -c '! grep -qi "certificate" err.log'
sim_stop
done_testing
