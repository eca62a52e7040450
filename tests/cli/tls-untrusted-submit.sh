#!/bin/bash
# HTTPS: a certificate that is not trusted (another CA, CURL_CA_BUNDLE over
# a good SSL_CERT_FILE, the system store, a missing CA file), or not for
# the host: mj-submit writes a clear error record, retryable, nothing sent
# (the front logged no request) and no retry in the run; twenty prompts,
# one message; a rerun once the trust store is right sends each prompt
# exactly once.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-180}
sim_start_tls --duration 0.2 --capacity 50
requests() { wc -l < "$TLS_DIR/access.log" | tr -d ' '; }

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
sim_stop
done_testing
