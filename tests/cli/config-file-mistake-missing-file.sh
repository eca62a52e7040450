#!/bin/bash
# --config naming a file that does not exist: exit 2, nothing sent.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0
. "$top_srcdir/tests/cli/config-file-lib.sh"
before=$(requests)
echo 'a dog' | mj-submit --config nofile > out 2> err
is "$?:$(cat err)" "2:mj-submit: nofile: No such file or directory" "a file named must exist"
nothing_sent "$before"
done_testing
