#!/bin/bash
# HTTPS: mj-submit trusting a CA that did not sign the server's
# certificate: each record a clear error, retryable, nothing sent (the
# front logged no request), no retry in the run.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/tls-untrusted-lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-120}
sim_start_tls --duration 0.2 --capacity 50
wrong_trust "a CA that did not sign the server's certificate" w1.jsonl \
    CURL_CA_BUNDLE="$TLS_OTHER_CA"
sim_stop
done_testing
