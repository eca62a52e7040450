#!/bin/bash
# The pipeline under faults (rel-pipeline.sh) over HTTPS: every simulator
# behind nginx with TLS, its images too, trusted through CURL_CA_BUNDLE.
# Through the front a reset or a lost reply becomes nginx's 502, after
# the request was sent: still one task per prompt.
MJ_TEST_TLS=1 KINDS=${KINDS:-"503 lost"} exec bash "$top_srcdir/tests/cli/rel-pipeline.sh"
