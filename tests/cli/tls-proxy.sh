#!/bin/bash
# Proxies: libcurl's own variables (https_proxy, HTTPS_PROXY, http_proxy,
# NO_PROXY) through tinyproxy, to an HTTPS API (CONNECT: the key goes
# through the tunnel, a capture of what reached the proxy shows CONNECT
# and nothing readable) and to a plain-HTTP one; a proxy answering 407,
# 502 or 503 is a failure like any other, before or after sending, and
# never makes a prompt paid twice.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-180}
KEY=sk-proxy-test-5e1d0c
MJ_RETRY_BASE_MS=10

sim_start_tls --duration 0.2 --capacity 50 --key "$KEY"
export MJ_API_KEY=$KEY
HTTPS_API=$MJ_BASE_URL
proxy_start
fake_proxy relay --relay "${PROXY_URL##*:}" --dump "$TEST_DIR/capture"
RELAY=$FAKE_PROXY_URL	# proxy.py in front of tinyproxy, recording

pipeline() {	# pipeline TAG ENV...: submit | wait | fetch under ENV
	local tag=$1
	shift
	printf '%s one\n%s two\n' "$tag" "$tag" |
	    env "$@" mj-submit 2>>err.log | env "$@" mj-wait -i 200ms 2>>err.log |
	    env "$@" mj-fetch -d "out-$tag" > "$tag.jsonl" 2>>err.log
}
served_all() {	# served_all FILE: both records a success with the file
	jq -e -s 'length == 2 and all(.task.status == "SUCCESS" and .error == null and
	    (.files[0].path | length > 0))' "$1" >/dev/null
}

# HTTPS through the proxy: CONNECT, the key inside the tunnel
: > "$TEST_DIR/capture"
pipeline https https_proxy="$RELAY"
ok "https_proxy: the pipeline over HTTPS through tinyproxy" served_all https.jsonl
ok "tinyproxy tunnelled it (CONNECT in its log)" grep -q "CONNECT localhost:$TLS_PORT" "$PROXY_LOG"
ok "the proxy saw CONNECT requests" grep -aq "^CONNECT localhost:$TLS_PORT HTTP/1.1" "$TEST_DIR/capture"
ok "... and never the key" sh -c "! grep -aqF '$KEY' '$TEST_DIR/capture'"
ok "... nor a request in clear" sh -c "! grep -aqE '^(GET|POST) ' '$TEST_DIR/capture'"
: > "$TEST_DIR/capture"
pipeline HTTPS HTTPS_PROXY="$RELAY"
ok "HTTPS_PROXY works as well" served_all HTTPS.jsonl
ok "... through the proxy" grep -aq '^CONNECT ' "$TEST_DIR/capture"

# plain HTTP through the proxy: the proxy forwards the request itself
: > "$TEST_DIR/capture"
pipeline http http_proxy="$RELAY" MJ_BASE_URL="$SIM_URL"
ok "http_proxy: the pipeline over plain HTTP through tinyproxy" served_all http.jsonl
ok "tinyproxy forwarded the POST" grep -q "POST $SIM_URL/mj/submit/imagine" "$PROXY_LOG"
ok "(over plain HTTP the proxy sees the key: the capture is real)" grep -aqF "$KEY" "$TEST_DIR/capture"

# NO_PROXY: the proxy is not used for the hosts it names
fake_proxy dead --answer 503
pipeline noproxy https_proxy="$FAKE_PROXY_URL" NO_PROXY=localhost,127.0.0.1
ok "NO_PROXY: straight to the server" served_all noproxy.jsonl
ok "... the proxy saw nothing" sh -c "! test -s '$TEST_DIR/dead.log'"

# A proxy's own answers.  submit TAG ENV...: mj-submit -v with a journal
submit() {
	local tag=$1
	shift
	printf '%s one\n%s two\n' "$tag" "$tag" > "$tag.txt"
	env "$@" mj-submit -v --journal "$tag.journal" "$tag.txt" > "$tag.jsonl" 2> "$tag.err"
}
count() {	# count TAG: tasks of the simulator for the prompts of TAG
	sim_stats | jq --arg t "$1 " '[.submissions | to_entries[] | select(.key | startswith($t)) | .value] | add // 0'
}
for code in 407 502 503; do
	fake_proxy "p$code" --answer "$code"
	# CONNECT refused: the request never left
	submit "c$code" https_proxy="$FAKE_PROXY_URL"
	jq_ok "c$code.jsonl" 'length == 2 and all(.error.retryable == true and
	    (.error.message | test("not submitted: the proxy refused the tunnel \\(HTTP '"$code"'")))' \
	    "CONNECT answered $code: not submitted, retryable"
	# plain HTTP: a 407 was not passed on; a 5xx may have been
	submit "h$code" http_proxy="$FAKE_PROXY_URL" MJ_BASE_URL="$SIM_URL"
	if [ "$code" = 407 ]; then
		jq_ok "h$code.jsonl" 'length == 2 and all(.error.retryable == true and .error.http == 407 and
		    (.error.message | test("not submitted")))' "HTTP answered 407 by the proxy: not submitted, retryable"
		ok "407: not retried in the run" sh -c "! grep -q retrying c407.err h407.err"
		is "$(grep -c CONNECT p407.log)" 2 "407 to CONNECT: one try per prompt"
	else
		jq_ok "h$code.jsonl" 'length == 2 and all(.error.retryable == false and
		    (.error.message | test("may exist")))' "HTTP answered $code by the proxy: it may have been sent on: may exist"
		ok "$code to CONNECT: retried in the run" test "$(grep -c CONNECT "p$code.log")" -gt 2
	fi
	is "$(count "c$code")$(count "h$code")" 00 "$code: nothing reached the simulator"
	# the rerun without the proxy's failures: each prompt once
	submit "c$code" https_proxy="$RELAY"
	submit "h$code" http_proxy="$RELAY" MJ_BASE_URL="$SIM_URL"
	jq_ok "c$code.jsonl" 'length == 2 and all(.task.id != null and .error == null)' \
	    "$code: the rerun through a working proxy sends them (HTTPS)"
	jq_ok "h$code.jsonl" 'length == 2 and all(.task.id != null and .error == null)' \
	    "$code: ... and settles the ambiguous ones (HTTP)"
	is "$(count "c$code") $(count "h$code")" "2 2" "$code: each prompt has exactly one task"
done

# a reply lost behind the proxy (the task made, the connection cut): the
# proxy's answer is ambiguous; the rerun finds the task, pays nothing twice
sim_post /_sim/faults '{"faults":[{"class":"submit","kind":"lost","first":2}]}' >/dev/null
submit lost http_proxy="$RELAY" MJ_BASE_URL="$SIM_URL"
ok "a reply lost behind the proxy: taken as after sending" grep -q 'after the request was sent' lost.err
jq_ok lost.jsonl 'length == 2 and all(.task.id != null or .error.retryable == false)' \
    "... its task found in the server's list, or the record says it may exist"
sim_post /_sim/faults '{"faults":[]}' >/dev/null
submit lost http_proxy="$RELAY" MJ_BASE_URL="$SIM_URL"
jq_ok lost.jsonl 'length == 2 and all(.task.id != null and .error == null)' "the rerun settles them"
is "$(count lost)" 2 "... each prompt has exactly one task"
done_testing
