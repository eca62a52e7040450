#!/bin/bash
# HTTPS: a certificate of the trusted CA, but for another host name:
# refused, nothing sent.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/tls-untrusted-lib.sh"
TEST_TIMEOUT=${TEST_TIMEOUT:-120}
sim_start_tls --duration 0.2 --capacity 50
tls_front "$SIM_PORT" "" "$TLS_WRONG_CERT" "$TLS_WRONG_KEY"	# our CA, for other.example
wrong_trust "a certificate for another host name" w5.jsonl MJ_BASE_URL="$TLS_URL"
sim_stop
done_testing
