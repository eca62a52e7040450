#!/bin/bash
# mj-submit --blend with --image given once: the options are wrong, a
# usage error (status 2) saying so; nothing is read or sent.
. "$top_srcdir/tests/cli/lib.sh"
requests() { sim_stats | jq '.requests | add'; }	# all it took
cp "$top_srcdir/samples/reference.png" a.png

sim_start --duration 0.2 --capacity 50
n0=$(requests)
echo '{}' | mj-submit --blend --image a.png > out 2> err
is "$?" 2 "--blend with one --image: a usage error, status 2"
ok "... saying so" grep -q -- '--blend: 2 to 5 --image, got 1' err
is "$(requests)" "$n0" "... nothing sent"
sim_stop
done_testing
