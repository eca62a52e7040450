#!/bin/bash
# HTTPS: SSL_CERT_FILE names the CA when CURL_CA_BUNDLE is not set.
. "$top_srcdir/tests/cli/lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-180}
sim_start_tls --duration 0.2 --capacity 50
echo 'by SSL_CERT_FILE' | env -u CURL_CA_BUNDLE SSL_CERT_FILE="$TLS_CA" \
    mj-submit > f.jsonl 2>/dev/null
jq_ok f.jsonl '.[0].task.id != null and .[0].error == null' "SSL_CERT_FILE is trusted"
sim_stop
done_testing
