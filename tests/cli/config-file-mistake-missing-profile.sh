#!/bin/bash
# --profile naming a section the config file lacks: exit 2, the file, no
# record, nothing sent.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0
. "$top_srcdir/tests/cli/config-file-lib.sh"
before=$(requests)
bad "a missing profile" "[p]\nmode = fast\n" "bad.conf: no profile [nope]" --profile nope
nothing_sent "$before"
done_testing
