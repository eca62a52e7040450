#!/bin/bash
# HTTPS: refused by the trust store with --journal, then the same command
# with the right CA: each prompt sent, exactly once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/tls-untrusted-lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-120}
sim_start_tls --duration 0.2 --capacity 50
CURL_CA_BUNDLE=$TLS_OTHER_CA mj-submit -j 4 --journal trust.journal p2.txt \
    > refused.jsonl 2> refused.err
is "$?" 1 "refused by the trust store: exit status 1"
# the trust store fixed: the rerun sends each one, once
mj-submit -j 4 --journal trust.journal p2.txt > fixed.jsonl 2>/dev/null
jq_ok fixed.jsonl 'length == 3 and all(.task.id != null and .error == null)' \
    "the rerun with the right CA sends them"
is "$(sim_stats | jq '[.submissions | to_entries[] | select(.key | startswith("trust")) | .value] | (length == 3 and all(. == 1))')" true \
    "... each exactly once"
sim_stop
done_testing
