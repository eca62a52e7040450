#!/bin/bash
# HTTPS: CURL_CA_BUNDLE naming a file that does not exist: refused as an
# untrusted certificate, nothing sent.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/tls-untrusted-lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-120}
sim_start_tls --duration 0.2 --capacity 50
wrong_trust "a missing CA file" w4.jsonl CURL_CA_BUNDLE="$TEST_DIR/no-such-ca.pem"
sim_stop
done_testing
