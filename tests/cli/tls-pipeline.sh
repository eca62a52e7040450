#!/bin/bash
# HTTPS: the pipeline through nginx with TLS (HTTP/2 offered) in front of
# the simulator and its images, trusting a CA made by the test through
# CURL_CA_BUNDLE or SSL_CERT_FILE, never --insecure.  A certificate that
# is not trusted, or not for the host: a clear error record, retryable,
# nothing sent (the front logged no request) and no retry in the run; a
# rerun once the trust store is right sends each prompt exactly once.
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

# SSL_CERT_FILE when CURL_CA_BUNDLE is not set
echo 'by SSL_CERT_FILE' | env -u CURL_CA_BUNDLE SSL_CERT_FILE="$TLS_CA" \
    mj-submit > f.jsonl 2>/dev/null
jq_ok f.jsonl '.[0].task.id != null and .[0].error == null' "SSL_CERT_FILE is trusted"

# refused before sending: a record that says why, retryable, nothing sent
# wrong_trust DESC OUT [ENV...]: mj-submit -v with a journal, under ENV
wrong_trust() {
	local desc=$1 out=$2 before t0 t1
	shift 2
	before=$(requests)
	t0=$(date +%s%N)
	env "$@" mj-submit -v -j 4 --journal trust.journal p2.txt > "$out" 2> "$out.err"
	is "$?" 1 "$desc: exit status 1"
	t1=$(date +%s%N)
	jq_ok "$out" 'length == 3 and all(.error.retryable == true and
	    (.error.message | test("TLS: .*certificate")) and .task.id == null)' \
	    "$desc: each record an error naming the certificate, retryable"
	is "$(requests)" "$before" "$desc: nothing reached the server (the front logged no request)"
	ok "$desc: not retried in the run (no 'retrying')" sh -c "! grep -q 'retrying' '$out.err'"
	ok "$desc: given up promptly (under 5 s)" test $(( (t1 - t0) / 1000000 )) -lt 5000
	ok "$desc: stderr says it" grep -q 'TLS: .*certificate' "$out.err"
}
printf 'trust one\ntrust two\ntrust three\n' > p2.txt
wrong_trust "a CA that did not sign the server's certificate" w1.jsonl \
    CURL_CA_BUNDLE="$TLS_OTHER_CA"
wrong_trust "CURL_CA_BUNDLE wins over a good SSL_CERT_FILE" w2.jsonl \
    CURL_CA_BUNDLE="$TLS_OTHER_CA" SSL_CERT_FILE="$TLS_CA"
wrong_trust "the system store (no CA given)" w3.jsonl -u CURL_CA_BUNDLE
ok "... the message says how to name another" grep -q 'CURL_CA_BUNDLE' w3.jsonl
wrong_trust "a missing CA file" w4.jsonl CURL_CA_BUNDLE="$TEST_DIR/no-such-ca.pem"
main_front=$TLS_DIR
tls_front "$SIM_PORT" "" "$TLS_WRONG_CERT" "$TLS_WRONG_KEY"	# our CA, for other.example
wrong_host=$TLS_URL
wrong_trust "a certificate for another host name" w5.jsonl MJ_BASE_URL="$wrong_host"
TLS_DIR=$main_front
# twenty prompts against an untrusted certificate: one message, twenty
# records, and no attempt after the first refusals
seq 1 20 | sed 's/^/trust many /' |
    CURL_CA_BUNDLE=$TLS_OTHER_CA mj-submit -j 4 > many.jsonl 2> many.err
is "$?" 1 "twenty refused by the trust store: exit status 1"
jq_ok many.jsonl 'length == 20 and all(.error.retryable == true and .task.id == null)' \
    "... twenty records, retryable"
is "$(grep -c 'TLS' many.err)" 1 "... one message on stderr for them all"
ok "... the message says how to go on" grep -q 'run the same command again' many.err
is "$(sim_stats | jq '[.submissions | to_entries[] | select(.key | startswith("trust"))] | length')" 0 \
    "the simulator never saw the refused prompts"
# the trust store fixed: the rerun sends each one, once
mj-submit -j 4 --journal trust.journal p2.txt > fixed.jsonl 2>/dev/null
jq_ok fixed.jsonl 'length == 3 and all(.task.id != null and .error == null)' \
    "the rerun with the right CA sends them"
is "$(sim_stats | jq '[.submissions | to_entries[] | select(.key | startswith("trust")) | .value] | (length == 3 and all(. == 1))')" true \
    "... each exactly once"

# mj-wait: polls refused for good end the wait at once, retryable
t0=$(date +%s)
CURL_CA_BUNDLE=$TLS_OTHER_CA mj-wait -i 200ms fixed.jsonl > mw.jsonl 2> mw.err
is "$?" 1 "mj-wait, untrusted: exit status 1"
jq_ok mw.jsonl 'length == 3 and all(.task.id != null and .error.retryable == true and
    (.error.message | test("certificate")))' "mj-wait, untrusted: each task out with a retryable error"
ok "mj-wait, untrusted: given up promptly" test $(( $(date +%s) - t0 )) -lt 5
ok "mj-wait, untrusted: stderr says it once" test "$(grep -c certificate mw.err)" -ge 1
jq -c 'del(.error)' mw.jsonl | mj-wait -i 200ms > mw2.jsonl 2>/dev/null
jq_ok mw2.jsonl 'length == 3 and all(.task.status == "SUCCESS" and .error == null)' \
    "mj-wait, trusted again: the rerun waits for them"

# mj-fetch: an image from an untrusted host is a retryable file error
jq -c '.task.imageUrl = "'"$wrong_host"'/mj/image/\(.task.id)" | del(.files)' final.jsonl |
    head -2 > moved.jsonl
mj-fetch -d out2 moved.jsonl > mf.jsonl 2> mf.err
jq_ok mf.jsonl 'length == 2 and all(.error.retryable == true and (.error.message | test("certificate")))' \
    "mj-fetch: an untrusted image host: retryable error records"
done_testing
