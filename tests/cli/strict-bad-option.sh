#!/bin/bash
# One message for a bad option, from each program, then the pointer to
# --help; a missing value said so.
. "$top_srcdir/tests/cli/lib.sh"
sim_start --duration 0.2
for p in mj-submit mj-wait mj-fetch mj-pack; do
	$p --frobnicate < /dev/null > /dev/null 2> err
	rc=$?
	is "$rc:$(head -1 err)" "2:$p: unknown option '--frobnicate'" "$p: an unknown option, named once"
	is "$(sed -n 2p err):$(wc -l < err | tr -d ' ')" "$p: try '$p --help' for more information:2" \
	    "$p: ... then the pointer to --help, nothing more"
done
mj-submit -j < /dev/null > /dev/null 2> err
is "$(head -1 err)" "mj-submit: option '-j' needs a value" "a missing value: said so"
sim_stop
done_testing
