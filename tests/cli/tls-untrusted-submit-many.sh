#!/bin/bash
# HTTPS: twenty prompts against an untrusted certificate: twenty
# retryable records, one message for them all saying how to go on, and
# no attempt after the first refusals.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/tls-untrusted-lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-120}
sim_start_tls --duration 0.2 --capacity 50
seq 1 20 | sed 's/^/trust many /' |
    CURL_CA_BUNDLE=$TLS_OTHER_CA mj-submit -j 4 > many.jsonl 2> many.err
is "$?" 1 "twenty refused by the trust store: exit status 1"
jq_ok many.jsonl 'length == 20 and all(.error.retryable == true and .task.id == null)' \
    "... twenty records, retryable"
is "$(grep -c 'TLS' many.err)" 1 "... one message on stderr for them all"
ok "... the message says how to go on" grep -q 'run the same command again' many.err
# the case's own count (when the refusals shared one simulator, they
# were all counted here)
is "$(seen)" 0 "the simulator never saw the refused prompts"
sim_stop
done_testing
