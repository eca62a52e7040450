#!/bin/bash
# A config file with an unknown setting is refused: exit 2, the file and
# line, the known names, no record, nothing sent.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0
. "$top_srcdir/tests/cli/config-file-lib.sh"
before=$(requests)
bad "an unknown name" "colour = blue\n" \
    "bad.conf:1: unknown setting 'colour' (known: api-key-file, auth, base-url, metrics-dir, mode, settle)"
nothing_sent "$before"
done_testing
