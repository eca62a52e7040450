#!/bin/bash
# MJ_PROFILE naming a section the config file lacks: exit 2, the file,
# nothing sent.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0
. "$top_srcdir/tests/cli/config-file-lib.sh"
before=$(requests)
echo 'a dog' | MJ_PROFILE=nope mj-submit > out 2> err
is "$?:$(cat err)" "2:mj-submit: $conf: no profile [nope]" "MJ_PROFILE naming no section"
nothing_sent "$before"
done_testing
