#!/bin/bash
# mj-submit's video options misused: --batch-size other than 1, 2, 4,
# --loop with --end-image, --end-image without --video: each a usage
# error (status 2) that sends nothing.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/submit-routes-lib.sh"
SIM_DIALECT_FIXED=1	# trueai-org's video route
tiny_png last.png last > /dev/null

sim_start --dialect trueai --duration 0.2 --jitter 0 --capacity 20
echo x | mj-submit --video --image "$first" --batch-size 3 > out 2> err
is "$?" 2 "--batch-size 3: a usage error"
echo x | mj-submit --video --image "$first" --loop --end-image last.png \
    > out 2> err
is "$?" 2 "--loop with --end-image: a usage error"
echo x | mj-submit --end-image last.png > out 2> err
is "$?" 2 "--end-image without --video: a usage error"
# this simulator saw only these three (when the video cases shared one,
# this compared with the count before them)
is "$(req video)" 0 "... nothing sent"
sim_stop
done_testing
