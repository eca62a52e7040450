#!/bin/bash
# HTTPS: CURL_CA_BUNDLE naming the wrong CA wins over a good
# SSL_CERT_FILE: refused as an untrusted certificate, nothing sent.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/tls-untrusted-lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-120}
sim_start_tls --duration 0.2 --capacity 50
wrong_trust "CURL_CA_BUNDLE wins over a good SSL_CERT_FILE" w2.jsonl \
    CURL_CA_BUNDLE="$TLS_OTHER_CA" SSL_CERT_FILE="$TLS_CA"
sim_stop
done_testing
