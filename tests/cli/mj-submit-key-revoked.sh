#!/bin/bash
# mj-submit: a key that stops working mid-run (401, then 403) stops the
# sending at once, the rest retryable with one message, status 1, not 2;
# with --journal the same command once the key works again submits
# exactly the rest.  Each status on its own simulator.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=60

prompts() { seq 1 "$1" | sed "s/^/$2 /"; }
imagines() { sim_stats | jq '.requests["POST /mj/submit/imagine"] // 0'; }

# a key that stops working after 3 tasks (401, then 403): the same path
for st in 401 403; do
	sim_start --duration 0.2 --capacity 20 --revoke-after 3 --revoke-status $st
	prompts 8 k$st | mj-submit -j 1 --journal k$st.journal > out 2> err
	is "$?" 1 "a key refused mid-run ($st): status 1, not 2"
	jq_ok out 'map(select(.task.id)) | length == 3' "... three submitted before"
	jq_ok out '.[3].error.http == '$st' and (map(select(.error)) | length == 5 and all(.error.message == "not submitted: the API refused the key" and .error.retryable))' \
	    "... the rest retryable, the first with HTTP $st"
	is "$(imagines)" 4 "... nothing sent after the refusal"
	is "$(wc -l < err | tr -d ' ')" 1 "... one message on stderr"
	ok "... saying so" grep -q "refused the key (HTTP $st)" err
	sim_post /_sim/revoke '{"revoked":false}' > /dev/null
	prompts 8 k$st | mj-submit -j 1 --journal k$st.journal > out 2> err
	is "$?" 0 "... the key works again: the same command finishes"
	is "$(sim_stats | jq '[.submissions[]] | (length == 8 and all(. == 1))')" true \
	    "... each prompt submitted exactly once"
	sim_stop
done
done_testing
