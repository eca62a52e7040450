#!/bin/bash
# mj-fetch streams: a record is written before the input ends, and the
# program ends at end of input.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2 --jitter 0 --capacity 10 --image-bytes 20000
echo '{"prompt":"one","sku":"A"}' | mj-submit | mj-wait -i 200ms > tasks
mkfifo in.fifo
run_prog mj-fetch -d out/sub < in.fifo > out5 2> err &
fpid=$!
exec 3> in.fifo
head -1 tasks >&3
wait_until 10 test -s out5
is "$?" 0 "a record comes out while the input is still open"
exec 3>&-
wait "$fpid"
is "$?" 0 "... and the program ends at end of input"
done_testing
