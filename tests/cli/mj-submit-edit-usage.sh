#!/bin/bash
# mj-submit --edit with --describe or with --retexture: a usage error
# (status 2).
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's routes

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
mj-submit --edit --describe < /dev/null > out 2> err
is "$?" 2 "--edit with --describe: a usage error"
mj-submit --edit --retexture < /dev/null > out 2> err
is "$?" 2 "--edit with --retexture: a usage error"
sim_stop
done_testing
