#!/bin/bash
# HTTPS: mj-wait against an untrusted certificate: polls refused for good
# end the wait at once, retryable; trusted again, the rerun waits.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-180}
sim_start_tls --duration 0.2 --capacity 50
printf 'trust one\ntrust two\ntrust three\n' > p2.txt
mj-submit -j 4 p2.txt > fixed.jsonl 2>/dev/null

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
sim_stop
done_testing
