#!/bin/bash
# A config file with a bad value is refused: exit 2, the file and line,
# no record, nothing sent.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0
. "$top_srcdir/tests/cli/config-file-lib.sh"
before=$(requests)
bad "a bad value" "# x\n[p]\nmode = slow\n" \
    "bad.conf:3: mode must be fast, relax or turbo: slow"
nothing_sent "$before"
done_testing
