#!/bin/bash
# mj-submit against trueai-org's limits on imagine, which come as code 4
# saying 并发数已达上限 (api.md 7b): backed off and sent again, created
# once.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# the simulator here says its dialect

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
# the next two imagine requests refused (only /_sim/limit sets "imagine")
sim_post /_sim/limit '{"message":"并发数已达上限","count":2,"imagine":true}' \
    > /dev/null
n=$(req imagine)
echo 'a limited cat' | mj-submit > out 2> err
is "$?" 0 "imagine: code 4 并发数已达上限 (a limit) is backed off: status 0"
jq_ok out '.[0].task.id != null and .[0].error == null' "... and submitted"
is "$(( $(req imagine) - n ))" 3 "... the two refusals were sent again"
is "$(sim_stats | jq '.submissions["a limited cat"]')" 1 "... created once"
sim_stop
done_testing
