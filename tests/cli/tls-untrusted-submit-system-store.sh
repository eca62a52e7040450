#!/bin/bash
# HTTPS: no CA given, the system store, which does not know the test's
# CA: refused, nothing sent, the message saying how to name another CA.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/tls-untrusted-lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-120}
sim_start_tls --duration 0.2 --capacity 50
wrong_trust "the system store (no CA given)" w3.jsonl -u CURL_CA_BUNDLE
ok "... the message says how to name another" grep -q 'CURL_CA_BUNDLE' w3.jsonl
sim_stop
done_testing
